"""``/api/stories`` and ``/api/stories/{id}``: stories (store/stories.py) and the reports behind each.

A router of its own, included by ``serve/api.py``, so the story endpoints stay
apart from the event endpoints they resemble.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from duckdb import DuckDBPyConnection
from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from sitrep.serve.params import cursor, respond
from sitrep.store.filters import EventFilter, one
from sitrep.store.stories import StoryFilter, query_stories, story_detail

router = APIRouter()


def story_filter(
    actor: str | None = Query(None, max_length=100, description="Actor code, country, org or name."),
    event_type: str | None = Query(None, alias="type", max_length=20, description="CAMEO prefix or PLOVER."),
    since: date | None = Query(None, description="Stories still reported on or after this day."),
    until: date | None = Query(None, description="Stories begun on or before this day."),
    min_articles: int = Query(1, ge=1, description="Only stories with at least this many articles."),
) -> StoryFilter:
    """The filter of the story list; since after until is a 422."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    events = EventFilter(
        actors=one(actor),
        event_types=one(event_type),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
    )
    flt = StoryFilter(events, min_articles=min_articles)
    flt.where()  # an unknown event type is a ConfigError, which the app answers with a 422
    return flt


def wants_csv(fmt: Literal["json", "csv"] | None = Query(None, alias="format")) -> bool:
    return fmt == "csv"


@router.get(
    "/api/stories",
    summary="Stories: the events of all articles on one happening, most reported first",
)
def get_stories(
    flt: StoryFilter = Depends(story_filter),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
    as_csv: bool = Depends(wants_csv),
    con: DuckDBPyConnection = Depends(cursor),
) -> Response:
    items, total = query_stories(con, flt, limit=limit, offset=offset)
    return respond({"items": items, "total": total, "limit": limit, "offset": offset}, as_csv, "stories")


@router.get("/api/stories/{story_id}", summary="A story with its events and every report behind it")
def get_story(story_id: str, con: DuckDBPyConnection = Depends(cursor)) -> JSONResponse:
    found = story_detail(con, story_id)
    if found is None:
        raise HTTPException(404, f"no story with id {story_id!r}")
    return JSONResponse(jsonable_encoder(found))
