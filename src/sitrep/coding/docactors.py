"""Document-level actors: what the article as a whole says about who its actors are.

The actors stage reads each phrase on its own; this stage reads the article and
rewrites ``doc.mentions`` so that every later stage (events, quotes, stances)
sees the resolved actors through the same ``mention_at`` / ``actors_for_token``.

Rules, in order (each a small pure function, ``resolve_mentions`` applies them):

1. **Publishers never act.**  Wire agencies and the publisher ("Wikinews", "told
   Reuters", "(AFP)") and everything in a dateline ("KINSHASA, March 3 (AFP) -")
   are dropped (``data/actors_publishers.tsv``), and so is a byline ("By Anne Lund").
2. **Places do not act.**  A city or province mention (kind ``place``) standing
   as a subject ("Hebron said", "a Goma court") is dropped; capitals standing for
   their government ("Beijing said") stay, and a place that is acted on ("shelled
   Kirkuk") keeps its country for the target.
3. **Known leaders by date** (``coding.leaders``).  A person named like a leader in
   ``data/actors_leader_terms.tsv`` takes that leader's country and office when
   the article's date falls in the term, so a 1991 "Bush" is George H. W. Bush and a
   2005 "Bush" George W. Bush.  A nationality already given by a title wins.  An
   office named without a name ("the Russian premier", "the US secretary of state")
   is its holder at that date.
4. **Role nouns keep their country across the article.**  A role-only mention
   ("the army", "police", "the ministry", "rebels") takes the country of the latest
   earlier mention of the same noun, else of the same kind of body (for people:
   protesters, mourners, of the latest people named, "Palestinians"), else the
   country the article is about (``main_country``); an "international mediator" is
   of no country (IGO).  Likewise a person nobody
   gave a country: non-state groups belong to the country they operate in.
5. **Unknown organisations are kept.**  A named organisation the lexicon lacks
   ("Democratic Progress Party", "Popular Front", "the JEM") becomes an actor of
   the article's country, its body read from its last word
   (``data/actors_org_words.tsv``).
6. **"the group", "the alliance" refer back** to the latest organisation named.
8. **"them" as an object** ("the protesters began pelting them") is the latest
   plural body of the same or the previous sentence that is not the clause's own subject.
7. **"the commissioner" refers back** to the latest person whose name that word
   preceded as a title ("trade commissioner Albert Muchanga ... The commissioner said").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from sitrep.coding.mentions import Mention
from sitrep.coding.grammar import phrases
from sitrep.coding.leaders import LeaderTable, date_leader, find_dated_leaders, leader_table, office_holder
from sitrep.coding.lexicon import AGENT_LABELS, Lexicon, actor_lexicon
from sitrep.models import Actor, Document
from sitrep.resources import Resources
from sitrep.settings import Settings

_COUNTRY_KINDS = frozenset({"country", "demonym", "metonym", "institution", "role", "person", "org", "region"})
_LEAD_SENTENCES = 2  # the lead sentences weigh double when finding what the article is about
_LEAD_WEIGHT = 2
_DATELINE_TOKENS = 16  # a dateline ends within this many tokens of the start
_DATELINE_DASHES = frozenset({"-", "--", "—", "–"})
_ACRONYM_MAX = 6
_INSTITUTIONS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})  # bodies one country usually has one of
_WEAPONS = frozenset({"drone", "jet", "warplane", "fighter jet", "tank", "helicopter", "aircraft", "submarine",
                      "frigate", "destroyer", "artillery", "warship"})


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Rewrite each document's mentions with what the whole article says."""
    tables = resources.get(article_tables)
    for doc in docs:
        if doc.parsed is not None:
            doc.mentions = resolve_mentions(doc.parsed, doc.mentions, _year(doc.date), tables)
        yield doc


@dataclass(frozen=True)
class ArticleTables:
    """The tables the document-level rules read: the actor lexicon, leader terms and the small word lists."""

    lexicon: Lexicon
    leaders: LeaderTable
    publishers: frozenset[str]  # lower-cased names of wire agencies and publishers
    ethnic: Mapping[str, frozenset[str]]  # cross-border people -> the countries they live in
    org_words: Mapping[str, str]  # last word of an organisation's name -> its body
    non_acronyms: frozenset[str]  # acronyms that name no actor


def article_tables(resources: Resources) -> ArticleTables:
    """The tables of ``resources`` the document-level rules read."""
    return ArticleTables(
        lexicon=resources.get(actor_lexicon), leaders=resources.get(leader_table),
        publishers=resources.get(publishers), ethnic=resources.get(ethnic_countries),
        org_words=resources.get(org_words), non_acronyms=resources.get(non_actor_acronyms),
    )


def resolve_mentions(parsed: Any, mentions: list[Mention], year: int | None, tables: ArticleTables) -> list[Mention]:
    """The mentions after rules 1-6 of the module docstring, in token order."""
    skip = dateline_tokens(parsed, tables.publishers)
    kept = [m for m in mentions if not _dropped(parsed, m, skip, tables.publishers)]
    kept = [date_leader(m, year, tables.leaders) for m in kept]
    kept = sorted(kept + find_dated_leaders(parsed, kept, skip, year, tables.leaders), key=lambda m: m.start)
    main = main_country(parsed, kept)
    home = main_country(parsed, [m for m in kept if not _ethnic_words(parsed, m, tables.ethnic)])
    kept = [office_holder(parsed, local_people(parsed, m, home, tables.ethnic), year, tables.leaders)
            for m in kept]  # before countries are lent
    kept = sorted(kept + find_unknown_orgs(parsed, kept, skip, main, tables), key=lambda m: m.start)
    resolved: list[Mention] = []
    memory = _Memory(kept)
    for mention in kept:
        mention = memory.resolve(parsed, mention, main, tables.lexicon)
        memory.note(parsed, mention)
        resolved.append(mention)
    resolved += find_group_references(parsed, resolved)
    resolved += find_group_pronouns(parsed, sorted(resolved, key=lambda m: m.start))
    resolved += find_title_references(parsed, sorted(resolved, key=lambda m: m.start))
    resolved += find_object_pronouns(parsed, sorted(resolved, key=lambda m: m.start))
    return sorted(resolved, key=lambda m: m.start)


def _year(date: str | None) -> int | None:
    if date and len(date) >= 4 and date[:4].isdigit():
        return int(date[:4])
    return None


# --- rule 1 and 2: publishers, datelines, places ------------------------------------------------------------------


def publishers(resources: Resources) -> frozenset[str]:
    """Lower-cased names of wire agencies and publishers that report but never act."""
    return frozenset(name.lower() for (name,) in resources.rows("actors_publishers.tsv", 1))


def is_publisher(text: str, publishers: frozenset[str]) -> bool:
    """Whether ``text`` names one of ``publishers`` ("(AFP)", "the Associated Press")."""
    words = text.strip("() ").lower()
    return words in publishers or words.removeprefix("the ") in publishers


def dateline_tokens(parsed: Any, publishers: frozenset[str]) -> frozenset[int]:
    """Tokens of a dateline at the start of the text or of a paragraph ("GOMA, Zaire, May 3 (AFP) -")."""
    found: set[int] = set()
    for sent in parsed.sents:
        end = _dateline_end(parsed, sent.start, publishers)
        if end is not None:
            found.update(range(sent.start, end))
    return frozenset(found)


def _dateline_end(parsed: Any, start: int, publishers: frozenset[str]) -> int | None:
    """Where a dateline starting at ``start`` ends: after its dash, or after "(AGENCY)"."""
    limit = min(len(parsed), start + _DATELINE_TOKENS)
    first = parsed[start]
    if first.lower_ == "by":
        return _byline_end(parsed, start, limit)
    if not (first.is_upper and first.is_alpha and len(first) > 1):
        return None
    for i in range(start + 1, limit):
        tok = parsed[i]
        if tok.text in _DATELINE_DASHES and parsed[i - 1].whitespace_ and parsed[start + 1].text == ",":
            return i + 1  # "GOMA, Zaire, May 3 -", never the hyphen of "US-led"
        if tok.text == ")" and i > start + 1 and is_publisher(parsed[i - 1].text, publishers):
            return i + 2 if i + 1 < len(parsed) and parsed[i + 1].text in _DATELINE_DASHES else i + 1
    return None


def _byline_end(parsed: Any, start: int, limit: int) -> int | None:
    """A byline line ("By Anne Lund and Per Berg"): only names up to its line end."""
    i = start + 1
    while i < limit and (parsed[i].pos_ == "PROPN" or parsed[i].lower_ in ("and", ",", "in")):
        i += 1
    at_line_end = i == len(parsed) or parsed[i].is_space or "\n" in parsed[i - 1].whitespace_
    return i if i > start + 1 and at_line_end else None


def _dropped(parsed: Any, mention: Mention, skip: frozenset[int], publishers: frozenset[str]) -> bool:
    """Rules 1 and 2: a publisher, anything in a dateline, or a place standing as a subject."""
    if mention.start in skip or (mention.kind == "place" and _acting(parsed, mention)):
        return True
    text = parsed[mention.start:mention.end].text
    return is_publisher(text, publishers) or is_publisher(mention.actor.name, publishers)


def _acting(parsed: Any, mention: Mention) -> bool:
    """Whether a mention stands where an actor does: a subject, or the owner or modifier of one."""
    tok = parsed[mention.head if mention.head is not None else mention.start]
    for _ in range(2):
        if phrases.is_subject(tok, with_clauses=True):
            return True
        owner = phrases.owner_of(tok)
        if owner is None:
            return False
        tok = owner
    return False


def ethnic_countries(resources: Resources) -> dict[str, frozenset[str]]:
    """Words for peoples living on both sides of borders, with the countries they live in."""
    table: dict[str, frozenset[str]] = {}
    for words, countries in resources.rows("actors_ethnic.tsv", 2):
        for word in words.split("|"):
            table[word] = frozenset(countries.split("|"))
    return table


def local_people(parsed: Any, mention: Mention, main: str | None, ethnic: Mapping[str, frozenset[str]]) -> Mention:
    """"Serb authorities" in a story about Bosnia are Bosnian: a cross-border people takes the article's country."""
    if main is None or len(mention.all_actors()) != 1 or not mention.actor.country or mention.actor.country == main:
        return mention
    if mention.kind not in ("demonym", "role", "person"):
        return mention
    homes = _ethnic_words(parsed, mention, ethnic)
    if not homes or not any(main in h and mention.actor.country in h for h in homes):
        return mention
    if any(t.ent_type_ == "GPE" for t in parsed[mention.start:mention.end]):
        return mention
    return replace(mention, actor=_moved(mention.actor, main), actors=())


def _ethnic_words(parsed: Any, mention: Mention, table: Mapping[str, frozenset[str]]) -> list[frozenset[str]]:
    """The home countries of each cross-border people the mention names."""
    return [table[t.lower_] for t in parsed[mention.start:mention.end] if t.lower_ in table]


def _moved(actor: Actor, country: str) -> Actor:
    """``actor`` with its country part replaced by ``country``."""
    code = country + actor.code[len(actor.country or ""):] if actor.code.startswith(actor.country or "\0") else country
    return replace(actor, code=code, country=country)


# --- rule 4: the article's country and role memory ---------------------------------------------------------------


def main_country(parsed: Any, mentions: list[Mention]) -> str | None:
    """The country the article is most about: most mentioned, the lead counting double."""
    lead_end = _lead_end(parsed)
    votes: Counter[str] = Counter()
    for mention in mentions:
        if mention.kind not in _COUNTRY_KINDS:
            continue
        for actor in mention.all_actors():
            if actor.country and not actor.code.startswith("IGO"):
                votes[actor.country] += _LEAD_WEIGHT if mention.start < lead_end else 1
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2) + [("", 0)]
    return best if count > rest[0][1] or len(votes) == 1 else _first_of(mentions, {best, rest[0][0]})


def _first_of(mentions: list[Mention], countries: set[str]) -> str | None:
    """On a tie, the country named first."""
    for mention in mentions:
        for actor in mention.all_actors():
            if actor.country in countries:
                return actor.country
    return None


def _lead_end(parsed: Any) -> int:
    end = 0
    for n, sent in enumerate(parsed.sents):
        if n >= _LEAD_SENTENCES:
            break
        end = sent.end
    return end


def _unplaced(actor: Actor) -> bool:
    """An actor with neither country nor organisation (a bare role, an unknown person)."""
    return not actor.country and not actor.org and not actor.code.startswith("IGO")


class _Memory:
    """Countries seen so far with each role noun and each kind of body (rule 4)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_noun: dict[str, str] = {}
        self.by_agent: dict[str, str] = {}
        self.people: str | None = None
        self.country_at = {i: m.actor.country for m in mentions if m.actor.country and len(m.all_actors()) == 1
                           for i in range(m.start, m.end)}

    def note(self, parsed: Any, mention: Mention) -> None:
        actors = mention.all_actors()
        if mention.kind == "demonym" and mention.head is not None and parsed[mention.head].tag_ in ("NNS", "NNPS"):
            self.people = actors[0].country or self.people  # "Palestinians": the people the story is among
        if len(actors) != 1 or not actors[0].country or mention.kind not in ("role", "person", "org"):
            return
        actor = actors[0]
        for i in range(mention.start, mention.end):
            self.country_at[i] = actor.country
        if mention.kind == "role":
            for noun in _role_nouns(parsed, mention):
                self.by_noun[noun] = actor.country
        if actor.agent:
            self.by_agent[actor.agent] = actor.country

    def modifier_country(self, parsed: Any, mention: Mention) -> str | None:
        """The country of a mention inside the phrase ("Iranian airline Mahan Air", "the Afghan Taliban")."""
        if mention.head is None:
            return None
        head = parsed[mention.head]
        for tok in phrases.phrase_modifiers(head):
            country = self.country_at.get(tok.i)
            if country:
                return country
        return None

    def speaking_place(self, head: Any) -> str | None:
        """"an official said in Tokyo": a subject without a country of its own acts where its verb does."""
        if head is not None and phrases.is_compound(head):
            head = head.head  # "a ministry official said in Tokyo": the ministry too
        if head is None or not phrases.is_subject(head, with_clauses=True) or head.head.lemma_ not in _SPEAKING:
            return None
        for prep in phrases.prepositions(head.head, _IN):
            if prep.i > head.i:
                places = phrases.objects_of_preposition(prep)
                country = self.country_at.get(places[0].i) if places else None
                if country:
                    return country
        return None

    def resolve(self, parsed: Any, mention: Mention, main: str | None, lexicon: Lexicon) -> Mention:
        if len(mention.all_actors()) != 1 or not _unplaced(mention.actor):
            return mention
        if mention.kind not in ("role", "person", "pronoun", "org"):
            return mention
        actor = mention.actor
        head = parsed[mention.head] if mention.head is not None else None
        if head is not None and head.lemma_.lower() in _WEAPONS and mention.kind == "role":
            return mention  # "hit by drone strikes": a weapon is nobody's until the text says whose
        if head is not None and mention.kind == "role" and _international(head):
            return replace(mention, actor=international(actor), actors=())
        country = self.modifier_country(parsed, mention)
        if country is None and mention.kind == "role":
            country = self.speaking_place(head)
        if country is None and mention.kind == "role":
            country = next((self.by_noun[n] for n in _role_nouns(parsed, mention) if n in self.by_noun), None)
        if country is None and mention.kind == "role":
            country = self.by_agent.get(actor.agent or "") if actor.agent in _INSTITUTIONS else self.people
        country = country or main
        if country is None:
            return mention
        return replace(mention, actor=placed(actor, country, lexicon), actors=())


_INTERNATIONAL = frozenset({"international", "multinational"})
_IN = frozenset({"in"})
_SPEAKING = frozenset({"say", "tell", "add", "announce", "state", "confirm", "speak", "report", "insist", "warn"})


def _international(head: Any) -> bool:
    """"a senior international mediator", "multinational forces": the body belongs to no one country."""
    return any(c.lower_ in _INTERNATIONAL for c in phrases.adjectives_of(head))


def international(actor: Actor) -> Actor:
    """``actor`` as an international body (side IGO)."""
    label = AGENT_LABELS.get(actor.agent or "", "")
    return Actor(text=actor.text, name=f"international {label}".strip(), code="IGO" + (actor.agent or ""),
                 org="international", agent=actor.agent)


def _role_nouns(parsed: Any, mention: Mention) -> list[str]:
    """The nouns a role mention is known by, its qualifiers first ("Coalition troops": coalition, troop)."""
    nouns = [t.lemma_.lower() for t in parsed[mention.start:mention.end]
             if t.pos_ in ("NOUN", "PROPN") and t.i != mention.head]
    if mention.head is not None:
        nouns.append(parsed[mention.head].lemma_.lower())
    return nouns


def placed(actor: Actor, country: str, lexicon: Lexicon) -> Actor:
    """``actor`` as a body or person of ``country`` (keeping a person's own name)."""
    base = Actor(text=actor.text, name=lexicon.country_name(country), code=country, country=country)
    if actor.agent is None and actor.code == "" and actor.name:
        return Actor(text=actor.text, name=actor.name, code=country, country=country)
    built = lexicon.with_agent(base, actor.agent, actor.text)
    keep_name = actor.name and actor.name != AGENT_LABELS.get(actor.agent or "", "")
    return replace(built, name=actor.name) if keep_name else built


# --- rule 5: unknown organisations ------------------------------------------------------------------------------


def org_words(resources: Resources) -> dict[str, str]:
    """Last words that make a name an organisation, with the body they stand for ("Front" -> REB)."""
    return {word.lower(): agent for word, agent in resources.rows("actors_org_words.tsv", 2)}


def find_unknown_orgs(parsed: Any, mentions: list[Mention], skip: frozenset[int],
                      country: str | None, tables: ArticleTables) -> list[Mention]:
    """Named organisations no other mention covers, as actors of ``country`` (rule 5)."""
    taken = bytearray(len(parsed))
    for m in mentions:
        taken[m.start:m.end] = b"\x01" * (m.end - m.start)
    found = []
    for ent in parsed.ents:
        if ent.label_ != "ORG" or any(taken[ent.start:ent.end]) or ent.start in skip:
            continue
        start = ent.start + 1 if parsed[ent.start].lower_ == "the" else ent.start
        agent = org_agent(parsed[start:ent.end], tables)
        if agent is None or is_publisher(parsed[start:ent.end].text, tables.publishers):
            continue
        text = parsed[start:ent.end].text
        code = (country or "") + agent
        actor = Actor(text=text, name=text, code=code, country=country, agent=agent or None)
        found.append(Mention(start, ent.end, actor, "org", parsed[start:ent.end].root.i))
    return found


def non_actor_acronyms(resources: Resources) -> frozenset[str]:
    """Acronyms the NER calls organisations that name no actor (times, diseases, documents)."""
    return frozenset(word for (word,) in resources.rows("actors_non_acronyms.tsv", 1))


def org_agent(span: Any, tables: ArticleTables) -> str | None:
    """The body an unknown organisation name stands for: "" for a bare acronym, None if not an organisation."""
    if len(span) == 0:
        return None
    last = span[-1]
    agent = tables.org_words.get(last.lower_)
    if agent is not None and len(span) > 1 and span[0].is_title:
        return agent
    if len(span) == 1 and last.is_upper and last.is_alpha and 2 <= len(last) <= _ACRONYM_MAX:
        return None if last.text in tables.non_acronyms else ""
    return None


# --- rule 6: "the group", "the alliance" --------------------------------------------------------------------------


_GROUP_NOUNS = frozenset({"group", "alliance", "movement", "organisation", "organization", "party", "front",
                          "faction", "militia"})


def indices_of(parsed: Any, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-cased form is one of ``words``, read from the parse array."""
    import numpy

    hashes = [parsed.vocab.strings.add(w) for w in words]
    return numpy.isin(parsed.to_array("LOWER"), hashes).nonzero()[0].tolist()


def find_group_references(parsed: Any, mentions: list[Mention]) -> list[Mention]:
    """"the group said": a definite group noun no mention covers takes the latest organisation before it."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    orgs = [m for m in mentions if m.kind == "org"]
    found = []
    for tok in (parsed[i] for i in indices_of(parsed, _GROUP_NOUNS)):
        if tok.i in covered or tok.pos_ != "NOUN":
            continue
        if not any(c.lower_ == "the" for c in tok.children) or phrases.has_narrowing_modifier(tok):
            continue
        earlier = [m for m in orgs if m.end <= tok.i]
        if earlier:
            actor = replace(earlier[-1].actor, text=tok.text)
            found.append(Mention(tok.i, tok.i + 1, actor, "org", tok.i))
    return found


_GROUP_KINDS = frozenset({"org", "institution", "metonym", "country", "role"})
_GROUP_PRONOUNS = frozenset({"it", "they", "he", "she"})
_NOT_ACTING = frozenset({"be", "seem", "appear", "remain", "happen", "take", "become", "rain", "snow", "mean"})
_PERSON_ROLES = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "minister", "officer",
                           "commander", "envoy", "ambassador", "general", "source", "aide", "adviser", "advisor",
                           "negotiator", "mediator", "governor", "mayor", "president", "leader"})
_PRONOUN_REACH = 2  # sentences an "it said" may reach back


def find_group_pronouns(parsed: Any, mentions: list[Mention]) -> list[Mention]:
    """"It said in a statement": a subject pronoun nobody resolved takes the latest acting body before it.

    "it" and "they" take a body ("the coalition said ... it said"); "he" and "she", which the
    actors stage could not give a named person, take an unnamed official ("a Burmese official
    said ... he added").
    """
    candidates = indices_of(parsed, _GROUP_PRONOUNS)
    if not candidates:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    sentence_of = {}
    for n, sent in enumerate(parsed.sents):
        sentence_of.update((i, n) for i in range(sent.start, sent.end))
    found = []
    for tok in (parsed[i] for i in candidates):
        if tok.i in covered or not phrases.is_subject(tok, with_clauses=True):
            continue
        if tok.head.pos_ != "VERB" or tok.head.lemma_ in _NOT_ACTING:
            continue
        body = _latest_body(parsed, mentions, tok, sentence_of)
        if body is not None:
            name = _unnamed(parsed, body) if tok.lower_ in ("he", "she") else None
            actors = tuple(replace(a, text=tok.text, name=name or a.name) for a in body.all_actors())
            found.append(Mention(tok.i, tok.i + 1, actors[0], "pronoun", tok.i, actors if len(actors) > 1 else ()))
    return found


def _unnamed(parsed: Any, mention: Mention) -> str:
    """How an unnamed person was introduced, as their name ("A Burmese official" -> "Burmese official")."""
    words = [t.text for t in parsed[mention.start:mention.end] if t.lower_ not in ("a", "an", "the")]
    return " ".join(words)


def _latest_body(parsed: Any, mentions: list[Mention], tok: Any, sentence_of: dict[int, int]) -> Mention | None:
    """The latest body acting as a subject in the pronoun's or the previous sentences ("it": a singular one)."""
    here = sentence_of[tok.i]
    for mention in reversed([m for m in mentions if m.end <= tok.i]):
        if here - sentence_of[mention.start] > _PRONOUN_REACH:
            return None
        if mention.kind not in _GROUP_KINDS or not (mention.actor.country or mention.actor.org):
            continue
        head = parsed[mention.head if mention.head is not None else mention.start]
        if not phrases.is_subject(head, with_clauses=True):
            continue
        if tok.lower_ != "they" and (head.tag_ in ("NNS", "NNPS") or len(mention.all_actors()) > 1):
            continue
        if (tok.lower_ in ("he", "she")) != (mention.kind == "role" and head.lemma_.lower() in _PERSON_ROLES):
            continue  # "he" is an unnamed official or officer; "it" is a body
        return mention
    return None


# --- rule 7: "the commissioner" ----------------------------------------------------------------------------------


def find_title_references(parsed: Any, mentions: list[Mention]) -> list[Mention]:
    """"The commissioner said": a definite noun nobody resolved takes the latest person it titled."""
    titled: dict[str, Mention] = {}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    people = iter(m for m in mentions if m.kind == "person" and m.head is not None)
    person = next(people, None)
    found = []
    for tok in parsed:
        while person is not None and person.start <= tok.i:
            titled.update((w, person) for w in _title_words(parsed, person))
            person = next(people, None)
        if tok.i in covered or tok.pos_ != "NOUN" or tok.lemma_.lower() not in titled:
            continue
        if any(c.lower_ == "the" for c in tok.children) and (phrases.is_subject(tok, with_clauses=True) or phrases.is_object(tok)):
            actor = replace(titled[tok.lemma_.lower()].actor, text=tok.text)
            found.append(Mention(tok.i, tok.i + 1, actor, "person", tok.i))
    return found


def _title_words(parsed: Any, person: Mention) -> list[str]:
    """The common nouns standing before a person's name as its title ("commissioner Albert Muchanga")."""
    head = parsed[person.head]
    return [c.lemma_.lower() for c in phrases.compounds_of(head) if c.pos_ == "NOUN" and c.i < person.start]


# --- rule 8: "pelting them" --------------------------------------------------------------------------------------


def find_object_pronouns(parsed: Any, mentions: list[Mention]) -> list[Mention]:
    """"the protesters began pelting them": an object "them" takes the latest plural body before it
    (same or previous sentence) that is not the subject of its own clause."""
    found = []
    for tok in (parsed[i] for i in indices_of(parsed, frozenset({"them"}))):
        if not phrases.is_object(tok, with_dative=True) or mention_index(mentions, tok.i) is not None:
            continue
        own = _clause_subject_actors(parsed, mentions, tok)
        sent_start = _previous_sentence_start(parsed, tok)
        for mention in reversed([m for m in mentions if sent_start <= m.start and m.end <= tok.i]):
            head = parsed[mention.head if mention.head is not None else mention.start]
            if mention.kind not in _GROUP_KINDS or not mention.actor.country or head.tag_ not in ("NNS", "NNPS"):
                continue
            if mention.actor.code in own:
                continue
            actors = tuple(replace(a, text=tok.text) for a in mention.all_actors())
            found.append(Mention(tok.i, tok.i + 1, actors[0], "pronoun", tok.i, actors if len(actors) > 1 else ()))
            break
    return found


def mention_index(mentions: list[Mention], i: int) -> int | None:
    """Index of the mention covering token ``i``, if any."""
    return next((n for n, m in enumerate(mentions) if m.start <= i < m.end), None)


def _clause_subject_actors(parsed: Any, mentions: list[Mention], tok: Any) -> set[str]:
    """Codes of the subjects of the verbs governing ``tok`` (up to three verbs up)."""
    codes: set[str] = set()
    verb = tok.head
    for _ in range(3):
        for child in phrases.subjects_of(verb, with_clauses=True):
            n = mention_index(mentions, child.i)
            if n is not None:
                codes.update(a.code for a in mentions[n].all_actors())
        if verb.head.i == verb.i:
            break
        verb = verb.head
    return codes


def _previous_sentence_start(parsed: Any, tok: Any) -> int:
    start = tok.sent.start
    return parsed[start - 1].sent.start if start > 0 else start
