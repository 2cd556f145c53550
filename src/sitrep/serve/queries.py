"""Read-only queries behind the REST API.

One filter (``ApiFilter``) drives every view, so that the dashboard's map,
timeline, network, table and panels always show the same slice of the store.
Events are filtered directly.  Tables that are not events (quotes, stances,
actors, places) take what applies to their own columns (a speaker is an
actor, a place has coordinates) and are otherwise limited to the documents
that hold a matching event.  Every value is a bound parameter; the SQL text is
built only from fixed fragments.  Aggregates leave negated events out ("did
not reject" is no rejection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.store.query import EVENT_COLUMNS, EventFilter, actor_condition, date_condition, fetch_dicts

Condition = tuple[str, list[Any]]

EVENTS_FROM = "FROM events e JOIN documents d ON d.id = e.doc_id"
EVENT_DAY = "coalesce(e.date, d.date)"
NOT_NEGATED = "NOT coalesce(e.negated, false)"

EVENT_SORTS = {
    "date": f"{EVENT_DAY}, e.doc_id, e.event_index",
    "-date": f"{EVENT_DAY} DESC NULLS LAST, e.doc_id, e.event_index",
    "goldstein": "e.goldstein, e.doc_id, e.event_index",
    "-goldstein": "e.goldstein DESC, e.doc_id, e.event_index",
}
BUCKETS = ("day", "week", "month")
DOCUMENT_TABLES = ("events", "actors", "quotes", "counts", "locations", "stances")
ORDER_IN_DOCUMENT = {"events": "event_index", "actors": "mentions DESC", "locations": "mentions DESC"}


@dataclass(frozen=True)
class ApiFilter:
    """The dashboard's one filter; every field optional.

    ``source``/``target`` match an actor code or a country on that side of an
    event (a dyad); ``bbox`` is (min_lat, min_lon, max_lat, max_lon), and a box
    whose min_lon exceeds its max_lon crosses the antimeridian.
    """

    actor: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    source: str | None = None
    target: str | None = None
    quad_class: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    negated: bool | None = None

    def conditions(self) -> dict[str, Condition]:
        """Each active filter as an SQL condition on events ``e`` joined to documents ``d``."""
        found: dict[str, Condition] = {}
        if self.actor:
            found["actor"] = EventFilter(actor=self.actor).where()
        if self.event_type:
            found["type"] = EventFilter(event_type=self.event_type).where()
        if self.since or self.until:
            found["dates"] = EventFilter(since=self.since, until=self.until).where()
        if self.doc_id:
            found["doc"] = ("e.doc_id = ?", [self.doc_id])
        for side in ("source", "target"):
            value = getattr(self, side)
            if value:
                found[side] = (f"(upper(e.{side}_code) = ? OR upper(e.{side}_country) = ?)", [value.upper()] * 2)
        if self.quad_class:
            found["quad"] = ("e.quad_class = ?", [self.quad_class])
        if self.bbox:
            found["bbox"] = bbox_condition("e.location_lat", "e.location_lon", self.bbox)
        if self.text:
            found["text"] = ("contains(lower(e.sentence), lower(?))", [self.text])
        if self.negated is not None:
            found["negated"] = ("coalesce(e.negated, false) = ?", [self.negated])
        return found


def bbox_condition(lat: str, lon: str, bbox: tuple[float, float, float, float]) -> Condition:
    """Points inside a lat/lon box; a box with min_lon > max_lon wraps across lon 180."""
    min_lat, min_lon, max_lat, max_lon = bbox
    joiner = "AND" if min_lon <= max_lon else "OR"
    return f"({lat} BETWEEN ? AND ? AND ({lon} >= ? {joiner} {lon} <= ?))", [min_lat, max_lat, min_lon, max_lon]


def all_of(conditions: list[Condition]) -> Condition:
    """Conditions joined with AND (TRUE when there are none)."""
    if not conditions:
        return "TRUE", []
    return " AND ".join(c for c, _ in conditions), [p for _, params in conditions for p in params]


def event_where(flt: ApiFilter, *extra: str) -> Condition:
    """The WHERE condition for events, with fixed extra clauses (e.g. NOT_NEGATED)."""
    clause, params = all_of(list(flt.conditions().values()))
    return " AND ".join([clause, *extra]), params


def table_where(flt: ApiFilter, direct: dict[str, Condition]) -> Condition:
    """WHERE condition for a non-event table ``t`` joined to documents ``d``.

    ``direct`` holds the table's own conditions for some filter keys; the
    document's date and id apply directly too, and every other active filter
    limits the rows to documents holding a matching event.
    """
    active = flt.conditions()
    clauses = [direct[key] for key in active if key in direct]
    if flt.since or flt.until:
        clauses.append(date_condition("d.date", flt.since, flt.until))
    if flt.doc_id:
        clauses.append(("t.doc_id = ?", [flt.doc_id]))
    rest = [cond for key, cond in active.items() if key not in direct and key not in ("dates", "doc")]
    if rest:
        if "dates" in active:
            rest.append(active["dates"])
        sub, params = all_of(rest)
        clauses.append((f"t.doc_id IN (SELECT e.doc_id {EVENTS_FROM} WHERE {sub})", params))
    return all_of(clauses)


def page(con: Any, sql: str, params: list[Any], order: str, limit: int, offset: int) -> dict[str, Any]:
    """One page of a query's rows and the total number of rows."""
    total = con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    rows = fetch_dicts(con, f"{sql} ORDER BY {order} LIMIT ? OFFSET ?", [*params, limit, offset])
    return {"total": total, "limit": limit, "offset": offset, "items": rows}


def events(con: Any, flt: ApiFilter, limit: int, offset: int, sort: str = "date") -> dict[str, Any]:
    """Events matching the filter, with their document's title, URL and date."""
    where, params = event_where(flt)
    sql = f"SELECT {EVENT_COLUMNS} {EVENTS_FROM} WHERE {where}"
    return page(con, sql, params, EVENT_SORTS[sort], limit, offset)


def actors(con: Any, flt: ApiFilter, limit: int, offset: int) -> dict[str, Any]:
    """Actors with their mentions, and their events (as source or target) under the filter."""
    ev_where, ev_params = event_where(flt, NOT_NEGATED)
    where, params = table_where(flt, {"actor": actor_condition(("t.actor",), flt.actor or "")})
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
        f"WHERE t.actor_code IS NOT NULL AND {where} GROUP BY t.actor_code"
    )
    return page(con, sql, ev_params + params, "events DESC, mentions DESC, code", limit, offset)


def dyads(con: Any, flt: ApiFilter, limit: int, offset: int, per_day: bool = True) -> dict[str, Any]:
    """Event counts and Goldstein sums per (source, target) pair, per day or in total."""
    where, params = event_where(flt, NOT_NEGATED, "e.target_code IS NOT NULL")
    day = f"{EVENT_DAY} AS day, " if per_day else ""
    sql = (
        f"SELECT e.source_code, mode(e.source_name) AS source_name, mode(e.source_country) AS source_country, "
        f"e.target_code, mode(e.target_name) AS target_name, mode(e.target_country) AS target_country, {day}"
        "count(*) AS events, round(sum(e.goldstein), 1) AS goldstein, round(avg(e.goldstein), 2) AS goldstein_mean, "
        "count(*) FILTER (WHERE e.quad_class <= 2) AS cooperation, "
        "count(*) FILTER (WHERE e.quad_class >= 3) AS conflict "
        f"{EVENTS_FROM} WHERE {where} GROUP BY ALL"
    )
    order = "day, events DESC, source_code, target_code" if per_day else "events DESC, source_code, target_code"
    return page(con, sql, params, order, limit, offset)


def timeline(con: Any, flt: ApiFilter, limit: int, offset: int, bucket: str = "day") -> dict[str, Any]:
    """Events per period and quad class with their Goldstein sum."""
    where, params = event_where(flt, NOT_NEGATED, f"{EVENT_DAY} IS NOT NULL")
    sql = (
        f"SELECT CAST(date_trunc(?, {EVENT_DAY}) AS DATE) AS period, e.quad_class, count(*) AS events, "
        f"round(sum(e.goldstein), 1) AS goldstein {EVENTS_FROM} WHERE {where} GROUP BY ALL"
    )
    return page(con, sql, [bucket, *params], "period, quad_class", limit, offset)


def quotes(con: Any, flt: ApiFilter, limit: int, offset: int) -> dict[str, Any]:
    """Quotes with their speakers; the actor filter and the text search apply to them directly."""
    where, params = table_where(
        flt,
        {
            "actor": actor_condition(("t.speaker",), flt.actor or ""),
            "text": ("contains(lower(t.text), lower(?))", [flt.text]),
        },
    )
    sql = (
        "SELECT t.doc_id, t.sentence_index, t.speaker_text, t.speaker_name, t.speaker_code, t.speaker_country, "
        "t.speaker_org, t.speaker_agent, t.text, t.direct, t.cue, t.start_char, "
        "d.title AS doc_title, d.date AS doc_date "
        f"FROM quotes t JOIN documents d ON d.id = t.doc_id WHERE {where}"
    )
    return page(con, sql, params, "doc_date DESC NULLS LAST, doc_id, sentence_index, start_char", limit, offset)


def stances(con: Any, flt: ApiFilter, limit: int, offset: int, issue: str | None = None) -> dict[str, Any]:
    """Each actor's position per issue: supporting, opposing and neutral statements, with the latest evidence."""
    direct = {
        "actor": actor_condition(("t.actor",), flt.actor or ""),
        "text": ("contains(lower(t.evidence), lower(?))", [flt.text]),
    }
    where, params = table_where(flt, direct)
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
    return page(con, sql, params, "issue, abs(net) DESC, actor_code", limit, offset)


def locations(con: Any, flt: ApiFilter, limit: int, offset: int) -> dict[str, Any]:
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
        "sum(t.mentions) AS mentions, count(DISTINCT t.doc_id) AS documents "
        f"FROM locations t JOIN documents d ON d.id = t.doc_id WHERE {where} GROUP BY ALL) "
        "SELECT coalesce(m.name, ev.name) AS name, coalesce(m.country, ev.country) AS country, "
        "coalesce(ev.lat, m.lat) AS lat, coalesce(ev.lon, m.lon) AS lon, coalesce(m.mentions, 0) AS mentions, "
        "coalesce(m.documents, 0) AS documents, coalesce(ev.events, 0) AS events, ev.goldstein, ev.goldstein_mean "
        "FROM mentioned m FULL OUTER JOIN ev ON m.name = ev.name AND m.country IS NOT DISTINCT FROM ev.country"
    )
    return page(con, sql, ev_params + params, "events DESC, mentions DESC, name", limit, offset)


def document(con: Any, doc_id: str) -> dict[str, Any] | None:
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


def _children(con: Any, table: str, doc_id: str, order: str) -> list[dict[str, Any]]:
    """Rows of a child table for one document; ``table`` and ``order`` come from fixed lists above."""
    return fetch_dicts(con, f"SELECT * EXCLUDE (doc_id) FROM {table} WHERE doc_id = ? ORDER BY {order}", [doc_id])


def overview(con: Any) -> dict[str, Any]:
    """Store-wide figures for the dashboard header and its filter choices."""
    first, last = con.execute(f"SELECT min({EVENT_DAY}), max({EVENT_DAY}) {EVENTS_FROM}").fetchone()
    doc_first, doc_last = con.execute("SELECT min(date), max(date) FROM documents").fetchone()
    return {
        "documents": con.execute("SELECT count(*) FROM documents").fetchone()[0],
        "events": con.execute("SELECT count(*) FROM events").fetchone()[0],
        "actors": con.execute("SELECT count(DISTINCT actor_code) FROM actors").fetchone()[0],
        "quotes": con.execute("SELECT count(*) FROM quotes").fetchone()[0],
        "first_date": first or doc_first,
        "last_date": last or doc_last,
        "plover_types": _column_values(con, "SELECT DISTINCT plover FROM events WHERE plover IS NOT NULL"),
        "cameo_roots": _column_values(con, "SELECT DISTINCT root FROM events WHERE root IS NOT NULL"),
        "issues": _column_values(con, "SELECT DISTINCT issue FROM stances WHERE issue IS NOT NULL"),
    }


def _column_values(con: Any, sql: str) -> list[Any]:
    return sorted(row[0] for row in con.execute(sql).fetchall())
