"""The dependency labels of spaCy's English pipelines (ClearNLP style), grouped by what they mean.

Every rule that needs "a subject" or "an object" goes through the sets here,
so a change of label scheme (a UD-trained model, say) is one file.  Where two
rules deliberately ask different questions (the object of a verb that can
take a count, the object of a verb a quote is attributed to), the topic
modules build their own set from these, and say why.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.strings import get_string_id


class Labels(frozenset[str]):
    """A set of labels that also holds their spaCy ids (``ids``).

    ``grammar.arguments.dependents`` walks a token's children hundreds of thousands of
    times a corpus; comparing each child's integer ``dep`` with ``ids`` spares building
    its ``dep_`` string.  It is still a set of strings for every other question.
    """

    ids: frozenset[int]

    def __new__(cls, labels: Iterable[str]) -> Labels:
        self = super().__new__(cls, labels)
        self.ids = frozenset(get_string_id(label) for label in self)
        return self

ACTIVE_SUBJECTS = Labels({"nsubj", "csubj"})
PASSIVE_SUBJECTS = Labels({"nsubjpass", "csubjpass"})
NOMINAL_SUBJECTS = Labels({"nsubj", "nsubjpass"})
SUBJECTS = Labels(ACTIVE_SUBJECTS | PASSIVE_SUBJECTS)
EXPLETIVE = "expl"
DIRECT_OBJECTS = Labels({"dobj", "obj"})
DATIVE = "dative"
ATTRIBUTE = "attr"
OBJECT_PREDICATE = "oprd"
PREPOSITION = "prep"
PREP_OBJECT = "pobj"
AGENT = "agent"  # the "by" of a passive
PARTICLE = "prt"
AUXILIARIES = Labels({"aux", "auxpass"})
NEGATION = "neg"
MARKER = "mark"
ADVERB = "advmod"
NOUN_MODIFIERS = Labels({"compound", "amod", "nmod", "poss"})
COMPOUND = "compound"
ADJECTIVE = "amod"
POSSESSIVE = "poss"
APPOSITION = "appos"
NUMBER = "nummod"
QUANTIFIER = "quantmod"
DETERMINER = "det"
CONJUNCT = "conj"
COORDINATOR = "cc"
CLAUSAL_COMPLEMENT = "ccomp"
OPEN_COMPLEMENT = "xcomp"
ADVERBIAL_CLAUSE = "advcl"
RELATIVE_CLAUSE = "relcl"
CLAUSAL_MODIFIER = "acl"
PARATAXIS = "parataxis"
ROOT = "ROOT"
PUNCTUATION = "punct"
# Clause links: a clause beside, under, or reporting another.
SAME_LEVEL = Labels({CONJUNCT})
SUBORDINATE = Labels({ADVERBIAL_CLAUSE, CLAUSAL_COMPLEMENT, PARATAXIS})
REPORTED = Labels({CLAUSAL_COMPLEMENT, PARATAXIS, OPEN_COMPLEMENT})
NOUN_CLAUSES = Labels({RELATIVE_CLAUSE, CLAUSAL_MODIFIER})
# Single labels the rules ask about on their own (added during the refactor).
NOMINAL_SUBJECT = "nsubj"
NOMINAL_PASSIVE_SUBJECT = "nsubjpass"
CLAUSAL_SUBJECT = "csubj"
DIRECT_OBJECT = "dobj"
AUXILIARY = "aux"
PASSIVE_AUXILIARY = "auxpass"
ADJECTIVAL_COMPLEMENT = "acomp"  # "were *dead*", "left them *dead*"
PREP_COMPLEMENT = "pcomp"  # a clause or gerund as a preposition's object ("by *saying*")
NOUN_MODIFIER = "nmod"
NOUN_PHRASE_ADVERB = "npadvmod"  # a noun phrase used as an adverb; also how some figures hang on a noun
CASE = "case"  # the possessive "'s" as a token of its own

# One-label sets, for asking ``dependents`` about a single label with integer ids.
AGENTS = Labels({AGENT})
PREP_OBJECTS = Labels({PREP_OBJECT})
PREPOSITIONS = Labels({PREPOSITION})
NOMINAL_PASSIVE_SUBJECTS = Labels({NOMINAL_PASSIVE_SUBJECT})
PLAIN_DIRECT_OBJECTS = Labels({DIRECT_OBJECT})  # "dobj" only, not the UD "obj" of DIRECT_OBJECTS
PLAIN_AUXILIARIES = Labels({AUXILIARY})  # "aux" only ("*to* hold"), not "auxpass"
DATIVES = Labels({DATIVE})
ADJECTIVAL_COMPLEMENTS = Labels({ADJECTIVAL_COMPLEMENT})
OBJECT_PREDICATES = Labels({OBJECT_PREDICATE})
APPOSITIONS = Labels({APPOSITION})
POSSESSIVES = Labels({POSSESSIVE})
COMPOUNDS = Labels({COMPOUND})
DETERMINERS = Labels({DETERMINER})
ADJECTIVES = Labels({ADJECTIVE})
MARKERS = Labels({MARKER})
CLAUSAL_MODIFIERS = Labels({CLAUSAL_MODIFIER})
PREP_COMPLEMENTS = Labels({PREP_COMPLEMENT})
OPEN_COMPLEMENTS = Labels({OPEN_COMPLEMENT})
PASSIVE_AUXILIARIES = Labels({PASSIVE_AUXILIARY})
NEGATIONS = Labels({NEGATION})
ADVERBS = Labels({ADVERB})
