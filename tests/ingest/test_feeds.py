"""RSS/Atom by URL and file, against a local HTTP server on 127.0.0.1 started by the test."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.feeds import FetchOptions, fetch, html_to_text, read_url
from sitrep.ingest.readers import read_inputs
from sitrep.settings import Settings

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Wire</title>
<item><guid>wire-1</guid><title>Denmark rejects proposal</title><link>{base}/news/1</link>
<pubDate>Wed, 14 Jan 2026 10:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>Denmark rejected the US proposal on Wednesday.</p>
<p>Greenland's premier agreed.</p>]]>
</content:encoded>
</item>
<item><guid>wire-2</guid><title>Sweden sends troops</title><link>{base}/news/2</link>
<description>Sweden &lt;b&gt;sent&lt;/b&gt; troops to Greenland.</description></item>
<item><guid>wire-3</guid><title>Full story only</title><link>{base}/article.html</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Alliance</title><id>urn:x</id>
<updated>2026-01-20T00:00:00Z</updated>
<entry><id>urn:alliance:1</id><title>Alliance statement</title><updated>2026-01-20T08:00:00Z</updated>
<link href="{base}/alliance/1"/>
<summary>The alliance said the exercise was planned for months.</summary></entry>
</feed>"""

ARTICLE = """<html><head><title>Full story</title></head><body><nav>Home | World</nav><article>
<p>France and Germany said on Thursday that they would send more ships to the North Atlantic exercise.</p>
<p>The defence ministers met in Paris and agreed to share logistics with Denmark.</p>
</article></body></html>"""


class Handler(BaseHTTPRequestHandler):
    agents: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        Handler.agents.append(self.headers.get("User-Agent", ""))
        assert isinstance(self.server, ThreadingHTTPServer)  # the fixture serves with one
        base = f"http://127.0.0.1:{self.server.server_port}"
        routes = {
            "/feed.rss": ("application/rss+xml", RSS.format(base=base)),
            "/atom": ("application/atom+xml", ATOM.format(base=base)),
            "/article.html": ("text/html; charset=utf-8", ARTICLE),
            "/page": ("text/html", ARTICLE),
        }
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/big":
            self._send("application/rss+xml", b"x" * 5000)
        elif self.path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"<!-- padding -->" * 512)
        elif self.path in routes:
            kind, text = routes[self.path]
            self._send(kind, text.encode("utf-8"))
        else:
            self.send_error(404, "Not Found")

    def _send(self, kind: str, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        return None


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that stops reading at its size limit is expected here, not an error."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def read(url: str) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    return list(read_inputs([url], Settings(), errors.append)), errors


def test_rss_by_url(server: str):
    docs, errors = read(f"{server}/feed.rss")
    assert errors == []
    assert [d.id for d in docs] == ["wire-1", "wire-2", "wire-3"]
    first, second, third = docs
    assert first.text == "Denmark rejected the US proposal on Wednesday.\n\nGreenland's premier agreed."
    assert (first.date, first.url, first.source) == ("2026-01-14", f"{server}/news/1", f"{server}/feed.rss")
    assert second.text == "Sweden sent troops to Greenland." and second.title == "Sweden sends troops"
    assert third.text.startswith("France and Germany said") and "Home" not in third.text  # fetched article
    assert all(agent.startswith("sitrep/") for agent in Handler.agents)


def test_atom_by_url(server: str):
    (doc,), errors = read(f"{server}/atom")
    assert errors == [] and (doc.id, doc.date, doc.title) == (
        "urn:alliance:1",
        "2026-01-20",
        "Alliance statement",
    )


def test_web_page_by_url_is_one_article(server: str):
    (doc,), errors = read(f"{server}/page")
    assert errors == [] and doc.id == f"{server}/page" and "North Atlantic" in doc.text


@pytest.mark.parametrize(
    ("path", "options", "problem"),
    [
        ("/missing", FetchOptions(), "404"),
        ("/slow", FetchOptions(timeout=0.5), "took longer than 0.5 s"),
        ("/big", FetchOptions(max_bytes=1000), "over the 1,000-byte limit"),
        ("/endless", FetchOptions(max_bytes=100_000), "over the 100,000-byte limit"),
    ],
)
def test_fetch_limits_are_input_errors(server: str, path: str, options: FetchOptions, problem: str):
    started = time.monotonic()
    with pytest.raises(InputError, match=problem):
        list(read_url(f"{server}{path}", Settings(), lambda err: None, options))
    assert time.monotonic() - started < 1.9


def test_fetch_refuses_other_schemes():
    with pytest.raises(InputError, match="not an http"):
        fetch("file:///etc/passwd")


def test_bad_url_does_not_stop_the_batch(server: str, tmp_path: Path):
    good = tmp_path / "a.txt"
    good.write_text("Norway sent a frigate.", encoding="utf-8")
    errors: list[InputError] = []
    docs = list(read_inputs([f"{server}/missing", str(good)], Settings(), errors.append))
    assert [d.id for d in docs] == [str(good)] and "404" in str(errors[0])


def test_not_a_feed_file(tmp_path: Path):
    path = tmp_path / "sitemap.xml"
    path.write_text("<urlset><url><loc>x</loc></url></urlset>", encoding="utf-8")
    errors: list[InputError] = []
    assert list(read_inputs([str(path)], Settings(), errors.append)) == []
    assert "feed" in str(errors[0])


@pytest.mark.parametrize(
    ("fragment", "text"),
    [
        ("plain   text", "plain text"),
        ("<p>One.</p><p>Two &amp; three.</p>", "One.\n\nTwo & three."),
        ("<div>A<script>alert(1)</script> B</div>", "A B"),
    ],
)
def test_html_to_text(fragment: str, text: str):
    assert html_to_text(fragment) == text
