"""One bad document never costs the others: edge values, the per-document guard, the failures table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep import pipeline
from sitrep.errors import DocumentFailure, InputError, StoreBusy
from sitrep.models import Document
from sitrep.scale.batch import ingest
from sitrep.settings import Settings
from sitrep.store.db import ingest_lock, list_failures, open_store, table_counts

pytestmark = pytest.mark.model

# Texts at the edges of what dates and numbers can hold (table rows 1 and 2 of issue 14).
EDGE_TEXTS = [
    ("days", "Denmark said the treaty was signed 1000000 days ago.", None),
    ("years", "Norway recalled a border dispute from 3000 years ago.", None),
    ("next-month", "Sweden will send troops to Greenland next month.", "9999-12-31"),
    ("yesterday", "Finland rejected the proposal yesterday.", "0001-01-01"),
    ("big-count", "Russia sent 20000000000000000000 soldiers to the border.", None),
    ("googol", "Russia sent 1" + "0" * 400 + " soldiers to the border.", None),
]
GOOD_TEXTS = [f"Denmark rejected the proposal of Norway number {i} on Tuesday." for i in range(19)]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def edge_corpus(tmp_path: Path) -> Path:
    records = [{"id": f"good-{i}", "text": t, "date": "2026-01-15"} for i, t in enumerate(GOOD_TEXTS)]
    for name, text, date in EDGE_TEXTS:
        records.insert(3, {"id": name, "text": text, **({"date": date} if date else {})})
    return write_jsonl(tmp_path / "edge.jsonl", records)


@pytest.mark.parametrize("workers", [1, 2])
def test_edge_dates_and_counts_are_stored_with_the_good_documents(nlp, tmp_path: Path, workers: int):
    problems: list[InputError] = []
    settings = Settings(db_path=tmp_path / "s.duckdb", batch_size=4, workers=workers)
    result = ingest([str(edge_corpus(tmp_path))], settings, problems.append)
    assert [p for p in problems if isinstance(p, DocumentFailure)] == []
    assert result.added == len(GOOD_TEXTS) + len(EDGE_TEXTS)
    with open_store(settings.db_path, read_only=True) as con:
        numbers = dict(con.execute("SELECT doc_id, number FROM counts WHERE doc_id IN ('big-count', 'googol')").fetchall())
    assert all(value is None for value in numbers.values())  # past BIGINT: no number, no exception


@pytest.mark.parametrize(
    ("expression", "published"),
    [("1000000 days ago", "2026-01-15"), ("3000 years ago", "2026-01-15"), ("next month", "9999-12-31"),
     ("yesterday", "0001-01-01"), ("next year", "9999-06-01")],
)
def test_dates_out_of_range_give_no_date(expression: str, published: str):
    from datetime import date

    from sitrep.coding.attributes.dates import resolve_date

    assert resolve_date(expression, date.fromisoformat(published), "past") is None


def explode_on(marker: str, name: str, monkeypatch) -> str:
    """Make the stage ``name`` raise for documents whose text holds ``marker`` (a coder bug
    stand-in); returns the stage's name."""
    import dataclasses

    real = pipeline.REGISTRY[name]

    def faulty(docs, settings, resources):
        for doc in docs:
            if marker in doc.text:
                raise ZeroDivisionError("a coder bug")
            yield from real.process([doc], settings, resources)

    monkeypatch.setitem(pipeline.REGISTRY, name, dataclasses.replace(real, process=faulty))
    return name


@pytest.mark.parametrize("stage_name", ["events", "dates", "quotes"])
def test_a_failing_document_is_quarantined_and_its_batch_commits(nlp, tmp_path: Path, monkeypatch, stage_name):
    stage = explode_on("BOOM", stage_name, monkeypatch)
    records = [{"id": f"d{i}", "text": t} for i, t in enumerate(GOOD_TEXTS[:6])]
    records.insert(2, {"id": "bad", "text": "Denmark rejected BOOM the proposal."})
    corpus = write_jsonl(tmp_path / "c.jsonl", records)
    problems: list[InputError] = []
    settings = Settings(db_path=tmp_path / "s.duckdb", batch_size=10)
    result = ingest([str(corpus)], settings, problems.append)
    (failure,) = [p for p in problems if isinstance(p, DocumentFailure)]
    assert (failure.doc_id, failure.stage) == ("bad", stage)
    assert str(corpus) in str(failure) and "ZeroDivisionError: a coder bug" in str(failure)
    assert "\n" not in str(failure)
    assert (result.added, result.failed) == (6, 1)
    with open_store(settings.db_path, read_only=True) as con:
        (row,) = list_failures(con)
    assert (row["doc_id"], row["stage"], row["source"]) == ("bad", stage, str(corpus))

    monkeypatch.undo()  # the bug is fixed: a rerun retries the failed document and clears its row
    rerun = ingest([str(corpus)], settings, problems.append)
    assert (rerun.added, rerun.failed) == (1, 0)
    with open_store(settings.db_path, read_only=True) as con:
        assert list_failures(con) == [] and table_counts(con)["documents"] == 7


def test_without_a_handler_a_failure_raises(nlp, monkeypatch):
    explode_on("BOOM", "events", monkeypatch)
    docs = [Document(id="ok", text="Norway sent a ship."), Document(id="bad", text="BOOM")]
    with pytest.raises(DocumentFailure, match="'bad' failed at events"):
        list(pipeline.run(docs, Settings()))


def test_rows_no_column_can_hold_fail_only_their_document(nlp, tmp_path: Path, monkeypatch):
    """A value that slips past the row fitting (here: a stage that emits an unstorable id) costs one document."""
    from sitrep.store import rows

    real = rows._raw_rows

    def with_bad_sentence(doc):
        out = real(doc)
        if "BOOM" in doc.text:
            out["sentences"].append({"doc_id": doc.id, "sentence_index": None, "text": "x"})  # NOT NULL column
        return out

    monkeypatch.setattr(rows, "_raw_rows", with_bad_sentence)
    records = [{"id": f"d{i}", "text": t} for i, t in enumerate(GOOD_TEXTS[:4])] + [
        {"id": "bad", "text": "Denmark rejected BOOM the proposal."}
    ]
    problems: list[InputError] = []
    settings = Settings(db_path=tmp_path / "s.duckdb", batch_size=10)
    result = ingest([str(write_jsonl(tmp_path / "c.jsonl", records))], settings, problems.append)
    assert (result.added, result.failed) == (4, 1)
    (failure,) = [p for p in problems if isinstance(p, DocumentFailure)]
    assert (failure.doc_id, failure.stage) == ("bad", "store")


def test_long_text_is_flagged_and_said(nlp, tmp_path: Path):
    text = "Denmark rejected the US proposal. " * 20
    problems: list[InputError] = []
    (doc,) = pipeline.run([Document(id="long", text=text)], Settings(max_doc_chars=200), problems.append)
    assert doc.truncated and "only the first 200 were coded" in doc.notes[0]
    assert any("only the first 200 were coded" in str(p) for p in problems)
    assert doc.sentences[-1].end <= 200


def test_a_second_ingest_is_told_the_store_is_busy(tmp_path: Path):
    db = tmp_path / "s.duckdb"
    with ingest_lock(db):
        with pytest.raises(StoreBusy, match="another sitrep ingest"):
            ingest(["-"], Settings(db_path=db), print)


def test_an_event_date_out_of_range_is_noted_on_the_document(code_text):
    doc = code_text("Denmark rejected the proposal 1000000 days ago.", date="2026-01-15")
    assert any("gave no date" in note for note in doc.notes)
    assert all(event.date in (None, "2026-01-15") for event in doc.events)
