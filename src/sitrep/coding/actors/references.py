"""Words that refer back to an actor named earlier: "the group", "it said", "the commissioner", "them".

Rules 6 to 8 of the document-level stage (``coding.actors.docactors``), run after
every mention has its country:

6. **"the group", "the alliance" refer back** to the latest organisation named;
   a subject "it", "they" nobody resolved takes the latest acting body, and a
   "he" or "she" the latest unnamed official ("a Burmese official said ... he added").
7. **"the commissioner" refers back** to the latest person whose name that word
   preceded as a title ("trade commissioner Albert Muchanga ... The commissioner said").
8. **"them" as an object** ("the protesters began pelting them") is the latest
   plural body of the same or the previous sentence that is not the clause's own subject.
9. **"the two adversaries", "both" refer to the latest pair** named: "the two men" to the
   two people last named, "the two countries" to the two bodies, a subject "both" to the
   pair the previous clause joined ("Japan and Australia said ..., although both ...").

Each rule returns the new mentions; ``docactors.resolve_mentions`` merges them.
"""

from __future__ import annotations

from dataclasses import replace

from sitrep.coding.grammar import clauses, phrases
from sitrep.coding.actors.mentions import Mention, group_mention
from sitrep.models import Actor
from sitrep.nlp.types import Doc, Token

_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_ARTICLES = frozenset({"a", "an", "the"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_CLAUSE_VERBS = 3  # how many governing verbs "them" looks up for its own clause's subjects

# --- rule 6: "the group", "the alliance" --------------------------------------------------------------------------


_GROUP_NOUNS = frozenset({"group", "alliance", "movement", "organisation", "organization", "party", "front",
                          "faction", "militia"})


def indices_of(parsed: Doc, words: frozenset[str]) -> list[int]:
    """Indices of the tokens whose lower-cased form is one of ``words``, read from the parse array."""
    import numpy

    hashes = [parsed.vocab.strings.add(w) for w in words]
    return numpy.isin(parsed.to_array("LOWER"), hashes).nonzero()[0].tolist()


def positions_of(parsed: Doc, words: set[str]) -> dict[str, list[int]]:
    """Where each of ``words`` stands in the text (as written), read from the parse array."""
    if not words:
        return {}
    import numpy

    orth = parsed.to_array("ORTH")
    where: dict[str, list[int]] = {}
    for word in words:
        where[word] = (orth == parsed.vocab.strings.add(word)).nonzero()[0].tolist()
    return where


def lemma_positions(parsed: Doc, lemmas: set[str]) -> list[int]:
    """The tokens whose lower-cased lemma is one of ``lemmas``, in text order, read from the parse array."""
    if not lemmas:
        return []
    strings = parsed.vocab.strings
    return [i for i, h in enumerate(parsed.to_array("LEMMA").tolist()) if strings[h].lower() in lemmas]


def find_group_references(parsed: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the group said": a definite group noun no mention covers takes the latest organisation before it."""
    covered = {i for m in mentions for i in range(m.start, m.end)}
    orgs = [m for m in mentions if m.kind == "org"]
    found = []
    for tok in (parsed[i] for i in indices_of(parsed, _GROUP_NOUNS)):
        if tok.i in covered or tok.pos_ != "NOUN":
            continue
        if not any(c.lower_ == "the" for c in tok.children) or phrases.has_narrowing_modifier(tok):
            continue
        earlier = [m for m in orgs if m.end <= tok.i]
        if earlier:
            actor = replace(earlier[-1].actor, text=tok.text)
            found.append(Mention(tok.i, tok.i + 1, actor, "org", tok.i))
    return found


_GROUP_KINDS = frozenset({"org", "institution", "metonym", "country", "role"})
_GROUP_PRONOUNS = frozenset({"it", "they", "he", "she"})
_NOT_ACTING = frozenset({"be", "seem", "appear", "remain", "happen", "take", "become", "rain", "snow", "mean"})
_PERSON_ROLES = frozenset({"official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "minister", "officer",
                           "commander", "envoy", "ambassador", "general", "source", "aide", "adviser", "advisor",
                           "negotiator", "mediator", "governor", "mayor", "president", "leader"})
_PRONOUN_REACH = 2  # sentences an "it said" may reach back


def find_group_pronouns(parsed: Doc, mentions: list[Mention]) -> list[Mention]:
    """"It said in a statement": a subject pronoun nobody resolved takes the latest acting body before it.

    "it" and "they" take a body ("the coalition said ... it said"); "he" and "she", which the
    actors stage could not give a named person, take an unnamed official ("a Burmese official
    said ... he added").
    """
    candidates = indices_of(parsed, _GROUP_PRONOUNS)
    if not candidates:
        return []
    covered = {i for m in mentions for i in range(m.start, m.end)}
    sentence_of: dict[int, int] = {}
    for n, sent in enumerate(parsed.sents):
        sentence_of.update((i, n) for i in range(sent.start, sent.end))
    found: list[Mention] = []
    for tok in (parsed[i] for i in candidates):
        if tok.i in covered or not phrases.is_subject(tok, with_clauses=True):
            continue
        if tok.head.pos_ != "VERB" or tok.head.lemma_ in _NOT_ACTING or _unnamed_speaker(tok, covered):
            continue
        body = _latest_body(parsed, mentions, tok, sentence_of)
        earlier = _earlier_they(found, tok, body, sentence_of)
        if earlier is not None:
            found.append(replace(earlier, start=tok.i, end=tok.i + 1, head=tok.i))  # "They concluded ... They called"
            continue
        if body is not None:
            name = _unnamed(parsed, body) if tok.lower_ in _PERSON_PRONOUNS else None
            members = _joined_subjects(parsed, mentions, body) if tok.lower_ == "they" else body.all_actors()
            actors = tuple(replace(a, text=tok.text, name=name or a.name) for a in members)
            found.append(group_mention(tok.i, tok.i + 1, actors, "pronoun", tok.i))
    return found


def _earlier_they(found: list[Mention], tok: Token, body: Mention | None, sentence_of: dict[int, int]) -> Mention | None:
    """A "they" resolved since the latest body stands for the same ones: "They concluded that ...
    They called on Turkey" (the second is as far from the body as the first, or farther)."""
    if tok.lower_ != "they":
        return None
    last = next((m for m in reversed(found) if tok.doc[m.start].lower_ == "they"), None)
    if last is None or (body is not None and body.start > last.start):
        return None
    return last if sentence_of[tok.i] - sentence_of[last.start] <= _PRONOUN_REACH else None


def _joined_to_subject(head: Token, pronoun: Token) -> bool:
    """"X and his counterparts gathered ... *They* called": "they" may stand for a subject's conjunct."""
    first = phrases.conjoined_to(head)
    return pronoun.lower_ == "they" and first is not None and phrases.is_subject(first, with_clauses=True)


def _joined_subjects(parsed: Doc, mentions: list[Mention], body: Mention) -> tuple[Actor, ...]:
    """Every actor of the subject list ``body`` is part of ("Shoukry and his Greek, Cypriot and
    French counterparts"): what a later "they" stands for."""
    head = phrases.compound_head(parsed[body.head if body.head is not None else body.start])
    first = phrases.conjoined_to(head) or head
    members: list[Actor] = []
    for word in phrases.coordinated(first):
        mention = next((m for m in mentions if m.start <= word.i < m.end), None)
        for actor in mention.all_actors() if mention is not None else ():
            if actor not in members:
                members.append(actor)
    return tuple(members) or body.all_actors()


def _unnamed_speaker(tok: Token, covered: set[int]) -> bool:
    """"Many of Burma's trade partners said they would not follow": the pronoun is the subject of the
    clause that governs it, which names no actor, so it stands for nobody named earlier."""
    verb = tok.head
    if verb.head.i == verb.i:
        return False
    subjects = [s for s in phrases.subjects_of(verb.head) if s.i < tok.i]
    return bool(subjects) and all(s.i not in covered for s in subjects)


def _unnamed(parsed: Doc, mention: Mention) -> str:
    """How an unnamed person was introduced, as their name ("A Burmese official" -> "Burmese official")."""
    words = [t.text for t in parsed[mention.start:mention.end] if t.lower_ not in _ARTICLES]
    return " ".join(words)


def _latest_body(parsed: Doc, mentions: list[Mention], tok: Token, sentence_of: dict[int, int]) -> Mention | None:
    """The latest body acting as a subject in the pronoun's or the previous sentences ("it": a singular one)."""
    here = sentence_of[tok.i]
    for mention in reversed([m for m in mentions if m.end <= tok.i]):
        if here - sentence_of[mention.start] > _PRONOUN_REACH:
            return None
        if mention.kind not in _GROUP_KINDS or not (mention.actor.country or mention.actor.org):
            continue
        head = phrases.compound_head(parsed[mention.head if mention.head is not None else mention.start])
        if not phrases.is_subject(head, with_clauses=True) and not _joined_to_subject(head, tok):
            continue  # "Hong Kong *student* groups protested": the phrase's head is the subject
        if tok.lower_ != "they" and (head.tag_ in _PLURAL_TAGS or len(mention.all_actors()) > 1):
            continue
        if (tok.lower_ in _PERSON_PRONOUNS) != (mention.kind == "role" and head.lemma_.lower() in _PERSON_ROLES):
            continue  # "he" is an unnamed official or officer; "it" is a body
        return mention
    return None


# --- rule 7: "the commissioner" ----------------------------------------------------------------------------------


def find_title_references(parsed: Doc, mentions: list[Mention]) -> list[Mention]:
    """"The commissioner said": a definite noun nobody resolved takes the latest person it titled."""
    titled: dict[str, Mention] = {}
    covered = {i for m in mentions for i in range(m.start, m.end)}
    people = [(m, _title_words(parsed, m)) for m in mentions if m.kind == "person" and m.head is not None]
    title_words = {w for _, words in people for w in words}
    queue = iter(people)
    person = next(queue, None)
    found = []
    for tok in (parsed[i] for i in lemma_positions(parsed, title_words)):  # not a Token per word
        while person is not None and person[0].start <= tok.i:
            titled.update((w, person[0]) for w in person[1])
            person = next(queue, None)
        if tok.i in covered or tok.pos_ != "NOUN" or tok.lemma_.lower() not in titled:
            continue
        if any(c.lower_ == "the" for c in tok.children) and _subject_or_object(tok):
            actor = replace(titled[tok.lemma_.lower()].actor, text=tok.text)
            found.append(Mention(tok.i, tok.i + 1, actor, "person", tok.i))
    return found


def _subject_or_object(tok: Token) -> bool:
    return phrases.is_subject(tok, with_clauses=True) or phrases.is_object(tok)


def _title_words(parsed: Doc, person: Mention) -> list[str]:
    """The common nouns standing before a person's name as its title ("commissioner Albert Muchanga"),
    or before the name it is the first word of ("airline" of "Iranian airline Mahan Air")."""
    if person.head is None:
        return []
    head = parsed[person.head]
    heads = [head, head.head] if phrases.is_compound(head) and head.head.i >= person.end else [head]
    words = [c for h in heads for c in phrases.compounds_of(h)]
    return [c.lemma_.lower() for c in words if c.pos_ == "NOUN" and c.i < person.head]


# --- rule 8: "pelting them" --------------------------------------------------------------------------------------


def find_object_pronouns(parsed: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the protesters began pelting them": an object "them" takes the latest plural body before it
    (same or previous sentence) that is not the subject of its own clause."""
    found = []
    for tok in (parsed[i] for i in indices_of(parsed, frozenset({"them"}))):
        if not phrases.is_object(tok, with_dative=True) or mention_index(mentions, tok.i) is not None:
            continue
        own = _clause_subject_actors(parsed, mentions, tok)
        sent_start = _previous_sentence_start(parsed, tok)
        for mention in reversed([m for m in mentions if sent_start <= m.start and m.end <= tok.i]):
            head = parsed[mention.head if mention.head is not None else mention.start]
            if mention.kind not in _GROUP_KINDS or not mention.actor.country or head.tag_ not in _PLURAL_TAGS:
                continue
            if mention.actor.code in own:
                continue
            actors = tuple(replace(a, text=tok.text) for a in mention.all_actors())
            found.append(group_mention(tok.i, tok.i + 1, actors, "pronoun", tok.i))
            break
    return found


def mention_index(mentions: list[Mention], i: int) -> int | None:
    """Index of the mention covering token ``i``, if any."""
    return next((n for n, m in enumerate(mentions) if m.start <= i < m.end), None)


def _clause_subject_actors(parsed: Doc, mentions: list[Mention], tok: Token) -> set[str]:
    """Codes of the subjects of ``tok``'s own clause: its verb's and, through open
    complements ("began to pelt them"), the governing verbs' (up to three)."""
    codes: set[str] = set()
    verb = tok.head
    for _ in range(_CLAUSE_VERBS):
        for child in phrases.subjects_of(verb, with_clauses=True):
            n = mention_index(mentions, child.i)
            if n is not None:
                codes.update(a.code for a in mentions[n].all_actors())
        if verb.head.i == verb.i or (verb.pos_ in clauses.VERBAL and not clauses.is_open_complement(verb)):
            break  # "began *pelting* them" shares its subject; "after X attacked them" does not
        verb = verb.head
    return codes


def _previous_sentence_start(parsed: Doc, tok: Token) -> int:
    start = tok.sent.start
    return parsed[start - 1].sent.start if start > 0 else start



# --- rule 9: "the two adversaries", "both" -----------------------------------------------------------------------


_PAIR_WORDS = frozenset({"two", "both"})
_PAIR_PEOPLE = frozenset({"man", "woman", "leader", "president", "minister", "premier", "official", "envoy",
                          "diplomat", "counterpart", "negotiator"})
_PAIR_EITHER = frozenset({"adversary", "rival", "foe", "enemy", "side", "party", "ally", "neighbour", "neighbor"})
_PAIR_BODIES = frozenset({"country", "nation", "government", "state", "capital"})
_BODY_KINDS = frozenset({"country", "org", "metonym", "institution", "pronoun", "role"})
_PAIR_REACH = 2  # sentences a pair reference may reach back
_PERSON_WORDS = frozenset({"he", "she", "him", "her", "his"})


def find_pair_references(parsed: Doc, mentions: list[Mention]) -> list[Mention]:
    """"the two adversaries indicated ...": a pair word's phrase stands for the latest two actors
    that fit (people for "men", bodies for "countries"); the mentions returned replace any there."""
    found = []
    for tok in (parsed[i] for i in indices_of(parsed, _PAIR_WORDS)):
        target, wanted = _pair_phrase(tok)
        if target is None:
            continue
        window = _window_start(parsed, tok)
        earlier = [m for m in mentions if window <= m.start and m.end <= tok.i]
        pair = _latest_pair(earlier, wanted)
        if pair:
            actors = tuple(replace(a, text=target.text) for a in pair)
            found.append(group_mention(target.i, target.i + 1, actors, "pronoun", target.i))
    return found


def _pair_phrase(tok: Token) -> tuple[Token | None, str]:
    """The token a pair word stands for and what it wants: "people", "bodies" or "either"."""
    head = tok.head
    if head.i > tok.i and head.pos_ == "NOUN" and head.tag_ in _PLURAL_TAGS:
        definite = tok.lower_ == "both" or any(c.lower_ == "the" for c in head.children)
        lemma = head.lemma_.lower()
        wanted = "people" if lemma in _PAIR_PEOPLE else "bodies" if lemma in _PAIR_BODIES else "either"
        if definite and (lemma in _PAIR_PEOPLE | _PAIR_BODIES | _PAIR_EITHER):
            return head, wanted
        return None, ""
    if tok.lower_ == "both" and phrases.is_subject(tok):
        return tok, "joined"  # "Japan and Australia said ..., although both have criticized Rangoon"
    return None, ""


def _window_start(parsed: Doc, tok: Token) -> int:
    """The first token a pair word's antecedents may start at: the sentence ``_PAIR_REACH`` before its own."""
    start = tok.sent.start
    for _ in range(_PAIR_REACH):
        start = parsed[start - 1].sent.start if start > 0 else start
    return start


def _latest_pair(earlier: list[Mention], wanted: str) -> tuple[Actor, ...]:
    """The two actors a pair word refers to: a joined pair named last, else the two latest
    distinct ones; a bare subject "both" only a joined pair ("police detained the miners, and
    both ..." leaves open who "both" are)."""
    kinds = ["people", "bodies"] if wanted in ("either", "joined") else [wanted]
    for kind in kinds:
        for mention in reversed(earlier):
            actors = [a for a in mention.all_actors() if _fits_pair(mention, a, kind)]
            if len(actors) == 2:
                return tuple(actors)  # "Japan and Australia said they ..., although both ..."
    if wanted == "joined":
        return ()
    for kind in kinds:
        chosen: list[Actor] = []
        for mention in reversed(earlier):
            actors = [a for a in mention.all_actors() if _fits_pair(mention, a, kind)]
            if actors and all(_identity(actors[0], kind) != _identity(c, kind) for c in chosen):
                chosen.append(actors[0])
            if len(chosen) == 2:
                return tuple(chosen[::-1])
    return ()


def _fits_pair(mention: Mention, actor: Actor, kind: str) -> bool:
    """Whether ``actor`` of ``mention`` is a person (for "the two men") or a body (for "the two countries")."""
    person = mention.kind == "person" or (mention.kind == "pronoun" and actor.text.lower() in _PERSON_WORDS)
    if kind == "people":
        return person
    return not person and mention.kind in _BODY_KINDS and bool(actor.country or actor.org)


def _identity(actor: Actor, kind: str) -> str | None:
    """What makes two antecedents two: a person's name, a body's country or organisation."""
    return actor.name if kind == "people" else (actor.org or actor.country)
