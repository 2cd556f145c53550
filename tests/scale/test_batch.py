"""Batched ingest: chunking, counting, worker processes, duplicates and resumption."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.models import Document
from sitrep.scale.batch import blocks, count_inputs, ingest
from sitrep.settings import Settings
from tests.scale.conftest import EXAMPLES, example_records, snapshot


def doc(i: int, chars: int) -> Document:
    return Document(id=str(i), text="x" * chars)


@pytest.mark.parametrize(
    ("sizes", "limit", "expected"),
    [
        ([10] * 5, 100, [2, 2, 1]),  # by count (size 2)
        ([40, 40, 40, 10], 90, [2, 2]),  # by characters
        ([500, 10], 90, [1, 1]),  # one long document alone
    ],
)
def test_blocks_are_bounded_by_count_and_characters(sizes: list[int], limit: int, expected: list[int]):
    docs = [doc(i, n) for i, n in enumerate(sizes)]
    assert [len(b) for b in blocks(docs, 2, limit)] == expected


def test_count_inputs(tmp_path: Path):
    jsonl = tmp_path / "a.jsonl"
    jsonl.write_text('{"text": "a"}\n\n{"text": "b"}\n', encoding="utf-8")
    table = tmp_path / "b.csv"
    table.write_text('id,text\n1,"two\nlines"\n2,x\n', encoding="utf-8")
    (tmp_path / "c.txt").write_text("Norway sent a ship.", encoding="utf-8")
    assert count_inputs([str(jsonl)]) == 2
    assert count_inputs([str(table)]) == 2
    assert count_inputs([str(tmp_path)]) == 5
    assert count_inputs([str(jsonl), "-"]) is None
    assert count_inputs(["https://example.org/feed.rss"]) is None


def settings_for(db: Path, **changes) -> Settings:
    return Settings(db_path=db, batch_size=4).replace(**changes)


@pytest.mark.model
def test_two_workers_store_exactly_what_one_process_stores(nlp, tmp_path: Path):
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    ingest([str(EXAMPLES)], settings_for(one), print)
    result = ingest([str(EXAMPLES)], settings_for(two, workers=2), print)
    assert result.added == 16
    assert snapshot(one) == snapshot(two)


@pytest.mark.model
def test_duplicates_are_coded_once_and_linked(nlp, tmp_path: Path):
    records = example_records()
    first = records[0]
    words = first["text"].split()
    words[5], words[12], words[20] = "several", "northern", "officials"
    copies = [
        {**first, "id": "copy-exact", "url": "https://other.example/1", "text": first["text"].upper()},
        {**first, "id": "copy-near", "url": "https://third.example/1", "text": " ".join(words)},
        records[1],  # same id as a stored document
    ]
    extra = tmp_path / "copies.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in copies), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    result = ingest([str(EXAMPLES), str(extra)], settings_for(db), print)
    assert (result.added, result.duplicates, result.near_duplicates) == (16, 3, 1)
    tables = snapshot(db)
    assert len(tables["documents"]) == 16
    assert (
        repr((first["id"], "copy-exact", "https://other.example/1", str(extra), "exact"))
        in tables["doc_sources"]
    )
    assert (
        repr((first["id"], "copy-near", "https://third.example/1", str(extra), "near"))
        in tables["doc_sources"]
    )
    again = ingest([str(extra), str(EXAMPLES)], settings_for(db), print)
    assert (again.added, again.duplicates) == (0, 19) and snapshot(db) == tables


@pytest.mark.model
def test_progress_hears_the_total_and_every_document(nlp, tmp_path: Path, synthetic_corpus):
    corpus = synthetic_corpus(10)
    totals: list[int] = []
    steps: list[int] = []
    ingest(
        [str(corpus)],
        settings_for(tmp_path / "s.duckdb"),
        print,
        on_progress=steps.append,
        on_total=totals.append,
    )
    assert totals == [10] and steps == [4, 4, 2]


@pytest.mark.model
def test_a_run_resumed_after_part_of_the_input_ends_like_a_whole_run(nlp, tmp_path: Path, synthetic_corpus):
    corpus = synthetic_corpus(12)
    head = tmp_path / "head.jsonl"
    head.write_text(
        "".join(corpus.read_text(encoding="utf-8").splitlines(keepends=True)[:5]), encoding="utf-8"
    )
    whole, resumed = tmp_path / "whole.duckdb", tmp_path / "resumed.duckdb"
    ingest([str(corpus)], settings_for(whole), print)
    ingest([str(head)], settings_for(resumed), print)
    result = ingest([str(corpus)], settings_for(resumed), print)
    assert (result.added, result.duplicates) == (7, 5)
    tables = snapshot(resumed)
    tables["doc_sources"] = [row.replace(str(head), str(corpus)) for row in tables["doc_sources"]]
    tables["documents"] = [row.replace(str(head), str(corpus)) for row in tables["documents"]]
    assert tables == snapshot(whole)
