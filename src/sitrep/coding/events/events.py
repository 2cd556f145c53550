"""The events stage: who did what to whom, coded in CAMEO and PLOVER.

Find, then write: ``find_events`` reads the parse and the actor mentions and
returns Event records; ``process`` attaches them to each document.

This module is the clause walk (``SentenceCoder``) and who acts in each clause.
The rest of the coder: ``grammar`` asks the parse, ``verbs`` is the lexicon,
``frames`` the frame vocabulary, ``triggers`` codes each kind of trigger the
walk finds, ``contents`` reads what a frame is about, ``nominal`` codes event
nouns, ``speech_acts`` statements, ``participants`` finds sources and targets,
and ``found`` is the record all of them add to (bundled per sentence in
``coder.Coder``).  How a sentence is read:

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
  from ``coding.actors.actors.actors_for_token``, so "U.S. and Danish officials" give
  one event per actor.
- Frames: "agreed/promised/vowed to X", "is set/scheduled/expected/due to X"
  and "will X" are intents (CAMEO 03x,
  PLOVER AGREE; 13x THREATEN when X is coercive); "urged Y to X" an appeal,
  "demanded that Y X" a demand, "refused to X" one record, the rejection, and so
  is a denied will ("does not want / is not ready to X"); "hopes/wishes Y will X"
  is a request of Y;
  "X said Y attacked Z" codes Y against Z with ``reported_by`` X and X's
  statement (CAMEO 010, no PLOVER type); statements that are acts are in
  ``speech_acts``.
- Hypotheticals ("may", "could", "if") and clauses on a noun "no" denies ("no
  evidence the attacks came from X") are not coded; negated actions are kept
  with ``negated=True`` and never as if they happened.
- An event noun that acts stands for the parties it is between ("the meeting
  between A and B agreed to X").
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

from sitrep.coding.actors.article_countries import main_country
from sitrep.coding.events import frames as fr
from sitrep.coding.events import nominal, speech_acts
from sitrep.coding.events.coder import Coder, event_tables
from sitrep.coding.events.found import Context, Found, to_events
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.events.participants import Participants, resolved
from sitrep.coding.events.triggers import Clause, Triggers, fill_targets, ungap
from sitrep.coding.events.verbs import Entry
from sitrep.models import Actor, Document, Event
from sitrep.nlp.types import Span, Token
from sitrep.resources import Resources
from sitrep.settings import Settings


# Participles whose passive with "to" is a stance the subject holds ("X is opposed to Y").
STANCE_PASSIVES = frozenset({"oppose", "commit", "dedicate", "devote"})


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
    history = speech_acts.Doers(tables.codes, tables.lexicon, tables.cameo)
    home = main_country(doc.parsed, doc.mentions)
    for index, sent in enumerate(doc.parsed.sents):
        coder = SentenceCoder(Coder.for_sentence(doc, resources, home), history)
        found = [f for f in coder.code(sent) if f.unnamed or coder.who.anchored(f.sources, f.targets)]
        history.remember(found)
        events.extend(to_events(found, sent.text, index, tables.cameo))
    return events


@dataclass
class SentenceCoder:
    """The clause walk of one sentence: which clause heads to code, in which context, and
    who acts in each; ``triggers`` codes what it finds into ``coder.record``."""

    coder: Coder
    history: speech_acts.Doers  # earlier sentences' doers
    triggers: Triggers = field(init=False)

    def __post_init__(self) -> None:
        self.triggers = Triggers(self.coder, self.history, self.visit)

    @property
    def who(self) -> Participants:
        return self.coder.who

    @property
    def found(self) -> list[Found]:
        """What the sentence's rules have found so far."""
        return self.coder.record.found

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
        nouns = [t for t in tokens if t.pos_ == "NOUN" or cl.is_gerund_subject(t)]  # "*fighting* broke out"
        nominal.code_nouns(self.coder, nouns, Context(depth=2))
        self.attribute([t for t in tokens if t.lower_ == "according"])
        return self.found

    def sweep(self, verbs: list[Token]) -> None:
        """Clauses the walk from the root does not reach: relative clauses, participles
        on nouns and clauses inside noun phrases ("the men *who were arrested*",
        "three men *killed* in rioting").  Nothing under a hypothetical or purpose
        clause is coded."""
        record = self.coder.record
        for token in verbs:
            if cl.denied_by_noun(token):
                record.blocked.add(token.i)  # "no evidence the attacks *came* from X": nothing below happened
                continue
            outside = cl.finite_conjunct_of_infinitive(token)  # "urged X to go *and met* Y": its own act
            if token.i not in record.done and (outside or not record.under_blocked(token)):
                if not cl.is_infinitive(token) and not cl.is_topic_gerund(token):
                    self.visit(token, Context(depth=2))  # not "a plan *to hold* talks", "skeptical *about providing*"

    def attribute(self, cues: list[Token]) -> None:
        """"According to X, ...": X reports every action of the sentence not already reported."""
        for token in cues:
            sources = self.who.first_actors([args.prep_objects(token, ("to",))], [])
            for item in self.found:
                if sources and item.reported_by is None and not item.statement:
                    item.reported_by = sources[0]

    def visit(self, verb: Token, ctx: Context) -> None:
        """Code the clause headed by ``verb``, then walk on into the clauses it links to."""
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
        fill_targets(self.coder, self.found[before:], verb, sources)
        ungap(self.coder, self.found[before:], verb)
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
        found = clause_entry(self.coder, verb, clause_subject(self.coder, verb))
        if found is None:
            return [], False
        entry, trigger, subject = found
        noun = self.triggers.event_subject(verb, entry) if self.coder.frames.is_support(entry.frame) else None
        if noun is not None:
            self.triggers.code_nominal(verb, noun, ctx, mood)
            return [], False
        sources = clause_sources(self.coder, verb, entry, subject, ctx)
        if not sources:
            return [], entry.frame == fr.SPEECH
        self.triggers.code(Clause(verb=verb, trigger=trigger, entry=entry, subject=subject, sources=sources,
                                  ctx=ctx, mood=mood))
        return sources, self.coder.frames.is_speech(entry.frame)


# -- who acts in a clause ------------------------------------------------------


def clause_entry(coder: Coder, verb: Token, subject: Token | None
                 ) -> tuple[Entry, Token, Token | None] | None:
    """The lexicon entry of a clause head, its trigger word (the verb, or the adjective
    that frames its infinitive: "X is *ready* to ...") and the subject that acts."""
    lexicon = coder.lexicon
    entry, trigger = lexicon.match(verb, "V", subject), verb
    if subject is None and entry is not None and entry.frame == fr.INTENT:
        subject = cl.scheduled_subject(verb)  # "X is scheduled/expected to meet Y": X meets
    if entry is None and cl.is_be_to(verb) and named_doer(coder, subject):
        entry = lexicon.match(verb, "A")  # "X was to meet Y" (not "the aim was to"): a plan
    if entry is None:
        adjective = cl.readiness_adjective(verb)
        entry = lexicon.match(adjective, "A") if adjective is not None else None
        if entry is None or adjective is None:
            return None
        trigger = adjective
    return speech_acts.saying_sense(verb, entry, coder.frames.code(fr.SPEECH)), trigger, subject


def named_doer(coder: Coder, subject: Token | None) -> bool:
    """Whether the subject names a known actor."""
    return subject is not None and any(resolved(a) for a in coder.who.actors(subject))


def clause_subject(coder: Coder, verb: Token) -> Token | None:
    """The clause's subject; a participle hung on a noun that names nobody takes the
    subject of the clause around it ("posted a message on Twitter *blaming* Iran")."""
    subject = args.subject_of(verb) or args.inherited_subject(verb)
    if subject is None and coder.lexicon.lemma(verb) in STANCE_PASSIVES and args.prep_objects(verb, ("to",)):
        return args.passive_subject(verb)  # "the US *was opposed to* X": the US opposes X
    if subject is None or not args.is_participle_modifier(verb):
        return subject
    if any(resolved(a) for a in coder.who.actors(subject)):
        return subject
    if cl.noun_phrase_head(subject).lemma_.lower() in ("who", "which") or coder.lexicon.match(subject, "N"):
        return subject
    outer = next((a for a in verb.ancestors if a.pos_ in cl.VERBAL), None)
    if outer is None:
        return subject
    return args.subject_of(outer) or args.inherited_subject(outer) or subject


def clause_sources(coder: Coder, verb: Token, entry: Entry, subject: Token | None,
                   ctx: Context) -> list[Actor]:
    """Who acts in the clause: the controller's actors, the subject's, the country of a
    force sent, or for a passive done to a known actor an unnamed someone."""
    if ctx.subjects and args.subject_of(verb) is None:
        sources = list(ctx.subjects)
    else:
        sources = meeting_parties(coder, subject) or coder.who.sources(subject, ctx.speaker)
    plain = subject is None and entry.frame is None and entry.code
    if not sources and plain:
        sources = force_sent(coder, verb, entry)  # "soldiers will be deployed in X": theirs
    if (not sources and plain and entry.code and coder.codes.agentless.has(entry.code)
            and agentless(coder, verb)):
        sources = [coder.who.nobody()]  # "three protesters were arrested": by someone unnamed
    if not sources and subject is None and entry.frame == fr.APPEAL and agentless(coder, verb):
        sources = [coder.who.nobody()]  # "Italy and Egypt were called to join": someone appealed to them
    return sources


def meeting_parties(coder: Coder, subject: Token | None) -> list[Actor]:
    """"*The meeting between the government and the rebels* agreed to X", "*the calls by
    British officials* asking Y to X": an event noun that acts stands for the parties it
    is between, or for those it is by."""
    if subject is None or subject.pos_ != "NOUN" or coder.lexicon.match(subject, "N") is None:
        return []
    slots = [args.prep_objects(subject, nominal.SYMMETRIC_PREPS), args.prep_objects(subject, nominal.SOURCE_PREPS)]
    return [a for a in coder.who.first_actors(slots, []) if resolved(a)]


def force_sent(coder: Coder, verb: Token, entry: Entry) -> list[Actor]:
    """"Troops were deployed/sent to X" without a "by" agent: the force is its own
    country's, so it stands for the sender (it is what is sent, never the target)."""
    if entry.target != "prep" or entry.code is None or not coder.codes.sending.has(entry.code):
        return []
    patient = args.passive_subject(verb)
    if patient is None or not coder.who.is_force(patient):
        return []
    return [a for a in coder.who.actors(patient) if resolved(a) and a.country]


def agentless(coder: Coder, verb: Token) -> bool:
    """A passive without a "by" agent whose patient is a known actor."""
    patient = args.passive_subject(verb)
    return patient is not None and any(resolved(a) for a in coder.who.actors(patient))
