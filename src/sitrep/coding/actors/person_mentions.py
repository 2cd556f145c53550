"""Named people as actor mentions: who the NER (or a title) names, and later mentions of their surname.

The first rules of the actors stage (``actors.find_mentions``).  A person span
is a PERSON entity trimmed of the lexicon words in it, a leader from the
lexicon the NER missed, or a run of capitalised proper nouns right after a
title or in apposition to one.  What the person is (country, role, gender)
comes from the title before the name, an apposition beside it and the leaders
table (``people.person_from``); the person is then kept in the document's
registry, so a later bare "Rasmussen" is the same person.
"""

from __future__ import annotations

from collections.abc import Iterator

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.lexicon import Atom
from sitrep.coding.actors.mentions import Mention, Sheet
from sitrep.coding.actors.people import FORMER_WORDS, Person, apposition_atoms, person_from, title_atoms
from sitrep.nlp.types import Span

_NOT_NAMES = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "FAC", "EVENT"})
_NAME_WORDS_AFTER_TITLE = 4  # how many name words may follow a title the NER did not tag
_POSSESSIVE_ENDS = ("'s", "’s", "'")


def find_people(sheet: Sheet) -> None:
    """Add a person mention for every free person span (``person_spans``)."""
    for start, end in person_spans(sheet):
        if sheet.free(start, end):
            add_person(sheet, start, end)


def person_spans(sheet: Sheet) -> list[tuple[int, int]]:
    """PERSON entities (minus tokens the lexicon reads otherwise) and leaders the NER missed."""
    spans = []
    for ent in sheet.parsed.ents:
        if ent.label_ == "PERSON" and not any(c.isdigit() for c in ent.text):  # "COVID-19" read as a name
            spans.extend(_trim_person(sheet, ent.start, ent.end))
    covered = bytearray(len(sheet.parsed))
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    spans += [(a.start, a.end) for a in sheet.atoms if a.entry.kind == "leader" and not any(covered[a.start:a.end])]
    for start, end in titled_names(sheet):
        if not any(covered[start:end]) and all(s[1] <= start or s[0] >= end for s in spans[-3:]):
            spans.append((start, end))
    return sorted(spans)


def titled_names(sheet: Sheet) -> Iterator[tuple[int, int]]:
    """Names the NER missed right after a title or in apposition to one ("Chad's prime minister, Amadou Mahamat")."""
    for atom in sheet.atoms:
        if atom.entry.kind != "role" or not atom.entry.title:
            continue
        end = atom.end
        while end < len(sheet.parsed) and end - atom.end < _NAME_WORDS_AFTER_TITLE and _name_word(sheet, end):
            end += 1
        if end > atom.end:
            yield atom.end, end
            continue
        yield from _apposed_names(sheet, atom)


def _apposed_names(sheet: Sheet, atom: Atom) -> Iterator[tuple[int, int]]:
    """The name a title stands in apposition to, or the names in apposition to the title."""
    head = sheet.parsed[atom.start:atom.end].root
    anchor = phrases.apposed_to(head)
    if anchor is not None and anchor.i < head.i and _name_word(sheet, anchor.i):
        yield _name_run(sheet, anchor.i)  # "Ricardo Rossello, Puerto Rico's governor," (NER said ORG)
        return
    for child in phrases.appositions(head):
        if child.i > head.i and _name_word(sheet, child.i):
            start = child.i
            while start > head.i + 1 and _name_word(sheet, start - 1):
                start -= 1
            yield start, child.i + 1


def _name_run(sheet: Sheet, last: int) -> tuple[int, int]:
    """The name words ending at ``last`` (its compound modifiers: "Ricardo Rossello Nevares")."""
    start = last
    while start > 0 and phrases.is_compound(sheet.parsed[start - 1]) and _name_word(sheet, start - 1):
        start -= 1
    return start, last + 1


def _name_word(sheet: Sheet, i: int) -> bool:
    """A capitalised proper noun the lexicon does not read and the NER does not call a place or date."""
    tok = sheet.parsed[i]
    return tok.pos_ == "PROPN" and tok.is_title and sheet.atom_at[i] is None and tok.ent_type_ not in _NOT_NAMES


def _trim_person(sheet: Sheet, start: int, end: int) -> list[tuple[int, int]]:
    """Drop leading atoms (titles, "Greenlandic" tagged as a person) and a trailing possessive."""
    while start < end:
        atom = sheet.atom_at[start]
        if atom is None or atom.entry.kind == "leader":
            break
        start = atom.end
    while end > start and sheet.parsed[end - 1].lower_ in _POSSESSIVE_ENDS:
        end -= 1
    return [(start, end)] if start < end else []


def add_person(sheet: Sheet, start: int, end: int) -> None:
    """The person named by ``[start, end)``, with the title before it and an apposition beside it."""
    span = sheet.parsed[start:end]
    words = [t.text for t in span]
    leader = next((a.entry for a in sheet.atoms_in(start, end) if a.entry.kind == "leader"), None)
    title_start, titles = title_atoms(sheet.parsed, start, sheet.atom_at)
    if len(words) == 1 and not any(a.entry.kind == "role" for a in titles):
        title_start, titles = start, []  # "Indian Railways" tagged as a person: no title, no nationality
    appos = apposition_atoms(span, sheet.atom_at) or _comma_title(sheet, title_start)
    former = any(t.lower_ in FORMER_WORDS for t in sheet.parsed[title_start:start])
    person = sheet.registry.find(words) or (sheet.registry.near(words[0]) if len(words) == 1 else None)
    if titles or appos or leader or person is None:
        introduced = person_from(words, titles + appos, leader, former=former,
                                 first_names=sheet.lexicon.first_names, written=span.text)
        person = person.merge(introduced) if person and person.name == introduced.name else introduced
    sheet.registry.add(words, person)
    if not sheet.free(title_start, start):
        title_start = start
    actor = sheet.person_actor(person, sheet.text(title_start, end))
    sheet.add(Mention(title_start, end, actor, "person", span.root.i))
    sheet.note_person(span.root, person)
    _add_apposition(sheet, span, appos, person)


def _comma_title(sheet: Sheet, start: int) -> list[Atom]:
    """"Qatar's emir, Sheikh Hamad ...": a title phrase just before the comma, when the parse missed the apposition."""
    if start < 2 or sheet.parsed[start - 1].text != ",":
        return []
    atom = sheet.atom_at[start - 2]
    if atom is None or not atom.entry.title or sheet.by_token[start - 2] is not None:
        return []
    return title_atoms(sheet.parsed, start - 1, sheet.atom_at)[1]


def _add_apposition(sheet: Sheet, span: Span, appos: list[Atom], person: Person) -> None:
    """Let "Denmark's prime minister" beside a name stand for that person too."""
    if not appos:
        return
    start = min(a.start for a in appos)
    end = max(a.end for a in appos)
    if (end <= span.start or start >= span.end) and sheet.free(start, end):
        sheet.add(Mention(start, end, sheet.person_actor(person, sheet.text(start, end)), "person", end - 1))


def find_surnames(sheet: Sheet) -> None:
    """Proper nouns the NER missed that repeat a known person's surname ("Rasmussen told reporters"),
    or misspell it by one letter ("Chernomrydin's visit")."""
    for i in sheet.proper:
        tok = sheet.parsed[i]
        if sheet.by_token[i] is not None or sheet.atom_at[i] is not None:
            continue
        person = sheet.registry.by_key.get(tok.lower_) or (sheet.registry.near(tok.text) if tok.is_title else None)
        if person is None:
            continue
        if person.known() or person.name.split()[-1].lower() == tok.lower_ or tok.lower_ not in sheet.registry.by_key:
            sheet.add(Mention(tok.i, tok.i + 1, sheet.person_actor(person, tok.text), "person", tok.i))
            sheet.note_person(tok, person)
