"""The theatre stage: an act of force or aid that names no target lands on the country where it happens."""

from __future__ import annotations

import pytest

from sitrep.models import Document


def force_targets(doc: Document) -> list[tuple[str, str | None]]:
    """(trigger, target country) of the document's force and aid events."""
    return [(e.trigger, e.target.country if e.target else None) for e in doc.events if e.root in {"07", "18", "19", "20"}]


@pytest.mark.parametrize(
    ("text", "trigger", "country"),
    [
        # the place the act is done to: an object pronoun standing for the place named before it
        ("Thousands went missing from Srebrenica after Bosnian Serb forces overran it in July 1995.", "overran", "BIH"),
        # the subject of "was the target of"
        ("In 2006, Abqaiq was the target of an Al-Qaeda suicide attack.", "attack", "SAU"),
        # the place an event noun is named by
        ("The Taliban carried out a Kabul car bombing on Monday.", None, "AFG"),
        # the country the article is about, when the sentence names no place
        ("Sudan's government and the rebels met in Abuja. The African Union has deployed a small "
         "peacekeeping force to monitor a shaky ceasefire.", "deployed", "SDN"),
    ],
)
def test_an_unaimed_act_lands_where_it_happens(code_text, text: str, trigger: str | None, country: str) -> None:
    found = force_targets(code_text(text))
    assert any((trigger is None or t == trigger) and c == country for t, c in found), found


def test_a_country_acting_is_not_aimed_at_itself(code_text) -> None:
    """"Norway sent troops" says nothing of where they went."""
    assert all(c is None for _, c in force_targets(code_text("Norway sent 300 troops to Lapland.")))


def test_a_named_target_is_kept(code_text) -> None:
    found = force_targets(code_text("In Bosnia, Serb forces shelled Croatian positions."))
    assert ("shelled", "HRV") in found or all(c != "BIH" for _, c in found), found


def test_the_stage_is_declared_after_places() -> None:
    from sitrep import pipeline
    from sitrep.settings import DEFAULT_STAGES

    stage = pipeline.REGISTRY["theatre"]
    assert "event.location" in stage.requires and "event.target" in stage.assigns
    assert DEFAULT_STAGES.index("theatre") == DEFAULT_STAGES.index("places") + 1
