"""The embedded DuckDB store: open, create the schema, save documents atomically.

A batch of documents is written in one transaction, so an interrupted run
leaves either the whole batch or none of it.  Saving is idempotent: a document
whose id is already stored is not stored again, and one whose text repeats a
stored text, exactly or nearly (ingest/dedup.py), is recorded in ``doc_sources``
as another source of the stored document.  Opening the store (waiting, the
damage check, the lock files) is in store/connection.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sitrep.errors import StoreBusy, StoreDamaged, StoreError
from sitrep.store.connection import (  # "x as x": re-exported, db is where callers open the store
    LOCK_WAIT as LOCK_WAIT,
    _first_line as _first_line,
    connect as connect,
    create_schema as create_schema,
    ingest_lock as ingest_lock,
    is_damage as is_damage,
    is_lock_conflict as is_lock_conflict,
    open_store as open_store,
    scalar as scalar,
    store_error as store_error,
    verify_store as verify_store,
    writer_gate as writer_gate,
)
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
from sitrep.store.schema import DATA_TABLES, TABLES, column_names



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
