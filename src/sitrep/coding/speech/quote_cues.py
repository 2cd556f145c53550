"""Attribution in the parse: the cue that attributes a quotation, and who its speaker is.

Cues.  A cue is a verb of ``data/quote_cues.tsv`` (said, told, added, warned, insisted,
..., or a phrasal verb such as "point out": ``cue_kind``) or "according to"; speech nouns
with an owner ("the mayor's claim that ...") are listed in ``data/quote_cue_nouns.tsv``.  Each has a kind: ``speech`` and ``partial`` (called, described,
criticised: only when they govern the quoted words) attribute quotations, ``direct``
(asked) only quotations, ``belief`` (thinks) only unquoted content, and ``event`` (agreed
to, called for) never a quote.  ``find_cue`` looks for the cue of a quoted span outside
the quotation marks: in the sentence that holds it, in the first words after it (“...,”
said the minister), or in the sentence before it when that one ends with a colon.  Cues
that govern the quoted words, or are governed by them, come first (of two such, the outer
one), then the nearest.  The speaker token is the cue's subject (for "according to", its
object), as ``grammar.speech.speaker_of`` reads it.

Speakers.  ``make_quote`` writes the ``Quote`` record for content attributed by a cue and
its speaker token.  ``speaker_actor`` is the one place a speaker is looked up: the actor
mention under the speaker's words, so that "he" or "the minister" comes out as the named
person the actors stage resolved them to; a named person keeps the country and role of
the actor their words resolve to ("Danish Prime Minister Mette Frederiksen" -> DNK, GOV).
A speaker the actors stage does not know is still an Actor, named by its words, with no
country, so that the attribution is kept.  ``carried_speakers`` lets a pronoun speaker
(“...,” it said) continue the speaker before it, and a definite role noun ("the spokesman")
the fuller speaker before it whose words end with that noun ("a Chinese foreign ministry
spokesman"); ``has_speaker`` leaves out quotes whose speaker is a thing ("it suggests
that ...").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sitrep.coding.actors.actors import Mention, actors_for_token, mention_at
from sitrep.coding.grammar import speech
from sitrep.coding.speech.quote_marks import OPENERS, QuoteSpan
from sitrep.models import Actor, Document, Quote
from sitrep.nlp.spans import ents_within
from sitrep.nlp.types import Doc, Span, Token
from sitrep.resources import Resources

OPEN_ENDINGS = frozenset(",?!—–-…:")  # quoted words ending so run on into their attribution
TAIL_TOKENS = 8  # how far after a closing mark a trailing cue ("..., said X") is looked for
NESTED_SPEAKERS = frozenset({"i", "we", "you"})  # "I think ..." sits inside someone else's quotation
UNSPOKEN_ENTITIES = frozenset({"DATE", "TIME"})  # "Monday said ..." is a misparse, not a speaker
Cues = Mapping[str, str]  # cue lemma -> kind
NOT_LABEL_SPEAKERS = frozenset({"note", "update", "updated", "correction", "related", "watch", "photo", "video",
                                "source", "sources", "read", "more", "editor", "editors", "transcript"})
NAMED_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})  # entities that may label what they say
NON_SPEAKERS = frozenset({"'s", "’s", "this", "there"})  # unless resolved to an actor
CARRIED_PRONOUNS = frozenset({"it", "they", "he", "she"})
CARRY_REACH = 2  # sentences back a pronoun speaker may take the previous speaker from
PERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "minister", "president",
                          "commander", "officer", "envoy", "diplomat", "source", "resident", "witness"})
TITLE_HEADS = frozenset({"president", "minister", "premier", "chancellor", "king", "queen", "governor",
                         "secretary", "commissioner", "leader", "mayor", "chairman", "chief"})


@dataclass(frozen=True)
class Attribution:
    """A cue verb and the token standing for its speaker."""

    cue: Token
    subject: Token


PHRASAL = " _"  # "point _": the lemma heads a phrasal cue ("point out"), so its particle is worth reading


def cue_lexicon(resources: Resources) -> dict[str, str]:
    """Cue lemma -> kind ("speech", "partial", "direct", "belief" or "event") from ``data/quote_cues.tsv``;
    the head of each phrasal cue is marked too (``PHRASAL``), so that other verbs skip the particle."""
    cues = {lemma: kind for lemma, kind in resources.rows("quote_cues.tsv", 2, required=2)}
    heads = {key.split(" ")[0] + PHRASAL for key in cues if " " in key}
    return cues | dict.fromkeys(heads, "phrasal")


def cue_nouns(resources: Resources) -> frozenset[str]:
    """Nouns that report what someone said or holds ("claim", "warning") from ``data/quote_cue_nouns.tsv``."""
    return frozenset(lemma for (lemma,) in resources.rows("quote_cue_nouns.tsv", 1))


def object_cues(resources: Resources) -> frozenset[str]:
    """Speech and belief verbs whose object is what was said ("announced the arrest of ...") from
    ``data/quote_cue_objects.tsv``."""
    return frozenset(lemma for (lemma,) in resources.rows("quote_cue_objects.tsv", 1))


def cue_adjectives(resources: Resources) -> frozenset[str]:
    """Adjectives of belief that report a clause ("afraid", "convinced") from ``data/quote_cue_adjectives.tsv``."""
    return frozenset(lemma for (lemma,) in resources.rows("quote_cue_adjectives.tsv", 1))


def direct_cues(resources: Resources) -> dict[str, str]:
    """The cues that may attribute words in quotation marks: "she thinks" near a quotation
    rarely introduces it, and a nearer belief verb would steal it from the real "said"."""
    return {lemma: kind for lemma, kind in resources.get(cue_lexicon).items() if kind != "belief"}


VERBAL = frozenset({"VERB", "AUX"})


def is_cue(token: Token, cues: Cues) -> bool:
    """Whether ``token`` is a cue verb of ``cues`` or the "according" of "according to"."""
    if token.lower_ == speech.ACCORDING:
        return speech.is_according_to(token)
    return token.pos_ in VERBAL and cue_kind(token, cues) is not None  # the cheap test first


def cue_kind(token: Token, cues: Cues) -> str | None:
    """The kind of a cue verb: of its phrasal verb when the lexicon lists one ("pointed *out*
    that ...", "laid *out* a plan"), else of its lemma."""
    lemma = token.lemma_.lower()
    particle = speech.particle_of(token) if lemma + PHRASAL in cues else None
    if particle is not None and f"{lemma} {particle.lower_}" in cues:
        return cues[f"{lemma} {particle.lower_}"]
    return cues.get(lemma)


def speaker_token(cue: Token) -> Token | None:
    """The token naming who speaks: the cue's subject, or the object of "according to"."""
    return speech.speaker_of(cue)


def find_cue(parsed: Doc, span: QuoteSpan, cues: Cues, spans: Sequence[QuoteSpan] = ()) -> Attribution | None:
    """The cue attributing a quoted span, with its speaker token (module docstring).  Words
    inside any quotation are what someone said, never the cue of another quotation."""
    best: tuple[tuple[bool, int, int], Attribution] | None = None
    for token in _cue_region(parsed, span):
        if span.covers(token.idx) or not is_cue(token, cues) or any(s.covers(token.idx) for s in spans):
            continue
        linked = _linked(token, span)
        if cue_kind(token, cues) in {"partial", "event"} and not linked:
            continue
        subject = speaker_token(token)
        if subject is None or span.covers(subject.idx) or subject.ent_type_ in UNSPOKEN_ENTITIES:
            continue
        distance = min(abs(token.idx - span.outer_end), abs(span.start - token.idx))
        key = (not linked, _depth(token) if linked else 0, distance)
        if best is None or key < best[0]:
            best = (key, Attribution(token, subject))
    return None if best is None else best[1]


def sentence_cue(sentence: Span, cues: Cues) -> Attribution | None:
    """The speech cue and speaker of a reporting sentence ("..., a diplomat said.")."""
    for token in sentence:
        if is_cue(token, cues) and cue_kind(token, cues) == "speech":
            subject = speaker_token(token)
            if subject is not None and subject.lower_ not in NESTED_SPEAKERS | NON_SPEAKERS:
                return Attribution(token, subject)
    return None


def _depth(token: Token) -> int:
    """Ancestors above a token: of two cues governing a quotation the outer one reports it
    ("Peskov said Washington had threatened ... “...”" is Peskov's)."""
    return sum(1 for _ in token.ancestors)


def _cue_region(parsed: Doc, span: QuoteSpan) -> list[Token]:
    """Tokens where a span's cue may sit: its sentences, a few words after it, a colon sentence before."""
    first = parsed.char_span(span.start, span.end, alignment_mode="expand")
    if first is None:
        return []
    opening, closing = first[0].sent, first[-1].sent  # each found by a scan: once
    sentences = {opening.start: opening, closing.start: closing}
    tokens = [t for sent in sentences.values() for t in sent]
    tail = _tail(parsed, first[-1].i + 1) if first.text.rstrip()[-1:] in OPEN_ENDINGS else []
    before = opening.start - 1
    if before >= 0 and parsed[before].text == ":":
        tokens.extend(parsed[before].sent)
    return tokens + tail


def _tail(parsed: Doc, after: int) -> list[Token]:
    """The first words after a closing mark, up to the paragraph's end ("..., said X")."""
    tail: list[Token] = []
    for token in parsed[after : after + TAIL_TOKENS]:
        if "\n" in token.text or (tail and token.text in OPENERS):
            break
        tail.append(token)
    return tail


def _linked(cue: Token, span: QuoteSpan) -> bool:
    """Whether the cue governs a quoted word or is governed by one."""
    return span.covers(cue.head.idx) or any(span.covers(t.idx) for t in cue.subtree)


def parse_of(doc: Document) -> Doc:
    """The parse of a document being coded (the stage skips documents without one)."""
    if doc.parsed is None:
        raise ValueError(f"document {doc.id!r} reached the quotes stage without a parse")
    return doc.parsed


def trimmed(span: Span) -> Span | None:
    """The span without punctuation at either edge; None when little is left."""
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end - start >= 2 else None


def has_speaker(quote: Quote) -> bool:
    """Whether a quote names someone who can speak: "it" or a stray "'s" that nothing resolved
    is a thing ("*it* suggests that ..."), and a quote an analyst cannot attribute misleads."""
    speaker = quote.speaker
    if speaker is None:
        return False
    return bool(speaker.code) or speaker.text.lower() not in NON_SPEAKERS


# --- speakers -------------------------------------------------------------------------------------


def make_quote(
    doc: Document,
    attribution: Attribution,
    content: tuple[str, int, int],
    sentence_of: dict[int, int],
    *,
    direct: bool,
    words: Span | None = None,
) -> Quote:
    """The Quote record for ``content`` (its text, start and end characters) attributed by
    ``attribution``; ``words`` name the speaker when they are not the subject's phrase."""
    text, start, end = content
    words = words if words is not None else speaker_words(attribution.subject)
    sentence = attribution.cue.doc.char_span(start, max(end, start + 1), alignment_mode="expand")
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


def names_speaker(doc: Document, words: Span) -> bool:
    """Whether a paragraph's label ("Pence: ...") names someone: a name, an actor, or the surname
    of a person the document names ("PENCE" after "Mike Pence"); no verb and none of the words
    that label a text's parts ("Editor's Note: ...", "Watch: ..." are not speakers)."""
    if any(t.pos_ in {"VERB", "AUX"} or t.lower_ in NOT_LABEL_SPEAKERS for t in words):
        return False
    if any(t.ent_type_ in NAMED_ENTITIES or mention_at(doc, t.i) is not None for t in words):
        return True
    surnames = {e[-1].lower_ for e in words.doc.ents if e.label_ == "PERSON"}
    return any(t.lower_ in surnames for t in words)


def speaker_words(subject: Token) -> Span:
    """The words naming the speaker: the subject's phrase, appositions and relative clauses
    included ("an architect who says ..."), participle clauses left out, punctuation trimmed."""
    return trimmed(speech.speaker_extent(subject)) or subject.doc[subject.i : subject.i + 1]


def speaker_actor(doc: Document, subject: Token, words: Span) -> Actor:
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


def _titled_person(doc: Document, title: Token) -> Mention | None:
    """The person a title names ("President of Ukraine Volodymyr Zelenskyy", "the president, Ana Rios"),
    never one it serves ("the spokesman for President X" is not X)."""
    for tok in title.subtree:
        mention = mention_at(doc, tok.i) if tok.i > title.i else None
        if mention is None or mention.kind != "person":
            continue
        named = title.doc[mention.head if mention.head is not None else tok.i]
        if speech.is_titled_by(named, title):
            return mention
    return None


def speaker_person(words: Span) -> str | None:
    """The person named in a speaker's words, not a possessor ("Dunn's mother, Charlotte
    Charles" is Charlotte Charles)."""
    people: list[Span] = [e for e in ents_within(words) if e.label_ == "PERSON"]
    own = [e for e in people if not speech.is_possessor(e)]
    chosen = (own or people)[:1]
    return chosen[0].text if chosen else None


def _plain_name(words: Span) -> str:
    """A speaker's words without a leading article: "the campaign" -> "campaign"."""
    tokens = [t for t in words if not (t.i == words.start and speech.is_determiner(t))]
    return " ".join(t.text for t in tokens) or words.text


# --- pronoun speakers -----------------------------------------------------------------------------


def carried_speakers(doc: Document, quotes: list[Quote]) -> list[Quote]:
    """A pronoun speaker continues the previous speaker (“...,” the coalition said. “...,” it said):
    "it" takes the latest body that spoke within reach, "he", "she" and "they" the latest
    speaker of their kind when the actors stage could not resolve them ("they" also a group no
    table knows: "Two stallholders said ... They added ...").  A definite role noun ("the
    official") takes up the fuller speaker before it (``_named_before``)."""
    out: list[Quote] = []
    for quote in quotes:
        speaker = quote.speaker
        word = speaker.text.lower() if speaker is not None else ""
        if speaker is not None and word in CARRIED_PRONOUNS and (word == "it" or not speaker.code):
            previous = _previous_speaker(doc, out, quote, person=word in ("he", "she"))
            if previous is not None:
                quote = replace(quote, speaker=replace(previous, text=speaker.text))
        elif speaker is not None:
            named = _named_before(doc, out, quote)
            quote = replace(quote, speaker=named) if named is not None else quote
        out.append(quote)
    return out


def _named_before(doc: Document, earlier: list[Quote], quote: Quote) -> Actor | None:
    """The speaker a definite role noun takes up, with its fuller words ("a Chinese foreign
    ministry spokesman said ... “...,” *the spokesman* said"): the latest earlier speaker within
    reach whose words end with that noun and say more."""
    if quote.speaker_start is None or quote.speaker_end is None:
        return None
    words = doc.text[quote.speaker_start : quote.speaker_end].lower().split()
    if len(words) != 2 or words[0] != "the":
        return None
    for before in reversed(earlier):
        if quote.sentence_index - before.sentence_index > CARRY_REACH or before.speaker is None:
            return None
        told = before.speaker.text.lower().split()
        if len(told) > 2 and told[-1] == words[1]:
            return before.speaker
    return None


def _previous_speaker(doc: Document, earlier: list[Quote], quote: Quote, *, person: bool) -> Actor | None:
    """The speaker of the latest earlier quote within reach whose speaker is (or is not) a person."""
    for before in reversed(earlier):
        if quote.sentence_index - before.sentence_index > CARRY_REACH:
            return None
        speaker = before.speaker
        plural = _speaker_text(quote) == "they"  # "they" may take up a group no table knows
        if speaker is None or not (speaker.code or plural) or speaker.text.lower() in ("they",):
            continue
        if _speaker_text(quote) == "they" or _spoken_by_person(doc, before) == person:
            return speaker
    return None


def _speaker_text(quote: Quote) -> str:
    """The speaker's words, lower-cased ("" for none)."""
    return quote.speaker.text.lower() if quote.speaker is not None else ""


def _spoken_by_person(doc: Document, quote: Quote) -> bool:
    """Whether a quote's speaker is a person (a name, "he", "the spokesman"), not a body."""
    if _speaker_text(quote) in ("he", "she"):
        return True
    if quote.speaker_start is None or quote.speaker_end is None:
        return False
    words = parse_of(doc).char_span(quote.speaker_start, quote.speaker_end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    mention = mention_at(doc, words.root.i)
    return (mention is not None and mention.kind == "person") or words.root.lemma_.lower() in PERSON_NOUNS
