"""Readers for richer formats (HTML, CSV), keyed by file suffix.

Each reader has the signature ``(path, settings, on_error) -> Iterator[Document]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sitrep.models import Document

Reader = Callable[[Path, Any, Any], Iterator[Document]]

READERS: dict[str, Reader] = {}
