"""Lookups in the dedup tables (``fingerprints``, ``fingerprint_bands``) and the stored ids.

The SQL on the store's tables lives here, in the store; ingest/dedup.py holds
the decision logic (hashing, MinHash, which candidate is a match) and asks
these questions through the connection it is given.  Every value is bound.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any


def stored_ids(con: Any, ids: list[str]) -> set[str]:
    """Those of ``ids`` already stored, as a document or as another source of one."""
    rows = con.execute(
        "SELECT source_id FROM doc_sources WHERE source_id IN (SELECT unnest(?::VARCHAR[])) "
        "UNION SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [ids, ids],
    ).fetchall()
    return {row[0] for row in rows}


def stored_hashes(con: Any, hashes: list[str]) -> dict[str, str]:
    """For each normalised-text hash already stored, the smallest document id carrying it."""
    rows = con.execute(
        "SELECT norm_sha1, min(doc_id) FROM fingerprints "
        "WHERE norm_sha1 IN (SELECT unnest(?::VARCHAR[])) GROUP BY norm_sha1",
        [hashes],
    ).fetchall()
    return dict(rows)


def stored_band_neighbours(con: Any, doc_ids: list[str], band_keys: list[int]) -> dict[str, dict[str, bytes]]:
    """Per query document, the stored documents sharing one of its band keys, with their signatures.

    ``doc_ids`` and ``band_keys`` are parallel: one (document, key) pair per position.
    """
    rows = con.execute(
        "SELECT DISTINCT q.doc_id, f.doc_id, f.minhash FROM "
        "(SELECT unnest(?::VARCHAR[]) AS doc_id, unnest(?::BIGINT[]) AS band_key) q "
        "JOIN fingerprint_bands b ON b.band_key = q.band_key "
        "JOIN fingerprints f ON f.doc_id = b.doc_id",
        [doc_ids, band_keys],
    ).fetchall()
    found: dict[str, dict[str, bytes]] = defaultdict(dict)
    for query_id, doc_id, signature in rows:
        found[query_id][doc_id] = bytes(signature)
    return found
