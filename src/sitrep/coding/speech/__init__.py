"""Who said what, and who stands where.

``quotes`` (stage) joins and attributes quotations that ``quote_marks`` finds in
the raw text and ``quote_cues`` ties to a speech cue and its speaker; ``stances``
(stage) reads each actor's position on the issues an article argues about.
"""
