"""The one event filter (``sitrep events``, the REST API, the stories) and the one place it becomes SQL.

``EventFilter`` holds every filter a caller may set; the CLI sets a few fields,
the API parses its request parameters into it (serve/params.py), and the story
list (store/stories.py) applies its actor, type and date fields to stories.
Conditions are on events ``e`` joined to documents ``d``.  Every value is a
bound parameter; the SQL text is built only from fixed fragments.  Pattern
filters escape ``%``, ``_`` and ``\\`` so that a typed ``%`` finds a percent
sign instead of every row.

*Which events are counted* is one definition used by every view (the table,
the timeline, the network, the map, the counts): an event is **counted** when
it is affirmed (not negated) and its day is plausible: an event date at day
or month precision no more than ``BACKGROUND_YEARS`` before its article and
no later than ``FUTURE_DAYS`` after it, and not before the month of the
store's first article, or, when the event has no date of its
own, its article's date.  Other dated events are **background** (a year
mentioned in passing, history); events without any date are **undated**.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sitrep.coding.cameo import plover_types
from sitrep.errors import ConfigError
from sitrep.resources import Resources

Condition = tuple[str, list[Any]]

EVENTS_FROM = "FROM events e JOIN documents d ON d.id = e.doc_id"
EVENT_DAY = "coalesce(e.date, d.date)"
NOT_NEGATED = "NOT coalesce(e.negated, false)"
BACKGROUND_YEARS = 2
FUTURE_DAYS = 400
SCOPES = ("all", "counted", "background")
# The month of the store's first article: an event dated before it is history the articles recall.
CORPUS_START = "(SELECT date_trunc('month', min(date)) FROM documents)"
RULE = (
    f"Counted: affirmed events (not negated) dated at day or month precision, at most {BACKGROUND_YEARS} years "
    "before their article and not before the first article's month (or dated by their article). "
    "Negated, background-dated and undated events are listed apart."
)


def one(value: str | None) -> tuple[str, ...]:
    """A single optional value (a CLI option) as the filter's tuple of any-of values."""
    return (value,) if value else ()


@dataclass(frozen=True)
class EventFilter:
    """The one event filter; every field optional.

    ``actors`` and ``event_types`` hold several values meaning any of them;
    ``source``/``target`` match an actor code or a country on that side of an
    event (a dyad); ``bbox`` is (min_lat, min_lon, max_lat, max_lon), and a box
    whose min_lon exceeds its max_lon crosses the antimeridian.  ``scope``
    picks all events, only the counted ones, or only the background ones;
    ``precision_column`` says whether the store's events have ``date_precision``.
    """

    actors: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    source: str | None = None
    target: str | None = None
    quad_classes: tuple[int, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    negated: bool | None = None
    scope: str = "all"
    precision_column: bool = False

    def conditions(self) -> dict[str, Condition]:
        """Each active filter as an SQL condition, keyed by filter (``table_where`` needs the keys).

        An event type that is neither a CAMEO code nor a PLOVER type is a ConfigError.
        """
        found: dict[str, Condition] = {}
        if self.actors:
            found["actor"] = any_actor(("e.source", "e.target"), self.actors)
        if self.event_types:
            found["type"] = any_of([type_condition(t) for t in self.event_types])
        if self.since or self.until:
            found["dates"] = date_condition(EVENT_DAY, self.since, self.until)
        if self.doc_id:
            found["doc"] = ("e.doc_id = ?", [self.doc_id])
        for side in ("source", "target"):
            value = getattr(self, side)
            if value:
                found[side] = (f"(upper(e.{side}_code) = ? OR upper(e.{side}_country) = ?)", [value.upper()] * 2)
        if self.quad_classes:
            marks = ", ".join("?" for _ in self.quad_classes)
            found["quad"] = (f"e.quad_class IN ({marks})", list(self.quad_classes))
        if self.bbox:
            found["bbox"] = bbox_condition("e.location_lat", "e.location_lon", self.bbox)
        if self.text:
            found["text"] = ("contains(lower(e.sentence), lower(?))", [self.text])
        if self.negated is not None:
            found["negated"] = ("coalesce(e.negated, false) = ?", [self.negated])
        if self.scope != "all":
            found["scope"] = (self.scope_sql(self.scope), [])
        return found

    def where(self, *extra: str) -> Condition:
        """The WHERE condition for events, with fixed extra clauses (e.g. NOT_NEGATED)."""
        clause, params = all_of(list(self.conditions().values()))
        return " AND ".join([clause, *extra]), params

    def scope_sql(self, scope: str) -> str:
        """SQL for the counted or the background events (fixed fragments only)."""
        day = plausible_day(self.precision_column)
        if scope == "counted":
            return f"({NOT_NEGATED} AND {day})"
        return f"({NOT_NEGATED} AND NOT {day})"


def event_where(flt: EventFilter, *extra: str) -> Condition:
    """The WHERE condition for events, with fixed extra clauses (e.g. NOT_NEGATED)."""
    return flt.where(*extra)


def table_where(flt: EventFilter, direct: dict[str, Condition], by_sentence: bool = False) -> Condition:
    """WHERE condition for a non-event table ``t`` joined to documents ``d``.

    ``direct`` holds the table's own conditions for some filter keys; the
    document's date and id apply directly too, and every other active filter
    limits the rows to documents (or, with ``by_sentence``, to sentences)
    holding a matching event.
    """
    active = flt.conditions()
    clauses = [direct[key] for key in active if key in direct]
    if flt.since or flt.until:
        clauses.append(date_condition("d.date", flt.since, flt.until))
    if flt.doc_id:
        clauses.append(("t.doc_id = ?", [flt.doc_id]))
    keys = [key for key in active if key not in direct and key not in ("dates", "doc")]
    # The counting scope alone says which events count, not which quotes or places exist.
    rest = [active[key] for key in keys] if set(keys) - {"scope"} else []
    if rest:
        if "dates" in active:
            rest.append(active["dates"])
        sub, params = all_of(rest)
        if by_sentence:
            clauses.append(
                (f"(t.doc_id, t.sentence_index) IN (SELECT e.doc_id, e.sentence_index {EVENTS_FROM} WHERE {sub})", params)
            )
        else:
            clauses.append((f"t.doc_id IN (SELECT e.doc_id {EVENTS_FROM} WHERE {sub})", params))
    return all_of(clauses)


def story_where(flt: EventFilter, min_articles: int = 1) -> Condition:
    """WHERE condition for stories ``s``: the filter's actors, types and dates, and a least article count.

    A story matches an actor when one of its events has that actor on either
    side, and a type by its own PLOVER type or most specific CAMEO code; it is
    within the dates when it was still reported on ``since`` and had begun by
    ``until``.  The filter's other fields are about single events and do not
    apply to stories.
    """
    clauses: list[Condition] = [("s.articles >= ?", [min_articles])]
    if flt.actors:
        clause, values = any_actor(("e.source", "e.target"), flt.actors)
        clauses.append((
            "s.story_id IN (SELECT m.story_id FROM story_events m JOIN events e "
            f"ON e.doc_id = m.doc_id AND e.event_index = m.event_index WHERE {clause})",
            values,
        ))
    if flt.event_types:
        clauses.append(any_of([type_condition(t, table="s") for t in flt.event_types]))
    if flt.since:
        clauses.append(date_condition("s.last_date", flt.since, None))
    if flt.until:
        clauses.append(date_condition("s.first_date", None, flt.until))
    return all_of(clauses)


def plausible_day(precision_column: bool) -> str:
    """SQL: the event's day is on the timeline (see the module docstring)."""
    precise = "coalesce(e.date_precision, 'day') IN ('day', 'month')" if precision_column else "TRUE"
    return (
        f"({EVENT_DAY} IS NOT NULL AND (e.date IS NULL OR d.date IS NULL OR "
        f"(e.date >= d.date - INTERVAL {BACKGROUND_YEARS} YEAR AND e.date <= d.date + INTERVAL {FUTURE_DAYS} DAY "
        f"AND e.date >= {CORPUS_START} AND {precise})))"
    )


def type_condition(event_type: str, table: str = "e") -> Condition:
    """A PLOVER type, or a CAMEO code prefix of 2 to 4 digits, on ``table`` (``e`` events, ``s`` stories).

    Anything else is a ConfigError naming both kinds.  Whether the digits are a
    CAMEO code that exists is not judged here (the API does: serve/filters.py).
    """
    value = event_type.strip()
    if value.upper() in plover_type_names():
        return f"{table}.plover = ?", [value.upper()]
    if value.isdigit() and 2 <= len(value) <= 4:
        return f"starts_with({table}.cameo, ?)", [value]
    raise ConfigError(
        f"event type {event_type!r} is neither a CAMEO code (e.g. 12, 061) nor a PLOVER type (e.g. REJECT)"
    )


def plover_type_names() -> frozenset[str]:
    """The PLOVER types, as the CAMEO-to-PLOVER table names them (coding/data/cameo_plover.tsv).

    A Resources of its own, without a vocabulary: the store needs no model, and
    the table is a few hundred short lines, read when a type filter is built.
    """
    return frozenset(plover_types(Resources()))


def date_condition(column: str, since: str | None, until: str | None) -> Condition:
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


def actor_condition(prefixes: tuple[str, ...], actor: str) -> Condition:
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


def any_actor(prefixes: tuple[str, ...], actors: tuple[str, ...]) -> Condition:
    """Any of several actors (multi-select)."""
    return any_of([actor_condition(prefixes, actor) for actor in actors])


def any_of(conditions: list[Condition]) -> Condition:
    """Conditions joined with OR (FALSE when there are none)."""
    if not conditions:
        return "FALSE", []
    return "(" + " OR ".join(c for c, _ in conditions) + ")", [p for _, params in conditions for p in params]


def all_of(conditions: list[Condition]) -> Condition:
    """Conditions joined with AND (TRUE when there are none)."""
    if not conditions:
        return "TRUE", []
    return " AND ".join(c for c, _ in conditions), [p for _, params in conditions for p in params]


def bbox_condition(lat: str, lon: str, bbox: tuple[float, float, float, float]) -> Condition:
    """Points inside a lat/lon box; a box with min_lon > max_lon wraps across lon 180."""
    min_lat, min_lon, max_lat, max_lon = bbox
    joiner = "AND" if min_lon <= max_lon else "OR"
    return f"({lat} BETWEEN ? AND ? AND ({lon} >= ? {joiner} {lon} <= ?))", [min_lat, max_lat, min_lon, max_lon]
