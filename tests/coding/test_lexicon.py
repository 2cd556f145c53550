"""The actor lexicon: its tables, alias readings and the matcher (tokenizer only, no model needed)."""

from __future__ import annotations

import pytest

from sitrep.coding import lexicon
from sitrep.models import Actor


@pytest.fixture(scope="module")
def tokenize():
    import spacy

    return spacy.blank("en")


def atoms(tokenize, text: str) -> list[tuple[str, str, str]]:
    doc = tokenize(text)
    return [(doc[a.start:a.end].text, a.entry.kind, a.entry.code) for a in lexicon.find_atoms(doc)]


UN_SAMPLE = ["AFG", "BRA", "CHN", "COD", "DNK", "FJI", "GBR", "IND", "KIR", "MKD", "PRK", "SSD", "TLS", "USA", "ZWE"]


@pytest.mark.parametrize("iso3", UN_SAMPLE + ["GRL", "TWN", "KOS", "PSE", "HKG", "VAT", "ESH"])
def test_country_table_covers_states_and_territories(iso3: str) -> None:
    assert iso3 in lexicon.countries()


def test_country_table_size() -> None:
    assert len(lexicon.countries()) >= 200  # 193 UN members plus territories


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
def test_find_atoms_prefers_the_longest_reading(tokenize, text: str, expected) -> None:
    assert atoms(tokenize, text) == expected


@pytest.mark.parametrize("text", ["let us go", "roast turkey", "who knows", "the Indian Ocean", "in Latin America"])
def test_case_and_blocked_phrases_are_not_actors(tokenize, text: str) -> None:
    assert atoms(tokenize, text) == []


def test_every_alias_has_a_reading_of_a_known_kind() -> None:
    for readings in lexicon.alias_table().values():
        assert readings and all(entry.kind in lexicon.KIND_PRIORITY for _, entry in readings)


def test_org_codes_follow_the_reference_table() -> None:
    codes = lexicon.org_codes()
    assert codes["NATO"] == "IGONAT" and codes["UN"] == "IGOUNO" and codes["EU"] == "IGOEEC"


@pytest.mark.parametrize(
    ("base", "agent", "code", "name"),
    [
        (Actor("Swedish", "Sweden", "SWE", country="SWE"), "MIL", "SWEMIL", "Swedish military"),
        (Actor("NATO", "NATO", "IGONAT", org="NATO"), "GOV", "IGONATGOV", "NATO officials"),
        (Actor("Pentagon", "Pentagon", "USAMIL", country="USA", agent="MIL"), "GOV", "USAMIL", "Pentagon"),
    ],
)
def test_with_agent(base: Actor, agent: str, code: str, name: str) -> None:
    actor = lexicon.with_agent(base, agent, "text")
    assert (actor.code, actor.name) == (code, name)
