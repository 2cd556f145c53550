"""Quotes: quotation marks, cues and speakers, continuations, indirect speech."""

from __future__ import annotations

import pytest

from sitrep.coding.speech import quote_cues, quote_marks
from sitrep.models import Actor, Quote
from sitrep.resources import Resources


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "yes" and "no".', ["yes", "no"]),
        ("“We will not,” she said. “Greenland is ours.”", ["We will not,", "Greenland is ours."]),
        (
            "“First paragraph goes on.\n\n“And ends here,” he said.",
            ["First paragraph goes on. And ends here,"],
        ),
        ("“Never closed\n\nNext paragraph has no mark.", ["Never closed"]),
    ],
)
def test_find_quote_spans(text, expected) -> None:
    assert [span.text(text) for span in quote_marks.find_quote_spans(text)] == expected


def test_multi_paragraph_quote_is_one_span_with_two_segments() -> None:
    text = "Nielsen spoke. “We are a people.\n\n“We choose our own future,” Nielsen said."
    (span,) = quote_marks.find_quote_spans(text)
    assert len(span.segments) == 2
    assert text[span.start : span.end].startswith("We are a people.")


def _direct(doc):
    return [q for q in doc.quotes if q.direct]


@pytest.mark.model
def test_trailing_cue_gives_the_speaker_with_country_and_role(code_text) -> None:
    doc = code_text(
        "Danish Prime Minister Mette Frederiksen spoke in Copenhagen. "
        "“We will not be pressured,” Frederiksen said."
    )
    (quote,) = _direct(doc)
    assert quote.text == "We will not be pressured,"
    assert quote.speaker.name == "Mette Frederiksen"
    assert (quote.speaker.country, quote.speaker.agent) == ("DNK", "GOV")
    assert doc.text[quote.speaker_start : quote.speaker_end] == "Frederiksen"
    assert doc.text[quote.start : quote.end] == quote.text


@pytest.mark.model
def test_split_quote_and_pronoun_resolve_to_the_named_speaker(code_text) -> None:
    doc = code_text(
        "Danish Foreign Minister Lars Lokke Rasmussen met reporters.\n\n"
        "“We will not sell,” he said. “Greenland is not for sale.”"
    )
    direct = _direct(doc)
    assert [q.text for q in direct] == ["We will not sell,", "Greenland is not for sale."]
    assert {q.speaker.name for q in direct} == {"Lars Lokke Rasmussen"}
    assert {q.speaker.country for q in direct} == {"DNK"}


@pytest.mark.model
def test_multi_paragraph_quote_gets_its_closing_cue(code_text) -> None:
    doc = code_text(
        "Greenland's Premier Jens-Frederik Nielsen addressed the crowd. "
        "“We have heard what is said about us.\n\n"
        "“Greenland will not accept being bought,” Nielsen said."
    )
    (quote,) = _direct(doc)
    assert quote.text.startswith("We have heard") and quote.text.endswith("bought,")
    assert quote.speaker.country == "GRL"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        (
            "Kremlin spokesman Dmitry Peskov told reporters that Russia was watching events closely.",
            "Dmitry Peskov",
            "told",
        ),
        ("Motzfeldt said Greenlanders alone would decide their future.", "Motzfeldt", "said"),
        ("According to two officials, the talks ended without agreement.", "two officials", "according to"),
    ],
)
def test_indirect_quotes(code_text, text, speaker, cue) -> None:
    doc = code_text(text)
    indirect = [q for q in doc.quotes if not q.direct]
    assert indirect, "no indirect quote"
    quote = indirect[0]
    assert speaker in doc.text[quote.speaker_start : quote.speaker_end]
    assert quote.cue == cue
    assert quote.speaker is not None and quote.start is not None


@pytest.mark.model
def test_unknown_speaker_is_still_an_actor(code_text) -> None:
    (quote,) = _direct(code_text("“It is a farce,” the organisers said."))
    assert quote.speaker is not None
    assert "organisers" in quote.speaker.name


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "He declined to say whether Sweden had informed Washington.",
        "Banners read “Greenland is not for sale”.",
    ],
)
def test_no_attribution_no_quote(code_text, text) -> None:
    assert code_text(text).quotes == []


@pytest.mark.model
def test_outer_cue_reports_nested_quotation(code_text) -> None:
    doc = code_text(
        "Peskov said Washington had threatened Denmark and that European capitals were "
        "“sending soldiers to protect themselves.”"
    )
    (quote,) = _direct(doc)
    assert quote.cue == "said"


@pytest.mark.model
def test_relative_which_speaks_for_its_antecedent(code_text) -> None:
    doc = code_text("The Danish Defence Ministry, which said the talks had failed, sent two ships.")
    (quote,) = doc.quotes
    assert (quote.speaker.code, quote.text) == ("DNKMIL", "the talks had failed")


def _quote_by(words: str, code: str) -> Quote:
    return Quote(speaker=Actor(text=words, name=words, code=code), text="...", sentence_index=0)


@pytest.mark.parametrize(
    ("words", "code", "kept"),
    [("'s", "", False), ("this", "", False), ("it", "DNKGOV", True), ("the organisers", "", True)],
)
def test_quotes_need_someone_who_can_speak(words: str, code: str, kept: bool) -> None:
    assert quote_cues.has_speaker(_quote_by(words, code)) is kept


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (  # belief verb with a clausal complement
            "Most voters believe the country is going in the wrong direction.",
            "Most voters",
            "believe",
            "the country is going in the wrong direction",
        ),
        (  # a finding
            "A Marquette Law School poll showed that Clinton leads the race.",
            "A Marquette Law School poll",
            "showed",
            "Clinton leads the race",
        ),
        (  # "to" infinitive
            "Trump vowed to impose a 35 percent tax on Carrier products.",
            "Trump",
            "vowed",
            "to impose a 35 percent tax on Carrier products",
        ),
        (  # stance verb: its object and what qualifies it
            "Sanders accused Clinton of taking money from Wall Street banks.",
            "Sanders",
            "accused",
            "Clinton of taking money from Wall Street banks",
        ),
        (  # a stance toward someone
            "The governor endorsed the senator from Florida on Sunday.",
            "The governor",
            "endorsed",
            "the senator from Florida",
        ),
        (  # parenthetical cue inside the reported clause
            "In the end, Mr. Rosenthal said, union voters almost always end up voting Democratic.",
            "Mr. Rosenthal",
            "said",
            "union voters almost always end up voting Democratic",
        ),
        (  # a speech verb with no clause and no object: what it is about
            "The mayor complained about the slow repair of the city's bridges.",
            "The mayor",
            "complained",
            "the slow repair of the city's bridges",
        ),
        (  # a belief adjective and its clause
            "Many farmers are afraid that the drought will last another year.",
            "Many farmers",
            "afraid",
            "the drought will last another year",
        ),
        (  # knowing is holding a belief
            "Investigators know that the fire started in the kitchen of the hotel.",
            "Investigators",
            "know",
            "the fire started in the kitchen of the hotel",
        ),
        (  # a phrasal verb of the lexicon
            "The auditor pointed out that the agency had spent twice its budget.",
            "The auditor",
            "pointed",
            "the agency had spent twice its budget",
        ),
        (  # speaking of something
            "The coach spoke of a difficult season for the young players.",
            "The coach",
            "spoke",
            "a difficult season for the young players",
        ),
        (  # a speech verb whose object is what was said (data/quote_cue_objects.tsv)
            "The governor acknowledged the scale of the damage to the port.",
            "The governor",
            "acknowledged",
            "the scale of the damage to the port",
        ),
        (  # a relative pronoun taken out of the reported clause: the content never holds its own cue
            "The fire damaged two warehouses, which the port authority said were empty at the time.",
            "the port authority",
            "said",
            "were empty at the time",
        ),
        (  # a verb of naming or discussing: its object is what was said
            "The senator mentioned the rising cost of rent in small towns.",
            "The senator",
            "mentioned",
            "the rising cost of rent in small towns",
        ),
    ],
)
def test_indirect_quote_content(code_text, text, speaker, cue, content) -> None:
    indirect = [q for q in code_text(text).quotes if not q.direct and q.cue == cue]
    assert indirect, "no indirect quote"
    quote = indirect[0]
    assert text[quote.speaker_start : quote.speaker_end] == speaker
    assert quote.text == content


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "“I think the deal is dead,” Smith said.",  # first person inside another speaker's quotation
        "Reporters asked whether he would run again.",  # a question is not reported speech
        "She continued to campaign in Iowa.",
        # fragments under four words that are not quoted
        "The governor endorsed Rubio.",
        "Officials said so.",
        # complements of agreement, appeal, threat and plan verbs are events, not quotes
        "The two sides agreed to resume talks in Geneva next month.",
        "The minister called for an immediate halt to the fighting.",
        "Rebels threatened to attack the capital within days.",
        "The union urged workers to stay at home on Monday.",
        "Ministers plan to raise taxes on imported cars.",
        # the object of a speech verb is what was said only for the verbs of data/quote_cue_objects.tsv
        "The senator added a new clause to the draft of the bill.",
        "The minister denied the rumours.",  # and only from four words on
        # the label of a text's part is no speaker
        "Editor's Note: The following is an excerpt from a book by Maria Lopez.",
        # after "on" come the circumstances of speaking, not what was said
        "The officer spoke on condition of anonymity to the local paper.",
        # the clause's verb is quoted: the words before the quotation are only its opening
        "Okoro said that if the rains fail again, “the harvest will be lost.”",
    ],
)
def test_no_indirect_quote(code_text, text) -> None:
    assert [q for q in code_text(text).quotes if not q.direct] == []


def test_belief_verbs_do_not_attribute_quotations() -> None:
    resources = Resources()
    direct = resources.get(quote_cues.direct_cues)
    assert resources.get(quote_cues.cue_lexicon)["think"] == "belief"
    assert "think" not in direct and "say" in direct


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("''We are taking a longer view,'' said Mr. Pruzan.", ["We are taking a longer view,"]),
        ("It's the candidate's ''big idea'' now.", ["big idea"]),
    ],
)
def test_two_apostrophes_are_a_quotation_mark(text, expected) -> None:
    plain = quote_marks.plain_marks(text)
    assert len(plain) == len(text)
    assert [span.text(plain) for span in quote_marks.find_quote_spans(plain)] == expected


@pytest.mark.model
def test_two_apostrophe_quotation_gets_its_speaker(code_text) -> None:
    (quote,) = _direct(code_text("''We are taking a longer view,'' said Mr. Pruzan."))
    assert quote.text == "We are taking a longer view,"
    assert "Pruzan" in quote.speaker.name


@pytest.mark.model
def test_split_quotation_is_one_quote(code_text) -> None:
    doc = code_text("“We will not,” the minister said, “give an inch on the border.”")
    (quote,) = _direct(doc)
    assert quote.text == "We will not, give an inch on the border."
    assert quote.cue == "said" and "minister" in quote.speaker.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the cue is in the sentence before the quotation
        ("The visit was a turning point, an aide said. “It opens the door to a settlement.”", "aide"),
        # the speaker's next paragraph, with narration but no cue in between
        (
            "“Prices will rise,” Okafor said.\n\nThe bank meets on Friday.\n\n“We cannot wait much longer.”",
            "Okafor",
        ),
    ],
)
def test_unattributed_follow_on_quotation_goes_to_the_previous_speaker(code_text, text, speaker) -> None:
    last = _direct(code_text(text))[-1]
    assert speaker in last.speaker.text


@pytest.mark.model
def test_quoted_as_saying_gives_the_object_as_speaker(code_text) -> None:
    doc = code_text("“We will join the bloc soon,” the state agency quoted Prime Minister Adeyemi as saying.")
    (quote,) = _direct(doc)
    assert "Adeyemi" in quote.speaker.text


@pytest.mark.model
def test_speaker_words_leave_out_participle_clauses(code_text) -> None:
    doc = code_text("Mwangi, speaking to reporters in Nairobi, said the vote “was stolen from the people”.")
    (quote,) = _direct(doc)
    assert doc.text[quote.speaker_start : quote.speaker_end] == "Mwangi"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "quoted", "code"),
    [
        # "it said" continues the body that spoke last, not the body named last
        ("“The convoy was hit near the border,” the Kenyan army said. Police backed by local militias "
         "searched the area. “Two suspects were arrested,” it said.", "Two suspects were arrested,", "KENMIL"),
    ],
)
def test_a_pronoun_speaker_continues_the_previous_speaker(code_text, text: str, quoted: str, code: str) -> None:
    quote = next(q for q in _direct(code_text(text)) if q.text == quoted)
    assert quote.speaker.code == code
    assert quote.speaker.text == "it"


@pytest.mark.model
def test_a_role_speaker_keeps_its_whole_phrase(code_text) -> None:
    (quote,) = _direct(code_text("“We have no plan,” a Kenyan foreign ministry official said in Nairobi."))
    assert quote.speaker.text == "Kenyan foreign ministry official"
    assert quote.speaker.country == "KEN"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("President of Kenya William Ruto said, “We expect an apology.”", "William Ruto"),
    ],
)
def test_a_title_speaker_is_the_person_it_names(code_text, text: str, name: str) -> None:
    (quote,) = _direct(code_text(text))
    assert name in quote.speaker.name and quote.speaker.country == "KEN"


@pytest.mark.parametrize(
    ("text", "title"),
    [("Fox News Sunday", True), ("The Apprentice", True), ("We will not", False), ("Go", False)],
)
def test_quoted_titles_are_not_words_said(text: str, title: bool) -> None:
    assert quote_marks.is_title(text) is title


def test_a_split_quotation_is_joined() -> None:
    text = "“We will not,” she said, “give up.”"
    first, second = quote_marks.find_quote_spans(text)
    assert quote_marks.is_split(first, second, text)
    quote = Quote(speaker=None, text=first.text(text), sentence_index=0, start=first.start, end=first.end)
    assert quote_marks.joined(quote, second, text).text == "We will not, give up."
    other = "“No.” She left. “Yes.”"
    before, after = quote_marks.find_quote_spans(other)
    assert not quote_marks.is_split(before, after, other)


def test_a_quote_without_a_speaker_is_left_out() -> None:
    assert not quote_cues.has_speaker(Quote(speaker=None, text="...", sentence_index=0))


def test_paragraph_labels_name_a_speaker_and_a_colon() -> None:
    text = "Okafor: Rates Will Stay High.\n\n“MORAES: We start with the budget.\n\nA word from Okafor: no.\n"
    labels = quote_marks.paragraph_labels(text)
    assert [text[slice(*label.name)] for label in labels] == ["Okafor", "MORAES"]
    assert [text[slice(*label.content)] for label in labels] == ["Rates Will Stay High", "We start with the budget"]


@pytest.mark.model
def test_a_labelled_paragraph_is_its_speakers_quote(code_text) -> None:
    doc = code_text(
        "Maria Lopez interviewed Senator John Miller on Sunday.\n\n"
        "“LOPEZ: Will you raise taxes next year, Senator?\n\n"
        "“MILLER: We will not raise taxes on working families next year.”"
    )
    quotes = {q.speaker.text: q for q in doc.quotes if q.cue == ":"}
    assert set(quotes) == {"LOPEZ", "MILLER"}
    assert quotes["MILLER"].text == "We will not raise taxes on working families next year"
    assert quotes["MILLER"].direct
    assert not any(q.text.startswith("LOPEZ") for q in doc.quotes)


@pytest.mark.model
def test_a_headline_label_is_an_indirect_quote(code_text) -> None:
    doc = code_text("Yellen: Rates Will Stay High Until Inflation Falls.\n\nJanet Yellen spoke on Monday.")
    (quote,) = [q for q in doc.quotes if q.cue == ":"]
    assert quote.speaker.text == "Yellen" and not quote.direct
    assert quote.text == "Rates Will Stay High Until Inflation Falls"


def test_a_closing_mark_that_opens_a_paragraph_opens_a_quotation() -> None:
    text = "Readers wrote in.\n”Rents are too high.” ― Ana Rios"
    assert [span.text(text) for span in quote_marks.find_quote_spans(text)] == ["Rents are too high."]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“Rents are too high.” ― Ana Rios\n", "Ana Rios"),
        ("“Rents are too high.”— Ana Rios “Buses are late.”", "Ana Rios"),
        ("“Rents are too high.” ― and the council knows it.", None),
        ("“Rents are too high,” Ana Rios said.", None),
    ],
)
def test_dash_name_signs_a_quotation(text: str, name: str | None) -> None:
    span = quote_marks.find_quote_spans(text)[0]
    where = quote_marks.dash_name(span, text)
    assert (text[slice(*where)] if where else None) == name


@pytest.mark.model
def test_a_quotation_signed_after_a_dash_is_the_signers(code_text) -> None:
    doc = code_text("Voters told us what they think.\n“The buses never come on time.” ― Maria Lopez\n")
    (quote,) = _direct(doc)
    assert quote.speaker.text == "Maria Lopez" and quote.text == "The buses never come on time."


@pytest.mark.model
def test_the_writer_speaks_outside_quotations(code_text) -> None:
    doc = code_text("I believe the city council has wasted the money it raised for new buses.")
    (quote,) = [q for q in doc.quotes if not q.direct]
    assert quote.speaker.text == "I"


@pytest.mark.model
def test_a_speech_noun_with_an_owner_reports_its_clause(code_text) -> None:
    doc = code_text("The video contradicts the mayor's claim that the bridge had been inspected last year.")
    (quote,) = [q for q in doc.quotes if q.cue == "claim"]
    assert not quote.direct and quote.text == "the bridge had been inspected last year"
    assert doc.text[quote.speaker_start : quote.speaker_end] == "the mayor"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kenyan foreign minister said the ceasefire was a “first real step” towards talks.",
         "the ceasefire was a “first real step” towards talks"),
        # the quoted part is attributed by another cue of the same speaker
        ("“We will not talk through the media,” the envoy added, saying the two sides would have “many chances” "
         "in Geneva.", "the two sides would have “many chances” in Geneva"),
        # naming with an event verb: its object and the quoted names are one quote
        ("The opposition leader called the budget “a betrayal” and “a gift to the banks.”",
         "the budget “a betrayal” and “a gift to the banks.”"),
        # an appeal's complement stays an event: only its quoted words are a quote
        ("The minister called for “an immediate halt” to the shelling of the port.", "an immediate halt"),
        # two quoted parts of one reported clause
        ("The farmers' union said the new subsidy was “a good start” but “far from enough” for small farms.",
         "the new subsidy was “a good start” but “far from enough” for small farms"),
        ("The mayor says she would sign the budget on Monday, calling it “a fair deal for everyone.”",
         "she would sign the budget on Monday, calling it “a fair deal for everyone.”"),
    ],
)
def test_a_mixed_quotation_is_one_direct_quote_with_its_lead(code_text, text: str, expected: str) -> None:
    doc = code_text(text)
    quote = doc.quotes[-1]
    assert all(q.direct for q in doc.quotes)
    assert quote.text == expected
    assert doc.text[quote.start : quote.end] == expected


@pytest.mark.model
def test_quoted_words_inside_the_speakers_name_are_not_a_quote(code_text) -> None:
    doc = code_text("Rebel “defence minister” Ana Rios told reporters that the talks would resume in March.")
    assert not any(q.direct for q in doc.quotes)


@pytest.mark.model
def test_a_definite_role_noun_takes_up_the_fuller_speaker_before_it(code_text) -> None:
    doc = code_text(
        "“We will not sign the accord,” a Kenyan trade ministry official said on Monday. "
        "“The terms are unfair to our farmers,” the official said."
    )
    last = _direct(doc)[-1]
    assert last.text.startswith("The terms")
    assert "trade ministry official" in last.speaker.text
    assert doc.text[last.speaker_start : last.speaker_end] == "the official"


@pytest.mark.model
def test_they_takes_up_a_group_no_table_knows(code_text) -> None:
    doc = code_text(
        "Two stallholders at the market said the new fees were far too high. "
        "They added that many traders would leave the town."
    )
    last = doc.quotes[-1]
    assert last.cue == "added" and last.speaker.text == "They"
    assert last.speaker.name == "Two stallholders at the market"


@pytest.mark.model
def test_a_split_quotation_without_commas_is_joined_around_its_attribution(code_text) -> None:
    doc = code_text("“We stand ready” said the Kenyan health minister “to send doctors to the region at once.”")
    (quote,) = doc.quotes
    assert quote.text == "We stand ready to send doctors to the region at once."


def test_a_split_without_commas_needs_the_cue_between_and_a_lower_case_second_part() -> None:
    text = "“We stand ready” said Rios “to help.”"
    first, second = quote_marks.find_quote_spans(text)
    assert quote_marks.is_split(first, second, text, cue_between=True)
    assert not quote_marks.is_split(first, second, text)
    other = "“We stand ready.” said Rios “Help comes.”"
    before, after = quote_marks.find_quote_spans(other)
    assert not quote_marks.is_split(before, after, other, cue_between=True)
