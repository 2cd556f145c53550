"""Actor mentions: find who is named in a parsed document and resolve each to an Actor.

Find, then write: ``find_mentions`` is pure and returns candidates; ``process``
attaches them to the document as ``doc.mentions`` for the later stages, which
ask ``actors_for_token`` what a subject or object stands for.

One pass of the cached lexicon matcher gives atoms (countries, demonyms,
capitals, organisations, role nouns, leaders); people are then resolved from
spaCy's PERSON entities (``coding.people``), role nouns are combined with the
countries or organisations that modify them ("U.S., Danish and Greenlandic
officials" -> USAGOV, DNKGOV, GRLGOV), and pronouns are linked last.  Every
step is a linear walk over tokens with dict and array look-ups.

Mention kinds: ``country`` (a country name), ``demonym`` (adjective or people
noun), ``metonym`` (a capital standing for its government), ``institution``
(a national body or seat of power: the Kremlin, the Pentagon, the Bundestag),
``org``, ``region``, ``place`` (a city or province, coded to its country),
``role`` (a role noun, with or without a country), ``person`` and ``pronoun``.
A capital is a mention even in "talks in Washington": consumers decide from
the dependency role whether it acts.

When nothing in its phrase gives a country, a titled person or a role noun is
left without one here: the document-level stage (``coding.docactors``) gives it
the country the article says, which a single sentence often gets wrong.
Codes: country + agent ("SWEMIL"); organisation code + agent ("IGONATMIL");
a bare role is its agent ("GOV"); a person nobody introduced has code "".
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sitrep.coding.grammar import phrases
from sitrep.coding.lexicon import Atom, Lexicon, actor_lexicon
from sitrep.coding.people import (
    FORMER_WORDS,
    PRONOUN_GENDER,
    Person,
    Registry,
    Salience,
    apposition_atoms,
    person_from,
    quoted_tokens,
    title_atoms,
)
from sitrep.models import Actor, Document
from sitrep.resources import Resources
from sitrep.settings import Settings

_KIND_OF_ENTRY = {"country": "country", "demonym": "demonym", "people": "demonym", "capital": "metonym",
                  "institution": "institution", "org": "org", "region": "region", "leader": "person", "place": "place"}
_NP_GLUE = frozenset({",", "and", "'s", "’s", "-", "&", "led", "(", ")"})  # "led": "Vietnamese-led forces"
_MODIFIER_WALK = 10  # tokens a role noun's modifiers may reach to the left
_PLACE_PREPS = frozenset({"of", "from", "in", "throughout"})
_TITLE_PREPS = frozenset({"for"})  # "a spokesperson for the Pentagon"
_NOT_NAMES = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "FAC", "EVENT"})
_NON_ACTING_VERBS = frozenset({"be", "seem", "appear", "remain", "happen", "take", "become", "rain", "snow"})


@dataclass(frozen=True)
class Mention:
    """An actor named by the tokens ``[start, end)`` of the parsed document.

    ``actors`` holds every actor of a compound phrase ("U.S. and Danish officials");
    ``actor`` is then the first of them.  ``head`` is the phrase's head token.
    """

    start: int
    end: int
    actor: Actor
    kind: str = "country"
    head: int | None = None
    actors: tuple[Actor, ...] = ()

    def all_actors(self) -> tuple[Actor, ...]:
        return self.actors or (self.actor,)


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Attach resolved actor mentions to each parsed document."""
    for doc in docs:
        doc.mentions = find_mentions(doc.parsed, resources) if doc.parsed is not None else []
        yield doc


def find_mentions(parsed: Any, resources: Resources) -> list[Mention]:
    """Actor mentions in a parsed doc, in token order and not overlapping."""
    return _Finder(parsed, resources.get(actor_lexicon)).run()


def mention_at(doc: Document, token_i: int) -> Mention | None:
    """The mention whose span covers token ``token_i``, if any (binary search)."""
    mentions = doc.mentions
    pos = bisect_right(mentions, token_i, key=lambda m: m.start) - 1
    if pos >= 0 and mentions[pos].start <= token_i < mentions[pos].end:
        return mentions[pos]
    return None


def actors_for_token(doc: Document, token: Any) -> list[Actor]:
    """The actor(s) a noun phrase headed by ``token`` stands for.

    Looks at the token's mention (which already combines role nouns with their
    countries), then its conjuncts, so that "Sweden and Norway" gives two actors;
    a head that names no actor itself takes its modifiers' ("the US proposal" -> USA).
    """
    found: list[Actor] = []
    seen: set[tuple] = set()
    for head in phrases.coordinated(token):
        mention = mention_at(doc, head.i)
        if mention is not None:
            actors: Iterable[Actor] = mention.all_actors()
        else:
            actors = _modifier_actors(doc, head)
        for actor in actors:
            if actor.key() not in seen:
                seen.add(actor.key())
                found.append(actor)
    return found


def _modifier_actors(doc: Document, head: Any) -> list[Actor]:
    actors: list[Actor] = []
    for child in phrases.left_modifiers(head):
        mention = mention_at(doc, child.i)
        if mention is not None:
            actors.extend(mention.all_actors())
    return actors


class _Finder:
    """The state of one ``find_mentions`` call: atoms, people and mentions by token."""

    def __init__(self, parsed: Any, lexicon: Lexicon) -> None:
        self.parsed = parsed
        self.lexicon = lexicon
        self.atoms = lexicon.actor_atoms(parsed)
        self.atom_at: list[Atom | None] = [None] * len(parsed)
        for atom in self.atoms:
            for i in range(atom.start, atom.end):
                self.atom_at[i] = atom
        self.by_token: list[Mention | None] = [None] * len(parsed)
        self.sentence_of = [0] * len(parsed)
        self.sentences = list(parsed.sents)
        for index, sent in enumerate(self.sentences):
            self.sentence_of[sent.start:sent.end] = [index] * (sent.end - sent.start)
        self.registry = Registry()
        self.salience = Salience(quoted=quoted_tokens(parsed))
        self.reach_of = reach_sentences(self.sentences, self.salience.quoted, len(parsed))
        self.mentions: list[Mention] = []
        self.proper, self.pronouns = _token_classes(parsed)

    def run(self) -> list[Mention]:
        self.find_people()
        self.find_surnames()
        for atom in self.atoms:  # roles first, so that they can take their modifiers
            if atom.entry.kind == "role" and self.free(atom.start, atom.end):
                self.add_role(atom)
            elif atom.entry.kind == "people" and self.free(atom.start, atom.end):
                self.add_people(atom)
        for atom in self.atoms:
            if atom.entry.kind != "role" and self.free(atom.start, atom.end):
                self.add_named(atom)
        self.find_pronouns()
        return sorted(self.mentions, key=lambda m: m.start)

    # --- bookkeeping ---------------------------------------------------------------------------------------------

    def free(self, start: int, end: int) -> bool:
        return all(m is None for m in self.by_token[start:end])

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def text(self, start: int, end: int) -> str:
        return self.parsed[start:end].text

    def note_person(self, token: Any, person: Person) -> None:
        entry = (token.i, self.reach_of[token.i], phrases.is_subject(token), person)
        insort(self.salience.entries, entry, key=lambda e: e[0])

    # --- people --------------------------------------------------------------------------------------------------

    def person_spans(self) -> list[tuple[int, int]]:
        """PERSON entities (minus tokens the lexicon reads otherwise) and leaders the NER missed."""
        spans = []
        for ent in self.parsed.ents:
            if ent.label_ == "PERSON" and not any(c.isdigit() for c in ent.text):  # "COVID-19" read as a name
                spans.extend(self._trim_person(ent.start, ent.end))
        covered = bytearray(len(self.parsed))
        for start, end in spans:
            covered[start:end] = b"\x01" * (end - start)
        spans += [(a.start, a.end) for a in self.atoms if a.entry.kind == "leader" and not any(covered[a.start:a.end])]
        for start, end in self.titled_names():
            if not any(covered[start:end]) and all(s[1] <= start or s[0] >= end for s in spans[-3:]):
                spans.append((start, end))
        return sorted(spans)

    def titled_names(self) -> Iterator[tuple[int, int]]:
        """Names the NER missed right after a title or in apposition to one ("Chad's prime minister, Amadou Mahamat")."""
        for atom in self.atoms:
            if atom.entry.kind != "role" or not atom.entry.title:
                continue
            end = atom.end
            while end < len(self.parsed) and end - atom.end < 4 and self._name_word(end):
                end += 1
            if end > atom.end:
                yield atom.end, end
                continue
            head = self.parsed[atom.start:atom.end].root
            anchor = phrases.apposed_to(head)
            if anchor is not None and anchor.i < head.i and self._name_word(anchor.i):
                yield self._name_run(anchor.i)  # "Ricardo Rossello, Puerto Rico's governor," (NER said ORG)
                continue
            for child in phrases.appositions(head):
                if child.i > head.i and self._name_word(child.i):
                    start = child.i
                    while start > head.i + 1 and self._name_word(start - 1):
                        start -= 1
                    yield start, child.i + 1

    def _name_run(self, last: int) -> tuple[int, int]:
        """The name words ending at ``last`` (its compound modifiers: "Ricardo Rossello Nevares")."""
        start = last
        while start > 0 and phrases.is_compound(self.parsed[start - 1]) and self._name_word(start - 1):
            start -= 1
        return start, last + 1

    def _name_word(self, i: int) -> bool:
        tok = self.parsed[i]
        return tok.pos_ == "PROPN" and tok.is_title and self.atom_at[i] is None and tok.ent_type_ not in _NOT_NAMES

    def _trim_person(self, start: int, end: int) -> list[tuple[int, int]]:
        """Drop leading atoms (titles, "Greenlandic" tagged as a person) and a trailing possessive."""
        while start < end and self.atom_at[start] is not None and self.atom_at[start].entry.kind != "leader":
            start = self.atom_at[start].end
        while end > start and self.parsed[end - 1].lower_ in ("'s", "’s", "'"):
            end -= 1
        return [(start, end)] if start < end else []

    def find_people(self) -> None:
        for start, end in self.person_spans():
            if self.free(start, end):
                self.add_person(start, end)

    def add_person(self, start: int, end: int) -> None:
        span = self.parsed[start:end]
        words = [t.text for t in span]
        leader = next((a.entry for a in self.atoms_in(start, end) if a.entry.kind == "leader"), None)
        title_start, titles = title_atoms(self.parsed, start, self.atom_at)
        if len(words) == 1 and not any(a.entry.kind == "role" for a in titles):
            title_start, titles = start, []  # "Indian Railways" tagged as a person: no title, no nationality
        appos = apposition_atoms(span, self.atom_at) or self.comma_title(title_start)
        former = any(t.lower_ in FORMER_WORDS for t in self.parsed[title_start:start])
        person = self.registry.find(words)
        if titles or appos or leader or person is None:
            introduced = person_from(words, titles + appos, leader, former=former, first_names=self.lexicon.first_names,
                                     written=span.text)
            person = person.merge(introduced) if person and person.name == introduced.name else introduced
        self.registry.add(words, person)
        if not self.free(title_start, start):
            title_start = start
        self.add(Mention(title_start, end, person.actor(self.text(title_start, end), self.lexicon), "person", span.root.i))
        self.note_person(span.root, person)
        self.add_apposition(span, appos, person)

    def comma_title(self, start: int) -> list[Atom]:
        """"Qatar's emir, Sheikh Hamad ...": a title phrase just before the comma, when the parse missed the apposition."""
        if start < 2 or self.parsed[start - 1].text != ",":
            return []
        atom = self.atom_at[start - 2]
        if atom is None or not atom.entry.title or self.by_token[start - 2] is not None:
            return []
        return title_atoms(self.parsed, start - 1, self.atom_at)[1]

    def add_apposition(self, span: Any, appos: list[Atom], person: Person) -> None:
        """Let "Denmark's prime minister" beside a name stand for that person too."""
        if not appos:
            return
        start = min(a.start for a in appos)
        end = max(a.end for a in appos)
        if end <= span.start or start >= span.end:
            if self.free(start, end):
                self.add(Mention(start, end, person.actor(self.text(start, end), self.lexicon), "person", end - 1))

    def atoms_in(self, start: int, end: int) -> list[Atom]:
        return [a for a in {id(a): a for a in self.atom_at[start:end] if a is not None}.values()]

    def find_surnames(self) -> None:
        """Proper nouns the NER missed that repeat a known person's surname ("Rasmussen told reporters")."""
        for i in self.proper:
            if self.by_token[i] is None and self.atom_at[i] is None and self.parsed[i].lower_ in self.registry.by_key:
                tok = self.parsed[i]
                person = self.registry.by_key[tok.lower_]
                if person.known() or person.name.split()[-1].lower() == tok.lower_:
                    self.add(Mention(tok.i, tok.i + 1, person.actor(tok.text, self.lexicon), "person", tok.i))
                    self.note_person(tok, person)

    # --- roles and named atoms -----------------------------------------------------------------------------------

    def add_role(self, atom: Atom) -> None:
        head = self.parsed[atom.start:atom.end].root
        if head.pos_ == "ADJ" and phrases.is_adjective_modifier(head):
            return  # "military exercises": the role word only describes a thing
        modifiers = self.role_modifiers(atom, head) or self.conjunct_modifiers(head)
        if modifiers:
            self.add_composite(atom, head, modifiers)
            return
        if atom.entry.title and any(c.lower_ in ("the", "this") for c in head.children):
            person = self.salience.titled(head.i, atom.entry.name)
            if person is not None:
                self.add(Mention(atom.start, atom.end, person.actor(self.text(atom.start, atom.end), self.lexicon), "person", head.i))
                self.note_person(head, person)
                return
        self.add(Mention(atom.start, atom.end, self.lexicon.entry_actor(atom.entry, self.text(atom.start, atom.end)), "role", head.i))

    def add_people(self, atom: Atom) -> None:
        """"Bosnian Serbs", "Albanians of southern Serbia": the qualifying country is where they belong."""
        head = self.parsed[atom.start:atom.end].root
        modifiers = self.role_modifiers(atom, head)
        if modifiers:
            self.add_composite(atom, head, modifiers, "demonym")

    def role_modifiers(self, atom: Atom, head: Any) -> list[tuple[int, int, tuple[Actor, ...]]]:
        """Countries, organisations or people that qualify a role noun: (start, end, actors) each."""
        found = self._left_modifiers(atom)
        if not found:
            found = self._prep_modifiers(head, atom.entry.title)
        return found

    def _left_modifiers(self, atom: Atom) -> list[tuple[int, int, tuple[Actor, ...]]]:
        """Walk left over the noun phrase ("U.S., Danish and Greenlandic" before "officials")."""
        found: list[tuple[int, int, tuple[Actor, ...]]] = []
        i = atom.start - 1
        while i >= 0 and atom.start - i <= _MODIFIER_WALK:
            tok, part = self.parsed[i], self.atom_at[i]
            mention = self.by_token[i]
            if mention is not None and (mention.kind == "person" or mention.actor.country or mention.actor.org):
                found.append((mention.start, mention.end, mention.all_actors()))  # "Defence Ministry officials"
                i = mention.start - 1
            elif mention is None and part is not None and part.entry.kind not in ("role", "leader"):
                found.append((part.start, part.end, (self.lexicon.modifier_actor(part.entry, self.text(part.start, part.end)),)))
                i = part.start - 1
            elif mention is None and part is not None and part.entry.kind == "role":
                i = part.start - 1  # "Syrian army officers": the inner role noun is part of the phrase
            elif tok.lower_ in _NP_GLUE or (_modifier_word(tok) and tok.pos_ in ("ADJ", "NOUN", "PROPN")):
                i -= 1
            else:
                break
        head = self.parsed[atom.start:atom.end].root
        return [m for m in found[::-1] if phrases.governs(head, self.parsed[m[0]:m[1]].root)]

    def conjunct_modifiers(self, head: Any) -> list[tuple[int, int, tuple[Actor, ...]]]:
        """"Israeli helicopters and tanks": a bare role noun shares the countries of the one it is joined to."""
        first = phrases.conjoined_to(head)
        if first is None:
            return []
        mention = self.by_token[first.i]
        if mention is None or mention.kind != "role" or not (mention.actor.country or mention.actor.org):
            return []
        bases = tuple(Actor(text=a.text, name=self.lexicon.country_name(a.country) or a.org or a.name, code=_base_code(a),
                            country=a.country, org=a.org) for a in mention.all_actors())
        return [(head.i, head.i, bases)]

    def _prep_modifiers(self, head: Any, title: bool) -> list[tuple[int, int, tuple[Actor, ...]]]:
        """"the president of Armenia", "troops from Sweden", "security forces in Guinea"."""
        found = []
        words = _PLACE_PREPS | _TITLE_PREPS if title else _PLACE_PREPS
        for prep in phrases.prepositions(head, words):
            for pobj in phrases.objects_of_preposition(prep):
                for tok in phrases.coordinated(pobj):
                    part = self.atom_at[tok.i]
                    if part is not None and part.entry.kind not in ("role", "leader") and self.by_token[tok.i] is None:
                        actor = self.lexicon.modifier_actor(part.entry, self.text(part.start, part.end))
                        found.append((part.start, part.end, (actor,)))
        return found

    def add_composite(self, atom: Atom, head: Any, modifiers: list[tuple[int, int, tuple[Actor, ...]]],
                      kind: str = "role") -> None:
        """Role noun + its countries: one mention when one actor results, else one per modifier plus the head."""
        text = self.text(min([atom.start] + [m[0] for m in modifiers]), atom.end)
        parts = _distinct([(s, e, tuple(self.lexicon.with_agent(a, atom.entry.agent, text) for a in actors))
                           for s, e, actors in modifiers])
        if len(parts) == 1:
            self._add_spanning(min(parts[0][0], atom.start), atom.end, parts[0][2], head.i, kind)
            return
        for start, end, actors in parts:
            if self.free(start, end):
                self.add(Mention(start, end, actors[0], kind, head.i, actors if len(actors) > 1 else ()))
        composed = tuple(a for _, _, actors in parts for a in actors)
        self.add(Mention(atom.start, atom.end, composed[0], kind, head.i, composed))

    def _add_spanning(self, start: int, end: int, actors: tuple[Actor, ...], head_i: int, kind: str) -> None:
        """One mention over modifier and head, shrinking past tokens another mention already holds."""
        while not self.free(start, end) and start < end - 1:
            start += 1
        if self.free(start, end):
            self.add(Mention(start, end, actors[0], kind, head_i, actors if len(actors) > 1 else ()))

    def add_named(self, atom: Atom) -> None:
        text = self.text(atom.start, atom.end)
        kind = _KIND_OF_ENTRY.get(atom.entry.kind, atom.entry.kind)
        head = self.parsed[atom.start:atom.end].root.i
        self.add(Mention(atom.start, atom.end, self.lexicon.entry_actor(atom.entry, text), kind, head))

    # --- pronouns ------------------------------------------------------------------------------------------------

    def find_pronouns(self) -> None:
        for i in self.pronouns:
            tok = self.parsed[i]
            lower = tok.lower_
            if self.by_token[i] is not None or tok.tag_ == "PRP$":
                continue
            if lower in PRONOUN_GENDER:
                self.link_person_pronoun(tok, PRONOUN_GENDER[lower])
            elif lower in ("it", "they") and phrases.is_subject(tok):
                self.link_group_pronoun(tok)

    def link_person_pronoun(self, tok: Any, gender: str) -> None:
        mention = self.ancestor_subject(tok, lambda m: m.kind == "person")
        person = None
        if mention is not None:
            person = self.registry.find([mention.actor.name]) or self.registry.find(mention.actor.name.split())
        if person is None or not person.fits(gender):
            person = self.salience.pronoun(tok.i, self.reach_of[tok.i], gender)
        if person is None:
            return
        person.gender = person.gender or gender
        self.add(Mention(tok.i, tok.i + 1, person.actor(tok.text, self.lexicon), "pronoun", tok.i))
        self.note_person(tok, person)

    def link_group_pronoun(self, tok: Any) -> None:
        """"Sweden said it would send troops": "it" and "they" take a non-person subject of a governing verb."""
        mention = self.ancestor_subject(tok, lambda m: m.kind not in ("person", "pronoun"))
        if mention is None and phrases.is_root(tok.head) and tok.head.lemma_ not in _NON_ACTING_VERBS:
            mention = self.previous_subject(tok)
        if mention is not None:
            actors = tuple(Actor(**{**a.as_dict(), "text": tok.text}) for a in mention.all_actors())
            self.add(Mention(tok.i, tok.i + 1, actors[0], "pronoun", tok.i, actors if len(actors) > 1 else ()))

    def ancestor_subject(self, tok: Any, accept: Any) -> Mention | None:
        """The subject of a verb governing the pronoun's clause ("Rasmussen said he ...")."""
        verb = tok.head
        for _ in range(3):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
            for child in phrases.subjects_of(verb):
                mention = self.by_token[child.i] if child.i < tok.i else None
                if mention is not None and accept(mention):
                    return mention
        return None

    def previous_subject(self, tok: Any) -> Mention | None:
        """The acting subject of the previous sentence, for a sentence-initial "It said ..."."""
        index = self.sentence_of[tok.i]
        if index == 0:
            return None
        root = self.sentences[index - 1].root
        for child in phrases.subjects_of(root):
            mention = self.by_token[child.i]
            if mention is not None and mention.kind not in ("person", "pronoun"):
                return mention
        return None


def reach_sentences(sentences: list[Any], quoted: frozenset[int], size: int) -> list[int]:
    """Each token's sentence number for pronoun reach, a sentence that continues a quotation
    counting with the one that opened it ('Karaha said "... We want him to go. ..." He added')."""
    reach = [0] * size
    number = -1
    for sent in sentences:
        if sent.start not in quoted or number < 0:
            number += 1
        reach[sent.start:sent.end] = [number] * (sent.end - sent.start)
    return reach


def _token_classes(parsed: Any) -> tuple[list[int], list[int]]:
    """Indices of proper nouns and of pronouns, read from the parse arrays without making Token objects."""
    from spacy.symbols import PRON, PROPN

    pos = parsed.to_array("POS")
    return (pos == PROPN).nonzero()[0].tolist(), (pos == PRON).nonzero()[0].tolist()


def _modifier_word(tok: Any) -> bool:
    """An adjective or compound inside a role noun's phrase ("armed" of "armed Syrian officers")."""
    return phrases.is_adjective_modifier(tok) or phrases.is_compound(tok)


def _distinct(found: list[tuple[int, int, tuple[Actor, ...]]]) -> list[tuple[int, int, tuple[Actor, ...]]]:
    """One modifier per actor ("the Inatsisartut, Greenland's parliament" names Greenland once)."""
    seen: set[tuple] = set()
    kept = []
    for item in reversed(found):  # the nearest modifier wins
        keys = tuple(a.key()[:3] for a in item[2])
        if keys not in seen:
            seen.add(keys)
            kept.append(item)
    return kept[::-1]


def _base_code(actor: Actor) -> str:
    """The code of a composed actor without its role part ("SWEMIL" -> "SWE")."""
    if actor.agent and actor.code.endswith(actor.agent):
        return actor.code[: -len(actor.agent)]
    return actor.code
