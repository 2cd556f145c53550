"""The document-level actors stage: what the whole article says about who its actors are."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.coding.actors import article_countries, docactors, leaders
from sitrep.coding.actors.actors import actors_for_token
from sitrep.models import Actor, Document

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def article(nlp, settings, resources) -> Callable[..., Document]:
    """Factory: parse, find and resolve actors through the docactors stage (with the article's date)."""
    from sitrep.coding.actors import actors
    from sitrep.nlp import parse

    def _article(text: str, date: str | None = "2026-01-15") -> Document:
        stream = parse.process([Document(id="t", text=text, date=date)], settings, resources)
        return next(docactors.process(actors.process(stream, settings, resources), settings, resources))

    return _article


def actor_of(doc: Document, word: str, nth: int = 0) -> Actor | None:
    matches = [t for t in doc.parsed if t.text == word]
    assert len(matches) > nth, f"{word!r} not in {doc.text!r}"
    found = actors_for_token(doc, matches[nth])
    return found[0] if found else None


def country_of(doc: Document, word: str, nth: int = 0) -> str | None:
    actor = actor_of(doc, word, nth)
    return actor.country if actor else None


@pytest.mark.parametrize(
    ("text", "word", "nth", "country"),
    [
        ("Kenyan officials met in Nairobi on Monday. Police said three people were hurt.", "Police", 0, "KEN"),
        ("Israeli troops entered the village. The troops then withdrew at dawn.", "troops", 1, "ISR"),
        ("Peru's army moved north. Later the army said it had secured the road.", "army", 1, "PER"),
        ("Nepal's government talked to the Maoists. The government agreed to a truce.", "government", 1, "NPL"),
        ("The rebels in Sudan fought on. Sudan said the rebels had been routed.", "rebels", 1, "SDN"),
    ],
)
def test_role_nouns_keep_their_country_across_the_article(article, text, word, nth, country) -> None:
    assert country_of(article(text), word, nth) == country


def test_a_bare_role_takes_the_country_the_article_is_about(article) -> None:
    doc = article("Bolivia held elections on Sunday. Bolivia counted the votes. Soldiers guarded the polling stations.")
    actor = actor_of(doc, "Soldiers")
    assert actor is not None and actor.code == "BOLMIL"


def test_a_nationality_in_the_phrase_beats_the_article_country(article) -> None:
    doc = article("Chile hosted the talks. Chile said the talks went well. Argentine diplomats left early.")
    assert country_of(doc, "diplomats") == "ARG"


def test_weapons_take_no_country_from_the_article(article) -> None:
    doc = article("Saudi Arabia said on Monday that its oil plant was damaged. It was hit by a drone overnight.")
    actor = actor_of(doc, "drone")
    assert actor is None or actor.country is None


def test_a_titled_person_without_nationality_takes_the_article_country(article) -> None:
    doc = article("Mali prepared for the vote. Brig. Gen. Jean Dupuis stepped down so that Mali could hold elections.")
    actor = actor_of(doc, "Dupuis")
    assert actor is not None and actor.country == "MLI" and actor.agent == "MIL"


@pytest.mark.parametrize(
    ("date", "name", "code"),
    [
        ("1991-02-01", "George H. W. Bush", "USAGOV"),
        ("2005-06-01", "George W. Bush", "USAGOV"),
    ],
)
def test_leaders_are_read_at_the_article_date(article, date, name, code) -> None:
    doc = article("Bush said on Tuesday that the talks would go on.", date=date)
    actor = actor_of(doc, "Bush")
    assert actor is not None and (actor.name, actor.code) == (name, code)


def test_leaders_the_ner_missed_are_found_by_date(article) -> None:
    doc = article("Obasanjo, Mbeki and Tandja sought to break the deadlock.", date="2006-05-01")
    assert [country_of(doc, w) for w in ("Mbeki", "Tandja")] == ["ZAF", "NER"]


def test_a_title_nationality_beats_the_leader_table(article) -> None:
    doc = article("Norwegian Foreign Minister Anne Lund met the envoy. Lund said the talks were useful.")
    assert country_of(doc, "Lund", 1) == "NOR"


@pytest.mark.parametrize(
    ("year", "expected"),
    [(1997, "Laurent Kabila"), (2010, "Joseph Kabila"), (1880, None)],
)
def test_find_leader_by_year(resources, year, expected) -> None:
    term = resources.get(leaders.leader_table).find_leader("Kabila", year)
    assert (term.name if term else None) == expected


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Rwanda protested on Monday, Reuters reported.", "Reuters"),
        ("Rwanda protested on Monday, an official told AFP.", "AFP"),
        ("Rwanda protested on Monday, Wikinews has learned.", "Wikinews"),
    ],
)
def test_publishers_never_become_actors(article, text, word) -> None:
    assert actor_of(article(text), word) is None


def test_dateline_is_not_an_actor(article) -> None:
    doc = article("KIGALI, May 3 (AFP) - Rwandan troops crossed the border on Saturday.")
    assert actor_of(doc, "KIGALI") is None
    assert country_of(doc, "troops") == "RWA"


def test_a_city_does_not_act_but_keeps_its_country_when_acted_on(article) -> None:
    doc = article("Iraqi forces shelled Kirkuk on Monday. Kirkuk rejected the curfew.")
    assert country_of(doc, "Kirkuk") == "IRQ"
    assert actor_of(doc, "Kirkuk", 1) is None


@pytest.mark.parametrize(
    ("text", "word", "agent"),
    [
        ("Guinea held talks. The Democratic Renewal Party rejected the offer.", "Party", "PTY"),
        ("Guinea held talks. The Popular Liberation Front attacked a convoy.", "Front", "REB"),
    ],
)
def test_unknown_organisations_are_kept_with_the_article_country(article, text, word, agent) -> None:
    actor = actor_of(article(text), word)
    assert actor is not None and (actor.country, actor.agent) == ("GIN", agent)


def test_the_group_refers_back_to_the_latest_organisation(article) -> None:
    doc = article("Guinea held talks. The Popular Liberation Front attacked a convoy. The group said it would go on.")
    actor = actor_of(doc, "group")
    assert actor is not None and actor.name == "Popular Liberation Front"


def test_serbs_in_a_story_about_bosnia_are_bosnian(article) -> None:
    doc = article("Bosnia held its first election. Bosnia counted votes in Sarajevo. "
                  "Serb authorities refused to count.")
    assert country_of(doc, "authorities") == "BIH"


def test_an_unresolved_it_takes_the_latest_acting_body(article) -> None:
    doc = article("The Chilean navy patrolled the coast. No ship was seen. It said in a statement that it would go on.")
    assert country_of(doc, "It") == "CHL"


def test_they_takes_a_body_whose_name_ends_in_a_compound(article) -> None:
    """The subject is "groups", the head of "Hong Kong student groups", not the mention's "student"."""
    doc = article("Hong Kong student groups protested on Friday. They asked Carrie Lam to resign.")
    assert country_of(doc, "They") == "HKG"


def test_they_after_a_list_of_subjects_is_all_of_them(article) -> None:
    """"they" stands for every member of the subject list, also after a sentence about someone
    else, and a second "they" for the same ones as the first."""
    doc = article("Danish foreign minister Lars Holm and his Swedish and Finnish counterparts gathered in Copenhagen "
                  "on Wednesday. The Italian foreign minister, Marco Bianchi, joined the talks as an observer. "
                  "They concluded that the agreement is void. They called on Russia to halt its drills.")
    they = [m for m in doc.mentions if doc.parsed[m.start].text == "They"]
    assert len(they) == 2
    for mention in they:
        assert {a.country for a in mention.all_actors()} == {"DNK", "SWE", "FIN"}, mention


def test_foreign_on_a_compound_keeps_a_role_out_of_the_article_country(article) -> None:
    doc = article("Serbian police arrested 20 people. President Vucic said unspecified foreign security forces "
                  "were involved in the protests.")
    assert country_of(doc, "forces") is None


def test_he_after_an_unnamed_official_is_that_official(article) -> None:
    doc = article("A Burmese official criticised the sanctions on Friday. He said the country would not change course.")
    actor = actor_of(doc, "He")
    assert actor is not None and actor.country == "MMR" and "official" in actor.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Peru and Chile met. Peru said it was ready. Peru signed.", "PER"),
        ("Nobody said anything.", None),
    ],
)
def test_main_country(nlp, resources, text, expected) -> None:
    from sitrep.coding.actors.actors import find_mentions

    parsed = nlp(text)
    assert article_countries.main_country(parsed, find_mentions(parsed, resources)) == expected


@pytest.mark.parametrize(
    ("text", "date", "word", "name"),
    [
        ("The Russian premier voiced concern on Monday.", "1997-04-01", "premier", "Viktor Chernomyrdin"),
        ("The US secretary of state arrived in Cairo.", "1998-03-01", "secretary", "Madeleine Albright"),
        ("The French president left Paris.", "2010-05-01", "president", "Nicolas Sarkozy"),
    ],
)
def test_an_office_without_a_name_is_its_holder_at_the_date(article, text, date, word, name) -> None:
    actor = actor_of(article(text, date=date), word)
    assert actor is not None and actor.name == name


def test_an_office_without_a_known_holder_stays_a_role(article) -> None:
    actor = actor_of(article("The Russian premier voiced concern.", date=None), "premier")
    assert actor is not None and actor.country == "RUS" and actor.name != "Viktor Chernomyrdin"


@pytest.mark.parametrize(
    ("text", "office"),
    [("The Russian premier", "prime minister"), ("US Secretary of State", "foreign minister"),
     ("the French president's", "president"), ("the army", None)],
)
def test_office_of(text, office) -> None:
    assert leaders.office_of(text) == office


def test_an_office_whose_country_only_the_article_gives_is_not_named(article) -> None:
    doc = article("Ukraine asked Iran for answers. Ukraine buried its dead. President said the inquiry must go on.",
                  date="2020-01-10")
    actor = actor_of(doc, "President")
    assert actor is None or actor.name != "Volodymyr Zelensky"


@pytest.mark.parametrize(("word", "kept"), [("UTC", False), ("LGBT", False), ("JEM", True), ("AU", True)])
def test_org_agent_keeps_actor_acronyms_only(nlp, resources, word, kept) -> None:
    span = nlp(f"{word} said so.")[0:1]
    assert (docactors.org_agent(span, resources.get(docactors.article_tables)) is not None) == kept


def test_a_national_news_agency_is_media_of_its_country(article) -> None:
    actor = actor_of(article("Peru closed its border, Xinhua reported."), "Xinhua")
    assert actor is not None and actor.code == "CHNMED"


def test_a_byline_is_not_an_actor(article) -> None:
    doc = article("By Anne Lund\n\nNorwegian troops crossed the border on Saturday.")
    assert actor_of(doc, "Lund") is None
    assert country_of(doc, "troops") == "NOR"


@pytest.mark.parametrize(
    ("text", "tokens"),
    [("GOMA, Zaire, May 3 (AFP) - Rebels advanced.", 10), ("Rebels advanced on Goma.", 0)],
)
def test_dateline_tokens(nlp, resources, text, tokens) -> None:
    assert len(docactors.dateline_tokens(nlp(text), resources.get(docactors.publishers))) == tokens


def test_a_hyphenated_lead_is_not_a_dateline(nlp, resources) -> None:
    parsed = nlp("US-led troops entered the town - residents said.")
    assert docactors.dateline_tokens(parsed, resources.get(docactors.publishers)) == frozenset()


def test_a_role_qualified_by_a_resolved_role_takes_its_country(article) -> None:
    doc = article("The US-led coalition attacked a base in Afghanistan. Afghanistan said that two coalition "
                  "force soldiers were wounded.")
    assert country_of(doc, "soldiers") == "USA"


def test_protesters_belong_to_the_people_last_named(article) -> None:
    doc = article("Israel sealed the town. Israeli troops stood guard as Israel closed roads. "
                  "Hundreds of Palestinians marched. The protesters threw stones.")
    assert country_of(doc, "protesters") == "PSE"


def test_an_international_mediator_is_of_no_country(article) -> None:
    doc = article("Bosnia held a trial. A senior international mediator called the trial unfair.")
    actor = actor_of(doc, "mediator")
    assert actor is not None and actor.code.startswith("IGO") and actor.country is None


def test_a_platform_is_not_an_actor(article) -> None:
    doc = article("Saudi Arabia closed the port. The minister posted a message on Twitter blaming Iran.")
    assert actor_of(doc, "Twitter") is None


def test_a_name_the_ner_gives_to_an_organisation_is_no_leader(article) -> None:
    doc = article("Rice University opened a new campus on Monday.", date="2006-05-01")
    actor = actor_of(doc, "Rice")
    assert actor is None or actor.name != "Condoleezza Rice"


def test_a_role_speaking_in_a_capital_is_of_that_country(article) -> None:
    doc = article("Peru's ministry rejected the plan on Monday. A ministry official said in Santiago that talks would go on.")
    actor = actor_of(doc, "official")
    assert actor is not None and actor.country == "CHL"


@pytest.mark.parametrize(
    ("text", "word", "name"),
    [
        ("Fisheries commissioner Jana Korvel visited Oslo. The commissioner said the quota would stay.",
         "commissioner", "Jana Korvel"),
        ("Mining inspector Paul Drummond toured the site. Workers later met the inspector.", "inspector", "Paul Drummond"),
    ],
)
def test_a_definite_title_refers_back_to_the_person_it_titled(article, text: str, word: str, name: str) -> None:
    actor = actor_of(article(text), word, 1)
    assert actor is not None and actor.name == name


def test_an_object_them_is_the_latest_plural_body_not_the_subject(article) -> None:
    doc = article("Two Kenyan villagers were hurt by shots fired by Ugandan soldiers after the villagers began "
                  "stoning them on Friday.")
    actor = actor_of(doc, "them")
    assert actor is not None and actor.code == "UGAMIL"


def test_armed_groups_keep_the_side_of_the_last_armed_group(article) -> None:
    doc = article("Somali Islamist rebels attacked a town in Somalia. Ethiopians fled across the border. "
                  "Fighters later took the port.")
    assert country_of(doc, "Fighters") == "SOM"


def test_foreign_forces_take_no_country_from_the_article(article) -> None:
    doc = article("Afghan officials met in Kabul. The Taliban want foreign forces to leave the country.")
    assert country_of(doc, "forces") is None


def test_a_capitalised_plural_role_is_remembered_under_its_singular(nlp) -> None:
    from spacy.tokens import Doc

    doc = Doc(nlp.vocab, words=["Islamists", "Islamists"], tags=["NNPS", "NNS"], lemmas=["Islamists", "islamist"])
    assert [article_countries.noun_key(t) for t in doc] == ["islamist", "islamist"]


def test_them_skips_only_the_subjects_of_its_own_clause(article) -> None:
    doc = article("Islamist rebels in Somalia withdrew from the city after Ethiopian troops began attacking them.")
    assert country_of(doc, "them") == "SOM"


def test_officials_of_an_unknown_named_body_take_the_article_country(article) -> None:
    doc = article("Somali troops entered Mogadishu. Ethiopian officials said the city was calm. "
                  "The prime minister refused to meet Islamic Courts Union officials.")
    assert country_of(doc, "officials", 1) == "SOM"


def test_a_foreign_minister_is_an_office_of_the_country_not_a_foreign_body(article) -> None:
    doc = article("Egypt hosted the talks in Cairo on Monday. The foreign ministers agreed to meet again.")
    assert country_of(doc, "ministers") == "EGY"


def test_a_later_short_name_keeps_the_country_the_first_mention_was_placed_in(article) -> None:
    doc = article("Norway on Monday banned Iranian airline Zagros Air from flying. Zagros has flown to Oslo since 1990.")
    assert country_of(doc, "Zagros", 1) == "IRN"


def test_a_pronoun_takes_what_its_antecedent_resolved_to(article) -> None:
    doc = article("Chilean officials met in Santiago on Monday. Chile said Peru's army had crossed the border. "
                  "The army said it had not.")
    assert country_of(doc, "it") == "PER"


def test_a_bare_role_is_placed_in_the_home_country_not_the_cross_border_peoples(article) -> None:
    doc = article("Serbs protested in Bosnia on Monday. The Serbs said the Serbs would not leave. "
                  "The court later barred the lawyers.")
    assert country_of(doc, "court") == "BIH"


def test_the_two_adversaries_are_the_two_people_last_named(article) -> None:
    doc = article("Hopes of talks between Chadian President Idriss Deby and rebel leader Mahamat Nour rose "
                  "after the two adversaries said they were ready to meet.")
    token = next(t for t in doc.parsed if t.text == "adversaries")
    assert [a.name for a in actors_for_token(doc, token)] == ["Idriss Deby", "Mahamat Nour"]


def test_a_subject_both_is_the_pair_the_clause_before_joined(article) -> None:
    doc = article("Japan and Australia said they would not follow the US example, although both have criticized Rangoon.")
    token = next(t for t in doc.parsed if t.text == "both")
    assert [a.country for a in actors_for_token(doc, token)] == ["JPN", "AUS"]


def test_two_things_are_no_pair_of_actors(article) -> None:
    doc = article("Peru and Chile signed a deal. The two blasts killed ten people.")
    token = next(t for t in doc.parsed if t.text == "blasts")
    assert actors_for_token(doc, token) == []


def test_bare_mediators_stand_between_the_sides(article) -> None:
    doc = article("Sudan's government met the rebels in Abuja. Mediators said they hoped for a deal.")
    actor = actor_of(doc, "Mediators")
    assert actor is not None and actor.code.startswith("IGO")
    assert country_of(doc, "they") is None and actor_of(doc, "they").code.startswith("IGO")


def test_mediators_the_article_placed_keep_their_country(article) -> None:
    doc = article("Qatari mediators met Sudan's rebels in Doha. The mediators said they hoped for a deal.")
    assert country_of(doc, "mediators", 1) == "QAT"


def test_a_foreign_minister_of_the_date_is_found_by_name(article) -> None:
    doc = article("Ghana hosted the talks. Foreign Minister Nkosazana Dlamini-Zuma attended the meeting in Accra.",
                  date="2005-12-04")
    assert country_of(doc, "Dlamini") == "ZAF"


def test_they_of_an_unnamed_speaker_is_nobody_named_earlier(article) -> None:
    doc = article("China criticised the sanctions. Many of Burma's trade partners said they would not follow the US example.")
    assert actor_of(doc, "they") is None


def test_a_person_with_a_bare_title_belongs_to_the_body_that_title_named(article) -> None:
    doc = article("Iran's president spoke. Later the European Commission's spokeswoman condemned the remarks. "
                  "The remarks are unacceptable, said the spokeswoman Emma Udwin. She said Iran was wrong.")
    actor = actor_of(doc, "Udwin")
    assert actor is not None and actor.code.startswith("IGO") and actor.name == "Emma Udwin"
    assert actor_of(doc, "She").code.startswith("IGO")


def test_an_organisations_bracketed_acronym_and_short_name_are_the_organisation(article) -> None:
    doc = article("The Popular Liberation Front of Ruritania (PLFR) attacked a police post in Chad on Monday. "
                  "The Front said it had killed ten soldiers. The PLFR later withdrew.")
    for word, nth in (("PLFR", 0), ("Front", 1), ("PLFR", 1)):
        actor = actor_of(doc, word, nth)
        assert actor is not None and actor.name == "Popular Liberation Front of Ruritania" and actor.agent == "REB"


def test_a_bracketed_acronym_the_ner_read_as_a_person_is_the_organisation(article) -> None:
    doc = article("The rebel Justice and Equality Movement (JEM) attacked Sudanese troops. The JEM said it would fight on.")
    actor = actor_of(doc, "JEM", 1)
    assert actor is not None and actor.org is None and actor.country == "SDN" and "Movement" in actor.name


def test_the_airline_refers_to_the_name_it_titled(article) -> None:
    doc = article("Norway on Monday banned Iranian airline Zagros Air from flying. The airline carries weapons to Syria, "
                  "Norway said.")
    actor = actor_of(doc, "airline", 1)
    assert actor is not None and actor.name == "Zagros Air" and actor.country == "IRN"


def test_a_bracketed_acronym_inside_a_longer_mention_leaves_that_mention_alone(article) -> None:
    doc = article("The North Atlantic Treaty Organization (NATO) met on Monday. NATO troops arrived in Latvia.")
    actor = actor_of(doc, "troops")
    assert actor is not None and actor.code == "IGONATMIL"


def test_plain_nouns_of_an_office_join_the_title_before_a_name(article) -> None:
    doc = article("Nigeria joined the pact. AU trade and industry commissioner Albert Muchanga announced Benin was to join. "
                  "The commissioner said trading would start.")
    for word in ("Muchanga", "commissioner"):
        actor = actor_of(doc, word, 1 if word == "commissioner" else 0)
        assert actor is not None and actor.code.startswith("IGOAFU") and actor.name == "Albert Muchanga"


def test_a_body_made_of_others_is_of_their_country(article) -> None:
    doc = article("Turkey and Turkey's navy sailed. On Wednesday, an assembly of several foreign ministers in Cairo "
                  "denounced the deal between Turkey and Libya.")
    assert country_of(doc, "assembly") == "EGY"


def test_the_government_of_a_known_leader_is_of_his_country(article) -> None:
    doc = article("Washington sold jets to Riyadh. The kingdom backed the government of Abdrabbuh Mansur Hadi.")
    assert country_of(doc, "government") == "YEM"
