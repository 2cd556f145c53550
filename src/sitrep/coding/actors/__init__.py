"""Who: actor mentions in each sentence, then the article's view of them.

``actors`` (stage) finds mentions with the ``lexicon`` (countries, organisations,
roles), ``people`` and ``person_mentions`` (named people, titles),
``role_mentions`` (role nouns and named atoms); ``mentions`` is the record of
what was found.  ``docactors`` (stage) reads the article as a whole:
``article_countries`` (the country an unplaced role takes), ``references``
(surnames, "the group", pronouns) and ``leaders`` (who held an office on the
article's date).
"""
