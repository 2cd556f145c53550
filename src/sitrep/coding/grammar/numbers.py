"""Numbers in the parse: how a numeral hangs on what it counts, and what governs the counted noun.

The counts stage (``coding.attributes.counts``) decides *which* words are numbers (its
tables know "dozen" and "several"); this module answers the structural
questions around them: is this numeral part of a bigger number ("2.5" of
"2.5 million"), which noun does a quantity count ("13 *soldiers*", "thousands
of *protesters*"), which verb or predicate says what befell the counted ("killed
two soldiers", "left 300 civilians *dead*", "the toll rose to 50").

Two label sets are built here, and they differ on purpose:

- ``QUANTITY_PARTS``: how a word joins the number it belongs to ("2.5 *million*",
  "*at least* 39", "*tens* of thousands"); an adverb ("at least", "nearly") is a
  part of the quantity.
- ``COUNTING_LINKS``: how a quantity hangs on the noun it counts ("13 soldiers",
  "a 2,500-strong battalion"); an adverb does not count a noun, but the parser
  hangs some figures on their noun as a noun-phrase adverb ("*10* times").

and ``COUNTED_SLOTS``, the slots of a verb in which its action falls on the
counted noun (object, passive subject, object predicate, attribute).
"""

from __future__ import annotations

from sitrep.coding.grammar.arguments import of_object
from sitrep.coding.grammar.labels import (
    ACTIVE_SUBJECTS,
    ADJECTIVAL_COMPLEMENT,
    ADJECTIVE,
    ADVERB,
    ADVERBIAL_CLAUSE,
    AGENT,
    APPOSITION,
    ATTRIBUTE,
    CLAUSAL_MODIFIER,
    COMPOUND,
    CONJUNCT,
    DETERMINER,
    DIRECT_OBJECTS,
    MARKER,
    NOMINAL_SUBJECTS,
    NOUN_CLAUSES,
    NOUN_PHRASE_ADVERB,
    NUMBER,
    OBJECT_PREDICATE,
    OPEN_COMPLEMENT,
    PASSIVE_SUBJECTS,
    POSSESSIVE,
    PREP_COMPLEMENT,
    PREP_OBJECT,
    PREPOSITION,
    QUANTIFIER,
    RELATIVE_CLAUSE,
)
from sitrep.nlp.types import Token

VERBAL = frozenset({"VERB", "AUX"})
NOMINAL = frozenset({"NOUN", "PROPN", "ADJ"})  # an adjective too: "the wounded", "13 dead"
INDEFINITE = frozenset({"a", "an"})
RATE_DETERMINERS = frozenset({"a", "an", "each", "every"})  # "*each* year": how often, not which one

QUANTITY_PARTS = frozenset({NUMBER, ADJECTIVE, DETERMINER, QUANTIFIER, COMPOUND, ADVERB})
COUNTING_LINKS = (QUANTITY_PARTS - {ADVERB}) | {NOUN_PHRASE_ADVERB}
# Nominal subjects only: a clausal subject (csubj) is a clause, never a counted noun.
ACTIVE_NOMINAL = ACTIVE_SUBJECTS & NOMINAL_SUBJECTS
PASSIVE_NOMINAL = PASSIVE_SUBJECTS & NOMINAL_SUBJECTS
COUNTED_SLOTS = DIRECT_OBJECTS | PASSIVE_NOMINAL | {OBJECT_PREDICATE, ATTRIBUTE}
# Where a list of counted things goes on: "killed 150 soldiers, 95 civilians and ..."
LIST_LINKS = frozenset({CONJUNCT, APPOSITION})
LIST_HOLDERS = COUNTED_SLOTS | ACTIVE_NOMINAL | LIST_LINKS
# Modifiers that say what befell a noun: "soldiers *wounded*", "rebels *who died*", "*dead* soldiers".
EVENT_MODIFIERS = frozenset({CLAUSAL_MODIFIER, RELATIVE_CLAUSE, ADJECTIVE})
# The two-word units of the unit table: "*police* officer", "*armed* men".
UNIT_MODIFIERS = frozenset({COMPOUND, ADJECTIVE})
# A predicate of the object ("left them *dead*") and of the subject ("190 were *dead*").
OBJECT_PREDICATES = frozenset({OBJECT_PREDICATE, ADJECTIVAL_COMPLEMENT})
SUBJECT_PREDICATES = frozenset({ADJECTIVAL_COMPLEMENT, ATTRIBUTE, OBJECT_PREDICATE})
# The figures a toll reaches: "exceeded *100*", "was *50*", "rose to *50*".
FIGURE_SLOTS = DIRECT_OBJECTS | {PREP_OBJECT, ATTRIBUTE}
# The slots of an elliptic "as" clause the figure may fill: "as *were* seventeen", "as did *two*".
ELLIPTIC_SLOTS = NOMINAL_SUBJECTS | {ADJECTIVAL_COMPLEMENT, ATTRIBUTE}
ELLIPTIC_VERBS = frozenset({"be", "do", "have"})
# How a phrase hangs on the verb of its clause: "surrounded *by* 120,000 Arabs".
PHRASE_LINKS = frozenset({PREP_OBJECT, PREPOSITION, AGENT})


def is_quantity_modifier(token: Token) -> bool:
    """Whether ``token`` joins its head into one quantity ("2.5" of "2.5 million"): the head
    then speaks for the whole number (the caller checks that the head is a number)."""
    return token.head.i != token.i and token.dep_ in QUANTITY_PARTS


def counted_head(quantity: Token) -> Token | None:
    """The noun a quantity modifies ("13 *soldiers*", "two *dead*"), else None."""
    if quantity.dep_ in COUNTING_LINKS and quantity.head.pos_ in NOMINAL:
        return quantity.head
    return None




def of_holder(noun: Token) -> Token | None:
    """The word an "of" phrase hangs on ("a German *team* of 13 soldiers"), when ``noun``
    is the object of one."""
    if noun.dep_ == PREP_OBJECT and noun.head.lower_ == "of":
        return noun.head.head
    return None


def is_indefinite(token: Token) -> bool:
    """Whether ``token`` carries "a"/"an" ("*a* group of refugees")."""
    return any(c.lower_ in INDEFINITE for c in token.children)


def is_bare_plural(token: Token) -> bool:
    """A plural noun with no determiner ("large *numbers* of men", "*crowds* of protesters"):
    as indefinite as "a number of", unlike "*the* number of personnel"."""
    return token.tag_ == "NNS" and not any(c.dep_ in {DETERMINER, POSSESSIVE} for c in token.children)


def is_distributive(figure: Token) -> bool:
    """Whether a figure is given for each of several ("two *each* from the navy and the police")."""
    return any(c.dep_ in {DETERMINER, ADVERB} and c.lower_ == "each" for c in figure.children)


def is_partitive(quantity: Token) -> bool:
    """A quantity of a definite set ("two of *the* ships", "one of them") names a part, not a count."""
    counted = of_object(quantity)
    if counted is None:
        return False
    return counted.pos_ == "PRON" or any(
        c.dep_ in {DETERMINER, POSSESSIVE} and c.lower_ not in INDEFINITE for c in counted.children
    )


def has_number(noun: Token) -> bool:
    """Whether a numeral modifies ``noun`` ("*two* journalists")."""
    return any(c.dep_ == NUMBER for c in noun.children)


def unit_modifiers(noun: Token) -> list[Token]:
    """The compound and adjective modifiers of a noun ("*police* officers"), in text order."""
    # shared: may move to grammar/phrases.py
    return [c for c in noun.children if c.dep_ in UNIT_MODIFIERS]


def event_modifiers(noun: Token) -> list[Token]:
    """Participles, relative clauses and adjectives on a noun, which may say what befell it."""
    return [c for c in noun.children if c.dep_ in EVENT_MODIFIERS]


def is_relative_clause(token: Token) -> bool:
    """Whether ``token`` heads a relative clause on a noun ("rebels *who died*")."""
    return token.dep_ == RELATIVE_CLAUSE


def object_predicate(verb: Token) -> Token | None:
    """The predicate a verb gives its object ("left 300 civilians *dead*")."""
    return next((c for c in verb.children if c.dep_ in OBJECT_PREDICATES), None)


def subject_predicate(verb: Token) -> Token | None:
    """The predicate a verb gives its subject ("190 were *dead*")."""
    return next((c for c in verb.children if c.dep_ in SUBJECT_PREDICATES), None)


def nominal_subject(verb: Token) -> Token | None:
    """The first active nominal subject of ``verb`` ("*the toll* rose to 50")."""
    # shared: may move to grammar/arguments.py
    return next((c for c in verb.children if c.dep_ in ACTIVE_NOMINAL), None)


def clause_subject(verb: Token) -> Token | None:
    """The first nominal subject of ``verb``, active or passive ("*90 civilians* were wounded")."""
    # shared: may move to grammar/arguments.py
    return next((c for c in verb.children if c.dep_ in NOMINAL_SUBJECTS), None)


def nominal_subjects(verb: Token) -> list[Token]:
    """Every active nominal subject of ``verb`` ("*Germany* sent 13 soldiers")."""
    # shared: may move to grammar/arguments.py
    return [c for c in verb.children if c.dep_ in ACTIVE_NOMINAL]


def has_direct_object(verb: Token) -> bool:
    """Whether ``verb`` has an object of its own (then it is not the list's closing participle)."""
    # shared: may move to grammar/arguments.py
    return any(c.dep_ in DIRECT_OBJECTS for c in verb.children)


def is_attribute(token: Token) -> bool:
    """The predicate noun of a copula ("the dead are *fourteen civilians*")."""
    return token.dep_ == ATTRIBUTE


def is_active_subject(token: Token) -> bool:
    """The active nominal subject of its head ("*four sailors* drowned")."""
    return token.dep_ in ACTIVE_NOMINAL


def is_counted_slot(token: Token) -> bool:
    """Whether ``token`` sits where its head's action falls on it (``COUNTED_SLOTS``)."""
    return token.dep_ in COUNTED_SLOTS


def is_conjunct(token: Token) -> bool:
    return token.dep_ == CONJUNCT


def earlier_list_item(anchor: Token) -> Token | None:
    """The item before ``anchor`` in a list of counted things ("killed 150 soldiers, *95
    civilians*"): its head, when that sits in a verb's slot or is itself a list item."""
    if anchor.dep_ in LIST_LINKS and anchor.head.dep_ in LIST_HOLDERS:
        return anchor.head
    return None


def victims_of(verb: Token, *, with_subject: bool) -> list[Token]:
    """Whom a casualty verb befalls: its objects and passive subjects, and with ``with_subject``
    its active subjects too ("a journalist *died*"), in text order."""
    slots = DIRECT_OBJECTS | PASSIVE_NOMINAL | (ACTIVE_NOMINAL if with_subject else frozenset())
    return [c for c in verb.children if c.dep_ in slots]


def figure_verb(number: Token) -> Token | None:
    """The verb a figure completes ("exceeded *100*", "was *50*", "rose to *50*"), else None."""
    if number.dep_ not in FIGURE_SLOTS:
        return None
    verb = number.head.head if number.dep_ == PREP_OBJECT else number.head
    return verb if verb.pos_ in VERBAL else None


def verbs_sharing_subject(verb: Token) -> list[Token]:
    """``verb`` and the verbs whose unstated subject is its subject: an open complement ("skirted
    the lines *to confront* the troops"), a conjoined verb without a subject of its own, a
    subjectless participle or infinitive after a preposition or as an adverbial ("are ill *after
    fleeing*", "slipped past *to confront* the troops")."""
    found = [verb]
    for child in verb.children:
        if child.pos_ not in VERBAL or any(c.dep_ in NOMINAL_SUBJECTS for c in child.children):
            continue
        if child.dep_ in {OPEN_COMPLEMENT, CONJUNCT} or (child.dep_ == ADVERBIAL_CLAUSE and child.tag_ in {"VBG", "VB"}):
            found.append(child)
    for prep in (c for c in verb.children if c.dep_ == PREPOSITION):
        found.extend(c for c in prep.children if c.dep_ == PREP_COMPLEMENT and c.tag_ == "VBG")
    return found


def elliptic_antecedent(figure: Token) -> Token | None:
    """The verb an elliptic "as" clause repeats ("90 were *wounded*, as were seventeen"), when
    ``figure`` fills that clause; else None."""
    clause = figure.head
    if figure.dep_ not in ELLIPTIC_SLOTS or clause.lemma_.lower() not in ELLIPTIC_VERBS:
        return None
    if clause.dep_ != ADVERBIAL_CLAUSE or not any(c.dep_ == MARKER and c.lower_ == "as" for c in clause.children):
        return None
    return clause.head if clause.head.pos_ in VERBAL else None


def noun_clause_tokens(noun: Token) -> list[Token]:
    """The words of the relative and participial clauses on ``noun`` ("two men *killed by
    Israeli bullets*"): what such a clause names is not part of the noun."""
    return [t for clause in noun.children if clause.dep_ in NOUN_CLAUSES for t in clause.subtree]


def clause_verb(token: Token) -> Token | None:
    """The verb a noun's clause is built on, climbing over prepositions and a passive's "by"
    ("surrounded by 120,000 Arabs" -> surrounded); None when the noun is no verb's."""
    current = token
    while current.dep_ in PHRASE_LINKS and current.head.i != current.i:
        current = current.head
        if current.pos_ in VERBAL:
            return current
    head = current.head
    return head if head.i != current.i and head.pos_ in VERBAL else None


def verbal_children(verb: Token) -> list[Token]:
    """The verbs that hang directly on ``verb`` (a verb joined to it however the parser hung it)."""
    return [c for c in verb.children if c.pos_ in VERBAL]


def relative_antecedent(verb: Token) -> Token | None:
    """The noun a relative clause hangs on ("protests, one of which *drew* ..." -> protests)."""
    return verb.head if verb.dep_ == RELATIVE_CLAUSE else None


def recurs(anchor: Token, adverbs: frozenset[str], periods: frozenset[str]) -> bool:
    """Whether the counted noun, the verb of its clause or a clause on it says the figure recurs each period:
    an adverb ("deaths *annually*"), a period with "a"/"each"/"every" ("die *each year*") or
    after "per" ("drown *per month*").  Such a figure is a rate, not a tally of one event."""
    verb = clause_verb(anchor)
    clauses = [c for c in anchor.children if c.dep_ in EVENT_MODIFIERS and c.pos_ in VERBAL]  # "migrants *drown* ..."
    for holder in [anchor, *([verb] if verb is not None else []), *clauses]:
        for child in holder.children:
            if child.lower_ in adverbs:
                return True
            if child.lemma_.lower() in periods and any(d.lower_ in RATE_DETERMINERS for d in child.children):
                return True
            if child.lower_ == "per" and any(o.lemma_.lower() in periods for o in child.children):
                return True
    return False
