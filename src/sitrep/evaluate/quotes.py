"""``sitrep eval quotes DIR``: speaker attribution scored on PolNeAR (brat standoff).

The directory holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``.
Rules (``../shared/eval/README.md``):

* A gold attribution is an ``E`` line tying ``Source``, ``Cue`` and ``Content`` spans
  (spans may be discontinuous: ``start end;start end``).  It is *direct* when its
  content holds a quotation mark, *indirect* otherwise.  Attributions with no
  ``Source`` are left out: there is no speaker to find.
* A predicted quote matches a gold attribution when its text overlaps the gold
  ``Content`` and its speaker words overlap the gold ``Source``, or name the same
  person (the surname of the resolved speaker occurs in the gold source words).
* Precision: predicted quotes of a kind (direct / indirect) that match some gold
  attribution of any kind (a partial quotation inside reported speech is still a right
  attribution).  Recall: gold attributions of a kind matched by some predicted quote.
* Articles annotated twice: the first annotator file in name order is scored, so
  every article counts once (taking the union would reward over-generation).

``--errors N`` lists the first N false positives and misses (each miss with its gold
cue), then the gold cues missed most often per kind (``missed_cues``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sitrep.errors import InputError
from sitrep.evaluate.scoring import Score, score_table
from sitrep.models import Document, Quote
from sitrep.settings import Settings

QUOTE_MARKS = frozenset('“”"«»')
ANNOTATOR_SUFFIX = re.compile(r"_[0-9a-f]{4}$")
MISSED_CUE = re.compile(r"\s*FN (direct|indirect) .*?\] <([^>]*)>")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    """One annotated attribution: who (source), what (content), and whether it is quoted."""

    source: Spans
    content: Spans
    source_text: str
    direct: bool
    cue_text: str = ""  # the annotated cue ("said", "according to"), for error listings


def evaluate_quotes(path: Path, settings: Settings, show_errors: int = 0) -> str:
    """Score quote attribution on a PolNeAR split directory; returns the report."""
    articles = list(find_articles(path))
    if not articles:
        raise InputError(
            str(path),
            "no PolNeAR articles (text/*.txt with attributions/*.ann)",
            "point at ../shared/eval/polnear/dev",
        )
    docs = code_articles(articles, settings)
    scores = {"direct": Score(), "indirect": Score()}
    errors: list[str] = []
    for (name, text, gold), doc in zip(articles, docs, strict=True):
        score_document(doc.quotes, gold, scores, errors, name, text)
    lines = [
        f"PolNeAR quote attribution: {len(articles)} articles, "
        f"{sum(s.gold for s in scores.values())} gold attributions with a source",
        "",
        score_table(scores, title="quotes"),
    ]
    if show_errors:
        lines += [
            "",
            f"First {min(show_errors, len(errors))} of {len(errors)} errors:",
            *errors[:show_errors],
            "",
            *missed_cues(errors),
        ]
    return "\n".join(lines)


def missed_cues(errors: Sequence[str], top: int = 15) -> list[str]:
    """The gold cues missed most often, per kind, from the error lines ("FN indirect ...
    <called for> ..."): which constructions the coder does not read."""
    counts: dict[str, Counter[str]] = {"direct": Counter(), "indirect": Counter()}
    for line in errors:
        found = MISSED_CUE.match(line)
        if found is not None:
            counts[found.group(1)][found.group(2).lower()] += 1
    return [
        f"missed {kind} by cue: " + ", ".join(f"{cue} {n}" for cue, n in count.most_common(top))
        for kind, count in counts.items()
        if count
    ]


def find_articles(path: Path) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """(article name, text, gold attributions) for each annotated article, one annotator each."""
    chosen: dict[str, Path] = {}
    for ann in sorted((path / "attributions").glob("*.ann")):
        chosen.setdefault(ANNOTATOR_SUFFIX.sub("", ann.stem), ann)
    for name, ann in sorted(chosen.items()):
        text_file = path / "text" / f"{name}.txt"
        if text_file.exists():
            text = text_file.read_text(encoding="utf-8")
            yield name, text, read_brat(ann.read_text(encoding="utf-8"), text)


def read_brat(ann: str, text: str) -> list[GoldAttribution]:
    """Attributions of a brat ``.ann`` file (``T`` spans tied together by ``E`` lines).

    Not ``resources.read_rows``: a brat file is an annotator's file from the
    evaluation set, not a packaged table, and its lines have no fixed width
    (``T`` lines hold ``id, type offsets, text``, ``E`` lines ``id, role:ref ...``);
    lines it does not know are skipped rather than refused.
    """
    spans: dict[str, Spans] = {}
    events: list[dict[str, list[str]]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2 and " " in fields[1]:
            _, offsets = fields[1].split(" ", 1)
            # brat writes each part as "start end", so each inner tuple is a pair
            spans[fields[0]] = tuple(tuple(int(x) for x in part.split()) for part in offsets.split(";"))  # type: ignore[misc]
        elif line.startswith("E") and len(fields) >= 2:
            roles: dict[str, list[str]] = {}
            for arg in fields[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append(roles)
    return [gold for roles in events if (gold := _gold(roles, spans, text)) is not None]


def _gold(roles: dict[str, list[str]], spans: dict[str, Spans], text: str) -> GoldAttribution | None:
    source = tuple(s for ref in roles.get("Source", []) for s in spans.get(ref, ()))
    content = tuple(s for ref in roles.get("Content", []) for s in spans.get(ref, ()))
    if not source or not content:
        return None
    quoted = any(ch in QUOTE_MARKS for start, end in content for ch in text[max(start - 1, 0) : end + 1])
    cue = " ".join(text[s:e] for ref in roles.get("Cue", []) for s, e in spans.get(ref, ()))
    return GoldAttribution(source, content, " ".join(text[s:e] for s, e in source), quoted, cue)


def code_articles(
    articles: Sequence[tuple[str, str, list[GoldAttribution]]], settings: Settings
) -> list[Document]:
    """Run the pipeline over the article texts (one batch stream)."""
    from sitrep import pipeline  # here, not at the top: it loads spaCy (seconds); reading brat does not

    docs = (Document(id=name, text=text) for name, text, _ in articles)
    return list(pipeline.run(docs, settings))


def score_document(
    quotes: Sequence[Quote],
    gold: Sequence[GoldAttribution],
    scores: dict[str, Score],
    errors: list[str],
    name: str,
    text: str,
) -> None:
    """Add one article's predictions and gold items to ``scores``; note the misses."""
    attributed = [q for q in quotes if q.speaker is not None and q.start is not None]
    for quote in attributed:
        right = any(matches(quote, g) for g in gold)
        scores[_kind(quote.direct)].add_predictions(int(right), 1)
        if not right:
            errors.append(
                f"  FP {_kind(quote.direct)} {name}: [{_speaker_text(quote, text)}] {quote.text[:80]!r}"
            )
    for item in gold:
        found = any(matches(q, item) for q in attributed)
        scores[_kind(item.direct)].add_gold(found)
        if not found:
            content = " ".join(text[s:e] for s, e in item.content)
            cue = f" <{item.cue_text}>" if item.cue_text else ""
            errors.append(f"  FN {_kind(item.direct)} {name}: [{item.source_text}]{cue} {content[:80]!r}")


def matches(quote: Quote, gold: GoldAttribution) -> bool:
    """Content overlaps and the speaker overlaps the gold source or names the same person."""
    if not _overlaps((quote.start or 0, quote.end or 0), gold.content):
        return False
    if quote.speaker_start is not None and _overlaps(
        (quote.speaker_start, quote.speaker_end or 0), gold.source
    ):
        return True
    return same_person(quote.speaker.name if quote.speaker else "", gold.source_text)


def same_person(name: str, source_text: str) -> bool:
    """Whether a resolved speaker name and gold source words name the same person (by surname)."""
    words = name.split()
    if len(words) < 2:
        return False
    return re.search(rf"\b{re.escape(words[-1])}\b", source_text) is not None


def _overlaps(span: tuple[int, int], others: Spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _kind(direct: bool) -> str:
    return "direct" if direct else "indirect"


def _speaker_text(quote: Quote, text: str) -> str:
    if quote.speaker_start is None or quote.speaker_end is None:
        return quote.speaker.name if quote.speaker else ""
    return text[quote.speaker_start : quote.speaker_end]
