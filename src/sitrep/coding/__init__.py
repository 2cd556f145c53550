"""Coding: actors, events, places, dates, counts, quotes and stances from parsed text."""
