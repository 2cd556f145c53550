"""Dates: the publication date of each document and the date of each event.

Find, then write.  ``find_publication_date`` reads a dateline; ``resolve_date``
turns one time expression into a calendar date; ``find_event_date`` picks the
expression of an event's sentence (its trigger and clause come from
``grammar.adjuncts``); ``process`` writes ``doc.date`` (when the input gave none)
and ``event.date``.

Publication date
    The input's date (JSONL ``date``, ``--date``) wins.  Otherwise a dateline at the
    start of the text: "January 15, 2026 -", "15 January 2026", "2026-01-15", or a
    wire dateline "COPENHAGEN, Jan. 15 (Reuters) -" whose missing year is taken from
    ``settings.publication_date`` when there is one (else it is not used).

Resolving an expression against the publication date P (``resolve_date``)
    * "today", "tonight", "this morning/afternoon/evening": P; "yesterday", "last
      night": P - 1 day; "tomorrow": P + 1 day.
    * A weekday ("Wednesday", "on Wednesday", "last Wednesday"): in a past or
      present-tense sentence the latest such day on or before P; in a future one
      ("will meet on Wednesday", "next Wednesday") the first such day on or after P.
    * A period names its first day (weeks start on Monday): "this week" / "earlier
      this week" -> Monday of P's week, "last week" -> Monday of the week before,
      "next week" -> Monday of the week after; likewise "this/last/next month" and
      "this/last/next year" ("earlier this month" is the 1st of P's month).
    * "N days/weeks/months/years ago" (digits or words): P minus that span.
    * A calendar date: "January 14", "Jan. 14", "14 January", "January 14, 2026";
      "May" alone is the 1st of May.  A missing year is P's year, moved back one year
      when that would put a past event more than a week after P, or forward one year
      when a future event would fall more than a week before P.
      "in 2008" is 1 January 2008.
    * Anything else (durations, "decades", vague "recently") gives no date.

Event date
    Among the DATE and TIME expressions of the event's clause and the clauses above
    it ("met on Wednesday and called for calm": both on Wednesday), those attached to
    the trigger come first, then the nearest to it; the first one that resolves
    gives ``event.date``.  With none, the event carries the publication date.
    Background is skipped: clock times ("1922 UTC", "0900 GMT") never date anything, and a
    date more than two years before publication only dates an event whose own clause
    holds it ("In 1949, the alliance was founded, and Denmark rejected the plan": the
    rejection is today's).  Each event says how its date was found (``date_source``:
    ``published``, ``explicit`` for a written-out date or year, ``relative`` for one
    counted from publication) and how precise it is (``date_precision``: ``day``,
    ``month``, ``year``); "last year" is the first day of that year at year precision.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from sitrep.coding.grammar.adjuncts import auxiliary_words, clause_head, trigger_token
from sitrep.models import Document, Event
from sitrep.nlp.spans import ents_within
from sitrep.nlp.types import Span, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
PART_OF_DAY = re.compile(r"\b(this|last|tomorrow|yesterday)\s+(morning|afternoon|evening|night)\b")
AGO = re.compile(r"\b([\w-]+)\s+(day|week|month|year|decade)s?\s+ago\b")
PERIOD = re.compile(r"\b(this|last|next|past|coming)\s+(week|month|year)\b")
MONTH_DAY = re.compile(r"\b([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4}))?")
DAY_MONTH = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?")
YEAR = re.compile(r"^(?:in\s+)?((?:19|20)\d{2})$")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]+,\s*(?:[A-Z][A-Za-z.]+,\s*)?)?([A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?"
    r"|\d{1,2}\s+[A-Z][a-z]+\.?\s+\d{4}|\d{4}-\d{2}-\d{2})"
    r"\s*(?:\([^)]{1,40}\)\s*)?[-\u2013\u2014:]"
)
SMALL_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": None,
    "few": None,
}
CLOCK_WORDS = frozenset({"gmt", "utc", "edt", "est", "cet", "bst", "hours", "hrs", "a.m.", "p.m.", "am", "pm"})
BACKGROUND_YEARS = 2  # dates further back are background unless the trigger's own clause gives them
SLACK_DAYS = 7  # how far a past event may lie after P (or a future one before) before the year moves


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill a missing ``doc.date`` from a dateline and date every event."""
    for doc in docs:
        if not doc.date:
            doc.date = find_publication_date(doc.text, settings.publication_date)
        if doc.parsed is not None and doc.events:
            write_event_dates(doc)
        yield doc


@dataclass(frozen=True)
class DateFound:
    """A resolved date, how precise it is (day, month, year) and how it was found."""

    day: date
    precision: str = "day"
    source: str = "explicit"  # explicit: written out; relative: counted from the publication date


def write_event_dates(doc: Document) -> None:
    """Each event gets its resolved date, else the publication date (None when unknown)."""
    published = _to_date(doc.date)
    sentences = list(doc.parsed.sents) if doc.parsed is not None else []
    for event in doc.events:
        found = None
        if published is not None and 0 <= event.sentence_index < len(sentences):
            found = find_event_date_found(sentences[event.sentence_index], event, published, doc.notes)
        if found is None and published is not None:
            found = DateFound(published, "day", "published")
        event.date = found.day.isoformat() if found else None
        event.date_precision = found.precision if found else None
        event.date_source = found.source if found else None


def find_publication_date(text: str, fallback: str | None = None) -> str | None:
    """The date of a dateline at the start of ``text`` as YYYY-MM-DD, else None."""
    match = DATELINE.match(text[:200])
    if match is None:
        return None
    anchor = _to_date(fallback)
    expression = match.group(1).lower()
    if not re.search(r"\d{4}", expression):
        if anchor is None:
            return None
        expression = f"{expression}, {anchor.year}"
    found = resolve_date(expression, anchor or date(2000, 1, 1), "past")
    return found.isoformat() if found else None


def find_event_date(
    sentence: Span, event: Event, published: date, notes: list[str] | None = None
) -> date | None:
    """The date the event's sentence gives it, resolved against ``published``."""
    found = find_event_date_found(sentence, event, published, notes)
    return found.day if found else None


def find_event_date_found(
    sentence: Span, event: Event, published: date, notes: list[str] | None = None
) -> DateFound | None:
    """The date the event's sentence gives it, with precision and source.

    Background is skipped: a clock time ("1922 UTC"), and a date more than
    ``BACKGROUND_YEARS`` before publication unless it sits in the trigger's own clause
    ("In 1905, ..." before a clause about today's events dates nothing of today).
    """
    trigger = trigger_token(sentence, event.trigger)
    tense = tense_of(trigger)
    own = clause_head(trigger).i
    for ent in _date_expressions(sentence, trigger):
        if is_clock_time(ent):
            continue
        found = resolve_expression(ent.text, published, tense, notes)
        if found is None:
            continue
        if is_background(found.day, published) and clause_head(ent.root).i != own:
            continue
        return found
    return None


def is_clock_time(ent: Span) -> bool:
    """A time of day ("1922 UTC", "0900 GMT", "10:30 a.m."): never a date, and a four-digit
    clock reading is not a year."""
    doc = ent.doc
    after = doc[ent.end].lower_ if ent.end < len(doc) else ""
    words = {t.lower_ for t in ent} | {after}
    return bool(words & CLOCK_WORDS) or bool(re.search(r"\d:\d\d|\b0\d{3}\b", ent.text))


def is_background(day: date, published: date) -> bool:
    """Whether a date lies so far before publication that it is context, not today's news."""
    return day < _safe_years_back(published, BACKGROUND_YEARS)


def _safe_years_back(day: date, years: int) -> date:
    if day.year - years < date.min.year:
        return date.min
    return _safe_date(day.year - years, day.month, day.day) or date(day.year - years, day.month, 28)


def _date_expressions(sentence: Span, trigger: Token) -> list[Span]:
    """DATE/TIME entities of the trigger's clause or a clause above it, attached ones first, then by distance.

    A date inside another subordinate clause ("since talks collapsed on January 14")
    dates that clause's event, not this one.
    """
    own = clause_head(trigger)
    above = {own.i} | {t.i for t in own.ancestors}
    ents = [e for e in ents_within(sentence) if e.label_ in {"DATE", "TIME"} and clause_head(e.root).i in above]

    def key(ent: Span) -> tuple[int, int]:
        attached = trigger in ent.root.ancestors or any(t.head == trigger for t in ent)
        return (0 if attached else 1, abs(ent.root.i - trigger.i))

    return sorted(ents, key=key)


def tense_of(token: Token) -> str:
    """'future' for will/shall/going to/to-infinitive triggers, 'past' otherwise.

    News reports events after the fact, so present tense ("protesters march on
    Sunday", headline style) is read as past.
    """
    aux = auxiliary_words(token)
    if aux & {"will", "shall", "'ll", "wo"} or (
        "to" in aux and token.head.lemma_ in {"plan", "go", "expect"}
    ):
        return "future"
    if token.tag_ == "VB" and token.head.lower_ in {"will", "shall"}:
        return "future"
    return "past"


def resolve_date(
    expression: str, published: date, tense: str = "past", notes: list[str] | None = None
) -> date | None:
    """One time expression as a calendar date (rules in the module docstring), else None."""
    found = resolve_expression(expression, published, tense, notes)
    return found.day if found else None


def resolve_expression(
    expression: str, published: date, tense: str = "past", notes: list[str] | None = None
) -> DateFound | None:
    """One time expression as a date with its precision and source, else None.

    An expression that lands outside years 1-9999 gives None, and a line in ``notes`` if given.
    """
    text = " ".join(expression.lower().replace(",", ", ").split()).replace(" ,", ",")
    for rule in (_relative_day, _ago, _calendar_date, _period, _weekday, _year):
        try:
            found = rule(text, published, tense)
        except (OverflowError, ValueError):  # outside year 1..9999 ("1000000 days ago"): no date
            if notes is not None:
                notes.append(f"{expression[:60]!r} falls outside the years 1-9999; it gave no date")
            return None
        if found is not None:
            return DateFound(found, precision_of(rule.__name__, text), source_of(rule.__name__, text))
    return None


def precision_of(rule: str, text: str) -> str:
    """How precise the date a rule found is: "last year" and "in 2008" name a year, "May"
    and "last month" a month, the rest a day (a week is dated by its Monday)."""
    if rule == "_year" or (rule in {"_period", "_ago"} and re.search(r"\b(year|decade)s?\b", text)):
        return "year"
    if rule in {"_period", "_ago"} and "month" in text:
        return "month"
    if rule == "_calendar_date" and not re.search(r"\d{1,2}(st|nd|rd|th)?\b(?!\d)", re.sub(r"\d{4}", "", text)):
        return "month"
    return "day"


def source_of(rule: str, text: str) -> str:
    """'explicit' for a written-out date or year, 'relative' for one counted from publication."""
    if rule == "_year" or (rule == "_calendar_date" and "last" not in text.split()):
        return "explicit"
    return "relative"


def _relative_day(text: str, published: date, tense: str) -> date | None:
    part = PART_OF_DAY.search(text)
    if part:
        return published + timedelta(days={"last": -1, "yesterday": -1, "tomorrow": 1}.get(part.group(1), 0))
    for word, offset in DAY_WORDS.items():
        if re.search(rf"\b{word}\b", text):
            return published + timedelta(days=offset)
    return None


def _ago(text: str, published: date, tense: str) -> date | None:
    match = AGO.search(text)
    if not match:
        return None
    amount = int(match.group(1)) if match.group(1).isdigit() else SMALL_NUMBERS.get(match.group(1))
    if amount is None:
        return None
    unit = match.group(2)
    if unit in {"day", "week"}:
        return published - timedelta(days=amount * (7 if unit == "week" else 1))
    months = amount * {"month": 1, "year": 12, "decade": 120}[unit]
    return add_months(published, -months)


def _period(text: str, published: date, tense: str) -> date | None:
    match = PERIOD.search(text)
    if not match:
        return None
    step = {"this": 0, "last": -1, "past": -1, "next": 1, "coming": 1}[match.group(1)]
    unit = match.group(2)
    if unit == "week":
        return published - timedelta(days=published.weekday()) + timedelta(weeks=step)
    if unit == "month":
        return add_months(published.replace(day=1), step)
    return date(published.year + step, 1, 1)


def _weekday(text: str, published: date, tense: str) -> date | None:
    words = re.findall(r"[a-z]+", text)
    days = [WEEKDAYS[w] for w in words if w in WEEKDAYS]
    if not days or len(words) > 4:
        return None
    forward = tense == "future" or "next" in words or "coming" in words
    if forward:
        return published + timedelta(days=(days[0] - published.weekday()) % 7)
    return published - timedelta(days=(published.weekday() - days[0]) % 7)


def _calendar_date(text: str, published: date, tense: str) -> date | None:
    iso = ISO.search(text)
    if iso:
        return _safe_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    for pattern, month_group, day_group in ((MONTH_DAY, 1, 2), (DAY_MONTH, 2, 1)):
        for match in pattern.finditer(text):
            month = MONTHS.get(match.group(month_group))
            if month is not None:
                return _dated(int(match.group(3) or 0), month, int(match.group(day_group)), published, tense)
    words = re.findall(r"[a-z]+|\d{4}", text)
    months = [MONTHS[w] for w in words if w in MONTHS and len(w) > 3 or w == "may"]
    if months and len(words) <= 3:
        year = next((int(w) for w in words if w.isdigit()), 0) or (
            published.year - 1 if "last" in words else 0
        )
        return _dated(year, months[0], 1, published, tense)
    return None


def _year(text: str, published: date, tense: str) -> date | None:
    match = YEAR.match(text)
    return date(int(match.group(1)), 1, 1) if match else None


def _dated(year: int, month: int, day: int, published: date, tense: str) -> date | None:
    """A date with a year; a missing year is chosen near ``published`` (module docstring)."""
    if year:
        return _safe_date(year, month, day)
    found = _safe_date(published.year, month, day)
    if found is None:
        return None
    if tense != "future" and (found - published).days > SLACK_DAYS:
        return _safe_date(published.year - 1, month, day)
    if tense == "future" and (published - found).days > SLACK_DAYS:
        return _safe_date(published.year + 1, month, day)
    return found


def add_months(day: date, months: int) -> date:
    """``day`` shifted by whole months, the day clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _to_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
