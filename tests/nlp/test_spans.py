"""The span helpers agree with spaCy's own (slower) attributes."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.nlp.spans import ents_within, text_end


@pytest.mark.parametrize(
    ("words", "spaces"),
    [
        ([], []),
        (["Troops", "arrived", "."], [True, False, False]),
        (["Troops", "arrived", ".", " "], [True, False, True, False]),
    ],
)
def test_text_end_is_the_length_of_the_parsed_text(words: list[str], spaces: list[bool]) -> None:
    doc = Doc(Vocab(), words=words, spaces=spaces)
    assert text_end(doc) == len(doc.text)


def test_ents_within_keeps_only_entities_inside_the_span() -> None:
    doc = Doc(Vocab(), words=["Anne", "Lund", "met", "Danish", "officials"], ents=["B-PERSON", "I-PERSON", "O", "B-NORP", "O"])
    assert [e.text for e in ents_within(doc[1:5])] == ["Danish"]
    assert [e.text for e in ents_within(doc[0:3])] == ["Anne Lund"]
