"""Counts: numbers tied to what they count and to whom ("13 soldiers" of DEU).

Find, then write.  ``find_counts`` reads a parsed document and returns ``Count``
records; ``process`` stores them in ``doc.counts``.

What is counted
    A quantity is a number ("13", "1,000", "2.5 million", "two", "a dozen") or a vague
    quantity word ("several", "thousands", "scores", "a group of").  Numbers inside
    dates, times, money, percentages, ordinals and measures are skipped.  The counted
    noun is the noun the number modifies ("13 soldiers"), or the noun after "of"
    ("thousands of protesters", "a group of refugees").  A bare number counts only as
    the object of a counting verb ("arresting 12", "killing or wounding 50").  A
    casualty verb whose victim is one person with no number ("a journalist was killed",
    "killed the deputy chief") counts one.  Gapped figures repeat the sentence's previous
    count for a new name ("Chile sent 300 engineers, Peru 150").  Never counts: numbers
    inside a hyphenated word ("six-party talks", "Su-35"), clock times ("0900 GMT"),
    model numbers after a name ("Boeing 737"), plural names ("the two Sudans") and the
    number of countries, parties or sides.

Units (``data/units.tsv``)
    A verb of harm or custody governing the counted noun decides the unit ("killed two
    soldiers" -> dead, "arresting 12" -> arrested), and so do a participle on the noun
    ("soldiers wounded in the clash"), a predicate adjective ("left 300 civilians dead"),
    an intransitive verb ("four sailors drowned" -> dead) and an elliptic participle
    ("two were killed and 50 wounded"); "N-strong" reads its head ("a 2,500-strong
    battalion" -> troops); a nationality counts people; otherwise the noun does (soldiers,
    troops, personnel, marines -> troops; frigates, vessels -> ships; ...).  Nouns not
    in the table keep their lemma as the unit ("3,000 web sites" -> site); vague words
    such as "several", "many" and "some" are only kept before a noun in the table.

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
    ("Germany sent 13 soldiers").  Casualties, detainees and crowds that nothing ties to a
    side belong to the country whose places the document names most (``local_side``);
    soldiers do not (they are usually someone else's).
"""

from __future__ import annotations

import math

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from sitrep.coding.actors import actors_for_token
from sitrep.coding.gazetteer import gazetteer
from sitrep.coding.tsv import read_tsv
from sitrep.models import Actor, Count, Document
from sitrep.resources import Resources
from sitrep.settings import Settings

SKIP_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
VICTIM_UNITS = frozenset({"dead", "injured", "arrested", "abducted", "displaced", "evacuated", "casualties"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "oprd", "attr"})
QUANT_DEPS = frozenset({"nummod", "amod", "det", "quantmod", "compound", "advmod"})
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
IGNORE = "-"
LIST_WORDS = frozenset({"NUM", "NOUN", "PROPN", "ADJ", "ADP", "DET", "PUNCT", "CCONJ"})
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


@dataclass(frozen=True)
class Lexicon:
    """The count tables: number words by kind, units of nouns and verbs, person nouns."""

    numbers: dict[str, dict[str, float | None]]
    noun_units: dict[str, str]
    verb_units: dict[str, str]
    person_units: dict[str, str]
    intransitive_units: dict[str, str] = field(default_factory=dict)
    adjective_units: dict[str, str] = field(default_factory=dict)
    group_units: dict[str, str] = field(default_factory=dict)
    toll_units: dict[str, str] = field(default_factory=dict)

    def kinds(self, word: str) -> dict[str, float | None]:
        return self.numbers.get(word.lower(), {})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Tables from ``data/numbers.tsv`` and ``data/units.tsv`` (read once)."""
    numbers: dict[str, dict[str, float | None]] = {}
    for word, value, kind in read_tsv("numbers.tsv", 3):
        numbers.setdefault(word, {})[kind] = float(value) if value else None
    kinds = ("noun", "verb", "person", "intransitive", "adjective", "group", "toll")
    units: dict[str, dict[str, str]] = {kind: {} for kind in kinds}
    for word, unit, kind in read_tsv("units.tsv", 3):
        units[kind][word] = unit
    return Lexicon(numbers, *(units[kind] for kind in kinds))


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.counts``."""
    for doc in docs:
        if doc.parsed is not None:
            doc.counts = find_counts(doc)
        yield doc


def find_counts(doc: Document) -> list[Count]:
    """Every count in the document, in text order (rules in the module docstring)."""
    lex = lexicon()
    parsed = doc.parsed
    skipped = {i for ent in parsed.ents if ent.label_ in SKIP_ENTITIES for i in range(ent.start, ent.end)}
    sentence_of = {s.start: n for n, s in enumerate(parsed.sents)}
    found: list[tuple[int, Count]] = []
    counted_nouns: set[int] = set()
    local = next(iter(local_countries(doc)), None)
    for token in parsed:
        if token.i in skipped or not is_quantity_head(token, lex):
            continue
        count = gapped_count(doc, token, lex, found) or count_at(doc, token, lex)
        if count is not None:
            noun = _counted_noun(token, lex)
            soldiers = noun is not None and noun_unit(noun, lex) == "troops"
            found.append((token.i, _placed(local_side(count, local, soldiers), token, sentence_of)))
            counted_nouns.add(token.i if noun is None else noun.i)
    for token in parsed:
        if token.lemma_.lower() in lex.verb_units:
            single = single_victim(doc, token, lex, counted_nouns)
            if single is not None:
                found.append((token.i, _placed(local_side(single, local, False), token, sentence_of)))
    return [count for _, count in sorted(found, key=lambda pair: pair[0])]


def gapped_count(doc: Document, head: Any, lex: Lexicon, found: list[tuple[int, Count]]) -> Count | None:
    """A figure whose verb and noun are gapped ("Chile sent 300 engineers, Peru 150"): after a
    comma, a name and a bare number repeat the sentence's previous count for that name."""
    parsed = doc.parsed
    name = head.head if head.head.i != head.i else None
    if name is None or name.pos_ != "PROPN" or name.i != head.i - 1 or not is_numeric(head, lex):
        return None
    if name.i == 0 or parsed[name.i - 1].text not in {",", ";", "and"}:
        return None
    earlier = [(i, c) for i, c in found if head.sent.start <= i < head.i and c.number is not None]
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


def local_side(count: Count, local: str | None, soldiers: bool) -> Count:
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


def _placed(count: Count, token: Any, sentence_of: dict[int, int]) -> Count:
    count.sentence = token.sent.text
    count.sentence_index = sentence_of.get(token.sent.start, 0)
    return count


def is_numeric(token: Any, lex: Lexicon) -> bool:
    kinds = lex.kinds(token.text)
    return bool(DIGITS.match(token.text)) or "number" in kinds or "multiplier" in kinds


def is_quantity_head(token: Any, lex: Lexicon) -> bool:
    """A number or vague word that is not itself part of a bigger number ("2.5" in "2.5 million")."""
    kinds = lex.kinds(token.text)
    if not (is_numeric(token, lex) or "vague" in kinds or "vague-of" in kinds):
        return False
    head = token.head
    if (
        head.i != token.i
        and token.dep_ in QUANT_DEPS
        and (is_numeric(head, lex) or "vague" in lex.kinds(head.text))
    ):
        return False  # "2.5" of "2.5 million", "tens" of "tens of thousands": the head speaks
    return True


def count_at(doc: Document, head: Any, lex: Lexicon) -> Count | None:
    """The count whose quantity ends in ``head``, or None when it counts nothing useful."""
    phrase = [t for t in head.doc[head.left_edge.i : head.i + 1]]
    numeric = any(is_numeric(t, lex) for t in phrase) and not _vague_multiple(phrase, lex)
    if "vague-of" in lex.kinds(head.text) and not (_of_object(head) and _indefinite(head)):
        return None  # "a group of refugees" counts; "the number of personnel" does not
    if not_a_count(head, lex):
        return None
    victims = _partitive(head)
    if victims and _verb_unit(head, lex) is None and _verb_unit(_of_object(head), lex) is None:
        return None  # "one of the largest demonstrations"; "600 of the refugees died" counts
    noun = _strong_noun(head) or _counted_noun(head, lex)
    if noun is not None and is_name(noun, lex):
        return None  # "the two Sudans", "the Group of Seven"
    unit = find_unit(noun, head, lex)
    if unit is None or unit == IGNORE:
        return None
    if noun is None and unit not in VICTIM_UNITS and numeric:
        return None
    text_end = noun.i if noun is not None and noun.i > head.i else head.i
    return Count(
        number=parse_number([t.text for t in phrase], lex) if numeric else None,
        unit=unit,
        actor=find_owner(doc, noun or head, unit),
        sentence="",
        text=head.doc[phrase[0].i : text_end + 1].text,
        vague=not numeric,
        approximate=numeric and any("approx" in lex.kinds(t.text) or "vague" in lex.kinds(t.text) for t in phrase),
    )


def _vague_multiple(phrase: list[Any], lex: Lexicon) -> bool:
    """"several hundred", "a few thousand": a vague word times a multiplier names no number."""
    vague = any("vague" in lex.kinds(t.text) for t in phrase)
    exact = any(DIGITS.match(t.text) or "number" in lex.kinds(t.text) for t in phrase)
    return vague and not exact


def not_a_count(head: Any, lex: Lexicon) -> bool:
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


def is_name(noun: Any, lex: Lexicon) -> bool:
    """A counted noun that is a proper name ("the two Sudans", "the two Koreas"), not a
    nationality ("1,500 Palestinians") or a known unit."""
    if noun.pos_ != "PROPN" or noun_unit(noun, lex) is not None:
        return False
    if noun.tag_ == "NNPS" and noun.text.endswith("s") and _is_country_name(noun.text[:-1]):
        return True
    return noun.ent_type_ in {"GPE", "LOC"}


def _is_country_name(word: str) -> bool:
    return any(p.feature == "country" for p in gazetteer().candidates(word))


def _strong_noun(head: Any) -> Any | None:
    """The body an "N-strong" figure measures ("a 2,500-strong battalion" -> battalion)."""
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and doc[head.i + 2].lower_ == "strong":
        strong = doc[head.i + 2]
        return strong.head if strong.head.pos_ in {"NOUN", "PROPN"} else None
    return None


def _counted_noun(head: Any, lex: Lexicon) -> Any | None:
    """The noun a quantity counts: its head ("13 soldiers") or its "of" object ("thousands of ...")."""
    of_object = _of_object(head)
    if of_object is not None:
        return _counted_noun(of_object, lex) if lex.kinds(of_object.text) else of_object
    if head.dep_ in {"nummod", "amod", "det", "quantmod", "npadvmod", "compound"} and head.head.pos_ in {
        "NOUN",
        "PROPN",
        "ADJ",
    }:
        return head.head
    return None


def _indefinite(token: Any) -> bool:
    return any(c.lower_ in {"a", "an"} for c in token.children)


def _partitive(head: Any) -> bool:
    """A quantity of a definite set ("two of the ships") names a part, not a count."""
    of_object = _of_object(head)
    if of_object is None:
        return False
    return of_object.pos_ == "PRON" or any(
        c.dep_ in {"det", "poss"} and c.lower_ not in {"a", "an"} for c in of_object.children
    )


def _of_object(token: Any) -> Any | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def find_unit(noun: Any | None, head: Any, lex: Lexicon) -> str | None:
    """A governing verb of harm or custody decides first, then the noun (module docstring)."""
    anchor = noun if noun is not None else head
    verb_unit = _verb_unit(anchor, lex) or (_verb_unit(head, lex) if noun is not None else None)
    if verb_unit is not None:
        return verb_unit
    if noun is None:
        return None
    strong = _strong_noun(head)
    if strong is not None and strong.i == noun.i:
        return lex.group_units.get(noun.lemma_.lower()) or noun_unit(noun, lex) or "troops"
    unit = noun_unit(noun, lex)
    if unit is None and noun.ent_type_ == "NORP":
        return "people"  # "1,500 Palestinians turned out"
    if unit is None and "vague" in lex.kinds(head.text) and noun.i > head.i and not _of_object(head):
        return None  # "several options", "many times": vague words need a known unit
    return unit or noun.lemma_.lower()


def noun_unit(noun: Any, lex: Lexicon) -> str | None:
    """The table unit of a noun, two-word forms ("police officer") first."""
    compounds = [c for c in noun.children if c.dep_ in {"compound", "amod"}]
    for mod in compounds:
        unit = lex.noun_units.get(f"{mod.lemma_.lower()} {noun.lemma_.lower()}")
        if unit is not None:
            return unit
    return lex.noun_units.get(noun.lemma_.lower()) or lex.noun_units.get(noun.lower_)


def _verb_unit(anchor: Any, lex: Lexicon) -> str | None:
    """What happened to the counted, said by the words around them: a participle on the noun
    ("soldiers wounded in the clash"), a predicate adjective ("left 300 civilians dead", "190
    were dead"), an intransitive verb ("four sailors drowned"), then the governing verb."""
    participles = {**lex.intransitive_units, **lex.verb_units}
    for child in anchor.children:
        if child.dep_ in {"acl", "relcl", "amod"} and child.lemma_.lower() in participles:
            return participles[child.lemma_.lower()]
        if child.dep_ == "relcl":
            unit = lex.verb_units.get(child.lemma_.lower()) if child.tag_ == "VBN" else None
            if unit is not None:
                return unit
    head = anchor.head
    lemma = head.lemma_.lower()
    if anchor.dep_ == "dobj":
        predicate = next((c for c in head.children if c.dep_ in {"oprd", "acomp"}), None)
        if predicate is not None and predicate.lower_ in lex.adjective_units:
            return lex.adjective_units[predicate.lower_]
    toll = _toll_unit(anchor, lex)
    if toll is not None:
        return toll
    if anchor.dep_ == "attr" and lemma == "be":
        subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
        unit = noun_unit(subject, lex) if subject is not None else None
        if unit in VICTIM_UNITS:
            return unit  # "the dead are fourteen civilians, five soldiers and one guard"
    if anchor.dep_ == "nsubj":
        if lemma in lex.intransitive_units:
            return lex.intransitive_units[lemma]
        predicate = next((c for c in head.children if c.dep_ in {"acomp", "attr", "oprd"}), None)
        if lemma == "be" and predicate is not None and predicate.lower_ in lex.adjective_units:
            return lex.adjective_units[predicate.lower_]
        if head.tag_ == "VBN" and lemma in lex.verb_units and not any(c.dep_ == "dobj" for c in head.children):
            return lex.verb_units[lemma]  # "two were killed and more than 50 wounded"
    if anchor.dep_ in OBJECT_DEPS | {"conj"} and head.pos_ in {"VERB", "AUX"}:
        unit = lex.verb_units.get(lemma)
        if unit is not None and (anchor.dep_ != "conj" or head.dep_ in OBJECT_DEPS):
            return unit
    if anchor.dep_ in {"conj", "appos"} and head.dep_ in OBJECT_DEPS | {"nsubj", "conj", "appos"}:
        return _verb_unit(head, lex)
    return _closing_participle(anchor, lex)


def _closing_participle(anchor: Any, lex: Lexicon) -> str | None:
    """A participle right after a list names what befell every item in it ("150 soldiers, 95
    civilians and hundreds of rebels killed"), however the parser hung it: read on over the
    list's words (numbers, nouns, commas, "and", "of") to the first verb."""
    doc = anchor.doc
    listed = False
    for token in doc[anchor.right_edge.i + 1 : min(anchor.right_edge.i + 16, anchor.sent.end)]:
        if token.lower_ in {",", "and", "or"}:
            listed = True
        elif token.pos_ in {"VERB", "AUX"}:
            unit = lex.verb_units.get(token.lemma_.lower())
            objects = any(c.dep_ == "dobj" for c in token.children)
            return unit if listed and token.tag_ in {"VBN", "VBD"} and not objects else None
        elif token.pos_ not in LIST_WORDS:
            return None
    return None


def _toll_unit(anchor: Any, lex: Lexicon) -> str | None:
    """A figure a toll reaches ("the death toll rose to 50", "estimated tolls exceeded 100"):
    the toll's unit."""
    if anchor.pos_ != "NUM":
        return None
    verb = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
    if anchor.dep_ not in {"dobj", "pobj", "attr"} or verb.pos_ not in {"VERB", "AUX"}:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in lex.toll_units:
        return lex.toll_units[subject.lemma_.lower()]
    unit = noun_unit(subject, lex)
    return unit if unit in VICTIM_UNITS else None


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


def find_owner(doc: Document, noun: Any, unit: str) -> Actor | None:
    """Whose the counted things are (module docstring); None when nothing says.

    The places are tried in order and the first actor found is kept; when it has no
    country ("soldiers" -> military) the first later actor with one lends it, so that
    "a German team of 13 soldiers" is DEU military.
    """
    found = [a for token in _owner_tokens(noun, unit) for a in actors_for_token(doc, token)]
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


def _owner_tokens(noun: Any, unit: str) -> list[Any]:
    """Tokens whose actors may own the count, most telling first."""
    tokens = [noun]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "of"}:
            tokens += [c for c in child.children if c.dep_ == "pobj"]
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":
        tokens.append(noun.head.head)
    if unit not in VICTIM_UNITS and noun.dep_ in OBJECT_DEPS and noun.head.pos_ == "VERB":
        tokens += [c for c in noun.head.children if c.dep_ == "nsubj"]
    return tokens


def single_victim(doc: Document, verb: Any, lex: Lexicon, counted: set[int]) -> Count | None:
    """One victim of a casualty verb named without a number ("a journalist was killed")."""
    unit = lex.verb_units[verb.lemma_.lower()]
    if unit not in VICTIM_UNITS or verb.pos_ != "VERB":
        return None
    deps = {"dobj", "nsubjpass"} | ({"nsubj"} if unit == "dead" and verb.lemma_.lower() == "die" else set())
    for victim in (c for c in verb.children if c.dep_ in deps):
        if victim.i in counted or victim.tag_ not in {"NN", "NNP"} or not _is_person(victim, lex):
            continue
        if any(c.dep_ == "nummod" for c in victim.children):
            continue
        return Count(
            number=1,
            unit=unit,
            actor=actors_for_token(doc, victim)[0] if actors_for_token(doc, victim) else None,
            sentence="",
            text=doc.parsed[victim.left_edge.i : victim.i + 1].text,
        )
    return None


def _is_person(token: Any, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    return (
        token.ent_type_ == "PERSON" or lemma in lex.person_units or lex.noun_units.get(lemma) in PEOPLE_UNITS
    )
