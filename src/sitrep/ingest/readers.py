"""Turn command-line inputs into Documents, reporting bad inputs without stopping.

Every reader is a generator of ``Document``; a problem with one input (or one
JSONL line) is handed to ``on_error`` as an ``InputError`` and reading goes on
with the next, so that one bad file never sinks a batch.  This module reads
plain text, stdin and JSONL itself and dispatches the other kinds by suffix
(``formats``: HTML, CSV; ``feeds``: RSS/Atom files and URLs); neither of those
imports it.  The shared pieces (``OnError``, ``decode_text``, ``make_document``,
``normalise_date``) live in ``documents`` and are re-exported here, where
callers have always imported them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from sitrep.errors import InputError
from sitrep.ingest import feeds, formats
from sitrep.ingest.documents import (  # "x as x": re-exported, readers is where callers import them
    OnError as OnError,
    UTF16_BOMS,
    decode_text as decode_text,
    decode_utf16,
    make_document as make_document,
    normalise_date as normalise_date,
    one_line,
)
from sitrep.models import Document
from sitrep.settings import Settings

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
STDIN = "-"

# The richer kinds, by suffix: HTML and CSV/TSV (formats), saved RSS/Atom feeds (feeds).
READERS: dict[str, formats.Reader] = {
    **formats.READERS,
    **{suffix: feeds.read_feed_file for suffix in formats.FEED_SUFFIXES},
}


def read_inputs(inputs: Iterable[str], settings: Settings, on_error: OnError) -> Iterator[Document]:
    """Documents from paths, directories, ``-`` (stdin) and JSONL files, in order."""
    for raw in inputs:
        try:
            yield from _read_one(raw, settings, on_error)
        except InputError as err:
            on_error(err)
        except (ValueError, LookupError, TypeError, AttributeError, RecursionError) as exc:
            # a reader library tripped on this input; the others are still read
            on_error(InputError(raw, f"cannot be read ({type(exc).__name__}: {one_line(exc)})"))


def _read_one(raw: str, settings: Settings, on_error: OnError) -> Iterator[Document]:
    if raw == STDIN:
        yield from read_stream(sys.stdin, STDIN, settings)
        return
    if feeds.is_url(raw):
        yield from feeds.read_url(raw, settings, on_error)
        return
    path = Path(raw)
    if not path.exists():
        raise InputError(raw, "no such file or directory", "check the path")
    if path.is_dir():
        yield from read_directory(path, settings, on_error)
        return
    if not path.is_file():
        raise InputError(
            raw, "is not a regular file (a FIFO, socket or device)", "give a file, or pipe the text to `-`"
        )
    yield from read_file(path, settings, on_error)


def read_directory(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """Every readable file below ``path``, sorted for a stable order."""
    files = sorted(p for p in path.rglob("*") if p.is_file() and is_readable_kind(p))
    if not files:
        raise InputError(str(path), "directory holds no text, JSONL, CSV or HTML files")
    for file in files:
        try:
            yield from read_file(file, settings, on_error)
        except InputError as err:
            on_error(err)


def is_readable_kind(path: Path) -> bool:
    """Whether a file's name says sitrep can read it."""
    if path.name.startswith("."):
        return False
    return path.suffix.lower() in TEXT_SUFFIXES | JSONL_SUFFIXES | extra_suffixes()


def extra_suffixes() -> set[str]:
    """Suffixes handled by the richer readers (``ingest.formats`` and ``ingest.feeds``)."""
    return set(READERS)


def read_file(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """One file: JSONL gives many documents, other kinds one.

    A file that exists but cannot be read (permissions, I/O error, a FIFO that
    fails) is an InputError like any other bad input, so the batch goes on.
    """
    try:
        yield from _read_file(path, settings, on_error)
    except OSError as exc:
        problem = f"cannot be read ({exc.strerror or exc})"
        raise InputError(str(path), problem, "check its permissions") from exc


def _read_file(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(path, settings, on_error)
        return
    if suffix in READERS:
        yield from READERS[suffix](path, settings, on_error)
        return
    text = decode_text(path.read_bytes(), str(path))
    yield make_document(str(path), text, settings, source=str(path))


def read_stream(stream: TextIO, name: str, settings: Settings) -> Iterator[Document]:
    """Standard input as one text document."""
    data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read().encode("utf-8")
    yield make_document("stdin", decode_text(data, name), settings, source=name)


def read_jsonl(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """One document per JSON line holding ``text`` (and optionally id, title, date, url)."""
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(str(path), "is empty", "give one JSON object per line")
    try:
        content = decode_utf16(raw, str(path)) if raw.startswith(UTF16_BOMS) else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not UTF-8 (bad byte at offset {exc.start})") from exc
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            yield document_from_record(parse_json_line(line, where), where, settings, str(path))
        except InputError as err:
            on_error(err)
        except (ValueError, TypeError, RecursionError) as exc:  # e.g. JSON nested past the parser's depth
            on_error(InputError(where, f"cannot be read ({type(exc).__name__}: {one_line(exc)})"))


def parse_json_line(line: str, where: str) -> dict[str, Any]:
    """The object on one JSONL line, or an InputError saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"is not valid JSON ({exc.msg})", "fix or remove the line") from exc
    if not isinstance(record, dict):
        raise InputError(where, "is not a JSON object", "each line must be an object with a 'text' field")
    return record


def document_from_record(record: dict[str, Any], where: str, settings: Settings, source: str) -> Document:
    """A Document from a mapping with ``text`` and optional id, title, date, url."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "has no 'text' field with text in it", "add a non-empty 'text'")
    raw_id = record.get("id")
    doc_id = where if raw_id is None or str(raw_id).strip() == "" else str(raw_id)  # id 0 is an id
    return make_document(
        doc_id,
        text,
        settings,
        title=_opt_str(record.get("title")),
        date=_opt_str(record.get("date")),
        url=_opt_str(record.get("url")),
        source=source,
    )


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)
