"""The data model round-trips through plain dicts (JSON, rows, partitions)."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from sitrep.models import Actor, Count, Document, Event, Location, Quote, Stance, text_sha1


def make_actor(**over) -> Actor:
    base = {"text": "Danish", "name": "Denmark", "code": "DNKGOV", "country": "DNK", "org": None, "agent": "GOV"}
    return Actor(**{**base, **over})


def make_event(**over) -> Event:
    base = dict(
        sentence="Denmark rejected the US proposal.", sentence_index=0, source=make_actor(),
        target=make_actor(text="US", name="United States", code="USA", country="USA", agent=None),
        cameo="120", root="12", quad_class=3, goldstein=-4.0, plover="REJECT",
        location=Location(name="Copenhagen", country="DNK", lat=55.68, lon=12.57),
    )
    return Event(**{**base, **over})


def test_document_round_trip_through_json():
    doc = Document(id="d", text="t", events=[make_event()],
                   quotes=[Quote(speaker=make_actor(), text="No.", sentence_index=0)],
                   counts=[Count(number=13, unit="troops", actor=make_actor(), sentence="s")],
                   stances=[Stance(actor=make_actor(), issue="US control of Greenland", polarity=-1, evidence="e")])
    again = Document.from_dict(json.loads(json.dumps(doc.as_dict())))
    assert again == doc
    assert isinstance(again.events[0].source, Actor)
    assert isinstance(again.events[0].location, Location)


def test_output_dict_hides_text_and_transients():
    doc = Document(id="d", text="secret text")
    doc.parsed = object()  # type: ignore[assignment]  # a stand-in parse: only its absence from the output is checked
    out = doc.output_dict()
    assert "text" not in out and "parsed" not in out and "mentions" not in out
    assert out["text_sha1"] == text_sha1("secret text")


def test_from_dict_ignores_unknown_fields():
    assert Actor.from_dict({**make_actor().as_dict(), "mentions": 3, "extra": 1}) == make_actor()


@given(st.text(min_size=1), st.integers(min_value=0, max_value=500))
def test_event_round_trip_any_text(sentence: str, index: int):
    event = make_event(sentence=sentence, sentence_index=index, reported_by=make_actor())
    assert Event.from_dict(event.as_dict()) == event
