"""What every rule of the event coder works with in one sentence, in one object.

The clause walk (``events``), the event-noun pass (``nominal``) and the speech
acts (``speech_acts``) all record into the same ``Findings``, look actors up in
the same ``Participants`` (cached per sentence) and read frame contents with
the same ``Contents``.  ``Coder`` bundles them with the loaded tables, so the
rule modules share it without importing one another's classes.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.coding.cameo import CameoTable, CodeSets, cameo_table, code_sets
from sitrep.coding.events.contents import Contents
from sitrep.coding.events.found import Action, Findings
from sitrep.coding.events.frames import Frames, frames
from sitrep.coding.events.participants import Participants, non_agents
from sitrep.coding.events.verbs import Lexicon, lexicon
from sitrep.models import Document
from sitrep.resources import Resources


@dataclass(frozen=True)
class EventTables:
    """The loaded tables the event rules read."""

    lexicon: Lexicon
    cameo: CameoTable
    codes: CodeSets
    frames: Frames
    non_agents: dict[str, str]


def event_tables(resources: Resources) -> EventTables:
    return EventTables(lexicon=resources.get(lexicon), cameo=resources.get(cameo_table),
                       codes=resources.get(code_sets), frames=resources.get(frames),
                       non_agents=resources.get(non_agents))


@dataclass
class Coder:
    """One sentence's shared state: its record, its participants, its contents reader."""

    resources: Resources
    tables: EventTables
    record: Findings
    who: Participants
    contents: Contents

    @classmethod
    def for_sentence(cls, doc: Document, resources: Resources, home: str | None = None) -> Coder:
        tables = resources.get(event_tables)
        who = Participants(doc, tables.lexicon, tables.non_agents, home=home)
        record = Findings(cameo=tables.cameo, codes=tables.codes, place_of=who.place_country,
                          addressee_of=who.host_addressee)
        contents = Contents(tables.lexicon, tables.cameo, tables.frames, record, who)
        return cls(resources=resources, tables=tables, record=record, who=who, contents=contents)

    @property
    def lexicon(self) -> Lexicon:
        return self.tables.lexicon

    @property
    def codes(self) -> CodeSets:
        return self.tables.codes

    @property
    def frames(self) -> Frames:
        return self.tables.frames

    def add(self, action: Action) -> None:
        self.record.add(action)
