"""Counts: numbers tied to what they count and to whom ("13 soldiers" of DEU).

Find, then write.  ``find_counts`` reads a parsed document and returns ``Count``
records; ``process`` stores them in ``doc.counts``.  The structural questions
(which noun a number counts, which verb governs it) go to ``grammar.numbers``.

What is counted
    A quantity is a number ("13", "1,000", "2.5 million", "two", "a dozen") or a vague
    quantity word ("several", "thousands", "scores", "a group of").  Numbers inside
    dates, times, money, percentages, ordinals and measures are skipped.  The counted
    noun is the noun the number modifies ("13 soldiers"), or the noun after "of"
    ("thousands of protesters", "a group of refugees").  A bare number counts only as
    the object of a counting verb ("arresting 12", "killing or wounding 50").  A
    casualty verb whose victim is one person with no number ("a journalist was killed",
    "killed the deputy chief") counts one.  Gapped figures repeat the sentence's previous
    count for a new name ("Chile sent 300 engineers, Peru 150"), and so do bare figures with
    only a "from" phrase ("..., and two each from the navy and the police": one per side).  Never counts: numbers
    inside a hyphenated word ("six-party talks", "Su-35"), clock times ("0900 GMT"),
    model numbers after a name ("Boeing 737"), plural names ("the two Sudans"), the
    number of countries, parties or sides, populations ("where 400 settlers live"), the part
    of a counted set ("one of two men killed": the two count), and one or a vague amount of a
    thing the unit table does not know ("one hospital", "a number of restrictions").

Units (``coding.attributes.count_units``)
    A verb of harm or custody governing the counted noun decides the unit ("killed two
    soldiers" -> dead), else the noun does (soldiers -> troops); a crowd is protesters by
    what it does ("hundreds of villagers clashed with police"); the rules and the tables
    are in ``count_units``.

Vague and approximate numbers
    Vague quantities ("several officers", "thousands of protesters", "dozens", "several
    hundred") get ``number`` null and ``vague`` true; the words stay in ``text``.  A null keeps sums
    honest: no invented lower bound is ever added into a total.  Numbers with a hedge
    ("some", "about", "around", "at least", "more than", "up to", "nearly") keep the number
    and get ``approximate`` true.

Owner
    The actor of the counted noun's own modifiers ("13 German soldiers", "one U.S.
    soldier"), else of a "from"/"of" phrase ("troops from the United Kingdom", "a
    German team of 13 soldiers"), else -- except for victims (dead, injured, arrested,
    ...), who do not belong to whoever harmed them -- the subject of the governing verb
    ("Germany sent 13 soldiers").  A victim's side is never read from a clause on it
    ("two men killed by Israeli bullets" are not Israeli).  Casualties, detainees and crowds that nothing ties to a
    side belong to the country whose places the document names most (``local_side``);
    soldiers do not (they are usually someone else's).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from sitrep.coding.actors.actors import actors_for_token, mention_at
from sitrep.coding.attributes.count_units import (
    IGNORE,
    VICTIM_UNITS,
    Lexicon,
    find_unit,
    is_population,
    lexicon,
    noun_unit,
    strong_noun,
    verb_unit,
)
from sitrep.coding.grammar import numbers as n
from sitrep.coding.grammar import phrases
from sitrep.coding.grammar.arguments import of_object, preposition_objects
from sitrep.models import Actor, Count, Document
from sitrep.nlp.types import Doc, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

__all__ = ["Lexicon", "find_counts", "find_owner", "lexicon", "parse_number", "process"]

SKIP_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
LOCAL_UNITS = VICTIM_UNITS | {"fighters", "people", "protesters", "civilians", "police", "missing", "hostages", "prisoners"}
PEOPLE_UNITS = frozenset(
    {
        "troops",
        "fighters",
        "police",
        "protesters",
        "refugees",
        "migrants",
        "civilians",
        "hostages",
        "prisoners",
        "people",
    }
)
OWNER_PREPOSITIONS = ("from", "of")  # "troops from the United Kingdom", "a team of 13 soldiers"
Found = list[tuple[int, Count]]  # each count with the index of the token it was found at


@dataclass(frozen=True)
class Placing:
    """Where a document's counts sit (sentence numbers) and whose its unclaimed victims are."""

    sentence_of: dict[int, int]  # sentence start -> sentence index
    local: str | None  # the country the document is about (``local_countries``)

    def place(self, count: Count, token: Token, *, soldiers: bool) -> Count:
        """``count`` with its sentence and, when nothing tied it to a side, the local one."""
        local_side(count, self.local, soldiers=soldiers)
        sentence = token.sent  # found by scanning the document: once
        count.sentence = sentence.text
        count.sentence_index = self.sentence_of.get(sentence.start, 0)
        return count


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.counts``."""
    for doc in docs:
        if doc.parsed is not None:
            doc.counts = find_counts(doc, resources)
        yield doc


def find_counts(doc: Document, resources: Resources) -> list[Count]:
    """Every count in the document, in text order (rules in the module docstring)."""
    parsed = doc.parsed
    if parsed is None:
        return []
    lex = resources.get(lexicon)
    sentence_of = {s.start: i for i, s in enumerate(parsed.sents)}
    placing = Placing(sentence_of, next(iter(local_countries(doc)), None))
    found, counted_nouns = _quantity_counts(doc, parsed, lex, placing)
    for token in parsed:
        if token.lemma_.lower() in lex.verb_units:
            single = single_victim(doc, token, lex, counted_nouns)
            if single is not None:
                found.append((token.i, placing.place(single, token, soldiers=False)))
    return [count for _, count in sorted(found, key=lambda pair: pair[0])]


def _quantity_counts(doc: Document, parsed: Doc, lex: Lexicon, placing: Placing) -> tuple[Found, set[int]]:
    """The counts of the numbers and vague quantities, and the tokens of the nouns they count."""
    skipped = {i for ent in parsed.ents if ent.label_ in SKIP_ENTITIES for i in range(ent.start, ent.end)}
    found: Found = []
    counted_nouns: set[int] = set()
    for token in parsed:
        if token.i in skipped or not is_quantity_head(token, lex):
            continue
        gapped = gapped_count(doc, token, lex, found)
        single = gapped or count_at(doc, token, lex)
        here = [single] if single is not None else distributed_counts(doc, token, lex, found)
        noun = counted_noun(token, lex)
        soldiers = noun is not None and noun_unit(noun, lex) == "troops"
        for count in here:
            found.append((token.i, placing.place(count, token, soldiers=soldiers)))
            counted_nouns.add(token.i if noun is None else noun.i)
    return found, counted_nouns


def distributed_counts(doc: Document, head: Token, lex: Lexicon, found: Found) -> list[Count]:
    """A bare figure after a comma or "and" whose only words are where its people come from
    repeats the sentence's previous count ("90 were wounded, as were 17 from the army, and two
    each from the navy and the police"): one count per side with "each", else one."""
    if not is_numeric(head, lex) or counted_noun(head, lex) is not None or head.i == 0:
        return []
    if head.doc[head.i - 1].lower_ not in {",", ";", "and"}:
        return []
    sources = preposition_objects(head, ("from",))
    start = head.sent.start  # finding the sentence scans the document: once, not once per count
    earlier = [c for i, c in found if start <= i < head.i and c.number is not None]
    if not sources or not earlier:
        return []
    sides = list(phrases.coordinated(sources[0])) if n.is_distributive(head) else sources[:1]
    number = parse_number([head.text], lex)
    counts = []
    for token in sides:
        owners = _token_actors(doc, token, earlier[-1].unit)
        counts.append(
            Count(number=number, unit=earlier[-1].unit, actor=owners[0] if owners else None, sentence="",
                  text=f"{head.text} from {token.text}")
        )
    return counts


def gapped_count(doc: Document, head: Token, lex: Lexicon, found: Found) -> Count | None:
    """A figure whose verb and noun are gapped ("Chile sent 300 engineers, Peru 150"): after a
    comma, a name and a bare number repeat the sentence's previous count for that name."""
    name = head.head if head.head.i != head.i else None
    if name is None or name.pos_ != "PROPN" or name.i != head.i - 1 or not is_numeric(head, lex):
        return None
    if name.i == 0 or head.doc[name.i - 1].text not in {",", ";", "and"}:
        return None
    start = head.sent.start  # once, not once per count
    earlier = [(i, c) for i, c in found if start <= i < head.i and c.number is not None]
    owners = actors_for_token(doc, name)
    if not earlier or not owners:
        return None
    previous = earlier[-1][1]
    return Count(
        number=parse_number([head.text], lex),
        unit=previous.unit,
        actor=owners[0],
        sentence="",
        text=f"{name.text} {head.text}",
    )


def local_countries(doc: Document) -> list[str]:
    """The countries a document is about, most named first: its places and actors."""
    placed: Counter[str] = Counter()
    for location in doc.locations:
        if location.country:
            placed[location.country] += location.mentions
    if placed:
        return [country for country, _ in placed.most_common()]
    named: Counter[str] = Counter()
    for mention in doc.mentions:
        country = getattr(mention.actor, "country", None)
        if country:
            named[country] += 1
    return [country for country, _ in named.most_common()]


def local_side(count: Count, local: str | None, *, soldiers: bool) -> Count:
    """Casualties, detainees and crowds that no word ties to a side are the people of where the
    news happens: the country whose places the document names most, else the country of most
    actors.  Soldiers are left alone: they are usually someone else's."""
    if local is None or soldiers or count.unit not in LOCAL_UNITS:
        return count
    if count.actor is None:
        count.actor = Actor(text="", name=local, code=local, country=local)
    elif not count.actor.country:
        count.actor = replace(count.actor, country=local, code=f"{local}{count.actor.agent or ''}")
    return count


def is_numeric(token: Token, lex: Lexicon) -> bool:
    return _numeric(token.text, lex.kinds(token.text))


def _numeric(text: str, kinds: Mapping[str, float | None]) -> bool:
    """``is_numeric`` over a word whose table kinds the caller already looked up."""
    return "number" in kinds or "multiplier" in kinds or bool(DIGITS.match(text))


def is_quantity_head(token: Token, lex: Lexicon) -> bool:
    """A number or vague word that is not itself part of a bigger number ("2.5" in "2.5 million").

    Asked of every token of the document, so each word's kinds are looked up once."""
    text = token.text
    kinds = lex.kinds(text)
    if not (_numeric(text, kinds) or "vague" in kinds or "vague-of" in kinds):
        return False
    if not n.is_quantity_modifier(token):
        return True
    head = token.head
    head_kinds = lex.kinds(head.text)
    return not (_numeric(head.text, head_kinds) or "vague" in head_kinds)  # "2.5" of "2.5 million": the head speaks


def count_at(doc: Document, head: Token, lex: Lexicon) -> Count | None:
    """The count whose quantity ends in ``head``, or None when it counts nothing useful."""
    if _counts_nothing(head, lex):
        return None
    noun = strong_noun(head) or counted_noun(head, lex)
    if noun is not None and is_name(noun, lex):
        return None  # "the two Sudans", "the Group of Seven"
    phrase = list(head.doc[head.left_edge.i : head.i + 1])
    numeric = any(is_numeric(t, lex) for t in phrase) and not _vague_multiple(phrase, lex)
    unit = find_unit(noun, head, lex)
    if unit is None or unit == IGNORE:
        return None
    if n.recurs(noun or head, lex.rate_words, lex.period_words):
        return None  # "100,000 deaths annually", "3,000 die each year": a rate, not a tally
    if noun is None and unit not in VICTIM_UNITS and numeric:
        return None
    if unit not in VICTIM_UNITS and is_population(noun or head, lex):
        return None  # "where 400 settlers live": a population
    number = parse_number([t.text for t in phrase], lex) if numeric else None
    if (number == 1 or not numeric) and noun is not None and _unknown_thing(noun, unit, lex):
        return None  # "one hospital", "a number of restrictions": one or some of a thing is no tally
    text_end = noun.i if noun is not None and noun.i > head.i else head.i
    return Count(
        number=number,
        unit=unit,
        actor=find_owner(doc, noun or head, unit),
        sentence="",
        text=head.doc[phrase[0].i : text_end + 1].text,
        vague=not numeric,
        approximate=numeric and any("approx" in lex.kinds(t.text) or "vague" in lex.kinds(t.text) for t in phrase),
    )


def _unknown_thing(noun: Token, unit: str, lex: Lexicon) -> bool:
    """A counted noun the unit table does not know and that is no nationality: its lemma is the unit."""
    return unit == noun.lemma_.lower() and noun_unit(noun, lex) is None and noun.ent_type_ != "NORP"


def _counts_nothing(head: Token, lex: Lexicon) -> bool:
    """A quantity that is no tally: "the number of personnel", a part of a word or name, a part
    of a definite set that nothing befell ("one of the largest demonstrations")."""
    of_part = of_object(head)
    indefinite = n.is_indefinite(head) or n.is_bare_plural(head)
    if "vague-of" in lex.kinds(head.text) and not (of_part is not None and indefinite):
        return True  # "a handful of refugees", "large numbers of men" count; "the number of personnel" does not
    if not_a_count(head, lex):
        return True
    if of_part is not None and n.has_number(of_part) and verb_unit(head, lex) is None:
        return True  # "one of two men killed": the two are counted, the one is a part of them
    if of_part is not None and n.is_partitive(head):
        # "600 of the refugees died" counts: something befell the part
        return verb_unit(head, lex) is None and verb_unit(of_part, lex) is None
    return False


def _vague_multiple(phrase: list[Token], lex: Lexicon) -> bool:
    """"several hundred", "a few thousand": a vague word times a multiplier names no number."""
    vague = any("vague" in lex.kinds(t.text) for t in phrase)
    exact = any(DIGITS.match(t.text) or "number" in lex.kinds(t.text) for t in phrase)
    return vague and not exact


def not_a_count(head: Token, lex: Lexicon) -> bool:
    """Numbers that are part of a word or a name, not a tally: compounds ("six-party talks"),
    clock times ("0900 GMT"), model numbers ("Su-35", "Boeing 737")."""
    doc = head.doc
    following = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if following is not None and following.text == "-" and not head.whitespace_:
        after = doc[head.i + 2] if head.i + 2 < len(doc) else None
        return after is None or after.lower_ != "strong"
    if re.search(r"[A-Za-z]-?\d|\d-[A-Za-z]", head.text) or re.match(r"^0\d{3}$", head.text):
        return True
    if head.i > 0 and doc[head.i - 1].text == "-" and not doc[head.i - 1].whitespace_:
        return True  # "Su-35": the number closes a hyphenated name
    previous = doc[head.i - 1] if head.i > 0 else None
    return (
        previous is not None
        and previous.pos_ == "PROPN"
        and previous.ent_type_ not in {"GPE", "NORP"}
        and head.head.i in {previous.i, head.i}
        and previous.i > head.sent.start
        and doc[previous.i - 1].text != ","
    )


def is_name(noun: Token, lex: Lexicon) -> bool:
    """A counted noun that is a proper name ("the two Sudans", "the two Koreas"), not a
    nationality ("1,500 Palestinians") or a known unit."""
    if noun.pos_ != "PROPN" or noun_unit(noun, lex) is not None:
        return False
    if noun.tag_ == "NNPS" and noun.text.endswith("s") and noun.text[:-1] in lex.country_names:
        return True
    return noun.ent_type_ in {"GPE", "LOC"}


def counted_noun(head: Token, lex: Lexicon) -> Token | None:
    """The noun a quantity counts: its head ("13 soldiers") or its "of" object ("thousands of ...")."""
    of_part = of_object(head)
    if of_part is not None:
        return counted_noun(of_part, lex) if lex.kinds(of_part.text) else of_part
    return n.counted_head(head)


def parse_number(words: list[str], lex: Lexicon) -> int | None:
    """The value of number words and digits: "2.5 million" -> 2500000, "a dozen" -> 12."""
    total = 0.0
    current: float | None = None
    for word in words:
        cleaned = word.lower().replace(",", "")
        kinds = lex.kinds(cleaned)
        if DIGITS.match(word):
            current = (current or 0) + float(cleaned)
        elif "number" in kinds:
            current = (current or 0) + (kinds["number"] or 0)
        elif "multiplier" in kinds:
            current = (current or 1) * (kinds["multiplier"] or 1)
            if (kinds["multiplier"] or 0) >= 1000:
                total, current = total + current, None
    value = total + (current or 0)
    return int(round(value)) if value and math.isfinite(value) else None  # "1" and 400 zeros: no number


def find_owner(doc: Document, noun: Token, unit: str) -> Actor | None:
    """Whose the counted things are (module docstring); None when nothing says.

    The places are tried in order and the first actor found is kept; when it has no
    country ("soldiers" -> military) the first later actor with one lends it, so that
    "a German team of 13 soldiers" is DEU military.
    """
    found = [a for token in _owner_tokens(noun, unit) for a in _token_actors(doc, token, unit)]
    if not found:
        return None
    first = found[0]
    national = next((a for a in found if a.country), None)
    if first.country or national is None:
        return first
    agent = first.agent or national.agent
    return Actor(
        text=first.text,
        name=f"{national.name} {first.name}".strip(),
        code=f"{national.country}{agent or ''}",
        country=national.country,
        org=national.org,
        agent=agent,
    )


def _token_actors(doc: Document, token: Token, unit: str) -> list[Actor]:
    """The actors of one owner token; for victims, less those only a clause on it names: in "two
    men killed by Israeli bullets" the Israelis are not the men's side, though the parser may
    join them."""
    actors = actors_for_token(doc, token)
    if unit not in VICTIM_UNITS:
        return actors
    clause = _countries_named(doc, n.noun_clause_tokens(token))
    if not clause:
        return actors
    own = _countries_named(doc, list(token.doc[token.left_edge.i : token.i]))
    return [a for a in actors if a.country not in clause or a.country in own]


def _countries_named(doc: Document, tokens: list[Token]) -> set[str]:
    """The countries of the mentions at ``tokens``."""
    named: set[str] = set()
    for token in tokens:
        mention = mention_at(doc, token.i)
        if mention is not None:
            named.update(a.country for a in mention.all_actors() if a.country)
    return named


def _owner_tokens(noun: Token, unit: str) -> list[Token]:
    """Tokens whose actors may own the count, most telling first: the noun, its "from"/"of"
    objects, what it is the "of" object of, and -- except for victims -- the subject of the verb
    that takes the noun (or the quantity it is counted by: "police deployed numbers of men")."""
    tokens = [noun, *preposition_objects(noun, OWNER_PREPOSITIONS)]
    holder = n.of_holder(noun)
    if holder is not None:
        tokens.append(holder)
    if unit in VICTIM_UNITS:
        return tokens
    for slot in dict.fromkeys((noun, holder or noun)):
        if n.is_counted_slot(slot) and slot.head.pos_ == "VERB":
            tokens += n.nominal_subjects(slot.head)
    return tokens


def single_victim(doc: Document, verb: Token, lex: Lexicon, counted: set[int]) -> Count | None:
    """One victim of a casualty verb named without a number ("a journalist was killed")."""
    unit = lex.verb_units[verb.lemma_.lower()]
    if unit not in VICTIM_UNITS or verb.pos_ != "VERB":
        return None
    died = unit == "dead" and verb.lemma_.lower() == "die"
    for victim in n.victims_of(verb, with_subject=died):
        if victim.i in counted or victim.tag_ not in {"NN", "NNP"} or not _is_person(victim, lex):
            continue
        if n.has_number(victim):
            continue
        owners = actors_for_token(doc, victim)
        return Count(
            number=1,
            unit=unit,
            actor=owners[0] if owners else None,
            sentence="",
            text=verb.doc[victim.left_edge.i : victim.i + 1].text,
        )
    return None


def _is_person(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ == "PERSON" or lemma in lex.person_units or lex.noun_units.get(lemma) in PEOPLE_UNITS
    )
