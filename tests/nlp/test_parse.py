"""The parse stage records sentences with their offsets."""

from __future__ import annotations

import pytest

from sitrep.models import Document
from sitrep.nlp.model import load_resources
from sitrep.nlp.parse import process

pytestmark = pytest.mark.model


def test_sentences_point_back_into_the_text(nlp, settings, resources):
    text = "Denmark rejected the proposal. Greenland agreed.\n\nNATO said nothing."
    (doc,) = process([Document(id="d", text=text)], settings, resources)
    assert len(doc.sentences) == 3
    for sent in doc.sentences:
        assert text[sent.start : sent.end] == sent.text


def test_long_texts_are_cut_to_the_limit(nlp, settings, resources):
    (doc,) = process([Document(id="d", text="Word. " * 100)], settings.replace(max_doc_chars=60), resources)
    assert doc.sentences[-1].end <= 60


def sentence_texts(text: str, settings) -> list[str]:
    (doc,) = process([Document(id="d", text=text)], settings, load_resources(settings))
    return [s.text.strip() for s in doc.sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date line or heading with no full stop still ends at its paragraph break
        ("Friday, March 6, 2020\n\nTroops crossed the river on Monday.",
         ["Friday, March 6, 2020", "Troops crossed the river on Monday."]),
        ("Rebels attack convoy\nRebels attacked a convoy near the border.",
         ["Rebels attack convoy", "Rebels attacked a convoy near the border."]),
        # a paragraph break ends a sentence even where the parser would run on
        ("The minister left the meeting\n\nThe talks resumed later.",
         ["The minister left the meeting", "The talks resumed later."]),
    ],
)
def test_a_paragraph_break_always_ends_a_sentence(nlp, settings, text, expected) -> None:
    assert sentence_texts(text, settings) == expected


def test_a_hard_wrapped_line_does_not_end_a_sentence(nlp, settings) -> None:
    text = "Police said the\nprotesters had left."
    assert sentence_texts(text, settings) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said the talks "were over." They left.', ['He said the talks "were over."', "They left."]),
        ('"Go home!" the police said. "Now."', ['"Go home!" the police said.', '"Now."']),
        ("“We will stay,” she said.", ["“We will stay,” she said."]),
    ],
)
def test_a_closing_quotation_mark_stays_with_its_sentence(nlp, settings, text, expected) -> None:
    assert sentence_texts(text, settings) == expected


def test_sentence_marks_are_added_once(nlp, settings) -> None:
    from sitrep.nlp.parse import SENTENCE_MARKS, sentence_pipeline

    names = sentence_pipeline(settings).pipe_names
    assert names.count(SENTENCE_MARKS) == 1 and names.index(SENTENCE_MARKS) < names.index("parser")


def test_sentence_marks_on_a_hand_built_doc(nlp) -> None:
    """The closing mark after "him." may not start a sentence; the word after the blank line must."""
    from spacy.tokens import Doc

    from sitrep.nlp.parse import find_sentence_marks

    words = ["Lonsa", "said", ":", '"', "He", "will", "see", "him", ".", '"', "\n\n", "He", "left", "."]
    spaces = [True, False, True, False, True, True, True, False, False, False, False, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces)
    assert find_sentence_marks(doc) == [(9, False), (11, True)]
