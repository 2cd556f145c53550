"""How each kind of trigger is coded, once the clause walk has found it and who acts.

The walk in ``events`` finds a clause head, its lexicon entry and its
sources, and hands them over as a ``Clause``; ``Triggers.code`` codes it by
the kind of the entry's frame (``frames``): a plain action with its targets,
a derived frame (intent, appeal, demand, rejection, threat) about its
content, a fixed-code frame (consider), a support verb whose object noun or
infinitive is the event ("launched an attack", "began to withdraw"), a failure
("failed to agree"), or a statement (``speech_acts``).  ``fill_targets`` and
``ungap`` then complete the actions a clause produced.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sitrep.coding.events import frames as fr
from sitrep.coding.events import nominal, speech_acts
from sitrep.coding.events.coder import Coder
from sitrep.coding.events.found import Action, Content, Context, Found
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.events.participants import NOUN_TARGET_PREPS, Participants
from sitrep.coding.events.verbs import Entry
from sitrep.models import Actor
from sitrep.nlp.types import Token

LIGHT_PREPS = ("on", "in", "into", "to")
MOTIVES = frozenset({"protest", "response", "retaliation", "opposition", "solidarity"})
# Where a frame's own addressee may be named ("urged *Iran* to", "called *on* X to").
FRAME_PREPS = ("on", "upon", "to", "with", "from", "against", "for")
# An intent with none of these and no content is agreement with someone, not a pledge.
PLEDGE_PREPS = ("to", "on", "with", "upon")
# Frame words that give a timetable, not a will: negated, they refuse nothing.
SCHEDULING = frozenset({"schedule", "slate", "set", "expect", "due", "likely", "poise", "reschedule"})
Visit = Callable[[Token, Context], None]


@dataclass(frozen=True)
class Clause:
    """One clause head to code, with what the walk found out about it."""

    verb: Token
    trigger: Token  # the verb, or the adjective that frames its infinitive ("is *ready* to")
    entry: Entry
    subject: Token | None
    sources: list[Actor]
    ctx: Context
    mood: cl.Mood


@dataclass
class Triggers:
    """The rules for each kind of trigger in one sentence; ``visit`` walks on into the
    infinitive a support verb governs ("tried *to enter*")."""

    coder: Coder
    history: speech_acts.Doers
    visit: Visit
    rules: dict[str | None, Callable[[Clause], None]] = field(init=False)

    def __post_init__(self) -> None:
        self.rules = {fr.SPEECH_KIND: self.code_speech, fr.DERIVE: self.code_frame, fr.FIXED: self.code_fixed,
                      fr.SUPPORT: self.code_support, fr.FAILURE: self.code_support, None: self.code_plain}

    @property
    def who(self) -> Participants:
        return self.coder.who

    def add(self, action: Action) -> None:
        self.coder.add(action)

    def code(self, clause: Clause) -> None:
        """Code ``clause`` by the kind of its entry's frame (no frame: a plain action)."""
        self.rules[self.coder.frames.kind(clause.entry.frame)](clause)

    def code_speech(self, c: Clause) -> None:
        speech_acts.code_speech(self.coder, c.verb, c.entry, c.sources, c.ctx)

    def code_fixed(self, c: Clause) -> None:
        """A frame with a code of its own whose content is not coded ("considered X")."""
        code = self.coder.frames.code(c.entry.frame or "")
        self.add(Action(code=code, words=[c.verb], sources=c.sources, targets=[], ctx=c.ctx, mood=c.mood,
                        verb=c.verb))

    def code_plain(self, c: Clause) -> None:
        """An action the lexicon codes directly, with its targets."""
        code = c.entry.code
        if not code:
            return
        gapped = [g for g, _ in args.gapped_pairs(c.verb)]
        targets = self.who.targets(c.verb, c.entry.target, c.sources, skip=gapped)
        targets = targets or speech_acts.content_targets(self.coder, c.verb, code, c.sources)
        targets = targets or self.history.behind(self.who, c.verb, code, c.sources)
        code, words = self.subject_event(code, c.verb, c.subject)
        self.add(Action(code=code, words=words, sources=c.sources, targets=targets, ctx=c.ctx, mood=c.mood,
                        verb=c.verb, symmetric=c.entry.target == "sym"))

    def subject_event(self, code: str, verb: Token, subject: Token | None) -> tuple[str, list[Token]]:
        """"Twin *bombings* struck the cathedral": a generic attack verb whose subject is
        a more specific violent event noun is that event."""
        if not self.coder.codes.generic_force.has(code) or subject is None or subject.pos_ != "NOUN":
            return code, [verb]
        entry = self.coder.lexicon.match(subject, "N")
        if entry is not None and entry.code and self.coder.codes.violent.has(entry.code):
            return entry.code, [verb, subject]
        return code, [verb]

    def event_subject(self, verb: Token, entry: Entry) -> Token | None:
        """An event noun that is the subject of "begin/resume/take place/be held"
        ("*Talks* between Denmark and the US resumed"); the entry's own words are no
        object ("take *place*")."""
        if any(o.lower_ not in entry.part for o in args.direct_objects(verb)):
            return None
        subject = args.subject_of(verb) or args.passive_subject(verb)
        if subject is None or subject.pos_ != "NOUN":
            return None
        content = self.coder.contents.noun_content(subject, None)
        return subject if content is not None and content.code else None

    def code_nominal(self, verb: Token, noun: Token, ctx: Context, mood: cl.Mood) -> bool:
        """Code an event named by a noun: its actors are its possessor or modifiers
        ("*NATO's* exercise", "*US* airstrikes"), or those "between X and Y" or "by X"."""
        content = self.coder.contents.noun_content(noun, None)
        if content is None or content.code is None:
            return False
        sources = self.who.event_doers(noun)  # its own modifiers: not "appeals *for Cuba*"
        between = args.prep_objects(noun, ("between", "among"))
        if not sources:
            sources = self.who.first_actors([between, *args.prep_groups(noun, ("by", "of"))], [])
        if not sources and (mood is cl.Mood.FUTURE or cl.is_infinitive(verb)):
            sources = list(ctx.speaker)  # "X declared a state of siege to begin at midnight"
        if not sources:
            return False
        symmetric = bool(between) or content.symmetric
        targets = [] if between else self.who.first_actors(args.prep_groups(noun, NOUN_TARGET_PREPS), sources)
        self.add(Action(code=content.code, words=[noun, verb], sources=sources, targets=targets, ctx=ctx,
                        mood=mood, verb=verb, symmetric=symmetric))
        return True

    def code_frame(self, c: Clause) -> None:
        """Intent, appeal, demand, rejection or threat about another event."""
        family = c.entry.frame or fr.INTENT
        content = self.coder.contents.content(c.trigger, family)
        if family == fr.INTENT and speech_acts.wish_for_other(c.trigger, content.token if content else None,
                                                              c.sources, self.who, self.coder.lexicon.lemma(c.trigger)):
            family = fr.APPEAL  # "X expects Y to confirm": a request of Y, not X's plan
        if family == fr.INTENT and content is None and not args.direct_objects(c.verb) and not args.prep_groups(
                c.verb, PLEDGE_PREPS):
            return  # "X agreed, saying ...": agreeing with someone is no pledge
        if family == fr.INTENT and self.refusal(c, content):
            return
        if family == fr.INTENT and not (content and content.code) and self.coder.codes.comment.has(c.entry.code or "-"):
            # "X hopes the weather improves": a comment (013), about nobody's plan
            self.add(Action(code=c.entry.code or "", words=[c.verb], sources=c.sources, targets=[], ctx=c.ctx,
                            mood=c.mood, verb=c.verb))
            return
        if family == fr.INTENT and self.coder.lexicon.lemma(c.trigger) in SCHEDULING and cl.is_negated(c.verb):
            return  # "are not slated to arrive before May": a timetable, neither a plan nor a refusal
        code = self.frame_code(family, c.entry, content)
        if code is None:
            return
        words = [c.verb, c.trigger] + ([content.token] if content else [])
        targets = self.frame_targets(c.verb, family, content, c.sources)
        targets = targets or self.history.behind(self.who, c.verb, code, c.sources)  # "declined *the request*"
        # "X and Y are scheduled to hold talks": the planned event is reciprocal too
        symmetric = c.entry.target == "sym" or bool(content and content.symmetric)
        self.add(Action(code=code, words=words, sources=c.sources, targets=targets, ctx=c.ctx, mood=c.mood,
                        verb=c.verb, symmetric=symmetric, intent=family == fr.INTENT))

    def refusal(self, c: Clause, content: Content | None) -> bool:
        """"X does not want / is not ready to compromise": a denied will to cooperate is one
        record, the rejection of that act (12x), not a negated intent beside it."""
        if content is None or not content.code or not self.coder.codes.cooperative.has(content.code):
            return False
        if not (c.ctx.negated or cl.is_negated(c.verb) or cl.is_negated(c.trigger)):
            return False
        if self.coder.lexicon.lemma(c.trigger) in SCHEDULING:
            return False  # "monitors are not slated to arrive before May": a timetable, not a refusal
        code = self.coder.tables.cameo.derive(fr.REJECT, content.code)
        targets = self.frame_targets(c.verb, fr.REJECT, content, c.sources)
        # the act refused stands for the clause: its own negation (not the frame's) would count
        self.add(Action(code=code, words=[c.verb, c.trigger, content.token], sources=c.sources, targets=targets,
                        ctx=replace(c.ctx, negated=False), mood=settled(c.mood), verb=content.token,
                        symmetric=content.symmetric))
        return True

    def frame_code(self, family: str, entry: Entry, content: Content | None) -> str | None:
        """A frame's code: derived from its content's, else the entry's own; an intent
        re-read as an appeal takes the appeal of its content."""
        cameo = self.coder.tables.cameo
        code = cameo.derive(family, content.code) if content and content.code else entry.code
        if family == fr.APPEAL and entry.frame == fr.INTENT:
            code = cameo.derive(fr.APPEAL, content.code if content else None)
        return code

    def frame_targets(self, verb: Token, family: str, content: Content | None,
                      sources: list[Actor]) -> list[Actor]:
        """Recipient of a frame: the addressee ("urged *Iran* to") or the content's target."""
        own_objects = args.direct_objects(verb)
        own = [own_objects, *args.prep_groups(verb, FRAME_PREPS),
               *[g for o in own_objects for g in args.prep_groups(o, NOUN_TARGET_PREPS)]]
        inner = self.coder.contents.content_slots(content) if content is not None else []
        slots = inner + own if family in (fr.INTENT, fr.THREATEN, fr.PREPARE) else own + inner
        return self.who.best_actors(slots, sources)

    def code_support(self, c: Clause) -> None:
        """"try/begin to X", "fail to X", "launch an attack": the real event is elsewhere."""
        complement = cl.infinitive_complement(c.verb)
        failure = self.coder.frames.is_failure(c.entry.frame)
        if complement is not None and cl.is_open_complement(complement):
            negated = failure or cl.is_negated(c.verb) or c.ctx.negated
            future = c.ctx.future or c.mood is cl.Mood.FUTURE
            inner = replace(c.ctx, subjects=tuple(c.sources), negated=negated, future=future)
            if failure:
                self.code_failure(c, complement)
            self.visit(complement, inner)
            return
        passive = [p] if (p := args.passive_subject(c.verb)) is not None else []
        nouns = args.direct_objects(c.verb) + passive + args.prep_objects(c.verb, LIGHT_PREPS) + stray_objects(c.verb)
        coded = nominal.code_object_nouns(self.coder, c.verb, nouns, c.sources, c.ctx, c.mood, c.subject)
        if not coded and c.entry.code:
            targets = self.who.targets(c.verb, c.entry.target, c.sources)
            self.add(Action(code=c.entry.code, words=[c.verb], sources=c.sources, targets=targets, ctx=c.ctx,
                            mood=c.mood, verb=c.verb))

    def code_failure(self, c: Clause, complement: Token) -> None:
        """"failed to reach agreement / to agree / to meet": verbal cooperation that
        did not come about is read as a rejection (the attempt itself stays negated)."""
        content = self.coder.contents.clause_content(complement)
        if content is None or content.code is None:
            return
        if not self.coder.codes.verbal_cooperation.has(content.code):
            return
        targets = self.who.targets(content.token, content.target_mode, c.sources)
        code = self.coder.tables.cameo.derive(fr.REJECT, content.code)
        self.add(Action(code=code, words=[c.verb, complement], sources=c.sources, targets=targets, ctx=c.ctx,
                        mood=cl.Mood.FACT, verb=c.verb, symmetric=content.symmetric))


def stray_objects(verb: Token) -> list[Token]:
    """A support verb's object the parser made the subject of a clause it governs
    ("made *appeals* for Cuba to open up" read as "made [appeals ... open up]")."""
    clause = cl.clause_complement(verb)
    subject = args.subject_of(clause) if clause is not None else None
    return [subject] if subject is not None and subject.pos_ == "NOUN" and not args.direct_objects(verb) else []


def settled(mood: cl.Mood) -> cl.Mood:
    """"X will not be ready to Y" is a refusal now, not a planned one."""
    return cl.Mood.FACT if mood is cl.Mood.FUTURE else mood


def ungap(coder: Coder, found: list[Found], verb: Token) -> None:
    """Gapping: "Chile pledged 300 engineers, *Peru 150*" is Peru's pledge too."""
    for actor_token, _ in args.gapped_pairs(verb):
        others = coder.who.actors(actor_token)
        if not others:
            continue
        keys = {a.key() for a in others}
        for item in found:
            if item.statement:
                continue
            item.targets = [t for t in item.targets if t.key() not in keys]
            coder.record.found.append(replace(item, sources=others))


def fill_targets(coder: Coder, found: list[Found], verb: Token, sources: list[Actor]) -> None:
    """An action without a recipient takes the one its purpose names
    ("staged a hunger strike *to protest against Sweden's decision*")."""
    open_items = [f for f in found if not f.targets and not f.statement and not f.symmetric]
    if not open_items:
        return
    participles = [c for o in args.direct_objects(verb) for c in cl.clausal_modifiers(o) if c.tag_ == "VBG"]
    for child in [*verb.children, *participles]:  # "launched missiles *targeting US troops*"
        if child.pos_ in cl.VERBAL and (cl.is_purpose_clause(child) or cl.is_participle(child)
                                        or cl.is_clausal_modifier(child)):
            slots = coder.who.clause_slots(child)
        elif args.is_preposition(child, ("in",)):  # "in protest against X"
            slots = [g for p in args.objects_of(child) if p.lemma_ in MOTIVES
                     for g in args.prep_groups(p, ("against", "at", "of", "over"))]
        else:
            continue
        targets = coder.who.first_actors(slots, sources, rich=True)
        if targets:
            for item in open_items:
                item.targets = targets
            return
