"""Fuzz: random and adversarial documents through the whole pipeline into a store.

No exception escapes, and every document given is accounted for: stored,
recognised as a duplicate, or reported (a skipped input line or a failure).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from sitrep.errors import InputError, InputWarning
from sitrep.scale.batch import ingest
from sitrep.settings import Settings
from sitrep.store.db import open_store, table_counts

pytestmark = pytest.mark.model

EXAMPLES = 15
DOCS_PER_EXAMPLE = 20  # 300 documents in all

NUMBERS = ["20000000000000000000", "1" + "0" * 400, "1e400", "-5", "3.5 million", "0", "9" * 30, "1,000,000,000,000"]
TIMES = ["1000000 days ago", "3000 years ago", "next month", "yesterday", "on 9999-12-31", "in year 0",
         "on 31 February", "next year", "last decade", "99999 weeks ago"]
ODD = ["\u200b", "\u200d", "\ufeff", "\u202e", "\x00", "\x07", "\x1b[31m", "\u00a0", "\u2028", "\U0001f600"]
SCRIPTS = ["الدنمارك رفضت الاقتراح", "דנמרק דחתה את ההצעה", "Дания отклонила предложение", "丹麦拒绝了提议"]
ACTORS = ["Denmark", "The US", "Russia", "NATO", "Greenland's premier", "Sweden", "The minister"]
VERBS = ["rejected", "sent", "said", "accused", "praised", "attacked", "met"]

words = st.sampled_from(ACTORS + VERBS + NUMBERS + TIMES + ODD + SCRIPTS + ['"', "'", "“", "«", "(", ")"])
sentence = st.builds(
    lambda actor, verb, rest, end: f"{actor} {verb} {' '.join(rest)}{end}",
    st.sampled_from(ACTORS), st.sampled_from(VERBS), st.lists(words, max_size=12),
    st.sampled_from([".", "", "!", '."', " ...", "?\u201d"]),
)
text = st.one_of(
    st.lists(sentence, min_size=1, max_size=6).map(" ".join),
    st.text(max_size=200),  # anything at all, surrogates and control characters included
)
dates = st.one_of(st.none(), st.sampled_from(["9999-12-31", "0001-01-01", "99999-99-99", "2026-02-30", "", "x",
                                              "2026-01-15T10:00:00+99:00", "10000-01-01"]), st.text(max_size=12))
ids = st.one_of(st.none(), st.integers(min_value=-(2**70), max_value=2**70), st.text(max_size=8))
record = st.fixed_dictionaries({"text": text, "date": dates, "id": ids, "title": st.one_of(st.none(), st.text(max_size=30))})


def account(records: list[dict], db: Path, workers: int = 1) -> tuple[int, int]:
    path = db.with_suffix(".jsonl")
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    problems: list[InputError] = []
    result = ingest([str(path)], Settings(db_path=db, batch_size=8, workers=workers), problems.append)
    reported = sum(1 for p in problems if not isinstance(p, InputWarning))
    with open_store(db, read_only=True) as con:
        counts = table_counts(con)
    assert counts["documents"] == result.added
    return result.added + result.duplicates + reported, len(records)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(record, min_size=DOCS_PER_EXAMPLE, max_size=DOCS_PER_EXAMPLE))
def test_fuzzed_documents_are_all_accounted_for(nlp, records: list[dict]):
    with tempfile.TemporaryDirectory() as folder:
        handled, given_count = account(records, Path(folder) / "s.duckdb")
    assert handled == given_count


ADVERSARIAL = {
    "5000-token sentence": "Denmark " + " and ".join(["Norway"] * 2500) + " rejected the proposal.",
    "unbalanced quotes": '"Denmark rejected " the proposal, " said the minister. "And ' * 50,
    "only controls": "\x01\x02\x03 \x0b\x0c " * 20,
    "zero-width": "Den\u200bmark re\u200djected the\ufeff US proposal." * 30,
    "right-to-left": "الدنمارك رفضت اقتراح الولايات المتحدة. " * 30,
    "numbers": " ".join(f"Russia sent {n} soldiers." for n in NUMBERS),
    "dates": " ".join(f"Sweden sent troops {t}." for t in TIMES),
}


def test_adversarial_documents_are_stored_or_reported(nlp, tmp_path: Path):
    records = [{"id": name, "text": body, "date": "9999-12-31"} for name, body in ADVERSARIAL.items()]
    handled, given_count = account(records, tmp_path / "s.duckdb")
    assert handled == given_count
