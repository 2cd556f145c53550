"""The REST API and the dashboard page: ``create_app(settings) -> FastAPI``.

The store is opened once, read-only; each request works on its own cursor
(DuckDB connections are not shared between threads).  Every list endpoint
takes the same filter parameters (``params.py``), pages with
``limit``/``offset`` (at most ``MAX_LIMIT`` rows), and answers JSON, or CSV
with ``?format=csv`` or ``Accept: text/csv``; ``/api/export/{table}``
streams the whole filtered view.  A bad parameter is a 422 with a message.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import PurePath
from typing import Any, Literal

import duckdb
from duckdb import DuckDBPyConnection
from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from sitrep.errors import ConfigError, StoreError
from sitrep.serve import queries, stories
from sitrep.serve.export import EXPORT_TABLES, export_response
from sitrep.serve.guard import Guard, allowed_hosts
from sitrep.serve.labels import Labels
from sitrep.serve.params import MAX_LIMIT, ListRequest, cursor, event_filter, labels, new_cursor, respond
from sitrep.serve.reader import StoreReader, store_error_response
from sitrep.resources import Resources
from sitrep.settings import Settings
from sitrep.store.filters import RULE, EventFilter

__all__ = ["MAX_LIMIT", "create_app", "static_dir"]

ACTOR_CODE = r"^[A-Za-z0-9]{2,40}$"


def static_dir() -> Any:
    """The packaged dashboard files (index.html, app.js, app.css, world.json)."""
    return resources.files("sitrep.serve") / "static"


def create_app(settings: Settings, host: str | None = None, host_names: Iterable[str] = ()) -> FastAPI:
    """The API over ``settings.db_path``, opened read-only (a missing store raises StoreError now).

    Requests are answered only for loopback names, ``host`` (the bound address)
    and ``host_names``.
    """
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
    app.state.resources = Resources()  # the tables the labels are built from, once per app
    with store.connection() as con:
        app.state.precision_column = queries.has_column(con, "events", "date_precision")
    app.add_exception_handler(ConfigError, _config_error)
    app.add_exception_handler(StoreError, store_error_response)
    app.add_exception_handler(duckdb.Error, store_error_response)
    app.add_middleware(Guard, hosts=allowed_hosts(host, host_names))
    app.mount("/static", StaticFiles(directory=str(static_dir())), name="static")
    app.get("/", include_in_schema=False)(_index)
    _add_list_routes(app)
    _add_item_routes(app)
    app.include_router(stories.router)
    return app


def _index() -> FileResponse:
    return FileResponse(str(static_dir() / "index.html"), media_type="text/html")


async def _config_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=422)


def _add_list_routes(app: FastAPI) -> None:
    """The filtered lists, in the order the API docs show them."""
    _add_event_routes(app)
    _add_record_routes(app)
    _add_facet_and_export_routes(app)


def _add_event_routes(app: FastAPI) -> None:
    """Events and what is counted over them: actors, dyads, the timeline."""

    @app.get("/api/events", summary="Events matching the filter")
    def get_events(
        sort: Literal[tuple(queries.EVENT_SORTS)] = "date",  # type: ignore[valid-type]  # built from the table at run time for FastAPI
        req: ListRequest = Depends(),
    ) -> Response:
        result = req.page(queries.events_view(req.flt, sort))
        if not req.as_csv:
            req.labels.label_rows(result["items"], "source_", "target_")
        return respond(result, req.as_csv, "events")

    @app.get("/api/actors", summary="Actors: their own name, mentions and events as source or target")
    def get_actors(req: ListRequest = Depends()) -> Response:
        result = req.page(queries.actors_view(req.flt))
        req.labels.label_rows(result["items"], "")
        return respond(result, req.as_csv, "actors")

    @app.get("/api/dyads", summary="Event counts and Goldstein sums per actor pair and day")
    def get_dyads(per: Literal["day", "total"] = "day", req: ListRequest = Depends()) -> Response:
        result = req.page(queries.dyads_view(req.flt, per == "day"))
        req.labels.label_rows(result["items"], "source_", "target_")
        return respond(result, req.as_csv, "dyads")

    @app.get("/api/timeline", summary="Events per period and quad class, with Goldstein sums")
    def get_timeline(
        bucket: Literal["day", "week", "month", "year", "auto"] = "day", req: ListRequest = Depends()
    ) -> Response:
        chosen = queries.auto_bucket(req.con, req.flt) if bucket == "auto" else bucket
        result = req.page(queries.timeline_view(req.flt, chosen))
        if req.as_csv:
            return respond(result, True, "timeline")
        result["bucket"] = chosen
        result["left_out"] = queries.left_out(req.con, req.flt)
        result["rule"] = RULE
        return JSONResponse(jsonable_encoder(result))


def _add_record_routes(app: FastAPI) -> None:
    """The other coded records (quotes, stances, figures, places) and the documents."""

    @app.get("/api/quotes", summary="Quotes with their speakers (under event filters: from the events' sentences)")
    def get_quotes(req: ListRequest = Depends()) -> Response:
        result = req.page(queries.quotes_view(req.flt))
        req.labels.label_rows(result["items"], "speaker_")
        return respond(result, req.as_csv, "quotes")

    @app.get("/api/stances", summary="Positions of actors on each issue")
    def get_stances(issue: str | None = Query(None, max_length=200), req: ListRequest = Depends()) -> Response:
        result = req.page(queries.stances_view(req.flt, issue))
        req.labels.label_rows(result["items"], "actor_")
        return respond(result, req.as_csv, "stances")

    @app.get("/api/counts", summary="Figures: troops sent, dead, injured, arrested... with the sentence behind each")
    def get_counts(unit: str | None = Query(None, max_length=40), req: ListRequest = Depends()) -> Response:
        result = req.page(queries.counts_view(req.flt, unit))
        req.labels.label_rows(result["items"], "actor_")
        if req.as_csv:
            return respond(result, True, "counts")
        result["totals"] = queries.count_totals(req.con, req.flt)
        return JSONResponse(jsonable_encoder(result))

    @app.get("/api/locations", summary="Places mentioned and places of events")
    def get_locations(req: ListRequest = Depends()) -> Response:
        result = req.page(queries.locations_view(req.flt))
        if req.as_csv:
            return respond(result, True, "locations")
        result["unplaced"] = queries.unplaced(req.con, req.flt)
        return JSONResponse(jsonable_encoder(result))

    @app.get("/api/documents", summary="Documents holding matching events; q searches their full text")
    def get_documents(req: ListRequest = Depends()) -> Response:
        result = req.page(queries.documents_view(req.flt))
        return respond(result, req.as_csv, "documents")


def _add_facet_and_export_routes(app: FastAPI) -> None:
    """Facet counts for the filter panel, and whole views streamed as files."""

    @app.get("/api/facets", summary="Event counts per value of type, source, target, place country, quad class")
    def get_facets(
        top: int = Query(12, ge=1, le=100), flt: EventFilter = Depends(event_filter),
        con: DuckDBPyConnection = Depends(cursor), names: Labels = Depends(labels),
    ) -> JSONResponse:
        found = queries.facets(con, flt, top)
        for name in ("source", "target"):
            for row in found[name]:
                row["label"] = names.code_label(row["value"]) or row["value"]
        return JSONResponse(jsonable_encoder(found))

    @app.get("/api/export/{table}", summary="The whole filtered view, streamed: CSV, Parquet, or GDELT TSV (events)")
    def get_export(
        request: Request,
        table: Literal[EXPORT_TABLES],  # type: ignore[valid-type]  # built from the table at run time for FastAPI
        fmt: Literal["csv", "parquet", "gdelt"] = Query("csv", alias="format"),
        flt: EventFilter = Depends(event_filter),
    ) -> Response:
        if fmt == "gdelt" and table != "events":
            raise HTTPException(422, "format=gdelt is for events only")
        con = new_cursor(request.app)
        try:
            return export_response(con, table, fmt, flt)
        except Exception:
            con.close()
            raise


def _add_item_routes(app: FastAPI) -> None:
    @app.get("/api/overview", summary="Store-wide counts, date range, and the values filters can take")
    def get_overview(con: DuckDBPyConnection = Depends(cursor)) -> JSONResponse:
        return JSONResponse(jsonable_encoder({**queries.overview(con), "rule": RULE}))

    @app.get("/api/actors/{code}", summary="One actor: its name, the people under its code, partners, figures")
    def get_actor(
        code: str = Path(..., pattern=ACTOR_CODE),
        flt: EventFilter = Depends(event_filter),
        con: DuckDBPyConnection = Depends(cursor),
        names: Labels = Depends(labels),
    ) -> JSONResponse:
        return JSONResponse(jsonable_encoder(actor_page(con, code.upper(), flt, names)))

    @app.get("/api/documents/{doc_id:path}", summary="A document: text, sentences and all its coded records")
    def get_document(doc_id: str, con: DuckDBPyConnection = Depends(cursor)) -> JSONResponse:
        found = queries.document(con, doc_id)
        if found is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return JSONResponse(jsonable_encoder(without_paths(found)))


def input_name(source: str | None) -> str | None:
    """The input's own name, never the server's folders: ``/home/me/news/a.txt`` -> ``a.txt``."""
    if not source or "://" in source:
        return source
    return PurePath(source.replace("\\", "/")).name or source


def without_paths(doc: dict[str, Any]) -> dict[str, Any]:
    """A document whose ``source`` fields hold input names only (a local path tells a visitor too much)."""
    doc["source"] = input_name(doc.get("source"))
    for row in doc.get("sources", []):
        row["source"] = input_name(row.get("source"))
        if row.get("source_id") and "/" in str(row["source_id"]) and str(row["source_id"]).startswith("/"):
            row["source_id"] = input_name(row["source_id"])
    if doc.get("id", "").startswith("/"):
        doc["id_name"] = input_name(doc["id"])
    return doc


def actor_page(con: DuckDBPyConnection, code: str, flt: EventFilter, names: Labels) -> dict[str, Any]:
    """Everything about one actor code, under the dashboard's filter (its own events and records)."""
    own = EventFilter(**{**flt.__dict__, "actors": (code,)})
    held = queries.actor_rows(con, code)
    label = names.code_label(code) or (held["names"][0]["name"] if held["names"] else code)
    people = [n for n in held["names"] if n["name"] and n["name"] != label]
    partners = queries.partners(con, own, code)
    for row in partners:
        row["label"] = names.code_label(row["code"]) or row["code"]
    return {
        "code": code,
        "label": label,
        "network_actor": names.is_network_actor(code),
        **{k: held[k] for k in ("country", "org", "agent", "mentions", "documents")},
        "names": people,
        "partners": partners,
        "timeline": queries.page(con, queries.timeline_view(own, "month"), MAX_LIMIT, 0)["items"],
        "events": queries.page(con, queries.events_view(own, "-date"), 1, 0)["total"],
        "quotes": queries.page(con, queries.quotes_view(own), 20, 0),
        "stances": queries.page(con, queries.stances_view(own), 50, 0),
        "counts": queries.count_totals(con, own),
    }
