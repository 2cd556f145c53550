"""Exports: Parquet, CSV, GDELT and PLOVER files load in pandas and DuckDB with the documented columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.models import Actor, ActorSummary, Document, Event, Location, Sentence
from sitrep.store.db import open_store, save_documents
from sitrep.store.export import GDELT_COLUMNS, event_id, export_store, fips_table, gdelt_dates, geo_type
from sitrep.store.schema import DATA_TABLES, column_names

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")

SWE = Actor(text="Sweden", name="Sweden", code="SWEGOV", country="SWE", agent="GOV")
DNK = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")
NATO = Actor(text="NATO", name="North Atlantic Treaty Organization", code="NATO", org="NATO")
NUUK = Location(name="Nuuk", country="GRL", lat=64.18, lon=-51.72, feature="city")
TEXT = (
    "Sweden sent troops to Nuuk at Denmark's request. Denmark did not reject the plan. NATO praised the move."
)


def event(source: Actor, target: Actor | None, cameo: str, index: int, **extra) -> Event:
    sentence = TEXT.split(". ")[index]
    return Event(
        sentence=sentence,
        sentence_index=index,
        source=source,
        target=target,
        cameo=cameo,
        root=cameo[:2],
        quad_class=2,
        goldstein=7.4,
        plover="AID",
        trigger="sent",
        **extra,
    )


@pytest.fixture
def store(db_path: Path) -> Path:
    doc = Document(
        id="wire-1",
        text=TEXT,
        title="Troops to Nuuk",
        date="2026-01-20",
        url="https://www.wire.example/1",
        sentences=[Sentence(i, s, 0, len(s)) for i, s in enumerate(TEXT.split(". "))],
        events=[
            event(SWE, DNK, "0743", 0, location=NUUK, mode="troops", date="2026-01-19"),
            event(DNK, SWE, "120", 1, negated=True),
            event(NATO, None, "051", 2),
        ],
        actors=[ActorSummary(**SWE.as_dict(), mentions=1)],
        locations=[NUUK],
    )
    copy = Document(id="local-9", text=TEXT + " ", url="https://paper.example/9")
    with open_store(db_path) as con:
        save_documents(con, [doc, copy])
    return db_path


def test_parquet_is_one_file_per_table(store: Path, tmp_path: Path):
    written = export_store(store, "parquet", tmp_path / "out")
    files = sorted(p.stem for p in written.path.glob("*.parquet"))
    assert files == sorted([*DATA_TABLES, "stories"])
    events = pd.read_parquet(written.path / "events.parquet")
    assert list(events.columns) == [*column_names("events"), "story_id"] and len(events) == 3
    assert duckdb.sql(f"SELECT count(*) FROM '{written.path}/sentences.parquet'").fetchall() == [(3,)]
    assert set(pd.read_parquet(written.path / "doc_sources.parquet")["kind"]) == {"original", "exact"}


def test_csv_is_flat_events_with_document_fields(store: Path, tmp_path: Path):
    written = export_store(store, "csv", tmp_path / "events.csv")
    frame = pd.read_csv(written.path, dtype={"cameo": str})
    assert list(frame.columns) == [*column_names("events"), "story_id", "doc_title", "doc_url", "doc_date"]
    assert list(frame["cameo"]) == ["0743", "120", "051"] and frame["doc_title"].iloc[0] == "Troops to Nuuk"


def test_gdelt_has_the_61_columns_and_the_fields_sitrep_knows(store: Path, tmp_path: Path):
    written = export_store(store, "gdelt", tmp_path / "events.tsv")
    frame = pd.read_csv(written.path, sep="\t", dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    assert len(frame) == 2  # the negated event is left out
    first, second = frame.to_dict("records")
    assert first["GLOBALEVENTID"] == str(event_id("wire-1", 0))
    assert (first["SQLDATE"], first["MonthYear"], first["Year"]) == ("20260119", "202601", "2026")
    assert (
        first["Actor1Code"],
        first["Actor1Name"],
        first["Actor1CountryCode"],
        first["Actor1Type1Code"],
    ) == ("SWEGOV", "SWEDEN", "SWE", "GOV")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("0743", "074", "07")
    assert (first["QuadClass"], first["GoldsteinScale"], first["IsRootEvent"]) == ("2", "7.4", "1")
    assert (first["NumArticles"], first["NumSources"]) == ("2", "2")  # the exact copy from another outlet
    assert (first["ActionGeo_FullName"], first["ActionGeo_CountryCode"], first["ActionGeo_Type"]) == (
        "Nuuk",
        "GL",
        "4",
    )
    assert (first["ActionGeo_Lat"], first["ActionGeo_Long"]) == ("64.18", "-51.72")
    assert first["SOURCEURL"] == "https://www.wire.example/1" and len(first["DATEADDED"]) == 14
    assert (second["SQLDATE"], second["Actor1KnownGroupCode"], second["Actor2Code"]) == (
        "20260120",
        "NATO",
        "",
    )
    assert (first["AvgTone"], first["Actor1EthnicCode"], first["Actor1Geo_Type"]) == ("", "", "")
    loaded = duckdb.sql(
        f"SELECT EventCode, GoldsteinScale FROM read_csv('{written.path}', delim='\t', header=true, "
        "types={'EventCode': 'VARCHAR'}) ORDER BY EventCode"
    ).fetchall()
    assert loaded == [("051", 7.4), ("0743", 7.4)]


def test_plover_records(store: Path, tmp_path: Path):
    written = export_store(store, "plover", tmp_path / "events.jsonl")
    records = [json.loads(line) for line in written.path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["wire-1-0", "wire-1-2"]
    first, second = records
    assert (first["date"], first["event"], first["quad_code"], first["mode"]) == (
        "2026-01-19",
        ["AID"],
        2,
        ["troops"],
    )
    assert first["actor"][0]["code"] == "SWE" and first["actor"][0]["sector"] == "GOV"
    assert first["recipient"][0]["code"] == "DNK" and first["event_loc"]["country_code"] == "GRL"
    assert first["text"].startswith("Sweden sent troops") and first["event_text"] == "sent"
    assert second["actor"][0]["code"] == "IGO" and second["recipient"] == [] and second["event_loc"] is None
    assert pd.read_json(written.path, lines=True).shape[0] == 2


@pytest.mark.parametrize(
    ("fmt", "out", "problem"), [("parquet", "file.txt", "is a file"), ("gdelt", "dir", "directory")]
)
def test_bad_targets_are_config_errors(store: Path, tmp_path: Path, fmt: str, out: str, problem: str):
    from sitrep.errors import ConfigError

    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "dir").mkdir()
    with pytest.raises(ConfigError, match=problem):
        export_store(store, fmt, tmp_path / out)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "gdelt", "plover"])
def test_unwritable_targets_are_config_errors(store: Path, tmp_path: Path, fmt: str):
    from sitrep.errors import ConfigError

    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ConfigError, match="cannot write .*give a writable --out path"):
        export_store(store, fmt, tmp_path / "file.txt" / "under" / "out")


@pytest.mark.parametrize(
    ("iso3", "fips"),
    [("DNK", "DA"), ("DEU", "GM"), ("GRL", "GL"), ("SWE", "SW"), ("RUS", "RS"), (None, None)],
)
def test_fips_codes(iso3: str | None, fips: str | None):
    assert fips_table().get(iso3 or "") == fips


def test_gdelt_helpers():
    assert gdelt_dates("2026-02-03")["FractionDate"] == round(2026 + (2 * 30 + 3) / 365, 4)
    assert gdelt_dates(None) == {}
    assert (
        geo_type("city", "USA"),
        geo_type("state", "USA"),
        geo_type("country", "DNK"),
        geo_type(None, "DNK"),
    ) == (3, 2, 1, None)
    assert event_id("a", 1) == event_id("a", 1) != event_id("a", 2) and 0 < event_id("a", 1) < 2**63


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_export_defuses_spreadsheet_formulas(tmp_path: Path, start: str):
    import csv as csv_module

    from sitrep.store.db import open_store, save_documents
    from sitrep.store.export import export_store
    from tests.store.conftest import make_doc

    db = tmp_path / "s.duckdb"
    doc = make_doc("f", text=f"{start}HYPERLINK(\"http://x.example\") Denmark rejected it.")
    with open_store(db) as con:
        save_documents(con, [doc])
    export_store(db, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8", newline="") as handle:
        (row,) = list(csv_module.DictReader(handle))
    assert row["sentence"] == "'" + doc.text
    assert row["goldstein"] == "-4.0"  # numbers are numbers, not text


def test_exported_events_name_their_story(store: Path, tmp_path: Path):
    from sitrep.store.stories import update_stories

    with open_store(store) as con:
        update_stories(con)
    written = export_store(store, "parquet", tmp_path / "out")
    events = pd.read_parquet(written.path / "events.parquet")
    stories = pd.read_parquet(written.path / "stories.parquet")
    assert list(events["story_id"].notna()) == list(~events["negated"])  # a negated event has no story
    assert set(events["story_id"].dropna()) == set(stories["story_id"]) and stories["events"].sum() == 2
    assert set(stories["articles"]) == {2}  # the wire copy is a second article of each story
