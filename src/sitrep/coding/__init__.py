"""Coding: actors, events, places, dates, counts, quotes and stances from parsed text.

The stages live in four groups, in the order they run: ``actors`` (who),
``events`` (what happened), ``attributes`` (where, when, how many) and
``speech`` (who said what, who stands where), plus ``summary``.  They share two
things: ``grammar``, the one layer that reads the dependency parse, and
``cameo``, the event ontology read from ``data/``.  Every table comes from the
``Resources`` a stage is given (``sitrep.resources``), never from a module global.
"""
