"""Hand-built spaCy ``Doc``s for grammar rules, as spaCy's own tests build them.

A grammar test states the parse it is about (words, heads, labels, tags), so
it tests the rule and not the statistical model, and it does not move when
the model is retrained.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab


@pytest.fixture(scope="session")
def vocab() -> Vocab:
    """A blank English vocabulary: lexical attributes (lower, like_num ...), no model."""
    return English().vocab


@pytest.fixture
def hand_doc(vocab: Vocab) -> Callable[..., Doc]:
    """Factory: a parsed Doc from words, absolute head indices and dependency labels.

    ``pos`` and ``lemmas`` are optional; ``tags`` default to nothing.  Example:
    ``hand_doc(["Denmark", "rejected", "it"], [1, 1, 1], ["nsubj", "ROOT", "dobj"])``.
    """

    def make(
        words: Sequence[str],
        heads: Sequence[int],
        deps: Sequence[str],
        pos: Sequence[str] | None = None,
        lemmas: Sequence[str] | None = None,
        tags: Sequence[str] | None = None,
        ents: Sequence[str] | None = None,
    ) -> Doc:
        return Doc(
            vocab, words=list(words), heads=list(heads), deps=list(deps),
            pos=list(pos) if pos else None, lemmas=list(lemmas) if lemmas else None,
            tags=list(tags) if tags else None, ents=list(ents) if ents else None,
        )

    return make
