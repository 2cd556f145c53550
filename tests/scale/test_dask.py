"""Dask local cluster: the same stage functions on workers, Parquet partitions, `load` into DuckDB."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.scale.batch import ingest
from sitrep.scale.dask_runner import ingest_dask, parse_local
from sitrep.scale.parquet import done_partitions, load_directory
from sitrep.settings import Settings
from tests.scale.conftest import EXAMPLES, snapshot


@pytest.mark.parametrize(("address", "workers"), [("local:2", 2), ("tcp://scheduler.example:8786", None)])
def test_parse_local(address: str, workers: int | None):
    assert parse_local(address) == workers


@pytest.mark.parametrize("address", ["local:", "local:0", "local:two"])
def test_bad_local_address(address: str):
    with pytest.raises(ConfigError, match="local:N"):
        parse_local(address)


@pytest.mark.model
@pytest.mark.slow
@pytest.mark.parametrize("read_on_workers", [True, False], ids=["workers-read", "client-reads"])
def test_dask_local_cluster_stores_the_same_as_one_process(nlp, tmp_path: Path, read_on_workers: bool):
    settings = Settings(batch_size=8)  # client: partitions of 8 documents; workers: shards of 32 KB
    out = tmp_path / "parts"
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    steps: list[int] = []

    result = ingest_dask([str(EXAMPLES)], settings, print, "local:2", out, on_progress=steps.append,
                         read_on_workers=read_on_workers)
    assert (result.partitions, result.documents, sum(steps)) == (2 if not read_on_workers else 1, 16, 16)
    assert "busy" in result.profile() and len({t.index for t in result.tasks}) == result.partitions

    loaded = load_directory(out, settings.replace(db_path=dask_db))
    assert loaded.added == 16
    ingest([str(EXAMPLES)], settings.replace(db_path=local_db), print)
    assert snapshot(dask_db) == snapshot(local_db)

    again = load_directory(out, settings.replace(db_path=dask_db))  # idempotent
    assert (again.added, again.duplicates) == (0, 16) and snapshot(dask_db) == snapshot(local_db)

    resumed = ingest_dask([str(EXAMPLES)], settings, print, "local:1", out, read_on_workers=read_on_workers)
    assert (resumed.partitions, resumed.resumed) == (0, result.partitions)


def pass_through(docs, settings):
    """A coder that codes nothing: only reading, shipping and writing remain."""
    return list(docs)


@pytest.mark.slow
def test_client_holds_a_bounded_number_of_documents(tmp_path: Path, synthetic_corpus):
    import gc
    import sys

    import cloudpickle  # type: ignore[import-untyped]  # cloudpickle ships no type information

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import tests/
    corpus = synthetic_corpus(240)
    alive: list[int] = []

    def count(n: int) -> None:
        alive.append(sum(1 for o in gc.get_objects() if type(o).__name__ == "Document"))

    result = ingest_dask([str(corpus)], Settings(batch_size=2), print, "local:1", tmp_path / "parts",
                         on_progress=count, read_on_workers=False, coder=pass_through)
    assert result.documents == 240 and len(alive) == 120
    # without the short comm logs, every partition sent (all 240 documents) stays referenced
    assert max(alive) < 120


def test_a_failing_document_costs_only_itself_on_a_worker(nlp, tmp_path: Path, monkeypatch):
    """code_partition (what a Dask worker runs) guards each document as a local ingest does."""
    from sitrep.models import Document
    from sitrep.scale.dask_runner import code_partition
    from tests.scale.test_quarantine import explode_on

    explode_on("BOOM", "events", monkeypatch)
    docs = [Document(id="a", text="Norway sent a ship."), Document(id="bad", text="BOOM Denmark."),
            Document(id="c", text="Denmark rejected the US proposal.")]
    done = code_partition(docs, Settings(batch_size=8), str(tmp_path), 0)
    assert done.documents == 2
    ((source, problem, _hint),) = done.problems
    assert "'bad' failed at events" in problem
