"""The CAMEO table, its PLOVER mapping, the frame derivations and the event lexicon files."""

from __future__ import annotations

import pytest

from sitrep.coding import cameo
from sitrep.coding.events import frames, verbs
from sitrep.errors import ConfigError
from sitrep.resources import Resources

ROOTS = [f"{n:02d}" for n in range(1, 21)]
RESOURCES = Resources()
TABLE = RESOURCES.get(cameo.cameo_table)


def test_table_has_every_root_with_its_quad_class() -> None:
    table = TABLE.codes
    assert all(root in table for root in ROOTS)
    assert table["01"].quad_class == 1
    assert table["07"].quad_class == 2
    assert table["19"].quad_class == 4
    assert len(table) > 300


def test_typos_of_the_reference_are_fixed() -> None:
    labels = " ".join(row.label for row in TABLE.codes.values())
    assert "matyerial" not in labels
    assert "radiologicalweapons" not in labels
    assert "  " not in labels


@pytest.mark.parametrize(
    ("code", "label", "goldstein", "root"),
    [
        ("0874", "Retreat or surrender militarily", 10.0, "08"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, "16"),
        ("1823", "Kill by physical assault", -10.0, "18"),
        ("057", "Sign formal agreement", 8.0, "05"),
    ],
)
def test_lookup(code: str, label: str, goldstein: float, root: str) -> None:
    row = cameo.lookup(code, RESOURCES)
    assert (row.label, row.goldstein, row.root) == (label, goldstein, root)


def test_unknown_code_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="999"):
        cameo.lookup("999", RESOURCES)


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("010", "", None),  # statements have no PLOVER type
        ("020", "REQUEST", None),
        ("1053", "REQUEST", "yield"),
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("057", "SUPPORT", None),
        ("062", "COOPERATE", None),
        ("074", "AID", None),
        ("0813", "CONCEDE", None),
        ("0841", "RETREAT", "release"),
        ("0831", "RETREAT", "resign"),
        ("091", "ACCUSE", "investigate"),
        ("1121", "ACCUSE", "allege"),
        ("125", "REJECT", "meet"),
        ("1384", "THREATEN", "violence"),
        ("143", "PROTEST", "strike"),
        ("154", "MOBILIZE", "troops"),
        ("163", "SANCTION", "discontinue"),
        ("173", "COERCE", "arrest"),
        ("1831", "ASSAULT", "suicide-attack"),
        ("194", "ASSAULT", "heavy-weapons"),
        ("2041", "ASSAULT", "unconventional"),
    ],
)
def test_plover_mapping(code: str, plover: str, mode: str | None) -> None:
    assert cameo.plover_for(code, TABLE.plover) == (plover, mode)


def test_every_code_maps_to_one_of_the_sixteen_plover_types_or_none() -> None:
    types = {row.plover for row in TABLE.codes.values()}
    assert types - {""} <= {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }
    assert len(types - {""}) == 16


@pytest.mark.parametrize(
    ("family", "content", "expected"),
    [
        ("intent", "074", "0334"),  # agreed to send peacekeepers
        ("intent", "0874", "0356"),  # promised to withdraw
        ("intent", "046", "036"),  # will negotiate
        ("intent", "163", "1312"),  # will impose sanctions: a threat
        ("intent", "112", "112"),  # a future accusation is still one
        ("intent", None, "030"),
        ("prepare", "194", "150"),  # preparing to shell: force posture
        ("prepare", "071", "0331"),  # otherwise like intent
        ("appeal", "0841", "0253"),
        ("demand", "0874", "106"),
        ("reject", "04", "125"),
        ("reject", "0841", "1243"),
        ("threaten", "193", "1384"),
        ("threaten", None, "130"),
    ],
)
def test_derive(family: str, content: str | None, expected: str) -> None:
    assert TABLE.derive(family, content) == expected


def test_derived_codes_are_all_in_the_table() -> None:
    for family in RESOURCES.get(frames.frames).families:
        for content in [None, *TABLE.codes]:
            assert cameo.is_code(TABLE.derive(family, content), RESOURCES), (family, content)


@pytest.mark.parametrize(("code", "klass"), [("010", 0), ("020", 0), ("0243", 0), ("036", 1), ("057", 1), ("074", 2), ("0874", 2), ("163", 3), ("160", 3),
                                             ("090", 3), ("130", 3), ("141", 4), ("150", 4), ("172", 4), ("190", 4), ("2041", 4)])
def test_pentaclass(code: str, klass: int) -> None:
    assert cameo.pentaclass(code) == klass


def test_lexicon_covers_every_root_with_hundreds_of_entries() -> None:
    entries = [e for group in RESOURCES.get(verbs.lexicon).index.values() for e in group]
    assert len(entries) > 500
    assert {e.code[:2] for e in entries if e.code} == set(ROOTS)


def test_lexicon_rejects_unknown_codes() -> None:
    row = {"pos": "V", "lemma": "frobnicate", "part": "-", "object": "-", "subject": "-", "code": "999",
           "frame": "-", "target": "-"}
    with pytest.raises(ConfigError, match="frobnicate"):
        verbs.parse_entry(row, TABLE, RESOURCES.get(frames.frames))


def test_most_specific_entry_comes_first() -> None:
    lift = RESOURCES.get(verbs.lexicon).index[("V", "lift")]
    assert lift[0].objects and not lift[-1].objects


def test_frames_name_their_kind_and_code() -> None:
    table = RESOURCES.get(frames.frames)
    assert table.families == ("intent", "prepare", "appeal", "demand", "reject", "threaten")
    assert table.code("consider") == "014" and table.code("speech") == "010"
    assert table.is_support("light") and table.is_failure("negate") and table.is_speech("claim")
    assert table.kind(None) is None and not table.is_derived("speech")


def test_code_sets_match_roots_or_codes() -> None:
    sets = RESOURCES.get(cameo.code_sets)
    assert sets.cooperative.has("0874") and not sets.cooperative.has("190")
    assert sets.meetings.has("040") and not sets.meetings.has("045")
    assert sets.generic_force.only == "190"
