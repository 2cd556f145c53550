"""The request parameters every list endpoint shares: the filter, the page, the format.

Every integer is bounded (a 422 past the bounds, never a 500 from DuckDB);
``type``, ``actor`` and ``quad_class`` may repeat and then mean any of them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from typing import Any, Literal

from duckdb import DuckDBPyConnection
from fastapi import Depends, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

from sitrep.errors import ConfigError
from sitrep.serve.filters import check_event_types
from sitrep.serve.labels import Labels, actor_labels
from sitrep.serve.queries import View, page
from sitrep.serve.reader import StoreReader
from sitrep.store.filters import SCOPES, EventFilter

MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
MAX_VALUES = 50
ACTOR_KEY = r"^[A-Za-z0-9]{2,}$"
DYAD = r"^[A-Za-z0-9]{2,}-[A-Za-z0-9]{2,}$"
# A spreadsheet reads a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def new_cursor(app: Any) -> DuckDBPyConnection:
    """A short read-only connection of the app's store (``StoreReader``): the one place every query
    gets its connection.  The caller closes it; between requests the store's lock is free."""
    store: StoreReader = app.state.store  # set by create_app; Starlette's State is untyped
    return store.open()


def cursor(request: Request) -> Iterator[DuckDBPyConnection]:
    """A cursor for this request only, closed after it."""
    cur = new_cursor(request.app)
    try:
        yield cur
    finally:
        cur.close()


def _clean(values: list[str] | None, name: str) -> tuple[str, ...]:
    """Repeated values, stripped, empty ones dropped; too many is a 422."""
    kept = tuple(v.strip() for v in values or [] if v and v.strip())
    if len(kept) > MAX_VALUES:
        raise HTTPException(422, f"at most {MAX_VALUES} values of {name}")
    if any(len(v) > 100 for v in kept):
        raise HTTPException(422, f"a value of {name} is longer than 100 characters")
    return kept


def event_filter(
    request: Request,
    actor: list[str] | None = Query(
        None, description="Actor code, country, org or name, either side; repeat for any of several."
    ),
    event_type: list[str] | None = Query(
        None, alias="type", description="CAMEO code (prefix: 12, 061) or PLOVER type (REJECT); repeatable."
    ),
    since: date | None = Query(None, description="First day, YYYY-MM-DD."),
    until: date | None = Query(None, description="Last day, YYYY-MM-DD."),
    doc_id: str | None = Query(None, max_length=500),
    source_country: str | None = Query(None, pattern=ACTOR_KEY, max_length=40, description="Source code or country."),
    target_country: str | None = Query(None, pattern=ACTOR_KEY, max_length=40, description="Target code or country."),
    dyad: str | None = Query(None, pattern=DYAD, max_length=81, description="SOURCE-TARGET: USA-DNK."),
    quad_class: list[int] | None = Query(None, description="1..4; repeat for any of several."),
    min_lat: float | None = Query(None, ge=-90, le=90),
    min_lon: float | None = Query(None, ge=-180, le=180),
    max_lat: float | None = Query(None, ge=-90, le=90),
    max_lon: float | None = Query(None, ge=-180, le=180),
    q: str | None = Query(None, max_length=200, description="Text in the event's sentence (documents: in the text)."),
    negated: bool | None = Query(None, description="Only negated (true) or only affirmed (false) events."),
    scope: Literal["all", "counted", "background"] = Query(
        "all", description="all; counted (affirmed, plausibly dated: what the dashboard counts); background."
    ),
) -> EventFilter:
    """The filter every list endpoint shares; inconsistent values are a 422."""
    quads = _checked_values(since, until, dyad, source_country, target_country, quad_class)
    source, target = dyad.split("-") if dyad else (source_country, target_country)
    assert scope in SCOPES
    flt = EventFilter(
        actors=_clean(actor, "actor"),
        event_types=_clean(event_type, "type"),
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        doc_id=doc_id,
        source=source,
        target=target,
        quad_classes=quads,
        bbox=_bbox(min_lat, min_lon, max_lat, max_lon),
        text=q or None,
        negated=negated,
        scope=scope,
        precision_column=getattr(request.app.state, "precision_column", False),
    )
    try:
        check_event_types(flt, request.app.state.resources)  # an unknown event type is a ConfigError: a 422
    except ConfigError as exc:
        raise HTTPException(422, str(exc)) from exc
    return flt


def _checked_values(
    since: date | None, until: date | None, dyad: str | None,
    source: str | None, target: str | None, quad_class: list[int] | None,
) -> tuple[int, ...]:
    """Refuse values that contradict each other (a 422 saying which); the sorted quad classes."""
    if since and until and since > until:
        raise HTTPException(422, f"since ({since}) is after until ({until})")
    if dyad and (source or target):
        raise HTTPException(422, "give either dyad or source_country/target_country, not both")
    quads = tuple(sorted(set(quad_class or [])))
    if any(not 1 <= v <= 4 for v in quads):
        raise HTTPException(422, "quad_class: Input should be greater than or equal to 1 and less than or equal to 4")
    return quads


def _bbox(*values: float | None) -> tuple[float, float, float, float] | None:
    if all(v is None for v in values):
        return None
    if any(v is None for v in values):
        raise HTTPException(422, "a bounding box needs all of min_lat, min_lon, max_lat, max_lon")
    min_lat, min_lon, max_lat, max_lon = [v for v in values if v is not None]
    if min_lat > max_lat:
        raise HTTPException(422, f"min_lat ({min_lat}) is above max_lat ({max_lat})")
    return min_lat, min_lon, max_lat, max_lon


class Paging:
    """``limit`` (1..MAX_LIMIT) and ``offset`` (0..MAX_OFFSET); past either bound is a 422."""

    def __init__(
        self,
        limit: int = Query(100, ge=1, le=MAX_LIMIT, description=f"Rows per page, at most {MAX_LIMIT}."),
        offset: int = Query(0, ge=0, le=MAX_OFFSET, description=f"Rows to skip, at most {MAX_OFFSET:,}."),
    ) -> None:
        self.limit = limit
        self.offset = offset


def wants_csv(request: Request, fmt: Literal["json", "csv"] | None = Query(None, alias="format")) -> bool:
    """CSV when asked with ?format=csv or an Accept header naming text/csv."""
    if fmt is not None:
        return fmt == "csv"
    return "text/csv" in request.headers.get("accept", "")


def safe_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run: text starting with = + - @ gets a leading apostrophe.

    Numbers stay numbers (a negative Goldstein score is not a formula).
    """
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_lines(names: list[str], rows: Any) -> Iterator[str]:
    """The header, then one CSV line per row (a sequence of values), cells made safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(names)
    yield out.getvalue()
    for row in rows:
        out.seek(0)
        out.truncate()
        writer.writerow([safe_cell(v) for v in row])
        yield out.getvalue()


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV text: ISO dates, empty cells for nulls, formula-like text escaped."""
    if not rows:
        return ""
    names = list(rows[0])
    return "".join(csv_lines(names, ([row[n] for n in names] for row in rows)))


def respond(result: dict[str, Any], as_csv: bool, name: str) -> Response:
    """A page as JSON (with total, limit, offset) or its rows as CSV (total in a header)."""
    if not as_csv:
        return JSONResponse(jsonable_encoder(result))
    return Response(
        to_csv(result["items"]),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{name}.csv"', "X-Total-Count": str(result["total"])},
    )


def labels(request: Request) -> Labels:
    """The actor labels of this app (built once from its ``Resources``)."""
    return request.app.state.resources.get(actor_labels)  # type: ignore[no-any-return]  # app.state is untyped


class ListRequest:
    """What every list endpoint takes: the filter, the page, the format, a cursor and the labels."""

    def __init__(
        self,
        flt: EventFilter = Depends(event_filter),
        paging: Paging = Depends(),
        as_csv: bool = Depends(wants_csv),
        con: DuckDBPyConnection = Depends(cursor),
        names: Labels = Depends(labels),
    ) -> None:
        self.flt, self.paging, self.as_csv, self.con, self.labels = flt, paging, as_csv, con, names

    def page(self, view: View) -> dict[str, Any]:
        """This request's page of a view."""
        return page(self.con, view, self.paging.limit, self.paging.offset)
