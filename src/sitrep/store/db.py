"""The embedded DuckDB store: open, create the schema, save documents atomically.

A batch of documents is written in one transaction, so an interrupted run
leaves either the whole batch or none of it.  Saving is idempotent: a document
whose id is already stored is not stored again, and one whose text repeats a
stored text, exactly or nearly (ingest/dedup.py), is recorded in ``doc_sources``
as another source of the stored document.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import StoreBusy, StoreDamaged, StoreError
from sitrep.ingest.dedup import (
    KNOWN,
    Deduplicator,
    Fingerprint,
    Match,
    band_rows,
    fingerprint,
    fingerprint_row,
)
from sitrep.models import Document
from sitrep.store.rows import document_rows
from sitrep.store.schema import DATA_TABLES, SCHEMA_VERSION, TABLES, column_names, column_types

LOCK_WAIT = 30.0  # seconds to wait for another process's commit before saying the store is busy


@dataclass
class SaveResult:
    """What a save did: documents added, and those already stored or repeating another."""

    added: int = 0
    duplicates: int = 0  # same id stored, or the text repeats a stored one
    events: int = 0
    near_duplicates: int = 0  # of the duplicates, those linked as near copies
    failed: int = 0  # quarantined in the failures table

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.failed += other.failed
        self.added += other.added
        self.duplicates += other.duplicates
        self.events += other.events
        self.near_duplicates += other.near_duplicates
        return self


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


def save_documents(
    con: Any,
    docs: Iterable[Document],
    *,
    links: Iterable[dict[str, Any]] = (),
    fingerprints: dict[str, Fingerprint] | None = None,
    dedup: str = "near",
    near_threshold: float = 0.8,
    failures: Iterable[dict[str, Any]] = (),
) -> SaveResult:
    """Store a batch of coded documents in one transaction.

    ``links`` are ``doc_sources`` rows for duplicates decided before coding
    (see scale/batch.py); ``fingerprints`` saves recomputing them; ``failures``
    are the batch's quarantined documents (``failure_row``), saved with it.
    """
    known = fingerprints or {}
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in (*DATA_TABLES, "fingerprints")}
    for doc in docs:
        for table, table_rows in document_rows(doc).items():
            rows[table].extend(table_rows)
        rows["fingerprints"].append(fingerprint_row(known.get(doc.id) or fingerprint(doc.id, doc.text)))
    return save_rows(
        con, rows, links=links, dedup=dedup, near_threshold=near_threshold, failures=list(failures)
    )


def save_rows(
    con: Any,
    rows: dict[str, list[dict[str, Any]]],
    *,
    links: Iterable[dict[str, Any]] = (),
    dedup: str = "near",
    near_threshold: float = 0.8,
    failures: list[dict[str, Any]] | None = None,
) -> SaveResult:
    """Store the rows of a batch of documents in one transaction, each document once.

    ``rows`` maps table names to rows, ``fingerprints`` included (band keys are
    derived here).  Documents whose id is stored are skipped; those repeating a
    stored or earlier text (exactly or nearly) become ``doc_sources`` links
    instead.  Used both for freshly coded documents and for Parquet partitions.
    """
    con.execute("BEGIN TRANSACTION")
    try:
        keep, new_links, result = _plan(con, rows, dedup, near_threshold)
        for table in (*DATA_TABLES, "fingerprints"):
            key = "id" if table == "documents" else "doc_id"
            insert_rows(con, table, [r for r in rows.get(table, []) if r[key] in keep])
        bands = [
            band_rows(r["doc_id"], r.get("minhash")) for r in rows["fingerprints"] if r["doc_id"] in keep
        ]
        insert_rows(con, "fingerprint_bands", [row for doc_bands in bands for row in doc_bands])
        insert_rows(con, "doc_sources", _unstored_links(con, [*new_links, *links]))
        save_failures(con, [d["id"] for d in rows.get("documents", [])], failures or [])
        con.execute("COMMIT")
    except Exception as exc:
        rollback(con)
        if isinstance(exc, StoreError):
            raise
        raise write_error(exc) from exc
    result.events = sum(1 for r in rows.get("events", []) if r["doc_id"] in keep)
    result.failed = len(failures or [])
    return result


def rollback(con: Any) -> None:
    """Undo the open transaction; after a failed COMMIT DuckDB has none left, which is fine."""
    import duckdb

    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # the failed statement already ended the transaction; the real cause is reported


def write_error(exc: BaseException) -> StoreError:
    """The one line for a failed batch write, naming the real cause (a full disk, a read-only folder)."""
    cause = _first_line(exc)
    if is_damage(exc):
        return StoreDamaged("the store", cause)
    hint = ""
    if any(mark in cause for mark in ("No space left", "Read-only file system", "Permission denied", "Disk quota")):
        hint = "; free disk space or make the store's folder writable, then run again"
    return StoreError(f"cannot write to the store ({cause}); nothing from this batch was saved{hint}")


def is_data_error(exc: BaseException) -> bool:
    """Whether a failed write was caused by the rows themselves (not the disk, the lock or the file)."""
    if isinstance(exc, StoreError) and not isinstance(exc, (StoreDamaged, StoreBusy)):
        exc = exc.__cause__ or exc
    if isinstance(exc, OSError) or is_damage(exc) or is_lock_conflict(exc):
        return False
    import duckdb

    return not isinstance(exc, (duckdb.IOException, duckdb.OutOfMemoryException, duckdb.FatalException))


def failure_row(err: Any) -> dict[str, Any]:
    """The ``failures`` row of a DocumentFailure."""
    return {"doc_id": err.doc_id, "source": err.source, "stage": err.stage, "error": err.cause}


def save_failures(con: Any, handled: list[str], failures: list[dict[str, Any]]) -> None:
    """Forget earlier failures of documents now handled, record this batch's failures."""
    ids = [*handled, *(f["doc_id"] for f in failures)]
    if ids:
        con.execute("DELETE FROM failures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [ids])
    unique = list({f["doc_id"]: f for f in failures}.values())
    insert_rows(con, "failures", unique)


def _plan(
    con: Any, rows: dict[str, list[dict[str, Any]]], dedup: str, near_threshold: float
) -> tuple[set[str], list[dict[str, Any]], SaveResult]:
    """Which documents to store, and the links for those that repeat another."""
    prints = {
        r["doc_id"]: Fingerprint(r["doc_id"], r["norm_sha1"], r.get("minhash")) for r in rows["fingerprints"]
    }
    docs = rows["documents"]
    decisions = Deduplicator(con, dedup, near_threshold).classify([prints[d["id"]] for d in docs])
    keep: set[str] = set()
    links: list[dict[str, Any]] = []
    result = SaveResult()
    for doc, match in zip(docs, decisions, strict=True):
        if match is None:
            keep.add(doc["id"])
            result.added += 1
            continue
        result.duplicates += 1
        if match is not KNOWN:
            links.append(link_row(match, doc["id"], doc.get("url"), doc.get("source")))
            result.near_duplicates += match.kind == "near"
    return keep, links, result


def link_row(match: Match, source_id: str, url: str | None, source: str | None) -> dict[str, Any]:
    """The ``doc_sources`` row saying that ``source_id`` carried the stored ``match.doc_id``."""
    return {"doc_id": match.doc_id, "source_id": source_id, "url": url, "source": source, "kind": match.kind}


def _unstored_links(con: Any, links: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Links whose source is not recorded yet (a resumed run must not add one twice)."""
    if not links:
        return []
    ids = [link["source_id"] for link in links]
    stored = {
        row[0]
        for row in con.execute(
            "SELECT source_id FROM doc_sources WHERE source_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        ).fetchall()
    }
    fresh: dict[str, dict[str, Any]] = {}
    for link in links:
        if link["source_id"] not in stored:
            fresh.setdefault(link["source_id"], link)
    return list(fresh.values())


def insert_rows(con: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert through Arrow: one statement per table per batch."""
    if not rows:
        return
    import pyarrow as pa

    names = [n for n in column_names(table) if any(n in r for r in rows[:1])]
    arrow = pa.Table.from_pylist([{n: r.get(n) for n in names} for r in rows])
    con.register("_sitrep_batch", arrow)
    try:
        cols = ", ".join(names)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _sitrep_batch")
    finally:
        con.unregister("_sitrep_batch")


def list_failures(con: Any) -> list[dict[str, Any]]:
    """The quarantined documents, oldest first (an older store without the table has none)."""
    if not scalar(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'failures'"):
        return []
    cur = con.execute("SELECT source, doc_id, stage, error, failed_at FROM failures ORDER BY failed_at, doc_id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def table_counts(con: Any) -> dict[str, int]:
    """Row counts of every table, for summaries and tests."""
    return {t: scalar(con, f"SELECT count(*) FROM {t}") for t in TABLES if t != "meta"}


def scalar(con: Any, sql: str, params: list[Any] | None = None) -> Any:
    """The single value a query returns (fetching fully, as DuckDB requires)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
