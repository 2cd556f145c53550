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
    "killed the deputy chief") counts one.

Units (``data/units.tsv``)
    A verb of harm or custody governing the counted noun decides the unit ("killed two
    soldiers" -> dead, "arresting 12" -> arrested); otherwise the noun does (soldiers,
    troops, personnel, marines -> troops; frigates, vessels -> ships; ...).  Nouns not
    in the table keep their lemma as the unit ("3,000 web sites" -> site); vague words
    such as "several", "many" and "some" are only kept before a noun in the table.

Vague and approximate numbers
    Vague quantities ("several officers", "thousands of protesters", "dozens") get
    ``number`` null and ``vague`` true; the words stay in ``text``.  A null keeps sums
    honest: no invented lower bound is ever added into a total.  Numbers with a hedge
    ("about", "at least", "more than", "up to", "nearly") get ``approximate`` true.

Owner
    The actor of the counted noun's own modifiers ("13 German soldiers", "one U.S.
    soldier"), else of a "from"/"of" phrase ("troops from the United Kingdom", "a
    German team of 13 soldiers"), else -- except for victims (dead, injured, arrested,
    ...), who do not belong to whoever harmed them -- the subject of the governing verb
    ("Germany sent 13 soldiers").
"""

from __future__ import annotations

import math

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sitrep.coding.actors import actors_for_token
from sitrep.coding.tsv import read_tsv
from sitrep.models import Actor, Count, Document
from sitrep.settings import Settings

SKIP_ENTITIES = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
VICTIM_UNITS = frozenset({"dead", "injured", "arrested", "abducted", "displaced", "evacuated", "casualties"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "oprd", "attr"})
QUANT_DEPS = frozenset({"nummod", "amod", "det", "quantmod", "compound", "advmod"})
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+(\.\d+)?$")
IGNORE = "-"
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

    def kinds(self, word: str) -> dict[str, float | None]:
        return self.numbers.get(word.lower(), {})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Tables from ``data/numbers.tsv`` and ``data/units.tsv`` (read once)."""
    numbers: dict[str, dict[str, float | None]] = {}
    for word, value, kind in read_tsv("numbers.tsv", 3):
        numbers.setdefault(word, {})[kind] = float(value) if value else None
    units: dict[str, dict[str, str]] = {"noun": {}, "verb": {}, "person": {}}
    for word, unit, kind in read_tsv("units.tsv", 3):
        units[kind][word] = unit
    return Lexicon(numbers, units["noun"], units["verb"], units["person"])


def process(docs: Iterable[Document], settings: Settings) -> Iterator[Document]:
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
    for token in parsed:
        if token.i in skipped or not is_quantity_head(token, lex):
            continue
        count = count_at(doc, token, lex)
        if count is not None:
            found.append((token.i, _placed(count, token, sentence_of)))
            noun = _counted_noun(token, lex)
            counted_nouns.add(token.i if noun is None else noun.i)
    for token in parsed:
        if token.lemma_.lower() in lex.verb_units:
            single = single_victim(doc, token, lex, counted_nouns)
            if single is not None:
                found.append((token.i, _placed(single, token, sentence_of)))
    return [count for _, count in sorted(found, key=lambda pair: pair[0])]


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
    vague = not any(is_numeric(t, lex) for t in phrase) or any("vague" in lex.kinds(t.text) for t in phrase)
    if "vague-of" in lex.kinds(head.text) and not (_of_object(head) and _indefinite(head)):
        return None  # "a group of refugees" counts; "the number of personnel" does not
    if _partitive(head):
        return None  # "one of the largest demonstrations", "several of those efforts"
    noun = _counted_noun(head, lex)
    unit = find_unit(noun, head, lex)
    if unit is None or unit == IGNORE:
        return None
    if noun is None and unit not in VICTIM_UNITS and not vague:
        return None
    text_end = noun.i if noun is not None and noun.i > head.i else head.i
    return Count(
        number=None if vague else parse_number([t.text for t in phrase], lex),
        unit=unit,
        actor=find_owner(doc, noun or head, unit),
        sentence="",
        text=head.doc[phrase[0].i : text_end + 1].text,
        vague=vague,
        approximate=any("approx" in lex.kinds(t.text) for t in phrase) and not vague,
    )


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
    verb_unit = _verb_unit(anchor, lex)
    if verb_unit is not None:
        return verb_unit
    if noun is None:
        return None
    unit = noun_unit(noun, lex)
    if unit is None and "vague" in lex.kinds(head.text) and noun.i > head.i and not _of_object(head):
        return None  # "several options", "many times": vague words need a known unit
    return unit or noun.lemma_.lower()


def noun_unit(noun: Any, lex: Lexicon) -> str | None:
    """The table unit of a noun, two-word forms ("police officer") first."""
    compounds = [c for c in noun.children if c.dep_ == "compound"]
    for mod in compounds:
        unit = lex.noun_units.get(f"{mod.lemma_.lower()} {noun.lemma_.lower()}")
        if unit is not None:
            return unit
    return lex.noun_units.get(noun.lemma_.lower()) or lex.noun_units.get(noun.lower_)


def _verb_unit(anchor: Any, lex: Lexicon) -> str | None:
    if anchor.dep_ in OBJECT_DEPS | {"conj"} and anchor.head.pos_ in {"VERB", "AUX"}:
        unit = lex.verb_units.get(anchor.head.lemma_.lower())
        if unit is not None and (anchor.dep_ != "conj" or anchor.head.dep_ in OBJECT_DEPS):
            return unit
    if anchor.dep_ == "nsubj" and anchor.head.lemma_.lower() == "die":
        return "dead"
    for child in anchor.children:
        if child.dep_ in {"acl", "relcl", "amod"} and child.lemma_.lower() in lex.verb_units:
            return lex.verb_units[child.lemma_.lower()]
    return None


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
