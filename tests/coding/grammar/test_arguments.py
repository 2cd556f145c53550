"""Subjects, objects, passive agents and prepositional objects, on hand-built parses (no model)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from sitrep.coding.grammar import arguments as args

Make = Callable[..., Doc]


@pytest.fixture
def passive(hand_doc: Make) -> Doc:
    """Sweden was attacked by the United States"""
    return hand_doc(["Sweden", "was", "attacked", "by", "the", "United", "States"], [2, 2, 2, 2, 6, 6, 3],
                    ["nsubjpass", "auxpass", "ROOT", "agent", "det", "compound", "pobj"],
                    pos=["PROPN", "AUX", "VERB", "ADP", "DET", "PROPN", "PROPN"],
                    tags=["NNP", "VBD", "VBN", "IN", "DT", "NNP", "NNP"])


@pytest.fixture
def giving(hand_doc: Make) -> Doc:
    """Denmark gave Norway aid to Greenland and Iceland during talks"""
    return hand_doc(["Denmark", "gave", "Norway", "aid", "to", "Greenland", "and", "Iceland", "during", "talks"],
                    [1, 1, 1, 1, 1, 4, 5, 5, 1, 8],
                    ["nsubj", "ROOT", "dative", "dobj", "prep", "pobj", "cc", "conj", "prep", "pobj"],
                    pos=["PROPN", "VERB", "PROPN", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "ADP", "NOUN"])


def texts(tokens: list) -> list[str]:
    return [t.text for t in tokens]


def test_dependents_by_label(giving: Doc) -> None:
    verb = giving[1]
    assert texts(args.dependents(verb, {"dobj", "dative"})) == ["Norway", "aid"]
    assert texts(args.dependents_except(verb, {"prep", "nsubj"})) == ["Norway", "aid"]
    assert args.attached_as(giving[0], {"nsubj"}) and not args.attached_as(giving[3], {"nsubj"})


def test_label_questions(giving: Doc, passive: Doc) -> None:
    assert args.is_direct_object(giving[3]) and not args.is_direct_object(giving[2])
    assert args.is_nominal_subject(giving[0]) and args.is_nominal_subject(passive[0])
    assert args.is_prep_object(giving[5]) and args.is_preposition(giving[4], ("to",))
    assert not args.is_preposition(giving[4], ("with",))


def test_passive_subject_and_agent(passive: Doc) -> None:
    verb = passive[2]
    assert args.is_passive(verb)
    assert args.subject_of(verb).text == "States"
    assert args.active_subject(verb) is None
    assert args.passive_subject(verb).text == "Sweden"
    assert args.nominal_passive_subject(verb).text == "Sweden"
    assert args.has_auxiliary(verb)


def test_subject_hung_on_the_auxiliary(hand_doc: Make) -> None:
    doc = hand_doc(["X", "have", "opposed"], [1, 2, 2], ["nsubj", "aux", "ROOT"], pos=["PROPN", "AUX", "VERB"])
    assert args.subject_of(doc[2]).text == "X"


def test_participle_on_a_noun_has_the_noun_as_patient(hand_doc: Make) -> None:
    doc = hand_doc(["three", "men", "killed", "in", "rioting"], [1, 1, 1, 2, 3],
                   ["nummod", "ROOT", "acl", "prep", "pobj"], pos=["NUM", "NOUN", "VERB", "ADP", "NOUN"],
                   tags=["CD", "NNS", "VBN", "IN", "NN"])
    assert args.is_participle_modifier(doc[2])
    assert args.passive_subject(doc[2]).text == "men"
    assert args.inherited_subject(doc[2]) is None  # "killed": the men are not the killers


def test_conjoined_verb_inherits_the_subject(hand_doc: Make) -> None:
    doc = hand_doc(["Sweden", "met", "Norway", "and", "signed", "a", "treaty"], [1, 1, 1, 1, 1, 6, 4],
                   ["nsubj", "ROOT", "dobj", "cc", "conj", "det", "dobj"],
                   pos=["PROPN", "VERB", "PROPN", "CCONJ", "VERB", "DET", "NOUN"], tags=["", "VBD", "", "", "VBD", "", ""])
    assert args.inherited_subject(doc[4]).text == "Sweden"


def test_objects(giving: Doc) -> None:
    verb = giving[1]
    assert texts(args.direct_objects(verb)) == ["Norway", "aid"]
    assert args.first_object(verb).text == "aid"
    assert texts(args.datives(verb)) == ["Norway"]
    assert args.has_patient(verb) and not args.has_object_predicate(verb)


def test_object_predicate_and_predicatives(hand_doc: Make) -> None:
    doc = hand_doc(["They", "called", "him", "a", "traitor"], [1, 1, 1, 4, 1], ["nsubj", "ROOT", "dobj", "det", "oprd"])
    assert args.has_object_predicate(doc[1])
    assert texts(args.predicatives(doc[1])) == ["traitor"]
    ready = hand_doc(["talks", "are", "due"], [1, 1, 1], ["nsubj", "ROOT", "acomp"])
    assert texts(args.adjective_complements(ready[1])) == ["due"]


def test_prepositional_objects(giving: Doc) -> None:
    verb = giving[1]
    assert [texts(g) for g in args.prep_groups(verb, ("during", "to"))] == [["talks"], ["Greenland", "Iceland"]]
    assert texts(args.prep_objects(verb, ("to",))) == ["Greenland", "Iceland"]
    assert texts(args.objects_of(giving[4])) == ["Greenland"]
    assert texts(args.preposition_objects(verb, {"to", "during"})) == ["Greenland", "talks"]
    assert args.of_object(verb, ("during",)).text == "talks"
    assert args.of_object(verb) is None


def test_cue_objects_leave_out_scene_prepositions(giving: Doc) -> None:
    direct, oblique = args.cue_objects(giving[1], {"during"})
    assert texts(direct) == ["Norway", "aid"]
    assert texts(oblique) == ["Greenland", "Iceland"]


def test_governing_predicate(passive: Doc, giving: Doc) -> None:
    assert args.governing_predicate(passive[6]).text == "attacked"  # the "by" agent
    assert args.governing_predicate(giving[0]).text == "gave"
    assert args.governing_predicate(giving[5]) is None  # an ordinary prepositional object


def test_gapped_pairs(hand_doc: Make) -> None:
    doc = hand_doc(["Chile", "pledged", "300", "engineers", ",", "Peru", "150"], [1, 1, 3, 1, 3, 3, 5],
                   ["nsubj", "ROOT", "nummod", "dobj", "punct", "appos", "nummod"],
                   pos=["PROPN", "VERB", "NUM", "NOUN", "PUNCT", "PROPN", "NUM"])
    assert [(a.text, n.text) for a, n in args.gapped_pairs(doc[1])] == [("Peru", "150")]


def test_noun_phrase_dependents(hand_doc: Make) -> None:
    doc = hand_doc(["his", "no", "large", "border", "talks"], [4, 4, 4, 4, 4], ["poss", "det", "amod", "compound", "ROOT"])
    noun = doc[4]
    assert texts(args.possessors(noun)) == ["his"]
    assert texts(args.determiners(noun)) == ["no"]
    assert texts(args.adjectives(noun)) == ["large"]
    assert texts(args.compounds(noun)) == ["border"]
    assert args.is_noun_modifier(doc[3]) and not args.is_noun_modifier(noun)


def test_attached_phrases(hand_doc: Make) -> None:
    doc = hand_doc(["forces", "in", "Guinea", ",", "the", "army"], [0, 0, 1, 0, 5, 0],
                   ["ROOT", "prep", "pobj", "punct", "det", "appos"])
    assert [texts(g) for g in args.attached_phrases(doc[0], {"in"})] == [["Guinea"], ["army"]]
    assert [texts(g) for g in args.attached_phrases(doc[0], {"of"})] == [["army"]]


def test_complement_subjects_are_who_a_causative_acts_on(hand_doc: Make) -> None:
    """Paris agreed to let the exiles return"""
    doc = hand_doc(["Paris", "agreed", "to", "let", "the", "exiles", "return"], [1, 1, 3, 1, 5, 6, 3],
                   ["nsubj", "ROOT", "aux", "xcomp", "det", "nsubj", "ccomp"],
                   pos=["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "VERB"])
    assert texts(args.complement_subjects(doc[3])) == ["exiles"]
    assert args.complement_subjects(doc[1]) == []  # "let" is its complement, but has no subject of its own


def test_an_infinitive_hung_on_the_time_phrase_is_the_verbs_complement(hand_doc: Make) -> None:
    """Oslo offered for the first time to host Lima"""
    doc = hand_doc(["Oslo", "offered", "for", "the", "first", "time", "to", "host", "Lima"],
                   [1, 1, 1, 5, 5, 2, 7, 5, 7],
                   ["nsubj", "ROOT", "prep", "det", "amod", "pobj", "aux", "relcl", "dobj"],
                   pos=["PROPN", "VERB", "ADP", "DET", "ADJ", "NOUN", "PART", "VERB", "PROPN"],
                   lemmas=["Oslo", "offer", "for", "the", "first", "time", "to", "host", "Lima"])
    complement = args.time_phrase_infinitive(doc[1])
    assert complement is not None and complement.text == "host"
    assert args.time_phrase_infinitive(doc[7]) is None


def test_a_subjectless_passive_adjunct_is_done_to_the_clauses_subject(hand_doc: Make) -> None:
    """Monks were hurt after being beaten by police"""
    doc = hand_doc(["Monks", "were", "hurt", "after", "being", "beaten", "by", "police"], [2, 2, 2, 2, 5, 3, 5, 6],
                   ["nsubjpass", "auxpass", "ROOT", "prep", "auxpass", "pcomp", "agent", "pobj"],
                   pos=["NOUN", "AUX", "VERB", "ADP", "AUX", "VERB", "ADP", "NOUN"],
                   tags=["NNS", "VBD", "VBN", "IN", "VBG", "VBN", "IN", "NNS"])
    patient = args.passive_subject(doc[5])
    assert patient is not None and patient.text == "Monks"
    assert args.subject_of(doc[5]).text == "police"


def test_opposed_to_is_the_subjects_stance_not_a_passive(hand_doc: Make) -> None:
    """Chile was opposed to the plan / Chile was opposed by Peru"""
    stance = hand_doc(["Chile", "was", "opposed", "to", "the", "plan"], [2, 2, 2, 2, 5, 3],
                      ["nsubjpass", "auxpass", "ROOT", "prep", "det", "pobj"],
                      pos=["PROPN", "AUX", "VERB", "ADP", "DET", "NOUN"],
                      lemmas=["Chile", "be", "oppose", "to", "the", "plan"])
    assert args.subject_of(stance[2]).text == "Chile"
    assert args.passive_subject(stance[2]) is None and not args.is_passive(stance[2])
    done = hand_doc(["Chile", "was", "opposed", "by", "Peru"], [2, 2, 2, 2, 3],
                    ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
                    pos=["PROPN", "AUX", "VERB", "ADP", "PROPN"], lemmas=["Chile", "be", "oppose", "by", "Peru"])
    assert args.subject_of(done[2]).text == "Peru" and args.passive_subject(done[2]).text == "Chile"


def test_the_host_of_an_adverbial_or_conjoined_clause(hand_doc: Make) -> None:
    """Peru left, although it had agreed"""
    doc = hand_doc(["Peru", "left", ",", "although", "it", "had", "agreed"], [1, 1, 1, 6, 6, 6, 1],
                   ["nsubj", "ROOT", "punct", "mark", "nsubj", "aux", "advcl"],
                   pos=["PROPN", "VERB", "PUNCT", "SCONJ", "PRON", "AUX", "VERB"])
    host = args.host_clause(doc[6])
    assert host is not None and host.text == "left"
    assert args.host_clause(doc[1]) is None


def test_a_list_hung_on_an_apposition_belongs_to_the_prepositions_object(hand_doc: Make) -> None:
    """praise came from the chief Ana , Bo and Cy"""
    words = ["praise", "came", "from", "the", "chief", "Ana", ",", "Bo", "and", "Cy"]
    doc = hand_doc(words, [1, 1, 1, 4, 2, 4, 5, 5, 7, 7],
                   ["nsubj", "ROOT", "prep", "det", "pobj", "appos", "punct", "conj", "cc", "conj"],
                   pos=["NOUN", "VERB", "ADP", "DET", "NOUN", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN"])
    assert [texts(g) for g in args.prep_groups(doc[1], ("from",))] == [["chief", "Bo", "Cy"]]


def test_a_gapped_passive_casualty_participle_shares_the_passive(hand_doc: Make) -> None:
    """two were killed and three soldiers wounded"""
    doc = hand_doc(["two", "were", "killed", "and", "three", "soldiers", "wounded"], [2, 2, 2, 2, 5, 6, 2],
                   ["nsubjpass", "auxpass", "ROOT", "cc", "nummod", "nsubj", "conj"],
                   pos=["NUM", "AUX", "VERB", "CCONJ", "NUM", "NOUN", "VERB"],
                   tags=["CD", "VBD", "VBN", "CC", "CD", "NNS", "VBD"],
                   lemmas=["two", "be", "kill", "and", "three", "soldier", "wound"])
    assert args.passive_subject(doc[6]).text == "soldiers"
    assert args.subject_of(doc[6]) is None and args.inherited_subject(doc[6]) is None
    fled = hand_doc(["two", "were", "killed", "and", "three", "soldiers", "fled"], [2, 2, 2, 2, 5, 6, 2],
                    ["nsubjpass", "auxpass", "ROOT", "cc", "nummod", "nsubj", "conj"],
                    pos=["NUM", "AUX", "VERB", "CCONJ", "NUM", "NOUN", "VERB"],
                    lemmas=["two", "be", "kill", "and", "three", "soldier", "flee"])
    assert args.subject_of(fled[6]).text == "soldiers"  # not a casualty: the soldiers fled


def test_plural_phrases(hand_doc: Make) -> None:
    """Laos and Peru met envoys and a minister"""
    doc = hand_doc(["Laos", "and", "Peru", "met", "envoys", "and", "a", "minister"], [3, 0, 0, 3, 3, 4, 7, 4],
                   ["nsubj", "cc", "conj", "ROOT", "dobj", "cc", "det", "conj"],
                   tags=["NNP", "CC", "NNP", "VBD", "NNS", "CC", "DT", "NN"])
    assert args.is_plural(doc[0]) and args.is_plural(doc[4])
    assert not args.is_plural(doc[6])


def test_a_conjoined_verb_without_its_own_subject_shares_its_heads(hand_doc) -> None:
    # "Peru met Chile but refused talks" / "Peru met Chile but Chile refused talks"
    shared = hand_doc(["Peru", "met", "Chile", "but", "refused", "talks"], [1, 1, 1, 1, 1, 4],
                      ["nsubj", "ROOT", "dobj", "cc", "conj", "dobj"],
                      pos=["PROPN", "VERB", "PROPN", "CCONJ", "VERB", "NOUN"])
    assert args.subjectless_conjunct_of(shared[4]).text == "met"
    own = hand_doc(["Peru", "met", "Chile", "but", "Chile", "refused", "talks"], [1, 1, 1, 1, 5, 1, 5],
                   ["nsubj", "ROOT", "dobj", "cc", "nsubj", "conj", "dobj"],
                   pos=["PROPN", "VERB", "PROPN", "CCONJ", "PROPN", "VERB", "NOUN"])
    assert args.subjectless_conjunct_of(own[5]) is None
    assert args.subjectless_conjunct_of(shared[1]) is None


def test_examples_of_a_plain_noun(hand_doc) -> None:
    # "urged partners such as Peru": Peru is who the partners stand for
    doc = hand_doc(["urged", "partners", "such", "as", "Peru"], [0, 0, 3, 1, 3],
                   ["ROOT", "dobj", "amod", "prep", "pobj"])
    assert [[t.text for t in g] for g in args.examples(doc[1])] == [["Peru"]]
    plain = hand_doc(["served", "as", "envoy"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert args.examples(plain[0]) == []


def test_an_ing_clause_without_its_own_subject_hangs_on_its_host(hand_doc) -> None:
    # "Peru wrote to Chile asking ..." / "Peru wrote to Chile, Lima asking ..."
    doc = hand_doc(["Peru", "wrote", "to", "Chile", "asking"], [1, 1, 1, 2, 1],
                   ["nsubj", "ROOT", "prep", "pobj", "advcl"], pos=["PROPN", "VERB", "ADP", "PROPN", "VERB"],
                   tags=["NNP", "VBD", "IN", "NNP", "VBG"])
    assert args.participle_host(doc[4]).text == "wrote"
    own = hand_doc(["Peru", "wrote", "Lima", "asking"], [1, 1, 3, 1], ["nsubj", "ROOT", "nsubj", "advcl"],
                   pos=["PROPN", "VERB", "PROPN", "VERB"], tags=["NNP", "VBD", "NNP", "VBG"])
    assert args.participle_host(own[3]) is None


def test_struck_words_of_a_verb_and_of_a_noun(hand_doc: Make) -> None:
    overran = hand_doc(["forces", "overran", "it"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                       pos=["NOUN", "VERB", "PRON"])
    assert texts(args.struck_words(overran[1])) == ["it"]
    # "a Kabul car bombing killed five": the place compounded onto the bombing
    bombing = hand_doc(["a", "Kabul", "car", "bombing", "killed", "five"], [3, 2, 3, 4, 4, 4],
                       ["det", "compound", "compound", "nsubj", "ROOT", "dobj"],
                       pos=["DET", "PROPN", "NOUN", "NOUN", "VERB", "NUM"])
    assert texts(args.struck_words(bombing[3])) == ["car", "Kabul"]
    assault = hand_doc(["an", "assault", "on", "Ghazni"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                       pos=["DET", "NOUN", "ADP", "PROPN"])
    assert texts(args.struck_words(assault[1])) == ["Ghazni"]


def test_the_subject_of_was_the_target_of_an_attack(hand_doc: Make) -> None:
    """Abqaiq was the target of an attack"""
    doc = hand_doc(["Abqaiq", "was", "the", "target", "of", "an", "attack"], [1, 1, 3, 1, 3, 6, 4],
                   ["nsubj", "ROOT", "det", "attr", "prep", "det", "pobj"],
                   pos=["PROPN", "AUX", "DET", "NOUN", "ADP", "DET", "NOUN"],
                   lemmas=["Abqaiq", "be", "the", "target", "of", "an", "attack"])
    aimed = args.aimed_subject(doc[6])
    assert aimed is not None and aimed.text == "Abqaiq"
    assert "Abqaiq" in texts(args.struck_words(doc[6]))


def test_the_leader_hyphened_to_a_led_participle(hand_doc: Make) -> None:
    """died in Taliban-led violence"""
    doc = hand_doc(["died", "in", "Taliban", "-", "led", "violence"], [0, 0, 4, 4, 5, 1],
                   ["ROOT", "prep", "npadvmod", "punct", "amod", "pobj"],
                   pos=["VERB", "ADP", "PROPN", "PUNCT", "VERB", "NOUN"],
                   lemmas=["die", "in", "Taliban", "-", "lead", "violence"])
    leader = args.leading_modifier(doc[5])
    assert leader is not None and leader.text == "Taliban"
    assert args.leading_modifier(doc[2]) is None
