"""``sitrep eval plover``: the coder against the PLOVER gold-standard sentences.

Scoring follows ``../shared/eval/README.md``:

- every sentence is coded on its own (its ``id`` is the document id);
- only events that carry a PLOVER type and are not negated count (statements,
  CAMEO 01, have no PLOVER type; a negated action did not happen);
- type precision = counted events whose type equals the sentence's type;
  type recall = sentences with at least one event of the right type;
- type+source+target recall = sentences with an event of the right type whose
  source country is among the gold source codes and whose target country among
  the gold target codes; a side without gold actors always matches, and an
  IGO-like gold code (IGO, NGO, UNO, ...) matches an actor that is an organisation.

The gold ``plover`` field holds the current PLOVER type (the ``event`` field
keeps the file's older names such as DEMAND or FIGHT), so it is what is scored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitrep.evaluate.scoring import (
    Score,
    code_texts,
    confusion_table,
    describe_event,
    read_jsonl,
    score_table,
)
from sitrep.coding.cameo import plover_types
from sitrep.models import Actor, Document, Event
from sitrep.resources import Resources
from sitrep.settings import Settings

# Non-state PLOVER country codes: matched by any organisation actor.
IGO_LIKE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "INT"})
# Older, non-ISO country codes still found in CAMEO-era gold files.
LEGACY_CODES = {
    "JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "GMY": "DEU",
}
NONE = "-"


def evaluate_plover(path: Path, settings: Settings, show_errors: int = 0) -> str:
    """Code every gold sentence and return the printable report."""
    records = read_jsonl(path, required=("text", "plover"))
    texts = ((str(r.get("id", i)), r["text"], r.get("date")) for i, r in enumerate(records))
    results = [(record, counted_events(doc)) for record, doc in zip(records, code_texts(texts, settings))]
    return report(path, results, show_errors)


def counted_events(doc: Document) -> list[Event]:
    """The events the PLOVER score looks at: typed and not negated, in coded order."""
    return [e for e in doc.events if e.plover and not e.negated]


def gold_codes(side: Any) -> set[str]:
    """Country codes of one gold side ("" or a list of {actorText, code, ...})."""
    if not isinstance(side, list):
        return set()
    codes = {str(a.get("code", "")).upper() for a in side if isinstance(a, dict)}
    return {LEGACY_CODES.get(c, c) for c in codes if c}


def side_matches(actor: Actor | None, codes: set[str]) -> bool:
    """README rule: no gold actors always matches; IGO-like codes match organisations."""
    if not codes:
        return True
    if actor is None:
        return False
    if actor.country and actor.country in codes:
        return True
    return bool(actor.org) and bool(codes & IGO_LIKE)


def actors_match(event: Event, record: dict[str, Any]) -> bool:
    sources, targets = gold_codes(record.get("source")), gold_codes(record.get("target"))
    return side_matches(event.source, sources) and side_matches(event.target, targets)


def report(path: Path, results: list[tuple[dict[str, Any], list[Event]]], show_errors: int) -> str:
    """Per-type table (in the order of ``cameo.plover_types``), confusion table, misses, headline lines."""
    types = plover_types(Resources())
    per_type = {t: Score() for t in types}
    overall, with_actors = Score(), Score()
    pairs, misses, actor_misses = [], [], []
    for record, events in results:
        gold = record["plover"]
        per_type.setdefault(gold, Score())
        for event in events:
            per_type.setdefault(event.plover, Score()).add_predictions(int(event.plover == gold), 1)
            overall.add_predictions(int(event.plover == gold), 1)
        right = [e for e in events if e.plover == gold]
        per_type[gold].add_gold(bool(right))
        overall.add_gold(bool(right))
        actors_right = any(actors_match(e, record) for e in right)
        with_actors.add_gold(actors_right)
        if right and not actors_right:
            actor_misses.append((record, right))
        pairs.append((gold, events[0].plover if events else NONE))
        if not right:
            misses.append((record, events))
    lines = [
        f"PLOVER gold standard: {path} ({overall.gold} sentences, {overall.predicted} counted events)",
        "",
        score_table({k: v for k, v in per_type.items() if v.gold or v.predicted}, title="type"),
        "",
        "Confusion (rows: gold type; columns: type of the first counted event, '-' = none)",
        confusion_table(pairs, [*types, NONE]),
    ]
    lines += error_lines(misses, show_errors, "Type misses")
    lines += error_lines(actor_misses, show_errors, "Right type, wrong or missing actors")
    lines += [
        "",
        f"type precision {overall.precision:.3f} ({overall.right}/{overall.predicted})",
        f"type recall {overall.recall:.3f} ({overall.found}/{overall.gold})",
        f"type F1 {overall.f1:.3f}",
        f"type+source+target recall {with_actors.recall:.3f} ({with_actors.found}/{with_actors.gold})",
    ]
    return "\n".join(lines)


def error_lines(misses: list[tuple[dict[str, Any], list[Event]]], limit: int, title: str) -> list[str]:
    """The first ``limit`` missed sentences with their gold codes and what was coded."""
    if limit <= 0 or not misses:
        return []
    lines = ["", f"{title} ({min(limit, len(misses))} of {len(misses)}):"]
    for record, events in misses[:limit]:
        src = ",".join(sorted(gold_codes(record.get("source")))) or "-"
        tgt = ",".join(sorted(gold_codes(record.get("target")))) or "-"
        lines.append(f"- [{record['plover']} {src} -> {tgt}] {record['text']}")
        lines.extend(f"    coded: {describe_event(e)}" for e in events)
    return lines
