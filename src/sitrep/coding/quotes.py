"""Stage placeholder for quotes: filled in by its issue."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sitrep.models import Document
from sitrep.settings import Settings


def process(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
    """Pass documents through unchanged until this stage is built."""
    yield from docs
