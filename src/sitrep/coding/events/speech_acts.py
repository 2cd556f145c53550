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

from sitrep.coding.events import frames as fr
from sitrep.coding.cameo import CameoTable, CodeSets, body
from sitrep.coding.events.coder import Coder
from sitrep.coding.events.found import Action, Context, Found
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.events.nominal import code_object_nouns
from sitrep.coding.events.participants import NOUN_TARGET_PREPS, Participants, resolved
from sitrep.coding.events.verbs import Entry, Lexicon
from sitrep.models import Actor
from sitrep.nlp.types import Token
from sitrep.resources import Resources

# Prepositions naming what a comment, complaint or praise is about.
TOPIC_PREPS = ("over", "about", "at", "regarding", "concerning")
# Verbs that report speech when they take a that-clause ("conceded that", "agreed that").
SAYING_SENSES = frozenset({"concede", "agree", "admit", "acknowledge", "confirm", "stress",
                           "note", "add", "argue", "maintain", "reiterate", "recall",
                           "shoot", "fire", "hit"})  # "shot/fired/hit back that ...": a retort
# Frames of event nouns a reaction may be about ("declined *the request*", "backed *the plan*").
DERIVED_FAMILIES = frozenset({fr.APPEAL, fr.DEMAND, fr.INTENT})
# Speech verbs whose object is news of someone else's act ("reported the attack").
HEARSAY = frozenset({"report", "describe", "confirm", "note", "mention", "recall", "cite", "detail", "say",
                     "tell", "explain", "estimate", "quote", "write", "tweet", "acknowledge", "reiterate"})
WISH_VERBS = frozenset({"expect", "want", "wish", "hope", "like", "prefer", "need"})


def code_speech(coder: Coder, verb: Token, entry: Entry, sources: list[Actor], ctx: Context) -> None:
    """A statement (CAMEO 010, kept last) plus what it reports."""
    if entry.frame == fr.CLAIM and claims_own_action(coder, verb, sources):
        coder.add(Action(code=coder.frames.code(fr.CLAIM), words=[verb], sources=sources, targets=[], ctx=ctx,
                         mood=cl.Mood.FACT, verb=verb))
    elif all(resolved(a) for a in sources):
        addressee = [args.datives(verb), args.direct_objects(verb)]
        targets = coder.who.first_actors(addressee, sources)
        code = entry.code or coder.frames.code(fr.SPEECH)
        blamed = blame(coder, verb, sources) if code == coder.frames.code(fr.SPEECH) else None
        if blamed is not None:
            code, targets = blamed
        coder.add(Action(code=code, words=[verb], sources=sources, targets=targets, ctx=ctx, mood=cl.Mood.FACT,
                         verb=verb, statement=True))
        if code == coder.frames.code(fr.SPEECH) and claims_own_action(coder, verb, sources, force=True):
            # "X said it had carried out the attack": saying so claims it (CAMEO 015)
            coder.add(Action(code=coder.frames.code(fr.CLAIM), words=[verb], sources=sources, targets=[], ctx=ctx,
                             mood=cl.Mood.FACT, verb=verb, statement=True))
    code_object_nouns(coder, verb, own_act_nouns(coder, verb), sources, ctx, cl.mood(verb))
    for clause in cl.reported_clauses(verb):
        if cl.mood(clause) is cl.Mood.OBLIGATION:
            code_obligation(coder, verb, clause, sources, ctx)


def blame_words(resources: Resources) -> dict[str, tuple[str, str]]:
    """Words by which a statement names the doer of a deed (``data/event_blame.tsv``)."""
    return {word: (deed, code) for word, deed, code in body(resources.rows("event_blame.tsv", 3), "word")}


def blame(coder: Coder, verb: Token, sources: list[Actor]) -> tuple[str, list[Actor]] | None:
    """"X said *Hamas was behind* the attack", "said the group *are the perpetrators*": a
    statement that names someone else as the doer of a deed accuses them (code, targets)."""
    words = coder.resources.get(blame_words)
    claimed = words.get(verb.lemma_.lower())
    for clause in cl.reported_clauses(verb):
        if cl.is_negated(clause):
            continue  # "said Hamas was not behind it" accuses nobody
        if claimed is not None and claimed[0] == "clause" and (found := claimed_doers(coder, clause, sources)):
            return claimed[1], found
        subject = cl.predicated_subject(clause)
        for word, deed in cl.predications(clause):
            row = words.get(word.lemma_.lower())
            if row is None or subject is None or (row[0] == "event" and not is_deed(coder, deed)):
                continue
            if row[0].startswith("owner") and (row[0] == "owner" or is_deed(coder, subject)):
                doers = [*args.possessors(word), *args.preposition_objects(word, ("of",))]  # "Iran's doing"
            else:
                doers = [subject] if not row[0].startswith("owner") else []
            targets = [a for a in coder.who.first_actors([doers], sources) if resolved(a)]
            if targets or any(coder.who.is_force(d) for d in doers):
                return row[1], targets  # "said unspecified foreign forces were involved": blames someone unnamed
    return None


def claimed_doers(coder: Coder, clause: Token, sources: list[Actor]) -> list[Actor]:
    """"X claimed *Uganda* had attacked Y", "claimed rioters were paid *by the government*":
    who a claim says did something, unless what they did is a kindness."""
    content = coder.contents.clause_content(clause)
    if content is not None and content.code and coder.codes.cooperative.has(content.code):
        return []
    doer = args.subject_of(clause)
    return [a for a in coder.who.first_actors([[doer] if doer is not None else []], sources) if resolved(a)]


def is_deed(coder: Coder, noun: Token | None) -> bool:
    """Whether a noun names an act the lexicon codes ("the attack", "the protests")."""
    entry = coder.lexicon.match(noun, "N") if noun is not None else None
    return entry is not None and bool(entry.code)


def own_act_nouns(coder: Coder, verb: Token) -> list[Token]:
    """Object nouns that name the speaker's own act ("announced *sanctions*", "called for
    *talks*"); a violent act reported or described is someone's news, not the reporter's
    deed ("Reuters *reported* Monday's attack")."""
    nouns = args.direct_objects(verb)
    if coder.lexicon.lemma(verb) not in HEARSAY:
        return nouns
    return [n for n in nouns if not ((e := coder.lexicon.match(n, "N")) and e.code and coder.codes.force.has(e.code))]


def claims_own_action(coder: Coder, verb: Token, sources: list[Actor], force: bool = False) -> bool:
    """Whether a reported clause has the speaker doing something the lexicon codes
    ("X claimed/admitted that *it* attacked Y"); with ``force``, an act of force already
    done ("X said *it had carried out* the attack"), which any saying claims."""
    speaker = {a.key() for a in sources} | {a.country for a in sources if a.country}
    for clause in cl.reported_clauses(verb):
        subject = args.subject_of(clause)
        if subject is None or not (cl.is_pronoun(subject) or coder.who.owned_by_pronoun(subject)):
            continue  # "it attacked", "*their government* had shot down"
        if force and (cl.mood(clause) is not cl.Mood.FACT or cl.is_negated(clause)):
            continue
        doers = coder.who.sources(subject, tuple(sources))
        content = coder.contents.clause_content(clause)
        if not doers or not all(a.key() in speaker or a.country in speaker for a in doers) or content is None \
                or not content.code:
            continue
        if not force or coder.codes.violent.has(content.code):
            return True
    return False


def code_obligation(coder: Coder, verb: Token, clause: Token, sources: list[Actor], ctx: Context) -> None:
    """"X said Y must Z": X demands (or with "should", asks) that Y do Z."""
    coder.record.done.add(clause.i)
    family = fr.APPEAL if "should" in cl.aux_lemmas(clause) else fr.DEMAND
    content = coder.contents.clause_content(clause)
    code = coder.tables.cameo.derive(family, content.code if content else None)
    subject = args.subject_of(clause)
    targets = coder.who.first_actors([[subject] if subject is not None else []], sources)
    if not targets:
        return  # "X said the Arctic should remain peaceful": nobody is asked to act
    speaker = replace(ctx, speaker=())
    coder.add(Action(code=code, words=[verb, clause], sources=sources, targets=targets, ctx=speaker,
                     mood=cl.Mood.FACT, verb=verb))


def content_targets(coder: Coder, verb: Token, code: str, sources: list[Actor]) -> list[Actor]:
    """The target an act of speech finds in what was said, when its own objects name nobody."""
    slots: list[list[Token]] = []
    if coder.codes.deed.has(code):
        for clause in cl.reported_clauses(verb):
            doer = args.subject_of(clause) or args.passive_subject(clause)
            slots.append([doer] if doer is not None else [])
    if coder.codes.comment.has(code):
        slots += args.prep_groups(verb, TOPIC_PREPS)
        for noun in args.direct_objects(verb):
            slots += args.prep_groups(noun, (*TOPIC_PREPS, *NOUN_TARGET_PREPS))
    return coder.who.best_actors(slots, sources) if slots else []


def saying_sense(verb: Token, entry: Entry, statement: str) -> Entry:
    """"X conceded/agreed that Y" is saying, not yielding or pledging: with a that-clause
    and no object these verbs report speech (the clause is then read as what was said)."""
    if verb.lemma_.lower() not in SAYING_SENSES or entry.frame == fr.SPEECH:
        return entry
    clause = cl.clause_complement(verb)
    if clause is None or args.direct_objects(verb) or cl.infinitive_complement(verb) is not None:
        return entry
    return replace(entry, code=statement, frame=fr.SPEECH, target="-")


def wish_for_other(trigger: Token, complement: Token | None, sources: list[Actor], who: Participants,
                   lemma: str | None = None) -> bool:
    """"X expects/wants/hopes Y to Z" or "hopes that Y will Z": Z is Y's to do, so X is
    asking, not intending (``lemma``: the trigger's lemma as the lexicon knows it)."""
    if complement is None or (lemma or trigger.lemma_.lower()) not in WISH_VERBS:
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
    """Who did the latest act of each kind in the article, so that a reaction to "the
    attack" or "the bombing" can target whoever the article says did it, and one to
    "the call" or "the request" whoever last made an appeal (by CAMEO root)."""

    codes: CodeSets
    lexicon: Lexicon
    cameo: CameoTable
    latest: Actor | None = None
    latest_violent: Actor | None = None  # of the latest act of the ``violent`` set (18-20)
    by_noun: dict[str, Actor] = field(default_factory=dict)
    by_root: dict[str, Actor] = field(default_factory=dict)

    def remember(self, found: list[Found]) -> None:
        for item in found:
            if item.statement or item.negated:
                continue
            doer = next((a for a in item.sources if a.country or a.org), None)
            if doer is None:
                continue
            self.by_root[item.code[:2]] = doer
            if not self.codes.force.has(item.code):
                continue
            self.latest = doer
            if self.codes.violent.has(item.code):
                self.latest_violent = doer
            for word in item.words:
                self.by_noun[word.lemma_.lower()] = doer

    def behind(self, who: Participants, verb: Token, code: str, sources: list[Actor]) -> list[Actor]:
        """The doer of the earlier act a reaction is about ("denounced *the attack*",
        "*the call* was seconded by X", "declined *the request*")."""
        if not self.codes.reaction.has(code):
            return []
        keys = {a.key() for a in sources}
        countries = {a.country for a in sources if a.country}
        patient = [p] if (p := args.passive_subject(verb)) is not None else []
        for noun in args.direct_objects(verb) + patient + args.prep_objects(verb, TOPIC_PREPS):
            entry = self.lexicon.match(noun, "N")
            if entry is None or who.actors(noun):
                continue
            doer = self.earlier_doer(noun, entry)
            if doer is not None:
                own = doer.key() in keys or (not self.forceful(noun, entry) and doer.country in countries)
                return [] if own else [doer]  # not "Iran denied *the accusation*" -> Iran's own
        return []

    def forceful(self, noun: Token, entry: Entry) -> bool:
        """A violent act, or a bare word for one whose other senses are violent ("condemned
        *the operation*": the military operation the article told of)."""
        if entry.code:
            return self.codes.force.has(entry.code)
        return entry.frame == fr.PASS and any(
            e.code and self.codes.force.has(e.code) for e in self.lexicon.entries_for(noun, "N"))

    def earlier_doer(self, noun: Token, entry: Entry) -> Actor | None:
        """Who did the latest act the noun names: a violent one by its word, else by its root."""
        if self.forceful(noun, entry):
            # "condemned *the attack*": a violent word is the latest violent act's, not a boycott's
            violent = bool(entry.code) and self.codes.violent.has(entry.code or "")
            fallback = (self.latest_violent if violent else None) or self.latest
            return self.by_noun.get(noun.lemma_.lower(), fallback)
        code = entry.code or (self.cameo.derive(entry.frame, None) if entry.frame in DERIVED_FAMILIES else None)
        return self.by_root.get(code[:2]) if code else None
