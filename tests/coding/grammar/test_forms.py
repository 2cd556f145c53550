"""Word forms, on hand-built tokens (no model): plurals and lemma guesses."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sitrep.coding.grammar.forms import lemma_candidates, plural_of


@pytest.mark.parametrize(
    ("phrase", "plural"),
    [("spokesman", "spokesmen"), ("army", "armies"), ("armed force", "armed forces"), ("bus", "buses"),
     ("official", "officials"), ("day", "days")],
)
def test_plural_of(phrase: str, plural: str) -> None:
    assert plural_of(phrase) == plural


@pytest.mark.parametrize(
    ("word", "slipped", "expected"),
    [("staged", "stag", "stage"), ("stopped", "stopped", "stop"), ("carried", "carried", "carry")],
)
def test_lemma_guesses_from_the_word_form(vocab: Vocab, word: str, slipped: str, expected: str) -> None:
    token = Doc(vocab, words=[word], lemmas=[slipped])[0]
    assert expected in lemma_candidates(token, {})


def test_an_irregular_form_gives_its_lemma(vocab: Vocab) -> None:
    token = Doc(vocab, words=["overran"], lemmas=["overran"])[0]
    assert "overrun" in lemma_candidates(token, {"overran": "overrun"})
