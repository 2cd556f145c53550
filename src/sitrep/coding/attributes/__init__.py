"""Where, when and how many: places, dates and counts, tied to the events and actors.

``places`` (stage) ties events to places that ``placenames`` finds and the
offline ``gazetteer`` resolves; ``dates`` (stage) dates documents and events;
``counts`` (stage) reads figures of troops, casualties and crowds, with
``count_units`` deciding what a figure counts.
"""
