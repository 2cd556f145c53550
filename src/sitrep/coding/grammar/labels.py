"""The dependency labels of spaCy's English pipelines (ClearNLP style), grouped by what they mean.

Every rule that needs "a subject" or "an object" goes through the sets here,
so a change of label scheme (a UD-trained model, say) is one file.  Where two
rules deliberately ask different questions (the object of a verb that can
take a count, the object of a verb a quote is attributed to), the topic
modules build their own set from these, and say why.
"""

from __future__ import annotations

ACTIVE_SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
NOMINAL_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
SUBJECTS = ACTIVE_SUBJECTS | PASSIVE_SUBJECTS
EXPLETIVE = "expl"
DIRECT_OBJECTS = frozenset({"dobj", "obj"})
DATIVE = "dative"
ATTRIBUTE = "attr"
OBJECT_PREDICATE = "oprd"
PREPOSITION = "prep"
PREP_OBJECT = "pobj"
AGENT = "agent"  # the "by" of a passive
PARTICLE = "prt"
AUXILIARIES = frozenset({"aux", "auxpass"})
NEGATION = "neg"
MARKER = "mark"
ADVERB = "advmod"
NOUN_MODIFIERS = frozenset({"compound", "amod", "nmod", "poss"})
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
SAME_LEVEL = frozenset({CONJUNCT})
SUBORDINATE = frozenset({ADVERBIAL_CLAUSE, CLAUSAL_COMPLEMENT, PARATAXIS})
REPORTED = frozenset({CLAUSAL_COMPLEMENT, PARATAXIS, OPEN_COMPLEMENT})
NOUN_CLAUSES = frozenset({RELATIVE_CLAUSE, CLAUSAL_MODIFIER})
# Single labels the speech module names (added by the quotes refactor).
PREP_COMPLEMENT = "pcomp"  # a clause or gerund as a preposition's object ("by *saying*")
CASE = "case"  # the possessive "'s" as a token of its own
AUX = "aux"
PASSIVE_AUX = "auxpass"
ADJECTIVAL_COMPLEMENT = "acomp"  # "are *afraid* that ..." (added by the quotes work, issue 12)
