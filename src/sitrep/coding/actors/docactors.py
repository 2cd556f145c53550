"""Document-level actors: what the article as a whole says about who its actors are.

The actors stage reads each phrase on its own; this stage reads the article and
rewrites ``doc.mentions`` so that every later stage (events, quotes, stances)
sees the resolved actors through the same ``mention_at`` / ``actors_for_token``.

Rules, in order (each a small pure function, ``resolve_mentions`` applies them;
rules 1, 2 and 5 are here, 3 in ``coding.actors.leaders``, 4 in
``coding.actors.article_countries``, 6 to 9 in ``coding.actors.references``).  The tables
they read travel together as ``ArticleTables``, built once per ``Resources``:

1. **Publishers never act.**  Wire agencies and the publisher ("Wikinews", "told
   Reuters", "(AFP)") and everything in a dateline ("KINSHASA, March 3 (AFP) -")
   are dropped (``data/actors_publishers.tsv``), and so is a byline ("By Anne Lund").
2. **Places do not act.**  A city or province mention (kind ``place``) standing
   as a subject ("Hebron said", "a Goma court") is dropped; capitals standing for
   their government ("Beijing said") stay, and a place that is acted on ("shelled
   Kirkuk") keeps its country for the target.
3. **Known leaders by date** (``coding.actors.leaders``).  A person named like a leader in
   ``data/actors_leader_terms.tsv`` takes that leader's country and office when
   the article's date falls in the term, so a 1991 "Bush" is George H. W. Bush and a
   2005 "Bush" George W. Bush.  A nationality already given by a title wins.  An
   office named without a name ("the Russian premier", "the US secretary of state")
   is its holder at that date.
4. **Role nouns keep their country across the article.**  A role-only mention
   ("the army", "police", "the ministry", "rebels") takes the country of the latest
   earlier mention of the same noun, else of the same kind of body (for people:
   protesters, mourners, of the latest people named, "Palestinians"), else the
   country the article is about (``main_country``, counted without the peoples who live
   across borders, so that "Serbs" do not make a story about Bosnia Serbian); an
   "international mediator" is of no country (IGO).  Likewise a person nobody
   gave a country: non-state groups belong to the country they operate in.
5. **Unknown organisations are kept.**  A named organisation the lexicon lacks
   ("Democratic Progress Party", "Popular Front", "the JEM") becomes an actor of
   the article's country, its body read from its last word, or from the word before
   "of" ("Popular Liberation Front of Ruritania"; ``data/actors_org_words.tsv``).  The
   acronym given in brackets after an organisation, its later uses, and "the Front"
   for "... Front" are that organisation.
6. **"the group", "the alliance" refer back** to the latest organisation named,
   and a subject "it" nobody resolved to the latest acting body.
7. **"the commissioner" refers back** to the latest person whose name that word
   preceded as a title ("trade commissioner Albert Muchanga ... The commissioner said").
8. **"them" as an object** ("the protesters began pelting them") is the latest
   plural body of the same or the previous sentence that is not the clause's own subject.
9. **"the two adversaries", "both"** stand for the latest pair of people or bodies named.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from sitrep.coding.actors.article_countries import (
    Memory,
    ethnic_countries,
    ethnic_words,
    local_people,
    main_country,
    unplaced,
)
from sitrep.coding.grammar import phrases
from sitrep.coding.actors.leaders import LeaderTable, date_leader, find_dated_leaders, leader_table, office_holder
from sitrep.coding.actors.lexicon import Lexicon, actor_lexicon
from sitrep.coding.actors.mentions import Mention
from sitrep.coding.actors.references import (
    find_group_pronouns,
    find_group_references,
    find_object_pronouns,
    find_pair_references,
    find_title_references,
    positions_of,
)
from sitrep.models import Actor, Document
from sitrep.nlp.types import Doc, Span, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

_DATELINE_TOKENS = 16  # a dateline ends within this many tokens of the start
_DATELINE_DASHES = frozenset({"-", "--", "—", "–"})
_ACRONYM_MAX = 6
_ACRONYM_WINDOW = 8  # how many tokens before a bracketed acronym its initials may be read from


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


def resolve_mentions(parsed: Doc, mentions: list[Mention], year: int | None, tables: ArticleTables) -> list[Mention]:
    """The mentions after rules 1-6 of the module docstring, in token order."""
    skip = dateline_tokens(parsed, tables.publishers)
    kept = [m for m in mentions if not _dropped(parsed, m, skip, tables.publishers)]
    kept = [date_leader(m, year, tables.leaders) for m in kept]
    kept = sorted(kept + find_dated_leaders(parsed, kept, skip, year, tables.leaders), key=lambda m: m.start)
    main = main_country(parsed, kept)
    home = main_country(parsed, [m for m in kept if not ethnic_words(parsed, m, tables.ethnic)])
    kept = [office_holder(parsed, local_people(parsed, m, home, tables.ethnic), year, tables.leaders)
            for m in kept]  # before countries are lent
    kept = sorted(kept + find_unknown_orgs(parsed, kept, skip, main, tables), key=lambda m: m.start)
    kept = with_replacements(kept, find_short_names(parsed, kept))
    resolved: list[Mention] = []
    at: dict[int, Mention] = {}
    memory = Memory(kept)
    for mention in kept:
        mention = follow_antecedent(mention, at) or memory.resolve(parsed, mention, home, tables.lexicon)
        memory.note(parsed, mention)
        resolved.append(mention)
        at[mention.start] = mention
    resolved += find_group_references(parsed, resolved)
    resolved += find_group_pronouns(parsed, sorted(resolved, key=lambda m: m.start))
    resolved += find_title_references(parsed, sorted(resolved, key=lambda m: m.start))
    resolved += find_object_pronouns(parsed, sorted(resolved, key=lambda m: m.start))
    return with_replacements(resolved, find_pair_references(parsed, sorted(resolved, key=lambda m: m.start)))


def with_replacements(mentions: list[Mention], new: list[Mention]) -> list[Mention]:
    """``mentions`` with ``new`` ones in place of those they overlap, in token order."""
    taken = {i for m in new for i in range(m.start, m.end)}
    kept = [m for m in mentions if not any(i in taken for i in range(m.start, m.end))]
    return sorted(kept + new, key=lambda m: m.start)


def follow_antecedent(mention: Mention, at: Mapping[int, Mention]) -> Mention | None:
    """A pronoun the actors stage linked to an unplaced body ("the army ... it said") takes what
    that body resolved to here, rather than the article's country."""
    if mention.antecedent is None or not unplaced(mention.actor) or mention.antecedent not in at:
        return None
    source = at[mention.antecedent]
    if len(source.all_actors()) != 1 or unplaced(source.actor):
        return None
    actor = replace(source.actor, text=mention.actor.text)
    return replace(mention, actor=actor, actors=())


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


def dateline_tokens(parsed: Doc, publishers: frozenset[str]) -> frozenset[int]:
    """Tokens of a dateline at the start of the text or of a paragraph ("GOMA, Zaire, May 3 (AFP) -")."""
    found: set[int] = set()
    for sent in parsed.sents:
        end = _dateline_end(parsed, sent.start, publishers)
        if end is not None:
            found.update(range(sent.start, end))
    return frozenset(found)


def _dateline_end(parsed: Doc, start: int, publishers: frozenset[str]) -> int | None:
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


def _byline_end(parsed: Doc, start: int, limit: int) -> int | None:
    """A byline line ("By Anne Lund and Per Berg"): only names up to its line end."""
    i = start + 1
    while i < limit and (parsed[i].pos_ == "PROPN" or parsed[i].lower_ in ("and", ",", "in")):
        i += 1
    at_line_end = i == len(parsed) or parsed[i].is_space or "\n" in parsed[i - 1].whitespace_
    return i if i > start + 1 and at_line_end else None


def _dropped(parsed: Doc, mention: Mention, skip: frozenset[int], publishers: frozenset[str]) -> bool:
    """Rules 1 and 2: a publisher, anything in a dateline, or a place standing as a subject."""
    if mention.start in skip or (mention.kind == "place" and _acting(parsed, mention)):
        return True
    text = parsed[mention.start:mention.end].text
    return is_publisher(text, publishers) or is_publisher(mention.actor.name, publishers)


def _acting(parsed: Doc, mention: Mention) -> bool:
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


# --- rule 5: unknown organisations ------------------------------------------------------------------------------


def org_words(resources: Resources) -> dict[str, str]:
    """Last words that make a name an organisation, with the body they stand for ("Front" -> REB)."""
    return {word.lower(): agent for word, agent in resources.rows("actors_org_words.tsv", 2)}


def find_unknown_orgs(parsed: Doc, mentions: list[Mention], skip: frozenset[int],
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


def _named_body_word(span: Span, tables: ArticleTables) -> str | None:
    """"Popular Liberation Front of Ruritania": the body word before an "of" phrase names the body."""
    words = [t for t in span]
    for n in range(len(words) - 2, 0, -1):
        if words[n + 1].lower_ == "of" and words[n].is_title and words[0].is_title:
            agent = tables.org_words.get(words[n].lower_)
            if agent is not None:
                return agent
    return None


def find_short_names(parsed: Doc, mentions: list[Mention]) -> list[Mention]:
    """Later short names of a named organisation: the acronym given in brackets after it
    ("Justice and Equality Movement (JEM) ... the JEM said"), each later use of that acronym, and
    "the Front" alone for "the Popular Liberation Front".  They replace what the phrase stage read there."""
    found: list[Mention] = []
    inside = {i for m in mentions if m.end - m.start > 1 for i in range(m.start, m.end)}  # "AU trade commissioner X"
    named = [(org, *_short_words(parsed, org)) for org in mentions
             if org.kind == "org" and len(org.all_actors()) == 1 and not org.actors]
    where = positions_of(parsed, {w for _, _, words in named for w in words})  # one look over the text
    for org, acronym, words in named:
        for i in sorted(i for word in words for i in where.get(word, ()) if i >= org.end):
            tok = parsed[i]
            if i not in inside and (tok.text == acronym or _definite(tok)):
                found.append(Mention(i, i + 1, replace(org.actor, text=tok.text), "org", i))
    return _first_per_token(found)


def _short_words(parsed: Doc, org: Mention) -> tuple[str | None, set[str]]:
    """An organisation's bracketed acronym, and the words a later short name of it may be."""
    acronym = _bracketed_acronym(parsed, org)
    words = {acronym} if acronym else set()
    words |= {t.text for t in parsed[org.start:org.end] if t.text in _SHORT_BODY_WORDS}
    return acronym, words


_SHORT_BODY_WORDS = frozenset({"Front", "Movement", "Alliance", "Army", "Brigades", "Militia", "Coalition"})


def _definite(tok: Token) -> bool:
    return tok.i > 0 and tok.nbor(-1).lower_ == "the"


def _bracketed_acronym(parsed: Doc, org: Mention) -> str | None:
    """The acronym in brackets right after an organisation's name whose letters its words begin with."""
    if org.end + 2 >= len(parsed) or parsed[org.end].text != "(" or parsed[org.end + 2].text != ")":
        return None
    word = parsed[org.end + 1].text
    if not (word.isupper() and word.isalpha() and 2 <= len(word) <= _ACRONYM_MAX):
        return None
    initials = [t.text[0] for t in parsed[max(0, org.end - _ACRONYM_WINDOW):org.end] if t.is_title]
    return word if initials and initials[-1] == word[-1] and word[0] in initials else None


def _first_per_token(found: list[Mention]) -> list[Mention]:
    seen: set[int] = set()
    kept = []
    for mention in found:
        if mention.start not in seen:
            seen.add(mention.start)
            kept.append(mention)
    return kept


def non_actor_acronyms(resources: Resources) -> frozenset[str]:
    """Acronyms the NER calls organisations that name no actor (times, diseases, documents)."""
    return frozenset(word for (word,) in resources.rows("actors_non_acronyms.tsv", 1))


def org_agent(span: Span, tables: ArticleTables) -> str | None:
    """The body an unknown organisation name stands for: "" for a bare acronym, None if not an organisation."""
    if len(span) == 0:
        return None
    last = span[-1]
    agent = tables.org_words.get(last.lower_)
    if agent is not None and len(span) > 1 and span[0].is_title:
        return agent
    named = _named_body_word(span, tables)
    if named is not None:
        return named
    if len(span) == 1 and last.is_upper and last.is_alpha and 2 <= len(last) <= _ACRONYM_MAX:
        return None if last.text in tables.non_acronyms else ""
    return None
