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


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (workers, the resource tracker)."""
    import psutil

    try:
        return [child.pid for child in psutil.Process(pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def alive(pids: list[int]) -> list[int]:
    import psutil

    living = []
    for pid in pids:
        try:
            if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                living.append(pid)
        except psutil.NoSuchProcess:
            continue
    return living


def wait_gone(pids: list[int], timeout: float = 20) -> list[int]:
    deadline = time.monotonic() + timeout
    while (left := alive(pids)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return left


def reap(pids: list[int]) -> None:
    """Kill what a failed check left alive, so a failing test leaves no process behind either."""
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            continue


def kill_parent_only(process: subprocess.Popen) -> list[int]:
    """SIGKILL the ingest process alone (not its group, as a user's kill -9 would); its children then."""
    children = descendants(process.pid)
    process.kill()
    process.wait(timeout=30)
    return children


def wait_for_line(process: subprocess.Popen, prefix: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    assert process.stderr is not None
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if line.startswith(prefix):
            return
        if not line and process.poll() is not None:
            break
    os.killpg(process.pid, signal.SIGKILL)
    pytest.fail(f"no {prefix!r} line before the ingest ended")


@pytest.mark.model
@pytest.mark.slow
def test_kill_9_of_the_parent_leaves_no_worker_behind(nlp, tmp_path: Path, synthetic_corpus):
    process = start_ingest(synthetic_corpus(DOCS), tmp_path / "s.duckdb", workers=2)
    wait_for_line(process, "sitrep: coded")
    children = kill_parent_only(process)
    assert children, "an ingest with --workers 2 should have worker processes"
    left = wait_gone(children)
    reap(left)
    assert left == [], "workers and the resource tracker must die with their parent"


SOAK_MOMENTS = int(os.environ.get("SITREP_SOAK_MOMENTS", "5"))


def wikinews_csvs() -> list[str]:
    from tests.conftest import SHARED_EVAL

    files = sorted((SHARED_EVAL / "wikinews").glob("wikinews_*.csv"))
    if not files:
        pytest.skip("../shared/eval/wikinews is not present")
    return [str(f) for f in files]


def cli_ingest(inputs: list[str], db: Path, workers: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "sitrep.cli", "ingest", *inputs, "--db", str(db), "--workers", str(workers),
               "--batch-size", "16", "--log-progress"]
    return subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            start_new_session=True)


@pytest.mark.soak
@pytest.mark.slow
@pytest.mark.model
@pytest.mark.eval
@pytest.mark.parametrize("workers", [1, 2])
def test_soak_kill_9_at_random_moments_of_the_wikinews_ingest(nlp, tmp_path: Path, workers: int):
    """Five kills at random moments; after each a rerun: every table equals an uninterrupted run, no orphan."""
    import random

    inputs = wikinews_csvs()
    whole = tmp_path / "whole.duckdb"
    start = time.monotonic()
    assert cli_ingest(inputs, whole, workers).wait(timeout=3600) == 0
    duration = time.monotonic() - start
    expected = snapshot(whole)
    rng = random.Random(14 + workers)
    for attempt in range(SOAK_MOMENTS):
        db = tmp_path / f"killed-{attempt}.duckdb"
        moment = rng.uniform(0.05, 0.95) * duration
        process = cli_ingest(inputs, db, workers)
        time.sleep(moment)
        children = kill_parent_only(process) if process.poll() is None else []
        left = wait_gone(children)
        reap(left)
        assert left == [], f"orphans after the kill at {moment:.1f} s"
        assert cli_ingest(inputs, db, workers).wait(timeout=3600) == 0
        assert snapshot(db) == expected, f"tables differ after the kill at {moment:.1f} s"
