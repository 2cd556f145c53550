"""The coder's output over every corpus we have, as one fingerprint per corpus.

A behaviour-preserving change (a refactor) must leave every fingerprint as it
was; a change that improves the coder on purpose records new ones in the same
commit, and says so.  The fingerprint is the SHA-256 of what ``sitrep code
--format json`` prints for the corpus, so "identical" means byte-identical.

The labelled sets in ``../shared/eval`` may not be copied into the project,
so only their fingerprints are kept (``tests/data/snapshot.json``); to see
*what* changed, dump the full outputs before and after and diff them::

    .venv/bin/python -m tests.snapshot --out /tmp/before     # on the old commit
    .venv/bin/python -m tests.snapshot --out /tmp/after      # on the new one
    diff -r /tmp/before /tmp/after

``--record`` writes new fingerprints into ``tests/data/snapshot.json``.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from sitrep import pipeline
from sitrep.errors import InputError
from sitrep.ingest.readers import make_document, read_inputs
from sitrep.models import Document
from sitrep.output import write_documents
from sitrep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
RECORD = ROOT / "tests" / "data" / "snapshot.json"
# One fixed fallback date, so that undated sentences code the same on every day.
SETTINGS = Settings(publication_date="2020-01-01")


def _ignore(err: InputError) -> None:
    """Input warnings (a text cut at the limit) are part of the output, not a failure."""


def _files(*paths: Path) -> Callable[[], Iterator[Document]]:
    return lambda: read_inputs([str(path) for path in paths], SETTINGS, _ignore)


def _sentences(path: Path) -> Callable[[], Iterator[Document]]:
    """JSONL sentence sets whose text field is ``text`` or ``sentence``, ids or not."""

    def read() -> Iterator[Document]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            doc_id = str(row.get("id") or row.get("sent_id") or f"{path.stem}:{number}")
            yield make_document(doc_id, row.get("text") or row["sentence"], SETTINGS, date=row.get("date"))

    return read


def corpora() -> dict[str, Callable[[], Iterator[Document]]]:
    """Every corpus on this machine, by name: the examples always, the shared sets when present."""
    sets: dict[str, Callable[[], Iterator[Document]]] = {"arctic": _files(ROOT / "examples" / "arctic.jsonl")}
    if not SHARED_EVAL.exists():
        return sets
    sets["wikinews"] = _files(*sorted((SHARED_EVAL / "wikinews").glob("*.csv")))
    sets["afp_dev"] = _files(SHARED_EVAL / "afp_dev" / "articles.jsonl")
    sets["plover_gsr"] = _sentences(SHARED_EVAL / "plover_gsr" / "dev.jsonl")
    sets["cameo_pentaclass"] = _sentences(SHARED_EVAL / "cameo_pentaclass" / "train.jsonl")
    sets["gwsd"] = _sentences(SHARED_EVAL / "gwsd" / "dev.jsonl")
    sets["polnear_dev"] = _files(SHARED_EVAL / "polnear" / "dev" / "text")
    return sets


def coded_json(name: str) -> str:
    """What ``sitrep code --format json`` prints for the corpus ``name``, with this checkout's
    folders written as ``<shared-eval>`` and ``<project>`` (records name their source file)."""
    buffer = io.StringIO()
    write_documents(pipeline.run(corpora()[name](), SETTINGS, _ignore), "json", buffer)
    return portable(buffer.getvalue())


def portable(text: str) -> str:
    """The output with the machine's paths taken out, so every clone gets the same bytes."""
    return text.replace(str(SHARED_EVAL), "<shared-eval>").replace(str(ROOT), "<project>")


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def recorded() -> dict[str, str]:
    data: dict[str, str] = json.loads(RECORD.read_text(encoding="utf-8"))
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--record", action="store_true", help="write the fingerprints to tests/data/snapshot.json")
    parser.add_argument("--out", type=Path, help="also write each corpus's full JSON here, to diff")
    parser.add_argument("names", nargs="*", help="corpora to run [all]")
    args = parser.parse_args()
    prints = recorded() if RECORD.exists() else {}
    for name in args.names or list(corpora()):
        text = coded_json(name)
        prints[name] = fingerprint(text)
        before = recorded().get(name) if RECORD.exists() else None
        same = "new" if before is None else "same" if before == prints[name] else "CHANGED"
        print(f"{name}: {prints[name][:16]}  {same}")
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{name}.json").write_text(text, encoding="utf-8")
    if args.record:
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps(dict(sorted(prints.items())), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
