"""PLOVER scoring rules, and the coder's figures on the PLOVER dev set."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.plover import actors_match, evaluate_plover, gold_codes, report, side_matches
from sitrep.models import Actor, Event

DNK = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")
USA = Actor(text="Washington", name="United States", code="USAGOV", country="USA", agent="GOV")
NATO = Actor(text="NATO", name="NATO", code="IGONAT", org="NATO")


def event(plover: str, source: Actor = DNK, target: Actor | None = USA, negated: bool = False) -> Event:
    return Event(sentence="s", sentence_index=0, source=source, target=target, cameo="120", root="12",
                 quad_class=3, goldstein=-4.0, plover=plover, negated=negated)


def record(plover: str, source: list[str], target: list[str]) -> dict:
    return {"id": "r", "text": "t", "plover": plover,
            "source": [{"actorText": c, "code": c} for c in source] if source else "",
            "target": [{"actorText": c, "code": c} for c in target] if target else ""}


def test_gold_codes_read_lists_and_empty_strings_and_map_legacy_codes() -> None:
    assert gold_codes("") == set()
    assert gold_codes([{"code": "JAP"}, {"code": "usa"}]) == {"JPN", "USA"}


@pytest.mark.parametrize(
    ("actor", "codes", "expected"),
    [(DNK, set(), True), (None, set(), True), (None, {"DNK"}, False), (DNK, {"DNK", "SWE"}, True),
     (DNK, {"SWE"}, False), (NATO, {"IGO"}, True), (DNK, {"IGO"}, False)],
)
def test_side_matches(actor: Actor | None, codes: set[str], expected: bool) -> None:
    assert side_matches(actor, codes) is expected


def test_actors_match_both_sides() -> None:
    assert actors_match(event("REJECT"), record("REJECT", ["DNK"], ["USA"]))
    assert not actors_match(event("REJECT"), record("REJECT", ["DNK"], ["SWE"]))
    assert actors_match(event("REJECT", target=None), record("REJECT", ["DNK"], []))


def test_report_counts_precision_per_event_and_recall_per_sentence() -> None:
    results = [
        (record("REJECT", ["DNK"], ["USA"]), [event("REJECT"), event("REJECT"), event("ACCUSE")]),
        (record("ASSAULT", ["USA"], ["DNK"]), []),
    ]
    lines = report(Path("gold.jsonl"), results, show_errors=5).splitlines()
    assert lines[-4] == "type precision 0.667 (2/3)"
    assert lines[-3] == "type recall 0.500 (1/2)"
    assert lines[-2] == "type F1 0.571"
    assert lines[-1] == "type+source+target recall 0.500 (1/2)"
    assert any("Type misses" in line for line in lines)


@pytest.mark.model
@pytest.mark.eval
def test_plover_dev_meets_the_targets(shared_eval: Path, settings) -> None:
    path = shared_eval / "plover_gsr" / "dev.jsonl"
    if not path.exists():
        pytest.skip("PLOVER dev set is not present")
    figures = headline(evaluate_plover(path, settings))
    assert figures["type F1"] >= 0.70
    assert figures["type+source+target recall"] >= 0.50


def headline(text: str) -> dict[str, float]:
    """The four last lines ("type F1 0.812", "type recall 0.777 (139/179)") as name -> value."""
    figures = {}
    for line in text.splitlines()[-4:]:
        name, value = line.split(" (")[0].rsplit(" ", 1)
        figures[name] = float(value)
    return figures
