"""Reading a clause off the parse: mood, negation, subjects, objects, phrases."""

from __future__ import annotations

import pytest

from sitrep.coding.grammar import arguments as args
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
    assert args.subject_of(verb).text == "States"
    assert args.passive_subject(verb).text == "Greenland"
    assert args.is_passive(verb)


def test_conjoined_verb_inherits_the_subject(nlp) -> None:
    doc = nlp("Sweden met Norway and signed a treaty.")
    assert args.inherited_subject(head_verb(doc, "sign")).text == "Sweden"


def test_prep_groups_keep_one_list_per_preposition(nlp) -> None:
    doc = nlp("Sweden sent troops to Greenland at Denmark's request.")
    groups = args.prep_groups(head_verb(doc, "send"), ("to", "at"))
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


# -- on hand-built parses (no model) -----------------------------------------


def test_trigger_parts_and_marks(hand_doc) -> None:
    doc = hand_doc(["if", "Denmark", "did", "not", "call", "off", "talks"], [4, 4, 4, 4, 4, 4, 4],
                   ["mark", "nsubj", "aux", "neg", "ROOT", "prt", "dobj"])
    assert [t.text for t in cl.trigger_parts(doc[4])] == ["not", "off"]
    assert [t.text for t in cl.marks(doc[4])] == ["if"]


def test_scheduled_subject_is_the_one_to_act(hand_doc) -> None:
    doc = hand_doc(["Norway", "is", "set", "to", "meet", "Sweden"], [2, 2, 2, 4, 2, 4],
                   ["nsubjpass", "auxpass", "ROOT", "aux", "xcomp", "dobj"],
                   pos=["PROPN", "AUX", "VERB", "PART", "VERB", "PROPN"])
    assert cl.is_open_complement(doc[4])
    assert cl.infinitive_complement(doc[2]).text == "meet"
    assert cl.scheduled_subject(doc[2]).text == "Norway"


def test_readiness_adjective_frames_the_infinitive(hand_doc) -> None:
    doc = hand_doc(["Denmark", "is", "ready", "to", "talk"], [1, 1, 1, 4, 2], ["nsubj", "ROOT", "acomp", "aux", "xcomp"],
                   pos=["PROPN", "AUX", "ADJ", "PART", "VERB"])
    assert cl.readiness_adjective(doc[1]).text == "ready"


def test_clausal_modifiers(hand_doc) -> None:
    doc = hand_doc(["missiles", "targeting", "troops"], [0, 0, 1], ["ROOT", "acl", "dobj"],
                   pos=["NOUN", "VERB", "NOUN"], tags=["NNS", "VBG", "NNS"])
    assert [t.text for t in cl.clausal_modifiers(doc[0])] == ["targeting"]
    assert cl.is_clausal_modifier(doc[1]) and not cl.is_clausal_modifier(doc[0])


def test_to_gerund_on_a_predicate_adjective(hand_doc) -> None:
    """""Norway is committed to holding talks": the gerund stands for an infinitive."""
    doc = hand_doc(["Norway", "is", "committed", "to", "holding", "talks"], [1, 1, 1, 2, 3, 4],
                   ["nsubj", "ROOT", "acomp", "prep", "pcomp", "dobj"],
                   pos=["PROPN", "AUX", "VERB", "ADP", "VERB", "NOUN"],
                   tags=["NNP", "VBZ", "VBN", "IN", "VBG", "NNS"])
    complement = cl.infinitive_complement(doc[2])
    adjective = cl.readiness_adjective(doc[1])
    assert complement is not None and complement.i == 4
    assert adjective is not None and adjective.i == 2


def test_be_to_is_a_plan(hand_doc) -> None:
    """"Norway was to meet Sweden": the copula with its own to-infinitive."""
    doc = hand_doc(["Norway", "was", "to", "meet", "Sweden"], [1, 1, 3, 1, 3],
                   ["nsubj", "ROOT", "aux", "xcomp", "dobj"],
                   pos=["PROPN", "AUX", "PART", "VERB", "PROPN"], lemmas=["Norway", "be", "to", "meet", "Sweden"])
    assert cl.is_be_to(doc[1])
    plain = hand_doc(["Norway", "was", "ready"], [1, 1, 1], ["nsubj", "ROOT", "acomp"],
                     pos=["PROPN", "AUX", "ADJ"], lemmas=["Norway", "be", "ready"])
    assert not cl.is_be_to(plain[1])


def test_onset_predicate_is_the_verb_a_noun_is_subject_of(nlp) -> None:
    doc = nlp("Clashes broke out, pitting police against students.")
    clashes = doc[0]
    verb = cl.onset_predicate(clashes)
    assert verb is not None and verb.lemma_ == "break"
    assert [c.lemma_ for c in cl.attached_clauses(verb)] == ["pit"]
    assert cl.onset_predicate(doc[5]) is None  # "students": an object, not a subject


def test_a_gerund_subject_is_read_as_an_event_name(nlp) -> None:
    doc = nlp("Mali has been divided since fighting broke out in 2012.")
    fighting = next(t for t in doc if t.lower_ == "fighting")
    assert cl.is_gerund_subject(fighting) is (fighting.pos_ == "VERB")
    assert not cl.is_gerund_subject(doc[0])



@pytest.mark.parametrize(("det", "denied"), [("no", True), ("the", False)])
def test_a_clause_on_a_noun_with_no_is_denied(hand_doc, det: str, denied: bool) -> None:
    """"There was *no* evidence the missiles came from Sweden": the clause is denied."""
    doc = hand_doc(["There", "was", det, "evidence", "the", "missiles", "came", "from", "Sweden"],
                   [1, 1, 3, 1, 5, 6, 3, 6, 7], ["expl", "ROOT", "det", "attr", "det", "nsubj", "relcl", "prep", "pobj"],
                   pos=["PRON", "AUX", "DET", "NOUN", "DET", "NOUN", "VERB", "ADP", "PROPN"])
    assert cl.denied_by_noun(doc[6]) is denied


def test_relative_clauses_on_a_noun(hand_doc) -> None:
    doc = hand_doc(["the", "strike", "that", "killed", "him"], [1, 1, 3, 1, 3], ["det", "ROOT", "nsubj", "relcl", "dobj"],
                   pos=["DET", "NOUN", "PRON", "VERB", "PRON"])
    assert [t.i for t in cl.relative_clauses(doc[1])] == [3]


def test_a_finite_verb_conjoined_to_an_infinitive_is_an_act_of_its_own(hand_doc) -> None:
    doc = hand_doc(["Norway", "urged", "Denmark", "to", "stay", "and", "met", "Sweden"],
                   [1, 1, 1, 4, 1, 4, 4, 6], ["nsubj", "ROOT", "dobj", "aux", "xcomp", "cc", "conj", "dobj"],
                   tags=["NNP", "VBD", "NNP", "TO", "VB", "CC", "VBD", "NNP"])
    assert cl.finite_conjunct_of_infinitive(doc[6])
    same = hand_doc(["Norway", "urged", "Denmark", "to", "stay", "and", "fight"],
                    [1, 1, 1, 4, 1, 4, 4], ["nsubj", "ROOT", "dobj", "aux", "xcomp", "cc", "conj"],
                    tags=["NNP", "VBD", "NNP", "TO", "VB", "CC", "VB"])
    assert not cl.finite_conjunct_of_infinitive(same[6])


def test_predications_name_what_a_clause_says_of_its_subject(hand_doc) -> None:
    doc = hand_doc(["Norway", "was", "behind", "the", "raid"], [1, 1, 1, 4, 2],
                   ["nsubj", "ROOT", "prep", "det", "pobj"], lemmas=["Norway", "be", "behind", "the", "raid"])
    assert [(w.text, o.text if o is not None else None) for w, o in cl.predications(doc[1])] == [("behind", "raid")]
    assert cl.predicated_subject(doc[1]).text == "Norway"


def test_where_antecedent_is_the_place_a_where_clause_hangs_on(hand_doc) -> None:
    """sent soldiers to Libya, where a civil war is underway"""
    doc = hand_doc(["sent", "soldiers", "to", "Libya", ",", "where", "a", "civil", "war", "is", "underway"],
                   [0, 0, 0, 2, 3, 9, 8, 8, 9, 3, 9],
                   ["ROOT", "dobj", "dative", "pobj", "punct", "advmod", "det", "amod", "nsubj", "relcl", "acomp"],
                   pos=["VERB", "NOUN", "ADP", "PROPN", "PUNCT", "SCONJ", "DET", "ADJ", "NOUN", "AUX", "ADJ"])
    found = cl.where_antecedent(doc[8])
    assert found is not None and found.text == "Libya"
    assert cl.where_antecedent(doc[1]) is None


def test_predications_look_past_a_hedge_the_parser_hung_the_noun_on(hand_doc) -> None:
    """the crash was "likely" Iran's doing"""
    doc = hand_doc(["the", "crash", "was", "likely", "Iran", "'s", "doing"], [1, 2, 2, 2, 6, 4, 3],
                   ["det", "nsubj", "ROOT", "acomp", "poss", "case", "ccomp"],
                   pos=["DET", "NOUN", "AUX", "ADJ", "PROPN", "PART", "NOUN"],
                   lemmas=["the", "crash", "be", "likely", "Iran", "'s", "doing"])
    assert [w.text for w, _ in cl.predications(doc[2])] == ["likely", "doing"]
