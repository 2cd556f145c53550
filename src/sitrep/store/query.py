"""Reading the store: filtered events and the run summary.

Every query binds its parameters; column names come only from fixed lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.errors import ConfigError
from sitrep.store.db import scalar

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)


@dataclass(frozen=True)
class EventFilter:
    """Filters shared by the CLI and the API; every field optional."""

    actor: str | None = None  # code, country, org or name, matched on either side
    event_type: str | None = None  # CAMEO code prefix ("12", "061") or PLOVER type
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """SQL condition and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clause, values = actor_condition(("e.source", "e.target"), self.actor)
            clauses.append(clause)
            params.extend(values)
        if self.event_type:
            clause, value = _type_clause(self.event_type)
            clauses.append(clause)
            params.append(value)
        if self.since or self.until:
            clause, values = date_condition("coalesce(e.date, d.date)", self.since, self.until)
            clauses.append(clause)
            params.extend(values)
        if self.doc_id:
            clauses.append("e.doc_id = ?")
            params.append(self.doc_id)
        return (" AND ".join(clauses) or "TRUE"), params


def date_condition(column: str, since: str | None, until: str | None) -> tuple[str, list[Any]]:
    """``column`` (a fixed SQL expression) within the inclusive range; either end may be open."""
    clauses, params = [], []
    if since:
        clauses.append(f"{column} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        clauses.append(f"{column} <= CAST(? AS DATE)")
        params.append(until)
    return " AND ".join(clauses) or "TRUE", params


def escape_like(value: str) -> str:
    """A literal for ILIKE ... ESCAPE '\\': wildcards and the escape itself lose their meaning
    (an actor filter of "%" or "_" must not match every event)."""
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def actor_condition(prefixes: tuple[str, ...], actor: str) -> tuple[str, list[Any]]:
    """An actor (code, country, org, or part of the name) under any of the column prefixes.

    ``prefixes`` are fixed strings such as ``"e.source"``; the actor is bound, and its
    wildcards are taken literally.  The CLI, the stories and the API share this one test.
    """
    key = actor.strip()
    sides, params = [], []
    for prefix in prefixes:
        sides.append(
            f"(upper({prefix}_code) = ? OR upper({prefix}_country) = ? OR upper({prefix}_org) = ? "
            f"OR {prefix}_name ILIKE ? ESCAPE '\\')"
        )
        params.extend([key.upper(), key.upper(), key.upper(), f"%{escape_like(key)}%"])
    return "(" + " OR ".join(sides) + ")", params


def _type_clause(event_type: str) -> tuple[str, str]:
    value = event_type.strip()
    if value.upper() in PLOVER_TYPES:
        return "e.plover = ?", value.upper()
    if value.isdigit() and 2 <= len(value) <= 4:
        return "starts_with(e.cameo, ?)", value
    raise ConfigError(
        f"event type {event_type!r} is neither a CAMEO code (e.g. 12, 061) nor a PLOVER type (e.g. REJECT)"
    )


EVENT_COLUMNS = "e.*, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date"


def query_events(con: Any, flt: EventFilter, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching the filter, oldest first, with their document's title and URL."""
    where, params = flt.where()
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id "
        f"WHERE {where} ORDER BY coalesce(e.date, d.date), e.doc_id, e.event_index"
    )
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return fetch_dicts(con, sql, params)


def fetch_dicts(con: Any, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    """Rows of a query as dicts."""
    cursor = con.execute(sql, params or [])
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def summary(con: Any, top: int = 10) -> dict[str, Any]:
    """Counts, events by type, events by dyad and type, and the most mentioned actors.

    Dyads leave out bare statements (CAMEO 01, no target) and negated events:
    they say who acted on whom, which is what an analyst scans first.
    """
    return {
        "documents": scalar(con, "SELECT count(*) FROM documents"),
        "events": scalar(con, "SELECT count(*) FROM events"),
        "types": fetch_dicts(
            con,
            "SELECT coalesce(nullif(plover, ''), 'STATEMENT') AS type, count(*) AS events, "
            "round(sum(goldstein), 1) AS goldstein FROM events WHERE NOT negated "
            "GROUP BY ALL ORDER BY events DESC, type",
        ),
        "dyads": fetch_dicts(
            con,
            "SELECT coalesce(nullif(source_code, ''), source_name) AS source, "
            "coalesce(nullif(target_code, ''), target_name) AS target, "
            "plover, root, count(*) AS events, round(sum(goldstein), 1) AS goldstein "
            "FROM events WHERE NOT negated AND target_name IS NOT NULL AND root <> '01' "
            "GROUP BY ALL ORDER BY events DESC, source, target LIMIT ?",
            [top],
        ),
        "actors": fetch_dicts(
            con,
            "SELECT actor_code AS code, actor_name AS name, sum(mentions) AS mentions, "
            "count(DISTINCT doc_id) AS documents FROM actors GROUP BY ALL "
            "ORDER BY mentions DESC, code LIMIT ?",
            [top],
        ),
    }
