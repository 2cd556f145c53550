"""Scoring the coder against labelled public data (``sitrep eval``)."""

from __future__ import annotations

from pathlib import Path

from sitrep.errors import InputError
from sitrep.settings import Settings


def run_eval(dataset: str, path: Path, settings: Settings, show_errors: int = 0) -> str:
    """Score ``dataset`` read from ``path``; returns the printable report."""
    if not path.exists():
        raise InputError(str(path), "no such file or directory", "see ../shared/eval/README.md")
    if dataset == "plover":
        from sitrep.evaluate.plover import evaluate_plover

        return evaluate_plover(path, settings, show_errors)
    if dataset == "pentaclass":
        from sitrep.evaluate.pentaclass import evaluate_pentaclass

        return evaluate_pentaclass(path, settings, show_errors)
    from sitrep.evaluate.quotes import evaluate_quotes

    return evaluate_quotes(path, settings, show_errors)
