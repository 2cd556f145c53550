"""``sitrep eval pentaclass``: five-class news sentences (ConfliBERT CAMEO classes).

Scoring follows ``../shared/eval/README.md``: each sentence is coded on its own
and its class is that of the first event coded in it (events are ordered main
clause first, statements last), with class 0 when nothing is coded.  Classes
(the README's corrected mapping): 0 statements and appeals (roots 01-02),
1 verbal cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict
(09-13 and 16: reducing relations), 4 material conflict (14-15, 17-20).
Negated events are skipped: what did not happen is not the sentence's action.

Besides accuracy, the report shows a root-by-gold-class table: it is the quickest
way to see which CAMEO roots fall in which class.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from sitrep.coding.cameo import pentaclass
from sitrep.evaluate.scoring import (
    Score,
    accuracy,
    code_texts,
    confusion_table,
    describe_event,
    macro_f1,
    read_jsonl,
    score_table,
)
from sitrep.models import Document, Event
from sitrep.settings import Settings

CLASSES = ("0", "1", "2", "3", "4")
CLASS_NAMES = {
    "0": "statement / none",
    "1": "verbal cooperation",
    "2": "material cooperation",
    "3": "verbal conflict",
    "4": "material conflict",
}


def evaluate_pentaclass(path: Path, settings: Settings, show_errors: int = 0) -> str:
    """Code every sentence and return the printable report."""
    records = read_jsonl(path, required=("text", "class"))
    texts = ((f"s{i}", r["text"], None) for i, r in enumerate(records))
    results = [(record, first_event(doc)) for record, doc in zip(records, code_texts(texts, settings))]
    return report(path, results, show_errors)


def first_event(doc: Document) -> Event | None:
    """The sentence's main action: the first coded event that was not negated."""
    return next((e for e in doc.events if not e.negated), None)


def event_class(event: Event | None) -> str:
    return "0" if event is None else str(pentaclass(event.cameo))


def report(path: Path, results: list[tuple[dict[str, Any], Event | None]], show_errors: int) -> str:
    """Per-class table, confusion table, root table, misses, then the headline lines."""
    pairs = [(str(record["class"]), event_class(event)) for record, event in results]
    per_class = {c: Score() for c in CLASSES}
    for gold, pred in pairs:
        per_class.setdefault(pred, Score()).add_predictions(int(gold == pred), 1)
        per_class.setdefault(gold, Score()).add_gold(gold == pred)
    named = {f"{c} {CLASS_NAMES.get(c, '')}".strip(): s for c, s in per_class.items()}
    roots = [(str(record["class"]), event.root if event else "--") for record, event in results]
    majority = Counter(g for g, _ in pairs).most_common(1)[0][1] / len(pairs) if pairs else 0.0
    lines = [
        f"Five-class sentences: {path} ({len(pairs)} sentences, majority class {majority:.3f})",
        "",
        score_table(named, title="class", total=None),
        "",
        "Confusion (rows: gold class; columns: class of the first event)",
        confusion_table(pairs, list(CLASSES)),
        "",
        "Gold class by CAMEO root of the first event ('--' = no event)",
        confusion_table(roots, list(CLASSES), row_title="class", col_title="root"),
    ]
    lines += error_lines(results, pairs, show_errors)
    coded = sum(1 for _, event in results if event is not None)
    lines += [
        "",
        f"sentences with an event {coded}/{len(pairs)}",
        f"macro F1 {macro_f1(per_class):.3f}",
        f"accuracy {accuracy(pairs):.3f} ({sum(g == p for g, p in pairs)}/{len(pairs)})",
    ]
    return "\n".join(lines)


def error_lines(results: list[tuple[dict[str, Any], Event | None]], pairs: list[tuple[str, str]],
                limit: int) -> list[str]:
    """The first ``limit`` misclassified sentences with the event that decided them."""
    misses = [(r, e, p) for (r, e), (g, p) in zip(results, pairs) if g != p]
    if limit <= 0 or not misses:
        return []
    lines = ["", f"Misses ({min(limit, len(misses))} of {len(misses)}):"]
    for record, event, pred in misses[:limit]:
        lines.append(f"- [gold {record['class']} coded {pred}] {record['text']}")
        if event is not None:
            lines.append(f"    first: {describe_event(event)}")
    return lines
