"""The CAMEO event table and its links to PLOVER.

Three small data files, read once and cached:

- ``cameo.tsv``: every CAMEO code with its label, Goldstein score and quad class;
- ``cameo_plover.tsv``: CAMEO code prefix -> PLOVER type and mode (longest prefix wins);
- ``cameo_derive.tsv``: how a frame verb ("agreed to", "urged ... to", "rejected",
  "threatened to") turns the event it is about into its own code.

Codes are strings ("0874"); the root is always the first two characters.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sitrep.errors import ConfigError
from sitrep.resources import Resources

# Families of frame verbs understood by ``derive``.
FAMILIES = ("intent", "prepare", "appeal", "demand", "reject", "threaten")
KEEP = "="  # derive-table value: keep the content event's own code
DELEGATE = "@"  # derive-table value "@intent": use that family's row instead


@dataclass(frozen=True)
class CameoCode:
    """One row of the CAMEO table, with its PLOVER translation."""

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: str  # "" for codes PLOVER does not count (public statements)
    mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a packaged TSV data file; ``#`` lines are comments."""
    try:
        text = resources.files("sitrep.coding").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ConfigError(f"data file coding/data/{name} is missing; reinstall sitrep") from exc
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        {key: (value or "").strip() for key, value in row.items()}
        for row in csv.DictReader(lines, delimiter="\t")
    ]


@lru_cache(maxsize=1)
def _plover_prefixes() -> dict[str, tuple[str, str | None]]:
    rows = read_table("cameo_plover.tsv")
    return {row["cameo"]: (row.get("plover", ""), row.get("mode") or None) for row in rows}


def plover_types(resources: Resources) -> tuple[str, ...]:
    """The PLOVER event types, in the order the mapping table first names them."""
    width = 3
    types = (row[1] for row in resources.rows("cameo_plover.tsv", width) if row[0] != "cameo" and row[1])
    return tuple(dict.fromkeys(types))


def _longest_prefix(code: str, table: dict[str, object]) -> str | None:
    """The longest key of ``table`` that is a prefix of ``code``."""
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return code[:end]
    return None


def plover_for(code: str) -> tuple[str, str | None]:
    """PLOVER (type, mode) for a CAMEO code; ("", None) when it has none."""
    table = _plover_prefixes()
    key = _longest_prefix(code, table)  # type: ignore[arg-type]
    return table[key] if key else ("", None)


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code, keyed by code."""
    table = {}
    for row in read_table("cameo.tsv"):
        plover, mode = plover_for(row["code"])
        table[row["code"]] = CameoCode(
            code=row["code"],
            label=row["label"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover=plover,
            mode=mode,
        )
    return table


def lookup(code: str) -> CameoCode:
    """The table row for ``code``; unknown codes are a data error in the lexicon."""
    try:
        return cameo_table()[code]
    except KeyError as exc:
        raise ConfigError(
            f"CAMEO code {code!r} is not in coding/data/cameo.tsv; fix the lexicon entry"
        ) from exc


def is_code(code: str) -> bool:
    """Whether ``code`` is a known CAMEO code."""
    return code in cameo_table()


@lru_cache(maxsize=1)
def _derive_table() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {family: {} for family in FAMILIES}
    for row in read_table("cameo_derive.tsv"):
        table[row["family"]][row["content"]] = row["code"]
    return table


def derive(family: str, content: str | None) -> str:
    """The code of a frame verb of ``family`` about an event coded ``content``.

    ``derive("intent", "0874")`` is ``"0356"`` (intent to de-escalate);
    ``derive("reject", None)`` is the family default ``"120"``.
    """
    rows = _derive_table()[family]
    key = _longest_prefix(content, rows) if content else None  # type: ignore[arg-type]
    value = rows[key] if key else rows["*"]
    if value.startswith(DELEGATE):
        return derive(value[1:], content)
    return content if value == KEEP and content else value


def pentaclass(code: str) -> int:
    """The five-class label of a CAMEO code (Schrodt's pentaclass as in the eval README):
    0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13 and 16, reducing relations),
    4 material conflict (14-15, 17-20: protest, force postures, coercion, force)."""
    root = int(code[:2])
    if root <= 2:
        return 0
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    if root <= 13 or root == 16:
        return 3
    return 4
