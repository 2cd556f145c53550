"""Reading the store: filtered events and the run summary.

Every query binds its parameters; column names come only from fixed lists.
The filter and its SQL are store/filters.py, shared with the API and the stories.
"""

from __future__ import annotations

from typing import Any

from sitrep.store.db import scalar
from sitrep.store.filters import EVENT_DAY, EVENTS_FROM, EventFilter

EVENT_COLUMNS = "e.*, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date"


def query_events(con: Any, flt: EventFilter, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Events matching the filter, oldest first, with their document's title and URL."""
    where, params = flt.where()
    sql = f"SELECT {EVENT_COLUMNS} {EVENTS_FROM} WHERE {where} ORDER BY {EVENT_DAY}, e.doc_id, e.event_index"
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
