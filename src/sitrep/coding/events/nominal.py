"""Events named by nouns anywhere in a sentence ("the talks between A and B",
"a Turkish drone strike", "A's visit to B", "demands for compensation").

``code_object_nouns`` codes the event noun a support or speech verb governs
("launched *an attack*", "called *for sanctions*") as that verb's action;
``code_nouns`` then codes the event nouns the clause walk left over, wherever
they stand: subjects, objects of uncoded verbs, objects of prepositions.
A noun's actors come from its own phrase:

- source: a possessor ("*NATO's* exercise", "the men *whose* slaying"), an
  actor modifier ("*Israeli* air raids", "*US* sanctions"), a "by" phrase, or
  for visits and meetings an "of" phrase ("the visit *of* the president");
- target: an "on/against/to/with/at/toward/for/from" phrase, and for violent
  or coercive acts an "of" phrase ("the killing *of* three soldiers");
- "between/among X and Y" names both sides of a symmetric event.

A noun with no source of its own is coded only when it is violent or coercive
and has a known target ("attacks on Israeli troops": someone attacked them);
otherwise nothing known is acting and the noun is a topic, not an event.  The
exception is a violent or coercive noun said to break out or go on ("clashes *broke
out*", "protests *erupted*"): it is kept with unknown sides, or with the sides a
"*pitting* A against B" clause names.
A noun naming a lasting situation ("Bosnia's war", "the Kurdish uprising",
``data/event_situations.tsv``) is coded only against or between named sides, or
when it is said to break out ("fighting erupted").  A gerund subject tagged as a
verb ("*fighting* broke out") is read as an event noun only then.
A noun the subject is *under* ("came under attack", "was under curfew") is done to
the subject by someone unnamed.  An attribution names a doer ("an attack *ascribed
to* X", "X *was behind* the bombings"); a common-noun or pronoun possessor of an act
done to someone is its patient ("the men's release").
Nouns under a hypothetical or purpose clause, negated by "no", or the subject of
a verb already coded (the verb reports that event) are left alone; "planned",
"proposed" or "upcoming" make the event an intent, and a violent one a threat.
"""

from __future__ import annotations

from sitrep.coding.events import frames as fr
from sitrep.coding.events.coder import Coder
from sitrep.coding.events.found import Action, Content, Context, home_country
from sitrep.coding.grammar import adjuncts as adj
from sitrep.coding.grammar import arguments as args
from sitrep.coding.grammar import clauses as cl
from sitrep.coding.grammar import labels as L
from sitrep.coding.events.participants import NOUN_TARGET_PREPS, resolved
from sitrep.models import Actor
from sitrep.nlp.types import Token
from sitrep.resources import Resources

SOURCE_PREPS = ("by",)
SYMMETRIC_PREPS = ("between", "among", "amongst")
TARGET_PREPS = ("on", "against", "to", "into", "with", "at", "toward", "towards", "for", "from", "upon")
# A noun in these slots of a coded verb is that verb's event, already recorded: its subject,
# its direct object, or the "by" agent of its passive.
REPORTED_SLOTS = L.NOMINAL_SUBJECTS | {L.DIRECT_OBJECT, L.PREP_OBJECT}
FUTURE_MODIFIERS = frozenset({"planned", "proposed", "upcoming", "scheduled", "expected", "future",
                              "next", "forthcoming", "impending", "imminent", "new"})
# Of these, the ones that make a violent act a threat (not "new clashes", which happened).
PLANNED_MODIFIERS = FUTURE_MODIFIERS - {"new", "next", "future"}
NEGATING_DETERMINERS = frozenset({"no"})
CROWD_AGENT = "CVL"  # the agent code of civilians, crowds and protesters
# Modifiers that put a lasting situation inside one country ("a *civil* war").
DOMESTIC_MODIFIERS = frozenset({"civil"})
# Verbs and adjectives whose subject is an event still to come ("talks *are scheduled* for
# Friday", "the visit *is due* next week", "a meeting *planned* for May").
SCHEDULING = frozenset({"schedule", "slate", "plan", "set", "expect", "due", "postpone", "reschedule"})
# Prepositions that make a meeting the occasion of a clause ("*during* talks in Abidjan").
OCCASION_PREPS = frozenset({"during", "at", "after", "on", "before", "following", "ahead"})
# Verbs that say an event began or went on: their subject is an event plainly reported, kept
# even with nobody named ("clashes *broke out*", "protests *erupted*"); a verb with a
# particle is named with it.
ONSET_VERBS = frozenset({"erupt", "break out", "flare", "flare up", "occur", "rage", "resume", "ensue",
                         "escalate", "intensify", "spread", "take place", "continue"})
# Verbs whose subject undergoes the act its "under" phrase names ("came *under attack*").
UNDERGOING_VERBS = frozenset({"be", "come", "remain", "stay", "fall", "go", "live", "keep", "place", "put"})
# Nouns that make the subject of "be" the one an act is done to ("X was *the target of* Y").
VICTIM_NOUNS = frozenset({"target", "subject", "victim", "object"})
# Prepositions by which a dealing names its counterpart ("flights *to* Cuba", "trade *with* Iran").
DEALING_PREPS = ("to", "with", "from", "into")
# Verbs of a clause hung on an event that name its two sides ("*pitting* A against B").
PITTING_VERBS = frozenset({"pit"})
# Participles on an event noun that name its doer ("an attack *ascribed to* X").
ATTRIBUTING = frozenset({"ascribe", "attribute", "blame", "claim", "pin"})
# Verbs whose "from" phrase names where the subject noun came from ("criticism came from X").
ORIGIN_VERBS = frozenset({"come", "pour", "emerge", "arrive"})


def code_nouns(coder: Coder, nouns: list[Token], ctx: Context) -> None:
    """Code every event noun among a sentence's ``nouns`` that the clause walk left over."""
    found = coder.record.found
    used = {w.i for f in found for w in f.words}
    coded_heads = {w.i for f in found if not f.statement for w in f.words}
    lexicon = coder.lexicon
    for noun in nouns:
        if (noun.i in used or args.is_noun_modifier(noun) or not lexicon.entries_for(noun, "N")
                or coder.record.under_blocked(noun)):
            continue  # "the *war* crimes court", "*aid* convoys": a modifier names a kind, not an event
        if noun.pos_ != "NOUN" and not began(noun):
            continue  # a gerund subject names an event only when it is said to break out
        if intended_content(coder, noun):
            continue  # "readiness *for dialogue*": the intent noun codes it, as something still to come
        if covered(coder, noun, coded_heads) and not attributed_doers(coder, noun) and not held_by_parties(
                coder, noun):
            continue  # not "another *attack* ascribed to X", "*talks* between A and B agreed to"
        code_noun(coder, noun, ctx)


def intended_content(coder: Coder, noun: Token) -> bool:
    """Whether the noun is what an intent noun is about ("openness *to dialogue*", "readiness *for
    talks*", also when the parser hung the "to" on the verb: "showed openness | to dialogue"):
    not an event that happened."""
    if not args.is_prep_object(noun) or noun.head.lower_ not in ("to", "for"):
        return False
    holder = noun.head.head
    candidates = [holder, *args.direct_objects(holder)] if holder.pos_ in cl.VERBAL else [holder]
    for word in candidates:
        entry = coder.lexicon.match(word, "N") if word.pos_ == "NOUN" else None
        if entry is not None and entry.frame == fr.INTENT:
            return True
    return False


def held_by_parties(coder: Coder, noun: Token) -> bool:
    """A meeting between named parties that acts ("talks between A and B *agreed* to X"):
    what it did is another event, so the meeting is one of its own."""
    entry = coder.lexicon.match(noun, "N")
    return (entry is not None and bool(entry.code) and coder.codes.consult.has(entry.code or "")
            and args.is_nominal_subject(noun) and bool(args.prep_objects(noun, SYMMETRIC_PREPS)))


def covered(coder: Coder, noun: Token, coded_heads: set[int]) -> bool:
    """Whether a verb already says what of the noun: "a drone strike *killed* five",
    "*slapped* sanctions on", "ease *restrictions*", "condemned the *bombing*"."""
    if args.attached_as(noun, REPORTED_SLOTS) and _reports_on(noun, coded_heads):
        return True
    return args.is_direct_object(noun) and coder.lexicon.match(noun.head, "V") is not None


def code_object_nouns(coder: Coder, verb: Token, nouns: list[Token], sources: list[Actor], ctx: Context,
                      mood: cl.Mood, subject: Token | None = None) -> bool:
    """Code the first event noun among a verb's ``nouns`` as the verb's action ("launched
    *an attack*", "called *for talks*"); the noun's measure word is looked through."""
    for noun in nouns + [o for n in nouns if (o := args.of_object(n, ("of", "in"))) is not None]:
        content = coder.contents.noun_content(noun, subject, verb)
        if content is None or content.code is None:
            continue
        slots = coder.contents.content_slots(content.inner) if content.inner else []
        slots += [*args.prep_groups(noun, NOUN_TARGET_PREPS), *args.prep_groups(verb, cl.TARGET_PREPS),
                  *dealings_with(noun)]
        targets = coder.who.best_actors(slots, sources) or coder.who.place_target(verb, sources)
        intent = bool(content.entry and content.entry.frame == fr.INTENT)
        code = coder.codes.verbal_attack.only if in_words(coder, verb, noun, content.code) else content.code
        coder.add(Action(code=code, words=[verb, noun], sources=sources, targets=targets, ctx=ctx,
                         mood=mood, verb=verb, symmetric=content.target_mode == "sym", intent=intent))
        return True
    return False


def in_words(coder: Coder, verb: Token, noun: Token, code: str) -> bool:
    """An attack made by speaking: "launched a fresh attack, *dismissing* X as a myth and
    *saying* ...", with nobody it is launched on."""
    if not coder.codes.generic_force.has(code) or args.prep_groups(noun, TARGET_PREPS):
        return False
    if coder.who.first_actors(args.prep_groups(verb, ("on", "against")), []):
        return False  # "launched an assault *on the ISIS bastion*": a real one (not "on Wednesday")
    for clause in [c for c in cl.attached_clauses(verb) if c.tag_ == "VBG"]:  # "..., *dismissing* X"
        entry = coder.lexicon.match(clause, "V")
        if entry is not None and (coder.frames.is_speech(entry.frame) or coder.codes.verbal_attack.has(entry.code or "")):
            return True
    return False


def _reports_on(noun: Token, coded_heads: set[int]) -> bool:
    """Whether the noun is the subject or "by" agent of a verb already coded."""
    head = args.governing_predicate(noun)
    return head is not None and head.i in coded_heads


def code_noun(coder: Coder, noun: Token, ctx: Context) -> bool:
    """Code one event noun with the actors of its own phrase."""
    content = coder.contents.noun_content(noun, None)
    if content is None or content.code is None or content.code == coder.frames.code(fr.SPEECH):
        return False
    code, codes = content.code, coder.codes
    between = args.prep_objects(noun, SYMMETRIC_PREPS)
    sources = noun_sources(coder, noun, code, between)
    targets = [] if between else noun_targets(coder, noun, content, sources)
    onset = codes.force.has(code) and began(noun)
    if onset and not sources and not targets:
        sources, targets = pitted_sides(coder, noun)
    undergone = not sources and codes.force.has(code) and is_undergone(noun)
    if undergone:
        onset, targets = True, targets or undergoers(coder, noun)  # "the zone was *under curfew*"
    led = args.leading_modifier(noun) is not None and bool(sources)  # "Taliban-led violence" is their doing
    if not between and not targets and not onset and not led and is_situation(noun, coder.resources.get(situations)):
        return False  # "during Bosnia's war", "the Palestinian uprising": a backdrop, not an act
    if not targets and (home := domestic_sides(coder, noun, sources)):
        sources, targets = home  # "a decade of civil war": the country against itself
    if not sources and not targets and codes.crowd.has(code):
        sources = crowd_of(coder, noun)  # "weeks of protests": by the people of the country
    unnamed = False
    if not sources:
        unnamed = onset and not targets  # "clashes broke out": an event, though nobody is named
        known = any(resolved(a) for a in targets)
        if not unnamed and not (undergone and known) and (not codes.noun_agentless.has(code) or not known):
            return False
        sources = [coder.who.nobody()]
    if any(c.lower_ in NEGATING_DETERMINERS for c in args.determiners(noun)):
        if not (content.entry and content.entry.frame == fr.INTENT and content.inner and content.inner.code):
            return False  # "no talks were held": nothing to record
        code = coder.tables.cameo.derive(fr.REJECT, content.inner.code)  # "had *no plans* to meet X": ruling it out
    modifiers = {c.lower_ for c in args.adjectives(noun)}
    intent = (bool(modifiers & FUTURE_MODIFIERS) or scheduled(noun) or in_future_clause(noun)) and not onset
    if intent and codes.intended.has(content.code):
        code = coder.tables.cameo.derive(fr.INTENT, code)
    elif codes.violent.has(code) and not onset and (modifiers & PLANNED_MODIFIERS or scheduled(noun)):
        intent, code = True, coder.tables.cameo.derive(fr.INTENT, code)  # "an imminent incursion": a threat
    symmetric = bool(between) or content.symmetric
    coder.add(Action(code=code, words=[noun], sources=sources, targets=targets, ctx=ctx, mood=cl.Mood.FACT,
                     verb=noun, symmetric=symmetric, intent=intent, unnamed=unnamed))
    return True


def domestic_sides(coder: Coder, noun: Token, sources: list[Actor]) -> tuple[list[Actor], list[Actor]] | None:
    """"The Somali *civil war*", "a decade of civil war", "Libya, where a civil war is underway":
    a war inside one country is that country's against itself.  The country is its source's
    ("Somali"), else the one it is placed in, else the place a "where" clause hangs on, else the
    article's own; with no source named, the source is an unnamed side of that country.  None
    when the noun is no domestic war or no country is known."""
    if not {c.lower_ for c in args.adjectives(noun)} & DOMESTIC_MODIFIERS:
        return None
    where = cl.where_antecedent(noun)
    placed = [a.country for a in coder.who.actors(where)] if where is not None else []
    country = (next((a.country for a in sources if a.country), None) or coder.who.place_country(noun)
               or next((c for c in placed if c), None) or coder.who.home)
    if country is None:
        return None
    unnamed_side = Actor(text="", name="", code=country, country=country)  # someone of that country
    return sources or [unnamed_side], [home_country(country)]


def crowd_of(coder: Coder, noun: Token) -> list[Actor]:
    """The people a protest nobody is named for is by, as a bare role takes its country: those of
    the country it is placed in ("protests in Belgrade"), else of the article's; none when no
    country is known."""
    country = coder.who.place_country(noun) or coder.who.home
    if country is None:
        return []
    return [Actor(text="", name="", code=f"{country}{CROWD_AGENT}", country=country, agent=CROWD_AGENT)]


def began(noun: Token) -> bool:
    """Whether the noun is the subject of a verb saying the event began or went on
    ("clashes *broke out*", "fighting *erupted*")."""
    verb = cl.onset_predicate(noun)
    if verb is None or verb.lemma_.lower() == "be":
        return False
    words = [verb.lemma_.lower(), *(p.lower_ for p in cl.trigger_parts(verb) if p.pos_ != "PART")]
    return " ".join(words) in ONSET_VERBS or words[0] in ONSET_VERBS


def is_undergone(noun: Token) -> bool:
    """Whether the noun is what the subject of its clause is under ("the town was/came
    *under attack*", "the zone remained *under curfew*"): an act done to the subject."""
    head = noun.head
    return (args.is_prep_object(noun) and head.lower_ == "under" and head.head.pos_ in cl.VERBAL
            and head.head.lemma_.lower() in UNDERGOING_VERBS and not cl.is_negated(head.head))


def undergoers(coder: Coder, noun: Token) -> list[Actor]:
    """The known actors of the subject that is under the act ("*Gaza* came under attack")."""
    subject = args.subject_of(noun.head.head) or args.inherited_subject(noun.head.head)
    return [a for a in coder.who.actors(subject) if resolved(a)] if subject is not None else []


def pitted_sides(coder: Coder, noun: Token) -> tuple[list[Actor], list[Actor]]:
    """The sides a clause hung on the event or its verb names: "fighting broke out,
    *pitting* the army against the rebels" (army -> rebels)."""
    verb = cl.onset_predicate(noun)
    hosts = [noun] if verb is None else [noun, verb, verb.head]  # "divided since fighting broke out, pitting"
    for clause in [c for host in hosts for c in cl.attached_clauses(host)]:
        if clause.lemma_.lower() not in PITTING_VERBS:
            continue
        for first in args.direct_objects(clause):
            against = args.prep_objects(clause, ("against",)) or args.prep_objects(first, ("against",))
            sources = coder.who.actors(first)
            targets = [a for t in against for a in coder.who.actors(t)]
            if sources or targets:
                return sources or [coder.who.nobody()], targets
    return [], []


def noun_targets(coder: Coder, noun: Token, content: Content, sources: list[Actor]) -> list[Actor]:
    """The target an event noun's phrase names: "on/against/to..." objects, "of" for acts
    done to someone, and what a frame noun's content names first."""
    slots = args.prep_groups(noun, TARGET_PREPS)
    if coder.codes.patient_of.has(content.code or ""):
        slots = [*slots, *args.prep_groups(noun, ("of",))]
    if (owner := undergoer_possessor(coder, noun, content.code or "")) is not None:
        slots = [[owner], *slots]
    if content.inner is not None:
        slots = [*coder.contents.content_slots(content.inner), *slots]
    extra = [*dealings_with(noun), *struck(coder, noun, content.code or ""), *victim_of(noun)]
    return coder.who.best_actors([*slots, *extra], sources)


def victim_of(noun: Token) -> list[list[Token]]:
    """Who is said to be the target of the act: "X has been *the subject of* US
    sanctions", "Y was *the target of* an attack"."""
    head = noun.head
    if not args.is_prep_object(noun) or head.lower_ != "of" or head.head.lemma_.lower() not in VICTIM_NOUNS:
        return []
    verb = head.head.head
    if verb.pos_ not in cl.VERBAL or verb.lemma_.lower() != "be":
        return []
    subject = args.subject_of(verb)
    return [[subject]] if subject is not None else []


def struck(coder: Coder, noun: Token, code: str) -> list[list[Token]]:
    """Who a violent act named by a noun struck, as a clause on it tells: "the airstrike
    *that killed* general X", "a bombing *in which five Israelis were killed*"."""
    if not coder.codes.violent.has(code):
        return []
    slots: list[list[Token]] = []
    for clause in cl.relative_clauses(noun):
        entry = coder.lexicon.match(clause, "V")
        if entry is not None and entry.code and coder.codes.violent.has(entry.code):
            patient = args.passive_subject(clause)
            slots.append(args.direct_objects(clause) or ([patient] if patient is not None else []))
    return slots


def dealings_with(noun: Token) -> list[list[Token]]:
    """Who a measure on some dealing is aimed at: "restrictions on *flights to Cuba*",
    "sanctions on *trade with Iran*", "a ban on *imports from Russia*"."""
    return [g for dealing in args.prep_objects(noun, ("on", "against")) for g in args.prep_groups(dealing, DEALING_PREPS)]


def situations(resources: Resources) -> frozenset[str]:
    """Nouns naming a lasting situation (``data/event_situations.tsv``)."""
    return frozenset(row[0] for row in resources.rows("event_situations.tsv", 1))


def is_situation(noun: Token, situation_nouns: frozenset[str]) -> bool:
    """Whether the noun names a state of affairs ("war", "unrest") rather than one act."""
    if any(c.lower_ == "civil" for c in noun.children):
        return False  # "the Libyan civil war": the country against itself, an event of its own
    return noun.lemma_.lower() in situation_nouns


def in_future_clause(noun: Token) -> bool:
    """Whether the noun is inside a clause that says what will happen, other than as its subject
    ("Kabila *will give* fresh impetus to *talks* with Y": the talks are still to come)."""
    return not args.is_nominal_subject(noun) and cl.mood(adj.clause_head(noun)) is cl.Mood.FUTURE


def scheduled(noun: Token) -> bool:
    """Whether the event noun is said to be scheduled: the subject of "be scheduled/
    due/planned" or modified by such a participle ("talks *planned* for May")."""
    if any(c.lemma_.lower() in SCHEDULING for c in cl.clausal_modifiers(noun)):
        return True
    if not args.is_nominal_subject(noun):
        return False
    head = noun.head
    return head.lemma_.lower() in SCHEDULING or any(
        c.lemma_.lower() in SCHEDULING for c in args.adjective_complements(head))


def noun_sources(coder: Coder, noun: Token, code: str, between: list[Token]) -> list[Actor]:
    """The doers an event noun names: possessor or actor modifier, then "by", "between", "of"."""
    who = coder.who
    if undergoer_possessor(coder, noun, code) is not None:
        return []  # "the men's release", "his arrest": they underwent it
    owner = next(iter(args.possessors(noun)), None)
    if owner is not None and cl.antecedent(owner).i != owner.i:
        found = who.actors(cl.antecedent(owner))  # "the settlers *whose* slaying"
        if found:
            return found
    leader = args.leading_modifier(noun)  # "a *US*-led invasion", "*Taliban*-led violence"
    found = who.event_doers(noun) or ([a for a in who.actors(leader) if resolved(a)] if leader is not None else [])
    if found:
        return found  # not its "in" phrase: "talks in Abidjan"
    groups = [*args.prep_groups(noun, SOURCE_PREPS)]
    if between:
        groups.append(between)
    if coder.codes.doer_of.has(code):
        groups += args.prep_groups(noun, ("of",))
    found = who.first_actors(groups, [])
    occasion = (occasion_doers(coder, noun) or partner_doers(coder, noun)) if coder.codes.consult.has(code) else []
    return found or governing_doers(coder, noun) or occasion or attributed_doers(coder, noun)


def attributed_doers(coder: Coder, noun: Token) -> list[Actor]:
    """Doers an attribution names: "an attack *ascribed to* X", "bombings *blamed on* X",
    "X *was behind* the bombings" (the clause says who did it, not that they said so)."""
    for clause in cl.clausal_modifiers(noun):
        if clause.lemma_.lower() in ATTRIBUTING:
            found = coder.who.first_actors(args.prep_groups(clause, ("to", "on", "by")), [])
            if found:
                return found
    if args.is_prep_object(noun) and noun.head.lower_ == "behind" and noun.head.head.lemma_.lower() == "be":
        subject = args.subject_of(noun.head.head) or args.inherited_subject(noun.head.head)
        return [a for a in coder.who.sources(subject) if resolved(a)] if subject is not None else []
    return []


def undergoer_possessor(coder: Coder, noun: Token, code: str) -> Token | None:
    """The possessor of an act done to someone, when it is a common noun or a pronoun and
    no "of" phrase names the patient: "*the men's* release", "*his* arrest" (but
    "Israel's release *of prisoners*" is Israel's doing)."""
    if not coder.codes.patient_of.has(code) or args.prep_objects(noun, ("of",)):
        return None
    owner = next(iter(args.possessors(noun)), None)
    if owner is None or cl.antecedent(owner).i != owner.i or owner.pos_ not in ("NOUN", "PRON"):
        return None
    return owner


def occasion_doers(coder: Coder, noun: Token) -> list[Actor]:
    """A meeting or visit named as the occasion of a clause is its subject's ("X said
    *during a visit to* Y", "X sought a deal *at talks in* Abidjan")."""
    if not args.is_prep_object(noun) or noun.head.lower_ not in OCCASION_PREPS:
        return []
    verb = noun.head.head
    if verb.pos_ not in cl.VERBAL:
        return []
    subject = args.subject_of(verb) or args.inherited_subject(verb)
    return [a for a in coder.who.sources(subject) if resolved(a)] if subject is not None else []


def partner_doers(coder: Coder, noun: Token) -> list[Actor]:
    """Talks *with* a named partner anywhere in a clause are held by the clause's subject ("X
    will give fresh impetus to *talks with Y*", "X raised the matter in talks with Y"): a meeting
    has two sides, and the sentence names the other one beside the partner."""
    partners = coder.who.first_actors(args.prep_groups(noun, ("with",)), [], rich=True)
    verb = adj.clause_head(noun)
    if not partners or verb.pos_ not in cl.VERBAL:
        return []
    subject = args.subject_of(verb) or args.inherited_subject(verb)
    found = [a for a in coder.who.sources(subject) if resolved(a)] if subject is not None else []
    keys = {p.key() for p in partners}
    return [a for a in found if a.key() not in keys]


def governing_doers(coder: Coder, noun: Token) -> list[Actor]:
    """Doers named by the clause around the noun: the subject of the verb it is the
    object of ("he *had* no plans to meet", "X *made* an appeal"), or the "from" phrase
    of "come" ("statements of *condemnation* have come from X")."""
    phrase = noun
    if args.is_prep_object(phrase) and phrase.head.lower_ == "of":  # "statements of condemnation"
        phrase = phrase.head.head
    verb = phrase.head
    if verb.pos_ not in cl.VERBAL:
        return []
    if args.is_nominal_subject(phrase) and verb.lemma_.lower() in ORIGIN_VERBS:
        return coder.who.first_actors(args.prep_groups(verb, ("from",)), [])
    if phrase is not noun:
        return []  # "fleeing a spate *of* violence": the refugees do not do the violence
    subject = args.subject_of(verb)
    lexicon = coder.lexicon
    if (args.is_direct_object(phrase) and lexicon.match(verb, "V") is None and subject is not None
            and lexicon.match(subject, "N") is None):
        return coder.who.sources(subject)  # not "*demands* include an investigation": a demand does nothing
    return []
