"""The store: atomic, idempotent saves and queries that bind their parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import StoreError
from sitrep.store.db import connect, open_store, save_documents, table_counts
from tests.store.conftest import make_doc


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


def test_read_only_missing_store_is_a_store_error(tmp_path: Path):
    with pytest.raises(StoreError, match="no such store"):
        connect(tmp_path / "missing.duckdb", read_only=True)


def test_unopenable_store_is_a_store_error(tmp_path: Path):
    bad = tmp_path / "not.duckdb"
    bad.write_bytes(b"this is not a database file" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        connect(bad)
