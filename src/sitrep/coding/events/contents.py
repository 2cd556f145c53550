"""What a frame is about: the event a frame verb or noun governs, and its code.

"agreed *to send troops*", "demanded *that the US cancel*", "calls *for a
ceasefire*", "an operation *to detain* ...": the content is the infinitive,
that-clause or event-noun object of the frame word, coded as it would be on
its own (ignoring its mood).  A frame inside a frame takes its content's code
through ``cameo_derive.tsv``.  Reading a content marks its clause as spoken for
in the sentence's ``Findings``, so the clause walk does not code it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.coding.events import frames as fr
from sitrep.coding.cameo import CameoTable
from sitrep.coding.events.found import Content, Findings
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.events.participants import Participants
from sitrep.coding.events.verbs import Entry, Lexicon
from sitrep.nlp.types import Token

CONTENT_PREPS = ("for", "to", "on", "upon", "of", "against", "about")
# The prepositions of a frame noun's object that the parser may hang on the governing verb.
INTENT_CONTENT_PREPS = ("to", "for")


@dataclass
class Contents:
    """Reads the contents of frames in one sentence."""

    lexicon: Lexicon
    cameo: CameoTable
    frames: fr.Frames
    record: Findings
    who: Participants

    def content(self, token: Token, family: str) -> Content | None:
        """The event a frame word governs: its infinitive, that-clause or event-noun object."""
        complement = cl.infinitive_complement(token) or args.time_phrase_infinitive(token)
        if complement is None and family in (fr.DEMAND, fr.APPEAL):
            complement = cl.clause_complement(token)
        if complement is None and family in (fr.THREATEN, fr.INTENT):
            # "warned that it would retaliate": a that-clause about the future
            clause = cl.clause_complement(token)
            complement = clause if clause is not None and cl.mood(clause) is cl.Mood.FUTURE else None
        if complement is not None:
            self.record.done.add(complement.i)
            return self.clause_content(complement) or Content(None, complement)
        nouns = args.direct_objects(token) + args.prep_objects(token, CONTENT_PREPS)
        for noun in nouns:
            found = self.noun_content(noun, None, token)
            if found is not None and found.code is not None:
                return found
        return None

    def clause_content(self, verb: Token) -> Content | None:
        """The code a clause would get on its own (ignoring its mood); "will not
        lift the ban" is about a refusal, any other negated clause about nothing."""
        if cl.is_negated(verb):
            refused = self.refusal(verb)
            return Content(refused, verb) if refused else Content(None, verb)
        entry = self.lexicon.match(verb, "V", args.subject_of(verb))
        if entry is None:
            adjective = cl.readiness_adjective(verb)
            entry = self.lexicon.match(adjective, "A") if adjective is not None else None
            verb = adjective if adjective is not None and entry is not None else verb
        if entry is None or self.frames.is_failure(entry.frame):
            return None
        return self.entry_content(verb, entry)

    def entry_content(self, verb: Token, entry: Entry) -> Content:
        """The content of a clause whose head matched ``entry``."""
        if self.frames.is_support(entry.frame):
            inner = self.content(verb, fr.LIGHT)
            return inner if inner is not None else Content(entry.code, verb, entry)
        if entry.frame is not None and self.frames.is_derived(entry.frame):
            inner = self.content(verb, entry.frame)
            code = self.cameo.derive(entry.frame, inner.code) if inner and inner.code else entry.code
            return Content(code, verb, entry)
        if entry.frame is not None and self.frames.is_fixed(entry.frame):
            return Content(self.frames.code(entry.frame), verb, entry)
        return Content(entry.code, verb, entry)

    def refusal(self, verb: Token) -> str | None:
        """The rejection code of a negated future cooperative clause ("will not end the strike")."""
        if cl.mood(verb) is not cl.Mood.FUTURE:
            return None
        entry = self.lexicon.match(verb, "V", args.subject_of(verb))
        code = entry.code if entry is not None and entry.frame is None else None
        if not code or not self.record.codes.cooperative.has(code):
            return None
        return self.cameo.derive(fr.REJECT, code)

    def noun_content(self, noun: Token, subject: Token | None, host: Token | None = None) -> Content | None:
        """An event noun's code; a frame noun ("calls for a ceasefire") takes its content's.

        ``host`` is the verb governing the noun: the parser often hangs a frame
        noun's that-clause on it ("reiterated its demand *that Israel ease*").
        """
        entry = self.lexicon.match(noun, "N", subject)
        if entry is None:
            return None
        if entry.frame == fr.PASS:  # "an operation to detain ...": the infinitive is the event
            return self.passed_content(noun, host)
        if entry.frame is not None and self.frames.is_derived(entry.frame):
            inner = self.content(noun, entry.frame)
            if inner is None and host is not None and (clause := cl.clause_complement(host)) is not None:
                self.record.done.add(clause.i)
                inner = self.clause_content(clause) or Content(None, clause)
            if inner is None and host is not None:
                inner = self.hung_content(noun, host)
            code = self.cameo.derive(entry.frame, inner.code) if inner and inner.code else entry.code
            return Content(code, noun, entry, inner)
        return Content(entry.code, noun, entry)

    def hung_content(self, noun: Token, host: Token) -> Content | None:
        """"showed openness | *to dialogue*": the parser hangs a frame noun's "to/for" object on
        the verb governing it; that object is what the frame noun is about."""
        for inner in args.prep_objects(host, INTENT_CONTENT_PREPS):
            if inner.i != noun.i and (found := self.noun_content(inner, None)) is not None and found.code:
                return found
        return None

    def passed_content(self, noun: Token, host: Token | None) -> Content | None:
        """"an operation to detain ...": the noun's infinitive (or its host's purpose clause) is the event."""
        inner = self.content(noun, fr.LIGHT)
        if inner is None and host is not None and (aim := cl.purpose_clause(host)) is not None:
            self.record.done.add(aim.i)  # "launched operations | to detain": the parser's attachment
            inner = self.clause_content(aim)
        return inner if inner is not None and inner.code else None

    def content_slots(self, content: Content) -> list[list[Token]]:
        """Where the target of an event-about-an-event may be named, best first."""
        return self.who.clause_slots(content.token, content.target_mode)
