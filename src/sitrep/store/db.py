"""The embedded DuckDB store: open, create the schema, save documents atomically.

A batch of documents is written in one transaction, so an interrupted run
leaves either the whole batch or none of it.  Saving is idempotent: a document
whose id or text is already stored is not stored again (a new id carrying a
known text is recorded as another source of the stored document).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import StoreError
from sitrep.models import Document
from sitrep.store.rows import document_rows
from sitrep.store.schema import CHILD_TABLES, SCHEMA_VERSION, TABLES, column_names


@dataclass
class SaveResult:
    """What a save did: documents added, and those already stored."""

    added: int = 0
    duplicates: int = 0
    events: int = 0

    def __iadd__(self, other: SaveResult) -> SaveResult:
        self.added += other.added
        self.duplicates += other.duplicates
        self.events += other.events
        return self


def connect(path: Path | str, read_only: bool = False) -> Any:
    """A DuckDB connection with the schema in place (unless read-only)."""
    import duckdb

    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store; run `sitrep ingest` first or pass --db")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        raise StoreError(f"{path}: cannot open the DuckDB store ({_first_line(exc)})") from exc
    if not read_only:
        create_schema(con)
    return con


@contextmanager
def open_store(path: Path | str, read_only: bool = False) -> Iterator[Any]:
    """``with open_store(path) as con:`` closes the connection afterwards."""
    con = connect(path, read_only=read_only)
    try:
        yield con
    finally:
        con.close()


def create_schema(con: Any) -> None:
    """Create every table that is missing; record the schema version."""
    for table, ddl in TABLES.items():
        con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({ddl})")
    con.execute(
        "INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT (key) DO NOTHING", [str(SCHEMA_VERSION)]
    )


def save_documents(con: Any, docs: Iterable[Document]) -> SaveResult:
    """Store a batch of coded documents in one transaction."""
    result = SaveResult()
    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in ("documents", *CHILD_TABLES)}
    con.execute("BEGIN TRANSACTION")
    try:
        seen_ids, seen_hashes = set(), {}
        for doc in docs:
            existing = _find_existing(con, doc, seen_ids, seen_hashes)
            if existing is not None:
                result.duplicates += 1
                if existing != doc.id:
                    rows["doc_sources"].append(_duplicate_source(existing, doc))
                continue
            seen_ids.add(doc.id)
            seen_hashes[doc.text_sha1] = doc.id
            for table, table_rows in document_rows(doc).items():
                rows[table].extend(table_rows)
            result.added += 1
            result.events += len(doc.events)
        for table, table_rows in rows.items():
            insert_rows(con, table, table_rows)
        con.execute("COMMIT")
    except Exception as exc:
        con.execute("ROLLBACK")
        if isinstance(exc, StoreError):
            raise
        raise StoreError(f"cannot write to the store ({_first_line(exc)}); nothing from this batch was saved") from exc
    return result


def _find_existing(con: Any, doc: Document, seen_ids: set[str], seen_hashes: dict[str, str]) -> str | None:
    """Id of the stored document that ``doc`` repeats (same id or same text), if any."""
    if doc.id in seen_ids:
        return doc.id
    if doc.text_sha1 in seen_hashes:
        return seen_hashes[doc.text_sha1]
    rows = con.execute(
        "SELECT id FROM documents WHERE id = ? OR text_sha1 = ? ORDER BY id = ? DESC LIMIT 1",
        [doc.id, doc.text_sha1, doc.id],
    ).fetchall()
    return rows[0][0] if rows else None


def _duplicate_source(existing_id: str, doc: Document) -> dict[str, Any]:
    return {"doc_id": existing_id, "source_id": doc.id, "url": doc.url, "source": doc.source, "kind": "exact"}


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


def stored_ids(con: Any) -> set[str]:
    """Ids of every stored document (to skip work on a resumed run)."""
    return {row[0] for row in con.execute("SELECT id FROM documents").fetchall()}


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
