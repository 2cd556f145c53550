"""Quotes: who said what, directly (in quotation marks) or indirectly ("X said that ...").

Find, then write.  ``find_quote_spans`` finds quotation marks in the raw text;
``find_cue`` ties a quoted span to the verb that attributes it; ``find_indirect``
finds reported speech without quotation marks; ``find_quotes`` assembles the
``Quote`` records and ``process`` stores them in ``doc.quotes``.

Quotation marks (``find_quote_spans``)
    Curly and straight double quotation marks, guillemets, and two apostrophes ('').  A paragraph (text
    between line breaks) that opens a quotation without closing it continues into the
    next paragraph when that one opens with a quotation mark again -- the newspaper
    convention for long quotes -- and the whole run is one quote; otherwise the open
    quotation ends with its paragraph.

Speaker (``find_cue`` and ``speaker_token``)
    The attribution cue is a verb of ``data/quote_cues.tsv`` (said, told, added, warned,
    insisted, ...) or "according to", outside the quotation marks: in the sentence that
    holds the quotation, in the first words after it (“...,” said the minister), or in
    the sentence before it when that one ends with a colon.  Quoted titles and names
    ("Fox News Sunday": two to six words, all capitalised) are not quotations.  Cues
    that govern the quoted words, or are governed by them, come first (of two such,
    the outer one), then the nearest.  "Partial" cues
    (called, described, criticised, ...) only count when they govern the quoted words.
    The speaker is the cue's subject (for "according to", its object), climbing from a
    participle ("..., saying") to the clause it hangs on and from "who" to its noun.
    A quotation with no cue of its own continues the previous speaker's quotation when
    nothing but that speaker's attribution lies between them (“We will not,” she said.
    “Greenland is ...”); a split quotation (“We will not,” she said, “give up.”) is one
    quote.  A quotation that opens its sentence with no cue goes to the speech cue of the
    sentence before ("..., a diplomat said. “It puts ...”"), else to the previous
    quotation's speaker when only narration without cues lies between (``follow_on``).
    "X quoted Y as saying" gives Y.  Quotations with no speaker are left out.

Who the speaker is (``speaker_actor``)
    The actor mention under the speaker's words, so that "he" or "the minister" comes
    out as the named person the actors stage resolved them to; a named person keeps the
    country and role of the actor their words resolve to ("Danish Prime Minister Mette
    Frederiksen" -> DNK, GOV).  A speaker the actors stage does not know is still an
    Actor, named by its words, with no country, so that the attribution is kept.

Indirect quotes (``find_indirect``)
    A speech or belief cue with a clausal complement ("X said that ...", "a poll showed
    the race was tied", "she believes ...") or a "to" infinitive ("vowed to ..."), a
    parenthetical "..., X said, ..." (the clause around it), a stance verb's object
    ("accused Clinton of ...", "called him an opportunist") or "according to X, ..." gives
    a quote with ``direct`` false whose text is that content, cut where a quotation begins
    (content that opens in one is a direct quote).  "I", "we", "you" speak inside someone
    else's quotation and are left out; "direct" cues (asked) only attribute quotations.
    Unquoted content under four words is a fragment and left out, and the complements of
    agreement, appeal, threat and plan verbs ("agreed to ...", "called for ...",
    "threatened to ...", cue kind ``event``) are events, never quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from sitrep.coding.actors import actors_for_token, mention_at
from sitrep.coding.grammar import speech
from sitrep.coding.tsv import read_tsv
from sitrep.models import Actor, Document, Quote
from sitrep.nlp.spans import ents_within
from sitrep.resources import Resources
from sitrep.settings import Settings

OPENERS = frozenset('“"«')
CLOSERS = frozenset('”"»')
PARAGRAPH_BREAK = re.compile(r"\n+")
OPEN_ENDINGS = frozenset(",?!—–-…:")  # quoted words ending so run on into their attribution
TAIL_TOKENS = 8  # how far after a closing mark a trailing cue ("..., said X") is looked for
NON_SPEAKERS = frozenset({"'s", "’s", "this", "there"})  # unless resolved to an actor
MAX_CONTINUATION_GAP = 200  # characters between two quotations of one speaker
FOLLOW_ON_GAP = 400  # characters of narration after which a quotation without a cue has no speaker
MIN_INDIRECT_WORDS = 4  # shorter unquoted content is a fragment, not a quote
TITLE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "in", "on", "at", "to", "for", "with", "or"})
NESTED_SPEAKERS = frozenset({"i", "we", "you"})  # "I think ..." sits inside someone else's quotation
CARRIED_PRONOUNS = frozenset({"it", "they", "he", "she"})
CARRY_REACH = 2  # sentences back a pronoun speaker may take the previous speaker from
PERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "minister", "president",
                          "commander", "officer", "envoy", "diplomat", "source", "resident", "witness"})
TITLE_HEADS = frozenset({"president", "minister", "premier", "chancellor", "king", "queen", "governor",
                         "secretary", "commissioner", "leader", "mayor", "chairman", "chief"})
TRIM = ' \t\n,;:.!?"“”«»—–-'


@dataclass(frozen=True)
class QuoteSpan:
    """Quoted content: its character ranges (marks excluded) and the closing mark's offset."""

    segments: tuple[tuple[int, int], ...]
    close_mark: int | None  # None when the quotation ran to the end of a paragraph unclosed

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]

    @property
    def outer_end(self) -> int:
        """End including the closing mark."""
        return self.close_mark + 1 if self.close_mark is not None else self.end

    def covers(self, char: int) -> bool:
        """Whether ``char`` lies between the opening and the closing mark (inclusive)."""
        return self.start - 1 <= char < self.outer_end

    def text(self, full_text: str) -> str:
        return " ".join(full_text[s:e].strip() for s, e in self.segments)


@dataclass(frozen=True)
class Attribution:
    """A cue verb and the token standing for its speaker."""

    cue: Any
    subject: Any


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """Cue lemma -> kind ("speech", "partial", "direct", "belief" or "event") from ``data/quote_cues.tsv``."""
    return {lemma: kind for lemma, kind in read_tsv("quote_cues.tsv", 2)}


@lru_cache(maxsize=1)
def direct_cues() -> dict[str, str]:
    """The cues that may attribute words in quotation marks: "she thinks" near a quotation
    rarely introduces it, and a nearer belief verb would steal it from the real "said"."""
    return {lemma: kind for lemma, kind in cue_lexicon().items() if kind != "belief"}


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.quotes``."""
    for doc in docs:
        if doc.parsed is not None:
            doc.quotes = find_quotes(doc)
        yield doc


def find_quotes(doc: Document) -> list[Quote]:
    """Direct and indirect quotes of a parsed document, in text order."""
    parsed = doc.parsed
    text = plain_marks(doc.text[: len(parsed.text)])
    spans = find_quote_spans(text)
    sentence_of = {s.start: n for n, s in enumerate(parsed.sents)}
    quotes = find_direct(doc, spans, sentence_of, text) + find_indirect(doc, spans, sentence_of)
    ordered = sorted(quotes, key=lambda q: (q.start or 0, not q.direct))
    return [q for q in carried_speakers(doc, ordered) if has_speaker(q)]


def has_speaker(quote: Quote) -> bool:
    """Whether a quote names someone who can speak: "it" or a stray "'s" that nothing resolved
    is a thing ("*it* suggests that ..."), and a quote an analyst cannot attribute misleads."""
    return bool(quote.speaker.code) or quote.speaker.text.lower() not in NON_SPEAKERS


# --- quotation marks ------------------------------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (text between line breaks)."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        if brk.start() > start:
            spans.append((start, brk.start()))
        start = brk.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def plain_marks(text: str) -> str:
    """``text`` with typewriter double quotes written as two apostrophes (''like this'', the New
    York Times archive style) turned into one quotation mark and a space: same length, so every
    offset still points into the original text."""
    return text.replace("''", '" ') if "''" in text else text


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Quoted stretches of ``text``, multi-paragraph quotations joined (module docstring)."""
    found: list[QuoteSpan] = []
    pending: list[tuple[int, int]] = []
    for start, end in paragraphs(text):
        if pending and text[start] not in OPENERS:
            found.append(QuoteSpan(tuple(pending), None))
            pending = []
        segments, pending, open_at = pending, [], None
        for i in range(start, end):
            char = text[i]
            if open_at is None and char in OPENERS:
                open_at = i
            elif open_at is not None and char in CLOSERS:
                segments.append((open_at + 1, i))
                found.append(QuoteSpan(tuple(segments), i))
                segments, open_at = [], None
            elif open_at is not None and char in OPENERS:
                open_at = i  # an unmatched opener: the later one starts the quotation
        if open_at is not None:
            pending = [*segments, (open_at + 1, end)]
    if pending:
        found.append(QuoteSpan(tuple(pending), None))
    return [span for span in found if len(span.text(text)) > 1]


# --- direct quotes --------------------------------------------------------------------------------


def find_direct(
    doc: Document, spans: Sequence[QuoteSpan], sentence_of: dict[int, int], text: str
) -> list[Quote]:
    """A Quote per quoted span with a speaker; a split quotation (“...,” she said, “...”) is one
    quote, and a quotation with no cue of its own goes to the speaker before it (``follow_on``).
    ``text`` is the document text with plain quotation marks (``plain_marks``)."""
    parsed = doc.parsed
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, Attribution] | None = None
    for span in spans:
        if is_title(span.text(text)):
            previous = None
            continue
        attribution = find_cue(parsed, span, direct_cues(), spans)
        continued = attribution is None and previous is not None and continues(parsed, previous, span, text)
        same_cue = attribution is not None and previous is not None and attribution.cue.i == previous[1].cue.i
        if (continued or same_cue) and previous is not None and is_split(previous[0], span, text) and quotes:
            quotes[-1] = joined(quotes[-1], span, text)
            previous = (span, previous[1])
            continue
        if continued and previous is not None:
            attribution = previous[1]
        if attribution is None:
            attribution = follow_on(parsed, span, previous, text)
        if attribution is None:
            previous = None
            continue
        previous = (span, attribution)
        quote = make_quote(doc, attribution, span.text(text), span.start, span.end, sentence_of)
        quotes.append(quote)
    return quotes


def is_split(before: QuoteSpan, span: QuoteSpan, text: str) -> bool:
    """Whether ``span`` finishes the sentence ``before`` began: “We will not,” she said, “give up.”"""
    gap = text[before.outer_end : span.start - 1].strip()
    return text[before.start : before.end].rstrip()[-1:] == "," and gap.endswith(",")


def joined(quote: Quote, span: QuoteSpan, text: str) -> Quote:
    """``quote`` extended by the rest of its split quotation."""
    return replace(quote, text=f"{quote.text} {span.text(text).strip()}", end=span.end)


def follow_on(
    parsed: Any, span: QuoteSpan, previous: tuple[QuoteSpan, Attribution] | None, text: str
) -> Attribution | None:
    """The speaker of a quotation with no cue of its own: the speech cue of the sentence just
    before it ("His offer was a step forward, a diplomat said. “It puts ...”"), else the
    previous quotation's speaker when nothing but narration without quotes or cues lies
    between them (the newspaper convention for a speaker's next paragraph)."""
    first = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if first is None or first[0].sent.start == 0 or not _opens_sentence(first[0], span):
        return None
    before = parsed[first[0].sent.start - 1].sent
    cue = _sentence_cue(before)
    if cue is not None:
        return cue
    if previous is None or span.start - previous[0].outer_end > FOLLOW_ON_GAP:
        return None
    gap = parsed.char_span(previous[0].outer_end, span.start - 1, alignment_mode="contract")
    if gap is not None and any(_is_cue(t, direct_cues()) for t in gap):
        return None
    return previous[1]


def _opens_sentence(token: Any, span: QuoteSpan) -> bool:
    """Whether the quotation starts its sentence (only its opening mark before it)."""
    return span.start - token.sent.start_char <= 2


def _sentence_cue(sentence: Any) -> Attribution | None:
    """The speech cue and speaker of a reporting sentence ("..., a diplomat said.")."""
    cues = direct_cues()
    for token in sentence:
        if _is_cue(token, cues) and cues.get(token.lemma_.lower()) == "speech":
            subject = speaker_token(token)
            if subject is not None and subject.lower_ not in NESTED_SPEAKERS | NON_SPEAKERS:
                return Attribution(token, subject)
    return None


def is_title(text: str) -> bool:
    """A quoted title or name ("Fox News Sunday", "The Apprentice"), not words someone said:
    two to six words, every content word capitalised."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    return 2 <= len(words) <= 6 and bool(content) and all(w[0].isupper() for w in content)


def find_cue(
    parsed: Any, span: QuoteSpan, cues: dict[str, str], spans: Sequence[QuoteSpan] = ()
) -> Attribution | None:
    """The cue attributing a quoted span, with its speaker token (module docstring).  Words
    inside any quotation are what someone said, never the cue of another quotation."""
    best: tuple[tuple[bool, int, int], Attribution] | None = None
    for token in _cue_region(parsed, span):
        if span.covers(token.idx) or not _is_cue(token, cues) or any(s.covers(token.idx) for s in spans):
            continue
        linked = _linked(token, span)
        if cues.get(token.lemma_.lower()) in {"partial", "event"} and not linked:
            continue
        subject = speaker_token(token)
        if subject is None or span.covers(subject.idx) or subject.ent_type_ in {"DATE", "TIME"}:
            continue
        distance = min(abs(token.idx - span.outer_end), abs(span.start - token.idx))
        key = (not linked, _depth(token) if linked else 0, distance)
        if best is None or key < best[0]:
            best = (key, Attribution(token, subject))
    return None if best is None else best[1]


def _depth(token: Any) -> int:
    """Ancestors above a token: of two cues governing a quotation the outer one reports it
    ("Peskov said Washington had threatened ... “...”" is Peskov's)."""
    return sum(1 for _ in token.ancestors)


def _cue_region(parsed: Any, span: QuoteSpan) -> list[Any]:
    """Tokens where a span's cue may sit: its sentences, a few words after it, a colon sentence before."""
    first = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if first is None:
        return []
    sentences = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
    tokens = [t for sent in sentences.values() for t in sent]
    tail = _tail(parsed, first[-1].i + 1) if first.text.rstrip()[-1:] in OPEN_ENDINGS else []
    before = first[0].sent.start - 1
    if before >= 0 and parsed[before].text == ":":
        tokens.extend(parsed[before].sent)
    return tokens + tail


def _tail(parsed: Any, after: int) -> list[Any]:
    """The first words after a closing mark, up to the paragraph's end ("..., said X")."""
    tail = []
    for token in parsed[after : after + TAIL_TOKENS]:
        if "\n" in token.text or (tail and token.text in OPENERS):
            break
        tail.append(token)
    return tail


def _is_cue(token: Any, cues: dict[str, str]) -> bool:
    if token.lower_ == speech.ACCORDING:
        return speech.is_according_to(token)
    return token.lemma_.lower() in cues and token.pos_ in {"VERB", "AUX"}


def _linked(cue: Any, span: QuoteSpan) -> bool:
    """Whether the cue governs a quoted word or is governed by one."""
    return span.covers(cue.head.idx) or any(span.covers(t.idx) for t in cue.subtree)


def speaker_token(cue: Any) -> Any | None:
    """The token naming who speaks: the cue's subject, or the object of "according to"."""
    return speech.speaker_of(cue)


def continues(parsed: Any, previous: tuple[QuoteSpan, Attribution], span: QuoteSpan, text: str) -> bool:
    """Whether ``span`` goes on with the previous speaker's words (nothing else in between)."""
    before, attribution = previous
    gap_start, gap_end = before.outer_end, span.start - 1
    if gap_end - gap_start > MAX_CONTINUATION_GAP:
        return False
    gap = parsed.char_span(gap_start, gap_end, alignment_mode="contract")
    if gap is None:
        return not text[gap_start:gap_end].strip(TRIM)
    clause = {t.i for t in attribution.cue.subtree} | {attribution.cue.i}
    return all(t.is_punct or t.is_space or t.i in clause for t in gap)


# --- indirect quotes ------------------------------------------------------------------------------


def find_indirect(doc: Document, spans: Sequence[QuoteSpan], sentence_of: dict[int, int]) -> list[Quote]:
    """Reported speech without quotation marks: "X said (that) ...", "according to X, ..."."""
    parsed = doc.parsed
    cues = cue_lexicon()
    quotes = []
    for token in parsed:
        kind = cues.get(token.lemma_.lower())
        if not _is_cue(token, cues) or kind in {"direct", "event"} or _withheld(token):
            continue
        content = _reported_content(token, cues.get(token.lemma_.lower(), "speech"))
        subject = speaker_token(token)
        if content is not None:
            content = _unquoted_lead(content, spans)
        if content is None or subject is None or subject.lower_ in NESTED_SPEAKERS or _fragment(content):
            continue
        quote = make_quote(
            doc,
            Attribution(token, subject),
            content.text,
            content.start_char,
            content.end_char,
            sentence_of,
            direct=False,
        )
        quotes.append(quote)
    return quotes


def _fragment(content: Any) -> bool:
    """Unquoted content under four words ("the deal", "to leave") is a fragment, not a quote."""
    return sum(1 for t in content if not (t.is_punct or t.is_space)) < MIN_INDIRECT_WORDS


def _withheld(cue: Any) -> bool:
    """Speech that did not happen: "declined to say", "did not say"."""
    return speech.is_withheld(cue)


def _reported_content(cue: Any, kind: str) -> Any | None:
    """The span of what is reported (module docstring): the complement clause ("said (that) ..."),
    the infinitive ("vowed to ..."), the clause before a parenthetical "..., X said", the
    object of a stance verb ("accused Clinton of ..."), or the clause "according to" hangs on."""
    if cue.lower_ == speech.ACCORDING:
        return _according_content(cue)
    if kind == "partial":
        return _object_content(cue)
    clause = speech.content_clause(cue)
    if clause is None:
        return _preceding_content(cue) if kind == "speech" else None
    words = speech.content_words(clause)
    return _trimmed(cue.doc[words[0].i : words[-1].i + 1]) if words else None


def _according_content(cue: Any) -> Any | None:
    """The rest of the sentence around "according to X": before it, else after it."""
    doc, sent = cue.doc, cue.sent
    phrase = list(cue.subtree)
    if phrase[0].i > sent.start + 1:
        return _trimmed(doc[sent.start : phrase[0].i])
    return _trimmed(doc[phrase[-1].i + 1 : sent.end])


def _preceding_content(cue: Any) -> Any | None:
    """The clause a parenthetical cue sits in: "The effects are hard to predict, economists say",
    "In the end, Mr. Rosenthal said, union voters ..." (the parser hangs "say" on the reported
    clause instead of the other way round).  The longer side of the clause around the cue's words."""
    head = speech.parenthetical_host(cue)
    if head is None:
        return None
    doc = cue.doc
    before = _trimmed(doc[head.left_edge.i : cue.left_edge.i])
    after = _trimmed(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
    sides = [side for side in (before, after) if side is not None]
    return max(sides, key=len) if sides else None


def _object_content(cue: Any) -> Any | None:
    """What a stance verb is about: its object and what qualifies it ("called him an opportunist",
    "accused Clinton of lying"), or its complement clause."""
    parts = speech.cue_objects(cue)
    if not parts:
        return None
    return _trimmed(cue.doc[parts[0].left_edge.i : parts[-1].right_edge.i + 1])


def _trimmed(span: Any) -> Any | None:
    """The span without punctuation at either edge; None when little is left."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end - start >= 2 else None


def _unquoted_lead(content: Any, spans: Sequence[QuoteSpan]) -> Any | None:
    """Reported content up to its first quotation: the quoted words are a direct quote of their
    own ("he says he would release it, calling them “very boring”"); content that opens inside
    quotation marks is wholly a direct quote."""
    start, end = content.start_char, content.end_char
    first = next((s for s in spans if s.outer_end > start and s.start - 1 < end), None)
    if first is None:
        return content
    if first.start - 1 <= start:
        return None
    return _trimmed(content.doc.char_span(start, first.start - 1, alignment_mode="contract") or content[:0])


# --- speakers -------------------------------------------------------------------------------------


def make_quote(
    doc: Document,
    attribution: Attribution,
    text: str,
    start: int,
    end: int,
    sentence_of: dict[int, int],
    direct: bool = True,
) -> Quote:
    """The Quote record for content ``[start, end)`` attributed by ``attribution``."""
    words = speaker_words(attribution.subject)
    sentence = doc.parsed.char_span(start, max(end, start + 1), alignment_mode="expand")
    sentence_index = (
        sentence_of.get(sentence[0].sent.start, 0) if sentence is not None and len(sentence) else 0
    )
    return Quote(
        speaker=speaker_actor(doc, attribution.subject, words),
        text=text.strip(),
        sentence_index=sentence_index,
        direct=direct,
        cue=attribution.cue.text if attribution.cue.lower_ != speech.ACCORDING else "according to",
        start=start,
        end=end,
        speaker_start=words.start_char,
        speaker_end=words.end_char,
    )


def speaker_words(subject: Any) -> Any:
    """The words naming the speaker: the subject's phrase, appositions and relative clauses
    included ("an architect who says ..."), participle clauses left out, punctuation trimmed."""
    return _trimmed(speech.speaker_extent(subject)) or subject.doc[subject.i : subject.i + 1]


def speaker_actor(doc: Document, subject: Any, words: Any) -> Actor:
    """The speaker as an Actor (module docstring).  The one place a speaker is looked up:
    document-level resolution of "he", "the spokesman", "the ministry" plugs in here."""
    mention = mention_at(doc, subject.i) or next(
        (m for t in words if (m := mention_at(doc, t.i)) is not None), None
    )
    if mention is not None and mention.kind == "role" and subject.lemma_.lower() in TITLE_HEADS:
        mention = _titled_person(doc, subject) or mention
    base = mention.actor if mention is not None else next(iter(actors_for_token(doc, subject)), None)
    person = speaker_person(words)
    if base is None:
        name = person or _plain_name(words)
        return Actor(text=words.text, name=name, code="", country=None, org=None, agent=None)
    if person and person not in base.name and base.name not in person:
        return Actor(
            text=words.text, name=person, code=base.code, country=base.country, org=base.org, agent=base.agent
        )
    if mention is not None and subject.pos_ in {"NOUN", "PROPN"} and words.text != base.text:
        return replace(base, text=_plain_name(words))  # "a foreign ministry official" keeps its words
    return base


def carried_speakers(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """A pronoun speaker continues the previous speaker (“...,” the coalition said. “...,” it said):
    "it" takes the latest body that spoke within reach, "he", "she" and "they" the latest
    speaker of their kind when the actors stage could not resolve them."""
    out: list[Quote] = []
    for quote in quotes:
        word = quote.speaker.text.lower()
        if word in CARRIED_PRONOUNS and (word == "it" or not quote.speaker.code):
            previous = _previous_speaker(doc, out, quote, person=word in ("he", "she"))
            if previous is not None:
                quote = replace(quote, speaker=replace(previous, text=quote.speaker.text))
        out.append(quote)
    return out


def _previous_speaker(doc: Document, earlier: list[Quote], quote: Quote, person: bool) -> Actor | None:
    """The speaker of the latest earlier quote within reach whose speaker is (or is not) a person."""
    for before in reversed(earlier):
        if quote.sentence_index - before.sentence_index > CARRY_REACH:
            return None
        if not before.speaker.code or before.speaker.text.lower() in ("they",):
            continue
        if quote.speaker.text.lower() == "they" or _spoken_by_person(doc, before) == person:
            return before.speaker
    return None


def _spoken_by_person(doc: Document, quote: Quote) -> bool:
    """Whether a quote's speaker is a person (a name, "he", "the spokesman"), not a body."""
    if quote.speaker.text.lower() in ("he", "she"):
        return True
    words = doc.parsed.char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    mention = mention_at(doc, words.root.i)
    return (mention is not None and mention.kind == "person") or words.root.lemma_.lower() in PERSON_NOUNS


def _titled_person(doc: Document, title: Any) -> Any | None:
    """The person a title names ("President of Ukraine Volodymyr Zelenskyy", "the president, Ana Rios"),
    never one it serves ("the spokesman for President X" is not X)."""
    for tok in title.subtree:
        mention = mention_at(doc, tok.i) if tok.i > title.i else None
        if mention is None or mention.kind != "person":
            continue
        if speech.is_titled_by(doc.parsed[mention.head if mention.head is not None else tok.i], title):
            return mention
    return None


def speaker_person(words: Any) -> str | None:
    """The person named in a speaker's words, not a possessor ("Dunn's mother, Charlotte
    Charles" is Charlotte Charles)."""
    people = [e for e in ents_within(words) if e.label_ == "PERSON"]
    own = [e for e in people if not speech.is_possessor(e)]
    chosen = (own or people)[:1]
    return chosen[0].text if chosen else None


def _plain_name(words: Any) -> str:
    """A speaker's words without a leading article: "the campaign" -> "campaign"."""
    tokens = [t for t in words if not (t.i == words.start and speech.is_determiner(t))]
    return " ".join(t.text for t in tokens) or words.text
