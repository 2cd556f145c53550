"""Run the API and dashboard with uvicorn: ``serve(settings, host, port)``."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitrep.errors import ConfigError, StoreError
from sitrep.settings import Settings

if TYPE_CHECKING:
    from duckdb import DuckDBPyConnection  # the store is opened lazily, at the first request

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def is_loopback(host: str) -> bool:
    """Whether a host name or address only reaches this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_port(host: str, port: int) -> None:
    """Fail early, with a hint, when the address is taken (uvicorn would only log and exit)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror}); pass another --port") from exc


class StoreReader:
    """Short read-only connections to the store, one per request.

    The server never keeps the store open: between requests DuckDB's file lock
    is free, so ``sitrep ingest`` can commit a batch, and the next request sees
    it.  While a commit holds the lock, a request waits for it (up to ``wait``
    seconds) instead of failing.
    """

    def __init__(self, db_path: Path, wait: float = 10.0) -> None:
        from sitrep.store.db import open_store

        self.db_path = db_path
        self.wait = wait
        with open_store(db_path, read_only=True, verify=True, wait=wait):
            pass  # a missing or damaged store is refused now, before the server starts

    @contextmanager
    def connection(self) -> Iterator[DuckDBPyConnection]:
        from sitrep.store.db import open_store

        with open_store(self.db_path, read_only=True, verify=False, wait=self.wait) as con:
            yield con

    def open(self) -> DuckDBPyConnection:
        """A read-only connection the caller closes (a streamed export outlives its request body)."""
        from sitrep.store.db import connect

        con: DuckDBPyConnection = connect(self.db_path, read_only=True, verify=False, wait=self.wait)
        return con


async def store_error_response(request: Any, exc: Exception) -> Any:
    """A store problem met by a request (damaged, busy) as a 503 with its one-line message."""
    from fastapi.responses import JSONResponse

    from sitrep.store.db import is_damage, is_lock_conflict

    if isinstance(exc, StoreError):
        message = str(exc)
    elif is_damage(exc):
        message = "the store is damaged; restore it or re-ingest"
    elif is_lock_conflict(exc):
        message = "the store is busy; try again in a moment"
    else:
        return JSONResponse({"detail": f"the store could not answer ({type(exc).__name__})"}, status_code=500)
    return JSONResponse({"detail": message}, status_code=503)


def serve(
    settings: Settings,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    announce: Callable[[str], None] | None = None,
    host_names: tuple[str, ...] = (),
) -> None:
    """Serve ``settings.db_path`` until interrupted; the store must exist (StoreError otherwise).

    ``announce`` gets the dashboard URL once the store is open and the port free,
    so the CLI says "serving" only when it is true.  Requests are answered for
    loopback names, ``host`` and ``host_names`` only (see ``guard.py``).
    """
    import uvicorn

    from sitrep.serve.api import create_app

    app = create_app(settings, host=host, host_names=host_names)
    check_port(host, port)
    if announce is not None:
        announce(f"{settings.db_path} at http://{host}:{port}/")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
