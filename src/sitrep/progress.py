"""A progress bar for long runs (documents done, documents per second, time left).

Used by the CLI only; library code reports progress through a callback.
"""

from __future__ import annotations

from typing import Any


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
        self._task: Any = self._progress.add_task(label, total=total, rate="-")

    def __enter__(self) -> Any:
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
