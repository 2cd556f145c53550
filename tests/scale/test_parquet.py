"""Parquet partitions: typed like the store, readable by DuckDB and polars, loaded idempotently."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitrep.errors import ScaleError, StoreError
from sitrep.models import Actor, Document, Event, Sentence
from sitrep.scale.parquet import (
    PARTITION_TABLES,
    document_tables,
    load_directory,
    prepare_output,
    write_partition,
)
from sitrep.settings import Settings
from sitrep.store.db import open_store
from sitrep.store.schema import column_names
from tests.ingest.test_dedup import EDITED, WIRE

DNK = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")
USA = Actor(text="the US", name="United States", code="USA", country="USA")


def coded(doc_id: str, text: str) -> Document:
    event = Event(
        sentence=text[:40],
        sentence_index=0,
        source=DNK,
        target=USA,
        cameo="120",
        root="12",
        quad_class=3,
        goldstein=-4.0,
        plover="REJECT",
        date="2026-01-14",
    )
    return Document(
        id=doc_id, text=text, date="2026-01-14", sentences=[Sentence(0, text[:40], 0, 40)], events=[event]
    )


def test_tables_have_the_store_columns_and_types():
    tables = document_tables([coded("a", WIRE)])
    assert set(tables) == set(PARTITION_TABLES)
    assert tables["events"].column_names == column_names("events")
    assert "ingested_at" not in tables["documents"].column_names
    assert tables["events"].schema.field("date").type == "date32[day]"
    assert tables["documents"].to_pylist()[0]["date"] == dt.date(2026, 1, 14)
    assert document_tables([])["events"].num_rows == 0


def test_partitions_load_once_with_duplicates_linked(tmp_path: Path):
    out = tmp_path / "parts"
    prepare_output(out, {"partition_docs": 8})
    write_partition(
        document_tables([coded("a", WIRE), coded("b", "Norway sent a frigate to Nuuk today.")]), out, 0
    )
    write_partition(document_tables([coded("c", EDITED), coded("d", WIRE.lower())]), out, 1)
    import duckdb
    import polars as pl

    assert duckdb.sql(f"SELECT count(*) FROM '{out}/events/*.parquet'").fetchall() == [(4,)]
    assert pl.read_parquet(f"{out}/documents/*.parquet").height == 4

    settings = Settings(db_path=tmp_path / "s.duckdb")
    first = load_directory(out, settings)
    second = load_directory(out, settings)
    assert (first.added, first.duplicates, first.near_duplicates) == (2, 2, 1)
    assert (second.added, second.duplicates) == (0, 4)
    with open_store(settings.db_path, read_only=True) as con:
        links = sorted(con.execute("SELECT doc_id, source_id, kind FROM doc_sources").fetchall())
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
    assert links == [("a", "a", "original"), ("a", "c", "near"), ("a", "d", "exact"), ("b", "b", "original")]
    assert events == 2


def test_unfinished_partitions_are_not_loaded(tmp_path: Path):
    out = tmp_path / "parts"
    prepare_output(out, {"partition_docs": 8})
    with pytest.raises(StoreError, match="no complete Parquet partitions"):
        load_directory(out, Settings(db_path=tmp_path / "s.duckdb"))


def test_resuming_into_a_directory_of_another_partition_size_is_refused(tmp_path: Path):
    prepare_output(tmp_path / "parts", {"partition_docs": 8})
    prepare_output(tmp_path / "parts", {"partition_docs": 8})
    with pytest.raises(ScaleError, match="another run"):
        prepare_output(tmp_path / "parts", {"partition_docs": 16})
