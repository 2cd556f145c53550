"""Stances: verbs, proposal nouns, nested positions, denials, and the example corpus."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from sitrep.coding.speech import stances
from sitrep.resources import Resources

from tests.conftest import EXAMPLES

GREENLAND = "US control of Greenland"


def _positions(doc) -> set[tuple[str | None, str, int]]:
    return {(s.actor.country, s.issue, s.polarity) for s in doc.stances}


@pytest.mark.parametrize(
    ("phrase", "issue", "sign"),
    [
        ("the purchase of greenland", GREENLAND, 1),
        ("control of the arctic island", GREENLAND, 1),
        ("denmark's sovereignty over greenland", GREENLAND, -1),
        ("a transfer of sovereignty", GREENLAND, 1),
        ("a ceasefire in gaza", "ceasefire in Gaza", 1),
    ],
)
def test_issue_table_patterns(phrase, issue, sign) -> None:
    row = next(i for i in Resources().get(stances.issue_table) if i.pattern.search(phrase))
    assert (row.name, row.sign) == (issue, sign)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States repeated its demand for control of the Arctic island. "
            "Denmark rejected the US proposal.",
            {("USA", GREENLAND, 1), ("DNK", GREENLAND, -1)},
        ),
        ("Sweden supported Denmark's sovereignty over Greenland.", {("SWE", GREENLAND, -1)}),
        ("Denmark refused to negotiate over Greenland's sovereignty.", {("DNK", GREENLAND, -1)}),
        (
            "The parliament approved a resolution backing the government's refusal to negotiate over "
            "Greenland's sovereignty.",
            set(),
        ),
        ("Washington wants to buy Greenland.", {("USA", GREENLAND, 1)}),
        ("Greenland will not accept being bought by Washington.", {("GRL", GREENLAND, -1)}),
    ],
)
def test_stances_from_verbs_and_proposals(code_text, text, expected) -> None:
    found = _positions(code_text(text))
    assert expected <= found
    assert not any(polarity == 1 for country, issue, polarity in found if country in {"DNK", "SWE", "GRL"})


@pytest.mark.model
def test_proposal_nouns_with_an_owner_are_one_issue_across_documents(code_text) -> None:
    first = code_text("Russia rejected the Chinese plan.")
    second = code_text("Moscow dismissed Beijing's plan.")
    issues = {s.issue for s in first.stances} & {s.issue for s in second.stances}
    assert issues == {"CHN plan"}


@pytest.mark.model
def test_a_denial_in_a_quote_is_opposition(code_text) -> None:
    doc = code_text(
        "Danish Foreign Minister Lars Lokke Rasmussen met reporters. "
        "“Control of Greenland is not on the table,” Rasmussen said."
    )
    assert ("DNK", GREENLAND, -1) in _positions(doc)
    assert any("not on the table" in s.evidence for s in doc.stances)


@pytest.mark.model
def test_example_corpus_deployments_quotes_and_stances(code_text) -> None:
    """Acceptance: troop counts, quotes with speakers, USA/DNK/GRL on US control of Greenland."""
    polarity: dict[str, set[int]] = defaultdict(set)
    troop_counts, speakers = [], set()
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = code_text(record["text"], doc_id=record["id"], date=record["date"])
        troop_counts += [c for c in doc.counts if c.unit == "troops"]
        speakers |= {(q.speaker.name, q.speaker.country) for q in doc.quotes if q.direct}
        for stance in doc.stances:
            if stance.issue == GREENLAND:
                polarity[stance.actor.country or ""].add(stance.polarity)
    assert polarity["USA"] == {1}
    assert polarity["DNK"] == {-1}
    assert polarity["GRL"] == {-1}
    owners = {(c.number, c.actor.country if c.actor else None) for c in troop_counts}
    assert {(13, "DEU"), (120, "GBR"), (None, "SWE")} <= owners
    assert {
        ("Mette Frederiksen", "DNK"),
        ("Lars Lokke Rasmussen", "DNK"),
        ("Jens-Frederik Nielsen", "GRL"),
        ("Karoline Leavitt", "USA"),
        ("Dmitry Peskov", "RUS"),
    } <= speakers


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a named person introduced by a title holds the stance under their own name
        ("Danish Foreign Minister Lars Lokke Rasmussen met reporters on Monday. "
         "He rejected the US proposal to buy Greenland.", "Lars Lokke Rasmussen", "DNK"),
        # an unnamed official: "he" is that official, labelled as introduced
        ("A Danish official met reporters on Monday. He rejected the US proposal to buy Greenland.",
         "Danish official", "DNK"),
        # a role noun keeps the country the article gave it earlier
        ("Denmark's foreign ministry summoned the envoy. Later the ministry rejected the US proposal to buy Greenland.",
         None, "DNK"),
    ],
)
def test_stances_are_held_by_the_document_level_actor(code_text, text, name, country) -> None:
    holders = [s.actor for s in code_text(text).stances if s.issue == GREENLAND and s.polarity == -1]
    assert holders, "no opposing stance found"
    assert all(a.country == country for a in holders)
    if name is not None:
        assert [a.name for a in holders] == [name]
