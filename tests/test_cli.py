"""The command line end to end, in process: output contract, bad input, idempotent ingest."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.cli import main
from sitrep.errors import StoreError

pytestmark = pytest.mark.model

ACTOR_KEYS = {"text", "name", "code", "country", "org", "agent"}
DOC_KEYS = {"id", "title", "date", "url", "text_sha1", "events", "actors", "quotes", "counts", "locations", "stances"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, stdin: str | None = None):
    return runner.invoke(main, list(args), input=stdin, catch_exceptions=False)


def test_code_stdin_json_has_every_contract_key(runner, nlp):
    result = run(runner, "code", "-", stdin="Denmark rejected the US proposal.")
    assert result.exit_code == 0, result.output
    (doc,) = json.loads(result.stdout)["documents"]
    assert DOC_KEYS <= set(doc)
    assert all(ACTOR_KEYS <= set(a) | {"mentions"} for a in doc["actors"])


def test_code_acceptance_sentences(runner, nlp):
    text = "Sweden confirmed it is sending military personnel to Greenland at Denmark's request."
    (doc,) = json.loads(run(runner, "code", "-", stdin=text).stdout)["documents"]
    assert any(
        e["source"]["country"] == "SWE"
        and (e["target"] or {}).get("country") in {"GRL", "DNK"}
        and e["root"] in {"03", "05", "06", "07"}
        for e in doc["events"]
    ), doc["events"]
    (doc,) = json.loads(run(runner, "code", "-", stdin="Denmark rejected the US proposal.").stdout)["documents"]
    assert any(
        e["source"]["country"] == "DNK" and (e["target"] or {}).get("country") == "USA" and e["root"] == "12"
        for e in doc["events"]
    ), doc["events"]


def test_code_jsonl_and_csv_formats(runner, tmp_path: Path, nlp):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "d1", "date": "2026-01-14", "text": "Denmark rejected the US proposal."}) + "\n"
        + json.dumps({"id": "d2", "text": "Russia criticised NATO."}) + "\n",
        encoding="utf-8",
    )
    lines = run(runner, "code", str(src), "--format", "jsonl").stdout.strip().splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["d1", "d2"]
    out = tmp_path / "events.csv"
    assert run(runner, "code", str(src), "--format", "csv", "--out", str(out)).exit_code == 0
    import pandas as pd

    frame = pd.read_csv(out)
    assert {"doc_id", "source_code", "target_code", "cameo", "goldstein", "plover"} <= set(frame.columns)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("missing.txt", None),
        ("binary.txt", b"\x00\x01\x02PNG"),
        ("empty.txt", b""),
        ("latin1.txt", "Kalaallit Nunaat s\xf8ger".encode("latin-1")),
        ("bad.jsonl", b"{broken\n"),
        ("notext.jsonl", b'{"id": "x"}\n'),
    ],
)
def test_bad_input_one_line_exit_2_rest_coded(runner, tmp_path: Path, name: str, content: bytes | None, nlp):
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text("Denmark rejected the US proposal.", encoding="utf-8")
    result = run(runner, "code", str(bad), str(good), "--format", "jsonl")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(bad) in lines[0] and "Traceback" not in result.stderr
    assert json.loads(result.stdout)["id"] == str(good)


def test_empty_directory_is_reported(runner, tmp_path: Path, nlp):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(runner, "code", str(empty))
    assert result.exit_code == 2 and "holds no text" in result.stderr


def test_bad_date_option_is_one_line(runner):
    result = run(runner, "code", "-", "--date", "15/01/2026", stdin="x")
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr and "Traceback" not in result.stderr


def test_ingest_twice_adds_no_rows_and_events_csv_loads(runner, tmp_path: Path, nlp):
    from sitrep.store.db import open_store, table_counts

    db = tmp_path / "s.duckdb"
    examples = str(Path(__file__).resolve().parents[1] / "examples" / "arctic.jsonl")
    assert run(runner, "ingest", examples, "--db", str(db), "--quiet").exit_code == 0
    with open_store(db, read_only=True) as con:
        first = table_counts(con)
    assert first["documents"] == 16
    assert run(runner, "ingest", examples, "--db", str(db), "--quiet").exit_code == 0
    with open_store(db, read_only=True) as con:
        assert table_counts(con) == first
    result = run(runner, "events", "--db", str(db), "--format", "csv")
    import pandas as pd

    frame = pd.read_csv(io.StringIO(result.stdout))
    assert len(frame) == first["events"]


def test_events_on_missing_store_is_one_line(runner, tmp_path: Path):
    result = run(runner, "events", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 4 and "no such store" in result.stderr


def test_events_bad_type_is_one_line(runner, tmp_path: Path):
    from sitrep.store.db import open_store

    db = tmp_path / "s.duckdb"
    with open_store(db):
        pass
    result = run(runner, "events", "--db", str(db), "--type", "bogus")
    assert result.exit_code == 2 and "PLOVER" in result.stderr


@pytest.mark.parametrize(
    ("error", "code", "message"),
    [(KeyboardInterrupt(), 130, "interrupted"), (StoreError("Query interrupted"), 130, "interrupted")],
)
def test_ctrl_c_reads_interrupted_even_when_a_dependency_turned_it_into_an_error(capsys, error, code, message):
    """DuckDB reports Ctrl-C as a failed query; the user must still read 'interrupted', exit 130."""
    import signal

    from sitrep.cli import run_command

    before = signal.getsignal(signal.SIGINT)

    def body() -> int:
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            pass
        raise error

    with pytest.raises(SystemExit) as stopped:
        run_command(body)
    assert stopped.value.code == code
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert signal.getsignal(signal.SIGINT) is before


def test_an_error_without_ctrl_c_keeps_its_exit_code(capsys):
    from sitrep.cli import run_command

    def body() -> int:
        raise StoreError("x.duckdb: no such store")

    with pytest.raises(SystemExit) as stopped:
        run_command(body)
    assert stopped.value.code == StoreError.exit_code
    assert capsys.readouterr().err == "sitrep: error: x.duckdb: no such store\n"


def damaged_store(tmp_path: Path, how: str) -> Path:
    import os

    from sitrep.store.db import open_store, save_documents
    from tests.store.conftest import make_doc

    db = tmp_path / "s.duckdb"
    with open_store(db) as con:
        save_documents(con, [make_doc(f"d{i}", text=f"Denmark rejected proposal {i}. " * 50) for i in range(400)])
    size = db.stat().st_size
    with db.open("r+b") as handle:
        if how == "cut":
            handle.truncate(size // 2)
        else:
            handle.seek(size // 2)
            handle.write(os.urandom(size // 3))
    return db


@pytest.mark.parametrize("how", ["cut", "garbage"])
@pytest.mark.parametrize(
    "command",
    [["events"], ["summary"], ["failures"], ["export", "--format", "csv", "--out", "{tmp}/e.csv"],
     ["export", "--format", "parquet", "--out", "{tmp}/pq"], ["ingest", "-", "--quiet"], ["serve", "--port", "1"]],
)
def test_every_command_refuses_a_damaged_store_in_one_line(runner, tmp_path: Path, how: str, command: list[str]):
    db = damaged_store(tmp_path, how)
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = runner.invoke(main, [*args, "--db", str(db)], input="Norway sent a ship.")
    assert result.exit_code == 4, result.output
    assert "the store is damaged; restore it or re-ingest" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output


def test_failures_lists_the_quarantined_documents(runner, tmp_path: Path, monkeypatch, nlp):
    from tests.scale.test_quarantine import explode_on

    explode_on("BOOM", "dates", monkeypatch)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "ok", "text": "Norway sent a ship."}\n{"id": "bad", "text": "BOOM went Denmark."}\n')
    db = tmp_path / "s.duckdb"
    result = run(runner, "ingest", str(corpus), "--db", str(db), "--quiet")
    assert result.exit_code == 2
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("sitrep: failed")]
    assert str(corpus) in line and "'bad'" in line and "dates" in line and "ZeroDivisionError" in line
    assert "1 failed" in result.stderr
    listed = json.loads(run(runner, "failures", "--db", str(db), "--format", "json").stdout)
    assert [(r["doc_id"], r["stage"], r["source"]) for r in listed] == [("bad", "dates", str(corpus))]
    monkeypatch.undo()
    assert run(runner, "ingest", str(corpus), "--db", str(db), "--quiet").exit_code == 0
    assert "no failed documents" in run(runner, "failures", "--db", str(db)).stderr


def test_code_out_into_a_missing_folder_is_refused(runner, tmp_path: Path):
    result = run(runner, "code", "-", "--out", str(tmp_path / "missing" / "dir" / "x.json"), stdin="Norway sent a ship.")
    assert result.exit_code == 2 and "does not exist" in result.stderr
    assert not (tmp_path / "missing").exists()


def test_a_fifo_input_is_one_line(runner, tmp_path: Path, nlp):
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = run(runner, "code", str(fifo))
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_a_second_ingest_says_the_store_is_busy(runner, tmp_path: Path):
    from sitrep.store.db import ingest_lock

    db = tmp_path / "s.duckdb"
    with ingest_lock(db):
        result = run(runner, "ingest", "-", "--db", str(db), "--quiet", stdin="Norway sent a ship.")
    assert result.exit_code == 4 and "the store is busy" in result.stderr


def test_a_text_over_the_coding_limit_says_so(runner, tmp_path: Path, nlp, monkeypatch):
    monkeypatch.setenv("SITREP_BATCH_SIZE", "4")
    text = "Denmark rejected the US proposal. " * 6000  # 204,000 characters
    result = run(runner, "code", "-", stdin=text)
    assert result.exit_code == 0
    assert "only the first 200,000 were coded" in result.stderr
    (doc,) = json.loads(result.stdout)["documents"]
    assert doc["truncated"] is True
