"""Duplicates: exact copies and lightly edited wire copies are stored once and linked."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.ingest.dedup import (
    MIN_WORDS,
    Deduplicator,
    Match,
    band_keys,
    fingerprint,
    normal_words,
    similarity,
)
from sitrep.models import Document
from sitrep.store.db import open_store, save_documents

WIRE = (
    "Danish and allied troops began a two-week exercise in Greenland on Monday, the Danish defence "
    "ministry said, as talks with Washington over the future of the Arctic island remained stalled. About"
    " 200 soldiers from Sweden, Norway, France and Germany joined Danish forces near Kangerlussuaq, where"
    " the exercise will test cold-weather logistics and search and rescue. The deployment was announced "
    "last week after a meeting in Washington ended without agreement. Greenland's premier said the island"
    " was not for sale and that its people would decide their own future. A spokesman for the alliance "
    "said the exercise had been planned for months and was not directed at any country. Officials in "
    "Copenhagen said more units could arrive in the coming days if the weather allowed, and that a second"
    " phase would move to the east coast in February."
)
EDITED = (
    WIRE.replace("About 200 soldiers", "About 250 soldiers")
    .replace("on Monday", "on Tuesday")
    .replace("A spokesman for", "A spokeswoman for")
)
OTHER = (
    "Fishing crews in Nuuk reported a record halibut season on Thursday, with prices rising for a third year "
    "as demand from Asian markets grew. The local cooperative said it would hire more workers at the harbour "
    "and open a second processing line before the summer. Officials said the new airport had made exports "
    "faster, although storms in January closed it for several days. Scientists warned that warming waters "
    "were moving some stocks further north, which could change where boats fish within a decade."
)


def doc(doc_id: str, text: str, url: str | None = None, source: str = "feed") -> Document:
    return Document(id=doc_id, text=text, url=url, source=source, date="2026-01-20")


def sources(db_path: Path) -> set[tuple[str, str, str]]:
    with open_store(db_path, read_only=True) as con:
        rows = con.execute("SELECT doc_id, source_id, kind FROM doc_sources").fetchall()
    return set(rows)


def stored(db_path: Path) -> list[str]:
    with open_store(db_path, read_only=True) as con:
        return [r[0] for r in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]


def test_normalisation_ignores_case_spacing_and_punctuation():
    assert normal_words("  Denmark REJECTED\n\nthe U.S. proposal!") == [
        "denmark",
        "rejected",
        "the",
        "u",
        "s",
        "proposal",
    ]
    assert (
        fingerprint("a", "Denmark, rejected  the proposal").norm_sha1
        == fingerprint("b", "denmark rejected the proposal.").norm_sha1
    )


def test_signature_similarity_tracks_edits():
    wire, edited, other = (fingerprint(i, t).minhash for i, t in (("w", WIRE), ("e", EDITED), ("o", OTHER)))
    assert wire is not None and edited is not None and other is not None  # texts long enough to sign
    assert similarity(wire, wire) == 1.0
    assert similarity(wire, edited) >= 0.8
    assert similarity(wire, other) < 0.2
    assert len(set(band_keys(wire)) & set(band_keys(edited))) > 0


def test_short_texts_have_no_signature():
    assert fingerprint("s", "Denmark rejected the US proposal.").minhash is None
    assert len(normal_words(WIRE)) > MIN_WORDS


def test_exact_duplicates_are_stored_once_and_linked(db_path: Path):
    copy = WIRE.upper().replace(". ", ".  ")
    with open_store(db_path) as con:
        first = save_documents(
            con, [doc("ap-1", WIRE, "https://a.example/1"), doc("rt-1", copy, "https://b.example/1")]
        )
        later = save_documents(con, [doc("afp-1", WIRE + "\n")])
    assert (first.added, first.duplicates, later.duplicates) == (1, 1, 1)
    assert stored(db_path) == ["ap-1"]
    assert sources(db_path) == {
        ("ap-1", "ap-1", "original"),
        ("ap-1", "rt-1", "exact"),
        ("ap-1", "afp-1", "exact"),
    }


def test_near_duplicates_are_stored_once_and_linked_as_near(db_path: Path):
    with open_store(db_path) as con:
        save_documents(con, [doc("ap-1", WIRE), doc("fish", OTHER)])
        result = save_documents(con, [doc("local-7", EDITED, "https://c.example/7")])
        links = con.execute("SELECT url FROM doc_sources WHERE source_id = 'local-7'").fetchall()
    assert (result.added, result.near_duplicates) == (0, 1)
    assert stored(db_path) == ["ap-1", "fish"]
    assert ("ap-1", "local-7", "near") in sources(db_path)
    assert links == [("https://c.example/7",)]


def test_near_duplicate_within_one_batch(db_path: Path):
    with open_store(db_path) as con:
        save_documents(con, [doc("ap-1", WIRE), doc("local-7", EDITED), doc("fish", OTHER)])
    assert stored(db_path) == ["ap-1", "fish"]


@pytest.mark.parametrize(
    ("mode", "expected"), [("exact", ["ap-1", "local-7"]), ("none", ["ap-1", "ap-2", "local-7"])]
)
def test_dedup_modes(db_path: Path, mode: str, expected: list[str]):
    with open_store(db_path) as con:
        save_documents(con, [doc("ap-1", WIRE), doc("local-7", EDITED), doc("ap-2", WIRE)], dedup=mode)
    assert stored(db_path) == expected


def test_saving_the_same_batch_again_adds_nothing(db_path: Path):
    batch = [doc("ap-1", WIRE), doc("local-7", EDITED), doc("rt-1", WIRE)]
    with open_store(db_path) as con:
        save_documents(con, batch)
        again = save_documents(con, batch)
        rows = con.execute("SELECT count(*) FROM doc_sources").fetchall()[0][0]
    assert (again.added, again.duplicates) == (0, 3) and rows == 3


def test_classifier_sees_stored_and_pending_originals(db_path: Path):
    with open_store(db_path) as con:
        save_documents(con, [doc("ap-1", WIRE)])
        dedup = Deduplicator(con)
        first = dedup.classify([fingerprint("fish", OTHER), fingerprint("local-7", EDITED)])
        second = dedup.classify([fingerprint("fish-copy", OTHER), fingerprint("ap-1", WIRE)])
    assert first[0] is None and first[1] == Match("ap-1", "near", first[1].similarity)
    assert second[0] == Match("fish", "exact") and second[1].kind == "known"


def test_near_lookup_stays_cheap_with_many_stored_documents(db_path: Path):
    """10^4 stored fingerprints: one batch is classified by a join, not a scan in Python."""
    import random
    import time

    rng = random.Random(7)
    words = normal_words(WIRE + " " + OTHER)
    texts = [" ".join(rng.choices(words, k=60)) for _ in range(10_000)]
    with open_store(db_path) as con:
        save_documents(con, [doc(f"d{i}", t) for i, t in enumerate(texts)])
        dedup = Deduplicator(con)
        started = time.perf_counter()
        decisions = dedup.classify([fingerprint(f"n{i}", texts[i * 100] + " extra") for i in range(64)])
        elapsed = time.perf_counter() - started
    assert all(d is not None and d.kind == "near" for d in decisions)
    assert elapsed < 2.0
