"""Reading a whole-article gold file and the texts it labels.

A gold file (``gold.json``) lists article ids and the events, quotes and counts
of each; the texts live apart, in JSON lines (``id``, ``text``, ``date``) or in
CSV (``url`` or ``id``, ``date``, ``text``), because some sets may not copy
their texts.  When no text file is given, ``articles.jsonl`` beside the gold
file is used, else the CSV files of ``../wikinews/`` as ``wikinews_gold`` says.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.evaluate.scoring import read_jsonl

HINT = "give a gold.json of ../shared/eval (afp_dev, wikinews_gold); see its README"
TEXTS_HINT = "name the article texts with --texts FILE.jsonl|FILE.csv"
GOLD_KEYS = ("articles", "events", "quotes", "counts")


def load_gold(path: Path) -> dict[str, Any]:
    """The parsed gold file; a wrong file is one InputError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise InputError(str(path), f"is not a readable JSON gold file ({exc})", HINT) from exc
    if not isinstance(data, dict) or any(not isinstance(data.get(k), list) for k in GOLD_KEYS):
        raise InputError(str(path), f"has not the gold keys {', '.join(GOLD_KEYS)}", HINT)
    for number, event in enumerate(data["events"]):
        missing = [k for k in ("doc", "anchor", "roots") if k not in event]
        if missing:
            raise InputError(f"{path}: events[{number}]", f"has no {missing[0]!r}", HINT)
    return data


def default_texts(gold_path: Path) -> list[Path]:
    """``articles.jsonl`` beside the gold file, else ``../wikinews/*.csv``."""
    beside = gold_path.with_name("articles.jsonl")
    if beside.exists():
        return [beside]
    return sorted((gold_path.parent.parent / "wikinews").glob("*.csv"))


def read_articles(gold_path: Path, text_paths: Sequence[Path], wanted: Sequence[str]) -> list[dict[str, Any]]:
    """The labelled articles' records, in the gold file's order."""
    paths = list(text_paths) or default_texts(gold_path)
    records: dict[str, dict[str, Any]] = {}
    for path in paths:
        for record in read_text_file(path):
            records.setdefault(str(record["id"]), record)
    missing = [doc for doc in wanted if doc not in records]
    if missing:
        shown = ", ".join(missing[:3]) + (" ..." if len(missing) > 3 else "")
        problem = f"labels {len(missing)} article(s) not in the texts ({shown})"
        raise InputError(str(gold_path), problem, TEXTS_HINT)
    return [records[doc] for doc in wanted]


def read_text_file(path: Path) -> list[dict[str, Any]]:
    """Records with ``id``, ``text`` and ``date`` from a .jsonl or .csv file."""
    if path.suffix.lower() == ".csv":
        return read_csv_texts(path)
    return read_jsonl(path, required=("id", "text"))


def read_csv_texts(path: Path) -> list[dict[str, Any]]:
    """CSV rows as records; the id is the ``id`` column, else the ``url``."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc})", TEXTS_HINT) from exc
    csv.field_size_limit(2**31 - 1)
    reader = csv.DictReader(io.StringIO(raw))
    if "text" not in (reader.fieldnames or []):
        raise InputError(str(path), "has no 'text' column", TEXTS_HINT)
    rows = []
    for row in reader:
        doc_id = row.get("id") or row.get("url")
        if doc_id:
            rows.append({"id": doc_id, "text": row["text"], "date": row.get("date") or None})
    return rows
