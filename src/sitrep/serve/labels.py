"""Readable names for actor codes, and which codes are actors worth a network node.

A code is labelled with the actor's own name, built from the coder's own
tables (``sitrep/coding/data``): ``DNK`` is "Denmark", ``DNKGOV`` "Danish
government", ``IGOEECGOV`` "European Commission".  Never with one member's
name: "Lars Lokke Rasmussen" is one of the people listed *under* DNKGOV.

The network leaves out what is not an actor of the story: publishers and
news agencies (they report, they do not act), role-only codes with no
country or organisation (``GOV``, ``CVL``: "the government" of whom?), and
codes that name nothing known.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sitrep.resources import Resources

AGENT_NOUNS = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "JUD": "judiciary", "COP": "police",
    "OPP": "opposition", "REB": "rebels", "CVL": "civilians", "BUS": "business", "MED": "media",
    "EDU": "education sector", "HLH": "health sector", "HRI": "human-rights groups", "LAB": "labour",
    "REF": "refugees", "REL": "religious groups", "SEP": "separatists", "SPY": "intelligence services",
    "UAF": "armed group", "CRM": "criminals", "AGR": "farmers", "ELI": "elites", "ENV": "environmental groups",
    "IGO": "intergovernmental organisation", "NGO": "non-governmental organisation", "INS": "insurgents",
    "PTY": "party", "MOD": "moderates", "RAD": "radicals",
}
# Names under which the reporting outlet appears as an actor: the publisher reports, it does not act.
PUBLISHERS = frozenset(
    "wikinews reuters associated press ap afp agence france-presse bbc cnn al jazeera xinhua tass itar-tass "
    "interfax ria novosti kyodo yonhap dpa ansa efe anadolu bloomberg guardian new york times "
    "washington post wikipedia".split(" ")
) | frozenset({"associated press", "agence france-presse", "al jazeera", "ria novosti", "new york times",
               "washington post", "the guardian", "bbc news", "press trust of india"})


# Columns of the coder's actor tables (their header lines name them).
COUNTRY_COLUMNS = 6  # iso3 name aliases adjectives people capitals
ORGANISATION_COLUMNS = 7  # aliases name code country org agent kind


def _data_rows(resources: Resources, name: str, width: int) -> list[dict[str, str]]:
    """Rows of one of the coder's TSV tables (sitrep/coding/data), keyed by the names on its header line."""
    header, *body = resources.rows(name, width)
    return [dict(zip(header, row)) for row in body]


def _countries(resources: Resources) -> dict[str, tuple[str, str]]:
    """ISO alpha-3 (and CAMEO's own country codes) -> (name, adjective for its bodies)."""
    table = {}
    for row in _data_rows(resources, "actors_countries.tsv", COUNTRY_COLUMNS):
        adjective = (row.get("adjectives") or "").split("|")[0] or row["name"]
        table[row["iso3"]] = (row["name"], adjective)
    return table


def _organisations(resources: Resources) -> dict[str, str]:
    """Full actor code -> the organisation's name, for named organisations (not seats of power)."""
    table: dict[str, str] = {}
    for row in _data_rows(resources, "actors_organisations.tsv", ORGANISATION_COLUMNS):
        if row.get("kind") not in ("org", "region") or not row.get("code"):
            continue
        code, agent = row["code"], row.get("agent") or ""
        table.setdefault(code, row["name"])
        if agent and not code.endswith(agent):
            table.setdefault(code + agent, row["name"])
    return table


def actor_labels(resources: Resources) -> Labels:
    """The loader: the labels built from the coder's country and organisation tables."""
    return Labels(_countries(resources), _organisations(resources))


def agent_chunks(rest: str) -> list[str] | None:
    """``"GOVMIL"`` -> ["GOV", "MIL"]; None when the rest is not made of agent codes."""
    if len(rest) % 3:
        return None
    parts = [rest[i:i + 3] for i in range(0, len(rest), 3)]
    return parts if all(p in AGENT_NOUNS for p in parts) else None


def is_publisher(name: str | None) -> bool:
    """Whether an actor name is a news outlet or agency (the reporter, not an actor)."""
    if not name:
        return False
    return name.strip().lower().removeprefix("the ") in PUBLISHERS


@dataclass
class Labels:
    """Names for actor codes, from the coder's tables; built once per Resources (``actor_labels``)."""

    countries: dict[str, tuple[str, str]]
    organisations: dict[str, str]
    memo: dict[str, str | None] = field(default_factory=dict)

    def is_role_only(self, code: str) -> bool:
        """A code made only of role codes (GOV, CVL, COPGOV): no country, no organisation."""
        key = (code or "").upper()
        if not key or agent_chunks(key) is None:
            return False
        return not any(key[:cut] in self.organisations for cut in range(3, len(key) + 1, 3))

    def code_label(self, code: str | None) -> str | None:
        """The actor's own name for a code, or None when the code names nothing known (kept per code)."""
        if not code:
            return None
        if code not in self.memo:
            self.memo[code] = self._label(code)
        return self.memo[code]

    def _label(self, code: str) -> str | None:
        """The label worked out from the tables: an organisation, a country and its bodies, bare roles."""
        key = code.upper()
        orgs = self.organisations
        if key in orgs:
            return orgs[key]
        if key[:3] in self.countries:
            name, adjective = self.countries[key[:3]]
            chunks = agent_chunks(key[3:])
            if not key[3:]:
                return name
            if chunks:
                return f"{adjective} {' and '.join(AGENT_NOUNS[c] for c in chunks)}"
        for cut in range(len(key) - 3, 2, -3):
            chunks = agent_chunks(key[cut:])
            if key[:cut] in orgs and chunks:
                return f"{orgs[key[:cut]]} {' and '.join(AGENT_NOUNS[c] for c in chunks)}"
        chunks = agent_chunks(key)
        if chunks:
            return f"{' and '.join(AGENT_NOUNS[c] for c in chunks)} (no country)"
        return None

    def is_network_actor(self, code: str | None, names: list[str | None] | tuple[str | None, ...] = ()) -> bool:
        """Whether a code deserves a node: a known country or organisation, not a publisher or a bare role."""
        if not code or self.is_role_only(code) or self.code_label(code) is None:
            return False
        return not any(is_publisher(name) for name in names if name)

    def label_rows(self, rows: list[dict[str, Any]], *prefixes: str) -> list[dict[str, Any]]:
        """Add ``<prefix>label`` (the code's own name) and ``<prefix>actor`` (node-worthy) to each row."""
        for row in rows:
            for prefix in prefixes:
                code = row.get(f"{prefix}code")
                name = row.get(f"{prefix}name")
                row[f"{prefix}label"] = self.code_label(code) or name or code
                row[f"{prefix}actor"] = self.is_network_actor(code, (name,))
        return rows
