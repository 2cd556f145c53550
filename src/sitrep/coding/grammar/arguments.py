"""The arguments of a predicate: subjects, objects, passive agents and prepositional objects.

The event coder asks these questions of a trigger: who did it (``subject_of``,
the "by" agent of a passive, a subject shared with a conjoined or controlling
verb), to whom (``direct_objects``, ``prep_groups``), and what a lexicon cue
can be matched against (``cue_objects``).  Only this layer reads dependency
labels; the sets it uses are built from ``labels`` and say why they differ.
"""

from __future__ import annotations

from collections.abc import Collection

from sitrep.coding.grammar import labels as L
from sitrep.nlp.types import Token

# What a verb's object slot may hold when looking for the one acted upon (ditransitive
# recipients, predicate nouns "X is *a threat*" and "called X *a traitor*" count).
OBJECTS = L.Labels(L.DIRECT_OBJECTS | {L.DATIVE, L.ATTRIBUTE, L.OBJECT_PREDICATE})
# What a lexicon object cue is matched against: the objects above plus a passive's subject
# (the patient: "*sanctions* were imposed").
CUE_OBJECTS = L.Labels(OBJECTS | {L.NOMINAL_PASSIVE_SUBJECT})
# Dependents whose objects are prepositional cues ("returned * *to* X", "called *off*").
CUE_PREPOSITIONS = L.Labels({L.PREPOSITION, L.AGENT, L.PARTICLE})
# What a preposition of a cue governs: a noun, a gerund clause, or an object the parser
# hung on the preposition.
CUE_PREP_OBJECTS = L.Labels({L.PREP_OBJECT, L.PREP_COMPLEMENT, L.DIRECT_OBJECT})
# "Has an object" for the wildcard cue: a direct object or a passive patient, not a predicate noun.
PATIENTS = L.Labels(L.DIRECT_OBJECTS | {L.NOMINAL_PASSIVE_SUBJECT})
# Prepositions that may introduce a target: a plain one, the "by" of a passive, "to" of a dative.
TARGET_PREPOSITIONS = L.Labels({L.PREPOSITION, L.AGENT, L.DATIVE})
# Dependents that are never a trigger's particle: its subjects (the passive clausal subject
# was never asked about, and is kept out of this set to keep the lexicon's reading as it is).
NOT_PARTICLES = L.Labels(L.NOMINAL_SUBJECTS | {L.CLAUSAL_SUBJECT, L.EXPLETIVE})
VERB_TAGS_PARTICIPLE = frozenset({"VBN", "VBG"})
NOMINALS = frozenset({"NOUN", "PROPN", "PRON"})


def dependents(token: Token, labels: Collection[str]) -> list[Token]:
    """The token's children attached with one of ``labels``, in sentence order.

    The hottest question of the coder: with ``labels`` a ``Labels`` set the children's
    integer labels are compared, which spares building each child's label string."""
    if isinstance(labels, L.Labels):
        ids = labels.ids
        return [c for c in token.children if c.dep in ids]
    return [c for c in token.children if c.dep_ in labels]


def dependents_except(token: Token, labels: Collection[str]) -> list[Token]:
    """The token's children attached with none of ``labels``, in sentence order."""
    if isinstance(labels, L.Labels):
        ids = labels.ids
        return [c for c in token.children if c.dep not in ids]
    return [c for c in token.children if c.dep_ not in labels]


def attached_as(token: Token, labels: Collection[str]) -> bool:
    """Whether ``token`` hangs on its head with one of ``labels``."""
    return token.dep_ in labels


def is_direct_object(token: Token) -> bool:
    return token.dep_ == L.DIRECT_OBJECT


def is_nominal_subject(token: Token) -> bool:
    """An active or passive noun subject ("*talks* resumed", "*talks* are scheduled")."""
    return token.dep_ in L.NOMINAL_SUBJECTS


def is_prep_object(token: Token) -> bool:
    return token.dep_ == L.PREP_OBJECT


def is_preposition(token: Token, words: Collection[str]) -> bool:
    """A preposition dependent that is one of ``words`` ("*in* protest")."""
    return token.dep_ == L.PREPOSITION and token.lower_ in words


# What makes a clause passive: a passive subject or a passive auxiliary.
PASSIVE_MARKS = L.Labels(L.PASSIVE_SUBJECTS | {L.PASSIVE_AUXILIARY})


def is_passive(verb: Token) -> bool:
    if is_stative_passive(verb):
        return False
    return any(c.dep in PASSIVE_MARKS.ids for c in verb.children)


# Participles that with "to" and no "by" agent say what their subject holds, not what was
# done to it: "X is *opposed to* Y" is X's stance (X opposes Y), "X is *committed to* Y".
STATIVE_PARTICIPLES = frozenset({"oppose", "commit", "dedicate", "devote"})


def is_stative_passive(verb: Token) -> bool:
    """"The US was opposed to the plan": a passive form with a "to" phrase, no "by" agent,
    whose subject is the one who holds the stance."""
    if verb.lemma_.lower() not in STATIVE_PARTICIPLES or dependents(verb, L.AGENTS):
        return False
    to = any(c.dep_ == L.PREPOSITION and c.lower_ == "to" for c in verb.children)
    return to and any(c.dep_ in L.PASSIVE_SUBJECTS for c in verb.children)


def is_participle_modifier(verb: Token) -> bool:
    """A participle hung on a noun ("men *killed*", "troops *guarding* the border")."""
    return (verb.dep_ == L.CLAUSAL_MODIFIER and verb.tag_ in VERB_TAGS_PARTICIPLE
            and verb.head.pos_ in NOMINALS)


def active_subject(verb: Token) -> Token | None:
    """The verb's own active subject, if it has one."""
    subject = next((c for c in verb.children if c.dep in L.ACTIVE_SUBJECTS.ids), None)
    return None if subject is not None and is_gapped_passive(verb, subject) else subject


# Participles that a gapped passive leaves without its auxiliary ("two were killed and three
# soldiers *wounded*").
CASUALTY_PARTICIPLES = frozenset({"wound", "injure", "hurt", "kill", "arrest", "detain", "capture", "abduct",
                                  "kidnap"})


def is_gapped_passive(verb: Token, subject: Token) -> bool:
    """"Four insurgents were killed and three soldiers *wounded*": a casualty participle
    conjoined to a passive, with no auxiliary or object of its own, shares the passive;
    its subject is the one it was done to."""
    head = verb.head
    if verb.dep_ != L.CONJUNCT or head.i == verb.i or verb.lemma_.lower() not in CASUALTY_PARTICIPLES:
        return False
    if dependents(verb, L.AUXILIARIES) or dependents(verb, OBJECTS) or dependents(verb, L.AGENTS):
        return False
    return subject.dep_ == "nsubj" and any(c.dep_ == L.PASSIVE_AUXILIARY for c in head.children)


def subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb``, or the "by" agent of a passive.

    The parser sometimes hangs the subject on the auxiliary ("X however *have*
    opposed"), so auxiliaries are searched too.
    """
    subject = active_subject(verb)
    if subject is not None:
        return subject
    if is_stative_passive(verb):
        return next(iter(dependents(verb, L.PASSIVE_SUBJECTS)))
    for aux in dependents(verb, L.AUXILIARIES):
        subject = active_subject(aux)
        if subject is not None:
            return subject
    for agent in dependents(verb, L.AGENTS):
        for pobj in dependents(agent, L.PREP_OBJECTS):
            return pobj
    return None


CONTROLLED_CLAUSES = L.Labels({L.CLAUSAL_COMPLEMENT, L.OPEN_COMPLEMENT})


def complement_subjects(verb: Token) -> list[Token]:
    """The subjects of the clauses a verb governs: who a causative acts upon ("let *the
    rebels* enter parliament", "allowed *the refugees* to return")."""
    clauses = dependents(verb, CONTROLLED_CLAUSES)
    return [s for c in clauses if (s := active_subject(c)) is not None]


def passive_subject(verb: Token) -> Token | None:
    """The patient of a passive: its subject, or the noun a past participle
    modifies ("three men *killed* in rioting", "the blockade *imposed* last week")."""
    for child in verb.children:
        if child.dep in L.PASSIVE_SUBJECTS.ids:
            return None if is_stative_passive(verb) else child
        if child.dep in L.ACTIVE_SUBJECTS.ids and is_gapped_passive(verb, child):
            return child
    if is_participle_modifier(verb) and verb.tag_ == "VBN":
        return verb.head
    return controlled_patient(verb)


def controlled_patient(verb: Token) -> Token | None:
    """The patient of a subjectless passive adjunct is the subject of the clause it hangs
    on: "journalists were injured *after being attacked* by protesters" (the journalists
    were attacked)."""
    if not dependents(verb, L.PASSIVE_AUXILIARIES) or active_subject(verb) is not None:
        return None
    if verb.dep_ == L.PREP_COMPLEMENT:
        host = verb.head.head
    elif verb.dep_ == L.ADVERBIAL_CLAUSE:
        host = verb.head
    else:
        return None
    if host.i == verb.i or host.pos_ not in ("VERB", "AUX"):
        return None
    return active_subject(host) or next(iter(dependents(host, L.PASSIVE_SUBJECTS)), None)


def nominal_passive_subject(verb: Token) -> Token | None:
    """The noun subject of a passive ("*Norway* is set to meet"), not a clausal one."""
    return next(iter(dependents(verb, L.NOMINAL_PASSIVE_SUBJECTS)), None)


def has_auxiliary(verb: Token) -> bool:
    return bool(dependents(verb, L.AUXILIARIES))


def inherited_subject(verb: Token) -> Token | None:
    """The subject a verb shares with the verb it is conjoined to or controlled by.

    "X met Y and signed a deal" (conj), "X killed two, wounding five" (advcl
    participle), "X agreed to go" (xcomp): the second verb has no subject of its
    own and takes the first one's.  After a passive ("X was indicted and will
    resign") that is the passive subject, unless the verb continues the passive
    ("X was arrested and charged by Y"), when it is the agent.
    """
    if verb.dep_ == L.ADVERBIAL_CLAUSE and verb.tag_ == "VBN" and not has_auxiliary(verb):
        return None  # "*When asked*, X said": X is the one asked, not the asker
    if is_participle_modifier(verb):
        return verb.head if verb.tag_ == "VBG" else None  # "troops *guarding* the border"
    token = verb
    while token.dep_ in INHERITING and token.head.i != token.i:
        head = token.head
        active = active_subject(head)
        if active is not None:
            return active
        if is_passive(head):
            continues = (verb.tag_ == "VBN" or passive_subject(verb) is not None) and not has_auxiliary(verb)
            return subject_of(head) if continues else passive_subject(head)
        token = head
    return None


def is_plural(noun: Token) -> bool:
    """Whether a noun phrase names several: a plural noun, or nouns joined ("Japan and Australia")."""
    return noun.tag_ in PLURAL_TAGS or bool(noun.conjuncts)


PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def host_clause(verb: Token) -> Token | None:
    """The clause an adverbial or conjoined clause hangs on ("X issued a statement, *although*
    they ..."): where a pronoun subject's antecedent is most often named."""
    if verb.dep_ in (L.ADVERBIAL_CLAUSE, L.CONJUNCT) and verb.head.i != verb.i:
        return verb.head
    return None


# Links along which a verb without a subject takes its head's.
INHERITING = L.Labels({L.CONJUNCT, L.OPEN_COMPLEMENT, L.ADVERBIAL_CLAUSE})


def direct_objects(verb: Token) -> list[Token]:
    """The verb's objects (with their conjuncts): direct, dative, predicate nouns."""
    found = dependents(verb, OBJECTS)
    return found + [c for tok in found for c in tok.conjuncts]


def first_object(verb: Token) -> Token | None:
    """The first plain direct object ("expects *the Council* to ...")."""
    return next(iter(dependents(verb, L.PLAIN_DIRECT_OBJECTS)), None)


def datives(verb: Token) -> list[Token]:
    """Indirect objects ("told *reporters*")."""
    return dependents(verb, L.DATIVES)


PREDICATIVES = L.Labels({L.ADJECTIVAL_COMPLEMENT, L.OBJECT_PREDICATE})


def predicatives(verb: Token) -> list[Token]:
    """Predicate adjectives or nouns ("is *ready* to", "made X *ready*")."""
    return dependents(verb, PREDICATIVES)


def adjective_complements(verb: Token) -> list[Token]:
    """Predicate adjectives only ("talks are *due*")."""
    return dependents(verb, L.ADJECTIVAL_COMPLEMENTS)


def has_object_predicate(verb: Token) -> bool:
    """Whether the verb names its object as something ("called them *terrorists*")."""
    return bool(dependents(verb, L.OBJECT_PREDICATES))


def has_patient(verb: Token) -> bool:
    """A direct object or a passive subject: something the verb is done to."""
    return bool(dependents(verb, PATIENTS))


def prep_objects(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """Objects of the listed prepositions hanging off ``token``, in the order of ``preps``."""
    return [pobj for group in prep_groups(token, preps) for pobj in group]


def prep_groups(token: Token, preps: tuple[str, ...]) -> list[list[Token]]:
    """Like ``prep_objects`` but one list per preposition (with conjuncts), so the best one can win."""
    by_prep: dict[str, list[Token]] = {}
    for child in dependents(token, TARGET_PREPOSITIONS):
        if child.lower_ in preps:
            for pobj in dependents(child, L.PREP_OBJECTS):
                by_prep.setdefault(child.lower_, []).extend([pobj, *pobj.conjuncts, *listed_after_apposition(pobj)])
    return [by_prep[prep] for prep in preps if prep in by_prep]


def listed_after_apposition(noun: Token) -> list[Token]:
    """The items of a list the parser hangs on an apposition ("from the OIC's head *Yousef
    Al-Othaimeen*, Pope Francis and a spokesperson": the pope and the spokesperson are
    the noun's conjuncts, not the name's)."""
    return [c for appos in dependents(noun, L.APPOSITIONS) for c in appos.conjuncts]


def time_phrase_infinitive(verb: Token) -> Token | None:
    """The to-infinitive the parser hangs on "time" in "offered *for the first time* to meet
    X": it is the verb's own complement, the time phrase only comes between."""
    for pobj in prep_objects(verb, ("for",)):
        if pobj.lemma_.lower() != "time":
            continue
        for clause in dependents(pobj, L.NOUN_CLAUSES):
            if any(a.lower_ == "to" for a in dependents(clause, L.PLAIN_AUXILIARIES)):
                return clause
    return None


def objects_of(prep: Token) -> list[Token]:
    """The objects of one preposition."""
    return dependents(prep, L.PREP_OBJECTS)


def preposition_objects(token: Token, preps: Collection[str]) -> list[Token]:
    """Objects of plain prepositions in ``preps``, in sentence order, without conjuncts."""
    preps_found = [p for p in dependents(token, L.PREPOSITIONS) if p.lower_ in preps]
    return [pobj for prep in preps_found for pobj in objects_of(prep)]


def of_object(token: Token, preps: tuple[str, ...] = ("of",)) -> Token | None:
    """The object of "of" after a noun ("part *of a stronghold*", "a series *of attacks*")."""
    return next(iter(preposition_objects(token, preps)), None)


def cue_objects(verb: Token, scene_preps: Collection[str]) -> tuple[list[Token], list[Token]]:
    """Objects a verb's lexicon cue may name: (direct or passive objects, prepositional objects),
    each with its conjuncts; prepositions in ``scene_preps`` are left out."""
    direct, oblique = [], []
    for child in verb.children:
        if child.dep in CUE_OBJECTS.ids:
            direct.append(child)
        elif child.dep in CUE_PREPOSITIONS.ids and child.lower_ not in scene_preps:
            oblique.extend(dependents(child, CUE_PREP_OBJECTS))
    return _with_conjuncts(direct), _with_conjuncts(oblique)


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    return tokens + [c for token in tokens for c in token.conjuncts]


def governing_predicate(noun: Token) -> Token | None:
    """The word a noun is an argument of: its head, or the verb whose passive "by" it
    follows ("killed *by* a bomb"); None for the object of any other preposition."""
    head = noun.head
    if noun.dep_ == L.PREP_OBJECT:
        if head.dep_ != L.AGENT:
            return None
        head = head.head
    return head


# Where the parser hangs the repeated pair of a gapped clause on the object.
GAPPED_PAIRS = L.Labels({L.APPOSITION, L.CONJUNCT})


def gapped_pairs(verb: Token) -> list[tuple[Token, Token]]:
    """Gapping: "Chile pledged 300 engineers, *Peru 150*" repeats the verb for Peru.

    The parser hangs the second pair on the object as an apposition (or a
    conjunct) that is a name carrying its own number: (name, number) pairs.
    """
    pairs = []
    for obj in dependents(verb, L.PLAIN_DIRECT_OBJECTS):
        for child in dependents(obj, GAPPED_PAIRS):
            if child.pos_ != "PROPN":
                continue
            number = next((n for n in child.children if n.dep_ == L.NUMBER or n.like_num), None)
            if number is not None:
                pairs.append((child, number))
    return pairs


# shared: may move to grammar/phrases.py
def possessors(noun: Token) -> list[Token]:
    """Possessive modifiers ("*NATO's* exercise", "*his* country")."""
    return dependents(noun, L.POSSESSIVES)


# shared: may move to grammar/phrases.py
def compounds(noun: Token) -> list[Token]:
    return dependents(noun, L.COMPOUNDS)


# shared: may move to grammar/phrases.py
def determiners(noun: Token) -> list[Token]:
    return dependents(noun, L.DETERMINERS)


# shared: may move to grammar/phrases.py
def adjectives(noun: Token) -> list[Token]:
    return dependents(noun, L.ADJECTIVES)


# shared: may move to grammar/phrases.py
def is_noun_modifier(token: Token) -> bool:
    """A noun or adjective that modifies another ("the *war* crimes court", "*aid* convoys")."""
    return token.dep_ in L.NOUN_MODIFIERS


# shared: may move to grammar/phrases.py
def attached_phrases(token: Token, preps: Collection[str]) -> list[list[Token]]:
    """The token's appositions and the objects of its prepositions in ``preps``, one
    group per dependent in sentence order ("forces *in Guinea*", "X, *a Y group*")."""
    groups = []
    for child in token.children:
        if child.dep_ == L.APPOSITION:
            groups.append([child])
        elif child.dep_ == L.PREPOSITION and child.lower_ in preps:
            groups.append(objects_of(child))
    return groups


def subjectless_conjunct_of(verb: Token) -> Token | None:
    """The verb a conjoined verb without its own subject is joined to ("Japan met China but
    *refused* talks": "met"): the two share their subject, and often their partner."""
    head = verb.head
    if verb.dep_ != L.CONJUNCT or head.i == verb.i or head.pos_ not in ("VERB", "AUX"):
        return None
    return head if subject_of(verb) is None else None


EXAMPLE_PREPS = frozenset({"including"})


def examples(token: Token) -> list[list[Token]]:
    """The members a noun is illustrated by ("allies *such as Germany*", "states *including
    Chad*"), one group per phrase: who the plain noun stands for."""
    groups = []
    for child in token.children:
        if child.dep_ != L.PREPOSITION:
            continue
        such_as = child.lower_ == "as" and any(c.lower_ == "such" for c in child.children)
        if such_as or child.lower_ in EXAMPLE_PREPS:
            groups.append(objects_of(child))
    return groups


def participle_host(verb: Token) -> Token | None:
    """The verb an -ing clause without its own subject hangs on ("X wrote to Y *asking* it
    to ..."): the two share their subject, and the participle's addressee is the host's."""
    head = verb.head
    if verb.dep_ != L.ADVERBIAL_CLAUSE or verb.tag_ != "VBG" or head.i == verb.i:
        return None
    return head if head.pos_ in ("VERB", "AUX") and active_subject(verb) is None else None


# Prepositions on an act of force or aid that name where it lands ("an assault *on* Ghazni").
STRUCK_PREPOSITIONS = ("on", "against", "into")
# Nouns of a copula that make its subject the one an act is aimed at ("X was *the target* of an attack").
AIM_NOUNS = frozenset({"target"})


def struck_words(trigger: Token) -> list[Token]:
    """The words that may name what an act lands on, best first: its objects and passive
    subject ("overran *it*", "*Kabul* was shelled"), its "on/against/into" objects ("an assault
    *on* Ghazni"), a noun trigger's compounds ("a *Kabul* car bombing") and the subject of
    "*X* was the target of an attack"."""
    found = [*direct_objects(trigger), *dependents(trigger, L.PASSIVE_SUBJECTS)]
    found += prep_objects(trigger, STRUCK_PREPOSITIONS)
    if trigger.pos_ in ("NOUN", "PROPN"):
        found += [c for head in compounds(trigger) for c in (head, *compounds(head))]
        aimed = aimed_subject(trigger)
        found += [aimed] if aimed is not None else []
    return found


def aimed_subject(noun: Token) -> Token | None:
    """"*Abqaiq* was the target of an attack": the subject a copular aim noun gives ``noun``."""
    prep = noun.head
    if not (attached_as(noun, L.PREP_OBJECTS) and prep.lower_ == "of"):
        return None
    aim = prep.head
    if aim.lemma_.lower() not in AIM_NOUNS or not attached_as(aim, {L.ATTRIBUTE}):
        return None
    return active_subject(aim.head)


# Participles that, hyphened to a name, say who did what the noun names ("a *US-led* invasion").
LEADING_PARTICIPLES = frozenset({"lead", "led", "sponsor", "orchestrate", "organise", "organize", "mastermind"})
LEADER_LINKS = L.Labels({L.NOUN_PHRASE_ADVERB, L.COMPOUND})


def leading_modifier(noun: Token) -> Token | None:
    """The name hyphened to a "-led" participle on ``noun`` ("*US*-led invasion", "*Taliban*-led
    violence"): the one who led what the noun names."""
    for participle in dependents(noun, L.ADJECTIVES):
        if participle.lemma_.lower() in LEADING_PARTICIPLES or participle.lower_ in LEADING_PARTICIPLES:
            leader = next(iter(dependents(participle, LEADER_LINKS)), None)
            if leader is not None:
                return leader
    return None
