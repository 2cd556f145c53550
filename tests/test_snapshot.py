"""The coder's output, byte for byte, against the fingerprints recorded in ``tests/data/snapshot.json``.

A refactor must not change any fingerprint.  A commit that changes the coding
on purpose records new ones (``python -m tests.snapshot --record``) and says
so in its message.  The two large corpora (the 295 Wikinews articles and the
PolNeAR texts, about two minutes) are marked ``snapshot`` and run on their own
before a refactor is merged: ``pytest -m snapshot tests/test_snapshot.py``.
"""

from __future__ import annotations

import pytest

from tests import snapshot

LARGE = {"wikinews", "polnear_dev"}
NAMES = ["arctic", "afp_dev", "plover_gsr", "cameo_pentaclass", "gwsd", "wikinews", "polnear_dev"]


def _case(name: str) -> object:
    marks = [pytest.mark.model]
    if name != "arctic":
        marks.append(pytest.mark.eval)
    if name in LARGE:
        marks.append(pytest.mark.snapshot)
    return pytest.param(name, marks=marks, id=name)


@pytest.mark.parametrize("name", [_case(name) for name in NAMES])
def test_output_matches_the_recorded_fingerprint(name: str, nlp) -> None:
    if name not in snapshot.corpora():
        pytest.skip("../shared/eval is not present")
    got = snapshot.fingerprint(snapshot.coded_json(name))
    assert got == snapshot.recorded()[name], (
        f"the coded output of {name!r} changed; if on purpose, record it "
        f"(python -m tests.snapshot --record {name}) and say so in the commit"
    )
