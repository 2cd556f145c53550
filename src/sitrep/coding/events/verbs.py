"""The event lexicon: which verb or noun phrase triggers which CAMEO code.

The phrases live in ``coding/data/verbs.tsv`` (see its header for the columns).
The loader ``lexicon(resources)`` indexes them by (part of speech, lemma); ``Lexicon.match`` picks,
for one spaCy token, the most specific entry whose conditions hold: particles
("call *off*"), object cues ("impose *sanctions*"), subject cues ("*workers*
struck").  Everything here is a pure function of the token and its children,
so one linear pass over a sentence costs one dict lookup per token.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sitrep.coding.cameo import CameoTable, body, cameo_table
from sitrep.coding.events.frames import Frames, frames
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import labels as L
from sitrep.coding.grammar import phrases
from sitrep.coding.grammar.forms import lemma_candidates, lemma_of
from sitrep.errors import ConfigError
from sitrep.nlp.types import Token
from sitrep.resources import Resources

TARGET_MODES = frozenset({"-", "prep", "sym", "none"})
# Modifiers that make a two-word cue ("hunger strike", "military aid"): a possessor names who,
# not what kind, so it is left out; a noun-phrase adverbial (the parser's label for some
# noun modifiers) is in.
CUE_MODIFIERS = L.Labels((L.NOUN_MODIFIERS - {L.POSSESSIVE}) | {L.NOUN_PHRASE_ADVERB})  # ids: the fast path of dependents
SCENE_PREPS = frozenset({"because", "despite", "during", "after", "before", "since", "until", "amid",
                         "amidst", "following", "like", "than", "unlike", "via", "without", "throughout"})
PARTICLE_PREPS = frozenset({"from", "of", "on"})  # "away *from*", "out *of*", "back *on*"
NOUN_OBJECT_PREPS = frozenset({"of", "into", "on", "against"})
ANY_OBJECT = "*"  # object cue: any direct (or passive) object will do ("returned * to X")
# Verbs that name or describe when they take a predicate noun ("called X *a threat*").
NAMING_VERBS = frozenset({"call", "name", "dub", "label", "brand", "term"})
# Nouns that only measure out another noun: the cue is the "of" object.
PART_WORDS = frozenset({"part", "rest", "most", "some", "much", "section", "series", "wave", "round",
                        "string", "spate", "number", "day", "week", "month", "hour", "year", "lot", "kind",
                        "type", "form"})


@dataclass(frozen=True)
class Entry:
    """One lexicon row: a trigger, its conditions and what it codes."""

    pos: str
    lemma: str
    part: tuple[str, ...]
    objects: frozenset[str]
    subjects: frozenset[str]
    code: str | None
    frame: str | None
    target: str

    @property
    def specificity(self) -> int:
        """Object cues say most about the event, then particles, then subjects
        (the wildcard object "*", "has a direct object", counts like a subject cue)."""
        named = bool(self.objects - {ANY_OBJECT})
        return 4 * named + 2 * bool(self.part) + bool(self.subjects) + (ANY_OBJECT in self.objects)


def _cell(value: str) -> str | None:
    return None if value in ("", "-") else value


def _split(value: str, sep: str) -> tuple[str, ...]:
    cell = _cell(value)
    return tuple(part.strip().lower() for part in cell.split(sep)) if cell else ()


COLUMNS = ("pos", "lemma", "part", "object", "subject", "code", "frame", "target")


def parse_entry(row: dict[str, str], cameo: CameoTable, frames: Frames) -> Entry:
    """One TSV row (by column name) as an Entry; bad codes or frames are reported by lemma."""
    entry = Entry(
        pos=row["pos"],
        lemma=row["lemma"].lower(),
        part=_split(row["part"], "_"),
        objects=frozenset(_split(row["object"], "|")),
        subjects=frozenset(_split(row["subject"], "|")),
        code=_cell(row["code"]),
        frame=_cell(row["frame"]),
        target=row["target"] or "-",
    )
    if entry.code is not None and not cameo.is_code(entry.code):
        raise ConfigError(f"verbs.tsv: {entry.lemma!r} has unknown CAMEO code {entry.code!r}")
    if entry.frame is not None and entry.frame not in frames:
        raise ConfigError(f"verbs.tsv: {entry.lemma!r} has unknown frame {entry.frame!r}")
    if entry.target not in TARGET_MODES:
        raise ConfigError(f"verbs.tsv: {entry.lemma!r} has unknown target mode {entry.target!r}")
    return entry


Index = dict[tuple[str, str], tuple[Entry, ...]]


def lexicon(resources: Resources) -> Lexicon:
    """All entries indexed by (pos, lemma), most specific first (file order breaks ties),
    with the irregular verb forms (``irregular_verbs.tsv``) for lemma guesses."""
    cameo, known_frames = resources.get(cameo_table), resources.get(frames)
    index: dict[tuple[str, str], list[Entry]] = {}
    for row in body(resources.rows("verbs.tsv", len(COLUMNS)), "pos"):
        entry = parse_entry(dict(zip(COLUMNS, row)), cameo, known_frames)
        index.setdefault((entry.pos, entry.lemma), []).append(entry)
    ordered = {key: tuple(sorted(entries, key=lambda e: -e.specificity)) for key, entries in index.items()}
    irregular = {form: lemma for form, lemma in body(resources.rows("irregular_verbs.tsv", 2), "form")}
    return Lexicon(index=ordered, irregular=irregular)


def token_keys(token: Token) -> set[str]:
    """Cue keys of one noun: its lemma, its text, and "modifier lemma" pairs."""
    lemma = lemma_of(token)
    keys = {lemma, token.lower_}
    for child in args.dependents(token, CUE_MODIFIERS):
        keys.add(f"{lemma_of(child)} {lemma}")
        keys.add(lemma_of(child))
    return keys


def object_tokens(verb: Token) -> tuple[list[Token], list[Token]]:
    """Objects a verb's cue may name: (direct or passive objects, prepositional objects).

    Prepositions that only set the scene ("because of the fighting", "after
    talks") are left out: their objects are not what the action is done to.
    """
    return args.cue_objects(verb, SCENE_PREPS)


def keys_of(tokens: list[Token]) -> set[str]:
    """Cue keys of object nouns, looking through measure words ("part *of a stronghold*")
    and roles given with "as" ("held families *as human shields*")."""
    keys: set[str] = set()
    for token in tokens:
        keys |= token_keys(token)
        head = args.of_object(token) if lemma_of(token) in PART_WORDS else None
        if head is not None:
            keys |= token_keys(head)
        role = args.of_object(token, ("as",))
        if role is not None:
            keys |= token_keys(role)
    return keys


def noun_object_keys(noun: Token) -> tuple[set[str], set[str]]:
    """A noun's cues: (its modifiers, "hunger strike"; its "of"/"into" objects)."""
    modifiers = {lemma_of(c) for c in args.dependents(noun, CUE_MODIFIERS)}
    objects: set[str] = set()
    for pobj in args.preposition_objects(noun, NOUN_OBJECT_PREPS):
        objects |= token_keys(pobj)
    return modifiers, objects


def has_part(token: Token, words: tuple[str, ...]) -> bool:
    """Whether the particles/prepositions ``words`` hang off ``token`` in order."""
    anchor = token
    for word in words:
        nxt = _child_named(anchor, word) or _child_named(token, word)
        if nxt is None:
            return False
        anchor = nxt
    return True


def _child_named(token: Token, word: str) -> Token | None:
    for child in args.dependents_except(token, args.NOT_PARTICLES):
        if child.lower_ == word or lemma_of(child) == word:
            return child
    return None


def subject_lemmas(subject: Token | None) -> set[str]:
    """Head lemma of a subject and of its conjuncts ("the coalition and Afghan *troops*"),
    and of its "of" object ("hundreds of *workers*"): a cue holds when any doer fits it."""
    if subject is None:
        return set()
    heads = phrases.coordinated(subject)
    lemmas = {lemma_of(h) for h in heads}
    lemmas |= {lemma_of(p) for h in heads for p in args.preposition_objects(h, ("of",))}
    return lemmas


def matches(entry: Entry, token: Token, objects: set[str], subjects: set[str]) -> bool:
    """Whether every condition of ``entry`` holds for this token."""
    if entry.objects == {ANY_OBJECT}:
        if not args.has_patient(token):
            return False
    elif entry.objects and not entry.objects & objects:
        return False
    if entry.subjects and not entry.subjects & subjects:
        return False
    return not entry.part or has_part(token, entry.part)


@dataclass(frozen=True)
class Lexicon:
    """The loaded event lexicon: the entries by (pos, lemma) and the irregular verb forms."""

    index: Index
    irregular: dict[str, str]

    def entries_for(self, token: Token, pos: str) -> tuple[Entry, ...]:
        """Lexicon entries for the token's lemma, or for a lemma guessed from its form."""
        entries = self.index.get((pos, lemma_of(token)))
        if entries:
            return entries
        for lemma in lemma_candidates(token, self.irregular)[1:]:
            entries = self.index.get((pos, lemma))
            if entries:
                return entries
        return ()

    def lemma(self, token: Token, pos: str = "V") -> str:
        """The lemma the lexicon knows the token by ("slated" -> "slate" when the
        lemmatiser slips), else its own lemma."""
        entries = self.entries_for(token, pos)
        return entries[0].lemma if entries else lemma_of(token)

    def match(self, token: Token, pos: str, subject: Token | None = None) -> Entry | None:
        """The most specific lexicon entry for ``token`` read as ``pos`` ("V" or "N"), if any.

        A cue met by the direct object outranks one met only by a prepositional
        object: "suspended *aid* to Gaza in protest" is about aid, not a protest;
        and "humanitarian aid" outranks "aid".
        """
        entries: Sequence[Entry] = self.entries_for(token, pos)
        if not entries:
            return None
        if pos == "V" and lemma_of(token) in NAMING_VERBS and args.has_object_predicate(token):
            # "called them terrorists" is an accusation, "calling them an army" nothing; neither is a phone call
            entries = [e for e in entries if e.objects - {ANY_OBJECT}]
        # the object and subject cues are read only when some entry asks about them
        named = any(e.objects - {ANY_OBJECT} for e in entries)
        direct, oblique = cue_keys(token, pos) if named else (set(), set())
        subjects = subject_lemmas(subject) if any(e.subjects for e in entries) else set()
        best, best_score = None, -1
        for entry in entries:  # most specific first
            if 4 * entry.specificity + 1 < best_score:
                break
            if not matches(entry, token, direct | oblique, subjects):
                continue
            score = match_score(entry, direct, oblique)
            if score > best_score:
                best, best_score = entry, score
        return best


def cue_keys(token: Token, pos: str) -> tuple[set[str], set[str]]:
    """The keys a trigger's object cues are matched against: (direct, oblique)."""
    if pos == "V":
        direct_tokens, oblique_tokens = object_tokens(token)
        return keys_of(direct_tokens), keys_of(oblique_tokens + particle_objects(token))
    return noun_object_keys(token)


def particle_objects(verb: Token) -> list[Token]:
    """Objects of a preposition the parser hangs on the verb's adverb particle ("walked
    *away from the talks*", "pulled *out of the deal*"): the thing the phrasal verb is about."""
    particles = [c for c in args.dependents_except(verb, args.NOT_PARTICLES) if c.pos_ in ("ADV", "ADP")]
    return [o for p in particles for o in args.preposition_objects(p, PARTICLE_PREPS)]


def match_score(entry: Entry, direct: set[str], oblique: set[str]) -> int:
    """Rank of a matching entry: its specificity, less if its cue was met only by a
    prepositional object, more if a two-word cue ("humanitarian aid") was met."""
    named = entry.objects - {ANY_OBJECT}
    score = 4 * entry.specificity
    if named and not named & direct:
        score -= 2
    if any(" " in cue for cue in named & (direct | oblique)):
        score += 1
    return score
