"""RSS and Atom feeds, from a URL or a file, as documents.

Fetching is deliberately conservative: only http(s), a user agent that names
sitrep, a deadline for the whole download (not only per socket read) and a size
limit, so that one slow or huge source cannot stall or swamp a batch.  Every
failure is an InputError for that input; the batch goes on with the others.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.readers import OnError, make_document, normalise_date
from sitrep.models import Document
from sitrep.settings import Settings

URL_PREFIXES = ("http://", "https://")
BLOCK_TAGS = frozenset("p div br li h1 h2 h3 h4 h5 h6 blockquote tr section article".split())


@dataclass(frozen=True)
class FetchOptions:
    """Limits for one download."""

    timeout: float = 20.0  # seconds for the whole response, connect included
    max_bytes: int = 10_000_000
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
    """The body and content type at ``url``, within the time and size limits."""
    import urllib.error
    import urllib.request

    if not is_url(url):
        raise InputError(url, "is not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": options.user_agent, "Accept": "*/*"})
    deadline = time.monotonic() + options.timeout
    try:
        with urllib.request.urlopen(request, timeout=options.timeout) as response:
            _check_length(url, response.headers.get("Content-Length"), options.max_bytes)
            body = _read_limited(response, url, options.max_bytes, deadline)
            return body, response.headers.get("Content-Type", "").lower()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"server answered {exc.code} {exc.reason}", "check the address") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise InputError(url, f"cannot be fetched ({reason})", "check the address and the network") from exc


def _check_length(url: str, header: str | None, max_bytes: int) -> None:
    if header and header.isdigit() and int(header) > max_bytes:
        raise InputError(url, f"is {int(header):,} bytes, over the {max_bytes:,}-byte limit")


def _read_limited(response: Any, url: str, max_bytes: int, deadline: float) -> bytes:
    """Read in chunks, stopping at the size limit or the deadline."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(65536):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, f"is over the {max_bytes:,}-byte limit")
        if time.monotonic() > deadline:
            raise InputError(url, "took too long to download", "try again later")
        chunks.append(chunk)
    return b"".join(chunks)


def read_feed_bytes(
    body: bytes, name: str, settings: Settings, on_error: OnError, fetch_options: FetchOptions | None = None
) -> Iterator[Document]:
    """Documents from a feed's entries; ``fetch_options`` allows fetching entries that carry no text."""
    import feedparser

    feed = feedparser.parse(body)
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
    from sitrep.ingest.formats import extract_html

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
