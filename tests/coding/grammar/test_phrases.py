"""Noun phrases on hand-built parses (no model): modifiers, appositions, coordination, subjects, objects."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from sitrep.coding.grammar import phrases

HandDoc = Callable[..., Doc]


@pytest.fixture
def apposition(hand_doc: HandDoc) -> Doc:
    """"Mette Frederiksen, Denmark's prime minister, spoke"."""
    words = ["Mette", "Frederiksen", ",", "Denmark", "'s", "prime", "minister", ",", "spoke"]
    heads = [1, 8, 1, 6, 3, 6, 1, 1, 8]
    deps = ["compound", "nsubj", "punct", "poss", "case", "amod", "appos", "punct", "ROOT"]
    return hand_doc(words, heads, deps)


def test_appositions_both_ways(apposition: Doc) -> None:
    name, minister = apposition[1], apposition[6]
    assert phrases.appositions(name) == [minister]
    assert phrases.apposed_to(minister) == name
    assert phrases.apposed_to(name) is None


def test_compounds_and_owners(apposition: Doc) -> None:
    first, name, denmark, prime, minister = apposition[0], apposition[1], apposition[3], apposition[5], apposition[6]
    assert phrases.compounds_of(name) == [first] and phrases.is_compound(first)
    assert phrases.compounds_and_appositions(name) == [first, minister]
    assert phrases.owner_of(denmark) == minister  # a possessive
    assert phrases.owner_of(prime) == minister  # an adjective
    assert phrases.owner_of(name) is None  # a subject narrows nothing
    assert phrases.is_adjective_modifier(prime) and not phrases.is_adjective_modifier(denmark)


def test_governs_follows_the_chain_of_heads(apposition: Doc) -> None:
    assert phrases.governs(apposition[1], apposition[3])  # Denmark -> minister -> Frederiksen
    assert not phrases.governs(apposition[6], apposition[0])
    assert not phrases.governs(apposition[1], apposition[3], depth=1)


def test_subjects_and_the_root(apposition: Doc) -> None:
    name, spoke = apposition[1], apposition[8]
    assert phrases.is_subject(name) and phrases.subjects_of(spoke) == [name]
    assert phrases.is_root(spoke) and not phrases.is_root(name)


def test_phrase_modifiers_climb_the_apposition_to_the_name(apposition: Doc) -> None:
    found = {t.text for t in phrases.phrase_modifiers(apposition[6])}
    assert {"Denmark", "prime", "Frederiksen", "Mette"} <= found


def test_left_modifiers_of_a_noun(hand_doc: HandDoc) -> None:
    doc = hand_doc(["the", "US", "and", "Danish", "proposal"], [4, 4, 1, 1, 4],
                   ["det", "compound", "cc", "conj", "ROOT"])
    assert phrases.left_modifiers(doc[4]) == [doc[1]]


def test_coordination(hand_doc: HandDoc) -> None:
    doc = hand_doc(["Sweden", "and", "Norway", "protested"], [3, 0, 0, 3], ["nsubj", "cc", "conj", "ROOT"])
    assert phrases.coordinated(doc[0]) == (doc[0], doc[2])
    assert phrases.conjoined_to(doc[2]) == doc[0]
    assert phrases.conjoined_to(doc[0]) is None


def test_prepositions_and_their_objects(hand_doc: HandDoc) -> None:
    doc = hand_doc(["the", "president", "of", "Armenia", "and", "Georgia"], [1, 1, 1, 2, 3, 3],
                   ["det", "ROOT", "prep", "pobj", "cc", "conj"])
    assert phrases.prepositions(doc[1], frozenset({"of", "in"})) == [doc[2]]
    assert phrases.prepositions(doc[1], frozenset({"from"})) == []
    assert phrases.objects_of_preposition(doc[2]) == [doc[3]]
    assert phrases.is_object(doc[3])


def test_clausal_subjects_count_only_when_asked(hand_doc: HandDoc) -> None:
    doc = hand_doc(["leaving", "angered", "Iran"], [1, 1, 1], ["csubj", "ROOT", "dobj"])
    assert not phrases.is_subject(doc[0]) and phrases.is_subject(doc[0], with_clauses=True)
    assert phrases.subjects_of(doc[1]) == [] and phrases.subjects_of(doc[1], with_clauses=True) == [doc[0]]


def test_dative_objects_count_only_when_asked(hand_doc: HandDoc) -> None:
    doc = hand_doc(["they", "gave", "them", "aid"], [1, 1, 1, 1], ["nsubj", "ROOT", "dative", "dobj"])
    assert not phrases.is_object(doc[2]) and phrases.is_object(doc[2], with_dative=True)
    assert phrases.is_object(doc[3])


def test_narrowing_modifiers_and_adjectives(hand_doc: HandDoc) -> None:
    group = hand_doc(["the", "rebel", "group"], [2, 2, 2], ["det", "compound", "ROOT"])
    bare = hand_doc(["the", "group"], [1, 1], ["det", "ROOT"])
    assert phrases.has_narrowing_modifier(group[2]) and not phrases.has_narrowing_modifier(bare[1])
    mediator = hand_doc(["a", "senior", "international", "mediator"], [3, 3, 3, 3], ["det", "amod", "amod", "ROOT"])
    assert [t.text for t in phrases.adjectives_of(mediator[3])] == ["senior", "international"]


def test_subtree_without_clauses_leaves_out_what_a_clause_on_a_noun_says(hand_doc: Callable[..., Doc]) -> None:
    # "one of three guards shot by Kenyan police": the participle clause is no part of the phrase
    doc = hand_doc(["one", "of", "three", "guards", "shot", "by", "Kenyan", "police"],
                   [0, 0, 3, 1, 3, 4, 7, 5], ["ROOT", "prep", "nummod", "pobj", "acl", "agent", "amod", "pobj"])
    assert [t.text for t in phrases.subtree_without_clauses(doc[0])] == ["one", "of", "three", "guards"]


def test_compound_head_climbs_to_the_noun_a_compound_ends_in(hand_doc) -> None:
    """Hong Kong student groups protested"""
    doc = hand_doc(["Hong", "Kong", "student", "groups", "protested"], [1, 3, 3, 4, 4],
                   ["compound", "compound", "compound", "nsubj", "ROOT"],
                   pos=["PROPN", "PROPN", "NOUN", "NOUN", "VERB"])
    assert phrases.compound_head(doc[2]).text == "groups"
    assert phrases.compound_head(doc[3]).text == "groups"


def test_names_listed_inside_a_misparsed_compound_chain(hand_doc) -> None:
    """US President Trump and Turkish President Erdogan spoke: the parser hung "and Turkish
    President" on "Trump" inside the chain that ends in "Erdogan"."""
    doc = hand_doc(["US", "President", "Trump", "and", "Turkish", "President", "Erdogan", "spoke"],
                   [1, 6, 1, 2, 5, 2, 7, 7],
                   ["compound", "compound", "appos", "cc", "amod", "conj", "nsubj", "ROOT"],
                   pos=["PROPN", "PROPN", "PROPN", "CCONJ", "ADJ", "PROPN", "PROPN", "VERB"])
    assert [t.text for t in phrases.names_listed_inside(doc[6])] == ["Trump", "President"]
    plain = hand_doc(["President", "Erdogan", "spoke"], [1, 2, 2], ["compound", "nsubj", "ROOT"],
                     pos=["PROPN", "PROPN", "VERB"])
    assert phrases.names_listed_inside(plain[1]) == ()
