"""Read-only queries behind the REST API.

One filter (the store's ``EventFilter``, see store/filters.py) drives every view, so that the
dashboard's map, timeline, network, table and panels always show the same
slice of the store.  Each view is a ``View``: its SQL, parameters and order,
so that the same rows can be paged (``page``) or exported in full
(``export.py``).  Aggregates leave negated events out ("did not reject" is no
rejection); the dashboard asks for ``scope=counted`` so that every panel
counts the same events.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from duckdb import DuckDBPyConnection

from sitrep.store.filters import (
    EVENT_DAY,
    EVENTS_FROM,
    NOT_NEGATED,
    Condition,
    EventFilter,
    any_actor,
    bbox_condition,
    event_where,
    table_where,
)
from sitrep.store.query import EVENT_COLUMNS, fetch_dicts

EVENT_SORTS = {
    "date": f"{EVENT_DAY}, e.doc_id, e.event_index",
    "-date": f"{EVENT_DAY} DESC NULLS LAST, e.doc_id, e.event_index",
    "goldstein": "e.goldstein, e.doc_id, e.event_index",
    "-goldstein": "e.goldstein DESC, e.doc_id, e.event_index",
    "source": "e.source_code NULLS LAST, e.doc_id, e.event_index",
    "-source": "e.source_code DESC NULLS LAST, e.doc_id, e.event_index",
    "target": "e.target_code NULLS LAST, e.doc_id, e.event_index",
    "-target": "e.target_code DESC NULLS LAST, e.doc_id, e.event_index",
    "type": "e.cameo, e.doc_id, e.event_index",
    "-type": "e.cameo DESC, e.doc_id, e.event_index",
    "place": "e.location_name NULLS LAST, e.doc_id, e.event_index",
    "-place": "e.location_name DESC NULLS LAST, e.doc_id, e.event_index",
}
BUCKETS = ("day", "week", "month", "year")
# Figures an analyst tracks (units from coding/data/units.tsv); "people", "case", "vote"... are left out.
COUNT_UNITS = (
    "troops", "fighters", "police", "dead", "casualties", "injured", "arrested", "abducted", "hostages",
    "prisoners", "displaced", "evacuated", "refugees", "civilians", "protesters",
)
DOCUMENT_TABLES = ("events", "actors", "quotes", "counts", "locations", "stances")
ORDER_IN_DOCUMENT = {"events": "event_index", "actors": "mentions DESC", "locations": "mentions DESC"}
FACETS = {
    "type": "coalesce(nullif(e.plover, ''), 'STATEMENT')",
    "source": "e.source_code",
    "target": "e.target_code",
    "country": "e.location_country",
    "quad_class": "CAST(e.quad_class AS VARCHAR)",
}


@dataclass(frozen=True)
class View:
    """A query's SQL (without ORDER BY), its parameters and its order."""

    sql: str
    params: list[Any]
    order: str


def one_row(con: DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
    """The row of an aggregate query (count, min, max): SQL returns exactly one, even over no rows,
    so DuckDB's ``fetchone() -> tuple | None`` is narrowed here, once."""
    row = con.execute(sql, params).fetchone()
    assert row is not None, f"an aggregate query returned no row: {sql}"
    return row


def count(con: DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> int:
    """The number a ``SELECT count(*) ...`` query returns."""
    return int(one_row(con, sql, params)[0])


def page(con: DuckDBPyConnection, view: View, limit: int, offset: int) -> dict[str, Any]:
    """One page of a view's rows and the total number of rows."""
    total = count(con, f"SELECT count(*) FROM ({view.sql})", view.params)
    rows = fetch_dicts(con, f"{view.sql} ORDER BY {view.order} LIMIT ? OFFSET ?", [*view.params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def events_view(flt: EventFilter, sort: str = "date") -> View:
    """Events matching the filter, with their document's title, URL and date."""
    where, params = event_where(flt)
    return View(f"SELECT {EVENT_COLUMNS} {EVENTS_FROM} WHERE {where}", params, EVENT_SORTS[sort])


def actors_view(flt: EventFilter) -> View:
    """Actors with their mentions, and their events (as source or target) under the filter."""
    ev_where, ev_params = event_where(flt, NOT_NEGATED)
    direct = {"actor": any_actor(("t.actor",), flt.actors)} if flt.actors else {}
    where, params = table_where(flt, direct)
    sql = (
        f"WITH ev AS (SELECT e.source_code, e.target_code, e.goldstein {EVENTS_FROM} WHERE {ev_where}), "
        "sides AS (SELECT source_code AS code, 1 AS src, 0 AS tgt, goldstein FROM ev "
        "UNION ALL SELECT target_code, 0, 1, goldstein FROM ev WHERE target_code IS NOT NULL), "
        "stats AS (SELECT code, count(*) AS events, sum(src) AS as_source, sum(tgt) AS as_target, "
        "round(sum(goldstein), 1) AS goldstein FROM sides GROUP BY code) "
        "SELECT t.actor_code AS code, mode(t.actor_name) AS name, mode(t.actor_country) AS country, "
        "mode(t.actor_org) AS org, mode(t.actor_agent) AS agent, sum(t.mentions) AS mentions, "
        "count(DISTINCT t.doc_id) AS documents, coalesce(any_value(s.events), 0) AS events, "
        "coalesce(any_value(s.as_source), 0) AS as_source, coalesce(any_value(s.as_target), 0) AS as_target, "
        "coalesce(any_value(s.goldstein), 0) AS goldstein "
        "FROM actors t JOIN documents d ON d.id = t.doc_id LEFT JOIN stats s ON s.code = t.actor_code "
        f"WHERE t.actor_code IS NOT NULL AND t.actor_code <> '' AND {where} GROUP BY t.actor_code"
    )
    return View(sql, ev_params + params, "events DESC, mentions DESC, code")


def dyads_view(flt: EventFilter, per_day: bool = True) -> View:
    """Event counts and Goldstein sums per (source, target) pair, per day or in total."""
    where, params = event_where(flt, NOT_NEGATED, "e.target_code IS NOT NULL")
    day = f"{EVENT_DAY} AS day, " if per_day else ""
    sql = (
        f"SELECT e.source_code, mode(e.source_name) AS source_name, mode(e.source_country) AS source_country, "
        f"mode(e.source_agent) AS source_agent, e.target_code, mode(e.target_name) AS target_name, "
        f"mode(e.target_country) AS target_country, mode(e.target_agent) AS target_agent, {day}"
        "count(*) AS events, round(sum(e.goldstein), 1) AS goldstein, round(avg(e.goldstein), 2) AS goldstein_mean, "
        "count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation, "
        "count(*) FILTER (WHERE e.quad_class >= 3) AS conflict "
        f"{EVENTS_FROM} WHERE {where} GROUP BY e.source_code, e.target_code{', day' if per_day else ''}"
    )
    order = "day, events DESC, source_code, target_code" if per_day else "events DESC, source_code, target_code"
    return View(sql, params, order)


def timeline_view(flt: EventFilter, bucket: str = "day") -> View:
    """Events per period and quad class with their Goldstein sum."""
    where, params = event_where(flt, NOT_NEGATED, f"{EVENT_DAY} IS NOT NULL")
    sql = (
        f"SELECT CAST(date_trunc(?, {EVENT_DAY}) AS DATE) AS period, e.quad_class, count(*) AS events, "
        f"round(sum(e.goldstein), 1) AS goldstein {EVENTS_FROM} WHERE {where} GROUP BY ALL"
    )
    return View(sql, [bucket, *params], "period, quad_class")


def auto_bucket(con: DuckDBPyConnection, flt: EventFilter) -> str:
    """Days for up to 4 months of events, weeks up to 2 years, months up to 30 years, else years."""
    where, params = event_where(flt, NOT_NEGATED)
    first, last = one_row(con, f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) {EVENTS_FROM} WHERE {where}", params)
    if first is None:
        return "day"
    days = (last - first).days
    return "day" if days <= 120 else "week" if days <= 730 else "month" if days <= 30 * 365 else "year"


def left_out(con: DuckDBPyConnection, flt: EventFilter) -> dict[str, Any]:
    """What the counted view leaves out under the rest of the filter: negated, background, undated."""
    rest = EventFilter(**{**flt.__dict__, "scope": "all", "negated": None})
    where, params = event_where(rest)
    background = rest.scope_sql("background")
    sql = (
        f"SELECT count(*) FILTER (WHERE coalesce(e.negated, false)) AS negated, "
        f"count(*) FILTER (WHERE {background} AND {EVENT_DAY} IS NOT NULL) AS background, "
        f"count(*) FILTER (WHERE {NOT_NEGATED} AND {EVENT_DAY} IS NULL) AS undated, "
        f"min({EVENT_DAY}) FILTER (WHERE {background}) AS background_first, "
        f"max({EVENT_DAY}) FILTER (WHERE {background}) AS background_last {EVENTS_FROM} WHERE {where}"
    )
    return fetch_dicts(con, sql, params)[0]


def quotes_view(flt: EventFilter) -> View:
    """Quotes with their speakers; under event filters, the quotes of the matching events' sentences."""
    direct: dict[str, Condition] = {"text": ("contains(lower(t.text), lower(?))", [flt.text])}
    if flt.actors:
        direct["actor"] = any_actor(("t.speaker",), flt.actors)
    where, params = table_where(flt, direct, by_sentence=True)
    sql = (
        "SELECT t.doc_id, t.sentence_index, t.speaker_text, t.speaker_name, t.speaker_code, t.speaker_country, "
        "t.speaker_org, t.speaker_agent, t.text, t.direct, t.cue, t.start_char, "
        "d.title AS doc_title, d.date AS doc_date "
        f"FROM quotes t JOIN documents d ON d.id = t.doc_id WHERE {where}"
    )
    return View(sql, params, "doc_date DESC NULLS LAST, doc_id, sentence_index, start_char")


def stances_view(flt: EventFilter, issue: str | None = None) -> View:
    """Each actor's position per issue: supporting, opposing and neutral statements, with the latest evidence."""
    direct: dict[str, Condition] = {"text": ("contains(lower(t.evidence), lower(?))", [flt.text])}
    if flt.actors:
        direct["actor"] = any_actor(("t.actor",), flt.actors)
    where, params = table_where(flt, direct, by_sentence=True)
    if issue:
        where, params = f"{where} AND t.issue = ?", [*params, issue]
    sql = (
        "SELECT t.issue, t.actor_code, mode(t.actor_name) AS actor_name, mode(t.actor_country) AS actor_country, "
        "count(*) FILTER (WHERE t.polarity > 0) AS support, count(*) FILTER (WHERE t.polarity < 0) AS oppose, "
        "count(*) FILTER (WHERE t.polarity = 0) AS neutral, sum(t.polarity) AS net, "
        "count(DISTINCT t.doc_id) AS documents, arg_max(t.evidence, d.date) AS evidence, "
        "arg_max(t.doc_id, d.date) AS doc_id, arg_max(t.sentence_index, d.date) AS sentence_index "
        f"FROM stances t JOIN documents d ON d.id = t.doc_id WHERE {where} GROUP BY t.issue, t.actor_code"
    )
    return View(sql, params, "issue, abs(net) DESC, actor_code")


def counts_view(flt: EventFilter, unit: str | None = None) -> View:
    """Figures (troops sent, dead, injured, arrested...) with their actor, date and sentence."""
    direct: dict[str, Condition] = {"text": ("contains(lower(t.sentence), lower(?))", [flt.text])}
    if flt.actors:
        direct["actor"] = any_actor(("t.actor",), flt.actors)
    where, params = table_where(flt, direct, by_sentence=True)
    if unit:
        where, params = f"{where} AND t.unit = ?", [*params, unit]
    else:
        units = ", ".join("?" for _ in COUNT_UNITS)
        where, params = f"{where} AND t.unit IN ({units})", [*params, *COUNT_UNITS]
    sql = (
        "SELECT t.unit, t.number, t.approximate, t.vague, t.actor_name, t.actor_code, t.actor_country, t.text, "
        "t.sentence, t.doc_id, t.sentence_index, d.date AS doc_date, d.title AS doc_title "
        f"FROM counts t JOIN documents d ON d.id = t.doc_id WHERE t.number IS NOT NULL AND {where}"
    )
    return View(sql, params, "doc_date DESC NULLS LAST, doc_id, sentence_index, unit")


def count_totals(con: DuckDBPyConnection, flt: EventFilter) -> list[dict[str, Any]]:
    """Per unit: figures, how many are summed, their sum, and the documents they come from.

    A sum should say how many troops were sent or people died *now*, so it
    leaves out vague figures ("hundreds"), figures inside a direct quotation (a
    speaker's claim, which may be wrong) and figures in a sentence that tells of
    the past (one of its events is background-dated: "120,000 died in 1947").
    Every figure is still listed, and ``figures`` counts them all.
    """
    view = counts_view(flt)
    summed = f"(NOT coalesce(v.vague, false) AND NOT {QUOTED_FIGURE} AND NOT {PAST_FIGURE.format(flt.scope_sql('background'))})"
    sql = (
        "SELECT unit, count(*) AS figures, count(*) FILTER (WHERE summed) AS summed, "
        "sum(number) FILTER (WHERE summed) AS total, count(DISTINCT doc_id) AS documents "
        f"FROM (SELECT v.*, {summed} AS summed FROM ({view.sql}) v) GROUP BY unit ORDER BY figures DESC, unit"
    )
    return fetch_dicts(con, sql, view.params)


# A figure said inside a direct quotation of its article (the quote may begin a sentence earlier).
QUOTED_FIGURE = (
    "EXISTS (SELECT 1 FROM quotes q WHERE q.doc_id = v.doc_id AND q.direct AND v.text <> '' "
    "AND q.sentence_index <= v.sentence_index AND contains(q.text, v.text))"
)
# A figure in a sentence one of whose events is background (the scope SQL is filled in).
PAST_FIGURE = (
    "EXISTS (SELECT 1 FROM events e JOIN documents d ON d.id = e.doc_id "
    "WHERE e.doc_id = v.doc_id AND e.sentence_index = v.sentence_index AND {})"
)


def locations_view(flt: EventFilter) -> View:
    """Places: mentions in the filtered documents, and the filtered events that happened there."""
    ev_where, ev_params = event_where(flt, NOT_NEGATED, "e.location_name IS NOT NULL")
    bbox = bbox_condition("t.lat", "t.lon", flt.bbox) if flt.bbox else ("TRUE", [])
    where, params = table_where(flt, {"bbox": bbox})
    sql = (
        "WITH ev AS (SELECT e.location_name AS name, e.location_country AS country, "
        "any_value(e.location_lat) AS lat, any_value(e.location_lon) AS lon, count(*) AS events, "
        "round(sum(e.goldstein), 1) AS goldstein, round(avg(e.goldstein), 2) AS goldstein_mean "
        f"{EVENTS_FROM} WHERE {ev_where} GROUP BY ALL), "
        "mentioned AS (SELECT t.name, t.country, any_value(t.lat) AS lat, any_value(t.lon) AS lon, "
        "sum(t.mentions) AS mentions, count(DISTINCT t.doc_id) AS documents, min(t.feature) AS feature "
        f"FROM locations t JOIN documents d ON d.id = t.doc_id WHERE {where} GROUP BY t.name, t.country) "
        "SELECT coalesce(m.name, ev.name) AS name, coalesce(m.country, ev.country) AS country, "
        "coalesce(ev.lat, m.lat) AS lat, coalesce(ev.lon, m.lon) AS lon, coalesce(m.mentions, 0) AS mentions, "
        "coalesce(m.documents, 0) AS documents, coalesce(ev.events, 0) AS events, ev.goldstein, ev.goldstein_mean, "
        "m.feature, (coalesce(m.mentions, 0) <= 1 AND coalesce(ev.events, 0) <= 1) AS doubtful "
        "FROM mentioned m FULL OUTER JOIN ev ON m.name = ev.name AND m.country IS NOT DISTINCT FROM ev.country"
    )
    return View(sql, ev_params + params, "events DESC, mentions DESC, name")


def unplaced(con: DuckDBPyConnection, flt: EventFilter) -> int:
    """Events under the filter (negated left out) that carry no place with coordinates."""
    where, params = event_where(flt, NOT_NEGATED, "e.location_lat IS NULL")
    return count(con, f"SELECT count(*) {EVENTS_FROM} WHERE {where}", params)


def facets(con: DuckDBPyConnection, flt: EventFilter, top: int = 12) -> dict[str, list[dict[str, Any]]]:
    """Per-value event counts for type, source, target, place country and quad class."""
    where, params = event_where(flt)
    result = {}
    for name, column in FACETS.items():
        sql = (
            f"SELECT {column} AS value, count(*) AS events {EVENTS_FROM} WHERE {where} AND nullif({column}, '') IS NOT NULL "
            "GROUP BY ALL ORDER BY events DESC, value LIMIT ?"
        )
        result[name] = fetch_dicts(con, sql, [*params, top])
    return result


def documents_view(flt: EventFilter) -> View:
    """Documents holding matching events (all documents when no event filter is set).

    Here ``q`` searches the documents' full text and titles, not event sentences.
    """
    search = ("(contains(lower(t.text), lower(?)) OR contains(lower(t.title), lower(?)))", [flt.text, flt.text])
    where, params = table_where(flt, {"text": search})
    sql = (
        "SELECT t.id, t.title, t.date, t.url, t.n_sentences, "
        "(SELECT count(*) FROM events x WHERE x.doc_id = t.id) AS events, "
        "(SELECT count(*) FROM quotes x WHERE x.doc_id = t.id) AS quotes "
        f"FROM documents t JOIN documents d ON d.id = t.id WHERE {where.replace('t.doc_id', 't.id')}"
    )
    return View(sql, params, "date DESC NULLS LAST, id")


def document(con: DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A document with its text, sentences, sources and every record coded from it."""
    found = fetch_dicts(con, "SELECT * FROM documents WHERE id = ?", [doc_id])
    if not found:
        return None
    result = found[0]
    result["sentences"] = _children(con, "sentences", doc_id, "sentence_index")
    result["sources"] = _children(con, "doc_sources", doc_id, "kind DESC, source_id")
    for table in DOCUMENT_TABLES:
        result[table] = _children(con, table, doc_id, ORDER_IN_DOCUMENT.get(table, "sentence_index"))
    return result


def _children(con: DuckDBPyConnection, table: str, doc_id: str, order: str) -> list[dict[str, Any]]:
    """Rows of a child table for one document; ``table`` and ``order`` come from fixed lists above."""
    return fetch_dicts(con, f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? ORDER BY {order}", [doc_id])


def actor_rows(con: DuckDBPyConnection, code: str) -> dict[str, Any]:
    """What one actor code holds: the names under it, mentions and documents."""
    names = fetch_dicts(
        con,
        "SELECT actor_name AS name, sum(mentions) AS mentions, count(DISTINCT doc_id) AS documents FROM actors "
        "WHERE actor_code = ? AND actor_name IS NOT NULL GROUP BY ALL ORDER BY mentions DESC, name LIMIT 50",
        [code],
    )
    head = fetch_dicts(
        con,
        "SELECT mode(actor_country) AS country, mode(actor_org) AS org, mode(actor_agent) AS agent, "
        "sum(mentions) AS mentions, count(DISTINCT doc_id) AS documents FROM actors WHERE actor_code = ?",
        [code],
    )[0]
    return {**head, "names": names}


def partners(con: DuckDBPyConnection, flt: EventFilter, code: str, limit: int = 20) -> list[dict[str, Any]]:
    """The actors ``code`` acted on or was acted on by, with counts both ways."""
    where, params = event_where(flt, NOT_NEGATED)
    sql = (
        "SELECT CASE WHEN e.source_code = ? THEN e.target_code ELSE e.source_code END AS code, "
        "count(*) FILTER (WHERE e.source_code = ?) AS as_source, count(*) FILTER (WHERE e.target_code = ?) AS as_target, "
        "count(*) AS events, round(avg(e.goldstein), 2) AS goldstein_mean "
        f"{EVENTS_FROM} WHERE {where} AND (e.source_code = ? OR e.target_code = ?) "
        "AND e.source_code IS DISTINCT FROM e.target_code AND nullif(e.target_code, '') IS NOT NULL "
        "AND nullif(e.source_code, '') IS NOT NULL "
        "GROUP BY 1 ORDER BY events DESC, code LIMIT ?"
    )
    return fetch_dicts(con, sql, [code, code, code, *params, code, code, limit])


def overview(con: DuckDBPyConnection) -> dict[str, Any]:
    """Store-wide figures for the dashboard header and its filter choices."""
    first, last = one_row(con, f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) {EVENTS_FROM}")
    doc_first, doc_last = one_row(con, "SELECT min(date), max(date) FROM documents")
    return {
        "documents": count(con, "SELECT count(*) FROM documents"),
        "events": count(con, "SELECT count(*) FROM events"),
        "actors": count(con, "SELECT count(DISTINCT actor_code) FROM actors"),
        "quotes": count(con, "SELECT count(*) FROM quotes"),
        "first_date": first or doc_first,
        "last_date": last or doc_last,
        "document_first_date": doc_first,
        "document_last_date": doc_last,
        "plover_types": _column_values(con, "SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL"),
        "cameo_roots": _column_values(con, "SELECT DISTINCT root FROM events WHERE root IS NOT NULL"),
        "issues": _column_values(con, "SELECT DISTINCT issue FROM stances WHERE issue IS NOT NULL"),
        "count_units": _column_values(con, "SELECT DISTINCT unit FROM counts WHERE unit IS NOT NULL"),
    }


def _column_values(con: DuckDBPyConnection, sql: str) -> list[Any]:
    return sorted(row[0] for row in con.execute(sql).fetchall())


def has_column(con: DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether the store's ``table`` has ``column`` (newer stores add date precision to events)."""
    sql = "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?"
    return bool(count(con, sql, [table, column]))


__all__ = ["EventFilter", "View", "page"]
