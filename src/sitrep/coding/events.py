"""The events stage: who did what to whom, coded in CAMEO and PLOVER.

Find, then write: ``find_events`` reads the parse and the actor mentions and
returns Event records; ``process`` attaches them to each document.

How a sentence is read (see ``clauses`` for the grammar, ``verbs`` for the lexicon):

- The coder walks the clauses from the sentence root through conjoined,
  adverbial (including "after/as/when" backdrops) and complement clauses, then
  sweeps the clauses the walk did not reach: relative clauses ("the men *who
  were arrested*"), participles on nouns ("three men *killed* in rioting") and
  clauses inside noun phrases.  Purpose clauses, to-infinitives, gerunds after
  topic prepositions, frame contents and anything under a hypothetical are not
  swept.  Each clause head is looked up in the lexicon; an unknown verb yields
  no event.  Event nouns left over are coded by ``nominal``.
- Source = subject (or the "by" agent of a passive; an agentless passive done
  to a known actor gets an unknown source, but "troops were deployed" is the
  troops' own country sending them); target = object, then the
  objects of "to/with/against/on..." (the lexicon says which first); a force
  sent is never the target; gapping ("Chile pledged 300 engineers, Peru 150")
  repeats the event for each pair.  Actors come
  from ``coding.actors.actors_for_token``, so "U.S. and Danish officials" give
  one event per actor.
- Frames: "agreed/promised/vowed to X", "is set/scheduled/expected/due to X"
  and "will X" are intents (CAMEO 03x,
  PLOVER AGREE; 13x THREATEN when X is coercive); "urged Y to X" an appeal,
  "demanded that Y X" a demand, "refused to X" one record, the rejection;
  "X said Y attacked Z" codes Y against Z with ``reported_by`` X and X's
  statement (CAMEO 010, no PLOVER type); statements that are acts are in
  ``speech_acts``.
- Hypotheticals ("may", "could", "if") are not coded; negated actions are kept
  with ``negated=True`` and never as if they happened.
- A subject that names no known actor is kept as an unresolved actor (its
  words, empty ``code``, no country) when it is a name ("Papandreou agreed to
  resign") or when the action is done to a known actor ("a car bomb killed
  three Iraqi soldiers"); a bare common noun acting on nobody known ("my phone
  blew up") is not coded.  Statements and targets always need a resolved actor.

Within a sentence events are ordered main clause first, statements last, so the
first event is the sentence's main action.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding import nominal, speech_acts
from sitrep.coding.cameo import FAMILIES, derive
from sitrep.coding.found import Content, Context, Found, speaker_of, to_events
from sitrep.coding.participants import NOUN_TARGET_PREPS, Participants, resolved
from sitrep.coding.verbs import Entry, match
from sitrep.models import Actor, Document, Event
from sitrep.resources import Resources
from sitrep.settings import Settings

Token = Any  # spaCy Token

CONSIDER = "014"
CONTENT_PREPS = ("for", "to", "on", "upon", "of", "against", "about")
LIGHT_PREPS = ("on", "in", "into", "to")
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
VERBAL_COOPERATION = frozenset({"03", "04", "05"})
MOTIVES = frozenset({"protest", "response", "retaliation", "opposition", "solidarity"})
# Actions reported without their doer often enough ("were arrested", "were killed")
# that an unknown source is better than no event; "were armed" or "were helped" are states.
AGENTLESS_ROOTS = frozenset({"11", "15", "16", "17", "18", "19", "20"})
GENERIC_FORCE = "190"
# Sending roots whose passive patient may be the force sent ("troops were deployed").
SENDING_ROOTS = frozenset({"07", "15"})
MEETINGS = frozenset({"040", "041", "042", "043", "044", "046"})  # need a counterpart; mediation does not


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Attach the coded events to each parsed document."""
    for doc in docs:
        doc.events = find_events(doc)
        yield doc


def find_events(doc: Document) -> list[Event]:
    """Every event in the document, sentence by sentence."""
    if doc.parsed is None:
        return []
    events: list[Event] = []
    history = speech_acts.Doers()
    for index, sent in enumerate(doc.parsed.sents):
        coder = SentenceCoder(doc, history=history)
        found = [f for f in coder.code(sent) if coder.who.anchored(f.sources, f.targets)]
        history.remember(found)
        events.extend(to_events(found, sent.text, index))
    return events


@dataclass
class SentenceCoder:
    """Codes one sentence; holds the document for actor look-ups."""

    doc: Document
    found: list[Found] = field(default_factory=list)
    done: set[int] = field(default_factory=set)  # clause heads already coded or consumed by a frame
    blocked: set[int] = field(default_factory=set)  # hypothetical or purpose clauses: nothing below is news
    visited: set[int] = field(default_factory=set)  # clause heads coded as clauses (``done`` adds frame contents)
    history: speech_acts.Doers = field(default_factory=lambda: speech_acts.Doers())  # earlier sentences' doers
    who: Participants = field(init=False)

    def __post_init__(self) -> None:
        self.who = Participants(self.doc)

    def code(self, sent: Any) -> list[Found]:
        root = sent.root
        if root.pos_ in cl.VERBAL:
            self.visit(root, Context())
        else:
            # "The Iraqi air force carried out three strikes" parsed as a noun phrase with a
            # reduced relative: the participle is the main verb and the noun its subject.
            for child in root.children:
                if cl.is_reduced_relative(child):
                    self.visit(child, Context(subjects=tuple(self.who.sources(root))))
        tokens = list(sent)  # one pass over the sentence for the sweeps below
        self.sweep([t for t in tokens if t.pos_ in cl.VERBAL])
        nominal.code_nouns(self, [t for t in tokens if t.pos_ == "NOUN"], Context(depth=2))
        self.attribute([t for t in tokens if t.lower_ == "according"])
        return self.found

    def sweep(self, verbs: list[Token]) -> None:
        """Clauses the walk from the root does not reach: relative clauses, participles
        on nouns and clauses inside noun phrases ("the men *who were arrested*",
        "three men *killed* in rioting").  Nothing under a hypothetical or purpose
        clause is coded."""
        for token in verbs:
            if token.i not in self.done and not self.under_blocked(token):
                if not cl.is_infinitive(token) and not cl.is_topic_gerund(token):
                    self.visit(token, Context(depth=2))  # not "a plan *to hold* talks", "skeptical *about providing*"

    def under_blocked(self, token: Token) -> bool:
        """Under a hypothetical or purpose clause, or inside the content of a frame
        ("demanded that Israel ease restrictions *to allow* ..."): not news of its own."""
        if token.i in self.blocked:
            return True
        return any(a.i in self.blocked or (a.i in self.done and a.i not in self.visited) for a in token.ancestors)

    def attribute(self, cues: list[Token]) -> None:
        """"According to X, ...": X reports every action of the sentence not already reported."""
        for token in cues:
            sources = self.who.first_actors([args.prep_objects(token, ("to",))], [])
            for item in self.found:
                if sources and item.reported_by is None and not item.statement:
                    item.reported_by = sources[0]

    # -- walking the clauses -------------------------------------------------

    def visit(self, verb: Token, ctx: Context) -> None:
        if verb.i in self.done or verb.i in self.who.consumed or verb.pos_ not in cl.VERBAL:
            return
        self.done.add(verb.i)
        self.visited.add(verb.i)
        mood = cl.mood(verb)
        if mood is cl.Mood.HYPOTHETICAL:
            self.blocked.add(verb.i)
            return
        before = len(self.found)
        sources, speech, coded = self.code_clause(verb, ctx, mood)
        self.fill_targets(self.found[before:], verb, sources)
        self.ungap(self.found[before:], verb)
        child_ctx = replace(ctx, subjects=(), negated=False)
        if speech and sources:
            child_ctx = replace(child_ctx, speaker=tuple(sources))
        for child, extra in cl.clause_links(verb):
            if cl.is_purpose_clause(child):
                self.blocked.add(child.i)
                continue  # an aim is not an event
            self.visit(child, replace(child_ctx, depth=ctx.depth + extra))

    def code_clause(self, verb: Token, ctx: Context, mood: cl.Mood) -> tuple[list[Actor], bool, bool]:
        """Code the clause headed by ``verb``: (its sources, is it speech, was anything coded)."""
        subject = self.clause_subject(verb)
        entry, trigger = match(verb, "V", subject), verb
        if subject is None and entry is not None and entry.frame == "intent":
            subject = cl.scheduled_subject(verb)  # "X is scheduled/expected to meet Y": X meets
        if entry is None:
            trigger = cl.readiness_adjective(verb)
            entry = match(trigger, "A") if trigger is not None else None
        if entry is None:
            return [], False, False
        entry = speech_acts.saying_sense(verb, entry)
        if entry.frame in ("light", "pass") and (noun := self.event_subject(verb)) is not None:
            return [], False, self.code_nominal(verb, noun, ctx, mood)
        if ctx.subjects and args.subject_of(verb) is None:
            sources = list(ctx.subjects)
        else:
            sources = self.who.sources(subject, ctx.speaker)
        if not sources and subject is None and entry.frame is None and entry.code:
            sources = self.force_sent(verb, entry)  # "soldiers will be deployed in X": theirs
        if (not sources and subject is None and entry.frame is None and entry.code
                and entry.code[:2] in AGENTLESS_ROOTS and self.agentless(verb)):
            sources = [self.who.nobody()]  # "three protesters were arrested": by someone unnamed
        if not sources:
            return [], entry.frame == "speech", False
        before = len(self.found)
        if entry.frame in ("speech", "claim"):
            self.code_speech(verb, entry, sources, ctx)
            return sources, True, len(self.found) > before
        if entry.frame in FAMILIES:
            self.code_frame(verb, trigger, entry, sources, ctx, mood)
        elif entry.frame == "consider":
            self.add(CONSIDER, [verb], sources, [], ctx, mood, verb)
        elif entry.frame in ("light", "pass", "negate"):
            self.code_support(verb, entry, subject, sources, ctx, mood)
        elif entry.code:
            gapped = [g for g, _ in args.gapped_pairs(verb)]
            targets = self.who.targets(verb, entry.target, sources, skip=gapped)
            targets = targets or speech_acts.content_targets(self.who, verb, entry.code, sources)
            targets = targets or self.history.behind(self.who, verb, entry.code, sources)
            code, words = self.subject_event(entry.code, verb, subject)
            self.add(code, words, sources, targets, ctx, mood, verb, entry.target == "sym")
        return sources, False, len(self.found) > before

    def clause_subject(self, verb: Token) -> Token | None:
        """The clause's subject; a participle hung on a noun that names nobody takes the
        subject of the clause around it ("posted a message on Twitter *blaming* Iran")."""
        subject = args.subject_of(verb) or args.inherited_subject(verb)
        if subject is None or not args.is_participle_modifier(verb):
            return subject
        if any(resolved(a) for a in self.who.actors(subject)):
            return subject
        if cl.noun_phrase_head(subject).lemma_.lower() in ("who", "which") or match(subject, "N"):
            return subject
        outer = next((a for a in verb.ancestors if a.pos_ in cl.VERBAL), None)
        return (args.subject_of(outer) or args.inherited_subject(outer) or subject) if outer is not None else subject

    def subject_event(self, code: str, verb: Token, subject: Token | None) -> tuple[str, list[Token]]:
        """"Twin *bombings* struck the cathedral": a generic attack verb whose subject is
        a more specific violent event noun is that event."""
        if code != GENERIC_FORCE or subject is None or subject.pos_ != "NOUN":
            return code, [verb]
        entry = match(subject, "N")
        if entry is not None and entry.code and entry.code[:2] in ("18", "19", "20"):
            return entry.code, [verb, subject]
        return code, [verb]

    def force_sent(self, verb: Token, entry: Entry) -> list[Actor]:
        """"Troops were deployed/sent to X" without a "by" agent: the force is its own
        country's, so it stands for the sender (it is what is sent, never the target)."""
        if entry.target != "prep" or entry.code is None or entry.code[:2] not in SENDING_ROOTS:
            return []
        patient = args.passive_subject(verb)
        if patient is None or not self.who.is_force(patient):
            return []
        return [a for a in self.who.actors(patient) if resolved(a) and a.country]

    def agentless(self, verb: Token) -> bool:
        """A passive without a "by" agent whose patient is a known actor."""
        patient = args.passive_subject(verb)
        return patient is not None and any(resolved(a) for a in self.who.actors(patient))

    def event_subject(self, verb: Token) -> Token | None:
        """An event noun that is the subject of "begin/resume/take place/be held"
        ("*Talks* between Denmark and the US resumed")."""
        if args.direct_objects(verb):
            return None
        subject = args.subject_of(verb) or args.passive_subject(verb)
        if subject is None or subject.pos_ != "NOUN":
            return None
        content = self.noun_content(subject, None)
        return subject if content is not None and content.code else None

    def code_nominal(self, verb: Token, noun: Token, ctx: Context, mood: cl.Mood) -> bool:
        """Code an event named by a noun: its actors are its possessor or modifiers
        ("*NATO's* exercise", "*US* airstrikes"), or those "between X and Y" or "by X"."""
        content = self.noun_content(noun, None)
        if content is None or content.code is None:
            return False
        sources = self.who.actors(noun)
        between = args.prep_objects(noun, ("between", "among"))
        if not sources:
            sources = self.who.first_actors([between, *args.prep_groups(noun, ("by", "of"))], [])
        if not sources and (mood is cl.Mood.FUTURE or cl.is_infinitive(verb)):
            sources = list(ctx.speaker)  # "X declared a state of siege to begin at midnight"
        if not sources:
            return False
        symmetric = bool(between) or bool(content.entry and content.entry.target == "sym")
        targets = [] if between else self.who.first_actors(args.prep_groups(noun, NOUN_TARGET_PREPS), sources)
        self.add(content.code, [noun, verb], sources, targets, ctx, mood, verb, symmetric)
        return True

    def ungap(self, found: list[Found], verb: Token) -> None:
        """Gapping: "Chile pledged 300 engineers, *Peru 150*" is Peru's pledge too."""
        for actor_token, _ in args.gapped_pairs(verb):
            others = self.who.actors(actor_token)
            if not others:
                continue
            keys = {a.key() for a in others}
            for item in found:
                if item.statement:
                    continue
                item.targets = [t for t in item.targets if t.key() not in keys]
                self.found.append(replace(item, sources=others))

    def fill_targets(self, found: list[Found], verb: Token, sources: list[Actor]) -> None:
        """An action without a recipient takes the one its purpose names
        ("staged a hunger strike *to protest against Sweden's decision*")."""
        open_items = [f for f in found if not f.targets and not f.statement and not f.symmetric]
        if not open_items:
            return
        participles = [c for o in args.direct_objects(verb) for c in cl.clausal_modifiers(o) if c.tag_ == "VBG"]
        for child in [*verb.children, *participles]:  # "launched missiles *targeting US troops*"
            if child.pos_ in cl.VERBAL and (cl.is_purpose_clause(child) or cl.is_participle(child)
                                            or cl.is_clausal_modifier(child)):
                slots = self.who.clause_slots(child)
            elif args.is_preposition(child, ("in",)):  # "in protest against X"
                slots = [g for p in args.objects_of(child) if p.lemma_ in MOTIVES
                         for g in args.prep_groups(p, ("against", "at", "of", "over"))]
            else:
                continue
            targets = self.who.first_actors(slots, sources, rich=True)
            if targets:
                for item in open_items:
                    item.targets = targets
                return

    # -- the kinds of trigger --------------------------------------------------

    def code_speech(self, verb: Token, entry: Entry, sources: list[Actor], ctx: Context) -> None:
        speech_acts.code_speech(self, verb, entry, sources, ctx)

    def code_frame(self, verb: Token, trigger: Token, entry: Entry, sources: list[Actor], ctx: Context,
                   mood: cl.Mood) -> None:
        """Intent, appeal, demand, rejection or threat about another event."""
        family = entry.frame or "intent"
        content = self.content(trigger, family)
        if family == "intent" and speech_acts.wish_for_other(trigger, content.token if content else None,
                                                             sources, self.who):
            family = "appeal"  # "X expects Y to confirm": a request of Y, not X's plan
        if family == "intent" and content is None and not args.direct_objects(verb) and not args.prep_groups(
                verb, ("to", "on", "with", "upon")):
            return  # "X agreed, saying ...": agreeing with someone is no pledge
        code = derive(family, content.code) if content and content.code else entry.code
        if family == "appeal" and entry.frame == "intent":
            code = derive("appeal", content.code if content else None)
        if code is None:
            return
        words = [verb, trigger] + ([content.token] if content else [])
        targets = self.frame_targets(verb, family, content, sources)
        intent = family == "intent"
        # "X and Y are scheduled to hold talks": the planned event is reciprocal too
        symmetric = entry.target == "sym" or bool(content and content.entry and content.entry.target == "sym")
        self.add(code, words, sources, targets, ctx, mood, verb, symmetric, intent=intent)

    def code_support(self, verb: Token, entry: Entry, subject: Token | None, sources: list[Actor],
                     ctx: Context, mood: cl.Mood) -> None:
        """"try/begin to X", "fail to X", "launch an attack": the real event is elsewhere."""
        complement = cl.infinitive_complement(verb)
        if complement is not None and cl.is_open_complement(complement):
            negated = entry.frame == "negate" or cl.is_negated(verb) or ctx.negated
            future = ctx.future or mood is cl.Mood.FUTURE
            inner = replace(ctx, subjects=tuple(sources), negated=negated, future=future)
            if entry.frame == "negate":
                self.code_failure(verb, complement, sources, ctx)
            self.visit(complement, inner)
            return
        passive = [p] if (p := args.passive_subject(verb)) is not None else []
        nouns = args.direct_objects(verb) + passive + args.prep_objects(verb, LIGHT_PREPS)
        if not self.code_nouns(verb, nouns, sources, ctx, mood, subject) and entry.code:
            targets = self.who.targets(verb, entry.target, sources)
            self.add(entry.code, [verb], sources, targets, ctx, mood, verb)

    def code_failure(self, verb: Token, complement: Token, sources: list[Actor], ctx: Context) -> None:
        """"failed to reach agreement / to agree / to meet": verbal cooperation that
        did not come about is read as a rejection (the attempt itself stays negated)."""
        content = self.clause_content(complement)
        if content is None or content.code is None or content.code[:2] not in VERBAL_COOPERATION:
            return
        targets = self.who.targets(content.token, content.entry.target if content.entry else "-", sources)
        symmetric = bool(content.entry and content.entry.target == "sym")
        code = derive("reject", content.code)
        self.add(code, [verb, complement], sources, targets, ctx, cl.Mood.FACT, verb, symmetric=symmetric)

    def code_nouns(self, verb: Token, nouns: list[Token], sources: list[Actor], ctx: Context, mood: cl.Mood,
                   subject: Token | None = None) -> bool:
        """Code the first event noun among ``nouns`` as the verb's action."""
        for noun in nouns + [o for n in nouns if (o := args.of_object(n, ("of", "in"))) is not None]:
            content = self.noun_content(noun, subject, verb)
            if content is None or content.code is None:
                continue
            mode = content.entry.target if content.entry else "-"
            slots = self.content_slots(content.inner) if content.inner else []
            slots += [*args.prep_groups(noun, NOUN_TARGET_PREPS), *args.prep_groups(verb, cl.TARGET_PREPS)]
            targets = self.who.best_actors(slots, sources) or self.who.place_target(verb, sources)
            intent = bool(content.entry and content.entry.frame == "intent")
            words = [verb, noun]
            self.add(content.code, words, sources, targets, ctx, mood, verb, mode == "sym", intent=intent)
            return True
        return False

    # -- what a frame is about -------------------------------------------------

    def content(self, token: Token, family: str) -> Content | None:
        """The event a frame word governs: its infinitive, that-clause or event-noun object."""
        complement = cl.infinitive_complement(token)
        if complement is None and family in ("demand", "appeal"):
            complement = cl.clause_complement(token)
        if complement is None and family in ("threaten", "intent"):
            # "warned that it would retaliate": a that-clause about the future
            clause = cl.clause_complement(token)
            complement = clause if clause is not None and cl.mood(clause) is cl.Mood.FUTURE else None
        if complement is not None:
            self.done.add(complement.i)
            return self.clause_content(complement) or Content(None, complement)
        nouns = args.direct_objects(token) + args.prep_objects(token, CONTENT_PREPS)
        for noun in nouns:
            found = self.noun_content(noun, None)
            if found is not None and found.code is not None:
                return found
        return None

    def clause_content(self, verb: Token) -> Content | None:
        """The code a clause would get on its own (ignoring its mood); "will not
        lift the ban" is about a refusal, any other negated clause about nothing."""
        if cl.is_negated(verb):
            refused = self.refusal(verb)
            return Content(refused, verb) if refused else Content(None, verb)
        entry = match(verb, "V", args.subject_of(verb))
        if entry is None:
            adjective = cl.readiness_adjective(verb)
            entry = match(adjective, "A") if adjective is not None else None
            verb = adjective if entry is not None else verb
        if entry is None or entry.frame == "negate":
            return None
        if entry.frame in ("light", "pass"):
            inner = self.content(verb, "light")
            return inner if inner is not None else Content(entry.code, verb, entry)
        if entry.frame in FAMILIES:
            inner = self.content(verb, entry.frame)
            code = derive(entry.frame, inner.code) if inner and inner.code else entry.code
            return Content(code, verb, entry)
        if entry.frame == "consider":
            return Content(CONSIDER, verb, entry)
        return Content(entry.code, verb, entry)

    def refusal(self, verb: Token) -> str | None:
        """The rejection code of a negated future cooperative clause ("will not end the strike")."""
        if cl.mood(verb) is not cl.Mood.FUTURE:
            return None
        entry = match(verb, "V", args.subject_of(verb))
        code = entry.code if entry is not None and entry.frame is None else None
        return derive("reject", code) if code and code[:2] in COOPERATIVE_ROOTS else None

    def noun_content(self, noun: Token, subject: Token | None, host: Token | None = None) -> Content | None:
        """An event noun's code; a frame noun ("calls for a ceasefire") takes its content's.

        ``host`` is the verb governing the noun: the parser often hangs a frame
        noun's that-clause on it ("reiterated its demand *that Israel ease*").
        """
        entry = match(noun, "N", subject)
        if entry is None:
            return None
        if entry.frame == "pass":  # "an operation to detain ...": the infinitive is the event
            inner = self.content(noun, "light")
            if inner is None and host is not None and (aim := cl.purpose_clause(host)) is not None:
                self.done.add(aim.i)  # "launched operations | to detain": the parser's attachment
                inner = self.clause_content(aim)
            return inner if inner is not None and inner.code else None
        if entry.frame in FAMILIES:
            inner = self.content(noun, entry.frame)
            if inner is None and host is not None and (clause := cl.clause_complement(host)) is not None:
                self.done.add(clause.i)
                inner = self.clause_content(clause) or Content(None, clause)
            code = derive(entry.frame, inner.code) if inner and inner.code else entry.code
            return Content(code, noun, entry, inner)
        return Content(entry.code, noun, entry)

    def frame_targets(self, verb: Token, family: str, content: Content | None,
                      sources: list[Actor]) -> list[Actor]:
        """Recipient of a frame: the addressee ("urged *Iran* to") or the content's target."""
        own_objects = args.direct_objects(verb)
        own = [own_objects, *args.prep_groups(verb, ("on", "upon", "to", "with", "from", "against", "for")),
               *[g for o in own_objects for g in args.prep_groups(o, NOUN_TARGET_PREPS)]]
        inner = self.content_slots(content) if content is not None else []
        slots = inner + own if family in ("intent", "threaten", "prepare") else own + inner
        return self.who.best_actors(slots, sources)

    def content_slots(self, content: Content) -> list[list[Token]]:
        """Where the target of an event-about-an-event may be named, best first."""
        return self.who.clause_slots(content.token, content.entry.target if content.entry else "-")

    # -- recording -------------------------------------------------------------

    def add(self, code: str, words: list[Token], sources: list[Actor], targets: list[Actor], ctx: Context,
            mood: cl.Mood, verb: Token, symmetric: bool = False, intent: bool = False,
            statement: bool = False) -> None:
        """Record an action, applying the clause's mood and negation."""
        negated = ctx.negated or cl.is_negated(verb)
        future = mood is cl.Mood.FUTURE or ctx.future
        if mood is cl.Mood.OBLIGATION and not statement:
            return  # "X must withdraw" with nobody saying it: an opinion, not an event
        if code in MEETINGS and not targets and not (symmetric and len(sources) > 1):
            return  # a meeting with nobody named is not an interaction
        code = speech_acts.international_sense(code, sources, targets)
        if future and not intent:
            intent, code = True, derive("intent", code)
        if negated and future and code[:2] in COOPERATIVE_ROOTS:
            # "will not accept refugees" is one record: the refusal, not also the withheld act.
            self.found.append(Found(derive("reject", code), words, sources, targets, False, False,
                                    speaker_of(ctx), ctx.depth, symmetric=symmetric))
            return
        self.found.append(Found(code, words, sources, targets, negated, intent, speaker_of(ctx), ctx.depth,
                                statement, symmetric))
