"""The frame vocabulary: how a trigger treats the event it governs, in one place.

A lexicon entry (``verbs.tsv``) may name a *frame*: "agreed *to send troops*"
is an intent about a deployment, "urged Y *to release*" an appeal, "said
*that* ..." a statement reporting a clause, "launched *an attack*" a support
verb whose object is the event.  Every frame is a row of
``data/event_frames.tsv`` with its *kind*, which says how the event coder
treats it:

- ``derive``: the frame's code comes from its content's through
  ``cameo_derive.tsv`` (intent, prepare, appeal, demand, reject, threaten);
- ``speech``: a statement with its own code (say 010, claim 015);
- ``fixed``: always its own code, its content left uncoded (consider 014);
- ``support``: the real event is the object noun or the infinitive (light, pass);
- ``failure``: the infinitive is coded negated (negate).

To add a frame of an existing kind, add one row to ``event_frames.tsv`` (and,
for a ``derive`` frame, its block in ``cameo_derive.tsv``); the lexicon may
then name it, and nothing else changes.  A frame that behaves in a new way
needs a new kind: a ``KIND`` constant and one small predicate (``is_*``) here,
and the rule that codes it, one method registered by kind in
``triggers.Triggers.rules`` (the rules need the sentence's coder, which this
module sits below).  The frames the rules single out by name (``INTENT``,
``CLAIM`` ...) are constants here, so no rule module spells a frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.coding.cameo import body, cameo_table
from sitrep.errors import ConfigError
from sitrep.resources import Resources

DERIVE, SPEECH_KIND, FIXED, SUPPORT, FAILURE = "derive", "speech", "fixed", "support", "failure"
KINDS = frozenset({DERIVE, SPEECH_KIND, FIXED, SUPPORT, FAILURE})
# Frames the rules single out by name.
INTENT, PREPARE, APPEAL = "intent", "prepare", "appeal"
DEMAND, REJECT, THREATEN = "demand", "reject", "threaten"
SPEECH, CLAIM = "speech", "claim"
LIGHT, PASS = "light", "pass"


@dataclass(frozen=True)
class Frame:
    """One row of ``event_frames.tsv``."""

    name: str
    kind: str
    code: str | None


@dataclass(frozen=True)
class Frames:
    """The frames by name, with the questions the event coder asks of them."""

    by_name: dict[str, Frame]

    def __contains__(self, name: object) -> bool:
        return name in self.by_name

    def kind(self, name: str | None) -> str | None:
        frame = self.by_name.get(name) if name is not None else None
        return frame.kind if frame is not None else None

    def code(self, name: str) -> str:
        """The frame's own CAMEO code ("speech" 010, "consider" 014)."""
        code = self.by_name[name].code
        if code is None:
            raise ConfigError(f"event_frames.tsv: frame {name!r} has no code of its own")
        return code

    def is_derived(self, name: str | None) -> bool:
        """A frame whose code is derived from its content's (intent, appeal, ...)."""
        return self.kind(name) == DERIVE

    def is_speech(self, name: str | None) -> bool:
        return self.kind(name) == SPEECH_KIND

    def is_fixed(self, name: str | None) -> bool:
        return self.kind(name) == FIXED

    def is_support(self, name: str | None) -> bool:
        """A support verb: its object noun or its infinitive is the event."""
        return self.kind(name) == SUPPORT

    def is_failure(self, name: str | None) -> bool:
        return self.kind(name) == FAILURE

    def is_indirect(self, name: str | None) -> bool:
        """Support or failure: the frame codes another event, not itself."""
        return self.kind(name) in (SUPPORT, FAILURE)

    @property
    def families(self) -> tuple[str, ...]:
        """The derive frames, in table order."""
        return tuple(f.name for f in self.by_name.values() if f.kind == DERIVE)


def frames(resources: Resources) -> Frames:
    """The frame table; a bad kind or code, or a derive frame without derivations, is a ConfigError."""
    table = resources.get(cameo_table)
    by_name = {}
    for name, kind, code, _ in body(resources.rows("event_frames.tsv", 4, required=2), "frame"):
        own = None if code in ("", "-") else code
        if kind not in KINDS or (own is not None and not table.is_code(own)):
            raise ConfigError(f"event_frames.tsv: frame {name!r} has a bad kind {kind!r} or code {code!r}")
        if kind == DERIVE and "*" not in table.derivations.get(name, {}):
            raise ConfigError(f"cameo_derive.tsv: frame {name!r} has no default ('*') row")
        by_name[name] = Frame(name=name, kind=kind, code=own)
    return Frames(by_name=by_name)
