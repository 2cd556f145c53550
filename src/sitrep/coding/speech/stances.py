"""Stances: each actor's position on the issues a document argues about.

Find, then write.  ``find_stances`` returns ``Stance`` records (actor, issue,
polarity +1/-1/0, evidence sentence); ``process`` stores them in ``doc.stances``.

Where a position is read (``data/stance_words.tsv``)
    * A stance verb and its subject: +1 presses, supports, demands, wants, accepts;
      -1 rejects, condemns, opposes, refuses; 0 considers, studies, weighs.  The issue
      is read from the verb's object, its "for/on/against/over" phrase, or its
      infinitive ("refused to negotiate over Greenland's sovereignty").  A negated
      verb turns support into opposition ("will not accept being bought") and
      opposition into a neutral position ("did not rule out").
    * A stance noun in the object multiplies in: backing "the government's refusal to
      negotiate over X" is opposition to X.
    * A proposal noun names an issue its owner presses: "the US proposal", "its demand
      for control of the Arctic island", "Washington's push" give the owner +1.
    * A quotation that names an issue and denies it ("control of Greenland is not on
      the table", "Greenland will not be traded away") gives its speaker -1.

How an issue is named, so that stances add up across documents (``name_issue``)
    1. ``data/issues.tsv``: the first pattern matching the phrase gives the canonical
       name ("US control of Greenland") and a sign (supporting "Denmark's sovereignty
       over Greenland" is opposing US control of it).
    2. A proposal noun whose owner is the proponent of an issue already named in the
       same document is that issue ("Denmark rejected the US proposal" after "the United
       States repeated its demand for control of the Arctic island").
    3. Otherwise a proposal noun with an owner is named "<owner country> <noun>"
       ("Russia proposal", "China plan"): the same owner and head noun give the same
       issue everywhere, however the owner is written (Beijing's plan, the Chinese plan).
    Phrases that match none of these carry no issue and give no stance.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sitrep.coding.actors.actors import actors_for_token, mention_at
from sitrep.coding.grammar import speech
from sitrep.models import Actor, Document, Stance
from sitrep.nlp.types import Doc, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

NEGATION = re.compile(r"\b(not|no|never|n't|nothing)\b", re.IGNORECASE)
Position = tuple[Actor, str, int]  # (actor, issue, polarity)
StanceKey = tuple[tuple[str | None, str | None, str | None, str], str, int]  # actor, issue, sentence


@dataclass(frozen=True)
class Issue:
    """A row of ``data/issues.tsv``."""

    name: str
    proponent: str | None
    sign: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class StanceWords:
    verbs: dict[str, int]
    nouns: dict[str, int]
    proposals: frozenset[str]


@dataclass(frozen=True)
class Reading:
    """What the rules share while reading one document: its parse, the stance words, the issue
    table, and the table issues the document names (by proponent country, for rule 2)."""

    doc: Document
    parsed: Doc
    words: StanceWords
    issues: tuple[Issue, ...]
    named: dict[str, Issue]


def issue_table(resources: Resources) -> tuple[Issue, ...]:
    """Canonical issues with their compiled patterns, from ``data/issues.tsv``."""
    return tuple(
        Issue(name, proponent or None, int(sign), re.compile(pattern))
        for name, proponent, sign, pattern in resources.rows("issues.tsv", 4)
    )


def stance_words(resources: Resources) -> StanceWords:
    """Stance verbs, stance nouns and proposal nouns from ``data/stance_words.tsv``."""
    rows = resources.rows("stance_words.tsv", 3, required=3)
    return StanceWords(
        verbs={w: int(p) for w, p, kind in rows if kind == "verb"},
        nouns={w: int(p) for w, p, kind in rows if kind == "noun"},
        proposals=frozenset(w for w, _, kind in rows if kind == "proposal"),
    )


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.stances``."""
    for doc in docs:
        if doc.parsed is not None:
            doc.stances = find_stances(doc, doc.parsed, resources)
        yield doc


def find_stances(doc: Document, parsed: Doc, resources: Resources) -> list[Stance]:
    """Every stance in the document, one per actor, issue and sentence."""
    issues = resources.get(issue_table)
    reading = Reading(doc, parsed, resources.get(stance_words), issues, document_issues(doc.text, issues))
    index = {s.start: n for n, s in enumerate(parsed.sents)}
    found: dict[StanceKey, Stance] = {}
    for token in parsed:
        for actor, issue, polarity in _positions_at(reading, token):
            sentence = token.sent
            stance = Stance(actor, issue, polarity, sentence.text.strip(), index.get(sentence.start, 0))
            found.setdefault((actor.key(), issue, stance.sentence_index), stance)
    for stance in quote_stances(reading):
        found.setdefault((stance.actor.key(), stance.issue, stance.sentence_index), stance)
    return sorted(found.values(), key=lambda s: s.sentence_index)


def document_issues(text: str, issues: tuple[Issue, ...]) -> dict[str, Issue]:
    """Table issues named anywhere in the text, by proponent country (for rule 2)."""
    lowered = text.lower()
    named: dict[str, Issue] = {}
    for issue in issues:
        # the first issue named keeps its proponent: a later one's pattern need not be searched
        if issue.proponent and issue.proponent not in named and issue.sign > 0 and issue.pattern.search(lowered):
            named[issue.proponent] = issue
    return named


def _positions_at(reading: Reading, token: Token) -> list[Position]:
    """The positions a stance verb or a proposal noun takes (module docstring)."""
    words = reading.words
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in words.verbs:
        return verb_positions(reading, token)
    if token.pos_ in {"NOUN", "PROPN"} and lemma in words.proposals:
        issue = name_issue(reading, token, fallback=_disputed(token, words))
        owners = owner_actors(reading.doc, token)
        if issue is not None and issue[1] > 0:
            return [(owner, issue[0], 1) for owner in owners]
    return []


def _disputed(noun: Token, words: StanceWords) -> bool:
    """Whether someone takes a position on this proposal (its object or "for/on/against" object)."""
    governor = speech.governor(noun)
    return governor.pos_ == "VERB" and governor.lemma_.lower() in words.verbs


def verb_positions(reading: Reading, verb: Token) -> list[Position]:
    """(actor, issue, polarity) for a stance verb's subject on each issue among its objects."""
    polarity = reading.words.verbs[verb.lemma_.lower()]
    if speech.is_position_negated(verb):
        polarity = -1 if polarity > 0 else 0
    subject = speech.holder_of(verb)
    actors = actors_for_token(reading.doc, subject) if subject is not None else []
    positions = []
    for obj in speech.position_objects(verb):
        patient = subject.text.lower() + " " if subject is not None and speech.has_passive_aux(obj) else ""
        issue = name_issue(reading, obj, patient=patient)
        if issue is not None:
            positions += [(actor, issue[0], polarity * issue[1]) for actor in actors]
    return positions


def name_issue(
    reading: Reading, head: Token, *, fallback: bool = True, patient: str = ""
) -> tuple[str, int] | None:
    """(canonical issue, sign) of the phrase headed by ``head`` (rules in the module docstring).

    ``patient`` is prefixed to a passive complement, whose patient is the subject
    ("Greenland will not accept being bought" is about buying Greenland).  ``fallback``
    lets a proposal noun be named by its owner (rule 3) whoever owns it.

    A position nested inside the phrase is followed first, multiplying the signs:
    approving "a resolution backing the government's refusal to negotiate over X" is
    opposing X.
    """
    words = reading.words
    lemma = head.lemma_.lower()
    if lemma in words.nouns and head.pos_ in {"NOUN", "PROPN"}:
        inner = speech.noun_complement(head)
        found = name_issue(reading, inner, fallback=fallback) if inner is not None else None
        return (found[0], found[1] * words.nouns[lemma]) if found else None
    nested = _nested_position(reading, head)
    if nested is not None:
        return nested
    phrase = patient + reading.parsed[head.left_edge.i : head.right_edge.i + 1].text.lower()
    for issue in reading.issues:
        if issue.pattern.search(phrase):
            return issue.name, issue.sign
    if lemma in words.proposals and (fallback or _owned_by_proponent(reading, head)):
        return _proposal_issue(reading, head)
    return None


def _nested_position(reading: Reading, head: Token) -> tuple[str, int] | None:
    """The issue of a stance noun or verb inside the phrase ("a resolution backing ..."), signed."""
    words = reading.words
    for token in head.subtree:
        if token is head:
            continue
        lemma = token.lemma_.lower()
        if lemma in words.nouns and token.pos_ in {"NOUN", "PROPN"}:
            found = name_issue(reading, token, fallback=False)
        elif lemma in words.verbs and token.pos_ == "VERB" and speech.is_modifying_clause(token):
            found = _clause_position(reading, token, words.verbs[lemma])
        else:
            continue
        if found is not None:
            return found
    return None


def _clause_position(reading: Reading, verb: Token, polarity: int) -> tuple[str, int] | None:
    """The issue of the first object of a stance verb modifying a phrase, signed by the verb."""
    objects = speech.position_objects(verb)
    found = next((f for o in objects if (f := name_issue(reading, o, fallback=False))), None)
    return (found[0], found[1] * polarity) if found else None


def _owned_by_proponent(reading: Reading, noun: Token) -> bool:
    return any(owner.country in reading.named for owner in owner_actors(reading.doc, noun))


def _proposal_issue(reading: Reading, noun: Token) -> tuple[str, int] | None:
    """Rules 2 and 3 for a proposal noun: its owner's issue in this document, else "<owner> <noun>"."""
    owners = owner_actors(reading.doc, noun)
    for owner in owners:
        if owner.country in reading.named:
            return reading.named[owner.country].name, 1
    labelled = next((o for o in owners if o.country or o.org), None)
    if labelled is None:
        return None
    return f"{owner_label(labelled)} {noun.lemma_.lower()}", 1


def owner_actors(doc: Document, noun: Token) -> list[Actor]:
    """Actors owning a noun through its modifiers ("the US proposal", "Washington's push", "its demand")."""
    owners: list[Actor] = []
    for child in speech.owner_modifiers(noun):
        mention = mention_at(doc, child.i)
        actors = [mention.actor] if mention is not None else actors_for_token(doc, child)
        owners += [a for a in actors if a not in owners]
    return [a for a in owners if a.country or a.org]


def owner_label(actor: Actor) -> str:
    """A stable label for an owner: its country code, else its organisation."""
    return actor.country or actor.org or actor.name


def quote_stances(reading: Reading) -> list[Stance]:
    """A speaker denying an issue in their words ("control of Greenland is not on the table")."""
    doc = reading.doc
    stances = []
    for quote in doc.quotes:
        if quote.speaker is None or not NEGATION.search(quote.text):
            continue
        for issue in reading.issues:
            match = issue.pattern.search(quote.text.lower())
            if match is None:
                continue
            # denying a counter-claim ("sovereignty ... not up for discussion") is ambiguous
            if issue.sign > 0:
                index = _sentence_at(doc, doc.text.lower().find(match.group(0), quote.start or 0))
                index = quote.sentence_index if index is None else index
                evidence = doc.sentences[index].text.strip()
                stances.append(Stance(quote.speaker, issue.name, -1, evidence, index))
            break
    return stances


def _sentence_at(doc: Document, char: int) -> int | None:
    """Index of the sentence holding character ``char`` (None for -1 or out of range)."""
    if char < 0:
        return None
    return next((s.index for s in doc.sentences if s.start <= char < s.end), None)
