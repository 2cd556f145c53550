"""Event coding on sentences written for these tests: one per CAMEO root, then the grammar."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc, Token

from sitrep.coding import cameo
from sitrep.coding.events.found import Action, Context, Findings
from sitrep.coding.grammar.clauses import Mood
from sitrep.models import Actor, Document, Event
from sitrep.resources import Resources

pytestmark = pytest.mark.model

Coder = Callable[..., Document]


def happened(doc: Document) -> list[Event]:
    """Events that are not negated, in coded order."""
    return [e for e in doc.events if not e.negated]


def main_event(doc: Document) -> Event:
    events = happened(doc)
    assert events, f"nothing coded in {doc.text!r}"
    return events[0]


ROOT_SENTENCES = [
    ("01", "The Danish government expressed concern about the situation in the Arctic."),
    ("02", "Denmark urged the United States to respect the sovereignty of Greenland."),
    ("03", "Norway promised to send troops to Greenland."),
    ("04", "The Danish foreign minister met the Swedish prime minister in Copenhagen on Tuesday."),
    ("05", "France praised Denmark for its leadership in the Arctic."),
    ("06", "Sweden has shared intelligence with Denmark about Russian submarines."),
    ("07", "Canada provided humanitarian aid to Haiti after the storm."),
    ("08", "Russia released two Estonian prisoners on Friday."),
    ("09", "Danish police are investigating the attack on the embassy."),
    ("10", "Greenland demanded the withdrawal of American troops."),
    ("11", "China condemned the Japanese government over the visit."),
    ("12", "Denmark rejected the US proposal."),
    ("13", "Washington threatened Copenhagen with sanctions."),
    ("14", "Thousands of students protested against the government in Belgrade."),
    ("15", "Russia mobilized its troops near the Ukrainian border."),
    ("16", "The European Union imposed sanctions on Russia."),
    ("17", "Turkish police arrested twenty journalists in Istanbul."),
    ("18", "Gunmen kidnapped three Italian aid workers in Niger."),
    ("19", "Israeli troops shelled Gaza overnight."),
    ("20", "Syrian forces used chemical weapons against civilians."),
]


@pytest.mark.parametrize(("root", "text"), ROOT_SENTENCES, ids=[r for r, _ in ROOT_SENTENCES])
def test_one_sentence_per_cameo_root(code_text: Coder, root: str, text: str) -> None:
    event = main_event(code_text(text))
    assert event.root == root, [(e.cameo, e.trigger) for e in code_text(text).events]
    assert event.sentence == text
    assert event.sentence_index == 0
    assert event.trigger


def test_event_fields_come_from_the_cameo_table(code_text: Coder) -> None:
    event = main_event(code_text("The European Union imposed sanctions on Russia."))
    assert (event.cameo, event.quad_class, event.goldstein) == ("163", 4, -8.0)
    assert (event.plover, event.mode) == ("SANCTION", "discontinue")
    assert event.source.org == "EU" or event.source.code.startswith("IGO") or event.source.code == "EUR"
    assert event.target is not None and event.target.country == "RUS"


def test_acceptance_sending_personnel_at_a_request_is_military_aid(code_text: Coder) -> None:
    doc = code_text("Sweden confirmed it is sending military personnel to Greenland at Denmark's request.")
    event = main_event(doc)
    assert event.source.country == "SWE"
    assert event.target is not None and event.target.country in {"GRL", "DNK"}
    assert event.root in {"06", "07"}
    assert event.plover in {"AID", "COOPERATE"}


def test_acceptance_rejecting_a_proposal(code_text: Coder) -> None:
    event = main_event(code_text("Denmark rejected the US proposal."))
    assert (event.source.country, event.target.country if event.target else None) == ("DNK", "USA")
    assert event.root == "12"
    assert event.plover == "REJECT"


def test_passive_voice_swaps_source_and_target(code_text: Coder) -> None:
    event = main_event(code_text("Greenland was attacked by the United States."))
    assert (event.source.country, event.target.country) == ("USA", "GRL")
    assert event.plover == "ASSAULT"


@pytest.mark.parametrize(("text", "root", "target", "source"), [
    ("Three Danish soldiers were killed on Monday.", "18", "DNK", None),
    # an arrest is done at home: by the authorities of the country it happened in (participants)
    ("Four Swedish journalists were arrested in Oslo.", "17", "SWE", "NOR"),
])
def test_agentless_passive_has_an_unknown_source(code_text: Coder, text: str, root: str, target: str,
                                                 source: str | None) -> None:
    event = main_event(code_text(text))
    assert (event.root, event.target.country) == (root, target)
    assert event.source.text == "" and event.source.country == source


@pytest.mark.parametrize(("text", "root", "pair"), [
    ("Danish soldiers will be deployed in the streets of Aarhus on Monday.", "15", ("DNK", None)),
    ("Norwegian troops were sent to Mali last week.", "07", ("NOR", "MLI")),
])
def test_a_force_sent_without_a_by_agent_stands_for_its_sender(code_text: Coder, text: str, root: str,
                                                                 pair: tuple) -> None:
    event = next(e for e in code_text(text).events if e.root == root)
    assert (event.source.country, event.target.country if event.target else None) == pair


def test_agentless_passive_of_nobody_known_is_not_coded(code_text: Coder) -> None:
    assert not code_text("The old bridge was destroyed on Monday.").events


def test_negated_action_is_kept_but_marked(code_text: Coder) -> None:
    doc = code_text("Denmark did not attack Sweden.")
    assert doc.events and all(e.negated for e in doc.events)
    assert not happened(doc)


@pytest.mark.parametrize("text", [
    "Denmark refused to meet the American delegation.",
    "Denmark declined to hold talks with the American delegation.",
    "Denmark will not meet the American delegation.",
])
def test_a_refused_act_is_one_record_the_refusal(code_text: Coder, text: str) -> None:
    doc = code_text(text)
    first = main_event(doc)
    assert (first.root, first.source.country, first.target.country) == ("12", "DNK", "USA")
    assert len(doc.events) == 1, [e.cameo for e in doc.events]


def test_future_refusal_of_cooperation_is_a_rejection(code_text: Coder) -> None:
    event = main_event(code_text("Bangladesh will not accept more refugees."))
    assert event.plover == "REJECT"


def test_compound_actors_give_one_event_per_actor(code_text: Coder) -> None:
    doc = code_text("Sweden and Norway condemned Russia.")
    pairs = {(e.source.country, e.target.country) for e in happened(doc) if e.root == "11"}
    assert pairs == {("SWE", "RUS"), ("NOR", "RUS")}


def test_reciprocal_meeting_among_compound_actors(code_text: Coder) -> None:
    doc = code_text("U.S., Danish and Greenlandic officials met in Washington on Wednesday.")
    pairs = {(e.source.country, e.target.country) for e in happened(doc) if e.root == "04"}
    assert ("USA", "DNK") in pairs and ("DNK", "GRL") in pairs and ("GRL", "USA") in pairs


def test_metonyms_stand_for_their_governments(code_text: Coder) -> None:
    event = main_event(code_text("Washington threatened Copenhagen."))
    assert (event.source.country, event.target.country) == ("USA", "DNK")
    assert event.root == "13"


def test_reported_speech_codes_the_reported_action_and_the_statement(code_text: Coder) -> None:
    doc = code_text("Denmark said the United States attacked Greenland.")
    first, last = doc.events[0], doc.events[-1]
    assert (first.root, first.source.country, first.target.country) == ("19", "USA", "GRL")
    assert first.reported_by is not None and first.reported_by.country == "DNK"
    assert (last.cameo, last.plover, last.source.country) == ("010", "", "DNK")


def test_according_to_marks_the_reporter(code_text: Coder) -> None:
    event = main_event(code_text("According to Danish officials, Russia attacked the ship."))
    assert event.source.country == "RUS"
    assert event.reported_by is not None and event.reported_by.country == "DNK"


def test_pronoun_in_reported_speech_is_the_speaker(code_text: Coder) -> None:
    event = main_event(code_text("Sweden said it would send aircraft to Finland."))
    assert event.source.country == "SWE"
    assert event.intent


def test_must_in_reported_speech_is_a_demand(code_text: Coder) -> None:
    event = main_event(code_text("Denmark said the United States must withdraw its troops."))
    assert (event.root, event.source.country, event.target.country) == ("10", "DNK", "USA")


def test_will_marks_an_intent(code_text: Coder) -> None:
    event = main_event(code_text("Sweden will send troops to Greenland."))
    assert event.intent
    assert (event.root, event.plover) == ("03", "AGREE")


@pytest.mark.parametrize(
    ("text", "root", "plover"),
    [
        ("Norway agreed to send troops to Greenland.", "03", "AGREE"),
        ("The United States threatened to impose sanctions on Denmark.", "13", "THREATEN"),
        ("Iran vowed to attack Israel.", "13", "THREATEN"),
        ("France urged Russia to release the journalists.", "02", "REQUEST"),
        ("Germany promised to provide weapons to Ukraine.", "03", "AGREE"),
        ("Germany decided to provide weapons to Ukraine.", "07", "AID"),  # a decision is the act
    ],
)
def test_control_verbs_code_the_embedded_action_with_the_matrix_subject(
    code_text: Coder, text: str, root: str, plover: str
) -> None:
    event = main_event(code_text(text))
    assert (event.root, event.plover) == (root, plover)
    assert event.source.country in {"NOR", "USA", "IRN", "FRA", "DEU"}


def test_claiming_an_attack_is_claiming_responsibility(code_text: Coder) -> None:
    doc = code_text("The rebels claimed that they had attacked the airport in Abha.")
    assert doc.events[0].cameo == "015"
    assert any(e.root == "19" for e in doc.events)


def test_failing_to_agree_is_a_rejection(code_text: Coder) -> None:
    event = main_event(code_text("Britain and the European Union failed to reach a deal on fishing rights."))
    assert event.plover == "REJECT"


def test_declining_to_comment_is_not_a_rejection(code_text: Coder) -> None:
    event = main_event(code_text("The Danish government declined to comment on the report."))
    assert event.cameo == "011"


def test_light_verb_and_event_noun(code_text: Coder) -> None:
    event = main_event(code_text("Russia launched an attack on Ukraine."))
    assert (event.root, event.source.country, event.target.country) == ("19", "RUS", "UKR")


def test_nominal_events_take_their_actors_from_the_noun_phrase(code_text: Coder) -> None:
    doc = code_text("Talks between Denmark and the United States resumed on Monday.")
    pairs = {(e.source.country, e.target.country if e.target else None) for e in happened(doc)}
    assert pairs == {("DNK", "USA"), ("USA", "DNK")}
    event = main_event(code_text("The deployment of NATO troops to Kosovo began in June."))
    assert event.root == "07" and event.source.org


def test_hypotheticals_are_not_coded(code_text: Coder) -> None:
    assert not code_text("Russia could attack Finland.").events
    conditional = code_text("If Russia attacks Finland, NATO will respond.")
    assert not [e for e in conditional.events if e.root == "19"]


def test_unknown_verb_yields_no_event(code_text: Coder) -> None:
    assert not code_text("Denmark painted the old lighthouse in Nuuk.").events


def test_statements_come_after_the_main_action(code_text: Coder) -> None:
    doc = code_text("Iraqi troops attacked the town, the defence ministry said.")
    assert doc.events[0].root == "19"
    assert doc.events[-1].root == "01"


def test_events_point_back_to_their_sentence(code_text: Coder) -> None:
    doc = code_text("Talks ended on Monday. Denmark rejected the US proposal.")
    event = main_event(doc)
    assert event.sentence_index == 1
    assert event.sentence == "Denmark rejected the US proposal."


@pytest.mark.parametrize(("text", "root", "pair"), [
    ("Two Estonian journalists, who were arrested by Russian police in March, went on trial.", "17", ("RUS", "EST")),
    ("Finland protested after Denmark vetoed the Swedish resolution.", "12", ("DNK", "SWE")),
    ("Three Palestinian men killed by Israeli soldiers were buried on Friday.", "19", ("ISR", "PSE")),
])
def test_events_in_relative_participle_and_background_clauses(code_text: Coder, text: str, root: str,
                                                              pair: tuple) -> None:
    doc = code_text(text)
    found = {(e.source.country, e.target.country if e.target else None) for e in happened(doc) if e.root == root}
    assert pair in found, [(e.cameo, e.source.code, e.target and e.target.code) for e in doc.events]


@pytest.mark.parametrize("text", [
    "Norway sent troops to Lapland to stop the Swedish smugglers who attacked the border post.",
    "If Sweden attacks the Norwegian border post that guards the fjord, Denmark may respond.",
])
def test_nothing_under_a_hypothetical_or_purpose_clause(code_text: Coder, text: str) -> None:
    assert all(e.root != "19" for e in happened(code_text(text)))


def test_a_force_sent_is_not_the_target(code_text: Coder) -> None:
    event = main_event(code_text("Norway sent 300 troops to Lapland."))
    assert event.target is None


def test_gapping_gives_one_event_per_pair(code_text: Coder) -> None:
    doc = code_text("Denmark pledged 300 engineers, Norway 150.")
    sources = {e.source.country for e in happened(doc) if e.root == "03"}
    assert sources == {"DNK", "NOR"}
    assert all(e.target is None for e in happened(doc))  # the engineers are no target


@pytest.mark.parametrize(("text", "root"), [
    ("Danish police used water cannon against the protesters.", "17"),
    ("Norwegian workers staged a walkout at the port of Oslo.", "14"),
    ("Norwegian troops opened fire on Swedish smugglers.", "19"),
    ("Palestinian police deployed hundreds of men in Hebron.", "15"),
    ("Finnish peacekeepers were deployed to Lebanon by the United Nations.", "07"),
])
def test_the_object_picks_the_sense(code_text: Coder, text: str, root: str) -> None:
    assert main_event(code_text(text)).root == root


@pytest.mark.parametrize("text", [
    "Oil prices reached a record high on Monday.",
    "A powerful earthquake killed 300 Turkish villagers.",
    "The coronavirus killed 40 Italian doctors last month.",
    "Danish officials called the storm a disaster.",
])
def test_non_political_doers_and_statistics_code_nothing(code_text: Coder, text: str) -> None:
    assert not happened(code_text(text)), [(e.cameo, e.trigger) for e in code_text(text).events]


def test_a_gerund_after_a_topic_preposition_is_no_event(code_text: Coder) -> None:
    doc = code_text("Sweden is skeptical about Norwegian motives in providing aid to Finland.")
    assert not [e for e in happened(doc) if e.root == "07"]


@pytest.mark.parametrize(("text", "root"), [
    ("The Danish prosecutor seeks the release of the Swedish sailors.", "02"),
    ("Denmark seeks to expand trade with Sweden.", None),
])
def test_seeking_a_thing_is_a_request_seeking_to_act_is_trying(code_text: Coder, text: str, root: str | None) -> None:
    roots = [e.root for e in happened(code_text(text))]
    assert (roots[0] == root) if root else "02" not in roots


@pytest.mark.parametrize(("text", "pair"), [
    ("Norway is set to meet Sweden next week.", ("NOR", "SWE")),
    ("The Norwegian prime minister is expected to visit Sweden on Monday.", ("NOR", "SWE")),
    ("Norway and Denmark are due to sign a fisheries agreement on Tuesday.", ("NOR", "DNK")),
])
def test_a_scheduled_act_is_an_intent_of_its_subject(code_text: Coder, text: str, pair: tuple) -> None:
    events = [e for e in code_text(text).events if e.root == "03"]
    assert pair in {(e.source.country, e.target.country if e.target else None) for e in events}
    assert all(e.intent for e in events)


def test_a_scheduled_reciprocal_act_pairs_its_subjects(code_text: Coder) -> None:
    doc = code_text("Norway and Sweden are scheduled to hold talks on Friday.")
    assert {(e.source.country, e.target.country) for e in doc.events if e.root == "03"} == {
        ("NOR", "SWE"), ("SWE", "NOR")}


def test_a_hyphenated_infinitive_is_one_intended_act(code_text: Coder) -> None:
    doc = code_text("Ethiopia agreed to re-open its borders to Somali refugees.")
    assert [(e.root, e.intent) for e in doc.events] == [("03", True)]


# -- the record every rule adds to (no model: hand-built verbs, the packaged tables) --------


def _findings_and_verb(words: list[str], deps: list[str]) -> tuple[Findings, Token]:
    resources = Resources()
    doc = Doc(English().vocab, words=words, heads=[1] * len(words), deps=deps)
    record = Findings(cameo=resources.get(cameo.cameo_table), codes=resources.get(cameo.code_sets))
    return record, doc[1]


def _action(verb: Token, code: str, mood: Mood, **extra: bool) -> Action:
    denmark = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")
    sweden = Actor(text="Sweden", name="Sweden", code="SWE", country="SWE")
    return Action(code=code, words=[verb], sources=[denmark], targets=[sweden], ctx=Context(), mood=mood,
                  verb=verb, **extra)


def test_the_record_reads_a_future_action_as_an_intent() -> None:
    record, verb = _findings_and_verb(["Denmark", "will", "withdraw"], ["nsubj", "ROOT", "aux"])
    record.add(_action(verb, "0874", Mood.FUTURE))
    assert [(f.code, f.intent, f.negated) for f in record.found] == [("0356", True, False)]


def test_the_record_keeps_a_refused_cooperation_as_one_rejection() -> None:
    record, verb = _findings_and_verb(["Denmark", "will", "not", "accept"], ["nsubj", "ROOT", "aux", "neg"])
    record.add(_action(verb, "0874", Mood.FUTURE))
    assert len(record.found) == 1 and record.found[0].code.startswith("12") and not record.found[0].negated


def test_the_record_drops_an_obligation_nobody_states() -> None:
    record, verb = _findings_and_verb(["Denmark", "must", "withdraw"], ["nsubj", "ROOT", "aux"])
    record.add(_action(verb, "0874", Mood.OBLIGATION))
    record.add(_action(verb, "010", Mood.OBLIGATION, statement=True))
    assert [f.code for f in record.found] == ["010"]


@pytest.mark.parametrize(("text", "root"), [
    ("Norway was to meet Sweden on Monday.", "03"),  # "be to": a plan
    ("Norway is committed to meeting Sweden.", "03"),  # "committed to" + gerund
    ("The Swedish foreign minister criticised Denmark's verbal attacks on Norway.", "11"),
    ("Danish journalists were attacked by protesters in Oslo.", "18"),  # not armed forces
])
def test_issue_11_constructions(code_text: Coder, text: str, root: str) -> None:
    roots = [e.root for e in happened(code_text(text))]
    assert root in roots, [(e.cameo, e.trigger) for e in code_text(text).events]


def test_a_plan_needs_a_known_doer(code_text: Coder) -> None:
    """"The aim was to meet Sweden" is nobody's plan."""
    assert not [e for e in code_text("The aim was to meet Sweden.").events if e.root == "03"]


def test_shot_back_that_is_a_retort_not_a_shooting(code_text: Coder) -> None:
    roots = [e.root for e in code_text("Norway shot back that Sweden had lied.").events]
    assert "19" not in roots and roots, roots


@pytest.mark.parametrize("text", [
    "Norwegian troops backed by Swedish soldiers detained ten suspects.",
    "Swedish helicopters supported the Norwegian offensive in the north.",
])
def test_backing_in_a_military_operation_is_not_political_support(code_text: Callable[..., Document],
                                                                  text: str) -> None:
    assert not [e for e in code_text(text).events if e.root == "05"]


def test_backing_a_government_is_support(code_text: Callable[..., Document]) -> None:
    assert main_event(code_text("Norway backed the Swedish government.")).root == "05"


@pytest.mark.parametrize(("text", "root"), [
    ("Norway announced it planned to join the European Union.", "03"),
    ("Finland joined the alliance in 2023.", "05"),
])
def test_joining_a_body_is_an_agreement(code_text: Callable[..., Document], text: str, root: str) -> None:
    assert main_event(code_text(text)).root == root


@pytest.mark.parametrize(("text", "root"), [
    ("The Swedish government does not want to compromise with the rebels.", "12"),
    ("Norway is not ready to accept the Danish proposal.", "12"),
    ("Finland was not willing to meet the Swedish delegation.", "12"),
])
def test_a_denied_will_to_cooperate_is_one_rejection(code_text: Coder, text: str, root: str) -> None:
    """"X does not want / is not ready to Y": one record, the rejection of Y, and no
    negated intent beside it."""
    events = code_text(text).events
    assert [e.root for e in events] == [root], [(e.cameo, e.trigger, e.negated) for e in events]


def test_count_on_someone_to_act_is_an_appeal(code_text: Coder) -> None:
    event = main_event(code_text("Denmark counts on Sweden to show restraint."))
    assert event.root == "02" and event.target is not None and event.target.country == "SWE"


def test_indicating_readiness_reports_an_intent(code_text: Coder) -> None:
    """"X indicated they were prepared to meet": "indicate" reports what it shows."""
    roots = [e.root for e in code_text("Norway and Sweden indicated they were prepared to meet.").events]
    assert "03" in roots, roots


@pytest.mark.parametrize("text", [
    "Oslo said there was no evidence that Sweden attacked the convoy.",
    "There is no sign the Danish troops shelled the village.",
])
def test_a_clause_on_a_denied_noun_did_not_happen(code_text: Coder, text: str) -> None:
    """"no evidence that X attacked": the clause tells what is denied, not what happened."""
    roots = [e.root for e in code_text(text).events if not e.negated]
    assert "19" not in roots and "18" not in roots, roots


def test_a_meeting_that_acts_stands_for_its_parties(code_text: Coder) -> None:
    """"Talks between A and B agreed to X": A and B agreed, and the talks were held."""
    events = code_text("Talks between Norway and Sweden agreed to open the border.").events
    pairs = {(e.root, e.source.country, e.target.country if e.target else None) for e in events}
    assert ("03", "NOR", "SWE") in pairs and ("04", "NOR", "SWE") in pairs, pairs


def test_a_negated_timetable_is_no_refusal(code_text: Coder) -> None:
    """"X is not slated to arrive before May" says when, not that X refuses."""
    events = code_text("The Swedish monitors are not slated to start arriving in Norway before May.").events
    assert not [e for e in events if e.root == "12"], [(e.cameo, e.trigger) for e in events]


def test_an_event_noun_that_acts_stands_for_those_it_is_by(code_text: Coder) -> None:
    """"the calls by Danish officials asking Sweden to X": Denmark asks Sweden."""
    events = code_text("Norway backed the calls by Danish officials asking Sweden to reopen the border.").events
    pairs = {(e.root, e.source.country, e.target.country if e.target else None) for e in events}
    assert ("02", "DNK", "SWE") in pairs, pairs


def test_being_opposed_to_is_opposing(code_text: Coder) -> None:
    """"X is opposed to Y" is a stance X holds, not something done to X by someone."""
    event = main_event(code_text("Norway is opposed to the Swedish plan."))
    assert (event.root, event.source.country, event.target.country if event.target else None) == ("11", "NOR", "SWE")


def test_a_finite_act_conjoined_to_an_appeal_is_coded_on_its_own(code_text: Coder) -> None:
    doc = code_text("The French foreign minister urged the court to reconsider and spoke with the German "
                    "chancellor about the case.")
    assert ("040", "FRA", "DEU") in {(e.cameo, e.source.country, e.target and e.target.country) for e in doc.events}


def test_an_appeal_in_the_passive_is_made_by_someone_unnamed(code_text: Coder) -> None:
    """"Norway was urged to withdraw its troops": an appeal to Norway, by nobody named."""
    events = [e for e in code_text("Norway was urged to withdraw its troops.").events if e.root == "02"]
    assert events and events[0].source.code == "" and events[0].target is not None
    assert events[0].target.country == "NOR"


def test_two_leaders_the_parser_hung_in_one_name_meet_each_other(code_text: Coder) -> None:
    text = "On October 6, US President Donald Trump and Turkish President Recep Tayyip Erdogan spoke on the phone."
    pairs = {(e.source.country, e.target.country if e.target else None) for e in code_text(text).events
             if e.root == "04"}
    assert ("USA", "TUR") in pairs or ("TUR", "USA") in pairs, pairs
