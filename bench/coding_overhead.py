"""How much the coding stages add to bare spaCy parsing, and what the events stage costs.

    .venv/bin/python bench/coding_overhead.py [--rounds R] [--batch-size B] [--limit N]

Texts: the example corpus (examples/*.jsonl) plus the Wikinews articles in
../shared/eval/wikinews/*.csv.  In one process, with the model and every lexicon
loaded first, each round times

1. bare ``nlp.pipe`` over the texts, and
2. the whole sitrep ``pipeline.run`` over the same texts as documents,

alternating which goes first so that machine noise hits both alike.  Times are
CPU seconds of this process (wall-clock seconds are shown beside them): the
machine is shared, and CPU time is what the coding stages add, whatever else is
running.  It then times the actor and
event stages alone over documents that are already parsed, to show the events
stage's own share.

The last line reads ``coding overhead: X%`` = (pipeline - bare) / bare in CPU time, the
median over the rounds (each round times both on the same machine state).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
WIKINEWS = ROOT.parent / "shared" / "eval" / "wikinews"


def load_texts() -> list[str]:
    """Example reports and Wikinews article texts, in a fixed order."""
    texts = []
    for path in sorted(EXAMPLES.glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    csv.field_size_limit(10_000_000)
    for path in sorted(WIKINEWS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle) if row.get("text")]
    return texts


def clock() -> tuple[float, float]:
    """(CPU seconds of this process, wall seconds)."""
    return time.process_time(), time.perf_counter()


def since(start: tuple[float, float]) -> tuple[float, float]:
    cpu, wall = clock()
    return cpu - start[0], wall - start[1]


def time_bare(nlp, texts: list[str], batch_size: int) -> tuple[float, float]:
    started = clock()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return since(started)


def time_pipeline(texts: list[str], settings) -> tuple[float, float]:
    from sitrep import pipeline
    from sitrep.models import Document

    docs = [Document(id=f"b{i}", text=text) for i, text in enumerate(texts)]
    started = clock()
    for _ in pipeline.run(docs, settings):
        pass
    return since(started)


def time_events_stage(texts: list[str], settings) -> tuple[float, float, int]:
    """Seconds in the actors stage and in the events stage alone, and events found."""
    from sitrep.coding.actors import actors
    from sitrep.coding.events import events
    from sitrep.models import Document
    from sitrep.nlp import parse
    from sitrep.nlp.model import load_resources

    resources = load_resources(settings)
    docs = list(parse.process((Document(id=f"e{i}", text=t) for i, t in enumerate(texts)), settings, resources))
    started = time.process_time()
    docs = list(actors.process(docs, settings, resources))
    actors_seconds = time.process_time() - started
    started = time.process_time()
    docs = list(events.process(docs, settings, resources))
    events_seconds = time.process_time() - started
    return actors_seconds, events_seconds, sum(len(d.events) for d in docs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds (the median round is reported)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N texts (0 = all)")
    parser.add_argument("--batch-size", type=int, default=64)
    args = parser.parse_args()

    from sitrep.nlp.model import load_pipeline
    from sitrep.settings import Settings

    settings = Settings().replace(batch_size=args.batch_size)
    texts = load_texts()
    if args.limit:
        texts = texts[: args.limit]
    if not texts:
        print("bench: no texts found (examples/ or ../shared/eval/wikinews)", file=sys.stderr)
        return 1
    nlp = load_pipeline(settings)
    time_pipeline(texts[:20], settings)  # warm-up: model, lexicons, gazetteers, caches
    n_tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=args.batch_size))
    print(f"texts: {len(texts)} documents, {n_tokens} tokens")

    bare, full = [], []
    for round_no in range(args.rounds):
        order = (("bare", "full"), ("full", "bare"))[round_no % 2]
        for which in order:
            if which == "bare":
                bare.append(time_bare(nlp, texts, args.batch_size))
            else:
                full.append(time_pipeline(texts, settings))
        print(f"round {round_no + 1}: bare spaCy {bare[-1][0]:.2f}s CPU ({bare[-1][1]:.2f}s wall), "
              f"sitrep pipeline {full[-1][0]:.2f}s CPU ({full[-1][1]:.2f}s wall)")
    best_bare, best_full = min(cpu for cpu, _ in bare), min(cpu for cpu, _ in full)
    ratios = sorted(f[0] / b[0] for b, f in zip(bare, full))
    median_ratio = ratios[len(ratios) // 2]
    actors_s, events_s, n_events = time_events_stage(texts, settings)
    print(f"bare spaCy: {best_bare:.2f}s CPU ({n_tokens / best_bare:,.0f} tokens/s)")
    print(f"sitrep pipeline: {best_full:.2f}s CPU ({n_tokens / best_full:,.0f} tokens/s)")
    print(f"actors stage alone: {actors_s:.2f}s ({100 * actors_s / best_bare:.1f}% of parsing)")
    share = 100 * events_s / best_bare
    print(f"events stage alone: {events_s:.2f}s ({share:.1f}% of parsing), {n_events} events")
    best = best_full / best_bare
    print(f"ratio pipeline/bare: best rounds {best:.3f}, median of rounds {median_ratio:.3f}")
    print(f"coding overhead: {100 * (median_ratio - 1):.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
