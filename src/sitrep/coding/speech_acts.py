"""Statements that are acts: what a speaker says, coded as what it does.

"X said ..." alone is a bare statement (CAMEO 010).  When the words are
themselves an act the lexicon codes (condemn, praise, thank, threaten, demand,
promise, appeal, accuse, refuse, apologise, offer condolences), the act is coded
instead, and its target is looked for in what was said:

- "X alleged that *the government* was hiding figures", "X claimed protesters
  were sent *by the government*": an accusation targets the doer of the
  reported deed (its subject, or its "by" agent when passive);
- "X expressed concern *over the fighting in Y*": a comment targets what it is
  about ("over/about/at" phrases), since for comments that is the recipient;
- "X said Y must Z" is X's demand on Y (``code_obligation``);
- "X claimed it attacked Y" is also a claim of responsibility (CAMEO 015).

A hope, wish or expectation about someone else ("Macedonia expects *the
Council* to confirm ...") is not the speaker's intent but a request of that
other actor (``wish_for_other``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.cameo import derive
from sitrep.coding.found import Context, Found
from sitrep.coding.participants import NOUN_TARGET_PREPS, Participants, resolved
from sitrep.coding.verbs import Entry, match
from sitrep.models import Actor

if TYPE_CHECKING:
    from sitrep.coding.events import SentenceCoder

Token = Any  # spaCy Token

STATEMENT = "010"
CLAIM = "015"
# Roots whose target is the doer of the deed the speaker reports (accuse, blame, criticise,
# condemn, reject, threaten, demand).
DEED_ROOTS = frozenset({"10", "11", "12", "13"})
# Prepositions naming what a comment, complaint or praise is about.
TOPIC_PREPS = ("over", "about", "at", "regarding", "concerning")
COMMENT_ROOTS = frozenset({"01", "05", "11"})
# Verbs whose "X expects/wants Y to Z" asks Y to act rather than announcing X's own plan.
# Reactions whose object may be an earlier violent event ("condemned the bombing").
REACTION_ROOTS = frozenset({"01", "05", "11", "12", "13"})
FORCE_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
# Verbs that report speech when they take a that-clause ("conceded that", "agreed that").
SAYING_SENSES = frozenset({"concede", "agree", "admit", "acknowledge", "confirm", "stress",
                           "note", "add", "argue", "maintain", "reiterate", "recall"})
# Domestic restriction codes and their international counterparts.
DOMESTIC_RESTRICTIONS = {"172": "163"}
WISH_VERBS = frozenset({"expect", "want", "wish", "hope", "like", "prefer", "need"})


def code_speech(coder: SentenceCoder, verb: Token, entry: Entry, sources: list[Actor], ctx: Context) -> None:
    """A statement (CAMEO 010, kept last) plus what it reports."""
    if entry.frame == "claim" and claims_own_action(coder, verb, sources):
        coder.add(CLAIM, [verb], sources, [], ctx, cl.Mood.FACT, verb)
    elif all(resolved(a) for a in sources):
        addressee = [args.datives(verb), args.direct_objects(verb)]
        targets = coder.who.first_actors(addressee, sources)
        code = entry.code or STATEMENT
        coder.add(code, [verb], sources, targets, ctx, cl.Mood.FACT, verb, statement=True)
    coder.code_nouns(verb, args.direct_objects(verb), sources, ctx, cl.mood(verb))
    for clause in cl.reported_clauses(verb):
        if cl.mood(clause) is cl.Mood.OBLIGATION:
            code_obligation(coder, verb, clause, sources, ctx)


def claims_own_action(coder: SentenceCoder, verb: Token, sources: list[Actor]) -> bool:
    """Whether a reported clause has the speaker doing something the lexicon codes
    ("X claimed/admitted that *it* attacked Y")."""
    speaker = {a.key() for a in sources}
    for clause in cl.reported_clauses(verb):
        subject = args.subject_of(clause)
        if subject is None or not cl.is_pronoun(subject):
            continue
        doers = coder.who.sources(subject, tuple(sources))
        content = coder.clause_content(clause)
        if doers and {a.key() for a in doers} <= speaker and content is not None and content.code:
            return True
    return False


def code_obligation(coder: SentenceCoder, verb: Token, clause: Token, sources: list[Actor], ctx: Context) -> None:
    """"X said Y must Z": X demands (or with "should", asks) that Y do Z."""
    coder.done.add(clause.i)
    family = "appeal" if "should" in cl.aux_lemmas(clause) else "demand"
    content = coder.clause_content(clause)
    code = derive(family, content.code if content else None)
    subject = args.subject_of(clause)
    targets = coder.who.first_actors([[subject] if subject is not None else []], sources)
    if not targets:
        return  # "X said the Arctic should remain peaceful": nobody is asked to act
    speaker = replace(ctx, speaker=())
    coder.add(code, [verb, clause], sources, targets, speaker, cl.Mood.FACT, verb)


def content_targets(who: Participants, verb: Token, code: str, sources: list[Actor]) -> list[Actor]:
    """The target an act of speech finds in what was said, when its own objects name nobody."""
    root = code[:2]
    slots: list[list[Token]] = []
    if root in DEED_ROOTS:
        for clause in cl.reported_clauses(verb):
            doer = args.subject_of(clause) or args.passive_subject(clause)
            slots.append([doer] if doer is not None else [])
    if root in COMMENT_ROOTS:
        slots += args.prep_groups(verb, TOPIC_PREPS)
        for noun in args.direct_objects(verb):
            slots += args.prep_groups(noun, (*TOPIC_PREPS, *NOUN_TARGET_PREPS))
    return who.best_actors(slots, sources) if slots else []


def saying_sense(verb: Token, entry: Entry) -> Entry:
    """"X conceded/agreed that Y" is saying, not yielding or pledging: with a that-clause
    and no object these verbs report speech (the clause is then read as what was said)."""
    if verb.lemma_.lower() not in SAYING_SENSES or entry.frame == "speech":
        return entry
    clause = cl.clause_complement(verb)
    if clause is None or args.direct_objects(verb) or cl.infinitive_complement(verb) is not None:
        return entry
    return replace(entry, code=STATEMENT, frame="speech", target="-")


def international_sense(code: str, sources: list[Actor], targets: list[Actor]) -> str:
    """Restrictions and bans on one's own people are administrative sanctions (172);
    on another country they are sanctions (163)."""
    if code not in DOMESTIC_RESTRICTIONS or not sources or not targets:
        return code
    own = {a.country for a in sources if a.country}
    other = {a.country for a in targets if a.country}
    return DOMESTIC_RESTRICTIONS[code] if own and other and not own & other else code


def wish_for_other(trigger: Token, complement: Token | None, sources: list[Actor], who: Participants) -> bool:
    """"X expects/wants Y to Z": Z is Y's to do, so X is asking, not intending."""
    if complement is None or trigger.lemma_.lower() not in WISH_VERBS:
        return False
    doer = args.subject_of(complement)
    if doer is None:
        doer = args.first_object(trigger)
    if doer is None or cl.is_pronoun(doer):
        return False
    keys = {a.key() for a in sources}
    return any(a.key() not in keys for a in who.actors(doer))


@dataclass
class Doers:
    """Who did the latest violent or coercive act of the article, so that a reaction to
    "the attack" or "the bombing" can target whoever the article says did it."""

    latest: Actor | None = None
    by_noun: dict[str, Actor] = field(default_factory=dict)

    def remember(self, found: list[Found]) -> None:
        for item in found:
            if item.statement or item.negated or item.code[:2] not in FORCE_ROOTS:
                continue
            doer = next((a for a in item.sources if a.country or a.org), None)
            if doer is None:
                continue
            self.latest = doer
            for word in item.words:
                self.by_noun[word.lemma_.lower()] = doer

    def behind(self, who: Participants, verb: Token, code: str, sources: list[Actor]) -> list[Actor]:
        """The doer of the earlier event a reaction is about ("denounced *the attack*")."""
        if code[:2] not in REACTION_ROOTS or self.latest is None:
            return []
        keys = {a.key() for a in sources}
        for noun in args.direct_objects(verb) + args.prep_objects(verb, TOPIC_PREPS):
            entry = match(noun, "N")
            if entry is None or not entry.code or entry.code[:2] not in FORCE_ROOTS or who.actors(noun):
                continue
            doer = self.by_noun.get(noun.lemma_.lower(), self.latest)
            return [doer] if doer.key() not in keys else []
        return []
