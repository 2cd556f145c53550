"""Statements that are acts: coded as the act, with the target found in what was said."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitrep.models import Document, Event

pytestmark = pytest.mark.model

Coder = Callable[..., Document]


def acts(doc: Document) -> list[Event]:
    return [e for e in doc.events if not e.negated and e.cameo != "010"]


@pytest.mark.parametrize(("text", "root", "target"), [
    ("Finland alleged that Russia had hidden the missiles.", "11", "RUS"),
    ("Sweden accused Norway of spying on its embassy.", "11", "NOR"),
    ("Denmark expressed concern over the fighting in Sudan.", "01", "SDN"),
    ("Norway praised Sweden for its restraint.", "05", "SWE"),
    ("Finland threatened Russia with sanctions.", "13", "RUS"),
    ("Estonia demanded that Russia release the fishermen.", "10", "RUS"),
    ("Latvia urged Lithuania to reopen the border.", "02", "LTU"),
    ("Erdogan named the Kurdish militants as terrorists.", "11", "TUR"),
    ("Iraq characterized the American strike as a violation of its sovereignty.", "11", "USA"),
])
def test_the_act_is_coded_with_its_target(code_text: Coder, text: str, root: str, target: str) -> None:
    found = [e for e in acts(code_text(text)) if e.root == root]
    assert found, [(e.cameo, e.trigger) for e in code_text(text).events]
    assert found[0].target is not None and found[0].target.country == target


def test_a_bare_statement_stays_a_statement(code_text: Coder) -> None:
    doc = code_text("The Danish foreign minister said the weather in Copenhagen was cold.")
    assert [e.cameo for e in doc.events] == ["010"]


def test_a_wish_about_another_actor_is_a_request_not_an_intent(code_text: Coder) -> None:
    event = acts(code_text("Norway expects Sweden to lift the ban."))[0]
    assert (event.root, event.target.country, event.intent) == ("02", "SWE", False)


def test_a_weapon_leads_to_whoever_used_it(code_text: Coder) -> None:
    doc = code_text("Israeli soldiers were hurt by stones thrown by Palestinian youths.")
    event = acts(doc)[0]
    assert (event.source.country, event.target.country) == ("PSE", "ISR")
    assert len(acts(doc)) == 1


def test_conceding_that_is_saying_not_yielding(code_text: Coder) -> None:
    doc = code_text("The Swedish minister conceded that the talks with Norway were difficult.")
    assert not [e for e in doc.events if e.root == "08"]


@pytest.mark.parametrize(("text", "cameo"), [
    ("Germany banned the Iranian airline from its airports.", "163"),
    ("The Iranian government banned public gatherings in Tehran.", "1721"),
])
def test_restrictions_abroad_are_sanctions_at_home_administrative(code_text: Coder, text: str, cameo: str) -> None:
    assert acts(code_text(text))[0].cameo == cameo


def test_the_content_of_a_demand_is_not_coded_on_its_own(code_text: Coder) -> None:
    doc = code_text("Sweden reiterated its demand that Norway quit the talks.")
    assert [e.root for e in acts(doc)] == ["10"]


def test_a_condemned_event_targets_whoever_the_article_says_did_it(code_text: Coder) -> None:
    doc = code_text("Turkish jets bombed Kurdish villages in Syria on Monday. Syria condemned the attack on Tuesday.")
    event = next(e for e in doc.events if e.root == "11")
    assert (event.source.country, event.target.country) == ("SYR", "TUR")


def test_a_condemned_event_with_no_known_doer_has_no_target(code_text: Coder) -> None:
    event = next(e for e in code_text("Syria condemned the attack on Tuesday.").events if e.root == "11")
    assert event.target is None


@pytest.mark.parametrize(("text", "claimed"), [
    ("The Norwegian army said it had shelled the Swedish positions.", True),
    ("The Norwegian army said it would shell the Swedish positions.", False),
    ("The Norwegian army said it did not shell the Swedish positions.", False),
    ("The Norwegian army said it had met the Swedish delegation.", False),
    ("Norwegian officials admitted their army had shelled the Swedish positions.", True),
    ("Norwegian officials said the Swedish army had shelled the positions.", False),
])
def test_saying_one_used_force_claims_it(code_text: Coder, text: str, claimed: bool) -> None:
    """"X said it had attacked Y" claims responsibility (015); a threat, a denial or a
    peaceful act said of oneself claims nothing."""
    codes = [e.cameo for e in code_text(text).events]
    assert ("015" in codes) == claimed, codes


@pytest.mark.parametrize(("text", "root"), [
    ("Sweden called for an emergency summit. The call was quickly seconded by Denmark.", "05"),
    ("Finland urged Norway to reopen the border. Norway declined the request.", "12"),
])
def test_a_reaction_to_an_earlier_appeal_targets_its_maker(code_text: Coder, text: str, root: str) -> None:
    """"the call was seconded", "declined the request": the article says who made it."""
    found = [e for e in code_text(text).events if e.root == root]
    assert found and found[0].target is not None, [(e.cameo, e.trigger) for e in code_text(text).events]
    assert found[0].target.country == ("SWE" if root == "05" else "FIN")


def test_reporting_an_attack_is_not_attacking(code_text: Coder) -> None:
    """"The agency reported the attack": the attack is news, not the reporter's deed."""
    events = code_text("The Norwegian news agency NTB reported the attack on the Swedish embassy.").events
    assert not [e for e in events if e.root in ("18", "19") and e.source.country == "NOR"], \
        [(e.cameo, e.trigger, e.source.code) for e in events]


def test_announcing_airstrikes_is_the_speakers_act(code_text: Coder) -> None:
    roots = [e.root for e in code_text("The Norwegian army announced airstrikes on Swedish positions.").events]
    assert "19" in roots, roots


@pytest.mark.parametrize("text", [
    "Norway hopes that Sweden will withdraw its troops from the border.",
    "Norway said it hoped Sweden would release the fishermen.",
])
def test_a_hope_about_another_is_a_request_of_them(code_text: Coder, text: str) -> None:
    """A hope by a speaker is not the intent of the actor it mentions: "Norway hopes
    Sweden will withdraw" is Norway asking Sweden (02), not Sweden's plan."""
    events = [e for e in code_text(text).events if e.cameo != "010"]
    assert [(e.root, e.source.country, e.target.country if e.target else None) for e in events] == [
        ("02", "NOR", "SWE")], [(e.cameo, e.trigger) for e in events]


def test_a_hope_about_nobodys_act_is_a_comment(code_text: Coder) -> None:
    events = code_text("Norway hopes the weather will improve.").events
    assert [(e.cameo, e.intent) for e in events] == [("013", False)]


def test_condemning_the_operation_targets_the_earlier_attacker(code_text: Coder) -> None:
    """"the operation" after an offensive is that military operation: its doer is the target."""
    text = "On Monday, Norway began a military offensive with airstrikes. The operation was condemned by Denmark."
    found = [e for e in code_text(text).events if e.root == "11"]
    assert found and found[0].target is not None and found[0].target.country == "NOR"


def test_condemning_the_attack_targets_the_latest_violent_doer_not_a_later_protest(code_text: Coder) -> None:
    """A protest between the airstrike and the reaction is force too, but "the attack" is violent."""
    text = ("Norway killed a Swedish general in an airstrike last week. Danish students protested on Monday. "
            "The Swedish foreign ministry condemned the attack.")
    found = [e for e in code_text(text).events if e.root == "11"]
    assert found and found[0].target is not None and found[0].target.country == "NOR", found


def test_a_reaction_never_targets_the_reactors_own_country(code_text: Coder) -> None:
    """"Norway denied the accusation" after a Norwegian accusation is not aimed at Norway."""
    text = "The Norwegian government accused Swedish rebels of smuggling. Norway later denied the accusation."
    events = [e for e in code_text(text).events if e.sentence_index == 1]
    assert not [e for e in events if e.target is not None and e.target.country == "NOR"], \
        [(e.cameo, e.target.code if e.target else None) for e in events]


@pytest.mark.parametrize(("text", "accused"), [
    ("The Danish minister said Hamas was behind the bombing.", True),
    ("Swedish police said Hamas was responsible for the attack.", True),
    ("The Danish minister said Hamas was not behind the bombing.", False),
    ("The Danish minister said the Swedish police was responsible for security.", False),
    ("The Danish minister said the bombing was the work of Hamas.", True),
    ("The Danish minister said the explosion was Hamas's doing.", True),
    ("The Danish minister said the new budget was the work of Hamas.", False),
])
def test_naming_the_doer_of_a_deed_accuses_them(code_text: Coder, text: str, accused: bool) -> None:
    found = [e for e in code_text(text).events if e.cameo == "112"]
    assert bool(found) == accused, [(e.cameo, e.trigger) for e in code_text(text).events]
    assert not found or found[0].target is not None and found[0].target.country == "PSE"


@pytest.mark.parametrize(("text", "target"), [
    ("The Kenyan government claimed that Uganda had attacked its border posts.", "UGA"),
    ("The Kenyan opposition claimed the rioters were paid by the Ugandan government.", "UGA"),
    ("The Kenyan government claimed that Uganda had released the prisoners.", None),
])
def test_a_claim_about_anothers_deed_accuses_them(code_text: Coder, text: str, target: str | None) -> None:
    found = [e for e in code_text(text).events if e.cameo == "112"]
    assert [e.target.country for e in found if e.target] == ([target] if target else []), \
        [(e.cameo, e.trigger) for e in code_text(text).events]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ('The Danish foreign minister said the crash was "likely" Norway\'s doing.', "NOR"),
        # a passive "were involved in" the protests, by forces the text does not name
        ("The Danish foreign minister said unspecified foreign security forces were involved in the protests.", None),
    ],
)
def test_saying_someone_did_a_deed_accuses_them(code_text: Coder, text: str, target: str | None) -> None:
    accusations = [e for e in code_text(text).events if e.root == "11"]
    assert accusations and accusations[0].source.country == "DNK"
    assert (accusations[0].target.country if accusations[0].target else None) == target
