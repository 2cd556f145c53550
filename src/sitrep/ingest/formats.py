"""Readers for richer file formats (HTML, CSV/TSV), keyed by file suffix.

Each reader has the signature ``(path, settings, on_error) -> Iterator[Document]``.
HTML pages keep only their main text (trafilatura drops menus, footers and
comments), because boilerplate would otherwise be coded as news.  CSV rows
become documents through ``settings.columns`` (``--text-col`` and friends).
Saved RSS/Atom feeds are read by ``feeds`` (which uses ``extract_html`` for
linked pages); ``readers`` puts both tables together.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.documents import OnError, decode_text, make_document
from sitrep.models import Document
from sitrep.settings import Settings

Reader = Callable[[Path, Any, Any], Iterator[Document]]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
CSV_DELIMITERS = {".csv": ",", ".tsv": "\t"}
FEED_SUFFIXES = (".rss", ".atom", ".xml")  # saved RSS/Atom feeds: read by ingest.feeds, dispatched by readers


def read_html(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """One document: the page's main text, with its title, date and canonical URL."""
    page = extract_html(decode_text(path.read_bytes(), str(path)), str(path))
    yield make_document(str(path), page.pop("text"), settings, source=str(path), **page)


def extract_html(html: str | bytes, name: str, url: str | None = None) -> dict[str, Any]:
    """``{text, title, date, url}`` of a page's main content, or an InputError."""
    import trafilatura  # here, not at the top: a third of a second to import, and most runs read no HTML

    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise InputError(
            name, f"cannot parse HTML ({type(exc).__name__})", "check the file is a web page"
        ) from exc
    data = result.as_dict() if result is not None and hasattr(result, "as_dict") else (result or {})
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError(
            name, "has no main text that could be extracted", "give an article page, not an index"
        )
    title = data.get("title") or None
    return {
        "text": drop_heading(text, title),
        "title": title,
        "date": data.get("date"),
        "url": data.get("url") or url,
    }


def drop_heading(text: str, title: str | None) -> str:
    """The text without a first line that only repeats the title (it is stored apart)."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and first.strip() == title.strip():
        return rest.strip()
    return text


def read_csv(path: Path, settings: Settings, on_error: OnError) -> Iterator[Document]:
    """One document per row; the columns come from ``settings.columns``."""
    columns = settings.columns
    reader = csv.DictReader(
        io.StringIO(decode_text(path.read_bytes(), str(path))), delimiter=_delimiter(path)
    )
    check_columns(reader.fieldnames or [], columns.text, str(path))
    _raise_field_limit()
    for number, row in enumerate(reader, start=2):
        where = f"{path}:{number}"
        try:
            yield document_from_row(row, columns, where, settings, str(path))
        except InputError as err:
            on_error(err)


def check_columns(fieldnames: Sequence[str], text_col: str, name: str) -> None:
    """An InputError naming the columns there are when the text column is missing."""
    if text_col not in fieldnames:
        shown = ", ".join(fieldnames[:12]) or "none"
        raise InputError(
            name, f"has no column {text_col!r} (columns: {shown})", "name the text column with --text-col"
        )


def document_from_row(
    row: dict[str, Any], columns: Any, where: str, settings: Settings, source: str
) -> Document:
    """A Document from a CSV row; the id falls back to ``file:line``."""
    text = row.get(columns.text)
    if not text or not text.strip():
        raise InputError(where, f"has an empty {columns.text!r} column", "fill it or remove the row")
    return make_document(
        _cell(row, columns.id) or where,
        text,
        settings,
        title=_cell(row, columns.title),
        date=_cell(row, columns.date),
        url=_cell(row, columns.url),
        source=source,
    )


def count_csv_rows(path: Path) -> int:
    """Data rows of a CSV file (quoted newlines handled), for the progress total."""
    _raise_field_limit()
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
        return max(0, sum(1 for _ in csv.reader(handle, delimiter=_delimiter(path))) - 1)


def _delimiter(path: Path) -> str:
    return CSV_DELIMITERS.get(path.suffix.lower(), ",")


def _cell(row: dict[str, Any], column: str) -> str | None:
    value = row.get(column)
    return value.strip() or None if isinstance(value, str) else None


def _raise_field_limit() -> None:
    """News articles are longer than the csv module's default 128 KiB field limit."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


READERS: dict[str, Reader] = {
    **{suffix: read_html for suffix in HTML_SUFFIXES},
    ".csv": read_csv,
    ".tsv": read_csv,
}
"""HTML and CSV/TSV readers by suffix; ``readers`` adds the saved feeds (``FEED_SUFFIXES``: ``feeds``)."""
