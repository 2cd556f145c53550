"""Declared stages: the order is checked when the pipeline is built, the parse freed at the end."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sitrep import pipeline
from sitrep.cli import main
from sitrep.errors import ConfigError
from sitrep.models import Document
from sitrep.settings import DEFAULT_STAGES, Settings


def test_the_default_order_builds_and_every_stage_declares_what_it_needs() -> None:
    stages = pipeline.build(DEFAULT_STAGES)
    assert [s.name for s in stages] == list(DEFAULT_STAGES)
    assert all(s.assigns and s.purpose and s.version >= 1 for s in stages)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("parse", "events"), "stage 'events' requires doc.mentions"),
        (("actors", "parse"), "stage 'actors' requires doc.parsed"),
        (("parse", "actors", "places"), "stage 'places' requires doc.events"),
        (("parse", "coder9"), "unknown stage 'coder9'"),
    ],
)
def test_an_impossible_order_is_one_clear_config_error(names: tuple[str, ...], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        pipeline.build(names)


def test_stages_come_from_the_environment() -> None:
    settings = Settings.from_env({"SITREP_STAGES": "parse, actors,events"})
    assert settings.stages == ("parse", "actors", "events")


@pytest.mark.model
def test_run_frees_the_parse_after_the_last_stage(settings: Settings) -> None:
    doc = next(pipeline.run([Document(id="t", text="Denmark rejected the US proposal.")], settings))
    assert doc.parsed is None and doc.mentions == []
    assert [e.cameo for e in doc.events if e.cameo != "010"] == ["120"]


@pytest.mark.model
def test_a_shorter_pipeline_runs_only_its_stages(settings: Settings) -> None:
    short = settings.replace(stages=("parse", "actors", "events"))
    doc = next(pipeline.run([Document(id="t", text="Denmark rejected the US proposal.")], short))
    assert doc.events and doc.actors == [] and doc.quotes == []


def test_sitrep_stages_lists_requires_and_assigns() -> None:
    result = CliRunner().invoke(main, ["stages", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"stage": "events.v2"' in result.output and "doc.mentions" in result.output


def test_sitrep_stages_refuses_a_wrong_order_in_one_line() -> None:
    result = CliRunner().invoke(main, ["stages"], env={"SITREP_STAGES": "events,parse"})
    assert result.exit_code == 2
    assert "requires doc.parsed" in result.output and "Traceback" not in result.output
