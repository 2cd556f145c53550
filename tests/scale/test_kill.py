"""kill -9 in the middle of `sitrep ingest`, run it again: the store ends exactly as after one whole run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitrep.scale.batch import ingest
from sitrep.settings import Settings
from sitrep.store.db import open_store
from tests.scale.conftest import snapshot

DOCS = 80
BATCH = 5


def start_ingest(corpus: Path, db: Path, workers: int) -> subprocess.Popen:
    command = [
        sys.executable,
        "-m",
        "sitrep.cli",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--batch-size",
        str(BATCH),
        "--workers",
        str(workers),
        "--log-progress",
    ]
    return subprocess.Popen(
        command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True
    )


def kill_after_first_commit(process: subprocess.Popen, timeout: float = 120) -> str:
    """Wait for the first progress line (a batch is committed), then SIGKILL the whole process group."""
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if line.startswith("sitrep: coded"):
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
            return line
        if not line and process.poll() is not None:
            break
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail("sitrep ingest printed no progress line before it ended or timed out")


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_kill_9_then_rerun_ends_exactly_like_an_uninterrupted_run(
    nlp, tmp_path: Path, synthetic_corpus, workers
):
    corpus = synthetic_corpus(DOCS)
    killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"

    process = start_ingest(corpus, killed, workers)
    line = kill_after_first_commit(process)
    assert process.returncode == -signal.SIGKILL, line

    with open_store(killed, read_only=True) as con:  # DuckDB replays its write-ahead log on open
        stored = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
    assert BATCH <= stored < DOCS, "the kill should land after the first commit and before the end"
    assert stored % BATCH == 0, "only whole batches are ever committed"

    settings = Settings(db_path=killed, batch_size=BATCH)
    rerun = ingest([str(corpus)], settings, print)
    assert (rerun.added, rerun.duplicates) == (DOCS - stored, stored)

    ingest([str(corpus)], Settings(db_path=whole, batch_size=BATCH), print)
    assert snapshot(killed) == snapshot(whole)
