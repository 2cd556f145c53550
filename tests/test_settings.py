"""Settings: defaults, environment, and explicit replacement."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import ConfigError
from sitrep.settings import AUTO_MODEL, Settings


def test_defaults():
    s = Settings.from_env({})
    assert s.model == AUTO_MODEL and s.db_path == Path("sitrep.duckdb")


def test_environment_overrides():
    s = Settings.from_env({"SITREP_MODEL": "en_core_web_md", "SITREP_DB": "/x.duckdb", "SITREP_BATCH_SIZE": "8"})
    assert (s.model, s.db_path, s.batch_size) == ("en_core_web_md", Path("/x.duckdb"), 8)


@pytest.mark.parametrize("raw", ["0", "-3", "many"])
def test_bad_batch_size_names_the_variable(raw: str):
    with pytest.raises(ConfigError, match="SITREP_BATCH_SIZE"):
        Settings.from_env({"SITREP_BATCH_SIZE": raw})


def test_replace_ignores_none_and_converts_paths():
    s = Settings().replace(db_path="a.duckdb", model=None)
    assert s.db_path == Path("a.duckdb") and s.model == AUTO_MODEL
