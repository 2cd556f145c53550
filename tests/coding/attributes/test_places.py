"""Places: gazetteer lookups, context disambiguation, event places, the example corpus."""

from __future__ import annotations

import json

import pytest

from sitrep.coding.attributes import places
from sitrep.coding.attributes.gazetteer import Gazetteer, gazetteer
from sitrep.models import Actor, Event
from sitrep.resources import Resources

from tests.conftest import EXAMPLES

# Every place name the example corpus uses, with its country (None: seas and regions).
EXAMPLE_PLACES = {
    "Greenland": "GRL",
    "Denmark": "DNK",
    "United States": "USA",
    "Washington": "USA",
    "Copenhagen": "DNK",
    "Nuuk": "GRL",
    "Kangerlussuaq": "GRL",
    "Ilulissat": "GRL",
    "Sisimiut": "GRL",
    "Qaqortoq": "GRL",
    "Pituffik Space Base": "GRL",
    "State Department": "USA",
    "White House": "USA",
    "Pentagon": "USA",
    "Kremlin": "RUS",
    "Elysee Palace": "FRA",
    "Canada": "CAN",
    "Sweden": "SWE",
    "Finland": "FIN",
    "Germany": "DEU",
    "France": "FRA",
    "The Netherlands": "NLD",
    "United Kingdom": "GBR",
    "Norway": "NOR",
    "Stockholm": "SWE",
    "Berlin": "DEU",
    "Paris": "FRA",
    "Moscow": "RUS",
    "Ukraine": "UKR",
    "China": "CHN",
    "Beijing": "CHN",
    "Brussels": "BEL",
    "Oslo": "NOR",
    "Haakonsvern": "NOR",
    "Ottawa": "CAN",
    "Reykjavík": "ISL",
    "Russia": "RUS",
    "Faroe Islands": "FRO",
    "London": "GBR",
    "Helsinki": "FIN",
    "Iceland": "ISL",
    "Hungary": "HUN",
    "Arctic": None,
    "Arctic Ocean": None,
    "North Atlantic": None,
    "Denmark Strait": None,
    "Europe": None,
    "Western Hemisphere": None,
    "Inatsisartut": "GRL",
}

AMBIGUOUS = [
    ("Officials met in Washington on Monday.", "Washington", "USA", "city"),
    (
        "Wildfires spread across Washington state, forcing evacuations near Seattle and Spokane.",
        "Washington State",
        "USA",
        "state",
    ),
    ("Fires burned in the state of Washington this week.", "Washington State", "USA", "state"),
    ("Russian troops remain in Georgia, officials in Tbilisi said.", "Georgia", "GEO", "country"),
    ("Voters in Georgia lined up in Atlanta and Savannah on Tuesday.", "Georgia", "USA", "state"),
    ("Rallies were held in Georgia and Florida.", "Georgia", "USA", "state"),
    ("Protesters gathered in Paris on Saturday.", "Paris", "FRA", "city"),
    ("The storm hit Paris, Texas, overnight.", "Paris", "USA", "city"),
    ("Researchers in Cambridge, Massachusetts, published the study.", "Cambridge", "USA", "city"),
    ("Students in Cambridge marched to London.", "Cambridge", "GBR", "city"),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The gazetteer, built by its loader (it needs no model)."""
    return Resources().get(gazetteer)


def test_gazetteer_holds_both_georgias_and_folds_accents(gaz) -> None:
    assert {(p.country, p.feature) for p in gaz.candidates("Georgia")} >= {
        ("GEO", "country"),
        ("USA", "state"),
    }
    assert gaz.candidates("Reykjavik")[0].country == "ISL"
    assert gaz.candidates("Kiev")[0].name == "Kyiv"
    assert any(p.capital for p in gaz.candidates("Washington"))


@pytest.mark.model
@pytest.mark.parametrize(("text", "name", "country", "feature"), AMBIGUOUS)
def test_ambiguous_names_resolve_from_context(prepare, text, name, country, feature, gaz) -> None:
    doc = prepare(text, "places")
    found = {m.place.name: m.place for m in places.find_places(doc, gaz)}
    assert found[name].country == country
    assert found[name].feature == feature


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("U.S. officials met Danish diplomats.", "United States"),
        ("Washington said it wanted a deal.", "Washington"),
        ("The Arctic Council met in Nuuk.", "Arctic"),
        ("Michael Jordan visited Lagos.", "Jordan"),
    ],
)
def test_names_not_used_as_places_are_skipped(prepare, text, absent, gaz) -> None:
    names = {m.place.name for m in places.find_places(prepare(text, "places"), gaz)}
    assert absent not in names


@pytest.mark.model
def test_locations_count_mentions(code_text) -> None:
    doc = code_text("Troops arrived in Nuuk. More troops flew to Nuuk and Kangerlussuaq.")
    counts = {loc.name: loc.mentions for loc in doc.locations}
    assert counts == {"Nuuk": 2, "Kangerlussuaq": 1}
    nuuk = doc.locations[0]
    assert nuuk.country == "GRL" and nuuk.lat == pytest.approx(64.18, abs=0.1)


def _event(trigger: str, source: str, target: str | None = None) -> Event:
    actor = Actor(text=source, name=source, code=source, country=source)
    other = Actor(text=target, name=target, code=target, country=target) if target else None
    return Event("", 0, actor, other, "042", "04", 1, 1.9, "CONSULT", trigger=trigger)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "source", "target", "expected"),
    [
        ("Sweden is sending troops to Greenland.", "sending", "SWE", "GRL", None),
        ("Swedish troops landed in Greenland.", "landed", "SWE", "GRL", "Greenland"),
        ("Police arrested 12 people north of Kabul.", "arrested", "AFG", None, None),
        ("A senator from Colorado met Denmark.", "met", "USA", "DNK", None),
        ("Foreign ministers in Cairo denounced the plan.", "denounced", "EGY", None, "Cairo"),
        ("Denmark recalled its ambassador to Norway.", "recalled", "DNK", None, None),
        ("Jets struck targets near Aleppo.", "struck", "RUS", "SYR", "Aleppo"),
        ("The plane landed at Baghdad International Airport.", "landed", "USA", None, "Baghdad"),
        ("The ministers met in Washington on Wednesday.", "met", "DNK", "USA", "Washington"),
        ("Macron visited Nuuk last year.", "visited", "FRA", None, "Nuuk"),
        ("Denmark rejected the proposal from Greenland.", "rejected", "DNK", None, None),
        ("Peskov said in Moscow that troops arrived in Nuuk.", "said", "RUS", None, "Moscow"),
        ("Peskov said in Moscow that troops arrived in Nuuk.", "arrived", "DEU", None, "Nuuk"),
        # a later conjunct's adjuncts close both verbs; an earlier one's object places do not
        ("Troops shelled two villages and detained six men in raids near Aleppo.", "shelled", "SYR", None, "Aleppo"),
        ("She praised the schools in Nuuk and called for new funds.", "called", "DNK", None, None),
        # an active participle adjunct says where its subject acts; a passive one does not
        ("Speaking in Oslo on Monday, the minister condemned the attack.", "condemned", "NOR", None, "Oslo"),
        ("The minister condemned the plan, unveiled by the army in Oslo.", "condemned", "NOR", None, None),
        # a journey's destination is where the traveller acts; part nouns name their place
        ("Macron praised the deal during a visit to Nuuk.", "praised", "FRA", None, "Nuuk"),
        ("Police were deployed on the streets of Nairobi.", "deployed", "KEN", None, "Nairobi"),
    ],
)
def test_event_gets_the_place_its_clause_ties_to_it(
    prepare, text, trigger, source, target, expected, gaz
) -> None:
    doc = prepare(text, "places")
    doc.events = [_event(trigger, source, target)]
    places.write_places(doc, places.find_places(doc, gaz), gaz)
    location = doc.events[0].location
    assert (location.name if location else None) == expected


@pytest.mark.model
def test_every_place_in_the_example_corpus_resolves_to_its_country(code_text) -> None:
    seen = {}
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = code_text(record["text"], doc_id=record["id"], date=record["date"])
        seen.update({loc.name: loc.country for loc in doc.locations})
    wrong = {name: country for name, country in seen.items() if EXAMPLE_PLACES.get(name, "?") != country}
    assert not wrong
    assert {"Greenland", "Nuuk", "Kangerlussuaq", "Pituffik Space Base", "Washington", "Copenhagen"} <= set(
        seen
    )


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("KABUL (AFP) - Rockets hit the city.", "Kabul"),
        ("GOMA, Zaire, April 9 (Reuters) - Rebels advanced.", "Goma"),
        ("NEW YORK (AP) — Stocks fell.", "New York"),
        ("Rockets hit Kabul on Monday (officials said).", None),
    ],
)
def test_dateline_city(text, name, gaz) -> None:
    place = places.find_dateline_place(text, gaz)
    assert (place.name if place else None) == name


@pytest.mark.model
def test_lead_events_happen_in_the_dateline_city(prepare, gaz) -> None:
    doc = prepare("NAIROBI (AFP) - Rebels attacked a police post. Officials condemned the raid.", "places")
    doc.events = [_event("attacked", "KEN"), _event("condemned", "KEN")]
    doc.events[1].sentence_index = 1
    places.write_places(doc, places.find_places(doc, gaz), gaz)
    assert [e.location.name if e.location else None for e in doc.events] == ["Nairobi", None]


@pytest.mark.model
def test_events_said_to_happen_here_happen_in_the_dateline_city(prepare, gaz) -> None:
    doc = prepare("NAIROBI (AFP) - Talks resumed. Hundreds of students marched here on Monday.", "places")
    doc.events = [_event("marched", "KEN")]
    doc.events[0].sentence_index = next(i for i, s in enumerate(doc.parsed.sents) if "marched" in s.text)
    places.write_places(doc, places.find_places(doc, gaz), gaz)
    assert doc.events[0].location.name == "Nairobi"


@pytest.mark.model
def test_the_capital_is_the_capital_of_the_country_the_story_is_about(prepare, gaz) -> None:
    doc = prepare("Kenya braced for protests. Police fired tear gas at marchers in the capital.", "places")
    doc.events = [_event("fired", "KEN")]
    doc.events[0].sentence_index = 1
    places.write_places(doc, places.find_places(doc, gaz), gaz)
    assert doc.events[0].location.name == "Nairobi"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a country beats a same-named town wherever the document is
        ("Officials in Ohio and Indiana said exports to Peru rose.", "Peru", "PER"),
        ("Ministers from Lebanon met in Pennsylvania and Ohio.", "Lebanon", "LBN"),
        # a small town resolves in news about its own country
        ("Floods hit Kenya. Water rose in Kakamega and Nairobi.", "Kakamega", "KEN"),
    ],
)
def test_countries_before_towns_and_small_towns_by_country(prepare, text, name, country, gaz) -> None:
    found = {m.place.name: m.place for m in places.find_places(prepare(text, "places"), gaz)}
    assert found[name].country == country


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("Gunmen attacked a market in the province of Kandahar.", "attacked", "Kandahār"),
        ("A judge in Ohio's Franklin County court sentenced the man.", "sentenced", "Ohio"),
        ("Yesterday in Ohio's Franklin County court, a judge sentenced the man.", "sentenced", "Ohio"),
        ("Bombs struck a church in Jolo, Philippines.", "struck", "Jolo"),
    ],
)
def test_place_phrases_reach_the_trigger(prepare, text, trigger, expected, gaz) -> None:
    doc = prepare(text, "places")
    doc.events = [_event(trigger, "USA")]
    places.write_places(doc, places.find_places(doc, gaz), gaz)
    location = doc.events[0].location
    assert (location.name if location else None) == expected


@pytest.mark.model
def test_a_name_the_document_uses_for_a_person_is_not_a_town(prepare, gaz) -> None:
    doc = prepare("The mathematician John Conway died on Saturday. Colleagues called Conway a genius.", "places")
    assert "Conway" not in {m.place.name for m in places.find_places(doc, gaz)}


@pytest.mark.model
def test_a_region_inside_a_noun_phrase_is_not_the_event_place(prepare, gaz) -> None:
    doc = prepare("Farmers in Africa rejected the new rules.", "places")
    doc.events = [_event("rejected", "USA")]
    places.write_places(doc, places.find_places(doc, gaz), gaz)
    assert doc.events[0].location is None
