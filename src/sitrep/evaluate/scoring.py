"""Scoring helpers shared by every ``sitrep eval`` report.

Precision and recall are kept as four counts rather than one true-positive
count, because the data sets here count hits differently on the two sides: a
PLOVER sentence is *found* when at least one event of its type is coded, while
precision counts every coded event; a PolNeAR attribution is found when any
quote overlaps it.  ``Score`` therefore holds hits among predictions and hits
among gold items separately.

All functions are pure and return text; only the CLI prints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.readers import parse_json_line
from sitrep.models import Actor, Document, Event
from sitrep.settings import Settings


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0.0 when there is nothing to divide by."""
    return part / whole if whole else 0.0


def f1(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0)."""
    return ratio(2 * precision * recall, precision + recall)


@dataclass
class Score:
    """Counts behind one precision/recall/F1 line.

    ``right``: predictions judged correct; ``predicted``: all predictions;
    ``found``: gold items matched by some prediction; ``gold``: all gold items.
    """

    right: int = 0
    predicted: int = 0
    found: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.right, self.predicted)

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def add_predictions(self, right: int, predicted: int) -> None:
        """Count ``predicted`` predictions of which ``right`` are correct."""
        self.right += right
        self.predicted += predicted

    def add_gold(self, found: bool) -> None:
        """Count one gold item, found or missed."""
        self.gold += 1
        self.found += int(found)

    def __add__(self, other: Score) -> Score:
        return Score(
            self.right + other.right,
            self.predicted + other.predicted,
            self.found + other.found,
            self.gold + other.gold,
        )


def score_table(scores: Mapping[str, Score], title: str = "label", total: str | None = "all") -> str:
    """Per-label precision/recall/F1 with the counts, plus a pooled total row."""
    width = max([len(title), len(total or ""), *(len(k) for k in scores)]) + 2
    header = f"{title:<{width}}{'P':>7}{'R':>7}{'F1':>7}{'right/pred':>13}{'found/gold':>13}"
    lines = [header, "-" * len(header)]
    for label, score in scores.items():
        lines.append(_score_line(label, score, width))
    if total is not None and scores:
        pooled = sum(scores.values(), Score())
        lines.append("-" * len(header))
        lines.append(_score_line(total, pooled, width))
    return "\n".join(lines)


def _score_line(label: str, score: Score, width: int) -> str:
    counts_pred = f"{score.right}/{score.predicted}"
    counts_gold = f"{score.found}/{score.gold}"
    return (
        f"{label:<{width}}{score.precision:>7.3f}{score.recall:>7.3f}{score.f1:>7.3f}"
        f"{counts_pred:>13}{counts_gold:>13}"
    )


def macro_f1(scores: Mapping[str, Score]) -> float:
    """Unweighted mean F1 over the labels that occur in gold or predictions."""
    used = [s for s in scores.values() if s.gold or s.predicted]
    return ratio(sum(s.f1 for s in used), len(used))


def confusion_table(
    pairs: Iterable[tuple[str, str]],
    labels: Sequence[str] | None = None,
    row_title: str = "gold",
    col_title: str = "coded",
) -> str:
    """A gold-by-prediction count table; rows are gold labels, columns predictions.

    ``labels`` fixes the order; labels seen in ``pairs`` but not listed are
    appended so that nothing is silently dropped.
    """
    counts: Counter[tuple[str, str]] = Counter(pairs)
    order = list(labels or [])
    for gold, pred in sorted(counts):
        for label in (gold, pred):
            if label not in order:
                order.append(label)
    rows = [g for g in order if any(counts[(g, p)] for p in order)]
    cols = [p for p in order if any(counts[(g, p)] for g in order)]
    first = max([len(f"{row_title}\\{col_title}"), *(len(r) for r in rows)]) + 1
    widths = [max(len(c), 3) + 1 for c in cols]
    head = f"{row_title}\\{col_title}".ljust(first) + "".join(c.rjust(w) for c, w in zip(cols, widths))
    lines = [head]
    for gold in rows:
        cells = "".join(_cell(counts[(gold, p)], w) for p, w in zip(cols, widths))
        lines.append(gold.ljust(first) + cells)
    return "\n".join(lines)


def _cell(count: int, width: int) -> str:
    return ("." if count == 0 else str(count)).rjust(width)


def accuracy(pairs: Sequence[tuple[str, str]]) -> float:
    """Share of (gold, predicted) pairs that agree."""
    return ratio(sum(1 for gold, pred in pairs if gold == pred), len(pairs))


HINT = "give the data set's .jsonl file; see ../shared/eval/README.md"


def read_jsonl(path: Path, required: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Records of a JSON-lines data set.

    A file that is not UTF-8 text, a broken line, or a line without one of the
    ``required`` fields is an InputError naming the file or line: pointing
    ``sitrep eval`` at the wrong file must say so, not fail later on a missing key.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"is not UTF-8 text ({exc.reason})", HINT) from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})", HINT) from exc
    records = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            record = parse_json_line(line, f"{path}:{number}")
            missing = [key for key in required if key not in record]
            if missing:
                raise InputError(f"{path}:{number}", f"has no {missing[0]!r} field", HINT)
            records.append(record)
    return records


def code_texts(texts: Iterable[tuple[str, str, str | None]], settings: Settings) -> Iterator[Document]:
    """Run the whole pipeline over (id, text, date) triples, one document each, in order."""
    from sitrep import pipeline  # here, not at the top: it loads spaCy (seconds); scoring alone does not

    docs = (Document(id=doc_id, text=text, date=date) for doc_id, text, date in texts)
    return pipeline.run(docs, settings)


def describe_event(event: Event) -> str:
    """One short line per coded event, for error listings."""
    target = actor_label(event.target) if event.target else "-"
    flags = "".join(flag for flag, on in (("~neg", event.negated), ("~intent", event.intent)) if on)
    plover = event.plover or "(statement)"
    return f"{event.cameo} {plover}{flags} {actor_label(event.source)} -> {target} [{event.trigger}]"


def actor_label(actor: Actor) -> str:
    """An actor's code, or its words in quotes when it was not resolved."""
    return actor.code or f"'{actor.text}'"


def max_matching(candidates: Mapping[int, Sequence[int]]) -> dict[int, int]:
    """A largest one-to-one matching of gold items to predictions.

    ``candidates`` maps each gold index to the predictions that could find it.
    Every prediction may find one gold item only, so a greedy pass could let an
    early gold item take the one prediction a later item needed; augmenting
    paths (Kuhn's algorithm) avoid that.  Returns gold index -> prediction.
    """
    owner: dict[int, int] = {}  # prediction -> gold

    def claim(gold: int, seen: set[int]) -> bool:
        for pred in candidates[gold]:
            if pred in seen:
                continue
            seen.add(pred)
            if pred not in owner or claim(owner[pred], seen):
                owner[pred] = gold
                return True
        return False

    for gold in candidates:
        claim(gold, set())
    return {gold: pred for pred, gold in owner.items()}
