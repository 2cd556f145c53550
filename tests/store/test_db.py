"""The store: atomic, idempotent saves and queries that bind their parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.models import Actor, ActorSummary, Document, Event, Sentence
from sitrep.store.db import connect, open_store, save_documents, table_counts
from sitrep.store.query import EventFilter, query_events, summary


def actor(code: str, country: str) -> Actor:
    return Actor(text=country, name=country, code=code, country=country)


def make_doc(doc_id: str, text: str | None = None, cameo: str = "120", date: str = "2026-01-14") -> Document:
    text = text or f"Denmark rejected the US proposal ({doc_id})."
    event = Event(sentence=text, sentence_index=0, source=actor("DNK", "DNK"), target=actor("USA", "USA"),
                  cameo=cameo, root=cameo[:2], quad_class=3, goldstein=-4.0, plover="REJECT", date=date)
    return Document(id=doc_id, text=text, date=date, sentences=[Sentence(0, text, 0, len(text))],
                    events=[event], actors=[ActorSummary(**actor("DNK", "DNK").as_dict(), mentions=2)])


def test_save_is_idempotent_by_id_and_by_text(db_path: Path):
    with open_store(db_path) as con:
        assert save_documents(con, [make_doc("a"), make_doc("b")]).added == 2
        again = save_documents(con, [make_doc("a"), make_doc("c", text=make_doc("b").text)])
        assert (again.added, again.duplicates) == (0, 2)
        counts = table_counts(con)
    assert counts["documents"] == 2 and counts["events"] == 2
    assert counts["doc_sources"] == 3  # a, b, and c linked to b


def test_failed_batch_leaves_nothing_half_written(db_path: Path, monkeypatch):
    from sitrep.store import db as dbmod

    with open_store(db_path) as con:
        save_documents(con, [make_doc("a")])
        real = dbmod.insert_rows

        def broken(con, table, rows):
            if table == "events":
                raise RuntimeError("disk full")
            real(con, table, rows)

        monkeypatch.setattr(dbmod, "insert_rows", broken)
        with pytest.raises(StoreError, match="nothing from this batch"):
            save_documents(con, [make_doc("b")])
        assert table_counts(con)["documents"] == 1


def test_query_filters(db_path: Path):
    with open_store(db_path) as con:
        save_documents(con, [make_doc("a", cameo="120"), make_doc("b", cameo="042", date="2026-02-01")])
        assert len(query_events(con, EventFilter(actor="usa"))) == 2
        assert [r["doc_id"] for r in query_events(con, EventFilter(event_type="12"))] == ["a"]
        assert [r["doc_id"] for r in query_events(con, EventFilter(since="2026-01-20"))] == ["b"]
        assert len(query_events(con, EventFilter(event_type="REJECT"))) == 2
        assert query_events(con, EventFilter(actor="' OR 1=1 --")) == []
        result = summary(con)
    assert result["documents"] == 2 and result["actors"][0]["mentions"] == 4


def test_read_only_missing_store_is_a_store_error(tmp_path: Path):
    with pytest.raises(StoreError, match="no such store"):
        connect(tmp_path / "missing.duckdb", read_only=True)


def test_unopenable_store_is_a_store_error(tmp_path: Path):
    bad = tmp_path / "not.duckdb"
    bad.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        connect(bad)
