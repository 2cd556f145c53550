"""Where an unaimed act lands: the target of a force or aid event that names nobody.

A careful coder does not leave "Bosnian Serb forces overran *it*", "a Kabul car
bombing killed five" or "the African Union has deployed a peacekeeping force"
without a target: an act of force or of aid that names no one it is done to is
done to the country where it happens.  This stage runs after ``places`` and, for
each event of the ``theatre`` code set (``data/cameo_sets.tsv``) that the events
stage left without a target, takes as its target, in this order:

1. the country of a place the act is done to: its object or passive subject ("overran
   Srebrenica", "*Kabul* was shelled"), an "on/against/into" place ("an assault on
   Ghazni"), a place naming a noun trigger ("a *Kabul* car bombing"), the subject of "*X*
   was the target of an attack", or an object "it" standing for the nearest place
   named before it in the sentence ("went missing from Srebrenica after forces overran *it*");
2. the country of the event's own place (``event.location``: "airstrikes *near Ain Issa*");
3. the country the article is about (``article_countries.main_country``), unless that
   country is itself the source ("Norway sent troops" says nothing of where they went).

The target is an actor of that country with no agent or organisation; its text is
the place's words when the sentence names it, else empty (the article said it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from sitrep.coding.actors.article_countries import main_country
from sitrep.coding.attributes.gazetteer import Gazetteer, gazetteer
from sitrep.coding.attributes.places import find_places
from sitrep.coding.attributes.placenames import PlaceMention
from sitrep.coding.cameo import CodeSet, code_sets
from sitrep.coding.events.found import home_country
from sitrep.coding.grammar import adjuncts as adj
from sitrep.coding.grammar.arguments import struck_words
from sitrep.models import Actor, Document, Event
from sitrep.nlp.types import Span, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

PRONOUNS = frozenset({"it"})  # an object that may stand for a place named before it


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Give each unaimed force or aid event the country where it lands."""
    gaz = resources.get(gazetteer)
    theatre = resources.get(code_sets).theatre
    for doc in docs:
        if doc.parsed is not None and any(unaimed(e, theatre) for e in doc.events):
            aim_events(doc, gaz, theatre)
        yield doc


def unaimed(event: Event, theatre: CodeSet) -> bool:
    """An asserted act of force or aid with no target."""
    return event.target is None and not event.negated and theatre.has(event.cameo)


def aim_events(doc: Document, gaz: Gazetteer, theatre: CodeSet) -> None:
    """Write the target of every unaimed event of ``doc`` (``find_theatre``)."""
    assert doc.parsed is not None
    sentences = list(doc.parsed.sents)
    places = find_places(doc, gaz)
    main = main_country(doc.parsed, doc.mentions)
    for event in doc.events:
        if unaimed(event, theatre) and 0 <= event.sentence_index < len(sentences):
            event.target = find_theatre(sentences[event.sentence_index], event, places, main)


def find_theatre(sentence: Span, event: Event, places: Sequence[PlaceMention], main: str | None) -> Actor | None:
    """The actor an unaimed event lands on, by the ranking in the module docstring."""
    trigger = adj.trigger_token(sentence, event.trigger)
    struck = struck_place(trigger, [p for p in places if sentence.start <= p.start < sentence.end])
    if struck is not None and struck.place is not None and struck.place.country:
        return country_actor(struck.place.country, struck.surface)
    if event.location is not None and event.location.country:
        return country_actor(event.location.country, "")
    if main is None or event.source.code == main:
        return None  # "Norway sent troops": the country itself acting says nothing of where
    return country_actor(main, "")


def struck_place(trigger: Token, places: Sequence[PlaceMention]) -> PlaceMention | None:
    """The place the act is done to, if one of the words that may name it is a place."""
    by_root = {adj.place_name_root(trigger.doc[p.start : p.end].root).i: p for p in places}
    for word in struck_words(trigger):
        if word.i in by_root:
            return by_root[word.i]
        if word.lower_ in PRONOUNS:
            before = [p for p in places if p.end <= word.i and p.place is not None]
            if before:
                return before[-1]
    return None


def country_actor(country: str, text: str) -> Actor:
    """The country an act lands on, as an actor with no agent or organisation: the implicit
    side ``found.home_country``, with the place's words when the sentence names it."""
    side = home_country(country)
    return replace(side, text=text, name=text) if text else side
