"""An analyst keeps the dashboard open while news comes in: `sitrep ingest` runs while `sitrep serve` serves."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from sitrep.scale.batch import ingest
from sitrep.settings import Settings

pytestmark = [pytest.mark.model, pytest.mark.slow]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def wait_until_serving(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"sitrep serve ended: {process.stderr.read() if process.stderr else ''}")
        try:
            get_json(url)
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("sitrep serve did not answer")


class Poller(threading.Thread):
    """The dashboard: asks for the overview every 50 ms and records what it saw."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.stop = url, threading.Event()
        self.seen: list[int] = []
        self.errors: list[str] = []
        self.slowest = 0.0

    def run(self) -> None:
        while not self.stop.is_set():
            start = time.monotonic()
            try:
                self.seen.append(get_json(self.url)["documents"])
            except OSError as exc:
                self.errors.append(repr(exc))
            self.slowest = max(self.slowest, time.monotonic() - start)
            time.sleep(0.05)


def test_ingest_runs_to_completion_while_serve_serves_the_store(nlp, tmp_path: Path, synthetic_corpus):
    db = tmp_path / "s.duckdb"
    ingest([str(synthetic_corpus(5, "first.jsonl"))], Settings(db_path=db), print)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "sitrep.cli", "serve", "--db", str(db), "--port", str(port)],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
    )
    url = f"http://127.0.0.1:{port}/api/overview"
    try:
        wait_until_serving(url, server)
        assert get_json(url)["documents"] == 5
        poller = Poller(url)
        poller.start()
        done = subprocess.run(
            [sys.executable, "-m", "sitrep.cli", "ingest", str(synthetic_corpus(40, "more.jsonl")), "--db", str(db),
             "--batch-size", "8", "--quiet"],
            capture_output=True, text=True, timeout=600,
        )
        poller.stop.set()
        poller.join(timeout=30)
        assert done.returncode == 0, done.stderr
        assert "stored 35 new documents" in done.stderr  # the first 5 ids are stored already
        assert get_json(url)["documents"] == 40  # the API shows the new documents
        assert poller.errors == []
        assert len(set(poller.seen)) > 2, f"the dashboard should see batches arrive, saw {sorted(set(poller.seen))}"
        print(f"requests during the ingest: {len(poller.seen)}, slowest {poller.slowest:.2f} s")
    finally:
        server.terminate()
        server.wait(timeout=30)
