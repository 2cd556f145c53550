"""Writing coded documents as JSON, JSONL or CSV (one event per row).

The CSV rows and their columns are the store's event rows (store/rows.py owns
the row shapes); opening the output file is files.py, which the store's
exports use too.  ``open_output``, ``output_error``, ``csv_columns`` and
``event_csv_rows`` are re-exported here, where callers have imported them.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from sitrep.errors import ConfigError
from sitrep.files import open_output as open_output, output_error as output_error
from sitrep.models import Document
from sitrep.store.rows import csv_columns as csv_columns, event_csv_rows as event_csv_rows

FORMATS = ("json", "jsonl", "csv")


def write_documents(docs: Iterable[Document], fmt: str, out: TextIO) -> int:
    """Write documents in ``fmt``; returns how many were written."""
    writer = {"json": _write_json, "jsonl": _write_jsonl, "csv": _write_csv}.get(fmt)
    if writer is None:
        raise ConfigError(f"unknown output format {fmt!r}; use one of {', '.join(FORMATS)}")
    return writer(docs, out)


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


def _write_csv(docs: Iterable[Document], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=csv_columns(), extrasaction="ignore")
    writer.writeheader()
    count = 0
    for doc in docs:
        writer.writerows(event_csv_rows(doc))
        count += 1
    return count
