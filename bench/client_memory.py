"""Peak memory of the Dask *client* over a long input: it must not grow with the input.

    .venv/bin/python bench/client_memory.py [--docs 2000 20000] [--real]

Writes a JSONL corpus of N documents by repeating the Wikinews articles of
../shared/eval/wikinews with new ids, then runs ``ingest_dask`` on
``local:2`` in a fresh process per (N, reading side) and prints that process's
peak RSS (``ru_maxrss``: the client, with the LocalCluster scheduler that
lives in it; the workers are other processes).  By default the workers use a
tiny fake coder (documents pass through uncoded, rows are still written), so
20,000 documents take minutes, not hours: the client's work does not depend
on the coder.  ``--real`` codes for real.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def make_corpus(n: int, path: Path) -> None:
    from throughput import load_articles

    from sitrep.settings import Settings

    docs, _ = load_articles(n, Settings())
    with path.open("w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps({"id": doc.id, "text": doc.text, "title": doc.title, "date": doc.date}) + "\n")


def pass_through(docs, settings):
    """The fake coder: documents unchanged (no parse), so only reading, shipping and writing remain."""
    return list(docs)


def one_run(corpus: str, out: str, reading: str, real: bool) -> None:
    """Runs in the measured process."""
    from sitrep.scale.batch import code_documents
    from sitrep.scale.dask_runner import ingest_dask
    from sitrep.settings import Settings

    started = time.perf_counter()
    result = ingest_dask([corpus], Settings(batch_size=64), print, "local:2", Path(out),
                         read_on_workers=reading == "workers", coder=code_documents if real else pass_through)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"documents": result.documents, "partitions": result.partitions,
                      "peak_mb": round(peak), "seconds": round(time.perf_counter() - started, 1)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--real", action="store_true", help="code with the real pipeline")
    parser.add_argument("--one", nargs=3, help=argparse.SUPPRESS)  # corpus out reading: the measured child
    args = parser.parse_args()
    if args.one:
        one_run(*args.one, real=args.real)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.docs:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            make_corpus(n, corpus)
            size = corpus.stat().st_size / 2**20
            for reading in ("client", "workers"):
                command = [sys.executable, __file__, "--one", str(corpus), str(Path(tmp) / f"out-{n}-{reading}"),
                           reading, *(["--real"] if args.real else [])]
                line = subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()[-1]
                row = json.loads(line)
                print(f"{n:>6} documents ({size:5.0f} MB JSONL), {reading:>7} reads: client peak RSS "
                      f"{row['peak_mb']:5d} MB, {row['partitions']} partitions, {row['seconds']} s", flush=True)


if __name__ == "__main__":
    main()
