"""Five-class scoring rules, and the coder's accuracy on the ConfliBERT five-class set."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate.pentaclass import evaluate_pentaclass, event_class, report
from sitrep.models import Actor, Event

DNK = Actor(text="Denmark", name="Denmark", code="DNK", country="DNK")


def event(cameo: str) -> Event:
    return Event(sentence="s", sentence_index=0, source=DNK, target=None, cameo=cameo, root=cameo[:2],
                 quad_class=1, goldstein=0.0, plover="")


@pytest.mark.parametrize(("cameo", "klass"), [(None, "0"), ("010", "0"), ("036", "1"), ("074", "2"),
                                               ("120", "3"), ("090", "3"), ("141", "4"), ("163", "3"),
                                               ("020", "0"), ("150", "4")])
def test_event_class_follows_the_readme_roots(cameo: str | None, klass: str) -> None:
    assert event_class(event(cameo) if cameo else None) == klass


def test_report_ends_with_accuracy() -> None:
    results = [({"text": "a", "class": 4}, event("190")), ({"text": "b", "class": 0}, None),
               ({"text": "c", "class": 1}, event("120"))]
    text = report(Path("x.jsonl"), results, show_errors=3)
    assert text.splitlines()[-1] == "accuracy 0.667 (2/3)"
    assert "[gold 1 coded 3] c" in text


@pytest.mark.model
@pytest.mark.eval
@pytest.mark.slow
def test_pentaclass_accuracy_meets_the_target(shared_eval: Path, settings) -> None:
    path = shared_eval / "cameo_pentaclass" / "train.jsonl"
    if not path.exists():
        pytest.skip("five-class set is not present")
    last = evaluate_pentaclass(path, settings).splitlines()[-1]
    assert last.startswith("accuracy ")
    assert float(last.split()[1]) >= 0.60
