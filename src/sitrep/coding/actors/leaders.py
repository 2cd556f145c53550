"""Known leaders read at the article's date: who "Bush" or "the Russian premier" was then.

``data/actors_leader_terms.tsv`` lists heads of state and government, foreign and
defence ministers of major countries from 1990 on, each with the years of one term
and the office held.  A person mention named like one of them takes that leader's
country and office when the article's date falls in the term (a 1991 "Bush" is
George H. W. Bush, a 2005 "Bush" George W. Bush), a name the NER missed is found
the same way ("Mbeki and Tandja sought ..."), and an office named with its country
but no name ("the Russian premier") is its holder then.  A nationality a title
already gave wins over the table ("Norwegian Foreign Minister Anne Lund").
Used by the document-level actors stage (``coding.actors.docactors``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.mentions import Mention
from sitrep.models import Actor
from sitrep.nlp.types import Doc
from sitrep.resources import Resources


@dataclass(frozen=True)
class LeaderTerm:
    """A row of ``data/actors_leader_terms.tsv``: one office held from ``start`` to ``end`` (years)."""

    name: str
    keys: tuple[str, ...]  # lower-cased full name, surname and other written forms
    country: str
    agent: str
    gender: str | None
    start: int
    end: int
    office: str = ""


# Role phrases naming one office, longest first, with the office's name in the leader terms table.
OFFICE_WORDS = (
    ("vice president", "vice president"), ("vice-president", "vice president"),
    ("prime minister", "prime minister"), ("premier", "prime minister"), ("chancellor", "prime minister"),
    ("foreign minister", "foreign minister"), ("foreign secretary", "foreign minister"),
    ("secretary of state", "foreign minister"), ("defence minister", "defence minister"),
    ("defense minister", "defence minister"), ("defense secretary", "defence minister"),
    ("secretary of defense", "defence minister"), ("president", "president"), ("king", "king"), ("queen", "king"),
)


def leader_terms(resources: Resources) -> dict[str, list[LeaderTerm]]:
    """Leader terms by each lower-cased written form of the name."""
    table: dict[str, list[LeaderTerm]] = {}
    for name, aliases, country, agent, gender, start, end, office in resources.rows("actors_leader_terms.tsv", 8):
        keys = {name.lower(), *(a.lower() for a in aliases.split("|") if a)}
        term = LeaderTerm(name, tuple(sorted(keys)), country, agent, gender or None, int(start), int(end or 9999),
                          office)
        for key in keys:
            table.setdefault(key, []).append(term)
    return table


def office_holders(resources: Resources) -> dict[tuple[str, str], list[LeaderTerm]]:
    """Leader terms by (country, office)."""
    table: dict[tuple[str, str], list[LeaderTerm]] = {}
    for terms in resources.get(leader_terms).values():
        for term in terms:
            if term not in table.get((term.country, term.office), []):
                table.setdefault((term.country, term.office), []).append(term)
    return table


def leader_table(resources: Resources) -> LeaderTable:
    """The leader terms of ``resources``, by name and by office."""
    return LeaderTable(resources.get(leader_terms), resources.get(office_holders))


@dataclass(frozen=True)
class LeaderTable:
    """Who held which office when: leader terms looked up by written name or by (country, office)."""

    by_name: Mapping[str, list[LeaderTerm]]
    by_office: Mapping[tuple[str, str], list[LeaderTerm]]

    def find_leader(self, written: str, year: int | None) -> LeaderTerm | None:
        """The leader a name stands for in ``year`` (full name first, then surname); None if not one."""
        if year is None:
            return None
        words = [w for w in written.replace("’s", "").replace("'s", "").split() if w]
        for key in (" ".join(words).lower(), words[-1].lower() if words else ""):
            terms = [t for t in self.by_name.get(key, []) if t.start <= year <= t.end]
            if terms:
                return _compatible(terms, words)
        return None

    def find_office_holder(self, country: str | None, office: str, year: int | None) -> LeaderTerm | None:
        """Who held ``office`` in ``country`` in ``year`` (None when the table does not say, or two did)."""
        if country is None or year is None:
            return None
        names = {t.name: t for t in self.by_office.get((country, office), []) if t.start <= year <= t.end}
        return next(iter(names.values())) if len(names) == 1 else None


def _compatible(terms: list[LeaderTerm], words: list[str]) -> LeaderTerm | None:
    """The one term whose name fits the written first name too ("George Bush" not "Jeb Bush")."""
    if len(words) > 1:
        first = words[0].lower()
        terms = [t for t in terms if t.name.lower().startswith(first) or " ".join(words).lower() in t.keys]
    return terms[0] if len({t.name for t in terms}) == 1 else None


def office_of(text: str) -> str | None:
    """The one office a role phrase ends with ("The Russian premier" -> "prime minister")."""
    lowered = text.lower().rstrip(" 's’")
    for words, office in OFFICE_WORDS:
        if lowered.endswith(words):
            return office
    return None


def office_holder(parsed: Doc, mention: Mention, year: int | None, leaders: LeaderTable) -> Mention:
    """"The Russian premier" with no name is the person holding that office at the article's date."""
    if mention.kind != "role" or len(mention.all_actors()) != 1 or mention.head is None:
        return mention
    head = parsed[mention.head]
    named = any(c.pos_ == "PROPN" and not mention.start <= c.i < mention.end
                for c in phrases.compounds_and_appositions(head))
    if head.tag_ in ("NNS", "NNPS") or named:
        return mention  # "the presidents"; a name beside the title is its own person
    office = office_of(parsed[mention.start:mention.end].text)
    term = leaders.find_office_holder(mention.actor.country, office, year) if office else None
    if term is None:
        return mention
    actor = Actor(text=mention.actor.text, name=term.name, code=term.country + term.agent, country=term.country,
                  agent=term.agent)
    return replace(mention, actor=actor, kind="person")


def date_leader(mention: Mention, year: int | None, leaders: LeaderTable) -> Mention:
    """Rule 3 for one person mention."""
    if mention.kind not in ("person", "pronoun"):
        return mention
    actor = mention.actor
    term = leaders.find_leader(actor.name, year)
    if term is None:
        return mention
    if actor.country and actor.country != term.country and actor.name != term.name:
        return mention  # a title gave another nationality ("Norwegian Foreign Minister ...")
    code = term.country + term.agent
    dated = Actor(text=actor.text, name=term.name, code=code, country=term.country, org=None, agent=term.agent)
    return replace(mention, actor=dated, actors=())


def find_dated_leaders(parsed: Doc, mentions: list[Mention], skip: frozenset[int],
                       year: int | None, leaders: LeaderTable) -> list[Mention]:
    """Leaders of the article's date the NER did not tag as people ("Mbeki and Tandja sought ...")."""
    if year is None:
        return []
    taken = bytearray(len(parsed))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    found = []
    after = 0  # the end of the last leader found: runs do not overlap
    for i in _proper_nouns(parsed):
        if i < after or taken[i] or i in skip:
            continue
        end = _leader_run(parsed, i, taken, year, leaders)
        term = leaders.find_leader(parsed[i:end].text, year) if end is not None else None
        if term is not None and end is not None:
            actor = Actor(text=parsed[i:end].text, name=term.name, code=term.country + term.agent,
                          country=term.country, agent=term.agent)
            found.append(Mention(i, end, actor, "person", end - 1))
            after = end
    return found


def _proper_nouns(parsed: Doc) -> list[int]:
    """Indices of proper nouns, read from the parse array without making Token objects."""
    from spacy.symbols import PROPN

    found: list[int] = (parsed.to_array("POS") == PROPN).nonzero()[0].tolist()
    return found


def _whole_entity(parsed: Doc, start: int, end: int) -> bool:
    """Whether no named entity runs on beyond the words: "Rice" of "Rice University" is no leader."""
    inside = parsed[start].ent_iob_ != "I"
    return inside and (end == len(parsed) or parsed[end].ent_iob_ != "I")


def _leader_run(parsed: Doc, i: int, taken: bytearray, year: int, leaders: LeaderTable) -> int | None:
    """End of the longest run of free capitalised proper nouns at ``i`` naming a leader (up to three words)."""
    best = None
    for end in range(i + 1, min(len(parsed), i + 3) + 1):
        tok = parsed[end - 1]
        if taken[end - 1] or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            break
        if leaders.find_leader(parsed[i:end].text, year) is not None and _whole_entity(parsed, i, end):
            best = end
    return best
