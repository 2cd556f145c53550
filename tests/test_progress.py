"""Plain progress lines: count, rate and time left, one line per committed batch."""

from __future__ import annotations

import io

import pytest

from sitrep.progress import LineProgress


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        (None, "sitrep: coded 30 documents, 10.0 docs/s"),
        (100, "sitrep: coded 30/100 documents, 10.0 docs/s, 7 s left"),
    ],
)
def test_line_reports_count_rate_and_time_left(total: int | None, expected: str):
    stream = io.StringIO()
    progress = LineProgress("coded", total=total, stream=stream)
    progress._clock = lambda: progress._started + 3.0  # three seconds in
    with progress as advance:
        advance(10)
        advance(20)
    assert stream.getvalue().splitlines()[-1] == expected
    assert len(stream.getvalue().splitlines()) == 2


def test_total_can_arrive_late():
    stream = io.StringIO()
    progress = LineProgress("coded", stream=stream)
    progress.set_total(4)
    progress.advance(4)
    assert "4/4 documents" in stream.getvalue() and "0 s left" in stream.getvalue()
