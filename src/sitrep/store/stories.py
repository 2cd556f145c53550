"""Stories: the events of many articles about one real-world happening, grouped after coding.

Twenty outlets reporting one meeting over two days give twenty events; a story
ties them together.  Two events belong to one story when they have

* the same source and target *sides*: the countries when the event crosses a
  border ("Macron met Merz" and "the French and German ministers met" are
  FRA-DEU), else the actors' names (inside one country, "Pelosi proposed" and
  "Cruz proposed" are different happenings); for symmetric families such as
  meetings and clashes the two sides are sorted, so "A met B" and "B met A" agree;
* the same CAMEO root, or roots of one family (data/story_roots.tsv: an
  announced meeting 03 and a meeting 04; an attack 18 and a clash 19);
* dates (the event's, else its article's) within ``window`` days of the
  story's latest event, so a story chains day by day while it is reported;
* the same place when both have one (a country-level place agrees with any
  place in that country).

Negated events, bare statements without a target (CAMEO 01) and domestic
events whose source is only a common noun ("police", "protesters": which
police?) belong to no story.  Stories of one *key* (sides + family) depend only on the events of that
key, so an update recomputes just the keys that have events without a story:
after any ingest or load the stored stories equal a full recomputation, and
running it again changes nothing.  Story ids hash the key and the first event,
so they are stable across runs and machines.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import StoreError
from sitrep.resources import read_rows
from sitrep.store.db import insert_rows, scalar
from sitrep.store.filters import EventFilter, story_where
from sitrep.store.query import fetch_dicts

DEFAULT_WINDOW_DAYS = 3
WINDOW_META = "story_rules"  # rule version and window of the stored stories; another value regroups all
RULES_VERSION = 2

@dataclass(frozen=True)
class StoryEvent:
    """What grouping needs to know of one event."""

    doc_id: str
    event_index: int
    key: str
    day: date | None
    cameo: str
    place: str | None = None
    place_country: str | None = None
    place_is_country: bool = False


@dataclass
class Draft:
    """A story being grown: its events so far, its place, its latest day."""

    events: list[StoryEvent] = field(default_factory=list)
    place: str | None = None
    place_country: str | None = None
    place_is_country: bool = False
    last_day: date | None = None

    def add(self, event: StoryEvent) -> None:
        self.events.append(event)
        if event.place and (self.place is None or self.place_is_country):
            self.place, self.place_country = event.place, event.place_country
            self.place_is_country = event.place_is_country
        if event.day is not None and (self.last_day is None or event.day > self.last_day):
            self.last_day = event.day


def root_families() -> dict[str, tuple[str, bool]]:
    """CAMEO root -> (family, symmetric) from data/story_roots.tsv (read once per update: the SQL
    joins it as a registered table)."""
    rows = read_rows("story_roots.tsv", 3, package="sitrep.store", required=3)
    return {root: (family, symmetric == "1") for root, family, symmetric in rows}


def story_key(source_side: str, target_side: str, root: str, families: dict[str, tuple[str, bool]]) -> str:
    """The grouping key: family of the root, and the sides (sorted when the family is symmetric).

    The store computes the same key in SQL (``KEYED_EVENTS``); this is its readable statement."""
    family, symmetric = families.get(root, (root, False))
    sides = sorted((source_side, target_side)) if symmetric else [source_side, target_side]
    return "|".join([family, *sides])


def find_stories(events: Iterable[StoryEvent], window: int = DEFAULT_WINDOW_DAYS) -> list[list[StoryEvent]]:
    """Group events into stories; deterministic whatever the input order.

    Events are taken by key, then date, document and index; each joins the
    oldest open story of its key within ``window`` days whose place agrees,
    else starts one.  Undated events are stories of their own.
    """
    by_key: dict[str, list[StoryEvent]] = defaultdict(list)
    for event in events:
        by_key[event.key].append(event)
    stories: list[list[StoryEvent]] = []
    for key in sorted(by_key):
        stories.extend(_chain(sorted(by_key[key], key=_order), window))
    return stories


def _order(event: StoryEvent) -> tuple[date, str, int]:
    return (event.day or date.max, event.doc_id, event.event_index)


def _chain(events: list[StoryEvent], window: int) -> Iterator[list[StoryEvent]]:
    """Stories of one key's events, sorted by date."""
    drafts: list[Draft] = []
    for event in events:
        draft = _open_story(drafts, event, window)
        if draft is None:
            draft = Draft()
            drafts.append(draft)
        draft.add(event)
    return (draft.events for draft in drafts)


def _open_story(drafts: list[Draft], event: StoryEvent, window: int) -> Draft | None:
    """The oldest story this event continues, if any."""
    if event.day is None:
        return None
    for draft in drafts:
        if draft.last_day is None or event.day - draft.last_day > timedelta(days=window):
            continue
        if places_agree(draft, event):
            return draft
    return None


def places_agree(draft: Draft, event: StoryEvent) -> bool:
    """Same place, or either has none, or one is the country the other lies in."""
    if not draft.place or not event.place:
        return True
    if draft.place.lower() == event.place.lower():
        return True
    if draft.place_is_country or event.place_is_country:
        return bool(draft.place_country) and draft.place_country == event.place_country
    return False


def story_id(events: list[StoryEvent]) -> str:
    """A stable id: the key and the first event, hashed."""
    first = events[0]
    digest = hashlib.sha1(f"{first.key}\x1f{first.doc_id}\x1f{first.event_index}".encode()).hexdigest()
    return f"st-{digest[:16]}"


def most_specific(codes: Iterable[str]) -> str:
    """The longest code; ties go to the most frequent, then the smallest."""
    counts = Counter(code for code in codes if code)
    if not counts:
        return ""
    return min(counts, key=lambda code: (-len(code), -counts[code], code))


def outlet(doc: dict[str, Any]) -> str:
    """Who published a report: the URL's host, else its source, else its id."""
    url = doc.get("url") or ""
    host = urlsplit(url).hostname if "://" in url else None
    return host.removeprefix("www.") if host else (doc.get("source") or doc["source_id"])


INTERNATIONAL = (
    "(coalesce(e.source_country, '') <> '' AND coalesce(e.target_country, '') <> '' "
    "AND e.source_country <> e.target_country)"
)


def _side(prefix: str) -> str:
    """SQL for an actor's side (fixed column names only): its country when the event crosses a
    border, else its lower-cased name (domestic events of one country are told apart by who)."""
    return (
        f"CASE WHEN {INTERNATIONAL} THEN e.{prefix}_country "
        f"ELSE coalesce(lower(nullif(e.{prefix}_name, '')), nullif(e.{prefix}_code, ''), '') END"
    )


KEYED_EVENTS = f"""
SELECT *, family || '|' || CASE WHEN sym AND target_side < source_side
                              THEN target_side || '|' || source_side
                              ELSE source_side || '|' || target_side END AS story_key
FROM (
  SELECT e.doc_id, e.event_index, e.cameo, e.root, e.plover, e.quad_class, e.goldstein,
         e.source_name, e.target_name, coalesce(e.date, d.date) AS day,
         e.location_name, e.location_country, coalesce(l.is_country, false) AS place_is_country,
         {_side('source')} AS source_side, {_side('target')} AS target_side,
         {INTERNATIONAL} OR regexp_matches(coalesce(e.source_name, ''), '[A-Z]') AS specific,
         coalesce(r.family, e.root) AS family, coalesce(r.sym, false) AS sym
  FROM events e
  JOIN documents d ON d.id = e.doc_id
  LEFT JOIN _story_roots r ON r.root = e.root
  LEFT JOIN (SELECT doc_id, name, bool_or(feature = 'country') AS is_country
             FROM locations GROUP BY doc_id, name) l
         ON l.doc_id = e.doc_id AND l.name = e.location_name
  WHERE NOT coalesce(e.negated, false) AND e.root IS NOT NULL
) k
WHERE source_side <> '' AND specific AND NOT (root = '01' AND target_side = '')
"""

UNGROUPED_KEYS = f"""
SELECT DISTINCT story_key FROM ({KEYED_EVENTS}) k
WHERE NOT EXISTS (SELECT 1 FROM story_events s WHERE s.doc_id = k.doc_id AND s.event_index = k.event_index)
UNION
SELECT s.story_key FROM stories s
JOIN (SELECT m.story_id, count(DISTINCT c.source_id) AS copies
      FROM (SELECT DISTINCT story_id, doc_id FROM story_events) m
      JOIN doc_sources c ON c.doc_id = m.doc_id GROUP BY m.story_id) n ON n.story_id = s.story_id
WHERE n.copies <> s.articles
"""
"""Keys with an event in no story, or a story whose documents gained a wire copy since."""


@dataclass
class StoryUpdate:
    """What an update recomputed."""

    keys: int = 0
    stories: int = 0


def update_stories(con: Any, window: int = DEFAULT_WINDOW_DAYS) -> StoryUpdate:
    """Recompute the stories of every key that has an event without a story (or a story whose
    documents have new copies), in one transaction.

    A changed ``window`` recomputes every key.  Calling it again changes nothing.
    """
    _register_roots(con)
    try:
        full = scalar(con, "SELECT value FROM meta WHERE key = ?", [WINDOW_META]) != _rules(window)
        keys = None if full else [row[0] for row in con.execute(UNGROUPED_KEYS).fetchall()]
        if keys == []:
            return StoryUpdate()
        rows = _keyed_rows(con, keys)
        drafts = find_stories((_story_event(row) for row in rows.values()), window)
        docs = _documents(con, {row["doc_id"] for row in rows.values()})
        _replace(con, keys, [story_rows(events, rows, docs) for events in drafts], window)
    finally:
        con.unregister("_story_roots")
    return StoryUpdate(len({row["story_key"] for row in rows.values()}), len(drafts))


def _rules(window: int) -> str:
    return f"v{RULES_VERSION}, {window} days"


def _register_roots(con: Any) -> None:
    import pyarrow as pa

    families = root_families()
    table = pa.table(
        {
            "root": list(families),
            "family": [family for family, _ in families.values()],
            "sym": [symmetric for _, symmetric in families.values()],
        }
    )
    con.register("_story_roots", table)


def _keyed_rows(con: Any, keys: list[str] | None) -> dict[tuple[str, int], dict[str, Any]]:
    """The keyed events of these keys (all keys when None), by (doc_id, event_index)."""
    sql, params = f"SELECT * FROM ({KEYED_EVENTS}) k", []
    if keys is not None:
        sql += " WHERE story_key IN (SELECT unnest(?::VARCHAR[]))"
        params = [keys]
    cursor = con.execute(sql, params)
    names = [d[0] for d in cursor.description]
    found = {}
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        found[(row["doc_id"], row["event_index"])] = row
    return found


def _story_event(row: dict[str, Any]) -> StoryEvent:
    return StoryEvent(
        doc_id=row["doc_id"],
        event_index=row["event_index"],
        key=row["story_key"],
        day=row["day"],
        cameo=row["cameo"] or "",
        place=row["location_name"],
        place_country=row["location_country"],
        place_is_country=bool(row["place_is_country"]),
    )


def _documents(con: Any, doc_ids: set[str]) -> dict[str, dict[str, Any]]:
    """Date, title and every source (wire copies included) of each document."""
    cursor = con.execute(
        "SELECT d.id, d.date, d.title, list(struct_pack(source_id := s.source_id, url := s.url, "
        "source := s.source)) AS copies FROM documents d LEFT JOIN doc_sources s ON s.doc_id = d.id "
        "WHERE d.id IN (SELECT unnest(?::VARCHAR[])) GROUP BY d.id, d.date, d.title",
        [sorted(doc_ids)],
    )
    return {
        doc_id: {"date": day, "title": title, "copies": [c for c in copies if c["source_id"]]}
        for doc_id, day, title, copies in cursor.fetchall()
    }


def story_rows(
    events: list[StoryEvent], rows: dict[tuple[str, int], dict[str, Any]], docs: dict[str, dict[str, Any]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The ``stories`` row of one story and its ``story_events`` rows."""
    sid = story_id(events)
    members = [rows[(e.doc_id, e.event_index)] for e in events]
    doc_ids = list(dict.fromkeys(e.doc_id for e in events))
    story = {
        "story_id": sid,
        "story_key": events[0].key,
        **_what(members),
        **_where(members),
        **_when(events, [docs[d] for d in doc_ids]),
        **_reach(events, {d: docs[d] for d in doc_ids}),
        "title": docs[doc_ids[0]]["title"],
    }
    links = [{"story_id": sid, "doc_id": e.doc_id, "event_index": e.event_index} for e in events]
    return story, links


def _what(members: list[dict[str, Any]]) -> dict[str, Any]:
    """Who did what: the sides and type of the most specific member event, the names most used."""
    cameo = most_specific(m["cameo"] for m in members)
    lead = next(m for m in members if m["cameo"] == cameo) if cameo else members[0]
    return {
        "source_side": lead["source_side"],
        "target_side": lead["target_side"] or None,
        "source_name": _common(m["source_name"] for m in members),
        "target_name": _common(m["target_name"] for m in members),
        "root": lead["root"],
        "cameo": cameo or None,
        "plover": lead["plover"],
        "quad_class": lead["quad_class"],
        "goldstein": lead["goldstein"],
    }


def _where(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The first place below country level that a member names, else the first place at all."""
    place = next((m for m in members if m["location_name"] and not m["place_is_country"]), None) or next(
        (m for m in members if m["location_name"]), {}
    )
    return {"location_name": place.get("location_name"), "location_country": place.get("location_country")}


def _when(events: list[StoryEvent], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """When it happened (the events' days) and when it was reported (the documents' dates)."""
    days = [e.day for e in events if e.day is not None]
    reported = [d["date"] for d in docs if d["date"] is not None]
    return {
        "first_date": min(days, default=None),
        "last_date": max(days, default=None),
        "first_report": min(reported, default=None),
        "last_report": max(reported, default=None),
    }


def _reach(events: list[StoryEvent], docs: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """How widely it was told: events, stored documents, wire copies and distinct outlets."""
    copies = {c["source_id"]: c for d in docs.values() for c in d["copies"]}
    copies = copies or {d: {"source_id": d} for d in docs}
    return {
        "events": len(events),
        "documents": len(docs),
        "articles": len(copies),
        "sources": len({outlet(c) for c in copies.values()}),
    }


def _common(values: Iterable[str | None]) -> str | None:
    """The most frequent value (ties: the first met)."""
    counts = Counter(v for v in values if v)
    return counts.most_common(1)[0][0] if counts else None


def _replace(
    con: Any, keys: list[str] | None, built: list[tuple[dict[str, Any], list[dict[str, Any]]]], window: int
) -> None:
    """Swap the stories of these keys (all when None) for the rebuilt ones, atomically."""
    con.execute("BEGIN TRANSACTION")
    try:
        if keys is None:
            con.execute("DELETE FROM story_events")
            con.execute("DELETE FROM stories")
        else:
            con.execute(
                "DELETE FROM story_events WHERE story_id IN (SELECT story_id FROM stories "
                "WHERE story_key IN (SELECT unnest(?::VARCHAR[])))",
                [keys],
            )
            con.execute("DELETE FROM stories WHERE story_key IN (SELECT unnest(?::VARCHAR[]))", [keys])
        insert_rows(con, "stories", [story for story, _ in built])
        insert_rows(con, "story_events", [link for _, links in built for link in links])
        con.execute(
            "INSERT INTO meta VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [WINDOW_META, _rules(window)],
        )
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        raise StoreError(
            f"cannot write the stories ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__}); "
            "the events are kept, run `sitrep load` or `sitrep ingest` again to rebuild them"
        ) from exc


@dataclass(frozen=True)
class StoryFilter:
    """Filters of ``sitrep events --stories`` and ``/api/stories``: the one event filter and an article count.

    Of the event filter, the actors (either side of any event of the story), the
    event types (the story's own), ``since`` (stories still reported on or after
    that day) and ``until`` (stories begun on or before it) apply; see
    ``store.filters.story_where``.
    """

    events: EventFilter = EventFilter()
    min_articles: int = 1

    def where(self) -> tuple[str, list[Any]]:
        return story_where(self.events, self.min_articles)


def query_stories(
    con: Any, flt: StoryFilter, limit: int | None = None, offset: int = 0
) -> tuple[list[dict[str, Any]], int]:
    """Stories matching the filter (most articles first, then by date) and how many match in all."""
    where, params = flt.where()
    total = scalar(con, f"SELECT count(*) FROM stories s WHERE {where}", params)
    sql = f"SELECT s.* FROM stories s WHERE {where} ORDER BY s.articles DESC, s.first_date, s.story_id"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params = [*params, limit, offset]
    return fetch_dicts(con, sql, params), total


def story_detail(con: Any, sid: str) -> dict[str, Any] | None:
    """A story with every event behind it and every report (document and its wire copies)."""
    found = fetch_dicts(con, "SELECT * FROM stories WHERE story_id = ?", [sid])
    if not found:
        return None
    events = fetch_dicts(
        con,
        "SELECT e.*, d.title AS doc_title, d.url AS doc_url, d.date AS doc_date FROM story_events m "
        "JOIN events e ON e.doc_id = m.doc_id AND e.event_index = m.event_index "
        "JOIN documents d ON d.id = e.doc_id WHERE m.story_id = ? "
        "ORDER BY coalesce(e.date, d.date), e.doc_id, e.event_index",
        [sid],
    )
    reports = fetch_dicts(
        con,
        "SELECT s.doc_id, s.source_id, s.kind, s.url, s.source, d.title, d.date FROM doc_sources s "
        "JOIN documents d ON d.id = s.doc_id WHERE s.doc_id IN "
        "(SELECT DISTINCT doc_id FROM story_events WHERE story_id = ?) "
        "ORDER BY d.date, s.doc_id, s.source_id",
        [sid],
    )
    return {**found[0], "event_list": events, "reports": reports}
