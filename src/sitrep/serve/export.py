"""Full exports of exactly the filtered view: CSV, Parquet and (for events) GDELT TSV.

No page limit and no silent cap: the rows are read from DuckDB in batches
and streamed to the client, and ``X-Total-Count`` says how many there are
before the first byte of the body.  Parquet needs its footer written last, so
it is built in a temporary file (spilled to disk when large) and then sent.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from typing import Any

from duckdb import DuckDBPyConnection
from fastapi.responses import StreamingResponse

from sitrep.serve import queries
from sitrep.serve.params import csv_lines, safe_cell
from sitrep.store.export import EVENTS_SQL, GDELT_COLUMNS, fips_table, gdelt_record
from sitrep.store.filters import EventFilter, event_where

FETCH_ROWS = 5_000
EXPORT_TABLES = ("events", "quotes", "counts", "stances", "actors", "locations", "documents")
EXPORT_FORMATS = ("csv", "parquet", "gdelt")
MEDIA = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet", "gdelt": "text/tab-separated-values"}
SUFFIX = {"csv": "csv", "parquet": "parquet", "gdelt": "tsv"}


def export_view(table: str, flt: EventFilter) -> queries.View:
    """The view a table's export holds: the same rows the API lists under this filter."""
    builders = {
        "events": lambda: queries.events_view(flt, "date"),
        "quotes": lambda: queries.quotes_view(flt),
        "counts": lambda: queries.counts_view(flt),
        "stances": lambda: queries.stances_view(flt),
        "actors": lambda: queries.actors_view(flt),
        "locations": lambda: queries.locations_view(flt),
        "documents": lambda: queries.documents_view(flt),
    }
    return builders[table]()


def batches(con: DuckDBPyConnection, sql: str, params: list[Any]) -> tuple[list[str], Iterator[list[tuple[Any, ...]]]]:
    """Column names, and the rows in batches of FETCH_ROWS."""
    cur = con.execute(sql, params)
    names = [d[0] for d in cur.description]

    def rows() -> Iterator[list[tuple[Any, ...]]]:
        while batch := cur.fetchmany(FETCH_ROWS):
            yield batch

    return names, rows()


def total(con: DuckDBPyConnection, view: queries.View) -> int:
    # fetchall, not fetchone: it closes the result, and the Parquet export runs its query next on this cursor
    rows = con.execute(f"SELECT count(*) FROM ({view.sql})", view.params).fetchall()
    return int(rows[0][0])


def stream_csv(con: DuckDBPyConnection, view: queries.View) -> Iterator[str]:
    """The view as CSV text, one chunk per batch of rows (not one per line: fewer, larger writes)."""
    names, parts = batches(con, f"{view.sql} ORDER BY {view.order}", view.params)
    lines = csv_lines(names, (row for batch in parts for row in batch))
    chunk: list[str] = []
    for line in lines:
        chunk.append(line)
        if len(chunk) >= FETCH_ROWS:
            yield "".join(chunk)
            chunk = []
    yield "".join(chunk)


def stream_gdelt(con: DuckDBPyConnection, flt: EventFilter) -> Iterator[str]:
    """The filtered events as GDELT 2.0 rows (61 tab-separated columns, header first)."""
    where, params = event_where(flt)
    names, parts = batches(con, EVENTS_SQL.format(where=f"WHERE {where}"), params)
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(GDELT_COLUMNS)
    yield out.getvalue()
    fips = fips_table()
    for batch in parts:
        out.seek(0)
        out.truncate()
        for row in batch:
            record = gdelt_record(dict(zip(names, row, strict=True)), fips)
            writer.writerow([safe_cell(record.get(c)) for c in GDELT_COLUMNS])
        yield out.getvalue()


def gdelt_total(con: DuckDBPyConnection, flt: EventFilter) -> int:
    where, params = event_where(flt)
    return queries.count(con, f"SELECT count(*) FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}", params)


def parquet_file(con: DuckDBPyConnection, view: queries.View) -> Any:
    """The view written as Parquet into a temporary file, rewound for reading."""
    import pyarrow.parquet as pq

    reader = con.sql(f"{view.sql} ORDER BY {view.order}", params=view.params).to_arrow_reader(FETCH_ROWS)
    handle = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    with pq.ParquetWriter(handle, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
    handle.seek(0)
    return handle


def file_chunks(handle: Any, size: int = 1 << 16) -> Iterator[bytes]:
    try:
        while chunk := handle.read(size):
            yield chunk
    finally:
        handle.close()


def closing(con: DuckDBPyConnection, body: Iterator[Any]) -> Iterator[Any]:
    """Yield the body, then close the export's own cursor (it outlives the request handler)."""
    try:
        yield from body
    finally:
        con.close()


def export_response(con: DuckDBPyConnection, table: str, fmt: str, flt: EventFilter) -> StreamingResponse:
    """A streamed download of the whole filtered view, with its row count in X-Total-Count.

    ``con`` is a cursor owned by the response: it is closed when the body ends.
    """
    body: Iterator[str] | Iterator[bytes]
    if fmt == "gdelt":
        count, body = gdelt_total(con, flt), stream_gdelt(con, flt)
    else:
        view = export_view(table, flt)
        count = total(con, view)
        body = file_chunks(parquet_file(con, view)) if fmt == "parquet" else stream_csv(con, view)
    headers = {
        "Content-Disposition": f'attachment; filename="sitrep-{table}.{SUFFIX[fmt]}"',
        "X-Total-Count": str(count),
    }
    return StreamingResponse(closing(con, body), media_type=MEDIA[fmt], headers=headers)
