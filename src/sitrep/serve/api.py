"""The REST API and the dashboard page: ``create_app(settings) -> FastAPI``.

The store is opened once, read-only; each request works on its own cursor
(DuckDB connections are not shared between threads).  Every list endpoint
takes the same filter parameters, pages with ``limit``/``offset`` (at most
``MAX_LIMIT`` rows), and answers JSON, or CSV with ``?format=csv`` or
``Accept: text/csv``.  A bad parameter is a 422 with a message.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from typing import Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import FileResponse, JSONResponse, Response

from sitrep.errors import ConfigError
from sitrep.serve import queries, stories
from sitrep.serve.queries import ApiFilter
from sitrep.settings import Settings

MAX_LIMIT = 1000
ACTOR_KEY = r"^[A-Za-z0-9]{2,}$"
DYAD = r"^[A-Za-z0-9]{2,}-[A-Za-z0-9]{2,}$"
# The dashboard loads only its own files; even a markup slip could run no script.
DASHBOARD_CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'"
)


def static_dir() -> Any:
    """The packaged dashboard files (index.html, app.js, app.css, world.json)."""
    return resources.files("sitrep.serve") / "static"


def create_app(settings: Settings) -> FastAPI:
    """The API over ``settings.db_path``, opened read-only (a missing store raises StoreError now)."""
    from fastapi_offline import FastAPIOffline
    from fastapi.staticfiles import StaticFiles

    import duckdb

    from sitrep.errors import StoreError
    from sitrep.serve.server import StoreReader, store_error_response

    store = StoreReader(settings.db_path)  # no connection is kept: see StoreReader

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> Any:
        yield

    # FastAPIOffline serves the /docs and /redoc pages from packaged files, not from a CDN.
    app = FastAPIOffline(
        title="sitrep",
        description="Coded news events, actors, places, quotes and stances from a sitrep store.",
        version="1",
        lifespan=lifespan,
    )
    app.state.store = store
    app.add_exception_handler(ConfigError, _config_error)
    app.add_exception_handler(StoreError, store_error_response)
    app.add_exception_handler(duckdb.Error, store_error_response)
    app.middleware("http")(_security_headers)
    app.mount("/static", StaticFiles(directory=str(static_dir())), name="static")
    app.get("/", include_in_schema=False)(_index)
    _add_routes(app)
    app.include_router(stories.router)
    return app


def _index() -> FileResponse:
    return FileResponse(str(static_dir() / "index.html"), media_type="text/html")


async def _config_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=422)


async def _security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
    response = await call_next(request)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if request.url.path == "/" or request.url.path.startswith("/static/"):
        response.headers["Content-Security-Policy"] = DASHBOARD_CSP
    return response


def cursor(request: Request) -> Iterator[Any]:
    """A short read-only connection for this request only (closed after it, freeing the store)."""
    with request.app.state.store.connection() as con:
        yield con


def event_filter(
    actor: str | None = Query(None, max_length=100, description="Actor code, country, org or name, either side."),
    event_type: str | None = Query(
        None, alias="type", max_length=20, description="CAMEO code prefix (12, 061) or PLOVER type."
    ),
    since: date | None = Query(None, description="First day, YYYY-MM-DD."),
    until: date | None = Query(None, description="Last day, YYYY-MM-DD."),
    doc_id: str | None = Query(None, max_length=500),
    source_country: str | None = Query(None, pattern=ACTOR_KEY, description="Source actor code or country."),
    target_country: str | None = Query(None, pattern=ACTOR_KEY, description="Target actor code or country."),
    dyad: str | None = Query(None, pattern=DYAD, description="SOURCE-TARGET, codes or countries: USA-DNK."),
    quad_class: int | None = Query(None, ge=1, le=4),
    min_lat: float | None = Query(None, ge=-90, le=90),
    min_lon: float | None = Query(None, ge=-180, le=180),
    max_lat: float | None = Query(None, ge=-90, le=90),
    max_lon: float | None = Query(None, ge=-180, le=180),
    q: str | None = Query(None, max_length=200, description="Text to find in the event's sentence."),
    negated: bool | None = Query(None, description="Only negated (true) or only affirmed (false) events."),
) -> ApiFilter:
    """The filter every list endpoint shares; inconsistent values are a 422."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    if dyad and (source_country or target_country):
        raise HTTPException(422, "give either dyad or source_country/target_country, not both")
    source, target = dyad.split("-") if dyad else (source_country, target_country)
    flt = ApiFilter(
        actor=actor or None,
        event_type=event_type or None,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        doc_id=doc_id,
        source=source,
        target=target,
        quad_class=quad_class,
        bbox=_bbox(min_lat, min_lon, max_lat, max_lon),
        text=q or None,
        negated=negated,
    )
    flt.conditions()  # raises ConfigError (a 422) for an unknown event type
    return flt


def _bbox(*values: float | None) -> tuple[float, float, float, float] | None:
    if all(v is None for v in values):
        return None
    if any(v is None for v in values):
        raise HTTPException(422, "a bounding box needs all of min_lat, min_lon, max_lat, max_lon")
    min_lat, min_lon, max_lat, max_lon = values  # type: ignore[misc]
    if min_lat > max_lat:  # type: ignore[operator]
        raise HTTPException(422, f"min_lat ({min_lat}) is above max_lat ({max_lat})")
    return min_lat, min_lon, max_lat, max_lon  # type: ignore[return-value]


class Paging:
    """``limit`` (1..MAX_LIMIT) and ``offset``; past the hard limit is a 422."""

    def __init__(
        self,
        limit: int = Query(100, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}."),
        offset: int = Query(0, ge=0),
    ) -> None:
        self.limit = limit
        self.offset = offset


def wants_csv(request: Request, fmt: Literal["json", "csv"] | None = Query(None, alias="format")) -> bool:
    """CSV when asked with ?format=csv or an Accept header naming text/csv."""
    if fmt is not None:
        return fmt == "csv"
    return "text/csv" in request.headers.get("accept", "")


def respond(result: dict[str, Any], as_csv: bool, name: str) -> Response:
    """A page as JSON (with total, limit, offset) or its rows as CSV (total in a header)."""
    if not as_csv:
        return JSONResponse(jsonable_encoder(result))
    return Response(
        to_csv(result["items"]),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}.csv"', "X-Total-Count": str(result["total"])},
    )


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text: ISO dates, empty cells for nulls."""
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return out.getvalue()


class ListRequest:
    """What every list endpoint takes: the filter, the page, the format and a cursor."""

    def __init__(
        self,
        flt: ApiFilter = Depends(event_filter),
        paging: Paging = Depends(),
        as_csv: bool = Depends(wants_csv),
        con: Any = Depends(cursor),
    ) -> None:
        self.flt, self.paging, self.as_csv, self.con = flt, paging, as_csv, con

    def answer(self, name: str, query: Callable[..., dict[str, Any]], **options: Any) -> Response:
        """Run one of the ``queries`` functions for this request and format its page."""
        result = query(self.con, self.flt, self.paging.limit, self.paging.offset, **options)
        return respond(result, self.as_csv, name)


def _add_routes(app: FastAPI) -> None:
    @app.get("/api/events", summary="Events matching the filter")
    def get_events(
        sort: Literal["date", "-date", "goldstein", "-goldstein"] = "date", req: ListRequest = Depends()
    ) -> Response:
        return req.answer("events", queries.events, sort=sort)

    @app.get("/api/actors", summary="Actors: mentions and events as source or target")
    def get_actors(req: ListRequest = Depends()) -> Response:
        return req.answer("actors", queries.actors)

    @app.get("/api/dyads", summary="Event counts and Goldstein sums per actor pair and day")
    def get_dyads(per: Literal["day", "total"] = "day", req: ListRequest = Depends()) -> Response:
        return req.answer("dyads", queries.dyads, per_day=per == "day")

    @app.get("/api/timeline", summary="Events per day (or week, month) and quad class, with Goldstein sums")
    def get_timeline(bucket: Literal["day", "week", "month"] = "day", req: ListRequest = Depends()) -> Response:
        return req.answer("timeline", queries.timeline, bucket=bucket)

    @app.get("/api/quotes", summary="Quotes with their speakers")
    def get_quotes(req: ListRequest = Depends()) -> Response:
        return req.answer("quotes", queries.quotes)

    @app.get("/api/stances", summary="Positions of actors on each issue")
    def get_stances(issue: str | None = Query(None, max_length=200), req: ListRequest = Depends()) -> Response:
        return req.answer("stances", queries.stances, issue=issue)

    @app.get("/api/locations", summary="Places mentioned and places of events")
    def get_locations(req: ListRequest = Depends()) -> Response:
        return req.answer("locations", queries.locations)

    @app.get("/api/overview", summary="Store-wide counts, date range, and the values filters can take")
    def get_overview(con: Any = Depends(cursor)) -> JSONResponse:
        return JSONResponse(jsonable_encoder(queries.overview(con)))

    @app.get("/api/documents/{doc_id:path}", summary="A document: text, sentences and all its coded records")
    def get_document(doc_id: str, con: Any = Depends(cursor)) -> JSONResponse:
        found = queries.document(con, doc_id)
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return JSONResponse(jsonable_encoder(found))
