"""RSS and Atom feeds, from a URL or a file, as documents.

Fetching is deliberately conservative: only http(s), a user agent that names
sitrep, a deadline for the whole download (not only per socket read) and a size
limit, so that one slow or huge source cannot stall or swamp a batch.  Every
failure is an InputError for that input; the batch goes on with the others.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitrep.errors import InputError
from sitrep.ingest.documents import OnError, make_document, normalise_date
from sitrep.ingest.formats import extract_html
from sitrep.models import Document
from sitrep.settings import Settings

URL_PREFIXES = ("http://", "https://")
BLOCK_TAGS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote tr section article".split())


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one download."""

    timeout: float = 20.0  # seconds of wall clock for the whole fetch: connect, redirects, headers, body
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    user_agent: str = "sitrep/0.1 (news event coder; +https://example.org/sitrep)"


def is_url(raw: str) -> bool:
    """Whether an input names a web address rather than a path."""
    return raw.lower().startswith(URL_PREFIXES)


def read_url(
    url: str, settings: Settings, on_error: OnError, options: FetchOptions = FetchOptions()
) -> Iterator[Document]:
    """The entries of the feed at ``url``; a plain web page is read as one article."""
    body, content_type = fetch(url, options)
    head = body[:2048].lower()
    if "html" in content_type and not any(tag in head for tag in (b"<rss", b"<feed", b"<rdf")):
        yield article_document(url, body, settings)
        return
    yield from read_feed_bytes(body, url, settings, on_error, fetch_options=options)


def fetch(url: str, options: FetchOptions = FetchOptions()) -> tuple[bytes, str]:
    """The body and content type at ``url``, within one wall-clock deadline and the size limit.

    Socket timeouts alone do not bound a fetch: a server that sends one byte
    every second never lets a read time out.  A timer therefore shuts the
    socket down when the deadline passes, whatever the fetch is waiting for.
    """
    if not is_url(url):
        raise InputError(url, "is not an http(s) address")
    watch = Deadline(options.timeout)
    try:
        with watch:
            with _opener(watch, options).open(_request(url, options), timeout=options.timeout) as response:
                _check_length(url, response.headers.get("Content-Length"), options.max_bytes)
                body = _read_limited(response, url, options.max_bytes, watch)
                content_type = response.headers.get("Content-Type", "").lower()
    except InputError:
        raise
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"server answered {exc.code} {exc.reason}", "check the address") from exc
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        if watch.expired:
            raise _too_slow(url, options) from exc
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"cannot be fetched ({reason})", "check the address and the network") from exc
    if watch.expired:
        raise _too_slow(url, options)
    return maybe_gunzip(body, url, options.max_bytes), content_type


def _too_slow(url: str, options: FetchOptions) -> InputError:
    return InputError(url, f"took longer than {options.timeout:g} s to fetch", "try again later")


def _request(url: str, options: FetchOptions) -> Any:
    headers = {"User-Agent": options.user_agent, "Accept": "*/*", "Accept-Encoding": "gzip"}
    return urllib.request.Request(url, headers=headers)


class Deadline:
    """A wall-clock limit that shuts down every socket it was given once the time is up."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._start = time.monotonic()

    def __enter__(self) -> Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def remaining(self) -> float:
        return max(0.0, self.seconds - (time.monotonic() - self._start))

    def add(self, sock: Any) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shutdown(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shutdown(sock)


def _shutdown(sock: Any) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


def _opener(watch: Deadline, options: FetchOptions) -> Any:
    """A urllib opener whose connections report their sockets to ``watch``, with capped redirects."""
    def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Connection(base):  # type: ignore[misc, valid-type]  # mypy cannot check a base class held in a variable
            def connect(self) -> None:
                self.timeout = watch.remaining() + 1.0  # the deadline, not a socket timeout, ends a slow fetch
                super().connect()
                watch.add(self.sock)

        return Connection

    http_class, https_class = watched(http.client.HTTPConnection), watched(http.client.HTTPSConnection)

    class Http(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(http_class, req)

    class Https(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(https_class, req)

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = options.max_redirects

        def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
            if not is_url(newurl):
                raise InputError(req.full_url, f"redirects to {newurl[:80]!r}, which is not http(s)")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(Http, Https, Redirects)


def _check_length(url: str, header: str | None, max_bytes: int) -> None:
    if header and header.isdigit() and int(header) > max_bytes:
        raise InputError(url, f"is {int(header):,} bytes, over the {max_bytes:,}-byte limit")


def _read_limited(response: Any, url: str, max_bytes: int, watch: Deadline) -> bytes:
    """Read in chunks, stopping at the size limit (the deadline shuts the socket itself)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, f"is over the {max_bytes:,}-byte limit")
        chunks.append(chunk)
        if watch.expired:
            break
    return b"".join(chunks)


GZIP_MAGIC = b"\x1f\x8b"


def maybe_gunzip(body: bytes, name: str, max_bytes: int = 10_000_000) -> bytes:
    """A gzip-compressed body (a ``.gz`` feed, ``Content-Encoding: gzip``) unpacked, within the size limit."""
    if not body.startswith(GZIP_MAGIC):
        return body
    unpacker = zlib.decompressobj(wbits=31)
    try:
        data = unpacker.decompress(body, max_bytes + 1)
    except zlib.error as exc:
        raise InputError(name, f"is gzip data that cannot be unpacked ({exc})") from exc
    if len(data) > max_bytes:
        raise InputError(name, f"unpacks to over the {max_bytes:,}-byte limit")
    return data


def same_site(link: str, feed: str, allowed: tuple[str, ...] = ()) -> bool:
    """Whether a feed's entry link may be fetched: the feed's own host, or one the user allowed."""
    host = (urlsplit(link).hostname or "").lower()
    return bool(host) and (host == (urlsplit(feed).hostname or "").lower() or host in allowed)


def read_feed_file(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """An RSS or Atom feed saved to a file (``.rss``, ``.atom``, ``.xml``)."""
    yield from read_feed_bytes(path.read_bytes(), str(path), settings, on_error)


def read_feed_bytes(
    body: bytes, name: str, settings: Settings, on_error: OnError, fetch_options: FetchOptions | None = None
) -> Iterator[Document]:
    """Documents from a feed's entries; ``fetch_options`` allows fetching entries that carry no text."""
    import feedparser  # here, not at the top: only feed inputs need it, and it costs a tenth of a second

    feed = feedparser.parse(maybe_gunzip(body, name))
    if not feed.entries:
        problem = "is not an RSS or Atom feed" if feed.bozo else "is a feed with no entries"
        raise InputError(name, problem, "give a feed address or file")
    for number, entry in enumerate(feed.entries, start=1):
        try:
            yield entry_document(entry, f"{name}#{number}", name, settings, fetch_options)
        except InputError as err:
            on_error(err)


def entry_document(
    entry: Any, where: str, feed_name: str, settings: Settings, fetch_options: FetchOptions | None
) -> Document:
    """One feed entry as a Document; the linked article is fetched only when the entry has no text."""
    link = entry.get("link") or None
    text = entry_text(entry)
    if not text and link and fetch_options is not None and is_url(link):
        allowed = tuple(h.lower() for h in settings.allow_hosts)
        if not same_site(link, feed_name, allowed):
            raise InputError(
                where,
                f"links to {link[:120]} on another host than the feed's; not fetched",
                "pass --allow-host HOST to fetch entries from that host",
            )
        body, _ = fetch(link, fetch_options)
        return article_document(link, body, settings, entry_id=entry.get("id"), source=feed_name)
    if not text:
        raise InputError(where, "has no text", "the feed entry carries neither content nor summary")
    return make_document(
        entry.get("id") or link or where,
        text,
        settings,
        title=_plain(entry.get("title")),
        date=entry_date(entry),
        url=link,
        source=feed_name,
    )


def entry_text(entry: Any) -> str:
    """The fullest text an entry carries: content, else summary, as plain text."""
    for content in entry.get("content") or []:
        text = html_to_text(content.get("value") or "")
        if text:
            return text
    return html_to_text(entry.get("summary") or "")


def entry_date(entry: Any) -> str | None:
    """``YYYY-MM-DD`` from the entry's published or updated time."""
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"
    return normalise_date(entry.get("published") or entry.get("updated"))


def article_document(
    url: str, body: bytes, settings: Settings, entry_id: str | None = None, source: str | None = None
) -> Document:
    """A fetched web page as one document (main text via trafilatura)."""
    page = extract_html(body, url, url=url)  # bytes: trafilatura honours the page's declared charset
    return make_document(entry_id or url, page.pop("text"), settings, source=source or url, **page)


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, with paragraph breaks where blocks end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: paragraphs kept, spaces collapsed."""
    if "<" not in fragment:
        return " ".join(fragment.split())
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    paragraphs = (" ".join(p.split()) for p in "".join(collector.parts).split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)


def _plain(value: Any) -> str | None:
    return html_to_text(value) or None if isinstance(value, str) else None
