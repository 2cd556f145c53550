"""Store queries: every filter binds its value; the summary adds up mentions across documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.store.db import open_store, save_documents
from sitrep.coding.cameo import plover_types
from sitrep.resources import Resources
from sitrep.store.filters import EventFilter, one, plover_type_names, story_where
from sitrep.store.query import query_events, summary
from tests.store.conftest import make_doc


@pytest.fixture
def con(db_path: Path):
    with open_store(db_path) as con:
        save_documents(con, [make_doc("a", cameo="120"), make_doc("b", cameo="042", date="2026-02-01")])
        yield con


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (EventFilter(), ["a", "b"]),
        (EventFilter(actors=("usa",)), ["a", "b"]),
        (EventFilter(actors=("' OR 1=1 --",)), []),
        (EventFilter(actors=("%",)), []),  # wildcards are literal: no name holds a '%'
        (EventFilter(actors=("_",)), []),
        (EventFilter(event_types=("12",)), ["a"]),
        (EventFilter(event_types=("042",)), ["b"]),
        (EventFilter(event_types=("reject",)), ["a", "b"]),
        (EventFilter(since="2026-01-20"), ["b"]),
        (EventFilter(until="2026-01-20"), ["a"]),
        (EventFilter(doc_id="b"), ["b"]),
        (EventFilter(actors=("DNK",), event_types=("12",), until="2026-01-31"), ["a"]),
    ],
)
def test_filters(con, flt: EventFilter, expected: list[str]):
    assert [row["doc_id"] for row in query_events(con, flt)] == expected


def test_limit_and_offset_page_in_date_order(con):
    assert [r["doc_id"] for r in query_events(con, EventFilter(), limit=1, offset=1)] == ["b"]


@pytest.mark.parametrize("event_type", ["1", "12345", "FIGHT", "12a"])
def test_unknown_event_type_is_a_config_error(event_type: str):
    with pytest.raises(ConfigError, match="neither a CAMEO code"):
        EventFilter(event_types=(event_type,)).where()


def test_plover_types_are_the_mapping_tables():
    assert plover_type_names() == frozenset(plover_types(Resources()))
    assert {"REJECT", "ASSAULT", "AID"} <= plover_type_names()


def test_the_cli_filter_finds_nothing_for_an_unknown_cameo_code(con):
    assert query_events(con, EventFilter(event_types=("99",))) == []  # the API refuses it (a 422) instead


def test_one_cli_value_is_a_tuple_of_any_of_values():
    assert one("DNK") == ("DNK",) and one("") == () and one(None) == ()


def test_stories_take_the_filters_actors_types_and_dates():
    where, params = story_where(EventFilter(actors=("DNK",), event_types=("reject",), since="2026-01-02"), 2)
    assert where.startswith("s.articles >= ?") and "s.plover = ?" in where and "s.last_date >= " in where
    assert params[0] == 2 and "REJECT" in params and params[-1] == "2026-01-02"


def test_summary_counts_documents_events_dyads_and_actors(con):
    result = summary(con, top=5)
    assert (result["documents"], result["events"]) == (2, 2)
    assert result["dyads"][0]["source"] == "DNK" and result["dyads"][0]["target"] == "USA"
    assert result["actors"] == [{"code": "DNK", "name": "DNK", "mentions": 4, "documents": 2}]


def test_summary_types_count_statements_and_dyads_leave_them_out(con):
    statement = make_doc("s", cameo="010")
    statement.events[0].target = None
    statement.events[0].plover = ""
    save_documents(con, [statement])
    result = summary(con)
    assert {r["type"]: r["events"] for r in result["types"]} == {"REJECT": 2, "STATEMENT": 1}
    assert all(r["root"] != "01" for r in result["dyads"])
