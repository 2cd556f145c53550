"""Lexicon matching: lemma slips, particles, object and subject cues, specificity."""

from __future__ import annotations

import pytest

from sitrep.coding.events.verbs import lexicon
from sitrep.resources import Resources

pytestmark = pytest.mark.model

match = Resources().get(lexicon).match


@pytest.mark.parametrize(
    ("text", "verb", "subject", "code"),
    [
        ("The European Union imposed sanctions on Iran.", 3, 2, "163"),
        ("The government imposed a curfew in the capital.", 2, 1, "1723"),
        ("The army lifted the curfew on Sunday.", 2, 1, "0813"),
        ("The union called off the strike.", 2, 1, "082"),
        ("The government called on the rebels to disarm.", 2, 1, "020"),
        ("Israel suspended humanitarian aid to Gaza because of the fighting.", 1, 0, "1623"),
        ("The United States returned the stolen painting to Italy.", 3, 2, "0842"),
        ("Teachers struck for higher pay.", 1, 0, "143"),
        ("Jets struck the airport.", 1, 0, "195"),
        ("Portugal handed control of the islands to Spain.", 1, 0, "0874"),
    ],
)
def test_most_specific_entry_wins(nlp, text: str, verb: int, subject: int, code: str) -> None:
    doc = nlp(text)
    entry = match(doc[verb], "V", doc[subject])
    assert entry is not None and entry.code == code


def test_unknown_verb_has_no_entry(nlp) -> None:
    assert match(nlp("Denmark painted the lighthouse.")[1], "V") is None


@pytest.mark.parametrize(
    ("text", "noun", "code"),
    [("The prisoners began a hunger strike.", 5, "142"), ("The army launched an air strike.", 5, "195"),
     ("The rebels signed a ceasefire.", 4, "0871"), ("Oslo announced new lockdown measures.", 4, "172")],
)
def test_event_nouns_use_their_modifiers(nlp, text: str, noun: int, code: str) -> None:
    assert match(nlp(text)[noun], "N").code == code


@pytest.mark.model
@pytest.mark.parametrize(("text", "root"), [
    ("Finland will not follow the Swedish example.", "12"),
    ("Danish police fired tear gas at the protesters.", "17"),
    ("The Norwegian opposition called a general strike for Monday.", "14"),
])
def test_object_cues_for_issue_11_senses(code_text, text: str, root: str) -> None:
    events = [e for e in code_text(text).events if not e.negated]
    assert events and events[0].root == root, [(e.cameo, e.trigger) for e in events]


@pytest.mark.model
@pytest.mark.parametrize(("text", "root"), [
    ("Danish soldiers and Norwegian police wounded two smugglers.", "19"),
    ("Norwegian police and Danish troops killed two smugglers.", "19"),
    ("The gang wounded two Danish tourists.", "18"),
    ("Two Danish men were killed by Swedish rubber bullets.", "19"),
    ("Three Danes were wounded by Swedish sniper fire.", "19"),
])
def test_armed_forces_that_kill_or_wound_fight(code_text, text: str, root: str) -> None:
    """Killing or wounding by soldiers is the use of military force (19), also when the
    soldiers are one conjunct of the subject; by anyone else it is an assault (18)."""
    events = [e for e in code_text(text).events if not e.negated]
    assert events and events[0].root == root, [(e.cameo, e.trigger) for e in events]


@pytest.mark.parametrize(
    ("text", "verb", "subject", "code"),
    [
        ("Norway walked away from the peace talks.", 1, 0, "164"),
        ("Sweden pulled out of the negotiations on Monday.", 1, 0, "164"),
        ("Finland pulled out of the trade agreement.", 1, 0, "127"),
    ],
)
def test_the_object_of_a_particle_is_a_cue(nlp, text: str, verb: int, subject: int, code: str) -> None:
    """"walked away *from the talks*": the parser hangs "from" on the particle, and its
    object still says what the phrasal verb is about (halting talks, not a deal)."""
    doc = nlp(text)
    entry = match(doc[verb], "V", doc[subject])
    assert entry is not None and entry.code == code


@pytest.mark.parametrize(("text", "root"), [
    ("Celebrations have been taking place in the Danish capital since Friday.", None),
    ("The Swedish consortium flies workers and cargo to Norway.", None),
    ("The Danish company contributed to the tension in the region.", None),
    ("The Kurdish deputies boycotted the vote in Baghdad.", "14"),
    ("Sweden boycotted the summit in Oslo.", "12"),
    ("The Finnish government dropped the curfew on Monday.", "08"),
    ("Norway provided air support to the Danish troops.", "19"),
    ("The Danish minister raised the issue with the Swedish ambassador.", "04"),
    ("The Swedish rebels compromised on the question of autonomy.", "08"),
    ("Crowds in Oslo cheered the Norwegian king.", "05"),
    ("The Danish fans in Oslo were cheering loudly.", None),
    ("Denmark relinquished control of the islands to Norway.", "08"),
    ("The Swedish general ordered a heightened alert in the north.", "15"),
    ("The Norwegian embassy gave its sympathies to the Danish families.", "01"),
    ("Sweden warned Norway that it would respond to any provocation.", "13"),
    ("The Danish reformers want to arrest the decline of the old town.", None),
    ("The Swedish foreign minister arrived in Norway on Monday.", "04"),
    ("Hundreds of migrants arrived in Denmark on Monday.", None),
    ("Norwegian troops arrived in Sweden on Monday.", None),
    ("Denmark expressed its willingness to talk with Sweden.", "03"),
    ("Norway signalled its readiness to meet the Swedish delegation.", "03"),
])
def test_senses_of_issue_11_verbs(code_text, text: str, root: str | None) -> None:
    """A verb's sense from its object: "take *place*" is not taking a capital, flying
    cargo is not a visit, contributing to a state of affairs is no aid, boycotting a
    vote is a boycott, air support is force, raising a matter with someone is consulting."""
    events = [e for e in code_text(text).events if not e.negated and e.cameo != "010"]
    if root is None:
        assert not events, [(e.cameo, e.trigger) for e in events]
    else:
        assert events and events[0].root == root, [(e.cameo, e.trigger) for e in events]
