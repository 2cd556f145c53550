"""People as actors: who a named person is, and who "Rasmussen", "he" or "the minister" refers back to.

A person keeps, for the whole document, the country and role given when they were
introduced: by a title ("Danish Foreign Minister Lars Lokke Rasmussen"), by an
apposition ("Mette Frederiksen, Denmark's prime minister") or by the table of
well-known leaders.  Later references are resolved cheaply: surnames and first
names through a per-document registry, pronouns to the most salient compatible
person of the same or the two previous sentences (subjects first), definite
titles ("the minister") to the latest person holding such a title.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Mapping
from dataclasses import dataclass, field

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.lexicon import Atom, Entry, Lexicon
from sitrep.models import Actor
from sitrep.nlp.types import Doc, Span, Token

# Tokens that may sit inside a title before a name without ending it ("Foreign", "'s", "former").
_TITLE_GLUE = frozenset({"'s", "’s", "-", "former", "ex", "acting", "deputy", "interim", "outgoing", "then"})
_PORTFOLIO_POS = frozenset({"NOUN", "CCONJ"})
_HOST_PREPS = frozenset({"to"})  # "Ambassador to Germany": the country a post is in
_HOST_KINDS = frozenset({"country", "capital", "place", "region"})
FORMER_WORDS = frozenset({"former", "ex", "ousted", "exiled", "late"})
_ACTOR_KINDS = frozenset({"country", "demonym", "people", "capital", "institution", "org", "region", "place"})
_TITLE_SYNONYMS = {"premier": "prime minister", "head of government": "prime minister", "head of state": "president"}
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
SALIENCE_SENTENCES = 2  # how many earlier sentences a pronoun may reach back
_MISSPELT_MIN = 5  # shorter surnames are too often other words one letter apart


@dataclass
class Person:
    """One person of the document and what is known about them."""

    name: str
    country: str | None = None
    org: str | None = None
    agent: str | None = None
    gender: str | None = None
    titles: set[str] = field(default_factory=set)

    def actor(self, text: str, lexicon: Lexicon) -> Actor:
        """This person as the actor of a mention written ``text`` (its code from ``lexicon``)."""
        code = lexicon.person_code(self.country, self.org, self.agent)
        return Actor(text=text, name=self.name, code=code, country=self.country, org=self.org, agent=self.agent)

    def known(self) -> bool:
        return bool(self.country or self.org or self.agent)

    def fits(self, gender: str | None) -> bool:
        return gender is None or self.gender is None or self.gender == gender

    def merge(self, introduced: Person) -> Person:
        """Fill what an earlier mention of the same person left open."""
        self.country = self.country or introduced.country
        self.org = self.org or introduced.org
        self.agent = self.agent or introduced.agent
        self.gender = self.gender or introduced.gender
        self.titles |= introduced.titles
        return self


@dataclass
class Registry:
    """The people of one document, looked up by full name, surname or first name."""

    by_key: dict[str, Person] = field(default_factory=dict)

    def find(self, words: list[str]) -> Person | None:
        """The person a written name refers to: a full name by itself or its surname, never its first
        name alone ("Ali Madobe" is not the "Ali Mohamed Gedi" named before); one word by any key."""
        keys = _name_keys(words)
        for key in keys[:2] if len(keys) > 1 else keys:
            if key in self.by_key:
                return self.by_key[key]
        return None

    def near(self, word: str) -> Person | None:
        """The one person whose surname ``word`` misspells by one letter ("Karah" for "Karaha",
        "Chernomrydin" for "Chernomyrdin"); wire copy often does, and nobody else is that close."""
        lower = word.lower()
        if len(lower) < _MISSPELT_MIN:
            return None
        found = {id(p): p for p in self.by_key.values()
                 if len(p.name.split()) > 1 and one_letter_apart(lower, p.name.split()[-1].lower())}
        return next(iter(found.values())) if len(found) == 1 else None

    def add(self, words: list[str], person: Person) -> None:
        for key in _name_keys(words):
            self.by_key.setdefault(key, person)


def one_letter_apart(a: str, b: str) -> bool:
    """Whether two different words differ by one letter added, dropped, changed or two swapped,
    with the same first letter."""
    if a == b or a[:1] != b[:1] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1:
            return a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]]  # two letters swapped
        return len(diffs) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def _name_keys(words: list[str]) -> list[str]:
    """Full name, then surname, then first name, then middle names (lower-cased), for registry look-ups.

    Middle words count because a Spanish or Portuguese name is often shortened to the paternal
    surname in the middle ("Ricardo Rossello Nevares" ... "Rossello said").
    """
    words = [w for w in words if w not in ("'s", "’s")]
    if not words:
        return []
    keys = [" ".join(words).lower()]
    if len(words) > 1:
        keys += [words[-1].lower(), words[0].lower()]
        keys += [w.lower() for w in words[1:-1] if w[:1].isupper() and len(w) > 2]
    return keys


def title_atoms(parsed: Doc, start: int, atom_at: list[Atom | None]) -> tuple[int, list[Atom]]:
    """The title run just before a name: ("Danish Foreign Minister" before "Lars Lokke Rasmussen").

    Walks left over lexicon atoms and title glue; returns the new start and the atoms seen.
    """
    atoms: list[Atom] = []
    i = start - 1
    portfolio = start  # where a run of plain nouns ("trade and industry commissioner") began, if one did
    while i >= 0 and start - i <= 10:
        atom = atom_at[i]
        tok = parsed[i]
        if atom is not None and atom.entry.kind in _ACTOR_KINDS | {"role", "leader"}:
            atoms.append(atom)
            i = atom.start - 1
        elif all(a.entry.kind == "role" for a in atoms) and _portfolio_word(parsed, i, start, atom_at):
            portfolio = i
            i -= 1
        elif _posted_to(parsed, i, atoms, atom_at):
            atoms = []  # "US Ambassador to Germany Richard Grenell": Germany is where the post is, not whose
            i -= 1
        elif _office_of(parsed, i, atoms, atom_at):
            i -= 1  # "President of Ukraine Volodymyr Zelenskyy": the country is the office's
        elif tok.lower_ in _TITLE_GLUE or _title_word(tok):
            i -= 1
        else:
            break
    first = i + 1
    if portfolio < start and not any(a.start < portfolio for a in atoms):
        first = start  # plain nouns with no title word or body beyond them do not join the name
    while first < start and parsed[first].lower_ in ("'s", "’s", "-"):
        first += 1
    return first, atoms[::-1]


def _portfolio_word(parsed: Doc, i: int, start: int, atom_at: list[Atom | None]) -> bool:
    """A plain lower-case noun of an office's name right before a name ("commissioner Albert Muchanga",
    "trade and industry commissioner"), or the "and" between two of them."""
    tok = parsed[i]
    if tok.pos_ == "NOUN" and tok.is_lower:
        return all(parsed[j].is_lower and parsed[j].pos_ in _PORTFOLIO_POS for j in range(i + 1, start))
    if tok.lower_ == "and" and 0 < i < start - 1:
        before, after = parsed[i - 1], parsed[i + 1]
        return before.pos_ == "NOUN" and before.is_lower and after.is_lower and atom_at[i - 1] is None
    return False



def _posted_to(parsed: Doc, i: int, atoms: list[Atom], atom_at: list[Atom | None]) -> bool:
    """Whether token ``i`` is the "to" of "<title> to <country>": the country after it is the host."""
    before = atom_at[i - 1] if i > 0 else None
    host = bool(atoms) and all(a.entry.kind in _HOST_KINDS for a in atoms)
    return parsed[i].lower_ in _HOST_PREPS and host and before is not None and before.entry.kind == "role"


def _office_of(parsed: Doc, i: int, atoms: list[Atom], atom_at: list[Atom | None]) -> bool:
    """Whether token ``i`` is the "of" of "<title> of <country>" just before a name."""
    before = atom_at[i - 1] if i > 0 else None
    whose = bool(atoms) and all(a.entry.kind in _HOST_KINDS for a in atoms)
    return parsed[i].lower_ == "of" and whose and before is not None and before.entry.kind == "role"


def _title_word(tok: Token) -> bool:
    """Words inside a title run: "Foreign" in "Foreign Minister", "new" in "Lebanon's new President"."""
    if tok.pos_ == "PROPN" and tok.is_title and phrases.is_compound(tok):
        return True
    return tok.pos_ == "ADJ" and phrases.is_adjective_modifier(tok)


def apposition_atoms(span: Span, atom_at: list[Atom | None]) -> list[Atom]:
    """Atoms of a noun phrase in apposition to the name ("Denmark's prime minister, Mette Frederiksen")."""
    root = span.root
    apposed = phrases.appositions(root)
    anchor = phrases.apposed_to(root)
    if anchor is not None:
        apposed.append(anchor)
    atoms: list[Atom] = []
    for phrase in apposed:
        for tok in phrases.subtree_without_clauses(phrase):  # "one of two men killed by Israeli ...": not Israeli
            atom = atom_at[tok.i]
            if atom is not None and not (span.start <= tok.i < span.end) and atom not in atoms:
                atoms.append(atom)
    return atoms


def person_from(name_words: list[str], atoms: list[Atom], leader: Entry | None, *, former: bool,
                first_names: Mapping[str, str], written: str = "") -> Person:
    """What title atoms, apposition atoms and the leaders table together say about a named person.

    ``first_names`` (lower-cased first name -> gender) guesses the gender nothing else gave.
    """
    person = Person(name=leader.name if leader else (written or " ".join(name_words)))
    for atom in atoms:
        entry = atom.entry
        if entry.kind == "role":
            person.agent = person.agent or entry.agent
            person.titles.add(_TITLE_SYNONYMS.get(entry.name, entry.name))
        elif entry.kind in _ACTOR_KINDS and not (person.country or person.org):
            person.country, person.org = entry.country, entry.org
            if entry.kind in ("institution", "capital") and not person.agent:
                person.agent = entry.agent
    if leader is not None:
        person.country = person.country or leader.country
        person.org = person.org or leader.org
        person.agent = person.agent or leader.agent
        person.gender = leader.gender
    if former:
        person.agent = "ELI"
    if person.gender is None:
        person.gender = first_names.get(name_words[0].lower()) if len(name_words) > 1 else None
    return person


def title_matches(person: Person, role_name: str) -> bool:
    """Whether "the <role_name>" can refer back to this person ("the minister" -> a foreign minister)."""
    wanted = _TITLE_SYNONYMS.get(role_name, role_name)
    return any(title == wanted or title.endswith(" " + wanted) for title in person.titles)


@dataclass
class Salience:
    """Person mentions in token order, for pronoun and title look-back."""

    entries: list[tuple[int, int, bool, Person]] = field(default_factory=list)  # (token, sentence, subject?, person)
    quoted: frozenset[int] = frozenset()  # tokens inside quotation marks

    def note(self, token_i: int, sentence: int, person: Person, *, subject: bool) -> None:
        """Remember ``person`` named at ``token_i`` (kept in token order: pronouns look back from any point)."""
        insort(self.entries, (token_i, sentence, subject, person), key=lambda e: e[0])

    def pronoun(self, token_i: int, sentence: int, gender: str | None) -> Person | None:
        """Most salient compatible person: same sentence first, then subjects, then the most recent."""
        best, best_score = None, None
        for tok_i, sent, subject, person in reversed(self.entries):
            if sentence - sent > SALIENCE_SENTENCES:
                break
            if tok_i >= token_i or not person.fits(gender):
                continue
            if tok_i in self.quoted and token_i not in self.quoted:
                continue  # '"... if Mobutu goes," he said': a person the speaker talks about is not the speaker
            score = (sentence - sent, not subject, token_i - tok_i)
            if best_score is None or score < best_score:
                best, best_score = person, score
        return best

    def titled(self, token_i: int, role_name: str) -> Person | None:
        """Latest person before ``token_i`` holding the title ``role_name``."""
        for tok_i, _sent, _subject, person in reversed(self.entries):
            if tok_i < token_i and title_matches(person, role_name):
                return person
        return None


_OPENING_MARKS = frozenset({"\u201c", "``"})
_CLOSING_MARKS = frozenset({"\u201d", "''"})


def quoted_tokens(parsed: Doc) -> frozenset[int]:
    """Indices of the tokens inside quotation marks; an unclosed quotation ends with its paragraph."""
    inside: set[int] = set()
    open_at: int | None = None
    for tok in parsed:
        mark = tok.text
        if mark in _OPENING_MARKS or (mark == '"' and open_at is None):
            open_at = tok.i
        elif mark in _CLOSING_MARKS or mark == '"':
            if open_at is not None:
                inside.update(range(open_at + 1, tok.i))
            open_at = None
        elif open_at is not None and (tok.is_space or "\n" in tok.whitespace_):
            inside.update(range(open_at + 1, tok.i + 1))
            open_at = None
    return frozenset(inside)
