"""Where and when in the parse: prepositional phrases of place, the clause a trigger heads, tense.

The places stage asks which preposition introduces a place name ("*in* Nuuk"),
what that phrase hangs on (the trigger, its object, another verb), and which
word carries a multi-word name's role ("in California's Riverside County").
The dates stage asks which clause a time expression belongs to and whether the
trigger speaks of the future.  Both find the trigger's token and clause here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sitrep.coding.grammar.labels import (
    ADJECTIVE,
    ADVERB,
    ADVERBIAL_CLAUSE,
    APPOSITION,
    AUXILIARIES,
    COMPOUND,
    CONJUNCT,
    DIRECT_OBJECTS,
    NOMINAL_SUBJECTS,
    NOUN_MODIFIERS,
    POSSESSIVE,
    PREP_OBJECT,
    PREPOSITION,
)
from sitrep.nlp.types import Span, Token

VERBAL = frozenset({"VERB", "AUX"})
NOUNS = frozenset({"NOUN", "PROPN"})
PLACE_PREPOSITIONS = frozenset(
    {
        "in",
        "to",
        "at",
        "near",
        "into",
        "inside",
        "across",
        "around",
        "off",
        "toward",
        "towards",
        "within",
        "throughout",
        "through",
        "over",
        "along",
        "onto",
        "outside",
        "via",
    }
)
# Where an action is aimed rather than where it happens ("sent troops *to* Greenland").
DIRECTIONAL_PREPOSITIONS = frozenset({"to", "into", "toward", "towards", "onto"})
# Nouns that take their place name in an "of" phrase ("the state of Alabama").
PLACE_NOUNS = frozenset(
    {"state", "city", "town", "province", "region", "village", "district", "island", "county",
     # parts of a place: "on the streets of Kinshasa", "on the outskirts of Goma", "in the north of Mali"
     "street", "outskirt", "outskirts", "suburb", "centre", "center", "heart", "part", "north", "south",
     "east", "west"}
)
# Part nouns whose place is reached "on" rather than "in" ("*on* the streets of Kinshasa").
ON_PLACE_NOUNS = frozenset({"street", "outskirt", "outskirts", "edge"})
# Nouns of travel whose "to" phrase says where the traveller is, not where an act is aimed
# ("voiced opposition during a *visit* to the Czech Republic").
TRAVEL_NOUNS = frozenset({"visit", "trip", "tour", "stopover"})
# A name that modifies a noun is a nationality or a label ("U.S. officials", "the Greenland
# exercise"); a possessor ("Greenland's foreign minister") is left out: it still names a place.
NAME_MODIFIERS = NOUN_MODIFIERS - {POSSESSIVE}
# Modifiers that say which one of a kind a noun is ("the capital *of Kenya*", "*Kenya's*
# capital", "the *Afghan* capital", "the capital, *Nairobi*").
IDENTIFYING_MODIFIERS = frozenset({PREPOSITION, POSSESSIVE, ADJECTIVE, COMPOUND, APPOSITION})
# How a name is hung on the place it lies in or is listed with ("Mindanao, *Philippines*").
NAME_LINKS = frozenset({APPOSITION, CONJUNCT})


def preposition_of(token: Token) -> Token | None:
    """The preposition whose object ``token`` is ("in *Nuuk*" -> in), else None."""
    return token.head if token.dep_ == PREP_OBJECT else None


def place_preposition(token: Token) -> Token | None:
    """The place preposition whose object ``token`` is ("*in* Nuuk", "*near* the border",
    "*on* the streets of ..."), else None."""
    prep = preposition_of(token)
    if prep is None:
        return None
    if prep.lower_ in PLACE_PREPOSITIONS or (prep.lower_ == "on" and token.lemma_.lower() in ON_PLACE_NOUNS):
        return prep
    return None


def is_travel_noun(token: Token) -> bool:
    """"a *visit* to X", "a *trip* to X": its "to" phrase is where the traveller is."""
    return token.lemma_.lower() in TRAVEL_NOUNS


def sharing_clauses(verb: Token) -> list[Token]:
    """Clauses whose adjuncts of place are the verb's too when it has none of its own: a later
    conjoined verb with no subject of its own, whose adjuncts close both ("killed four
    militants *and arrested* ten in raids in X"), and an active participle adjunct with no
    subject ("*Speaking* in Brussels, she condemned ..."; a passive one, "..., *announced* by
    X in Y", describes something else).  An earlier conjunct's places are not
    shared: "criticized the policy in X and called for ..." does not call in X."""
    return [c for c in verb.children if c.pos_ in VERBAL and not _has_subject(c)
            and (c.dep_ == CONJUNCT or (c.dep_ == ADVERBIAL_CLAUSE and c.tag_ == "VBG"))]


def is_adjunct_place(root: Token, verb: Token) -> bool:
    """Whether a place phrase is an adjunct of ``verb``: its preposition hangs on the verb
    ("*in Brussels*") or on the object of one of the verb's prepositions ("in raids *in X*")."""
    prep = place_preposition(root)
    if prep is None:
        return False
    holder = prep.head
    return holder.i == verb.i or (preposition_of(holder) is not None and holder.head.head.i == verb.i)


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in NOMINAL_SUBJECTS for c in verb.children)


def says_here(verb: Token) -> bool:
    """Whether the clause says its act happened *here* (the wire's dateline city)."""
    return any(c.dep_ == ADVERB and c.lower_ == "here" for c in verb.children)




def governor_of(holder: Token) -> Token:
    """The word a phrase's holder hangs on, through a preposition: the head of "marchers" in
    "fired at marchers" is "fired"."""
    return holder.head.head if holder.dep_ == PREP_OBJECT else holder.head


def has_identifying_modifier(noun: Token) -> bool:
    """Whether a modifier says which one ``noun`` is (``IDENTIFYING_MODIFIERS``)."""
    return any(c.dep_ in IDENTIFYING_MODIFIERS for c in noun.children)


def modifies_noun(token: Token) -> bool:
    """Whether ``token`` modifies a noun as a compound or adjective ("*U.S.* officials")."""
    return token.dep_ in NAME_MODIFIERS and token.head.pos_ in NOUNS






def place_name_root(root: Token) -> Token:
    """The word that carries a place name's role in the clause: the head of the name it sits
    in ("Baghdad International Airport"), of its possessor phrase ("in California's Riverside
    County court"), of "the state of Alabama", and the place it is in apposition to or listed
    with ("in Mindanao, Philippines", "in Denmark, France and Norway")."""
    for _ in range(4):
        head = root.head
        if root.dep_ == COMPOUND and head.pos_ == "PROPN" and head.i > root.i:
            root = head
        elif root.dep_ == POSSESSIVE and place_preposition(head) is not None:
            root = head
        elif root.dep_ == PREP_OBJECT and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
            root = head.head
        elif root.dep_ in NAME_LINKS and head.pos_ == "PROPN" and head.dep_ == PREP_OBJECT:
            root = head
        else:
            break
    return root


def clause_head(token: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself when it is a verb)."""
    current = token
    while current.pos_ not in VERBAL and current.head.i != current.i:
        current = current.head
    return current


def trigger_token(sentence: Span, trigger: str | None) -> Token:
    """The token of ``sentence`` that carries an event: its trigger word, else the sentence root.

    The events stage records the trigger as text; the first word of it that appears in
    the sentence (as written or as lemma) is taken, verbs first.
    """
    words = {w.lower() for w in trigger.split()} if trigger else set()
    if not words:
        return sentence.root  # nothing to look for: spare reading every word of the sentence
    hits = [t for t in sentence if t.lower_ in words or t.lemma_.lower() in words]
    verbs = [t for t in hits if t.pos_ in VERBAL]
    return (verbs or hits or [sentence.root])[0]


def auxiliary_words(verb: Token) -> set[str]:
    """The auxiliaries of ``verb``, lower-cased as written ("will", "to", "'ll")."""
    # shared: may move to grammar/clauses.py
    return {c.lower_ for c in verb.children if c.dep_ in AUXILIARIES}
