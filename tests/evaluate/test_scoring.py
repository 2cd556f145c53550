"""Shared scoring helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import InputError
from sitrep.evaluate.scoring import Score, accuracy, confusion_table, f1, macro_f1, read_jsonl, score_table


def test_score_keeps_prediction_and_gold_hits_apart() -> None:
    score = Score()
    score.add_predictions(right=2, predicted=4)
    score.add_gold(True)
    score.add_gold(False)
    assert (score.precision, score.recall) == (0.5, 0.5)
    assert score.f1 == pytest.approx(0.5)
    assert (score + Score(1, 1, 1, 1)).predicted == 5


def test_empty_scores_are_zero_not_errors() -> None:
    assert Score().precision == Score().recall == Score().f1 == 0.0
    assert f1(0.0, 0.0) == 0.0
    assert accuracy([]) == 0.0
    assert macro_f1({}) == 0.0


def test_score_table_has_a_pooled_row() -> None:
    table = score_table({"A": Score(1, 2, 1, 1), "B": Score(0, 0, 0, 1)}, title="type")
    assert table.splitlines()[0].startswith("type")
    assert table.splitlines()[-1].split()[:4] == ["all", "0.500", "0.500", "0.500"]


def test_confusion_table_counts_pairs_and_keeps_unlisted_labels() -> None:
    table = confusion_table([("a", "a"), ("a", "b"), ("c", "a")], ["a", "b"])
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[1:]}
    assert rows["a"] == ["1", "1"]
    assert rows["c"] == ["1", "."]


def test_read_jsonl_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.jsonl:3"):
        read_jsonl(path)


@pytest.mark.parametrize(
    ("content", "required", "problem"),
    [
        (b'{"text": "a", "plover": "AID"}\n{"text": "b"}\n', ("text", "plover"), r"x\.jsonl:2: has no 'plover' field"),
        (b'["not", "an", "object"]\n', ("text",), r"x\.jsonl:1: is not a JSON object"),
        (b"\xff\xfe{}\n", (), r"x\.jsonl: is not UTF-8 text"),
    ],
)
def test_read_jsonl_refuses_the_wrong_file(tmp_path: Path, content: bytes, required: tuple, problem: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        read_jsonl(path, required=required)


def test_read_jsonl_on_a_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot be read"):
        read_jsonl(tmp_path)
