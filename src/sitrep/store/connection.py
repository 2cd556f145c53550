"""Opening the DuckDB store: waiting out another process's commit, refusing a damaged file, locks.

Every command opens the store through ``open_store``.  The file is checked
block by block when a command starts (``verify``), a lock held by another
process is waited for briefly, and the two lock files beside the store keep a
second writer out (``ingest_lock``) and let a writer go ahead of a stream of
readers (``writer_gate``).  Any DuckDB error that says the file is broken
becomes ``StoreDamaged``, whose one line every command prints.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sitrep.errors import StoreBusy, StoreDamaged, StoreError
from sitrep.store.schema import SCHEMA_VERSION, TABLES, column_types

LOCK_WAIT = 30.0  # seconds to wait for another process's commit before saying the store is busy


def connect(path: Path | str, read_only: bool = False, verify: bool = True, wait: float = LOCK_WAIT) -> Any:
    """A DuckDB connection with the schema in place (unless read-only).

    ``verify`` reads every block once (DuckDB checks each block's checksum), so
    a damaged file is refused before anything is read from or written to it.
    While another process holds the file (a commit of ``sitrep ingest``), the
    open is retried for up to ``wait`` seconds, then the store is busy.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store; run `sitrep ingest` first or pass --db")
    con = _open_waiting(path, read_only, wait)
    try:
        if verify:
            verify_store(con, path)
        if not read_only:
            create_schema(con)
    except StoreError:
        con.close()
        raise
    except Exception as exc:
        con.close()
        raise store_error(path, exc, "cannot prepare the store") from exc
    return con


def _open_waiting(path: Path, read_only: bool, wait: float) -> Any:
    """``duckdb.connect``, retried while another process holds the file's lock."""
    import duckdb

    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc):
                raise store_error(path, exc, "cannot open the DuckDB store") from exc
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"{path}: the store is busy ({_first_line(exc)}); wait for the other sitrep "
                    "process to finish, or use another --db"
                ) from exc
            time.sleep(0.05)


def is_lock_conflict(exc: BaseException) -> bool:
    """Whether DuckDB refused the file because another process holds it."""
    text = str(exc)
    return "Conflicting lock" in text or "Could not set lock" in text


def is_damage(exc: BaseException) -> bool:
    """Whether an error says the file itself is broken (checksums, short reads, bad header)."""
    text = str(exc)
    return any(mark in text for mark in DAMAGE_MARKS)


DAMAGE_MARKS = (
    "Corrupt database file",
    "checksum",
    "Could not read enough bytes",
    "INTERNAL Error",
    "Serialization Error",
)


def store_error(path: Path | str, exc: BaseException, doing: str) -> StoreError:
    """The one-line StoreError for a DuckDB error: damaged, busy, or what DuckDB said."""
    if is_damage(exc):
        return StoreDamaged(str(path), _first_line(exc))
    if is_lock_conflict(exc):
        return StoreBusy(f"{path}: the store is busy ({_first_line(exc)}); try again when the other run ends")
    return StoreError(f"{path}: {doing} ({_first_line(exc)})")


def verify_store(con: Any, path: Path | str) -> None:
    """Read every column of every table once, so DuckDB checks every block's checksum."""
    tables = [row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
    try:
        for table in tables:
            con.execute(f'SELECT count(*), sum(hash(COLUMNS(*))) FROM "{table}"').fetchall()
    except Exception as exc:
        raise StoreDamaged(str(path), _first_line(exc)) from exc


@contextmanager
def open_store(
    path: Path | str, read_only: bool = False, verify: bool = True, wait: float = LOCK_WAIT
) -> Iterator[Any]:
    """``with open_store(path) as con:`` closes the connection afterwards.

    A damaged file met while working (a block no check had read) is reported
    as StoreDamaged rather than as whatever query happened to touch it.
    """
    with writer_gate(path, hold=not read_only, wait=wait):
        with _connected(path, read_only, verify, wait) as con:
            yield con


@contextmanager
def _connected(path: Path | str, read_only: bool, verify: bool, wait: float) -> Iterator[Any]:
    con = connect(path, read_only=read_only, verify=verify, wait=wait)
    try:
        yield con
    except StoreError:
        raise
    except Exception as exc:
        if is_damage(exc):
            raise StoreDamaged(str(path), _first_line(exc)) from exc
        raise
    finally:
        _close(con)


def _close(con: Any) -> None:
    """Close a connection; one DuckDB invalidated by a failed write (a full disk) may refuse even that,
    and the error that caused it is the one to report."""
    import duckdb

    try:
        con.close()
    except duckdb.Error:
        pass


@contextmanager
def writer_gate(db_path: Path | str, hold: bool, wait: float = LOCK_WAIT) -> Iterator[None]:
    """A turnstile in front of the store, so a writer is not starved by a stream of readers.

    A writer holds ``<store>.gate`` while it connects and commits; a reader
    only passes through it before connecting.  Once a writer waits at the gate,
    new readers queue behind it, and the ones already reading finish in
    milliseconds.  Where the gate cannot be created (a read-only folder), reads
    go ahead without it.
    """
    import fcntl

    try:
        handle = Path(f"{db_path}.gate").open("a+")
    except OSError:
        yield
        return
    with handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if time.monotonic() >= deadline:
                    raise StoreBusy(
                        f"{db_path}: the store is busy (another sitrep process is committing); try again"
                    ) from exc
                time.sleep(0.01)
        if not hold:
            fcntl.flock(handle, fcntl.LOCK_UN)
        yield


@contextmanager
def ingest_lock(db_path: Path | str) -> Iterator[Path]:
    """Hold ``<store>.lock`` for a whole writing run: a second ingest is told the store is busy.

    DuckDB's own lock is held only while a batch is planned or committed, so
    that ``sitrep serve`` can read between batches; this lock keeps two writers
    from interleaving.  The kernel drops it when the process dies (even by kill -9).
    """
    import fcntl

    lock_path = Path(f"{db_path}.lock")
    try:
        handle = lock_path.open("a+")
    except OSError as exc:
        raise StoreError(
            f"{db_path}: cannot create the lock file {lock_path} ({exc.strerror or exc}); "
            "make the folder writable or pass another --db"
        ) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise StoreBusy(
                f"{db_path}: the store is busy: another sitrep ingest or load is writing to it; "
                "wait for it to finish, or use another --db"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield lock_path


def create_schema(con: Any) -> None:
    """Create every table that is missing, add columns newer versions define; record the version.

    A store already in shape is only read here: a write would make closing the
    connection checkpoint, and the store is opened once per batch.
    """
    have = stored_columns(con)
    for table, ddl in TABLES.items():
        if table not in have:
            con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")
            have[table] = {name for name, _ in column_types(table)}
        for name, kind in column_types(table):
            if name not in have[table]:
                con.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")
    if scalar(con, "SELECT count(*) FROM meta WHERE key = 'schema_version'") == 0:
        con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])


def stored_columns(con: Any) -> dict[str, set[str]]:
    """The store's tables (in the main schema) and their column names, in one query."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' AND NOT internal"
    ).fetchall()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


def scalar(con: Any, sql: str, params: list[Any] | None = None) -> Any:
    """The single value a query returns (fetching fully, as DuckDB requires)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
