"""Count units: what a counted figure is a number of (troops, dead, arrested, ships ...).

The count tables live here too: ``lexicon(resources)`` reads ``data/numbers.tsv``
(number words by kind: number, multiplier, vague, approx) and ``data/units.tsv``
(units of nouns, verbs, person nouns, intransitive verbs, predicate adjectives,
group nouns and tolls).  ``coding.attributes.counts`` finds the figures and asks
``find_unit`` what each one counts.

Units (``data/units.tsv``)
    A verb of harm or custody governing the counted noun decides the unit ("killed two
    soldiers" -> dead, "arresting 12" -> arrested), and so do a participle on the noun
    ("soldiers wounded in the clash"), a predicate adjective ("left 300 civilians dead"),
    an intransitive verb ("four sailors drowned" -> dead), an elliptic participle
    ("two were killed and 50 wounded"), an event noun ("the murders of four woodcutters"), an
    elliptic "as" clause ("90 were wounded, as were 17 soldiers"), the toll a figure reaches ("the death toll rose to
    50") and a participle closing a list ("150 soldiers, 95 civilians and hundreds of rebels
    killed"); "N-strong" reads its head ("a 2,500-strong battalion" -> troops); a
    nationality counts people; otherwise the noun does (soldiers, troops, personnel,
    marines -> troops; frigates, vessels -> ships; ...).  A crowd (people, a nationality,
    a noun not in the table) is protesters when it clashes, marches or throws stones, or a
    protest draws it, and a force's own when a force deploys it (``crowd_unit``); who lives
    somewhere is a population (``is_population``).  Nouns not in the table keep
    their lemma as the unit ("3,000 web sites" -> site); vague words such as "several",
    "many" and "some" are only kept before a noun in the table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sitrep.coding.attributes.gazetteer import gazetteer
from sitrep.coding.grammar import numbers as n
from sitrep.coding.grammar.arguments import is_direct_object, of_object
from sitrep.nlp.types import Token
from sitrep.resources import Resources

VICTIM_UNITS = frozenset({"dead", "injured", "arrested", "abducted", "displaced", "evacuated", "casualties"})
IGNORE = "-"  # the unit table's mark for nouns that are never counted
LIST_WORDS = frozenset({"NUM", "NOUN", "PROPN", "ADJ", "ADP", "DET", "PUNCT", "CCONJ"})
VERBAL = frozenset({"VERB", "AUX"})
UNIT_KINDS = (
    "noun", "verb", "person", "intransitive", "adjective", "group", "toll",
    "nominal", "protest", "draw", "deploy", "population", "rate", "period",
)
FORCE_UNITS = frozenset({"troops", "police", "fighters"})  # who may send men of their own


@dataclass(frozen=True)
class Lexicon:
    """The count tables: number words by kind, units of nouns and verbs, person nouns, and the
    gazetteer's country names (so that "the two Sudans" is a name, not a count)."""

    numbers: dict[str, dict[str, float | None]]
    noun_units: dict[str, str]
    verb_units: dict[str, str]
    person_units: dict[str, str]
    intransitive_units: dict[str, str] = field(default_factory=dict)
    adjective_units: dict[str, str] = field(default_factory=dict)
    group_units: dict[str, str] = field(default_factory=dict)
    toll_units: dict[str, str] = field(default_factory=dict)
    nominal_units: dict[str, str] = field(default_factory=dict)
    protest_words: frozenset[str] = frozenset()
    draw_verbs: frozenset[str] = frozenset()
    deploy_verbs: frozenset[str] = frozenset()
    population_verbs: frozenset[str] = frozenset()
    country_names: frozenset[str] = frozenset()
    rate_words: frozenset[str] = frozenset()  # "annually", "daily": a figure that recurs
    period_words: frozenset[str] = frozenset()  # "year", "day": "each year", "per day"

    def kinds(self, word: str) -> dict[str, float | None]:
        return self.numbers.get(word.lower(), {})


def lexicon(resources: Resources) -> Lexicon:
    """The count tables from ``data/numbers.tsv`` and ``data/units.tsv`` (a loader)."""
    numbers: dict[str, dict[str, float | None]] = {}
    for word, value, kind in resources.rows("numbers.tsv", 3):
        numbers.setdefault(word, {})[kind] = float(value) if value else None
    units: dict[str, dict[str, str]] = {kind: {} for kind in UNIT_KINDS}
    for word, unit, kind in resources.rows("units.tsv", 3, required=3):
        units[kind][word] = unit
    return Lexicon(
        numbers,
        noun_units=units["noun"],
        verb_units=units["verb"],
        person_units=units["person"],
        intransitive_units=units["intransitive"],
        adjective_units=units["adjective"],
        group_units=units["group"],
        toll_units=units["toll"],
        nominal_units=units["nominal"],
        protest_words=frozenset(units["protest"]),
        draw_verbs=frozenset(units["draw"]),
        deploy_verbs=frozenset(units["deploy"]),
        population_verbs=frozenset(units["population"]),
        country_names=resources.get(country_names),
        rate_words=frozenset(units["rate"]),
        period_words=frozenset(units["period"]),
    )


def country_names(resources: Resources) -> frozenset[str]:
    """Every gazetteer surface form one of whose meanings is a country (a loader)."""
    gaz = resources.get(gazetteer)
    return frozenset(
        name for name, places in gaz.by_name.items() if any(p.feature == "country" for p in places)
    )


def strong_noun(head: Token) -> Token | None:
    """The body an "N-strong" figure measures ("a 2,500-strong battalion" -> battalion)."""
    doc = head.doc
    if head.i + 2 < len(doc) and doc[head.i + 1].text == "-" and doc[head.i + 2].lower_ == "strong":
        strong = doc[head.i + 2]
        return strong.head if strong.head.pos_ in {"NOUN", "PROPN"} else None
    return None


def find_unit(noun: Token | None, head: Token, lex: Lexicon) -> str | None:
    """A governing verb of harm or custody decides first, then the noun (module docstring)."""
    anchor = noun if noun is not None else head
    if noun is not None and noun_unit(noun, lex) == IGNORE:
        return IGNORE  # never counted, whatever befell it ("the killing of 300,000 pigs")
    unit_of_verb = verb_unit(anchor, lex) or (verb_unit(head, lex) if noun is not None else None)
    if unit_of_verb is not None:
        return unit_of_verb
    if noun is None:
        return None
    strong = strong_noun(head)
    if strong is not None and strong.i == noun.i:
        return lex.group_units.get(noun.lemma_.lower()) or noun_unit(noun, lex) or "troops"
    unit = noun_unit(noun, lex)
    if unit is None or unit == "people":
        crowd = crowd_unit(noun, head, lex)
        if crowd is not None:
            return crowd
    if unit is None and noun.ent_type_ == "NORP":
        return "people"  # "1,500 Palestinians turned out"
    if unit is None and "vague" in lex.kinds(head.text) and noun.i > head.i and not of_object(head):
        return None  # "several options", "many times": vague words need a known unit
    return unit or noun.lemma_.lower()


def crowd_unit(noun: Token, head: Token, lex: Lexicon) -> str | None:
    """What a crowd of people (or of a nationality, or of a noun not in the table) is by what
    it does: protesters when it clashes, marches or throws stones ("hundreds of youths skirted
    the lines to confront the troops"), or when a protest draws it ("a rally drew 5,000
    people"); a force's own men when a force sends them ("police deployed large numbers of men")."""
    for token in dict.fromkeys((noun, head)):
        if n.is_active_subject(token):
            if any(v.lemma_.lower() in lex.protest_words for v in n.verbs_sharing_subject(token.head)):
                return "protesters"
        elif is_direct_object(token):
            unit = _object_crowd_unit(token.head, lex)
            if unit is not None:
                return unit
    return None


def _object_crowd_unit(verb: Token, lex: Lexicon) -> str | None:
    """The crowd a verb's object is: drawn by a protest, or sent by a force."""
    lemma = verb.lemma_.lower()
    subject = n.nominal_subject(verb)
    if lemma in lex.draw_verbs:
        drawers = [subject, of_object(subject) if subject is not None else None, n.relative_antecedent(verb)]
        if any(t is not None and t.lemma_.lower() in lex.protest_words for t in drawers):
            return "protesters"
    if lemma in lex.deploy_verbs and subject is not None:
        unit = noun_unit(subject, lex) or lex.group_units.get(subject.lemma_.lower())
        return unit if unit in FORCE_UNITS else None
    return None


def is_population(anchor: Token, lex: Lexicon) -> bool:
    """Whether the counted are who lives somewhere ("where 400 settlers live surrounded by
    120,000 Arabs"): a population, not a count."""
    if any(m.lemma_.lower() in lex.population_verbs for m in n.event_modifiers(anchor)):
        return True  # "70,000 people living on reservations"
    verb = n.clause_verb(anchor)
    if verb is None:
        return False
    return any(v.lemma_.lower() in lex.population_verbs for v in (verb, *n.verbal_children(verb)))


def noun_unit(noun: Token, lex: Lexicon) -> str | None:
    """The table unit of a noun, two-word forms ("police officer") first."""
    for mod in n.unit_modifiers(noun):
        unit = lex.noun_units.get(f"{mod.lemma_.lower()} {noun.lemma_.lower()}")
        if unit is not None:
            return unit
    return lex.noun_units.get(noun.lemma_.lower()) or lex.noun_units.get(noun.lower_)


def verb_unit(anchor: Token, lex: Lexicon) -> str | None:
    """What happened to the counted, said by the words around them, tried in this order: a
    participle on the noun, an event noun it is the "of" object of, the verb an elliptic "as"
    clause repeats, a predicate adjective of the object, the toll a figure reaches, a
    copula's victim subject, the subject's own verb or predicate, the governing verb; then
    the earlier item of a list the anchor continues, then a participle closing the list."""
    rules: tuple[Callable[[Token, Lexicon], str | None], ...] = (
        _modifier_unit,
        _nominal_unit,
        _elliptic_unit,
        _object_predicate_unit,
        _toll_unit,
        _copula_unit,
        _subject_unit,
        _governing_unit,
    )
    for rule in rules:
        unit = rule(anchor, lex)
        if unit is not None:
            return unit
    earlier = n.earlier_list_item(anchor)
    if earlier is not None:
        return verb_unit(earlier, lex)
    return _closing_participle(anchor, lex)


def _modifier_unit(anchor: Token, lex: Lexicon) -> str | None:
    """A participle or relative clause on the noun ("soldiers wounded in the clash", "rebels
    who were killed")."""
    participles = {**lex.intransitive_units, **lex.verb_units}
    for child in n.event_modifiers(anchor):
        if child.lemma_.lower() in participles:
            return participles[child.lemma_.lower()]
        if n.is_relative_clause(child):
            unit = lex.verb_units.get(child.lemma_.lower()) if child.tag_ == "VBN" else None
            if unit is not None:
                return unit
    return None


def _nominal_unit(anchor: Token, lex: Lexicon) -> str | None:
    """An event noun whose "of" object is the counted ("the murders of the four woodcutters")."""
    holder = n.of_holder(anchor)
    return lex.nominal_units.get(holder.lemma_.lower()) if holder is not None else None


def _elliptic_unit(anchor: Token, lex: Lexicon) -> str | None:
    """A figure in an elliptic "as" clause befalls what the clause repeats ("90 civilians were
    wounded, as were seventeen soldiers"): the unit of the repeated verb's own subject."""
    verb = n.elliptic_antecedent(anchor)
    subject = n.clause_subject(verb) if verb is not None else None
    if subject is None or subject.i == anchor.i:
        return None
    return verb_unit(subject, lex)


def _object_predicate_unit(anchor: Token, lex: Lexicon) -> str | None:
    """A predicate adjective of the counted object ("left 300 civilians dead")."""
    if not is_direct_object(anchor):
        return None
    predicate = n.object_predicate(anchor.head)
    if predicate is not None and predicate.lower_ in lex.adjective_units:
        return lex.adjective_units[predicate.lower_]
    return None


def _copula_unit(anchor: Token, lex: Lexicon) -> str | None:
    """The victims a copula's subject names ("the dead are fourteen civilians, five soldiers")."""
    if not n.is_attribute(anchor) or anchor.head.lemma_.lower() != "be":
        return None
    subject = n.nominal_subject(anchor.head)
    unit = noun_unit(subject, lex) if subject is not None else None
    return unit if unit in VICTIM_UNITS else None


def _subject_unit(anchor: Token, lex: Lexicon) -> str | None:
    """The counted as subject: of an intransitive, its own or one sharing its subject ("four
    sailors drowned", "80,000 refugees are ill after fleeing"), of a predicate
    adjective ("190 were dead"), of an elliptic participle ("two were killed and 50 wounded")."""
    if not n.is_active_subject(anchor):
        return None
    head = anchor.head
    lemma = head.lemma_.lower()
    if lemma in lex.intransitive_units:
        return lex.intransitive_units[lemma]
    for shared in n.verbs_sharing_subject(head)[1:]:  # "are ill after fleeing", "went on to die"
        if shared.lemma_.lower() in lex.intransitive_units:
            return lex.intransitive_units[shared.lemma_.lower()]
    predicate = n.subject_predicate(head)
    if lemma == "be" and predicate is not None and predicate.lower_ in lex.adjective_units:
        return lex.adjective_units[predicate.lower_]
    if head.tag_ == "VBN" and lemma in lex.verb_units and not n.has_direct_object(head):
        return lex.verb_units[lemma]
    return None


def _governing_unit(anchor: Token, lex: Lexicon) -> str | None:
    """The verb whose action falls on the counted ("killed two soldiers"); a conjunct only
    when what it is conjoined to sits in such a slot too."""
    head = anchor.head
    conjunct = n.is_conjunct(anchor)
    if not (n.is_counted_slot(anchor) or conjunct) or head.pos_ not in VERBAL:
        return None
    unit = lex.verb_units.get(head.lemma_.lower())
    if unit is not None and (not conjunct or n.is_counted_slot(head)):
        return unit
    return None


def _closing_participle(anchor: Token, lex: Lexicon) -> str | None:
    """A participle right after a list names what befell every item in it ("150 soldiers, 95
    civilians and hundreds of rebels killed"), however the parser hung it: read on over the
    list's words (numbers, nouns, commas, "and", "of") to the first verb."""
    doc = anchor.doc
    listed = n.is_conjunct(anchor)  # the last item of the list: "..., and hundreds of rebels killed"
    after = anchor.right_edge.i + 1
    for token in doc[after : after + 15]:
        if token.is_sent_start:
            return None  # the sentence ended (cheaper than finding ``anchor.sent`` first)
        if token.lower_ in {",", "and", "or"}:
            listed = True
        elif token.pos_ in VERBAL:
            unit = lex.verb_units.get(token.lemma_.lower())
            objects = n.has_direct_object(token)
            return unit if listed and token.tag_ in {"VBN", "VBD"} and not objects else None
        elif token.pos_ not in LIST_WORDS:
            return None
    return None


def _toll_unit(anchor: Token, lex: Lexicon) -> str | None:
    """A figure a toll reaches ("the death toll rose to 50", "estimated tolls exceeded 100"):
    the toll's unit."""
    if anchor.pos_ != "NUM":
        return None
    verb = n.figure_verb(anchor)
    subject = n.nominal_subject(verb) if verb is not None else None
    if subject is None:
        return None
    if subject.lemma_.lower() in lex.toll_units:
        return lex.toll_units[subject.lemma_.lower()]
    unit = noun_unit(subject, lex)
    return unit if unit in VICTIM_UNITS else None
