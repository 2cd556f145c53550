"""Numbers in the parse, on hand-built Docs: what a numeral counts and what governs it."""

from __future__ import annotations

import pytest

from sitrep.coding.grammar import numbers as n
from sitrep.coding.grammar.arguments import of_object


def test_a_numeral_inside_a_bigger_number_is_a_quantity_modifier(hand_doc) -> None:
    doc = hand_doc(["2.5", "million", "soldiers"], [1, 2, 2], ["compound", "nummod", "ROOT"],
                   pos=["NUM", "NUM", "NOUN"])
    assert n.is_quantity_modifier(doc[0]) and n.is_quantity_modifier(doc[1])
    assert not n.is_quantity_modifier(doc[2])  # the root joins nothing


def test_the_counted_head_is_the_noun_a_quantity_modifies(hand_doc) -> None:
    doc = hand_doc(["killed", "13", "soldiers"], [0, 2, 0], ["ROOT", "nummod", "dobj"],
                   pos=["VERB", "NUM", "NOUN"])
    assert n.counted_head(doc[1]) == doc[2]
    bare = hand_doc(["arrested", "12"], [0, 0], ["ROOT", "dobj"], pos=["VERB", "NUM"])
    assert n.counted_head(bare[1]) is None  # an object of a verb counts no noun


def test_of_phrases_name_what_a_quantity_counts(hand_doc) -> None:
    doc = hand_doc(["thousands", "of", "protesters"], [0, 0, 1], ["ROOT", "prep", "pobj"],
                   pos=["NOUN", "ADP", "NOUN"])
    assert of_object(doc[0]) == doc[2]
    assert n.of_holder(doc[2]) == doc[0]
    assert of_object(doc[2]) is None and n.of_holder(doc[0]) is None


def test_a_definite_set_makes_a_partitive(hand_doc) -> None:
    part = hand_doc(["two", "of", "the", "ships"], [0, 0, 3, 1], ["ROOT", "prep", "det", "pobj"],
                    pos=["NUM", "ADP", "DET", "NOUN"])
    assert n.is_partitive(part[0])
    them = hand_doc(["one", "of", "them"], [0, 0, 1], ["ROOT", "prep", "pobj"], pos=["NUM", "ADP", "PRON"])
    assert n.is_partitive(them[0])
    group = hand_doc(["a", "group", "of", "refugees"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                     pos=["DET", "NOUN", "ADP", "NOUN"])
    assert not n.is_partitive(group[1])
    assert n.is_indefinite(group[1]) and not n.is_indefinite(group[3])


def test_numbers_and_unit_modifiers_on_a_noun(hand_doc) -> None:
    doc = hand_doc(["two", "police", "officers"], [2, 2, 2], ["nummod", "compound", "ROOT"],
                   pos=["NUM", "NOUN", "NOUN"])
    assert n.has_number(doc[2]) and not n.has_number(doc[1])
    assert n.unit_modifiers(doc[2]) == [doc[1]]  # a numeral is no part of the unit


def test_event_modifiers_and_relative_clauses(hand_doc) -> None:
    doc = hand_doc(["soldiers", "wounded", "and", "rebels", "who", "died"], [0, 0, 0, 0, 5, 3],
                   ["ROOT", "acl", "cc", "conj", "nsubj", "relcl"],
                   pos=["NOUN", "VERB", "CCONJ", "NOUN", "PRON", "VERB"])
    assert n.event_modifiers(doc[0]) == [doc[1]]
    assert n.event_modifiers(doc[3]) == [doc[5]]
    assert n.is_relative_clause(doc[5]) and not n.is_relative_clause(doc[1])


def test_predicates_of_object_and_subject(hand_doc) -> None:
    left = hand_doc(["left", "300", "civilians", "dead"], [0, 2, 0, 0], ["ROOT", "nummod", "dobj", "oprd"],
                    pos=["VERB", "NUM", "NOUN", "ADJ"])
    assert n.object_predicate(left[0]) == left[3]
    were = hand_doc(["190", "were", "dead"], [1, 1, 1], ["nsubj", "ROOT", "acomp"], pos=["NUM", "AUX", "ADJ"])
    assert n.subject_predicate(were[1]) == were[2]
    assert n.object_predicate(were[1]) == were[2]  # "acomp" is a predicate of both
    attr = hand_doc(["toll", "is", "fifty"], [1, 1, 1], ["nsubj", "ROOT", "attr"], pos=["NOUN", "AUX", "NUM"])
    assert n.subject_predicate(attr[1]) == attr[2] and n.object_predicate(attr[1]) is None


def test_subjects_objects_and_slots(hand_doc) -> None:
    doc = hand_doc(["Germany", "sent", "13", "soldiers"], [1, 1, 3, 1], ["nsubj", "ROOT", "nummod", "dobj"],
                   pos=["PROPN", "VERB", "NUM", "NOUN"])
    assert n.nominal_subject(doc[1]) == doc[0]
    assert n.nominal_subjects(doc[1]) == [doc[0]]
    assert n.has_direct_object(doc[1]) and not n.has_direct_object(doc[3])
    assert n.is_active_subject(doc[0]) and not n.is_active_subject(doc[3])
    assert n.is_counted_slot(doc[3]) and not n.is_counted_slot(doc[0])
    passive = hand_doc(["12", "were", "arrested"], [2, 2, 2], ["nsubjpass", "auxpass", "ROOT"],
                       pos=["NUM", "AUX", "VERB"])
    assert n.is_counted_slot(passive[0]) and not n.is_active_subject(passive[0])
    assert n.nominal_subject(passive[2]) is None
    attr = hand_doc(["dead", "are", "civilians"], [1, 1, 1], ["nsubj", "ROOT", "attr"],
                    pos=["NOUN", "AUX", "NOUN"])
    assert n.is_attribute(attr[2]) and n.is_counted_slot(attr[2])


def test_a_list_of_counted_things_goes_back_to_its_first_item(hand_doc) -> None:
    doc = hand_doc(["killed", "150", "soldiers", "and", "95", "civilians"], [0, 2, 0, 2, 5, 2],
                   ["ROOT", "nummod", "dobj", "cc", "nummod", "conj"],
                   pos=["VERB", "NUM", "NOUN", "CCONJ", "NUM", "NOUN"])
    assert n.is_conjunct(doc[5]) and not n.is_conjunct(doc[2])
    assert n.earlier_list_item(doc[5]) == doc[2]
    assert n.earlier_list_item(doc[2]) is None
    loose = hand_doc(["talks", "and", "civilians"], [0, 0, 0], ["ROOT", "cc", "conj"],
                     pos=["NOUN", "CCONJ", "NOUN"])
    assert n.earlier_list_item(loose[2]) is None  # the first item sits in no verb's slot


def test_victims_of_a_casualty_verb(hand_doc) -> None:
    died = hand_doc(["a", "journalist", "died"], [1, 2, 2], ["det", "nsubj", "ROOT"],
                    pos=["DET", "NOUN", "VERB"])
    assert n.victims_of(died[2], with_subject=True) == [died[1]]
    assert n.victims_of(died[2], with_subject=False) == []
    killed = hand_doc(["police", "killed", "a", "man"], [1, 1, 3, 1], ["nsubj", "ROOT", "det", "dobj"],
                      pos=["NOUN", "VERB", "DET", "NOUN"])
    assert n.victims_of(killed[1], with_subject=False) == [killed[3]]


def test_the_verb_a_figure_completes(hand_doc) -> None:
    rose = hand_doc(["the", "toll", "rose", "to", "50"],
                    [1, 2, 2, 2, 3], ["det", "nsubj", "ROOT", "prep", "pobj"],
                    pos=["DET", "NOUN", "VERB", "ADP", "NUM"])
    assert n.figure_verb(rose[4]) == rose[2]
    exceeded = hand_doc(["tolls", "exceeded", "100"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                        pos=["NOUN", "VERB", "NUM"])
    assert n.figure_verb(exceeded[2]) == exceeded[1]
    modifier = hand_doc(["50", "soldiers"], [1, 1], ["nummod", "ROOT"], pos=["NUM", "NOUN"])
    assert n.figure_verb(modifier[0]) is None
    noun = hand_doc(["rise", "to", "50"], [0, 0, 1], ["ROOT", "prep", "pobj"], pos=["NOUN", "ADP", "NUM"])
    assert n.figure_verb(noun[2]) is None  # no verb reaches it


def test_a_bare_plural_is_as_indefinite_as_an_article(hand_doc) -> None:
    doc = hand_doc(["large", "numbers", "of", "men"], [1, 1, 1, 2], ["amod", "ROOT", "prep", "pobj"],
                   pos=["ADJ", "NOUN", "ADP", "NOUN"], tags=["JJ", "NNS", "IN", "NNS"])
    assert n.is_bare_plural(doc[1])
    the = hand_doc(["the", "numbers"], [1, 1], ["det", "ROOT"], pos=["DET", "NOUN"], tags=["DT", "NNS"])
    assert not n.is_bare_plural(the[1])


def test_each_makes_a_figure_distributive(hand_doc) -> None:
    doc = hand_doc(["two", "each", "from", "navy"], [0, 0, 0, 2], ["ROOT", "det", "prep", "pobj"],
                   pos=["NUM", "DET", "ADP", "NOUN"])
    assert n.is_distributive(doc[0])
    assert not n.is_distributive(hand_doc(["two"], [0], ["ROOT"], pos=["NUM"])[0])


def test_verbs_sharing_a_subject(hand_doc) -> None:
    # "crowds slipped past to confront troops after fleeing"
    doc = hand_doc(
        ["crowds", "slipped", "to", "confront", "troops", "after", "fleeing"],
        [1, 1, 3, 1, 3, 1, 5],
        ["nsubj", "ROOT", "aux", "xcomp", "dobj", "prep", "pcomp"],
        pos=["NOUN", "VERB", "PART", "VERB", "NOUN", "ADP", "VERB"],
        tags=["NNS", "VBD", "TO", "VB", "NNS", "IN", "VBG"],
    )
    assert n.verbs_sharing_subject(doc[1]) == [doc[1], doc[3], doc[6]]
    own = hand_doc(["they", "said", "we", "fled"], [1, 1, 3, 1], ["nsubj", "ROOT", "nsubj", "ccomp"],
                   pos=["PRON", "VERB", "PRON", "VERB"])
    assert n.verbs_sharing_subject(own[1]) == [own[1]]  # a clause with its own subject


def test_an_elliptic_as_clause_repeats_its_verb(hand_doc) -> None:
    # "90 were wounded , as were seventeen"
    doc = hand_doc(
        ["90", "were", "wounded", ",", "as", "were", "seventeen"],
        [2, 2, 2, 2, 5, 2, 5],
        ["nsubjpass", "auxpass", "ROOT", "punct", "mark", "advcl", "acomp"],
        pos=["NUM", "AUX", "VERB", "PUNCT", "SCONJ", "AUX", "NUM"],
        lemmas=["90", "be", "wound", ",", "as", "be", "seventeen"],
    )
    assert n.elliptic_antecedent(doc[6]) == doc[2]
    assert n.clause_subject(doc[2]) == doc[0]
    assert n.elliptic_antecedent(doc[0]) is None


def test_clauses_on_a_noun_and_the_verb_of_its_clause(hand_doc) -> None:
    # "men killed by Turkish shelling live surrounded by Arabs" (a made-up parse)
    doc = hand_doc(
        ["men", "killed", "by", "shelling", "live", "surrounded", "by", "Arabs"],
        [4, 0, 1, 2, 4, 4, 5, 6],
        ["nsubj", "acl", "agent", "pobj", "ROOT", "advcl", "agent", "pobj"],
        pos=["NOUN", "VERB", "ADP", "NOUN", "VERB", "VERB", "ADP", "PROPN"],
    )
    assert n.noun_clause_tokens(doc[0]) == [doc[1], doc[2], doc[3]]
    assert n.clause_verb(doc[7]) == doc[5] and n.clause_verb(doc[0]) == doc[4]
    assert n.verbal_children(doc[4]) == [doc[5]]
    assert n.relative_antecedent(doc[1]) is None
    rel = hand_doc(["protests", "which", "drew", "crowds"], [0, 2, 0, 2], ["ROOT", "nsubj", "relcl", "dobj"],
                   pos=["NOUN", "PRON", "VERB", "NOUN"])
    assert n.relative_antecedent(rel[2]) == rel[0]


RATES = frozenset({"annually"}), frozenset({"year", "day"})


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "expected"),
    [
        # "40 migrants drown each year": a period with "each" on the verb of the counted noun
        (["40", "migrants", "drown", "each", "year"], [1, 2, 2, 4, 2],
         ["nummod", "nsubj", "ROOT", "det", "npadvmod"], ["NUM", "NOUN", "VERB", "DET", "NOUN"], True),
        # "50 deaths annually": the adverb on the noun
        (["50", "deaths", "annually"], [1, 1, 1], ["nummod", "ROOT", "advmod"], ["NUM", "NOUN", "ADV"], True),
        # "40 migrants drown per day"
        (["40", "migrants", "drown", "per", "day"], [1, 2, 2, 2, 3],
         ["nummod", "nsubj", "ROOT", "prep", "pobj"], ["NUM", "NOUN", "VERB", "ADP", "NOUN"], True),
        # "40 migrants drowned that day": one day, one event
        (["40", "migrants", "drowned", "that", "day"], [1, 2, 2, 4, 2],
         ["nummod", "nsubj", "ROOT", "det", "npadvmod"], ["NUM", "NOUN", "VERB", "DET", "NOUN"], False),
    ],
)
def test_recurs(hand_doc, words, heads, deps, pos, expected) -> None:
    doc = hand_doc(words, heads, deps, pos=pos, lemmas=[w.lower() for w in words])
    assert n.recurs(doc[1], *RATES) is expected
