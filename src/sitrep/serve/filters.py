"""What the API asks of a filter beyond the store's: event types that are real CAMEO codes.

The filter itself, and the SQL it becomes, is the store's one event filter
(store/filters.py), shared with ``sitrep events`` and the stories.  The API is
stricter about event types than the command line: a CAMEO-looking type that is
no CAMEO code ("99") is refused with a 422 here, where ``sitrep events`` and
the story list simply find nothing.
"""

from __future__ import annotations

from sitrep.coding.cameo import is_code
from sitrep.errors import ConfigError
from sitrep.resources import Resources
from sitrep.store.filters import EventFilter, type_condition


def check_event_types(flt: EventFilter, resources: Resources) -> None:
    """A ConfigError (a 422) for the first event type that is not a PLOVER type or a known CAMEO code."""
    for event_type in flt.event_types:
        check_event_type(event_type, resources)


def check_event_type(event_type: str, resources: Resources) -> None:
    """A known CAMEO code (prefix) passes here; anything else is judged by the store's ``type_condition``."""
    value = event_type.strip()
    if value.isdigit() and 2 <= len(value) <= 4:
        if not is_code(value, resources):
            raise ConfigError(f"event type {event_type!r} is not a CAMEO code (roots are 01..20, e.g. 12, 061)")
    type_condition(event_type)
