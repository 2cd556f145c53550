"""Coding time against text length on speech-dense text: the growth ratio should stay near 1.

Prints, for texts of 25k to 200k characters made of one reported-speech
sentence repeated, the seconds to code each and the time per 1,000 characters;
``growth`` is the per-character time of the longest text over the shortest
(1.0 = linear, 8.0 = quadratic over this range).

    python bench/long_text.py [--sizes 25000,50000,100000,200000]
"""

from __future__ import annotations

import argparse
import time

from sitrep import pipeline
from sitrep.models import Document
from sitrep.nlp.model import load_pipeline
from sitrep.settings import Settings

SENTENCE = "Denmark rejected the US proposal, the minister said. "


def speech_dense(chars: int) -> str:
    """A text of about ``chars`` characters of one reported-speech sentence repeated."""
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]


def code_seconds(chars: int, settings: Settings) -> float:
    """Wall-clock seconds for the whole pipeline over one text of ``chars`` characters."""
    doc = Document(id=f"long-{chars}", text=speech_dense(chars), date="2026-01-15")
    start = time.perf_counter()
    list(pipeline.run([doc], settings))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000,200000")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    settings = Settings(max_doc_chars=max(sizes))
    load_pipeline(settings)
    code_seconds(2_000, settings)  # warm up: lexicons and the gazetteer load on first use
    per_k = []
    for chars in sizes:
        seconds = code_seconds(chars, settings)
        per_k.append(seconds / chars * 1000)
        print(f"{chars:>8,} chars  {seconds:8.2f} s  {per_k[-1] * 1000:7.2f} ms per 1k chars")
    print(f"growth (time per char, {sizes[-1]:,} over {sizes[0]:,}): {per_k[-1] / per_k[0]:.2f}")


if __name__ == "__main__":
    main()
