"""The CAMEO event ontology: the code table, its links to PLOVER, and named sets of codes.

Four small data files, each read by a loader into a table kept by ``Resources``:

- ``cameo.tsv``: every CAMEO code with its label, Goldstein score and quad class;
- ``cameo_plover.tsv``: CAMEO code prefix -> PLOVER type and mode (longest prefix wins);
- ``cameo_derive.tsv``: how a frame verb ("agreed to", "urged ... to", "rejected",
  "threatened to") turns the event it is about into its own code (the frame
  families are named in ``frames``);
- ``cameo_sets.tsv``: the classes of codes the event rules ask about ("cooperative",
  "meetings", "force"), so that no rule module spells a CAMEO code.

Codes are strings ("0874"); the root is always the first two characters.
``cameo_table(resources)`` is the loaded table; ``lookup``/``is_code`` are the
look-ups other packages use.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from sitrep.errors import ConfigError
from sitrep.resources import Resources, Rows

KEEP = "="  # derive-table value: keep the content event's own code
DELEGATE = "@"  # derive-table value "@intent": use that family's row instead
ROOT_MATCH, CODE_MATCH = "root", "code"  # how a code set in cameo_sets.tsv matches a code


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


def body(rows: Rows, header: str) -> Rows:
    """The rows after a table's column header (the first row, whose first cell is ``header``)."""
    return rows[1:] if rows and rows[0][0] == header else rows


def _longest_prefix(code: str, keys: Mapping[str, object]) -> str | None:
    """The longest key of ``keys`` that is a prefix of ``code``."""
    for end in range(len(code), 1, -1):
        if code[:end] in keys:
            return code[:end]
    return None


@dataclass(frozen=True)
class CameoTable:
    """The loaded CAMEO tables: codes, PLOVER prefixes, frame derivations."""

    codes: dict[str, CameoCode]
    plover: dict[str, tuple[str, str | None]]
    derivations: dict[str, dict[str, str]]

    def lookup(self, code: str) -> CameoCode:
        """The table row for ``code``; unknown codes are a data error in the lexicon."""
        try:
            return self.codes[code]
        except KeyError as exc:
            raise ConfigError(
                f"CAMEO code {code!r} is not in coding/data/cameo.tsv; fix the lexicon entry"
            ) from exc

    def is_code(self, code: str) -> bool:
        return code in self.codes

    def derive(self, family: str, content: str | None) -> str:
        """The code of a frame verb of ``family`` about an event coded ``content``.

        ``derive("intent", "0874")`` is ``"0356"`` (intent to de-escalate);
        ``derive("reject", None)`` is the family default ``"120"``.
        """
        rows = self.derivations[family]
        key = _longest_prefix(content, rows) if content else None
        value = rows[key] if key else rows["*"]
        if value.startswith(DELEGATE):
            return self.derive(value[1:], content)
        return content if value == KEEP and content else value


def plover_prefixes(resources: Resources) -> dict[str, tuple[str, str | None]]:
    """CAMEO prefix -> (PLOVER type, mode) from ``cameo_plover.tsv``."""
    rows = body(resources.rows("cameo_plover.tsv", 3), "cameo")
    return {cameo: (plover, mode or None) for cameo, plover, mode in rows}


def plover_for(code: str, prefixes: dict[str, tuple[str, str | None]]) -> tuple[str, str | None]:
    """PLOVER (type, mode) for a CAMEO code; ("", None) when it has none."""
    key = _longest_prefix(code, prefixes)
    return prefixes[key] if key else ("", None)


def plover_types(resources: Resources) -> tuple[str, ...]:
    """The PLOVER event types, in the order the mapping table first names them."""
    width = 3
    types = (row[1] for row in resources.rows("cameo_plover.tsv", width) if row[0] != "cameo" and row[1])
    return tuple(dict.fromkeys(types))


def cameo_table(resources: Resources) -> CameoTable:
    """Every CAMEO code keyed by code, with its PLOVER type, and the derivation rows."""
    prefixes = plover_prefixes(resources)
    codes = {}
    for code, label, goldstein, quad_class in body(resources.rows("cameo.tsv", 4, required=4), "code"):
        plover, mode = plover_for(code, prefixes)
        codes[code] = CameoCode(code=code, label=label, goldstein=float(goldstein), quad_class=int(quad_class),
                                plover=plover, mode=mode)
    derivations: dict[str, dict[str, str]] = {}
    for family, content, result in body(resources.rows("cameo_derive.tsv", 3, required=3), "family"):
        derivations.setdefault(family, {})[content] = result
    return CameoTable(codes=codes, plover=prefixes, derivations=derivations)


def lookup(code: str, resources: Resources) -> CameoCode:
    """The table row for ``code`` (a ConfigError for an unknown code)."""
    return resources.get(cameo_table).lookup(code)


def is_code(code: str, resources: Resources) -> bool:
    """Whether ``code`` is a known CAMEO code."""
    return resources.get(cameo_table).is_code(code)


def pentaclass(code: str) -> int:
    """The five-class label of a CAMEO code (Schrodt's pentaclass as in the eval README):
    0 statements and appeals (01-02), 1 verbal cooperation (03-05), 2 material
    cooperation (06-08), 3 verbal conflict (09-13 and 16, reducing relations),
    4 material conflict (14-15, 17-20: protest, force postures, coercion, force).

    Arithmetic on the root, so it reads no table and takes no resources."""
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


@dataclass(frozen=True)
class CodeSet:
    """A named class of CAMEO codes: whole roots, or single codes."""

    name: str
    match: str  # ROOT_MATCH or CODE_MATCH
    codes: frozenset[str]

    def has(self, code: str) -> bool:
        return (code[:2] if self.match == ROOT_MATCH else code) in self.codes

    @property
    def only(self) -> str:
        """The code of a one-code set (``generic_force``)."""
        (code,) = self.codes
        return code


@dataclass(frozen=True)
class CodeSets:
    """The classes of codes the event rules ask about (``data/cameo_sets.tsv``, whose
    comments say what each is for); one field per row."""

    cooperative: CodeSet
    verbal_cooperation: CodeSet
    agentless: CodeSet
    sending: CodeSet
    meetings: CodeSet
    generic_force: CodeSet
    violent: CodeSet
    patient_of: CodeSet
    doer_of: CodeSet
    intended: CodeSet
    consult: CodeSet
    noun_agentless: CodeSet
    deed: CodeSet
    verbal_attack: CodeSet
    comment: CodeSet
    reaction: CodeSet
    force: CodeSet
    domestic_restriction: CodeSet
    foreign_restriction: CodeSet
    home_roots: CodeSet
    home_codes: CodeSet
    home_conflict: CodeSet
    theatre: CodeSet
    crowd: CodeSet


def code_sets(resources: Resources) -> CodeSets:
    """The named code classes; a missing, unknown or misspelt one is a ConfigError."""
    table = resources.get(cameo_table)
    found: dict[str, CodeSet] = {}
    for name, match, codes in body(resources.rows("cameo_sets.tsv", 3, required=3), "name"):
        unknown = [c for c in codes.split() if not table.is_code(c)]
        if match not in (ROOT_MATCH, CODE_MATCH) or unknown:
            raise ConfigError(
                f"cameo_sets.tsv: set {name!r} has a bad match {match!r} or unknown codes {unknown}")
        found[name] = CodeSet(name=name, match=match, codes=frozenset(codes.split()))
    names = [f.name for f in fields(CodeSets)]
    if missing := [n for n in names if n not in found]:
        raise ConfigError(f"cameo_sets.tsv: missing code sets {missing}")
    return CodeSets(**{n: found[n] for n in names})
