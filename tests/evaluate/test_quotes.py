"""``sitrep eval quotes``: brat reading, matching rules, and the PolNeAR dev targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.evaluate import quotes as evalq
from sitrep.evaluate.scoring import Score
from sitrep.models import Actor, Quote

TEXT = "Figueroa said the campaign planned a protest. “We were there,” Figueroa told USA Today."
ANN = "\n".join(
    [
        "T1\tSource 0 8\tFigueroa",
        "T2\tCue 9 13\tsaid",
        "T3\tContent 14 44\tthe campaign planned a protest",
        "E1\tAttribution:T2 Source:T1 Content:T3 Cue:T2",
        "T4\tContent 46 62\t“We were there,”",
        "T5\tSource 63 71\tFigueroa",
        "E2\tAttribution:T5 Content:T4 Source:T5",
        "E3\tAttribution-no-source:T2 Content:T3",
    ]
)


def _quote(
    start: int, end: int, speaker: tuple[int, int], direct: bool, name: str = "Melezia Figueroa"
) -> Quote:
    actor = Actor(text=name, name=name, code="")
    return Quote(
        actor, "", 0, direct=direct, start=start, end=end, speaker_start=speaker[0], speaker_end=speaker[1]
    )


def test_read_brat_keeps_sourced_attributions_and_marks_direct_ones() -> None:
    gold = evalq.read_brat(ANN, TEXT)
    assert [(g.source_text, g.direct) for g in gold] == [("Figueroa", False), ("Figueroa", True)]


@pytest.mark.parametrize(
    ("quote", "matched"),
    [
        (_quote(47, 61, (63, 71), True), True),  # speaker words overlap
        (_quote(47, 61, (0, 3), True), True),  # same person by surname
        (_quote(47, 61, (0, 3), True, name="USA Today"), False),
        (_quote(0, 5, (63, 71), True), False),  # content does not overlap
    ],
)
def test_matching_rule(quote, matched) -> None:
    gold = evalq.read_brat(ANN, TEXT)[1]
    assert evalq.matches(quote, gold) is matched


def test_find_articles_takes_one_annotator_per_article(tmp_path: Path) -> None:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_ab12.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "attributions" / "a_ff00.ann").write_text("", encoding="utf-8")
    ((name, _, gold),) = list(evalq.find_articles(tmp_path))
    assert name == "a" and len(gold) == 2


@pytest.mark.model
@pytest.mark.eval
@pytest.mark.slow
def test_polnear_dev_direct_quote_targets(shared_eval, settings) -> None:
    path = shared_eval / "polnear" / "dev"
    if not path.exists():
        pytest.skip("polnear/dev is not present")
    scores = {"direct": Score(), "indirect": Score()}
    articles = list(evalq.find_articles(path))
    for (name, text, gold), doc in zip(articles, evalq.code_articles(articles, settings), strict=True):
        evalq.score_document(doc.quotes, gold, scores, [], name, text)
    assert scores["direct"].precision >= 0.80
    assert scores["direct"].recall >= 0.70


def test_a_miss_is_listed_with_its_cue_and_cues_are_counted() -> None:
    gold = evalq.read_brat(ANN, TEXT)
    assert gold[0].cue_text == "said" and gold[1].cue_text == ""
    errors: list[str] = []
    scores = {"direct": Score(), "indirect": Score()}
    evalq.score_document([], gold, scores, errors, "a", TEXT)
    assert errors[0] == "  FN indirect a: [Figueroa] <said> 'the campaign planned a protest'"
    assert evalq.missed_cues(errors) == ["missed indirect by cue: said 1"]
