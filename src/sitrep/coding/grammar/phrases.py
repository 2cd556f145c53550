"""Noun phrases: their heads, compounds, appositions, possessives, modifiers and coordination.

The actor rules (``coding.actors.actors`` and the document-level stage) ask these
questions of a noun and never read a dependency label themselves: "which words
qualify this role noun from its left", "what is this name in apposition to",
"is this noun the subject of its clause", "which nouns are joined to it by
*and*".  The label sets are built from ``labels``; where the actor rules ask
deliberately different questions (a subject with or without a clausal one, an
object with or without a dative), both sets are named here and say why.
"""

from __future__ import annotations

from sitrep.coding.grammar import labels
from sitrep.nlp.types import Token

# The words inside a noun phrase that qualify its head from the left ("U.S.", "Danish", "Pentagon", "Iran's").
NOUN_MODIFIERS = labels.NOUN_MODIFIERS
# Modifiers that tie a noun to one owner ("Iran's", "Goma court", "Danish"): without ``nmod``, which
# this English scheme gives to loose attachments; the rules about places standing for their owner and
# about "the group" ask only for these three.
NARROWING_MODIFIERS = frozenset({labels.COMPOUND, labels.ADJECTIVE, labels.POSSESSIVE})
# What may qualify a phrase from inside when its country is sought: the noun modifiers and appositions.
PHRASE_MODIFIERS = NOUN_MODIFIERS | {labels.APPOSITION}
# Subjects. The actors stage links people and pronouns through nominal subjects only; the document
# stage also takes an active clausal subject (a misparse can hang a name there), as it always has.
NOUN_SUBJECTS = labels.NOMINAL_SUBJECTS
NOUN_OR_CLAUSE_SUBJECTS = labels.NOMINAL_SUBJECTS | {"csubj"}
# Objects a pronoun or a definite noun can be; "them" is read as a dative object too ("gave them").
OBJECTS = labels.DIRECT_OBJECTS | {labels.PREP_OBJECT}
OBJECTS_WITH_DATIVE = OBJECTS | {labels.DATIVE}
_PHRASE_MODIFIER_LIMIT = 8  # how many inner modifiers ``phrase_modifiers`` collects
_NAME_CHAIN = 3  # how far ``phrase_modifiers`` climbs a name's compound and apposition chain
_NAME_LINKS = frozenset({labels.COMPOUND, labels.APPOSITION})


# --- heads and the phrase a word belongs to -------------------------------------------------------------------


def governs(head: Token, token: Token, *, depth: int = 6) -> bool:
    """Whether ``token`` sits inside the phrase headed by ``head`` (a few steps up its chain of heads)."""
    for _ in range(depth):
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i == head.i:
            return True
    return False


def is_root(token: Token) -> bool:
    """Whether ``token`` heads its sentence."""
    # shared: may move to grammar/clauses.py
    return token.dep_ == labels.ROOT


def owner_of(token: Token) -> Token | None:
    """The noun ``token`` narrows as a possessive, compound or adjective ("Goma" of "a Goma court")."""
    if token.dep_ not in NARROWING_MODIFIERS or token.head.i == token.i:
        return None
    return token.head


# --- modifiers, compounds, appositions --------------------------------------------------------------------------


def left_modifiers(head: Token) -> list[Token]:
    """The noun modifiers before ``head`` ("US" and "Danish" of "the US and Danish proposal")."""
    return [child for child in head.children if child.dep_ in NOUN_MODIFIERS and child.i < head.i]


def has_narrowing_modifier(token: Token) -> bool:
    """Whether a possessive, compound or adjective narrows ``token`` ("its group", "the rebel group")."""
    return any(child.dep_ in NARROWING_MODIFIERS for child in token.children)


def is_compound(token: Token) -> bool:
    """Whether ``token`` is a noun compounded onto the next noun ("ministry" of "ministry official")."""
    return token.dep_ == labels.COMPOUND


def compound_head(token: Token) -> Token:
    """The noun a compound chain ends in ("*groups*" of "student groups")."""
    for _ in range(4):
        if not is_compound(token) or token.head.i <= token.i:
            break
        token = token.head
    return token


def is_adjective_modifier(token: Token) -> bool:
    """Whether ``token`` is an adjective qualifying a noun ("military" of "military exercises")."""
    return token.dep_ == labels.ADJECTIVE


def adjectives_of(head: Token) -> list[Token]:
    """The adjectives qualifying ``head`` ("senior", "international" of "a senior international mediator")."""
    return [child for child in head.children if child.dep_ == labels.ADJECTIVE]


def compounds_of(head: Token) -> list[Token]:
    """The nouns compounded onto ``head`` ("commissioner" and "Albert" of "commissioner Albert Muchanga")."""
    return [child for child in head.children if child.dep_ == labels.COMPOUND]


def compounds_and_appositions(head: Token) -> list[Token]:
    """Compounds and appositions of ``head``: the words a name beside a title hangs on."""
    return [child for child in head.children if child.dep_ in _NAME_LINKS]


def appositions(head: Token) -> list[Token]:
    """The phrases in apposition to ``head`` ("Denmark's prime minister" beside "Mette Frederiksen")."""
    return [child for child in head.children if child.dep_ == labels.APPOSITION]


def apposed_to(token: Token) -> Token | None:
    """The head ``token`` stands in apposition to, if it is an apposition."""
    return token.head if token.dep_ == labels.APPOSITION else None


def phrase_modifiers(head: Token) -> list[Token]:
    """Tokens that qualify a noun phrase from inside: its compounds, adjectives and appositions, and theirs.

    Climbs a name's compound and apposition chain first ("Iranian airline Mahan Air": "Iranian"
    qualifies "airline", which "Air" hangs on), so a name finds the nationality given beside it.
    """
    found: list[Token] = []
    stack = [child for child in head.children if child.dep_ in PHRASE_MODIFIERS]
    up = head
    for _ in range(_NAME_CHAIN):
        if up.dep_ not in _NAME_LINKS or up.head.i == up.i:
            break
        up = up.head
        stack.append(up)
    while stack and len(found) < _PHRASE_MODIFIER_LIMIT:
        tok = stack.pop()
        found.append(tok)
        stack.extend(child for child in tok.children if child.dep_ in PHRASE_MODIFIERS)
    return found


# --- coordination -------------------------------------------------------------------------------------------------


def coordinated(token: Token) -> tuple[Token, ...]:
    """``token`` and the words joined to it by a conjunction ("Sweden", "Norway" of "Sweden and Norway")."""
    return (token, *token.conjuncts)


def names_listed_inside(token: Token) -> tuple[Token, ...]:
    """Names joined by "and" that the parser hung inside one name's compound chain: in "US
    President Donald Trump and Turkish President X spoke", "X" heads a chain whose "Trump"
    has the second "President" as its conjunct; the two names are a list, not one name."""
    if token.pos_ != "PROPN":
        return ()
    found: list[Token] = []
    stack = [c for c in compounds_and_appositions(token) if c.i < token.i]
    while stack:
        inner = stack.pop()
        if inner.conjuncts and inner.pos_ == "PROPN":
            found.extend((inner, *inner.conjuncts))
        stack.extend(c for c in compounds_and_appositions(inner) if c.i < token.i)
    return tuple(found)


def conjoined_to(token: Token) -> Token | None:
    """The first conjunct ``token`` is joined to ("helicopters" of "Israeli helicopters and tanks")."""
    return token.head if token.dep_ == labels.CONJUNCT else None


# --- prepositional phrases on a noun or verb ----------------------------------------------------------------------


def prepositions(head: Token, words: frozenset[str]) -> list[Token]:
    """The prepositions among ``words`` attached to ``head`` ("of" in "the president of Armenia")."""
    return [child for child in head.children if child.dep_ == labels.PREPOSITION and child.lower_ in words]


def objects_of_preposition(prep: Token) -> list[Token]:
    """The objects of a preposition ("Armenia" of "of Armenia")."""
    return [child for child in prep.children if child.dep_ == labels.PREP_OBJECT]


# --- subjects and objects a noun phrase can be --------------------------------------------------------------------


def is_subject(token: Token, *, with_clauses: bool = False) -> bool:
    """Whether ``token`` is the subject of its clause (``with_clauses``: an active clausal subject too)."""
    return token.dep_ in (NOUN_OR_CLAUSE_SUBJECTS if with_clauses else NOUN_SUBJECTS)


def subjects_of(verb: Token, *, with_clauses: bool = False) -> list[Token]:
    """The subjects of ``verb``'s clause, as ``is_subject`` reads them."""
    # shared: may move to grammar/arguments.py
    return [child for child in verb.children if is_subject(child, with_clauses=with_clauses)]


def is_object(token: Token, *, with_dative: bool = False) -> bool:
    """Whether ``token`` is a direct or prepositional object (``with_dative``: or a dative one)."""
    return token.dep_ in (OBJECTS_WITH_DATIVE if with_dative else OBJECTS)


def subtree_without_clauses(head: Token) -> list[Token]:
    """``head``'s phrase without the clauses on its nouns: "one of two men" of "one of two men killed by
    Israeli bullets" (what the clause says about them is no word of the phrase itself)."""
    cut = {t.i for tok in head.subtree if tok.dep_ in labels.NOUN_CLAUSES and tok.i != head.i for t in tok.subtree}
    return [tok for tok in head.subtree if tok.i not in cut]
