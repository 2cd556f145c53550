"""Counts: numbers, units, vagueness and owners; the PLOVER size/dead/injured check."""

from __future__ import annotations

import json

import pytest

from sitrep.coding import counts
from sitrep.models import Count


def _one(doc, unit: str) -> Count:
    found = [c for c in doc.counts if c.unit == unit]
    assert found, f"no {unit} count in {[(c.number, c.unit, c.text) for c in doc.counts]}"
    return found[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        (["13"], 13),
        (["1,000"], 1000),
        (["2.5", "million"], 2_500_000),
        (["two"], 2),
        (["a", "dozen"], 12),
        (["two", "hundred"], 200),
        (["at", "least", "39"], 39),
        (["twenty", "-", "five"], 25),
    ],
)
def test_parse_number(words, value) -> None:
    assert counts.parse_number(words, counts.lexicon()) == value


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "number", "unit", "vague", "approximate"),
    [
        ("A German reconnaissance team of 13 soldiers arrived in Nuuk.", 13, "troops", False, False),
        ("Several officers from the Swedish Armed Forces would travel to Nuuk.", None, "troops", True, False),
        ("At least 39 dead were found after the attack.", 39, "dead", False, True),
        ("Thousands of protesters marched through Nuuk.", None, "protesters", True, False),
        ("Norway will send two frigates to the region.", 2, "ships", False, False),
        ("France sent a dozen aircraft.", 12, "aircraft", False, False),
        ("Police killed one person and arrested 12 demonstrators.", 12, "arrested", False, False),
        ("A roadside bomb wounded two British soldiers.", 2, "injured", False, False),
        ("Three US servicemen were killed by a bomb.", 3, "dead", False, False),
        ("A journalist has been killed in a car bomb explosion.", 1, "dead", False, False),
        ("About 120 troops from the United Kingdom arrived.", 120, "troops", False, True),
    ],
)
def test_counts(code_text, text, number, unit, vague, approximate) -> None:
    count = _one(code_text(text), unit)
    assert (count.number, count.vague, count.approximate) == (number, vague, approximate)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The package is worth 14 billion Danish crowns.",
        "Support rose to 25 percent in 2024.",
        "It was one of the largest demonstrations.",
        "The total number of foreign personnel rose.",
        "Officials spoke for three hours.",
        "The deal died in committee.",
    ],
)
def test_dates_money_measures_and_partitives_are_not_counts(code_text, text) -> None:
    assert code_text(text).counts == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "unit", "country"),
    [
        ("Germany sent 13 soldiers to Greenland.", "troops", "DEU"),
        ("13 German soldiers arrived in Nuuk.", "troops", "DEU"),
        ("A German reconnaissance team of 13 soldiers arrived in Nuuk.", "troops", "DEU"),
        ("About 120 troops from the United Kingdom arrived in Kangerlussuaq.", "troops", "GBR"),
        ("A roadside bombing killed one U.S. soldier.", "dead", "USA"),
    ],
)
def test_count_owner(code_text, text, unit, country) -> None:
    owner = _one(code_text(text), unit).actor
    assert owner is not None and owner.country == country


@pytest.mark.model
def test_victims_do_not_belong_to_their_attackers(code_text) -> None:
    count = _one(code_text("Serb forces killed three ethnic Albanians."), "dead")
    assert count.number == 3
    assert count.actor is None or count.actor.country != "SRB"


def plover_count_hits(records: list[dict], code_text) -> tuple[int, int]:
    """(found, cases) over the size/dead/injured fields of PLOVER records.

    A numeric gold value is found by a count with that number (of unit dead or injured
    for those fields, any unit for size); a word ("Thousands", "scores", "group") by a
    vague count whose words contain it.
    """
    found = cases = 0
    for record in records:
        doc = None
        for field in ("size", "dead", "injured"):
            gold = str(record.get(field) or "")
            if not gold:
                continue
            doc = doc or code_text(record["text"], doc_id=record["id"])
            cases += 1
            if gold.isdigit():
                found += any(c.number == int(gold) and field in ("size", c.unit) for c in doc.counts)
            else:
                found += any(c.vague and gold.lower() in c.text.lower() for c in doc.counts)
    return found, cases


@pytest.mark.model
@pytest.mark.eval
def test_plover_dev_counts_reach_80_percent(shared_eval, code_text) -> None:
    path = shared_eval / "plover_gsr" / "dev.jsonl"
    if not path.exists():
        pytest.skip("plover_gsr/dev.jsonl is not present")
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found, cases = plover_count_hits(records, code_text)
    assert cases >= 20
    assert found / cases >= 0.80, f"{found}/{cases}"
