"""`sitrep ingest/load/export` options end to end, in process (CSV columns, --dask/--out, load, export)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.errors import ConfigError
from sitrep.scale import run_ingest
from sitrep.settings import Settings


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("dask", "out", "problem"),
    [(None, "parts", "--out is for --dask"), ("local:1", None, "--dask needs --out")],
)
def test_dask_and_out_go_together(tmp_path: Path, dask: str | None, out: str | None, problem: str):
    with pytest.raises(ConfigError, match=problem):
        run_ingest([], Settings(db_path=tmp_path / "s.duckdb"), print, dask=dask, out=out)


def test_out_without_dask_is_one_line(tmp_path: Path):
    result = run("ingest", "x.jsonl", "--out", str(tmp_path / "parts"))
    assert (
        result.exit_code == 2 and "--out is for --dask" in result.stderr and "Traceback" not in result.stderr
    )


@pytest.mark.model
def test_csv_columns_load_and_export(nlp, tmp_path: Path):
    table = tmp_path / "wire.csv"
    table.write_text(
        "story,body,published\n"
        "w1,Denmark rejected the US proposal on Monday.,2026-01-14\n"
        "w2,Sweden sent troops to Greenland at Denmark's request.,2026-01-15\n",
        encoding="utf-8",
    )
    db = tmp_path / "s.duckdb"
    result = run(
        "ingest",
        str(table),
        "--db",
        str(db),
        "--quiet",
        "--text-col",
        "body",
        "--id-col",
        "story",
        "--date-col",
        "published",
    )
    assert result.exit_code == 0 and "stored 2 new documents" in result.stderr
    from sitrep.store.db import open_store

    with open_store(db, read_only=True) as con:
        assert con.execute("SELECT id, date FROM documents ORDER BY id").fetchall()[0][0] == "w1"

    out = tmp_path / "export"
    assert run("export", "--db", str(db), "--format", "parquet", "--out", str(out)).exit_code == 0
    assert (out / "documents.parquet").exists()
    gdelt = run("export", "--db", str(db), "--format", "gdelt", "--out", str(tmp_path / "e.tsv"))
    assert gdelt.exit_code == 0 and "rows to" in gdelt.stderr


def test_load_of_a_directory_without_partitions_is_one_line(tmp_path: Path):
    result = run("load", str(tmp_path), "--db", str(tmp_path / "s.duckdb"))
    assert result.exit_code == 4 and "no complete Parquet partitions" in result.stderr


@pytest.mark.parametrize(
    ("inputs", "dask", "read_on_workers", "problem"),
    [
        (["x.jsonl"], None, True, "are for --dask runs"),
        (["-"], "local:1", True, "--read-on-workers needs files"),
        (["https://example.org/feed.xml"], "local:1", True, "--read-on-workers needs files"),
    ],
)
def test_reading_side_needs_dask_and_files(tmp_path: Path, inputs, dask, read_on_workers, problem):
    with pytest.raises(ConfigError, match=problem):
        run_ingest(inputs, Settings(db_path=tmp_path / "s.duckdb"), print, dask=dask,
                   out=tmp_path / "parts" if dask else None, read_on_workers=read_on_workers)
