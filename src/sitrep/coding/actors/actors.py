"""Actor mentions: find who is named in a parsed document and resolve each to an Actor.

Find, then write: ``find_mentions`` is pure and returns candidates; ``process``
attaches them to the document as ``doc.mentions`` for the later stages, which
ask ``actors_for_token`` what a subject or object stands for.

One pass of the lexicon matcher (``lexicon.Lexicon``, built once per
``Resources``) gives atoms (countries, demonyms, capitals, organisations, role
nouns, leaders) on a per-document ``mentions.Sheet``.  People are then resolved
from spaCy's PERSON entities (``person_mentions``), role nouns are combined
with the countries or organisations that modify them ("U.S., Danish and
Greenlandic officials" -> USAGOV, DNKGOV, GRLGOV, ``role_mentions``), and
pronouns are linked last (here).  Every step is a linear walk over tokens with
dict and array look-ups.

Mention kinds: ``country`` (a country name), ``demonym`` (adjective or people
noun), ``metonym`` (a capital standing for its government), ``institution``
(a national body or seat of power: the Kremlin, the Pentagon, the Bundestag),
``org``, ``region``, ``place`` (a city or province, coded to its country),
``role`` (a role noun, with or without a country), ``person`` and ``pronoun``.
A capital is a mention even in "talks in Washington": consumers decide from
the dependency role whether it acts.

When nothing in its phrase gives a country, a titled person or a role noun is
left without one here: the document-level stage (``coding.actors.docactors``) gives it
the country the article says, which a single sentence often gets wrong.
Codes: country + agent ("SWEMIL"); organisation code + agent ("IGONATMIL");
a bare role is its agent ("GOV"); a person nobody introduced has code "".
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.lexicon import actor_lexicon
from sitrep.coding.actors.mentions import Mention, Sheet, group_mention
from sitrep.coding.actors.people import PRONOUN_GENDER
from sitrep.coding.actors.person_mentions import find_people, find_surnames
from sitrep.coding.actors.role_mentions import find_roles
from sitrep.models import Actor, Document
from sitrep.nlp.types import Doc, Token
from sitrep.resources import Resources
from sitrep.settings import Settings

__all__ = ["Mention", "actors_for_token", "find_mentions", "mention_at", "process"]

_NON_ACTING_VERBS = frozenset({"be", "seem", "appear", "remain", "happen", "take", "become", "rain", "snow"})
_GROUP_PRONOUNS = frozenset({"it", "they"})
_PLURAL_PRONOUNS = frozenset({"they", "their"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_OWNER_GENDER = {"his": "m", "her": "f"}
_GROUP_OWNERS = frozenset({"its", "their"})
_NOT_BODIES = frozenset({"person", "pronoun"})
_GOVERNING_VERBS = 3  # how many verbs up a pronoun looks for the subject it refers to


def process(docs: Iterable[Document], settings: Settings, resources: Resources) -> Iterator[Document]:
    """Attach resolved actor mentions to each parsed document."""
    for doc in docs:
        doc.mentions = find_mentions(doc.parsed, resources) if doc.parsed is not None else []
        yield doc


def find_mentions(parsed: Doc, resources: Resources) -> list[Mention]:
    """Actor mentions in a parsed doc, in token order and not overlapping."""
    sheet = Sheet(parsed, resources.get(actor_lexicon))
    find_people(sheet)
    find_surnames(sheet)
    find_roles(sheet)
    find_pronouns(sheet)
    return sorted(sheet.mentions, key=lambda m: m.start)


def mention_at(doc: Document, token_i: int) -> Mention | None:
    """The mention whose span covers token ``token_i``, if any (binary search)."""
    mentions: list[Mention] = doc.mentions
    pos = bisect_right(mentions, token_i, key=lambda m: m.start) - 1
    if pos >= 0 and mentions[pos].start <= token_i < mentions[pos].end:
        return mentions[pos]
    return None


def actors_for_token(doc: Document, token: Token) -> list[Actor]:
    """The actor(s) a noun phrase headed by ``token`` stands for.

    Looks at the token's mention (which already combines role nouns with their
    countries), then its conjuncts, so that "Sweden and Norway" gives two actors (also when the
    parser hung the list inside one name: "US President Trump and Turkish President Erdogan");
    a head that names no actor itself takes its modifiers' ("the US proposal" -> USA).
    """
    found: list[Actor] = []
    seen: set[tuple[str | None, str | None, str | None, str]] = set()
    for head in (*phrases.coordinated(token), *phrases.names_listed_inside(token)):
        mention = mention_at(doc, head.i)
        if mention is not None:
            actors: Iterable[Actor] = mention.all_actors()
        else:
            actors = _modifier_actors(doc, head)
        for actor in actors:
            if actor.key() not in seen:
                seen.add(actor.key())
                found.append(actor)
    return found


# Nouns for those on the other side of a relation: "*its* trading partners" are not its own.
RELATION_NOUNS = frozenset({"partner", "neighbour", "neighbor", "ally", "rival", "enemy", "foe", "adversary",
                            "critic", "opponent", "counterpart", "creditor", "donor", "victim"})


def _modifier_actors(doc: Document, head: Token) -> list[Actor]:
    """The actors a head's modifiers name; an owner's pronoun only when nothing else names one
    ("their Serb captors" are Serbs, "his associates" are his) and the head is no relation
    ("its partners" are others)."""
    named: list[Actor] = []
    owners: list[Actor] = []
    for child in phrases.left_modifiers(head):
        mention = mention_at(doc, child.i)
        if mention is not None:
            (owners if mention.kind == "pronoun" else named).extend(mention.all_actors())
    return named or ([] if head.lemma_.lower() in RELATION_NOUNS else owners)


# --- pronouns --------------------------------------------------------------------------------------------------


def find_pronouns(sheet: Sheet) -> None:
    """Link "he"/"she" to a person, and a subject "it"/"they" to the body a governing clause names.

    An owner's pronoun ("his associates", "its forces") is linked the same way, so that the
    phrase it owns takes the owner's country."""
    for i in sheet.pronouns:
        tok = sheet.parsed[i]
        lower = tok.lower_
        if sheet.by_token[i] is not None:
            continue
        if tok.tag_ == "PRP$":
            _link_owner_pronoun(sheet, tok)
        elif lower in PRONOUN_GENDER:
            _link_person_pronoun(sheet, tok, PRONOUN_GENDER[lower])
        elif lower in _GROUP_PRONOUNS and phrases.is_subject(tok):
            _link_group_pronoun(sheet, tok)


def _link_owner_pronoun(sheet: Sheet, tok: Token) -> None:
    """"Navalny ..., and his associates alleged": "his"/"her" is a person, "its"/"their" a body."""
    lower = tok.lower_
    if lower in _OWNER_GENDER:
        _link_person_pronoun(sheet, tok, _OWNER_GENDER[lower])
    elif lower in _GROUP_OWNERS:
        _link_group_pronoun(sheet, tok, owned=tok.head)


def _link_person_pronoun(sheet: Sheet, tok: Token, gender: str) -> None:
    """"Rasmussen said he ...": the subject of a governing verb, else the most salient person that fits."""
    mention = _ancestor_subject(sheet, tok, lambda m: m.kind == "person")
    person = None
    if mention is not None:
        person = sheet.registry.find([mention.actor.name]) or sheet.registry.find(mention.actor.name.split())
    if person is None or not person.fits(gender):
        person = sheet.salience.pronoun(tok.i, sheet.reach_of[tok.i], gender)
    if person is None:
        return
    person.gender = person.gender or gender
    sheet.add(Mention(tok.i, tok.i + 1, sheet.person_actor(person, tok.text), "pronoun", tok.i))
    sheet.note_person(tok, person)


def _link_group_pronoun(sheet: Sheet, tok: Token, owned: Token | None = None) -> None:
    """"Sweden said it would send troops": "it" and "they" take a non-person subject of a governing verb.

    ``owned`` is the noun an owner's "its"/"their" qualifies: the clause it stands in is the one looked up."""
    if owned is None:
        mention = _ancestor_subject(sheet, tok, lambda m: m.kind not in _NOT_BODIES)
    else:  # "its" owner is one body, "their" several ("the rebels considered France ... its support")
        plural = tok.lower_ in _PLURAL_PRONOUNS
        mention = _ancestor_subject(sheet, tok, lambda m: m.kind not in _NOT_BODIES and _plural(sheet, m) == plural)
    clause = owned if owned is not None else tok
    opening = owned is None or phrases.is_subject(owned)
    if mention is None and opening and phrases.is_root(clause.head) and clause.head.lemma_ not in _NON_ACTING_VERBS:
        mention = _previous_subject(sheet, tok)
    if mention is None:
        return
    bodies = [mention, *_conjoined_bodies(sheet, mention)] if tok.lower_ in _PLURAL_PRONOUNS else [mention]
    actors: list[Actor] = []
    for body in bodies:
        actors.extend(a for a in body.all_actors() if a.key() not in {b.key() for b in actors})
    actors = [Actor(**{**a.as_dict(), "text": tok.text}) for a in actors]
    linked = group_mention(tok.i, tok.i + 1, tuple(actors), "pronoun", tok.i)
    sheet.add(replace(linked, antecedent=mention.start) if len(bodies) == 1 else linked)


def _plural(sheet: Sheet, mention: Mention) -> bool:
    """Whether a body mention names several ("the rebels", "Japan and Australia", "U.S. and Danish officials")."""
    if len(mention.all_actors()) > 1:
        return True
    head = sheet.parsed[mention.head] if mention.head is not None else None
    return head is not None and (head.tag_ in _PLURAL_TAGS or len(phrases.coordinated(head)) > 1)


def _conjoined_bodies(sheet: Sheet, mention: Mention) -> list[Mention]:
    """The bodies joined to ``mention`` ("Japan *and Australia* said they ..."): "they" stands for all."""
    if mention.head is None:
        return []
    found = []
    for other in phrases.coordinated(sheet.parsed[mention.head])[1:]:
        joined = sheet.by_token[other.i]
        if joined is not None and joined is not mention and joined.kind not in _NOT_BODIES:
            found.append(joined)
    return found


def _ancestor_subject(sheet: Sheet, tok: Token, accept: Callable[[Mention], bool]) -> Mention | None:
    """The subject of a verb governing the pronoun's clause ("Rasmussen said he ...")."""
    verb = tok.head
    for _ in range(_GOVERNING_VERBS):
        if verb.head.i == verb.i:
            return None
        verb = verb.head
        for child in phrases.subjects_of(verb):
            mention = sheet.by_token[child.i] if child.i < tok.i else None
            if mention is not None and accept(mention):
                return mention
    return None


def _previous_subject(sheet: Sheet, tok: Token) -> Mention | None:
    """The acting subject of the previous sentence, for a sentence-initial "It said ..."."""
    index = sheet.sentence_of[tok.i]
    if index == 0:
        return None
    root = sheet.sentences[index - 1].root
    for child in phrases.subjects_of(root):
        mention = sheet.by_token[child.i]
        if mention is not None and mention.kind not in _NOT_BODIES:
            return mention
    return None
