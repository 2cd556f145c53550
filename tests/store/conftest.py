"""Factories for store tests: small coded documents built by hand (no model needed)."""

from __future__ import annotations

from sitrep.models import Actor, ActorSummary, Document, Event, Sentence


def actor(code: str, country: str) -> Actor:
    return Actor(text=country, name=country, code=code, country=country)


def make_doc(doc_id: str, text: str | None = None, cameo: str = "120", date: str = "2026-01-14") -> Document:
    text = text or f"Denmark rejected the US proposal ({doc_id})."
    event = Event(sentence=text, sentence_index=0, source=actor("DNK", "DNK"), target=actor("USA", "USA"),
                  cameo=cameo, root=cameo[:2], quad_class=3, goldstein=-4.0, plover="REJECT", date=date)
    return Document(id=doc_id, text=text, date=date, sentences=[Sentence(0, text, 0, len(text))],
                    events=[event], actors=[ActorSummary(**actor("DNK", "DNK").as_dict(), mentions=2)])
