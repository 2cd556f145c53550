"""Document -> rows: every row fits its table's columns, actors flatten under their prefix."""

from __future__ import annotations

import pytest

from sitrep.models import Actor, Count, Location, Quote, Stance
from sitrep.store.rows import document_rows, event_row
from sitrep.store.schema import DATA_TABLES, column_names
from tests.store.conftest import actor, make_doc


def full_doc():
    doc = make_doc("d1")
    speaker = Actor(text="Rasmussen", name="Lars Lokke Rasmussen", code="DNKGOV", country="DNK", agent="GOV")
    doc.quotes = [Quote(speaker=speaker, text="No.", sentence_index=0, start=3, end=6)]
    doc.counts = [Count(number=13, unit="troops", actor=actor("DEU", "DEU"), sentence="13 soldiers.")]
    doc.locations = [Location(name="Nuuk", country="GRL", lat=64.2, lon=-51.7, mentions=2, feature="city")]
    doc.stances = [Stance(actor=speaker, issue="US control of Greenland", polarity=-1, evidence="No.")]
    return doc


@pytest.mark.parametrize("table", DATA_TABLES)
def test_every_row_fits_its_table(table: str):
    rows = document_rows(full_doc())[table]
    assert rows, f"no {table} rows"
    assert all(set(row) <= set(column_names(table)) for row in rows)
    assert all(row.get("doc_id", row.get("id")) == "d1" for row in rows)


def test_event_row_flattens_both_sides_and_the_place():
    event = make_doc("d1").events[0]
    event.location = Location(name="Nuuk", country="GRL", lat=64.2, lon=-51.7)
    row = event_row("d1", 3, event)
    assert (row["event_index"], row["source_code"], row["target_country"], row["location_name"]) == (
        3, "DNK", "USA", "Nuuk",
    )
    assert row["reported_by_code"] is None and set(row) == set(column_names("events"))
