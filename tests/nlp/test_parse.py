"""The parse stage records sentences with their offsets."""

from __future__ import annotations

import pytest

from sitrep.models import Document
from sitrep.nlp.parse import process

pytestmark = pytest.mark.model


def test_sentences_point_back_into_the_text(nlp, settings):
    text = "Denmark rejected the proposal. Greenland agreed.\n\nNATO said nothing."
    (doc,) = process([Document(id="d", text=text)], settings)
    assert len(doc.sentences) == 3
    for sent in doc.sentences:
        assert text[sent.start : sent.end] == sent.text


def test_long_texts_are_cut_to_the_limit(nlp, settings):
    (doc,) = process([Document(id="d", text="Word. " * 100)], settings.replace(max_doc_chars=60))
    assert doc.sentences[-1].end <= 60
