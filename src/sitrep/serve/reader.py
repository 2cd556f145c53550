"""The API's access to the store: short read-only connections, and the answer to a store problem.

Below both the app (api.py, params.py) and the server that runs it
(server.py), so that the server imports the app and never the reverse.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from duckdb import DuckDBPyConnection
from fastapi.responses import JSONResponse

from sitrep.errors import StoreError
from sitrep.store.db import connect, is_damage, is_lock_conflict, open_store


class StoreReader:
    """Short read-only connections to the store, one per request.

    The server never keeps the store open: between requests DuckDB's file lock
    is free, so ``sitrep ingest`` can commit a batch, and the next request sees
    it.  While a commit holds the lock, a request waits for it (up to ``wait``
    seconds) instead of failing.
    """

    def __init__(self, db_path: Path, wait: float = 10.0) -> None:
        self.db_path = db_path
        self.wait = wait
        with open_store(db_path, read_only=True, verify=True, wait=wait):
            pass  # a missing or damaged store is refused now, before the server starts

    @contextmanager
    def connection(self) -> Iterator[DuckDBPyConnection]:
        with open_store(self.db_path, read_only=True, verify=False, wait=self.wait) as con:
            yield con

    def open(self) -> DuckDBPyConnection:
        """A read-only connection the caller closes (a streamed export outlives its request body)."""
        con: DuckDBPyConnection = connect(self.db_path, read_only=True, verify=False, wait=self.wait)
        return con


async def store_error_response(request: Any, exc: Exception) -> Any:
    """A store problem met by a request (damaged, busy) as a 503 with its one-line message."""
    if isinstance(exc, StoreError):
        message = str(exc)
    elif is_damage(exc):
        message = "the store is damaged; restore it or re-ingest"
    elif is_lock_conflict(exc):
        message = "the store is busy; try again in a moment"
    else:
        return JSONResponse({"detail": f"the store could not answer ({type(exc).__name__})"}, status_code=500)
    return JSONResponse({"detail": message}, status_code=503)
