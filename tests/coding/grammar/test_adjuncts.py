"""Where and when in the parse, on hand-built Docs: place phrases, clause heads, triggers, tense."""

from __future__ import annotations

from sitrep.coding.grammar import adjuncts as adj
from sitrep.coding.grammar import arguments as args


def _arrived(hand_doc):
    return hand_doc(["troops", "arrived", "in", "Nuuk"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"],
                    pos=["NOUN", "VERB", "ADP", "PROPN"], lemmas=["troop", "arrive", "in", "Nuuk"])


def test_the_preposition_of_a_place(hand_doc) -> None:
    doc = _arrived(hand_doc)
    assert adj.preposition_of(doc[3]) == doc[2]
    assert adj.place_preposition(doc[3]) == doc[2]
    assert adj.preposition_of(doc[0]) is None
    about = hand_doc(["talks", "about", "Nuuk"], [0, 0, 1], ["ROOT", "prep", "pobj"],
                     pos=["NOUN", "ADP", "PROPN"])
    assert adj.preposition_of(about[2]) == about[1]
    assert adj.place_preposition(about[2]) is None  # "about" is no place preposition


def test_preposition_objects_in_text_order(hand_doc) -> None:
    doc = hand_doc(["troops", "from", "Britain", "of", "Canada", "in", "Nuuk"], [0, 0, 1, 0, 3, 0, 5],
                   ["ROOT", "prep", "pobj", "prep", "pobj", "prep", "pobj"],
                   pos=["NOUN", "ADP", "PROPN", "ADP", "PROPN", "ADP", "PROPN"])
    assert args.preposition_objects(doc[0], ("from", "of")) == [doc[2], doc[4]]
    assert args.preposition_objects(doc[0], ("to",)) == []


def test_the_governor_of_a_phrase_holder(hand_doc) -> None:
    doc = hand_doc(["fired", "at", "marchers", "in", "the", "capital"], [0, 0, 1, 2, 5, 3],
                   ["ROOT", "prep", "pobj", "prep", "det", "pobj"],
                   pos=["VERB", "ADP", "NOUN", "ADP", "DET", "NOUN"])
    assert adj.governor_of(doc[2]) == doc[0]  # through "at"
    subject = _arrived(hand_doc)
    assert adj.governor_of(subject[0]) == subject[1]


def test_modifiers_that_say_which_capital(hand_doc) -> None:
    bare = hand_doc(["in", "the", "capital"], [0, 2, 0], ["ROOT", "det", "pobj"], pos=["ADP", "DET", "NOUN"])
    assert not adj.has_identifying_modifier(bare[2])
    kenya = hand_doc(["the", "capital", "of", "Kenya"], [1, 1, 1, 2], ["det", "ROOT", "prep", "pobj"],
                     pos=["DET", "NOUN", "ADP", "PROPN"])
    assert adj.has_identifying_modifier(kenya[1])
    afghan = hand_doc(["the", "Afghan", "capital"], [2, 2, 2], ["det", "amod", "ROOT"],
                      pos=["DET", "ADJ", "NOUN"])
    assert adj.has_identifying_modifier(afghan[2])


def test_a_name_modifying_a_noun_and_subjects_and_objects(hand_doc) -> None:
    doc = hand_doc(["U.S.", "officials", "visited", "Nuuk"],
                   [1, 2, 2, 2], ["compound", "nsubj", "ROOT", "dobj"],
                   pos=["PROPN", "NOUN", "VERB", "PROPN"])
    assert adj.modifies_noun(doc[0]) and not adj.modifies_noun(doc[3])
    assert args.is_nominal_subject(doc[1]) and not args.is_nominal_subject(doc[3])
    assert args.is_direct_object(doc[3]) and not args.is_direct_object(doc[1])
    owner = hand_doc(["Greenland", "'s", "minister"], [2, 0, 2], ["poss", "case", "ROOT"],
                     pos=["PROPN", "PART", "NOUN"])
    assert not adj.modifies_noun(owner[0])  # a possessor still names a place


def test_the_root_of_a_place_name(hand_doc) -> None:
    airport = hand_doc(["landed", "in", "Baghdad", "International", "Airport"], [0, 0, 4, 4, 1],
                       ["ROOT", "prep", "compound", "compound", "pobj"],
                       pos=["VERB", "ADP", "PROPN", "PROPN", "PROPN"])
    assert adj.place_name_root(airport[2]) == airport[4]
    state = hand_doc(["in", "the", "state", "of", "Alabama"],
                     [0, 2, 0, 2, 3], ["ROOT", "det", "pobj", "prep", "pobj"],
                     pos=["ADP", "DET", "NOUN", "ADP", "PROPN"],
                     lemmas=["in", "the", "state", "of", "Alabama"])
    assert adj.place_name_root(state[4]) == state[2]
    court = hand_doc(["in", "California", "'s", "court"], [0, 3, 1, 0], ["ROOT", "poss", "case", "pobj"],
                     pos=["ADP", "PROPN", "PART", "NOUN"])
    assert adj.place_name_root(court[1]) == court[3]
    listed = hand_doc(["in", "Mindanao", ",", "Philippines"],
                      [0, 0, 1, 1], ["ROOT", "pobj", "punct", "appos"],
                      pos=["ADP", "PROPN", "PUNCT", "PROPN"])
    assert adj.place_name_root(listed[3]) == listed[1]
    assert adj.place_name_root(listed[1]) == listed[1]


def test_clause_head_and_trigger_token(hand_doc) -> None:
    doc = _arrived(hand_doc)
    assert adj.clause_head(doc[3]) == doc[1]
    assert adj.clause_head(doc[1]) == doc[1]
    sentence = doc[0:4]
    assert adj.trigger_token(sentence, "arrived") == doc[1]
    assert adj.trigger_token(sentence, "arrive") == doc[1]  # by lemma
    assert adj.trigger_token(sentence, None) == doc[1]  # the root
    assert adj.trigger_token(sentence, "troops arrived") == doc[1]  # verbs first


def test_auxiliary_words(hand_doc) -> None:
    doc = hand_doc(["Denmark", "will", "meet"], [2, 2, 2], ["nsubj", "aux", "ROOT"],
                   pos=["PROPN", "AUX", "VERB"])
    assert adj.auxiliary_words(doc[2]) == {"will"}
    assert adj.auxiliary_words(doc[0]) == set()


def test_a_later_conjunct_and_an_active_participle_share_their_adjuncts(hand_doc) -> None:
    # "Speaking in Oslo , she condemned it and left"
    doc = hand_doc(
        ["Speaking", "in", "Oslo", ",", "she", "condemned", "it", "and", "left"],
        [5, 0, 1, 5, 5, 5, 5, 5, 5],
        ["advcl", "prep", "pobj", "punct", "nsubj", "ROOT", "dobj", "cc", "conj"],
        pos=["VERB", "ADP", "PROPN", "PUNCT", "PRON", "VERB", "PRON", "CCONJ", "VERB"],
        tags=["VBG", "IN", "NNP", ",", "PRP", "VBD", "PRP", "CC", "VBD"],
    )
    assert [t.text for t in adj.sharing_clauses(doc[5])] == ["Speaking", "left"]
    assert adj.sharing_clauses(doc[8]) == []  # an earlier conjunct's places are its own
    assert adj.is_adjunct_place(doc[2], doc[0])


def test_a_place_inside_an_object_is_no_adjunct(hand_doc) -> None:
    # "allowed deployments in Libya"
    doc = hand_doc(
        ["allowed", "deployments", "in", "Libya"], [0, 0, 1, 2], ["ROOT", "dobj", "prep", "pobj"],
        pos=["VERB", "NOUN", "ADP", "PROPN"],
    )
    assert not adj.is_adjunct_place(doc[3], doc[0])
