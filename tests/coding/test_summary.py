"""The document's actor list: one entry per actor, unplaced role nouns left out."""

from __future__ import annotations

import pytest

from sitrep.coding.summary import is_bare_role, summarise_actors
from sitrep.models import Actor


def actor(name: str, code: str, country: str | None = None, org: str | None = None,
          agent: str | None = None) -> Actor:
    return Actor(text=name, name=name, code=code, country=country, org=org, agent=agent)


@pytest.mark.parametrize(
    ("item", "bare"),
    [
        (actor("government", "GOV", agent="GOV"), True),
        (actor("civilians", "CVL", agent="CVL"), True),
        (actor("Danish government", "DNKGOV", "DNK", agent="GOV"), False),
        (actor("NATO", "IGONAT", org="NATO"), False),
        (actor("Greta Thunberg", "CVL", agent="CVL"), False),
    ],
)
def test_bare_roles_are_unplaced_role_nouns(item: Actor, bare: bool) -> None:
    assert is_bare_role(item) is bare


def test_summary_counts_mentions_most_mentioned_first() -> None:
    dnk, swe = actor("Denmark", "DNK", "DNK"), actor("Sweden", "SWE", "SWE")
    summary = summarise_actors([swe, dnk, swe])
    assert [(s.name, s.mentions) for s in summary] == [("Sweden", 2), ("Denmark", 1)]


@pytest.mark.model
def test_unplaced_roles_stay_on_events_but_not_in_the_actor_list(code_text) -> None:
    doc = code_text("Police arrested a man on Friday after the theft.")
    assert "police" not in [a.name for a in doc.actors]
    assert any(e.source.agent == "COP" for e in doc.events)


def test_a_listed_actor_keeps_every_field_of_the_actor() -> None:
    from sitrep.coding.summary import summary_of
    from sitrep.models import Actor

    actor = Actor("Danish troops", "Denmark", "DNKMIL", "DNK", None, "MIL")
    assert summary_of(actor, 3).as_dict() == {**actor.as_dict(), "mentions": 3}
