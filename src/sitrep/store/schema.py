"""The DuckDB schema and the flattening of records into rows.

Actors are flattened into prefixed columns (``source_code``, ``source_country``
...) so that every table reads directly into pandas, polars or R.
"""

from __future__ import annotations

from typing import Any

from sitrep.models import Actor, Location

ACTOR_FIELDS = ("text", "name", "code", "country", "org", "agent")

SCHEMA_VERSION = 1


def actor_columns(prefix: str) -> str:
    """DDL for an actor flattened under ``prefix``."""
    return ", ".join(f"{prefix}_{name} VARCHAR" for name in ACTOR_FIELDS)


TABLES: dict[str, str] = {
    "meta": "key VARCHAR PRIMARY KEY, value VARCHAR",
    "documents": (
        "id VARCHAR PRIMARY KEY, text_sha1 VARCHAR NOT NULL, title VARCHAR, date DATE, "
        "url VARCHAR, source VARCHAR, text VARCHAR NOT NULL, n_sentences INTEGER, "
        "ingested_at TIMESTAMP DEFAULT current_timestamp, truncated BOOLEAN, notes VARCHAR"
    ),
    "doc_sources": "doc_id VARCHAR NOT NULL, source_id VARCHAR NOT NULL, url VARCHAR, source VARCHAR, kind VARCHAR",
    "sentences": "doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL, text VARCHAR, start_char INTEGER, end_char INTEGER",
    "events": (
        "doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL, sentence_index INTEGER, sentence VARCHAR, "
        f"{actor_columns('source')}, {actor_columns('target')}, "
        "cameo VARCHAR, root VARCHAR, quad_class INTEGER, goldstein DOUBLE, plover VARCHAR, mode VARCHAR, "
        "negated BOOLEAN, intent BOOLEAN, trigger VARCHAR, date DATE, "
        "location_name VARCHAR, location_country VARCHAR, location_lat DOUBLE, location_lon DOUBLE, "
        f"{actor_columns('reported_by')}"
        ", date_source VARCHAR, date_precision VARCHAR"
    ),
    "actors": f"doc_id VARCHAR NOT NULL, {actor_columns('actor')}, mentions INTEGER",
    "quotes": (
        f"doc_id VARCHAR NOT NULL, sentence_index INTEGER, {actor_columns('speaker')}, "
        "text VARCHAR, direct BOOLEAN, cue VARCHAR, start_char INTEGER, end_char INTEGER"
    ),
    "counts": (
        f"doc_id VARCHAR NOT NULL, sentence_index INTEGER, number BIGINT, unit VARCHAR, "
        f"{actor_columns('actor')}, text VARCHAR, vague BOOLEAN, approximate BOOLEAN, sentence VARCHAR"
    ),
    "locations": (
        "doc_id VARCHAR NOT NULL, name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, "
        "mentions INTEGER, feature VARCHAR"
    ),
    "stances": (
        f"doc_id VARCHAR NOT NULL, sentence_index INTEGER, {actor_columns('actor')}, "
        "issue VARCHAR, polarity INTEGER, evidence VARCHAR"
    ),
}

CHILD_TABLES = ("doc_sources", "sentences", "events", "actors", "quotes", "counts", "locations", "stances")

# Near-duplicate detection state (see ingest/dedup.py): written with the documents, never exported.
TABLES["fingerprints"] = "doc_id VARCHAR NOT NULL, norm_sha1 VARCHAR NOT NULL, minhash BLOB"
TABLES["fingerprint_bands"] = "band_key BIGINT NOT NULL, doc_id VARCHAR NOT NULL"
DEDUP_TABLES = ("fingerprints", "fingerprint_bands")

# Documents the coder failed on (pipeline.py's guard): kept out of the data tables, retried by a rerun.
TABLES["failures"] = (
    "doc_id VARCHAR PRIMARY KEY, source VARCHAR, stage VARCHAR, error VARCHAR, "
    "failed_at TIMESTAMP DEFAULT current_timestamp"
)
# Stories (store/stories.py): events of many articles about one happening, derived after coding.
TABLES["stories"] = (
    "story_id VARCHAR PRIMARY KEY, story_key VARCHAR NOT NULL, source_side VARCHAR, target_side VARCHAR, "
    "source_name VARCHAR, target_name VARCHAR, root VARCHAR, cameo VARCHAR, plover VARCHAR, "
    "quad_class INTEGER, goldstein DOUBLE, location_name VARCHAR, location_country VARCHAR, "
    "first_date DATE, last_date DATE, first_report DATE, last_report DATE, "
    "events INTEGER, documents INTEGER, articles INTEGER, sources INTEGER, title VARCHAR"
)
TABLES["story_events"] = "story_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, event_index INTEGER NOT NULL"
STORY_TABLES = ("stories", "story_events")

DATA_TABLES = ("documents", *CHILD_TABLES)
"""The tables that hold what was read and coded: exported, and written per Parquet partition."""


def flatten_actor(prefix: str, actor: Actor | None) -> dict[str, Any]:
    """``{prefix_text: ..., prefix_code: ...}``; all None when there is no actor."""
    data = actor.as_dict() if actor is not None else {}
    return {f"{prefix}_{name}": data.get(name) for name in ACTOR_FIELDS}


def flatten_location(location: Location | None) -> dict[str, Any]:
    """An event's place as ``location_*`` columns."""
    if location is None:
        return {"location_name": None, "location_country": None, "location_lat": None, "location_lon": None}
    return {
        "location_name": location.name,
        "location_country": location.country,
        "location_lat": location.lat,
        "location_lon": location.lon,
    }


def column_names(table: str) -> list[str]:
    """Column names of a table, in DDL order."""
    return [name for name, _ in column_types(table)]


def column_types(table: str) -> list[tuple[str, str]]:
    """``(name, DuckDB type)`` pairs of a table, in DDL order."""
    pairs = []
    for part in TABLES[table].split(","):
        words = part.split()
        if words and words[0].upper() not in {"PRIMARY", "UNIQUE"}:
            pairs.append((words[0], words[1].upper()))
    return pairs
