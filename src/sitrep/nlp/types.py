"""The spaCy types that sitrep's annotations name, in one place.

spaCy ships type hints (``.pyi`` files) for ``Doc``, ``Span`` and ``Token``
and for ``Language``, so mypy knows their attributes (``dep_``, ``head``,
``children``, ``sents``, ``ents``...). Annotate with these names rather than
``Any`` or ``object``: a typo in an attribute then fails the type check, not a
run. Only the custom ``._`` extensions stay untyped (``Underscore`` is dynamic).

The import is cheap once spaCy is loaded; modules that want to keep import time
low can import this under ``typing.TYPE_CHECKING`` (with
``from __future__ import annotations``) and pay nothing at run time.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

__all__ = ["Doc", "Language", "Span", "Token", "Vocab"]
