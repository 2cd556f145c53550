"""Shards read by workers give exactly the documents (and the bad-line reports) of a local read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitrep.ingest.readers import read_inputs
from sitrep.scale.shards import Shard, can_shard, plan_shards, read_shard, stream_inputs
from sitrep.settings import Settings
from tests.scale.conftest import EXAMPLES

SETTINGS = Settings()


def local_read(inputs: list[str]) -> tuple[list[dict], list[str]]:
    problems: list[str] = []
    docs = [d.as_dict() for d in read_inputs(inputs, SETTINGS, lambda e: problems.append(str(e)))]
    return docs, problems


def sharded_read(inputs: list[str], shard_bytes: int, shard_docs: int = 3) -> tuple[list[dict], list[str], int]:
    problems: list[str] = []
    shards = list(plan_shards(inputs, shard_bytes, shard_docs, lambda e: problems.append(str(e))))
    docs = [d.as_dict() for s in shards for d in read_shard(s, SETTINGS, lambda e: problems.append(str(e)))]
    return docs, problems, len(shards)


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    """A folder with a JSONL file (records without ids, a bad line, blank lines, CRLF), texts and a CSV."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"text": f"Report number {i} about the talks in Oslo."}) for i in range(12)]
    lines[4] = "{not json"
    lines[7] = ""
    (folder / "a.jsonl").write_bytes(("\r\n".join(lines) + "\n").encode())
    for name in ("b.txt", "c.txt", "d.txt", "e.md"):
        (folder / name).write_text(f"A short note {name}.", encoding="utf-8")
    (folder / "f.csv").write_text("id,text\nr1,One row.\nr2,Another row.\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("shard_bytes", [1, 7, 50, 64, 10**6])
def test_shards_read_what_a_local_read_reads(mixed: Path, shard_bytes: int):
    docs, problems, shards = sharded_read([str(mixed)], shard_bytes)
    assert (docs, problems) == local_read([str(mixed)])
    assert shards > 1


@pytest.mark.parametrize("shard_bytes", [100, 5000])
def test_example_corpus_in_byte_ranges(shard_bytes: int):
    docs, problems, shards = sharded_read([str(EXAMPLES)], shard_bytes)
    assert (docs, problems) == local_read([str(EXAMPLES)]) and len(docs) == 16
    assert shards == -(-EXAMPLES.stat().st_size // shard_bytes)


def test_globs_expand_sorted_and_missing_inputs_are_reported(mixed: Path):
    docs, problems, _ = sharded_read([str(mixed / "*.txt"), str(mixed / "z*.jsonl"), str(mixed / "no.jsonl")], 100)
    assert [d["id"] for d in docs] == [str(mixed / n) for n in ("b.txt", "c.txt", "d.txt")]
    assert problems == [
        f"{mixed / 'z*.jsonl'}: matches no file (check the pattern)",
        f"{mixed / 'no.jsonl'}: no such file or directory (check the path)",
    ]


@pytest.mark.parametrize(("inputs", "expected"), [(["a.jsonl", "s3://b/c.jsonl"], True), (["-"], False),
                                                  (["https://example.org/feed"], False)])
def test_can_shard(inputs: list[str], expected: bool):
    assert can_shard(inputs) is expected


def test_a_range_owns_the_lines_that_start_in_it(tmp_path: Path):
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps({"id": str(i), "text": "t" * 20}) + "\n" for i in range(3)))
    size = len(path.read_bytes()) // 3  # each line is `size` bytes
    ids = [[d.id for d in read_shard(Shard((str(path),), a, b), SETTINGS, print)]
           for a, b in [(0, 1), (1, size), (size, size + 1), (size + 1, 3 * size)]]
    assert ids == [["0"], [], ["1"], ["2"]]


def test_stream_inputs_reads_what_read_inputs_reads(mixed: Path):
    problems: list[str] = []
    docs = [d.as_dict() for d in stream_inputs([str(mixed), str(EXAMPLES)], SETTINGS, lambda e: problems.append(str(e)))]
    assert (docs, problems) == local_read([str(mixed), str(EXAMPLES)])


def test_fsspec_urls_are_listed_and_read_by_range(tmp_path: Path):
    for day in ("01", "02"):
        lines = [json.dumps({"id": f"{day}-{i}", "text": f"Talks in Oslo, day {day}, report {i}."}) for i in range(5)]
        (tmp_path / f"news-{day}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not JSONL", encoding="utf-8")
    problems: list[str] = []
    url = f"file://{tmp_path}/*"
    shards = list(plan_shards([url], 100, 3, lambda e: problems.append(str(e))))
    docs = [d for s in shards for d in read_shard(s, SETTINGS, print)]
    assert [d.id for d in docs] == [f"{day}-{i}" for day in ("01", "02") for i in range(5)]
    assert all(d.source.startswith("file://") for d in docs) and len(shards) > 2
    assert problems == [
        f"file://{tmp_path}/notes.txt: is not JSONL (only JSONL files are read from URLs; copy others locally)"
    ]
