"""Readers: every kind of bad input is reported once, the rest still read."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.ingest.readers import decode_text, normalise_date, read_inputs, read_stream
from sitrep.settings import Settings
from tests.imports import imported_modules

INGEST_ORDER = ["documents", "formats", "feeds", "readers"]  # each may import only those before it


def collect(inputs: list[str], settings: Settings) -> tuple[list, list[InputError]]:
    errors: list[InputError] = []
    docs = list(read_inputs(inputs, settings, errors.append))
    return docs, errors


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("Denmark rejected the US proposal.", encoding="utf-8")
    return path


BAD_INPUTS = {
    "missing": (lambda d: d / "nope.txt", "no such file"),
    "empty_dir": (lambda d: (d / "emptydir").mkdir() or d / "emptydir", "holds no text"),
    "binary": (lambda d: _write(d / "x.txt", b"\x89PNG\x00\x00\x01binary"), "binary"),
    "empty": (lambda d: _write(d / "e.txt", b"   \n"), "is empty"),
    "latin1": (lambda d: _write(d / "l.txt", "K\xf8benhavn".encode("latin-1")), "not UTF-8"),
    "bad_json": (lambda d: _write(d / "b.jsonl", b'{"text": "ok"}\n{not json\n'), "not valid JSON"),
    "no_text": (lambda d: _write(d / "n.jsonl", b'{"title": "t"}\n'), "no 'text'"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_is_reported_and_the_rest_is_read(kind: str, tmp_path: Path, good_file: Path, settings: Settings):
    make, problem = BAD_INPUTS[kind]
    bad = make(tmp_path)
    docs, errors = collect([str(bad), str(good_file)], settings)
    assert [e.problem for e in errors if problem in str(e)], errors
    assert len(errors) == 1
    assert str(bad) in str(errors[0])
    assert docs[-1].text == "Denmark rejected the US proposal."


def test_jsonl_fields_and_ids(tmp_path: Path, settings: Settings):
    path = _write(
        tmp_path / "a.jsonl",
        b'{"id": "a1", "title": "T", "date": "2026-01-02T10:00:00Z", "url": "u", "text": "x", "extra": 1}\n'
        b'{"text": "y"}\n',
    )
    docs, errors = collect([str(path)], settings)
    assert not errors
    assert (docs[0].id, docs[0].title, docs[0].date, docs[0].url) == ("a1", "T", "2026-01-02", "u")
    assert docs[1].id == f"{path}:2"


def test_text_file_id_is_its_path_and_date_falls_back(good_file: Path, settings: Settings):
    docs, _ = collect([str(good_file)], settings.replace(publication_date="2026-02-01"))
    assert docs[0].id == str(good_file)
    assert docs[0].date == "2026-02-01"


def test_directory_is_read_recursively_in_order(tmp_path: Path, settings: Settings):
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub" / "b.txt", b"second")
    _write(tmp_path / "a.txt", b"first")
    _write(tmp_path / "skip.bin", b"\x00")
    docs, errors = collect([str(tmp_path)], settings)
    assert [d.text for d in docs] == ["first", "second"]
    assert not errors


def test_stdin_is_one_document(settings: Settings):
    stream = io.TextIOWrapper(io.BytesIO("Sweden sent troops.".encode()), encoding="utf-8")
    (doc,) = read_stream(stream, "-", settings)
    assert doc.id == "stdin" and doc.text == "Sweden sent troops."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2026-01-15", "2026-01-15"), ("2026/01/15", "2026-01-15"), ("2026-01-15T08:00:00Z", "2026-01-15"),
     ("", None), ("yesterday", None), (None, None)],
)
def test_normalise_date(raw, expected):
    assert normalise_date(raw) == expected


def test_decode_text_keeps_utf8():
    assert decode_text("Københavns svar".encode(), "x") == "Københavns svar"


def test_unreadable_file_is_reported_and_the_rest_is_read(
    tmp_path: Path, good_file: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
):
    locked = _write(tmp_path / "locked.txt", b"Sweden sent troops.")
    real_read = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    docs, errors = collect([str(locked), str(good_file)], settings)
    assert [str(e) for e in errors] == [f"{locked}: cannot be read (Permission denied) (check its permissions)"]
    assert [d.text for d in docs] == ["Denmark rejected the US proposal."]


@pytest.mark.parametrize("position", range(len(INGEST_ORDER)))
def test_ingest_modules_import_one_way(position: int):
    name = INGEST_ORDER[position]
    above = {f"sitrep.ingest.{other}" for other in INGEST_ORDER[position + 1 :]}
    assert not imported_modules(f"sitrep.ingest.{name}") & above
