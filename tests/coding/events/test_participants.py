"""Sources and targets around a trigger: fallbacks, placed roles, what is given."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.coding.events.participants import is_rich, locate, resolved, unresolved
from sitrep.models import Actor, Document

pytestmark = pytest.mark.model

Coder = Callable[..., Document]


def test_locate_gives_a_role_its_country() -> None:
    troops = Actor(text="forces", name="military", code="MIL", agent="MIL")
    guinea = Actor(text="Guinea", name="Guinea", code="GIN", country="GIN")
    placed = locate(troops, guinea)
    assert (placed.code, placed.country, placed.agent) == ("GINMIL", "GIN", "MIL")
    assert is_rich(placed) and not is_rich(troops)


def test_unresolved_subject_keeps_its_words(nlp) -> None:
    doc = nlp("A car bomb killed three soldiers.")
    actor = unresolved(doc[2])
    assert (actor.text, actor.code, actor.country) == ("car bomb", "", None)
    assert not resolved(actor)


def test_unknown_subject_still_records_the_action(code_text: Coder) -> None:
    event = code_text("A car bomb killed three Iraqi soldiers.").events[0]
    assert event.source.code == "" and event.source.text == "car bomb"
    assert event.target is not None and event.target.country == "IRQ"


def test_role_placed_by_its_phrase(code_text: Coder) -> None:
    event = code_text("Security forces in Guinea tortured Liberian refugees.").events[0]
    assert event.source.country == "GIN"
    assert event.target is not None and event.target.country == "LBR"


def test_what_is_sent_is_not_the_recipient(code_text: Coder) -> None:
    events = code_text("France would deploy a detachment of mountain troops to Estonia.").events
    assert events and all(e.target is None or e.target.country == "EST" for e in events)


def test_statements_need_a_resolved_speaker(code_text: Coder) -> None:
    assert not [e for e in code_text("Witnesses said the market was crowded.").events if e.root == "01"]


def test_a_common_noun_acting_on_nobody_known_is_not_coded(code_text: Coder) -> None:
    assert not code_text("My phone started to blow up when I got home.").events


def test_a_name_we_cannot_resolve_still_acts(code_text: Coder) -> None:
    event = code_text("Papandreou agreed to resign after the referendum plan failed.").events[0]
    assert event.source.text == "Papandreou" and event.source.code == ""


def test_possessions_of_the_speaker_in_reported_speech(code_text: Coder) -> None:
    event = code_text("Bosnian Serbs said their forces had completed their withdrawal from Gorazde.").events[0]
    assert event.source.country == "BIH" and event.reported_by is not None


def test_a_leader_acting_on_his_own_country_targets_the_partner(code_text: Coder) -> None:
    events = code_text("In 2018 US President Donald Trump withdrew the US from a nuclear treaty with Iran.").events
    assert events and all(e.target is not None and e.target.country == "IRN" for e in events)


def test_a_conjoined_name_placed_by_its_own_phrase_acts_too(code_text: Coder) -> None:
    events = code_text("At the summit Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin "
                       "signed the trade agreement.", date="2019-07-08").events
    assert {e.source.country for e in events if e.root == "05"} >= {"NGA", "BEN"}
    undated = code_text("Presidents Buhari of Nigeria and Talon of Benin signed the trade agreement.").events
    assert {e.source.country for e in undated if e.root == "05"} >= {"NGA", "BEN"}


def test_a_partner_in_talks_beats_the_place_of_the_topic(code_text: Coder) -> None:
    events = [e for e in code_text("The Kenyan president discussed the crisis in Somalia in talks with "
                                   "the German chancellor.").events if e.root == "04"]
    assert events and all(e.target is not None and e.target.country == "DEU" for e in events)


def test_a_thing_owned_by_the_source_points_to_who_it_is_about(code_text: Coder) -> None:
    events = [e for e in code_text("The Chinese foreign minister voiced Beijing's anger at Japan's "
                                   "military build-up.").events if e.root == "11"]
    assert events and all(e.target is not None and e.target.country == "JPN" for e in events)


@pytest.mark.parametrize("text, source, target", [
    ("Hundreds of Moroccans protested in the capital on Sunday.", "MAR", "MAR"),
    ("Kenyan police arrested four men outside the stadium.", "KEN", "KEN"),
    ("The Peruvian government eased the curfew on Monday.", "PER", "PER"),
])
def test_an_action_done_at_home_is_against_the_doers_own_country(code_text: Coder, text: str, source: str,
                                                                  target: str) -> None:
    events = [e for e in code_text(text).events if not e.negated and e.cameo != "010"]
    assert events and (events[0].source.country, events[0].target and events[0].target.country) == (source,
                                                                                                    target)


def test_an_arrest_with_nobody_named_is_by_the_arrested_ones_own_country(code_text: Coder) -> None:
    events = [e for e in code_text("Twelve Chilean students were arrested on Friday.").events if e.root == "17"]
    assert events and events[0].source.country == "CHL" and events[0].target.country == "CHL"


def test_a_home_action_on_someone_else_keeps_its_target(code_text: Coder) -> None:
    events = [e for e in code_text("Kenyan police arrested two Ugandan soldiers.").events if e.root == "17"]
    assert events and events[0].target is not None and events[0].target.country == "UGA"


def test_the_counterpart_named_inside_a_thing(code_text: Coder) -> None:
    events = [e for e in code_text("Canada imposed restrictions on trade with Venezuela.").events
              if e.root in ("16", "17")]
    assert events and all(e.target is not None and e.target.country == "VEN" for e in events)


def test_a_causative_acts_on_its_clauses_subject(code_text: Coder) -> None:
    events = [e for e in code_text("The Turkish government agreed to let Syrian refugees stay in Istanbul.").events
              if e.root == "03"]
    assert events and events[0].target is not None and events[0].target.country == "SYR"


def test_a_time_phrase_does_not_cut_an_offer_from_its_content(code_text: Coder) -> None:
    events = [e for e in code_text("Obama offered for the first time to meet Putin.").events if e.root == "03"]
    assert events and events[0].target is not None and events[0].target.country == "RUS"


def test_a_passive_adjunct_targets_the_subject_it_hangs_on(code_text: Coder) -> None:
    events = [e for e in code_text("Three Egyptian reporters were hurt after being attacked by Israeli "
                                   "soldiers.").events if e.trigger == "attacked"]
    assert events and events[0].source.country == "ISR"
    assert events[0].target is not None and events[0].target.country == "EGY"


def test_a_participle_on_an_event_noun_acts_for_its_by_doer(code_text: Coder) -> None:
    events = [e for e in code_text("The president backed the appeals by Danish officials urging Norway to "
                                   "release the sailors.").events if e.trigger.startswith("urging")]
    assert events and events[0].source.country == "DNK"


def test_a_possessive_pronoun_gives_its_owners_country(code_text: Coder) -> None:
    events = [e for e in code_text("Maduro was in Havana, and his associates accused Colombia of "
                                   "spying.").events if e.root == "11"]
    assert events and events[0].source.country == "VEN" and events[0].target.country == "COL"
    partners = [e for e in code_text("Peru welcomed the plan, while its partners rejected Chile's "
                                     "offer.").events if e.root == "12"]
    assert all(e.source.country != "PER" for e in partners)


def test_rebels_with_nobody_else_named_act_against_their_own_country(code_text: Coder) -> None:
    events = [e for e in code_text("Colombian rebels began fighting in the mountains in 1964.").events
              if e.root == "19"]
    assert events and events[0].target is not None and events[0].target.country == "COL"
    soldiers = [e for e in code_text("Colombian soldiers fought in the mountains.").events if e.root == "19"]
    # not by the home rule (only rebels, opposition and crowds), but by the theatre stage: their
    # fight lands on the country they fought in, with no words of the sentence as its text
    assert soldiers and all(e.target is not None and e.target.text == "" for e in soldiers)


def test_opposed_to_is_the_subjects_own_stance(code_text: Coder) -> None:
    events = [e for e in code_text("The envoy said Japan was opposed to China's naval build-up.").events
              if e.root == "11"]
    assert events and events[0].source.country == "JPN"
    assert events[0].target is not None and events[0].target.country == "CHN"


def test_an_unnamed_doer_is_dropped_when_the_same_act_names_its_doer(code_text: Coder) -> None:
    events = [e for e in code_text("Four Chilean nurses were injured after being attacked by Peruvian "
                                   "soldiers.").events if e.root in ("18", "19")]
    assert events and all(e.source.country == "PER" for e in events)


def test_a_pronoun_subject_of_a_hung_clause_stands_for_the_hosts_subject(code_text: Coder) -> None:
    events = [e for e in code_text("Sweden and Norway stayed out of the talks, although both have criticized "
                                   "Russia for the war.").events if e.root == "11"]
    assert {e.source.country for e in events} == {"SWE", "NOR"}


def test_an_event_noun_subject_acts_for_the_parties_between_which_it_is(code_text: Coder) -> None:
    events = [e for e in code_text("The meeting between the Nepali government and the UN agreed to deploy "
                                   "Indian soldiers.").events if e.root == "03"]
    assert events and events[0].source.country == "NPL"


def test_a_causative_with_an_unknown_subject_targets_its_clauses_object(code_text: Coder) -> None:
    events = [e for e in code_text("The Hungarian government agreed to let the travellers enter "
                                   "Austria.").events if e.root == "03"]
    assert events and events[0].target is not None and events[0].target.country == "AUT"


def test_a_thing_belonging_to_someone_is_theirs(code_text: Coder) -> None:
    events = [e for e in code_text("Gunmen attacked a pipeline belonging to Nigeria's state oil "
                                   "company.").events if e.root in ("18", "19")]
    assert events and events[0].target is not None and events[0].target.country == "NGA"


def test_a_pronoun_that_could_be_the_hosts_object_is_left_alone(code_text: Coder) -> None:
    ambiguous = code_text("Chilean police detained the Bolivian miners, and both have criticized Peru.")
    assert not [e for e in ambiguous.events if e.root == "11"]  # the police or the miners?
    plain = code_text("Chilean police detained the Bolivian miner, and both have criticized Peru.")
    assert [e.source.country for e in plain.events if e.root == "11"] == ["CHL"]


def test_a_meeting_abroad_with_nobody_named_is_with_its_host(code_text: Coder) -> None:
    events = [e for e in code_text("Kenya's foreign minister held talks in Kampala on Monday.").events
              if e.root == "04"]
    assert events and events[0].target is not None and events[0].target.country == "UGA"
    assert not [e for e in code_text("Kenyan officials held talks in Nairobi.").events if e.root == "04"]


def test_a_threat_of_a_domestic_measure_is_against_the_doers_own_country(code_text: Coder) -> None:
    events = [e for e in code_text("The Bolivian government threatened to impose a curfew.").events
              if e.root == "13"]
    assert events and events[0].target is not None and events[0].target.country == "BOL"


def test_a_pledge_to_ease_dissent_at_home_is_towards_the_doers_own_country(code_text: Coder) -> None:
    events = [e for e in code_text("Leaders of the Bolivian opposition agreed to postpone the "
                                   "demonstration.").events if e.root == "03"]
    assert events and events[0].target is not None and events[0].target.country == "BOL"


def test_a_refusal_conjoined_to_a_meeting_is_to_the_same_partner(code_text: Coder) -> None:
    doc = code_text("Japan has often met with China but has refused to hold formal talks.")
    refusal = next(e for e in doc.events if e.root == "12")
    assert refusal.source.code == "JPN" and refusal.target is not None and refusal.target.code == "CHN"


def test_a_plain_noun_stands_for_the_country_given_as_its_example(code_text: Coder) -> None:
    event = code_text("Britain has urged partners such as France to ban the group.").events[0]
    assert event.root == "02" and event.target is not None and event.target.code == "FRA"


def test_a_request_in_an_ing_clause_is_to_the_hosts_recipient(code_text: Coder) -> None:
    doc = code_text("Britain wrote to the French embassy asking it to lift the ban.")
    request = next(e for e in doc.events if e.root == "02")
    assert request.source.code == "GBR" and request.target is not None and request.target.country == "FRA"


def test_remarks_made_by_someone_are_theirs(code_text: Coder) -> None:
    event = code_text("Britain condemned remarks made by the Russian president.").events[0]
    assert event.root == "11" and event.target is not None and event.target.country == "RUS"


def test_the_parties_of_a_thing_named_with_of(code_text: Coder) -> None:
    events = code_text("Egypt denounced the memorandum of understanding between Chile and Peru.").events
    assert {e.target.code for e in events if e.root == "11" and e.target is not None} == {"CHL", "PER"}
