"""Throughput of the sitrep pipeline against bare spaCy, store cost, memory, and scaling.

    .venv/bin/python bench/throughput.py [--docs N] [--batch-size B] [--no-scaling]

Reads the Wikinews articles in ../shared/eval/wikinews (repeated, with new ids,
to reach N documents) and measures, in one run:

1. coding: ``pipeline.run`` (every stage) against bare ``nlp.pipe`` over the same
   texts in the same memory-bounded batches, alternating which goes first in
   each batch so that machine noise hits both alike; documents and tokens/s;
2. the costs around coding that scale/batch.py adds: reading the CSV,
   duplicate fingerprints, and the DuckDB writes (reported apart);
3. scaling: ``sitrep ingest`` with 1 and 2 worker processes and on a Dask
   local cluster with 2 workers (which read their own shards of the corpus),
   all with ``--scaling-batch`` documents per batch, each in a fresh process, with the peak
   resident memory of every process (psutil, sampled every 0.1 s) and the rate
   measured between the first and last committed batch (startup excluded);
   and, for reference, bare spaCy with ``n_process=2``.

Then ``workers ratio`` and ``dask ratio``: the rate of ``--workers 2`` and of
``--dask local:2`` over one process.  The last line is ``throughput ratio: R``
= sitrep docs/s / bare spaCy docs/s on one worker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "eval" / "wikinews"


def load_articles(n: int, settings):
    """N documents from the Wikinews CSVs (read with sitrep's CSV reader), repeated with new ids."""
    from sitrep.ingest.readers import read_inputs
    from sitrep.settings import ColumnMap

    files = sorted(str(p) for p in WIKINEWS.glob("*.csv"))
    if not files:
        sys.exit(f"bench: no Wikinews CSV files in {WIKINEWS}")
    started = time.perf_counter()
    base = list(read_inputs(files, settings.replace(columns=ColumnMap(id="url")), print))
    read_seconds = time.perf_counter() - started
    docs = []
    for i in range(n):
        doc = base[i % len(base)]
        docs.append(
            type(doc)(
                id=f"{doc.id}#{i // len(base)}",
                text=doc.text,
                title=doc.title,
                date=doc.date,
                url=doc.url,
                source=doc.source,
            )
        )
    return docs, read_seconds / len(base)


def time_coding(docs, settings, nlp):
    """Seconds of bare nlp.pipe and of pipeline.run over the same batches, and the token count."""
    from sitrep import pipeline
    from sitrep.scale.batch import MAX_CHUNK_CHARS, blocks

    bare = coded_seconds = 0.0
    tokens = 0
    coded = []
    for turn, block in enumerate(blocks(docs, settings.batch_size, MAX_CHUNK_CHARS)):
        texts = [d.text[: settings.max_doc_chars] for d in block]
        for step in (0, 1) if turn % 2 == 0 else (1, 0):
            started = time.perf_counter()
            if step == 0:
                tokens += sum(len(parsed) for parsed in nlp.pipe(texts, batch_size=settings.batch_size))
                bare += time.perf_counter() - started
            else:
                coded.extend(pipeline.run([_copy(d) for d in block], settings))
                coded_seconds += time.perf_counter() - started
    return bare, coded_seconds, tokens, coded


def _copy(doc):
    return type(doc)(id=doc.id, text=doc.text, title=doc.title, date=doc.date, url=doc.url, source=doc.source)


def time_store(coded, settings):
    """Seconds to fingerprint the documents and to save them, batch by batch, into a fresh store."""
    from sitrep.ingest.dedup import fingerprint
    from sitrep.scale.batch import blocks
    from sitrep.store.db import open_store, save_documents

    started = time.perf_counter()
    prints = {d.id: fingerprint(d.id, d.text) for d in coded}
    fingerprint_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder, open_store(Path(folder) / "bench.duckdb") as con:
        with open_store(Path(folder) / "warm.duckdb") as warm:  # first use imports Arrow/pandas glue
            save_documents(warm, coded[:1])
        started = time.perf_counter()
        for block in blocks(coded, settings.batch_size, 2**62):
            save_documents(con, block, fingerprints=prints, dedup="none")
        return fingerprint_seconds, time.perf_counter() - started


class PeakMemory:
    """Peak RSS of a process and each of its descendants, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                procs = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                return
            for proc in procs:
                try:
                    rss = proc.memory_info().rss
                    name = " ".join(proc.cmdline()[1:3])[-40:]
                except psutil.Error:
                    continue
                if rss > self.peaks.get(proc.pid, ("", 0))[1]:
                    self.peaks[proc.pid] = (name, rss)
            self._stop.wait(0.1)

    def stop(self) -> dict[int, tuple[str, int]]:
        self._stop.set()
        self._thread.join()
        return self.peaks


def run_ingest(label: str, corpus: Path, folder: Path, batch: int, extra: list[str]) -> dict:
    """One `sitrep ingest` in a fresh process: rate between first and last commit, peak memory per process."""
    command = [
        sys.executable,
        "-m",
        "sitrep.cli",
        "ingest",
        str(corpus),
        "--log-progress",
        "--batch-size",
        str(batch),
        "--dedup",
        "none",
        *extra,
    ]
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=folder, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
    )
    memory = PeakMemory(process.pid)
    marks = []
    profile = ""
    for line in process.stderr:  # type: ignore[union-attr]
        if line.startswith("sitrep: coded"):
            marks.append((time.perf_counter(), int(line.split()[2].split("/")[0])))
        elif "workers busy" in line:  # the Dask run's profile of its workers' time
            profile = line.split("; ", 1)[1].rsplit("; merge", 1)[0]
    process.wait()
    peaks = memory.stop()
    if process.returncode != 0 or len(marks) < 2:
        sys.exit(f"bench: {label} failed (exit {process.returncode})")
    (t0, n0), (t1, n1) = marks[0], marks[-1]
    return {
        "label": label,
        "wall": time.perf_counter() - started,
        "rate": (n1 - n0) / (t1 - t0),
        "peak_mb": max(rss for _, rss in peaks.values()) / 2**20,
        "processes": len(peaks),
        "profile": profile,
    }


def scaling(docs, batch: int, nlp, settings) -> list[dict]:
    """The three ingest set-ups and spaCy's own n_process=2, on the same corpus."""
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        corpus = folder / "corpus.jsonl"
        corpus.write_text(
            "".join(json.dumps({"id": d.id, "text": d.text, "date": d.date}) + "\n" for d in docs)
        )
        results.append(run_ingest("ingest, 1 process", corpus, folder, batch, ["--db", "w1.duckdb"]))
        results.append(
            run_ingest("ingest, --workers 2", corpus, folder, batch, ["--db", "w2.duckdb", "--workers", "2"])
        )
        # The same batch size as the other runs: a partition (or a worker-read shard) is about one batch.
        dask = ["--dask", "local:2", "--out", "parts"]
        results.append(run_ingest("ingest, --dask local:2", corpus, folder, batch, dask))
        started = time.perf_counter()
        texts = [d.text[: settings.max_doc_chars] for d in docs]
        for _ in nlp.pipe(texts, batch_size=batch, n_process=2):
            pass
        seconds = time.perf_counter() - started
        results.append(
            {
                "label": "bare spaCy n_process=2",
                "wall": seconds,
                "rate": len(docs) / seconds,
                "peak_mb": float("nan"),
                "processes": 3,
            }
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="documents to code [300]")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per batch [64]")
    parser.add_argument("--no-scaling", action="store_true", help="skip the worker and Dask runs")
    parser.add_argument(
        "--scaling-batch", type=int, default=16,
        help="batch size of the three ingest runs [16]: ~19 commits over 300 documents, so the rate "
        "between first and last commit is not decided by how 5 big batches fall on 2 workers",
    )
    args = parser.parse_args()

    import resource

    from sitrep import pipeline
    from sitrep.nlp.model import load_pipeline
    from sitrep.settings import Settings

    settings = Settings(batch_size=args.batch_size)
    docs, read_per_doc = load_articles(args.docs, settings)
    nlp = load_pipeline(settings)
    list(pipeline.run([_copy(d) for d in docs[:3]], settings))  # warm every stage's caches

    bare, coded_seconds, tokens, coded = time_coding(docs, settings, nlp)
    fingerprint_seconds, store_seconds = time_store(coded, settings)
    n = len(docs)
    print(f"documents: {n} ({tokens} tokens, {tokens / n:.0f} per document), batch size {args.batch_size}")
    print(f"bare nlp.pipe:      {n / bare:7.2f} docs/s  {tokens / bare:8.0f} tokens/s")
    print(
        f"sitrep pipeline:    {n / coded_seconds:7.2f} docs/s  {tokens / coded_seconds:8.0f} tokens/s"
        f"  (coding stages add {100 * (coded_seconds - bare) / bare:.1f}% to the parse)"
    )
    per_doc = coded_seconds / n * 1000
    print(
        f"around coding, per document: read {read_per_doc * 1000:.2f} ms, fingerprint "
        f"{fingerprint_seconds / n * 1000:.2f} ms, store write {store_seconds / n * 1000:.2f} ms "
        f"(coding {per_doc:.1f} ms)"
    )
    print(f"peak memory, this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.no_scaling:
        print("scaling (rate between first and last commit; peak RSS of the largest process):")
        rows = scaling(docs, args.scaling_batch, nlp, settings)
        for row in rows:
            print(
                f"  {row['label']:<26} {row['rate']:7.2f} docs/s  wall {row['wall']:6.1f} s  "
                f"peak {row['peak_mb']:6.0f} MB over {row['processes']} processes"
            )
            if row.get("profile"):
                print(f"    dask profile: {row['profile']}")
        one, workers, dask = (row["rate"] for row in rows[:3])
        print(f"workers ratio: --workers 2 / 1 process = {workers / one:.2f}x")
        print(f"dask ratio: --dask local:2 / 1 process = {dask / one:.2f}x (target >= 1.8x)")
    print(f"throughput ratio: {bare / coded_seconds:.2f}")


if __name__ == "__main__":
    main()
