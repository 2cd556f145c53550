"""Dates: datelines, relative expressions, and each event's date."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.coding.attributes import dates
from sitrep.models import Actor, Event

THURSDAY = date(2026, 1, 15)


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("today", "past", "2026-01-15"),
        ("yesterday", "past", "2026-01-14"),
        ("last night", "past", "2026-01-14"),
        ("tomorrow", "future", "2026-01-16"),
        ("Wednesday", "past", "2026-01-14"),
        ("on Thursday", "past", "2026-01-15"),
        ("Wednesday", "future", "2026-01-21"),
        ("next Monday", "past", "2026-01-19"),
        ("last week", "past", "2026-01-05"),
        ("this week", "past", "2026-01-12"),
        ("earlier this month", "past", "2026-01-01"),
        ("last month", "past", "2025-12-01"),
        ("next month", "future", "2026-02-01"),
        ("last year", "past", "2025-01-01"),
        ("three years ago", "past", "2023-01-15"),
        ("two weeks ago", "past", "2026-01-01"),
        ("on January 14", "past", "2026-01-14"),
        ("Jan. 14", "past", "2026-01-14"),
        ("14 January 2025", "past", "2025-01-14"),
        ("December 20", "past", "2025-12-20"),
        ("in May", "past", "2025-05-01"),
        ("in May", "future", "2026-05-01"),
        ("May last year", "past", "2025-05-01"),
        ("2008", "past", "2008-01-01"),
    ],
)
def test_resolve_date(expression, tense, expected) -> None:
    assert dates.resolve_date(expression, THURSDAY, tense).isoformat() == expected


@pytest.mark.parametrize("expression", ["decades", "the weekend", "48 hours", "recently"])
def test_unresolvable_expressions_give_none(expression) -> None:
    assert dates.resolve_date(expression, THURSDAY) is None


@pytest.mark.parametrize(
    ("text", "fallback", "expected"),
    [
        ("COPENHAGEN, Jan. 15 (Reuters) - Denmark said ...", "2026-03-01", "2026-01-15"),
        ("HEMPSTEAD, N.Y., Sept. 26 (UPI) — Green Party ...", "2016-01-01", "2016-09-26"),
        ("January 15, 2026 — Denmark said ...", None, "2026-01-15"),
        ("COPENHAGEN, Jan. 15 (Reuters) - no year known", None, None),
        ("March 3 protests were large.", None, None),
    ],
)
def test_publication_date_from_a_dateline(text, fallback, expected) -> None:
    assert dates.find_publication_date(text, fallback) == expected


def _event(trigger: str) -> Event:
    actor = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")
    return Event("", 0, actor, None, "040", "04", 1, 1.0, "CONSULT", trigger=trigger)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Officials met in Washington on Wednesday.", "met", "2026-01-14"),
        ("Officials will meet again on Wednesday.", "meet", "2026-01-21"),
        ("Macron visited Nuuk last year.", "visited", "2025-01-01"),
        (
            "Rutte met Frederiksen on Wednesday, two weeks after talks collapsed on January 1.",
            "met",
            "2026-01-14",
        ),
        ("Denmark rejected the proposal.", "rejected", "2026-01-15"),
    ],
)
def test_event_date_from_its_sentence(prepare, settings, resources, text, trigger, expected) -> None:
    doc = prepare(text, "dates", date="2026-01-15")
    doc.events = [_event(trigger)]
    coded = next(dates.process([doc], settings, resources))
    assert coded.events[0].date == expected


@pytest.mark.model
def test_missing_publication_date_comes_from_the_dateline(prepare, settings, resources) -> None:
    doc = prepare("January 16, 2026 — Officials met in Oslo on Wednesday.", "dates", date=None)
    doc.events = [_event("met")]
    coded = next(dates.process([doc], settings, resources))
    assert coded.date == "2026-01-16"
    assert coded.events[0].date == "2026-01-14"


@pytest.mark.parametrize(
    ("expression", "precision", "source"),
    [
        ("yesterday", "day", "relative"),
        ("on Tuesday", "day", "relative"),
        ("last week", "day", "relative"),
        ("last month", "month", "relative"),
        ("last year", "year", "relative"),
        ("three years ago", "year", "relative"),
        ("January 14", "day", "explicit"),
        ("14 January 2025", "day", "explicit"),
        ("in March", "month", "explicit"),
        ("March 2024", "month", "explicit"),
        ("in 2011", "year", "explicit"),
    ],
)
def test_resolved_dates_carry_precision_and_source(expression, precision, source) -> None:
    found = dates.resolve_expression(expression, THURSDAY)
    assert (found.precision, found.source) == (precision, source)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "expected", "source", "precision"),
    [
        # a year mentioned in another clause is background, not the event's date
        ("The pact, which was signed in 1954, was rejected by Denmark.", "rejected", "2026-01-15", "published", "day"),
        ("In 1949, the alliance was founded, and Denmark rejected the new plan.", "rejected", "2026-01-15", "published", "day"),
        # the event's own clause says it happened then
        ("Denmark rejected the first plan in 1994.", "rejected", "1994-01-01", "explicit", "year"),
        # a clock time is no year
        ("Troops crossed the border at 1922 UTC.", "crossed", "2026-01-15", "published", "day"),
        ("Troops crossed the border at 0600 GMT on Tuesday.", "crossed", "2026-01-13", "relative", "day"),
        ("Macron visited Nuuk last year.", "visited", "2025-01-01", "relative", "year"),
        ("Officials met in Oslo in December.", "met", "2025-12-01", "explicit", "month"),
    ],
)
def test_background_dates_and_clock_times_do_not_date_events(prepare, settings, resources, text, trigger, expected, source, precision) -> None:
    doc = prepare(text, "dates", date="2026-01-15")
    doc.events = [_event(trigger)]
    event = next(dates.process([doc], settings, resources)).events[0]
    assert (event.date, event.date_source, event.date_precision) == (expected, source, precision)


@pytest.mark.model
@pytest.mark.eval
@pytest.mark.slow
def test_wikinews_events_are_not_dated_years_back_without_saying_so(shared_eval, corpus_store) -> None:
    """On the 295 Wikinews articles no event is dated more than two years before its article
    unless its sentence states that year."""
    import duckdb

    with duckdb.connect(str(corpus_store), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM documents WHERE id LIKE 'https://en.wikinews.org/%'").fetchone()
        stale = con.execute(
            "SELECT e.doc_id, e.date, e.sentence FROM events e JOIN documents d ON d.id = e.doc_id "
            "WHERE e.date < d.date - INTERVAL 2 YEAR AND position(strftime(e.date, '%Y') IN e.sentence) = 0"
        ).fetchall()
    assert articles is not None and articles[0] >= 290
    assert stale == [], stale[:5]
