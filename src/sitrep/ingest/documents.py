"""The pieces every reader shares: the error callback, decoding bytes, dates, making a Document.

This module sits below the readers: ``readers`` (paths, directories, stdin,
JSONL), ``formats`` (HTML, CSV) and ``feeds`` (RSS/Atom, URLs) all import it,
and it imports none of them, so the ingest modules import each other one way
only (documents <- formats <- feeds <- readers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sitrep.errors import InputError
from sitrep.models import Document
from sitrep.settings import Settings

OnError = Callable[[InputError], None]

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 (or BOM-marked UTF-16) text from bytes, refusing empty, binary and other input."""
    if data.startswith(UTF16_BOMS):
        return decode_utf16(data, name)
    if not data.strip():
        raise InputError(name, "is empty", "give a file with some text in it")
    if b"\x00" in data[:8192]:
        raise InputError(name, "looks like a binary file, not text", "give UTF-8 text, JSONL, CSV or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"is not UTF-8 text (bad byte at offset {exc.start})", "convert it with iconv -t UTF-8"
        ) from exc
    if not text.strip():
        raise InputError(name, "is empty", "give a file with some text in it")
    return text


def decode_utf16(data: bytes, name: str) -> str:
    """Text saved as UTF-16 with a byte-order mark (Windows editors do this)."""
    try:
        text = data.decode("utf-16")
    except UnicodeDecodeError as exc:
        raise InputError(
            name, f"starts like UTF-16 but has a bad byte at offset {exc.start}", "convert it with iconv -t UTF-8"
        ) from exc
    if not text.strip():
        raise InputError(name, "is empty", "give a file with some text in it")
    return text


def make_document(doc_id: str, text: str, settings: Settings, **meta: Any) -> Document:
    """A Document, with the publication date falling back to ``settings``.

    A date that is given but cannot be read is not dropped silently: the
    document carries a note, which the pipeline reports as a warning line.
    """
    given = meta.pop("date", None)
    day = normalise_date(given)
    notes = []
    if given and day is None:
        notes.append(f"date {str(given)[:40]!r} is not a date sitrep can read (YYYY-MM-DD); it was left out")
    meta = {key: clean_text(value) if isinstance(value, str) else value for key, value in meta.items()}
    fallback = normalise_date(settings.publication_date)
    return Document(id=clean_text(doc_id), text=clean_text(text), date=day or fallback, notes=notes, **meta)


def clean_text(text: str) -> str:
    """Text that encodes as UTF-8: lone surrogates (from JSON escapes such as \\ud800) become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "".join(ch if not 0xD800 <= ord(ch) <= 0xDFFF else "\ufffd" for ch in text)
    return text


ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def normalise_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from ISO dates, timestamps and ``YYYY/MM/DD``; None when unreadable.

    Nothing is clamped or guessed: ``99999-99-99`` or ``2020-02-30`` gives None.
    """
    if not value:
        return None
    text = str(value).strip().replace("/", "-").replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        pass
    match = ISO_DAY.match(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups())).isoformat()
    except ValueError:
        return None


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (at most 200 characters), for an InputError."""
    return " ".join(str(exc).split())[:200] or type(exc).__name__
