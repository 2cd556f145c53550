"""What happened: CAMEO and PLOVER events with their source, target and negation.

``events`` (stage) walks each sentence's clauses; ``triggers`` codes each kind of
trigger (a verb, a frame verb such as "agreed to", a statement, a noun);
``verbs`` is the event lexicon and ``frames`` the frame vocabulary (a frame is a
row of ``data/event_frames.tsv``); ``nominal`` codes events named by nouns and
``speech_acts`` statements that are acts; ``participants`` finds who acts and who
is acted upon; ``contents`` what a frame is about; ``found`` and ``coder`` hold
the record of what was found, shared by every rule.
"""
