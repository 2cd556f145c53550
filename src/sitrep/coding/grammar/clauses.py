"""Reading a clause off the dependency parse: its mood, its negation, how clauses link.

Pure questions over spaCy tokens, asked by the event coder.  They encode the
English facts the coder relies on ("will"/"would" mark intent, "may"/"could"
and "if" mark hypotheticals that are not coded, "must"/"should" in reported
speech turn the clause into a demand), which clause leads to which (conjoined,
adverbial, complement, relative), and what a frame word governs (its
to-infinitive or that-clause), so that ``events`` can stay about events.
Who the arguments of a clause are is ``arguments``.
"""

from __future__ import annotations

from enum import Enum

from sitrep.coding.grammar import labels as L
from sitrep.coding.grammar.arguments import dependents, dependents_except, subject_of
from sitrep.nlp.types import Token

VERBAL = frozenset({"VERB", "AUX"})
FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "can", "ca"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
OBLIGATION_VERBS = frozenset({"need", "have"})  # "needs to", "has to"
BACKGROUND_MARKS = frozenset({"after", "as", "when", "while", "since", "because", "although", "though",
                              "whereas", "following"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest", "until", "before", "once"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# Clause links the coder follows from a clause it visits: beside it (depth 0) or under it (depth 1).
SAME_LEVEL = L.SAME_LEVEL
DEEPER = L.SUBORDINATE
REPORTED = L.REPORTED
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "its", "his", "her", "their", "our"})
# Prepositions whose object may be the target of an action, best first.
TARGET_PREPS = ("to", "with", "against", "on", "upon", "at", "toward", "towards", "into", "from", "over",
                "between", "among", "for", "of", "by")
WEAK_TARGET_PREPS = ("in", "inside", "near", "across", "throughout")
QUANTITY_HEADS = frozenset({"hundred", "thousand", "dozen", "million", "group", "number", "member", "tens",
                            "score", "band", "crowd", "team", "delegation", "contingent", "some", "many",
                            "several", "all", "most", "one", "two", "three", "part", "unit"})
TOPIC_PREPS = frozenset({"about", "of", "in", "on", "over", "for", "to", "regarding", "concerning", "with"})
# Dependents that can hold a to-infinitive of a verb or noun ("agreed *to send*", "plan *to hold*").
INFINITIVE_SLOTS = L.Labels({L.OPEN_COMPLEMENT, L.CLAUSAL_MODIFIER, L.CLAUSAL_COMPLEMENT,
                              L.ADVERBIAL_CLAUSE})
# Predicate adjectives that may frame an event ("is *ready* to", "is *committed* to holding").
PREDICATE_SLOTS = L.Labels({L.ADJECTIVAL_COMPLEMENT, L.OBJECT_PREDICATE})
# Trigger words keep their particle and negation in the trigger text ("carried *out*", "did *not* attack").
TRIGGER_PARTS = L.Labels({L.PARTICLE, L.NEGATION})
# What a short phrase text leaves out: clauses, appositions, punctuation, coordination.
PHRASE_SKIP = L.Labels({L.RELATIVE_CLAUSE, L.CLAUSAL_MODIFIER, L.APPOSITION, L.PUNCTUATION, L.COORDINATOR,
                         L.CONJUNCT, L.PARATAXIS, L.ADVERBIAL_CLAUSE})


class Mood(Enum):
    """What a clause claims about its action."""

    FACT = "fact"  # happened or is happening
    FUTURE = "future"  # will/would happen: coded as intent
    OBLIGATION = "obligation"  # must/should happen: a demand when someone says it
    HYPOTHETICAL = "hypothetical"  # may/could/if: not coded


def aux_lemmas(verb: Token) -> set[str]:
    """The verb's auxiliaries as lemmas ("won't" gives "wo", "can't" "ca")."""
    return _aux_lemmas(dependents(verb, L.AUXILIARIES))


def _aux_lemmas(auxiliaries: list[Token]) -> set[str]:
    return {c.lower_ if c.lower_ in ("wo", "ca") else c.lemma_.lower() for c in auxiliaries}


def marks(verb: Token) -> list[Token]:
    """Subordinating words of the clause ("*if*", "*after*", "*that*")."""
    return dependents(verb, L.MARKERS)


def mood(verb: Token) -> Mood:
    """The mood of the clause headed by ``verb``.

    Asked of every clause the coder visits: the verb's children are read once for its
    marks and its auxiliaries (each walk over them builds the tokens anew)."""
    children = list(verb.children)
    if any(c.dep in L.MARKERS.ids and c.lower_ in CONDITION_MARKS for c in children):
        return Mood.HYPOTHETICAL
    aux = _aux_lemmas([c for c in children if c.dep in L.AUXILIARIES.ids])
    if aux & HYPOTHETICAL_AUX:
        # "cannot accept" is a refusal, read like "will not accept"
        return Mood.FUTURE if is_negated(verb) and "can" in aux else Mood.HYPOTHETICAL
    if aux & OBLIGATION_AUX:
        return Mood.OBLIGATION
    head = verb.head
    if verb.dep_ == L.OPEN_COMPLEMENT and head.lemma_.lower() in OBLIGATION_VERBS and head.i != verb.i:
        return Mood.OBLIGATION
    if aux & FUTURE_AUX:
        return Mood.FUTURE
    return Mood.FACT


def is_negated(token: Token) -> bool:
    """Whether ``token`` carries a negation ("did not", "never", "no longer")."""
    return any(c.dep in L.NEGATIONS.ids or (c.dep in L.ADVERBS.ids and c.lower_ == "never") for c in token.children)


def trigger_parts(word: Token) -> list[Token]:
    """The particles and negations that belong to a trigger word's text."""
    return dependents(word, TRIGGER_PARTS)


def is_open_complement(verb: Token) -> bool:
    """An xcomp: a complement whose subject its head controls ("agreed *to go*")."""
    return verb.dep_ == L.OPEN_COMPLEMENT


def is_clausal_modifier(token: Token) -> bool:
    """A clause hung on a noun ("missiles *targeting* troops", "a plan *to meet*")."""
    return token.dep_ == L.CLAUSAL_MODIFIER


def clausal_modifiers(noun: Token) -> list[Token]:
    """The clauses hung on a noun, in sentence order."""
    return dependents(noun, L.CLAUSAL_MODIFIERS)


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the men *who* were arrested" -> men);
    any other token is returned as it is."""
    if token.tag_ not in RELATIVE_TAGS:
        return token
    clause = token.head
    if clause.dep_ not in L.NOUN_CLAUSES:
        clause = clause.head  # "whose *slaying*": "whose" hangs on a noun of the clause
    if clause.dep_ in L.NOUN_CLAUSES and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return token


def where_antecedent(token: Token) -> Token | None:
    """The place a "where" clause hangs on ("Libya, *where* a civil war is underway" -> Libya),
    for a word of that clause's subject or its head."""
    clause = token.head if token.pos_ not in VERBAL else token
    if clause.dep_ != L.RELATIVE_CLAUSE or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    if not any(c.lower_ == "where" and c.dep_ == L.ADVERB for c in clause.children):
        return None
    return clause.head


def infinitive_complement(token: Token) -> Token | None:
    """The to-infinitive a verb or noun governs ("agreed *to send*", "plan *to hold*")."""
    for child in dependents(token, INFINITIVE_SLOTS):
        if child.pos_ not in VERBAL:
            continue
        if child.dep_ == L.OPEN_COMPLEMENT or is_infinitive(child):
            return past_prefix(child)
    return to_gerund(token)


def to_gerund(token: Token) -> Token | None:
    """The gerund after "to" ("is committed *to holding* talks", "agreed *to ending*"),
    which stands where a to-infinitive would ("is ready *to hold* talks")."""
    for prep in dependents(token, L.PREPOSITIONS):
        if prep.lower_ == "to":
            return next((c for c in dependents(prep, L.PREP_COMPLEMENTS) if c.tag_ == "VBG"), None)
    return None


def is_be_to(verb: Token) -> bool:
    """"X was *to* meet Y": the copula with a to-infinitive of its own is a plan or schedule."""
    return verb.lemma_ == "be" and any(
        c.pos_ in VERBAL and is_infinitive(c) for c in dependents(verb, L.OPEN_COMPLEMENTS))


def scheduled_subject(verb: Token) -> Token | None:
    """The passive subject of an intent verb with an infinitive ("Norway *is set to* meet
    Sweden", "the talks *are scheduled to* resume"): the one who is to act."""
    complement = infinitive_complement(verb)
    if complement is None or not (is_open_complement(complement) or complement.dep_ == L.PREP_COMPLEMENT):
        return None  # "Norway *is committed to* meeting Sweden" too
    return next(iter(dependents(verb, L.NOMINAL_PASSIVE_SUBJECTS)), None)


def readiness_adjective(verb: Token) -> Token | None:
    """"X is ready/willing to ...": the predicate adjective that frames an infinitive."""
    for child in dependents(verb, PREDICATE_SLOTS):
        if infinitive_complement(child) is not None:
            return child
    return None


def past_prefix(token: Token) -> Token:
    """The verb of a hyphenated word the tokenizer split ("to *re*-open", "to *co*-operate"):
    the parser hangs "to" on the prefix, but the last part is the verb that has the objects."""
    doc, i = token.doc, token.i
    while (i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_
           and not doc[i + 1].whitespace_ and doc[i].is_alpha and len(doc[i]) <= 5):
        i += 2
    return doc[i] if doc[i].pos_ in VERBAL else token


def clause_complement(verb: Token) -> Token | None:
    """A that-clause ("demanded *that the US cancel*"); on a noun the parser may call
    it a clausal modifier ("the demand *that Mobutu quit*")."""
    for child in verb.children:
        if child.pos_ not in VERBAL:
            continue
        if child.dep_ == L.CLAUSAL_COMPLEMENT or (child.dep_ in L.NOUN_CLAUSES and any(
                c.lower_ == "that" for c in marks(child))):
            return child
    return None


SAID = L.Labels({L.CLAUSAL_COMPLEMENT, L.PARATAXIS})  # what a speech verb reports


def reported_clauses(verb: Token) -> list[Token]:
    """What a speech verb reports: its that-clauses and parenthetical clauses."""
    found = [c for c in dependents(verb, SAID) if c.pos_ in VERBAL]
    # "X said on Monday it would ..." is sometimes parsed with the speech verb as the
    # dependent: the reported verb is then the head.
    if verb.dep_ in SAID and verb.head.pos_ in VERBAL and not found:
        found.append(verb.head)
    return found


def is_reduced_relative(token: Token) -> bool:
    """A past-tense verb hung on a noun without a subject of its own ("X *carried out* ...")."""
    return token.dep_ == L.CLAUSAL_MODIFIER and token.tag_ in ("VBD", "VBN") and subject_of(token) is None


def purpose_clause(verb: Token) -> Token | None:
    """The infinitival adverbial clause of ``verb`` ("launched operations *to detain* ...")."""
    return next((c for c in verb.children if c.pos_ in VERBAL and is_purpose_clause(c)), None)


def is_topic_gerund(verb: Token) -> bool:
    """A gerund after a topic preposition ("skeptical *about providing* cash", "the
    importance *of keeping* troops"): what is talked about, not an event reported;
    a time preposition ("*after being* attacked") is a backdrop and still news."""
    return verb.dep_ == L.PREP_COMPLEMENT and verb.head.lower_ in TOPIC_PREPS


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive ("*to hold* talks")."""
    return any(c.lower_ == "to" for c in dependents(verb, L.PLAIN_AUXILIARIES))


def is_purpose_clause(verb: Token) -> bool:
    """An infinitival adverbial clause ("... to demand reforms"): the aim, not an event."""
    return verb.dep_ == L.ADVERBIAL_CLAUSE and is_infinitive(verb)


def is_participle(verb: Token) -> bool:
    """A subjectless -ing/-ed adverbial clause that elaborates its head clause."""
    return verb.dep_ == L.ADVERBIAL_CLAUSE and verb.tag_ in ("VBG", "VBN") and subject_of(verb) is None


def is_background(verb: Token) -> bool:
    """A time or reason clause ("*after* X attacked", "*as* police cracked down"): backdrop, not news."""
    return verb.dep_ == L.ADVERBIAL_CLAUSE and any(c.lower_ in BACKGROUND_MARKS for c in marks(verb))


def clause_links(verb: Token) -> list[tuple[Token, int]]:
    """Dependent clauses to visit next, with the depth they add (0 or 1)."""
    found = []
    for child in verb.children:
        if child.pos_ not in VERBAL:
            continue
        if child.dep in SAME_LEVEL.ids:
            found.append((child, 0))
        elif child.dep in DEEPER.ids:
            found.append((child, 1))
    return found


def onset_predicate(noun: Token) -> Token | None:
    """The verb a noun is the subject of, with its particle read in ("clashes *broke out*"):
    the caller decides whether that verb says the event began or went on."""
    if noun.dep_ not in L.NOMINAL_SUBJECTS or noun.head.pos_ not in VERBAL or noun.head.i == noun.i:
        return None
    return noun.head


def is_gerund_subject(token: Token) -> bool:
    """An -ing form tagged as a verb that is the subject of a clause ("*fighting* broke
    out"): it names an event the way a noun does."""
    return token.pos_ in VERBAL and token.tag_ == "VBG" and token.dep_ in L.NOMINAL_SUBJECTS


def attached_clauses(token: Token) -> list[Token]:
    """Participle and adverbial clauses hung on a verb or a noun ("fighting broke out,
    *pitting* A against B")."""
    return [c for c in token.children
            if c.pos_ in VERBAL and c.dep_ in (L.ADVERBIAL_CLAUSE, L.CLAUSAL_MODIFIER)]


# shared: may move to grammar/phrases.py
def noun_phrase_head(token: Token) -> Token:
    """The noun a quantity stands for: "hundreds of *workers*", "a group of *rebels*"."""
    if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM":
        for prep in dependents(token, L.PREPOSITIONS):
            if prep.lower_ == "of":
                for pobj in dependents(prep, L.PREP_OBJECTS):
                    return pobj
    return token


# shared: may move to grammar/phrases.py
def phrase_text(token: Token, limit: int = 8) -> str:
    """Short text of the noun phrase headed by ``token`` (no clauses, appositions or commas)."""
    keep = [token]
    stack = dependents_except(token, PHRASE_SKIP)
    while stack:
        node = stack.pop()
        keep.append(node)
        stack.extend(dependents_except(node, PHRASE_SKIP))
    keep.sort(key=lambda t: t.i)
    # Keep a contiguous window around the head so that the text reads naturally.
    start = max(0, keep.index(token) - limit + 1)
    window = keep[start : start + limit]
    return " ".join(t.text for t in window if t.dep_ != L.DETERMINER or t.i == token.i).strip()


# shared: may move to grammar/phrases.py
def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in PRONOUNS


def denied_by_noun(verb: Token) -> bool:
    """A clause hung on a noun that "no" denies ("there was no evidence *the attacks came
    from* Yemen", "no sign that the talks *resumed*"): what it tells did not happen."""
    head = verb.head
    if verb.dep_ not in L.NOUN_CLAUSES or head.pos_ != "NOUN" or head.i == verb.i:
        return False
    return any(c.dep_ == L.DETERMINER and c.lower_ == "no" for c in head.children)


def relative_clauses(noun: Token) -> list[Token]:
    """Relative clauses and participles hung on a noun ("the airstrike *that killed* X",
    "a bombing *in which five were killed*", "missiles *targeting* US troops")."""
    return dependents(noun, L.NOUN_CLAUSES)


def finite_conjunct_of_infinitive(verb: Token) -> bool:
    """A finite verb the parser conjoins to a to-infinitive ("urged X *to reconsider* and
    *spoke* with Y"): the tense shows it is a second act of the clause above, not part of
    what the infinitive tells."""
    head = verb.head
    return (verb.dep_ == L.CONJUNCT and verb.tag_ in ("VBD", "VBZ") and head.i != verb.i
            and head.tag_ == "VB" and is_infinitive(head))


def predications(clause: Token) -> list[tuple[Token, Token | None]]:
    """What a clause says of its subject, with the object of each word's preposition:
    "X was *behind* Y" (behind, Y), "X was *responsible* for Y" (responsible, Y), "X are
    the *perpetrators*" (perpetrators, None), "X were *involved* in Y" (involved, Y)."""
    if clause.lemma_.lower() == "be":
        words = dependents(clause, (L.ATTRIBUTE, L.ADJECTIVAL_COMPLEMENT, L.PREPOSITION))
        # "the crash was "likely" *Iran's doing*": the parser hangs the noun on the hedge
        words += [n for w in words if w.dep_ == L.ADJECTIVAL_COMPLEMENT
                  for n in dependents(w, (L.CLAUSAL_COMPLEMENT, L.ATTRIBUTE)) if n.pos_ in ("NOUN", "PROPN")]
    elif dependents(clause, tuple(L.PASSIVE_SUBJECTS)):
        words = [clause]
    else:
        return []
    found: list[tuple[Token, Token | None]] = []
    for word in words:
        preps = [word] if word.dep_ == L.PREPOSITION else dependents(word, (L.PREPOSITION,))
        objects = [o for p in preps for o in dependents(p, (L.PREP_OBJECT,))]
        found.append((word, objects[0] if objects else None))
    return found


def predicated_subject(clause: Token) -> Token | None:
    """Whom a copular or passive clause speaks of: its subject, or a passive's patient
    even when the participle is stative ("foreign agents *were involved*")."""
    found = dependents(clause, (*L.NOMINAL_SUBJECTS,))
    return found[0] if found else None
