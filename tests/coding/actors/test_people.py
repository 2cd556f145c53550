"""People bookkeeping: name keys, the per-document registry, titles and pronoun salience."""

from __future__ import annotations

import pytest

from sitrep.coding.actors.lexicon import Entry
from sitrep.coding.actors.people import Person, Registry, Salience, person_from, quoted_tokens, title_matches


def test_registry_finds_by_full_name_surname_and_first_name() -> None:
    registry = Registry()
    person = Person("Lars Lokke Rasmussen", country="DNK", agent="GOV")
    registry.add(["Lars", "Lokke", "Rasmussen"], person)
    for words in (["Lars", "Lokke", "Rasmussen"], ["Rasmussen"], ["Lars"]):
        assert registry.find(words) is person
    assert registry.find(["Poulsen"]) is None


def test_first_introduction_keeps_a_shared_surname() -> None:
    registry = Registry()
    first, second = Person("Mette Frederiksen"), Person("Anna Frederiksen")
    registry.add(["Mette", "Frederiksen"], first)
    registry.add(["Anna", "Frederiksen"], second)
    assert registry.find(["Frederiksen"]) is first
    assert registry.find(["Anna", "Frederiksen"]) is second


def test_person_from_title_and_leader_table(resources) -> None:
    from sitrep.coding.actors.lexicon import Atom, actor_lexicon

    lexicon = resources.get(actor_lexicon)

    role = Atom(0, 2, Entry("role", "foreign minister", "GOV", agent="GOV", title=True), "Foreign Minister")
    country = Atom(0, 1, Entry("demonym", "Denmark", "DNK", country="DNK"), "Danish")
    person = person_from(["Lars", "Rasmussen"], [country, role], None, former=False,
                         first_names=lexicon.first_names)
    assert (person.country, person.agent, person.gender) == ("DNK", "GOV", "m")
    assert person.actor("Rasmussen", lexicon).code == "DNKGOV"
    former = person_from(["Lars", "Rasmussen"], [country, role], None, former=True,
                         first_names=lexicon.first_names)
    assert former.actor("x", lexicon).code == "DNKELI"


@pytest.mark.parametrize(
    ("titles", "role", "expected"),
    [({"foreign minister"}, "minister", True), ({"prime minister"}, "premier", True),
     ({"president"}, "minister", False), (set(), "president", False)],
)
def test_title_matches(titles: set[str], role: str, expected: bool) -> None:
    assert title_matches(Person("X", titles=titles), role) is expected


def test_salience_prefers_same_sentence_then_subjects_and_checks_gender() -> None:
    him, her, other = Person("A", gender="m"), Person("B", gender="f"), Person("C")
    salience = Salience([(0, 0, True, him), (5, 0, False, her), (12, 1, False, other)])
    assert salience.pronoun(20, 1, "m") is other  # same sentence, unknown gender fits
    assert salience.pronoun(10, 1, "f") is her  # earlier sentence only
    assert Salience([(0, 0, True, him), (5, 0, False, her)]).pronoun(10, 1, "m") is him
    assert salience.pronoun(10, 4, "m") is None  # too far back


def test_registry_finds_a_person_by_a_middle_surname() -> None:
    registry = Registry()
    person = Person(name="Ricardo Rossello Nevares")
    registry.add(["Ricardo", "Rossello", "Nevares"], person)
    assert registry.find(["Rossello"]) is person


def test_quoted_tokens_close_at_the_mark_or_the_paragraph_end(nlp) -> None:
    parsed = nlp('He said "we go now" and left.\n\n"They will come back, she said.\n\nNext day.')
    inside = {parsed[i].text for i in quoted_tokens(parsed)}
    assert {"we", "go", "now", "They", "come"} <= inside
    assert not {"He", "left", "Next", "day"} & inside


def test_a_full_name_sharing_only_a_first_name_is_someone_else() -> None:
    registry = Registry()
    registry.add(["Ali", "Mohamed", "Gedi"], Person("Ali Mohamed Gedi", country="SOM", agent="GOV"))
    assert registry.find(["Ali", "Madobe"]) is None
    assert registry.find(["Ali"]) is not None and registry.find(["Gedi"]) is not None


@pytest.mark.parametrize(
    ("a", "b", "close"),
    [("karah", "karaha", True), ("chernomrydin", "chernomyrdin", True), ("sarea", "saree", True),
     ("karaha", "karaha", False), ("maraha", "karaha", False), ("karbala", "karaha", False)],
)
def test_one_letter_apart(a: str, b: str, close: bool) -> None:
    from sitrep.coding.actors.people import one_letter_apart

    assert one_letter_apart(a, b) is close


def test_a_misspelt_surname_is_the_one_person_it_is_one_letter_from() -> None:
    registry = Registry()
    person = Person("Bizima Karaha", country="COD")
    registry.add(["Bizima", "Karaha"], person)
    assert registry.near("Karah") is person
    assert registry.near("Kara") is None  # too short to tell


def test_a_clause_in_an_apposition_gives_the_person_no_country(nlp, resources) -> None:
    from sitrep.coding.actors.actors import actors_for_token, find_mentions
    from sitrep.models import Document

    text = "Mourners buried Amos Keter, one of three guards shot by Ugandan police on Monday."
    doc = Document(id="t", text=text)
    doc.parsed = nlp(text)
    doc.mentions = find_mentions(doc.parsed, resources)
    keter = next(t for t in doc.parsed if t.text == "Keter")
    assert all(a.country != "UGA" for a in actors_for_token(doc, keter))
