"""Role nouns and named atoms as actor mentions: "Danish officials", "the president of Armenia", "NATO".

The middle rules of the actors stage (``actors.find_mentions``).  A role noun
("officials", "troops", "the minister") takes the countries, organisations or
people that qualify it: from its left ("U.S., Danish and Greenlandic
officials" -> USAGOV, DNKGOV, GRLGOV), from a prepositional phrase ("troops
from Sweden") or from the role noun it is joined to ("Israeli helicopters and
tanks").  A definite title with nothing to qualify it ("the minister") is the
latest person holding it; otherwise the role stays bare for the document stage
to place.  Every other atom (a country, a capital, an organisation) is a
mention of what it names.
"""

from __future__ import annotations

from dataclasses import replace
from typing import NamedTuple

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.lexicon import Atom
from sitrep.coding.actors.mentions import Mention, Sheet, group_mention
from sitrep.models import Actor
from sitrep.nlp.types import Token

_KIND_OF_ENTRY = {"country": "country", "demonym": "demonym", "people": "demonym", "capital": "metonym",
                  "institution": "institution", "org": "org", "region": "region", "leader": "person", "place": "place"}
_NP_GLUE = frozenset({",", "and", "'s", "’s", "-", "&", "led", "(", ")"})  # "led": "Vietnamese-led forces"
_MODIFIER_WALK = 10  # tokens a role noun's modifiers may reach to the left
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_PLACE_PREPS = frozenset({"of", "from", "in", "throughout"})
_TITLE_PREPS = frozenset({"for"})  # "a spokesperson for the Pentagon"
_NOT_MODIFIERS = frozenset({"role", "leader"})  # atoms that never qualify a role noun
_DEFINITE = frozenset({"the", "this"})
_DEMONYM_KINDS = frozenset({"demonym", "people"})
_COUNTRY_WORDS = frozenset({"demonym", "people", "country"})
# Role words that also name a stance: followed by "to", they are the stance ("Moscow's *opposition to*
# NATO", "their *resistance to* reform"), not the party that holds it.
_STANCE_ROLES = frozenset({"opposition", "resistance"})
_STANCE_PREPS = frozenset({"to"})
# A government-type role noun ("representatives", "spokesman", "officials") written after a rebel or
# opposition word speaks for that side: "rebel representatives" are rebels, not the government.
_SPEAKER_AGENTS = frozenset({"GOV"})
_SIDE_AGENTS = frozenset({"REB", "OPP"})


class Qualifier(NamedTuple):
    """Tokens ``[start, end)`` qualifying a role noun, and the actor(s) they lend it."""

    start: int
    end: int
    actors: tuple[Actor, ...]


def find_roles(sheet: Sheet) -> None:
    """Role nouns and peoples first, so that they can take their modifiers; then every other free atom."""
    for atom in sheet.atoms:
        if atom.entry.kind == "role" and sheet.free(atom.start, atom.end):
            add_role(sheet, atom)
        elif atom.entry.kind == "people" and sheet.free(atom.start, atom.end):
            add_people(sheet, atom)
    for atom in sheet.atoms:  # institutions first: a demonym before one may be its country ("Libyan House ...")
        if atom.entry.kind == "institution" and sheet.free(atom.start, atom.end):
            add_named(sheet, atom)
    for atom in sheet.atoms:
        if atom.entry.kind != "role" and sheet.free(atom.start, atom.end):
            add_named(sheet, atom)


def add_role(sheet: Sheet, atom: Atom) -> None:
    """A role noun: with its qualifiers, as the person a definite title refers to, or bare."""
    head = sheet.parsed[atom.start:atom.end].root
    atom = _speaking_for_a_side(sheet, atom, head)
    if head.pos_ == "ADJ" and phrases.is_adjective_modifier(head):
        return  # "military exercises": the role word only describes a thing
    if head.lower_ in _STANCE_ROLES and phrases.prepositions(head, _STANCE_PREPS):
        return  # "Moscow's opposition to NATO": a stance, not the opposition
    modifiers = role_modifiers(sheet, atom, head) or conjunct_modifiers(sheet, head)
    if modifiers:
        add_composite(sheet, atom, head, modifiers)
        return
    text = sheet.text(atom.start, atom.end)
    if atom.entry.title and any(c.lower_ in _DEFINITE for c in head.children):
        person = sheet.salience.titled(head.i, atom.entry.name)
        if person is not None:
            sheet.add(Mention(atom.start, atom.end, sheet.person_actor(person, text), "person", head.i))
            sheet.note_person(head, person)
            return
    sheet.add(Mention(atom.start, atom.end, sheet.lexicon.entry_actor(atom.entry, text), "role", head.i))


def _speaking_for_a_side(sheet: Sheet, atom: Atom, head: Token) -> Atom:
    """"rebel representatives", "opposition spokesman": the side word before a government-type role
    noun names whom it speaks for, so the role takes that side's agent (REB, OPP)."""
    if atom.entry.agent not in _SPEAKER_AGENTS or atom.start == 0:
        return atom
    side = sheet.atom_at[atom.start - 1]
    if side is None or side.entry.kind != "role" or side.entry.agent not in _SIDE_AGENTS:
        return atom
    if not phrases.governs(head, sheet.parsed[side.start:side.end].root):
        return atom
    return replace(atom, entry=replace(atom.entry, agent=side.entry.agent))


def add_people(sheet: Sheet, atom: Atom) -> None:
    """"Bosnian Serbs", "Albanians of southern Serbia": the qualifying country is where they belong."""
    head = sheet.parsed[atom.start:atom.end].root
    modifiers = role_modifiers(sheet, atom, head)
    if modifiers:
        add_composite(sheet, atom, head, modifiers, kind="demonym")


def role_modifiers(sheet: Sheet, atom: Atom, head: Token) -> list[Qualifier]:
    """Countries, organisations or people that qualify a role noun."""
    found = _left_modifiers(sheet, atom)
    if not found:
        found = _prep_modifiers(sheet, head, title=atom.entry.title)
    return found


def _left_modifiers(sheet: Sheet, atom: Atom) -> list[Qualifier]:
    """Walk left over the noun phrase ("U.S., Danish and Greenlandic" before "officials")."""
    found: list[Qualifier] = []
    i = atom.start - 1
    while i >= 0 and atom.start - i <= _MODIFIER_WALK:
        tok, part, mention = sheet.parsed[i], sheet.atom_at[i], sheet.by_token[i]
        if mention is not None and (mention.kind == "person" or mention.actor.country or mention.actor.org):
            found.append(Qualifier(mention.start, mention.end, mention.all_actors()))  # "Defence Ministry officials"
            i = mention.start - 1
        elif mention is None and part is not None and part.entry.kind not in _NOT_MODIFIERS:
            actor = sheet.lexicon.modifier_actor(part.entry, sheet.text(part.start, part.end))
            found.append(Qualifier(part.start, part.end, (actor,)))
            i = part.start - 1
        elif mention is None and part is not None and part.entry.kind == "role":
            i = part.start - 1  # "Syrian army officers": the inner role noun is part of the phrase
        elif tok.lower_ in _NP_GLUE or (_modifier_word(tok) and tok.pos_ in _MODIFIER_POS):
            i -= 1
        else:
            break
    head = sheet.parsed[atom.start:atom.end].root
    return _nested_peoples([m for m in found[::-1] if phrases.governs(head, sheet.parsed[m.start:m.end].root)], sheet)


def _nested_peoples(found: list[Qualifier], sheet: Sheet) -> list[Qualifier]:
    """"Bosnian Serb forces", "Iraqi Kurdish fighters": two demonyms written side by side name one
    people of the first one's country, not two sides (nothing joins them, unlike "Serb and Croat")."""
    kept: list[Qualifier] = []
    for qualifier in found:
        if kept and kept[-1].end == qualifier.start and _demonym(sheet, kept[-1]) and _demonym(sheet, qualifier):
            continue
        kept.append(qualifier)
    return kept


def _demonym(sheet: Sheet, qualifier: Qualifier) -> bool:
    atom = sheet.atom_at[qualifier.start]
    return atom is not None and atom.entry.kind in _DEMONYM_KINDS


def _modifier_word(tok: Token) -> bool:
    """An adjective or compound inside a role noun's phrase ("armed" of "armed Syrian officers")."""
    return phrases.is_adjective_modifier(tok) or phrases.is_compound(tok)


def conjunct_modifiers(sheet: Sheet, head: Token) -> list[Qualifier]:
    """"Israeli helicopters and tanks": a bare role noun shares the countries of the one it is joined to."""
    first = phrases.conjoined_to(head)
    if first is None:
        return []
    mention = sheet.by_token[first.i]
    if mention is None or mention.kind != "role" or not (mention.actor.country or mention.actor.org):
        return []
    bases = tuple(Actor(text=a.text, name=sheet.lexicon.country_name(a.country) or a.org or a.name,
                        code=_base_code(a), country=a.country, org=a.org) for a in mention.all_actors())
    return [Qualifier(head.i, head.i, bases)]


def _prep_modifiers(sheet: Sheet, head: Token, *, title: bool) -> list[Qualifier]:
    """"the president of Armenia", "troops from Sweden", "security forces in Guinea" ("a spokesperson for"
    only for a title)."""
    found = []
    words = _PLACE_PREPS | _TITLE_PREPS if title else _PLACE_PREPS
    for prep in phrases.prepositions(head, words):
        for pobj in phrases.objects_of_preposition(prep):
            for tok in phrases.coordinated(pobj):
                part = sheet.atom_at[tok.i]
                if part is not None and part.entry.kind not in _NOT_MODIFIERS and sheet.by_token[tok.i] is None:
                    actor = sheet.lexicon.modifier_actor(part.entry, sheet.text(part.start, part.end))
                    found.append(Qualifier(part.start, part.end, (actor,)))
    return found


def add_composite(sheet: Sheet, atom: Atom, head: Token, modifiers: list[Qualifier], *, kind: str = "role") -> None:
    """Role noun + its countries: one mention when one actor results, else one per modifier plus the head."""
    text = sheet.text(min([atom.start] + [m.start for m in modifiers]), atom.end)
    agent = atom.entry.agent
    parts = _distinct([Qualifier(m.start, m.end, tuple(sheet.lexicon.with_agent(a, agent, text) for a in m.actors))
                       for m in modifiers])
    if len(parts) == 1:
        _add_spanning(sheet, min(parts[0].start, atom.start), atom.end, parts[0].actors, head.i, kind)
        return
    for part in parts:
        if sheet.free(part.start, part.end):
            sheet.add(group_mention(part.start, part.end, part.actors, kind, head.i))
    composed = tuple(a for part in parts for a in part.actors)
    sheet.add(Mention(atom.start, atom.end, composed[0], kind, head.i, composed))


def _add_spanning(sheet: Sheet, start: int, end: int, actors: tuple[Actor, ...], head_i: int, kind: str) -> None:
    """One mention over modifier and head, shrinking past tokens another mention already holds."""
    while not sheet.free(start, end) and start < end - 1:
        start += 1
    if sheet.free(start, end):
        sheet.add(group_mention(start, end, actors, kind, head_i))


def add_named(sheet: Sheet, atom: Atom) -> None:
    """A country, capital, organisation, place or leader atom: a mention of what it names."""
    if atom.entry.kind == "institution" and _add_foreign_institution(sheet, atom):
        return
    text = sheet.text(atom.start, atom.end)
    kind = _KIND_OF_ENTRY.get(atom.entry.kind, atom.entry.kind)
    head = sheet.parsed[atom.start:atom.end].root.i
    sheet.add(Mention(atom.start, atom.end, sheet.lexicon.entry_actor(atom.entry, text), kind, head))


def _add_foreign_institution(sheet: Sheet, atom: Atom) -> bool:
    """"the Libyan House of Representatives": a national body's name after another country's
    demonym is that country's body of the same kind, not the one the name usually means."""
    before = sheet.atom_at[atom.start - 1] if atom.start > 0 else None
    if before is None or before.entry.kind not in _COUNTRY_WORDS or not sheet.free(before.start, atom.end):
        return False
    if not before.entry.country or before.entry.country == atom.entry.country or not atom.entry.agent:
        return False
    text = sheet.text(before.start, atom.end)
    base = sheet.lexicon.modifier_actor(before.entry, sheet.text(before.start, before.end))
    actor = sheet.lexicon.with_agent(base, atom.entry.agent, text)
    sheet.add(Mention(before.start, atom.end, actor, "role", sheet.parsed[atom.start:atom.end].root.i))
    return True


def _distinct(found: list[Qualifier]) -> list[Qualifier]:
    """One modifier per actor ("the Inatsisartut, Greenland's parliament" names Greenland once)."""
    seen: set[tuple[tuple[str | None, ...], ...]] = set()
    kept = []
    for item in reversed(found):  # the nearest modifier wins
        keys = tuple(a.key()[:3] for a in item.actors)
        if keys not in seen:
            seen.add(keys)
            kept.append(item)
    return kept[::-1]


def _base_code(actor: Actor) -> str:
    """The code of a composed actor without its role part ("SWEMIL" -> "SWE")."""
    if actor.agent and actor.code.endswith(actor.agent):
        return actor.code[: -len(actor.agent)]
    return actor.code
