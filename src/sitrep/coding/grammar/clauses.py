"""Reading a clause off the dependency parse: who is subject, what is object,
and whether the action happened, will happen, must happen or only might.

Pure helpers over spaCy tokens, shared by the event coder.  They encode the
English facts the coder relies on ("will"/"would" mark intent, "may"/"could"
and "if" mark hypotheticals that are not coded, "must"/"should" in reported
speech turn the clause into a demand), so that ``events.py`` can stay about
events.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

Token = Any  # spaCy Token

VERBAL = frozenset({"VERB", "AUX"})
SUBJECT = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT = frozenset({"nsubjpass", "csubjpass"})
FUTURE_AUX = frozenset({"will", "shall", "would", "'ll", "wo"})
HYPOTHETICAL_AUX = frozenset({"may", "might", "could", "can", "ca"})
OBLIGATION_AUX = frozenset({"must", "should", "ought"})
OBLIGATION_VERBS = frozenset({"need", "have"})  # "needs to", "has to"
BACKGROUND_MARKS = frozenset({"after", "as", "when", "while", "since", "because", "although", "though",
                              "whereas", "following"})
CONDITION_MARKS = frozenset({"if", "unless", "whether", "lest", "until", "before", "once"})
NEGATORS = frozenset({"not", "n't", "never", "no"})
# Clause links the coder follows from a clause it visits, and how deep they go.
SAME_LEVEL = frozenset({"conj"})
DEEPER = frozenset({"advcl", "ccomp", "parataxis"})
REPORTED = frozenset({"ccomp", "parataxis", "xcomp"})
RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "its", "his", "her", "their", "our"})
# Prepositions whose object may be the target of an action, best first.
TARGET_PREPS = ("to", "with", "against", "on", "upon", "at", "toward", "towards", "into", "from", "over",
                "between", "among", "for", "of", "by")
WEAK_TARGET_PREPS = ("in", "inside", "near", "across", "throughout")
QUANTITY_HEADS = frozenset({"hundred", "thousand", "dozen", "million", "group", "number", "member", "tens",
                            "score", "band", "crowd", "team", "delegation", "contingent", "some", "many",
                            "several", "all", "most", "one", "two", "three", "part", "unit"})


class Mood(Enum):
    """What a clause claims about its action."""

    FACT = "fact"  # happened or is happening
    FUTURE = "future"  # will/would happen: coded as intent
    OBLIGATION = "obligation"  # must/should happen: a demand when someone says it
    HYPOTHETICAL = "hypothetical"  # may/could/if: not coded


def aux_lemmas(verb: Token) -> set[str]:
    auxiliaries = (c for c in verb.children if c.dep_ in ("aux", "auxpass"))
    return {c.lower_ if c.lower_ in ("wo", "ca") else c.lemma_.lower() for c in auxiliaries}


def mood(verb: Token) -> Mood:
    """The mood of the clause headed by ``verb``."""
    if any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in verb.children):
        return Mood.HYPOTHETICAL
    aux = aux_lemmas(verb)
    if aux & HYPOTHETICAL_AUX:
        # "cannot accept" is a refusal, read like "will not accept"
        return Mood.FUTURE if is_negated(verb) and "can" in aux else Mood.HYPOTHETICAL
    if aux & OBLIGATION_AUX:
        return Mood.OBLIGATION
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() in OBLIGATION_VERBS and head.i != verb.i:
        return Mood.OBLIGATION
    if aux & FUTURE_AUX:
        return Mood.FUTURE
    return Mood.FACT


def is_negated(token: Token) -> bool:
    """Whether ``token`` carries a negation ("did not", "never", "no longer")."""
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in token.children)


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT or c.dep_ == "auxpass" for c in verb.children)


def children(token: Token, deps: frozenset[str] | set[str] | tuple[str, ...]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb``, or the "by" agent of a passive.

    The parser sometimes hangs the subject on the auxiliary ("X however *have*
    opposed"), so auxiliaries are searched too.
    """
    for child in verb.children:
        if child.dep_ in SUBJECT:
            return child
    for aux in verb.children:
        if aux.dep_ in ("aux", "auxpass"):
            for child in aux.children:
                if child.dep_ in SUBJECT:
                    return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def passive_subject(verb: Token) -> Token | None:
    """The patient of a passive: its subject, or the noun a past participle
    modifies ("three men *killed* in rioting", "the blockade *imposed* last week")."""
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECT:
            return child
    if is_participle_modifier(verb) and verb.tag_ == "VBN":
        return verb.head
    return None


def is_participle_modifier(verb: Token) -> bool:
    """A participle hung on a noun ("men *killed*", "troops *guarding* the border")."""
    return verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBG") and verb.head.pos_ in ("NOUN", "PROPN", "PRON")


def antecedent(token: Token) -> Token:
    """The noun a relative pronoun stands for ("the men *who* were arrested" -> men);
    any other token is returned as it is."""
    if token.tag_ not in RELATIVE_TAGS:
        return token
    clause = token.head
    if clause.dep_ not in ("relcl", "acl"):
        clause = clause.head  # "whose *slaying*": "whose" hangs on a noun of the clause
    if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
        return clause.head
    return token


def inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it is conjoined to or controlled by.

    "X met Y and signed a deal" (conj), "X killed two, wounding five" (advcl
    participle), "X agreed to go" (xcomp): the second verb has no subject of its
    own and takes the first one's.  After a passive ("X was indicted and will
    resign") that is the passive subject, unless the verb continues the passive
    ("X was arrested and charged by Y"), when it is the agent.
    """
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and not children(verb, ("aux", "auxpass")):
        return None  # "*When asked*, X said": X is the one asked, not the asker
    if is_participle_modifier(verb):
        return verb.head if verb.tag_ == "VBG" else None  # "troops *guarding* the border"
    token = verb
    while token.dep_ in ("conj", "xcomp", "advcl") and token.head.i != token.i:
        head = token.head
        active = next((c for c in head.children if c.dep_ in SUBJECT), None)
        if active is not None:
            return active
        if is_passive(head):
            continues = verb.tag_ == "VBN" and not children(verb, ("aux", "auxpass"))
            return subject_of(head) if continues else passive_subject(head)
        token = head
    return None


def direct_objects(verb: Token) -> list[Token]:
    found = children(verb, ("dobj", "dative", "obj", "attr", "oprd"))
    return found + [c for tok in found for c in tok.conjuncts]


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the listed prepositions hanging off ``token``, in the order of ``preps``."""
    return [pobj for group in prep_groups(token, preps) for pobj in group]


def prep_groups(token: Token, preps: tuple[str, ...]) -> list[list[Token]]:
    """Like ``prep_objects`` but one list per preposition, so the best one can win."""
    by_prep: dict[str, list[Token]] = {}
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    by_prep.setdefault(child.lower_, []).extend([pobj, *pobj.conjuncts])
    return [by_prep[prep] for prep in preps if prep in by_prep]


def infinitive_complement(token: Token) -> Token | None:
    """The to-infinitive a verb or noun governs ("agreed *to send*", "plan *to hold*")."""
    for child in token.children:
        if child.dep_ not in ("xcomp", "acl", "ccomp", "advcl") or child.pos_ not in VERBAL:
            continue
        if child.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return past_prefix(child)
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
        if child.dep_ == "ccomp" or (child.dep_ in ("acl", "relcl") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children)):
            return child
    return None


def reported_clauses(verb: Token) -> list[Token]:
    """What a speech verb reports: its that-clauses and parenthetical clauses."""
    found = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.pos_ in VERBAL]
    # "X said on Monday it would ..." is sometimes parsed with the speech verb as the
    # dependent: the reported verb is then the head.
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.pos_ in VERBAL and not found:
        found.append(verb.head)
    return found


def is_reduced_relative(token: Token) -> bool:
    """A past-tense verb hung on a noun without a subject of its own ("X *carried out* ...")."""
    return token.dep_ == "acl" and token.tag_ in ("VBD", "VBN") and subject_of(token) is None


def purpose_clause(verb: Token) -> Token | None:
    """The infinitival adverbial clause of ``verb`` ("launched operations *to detain* ...")."""
    return next((c for c in verb.children if c.pos_ in VERBAL and is_purpose_clause(c)), None)


def gapped_pairs(verb: Token) -> list[tuple[Token, Token]]:
    """Gapping: "Chile pledged 300 engineers, *Peru 150*" repeats the verb for Peru.

    The parser hangs the second pair on the object as an apposition (or a
    conjunct) that is a name carrying its own number: (name, number) pairs.
    """
    pairs = []
    for obj in children(verb, ("dobj",)):
        for child in obj.children:
            if child.dep_ not in ("appos", "conj") or child.pos_ != "PROPN":
                continue
            number = next((n for n in child.children if n.dep_ == "nummod" or n.like_num), None)
            if number is not None:
                pairs.append((child, number))
    return pairs


TOPIC_PREPS = frozenset({"about", "of", "in", "on", "over", "for", "to", "regarding", "concerning", "with"})


def is_topic_gerund(verb: Token) -> bool:
    """A gerund after a topic preposition ("skeptical *about providing* cash", "the
    importance *of keeping* troops"): what is talked about, not an event reported;
    a time preposition ("*after being* attacked") is a backdrop and still news."""
    return verb.dep_ == "pcomp" and verb.head.lower_ in TOPIC_PREPS


def is_infinitive(verb: Token) -> bool:
    """A to-infinitive ("*to hold* talks")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_purpose_clause(verb: Token) -> bool:
    """An infinitival adverbial clause ("... to demand reforms"): the aim, not an event."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def is_participle(verb: Token) -> bool:
    """A subjectless -ing/-ed adverbial clause that elaborates its head clause."""
    return verb.dep_ == "advcl" and verb.tag_ in ("VBG", "VBN") and subject_of(verb) is None


def is_background(verb: Token) -> bool:
    """A time or reason clause ("*after* X attacked", "*as* police cracked down"): backdrop, not news."""
    marks = (c for c in verb.children if c.dep_ == "mark")
    return verb.dep_ == "advcl" and any(c.lower_ in BACKGROUND_MARKS for c in marks)


def clause_links(verb: Token) -> list[tuple[Token, int]]:
    """Dependent clauses to visit next, with the depth they add (0 or 1)."""
    found = []
    for child in verb.children:
        if child.pos_ not in VERBAL:
            continue
        if child.dep_ in SAME_LEVEL:
            found.append((child, 0))
        elif child.dep_ in DEEPER:
            found.append((child, 1))
    return found


def noun_phrase_head(token: Token) -> Token:
    """The noun a quantity stands for: "hundreds of *workers*", "a group of *rebels*"."""
    if token.lemma_.lower() in QUANTITY_HEADS or token.pos_ == "NUM":
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj":
                        return pobj
    return token


def phrase_text(token: Token, limit: int = 8) -> str:
    """Short text of the noun phrase headed by ``token`` (no clauses, appositions or commas)."""
    skip = {"relcl", "acl", "appos", "punct", "cc", "conj", "parataxis", "advcl"}
    keep = [token]
    stack = [c for c in token.children if c.dep_ not in skip]
    while stack:
        node = stack.pop()
        keep.append(node)
        stack.extend(c for c in node.children if c.dep_ not in skip)
    keep.sort(key=lambda t: t.i)
    # Keep a contiguous window around the head so that the text reads naturally.
    start = max(0, keep.index(token) - limit + 1)
    window = keep[start : start + limit]
    return " ".join(t.text for t in window if t.dep_ != "det" or t.i == token.i).strip()


def is_pronoun(token: Token) -> bool:
    return token.pos_ == "PRON" or token.lower_ in PRONOUNS
