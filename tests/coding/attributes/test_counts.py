"""Counts: numbers, units, vagueness and owners; the PLOVER size/dead/injured check."""

from __future__ import annotations

import json

import pytest

from sitrep.coding.attributes import counts
from sitrep.models import Count
from sitrep.resources import Resources


def _one(doc, unit: str) -> Count:
    found = [c for c in doc.counts if c.unit == unit]
    assert found, f"no {unit} count in {[(c.number, c.unit, c.text) for c in doc.counts]}"
    return found[0]


@pytest.fixture(scope="module")
def count_tables() -> counts.Lexicon:
    """The count tables, built by their loader (they need no model)."""
    return Resources().get(counts.lexicon)


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
def test_parse_number(words, value, count_tables) -> None:
    assert counts.parse_number(words, count_tables) == value


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


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "number", "unit", "approximate"),
    [
        ("Some 250 soldiers crossed into the province.", 250, "troops", True),
        ("Around 60 people were arrested overnight.", 60, "arrested", True),
        ("Nearly 40 villagers were killed in the raid.", 40, "dead", True),
        ("Up to 3,000 demonstrators gathered outside parliament.", 3000, "protesters", True),
        ("Twelve farmers were wounded by shellfire.", 12, "injured", False),
        ("Six fishermen drowned off the coast.", 6, "dead", False),
        ("A 1,200-strong brigade moved north.", 1200, "troops", False),
        ("The fighting left 800 residents dead.", 800, "dead", False),
        ("Five policemen wounded in the ambush were flown to hospital.", 5, "injured", False),
        ("Two died and more than 30 were wounded.", 30, "injured", True),
        ("More than 200 of the migrants perished at sea.", 200, "dead", True),
        ("Rebels seized 40 hostages, officials said, and 19 were captured by troops.", 19, "arrested", False),
        ("The dead are nine farmers, two soldiers and a nurse.", 9, "dead", False),
        ("The death toll from the floods rose to 64 on Sunday.", 64, "dead", False),
        ("Officials reported at the time 80 policemen, 45 villagers, and dozens of militants killed.", 80, "dead", False),
    ],
)
def test_approximators_and_governing_words_give_the_unit(code_text, text, number, unit, approximate) -> None:
    count = _one(code_text(text), unit)
    assert (count.number, count.approximate, count.vague) == (number, approximate, False)


@pytest.mark.model
def test_vague_multiple_has_no_number(code_text) -> None:
    count = _one(code_text("Several hundred refugees reached the camp."), "refugees")
    assert (count.number, count.vague) == (None, True)


@pytest.mark.model
def test_gapped_figure_repeats_the_unit_for_its_country(code_text) -> None:
    found = code_text("Brazil sent 400 engineers, Argentina 120.").counts
    assert [(c.number, c.unit, c.actor and c.actor.country) for c in found] == [
        (400, "engineer", "BRA"),
        (120, "engineer", "ARG"),
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The four-nation summit opened in Vienna.",
        "Envoys from 12 countries met in Oslo.",
        "Three parties signed the coalition deal.",
        "The two Koreas agreed to talks.",
        "The raid began at 0400 GMT.",
        "The air force bought a Boeing 777.",
        "Pilots flew two Su-30 jets.",
        "Road tolls rose in four provinces.",
    ],
)
def test_compounds_names_times_models_and_parties_are_not_counts(code_text, text) -> None:
    assert [(c.number, c.unit) for c in code_text(text).counts if c.number in {2, 3, 4, 12, 30, 400, 777}] == [
        (2, "aircraft")
    ] * ("Su-30" in text)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "unit", "country"),
    [
        ("Fighting raged in Mosul, Iraq. At least 14 were killed in Mosul on Monday.", "dead", "IRQ"),
        ("Police in Caracas, Venezuela arrested 30 people near the palace.", "arrested", "VEN"),
        ("Nigerian officials said 25 Nigerian soldiers were killed in Niger.", "dead", "NGA"),
        ("Riots broke out in Lima, Peru. Looters injured eight police officers in Lima.", "injured", "PER"),
    ],
)
def test_victims_without_a_word_for_their_side_are_local(code_text, text, unit, country) -> None:
    owner = _one(code_text(text), unit).actor
    assert owner is not None and owner.country == country


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [
        ("Hundreds of villagers clashed with riot police on Friday.", None, "protesters"),
        ("Dozens of students marched to the ministry to demand reforms.", None, "protesters"),
        ("But scores of teenagers slipped past the checkpoint to confront the soldiers.", None, "protesters"),
        ("The rally, one of several this month, drew 40,000 people.", 40000, "protesters"),
        ("The army deployed large numbers of men along the river.", None, "troops"),
        ("Some 5,000 Sudanese are living in tents after fleeing the fighting.", 5000, "displaced"),
        ("He was convicted of the killings of the three farmers.", 3, "dead"),
        ("Officials reported 60 policemen, 12 villagers, and dozens of rebels killed.", None, "dead"),
    ],
)
def test_what_the_crowd_does_gives_the_unit(code_text, text, number, unit) -> None:
    found = [c for c in code_text(text).counts if c.unit == unit and c.number == number]
    assert found, [(c.number, c.unit, c.text) for c in code_text(text).counts]


@pytest.mark.model
def test_an_elliptic_as_clause_and_each_repeat_the_unit(code_text) -> None:
    doc = code_text(
        "The governor said 40 villagers were injured, as were nine from the army, "
        "and three each from the Red Cross and the police."
    )
    assert [(c.number, c.unit) for c in doc.counts] == [(40, "injured"), (9, "injured"), (3, "injured"), (3, "injured")]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("The funeral of one of four men killed by the police was held on Friday.", [4]),
        ("Nearly 900 herders live in the valley, where the raid took place.", []),
        ("The minister visited one school near the front.", []),
        ("Guards had stopped a group of Kurds at the gate.", []),
    ],
)
def test_parts_populations_and_single_things_are_not_counts(code_text, text, numbers) -> None:
    assert [c.number for c in code_text(text).counts] == numbers


@pytest.mark.model
def test_the_attackers_in_a_clause_on_the_victims_are_not_their_side(code_text) -> None:
    count = _one(code_text("Three men killed by Turkish shelling were buried in Afrin, Syria."), "dead")
    assert count.number == 3 and (count.actor is None or count.actor.country != "TUR")


@pytest.mark.parametrize(
    "text",
    [
        "Road accidents cause some 40,000 deaths annually in the region.",
        "About 3,000 migrants drown each year while crossing the sea.",
        "Nearly 50 people die per day from the disease.",
        "Health officials ordered the culling of 20,000 chickens.",
        "Hundreds of sheep were killed by the floods.",
    ],
)
def test_rates_and_animals_are_not_counts(code_text, text) -> None:
    assert code_text(text).counts == []


def test_a_tally_on_a_named_day_still_counts(code_text) -> None:
    doc = code_text("Forty people died on the day of the march.")
    assert [(c.number, c.unit) for c in doc.counts] == [(40, "dead")]
