"""The actor lexicon: its tables, alias readings and the matcher (tokenizer only, no model needed)."""

from __future__ import annotations

import pytest

from sitrep.coding.actors import lexicon
from sitrep.models import Actor
from sitrep.resources import Resources


@pytest.fixture(scope="module")
def tokenize():
    import spacy

    return spacy.blank("en")


@pytest.fixture(scope="module")
def tables(tokenize) -> Resources:
    """The tables over the blank tokenizer's vocabulary (the matcher is built over it)."""
    return Resources(tokenize.vocab)


@pytest.fixture(scope="module")
def lex(tables: Resources) -> lexicon.Lexicon:
    return tables.get(lexicon.actor_lexicon)


@pytest.fixture
def atoms(tokenize, lex: lexicon.Lexicon):
    def find(text: str) -> list[tuple[str, str, str]]:
        doc = tokenize(text)
        return [(doc[a.start:a.end].text, a.entry.kind, a.entry.code) for a in lex.find_atoms(doc)]

    return find


UN_SAMPLE = ["AFG", "BRA", "CHN", "COD", "DNK", "FJI", "GBR", "IND", "KIR", "MKD", "PRK", "SSD", "TLS", "USA", "ZWE"]


@pytest.mark.parametrize("iso3", UN_SAMPLE + ["GRL", "TWN", "KOS", "PSE", "HKG", "VAT", "ESH"])
def test_country_table_covers_states_and_territories(tables: Resources, iso3: str) -> None:
    assert iso3 in tables.get(lexicon.countries)


def test_country_table_size(tables: Resources) -> None:
    assert len(tables.get(lexicon.countries)) >= 200  # 193 UN members plus territories


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the U.S. and the UK", [("U.S.", "country", "USA"), ("UK", "country", "GBR")]),
        ("America and Britain", [("America", "country", "USA"), ("Britain", "country", "GBR")]),
        ("South Korea and North Korea", [("South Korea", "country", "KOR"), ("North Korea", "country", "PRK")]),
        ("Danish and Greenlandic", [("Danish", "demonym", "DNK"), ("Greenlandic", "demonym", "GRL")]),
        ("the White House", [("White House", "institution", "USAGOV")]),
        ("the European Commission", [("European Commission", "org", "IGOEEC")]),
        ("Foreign Minister", [("Foreign Minister", "role", "GOV")]),
        ("East Jerusalem", [("East Jerusalem", "country", "PSE")]),
    ],
)
def test_find_atoms_prefers_the_longest_reading(atoms, text: str, expected) -> None:
    assert atoms(text) == expected


@pytest.mark.parametrize("text", ["let us go", "roast turkey", "who knows", "the Indian Ocean", "in Latin America"])
def test_case_and_blocked_phrases_are_not_actors(atoms, text: str) -> None:
    assert atoms(text) == []


def test_every_alias_has_a_reading_of_a_known_kind(tables: Resources) -> None:
    for readings in tables.get(lexicon.alias_table).values():
        assert readings and all(entry.kind in lexicon.KIND_PRIORITY for _, entry in readings)


def test_org_codes_follow_the_reference_table(tables: Resources) -> None:
    codes = tables.get(lexicon.org_codes)
    assert codes["NATO"] == "IGONAT" and codes["UN"] == "IGOUNO" and codes["EU"] == "IGOEEC"


@pytest.mark.parametrize(
    ("base", "agent", "code", "name"),
    [
        (Actor("Swedish", "Sweden", "SWE", country="SWE"), "MIL", "SWEMIL", "Swedish military"),
        (Actor("NATO", "NATO", "IGONAT", org="NATO"), "GOV", "IGONATGOV", "NATO officials"),
        (Actor("Pentagon", "Pentagon", "USAMIL", country="USA", agent="MIL"), "GOV", "USAMIL", "Pentagon"),
    ],
)
def test_with_agent(lex: lexicon.Lexicon, base: Actor, agent: str, code: str, name: str) -> None:
    actor = lex.with_agent(base, agent, "text")
    assert (actor.code, actor.name) == (code, name)
