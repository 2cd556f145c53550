"""Stories: events of several articles about one happening, grouped after coding."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sitrep.models import Actor, Document, Event, Sentence
from sitrep.scale.batch import ingest
from sitrep.settings import Settings
from sitrep.store.db import open_store, save_documents
from sitrep.store.filters import EventFilter
from sitrep.store.stories import (
    StoryEvent,
    StoryFilter,
    find_stories,
    most_specific,
    query_stories,
    root_families,
    story_detail,
    story_key,
    update_stories,
)
from tests.store.conftest import make_doc


def event(doc: str, day: str | None, key: str = "meet|DEU|FRA", place: str | None = None, **kw) -> StoryEvent:
    return StoryEvent(doc, 0, key, date.fromisoformat(day) if day else None, "040", place, **kw)


def grouping(events: list[StoryEvent], window: int = 3) -> list[list[str]]:
    return [[e.doc_id for e in story] for story in find_stories(events, window)]


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        ([event("a", "2026-03-02"), event("b", "2026-03-03")], [["a", "b"]]),
        ([event("a", "2026-03-02"), event("b", "2026-04-02")], [["a"], ["b"]]),
        # chaining: each report within 3 days of the previous one keeps the story open
        ([event("a", "2026-03-01"), event("b", "2026-03-04"), event("c", "2026-03-07")], [["a", "b", "c"]]),
        ([event("a", "2026-03-02"), event("b", "2026-03-02", key="violence|IND|PAK")], [["a"], ["b"]]),
        ([event("a", "2026-03-02", place="Berlin"), event("b", "2026-03-02", place="Paris")], [["a"], ["b"]]),
        ([event("a", "2026-03-02", place="Berlin"), event("b", "2026-03-02")], [["a", "b"]]),
        (
            [
                event("a", "2026-03-02", place="Berlin", place_country="DEU"),
                event("b", "2026-03-03", place="Germany", place_country="DEU", place_is_country=True),
            ],
            [["a", "b"]],
        ),
        ([event("a", None), event("b", None)], [["a"], ["b"]]),
    ],
    ids=["consecutive-days", "a-month-later", "chained", "other-family", "other-place", "one-place",
         "city-in-country", "undated"],
)
def test_find_stories(events, expected):
    assert grouping(events) == expected


def test_find_stories_does_not_depend_on_input_order():
    events = [event(doc, f"2026-03-0{day}") for doc, day in [("c", 5), ("a", 1), ("d", 9), ("b", 3)]]
    assert grouping(events) == grouping(list(reversed(events))) == [["a", "b", "c"], ["d"]]


@pytest.mark.parametrize(
    ("source", "target", "root", "key"),
    [
        ("FRA", "DEU", "04", "meet|DEU|FRA"),  # meetings are symmetric
        ("DEU", "FRA", "03", "meet|DEU|FRA"),  # an announced meeting joins the meeting
        ("USA", "IRN", "12", "12|USA|IRN"),  # a rejection keeps its direction
        ("IRN", "USA", "19", "violence|IRN|USA"),
    ],
)
def test_story_key(source, target, root, key):
    assert story_key(source, target, root, root_families()) == key


@pytest.mark.parametrize(("codes", "best"), [(["04", "040", "043"], "040"), (["190", "193", "193"], "193"), ([], "")])
def test_most_specific_code(codes, best):
    # longest first; among equally long codes the most frequent, then the smallest
    assert most_specific(codes) == best


def test_update_is_incremental_and_idempotent(db_path: Path):
    with open_store(db_path) as con:
        save_documents(con, [make_doc("r1", date="2026-01-14"), make_doc("r2", date="2026-01-15")])
        first = update_stories(con)
        assert (first.keys, first.stories) == (1, 1)
        assert update_stories(con).stories == 0  # nothing new: nothing recomputed
        before = con.execute("SELECT * FROM stories").fetchall()
        save_documents(con, [make_doc("r3", date="2026-03-01")])
        again = update_stories(con)
        assert (again.keys, again.stories) == (1, 2)
        stories, total = query_stories(con, StoryFilter())
        assert total == 2 and [s["documents"] for s in stories] == [2, 1]
        assert before[0] in con.execute("SELECT * FROM stories").fetchall()  # the old story's id is stable
        update_stories(con, window=60)  # another window regroups every key
        assert query_stories(con, StoryFilter())[1] == 1


ARTICLES = [
    ("meet-1", "2026-03-02", "https://www.lemonde.fr/a",
     "French President Emmanuel Macron met German Chancellor Friedrich Merz in Berlin on Monday. "
     "The two leaders discussed defence spending."),
    ("meet-2", "2026-03-03", "https://www.dw.com/b",
     "German Chancellor Friedrich Merz met French President Emmanuel Macron in Berlin. They talked about the budget."),
    ("meet-3", "2026-04-06", "https://www.dw.com/c",
     "French President Emmanuel Macron met German Chancellor Friedrich Merz in Berlin on Monday. "
     "The leaders discussed trade."),
    ("clash-1", "2026-05-11", "https://www.reuters.com/x",
     "Indian troops clashed with Pakistani troops near the border on Monday. "
     "Indian officials met Pakistani officials later that day."),
]


@pytest.fixture
def story_store(nlp, tmp_path: Path) -> Path:
    corpus = tmp_path / "reports.jsonl"
    corpus.write_text("".join(json.dumps({"id": i, "date": d, "url": u, "text": t}) + "\n" for i, d, u, t in ARTICLES))
    db = tmp_path / "stories.duckdb"
    ingest([str(corpus)], Settings(db_path=db), print)
    return db


def stored_detail(con: Any, story_id: str) -> dict[str, Any]:
    """The detail of a story the test knows is stored (a missing one fails the test here)."""
    detail = story_detail(con, story_id)
    assert detail is not None, f"story {story_id} is not stored"
    return detail


@pytest.mark.model
def test_reports_of_one_meeting_form_one_story(story_store: Path):
    with open_store(story_store, read_only=True) as con:
        stories, _ = query_stories(con, StoryFilter(EventFilter(actors=("FRA",))))
        # the documents each story's events come from ("the two leaders discussed ..." adds events, not stories)
        by_docs = {tuple(sorted({d["doc_id"] for d in stored_detail(con, s["story_id"])["event_list"]})): s
                   for s in stories}
        assert set(by_docs) == {("meet-1", "meet-2"), ("meet-3",)}  # consecutive days: one; a month later: another
        meeting = by_docs[("meet-1", "meet-2")]
        assert (meeting["articles"], meeting["sources"], meeting["cameo"]) == (2, 2, "040")
        assert (str(meeting["first_date"]), str(meeting["last_date"])) == ("2026-03-02", "2026-03-03")
        assert [r["doc_id"] for r in stored_detail(con, meeting["story_id"])["reports"]] == ["meet-1", "meet-2"]


@pytest.mark.model
def test_a_clash_and_a_meeting_of_one_pair_on_one_day_stay_apart(story_store: Path):
    with open_store(story_store, read_only=True) as con:
        stories, total = query_stories(con, StoryFilter(EventFilter(actors=("IND",))))
        assert total == 2 and sorted(s["root"] for s in stories) == ["04", "19"]
        assert query_stories(con, StoryFilter(EventFilter(actors=("IND",), event_types=("19",))))[1] == 1


@pytest.mark.model
def test_events_stories_option_lists_stories(story_store: Path):
    from click.testing import CliRunner

    from sitrep.cli import main

    answer = CliRunner().invoke(main, ["events", "--db", str(story_store), "--stories", "--format", "json"])
    assert answer.exit_code == 0, answer.output
    rows = json.loads(answer.output)
    assert len(rows) == 4 and rows[0]["articles"] == 2 and rows[0]["story_id"].startswith("st-")


def domestic_doc(doc_id: str, source_name: str, day: str = "2026-01-14") -> Document:
    text = f"{source_name} proposed a bill to Congress ({doc_id})."
    source = Actor(text=source_name, name=source_name, code="USALEG", country="USA")
    target = Actor(text="Congress", name="US Congress", code="USALEG", country="USA")
    event = Event(sentence=text, sentence_index=0, source=source, target=target, cameo="030", root="03",
                  quad_class=1, goldstein=4.0, plover="COOPERATE", date=day)
    return Document(id=doc_id, text=text, date=day, sentences=[Sentence(0, text, 0, len(text))], events=[event])


@pytest.mark.parametrize(
    ("names", "stories"),
    [
        (["Nancy Pelosi", "Nancy Pelosi"], [2]),  # one person, one happening, two reports
        (["Nancy Pelosi", "Ted Cruz"], [1, 1]),  # inside one country, who acts tells happenings apart
        (["police", "police"], []),  # which police? a common noun alone groups nothing
    ],
)
def test_domestic_events_are_grouped_by_who_acts(db_path: Path, names: list[str], stories: list[int]):
    with open_store(db_path) as con:
        save_documents(con, [domestic_doc(f"d{i}", name) for i, name in enumerate(names)])
        update_stories(con)
        found, _ = query_stories(con, StoryFilter())
    assert [s["documents"] for s in found] == stories


def test_a_later_wire_copy_counts_as_another_article(db_path: Path):
    text = "Denmark rejected the US proposal on Greenland."
    with open_store(db_path) as con:
        save_documents(con, [make_doc("wire", text=text)])
        update_stories(con)
        save_documents(con, [make_doc("paper", text=text + " ")])  # stored as a copy of "wire", not coded
        assert update_stories(con).stories == 1
        (story,), _ = query_stories(con, StoryFilter())
    assert (story["documents"], story["articles"]) == (1, 2)
