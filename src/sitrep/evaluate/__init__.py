"""Scoring the coder against labelled public data (``sitrep eval``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sitrep.errors import InputError
from sitrep.settings import Settings


def run_eval(
    dataset: str, path: Path, settings: Settings, show_errors: int = 0, texts: Sequence[Path] = ()
) -> str:
    """Score ``dataset`` read from ``path``; returns the printable report.

    ``texts`` names the article texts for ``articles`` (default: beside the gold file).
    """
    for given in (path, *texts):
        if not given.exists():
            raise InputError(str(given), "no such file or directory", "see ../shared/eval/README.md")
    if dataset == "articles":
        from sitrep.evaluate.articles import evaluate_articles

        return evaluate_articles(path, texts, settings, show_errors)
    if dataset == "plover":
        from sitrep.evaluate.plover import evaluate_plover

        return evaluate_plover(path, settings, show_errors)
    if dataset == "pentaclass":
        from sitrep.evaluate.pentaclass import evaluate_pentaclass

        return evaluate_pentaclass(path, settings, show_errors)
    from sitrep.evaluate.quotes import evaluate_quotes

    return evaluate_quotes(path, settings, show_errors)
