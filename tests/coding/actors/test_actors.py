"""Actor resolution over real parses: countries, demonyms, metonyms, organisations, roles, people, pronouns."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from sitrep.coding.actors.actors import actors_for_token, find_mentions, mention_at
from sitrep.models import Actor, Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def resolve(nlp, resources) -> Callable[[str], Document]:
    """Factory: parse a text and attach its actor mentions (the stages before ``actors`` and ``actors`` itself)."""

    def _resolve(text: str) -> Document:
        doc = Document(id="t", text=text)
        doc.parsed = nlp(text)
        doc.mentions = find_mentions(doc.parsed, resources)
        return doc

    return _resolve


def token(doc: Document, word: str, nth: int = 0):
    """The ``nth`` token reading ``word``."""
    matches = [t for t in doc.parsed if t.text == word]
    assert len(matches) > nth, f"{word!r} not in {doc.text!r}"
    return matches[nth]


def codes(doc: Document, word: str, nth: int = 0) -> list[str]:
    return [a.code for a in actors_for_token(doc, token(doc, word, nth))]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Sweden confirmed it is sending personnel.", "Sweden", ["SWE"]),
        ("The United States repeated its demand.", "States", ["USA"]),
        ("Britain and the U.K. agreed.", "Britain", ["GBR"]),
        ("North Korea fired a missile.", "Korea", ["PRK"]),
        ("The DPRK fired a missile.", "DPRK", ["PRK"]),
        ("Kosovo declared independence.", "Kosovo", ["KOS"]),
        ("Taiwan protested.", "Taiwan", ["TWN"]),
        ("The Palestinians protested.", "Palestinians", ["PSE"]),
        ("Greenlanders alone will decide.", "Greenlanders", ["GRL"]),
        ("Danes rallied in the capital.", "Danes", ["DNK"]),
        ("Ivory Coast rebels attacked.", "rebels", ["CIVREB"]),
    ],
)
def test_country_names_and_demonyms(resolve, text: str, word: str, expected: list[str]) -> None:
    assert codes(resolve(text), word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Washington said the talks would continue.", "Washington", ["USAGOV"]),
        ("The Kremlin warned against the deployment.", "Kremlin", ["RUSGOV"]),
        ("The Pentagon declined to comment.", "Pentagon", ["USAMIL"]),
        ("Downing Street welcomed the move.", "Street", ["GBRGOV"]),
        ("Copenhagen and Nuuk rejected the plan.", "Copenhagen", ["DNKGOV", "GRLGOV"]),
        ("Moscow condemned the exercise.", "Moscow", ["RUSGOV"]),
        ("Beijing urged restraint.", "Beijing", ["CHNGOV"]),
    ],
)
def test_capitals_and_seats_of_power_stand_for_governments(resolve, text, word, expected) -> None:
    doc = resolve(text)
    assert codes(doc, word) == expected
    assert mention_at(doc, token(doc, word).i).kind in ("metonym", "institution")


@pytest.mark.parametrize(
    ("text", "word", "code", "org"),
    [
        ("NATO said the alliance was united.", "NATO", "IGONAT", "NATO"),
        ("The European Union backed Denmark.", "Union", "IGOEEC", "EU"),
        ("The U.N. Security Council met on Friday.", "Council", "IGOUNO", "UN"),
        ("UNHCR warned of displacement.", "UNHCR", "IGOUNOHCR", "UNHCR"),
        ("The Arctic Council postponed its meeting.", "Council", "IGOARC", "Arctic Council"),
        ("Amnesty International condemned the arrests.", "International", "NGOAMN", "Amnesty International"),
        ("Hamas fired rockets.", "Hamas", "PSEREB", "Hamas"),
        # an insurgent group is not the government of the country it fights in
        ("The Taliban ambushed a convoy near the capital.", "Taliban", "AFGREB", "Taliban"),
        ("The WHO reported new cases.", "WHO", "IGOUNOWHO", "WHO"),
    ],
)
def test_organisations(resolve, text: str, word: str, code: str, org: str) -> None:
    doc = resolve(text)
    (actor,) = actors_for_token(doc, token(doc, word))
    assert (actor.code, actor.org) == (code, org)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Swedish troops arrived on Monday.", "troops", ["SWEMIL"]),
        ("German soldiers landed in Nuuk.", "soldiers", ["DEUMIL"]),
        ("The Danish Defence Ministry said the exercise would start.", "Ministry", ["DNKMIL"]),
        ("Egyptian police arrested ten people.", "police", ["EGYCOP"]),
        ("Sudanese rebels attacked the town.", "rebels", ["SDNREB"]),
        ("Iranian protesters gathered.", "protesters", ["IRNCVL"]),
        ("The Ugandan opposition boycotted the vote.", "opposition", ["UGAOPP"]),
        ("Poland's parliament approved the law.", "parliament", ["POLLEG"]),
        ("NATO troops will join the exercise.", "troops", ["IGONATMIL"]),
        ("The president of Armenia arrived.", "president", ["ARMGOV"]),
        ("Israeli helicopters and tanks attacked.", "tanks", ["ISRMIL"]),
        ("The Chilean government officials resigned.", "officials", ["CHLGOV"]),
        # a government-type role noun after a rebel or opposition word speaks for that side
        ("Chadian rebel envoys walked out of the talks.", "envoys", ["TCDREB"]),
        ("Kenyan opposition spokesmen denied the report.", "spokesmen", ["KENOPP"]),
    ],
)
def test_roles_combine_with_countries(resolve, text: str, word: str, expected: list[str]) -> None:
    assert codes(resolve(text), word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("U.S., Danish and Greenlandic officials met in Washington.", "officials", ["USAGOV", "DNKGOV", "GRLGOV"]),
        ("Sweden and Norway sent ships.", "Sweden", ["SWE", "NOR"]),
        ("French and German troops arrived.", "troops", ["FRAMIL", "DEUMIL"]),
        ("His Greek and French counterparts arrived in Cairo.", "counterparts", ["GRCGOV", "FRAGOV"]),
    ],
)
def test_compound_actors_give_one_actor_each(resolve, text: str, word: str, expected: list[str]) -> None:
    assert codes(resolve(text), word) == expected


def test_title_introduces_a_person_kept_by_surname_and_pronoun(resolve) -> None:
    doc = resolve(
        "Swedish Prime Minister Ulf Kristersson said Sweden would send troops. "
        "Kristersson said the decision was final. He added that the deployment was defensive."
    )
    first, again, pronoun = (actors_for_token(doc, token(doc, w))[0] for w in ("Ulf", "Kristersson", "He"))
    assert (first.code, first.name, first.country, first.agent) == ("SWEGOV", "Ulf Kristersson", "SWE", "GOV")
    assert actors_for_token(doc, token(doc, "Kristersson", 1))[0].key() == first.key()
    assert pronoun.key() == first.key() and again.key() == first.key()


@pytest.mark.parametrize(
    "text",
    [
        "Mette Frederiksen, Denmark's prime minister, said the island was not for sale.",
        "Denmark's prime minister, Mette Frederiksen, said the island was not for sale.",
        "Danish Prime Minister Mette Frederiksen said the island was not for sale.",
    ],
)
def test_apposition_and_title_give_country_and_role(resolve, text: str) -> None:
    doc = resolve(text)
    (actor,) = actors_for_token(doc, token(doc, "Frederiksen"))
    assert (actor.name, actor.code, actor.country, actor.agent) == ("Mette Frederiksen", "DNKGOV", "DNK", "GOV")


def test_pronouns_respect_gender(resolve) -> None:
    doc = resolve(
        "Danish Foreign Minister Lars Lokke Rasmussen met Greenland's Foreign Minister Vivian Motzfeldt. "
        "She said Greenland was not for sale. He said Copenhagen remained open to talks."
    )
    assert actors_for_token(doc, token(doc, "She"))[0].name == "Vivian Motzfeldt"
    assert actors_for_token(doc, token(doc, "He"))[0].name == "Lars Lokke Rasmussen"


def test_definite_title_refers_back_to_the_person(resolve) -> None:
    doc = resolve("Greenland's premier Jens-Frederik Nielsen spoke on Monday. The premier said talks were over.")
    assert actors_for_token(doc, token(doc, "premier", 1))[0].name == "Jens-Frederik Nielsen"


@pytest.mark.parametrize(
    ("text", "word", "name", "code"),
    [
        ("Putin said Russia was watching.", "Putin", "Vladimir Putin", "RUSGOV"),
        ("Rutte said the alliance stood together.", "Rutte", "Mark Rutte", "IGONATGOV"),
        ("Xi Jinping met Lula in Beijing.", "Xi", "Xi Jinping", "CHNGOV"),
        ("Guterres called for restraint.", "Guterres", "Antonio Guterres", "IGOUNOGOV"),
        # a historical leader named without title keeps his own country, not the article's
        ("Chirac flew to Dakar for a summit.", "Chirac", "Jacques Chirac", "FRAGOV"),
        ("In Lagos, Obasanjo met strikers.", "Obasanjo", "Olusegun Obasanjo", "NGAGOV"),
    ],
)
def test_known_leaders_without_title(resolve, text: str, word: str, name: str, code: str) -> None:
    doc = resolve(text)
    (actor,) = actors_for_token(doc, token(doc, word))
    assert (actor.name, actor.code) == (name, code)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Sweden said it would send troops.", "it", ["SWE"]),
        ("Denmark rejected the US proposal.", "proposal", ["USA"]),
    ],
)
def test_it_and_modifiers_of_non_actor_heads(resolve, text: str, word: str, expected: list[str]) -> None:
    assert codes(resolve(text), word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Rebels shelled Mosul overnight.", "Mosul", ["IRQ"]),
        ("Moscow police detained dozens.", "police", ["RUSCOP"]),
        ("Rebels attacked villages in Darfur.", "Darfur", ["SDN"]),
        ("Security forces in Guinea detained the leaders.", "forces", ["GINMIL"]),
        ("A spokesperson for the Pentagon declined to comment.", "spokesperson", ["USAMIL"]),
        ("Bosnian Serbs demanded a ceasefire.", "Serbs", ["BIH"]),
        ("Albanians of southern Serbia want autonomy.", "Albanians", ["SRB"]),
        ("Kenyan police said the march would go ahead.", "police", ["KENCOP"]),
        ("Police in Nairobi said the march would go ahead.", "Police", ["KENCOP"]),
    ],
)
def test_places_prepositions_and_peoples(resolve, text: str, word: str, expected: list[str]) -> None:
    assert codes(resolve(text), word) == expected


@pytest.mark.parametrize(
    ("text", "word", "country"),
    [
        ("Nepal's king, Birendra Bir Bikram, dissolved parliament.", "Birendra", "NPL"),
        ("Chad's prime minister, Amadou Mahamat, resigned.", "Mahamat", "TCD"),
    ],
)
def test_titled_people_take_the_country_of_their_apposition(resolve, text: str, word: str, country: str) -> None:
    doc = resolve(text)
    (actor,) = actors_for_token(doc, token(doc, word))
    assert actor.country == country and actor.agent in ("GOV", "MIL")


def test_anti_and_pro_prefixes_do_not_make_nationals(resolve) -> None:
    doc = resolve("A pro-Russian journalist and an anti-American activist were arrested.")
    assert "RUSMED" not in codes(doc, "journalist") and "USACVL" not in codes(doc, "activist")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Let us talk about it.", "us"),
        ("They ate turkey for dinner.", "turkey"),
        ("Latin American leaders met.", "American"),
        ("The joint military exercises began.", "military"),
    ],
)
def test_words_that_are_not_actors(resolve, text: str, word: str) -> None:
    doc = resolve(text)
    assert mention_at(doc, token(doc, word).i) is None


def test_mentions_are_ordered_and_disjoint(resolve) -> None:
    doc = resolve("U.S. Secretary of State Marco Rubio hosted Danish and Greenlandic officials. Rubio said he was hopeful.")
    ends = [(m.start, m.end) for m in doc.mentions]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:]))
    assert all(isinstance(a, Actor) for m in doc.mentions for a in m.all_actors())


@pytest.mark.slow
def test_every_country_and_org_in_the_example_corpus_resolves(resolve, nlp) -> None:
    """Each GPE/NORP/ORG entity spaCy finds in examples/arctic.jsonl that names a state or alliance is resolved."""
    from tests.conftest import EXAMPLES

    wanted = {"Denmark", "Greenland", "United States", "U.S.", "US", "NATO", "Sweden", "Norway", "Finland",
              "Germany", "France", "Canada", "Russia", "China", "European Union", "EU", "Washington", "Copenhagen",
              "Nuuk", "Danish", "Greenlandic", "American", "Swedish", "German", "French", "British", "Kremlin"}
    seen: set[str] = set()
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        doc = resolve(json.loads(line)["text"])
        for ent in doc.parsed.ents:
            if ent.text in wanted:
                seen.add(ent.text)
                assert mention_at(doc, ent.root.i) is not None, f"{ent.text!r} unresolved in {ent.sent.text!r}"
    assert len(seen) >= 15


@pytest.mark.eval
def test_plover_gold_actor_phrases_resolve_to_their_country(resolve, shared_eval) -> None:
    """Most gold source/target phrases of the PLOVER dev set resolve to the gold country (or an organisation)."""
    import re

    path = shared_eval / "plover_gsr" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    total = hits = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        doc = resolve(record["text"])
        for gold in [a for side in ("source", "target") for a in (record.get(side) or [])]:
            if not gold.get("actorText") or not gold.get("code"):
                continue
            words = {w.lower() for w in re.findall(r"[\w.'-]+", gold["actorText"])}
            found = [a for t in doc.parsed if t.lower_ in words for a in actors_for_token(doc, t)]
            total += 1
            hits += any(a.country == gold["code"] or (gold["code"] in ("IGO", "NGO", "IMG") and a.org) for a in found)
    assert total > 100 and hits / total >= 0.85


def test_name_before_a_role_apposition_is_a_person_even_when_the_ner_says_org(resolve) -> None:
    """The NER reads "Ricardo Rosselló Nevares" as an organisation; the apposition makes it a person,
    and the paternal surname in the middle of the name finds him again later."""
    doc = resolve("Ricardo Rosselló Nevares, Puerto Rico's governor, announced his resignation. "
                  "Rosselló said he was sorry.")
    first = actors_for_token(doc, token(doc, "Nevares"))
    later = actors_for_token(doc, token(doc, "Rosselló", 1))
    assert [a.code for a in first] == [a.code for a in later] == ["PRIGOV"]
    assert later[0].name == "Ricardo Rosselló Nevares"


@pytest.mark.parametrize(
    ("text", "word", "nth", "expected"),
    [
        # a person the speaker talks about inside the quotation is not who "he" is
        ('Senator Mark Malley said: "We will not wait for Governor Tom Brask. Brask must go." '
         "He then left the hall.", "He", 0, "Mark Malley"),
        # sentences that continue a quotation do not use up the pronoun's reach
        ('Minister Anna Voss said the plan "will fail. It is late. It is costly. It is unfair." '
         "She then left the meeting.", "She", 0, "Anna Voss"),
    ],
)
def test_pronouns_skip_people_inside_quotations(resolve, text: str, word: str, nth: int, expected: str) -> None:
    doc = resolve(text)
    mention = mention_at(doc, token(doc, word, nth).i)
    assert mention is not None and mention.actor.name == expected


def test_they_after_conjoined_subjects_stands_for_all_of_them(resolve) -> None:
    doc = resolve("Japan and Australia issued statements saying they would not follow the sanctions.")
    assert [a.code for a in actors_for_token(doc, token(doc, "they"))] == ["JPN", "AUS"]


def test_an_opposition_to_something_is_a_stance_not_a_party(resolve) -> None:
    doc = resolve("Kenya's opposition to the new tariffs grew, and the Kenyan opposition protested.")
    assert not any(c.endswith("OPP") for c in codes(doc, "opposition"))  # only its owner, Kenya
    assert codes(doc, "opposition", 1) == ["KENOPP"]


# --- owners' pronouns and the posts a title names ------------------------------------------------------------


def test_an_ambassador_to_a_country_keeps_the_nationality_before_the_post(resolve) -> None:
    doc = resolve("British Ambassador to Chile John Smith criticised the plan.")
    assert codes(doc, "Smith") == ["GBRGOV"]


def test_an_owners_pronoun_takes_the_owner_and_lends_it_to_what_it_owns(resolve) -> None:
    doc = resolve("Ugandan opposition leader Bobi Wine spoke in Nairobi, and his associates said Kenya had insulted him.")
    assert codes(doc, "his") == ["UGAOPP"]
    assert codes(doc, "associates") == ["UGAOPP"]


def test_its_owner_is_one_body_not_the_plural_subject(resolve) -> None:
    doc = resolve("The rebels said France was an enemy because of its support for the regime.")
    assert codes(doc, "its") == ["FRA"]


def test_a_named_modifier_beats_the_owners_pronoun(resolve) -> None:
    doc = resolve("The Bosnian villagers said their Serbian captors had beaten them.")
    assert codes(doc, "captors") == ["SRB"]


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Deputy High Representative Hans Weber said the trial was unfair.", "Weber", ["IGO"]),
        ("Hungary was a former Warsaw Pact member.", "Pact", ["IGO"]),
        ("Rudaw reported the strike on Monday.", "Rudaw", ["IRQMED"]),
    ],
)
def test_international_offices_pacts_and_regional_broadcasters(resolve, text, word, expected) -> None:
    assert codes(resolve(text), word) == expected


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Kent police said two men were arrested.", "police", ["GBRCOP"]),
        ("Fighting spread across Helmand on Monday.", "Helmand", ["AFG"]),
    ],
)
def test_counties_and_provinces_are_places_of_their_country(resolve, text, word, expected) -> None:
    assert codes(resolve(text), word) == expected


def test_two_demonyms_side_by_side_are_one_people_of_the_first(resolve) -> None:
    assert codes(resolve("Bosnian Serb forces overran the town in July 1995."), "forces") == ["BIHMIL"]
    assert codes(resolve("Serb and Croat forces fought in the town."), "forces") == ["SRBMIL", "HRVMIL"]


def test_a_title_of_a_country_before_a_name_gives_the_nationality(resolve) -> None:
    doc = resolve("Yesterday the Prime Minister of Peru John Marcus Smith spoke.")
    assert codes(doc, "Smith") == ["PERGOV"]
    assert [m.kind for m in doc.mentions if doc.parsed[m.start].text == "Prime"] == ["person"]


def test_another_countrys_demonym_makes_a_national_body_its_own(resolve) -> None:
    assert codes(resolve("The Libyan House of Representatives did not ratify the deal."), "House") == ["LBYLEG"]
    assert codes(resolve("The House of Representatives passed the bill."), "House") == ["USALEG"]


def test_the_african_export_import_bank_is_an_igo(resolve) -> None:
    assert codes(resolve("The African Export-Import Bank lent the money."), "Bank") == ["IGO"]


def test_a_later_misspelt_surname_is_the_person_named_before(resolve) -> None:
    doc = resolve("Rebel foreign minister Bizima Karaha spoke in Goma. Later Karah denied that France was an enemy.")
    (actor,) = actors_for_token(doc, token(doc, "Karah"))
    assert actor.name == "Bizima Karaha"

