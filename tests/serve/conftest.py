"""A small hand-coded store for the API and dashboard tests (no model needed).

The documents retell the example corpus's Greenland crisis in a few lines each,
with the records a good coder would produce, plus one hostile document whose
text, title, quote and actor name carry markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from sitrep.models import Actor, ActorSummary, Document, Event, Location, Quote, Sentence, Stance
from sitrep.store.db import open_store, save_documents

HOSTILE = "<script>alert(1)</script>"
SCREENSHOTS = pytest.StashKey[Path]()
ISSUE = "US control of Greenland"

ACTORS = {
    "USAGOV": Actor("Washington", "United States", "USAGOV", "USA", None, "GOV"),
    "DNKGOV": Actor("Denmark", "Denmark", "DNKGOV", "DNK", None, "GOV"),
    "GRLGOV": Actor("Greenland", "Greenland", "GRLGOV", "GRL", None, "GOV"),
    "SWEMIL": Actor("Swedish troops", "Sweden", "SWEMIL", "SWE", None, "MIL"),
    "DEUMIL": Actor("German soldiers", "Germany", "DEUMIL", "DEU", None, "MIL"),
    "RUSGOV": Actor("Moscow", "Russia", "RUSGOV", "RUS", None, "GOV"),
    "NATO": Actor("NATO", "NATO", "NATO", None, "NATO", None),
    "FRAGOV": Actor("France", "France", "FRAGOV", "FRA", None, "GOV"),
}
PLACES = {
    "Washington": Location("Washington", "USA", 38.9, -77.04, feature="city"),
    "Greenland": Location("Greenland", "GRL", 72.0, -40.0, feature="country"),
    "Nuuk": Location("Nuuk", "GRL", 64.18, -51.72, feature="city"),
    "Arctic": Location("Arctic", None, 80.0, 0.0, feature="region"),
}
# CAMEO code -> (root, quad class, Goldstein, PLOVER)
CODES = {
    "040": ("04", 1, 1.0, "CONSULT"),
    "120": ("12", 3, -4.0, "REJECT"),
    "074": ("07", 2, 8.5, "AID"),
    "100": ("10", 3, -5.0, "REQUEST"),
    "111": ("11", 3, -2.0, "ACCUSE"),
    "138": ("13", 3, -7.0, "THREATEN"),
}

# (id, date, title, text, events as (sentence, source, cameo, target, place, negated), quotes, stances)
CORPUS: list[tuple[Any, ...]] = [
    (
        "t-001", "2026-01-14", "Washington talks on Greenland end without agreement",
        "American officials met Danish and Greenlandic ministers in Washington on Wednesday. "
        "Denmark rejected the US proposal for control of the island. "
        "\"We did not come here to negotiate the sale of a people,\" Rasmussen said.",
        [(0, "USAGOV", "040", "DNKGOV", "Washington", False), (1, "DNKGOV", "120", "USAGOV", None, False)],
        [(2, "DNKGOV", "We did not come here to negotiate the sale of a people")],
        [(1, "DNKGOV", -1), (0, "USAGOV", 1)],
    ),
    (
        "t-002", "2026-01-16", "Sweden and Germany send troops to Greenland",
        "Sweden confirmed it is sending military personnel to Greenland at Denmark's request. "
        "Germany will send 13 soldiers to Nuuk for the exercise.",
        [(0, "SWEMIL", "074", "DNKGOV", "Greenland", False), (1, "DEUMIL", "074", "DNKGOV", "Nuuk", False)],
        [],
        [],
    ),
    (
        "t-003", "2026-01-20", "Washington presses Copenhagen",
        "Washington pressed Copenhagen to hand over control of Greenland. "
        "Greenland's premier condemned the demand in Nuuk.",
        [(0, "USAGOV", "100", "DNKGOV", None, False), (1, "GRLGOV", "111", "USAGOV", "Nuuk", False)],
        [(1, "GRLGOV", "Greenlanders alone decide our future")],
        [(0, "USAGOV", 1), (1, "GRLGOV", -1)],
    ),
    (
        "t-004", "2026-01-22", "Russia warns the alliance",
        "Russia warned NATO against militarising the Arctic. France did not reject the American plan.",
        [(0, "RUSGOV", "138", "NATO", "Arctic", False), (1, "FRAGOV", "120", "USAGOV", None, True)],
        [],
        [],
    ),
    (
        "t-xss", "2026-01-25", f"Forum post {HOSTILE} condemned",
        f"Denmark condemned a forum post that read {HOSTILE} about Greenland. "
        "Officials said the post was a hoax.",
        [(0, "DNKGOV", "111", None, "Greenland", False)],
        [(1, "DNKGOV", f"The post {HOSTILE} was a hoax")],
        [],
    ),
]


def split_sentences(text: str) -> list[Sentence]:
    """Sentences with character spans (the test texts end sentences with '. ')."""
    spans = [m.span() for m in re.finditer(r"[^.]+(?:\.|$)", text) if m.group().strip()]
    result = []
    for index, (start, end) in enumerate(spans):
        while text[start] == " ":
            start += 1
        result.append(Sentence(index, text[start:end], start, end))
    return result


def make_event(sentences: list[Sentence], date: str, spec: tuple) -> Event:
    index, source, cameo, target, place, negated = spec
    root, quad, goldstein, plover = CODES[cameo]
    return Event(
        sentence=sentences[index].text, sentence_index=index, source=ACTORS[source],
        target=ACTORS[target] if target else None, cameo=cameo, root=root, quad_class=quad,
        goldstein=goldstein, plover=plover, negated=negated, location=PLACES.get(place), date=date,
    )


def make_document(doc_id: str, date: str, title: str, text: str, events: list, quotes: list, stances: list) -> Document:
    """A Document coded by hand: events, actors, places, quotes and stances."""
    sentences = split_sentences(text)
    coded = [make_event(sentences, date, spec) for spec in events]
    codes = sorted({e.source.code for e in coded} | {e.target.code for e in coded if e.target})
    places = sorted({e.location.name for e in coded if e.location})
    return Document(
        id=doc_id, text=text, title=title, date=date, url=f"https://example.org/{doc_id}", sentences=sentences,
        events=coded,
        actors=[ActorSummary(**ACTORS[code].as_dict(), mentions=2) for code in codes],
        locations=[PLACES[name] for name in places],
        quotes=[Quote(ACTORS[speaker], words, index) for index, speaker, words in quotes],
        stances=[Stance(ACTORS[actor], ISSUE, polarity, sentences[index].text, index) for index, actor, polarity in stances],
    )


def sample_documents() -> list[Document]:
    return [make_document(*spec) for spec in CORPUS]


def write_store(path: Path, docs: list[Document]) -> Path:
    with open_store(path) as con:
        save_documents(con, docs)
    return path


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus in a store shared by the tests that only read it."""
    return write_store(tmp_path_factory.mktemp("serve") / "sample.duckdb", sample_documents())


@pytest.fixture
def make_store(tmp_path: Path) -> Callable[..., Path]:
    """Factory: a DuckDB store file holding the given documents (default: the sample corpus)."""

    def _make(docs: list[Document] | None = None, name: str = "serve.duckdb") -> Path:
        return write_store(tmp_path / name, sample_documents() if docs is None else docs)

    return _make


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    """Say where the dashboard tests left their screenshots."""
    if SCREENSHOTS in config.stash:
        terminalreporter.write_line(f"dashboard screenshots: {config.stash[SCREENSHOTS]}")
