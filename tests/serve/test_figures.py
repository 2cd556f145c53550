"""The figures panel's sums: what is happening now, not what a speaker claims or history recalls."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient

from sitrep.models import Count, Document, Event, Quote
from sitrep.serve.api import create_app
from sitrep.settings import Settings
from tests.serve.conftest import ACTORS, split_sentences

LOCAL = "http://127.0.0.1"
TEXT = (
    "Germany will send 40 soldiers to Nuuk. "
    "The minister said 900 soldiers had already landed there. "
    "In 1953, 200 soldiers were sent to the island. "
    "Hundreds of soldiers may follow."
)


def figures_document() -> Document:
    """Four troop figures: one now, one inside a quotation, one historical, one vague."""
    sentences = split_sentences(TEXT)
    sent = ACTORS["DEUMIL"]

    def count(index: int, number: int | None, words: str, vague: bool = False) -> Count:
        return Count(number, "troops", sent, sentences[index].text, index, words, vague=vague)

    def event(index: int, day: str) -> Event:
        return Event(sentence=sentences[index].text, sentence_index=index, source=sent, target=ACTORS["DNKGOV"],
                     cameo="074", root="07", quad_class=2, goldstein=8.5, plover="AID", date=day,
                     date_source="explicit", date_precision="day")

    return Document(
        id="fig-1", text=TEXT, title="Troops", date="2026-01-16", sentences=sentences,
        events=[event(0, "2026-01-16"), event(2, "1953-05-01")],
        quotes=[Quote(ACTORS["DEUMIL"], "900 soldiers had already landed there", 1, direct=True)],
        counts=[count(0, 40, "40 soldiers"), count(1, 900, "900 soldiers"), count(2, 200, "200 soldiers"),
                count(3, 100, "Hundreds of soldiers", vague=True)],
    )


def test_sums_leave_out_quoted_historical_and_vague_figures(make_store: Callable[..., Path]) -> None:
    store = make_store([figures_document()])
    with TestClient(create_app(Settings(db_path=store)), base_url=LOCAL) as client:
        body = client.get("/api/counts").json()
    assert body["total"] == 4  # every figure is still listed
    assert body["totals"] == [{"unit": "troops", "figures": 4, "summed": 1, "total": 40, "documents": 1}]
