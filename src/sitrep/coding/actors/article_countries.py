"""What country the article is about, and the country each unplaced role or person takes from it.

Rule 4 of the document-level stage (``coding.actors.docactors``): a role-only mention
("the army", "police", "rebels") takes the country of the latest earlier
mention of the same noun, else of the same kind of body (for people:
protesters, mourners, of the latest people named, "Palestinians"), else the
country the article is about (``main_country``); an "international mediator"
is of no country (IGO), and "foreign forces" stay of none.  Armed groups
("Islamists", "fighters") take the country of the last armed group before the
people last named, and a role named by an unknown organisation ("Islamic Courts
Union officials") the article's country.  A person nobody gave a country is placed the same
way.  ``Memory`` keeps what the article has said so far; ``local_people``
makes "Serb authorities" in a story about Bosnia Bosnian before any of this.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from sitrep.coding.grammar import phrases
from sitrep.coding.actors.lexicon import AGENT_LABELS, Lexicon
from sitrep.coding.actors.mentions import Mention
from sitrep.models import Actor
from sitrep.nlp.types import Doc, Token
from sitrep.resources import Resources

_COUNTRY_KINDS = frozenset({"country", "demonym", "metonym", "institution", "role", "person", "org", "region"})
_LEAD_SENTENCES = 2  # the lead sentences weigh double when finding what the article is about
_LEAD_WEIGHT = 2
_INSTITUTIONS = frozenset({"GOV", "MIL", "COP", "SPY", "LEG", "JUD"})  # bodies one country usually has one of
# Armed groups an article names by several words ("Islamists", "fighters", "militants") for one side:
# a new word for them takes the country of the last one, not of the latest people named.
_ARMED_GROUPS = frozenset({"REB", "UAF", "SEP"})
_WEAPONS = frozenset({"drone", "jet", "warplane", "fighter jet", "tank", "helicopter", "aircraft", "submarine",
                      "frigate", "destroyer", "artillery", "warship"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_PLACED_KINDS = frozenset({"role", "person", "pronoun", "org"})  # mentions rule 4 may give a country
_REMEMBERED_KINDS = frozenset({"role", "person", "org"})  # mentions whose country rule 4 remembers
_LOCAL_KINDS = frozenset({"demonym", "role", "person"})
_NAMED_KINDS = frozenset({"person", "org"})  # mentions whose later namesakes take the country they were placed in
Ethnic = Mapping[str, frozenset[str]]

def ethnic_countries(resources: Resources) -> dict[str, frozenset[str]]:
    """Words for peoples living on both sides of borders, with the countries they live in."""
    table: dict[str, frozenset[str]] = {}
    for words, countries in resources.rows("actors_ethnic.tsv", 2):
        for word in words.split("|"):
            table[word] = frozenset(countries.split("|"))
    return table


def local_people(parsed: Doc, mention: Mention, main: str | None, ethnic: Ethnic) -> Mention:
    """"Serb authorities" in a story about Bosnia are Bosnian: a cross-border people takes the article's country."""
    if main is None or len(mention.all_actors()) != 1 or not mention.actor.country or mention.actor.country == main:
        return mention
    if mention.kind not in _LOCAL_KINDS:
        return mention
    homes = ethnic_words(parsed, mention, ethnic)
    if not homes or not any(main in h and mention.actor.country in h for h in homes):
        return mention
    if any(t.ent_type_ == "GPE" for t in parsed[mention.start:mention.end]):
        return mention
    return replace(mention, actor=_moved(mention.actor, main), actors=())


def ethnic_words(parsed: Doc, mention: Mention, table: Ethnic) -> list[frozenset[str]]:
    """The home countries of each cross-border people the mention names."""
    return [table[t.lower_] for t in parsed[mention.start:mention.end] if t.lower_ in table]


def _moved(actor: Actor, country: str) -> Actor:
    """``actor`` with its country part replaced by ``country``."""
    code = country + actor.code[len(actor.country or ""):] if actor.code.startswith(actor.country or "\0") else country
    return replace(actor, code=code, country=country)


# --- the article's country and the role memory -----------------------------------------------------------------


def main_country(parsed: Doc, mentions: list[Mention]) -> str | None:
    """The country the article is most about: most mentioned, the lead counting double."""
    lead_end = _lead_end(parsed)
    votes: Counter[str] = Counter()
    for mention in mentions:
        if mention.kind not in _COUNTRY_KINDS:
            continue
        for actor in mention.all_actors():
            if actor.country and not actor.code.startswith("IGO"):
                votes[actor.country] += _LEAD_WEIGHT if mention.start < lead_end else 1
    if not votes:
        return None
    (best, count), *rest = votes.most_common(2) + [("", 0)]
    return best if count > rest[0][1] or len(votes) == 1 else _first_of(mentions, {best, rest[0][0]})


def _first_of(mentions: list[Mention], countries: set[str]) -> str | None:
    """On a tie, the country named first."""
    for mention in mentions:
        for actor in mention.all_actors():
            if actor.country in countries:
                return actor.country
    return None


def _lead_end(parsed: Doc) -> int:
    end = 0
    for n, sent in enumerate(parsed.sents):
        if n >= _LEAD_SENTENCES:
            break
        end = sent.end
    return end


def unplaced(actor: Actor) -> bool:
    """An actor with neither country nor organisation (a bare role, an unknown person)."""
    return not actor.country and not actor.org and not actor.code.startswith("IGO")


class Memory:
    """Countries seen so far with each role noun and each kind of body (rule 4)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.by_noun: dict[str, str] = {}
        self.by_agent: dict[str, str] = {}
        self.people: str | None = None
        self.by_name: dict[str, Actor] = {}  # a named person or body -> the actor it was first resolved to
        self.by_title: dict[str, Actor] = {}  # a role noun -> the latest body it named ("the Commission's spokeswoman")
        self.country_at = {i: m.actor.country for m in mentions if m.actor.country and len(m.all_actors()) == 1
                           for i in range(m.start, m.end)}

    def note(self, parsed: Doc, mention: Mention) -> None:
        actors = mention.all_actors()
        if mention.kind == "demonym" and mention.head is not None and parsed[mention.head].tag_ in _PLURAL_TAGS:
            self.people = actors[0].country or self.people  # "Palestinians": the people the story is among
        actor = actors[0]
        country = actor.country
        if len(actors) == 1 and (country or actor.org):
            self._note_named(parsed, mention)
        if len(actors) != 1 or not country or mention.kind not in _REMEMBERED_KINDS:
            return
        for i in range(mention.start, mention.end):
            self.country_at[i] = country
        if mention.kind == "role":
            for noun in _role_nouns(parsed, mention):
                self.by_noun[noun] = country
        if actor.agent:
            self.by_agent[actor.agent] = country

    def _note_named(self, parsed: Doc, mention: Mention) -> None:
        """Remember a placed name ("Mahan" of "Iranian airline Mahan Air") and the body a role noun named."""
        if mention.kind in _NAMED_KINDS and mention.actor.name:
            self.by_name.setdefault(mention.actor.name, mention.actor)
        if mention.kind == "role" and mention.head is not None:
            self.by_title[noun_key(parsed[mention.head])] = mention.actor

    def named(self, parsed: Doc, mention: Mention) -> Actor | None:
        """What a name resolved to before ("Mahan said"), or the body whose title an untitled person
        bears ("the European Commission's spokeswoman ... said the spokeswoman Emma Udwin")."""
        actor = mention.actor
        if mention.kind in _NAMED_KINDS | {"pronoun"} and actor.name in self.by_name:
            return replace(self.by_name[actor.name], text=actor.text)
        if mention.kind != "person" or mention.head is None:
            return None
        for tok in parsed[mention.start:mention.head]:
            body = self.by_title.get(noun_key(tok)) if tok.pos_ == "NOUN" else None
            if body is not None:
                return Actor(text=actor.text, name=actor.name, code=body.code, country=body.country, org=body.org,
                             agent=body.agent)
        return None

    def modifier_country(self, parsed: Doc, mention: Mention) -> str | None:
        """The country of a mention inside the phrase ("Iranian airline Mahan Air", "the Afghan Taliban")."""
        if mention.head is None:
            return None
        head = parsed[mention.head]
        for tok in phrases.phrase_modifiers(head):
            country = self.country_at.get(tok.i)
            if country:
                return country
        return None

    def members_country(self, head: Token | None) -> str | None:
        """"an assembly of several foreign ministers in Cairo", "a delegation of Iranian officials": a body
        made of others is of their country."""
        if head is None:
            return None
        for prep in phrases.prepositions(head, _OF):
            for member in phrases.objects_of_preposition(prep):
                country = self.country_at.get(member.i)
                if country:
                    return country
        return None

    def speaking_place(self, head: Token | None) -> str | None:
        """"an official said in Tokyo": a subject without a country of its own acts where its verb does."""
        if head is not None and phrases.is_compound(head):
            head = head.head  # "a ministry official said in Tokyo": the ministry too
        if head is None or not phrases.is_subject(head, with_clauses=True) or head.head.lemma_ not in _SPEAKING:
            return None
        for prep in phrases.prepositions(head.head, _IN):
            if prep.i > head.i:
                places = phrases.objects_of_preposition(prep)
                country = self.country_at.get(places[0].i) if places else None
                if country:
                    return country
        return None

    def resolve(self, parsed: Doc, mention: Mention, main: str | None, lexicon: Lexicon) -> Mention:
        if len(mention.all_actors()) != 1 or not unplaced(mention.actor):
            return mention
        if mention.kind not in _PLACED_KINDS:
            return mention
        actor = mention.actor
        head = parsed[mention.head] if mention.head is not None else None
        if head is not None and head.lemma_.lower() in _WEAPONS and mention.kind == "role":
            return mention  # "hit by drone strikes": a weapon is nobody's until the text says whose
        if head is not None and mention.kind == "role" and (_international(head) or self._third_party(head)):
            return replace(mention, actor=international(actor), actors=())
        if head is not None and mention.kind == "role" and _foreign(head, mention):
            return mention  # "foreign forces": someone else's, but the text does not say whose
        country = self.modifier_country(parsed, mention)
        named = self.named(parsed, mention) if country is None else None
        if named is not None:
            return replace(mention, actor=named, actors=())
        if country is None and mention.kind == "role":
            country = self._role_country(parsed, mention, head, main)
        country = country or main
        if country is None:
            return mention
        return replace(mention, actor=placed(actor, country, lexicon), actors=())

    def _third_party(self, head: Token) -> bool:
        """"Mediators said ...", "the peacekeepers": a body standing between the sides is of none of
        them, unless the article already said whose ("Qatari mediators ... the mediators")."""
        noun = noun_key(head)
        return noun in _THIRD_PARTIES and noun not in self.by_noun

    def _role_country(self, parsed: Doc, mention: Mention, head: Token | None, main: str | None) -> str | None:
        """Where an unplaced role noun belongs: a named body, the members it is made of, the place it
        speaks in, the same noun or body earlier in the article, the people the story is among."""
        agent = mention.actor.agent
        country = None
        if head is not None and _in_named_body(head):
            country = main  # "Islamic Courts Union officials": an unknown body of the article's country
        if country is None:
            country = self.members_country(head)
        if country is None:
            country = self.speaking_place(head)
        if country is None:
            country = next((self.by_noun[n] for n in _role_nouns(parsed, mention) if n in self.by_noun), None)
        if country is None and (agent in _INSTITUTIONS or agent in _ARMED_GROUPS):
            country = self.by_agent.get(agent or "")
        if country is None and agent not in _INSTITUTIONS:
            country = self.people
        return country


_INTERNATIONAL = frozenset({"international", "multinational"})
_THIRD_PARTIES = frozenset({"mediator", "peacekeeper", "monitor"})
_IN = frozenset({"in"})
_OF = frozenset({"of"})
_SPEAKING = frozenset({"say", "tell", "add", "announce", "state", "confirm", "speak", "report", "insist", "warn"})


def _international(head: Token) -> bool:
    """"a senior international mediator", "multinational forces": the body belongs to no one country."""
    return any(c.lower_ in _INTERNATIONAL for c in phrases.adjectives_of(head))


def _in_named_body(head: Token) -> bool:
    """A role named by an organisation's name the lexicon lacks: its head is a word of the
    name ("Islamic Courts *Union*") or the name is compounded onto it ("Courts *Union* officials")."""
    return any(t.pos_ == "PROPN" and t.ent_type_ == "ORG" for t in [head, *phrases.compounds_of(head)])


def _foreign(head: Token, mention: Mention) -> bool:
    """"foreign forces", "foreign and Afghan troops": a body from outside the article's country.

    "foreign" inside the role's own name ("the foreign ministers", "the foreign ministry") names
    an office of the country, not someone else's body."""
    qualified = [head, *phrases.compounds_of(head)]  # "foreign *security* forces": on the compound
    return any(c.lower_ == "foreign" and not mention.start <= c.i < mention.end
               for word in qualified for c in phrases.adjectives_of(word))


def international(actor: Actor) -> Actor:
    """``actor`` as an international body (side IGO)."""
    label = AGENT_LABELS.get(actor.agent or "", "")
    return Actor(text=actor.text, name=f"international {label}".strip(), code="IGO" + (actor.agent or ""),
                 org="international", agent=actor.agent)


def _role_nouns(parsed: Doc, mention: Mention) -> list[str]:
    """The nouns a role mention is known by, its qualifiers first ("Coalition troops": coalition, troop)."""
    nouns = [noun_key(t) for t in parsed[mention.start:mention.end]
             if t.pos_ in ("NOUN", "PROPN") and t.i != mention.head]
    if mention.head is not None:
        nouns.append(noun_key(parsed[mention.head]))
    return nouns


def noun_key(token: Token) -> str:
    """A role noun's singular, lower-cased: the tagger's lemma, which keeps a capitalised plural
    as written ("Islamists" tagged NNPS), made singular so that it meets "Islamists" tagged NNS."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma == token.lower_ and lemma.endswith("s") and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


def placed(actor: Actor, country: str, lexicon: Lexicon) -> Actor:
    """``actor`` as a body or person of ``country`` (keeping a person's own name)."""
    base = Actor(text=actor.text, name=lexicon.country_name(country), code=country, country=country)
    if actor.agent is None and actor.code == "" and actor.name:
        return Actor(text=actor.text, name=actor.name, code=country, country=country)
    built = lexicon.with_agent(base, actor.agent, actor.text)
    keep_name = actor.name and actor.name != AGENT_LABELS.get(actor.agent or "", "")
    return replace(built, name=actor.name) if keep_name else built


