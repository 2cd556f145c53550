"""Loading the pipeline: the default finds the installed English one; nothing is fetched."""

from __future__ import annotations

import importlib.util

import pytest

from sitrep.errors import ModelError
from sitrep.nlp import model
from sitrep.settings import Settings


def test_auto_finds_an_installed_english_pipeline():
    assert model.find_english_pipeline() in model.ENGLISH_PIPELINES


def test_no_pipeline_installed_is_a_model_error(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ModelError, match="make install"):
        model.find_english_pipeline()


def test_unknown_model_name_is_a_model_error():
    with pytest.raises(ModelError, match="SITREP_MODEL"):
        model.load_pipeline(Settings(model="no_such_pipeline_xyz"))


@pytest.mark.model
def test_loaded_pipeline_is_cached_and_parses(nlp, settings):
    assert model.load_pipeline(settings) is nlp
    assert {"parser", "ner"} <= set(nlp.pipe_names)
