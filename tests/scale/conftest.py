"""Helpers for the scale tests: corpora big enough to interrupt, and store snapshots to compare."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.store.db import open_store
from sitrep.store.schema import TABLES

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "arctic.jsonl"


def example_records() -> list[dict]:
    return [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]


def snapshot(db_path: Path) -> dict[str, list[str]]:
    """Every table's rows, order-independent, without the ingestion timestamp."""
    with open_store(db_path, read_only=True) as con:
        result = {}
        for table in TABLES:
            if table == "meta":
                continue
            stamp = {"documents": "ingested_at", "failures": "failed_at"}.get(table)
            query = f"SELECT * EXCLUDE ({stamp}) FROM {table}" if stamp else f"SELECT * FROM {table}"
            result[table] = sorted(repr(row) for row in con.execute(query).fetchall())
    return result


@pytest.fixture
def synthetic_corpus(tmp_path: Path) -> Callable[[int], Path]:
    """Factory: a JSONL file of ``n`` distinct short reports made of the examples' sentences."""

    def make(n: int, name: str = "corpus.jsonl") -> Path:
        sentences = [
            s.strip()
            for record in example_records()
            for s in re.split(r"(?<=[.!?])\s+", record["text"])
            if 6 <= len(s.split()) <= 40
        ]
        rng = random.Random(n)
        path = tmp_path / name
        with path.open("w", encoding="utf-8") as handle:
            for i in range(n):
                text = " ".join(rng.sample(sentences, 3))
                record = {"id": f"syn-{i:05d}", "date": f"2026-01-{1 + i % 28:02d}", "text": text}
                handle.write(json.dumps(record) + "\n")
        return path

    return make
