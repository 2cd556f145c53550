"""The one English grammar layer: every question the rules ask of the dependency parse.

Rule modules (events, actors, counts, quotes ...) never read spaCy's
dependency labels themselves; they ask this layer "what is the subject of
this verb", "is this clause negated", "which number counts this noun".  The
label sets live in ``labels``; the questions are grouped by topic:

- ``clauses``: clause structure, mood (fact, intent, demand, hypothetical), negation;
- ``arguments``: subjects, objects, passive agents and prepositional objects of a predicate;
- ``phrases``: noun phrases: heads, compounds, appositions, possessives, coordination;
- ``numbers``: numerals, approximators and the nouns they count;
- ``adjuncts``: where and when: prepositional phrases of place and time;
- ``speech``: reporting clauses, their speaker and their content;
- ``forms``: word forms: plurals, lemma guesses when the lemmatiser slips.

Everything here is typed against spaCy's own stubs (``sitrep.nlp.types``) and
tested on ``Doc`` objects built by hand (words, heads, labels), so the tests
state the grammar and do not move when the statistical model changes.
"""
