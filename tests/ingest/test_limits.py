"""Real limits on input: wall-clock fetch deadlines, redirect caps, foreign links, special files, encodings."""

from __future__ import annotations

import gzip
import json
import os
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.errors import InputError, InputWarning
from sitrep.ingest.feeds import FetchOptions, fetch, read_feed_bytes, same_site
from sitrep.ingest.readers import normalise_date, read_inputs
from sitrep.settings import Settings
from tests.ingest.test_feeds import QuietServer

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>
<item><guid>w-1</guid><title>Here</title><link>{base}/story</link></item>
<item><guid>w-2</guid><title>Elsewhere</title><link>http://elsewhere.invalid/story</link></item>
<item><guid>w-3</guid><title>Inline</title><description>Norway sent a ship to Svalbard.</description></item>
</channel></rss>"""
STORY = "<html><head><title>Story</title></head><body><article><p>Denmark rejected the US proposal on " \
        "Wednesday, the foreign minister said in Copenhagen.</p></article></body></html>"


class Trickle(BaseHTTPRequestHandler):
    """Routes that never let a socket read time out, redirect loops, gzip bodies."""

    def do_GET(self) -> None:  # noqa: N802
        assert isinstance(self.server, ThreadingHTTPServer)  # the fixture serves with one
        base = f"http://127.0.0.1:{self.server.server_port}"
        try:
            if self.path == "/trickle-body":
                self._head("application/rss+xml")
                for _ in range(60):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.25)
            elif self.path == "/trickle-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for i in range(60):
                    self.wfile.write(f"X-Pad-{i}: a\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.25)
            elif self.path.startswith("/loop"):
                self.send_response(302)
                self.send_header("Location", f"{base}/loop{len(self.path)}")
                self.end_headers()
            elif self.path == "/to-file":
                self.send_response(302)
                self.send_header("Location", "file:///etc/passwd")
                self.end_headers()
            elif self.path == "/feed.rss.gz":
                self._send("application/rss+xml", gzip.compress(FEED.format(base=base).encode()))
            elif self.path == "/feed-encoded":
                self._send("application/rss+xml", gzip.compress(FEED.format(base=base).encode()), "gzip")
            elif self.path == "/feed":
                self._send("application/rss+xml", FEED.format(base=base).encode())
            elif self.path == "/story":
                self._send("text/html", STORY.encode())
            else:
                self.send_error(404)
        except (BrokenPipeError, ConnectionResetError):
            return

    def _head(self, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()

    def _send(self, kind: str, body: bytes, encoding: str | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Trickle)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("path", ["/trickle-body", "/trickle-headers"])
def test_a_trickling_server_is_cut_at_the_wall_clock_deadline(server: str, path: str):
    start = time.monotonic()
    with pytest.raises(InputError, match="took longer than 1 s"):
        fetch(server + path, FetchOptions(timeout=1.0))
    assert time.monotonic() - start < 3.0


@pytest.mark.parametrize(
    ("path", "problem"),
    [("/loop", "cannot be fetched|redirect"), ("/to-file", "not allowed|not http")],
)
def test_redirects_are_capped_and_stay_on_http(server: str, path: str, problem: str):
    with pytest.raises(InputError, match=problem):
        fetch(server + path, FetchOptions(timeout=5, max_redirects=3))


@pytest.mark.parametrize("path", ["/feed.rss.gz", "/feed-encoded"])
def test_a_gzip_feed_is_read(server: str, path: str):
    errors: list[InputError] = []
    docs = list(read_inputs([server + path], Settings(), errors.append))
    assert "Norway sent a ship to Svalbard." in [d.text for d in docs]


def test_feed_links_are_fetched_only_from_the_feeds_host(server: str):
    errors: list[InputError] = []
    docs = list(read_inputs([server + "/feed"], Settings(), errors.append))
    assert sorted(d.id for d in docs) == ["w-1", "w-3"]
    (foreign,) = errors
    assert "elsewhere.invalid" in str(foreign) and "--allow-host" in str(foreign)


@pytest.mark.parametrize(
    ("link", "feed", "allowed", "expected"),
    [
        ("http://a.example/x", "http://a.example/feed", (), True),
        ("https://A.example/x", "http://a.example/feed", (), True),
        ("http://b.example/x", "http://a.example/feed", (), False),
        ("http://b.example/x", "http://a.example/feed", ("b.example",), True),
        ("http:///x", "http://a.example/feed", (), False),
    ],
)
def test_same_site(link: str, feed: str, allowed: tuple[str, ...], expected: bool):
    assert same_site(link, feed, allowed) is expected


def test_a_fifo_is_refused_with_one_line(tmp_path: Path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "ok.txt").write_text("Norway sent a ship.", encoding="utf-8")
    errors: list[InputError] = []
    docs = list(read_inputs([str(fifo), str(tmp_path / "ok.txt")], Settings(), errors.append))
    assert [d.text for d in docs] == ["Norway sent a ship."]
    (error,) = errors
    assert "not a regular file" in str(error)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_with_a_bom_is_text(tmp_path: Path, codec: str):
    text = "Danmark afviste forslaget, sagde ministeren."
    bom = {"utf-16": b"", "utf-16-be": b"\xfe\xff", "utf-16-le": b"\xff\xfe"}[codec]
    path = tmp_path / "a.txt"
    path.write_bytes(bom + text.encode(codec))
    (doc,) = read_inputs([str(path)], Settings(), print)
    assert doc.text == text


def test_jsonl_id_zero_is_an_id_and_bad_dates_are_noted(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    lines = [{"id": 0, "text": "Norway sent a ship.", "date": "99999-99-99"},
             {"id": "", "text": "Sweden sent a ship.", "date": "2026-02-30"},
             {"text": "Finland sent a ship \ud800.", "date": "2026-01-15T10:00:00Z"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    docs = list(read_inputs([str(path)], Settings(), print))
    assert [d.id for d in docs] == ["0", f"{path}:2", f"{path}:3"]
    assert [d.date for d in docs] == [None, None, "2026-01-15"]
    assert "99999-99-99" in docs[0].notes[0] and docs[2].notes == []
    assert "\ufffd" in docs[2].text


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2026-01-15", "2026-01-15"), ("2026/1/5", "2026-01-05"), ("2026-01-15 08:00", "2026-01-15"),
     ("99999-99-99", None), ("2026-13-01", None), ("9999-12-01x", None), ("yesterday", None)],
)
def test_dates_are_read_strictly(value: str, expected: str | None):
    assert normalise_date(value) == expected


def test_malformed_dates_become_one_warning_line(nlp, tmp_path: Path):
    from sitrep import pipeline

    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "x", "text": "Norway sent a ship.", "date": "15/15/2026"}) + "\n")
    problems: list[InputError] = []
    (doc,) = pipeline.code_inputs([str(path)], Settings(), problems.append)
    (warning,) = problems
    assert isinstance(warning, InputWarning) and "15/15/2026" in str(warning) and doc.date is None


def test_a_gzip_feed_file_is_read(tmp_path: Path):
    body = gzip.compress(FEED.format(base="http://x.example").encode())
    docs = list(read_feed_bytes(body, "f.rss", Settings(), print))
    assert [d.id for d in docs] == ["w-3"]
