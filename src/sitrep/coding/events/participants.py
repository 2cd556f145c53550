"""Who acts and who is acted upon: the actors in the noun phrases around a trigger.

The actor stage (``coding.actors.actors``) says which words name which actors; this
module decides which of those phrases is the source and which the target of an
action, and what to do when a phrase names nobody:

- a subject that names no actor is kept as an *unresolved* actor (its words,
  empty ``code``) so that "a car bomb killed three soldiers" is still recorded;
  a pronoun in reported speech stands for the speaker ("Sweden said *it* would");
- a bare role is placed by its phrase: "security forces *in Guinea*" are GINMIL;
- targets are looked for slot by slot (passive subject, object, "to/with/against"
  objects, the object's own "of/on/by" objects), and a country or organisation
  from any slot beats a bare role ("troops") from an earlier one;
- what is given is not the recipient: "sent *troops* to X" targets X;
- a thing that names nobody may name the counterpart inside it ("restrictions on
  *flights to Cuba*", "facilities *belonging to* X"); a causative acts on its
  clause's subject ("agreed to let *the rebels* enter");
- an event noun subject acts for its "by/between" doers ("the calls *by* X asking"),
  an unresolved phrase owned by a pronoun takes the country of the actor named
  before it ("*his* associates"), and a pronoun subject of a clause hung on
  another stands for that clause's subject when nothing else agrees with it.

Look-ups are cached per sentence, because the same phrase is tried as the
target of several frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from sitrep.coding.actors.actors import RELATION_NOUNS, actors_for_token, mention_at
from sitrep.coding.actors.mentions import Mention
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.grammar import phrases
from sitrep.coding.events.verbs import Lexicon
from sitrep.models import Actor, Document
from sitrep.nlp.types import Token
from sitrep.resources import Resources

# Prepositions on the object noun that name the target ("attack *on* X", "calls *by* X").
NOUN_TARGET_PREPS = ("on", "against", "with", "to", "into", "between", "toward", "towards", "by", "from", "of", "for",
                     "at")
# Phrases that place or own a role ("forces *in* Guinea", "doctors *from* American groups").
PHRASE_PREPS = frozenset({"of", "in", "from", "for", "throughout", "across", "at", "inside", "based"})
# Prepositions on a given thing that name its recipient ("aid *to* X", "a protest *with* X").
GIVEN_TO_PREPS = ("to", "for", "with", "against", "on")
# Prepositions whose noun may carry the partner of the action ("into/from an agreement *with* X").
PARTNER_PREPS = ("into", "in", "to", "from")
# Prepositions on a thing that names nobody, through which its own counterpart is named
# ("restrictions on *flights to Cuba*", "a ban on *trade with Iran*").
THING_PARTNER_PREPS = ("to", "with", "from", "against", "between")
# Participles on a thing that name its owner ("facilities *belonging to* X", "a plant *run by* X").
OWNING_VERBS = frozenset({"belong", "own", "operate", "run", "control",
                          "attribute", "make", "issue", "voice"})  # "remarks *made by* X" are X's
# Prepositions on an event noun that name its doers ("the calls *by* X", "the meeting *between* X and Y").
EVENT_DOER_PREPS = ("by", "between", "among")
# Subject pronouns that stand for several ("*both* have criticized X").
PLURAL_PRONOUNS = frozenset({"they", "both", "we"})
# Possessive pronouns that point back to a person, not a country or a body.
PERSONAL_POSSESSIVES = frozenset({"his", "her"})
NAME_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC"})


INSTRUMENT = "instrument"
FORCE_AGENTS = frozenset({"MIL", "COP", "SPY"})
FORCE_NOUNS = frozenset({"troop", "soldier", "force", "engineer", "peacekeeper", "police", "policeman", "officer",
                         "personnel", "staff", "worker", "doctor", "medic", "expert", "adviser", "advisor",
                         "observer", "monitor", "reinforcement", "unit", "battalion", "brigade", "contingent"})


def non_agents(resources: Resources) -> dict[str, str]:
    """Nouns that never act politically, by kind (``data/event_non_agents.tsv``)."""
    return {word: kind for word, kind in resources.rows("event_non_agents.tsv", 2)}


def non_agent_kind(token: Token, kinds: dict[str, str]) -> str | None:
    """"instrument", "disaster", ... for a weapon or a non-actor noun; None otherwise."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return kinds.get(token.lemma_.lower()) or kinds.get(token.lower_)


def is_rich(actor: Actor) -> bool:
    """Whether an actor names a country or an organisation, not only a role."""
    return bool(actor.country or actor.org)


def resolved(actor: Actor) -> bool:
    """Whether an actor was recognised (has a code), as opposed to a bare noun phrase."""
    return bool(actor.code)


def locate(actor: Actor, place: Actor) -> Actor:
    """A bare role ("troops") given the country or organisation its phrase names."""
    if place.country:
        return replace(actor, country=place.country, code=f"{place.country}{actor.agent or ''}")
    return replace(actor, org=place.org, code=f"{place.code}{actor.agent or ''}")


def is_name(token: Token) -> bool:
    """Whether a word is (part of) a name: a proper noun or a named entity."""
    return token.pos_ == "PROPN" or token.ent_type_ in NAME_ENTITIES


def unknown() -> Actor:
    """The unnamed doer of an agentless passive ("three protesters were arrested")."""
    return Actor(text="", name="", code="")


def unresolved(token: Token) -> Actor:
    """An actor we cannot identify, kept by its words so the action is not lost."""
    text = cl.phrase_text(token)
    return Actor(text=text, name=text, code="")


@dataclass
class Participants:
    """Actor look-ups for one sentence of ``doc``."""

    doc: Document
    lexicon: Lexicon
    kinds: dict[str, str]  # ``non_agents``
    home: str | None = None  # the country the article is about (``article_countries.main_country``)
    cache: dict[int, list[Actor]] = field(default_factory=dict)
    anonymous: set[int] = field(default_factory=set)  # ids of unresolved actors that are not names
    consumed: set[int] = field(default_factory=set)  # clauses read as who used a weapon ("bullets *fired by* X")

    def sources(self, subject: Token | None, speaker: tuple[Actor, ...] = ()) -> list[Actor]:
        """Actors of the subject; a pronoun in reported speech falls back to the speaker."""
        if subject is None:
            return []
        relative, subject = subject, cl.antecedent(subject)  # "the men *who* were arrested"
        if relative.i != subject.i and not self.actors(subject):
            return []  # "a plan *that* will not allow ...": a document or thing does not act
        kind = non_agent_kind(cl.noun_phrase_head(subject), self.kinds)
        if kind == INSTRUMENT:
            return self.weapon_users(cl.noun_phrase_head(subject)) or [self.unnamed(subject)]
        if kind is not None:
            return []  # "an earthquake killed 300", "cases rose": nobody acted
        found = self.actors(subject)
        if self.lexicon.match(subject, "N") is not None:
            found = self.event_doers(subject) if found else []  # "a Kabul car bombing killed five": a place
            # "the calls *by UK officials* asking X to": an event noun acts for its doer
            found = found or self.first_actors(args.prep_groups(subject, EVENT_DOER_PREPS), [])
        owned = bool(speaker) and self.owned_by_pronoun(subject)
        if found and owned and not any(is_rich(a) for a in found) and is_rich(speaker[0]):
            return [locate(a, speaker[0]) for a in found]  # "X said *their forces* ..." are X's
        owner = None if owned or any(is_rich(a) for a in found) else self.pronoun_owner(subject)
        if found:
            return [locate(a, owner) for a in found] if owner is not None else found  # "*its* troops"
        if cl.is_pronoun(subject) or owned:
            # "Sweden said *it* would ...", "Putin said *his country* will ..."
            return list(speaker) or self.host_doers(subject)
        if cl.noun_phrase_head(subject).pos_ not in ("NOUN", "PROPN"):
            return []
        if owner is not None and owner.country:  # "Navalny ..., and *his associates* alleged"
            return [replace(unresolved(subject), code=owner.country, country=owner.country)]
        return [self.unnamed(subject)]

    def host_doers(self, pronoun: Token) -> list[Actor]:
        """A pronoun subject of a clause hung on another stands for that clause's subject
        ("Japan and Australia refused ..., although *both* have criticized X")."""
        host = args.host_clause(pronoun.head) if args.is_nominal_subject(pronoun) else None
        subject = args.subject_of(host) if host is not None else None
        if host is None or subject is None or cl.is_pronoun(subject):
            return []
        plural = pronoun.lower_ in PLURAL_PRONOUNS
        others = [o for o in args.direct_objects(host) if self.actors(o) or is_name(o)]  # not "issued statements"
        agreeing = [t for t in [subject, *others] if args.is_plural(t) == plural]
        if [t.i for t in agreeing] != [subject.i]:
            return []  # "police arrested the men after *they* attacked": the men, or the police?
        return [a for a in self.actors(subject) if resolved(a)]

    def pronoun_owner(self, token: Token) -> Actor | None:
        """Whom a possessive pronoun on the phrase points back to: the nearest actor with a
        country named before it in the sentence, a person for "his/her" ("Navalny is a critic
        of Putin, and *his* associates ..."): what he owns is of his country."""
        head = cl.noun_phrase_head(token)
        pronoun = next((p for p in args.possessors(head) if cl.is_pronoun(p)), None)
        if pronoun is None or head.lemma_.lower() in RELATION_NOUNS:
            return None
        personal = pronoun.lower_ in PERSONAL_POSSESSIVES
        mentions: list[Mention] = self.doc.mentions
        start = pronoun.sent.start  # finding the sentence scans the doc: once, not once per mention
        earlier = [m for m in mentions if start <= m.start < pronoun.i]
        for mention in reversed(earlier):
            if mention.actor.country and (not personal or mention.kind == "person"):
                return mention.actor
        return None

    def unnamed(self, subject: Token) -> Actor:
        """An actor kept by its words ("a car bomb"); only a name can anchor an event alone."""
        head = cl.noun_phrase_head(subject)
        actor = unresolved(head)
        if not is_name(head):
            self.anonymous.add(id(actor))
        return actor

    def event_doers(self, noun: Token) -> list[Actor]:
        """Who an event noun's modifiers name as its doer ("*Turkish* drone strike",
        "*Beijing's* crackdown"); a city compound is where it happened ("a *Kabul* car
        bombing"), not who did it."""
        found = actors_for_token(self.doc, noun)
        return [a for a in found if not (a.agent and self.is_city_compound(noun, a))]

    def is_city_compound(self, noun: Token, actor: Actor) -> bool:
        """Whether ``actor`` comes only from a place-name compound of ``noun``."""
        for child in args.compounds(noun):
            if child.ent_type_ in ("GPE", "LOC", "FAC"):
                if any(a.key() == actor.key() for a in actors_for_token(self.doc, child)):
                    return True
        return False

    def is_force(self, token: Token) -> bool:
        """A force or quantity of people sent or pledged ("sent *troops*", "pledged *300
        engineers*"): what is given, never the recipient."""
        return cl.noun_phrase_head(token).lemma_.lower() in FORCE_NOUNS or any(
            a.agent in FORCE_AGENTS for a in self.actors(token))

    def weapon_users(self, weapon: Token) -> list[Actor]:
        """Who used a weapon: its actor modifier ("*Israeli* bullets"), the agent of its
        participle ("bullets *fired by soldiers*"), or the subject of the verb it is the
        object of ("*Iran* launched missiles targeting ...")."""
        found = [a for a in actors_for_token(self.doc, weapon) if resolved(a)]
        if found:
            return found
        for child in cl.clausal_modifiers(weapon):
            if child.tag_ == "VBN":
                agents = args.prep_objects(child, ("by",))
                if agents and (found := self.actors(agents[0])):
                    self.consumed.add(child.i)
                    return found
        if args.is_direct_object(weapon) and (subject := args.subject_of(weapon.head)) is not None:
            return self.actors(cl.antecedent(subject))
        return []

    def nobody(self) -> Actor:
        """An unknown source, never enough on its own to anchor an event."""
        actor = unknown()
        self.anonymous.add(id(actor))
        return actor

    def owned_by_pronoun(self, token: Token) -> bool:
        """A phrase owned by a pronoun ("*his* country", "*their* forces")."""
        return any(cl.is_pronoun(c) for c in args.possessors(token))

    def anchored(self, sources: list[Actor], targets: list[Actor]) -> bool:
        """Whether an action involves someone identifiable: a coded actor on either
        side, or a source that is at least a name ("Papandreou", "ICE")."""
        if any(resolved(a) for a in [*sources, *targets]):
            return True
        return any(id(a) not in self.anonymous and a.text.lower() not in cl.PRONOUNS for a in sources)

    def actors(self, token: Token) -> list[Actor]:
        """Resolved actors of a noun phrase, looking through "of/in/from" phrases and appositions."""
        token = cl.antecedent(token)
        if token.i not in self.cache:
            self.cache[token.i] = self._actors(token)
        return self.cache[token.i]

    def _actors(self, token: Token) -> list[Actor]:
        found = actors_for_token(self.doc, token)
        head = cl.noun_phrase_head(token)
        if not found and head.i != token.i:
            found = actors_for_token(self.doc, head)
        if found and any(is_rich(a) for a in found):
            return found + self.placed_conjuncts(token, found)
        place = self.phrase_actor(token) or (self.phrase_actor(head) if head.i != token.i else None)
        if place is None:
            return found
        found = [locate(actor, place) for actor in found] if found else [place]
        return found + self.placed_conjuncts(token, found)

    def placed_conjuncts(self, token: Token, found: list[Actor]) -> list[Actor]:
        """Names joined to an actor that nobody resolved but their own phrase places
        ("Presidents Buhari of Nigeria and *Talon of Benin*"): that country's, by their name."""
        placed: list[Actor] = []
        keys = {a.key() for a in found}
        for other in phrases.coordinated(token)[1:]:
            if not is_name(other) or mention_at(self.doc, other.i) is not None:
                continue
            place = self.phrase_actor(other)
            if place is None or not place.country:
                continue
            text = " ".join(t.text for t in sorted([*phrases.compounds_of(other), other], key=lambda t: t.i))
            actor = Actor(text=text, name=text, code=place.country, country=place.country)
            if actor.key() not in keys:
                keys.add(actor.key())
                placed.append(actor)
        return placed

    def phrase_actor(self, token: Token) -> Actor | None:
        """A country or organisation named in the token's "of/in/from" phrase or apposition, or
        as its example ("allies *such as Germany*")."""
        for inner in [*args.attached_phrases(token, PHRASE_PREPS), *args.examples(token)]:
            for tok in inner:
                rich = [a for a in actors_for_token(self.doc, tok) if is_rich(a)]
                if rich:
                    return rich[0]
        return None

    def targets(self, verb: Token, mode: str, sources: list[Actor], skip: list[Token] | None = None) -> list[Actor]:
        """Recipients of a plain action, best slot first (``mode`` from the lexicon);
        ``skip`` are gapped subjects ("Chile pledged 300 engineers, *Peru* 150")."""
        if mode == "none":
            return []
        if skip:
            sources = [*sources, *(a for t in skip for a in self.actors(t))]
        passive = [p] if (p := args.passive_subject(verb)) is not None else []
        objects = args.direct_objects(verb)
        preps = args.prep_groups(verb, cl.TARGET_PREPS)
        if mode == "prep":
            # "sent *troops* to X", "offered *France's support*": the object is what is given;
            # it is the recipient only when it names one itself ("provided *Ukraine* with arms").
            named = [o for o in objects if mention_at(self.doc, o.i) is not None and not self.is_force(o)]
            given_to = [g for o in objects for g in args.prep_groups(o, GIVEN_TO_PREPS)]  # "an ultimatum *to* X"
            slots = [passive, *preps, *given_to, named]
            return self.best_actors(slots, sources) or self.place_target(verb, sources)
        objects = [o for o in objects if not self.is_own_country(o, sources)]
        of_objects = [p for o in objects for p in args.prep_objects(o, NOUN_TARGET_PREPS)]
        # "entered into an agreement *with* X", "withdrew from a treaty *with* X": the partner
        # hangs on the prepositional noun
        partners = [p for o in args.prep_objects(verb, PARTNER_PREPS) for p in args.prep_objects(o, ("with",))]
        # "discussed the situation *in X* in talks with Y": an object that names nobody itself is a
        # topic placed somewhere; the partner of the action comes first, the place only after it
        # "voiced *Moscow's* opposition to X": a thing owned by the sources' own side is theirs; who
        # it is about is named inside it
        topics = [o for o in objects if self.placed_only(o) or self.owned_by_sources(o, sources)]
        named = [o for o in objects if o not in topics]
        slots = [passive, named, *preps, of_objects, partners, topics]
        slots += self.through_things([passive, objects, *preps, of_objects])
        return (self.first_actors(slots, sources, rich=True) or self.place_target(verb, sources)
                or self.first_actors(slots, sources))

    def placed_only(self, token: Token) -> bool:
        """Whether a phrase's actors come only from where it is placed ("the situation *in X*"):
        neither the noun nor its head names anyone, and the noun is no person or body."""
        head = cl.noun_phrase_head(token)
        if actors_for_token(self.doc, token) or actors_for_token(self.doc, head) or is_name(head):
            return False
        return bool(self.actors(token)) and not self.is_force(token)

    def owned_by_sources(self, token: Token, sources: list[Actor]) -> bool:
        """Whether a phrase that is no actor itself is owned by the sources' own country
        ("voiced *Moscow's* opposition", "*Iran's* nuclear programme")."""
        head = cl.noun_phrase_head(token)
        countries = {a.country for a in sources if a.country}
        if not countries or mention_at(self.doc, head.i) is not None:
            return False
        owners = [a for p in args.possessors(head) for a in self.actors(p)]
        return bool(owners) and all(a.country in countries for a in owners)

    def is_own_country(self, token: Token, sources: list[Actor]) -> bool:
        """An object that is the sources' own country ("Trump withdrew *the US* from the deal"):
        the country a government or leader acts for, not someone it acts on."""
        found = self.actors(token)
        if not found or not sources or any(a.agent or a.org or not a.country for a in found):
            return False
        if any(not a.country or a.code == a.country for a in sources):
            return False  # a country acting on a country ("Israel and Syria") is two sides
        own = {a.country for a in sources}
        return all(a.country in own for a in found)

    def place_target(self, verb: Token, sources: list[Actor]) -> list[Actor]:
        """A country named as the place of the action ("lifted a curfew in Montenegro")."""
        places = args.prep_objects(verb, cl.WEAK_TARGET_PREPS)
        for obj in args.direct_objects(verb):
            places += args.prep_objects(obj, cl.WEAK_TARGET_PREPS)
        found = self.first_actors([places], sources, rich=True)
        return [a for a in found if a.country and not a.agent and not a.org]

    def host_addressee(self, verb: Token, sources: list[Actor]) -> list[Actor]:
        """Whom an -ing clause on a verb of address is addressed to: the host's recipient
        ("wrote *to the US embassy* asking it to ...", "met *Y*, urging ...")."""
        host = args.participle_host(verb)
        if host is None:
            return []
        return self.first_actors([*args.prep_groups(host, ("to",)), args.direct_objects(host)], sources, rich=True)

    def place_country(self, verb: Token) -> str | None:
        """The country a clause or event noun is placed in ("were arrested *in Oslo*", "talks
        *in Abidjan*"), if it names one."""
        places = args.prep_objects(verb, cl.WEAK_TARGET_PREPS)
        found = [a for a in self.first_actors([places], [], rich=True) if a.country]
        return found[0].country if found else None

    def clause_slots(self, token: Token, mode: str = "-") -> list[list[Token]]:
        """Where the target of an event-about-an-event may be named, best first:
        the clause's subject ("demanded that *the US* cancel"), then its objects."""
        if token.pos_ not in cl.VERBAL:
            return args.prep_groups(token, NOUN_TARGET_PREPS)
        subject = args.subject_of(token)
        objects = args.direct_objects(token)
        preps = args.prep_groups(token, cl.TARGET_PREPS)
        of_objects = [g for o in objects for g in args.prep_groups(o, NOUN_TARGET_PREPS)]
        ordered = [*preps, objects] if mode == "prep" else [objects, *preps]
        # "agreed to let *the rebels* enter parliament": a causative acts on its clause's subject
        caused = args.complement_subjects(token)
        caused_objects = [o for c in caused for o in args.direct_objects(c.head)]  # "let X *enter parliament*"
        return [[subject] if subject is not None else [], *ordered, *of_objects, caused, caused_objects]

    def best_actors(self, slots: list[list[Token]], sources: list[Actor]) -> list[Actor]:
        """A country or organisation from any slot beats a bare role from an earlier one;
        a thing that names nobody may name the counterpart in its own phrase."""
        return (self.first_actors(slots, sources, rich=True) or self.first_actors(slots, sources)
                or self.first_actors(self.through_things(slots), sources, rich=True))

    def through_things(self, slots: list[list[Token]]) -> list[list[Token]]:
        """The counterparts named inside things that name nobody themselves: "restrictions on
        *flights to Cuba*" are on Cuba, "a ban on *trade with Iran*" on Iran, "facilities
        *belonging to* X" are X's."""
        things = [t for slot in slots for t in slot if cl.noun_phrase_head(t).pos_ == "NOUN" and not self.actors(t)]
        things += self.named_parts(things)
        owned = [c for t in things for c in cl.clausal_modifiers(t) if c.lemma_.lower() in OWNING_VERBS]
        return ([g for t in things for g in args.prep_groups(t, THING_PARTNER_PREPS)]
                + [g for c in owned for g in args.prep_groups(c, ("to", "by"))])

    def named_parts(self, things: list[Token]) -> list[Token]:
        """The "of" noun of a thing's name that carries its parties ("a memorandum *of
        understanding* between X and Y")."""
        return [o for t in things for o in args.prep_objects(t, ("of",))
                if o.pos_ == "NOUN" and not self.actors(o)]

    def first_actors(self, slots: list[list[Token]], sources: list[Actor], rich: bool = False) -> list[Actor]:
        """Actors of the first slot that names someone other than the sources
        (with ``rich``, only countries and organisations count)."""
        source_keys = {a.key() for a in sources}
        for slot in slots:
            found: list[Actor] = []
            for token in slot:
                found.extend(a for a in self.actors(token)
                             if a.key() not in source_keys and a not in found and (is_rich(a) or not rich))
            if found:
                return found
        return []
