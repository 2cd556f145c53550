"""A progress bar for long runs (documents done, documents per second, time left).

Used by the CLI only; library code reports progress through a callback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import TaskID

Advance = Callable[[int], None]  # what ``with bar as advance:`` hands out: advance(documents_done)


class ProgressBar:
    """Context manager yielding ``advance(n)``; draws on stderr with rich."""

    def __init__(self, label: str, total: int | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} docs/s"),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
        )
        self._task: TaskID = self._progress.add_task(label, total=total, rate="-")

    def __enter__(self) -> Advance:
        self._progress.start()
        return self.advance

    def advance(self, n: int) -> None:
        self._progress.advance(self._task, n)
        task = self._progress.tasks[0]
        speed = task.speed
        self._progress.update(self._task, rate=f"{speed:.1f}" if speed else "-")

    def set_total(self, total: int) -> None:
        self._progress.update(self._task, total=total)

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()


class LineProgress:
    """Plain progress lines on stderr, one per committed batch (for logs and scripts).

    Each line reads ``sitrep: committed 128/300 documents, 12.3 docs/s, 14 s left``.
    """

    def __init__(self, label: str, total: int | None = None, stream: TextIO | None = None) -> None:
        import sys
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._stream = stream or sys.stderr
        self.label = label
        self.total = total
        self.done = 0

    def __enter__(self) -> Advance:
        return self.advance

    def advance(self, n: int) -> None:
        self.done += n
        self._stream.write(self.line() + "\n")
        self._stream.flush()

    def line(self) -> str:
        """The current state as one line."""
        elapsed = max(self._clock() - self._started, 1e-9)
        rate = self.done / elapsed
        count = f"{self.done}/{self.total}" if self.total else str(self.done)
        text = f"sitrep: {self.label} {count} documents, {rate:.1f} docs/s"
        if self.total and rate > 0:
            text += f", {max(0.0, (self.total - self.done) / rate):.0f} s left"
        return text

    def set_total(self, total: int) -> None:
        self.total = total

    def __exit__(self, *exc: object) -> None:
        return None
