"""Parquet partitions: coded documents as Arrow tables, written per partition, loaded into DuckDB.

Layout of an output directory (one sub-directory per table, one file per
partition, so DuckDB, polars and Spark read a table as ``DIR/events/*.parquet``
or simply ``DIR/events``)::

    DIR/_sitrep.json                    partition size and schema version
    DIR/documents/part-00000.parquet    ... one file per partition
    DIR/events/part-00000.parquet
    ...                                 every table of store.schema.DATA_TABLES, and fingerprints
    DIR/_done/part-00000                written last: the partition is complete

Column names and types are those of the DuckDB store (store/schema.py), so a
partition is the same rows ``sitrep ingest`` would have written.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sitrep.errors import ScaleError, StoreError
from sitrep.ingest.dedup import fingerprint, fingerprint_row
from sitrep.models import Document
from sitrep.settings import Settings
from sitrep.store.db import SaveResult, open_store, save_rows
from sitrep.store.rows import document_rows
from sitrep.store.stories import update_stories
from sitrep.store.schema import DATA_TABLES, SCHEMA_VERSION, column_types

PARTITION_TABLES = (*DATA_TABLES, "fingerprints")
STORE_ONLY_COLUMNS = frozenset({"ingested_at"})  # set by the store when rows are loaded
MANIFEST = "_sitrep.json"
DONE = "_done"


@cache
def arrow_schema(table: str) -> Any:
    """The Arrow schema of a table's partitions."""
    import pyarrow as pa

    kinds = {
        "VARCHAR": pa.string(),
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "DATE": pa.date32(),
        "BLOB": pa.binary(),
        "TIMESTAMP": pa.timestamp("us"),
    }
    return pa.schema(
        [pa.field(name, kinds[kind]) for name, kind in column_types(table) if name not in STORE_ONLY_COLUMNS]
    )


def document_tables(docs: Iterable[Document]) -> dict[str, Any]:
    """One typed Arrow table per partition table for these coded documents."""
    import pyarrow as pa

    rows: dict[str, list[dict[str, Any]]] = {table: [] for table in PARTITION_TABLES}
    for doc in docs:
        for table, table_rows in document_rows(doc).items():
            rows[table].extend(table_rows)
        rows["fingerprints"].append(fingerprint_row(fingerprint(doc.id, doc.text)))
    return {
        table: pa.Table.from_pylist(_typed(table, rows[table]), schema=arrow_schema(table)) for table in rows
    }


def _typed(table: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with ISO date strings turned into dates (Arrow will not cast them itself)."""
    date_columns = [name for name, kind in column_types(table) if kind == "DATE"]
    for row in rows:
        for name in date_columns:
            row[name] = _as_date(row.get(name))
    return rows


def _as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class PartitionWriter:
    """Writes one partition block by block (bounded memory), then makes it visible at once.

    Every table goes to a temporary file unique to this writer (a task retried
    on another worker never shares one), row group by row group; ``commit``
    renames them into place and writes the done-marker last, so a partition is
    either complete or ignored.
    """

    def __init__(self, out_dir: Path, index: int) -> None:
        import uuid

        self.out_dir, self.name = out_dir, partition_name(index)
        self.tag = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.writers: dict[str, Any] = {}
        self.documents = 0

    def _partial(self, table: str) -> Path:
        return self.out_dir / table / f".{self.name}.{self.tag}.tmp"

    def write(self, tables: dict[str, Any]) -> None:
        import pyarrow.parquet as pq

        for table, arrow in tables.items():
            if table not in self.writers:
                (self.out_dir / table).mkdir(parents=True, exist_ok=True)
                self.writers[table] = pq.ParquetWriter(self._partial(table), arrow_schema(table))
            if arrow.num_rows:
                self.writers[table].write_table(arrow)
        self.documents += tables["documents"].num_rows

    def commit(self) -> None:
        if not self.writers:
            self.write(document_tables([]))
        for table, writer in self.writers.items():
            writer.close()
            os.replace(self._partial(table), self.out_dir / table / f"{self.name}.parquet")
        done = self.out_dir / DONE
        done.mkdir(parents=True, exist_ok=True)
        (done / self.name).write_text(json.dumps({"documents": self.documents}), encoding="utf-8")

    def abort(self) -> None:
        for table, writer in self.writers.items():
            writer.close()
            self._partial(table).unlink(missing_ok=True)


def write_partition(tables: dict[str, Any], out_dir: Path, index: int) -> None:
    """Write one partition whole: one file per table, then its done-marker."""
    writer = PartitionWriter(out_dir, index)
    writer.write(tables)
    writer.commit()


def partition_name(index: int) -> str:
    return f"part-{index:05d}"


def is_done(out_dir: Path, index: int) -> bool:
    """Whether a partition was completely written by an earlier run."""
    return (out_dir / DONE / partition_name(index)).exists()


def done_partitions(directory: Path) -> list[str]:
    """Names of the complete partitions, in input order (numerically: part-100000 after part-99999)."""
    return sorted((p.name for p in (directory / DONE).glob("part-*")), key=lambda name: int(name[5:]))


def prepare_output(out_dir: Path, plan: dict[str, Any]) -> None:
    """Create the directory, or check that an earlier run cut the input the same way.

    ``plan`` says how partitions were cut (documents per partition, or shard
    sizes when workers read the input); a resumed run must cut it identically.
    """
    manifest = out_dir / MANIFEST
    wanted = {**plan, "schema_version": SCHEMA_VERSION}
    if manifest.exists():
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if found != wanted:
            raise ScaleError(
                f"{out_dir} holds partitions of another run ({found}); "
                "resume with the same --batch-size and the same reading side, or use a new --out directory"
            )
        return
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest.write_text(json.dumps(wanted), encoding="utf-8")


def load_directory(directory: Path, settings: Settings) -> SaveResult:
    """Merge every complete partition into the store, one transaction per partition.

    Idempotent: documents already stored are skipped and duplicates are linked,
    exactly as ``sitrep ingest`` would have done with the same input order.
    """
    names = done_partitions(directory)
    if not names:
        raise StoreError(
            f"{directory}: no complete Parquet partitions; run `sitrep ingest --dask ... --out {directory}`"
        )
    result = SaveResult()
    with open_store(settings.db_path) as con:
        for name in names:
            rows = read_partition(directory, name)
            result += save_rows(con, rows, dedup=settings.dedup, near_threshold=settings.near_threshold)
        update_stories(con, settings.story_window)
    return result


def read_partition(directory: Path, name: str) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table of one partition."""
    import pyarrow.parquet as pq

    rows = {}
    for table in PARTITION_TABLES:
        path = directory / table / f"{name}.parquet"
        if not path.exists():
            raise StoreError(f"{path}: missing; the partition is incomplete, run the ingest again")
        rows[table] = pq.read_table(path).to_pylist()
    return rows
