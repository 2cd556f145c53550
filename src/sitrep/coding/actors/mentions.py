"""Actor mentions, and the sheet the actors stage fills while it finds them in one document.

A ``Mention`` is what every later stage reads (through ``actors.mention_at``
and ``actors.actors_for_token``).  The ``Sheet`` is the working state of one
``actors.find_mentions`` call: the lexicon atoms and which token each covers,
the mentions found so far by token, the document's people (``Registry``) and
their salience for pronouns.  The finding rules (``person_mentions``,
``role_mentions``, the pronoun rules in ``actors``) all write through it, so
that "is this span still free" and "note this person" mean one thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.lexicon import Atom, Lexicon
from sitrep.coding.actors.people import Person, Registry, Salience, quoted_tokens
from sitrep.models import Actor
from sitrep.nlp.types import Doc, Span, Token


@dataclass(frozen=True)
class Mention:
    """An actor named by the tokens ``[start, end)`` of the parsed document.

    ``actors`` holds every actor of a compound phrase ("U.S. and Danish officials");
    ``actor`` is then the first of them.  ``head`` is the phrase's head token.  A pronoun
    keeps the first token of the mention it refers to (``antecedent``), so that the
    document stage can give it what that mention resolved to ("the army ... it said").
    """

    start: int
    end: int
    actor: Actor
    kind: str = "country"
    head: int | None = None
    actors: tuple[Actor, ...] = ()
    antecedent: int | None = None

    def all_actors(self) -> tuple[Actor, ...]:
        return self.actors or (self.actor,)


def group_mention(start: int, end: int, actors: tuple[Actor, ...], kind: str, head: int | None) -> Mention:
    """One mention standing for ``actors``: the first is its actor, and all are kept when there are several."""
    return Mention(start, end, actors[0], kind, head, actors if len(actors) > 1 else ())


class Sheet:
    """The state of one ``find_mentions`` call: atoms, people and mentions by token."""

    def __init__(self, parsed: Doc, lexicon: Lexicon) -> None:
        self.parsed = parsed
        self.lexicon = lexicon
        self.atoms = lexicon.actor_atoms(parsed)
        self.atom_at: list[Atom | None] = [None] * len(parsed)
        for atom in self.atoms:
            for i in range(atom.start, atom.end):
                self.atom_at[i] = atom
        self.by_token: list[Mention | None] = [None] * len(parsed)
        self.sentences = list(parsed.sents)
        self.sentence_of = [0] * len(parsed)
        for index, sent in enumerate(self.sentences):
            self.sentence_of[sent.start:sent.end] = [index] * (sent.end - sent.start)
        self.registry = Registry()
        self.salience = Salience(quoted=quoted_tokens(parsed))
        self.reach_of = reach_sentences(self.sentences, self.salience.quoted, len(parsed))
        self.mentions: list[Mention] = []
        self.proper, self.pronouns = _token_classes(parsed)

    def free(self, start: int, end: int) -> bool:
        """Whether no mention holds any token of ``[start, end)`` yet."""
        return all(m is None for m in self.by_token[start:end])

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def text(self, start: int, end: int) -> str:
        return self.parsed[start:end].text

    def atoms_in(self, start: int, end: int) -> list[Atom]:
        """The atoms covering any token of ``[start, end)``, each once, in token order."""
        return list({id(a): a for a in self.atom_at[start:end] if a is not None}.values())

    def person_actor(self, person: Person, text: str) -> Actor:
        return person.actor(text, self.lexicon)

    def note_person(self, token: Token, person: Person) -> None:
        """Remember that ``person`` was named at ``token``, for pronouns and definite titles later on."""
        self.salience.note(token.i, self.reach_of[token.i], person, subject=phrases.is_subject(token))


def reach_sentences(sentences: list[Span], quoted: frozenset[int], size: int) -> list[int]:
    """Each token's sentence number for pronoun reach, a sentence that continues a quotation
    counting with the one that opened it ('Karaha said "... We want him to go. ..." He added')."""
    reach = [0] * size
    number = -1
    for sent in sentences:
        if sent.start not in quoted or number < 0:
            number += 1
        reach[sent.start:sent.end] = [number] * (sent.end - sent.start)
    return reach


def _token_classes(parsed: Doc) -> tuple[list[int], list[int]]:
    """Indices of proper nouns and of pronouns, read from the parse arrays without making Token objects."""
    from spacy.symbols import PRON, PROPN

    pos = parsed.to_array("POS")
    proper: list[int] = (pos == PROPN).nonzero()[0].tolist()
    pronouns: list[int] = (pos == PRON).nonzero()[0].tolist()
    return proper, pronouns
