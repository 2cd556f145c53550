"""Whole-article scoring rules on small hand-made gold, and the CLI over real files."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from sitrep.evaluate.article_texts import load_gold, read_articles
from sitrep.evaluate.articles import (
    GoldEvent,
    QuoteScores,
    Report,
    anchor_sentences,
    attach_gold,
    score_article_events,
    score_counts,
    score_document,
    score_quotes,
    side,
    EventScores,
    CountScores,
)
from sitrep.evaluate.scoring import max_matching
from sitrep.errors import InputError
from sitrep.models import Actor, Count, Document, Event, Quote, Sentence

DNK = Actor(text="Denmark", name="Denmark", code="DNKGOV", country="DNK", agent="GOV")
USA = Actor(text="Washington", name="United States", code="USAGOV", country="USA", agent="GOV")
NATO = Actor(text="NATO", name="NATO", code="IGONAT", org="NATO")
POLICE = Actor(text="police", name="police", code="COP", agent="COP")

TEXT = "Denmark rejected the US plan on Monday.\n\nNATO met Danish envoys.\n\nIt rained in Nuuk."


def sentences(text: str) -> list[Sentence]:
    """Paragraphs as sentences, with their character spans."""
    out, start = [], 0
    for index, part in enumerate(text.split("\n\n")):
        begin = text.index(part, start)
        out.append(Sentence(index=index, text=part, start=begin, end=begin + len(part)))
        start = begin + len(part)
    return out


def event(index: int, root: str, source: Actor, target: Actor | None, cameo: str = "", negated: bool = False) -> Event:
    return Event(sentence="s", sentence_index=index, source=source, target=target, cameo=cameo or root + "0",
                 root=root, quad_class=3, goldstein=-4.0, plover="X", negated=negated)


def make_doc(events: list[Event], quotes: Sequence[Quote] = (), counts: Sequence[Count] = ()) -> Document:
    return Document(id="a", text=TEXT, sentences=sentences(TEXT), events=events, quotes=list(quotes), counts=list(counts))


def gold(anchor: str, roots: list[str], source: list, target: list, either_way: bool = False) -> GoldEvent:
    return GoldEvent(doc="a", anchors=[anchor], source=source, target=target, roots=roots, either_way=either_way)


@pytest.mark.parametrize(
    ("actor", "expected"), [(DNK, "DNK"), (NATO, "IGO"), (POLICE, None), (None, None)]
)
def test_side_is_igo_then_country_then_unknown(actor: Actor | None, expected: str | None) -> None:
    assert side(actor) == expected


def test_anchor_finds_its_sentence_across_whitespace() -> None:
    doc = make_doc([])
    assert anchor_sentences(doc, "NATO  met\nDanish") == {1}
    assert anchor_sentences(doc, "not in the text") == set()


def test_anchor_cut_by_a_sentence_break_counts_both_sentences() -> None:
    doc = make_doc([])
    assert anchor_sentences(doc, "on Monday.\n\nNATO met") == {0, 1}


def score(events: list[Event], golds: list[GoldEvent]) -> tuple[EventScores, list[int], list[int]]:
    scores = EventScores()
    missed, wrong = score_article_events(attach_gold(make_doc(events), golds), scores)
    return scores, missed, wrong


def test_found_needs_root_and_both_sides() -> None:
    golds = [gold("Denmark rejected the US plan", ["12"], ["DNK"], ["USA"])]
    right, _, _ = score([event(0, "12", DNK, USA)], golds)
    wrong_side, missed, wrong = score([event(0, "12", USA, DNK)], golds)
    assert (right.sides.found, right.sides.right, right.sides.predicted) == (1, 1, 1)
    assert (wrong_side.sides.found, wrong_side.root.found) == (0, 1)
    assert missed == [0] and wrong == [0]


def test_either_way_swaps_sides_but_they_must_differ() -> None:
    golds = [gold("NATO met Danish envoys", ["04"], ["IGO"], ["DNK"], either_way=True)]
    swapped, _, _ = score([event(1, "04", DNK, NATO)], golds)
    same, _, _ = score([event(1, "04", DNK, DNK)], [gold("NATO met Danish", ["04"], ["DNK"], ["DNK"], True)])
    assert swapped.sides.found == 1
    assert same.sides.found == 1  # no swap needed: DNK->DNK is the listed direction


def test_null_in_a_side_accepts_an_unknown_actor_or_no_target() -> None:
    golds = [gold("Denmark rejected", ["12"], ["DNK"], [None]), gold("NATO met", ["04"], [None], ["DNK"])]
    scores, _, _ = score([event(0, "12", DNK, None), event(1, "04", POLICE, DNK)], golds)
    assert scores.sides.found == 2


def test_negated_events_and_bare_statements_are_not_counted() -> None:
    golds = [gold("Denmark rejected", ["12", "01"], ["DNK"], ["USA"])]
    scores, _, _ = score([event(0, "12", DNK, USA, negated=True), event(0, "01", DNK, USA, cameo="010")], golds)
    assert scores.sides.found == 0 and scores.sides.predicted == 0


def test_one_event_finds_one_gold_event_and_matching_is_maximal() -> None:
    # Event 0 fits both gold events; event 1 fits only the first: both must be found.
    golds = [gold("Denmark rejected", ["12"], ["DNK", "USA"], ["USA", "DNK"]), gold("Denmark rejected", ["12"], ["DNK"], ["USA"])]
    scores, _, _ = score([event(0, "12", DNK, USA), event(0, "12", USA, DNK)], golds)
    assert scores.sides.found == 2
    single, _, _ = score([event(0, "12", DNK, USA)], golds)
    assert single.sides.found == 1


def test_precision_looks_only_at_gold_sentences() -> None:
    golds = [gold("Denmark rejected", ["12"], ["DNK"], ["USA"])]
    scores, _, wrong = score([event(0, "12", DNK, USA), event(0, "11", DNK, USA), event(2, "14", DNK, USA)], golds)
    assert (scores.sides.right, scores.sides.predicted) == (1, 2)
    assert wrong == [1]


@pytest.mark.parametrize(
    ("gold_candidates", "expected"),
    [({0: [0, 1], 1: [0]}, 2), ({0: [0], 1: [0]}, 1), ({0: [], 1: [2]}, 1), ({}, 0)],
)
def test_max_matching_sizes(gold_candidates: dict[int, list[int]], expected: int) -> None:
    found = max_matching(gold_candidates)
    assert len(found) == expected
    assert len(set(found.values())) == len(found)


def test_quotes_need_the_fragment_and_the_speaker() -> None:
    lund = Actor(text="Lund", name="Anne Lund", code="NORGOV", country="NOR")
    quotes = [Quote(speaker=lund, text="We will \u201cnever\u201d  accept this deal", sentence_index=0),
              Quote(speaker=None, text="never accept this deal", sentence_index=0)]
    doc = make_doc([], quotes=quotes)
    scores = QuoteScores()
    gold_quotes = [{"speaker": "Lund", "speaker_side": "NOR", "fragment": "will \"never\" accept"},
                   {"speaker": "Lund", "speaker_side": "NOR", "fragment": "not said"}]
    missed = score_quotes(doc, gold_quotes, scores)
    assert (scores.found, scores.with_side, scores.gold, scores.output) == (1, 1, 2, 2)
    assert missed == [gold_quotes[1]]


def test_counts_need_number_and_fitting_unit_and_side_for_the_strict_figure() -> None:
    counts = [Count(number=13, unit="troops", actor=DNK, sentence="s", sentence_index=1),
              Count(number=None, unit="dead", actor=None, sentence="s", sentence_index=2)]
    doc = make_doc([], counts=counts)
    scores = CountScores()
    gold_counts: list[dict[str, Any]] = [{"number": 13, "unit": "troops", "side": "USA", "anchor": "NATO met"},
                   {"number": None, "unit": "killed", "side": None, "anchor": "It rained"},
                   {"number": 13, "unit": "troops", "side": "DNK", "anchor": "Denmark rejected"}]
    missed = score_counts(doc, gold_counts, scores)
    assert (scores.found, scores.with_side, scores.gold) == (2, 1, 3)
    assert missed == [gold_counts[2]]


def test_score_document_fills_the_report() -> None:
    doc = make_doc([event(0, "12", DNK, USA)])
    gold_file = {"events": [{"doc": "a", "anchor": "Denmark rejected", "roots": ["12"], "source": ["DNK"],
                             "target": ["USA"]}, {"doc": "b", "anchor": "x", "roots": ["01"]}],
                 "quotes": [], "counts": []}
    report = Report()
    score_document(doc, gold_file, report)
    assert (report.articles, report.events.sides.found, report.events.sides.gold) == (1, 1, 1)


def write_set(folder: Path) -> Path:
    gold_file = {"about": "test", "articles": ["a1"],
                 "events": [{"doc": "a1", "anchor": "Denmark rejected the US proposal", "roots": ["12"],
                             "source": ["DNK"], "target": ["USA"]}],
                 "quotes": [], "counts": []}
    (folder / "gold.json").write_text(json.dumps(gold_file))
    (folder / "articles.jsonl").write_text(json.dumps({"id": "a1", "date": "2026-01-14",
                                                       "text": "Denmark rejected the US proposal."}) + "\n")
    return folder / "gold.json"


def test_texts_default_to_articles_jsonl_beside_the_gold(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    records = read_articles(path, [], ["a1"])
    assert records[0]["text"].startswith("Denmark")


def test_csv_texts_use_the_url_as_id(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text('url,date,title,text\nhttp://x/1,2020-01-01,T,"Some text."\n')
    assert read_articles(tmp_path / "g.json", [tmp_path / "t.csv"], ["http://x/1"])[0]["date"] == "2020-01-01"


@pytest.mark.parametrize("content", ["not json", json.dumps({"articles": []}), json.dumps([1, 2])])
def test_a_wrong_gold_file_is_one_input_error(tmp_path: Path, content: str) -> None:
    (tmp_path / "gold.json").write_text(content)
    with pytest.raises(InputError, match="gold"):
        load_gold(tmp_path / "gold.json")


def test_labelled_articles_missing_from_the_texts_are_named(tmp_path: Path) -> None:
    path = write_set(tmp_path)
    with pytest.raises(InputError, match="not in the texts"):
        read_articles(path, [], ["a1", "a2"])


def test_cli_scores_a_small_set(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitrep.cli import main

    result = CliRunner().invoke(main, ["eval", "articles", str(write_set(tmp_path)), "--errors", "5"])
    assert result.exit_code == 0, result.output
    assert "events recall, root + both sides 1.000 (1/1)" in result.output


@pytest.mark.eval
def test_afp_dev_scores_are_reported(shared_eval: Path, settings) -> None:
    from sitrep.evaluate.articles import evaluate_articles

    text = evaluate_articles(shared_eval / "afp_dev" / "gold.json", [], settings)
    assert "(15 articles, 195 gold events)" in text and "events recall, root + both sides" in text


def test_one_joined_quotation_finds_both_of_its_gold_spans() -> None:
    lund = Actor(text="Lund", name="Anne Lund", code="NORGOV", country="NOR")
    doc = make_doc([], quotes=[Quote(speaker=lund, text="We will not bow. We will stand firm", sentence_index=0)])
    scores = QuoteScores()
    gold_quotes = [{"speaker": "Lund", "speaker_side": "NOR", "fragment": "We will not bow"},
                   {"speaker": "Lund", "speaker_side": "NOR", "fragment": "We will stand firm"}]
    assert score_quotes(doc, gold_quotes, scores) == [] and scores.found == 2


def test_speaker_names_match_across_accents() -> None:
    erdogan = Actor(text="he", name="Recep Tayyip Erdogan", code="TURGOV", country="TUR")
    doc = make_doc([], quotes=[Quote(speaker=erdogan, text="We will never accept it", sentence_index=0)])
    scores = QuoteScores()
    score_quotes(doc, [{"speaker": "Erdoğan", "speaker_side": "TUR", "fragment": "never accept it"}], scores)
    assert scores.found == 1
