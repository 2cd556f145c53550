"""Writing coded documents as JSON, JSONL or CSV (one event per row)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from sitrep.errors import ConfigError
from sitrep.models import Document
from sitrep.store.rows import event_row

FORMATS = ("json", "jsonl", "csv")

# Event columns for CSV output: document columns first, then the flat event row.
CSV_DOC_COLUMNS = ("doc_id", "doc_title", "doc_date", "doc_url")


def write_documents(docs: Iterable[Document], fmt: str, out: TextIO) -> int:
    """Write documents in ``fmt``; returns how many were written."""
    writer = {"json": _write_json, "jsonl": _write_jsonl, "csv": _write_csv}.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writer(docs, out)


@contextmanager
def open_output(path: Path, newline: str | None = "") -> Iterator[TextIO]:
    """``path`` opened for writing text; its folder must exist (a typo must not create folders).

    An OSError while opening or writing (no such folder, read-only disk, disk
    full) becomes one ConfigError naming the path, because the fix is another
    ``--out``, not a traceback.
    """
    if path.parent.exists() and not path.parent.is_dir():
        raise ConfigError(f"cannot write {path}: {path.parent} is not a folder; give another --out")
    if not path.parent.is_dir():
        raise ConfigError(f"cannot write {path}: folder {path.parent} does not exist; create it or give another --out")
    try:
        with path.open("w", encoding="utf-8", newline=newline) as handle:
            yield handle
    except OSError as exc:
        raise output_error(path, exc) from exc


def output_error(path: Path, exc: OSError) -> ConfigError:
    """The one-line error for an output path that cannot be written."""
    return ConfigError(f"cannot write {path} ({exc.strerror or exc}); give a writable --out path")


def _write_json(docs: Iterable[Document], out: TextIO) -> int:
    """The whole output as one object; documents stream out one at a time."""
    out.write('{"documents": [')
    count = 0
    for doc in docs:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(doc.output_dict(), ensure_ascii=False))
        count += 1
    out.write("\n]}\n" if count else "]}\n")
    return count


def _write_jsonl(docs: Iterable[Document], out: TextIO) -> int:
    count = 0
    for doc in docs:
        out.write(json.dumps(doc.output_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def event_csv_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat row per event, with the document's title, date and URL."""
    meta = {"doc_title": doc.title, "doc_date": doc.date, "doc_url": doc.url}
    return [{**event_row(doc.id, i, e), **meta} for i, e in enumerate(doc.events)]


def csv_columns() -> list[str]:
    """Column order of the event CSV."""
    from sitrep.store.schema import column_names

    return [*CSV_DOC_COLUMNS, *[c for c in column_names("events") if c != "doc_id"]]


def _write_csv(docs: Iterable[Document], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=csv_columns(), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for doc in docs:
        writer.writerows(event_csv_rows(doc))
        count += 1
    return count
