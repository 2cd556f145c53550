"""Shared fixtures: one settings object, the model loaded once, a coding factory."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sitrep.models import Document
from sitrep.resources import Resources
from sitrep.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = ROOT.parent / "shared" / "eval"
EXAMPLES = ROOT / "examples" / "arctic.jsonl"


# Markers of runs too long for `make test`, run only when ``-m`` names them.
ON_DEMAND = {"soak": "tens of minutes of kill -9", "snapshot": "the two large corpora, about two minutes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the on-demand tests unless the marker expression asks for them (``-m soak``)."""
    wanted = config.getoption("markexpr") or ""
    for marker, why in ON_DEMAND.items():
        if marker in wanted:
            continue
        skip = pytest.mark.skip(reason=f"{marker} test ({why}): run with -m {marker}")
        for item in items:
            if item.get_closest_marker(marker) is not None:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def nlp(settings: Settings):
    """The spaCy pipeline, loaded once per test session."""
    from sitrep.nlp.model import load_pipeline

    return load_pipeline(settings)


@pytest.fixture(scope="session")
def resources(nlp, settings: Settings) -> Resources:
    """The tables loaded beside the model, once per test session."""
    from sitrep.nlp.model import load_resources

    return load_resources(settings)


@pytest.fixture(scope="session")
def code_text(nlp, settings: Settings) -> Callable[..., Document]:
    """Factory: run the whole pipeline over one text and return the coded Document."""
    from sitrep import pipeline

    def _code(text: str, doc_id: str = "t", date: str | None = "2026-01-15", title: str | None = None) -> Document:
        doc = Document(id=doc_id, text=text, date=date, title=title)
        return next(pipeline.run([doc], settings))

    return _code


@pytest.fixture(scope="session")
def shared_eval() -> Path:
    """Path of ../shared/eval; tests that need it skip when it is absent."""
    if not SHARED_EVAL.exists():
        pytest.skip("../shared/eval is not present")
    return SHARED_EVAL


@pytest.fixture(scope="session")
def prepare(nlp, settings: Settings, resources: Resources) -> Callable[..., Document]:
    """Factory: run the pipeline stages before ``stage`` and keep the parse (for find_* tests)."""
    from sitrep import pipeline

    def _prepare(text: str, stage: str, date: str | None = "2026-01-15") -> Document:
        names = list(settings.stages)
        stream = iter([Document(id="t", text=text, date=date)])
        for step in pipeline.build(names[: names.index(stage)]):
            stream = step.process(stream, settings, resources)
        return next(stream)

    return _prepare


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples plus the 295 Wikinews articles (when ../shared is there) as `sitrep ingest`
    stores them, built once per test session: coding the corpus is the slowest step of the
    suite, and the dashboard and the corpus-wide checks read the same store."""
    import subprocess
    import sys

    path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"

    def ingest(*args: str) -> None:
        subprocess.run([sys.executable, "-m", "sitrep.cli", "ingest", *args, "--db", str(path), "--quiet"],
                       check=True, capture_output=True, text=True, timeout=1800)

    ingest(str(EXAMPLES))
    wikinews = sorted((SHARED_EVAL / "wikinews").glob("*.csv")) if SHARED_EVAL.exists() else []
    if wikinews:
        ingest(*map(str, wikinews), "--id-col", "url")
    return path
