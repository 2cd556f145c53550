"""``sitrep eval articles``: the coder against hand-coded whole articles.

Scoring follows ``../shared/eval/README.md`` ("Whole articles"):

- each article is coded with its date, as an ingest would code it;
- a gold event is *found* when an event of that article, not negated and not a
  bare 010 statement, lies in a sentence overlapping the gold ``anchor`` (or one
  of ``alt_anchors``), has a root among ``roots``, and a source and target side
  among the gold ``source`` and ``target`` (side = ``IGO`` for an
  intergovernmental body, else the actor's country, else null); ``either_way``
  lets the sides swap but they must differ;
- each coded event can find one gold event, so the matching is one-to-one;
- precision looks only at coded events in sentences that hold a gold anchor: an
  event there is right when it matches some gold event of that sentence;
- a gold quote is found when some quote holds its ``fragment`` and the speaker's
  name or words hold its ``speaker`` (a joined split quotation may find both of
  its gold spans); a gold count when some count in the anchor's sentence has the
  same ``number`` and a fitting unit, and, stricter, the side.

Matching is pure and works on plain records (``GoldEvent``, ``Document``), so
the tests build small hand-made gold without the model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitrep.evaluate.article_texts import load_gold, read_articles
from sitrep.evaluate.scoring import Score, code_texts, describe_event, max_matching, ratio
from sitrep.models import Actor, Count, Document, Event, Quote
from sitrep.settings import Settings

# Output units (counts.py's units.tsv) that fit each gold unit; "other" takes any.
UNIT_FITS: dict[str, frozenset[str]] = {
    "troops": frozenset({"troops", "soldiers", "forces", "fighters", "personnel"}),
    "police": frozenset({"police"}),
    "killed": frozenset({"killed", "dead"}),
    "wounded": frozenset({"wounded", "injured"}),
    "arrested": frozenset({"arrested", "detained", "prisoners", "charged"}),
    "refugees": frozenset({"refugees", "displaced"}),
    "protesters": frozenset({"protesters"}),
    "people": frozenset({"people", "civilians", "protesters"}),
}


@dataclass
class GoldEvent:
    """One hand-coded event; ``None`` in a side list means an unknown side is fine."""

    doc: str
    anchors: list[str]
    source: list[str | None]
    target: list[str | None]
    roots: list[str]
    either_way: bool = False
    what: str = ""


@dataclass
class Article:
    """One coded article with the sentence indices each gold anchor falls in."""

    doc: Document
    gold: list[GoldEvent] = field(default_factory=list)
    anchor_sentences: dict[int, set[int]] = field(default_factory=dict)  # gold index -> sentences


def side(actor: Actor | None) -> str | None:
    """The README's side of an actor: IGO, else its country, else unknown (None)."""
    if actor is None:
        return None
    if actor.code.startswith("IGO"):
        return "IGO"
    return actor.country or None


def counted(event: Event) -> bool:
    """Events the article score looks at: asserted, and not a bare statement."""
    return not event.negated and event.cameo != "010"


def sides_match(event: Event, gold: GoldEvent) -> bool:
    """Source and target sides acceptable, either way round for symmetric events."""
    src, tgt = side(event.source), side(event.target)
    if src in gold.source and tgt in gold.target:
        return True
    return gold.either_way and src != tgt and tgt in gold.source and src in gold.target


def root_matches(event: Event, gold: GoldEvent) -> bool:
    return event.root in gold.roots


def anchor_pattern(anchor: str) -> re.Pattern[str]:
    """The anchor's words with any run of whitespace between them."""
    return re.compile(r"\s+".join(re.escape(word) for word in anchor.split()))


def anchor_sentences(doc: Document, anchor: str) -> set[int]:
    """Indices of the sentences overlapping the anchor's first occurrence."""
    found = anchor_pattern(anchor).search(doc.text)
    if found is None:
        return set()
    start, end = found.span()
    return {s.index for s in doc.sentences if s.start < end and start < s.end}


def attach_gold(doc: Document, gold: list[GoldEvent]) -> Article:
    """An Article: the document, its gold events and where each is anchored."""
    article = Article(doc=doc, gold=gold)
    for number, event in enumerate(gold):
        indices: set[int] = set()
        for anchor in event.anchors:
            indices |= anchor_sentences(doc, anchor)
        article.anchor_sentences[number] = indices
    return article


def candidate_pairs(article: Article, test: Callable[[Event, GoldEvent], bool]) -> dict[int, list[int]]:
    """Gold index -> indices of counted events that could find it under ``test``."""
    events = article.doc.events
    pairs: dict[int, list[int]] = {}
    for number, gold in enumerate(article.gold):
        where = article.anchor_sentences[number]
        pairs[number] = [
            i
            for i, e in enumerate(events)
            if counted(e) and e.sentence_index in where and root_matches(e, gold) and test(e, gold)
        ]
    return pairs


def with_sides(event: Event, gold: GoldEvent) -> bool:
    return sides_match(event, gold)


def root_only(event: Event, gold: GoldEvent) -> bool:
    return True


@dataclass
class EventScores:
    """Recall with sides and root only, precision in gold sentences (both ways)."""

    sides: Score = field(default_factory=Score)
    root: Score = field(default_factory=Score)
    per_root: dict[str, Score] = field(default_factory=dict)


def score_article_events(article: Article, scores: EventScores) -> tuple[list[int], list[int]]:
    """Add one article to ``scores``; return (missed gold indices, wrong event indices)."""
    strict = candidate_pairs(article, with_sides)
    loose = candidate_pairs(article, root_only)
    found_strict = max_matching(strict)
    found_loose = max_matching(loose)
    missed = []
    for number, gold in enumerate(article.gold):
        hit = number in found_strict
        scores.sides.add_gold(hit)
        scores.root.add_gold(number in found_loose)
        scores.per_root.setdefault(gold.roots[0], Score()).add_gold(hit)
        if not hit:
            missed.append(number)
    wrong = score_precision(article, strict, loose, scores)
    return missed, wrong


def score_precision(
    article: Article, strict: dict[int, list[int]], loose: dict[int, list[int]], scores: EventScores
) -> list[int]:
    """Precision over counted events in gold sentences; returns the wrong ones."""
    in_gold = set().union(*article.anchor_sentences.values()) if article.anchor_sentences else set()
    right_strict = {i for hits in strict.values() for i in hits}
    right_loose = {i for hits in loose.values() for i in hits}
    wrong = []
    for i, event in enumerate(article.doc.events):
        if not counted(event) or event.sentence_index not in in_gold:
            continue
        scores.sides.add_predictions(int(i in right_strict), 1)
        scores.root.add_predictions(int(i in right_loose), 1)
        scores.per_root.setdefault(event.root, Score()).add_predictions(int(i in right_strict), 1)
        if i not in right_strict:
            wrong.append(i)
    return wrong


def normalise(text: str) -> str:
    """Case, accents, quotation marks and whitespace folded, for fragment and speaker tests
    ("Erdoğan" in the text and "Erdogan" in a table are one name)."""
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.casefold().split())


def quote_holds(quote: Quote, fragment: str, speaker: str) -> bool:
    """The README's quote rule: the text holds the fragment, the speaker the name."""
    if normalise(fragment) not in normalise(quote.text):
        return False
    if quote.speaker is None:
        return False
    who = normalise(speaker)
    return who in normalise(quote.speaker.name) or who in normalise(quote.speaker.text)


@dataclass
class QuoteScores:
    found: int = 0
    with_side: int = 0
    gold: int = 0
    output: int = 0
    output_direct: int = 0


def score_quotes(doc: Document, gold: list[dict[str, Any]], scores: QuoteScores) -> list[dict[str, Any]]:
    """Add one article's quotes; returns the gold quotes missed."""
    scores.output += len(doc.quotes)
    scores.output_direct += sum(1 for q in doc.quotes if q.direct)
    missed = []
    for record in gold:
        holding = [q for q in doc.quotes if quote_holds(q, record["fragment"], record["speaker"])]
        scores.gold += 1
        scores.found += int(bool(holding))
        scores.with_side += int(any(side(q.speaker) == record.get("speaker_side") for q in holding))
        if not holding:
            missed.append(record)
    return missed


def unit_fits(output_unit: str, gold_unit: str) -> bool:
    if gold_unit == "other":
        return True
    return output_unit == gold_unit or output_unit in UNIT_FITS.get(gold_unit, frozenset())


def count_fits(count: Count, record: dict[str, Any], sentences: set[int]) -> bool:
    return (
        count.sentence_index in sentences
        and count.number == record.get("number")
        and unit_fits(count.unit, str(record.get("unit", "")))
    )


@dataclass
class CountScores:
    found: int = 0
    with_side: int = 0
    gold: int = 0
    output: int = 0


def score_counts(doc: Document, gold: list[dict[str, Any]], scores: CountScores) -> list[dict[str, Any]]:
    """Add one article's counts; returns the gold counts missed (number + unit)."""
    scores.output += len(doc.counts)
    where = [anchor_sentences(doc, str(record.get("anchor", ""))) for record in gold]
    loose = {
        n: [i for i, c in enumerate(doc.counts) if count_fits(c, r, where[n])] for n, r in enumerate(gold)
    }
    strict = {
        n: [i for i in hits if side(doc.counts[i].actor) == gold[n].get("side")] for n, hits in loose.items()
    }
    scores.gold += len(gold)
    scores.found += sum(1 for hits in loose.values() if hits)
    scores.with_side += sum(1 for hits in strict.values() if hits)
    return [record for n, record in enumerate(gold) if not loose[n]]


@dataclass
class Report:
    """Everything one ``sitrep eval articles`` run measured, plus error listings."""

    articles: int = 0
    events: EventScores = field(default_factory=EventScores)
    quotes: QuoteScores = field(default_factory=QuoteScores)
    counts: CountScores = field(default_factory=CountScores)
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def evaluate_articles(
    gold_path: Path, text_paths: Sequence[Path], settings: Settings, show_errors: int = 0
) -> str:
    """Code every gold article and return the printable report."""
    gold = load_gold(gold_path)
    texts = read_articles(gold_path, text_paths, gold["articles"])
    docs = code_texts(((t["id"], t["text"], t.get("date")) for t in texts), settings)
    report = Report()
    for doc in docs:
        score_document(doc, gold, report)
    return render(gold_path, report, show_errors)


def score_document(doc: Document, gold: dict[str, Any], report: Report) -> None:
    """Score one coded article against its gold events, quotes and counts."""
    events = [gold_event(record) for record in gold["events"] if record["doc"] == doc.id]
    article = attach_gold(doc, events)
    report.articles += 1
    missed, wrong = score_article_events(article, report.events)
    report.misses.extend(miss_lines(article, missed))
    report.errors.extend(wrong_lines(article, wrong))
    score_quotes(doc, [q for q in gold["quotes"] if q["doc"] == doc.id], report.quotes)
    score_counts(doc, [c for c in gold["counts"] if c["doc"] == doc.id], report.counts)


def gold_event(record: dict[str, Any]) -> GoldEvent:
    """A GoldEvent from one ``events`` entry of gold.json."""
    return GoldEvent(
        doc=record["doc"],
        anchors=[record["anchor"], *record.get("alt_anchors", [])],
        source=list(record.get("source") or [None]),
        target=list(record.get("target") or [None]),
        roots=[str(r) for r in record["roots"]],
        either_way=bool(record.get("either_way")),
        what=str(record.get("what", "")),
    )


def sentence_text(doc: Document, index: int) -> str:
    return next((s.text for s in doc.sentences if s.index == index), "")


def miss_lines(article: Article, missed: Iterable[int]) -> list[str]:
    """One block per missed gold event: gold codes, sentence, what was coded there."""
    return ["\n".join(miss_block(article, number)) for number in missed]


def miss_block(article: Article, number: int) -> list[str]:
    """Lines for one missed gold event."""
    gold = article.gold[number]
    where = sorted(article.anchor_sentences[number])
    lines = [f"- MISS [{'/'.join(gold.roots)} {_sides(gold.source)} -> {_sides(gold.target)}] {gold.what}"]
    if not where:
        lines.append(f"    (anchor not found: {gold.anchors[0]!r})")
    for index in where:
        lines.append(f"    {_short(sentence_text(article.doc, index))}")
        coded = [e for e in article.doc.events if e.sentence_index == index and counted(e)]
        lines.extend(f"      coded: {describe_event(e)} {_event_sides(e)}" for e in coded)
    return lines


def wrong_lines(article: Article, wrong: Iterable[int]) -> list[str]:
    """One block per wrong event in a gold sentence, with its sentence."""
    blocks = []
    for i in wrong:
        event = article.doc.events[i]
        blocks.append(f"- WRONG {describe_event(event)} {_event_sides(event)}\n    {_short(event.sentence)}")
    return blocks


def _event_sides(event: Event) -> str:
    return f"({side(event.source)}->{side(event.target)})"


def _sides(values: list[str | None]) -> str:
    return "|".join(v or "null" for v in values)


def _short(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render(gold_path: Path, report: Report, show_errors: int) -> str:
    """The per-root table, error listings, then the headline lines (last six)."""
    ev, qu, co = report.events, report.quotes, report.counts
    lines = [f"Whole articles: {gold_path} ({report.articles} articles, {ev.sides.gold} gold events)", ""]
    lines += root_table(ev.per_root)
    if show_errors > 0:
        lines += ["", f"Missed gold events ({min(show_errors, len(report.misses))} of {len(report.misses)}):"]
        lines += report.misses[:show_errors]
        lines += ["", f"Wrong events in gold sentences ({min(show_errors, len(report.errors))} of {len(report.errors)}):"]
        lines += report.errors[:show_errors]
    lines += [
        "",
        f"events recall, root + both sides {ev.sides.recall:.3f} ({ev.sides.found}/{ev.sides.gold})",
        f"events recall, root only {ev.root.recall:.3f} ({ev.root.found}/{ev.root.gold})",
        f"events precision in gold sentences {ev.sides.precision:.3f} "
        f"({ev.sides.right}/{ev.sides.predicted}); "
        f"root only {ev.root.precision:.3f}",
        f"direct quotes with the right speaker {ratio(qu.found, qu.gold):.3f} ({qu.found}/{qu.gold}); "
        f"+ speaker side {ratio(qu.with_side, qu.gold):.3f}",
        f"quotes output {qu.output} ({ratio(qu.output, qu.gold):.2f} per gold quote; "
        f"{qu.output_direct} direct, {ratio(qu.output_direct, qu.gold):.2f} per gold quote)",
        f"counts number + unit {ratio(co.found, co.gold):.3f} ({co.found}/{co.gold}); "
        f"+ whose {ratio(co.with_side, co.gold):.3f} ({co.with_side}/{co.gold}); {co.output} counts output",
    ]
    return "\n".join(lines)


def root_table(per_root: dict[str, Score]) -> list[str]:
    """Per CAMEO root: gold events found with sides, and precision in gold sentences."""
    header = f"{'root':<6}{'recall':>8}{'found/gold':>12}{'precision':>11}{'right/coded':>13}"
    lines = [header, "-" * len(header)]
    for root in sorted(per_root):
        s = per_root[root]
        found, right = f"{s.found}/{s.gold}", f"{s.right}/{s.predicted}"
        lines.append(f"{root:<6}{s.recall:>8.3f}{found:>12}{s.precision:>11.3f}{right:>13}")
    return lines
