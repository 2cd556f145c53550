"""Quotes: who said what, directly (in quotation marks) or indirectly ("X said that ...").

The quotes stage: how a document's quotes are put together, direct and indirect.  Find,
then write: ``find_quotes`` assembles the ``Quote`` records of a parsed document and
``process`` stores them in ``doc.quotes``.  Two modules do the finding beside it:
``quote_marks`` reads the quotation marks in the raw text (``find_quote_spans``, quoted
titles, split quotations) and ``quote_cues`` the parse (the cue lexicon, the cue and
speaker of a quoted span, the speaker's words and actor, pronoun speakers carried on).

Joining and attributing quotations (``find_direct``)
    A quotation with no cue of its own continues the previous speaker's quotation when
    nothing but that speaker's attribution lies between them (“We will not,” she said.
    “Greenland is ...”); a split quotation (“We will not,” she said, “give up.”, or “We stand
    ready” tweeted Johnson “to help”, with only the cue and speaker between) is one quote.  A quotation that opens its sentence with no cue goes to the speech cue of the
    sentence before ("..., a diplomat said. “It puts ...”"), else to the previous
    quotation's speaker when only narration without cues lies between (``follow_on``).
    "X quoted Y as saying" gives Y; a name after a dash signs the quotation before it (“...”
    ― Ana Rios).  Quoted words inside their own speaker's name (Rebel “foreign minister” Ana
    Rios said ...) are part of the name.  Quotations with no speaker are left out, and so are
    quotes whose speaker is a thing ("it", "this") nothing resolved.

Labelled paragraphs (``find_labelled``)
    A paragraph that opens with a name and a colon is that speaker's: a headline ("Pence:
    Flowers won't be at debate", indirect) or a transcript inside quotation marks ("WALLACE:
    Let's start ...", direct).  Their quotations are not attributed again by a cue.

Indirect quotes (``find_indirect``)
    A speech or belief cue with a clausal complement ("X said that ...", "a poll showed
    the race was tied", "she believes ...") or a "to" infinitive ("vowed to ..."), a
    parenthetical "..., X said, ..." (the clause around it), a stance verb's object
    ("accused Clinton of ...", "called him an opportunist", "mentioned the cost of ..."), the object
    of a speech verb that reports it ("acknowledged the scale of the damage": ``object_cues``), what
    a speech verb with neither clause nor object is about ("complained about ...") or
    "according to X, ..." gives a quote with ``direct`` false whose text is that content, cut
    where a quotation begins (content that opens in one, or whose verb is quoted, is a direct
    quote).  Speech nouns with an owner ("the mayor's claim that ...") and belief adjectives
    ("farmers are afraid that ...") report their that-clause (``find_held_claims``).  A
    parenthetical's content is the side of the clause that holds its verb.  Inside
    a quotation "I", "we", "you" speak within someone else's words and are left out; outside
    one they are the writer.  "Direct" cues (asked) only attribute quotations.  A mixed
    quotation, reported content holding quoted words of the same speaker ("he wanted a
    meeting as a “short cut” to peace", "said Skopje “fully understands” the problems"), is one
    direct quote of the whole content, not a lead beside its quoted parts (``join_mixed``); so
    is an event verb's naming object ("called the plan “a betrayal”"), never its appeal.
    Unquoted content under four words is a fragment and left out, and the complements of
    agreement, appeal, threat and plan verbs ("agreed to ...", "called for ...",
    "threatened to ...", cue kind ``event``) are events, never quotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace

from sitrep.coding.grammar import speech
from sitrep.coding.speech.quote_cues import (
    NESTED_SPEAKERS,
    Attribution,
    Cues,
    carried_speakers,
    cue_adjectives,
    cue_kind,
    cue_lexicon,
    cue_nouns,
    direct_cues,
    find_cue,
    has_speaker,
    is_cue,
    make_quote,
    object_cues,
    names_speaker,
    parse_of,
    sentence_cue,
    speaker_token,
    speaker_words,
    trimmed,
)
from sitrep.coding.speech.quote_marks import (
    CLOSERS,
    OPENERS,
    Label,
    QuoteSpan,
    dash_name,
    find_quote_spans,
    is_split,
    is_title,
    joined,
    paragraph_labels,
    plain_marks,
)
from sitrep.models import Document, Quote
from sitrep.nlp.types import Doc, Span, Token
from sitrep.nlp.spans import text_end
from sitrep.resources import Resources
from sitrep.settings import Settings

MAX_CONTINUATION_GAP = 200  # characters between two quotations of one speaker
FOLLOW_ON_GAP = 400  # characters of narration after which a quotation without a cue has no speaker
TRIM = ' \t\n,;:.!?"“”«»—–-'
MIN_INDIRECT_WORDS = 4  # shorter unquoted content is a fragment, not a quote
QUOTELESS_KINDS = frozenset({"direct", "event"})  # cues that never report unquoted content
Previous = tuple[QuoteSpan, Attribution]  # the last attributed quotation and its attribution


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Fill ``doc.quotes``."""
    for doc in docs:
        if doc.parsed is not None:
            doc.quotes = find_quotes(doc, resources)
        yield doc


def find_quotes(doc: Document, resources: Resources) -> list[Quote]:
    """Direct and indirect quotes of a parsed document, in text order."""
    parsed = parse_of(doc)
    text = plain_marks(doc.text[: text_end(parsed)])
    spans = find_quote_spans(text)
    sentence_of = {s.start: n for n, s in enumerate(parsed.sents)}
    labelled, labels = find_labelled(doc, parsed, text, spans, sentence_of)
    unlabelled = [s for s in spans if not any(s.covers(label.name[0]) for label in labels)]
    direct = find_direct(doc, parsed, unlabelled, sentence_of, text, resources.get(direct_cues))
    said = [*spans, *(QuoteSpan((label.content,), label.content[1]) for label in labels)]
    indirect, mixed = find_indirect(
        doc, parsed, said, sentence_of, resources.get(cue_lexicon), resources.get(object_cues)
    )
    claims = find_held_claims(doc, parsed, said, sentence_of, resources)
    direct, indirect = join_mixed(direct, indirect + claims, mixed, doc.text)
    ordered = sorted(labelled + direct + indirect, key=lambda q: (q.start or 0, not q.direct))
    return [q for q in carried_speakers(doc, ordered) if has_speaker(q)]


def find_direct(
    doc: Document, parsed: Doc, spans: Sequence[QuoteSpan], sentence_of: dict[int, int], text: str, cues: Cues
) -> list[Quote]:
    """A Quote per quoted span with a speaker; a split quotation (“...,” she said, “...”) is one
    quote, and a quotation with no cue of its own goes to the speaker before it (``follow_on``).
    ``text`` is the document text with plain quotation marks (``plain_marks``); ``cues`` are the
    cues that may attribute quotations (``direct_cues``)."""
    quotes: list[Quote] = []
    previous: Previous | None = None
    for span in spans:
        if is_title(span.text(text)):
            previous = None
            continue
        signed = _signature(doc, parsed, span, text)
        if signed is not None:
            previous = None
            content = (span.text(text), span.start, span.end)
            quotes.append(make_quote(doc, signed[0], content, sentence_of, direct=True, words=signed[1]))
            continue
        attribution = find_cue(parsed, span, cues, spans)
        continued = attribution is None and previous is not None and continues(parsed, previous, span, text)
        same_cue = attribution is not None and previous is not None and attribution.cue.i == previous[1].cue.i
        if (continued or same_cue) and previous is not None and _splits(previous, span, text) and quotes:
            quotes[-1] = joined(quotes[-1], span, text)
            previous = (span, previous[1])
            continue
        if continued and previous is not None:
            attribution = previous[1]
        if attribution is None:
            attribution = follow_on(parsed, span, previous, text, cues)
        if attribution is None or _names_speaker(span, attribution):
            previous = None
            continue
        previous = (span, attribution)
        content = (span.text(text), span.start, span.end)
        quotes.append(make_quote(doc, attribution, content, sentence_of, direct=True))
    return quotes


def find_labelled(
    doc: Document, parsed: Doc, text: str, spans: Sequence[QuoteSpan], sentence_of: dict[int, int]
) -> tuple[list[Quote], list[Label]]:
    """Paragraphs that open with their speaker's name and a colon: a headline ("Pence: Flowers
    won't be at debate") or a transcript ("WALLACE: Let's start ...").  The rest of the paragraph
    is the quote, direct when the paragraph is inside quotation marks; the labels used are
    returned so that their quotations are not attributed again."""
    quotes, used = [], []
    for label in paragraph_labels(text):
        words = parsed.char_span(*label.name, alignment_mode="contract")
        content = parsed.char_span(*label.content, alignment_mode="contract")
        if words is None or content is None or not len(words) or _fragment(content):
            continue
        colon = parsed[min(words.end, len(parsed) - 1)]
        if colon.text != ":" or not names_speaker(doc, words):
            continue
        direct = any(s.covers(label.name[0]) for s in spans)
        attribution = Attribution(colon, words.root)
        words_at = (content.text, content.start_char, content.end_char)
        quotes.append(make_quote(doc, attribution, words_at, sentence_of, direct=direct, words=words))
        used.append(label)
    return quotes, used


def _signature(doc: Document, parsed: Doc, span: QuoteSpan, text: str) -> tuple[Attribution, Span] | None:
    """The name signing a quotation after a dash (“We stay.” ― Ana Rios): the dash is its cue."""
    where = dash_name(span, text)
    words = parsed.char_span(*where, alignment_mode="contract") if where is not None else None
    if words is None or not len(words) or words.start == 0 or not names_speaker(doc, words):
        return None
    return Attribution(parsed[words.start - 1], words.root), words


def follow_on(
    parsed: Doc, span: QuoteSpan, previous: Previous | None, text: str, cues: Cues
) -> Attribution | None:
    """The speaker of a quotation with no cue of its own: the speech cue of the sentence just
    before it ("His offer was a step forward, a diplomat said. “It puts ...”"), else the
    previous quotation's speaker when nothing but narration without quotes or cues lies
    between them (the newspaper convention for a speaker's next paragraph)."""
    first = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if first is None:
        return None
    start = first[0].sent.start  # the sentence is found by a scan: once
    if start == 0 or not _opens_sentence(first[0], span):
        return None
    before = parsed[start - 1].sent
    cue = sentence_cue(before, cues)
    if cue is not None:
        return cue
    if previous is None or span.start - previous[0].outer_end > FOLLOW_ON_GAP:
        return None
    gap = parsed.char_span(previous[0].outer_end, span.start - 1, alignment_mode="contract")
    if gap is not None and any(is_cue(t, cues) for t in gap):
        return None
    return previous[1]


def _splits(previous: Previous, span: QuoteSpan, text: str) -> bool:
    """Whether ``span`` finishes the sentence the previous quotation began (``is_split``); with or
    without commas when nothing but its attribution (the cue and the speaker's words) stands
    between them, so that “...,” he added, saying the two would have “ample opportunity” is two."""
    before, attribution = previous
    gap = attribution.cue.doc.char_span(before.outer_end, span.start - 1, alignment_mode="contract")
    allowed = {attribution.cue.i} | {t.i for t in attribution.subject.subtree}
    only_attribution = gap is not None and attribution.cue.i in {t.i for t in gap} and all(
        t.is_punct or t.is_space or t.i in allowed for t in gap
    )
    return is_split(before, span, text, cue_between=only_attribution)


def _names_speaker(span: QuoteSpan, attribution: Attribution) -> bool:
    """Whether the quoted words lie inside the words naming their own speaker: they are part of a
    name or title (Rebel “foreign minister” Ana Rios told ...), not words said."""
    words = speaker_words(attribution.subject)
    return words.start_char <= span.start and span.end <= words.end_char


def _opens_sentence(token: Token, span: QuoteSpan) -> bool:
    """Whether the quotation starts its sentence (only its opening mark before it)."""
    return span.start - token.sent.start_char <= 2


def continues(parsed: Doc, previous: Previous, span: QuoteSpan, text: str) -> bool:
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


def join_mixed(
    direct: list[Quote], indirect: list[Quote], mixed: list[Quote], text: str
) -> tuple[list[Quote], list[Quote]]:
    """A mixed quotation is one quote: reported content that holds words in quotation marks of
    the same speaker ("he wanted a meeting with Mobutu as a “short cut”", "said Skopje
    “fully understands” the problems") is one direct quote of the whole content (``mixed`` holds
    those contents), not an indirect quote of its lead beside a direct quote of each quoted part."""
    for whole in mixed:
        parts = [d for d in direct if _same_speaker(whole, d) and (whole.start or 0) <= (d.start or 0) < (whole.end or 0)]
        if not parts:
            continue
        start, end = whole.start or 0, max(whole.end or 0, *(_closed(d, text) for d in parts))
        first = direct.index(parts[0])
        direct = [d for d in direct if d not in parts[1:]]
        direct[first] = replace(whole, text=text[start:end], end=end, sentence_index=parts[0].sentence_index)
        indirect = [q for q in indirect if not (_same_speaker(whole, q) and q.start == whole.start)]
    return direct, indirect


def _closed(quote: Quote, text: str) -> int:
    """Where a direct quote ends with its closing mark (one, or two apostrophes)."""
    end = quote.end or 0
    while end < len(text) and end - (quote.end or 0) < 2 and text[end] in CLOSERS | {"'"}:
        end += 1
    return end


def _same_speaker(one: Quote, other: Quote) -> bool:
    """Whether two quotes have the same speaker words (their cues may differ: “...,” he added,
    saying the sides would have “many chances”)."""
    return one.speaker_start == other.speaker_start


def find_indirect(
    doc: Document,
    parsed: Doc,
    spans: Sequence[QuoteSpan],
    sentence_of: dict[int, int],
    cues: Cues,
    objects: frozenset[str] = frozenset(),
) -> tuple[list[Quote], list[Quote]]:
    """Reported speech without quotation marks: "X said (that) ...", "according to X, ...";
    ``objects`` are the cues whose object is what was said (``object_cues``).  Also returned, as
    direct quotes for ``join_mixed``: the whole of each content that holds a quotation."""
    quotes, mixed = [], []
    for token in parsed:
        found = _reported(token, spans, cues, objects)
        if found is None:
            continue
        attribution, content = found
        if _holds_quotation(content, spans):
            whole = (doc.text[content.start_char : content.end_char], content.start_char, content.end_char)
            mixed.append(make_quote(doc, attribution, whole, sentence_of, direct=True))
        if cue_kind(token, cues) == "event":
            continue  # an event verb's object holds quoted words at most ("called it “null and void”")
        lead = unquoted_lead(content, spans)
        if lead is None or _fragment(lead):
            continue
        words = (lead.text, lead.start_char, lead.end_char)
        quotes.append(make_quote(doc, attribution, words, sentence_of, direct=False))
    return quotes, mixed


def _reported(
    token: Token, spans: Sequence[QuoteSpan], cues: Cues, objects: frozenset[str]
) -> tuple[Attribution, Span] | None:
    """The attribution and the whole reported content of a cue (quotations included), if any."""
    if not is_cue(token, cues):  # asked of every token: the cheap test before the cue's kind
        return None
    kind = cue_kind(token, cues)
    if kind == "direct" or speech.is_withheld(token):
        return None
    if kind == "event":  # only the naming "called the plan “a betrayal”", never "called for ..."
        content = _object_content(token) if speech.has_direct_object(token) else None
    else:
        content = reported_content(token, kind or "speech")
    if content is None and token.lemma_.lower() in objects:
        content = _said_object(token)
    subject = speaker_token(token)
    if content is None or subject is None or (subject.lower_ in NESTED_SPEAKERS and _quoted(token, spans)):
        return None
    return Attribution(token, subject), content


def _holds_quotation(content: Span, spans: Sequence[QuoteSpan]) -> bool:
    """Whether a quotation opens inside ``content`` after its start (content that opens inside a
    quotation is the direct quote itself)."""
    start, end = content.start_char, content.end_char
    first = next((s for s in spans if s.outer_end > start and s.start - 1 < end), None)
    return first is not None and first.start - 1 > start


def find_held_claims(
    doc: Document, parsed: Doc, spans: Sequence[QuoteSpan], sentence_of: dict[int, int], resources: Resources
) -> list[Quote]:
    """What a speech noun with an owner or a belief adjective reports: "Trump's claim that there
    were ...", "a Times report that ..." (``speech.noun_claim``), "Democrats are afraid that ..."
    (``speech.adjective_claim``); unquoted content under four words is left out."""
    nouns, adjectives = resources.get(cue_nouns), resources.get(cue_adjectives)
    quotes = []
    for token in parsed:
        lemma = token.lemma_.lower()
        if token.pos_ == "NOUN" and lemma in nouns:
            holder, clause = speech.noun_claim(token)
        elif lemma in adjectives:
            holder, clause = speech.adjective_claim(token)
        else:
            continue
        if holder is None or clause is None or (holder.lower_ in NESTED_SPEAKERS and _quoted(token, spans)):
            continue
        words = speech.content_words(clause)
        content = unquoted_lead(trimmed(parsed[words[0].i : words[-1].i + 1]) or clause.doc[0:0], spans)
        if content is None or _fragment(content):
            continue
        attribution = Attribution(token, holder)
        quotes.append(
            make_quote(doc, attribution, (content.text, content.start_char, content.end_char), sentence_of, direct=False)
        )
    return quotes


def _quoted(token: Token, spans: Sequence[QuoteSpan]) -> bool:
    """Whether a token lies inside a quotation (or its paragraph opens one, as a transcript does)."""
    return any(s.covers(token.idx) for s in spans)


def _fragment(content: Span) -> bool:
    """Unquoted content under four words ("the deal", "to leave") is a fragment, not a quote."""
    return sum(1 for t in content if not (t.is_punct or t.is_space)) < MIN_INDIRECT_WORDS


def reported_content(cue: Token, kind: str) -> Span | None:
    """The span of what is reported (module docstring): the complement clause ("said (that) ..."),
    the infinitive ("vowed to ..."), the clause before a parenthetical "..., X said", the
    object of a stance verb ("accused Clinton of ..."), or the clause "according to" hangs on."""
    if cue.lower_ == speech.ACCORDING:
        return _according_content(cue)
    if kind == "partial":
        return _object_content(cue)
    clause = speech.content_clause(cue)
    if clause is None:
        return (_preceding_content(cue) or _topic_content(cue)) if kind == "speech" else None
    words = speech.content_words(clause)
    if words and words[0].i < cue.i < words[-1].i:
        words = [w for w in words if w.i > cue.i]  # "which state media said were ...": not its own cue
    return trimmed(cue.doc[words[0].i : words[-1].i + 1]) if words else None


def _according_content(cue: Token) -> Span | None:
    """The rest of the sentence around "according to X": before it, else after it."""
    doc, sent = cue.doc, cue.sent
    phrase = list(cue.subtree)
    if phrase[0].i > sent.start + 1:
        return trimmed(doc[sent.start : phrase[0].i])
    return trimmed(doc[phrase[-1].i + 1 : sent.end])


def _preceding_content(cue: Token) -> Span | None:
    """The clause a parenthetical cue sits in: "The effects are hard to predict, economists say",
    "In the end, Mr. Rosenthal said, union voters ..." (the parser hangs "say" on the reported
    clause instead of the other way round).  The longer side of the clause around the cue's words
    that holds the clause's verb: the other side is an opener ("In his book, ...", "If it rains, ...")."""
    head = speech.parenthetical_host(cue)
    if head is None:
        return None
    doc = cue.doc
    before = trimmed(doc[head.left_edge.i : cue.left_edge.i])
    after = trimmed(doc[cue.right_edge.i + 1 : head.right_edge.i + 1])
    sides = [side for side in (before, after) if side is not None and side.start <= head.i < side.end]
    return max(sides, key=len) if sides else None


def _topic_content(cue: Token) -> Span | None:
    """What a speech cue with no clause talks about: "complained about the delays at the border"
    (``speech.cue_topic``)."""
    topic = speech.cue_topic(cue)
    return trimmed(cue.doc[topic.left_edge.i : topic.right_edge.i + 1]) if topic is not None else None


def _said_object(cue: Token) -> Span | None:
    """The object of a cue that reports it ("announced *the arrest of a man*"): ``speech.cue_object``."""
    thing = speech.cue_object(cue)
    return trimmed(cue.doc[thing.left_edge.i : thing.right_edge.i + 1]) if thing is not None else None


def _object_content(cue: Token) -> Span | None:
    """What a stance verb is about: its object and what qualifies it ("called him an opportunist",
    "accused Clinton of lying"), or its complement clause."""
    parts = speech.cue_objects(cue)
    if not parts:
        return None
    return trimmed(cue.doc[parts[0].left_edge.i : parts[-1].right_edge.i + 1])


def unquoted_lead(content: Span, spans: Sequence[QuoteSpan]) -> Span | None:
    """Reported content up to its first quotation: the quoted words are a direct quote of their
    own ("he says he would release it, calling them “very boring”").  Content that opens inside
    quotation marks is wholly a direct quote, and so is content whose verb is quoted: the words
    before the quotation are then only its opening ("said that if it rains, “we will stay”")."""
    start, end = content.start_char, content.end_char
    first = next((s for s in spans if s.outer_end > start and s.start - 1 < end), None)
    if first is None:
        return content
    if first.start - 1 <= start:
        return None
    lead = trimmed(content.doc.char_span(start, first.start - 1, alignment_mode="contract") or content[:0])
    if lead is None or not lead.start <= content.root.i < lead.end:
        return None
    return lead
