"""Reading a clause off the parse: mood, negation, subjects, objects, phrases."""

from __future__ import annotations

import pytest

from sitrep.coding.grammar import clauses as cl

pytestmark = pytest.mark.model


def head_verb(doc, lemma: str):
    return next(t for t in doc if t.lemma_ == lemma)


@pytest.mark.parametrize(
    ("text", "lemma", "mood"),
    [
        ("Russia attacked Ukraine.", "attack", cl.Mood.FACT),
        ("Russia will attack Ukraine.", "attack", cl.Mood.FUTURE),
        ("Russia said it would attack Ukraine.", "attack", cl.Mood.FUTURE),
        ("Russia may attack Ukraine.", "attack", cl.Mood.HYPOTHETICAL),
        ("If Russia attacks Ukraine, NATO will respond.", "attack", cl.Mood.HYPOTHETICAL),
        ("Denmark said the United States must withdraw.", "withdraw", cl.Mood.OBLIGATION),
        ("Bangladesh cannot accept more refugees.", "accept", cl.Mood.FUTURE),  # a refusal, not a maybe
    ],
)
def test_mood(nlp, text: str, lemma: str, mood: cl.Mood) -> None:
    assert cl.mood(head_verb(nlp(text), lemma)) is mood


@pytest.mark.parametrize(
    ("text", "negated"),
    [("Denmark did not attack.", True), ("Denmark never attacked.", True), ("Denmark attacked.", False)],
)
def test_negation(nlp, text: str, negated: bool) -> None:
    assert cl.is_negated(head_verb(nlp(text), "attack")) is negated


def test_subject_of_passive_is_the_agent(nlp) -> None:
    doc = nlp("Greenland was attacked by the United States.")
    verb = head_verb(doc, "attack")
    assert cl.subject_of(verb).text == "States"
    assert cl.passive_subject(verb).text == "Greenland"
    assert cl.is_passive(verb)


def test_conjoined_verb_inherits_the_subject(nlp) -> None:
    doc = nlp("Sweden met Norway and signed a treaty.")
    assert cl.inherited_subject(head_verb(doc, "sign")).text == "Sweden"


def test_prep_groups_keep_one_list_per_preposition(nlp) -> None:
    doc = nlp("Sweden sent troops to Greenland at Denmark's request.")
    groups = cl.prep_groups(head_verb(doc, "send"), ("to", "at"))
    assert [[t.text for t in g] for g in groups] == [["Greenland"], ["request"]]


def test_quantity_heads_stand_for_their_noun(nlp) -> None:
    doc = nlp("Hundreds of workers protested.")
    assert cl.noun_phrase_head(doc[0]).text == "workers"


def test_phrase_text_drops_clauses(nlp) -> None:
    doc = nlp("A car bomb, which exploded at noon, killed three soldiers.")
    assert cl.phrase_text(doc[2]) == "car bomb"


@pytest.mark.parametrize(("text", "lemma", "verb"), [
    ("Norway agreed to re-open its embassy in Sweden.", "agree", "open"),
    ("Denmark refused to co-operate with the inquiry.", "refuse", "operate"),
    ("Finland promised to send engineers.", "promise", "send"),
])
def test_infinitive_complement_skips_a_split_hyphenated_prefix(nlp, text: str, lemma: str, verb: str) -> None:
    assert cl.infinitive_complement(head_verb(nlp(text), lemma)).text == verb
