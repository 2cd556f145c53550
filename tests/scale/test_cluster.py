"""A real Dask cluster: `dask scheduler` and two `dask worker` programs on 127.0.0.1.

`sitrep ingest --dask tcp://...` then `sitrep load` must leave every table as a
single-process ingest of the same input does, whether the workers read their
own shards or the client sends the documents; and a worker killed in the
middle of a run costs nothing: Dask runs its tasks again on the other worker,
each partition is written once (atomically), so nothing is lost or doubled.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitrep.scale.batch import ingest
from sitrep.settings import Settings
from tests.scale.conftest import snapshot

DASK = Path(sys.executable).with_name("dask")
BATCH = 2


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Cluster:
    address: str
    workers: list[subprocess.Popen]


def start(command: list[str], log: Path) -> subprocess.Popen:
    """A program in its own process group (a worker's nanny and worker die together)."""
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("w"), start_new_session=True)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[Cluster]:
    """A scheduler on a free port and two one-thread workers; always torn down."""
    from dask.distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = tmp_path / "logs"
    logs.mkdir()
    processes = [start([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                       logs / "scheduler.log")]
    try:
        for name in ("w1", "w2"):
            processes.append(start([str(DASK), "worker", address, "--name", name, "--nthreads", "1",
                                    "--nworkers", "1", "--memory-limit", "0", "--no-dashboard"], logs / f"{name}.log"))
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield Cluster(address, processes[1:])
    finally:
        for process in reversed(processes):
            stop(process)


def sitrep(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "sitrep.cli", *args], capture_output=True, text=True, timeout=900)


@pytest.fixture
def reference(nlp, tmp_path: Path, synthetic_corpus) -> tuple[Path, dict]:
    """The corpus and the snapshot of its single-process ingest."""
    corpus = synthetic_corpus(30)
    db = tmp_path / "one.duckdb"
    ingest([str(corpus)], Settings(db_path=db, batch_size=BATCH), print)
    return corpus, snapshot(db)


@pytest.mark.model
@pytest.mark.slow
def test_cluster_ingest_and_load_equal_one_process(cluster: Cluster, reference, tmp_path: Path):
    corpus, expected = reference
    for reading in ("--read-on-workers", "--read-on-client"):
        out, db = tmp_path / f"parts{reading}", tmp_path / f"dask{reading}.duckdb"
        coded = sitrep("ingest", str(corpus), "--dask", cluster.address, "--out", str(out),
                       "--batch-size", str(BATCH), reading, "--quiet")
        assert coded.returncode == 0, coded.stderr
        assert "coded 30 documents" in coded.stderr and "2 workers busy" in coded.stderr
        loaded = sitrep("load", str(out), "--db", str(db))
        assert loaded.returncode == 0, loaded.stderr
        assert snapshot(db) == expected, reading


@pytest.mark.model
@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(cluster: Cluster, reference, tmp_path: Path):
    corpus, expected = reference
    out, db = tmp_path / "parts", tmp_path / "dask.duckdb"
    command = [sys.executable, "-m", "sitrep.cli", "ingest", str(corpus), "--dask", cluster.address, "--out",
               str(out), "--batch-size", "1", "--read-on-client", "--log-progress"]
    run = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        lines = wait_for_progress(run)
        stop(cluster.workers[0])  # kill -9 the first worker (nanny and worker process) mid-run
        _, rest = run.communicate(timeout=900)
    finally:
        if run.poll() is None:
            run.kill()
    assert run.returncode == 0, rest
    assert int(lines.split()[2].split("/")[0]) < 30 and rest.count("sitrep: coded") >= 2  # the kill was mid-run
    assert "coded 30 documents" in rest  # the killed worker's tasks ran again on the other one
    loaded = sitrep("load", str(out), "--db", str(db))
    assert loaded.returncode == 0, loaded.stderr
    assert snapshot(db) == expected


def wait_for_progress(process: subprocess.Popen, timeout: float = 600) -> str:
    """The first progress line (one partition is written) of a running ingest."""
    assert process.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if line.startswith("sitrep: coded"):
            return line
        if not line and process.poll() is not None:
            break
    pytest.fail("the ingest ended or timed out before its first partition")
