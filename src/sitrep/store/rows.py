"""Documents to table rows: the one place that knows both shapes.

The event CSV of ``sitrep code --format csv`` (output.py) is built from the
same event rows, so its row and column shaping is here too.
"""

from __future__ import annotations

import math
from datetime import date
from functools import cache
from typing import Any

from sitrep.models import Count, Document, Event, Quote, Stance
from sitrep.store.schema import column_names, column_types, flatten_actor, flatten_location

# Event columns for CSV output: document columns first, then the flat event row.
CSV_DOC_COLUMNS = ("doc_id", "doc_title", "doc_date", "doc_url")

# What each column type holds; a value outside it is stored as NULL rather than failing the batch.
INT_RANGES = {
    "INTEGER": (-(2**31), 2**31 - 1),
    "BIGINT": (-(2**63), 2**63 - 1),
    "SMALLINT": (-(2**15), 2**15 - 1),
}


def document_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table, keyed by table name, every value fitting its column."""
    return {table: [fit_row(table, row) for row in rows] for table, rows in _raw_rows(doc).items()}


def fit_row(table: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with each value the column cannot hold (an int past BIGINT, NaN, a bad date) set to None."""
    kinds = _kinds(table)
    return {name: fit_value(kinds.get(name, ""), value) for name, value in row.items()}


@cache
def _kinds(table: str) -> dict[str, str]:
    return dict(column_types(table))


def fit_value(kind: str, value: Any) -> Any:
    """``value`` if a column of type ``kind`` holds it, else None."""
    if value is None or isinstance(value, bool):
        return value
    if kind in INT_RANGES:
        low, high = INT_RANGES[kind]
        return value if isinstance(value, int) and low <= value <= high else None
    if kind == "DOUBLE":
        return float(value) if isinstance(value, (int, float)) and _finite(value) else None
    if kind == "DATE":
        return _iso_date(value)
    if kind == "VARCHAR" and isinstance(value, str):
        return storable_text(value)
    return value


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def _iso_date(value: Any) -> str | None:
    """A ``YYYY-MM-DD`` string DuckDB accepts, or None."""
    try:
        return date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def storable_text(text: str) -> str:
    """Text that encodes as UTF-8 (lone surrogates from JSON escapes become U+FFFD)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
    return text


def _raw_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    return {
        "documents": [_document_row(doc)],
        "doc_sources": [
            {"doc_id": doc.id, "source_id": doc.id, "url": doc.url, "source": doc.source, "kind": "original"}
        ],
        "sentences": [
            {"doc_id": doc.id, "sentence_index": s.index, "text": s.text, "start_char": s.start, "end_char": s.end}
            for s in doc.sentences
        ],
        "events": [event_row(doc.id, i, e) for i, e in enumerate(doc.events)],
        "actors": [
            {"doc_id": doc.id, **flatten_actor("actor", a), "mentions": a.mentions} for a in doc.actors
        ],
        "quotes": [_quote_row(doc.id, q) for q in doc.quotes],
        "counts": [_count_row(doc.id, c) for c in doc.counts],
        "locations": [{"doc_id": doc.id, **loc.as_dict()} for loc in doc.locations],
        "stances": [_stance_row(doc.id, s) for s in doc.stances],
    }


def _quote_row(doc_id: str, quote: Quote) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence_index": quote.sentence_index,
        **flatten_actor("speaker", quote.speaker),
        "text": quote.text,
        "direct": quote.direct,
        "cue": quote.cue,
        "start_char": quote.start,
        "end_char": quote.end,
    }


def _count_row(doc_id: str, count: Count) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence_index": count.sentence_index,
        "number": count.number,
        "unit": count.unit,
        **flatten_actor("actor", count.actor),
        "text": count.text,
        "vague": count.vague,
        "approximate": count.approximate,
        "sentence": count.sentence,
    }


def _stance_row(doc_id: str, stance: Stance) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence_index": stance.sentence_index,
        **flatten_actor("actor", stance.actor),
        "issue": stance.issue,
        "polarity": stance.polarity,
        "evidence": stance.evidence,
    }


def _document_row(doc: Document) -> dict[str, Any]:
    return {
        "id": doc.id,
        "text_sha1": doc.text_sha1,
        "title": doc.title,
        "date": doc.date,
        "url": doc.url,
        "source": doc.source,
        "text": doc.text,
        "n_sentences": len(doc.sentences),
        "truncated": doc.truncated,
        "notes": "; ".join(doc.notes) or None,
    }


def event_row(doc_id: str, index: int, event: Event) -> dict[str, Any]:
    """One event as a flat row."""
    return {
        "doc_id": doc_id,
        "event_index": index,
        "sentence_index": event.sentence_index,
        "sentence": event.sentence,
        **flatten_actor("source", event.source),
        **flatten_actor("target", event.target),
        "cameo": event.cameo,
        "root": event.root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover": event.plover,
        "mode": event.mode,
        "negated": event.negated,
        "intent": event.intent,
        "trigger": event.trigger,
        "date": event.date,
        **flatten_location(event.location),
        **flatten_actor("reported_by", event.reported_by),
        "date_source": event.date_source,
        "date_precision": event.date_precision,
    }



def event_csv_rows(doc: Document) -> list[dict[str, Any]]:
    """One flat row per event, with the document's title, date and URL."""
    meta = {"doc_title": doc.title, "doc_date": doc.date, "doc_url": doc.url}
    return [{**event_row(doc.id, i, e), **meta} for i, e in enumerate(doc.events)]


def csv_columns() -> list[str]:
    """Column order of the event CSV."""
    return [*CSV_DOC_COLUMNS, *[c for c in column_names("events") if c != "doc_id"]]
