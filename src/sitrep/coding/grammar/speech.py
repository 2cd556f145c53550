"""Reporting clauses: the cue verb, who speaks, what is reported; and who holds a position.

The quotes stage asks: is this "according to"?  Who is the speaker of a cue
("X said", "..., saying", "the agency quoted X as saying", "according to X")?
What clause does the cue report ("said (that) ...", "vowed to ...")?  What
does a stance verb take as its object ("accused X of ...")?  The stances
stage asks the matching questions of a position verb or noun: who holds it,
what it is on, who owns a proposal.  Both read the parse only through here.

Label sets are built from ``labels`` and differ on purpose where the two
questions differ (``CUE_CLIMB`` against ``HOLDER_CLIMB``, ``CUE_OBJECTS``
against ``POSITION_OBJECTS``); each says why.
"""

from __future__ import annotations

from sitrep.coding.grammar import labels as L
from sitrep.nlp.types import Span, Token

VERBAL = frozenset({"VERB", "AUX"})
ACCORDING = "according"  # "according to X": the one cue that is not a verb
RELATIVE_WORDS = frozenset({"who", "that", "which"})
WITHHOLDING_VERBS = frozenset({"decline", "refuse"})  # "declined to say": speech that did not happen
CLIMB_STEPS = 3  # clauses climbed from a verb to find its subject
CONTROLLERS = frozenset({"PROPN", "PRON"})  # objects that may do an infinitive's speaking

# A speaker is an active subject: the passive subject of "was told" is the one who heard.
SPEAKER_SUBJECTS = L.ACTIVE_SUBJECTS
# From a cue without a subject of its own to the clause it hangs on: participles ("..., saying"),
# conjoined and relative clauses, and reported clauses ("he said, adding ...").
CUE_CLIMB = L.SUBORDINATE | L.SAME_LEVEL | L.NOUN_CLAUSES | {L.OPEN_COMPLEMENT}
# A speech noun's content clause: "the claim *that ...*" (the parser says acl or ccomp, or relcl
# though its "that" is a marker, not the pronoun a relative clause has: ``_has_that``).
NOUN_CLAIM_CLAUSES = frozenset({L.CLAUSAL_MODIFIER, L.CLAUSAL_COMPLEMENT, L.RELATIVE_CLAUSE})
# What a stance cue is said about: "called him an opportunist", "told reporters", "accused X of ...".
CUE_OBJECTS = L.DIRECT_OBJECTS | {L.OBJECT_PREDICATE, L.CLAUSAL_COMPLEMENT, L.OPEN_COMPLEMENT, L.DATIVE}
CUE_OBJECT_PREPS = frozenset({"of", "for", "as"})  # "accused X of", "blamed X for", "described X as"
# What a speech cue with no clause nor object is about: the phrase of one of these ("complained
# *about* ...", "spoke *of* ...").
TOPIC_PREPS = frozenset({"about", "of", "against"})  # not "on": "spoke on condition of anonymity"

# A position's holder is its subject, active or passive ("Greenland will not be sold").
HOLDER_SUBJECTS = L.NOMINAL_SUBJECTS
# Like CUE_CLIMB, but never out of a reported clause: in "X said Denmark refused", X holds no position.
HOLDER_CLIMB = CUE_CLIMB - {L.CLAUSAL_COMPLEMENT, L.PARATAXIS}
# What a position is taken on: the object, the infinitive ("refused to negotiate"), the that-clause.
POSITION_OBJECTS = L.DIRECT_OBJECTS | {L.OPEN_COMPLEMENT, L.CLAUSAL_COMPLEMENT}
POSITION_PREPS = frozenset({"for", "on", "against", "over", "to"})  # "pressed for", "voted against"
# What a stance noun is about: its infinitive or clause ("refusal to negotiate"), or these phrases.
NOUN_COMPLEMENTS = L.NOUN_CLAUSES | {L.OPEN_COMPLEMENT}
NOUN_COMPLEMENT_PREPS = frozenset({"of", "to", "on", "for", "over"})
# A clause inside a phrase that takes a position of its own ("a resolution *backing* ...").
MODIFYING_CLAUSES = L.NOUN_CLAUSES | {L.ADVERBIAL_CLAUSE}
# The words that say whose a proposal is ("the US proposal", "Washington's push").
OWNER_MODIFIERS = L.NOUN_MODIFIERS


# --- cues and speakers ----------------------------------------------------------------------------


def is_according_to(token: Token) -> bool:
    """Whether ``token`` is the "according" of "according to"."""
    return token.lower_ == ACCORDING and any(c.lower_ == "to" for c in token.children)


def according_to_object(cue: Token) -> Token | None:
    """X in "according to X"."""
    to = next((c for c in cue.children if c.lower_ == "to"), None)
    return next((c for c in to.children if c.dep_ == L.PREP_OBJECT), None) if to is not None else None


def quoted_as_object(cue: Token) -> Token | None:
    """The speaker of "the agency quoted Mahathir as saying": the object of "quoted"."""
    prep = cue.head
    if cue.dep_ not in {L.PREP_COMPLEMENT, L.ADVERBIAL_CLAUSE} or prep.lower_ != "as":
        return None
    if prep.head.lemma_.lower() != "quote":
        return None
    return next((c for c in prep.head.children if c.dep_ in L.DIRECT_OBJECTS), None)


def cue_subject(cue: Token) -> Token | None:
    """The subject of a cue verb, climbing from a participle ("..., saying") or an infinitive to
    the clause it hangs on (or to its object: "forced X to admit"), out of a preposition
    ("underlined the call *by saying* ..."), and from a relative "who" to its noun ("the
    ministry, which said ...")."""
    verb = cue
    for _ in range(CLIMB_STEPS):
        subjects = [c for c in verb.children if c.dep_ in SPEAKER_SUBJECTS]
        # of two subjects the nearer: in "“... Full panic mode,” said Ana Rios" the parser makes the
        # quoted "mode" a subject too
        subject = min(subjects, key=lambda c: abs(c.i - verb.i)) if subjects else None
        if subject is not None:
            relative = subject.lower_ in RELATIVE_WORDS and verb.dep_ == L.RELATIVE_CLAUSE
            return verb.head if relative else subject
        if verb.dep_ == L.PREP_COMPLEMENT and verb.head.dep_ == L.PREPOSITION:
            verb = verb.head.head
            continue
        controller = _object_controller(verb)
        if controller is not None:
            return controller
        if verb.dep_ not in CUE_CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _object_controller(verb: Token) -> Token | None:
    """The object that does an infinitive's action: "forced *Stumpf* to admit ...", "asked *her*
    to explain" (object control: the object, not the subject, speaks).  Only a name or a
    pronoun: in "used blunt language to denounce ..." the subject still speaks."""
    if verb.dep_ != L.OPEN_COMPLEMENT or not is_to_infinitive(verb):
        return None
    found = next((c for c in verb.head.children if c.dep_ in L.DIRECT_OBJECTS and c.i < verb.i), None)
    return found if found is not None and found.pos_ in CONTROLLERS else None


def speaker_of(cue: Token) -> Token | None:
    """The token naming who speaks: the object of "according to", the one "quoted as saying",
    else the cue's subject (``cue_subject``)."""
    if cue.lower_ == ACCORDING:
        return according_to_object(cue)
    quoter = quoted_as_object(cue)
    if quoter is not None:
        return quoter
    return cue_subject(cue)


def particle_of(verb: Token) -> Token | None:
    """The particle of a phrasal verb ("pointed *out*", "laid *out*")."""
    return next((c for c in verb.children if c.dep_ == L.PARTICLE), None)


def is_withheld(cue: Token) -> bool:
    """Speech that did not happen: "did not say", "declined to say"."""
    negated = any(c.dep_ == L.NEGATION for c in cue.children)
    return negated or cue.head.lemma_.lower() in WITHHOLDING_VERBS


def speaker_extent(subject: Token) -> Span:
    """The words of a speaker's phrase: appositions and relative clauses kept ("an architect who
    says ..."), participle clauses cut off ("Karaha, speaking at the news conference, ..." is Karaha)."""
    left, right = subject.left_edge.i, subject.right_edge.i + 1
    clauses = [c.left_edge.i for c in subject.rights if c.dep_ == L.CLAUSAL_MODIFIER]
    if clauses:
        right = min(clauses)
    if right - left > 1 and subject.doc[right - 1].dep_ == L.CASE:
        right -= 1  # a possessor speaks without its "'s" ("Trump's claim that ...")
    return subject.doc[left:right]


def is_possessor(name: Span) -> bool:
    """Whether a name owns something rather than being it ("*Dunn's* mother")."""
    return name.root.dep_ == L.POSSESSIVE or any(t.dep_ == L.CASE for t in name)


def is_determiner(token: Token) -> bool:
    """An article or determiner ("the campaign")."""
    # shared: may move to grammar/phrases.py
    return token.dep_ == L.DETERMINER


def is_titled_by(token: Token, title: Token) -> bool:
    """Whether ``token`` hangs under ``title`` within four steps through no preposition but "of":
    "President of Ukraine *Zelenskyy*", "the president, *Ana Rios*", never "the spokesman for
    President *X*"."""
    # shared: may move to grammar/phrases.py
    path: list[Token] = []
    up = token
    while up.i != title.i and up.head.i != up.i and len(path) < 4:
        path.append(up)
        up = up.head
    return up.i == title.i and all(t.dep_ != L.PREPOSITION or t.lower_ == "of" for t in path)


# --- what is reported -----------------------------------------------------------------------------


def is_to_infinitive(verb: Token) -> bool:
    """A verb with "to" ("vowed *to impose*"), not a predicate ("found it *hard*")."""
    return verb.pos_ in VERBAL and any(c.dep_ == L.AUXILIARY and c.lower_ == "to" for c in verb.children)


def content_clause(cue: Token) -> Token | None:
    """The clause a cue reports: its that-clause ("said (that) ..."), else its "to" infinitive.
    Of two clauses the one after the cue: "It is unlikely; the team says she will go on" reports
    "she will go on" (the parser hangs the clause before the semicolon on "says" too)."""
    clauses = [c for c in cue.children if c.dep_ == L.CLAUSAL_COMPLEMENT]
    clause = next((c for c in clauses if c.i > cue.i), clauses[0] if clauses else None)
    if clause is None:
        clause = next((c for c in cue.children if c.dep_ == L.OPEN_COMPLEMENT and is_to_infinitive(c)), None)
    return clause


def content_words(clause: Token) -> list[Token]:
    """The words of a reported clause, its own "that" left out."""
    return [
        t for t in clause.subtree if not (t.dep_ == L.MARKER and t.head.i == clause.i and t.lower_ == "that")
    ]


def noun_claim(noun: Token) -> tuple[Token | None, Token | None]:
    """The owner and the that-clause of a speech noun: "*Trump's* claim that *there were ...*",
    "a *Times* report that ...".  The owner is the possessor, else a name in the compound."""
    clause = next(
        (c for c in noun.rights if c.dep_ in NOUN_CLAIM_CLAUSES and c.pos_ in VERBAL and _has_that(c)), None
    )
    owner = next((c for c in noun.lefts if c.dep_ == L.POSSESSIVE), None)
    if owner is None:
        owner = next((c for c in reversed(list(noun.lefts)) if c.dep_ == L.COMPOUND and c.pos_ == "PROPN"), None)
    return owner, clause


def adjective_claim(adjective: Token) -> tuple[Token | None, Token | None]:
    """The holder and the clause of a belief adjective: "*Democrats* are afraid that *the party may
    lose*" (the adjective complements a copula whose subject holds the belief)."""
    if adjective.dep_ != L.ADJECTIVAL_COMPLEMENT:
        return None, None
    clause = next((c for c in adjective.rights if c.dep_ == L.CLAUSAL_COMPLEMENT and c.pos_ in VERBAL), None)
    return (cue_subject(adjective.head) if clause is not None else None), clause


def _has_that(clause: Token) -> bool:
    """Whether a clause opens with its own "that" (a content clause, not a relative one)."""
    return any(c.dep_ == L.MARKER and c.lower_ == "that" for c in clause.children)


def parenthetical_host(cue: Token) -> Token | None:
    """The verb of the clause a parenthetical cue sits in ("The effects are hard to predict,
    economists say"): the parser hangs "say" on the reported clause instead of the other way round."""
    if cue.dep_ != L.PARATAXIS or cue.head.pos_ not in VERBAL:
        return None
    return cue.head


def cue_objects(cue: Token) -> list[Token]:
    """What a stance cue is about, left to right: objects, complements and "of/for/as" phrases
    after it ("accused Clinton *of lying*", "called him *an opportunist*")."""
    return [
        c
        for c in cue.rights
        if c.dep_ in CUE_OBJECTS or (c.dep_ == L.PREPOSITION and c.lower_ in CUE_OBJECT_PREPS)
    ]


def has_direct_object(cue: Token) -> bool:
    """Whether a cue has a direct object ("called *the plan* a betrayal", not "called for talks")."""
    return any(c.dep_ in L.DIRECT_OBJECTS for c in cue.children)


def cue_object(cue: Token) -> Token | None:
    """The direct object after a cue ("acknowledged *the reality* of climate change"), when it is a
    thing, not a person spoken to or of (a pronoun or a name alone: "denied *it*", "confirmed *Ana*")."""
    thing = next((c for c in cue.rights if c.dep_ in L.DIRECT_OBJECTS), None)
    if thing is None or thing.pos_ not in {"NOUN", "PROPN"} or (thing.pos_ == "PROPN" and thing.n_lefts == 0):
        return None
    return thing


def cue_topic(cue: Token) -> Token | None:
    """What a speech cue with neither clause nor object talks about: the object of its
    "about/of/against" ("complained *about the delays*", "spoke *of a new era*").  The
    object of a speech verb is seldom what was said ("added a clause", "told reporters")."""
    if any(c.dep_ in L.DIRECT_OBJECTS for c in cue.children):
        return None
    prep = next((c for c in cue.rights if c.dep_ == L.PREPOSITION and c.lower_ in TOPIC_PREPS), None)
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in {L.PREP_OBJECT, L.PREP_COMPLEMENT}), None)


# --- positions (stances) --------------------------------------------------------------------------


def holder_of(verb: Token) -> Token | None:
    """Who takes a position: the verb's subject, climbing from infinitives and conjoined
    verbs ("Denmark *refused to negotiate*")."""
    for _ in range(CLIMB_STEPS):
        subject = next((c for c in verb.children if c.dep_ in HOLDER_SUBJECTS), None)
        if subject is not None:
            return subject
        if verb.dep_ not in HOLDER_CLIMB or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def position_objects(verb: Token) -> list[Token]:
    """Heads of the phrases a position is taken on: object, infinitive, that-clause, and the
    objects of "for/on/against/over/to"."""
    heads = []
    for child in verb.children:
        if child.dep_ in POSITION_OBJECTS:
            heads.append(child)
        elif child.dep_ == L.PREPOSITION and child.lower_ in POSITION_PREPS:
            heads += [c for c in child.children if c.dep_ == L.PREP_OBJECT]
    return heads


def is_position_negated(verb: Token) -> bool:
    """A negated verb, or an infinitive under one ("did not want to ...")."""
    if any(c.dep_ == L.NEGATION for c in verb.children):
        return True
    return verb.dep_ == L.OPEN_COMPLEMENT and any(c.dep_ == L.NEGATION for c in verb.head.children)


def has_passive_aux(clause: Token) -> bool:
    """A passive complement ("will not accept *being bought*"): its patient is the subject."""
    return any(c.dep_ == L.PASSIVE_AUXILIARY for c in clause.children)


def governor(noun: Token) -> Token:
    """The word a noun is an argument of: its head, or the head of its preposition
    ("pressed *for* a deal")."""
    return noun.head.head if noun.head.dep_ == L.PREPOSITION else noun.head


def is_modifying_clause(token: Token) -> bool:
    """A clause that modifies a phrase ("a resolution *backing* ...", "the law *that bans* ...")."""
    return token.dep_ in MODIFYING_CLAUSES


def noun_complement(noun: Token) -> Token | None:
    """What a stance noun is about: its clause ("refusal *to negotiate*") or the object of its
    "of/to/on/for/over" phrase, whichever comes first."""
    for child in noun.children:
        if child.dep_ in NOUN_COMPLEMENTS:
            return child
        if child.dep_ == L.PREPOSITION and child.lower_ in NOUN_COMPLEMENT_PREPS:
            return next((c for c in child.children if c.dep_ == L.PREP_OBJECT), None)
    return None


def owner_modifiers(noun: Token) -> list[Token]:
    """The modifiers that may name a noun's owner ("the *US* proposal", "*Washington's* push")."""
    return [c for c in noun.children if c.dep_ in OWNER_MODIFIERS]
