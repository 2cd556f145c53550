"""Output writers: the JSON/JSONL/CSV shapes of `sitrep code` and unwritable --out paths."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.models import Actor, Document, Event
from sitrep.output import csv_columns, open_output, write_documents
from tests.imports import SRC, imported_modules


def coded_document(doc_id: str = "d1", events: int = 1) -> Document:
    actor = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")
    event = Event(
        sentence="Denmark rejected the US proposal.", sentence_index=0, source=actor, target=None,
        cameo="120", root="12", quad_class=3, goldstein=-4.0, plover="REJECT", trigger="rejected",
    )
    return Document(id=doc_id, text=event.sentence, title="T", date="2026-01-14", events=[event] * events)


@pytest.mark.parametrize("count", [0, 1, 3])
def test_json_is_one_object_whatever_the_count(count: int):
    out = io.StringIO()
    assert write_documents([coded_document(f"d{i}") for i in range(count)], "json", out) == count
    assert [d["id"] for d in json.loads(out.getvalue())["documents"]] == [f"d{i}" for i in range(count)]


def test_jsonl_is_one_document_per_line():
    out = io.StringIO()
    write_documents([coded_document("a"), coded_document("b")], "jsonl", out)
    assert [json.loads(line)["id"] for line in out.getvalue().splitlines()] == ["a", "b"]


def test_csv_is_one_event_per_row_with_document_columns():
    out = io.StringIO()
    write_documents([coded_document("a", events=2), coded_document("b", events=0)], "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == csv_columns()
    assert [(r["doc_id"], r["event_index"], r["doc_title"], r["cameo"]) for r in rows] == [
        ("a", "0", "T", "120"),
        ("a", "1", "T", "120"),
    ]


def test_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown output format 'xml'"):
        write_documents([], "xml", io.StringIO())


def test_open_output_refuses_a_missing_folder(tmp_path: Path):
    """A typo in --out must not create folders (issue 14): the folder has to exist."""
    target = tmp_path / "new" / "out.json"
    with pytest.raises(ConfigError, match="folder .*new does not exist"):
        with open_output(target):
            pass
    assert not (tmp_path / "new").exists()
    with open_output(tmp_path / "out.json") as handle:
        handle.write("{}")
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "{}"


def test_unwritable_output_is_one_config_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ConfigError, match=r"cannot write .*file/out\.json: .*file is not a folder; give another --out"):
        with open_output(blocker / "out.json"):
            pass


def test_nothing_in_the_store_imports_the_output_writers():
    for path in sorted((SRC / "sitrep" / "store").glob("*.py")):
        assert "sitrep.output" not in imported_modules(f"sitrep.store.{path.stem}"), path.name
