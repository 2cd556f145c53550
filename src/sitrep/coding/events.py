"""The events stage: who did what to whom, coded in CAMEO and PLOVER.

Find, then write: ``find_events`` reads the parse and the actor mentions and
returns Event records; ``process`` attaches them to each document.

How a sentence is read (see ``grammar`` for the parse, ``verbs`` for the lexicon,
``frames`` for the frame vocabulary, ``contents`` for what a frame is about, and
``found`` for the record every rule adds to):

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
from dataclasses import dataclass, replace

from sitrep.coding import frames as fr
from sitrep.coding import nominal, speech_acts
from sitrep.coding.coder import Coder, event_tables
from sitrep.coding.found import Action, Content, Context, Found, to_events
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.participants import NOUN_TARGET_PREPS, Participants, resolved
from sitrep.coding.verbs import Entry
from sitrep.models import Actor, Document, Event
from sitrep.nlp.types import Span, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

LIGHT_PREPS = ("on", "in", "into", "to")
MOTIVES = frozenset({"protest", "response", "retaliation", "opposition", "solidarity"})
# Where a frame's own addressee may be named ("urged *Iran* to", "called *on* X to").
FRAME_PREPS = ("on", "upon", "to", "with", "from", "against", "for")
# An intent with none of these and no content is agreement with someone, not a pledge.
PLEDGE_PREPS = ("to", "on", "with", "upon")


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Attach the coded events to each parsed document."""
    for doc in docs:
        doc.events = find_events(doc, resources)
        yield doc


def find_events(doc: Document, resources: Resources) -> list[Event]:
    """Every event in the document, sentence by sentence."""
    if doc.parsed is None:
        return []
    tables = resources.get(event_tables)
    events: list[Event] = []
    history = speech_acts.Doers(tables.codes, tables.lexicon)
    for index, sent in enumerate(doc.parsed.sents):
        coder = SentenceCoder(Coder.for_sentence(doc, resources), history)
        found = [f for f in coder.code(sent) if coder.who.anchored(f.sources, f.targets)]
        history.remember(found)
        events.extend(to_events(found, sent.text, index, tables.cameo))
    return events


@dataclass
class SentenceCoder:
    """The clause walk of one sentence: which clause heads to code, and how each kind of
    trigger is coded.  What was found is kept in ``coder.record``."""

    coder: Coder
    history: speech_acts.Doers  # earlier sentences' doers

    @property
    def who(self) -> Participants:
        return self.coder.who

    @property
    def found(self) -> list[Found]:
        """What the sentence's rules have found so far."""
        return self.coder.record.found

    def add(self, action: Action) -> None:
        self.coder.add(action)

    def code(self, sent: Span) -> list[Found]:
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
        nominal.code_nouns(self.coder, [t for t in tokens if t.pos_ == "NOUN"], Context(depth=2))
        self.attribute([t for t in tokens if t.lower_ == "according"])
        return self.found

    def sweep(self, verbs: list[Token]) -> None:
        """Clauses the walk from the root does not reach: relative clauses, participles
        on nouns and clauses inside noun phrases ("the men *who were arrested*",
        "three men *killed* in rioting").  Nothing under a hypothetical or purpose
        clause is coded."""
        record = self.coder.record
        for token in verbs:
            if token.i not in record.done and not record.under_blocked(token):
                if not cl.is_infinitive(token) and not cl.is_topic_gerund(token):
                    self.visit(token, Context(depth=2))  # not "a plan *to hold* talks", "skeptical *about providing*"

    def attribute(self, cues: list[Token]) -> None:
        """"According to X, ...": X reports every action of the sentence not already reported."""
        for token in cues:
            sources = self.who.first_actors([args.prep_objects(token, ("to",))], [])
            for item in self.found:
                if sources and item.reported_by is None and not item.statement:
                    item.reported_by = sources[0]

    # -- walking the clauses -------------------------------------------------

    def visit(self, verb: Token, ctx: Context) -> None:
        record = self.coder.record
        if verb.i in record.done or verb.i in self.who.consumed or verb.pos_ not in cl.VERBAL:
            return
        record.done.add(verb.i)
        record.visited.add(verb.i)
        mood = cl.mood(verb)
        if mood is cl.Mood.HYPOTHETICAL:
            record.blocked.add(verb.i)
            return
        before = len(self.found)
        sources, speech = self.code_clause(verb, ctx, mood)
        self.fill_targets(self.found[before:], verb, sources)
        self.ungap(self.found[before:], verb)
        child_ctx = replace(ctx, subjects=(), negated=False)
        if speech and sources:
            child_ctx = replace(child_ctx, speaker=tuple(sources))
        for child, extra in cl.clause_links(verb):
            if cl.is_purpose_clause(child):
                record.blocked.add(child.i)
                continue  # an aim is not an event
            self.visit(child, replace(child_ctx, depth=ctx.depth + extra))

    def code_clause(self, verb: Token, ctx: Context, mood: cl.Mood) -> tuple[list[Actor], bool]:
        """Code the clause headed by ``verb``: (its sources, is it speech)."""
        frames = self.coder.frames
        subject = self.clause_subject(verb)
        found = self.clause_entry(verb, subject)
        if found is None:
            return [], False
        entry, trigger, subject = found
        if frames.is_support(entry.frame) and (noun := self.event_subject(verb)) is not None:
            self.code_nominal(verb, noun, ctx, mood)
            return [], False
        sources = self.clause_sources(verb, entry, subject, ctx)
        if not sources:
            return [], entry.frame == fr.SPEECH
        if frames.is_speech(entry.frame):
            speech_acts.code_speech(self.coder, verb, entry, sources, ctx)
            return sources, True
        if frames.is_derived(entry.frame):
            self.code_frame(verb, trigger, entry, sources, ctx, mood)
        elif entry.frame is not None and frames.is_fixed(entry.frame):
            self.add(Action(code=frames.code(entry.frame), words=[verb], sources=sources, targets=[], ctx=ctx,
                            mood=mood, verb=verb))
        elif frames.is_indirect(entry.frame):
            self.code_support(verb, entry, subject, sources, ctx, mood)
        elif entry.code:
            self.code_plain(verb, entry, entry.code, subject, sources, ctx, mood)
        return sources, False

    def clause_entry(self, verb: Token, subject: Token | None) -> tuple[Entry, Token, Token | None] | None:
        """The lexicon entry of a clause head, its trigger word (the verb, or the adjective
        that frames its infinitive: "X is *ready* to ...") and the subject that acts."""
        lexicon = self.coder.lexicon
        entry, trigger = lexicon.match(verb, "V", subject), verb
        if subject is None and entry is not None and entry.frame == fr.INTENT:
            subject = cl.scheduled_subject(verb)  # "X is scheduled/expected to meet Y": X meets
        if entry is None:
            adjective = cl.readiness_adjective(verb)
            entry = lexicon.match(adjective, "A") if adjective is not None else None
            if entry is None or adjective is None:
                return None
            trigger = adjective
        return speech_acts.saying_sense(verb, entry, self.coder.frames.code(fr.SPEECH)), trigger, subject

    def clause_sources(self, verb: Token, entry: Entry, subject: Token | None, ctx: Context) -> list[Actor]:
        """Who acts in the clause: the controller's actors, the subject's, the country of a
        force sent, or for a passive done to a known actor an unnamed someone."""
        if ctx.subjects and args.subject_of(verb) is None:
            sources = list(ctx.subjects)
        else:
            sources = self.who.sources(subject, ctx.speaker)
        plain = subject is None and entry.frame is None and entry.code
        if not sources and plain:
            sources = self.force_sent(verb, entry)  # "soldiers will be deployed in X": theirs
        if (not sources and plain and entry.code and self.coder.codes.agentless.has(entry.code)
                and self.agentless(verb)):
            sources = [self.who.nobody()]  # "three protesters were arrested": by someone unnamed
        return sources

    def code_plain(self, verb: Token, entry: Entry, code: str, subject: Token | None, sources: list[Actor],
                   ctx: Context, mood: cl.Mood) -> None:
        """An action the lexicon codes directly, with its targets."""
        gapped = [g for g, _ in args.gapped_pairs(verb)]
        targets = self.who.targets(verb, entry.target, sources, skip=gapped)
        targets = targets or speech_acts.content_targets(self.coder, verb, code, sources)
        targets = targets or self.history.behind(self.who, verb, code, sources)
        code, words = self.subject_event(code, verb, subject)
        self.add(Action(code=code, words=words, sources=sources, targets=targets, ctx=ctx, mood=mood, verb=verb,
                        symmetric=entry.target == "sym"))

    def clause_subject(self, verb: Token) -> Token | None:
        """The clause's subject; a participle hung on a noun that names nobody takes the
        subject of the clause around it ("posted a message on Twitter *blaming* Iran")."""
        subject = args.subject_of(verb) or args.inherited_subject(verb)
        if subject is None or not args.is_participle_modifier(verb):
            return subject
        if any(resolved(a) for a in self.who.actors(subject)):
            return subject
        if (cl.noun_phrase_head(subject).lemma_.lower() in ("who", "which")
                or self.coder.lexicon.match(subject, "N")):
            return subject
        outer = next((a for a in verb.ancestors if a.pos_ in cl.VERBAL), None)
        if outer is None:
            return subject
        return args.subject_of(outer) or args.inherited_subject(outer) or subject

    def subject_event(self, code: str, verb: Token, subject: Token | None) -> tuple[str, list[Token]]:
        """"Twin *bombings* struck the cathedral": a generic attack verb whose subject is
        a more specific violent event noun is that event."""
        if not self.coder.codes.generic_force.has(code) or subject is None or subject.pos_ != "NOUN":
            return code, [verb]
        entry = self.coder.lexicon.match(subject, "N")
        if entry is not None and entry.code and self.coder.codes.violent.has(entry.code):
            return entry.code, [verb, subject]
        return code, [verb]

    def force_sent(self, verb: Token, entry: Entry) -> list[Actor]:
        """"Troops were deployed/sent to X" without a "by" agent: the force is its own
        country's, so it stands for the sender (it is what is sent, never the target)."""
        if entry.target != "prep" or entry.code is None or not self.coder.codes.sending.has(entry.code):
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
        content = self.coder.contents.noun_content(subject, None)
        return subject if content is not None and content.code else None

    def code_nominal(self, verb: Token, noun: Token, ctx: Context, mood: cl.Mood) -> bool:
        """Code an event named by a noun: its actors are its possessor or modifiers
        ("*NATO's* exercise", "*US* airstrikes"), or those "between X and Y" or "by X"."""
        content = self.coder.contents.noun_content(noun, None)
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
        symmetric = bool(between) or content.symmetric
        targets = [] if between else self.who.first_actors(args.prep_groups(noun, NOUN_TARGET_PREPS), sources)
        self.add(Action(code=content.code, words=[noun, verb], sources=sources, targets=targets, ctx=ctx,
                        mood=mood, verb=verb, symmetric=symmetric))
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

    def code_frame(self, verb: Token, trigger: Token, entry: Entry, sources: list[Actor], ctx: Context,
                   mood: cl.Mood) -> None:
        """Intent, appeal, demand, rejection or threat about another event."""
        family = entry.frame or fr.INTENT
        content = self.coder.contents.content(trigger, family)
        if family == fr.INTENT and speech_acts.wish_for_other(trigger, content.token if content else None,
                                                              sources, self.who):
            family = fr.APPEAL  # "X expects Y to confirm": a request of Y, not X's plan
        if family == fr.INTENT and content is None and not args.direct_objects(verb) and not args.prep_groups(
                verb, PLEDGE_PREPS):
            return  # "X agreed, saying ...": agreeing with someone is no pledge
        code = self.frame_code(family, entry, content)
        if code is None:
            return
        words = [verb, trigger] + ([content.token] if content else [])
        targets = self.frame_targets(verb, family, content, sources)
        # "X and Y are scheduled to hold talks": the planned event is reciprocal too
        symmetric = entry.target == "sym" or bool(content and content.symmetric)
        self.add(Action(code=code, words=words, sources=sources, targets=targets, ctx=ctx, mood=mood, verb=verb,
                        symmetric=symmetric, intent=family == fr.INTENT))

    def frame_code(self, family: str, entry: Entry, content: Content | None) -> str | None:
        """A frame's code: derived from its content's, else the entry's own; an intent
        re-read as an appeal takes the appeal of its content."""
        cameo = self.coder.tables.cameo
        code = cameo.derive(family, content.code) if content and content.code else entry.code
        if family == fr.APPEAL and entry.frame == fr.INTENT:
            code = cameo.derive(fr.APPEAL, content.code if content else None)
        return code

    def code_support(self, verb: Token, entry: Entry, subject: Token | None, sources: list[Actor],
                     ctx: Context, mood: cl.Mood) -> None:
        """"try/begin to X", "fail to X", "launch an attack": the real event is elsewhere."""
        complement = cl.infinitive_complement(verb)
        failure = self.coder.frames.is_failure(entry.frame)
        if complement is not None and cl.is_open_complement(complement):
            negated = failure or cl.is_negated(verb) or ctx.negated
            future = ctx.future or mood is cl.Mood.FUTURE
            inner = replace(ctx, subjects=tuple(sources), negated=negated, future=future)
            if failure:
                self.code_failure(verb, complement, sources, ctx)
            self.visit(complement, inner)
            return
        passive = [p] if (p := args.passive_subject(verb)) is not None else []
        nouns = args.direct_objects(verb) + passive + args.prep_objects(verb, LIGHT_PREPS)
        if not nominal.code_object_nouns(self.coder, verb, nouns, sources, ctx, mood, subject) and entry.code:
            targets = self.who.targets(verb, entry.target, sources)
            self.add(Action(code=entry.code, words=[verb], sources=sources, targets=targets, ctx=ctx, mood=mood,
                            verb=verb))

    def code_failure(self, verb: Token, complement: Token, sources: list[Actor], ctx: Context) -> None:
        """"failed to reach agreement / to agree / to meet": verbal cooperation that
        did not come about is read as a rejection (the attempt itself stays negated)."""
        content = self.coder.contents.clause_content(complement)
        if content is None or content.code is None or not self.coder.codes.verbal_cooperation.has(content.code):
            return
        targets = self.who.targets(content.token, content.target_mode, sources)
        code = self.coder.tables.cameo.derive(fr.REJECT, content.code)
        self.add(Action(code=code, words=[verb, complement], sources=sources, targets=targets, ctx=ctx,
                        mood=cl.Mood.FACT, verb=verb, symmetric=content.symmetric))

    def frame_targets(self, verb: Token, family: str, content: Content | None,
                      sources: list[Actor]) -> list[Actor]:
        """Recipient of a frame: the addressee ("urged *Iran* to") or the content's target."""
        own_objects = args.direct_objects(verb)
        own = [own_objects, *args.prep_groups(verb, FRAME_PREPS),
               *[g for o in own_objects for g in args.prep_groups(o, NOUN_TARGET_PREPS)]]
        inner = self.coder.contents.content_slots(content) if content is not None else []
        slots = inner + own if family in (fr.INTENT, fr.THREATEN, fr.PREPARE) else own + inner
        return self.who.best_actors(slots, sources)
