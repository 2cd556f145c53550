"""Exact and near-duplicate detection, so that a wire story carried by many
outlets is coded and stored once and linked to every source that carried it.

* Exact duplicates share the hash of their *normalised* text (case, punctuation
  and spacing ignored), so trivially re-typeset copies still match.
* Near duplicates (a copy with a few words edited) are found with MinHash over
  word 3-shingles and banded locality-sensitive hashing: a text is compared
  only with the few stored texts that share one of its band keys, so the cost
  per document stays flat at 10^5 and more stored documents.

The band keys and signatures of stored documents live in the store
(``fingerprints`` and ``fingerprint_bands``), written in the same transaction
as the documents, so an interrupted run never leaves them out of step; the
queries on those tables are in store/fingerprints.py, the decisions here.  The
MinHash is written here (a few lines of numpy) rather than taken from a library,
so that stored signatures never change meaning when a dependency is upgraded.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy as np

from sitrep.store import fingerprints

SHINGLE_WORDS = 3
NUM_PERM = 120
BANDS = 20  # 20 bands x 6 rows: pairs at Jaccard 0.8 become candidates with p > 0.99
ROWS = NUM_PERM // BANDS
MIN_WORDS = 10  # shorter texts are only ever exact duplicates (too few shingles to judge)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    """What dedup needs to know about one text."""

    doc_id: str
    norm_sha1: str
    minhash: bytes | None  # NUM_PERM little-endian uint32; None for texts under MIN_WORDS words


@dataclass(frozen=True)
class Match:
    """The stored (or earlier) document a text repeats, and how."""

    doc_id: str
    kind: str  # "exact" or "near"
    similarity: float = 1.0


KNOWN = Match(doc_id="", kind="known")
"""Decision for a document whose id is already stored: skip it, link nothing."""


def normal_words(text: str) -> list[str]:
    """Words of the text with case, accents' composition and punctuation ignored."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fingerprint(doc_id: str, text: str) -> Fingerprint:
    """Normalised-text hash and MinHash signature of one document."""
    words = normal_words(text)
    norm = hashlib.sha1(" ".join(words).encode("utf-8")).hexdigest()
    signature = minhash(shingles(words)) if len(words) >= MIN_WORDS else None
    return Fingerprint(doc_id, norm, signature)


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> set[bytes]:
    """Distinct runs of ``size`` consecutive words, as bytes."""
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(max(1, len(words) - size + 1))}


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """Fixed multiply-shift hash parameters, derived from a hash rather than an RNG
    so that they are identical on every machine and every numpy version."""
    a, b = [], []
    for i in range(NUM_PERM):
        digest = hashlib.blake2b(f"sitrep-minhash-{i}".encode(), digest_size=16).digest()
        a.append(int.from_bytes(digest[:8], "little") | 1)
        b.append(int.from_bytes(digest[8:], "little"))
    return np.array(a, dtype=np.uint64), np.array(b, dtype=np.uint64)


def _item_hash(item: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(item, digest_size=8).digest(), "little")


def minhash(items: Iterable[bytes]) -> bytes:
    """MinHash signature: per hash function, the least ``(a*h + b) mod 2^64 >> 32``.

    Multiply-shift hashing over 64-bit item hashes; numpy's uint64 arithmetic
    wraps, which is exactly the ``mod 2^64`` wanted.
    """
    hashes = np.fromiter((_item_hash(item) for item in items), dtype=np.uint64)
    a, b = _permutations()
    with np.errstate(over="ignore"):
        values = (np.outer(hashes, a) + b) >> np.uint64(32)
    signature: bytes = values.min(axis=0).astype("<u4").tobytes()
    return signature


def similarity(sig_a: bytes, sig_b: bytes) -> float:
    """Estimated Jaccard similarity: the share of permutations whose minima agree."""
    left = np.frombuffer(sig_a, dtype="<u4")
    right = np.frombuffer(sig_b, dtype="<u4")
    return float(np.count_nonzero(left == right)) / NUM_PERM


def band_keys(signature: bytes) -> list[int]:
    """One signed 64-bit key per band; texts sharing a key are candidate pairs."""
    width = ROWS * 4
    return [
        int.from_bytes(
            hashlib.blake2b(
                bytes([band]) + signature[band * width : (band + 1) * width], digest_size=8
            ).digest(),
            "little",
            signed=True,
        )
        for band in range(BANDS)
    ]


def fingerprint_row(fp: Fingerprint) -> dict[str, Any]:
    """The ``fingerprints`` row of one stored document."""
    return {"doc_id": fp.doc_id, "norm_sha1": fp.norm_sha1, "minhash": fp.minhash}


def band_rows(doc_id: str, signature: bytes | None) -> list[dict[str, Any]]:
    """The ``fingerprint_bands`` rows of one stored document (none for short texts)."""
    return [{"band_key": key, "doc_id": doc_id} for key in band_keys(signature)] if signature else []


@dataclass
class _Pending:
    """Originals decided in this run but not yet visible in the store."""

    by_hash: dict[str, str] = field(default_factory=dict)
    by_band: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    signatures: dict[str, bytes] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    def add(self, fp: Fingerprint) -> None:
        self.ids.add(fp.doc_id)
        self.by_hash.setdefault(fp.norm_sha1, fp.doc_id)
        if fp.minhash is not None:
            self.signatures[fp.doc_id] = fp.minhash
            for key in band_keys(fp.minhash):
                self.by_band[key].append(fp.doc_id)

    def drop(self, doc_ids: Iterable[str]) -> None:
        for doc_id in doc_ids:
            self.ids.discard(doc_id)
            self.signatures.pop(doc_id, None)
        self.by_hash = {h: d for h, d in self.by_hash.items() if d in self.ids}
        self.by_band = defaultdict(
            list, {k: [d for d in v if d in self.ids] for k, v in self.by_band.items()}
        )
        self.by_band = defaultdict(list, {k: v for k, v in self.by_band.items() if v})


class Deduplicator:
    """Decides, in input order, whether each document is new or repeats an earlier one.

    "Earlier" means stored (looked up in ``con``, if given) or decided earlier
    in this run and not yet committed (kept in memory until ``release``).  The
    decision depends only on that set of earlier originals, never on timing, so
    a resumed run decides exactly as an uninterrupted one.
    """

    def __init__(self, con: Any | None, mode: str = "near", near_threshold: float = 0.8) -> None:
        self.con = con
        self.mode = mode
        self.near_threshold = near_threshold
        self.pending = _Pending()

    def classify(self, fps: Sequence[Fingerprint]) -> list[Match | None]:
        """One decision per fingerprint: None (original), KNOWN, or a Match."""
        known = self._stored_ids([fp.doc_id for fp in fps])
        stored_hashes = self._stored_hashes([fp.norm_sha1 for fp in fps]) if self.mode != "none" else {}
        near = self._stored_near(fps) if self.mode == "near" else {}
        decisions: list[Match | None] = []
        for fp in fps:
            decision = self._decide(fp, known, stored_hashes, near)
            if decision is None:
                self.pending.add(fp)
            decisions.append(decision)
        return decisions

    def release(self, doc_ids: Iterable[str]) -> None:
        """Forget originals that are now committed (the store answers for them)."""
        self.pending.drop(doc_ids)

    def _decide(
        self, fp: Fingerprint, known: set[str], hashes: dict[str, str], near: dict[str, dict[str, bytes]]
    ) -> Match | None:
        if fp.doc_id in known or fp.doc_id in self.pending.ids:
            return KNOWN
        if self.mode == "none":
            return None
        exact = hashes.get(fp.norm_sha1) or self.pending.by_hash.get(fp.norm_sha1)
        if exact is not None:
            return Match(exact, "exact")
        if self.mode != "near" or fp.minhash is None:
            return None
        candidates = dict(near.get(fp.doc_id, {}))
        for key in band_keys(fp.minhash):
            for doc_id in self.pending.by_band.get(key, ()):
                candidates[doc_id] = self.pending.signatures[doc_id]
        return best_match(fp.minhash, candidates, self.near_threshold)

    def _stored_ids(self, ids: list[str]) -> set[str]:
        if self.con is None or not ids:
            return set()
        return fingerprints.stored_ids(self.con, ids)

    def _stored_hashes(self, hashes: list[str]) -> dict[str, str]:
        if self.con is None or not hashes:
            return {}
        return fingerprints.stored_hashes(self.con, hashes)

    def _stored_near(self, fps: Sequence[Fingerprint]) -> dict[str, dict[str, bytes]]:
        """Per document, the stored documents sharing a band key, with their signatures."""
        keyed = [(fp.doc_id, key) for fp in fps if fp.minhash is not None for key in band_keys(fp.minhash)]
        if self.con is None or not keyed:
            return {}
        doc_ids, keys = [doc for doc, _ in keyed], [key for _, key in keyed]
        return fingerprints.stored_band_neighbours(self.con, doc_ids, keys)


def best_match(signature: bytes, candidates: dict[str, bytes], threshold: float) -> Match | None:
    """The most similar candidate at or above the threshold; ties go to the smallest id."""
    best: Match | None = None
    for doc_id in sorted(candidates):
        score = similarity(signature, candidates[doc_id])
        if score >= threshold and (best is None or score > best.similarity):
            best = Match(doc_id, "near", score)
    return best
