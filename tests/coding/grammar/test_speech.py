"""Reporting clauses and positions on hand-built parses: cues, speakers, content, holders, objects."""

from __future__ import annotations

from sitrep.coding.grammar import speech


def _words(tokens) -> list[str]:
    return [t.text for t in tokens]


# --- cues and speakers ----------------------------------------------------------------------------


def test_according_to_and_its_object(hand_doc) -> None:
    doc = hand_doc(
        ["According", "to", "officials", ",", "talks", "ended", "."],
        [5, 0, 1, 5, 5, 5, 5],
        ["prep", "prep", "pobj", "punct", "nsubj", "ROOT", "punct"],
    )
    assert speech.is_according_to(doc[0])
    assert not speech.is_according_to(doc[5])
    assert speech.according_to_object(doc[0]).text == "officials"
    assert speech.speaker_of(doc[0]).text == "officials"


def test_according_without_to_is_no_cue(hand_doc) -> None:
    doc = hand_doc(["according", "."], [0, 0], ["ROOT", "punct"])
    assert not speech.is_according_to(doc[0])
    assert speech.according_to_object(doc[0]) is None


def test_quoted_as_saying_gives_the_object(hand_doc) -> None:
    doc = hand_doc(
        ["The", "agency", "quoted", "Adeyemi", "as", "saying", "."],
        [1, 2, 2, 2, 2, 4, 2],
        ["det", "nsubj", "ROOT", "dobj", "prep", "pcomp", "punct"],
        lemmas=["the", "agency", "quote", "Adeyemi", "as", "say", "."],
    )
    assert speech.quoted_as_object(doc[5]).text == "Adeyemi"
    assert speech.speaker_of(doc[5]).text == "Adeyemi"
    assert speech.quoted_as_object(doc[2]) is None


def test_cue_subject_climbs_from_a_participle(hand_doc) -> None:
    doc = hand_doc(
        ["Peskov", "spoke", ",", "saying", "it", "failed", "."],
        [1, 1, 1, 1, 5, 3, 1],
        ["nsubj", "ROOT", "punct", "advcl", "nsubj", "ccomp", "punct"],
    )
    assert speech.cue_subject(doc[3]).text == "Peskov"


def test_cue_subject_of_a_relative_clause_is_its_noun(hand_doc) -> None:
    doc = hand_doc(
        ["The", "ministry", ",", "which", "said", "it", "failed", ",", "sent", "ships", "."],
        [1, 8, 1, 4, 1, 6, 4, 1, 8, 8, 8],
        ["det", "nsubj", "punct", "nsubj", "relcl", "nsubj", "ccomp", "punct", "ROOT", "dobj", "punct"],
    )
    assert speech.cue_subject(doc[4]).text == "ministry"
    assert speech.speaker_extent(doc[1]).text == "The ministry , which said it failed ,"


def test_cue_subject_climbs_out_of_a_preposition(hand_doc) -> None:
    doc = hand_doc(
        ["She", "underlined", "the", "call", "by", "saying", "it", "."],
        [1, 1, 3, 1, 1, 4, 5, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pcomp", "dobj", "punct"],
    )
    assert speech.cue_subject(doc[5]).text == "She"


def test_a_passive_subject_is_no_speaker_but_holds_a_position(hand_doc) -> None:
    doc = hand_doc(["He", "was", "told", "."], [2, 2, 2, 2], ["nsubjpass", "auxpass", "ROOT", "punct"])
    assert speech.cue_subject(doc[2]) is None
    assert speech.holder_of(doc[2]).text == "He"


def test_a_holder_is_not_climbed_out_of_a_reported_clause(hand_doc) -> None:
    doc = hand_doc(["Peskov", "said", "rejected", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "ccomp", "punct"])
    assert speech.cue_subject(doc[2]).text == "Peskov"
    assert speech.holder_of(doc[2]) is None


def test_withheld_speech(hand_doc) -> None:
    negated = hand_doc(
        ["He", "did", "not", "say", "."], [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "punct"]
    )
    declined = hand_doc(
        ["He", "declined", "to", "say", "."], [1, 1, 3, 1, 1], ["nsubj", "ROOT", "aux", "xcomp", "punct"],
        lemmas=["he", "decline", "to", "say", "."],
    )
    said = hand_doc(["He", "said", "."], [1, 1, 1], ["nsubj", "ROOT", "punct"], lemmas=["he", "say", "."])
    assert speech.is_withheld(negated[3])
    assert speech.is_withheld(declined[3])
    assert not speech.is_withheld(said[1])


def test_speaker_extent_leaves_out_a_participle_clause(hand_doc) -> None:
    doc = hand_doc(
        ["Mwangi", ",", "speaking", "to", "reporters", ",", "said", "it", "."],
        [6, 0, 0, 2, 3, 0, 6, 6, 6],
        ["nsubj", "punct", "acl", "prep", "pobj", "punct", "ROOT", "dobj", "punct"],
    )
    assert speech.speaker_extent(doc[0]).text == "Mwangi ,"


def test_possessors_and_determiners(hand_doc) -> None:
    doc = hand_doc(["Dunn", "'s", "mother", "spoke"], [2, 0, 3, 3], ["poss", "case", "nsubj", "ROOT"])
    assert speech.is_possessor(doc[0:2])
    assert not speech.is_possessor(doc[2:3])
    other = hand_doc(["The", "campaign"], [1, 1], ["det", "ROOT"])
    assert speech.is_determiner(other[0]) and not speech.is_determiner(other[1])


def test_a_title_names_its_apposition_but_not_whom_it_serves(hand_doc) -> None:
    named = hand_doc(
        ["President", "of", "Ukraine", "Zelenskyy", "said"],
        [4, 0, 1, 2, 4],
        ["nsubj", "prep", "pobj", "appos", "ROOT"],
    )
    assert speech.is_titled_by(named[3], named[0])
    apposed = hand_doc(
        ["the", "president", ",", "Ana", "Rios", "said"],
        [1, 5, 1, 4, 1, 5],
        ["det", "nsubj", "punct", "compound", "appos", "ROOT"],
    )
    assert speech.is_titled_by(apposed[4], apposed[1])
    served = hand_doc(
        ["the", "spokesman", "for", "President", "X", "said"],
        [1, 5, 1, 4, 2, 5],
        ["det", "nsubj", "prep", "compound", "pobj", "ROOT"],
    )
    assert not speech.is_titled_by(served[4], served[1])


# --- what is reported -----------------------------------------------------------------------------


def test_content_clause_is_the_that_clause_without_that(hand_doc) -> None:
    doc = hand_doc(
        ["He", "said", "that", "it", "failed", "."],
        [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "punct"],
        pos=["PRON", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"],
    )
    clause = speech.content_clause(doc[1])
    assert clause is not None and clause.text == "failed"
    assert _words(speech.content_words(clause)) == ["it", "failed"]


def test_content_clause_is_a_to_infinitive_not_a_predicate(hand_doc) -> None:
    vowed = hand_doc(
        ["Trump", "vowed", "to", "impose", "a", "tax", "."],
        [1, 1, 3, 1, 5, 3, 1],
        ["nsubj", "ROOT", "aux", "xcomp", "det", "dobj", "punct"],
        pos=["PROPN", "VERB", "PART", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert speech.is_to_infinitive(vowed[3])
    assert speech.content_clause(vowed[1]).text == "impose"
    found = hand_doc(
        ["He", "found", "it", "hard", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "nsubj", "xcomp", "punct"],
        pos=["PRON", "VERB", "PRON", "ADJ", "PUNCT"],
    )
    assert not speech.is_to_infinitive(found[3])
    assert speech.content_clause(found[1]) is None


def test_parenthetical_host(hand_doc) -> None:
    doc = hand_doc(
        ["The", "effects", "are", "hard", ",", "economists", "say", "."],
        [1, 2, 2, 2, 2, 6, 2, 2],
        ["det", "nsubj", "ROOT", "acomp", "punct", "nsubj", "parataxis", "punct"],
        pos=["DET", "NOUN", "AUX", "ADJ", "PUNCT", "NOUN", "VERB", "PUNCT"],
    )
    assert speech.parenthetical_host(doc[6]).text == "are"
    assert speech.parenthetical_host(doc[2]) is None


def test_cue_objects_are_objects_and_of_phrases(hand_doc) -> None:
    doc = hand_doc(
        ["Sanders", "accused", "Clinton", "of", "lying", "on", "Sunday", "."],
        [1, 1, 1, 1, 3, 1, 5, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pcomp", "prep", "pobj", "punct"],
    )
    assert _words(speech.cue_objects(doc[1])) == ["Clinton", "of"]


# --- positions ------------------------------------------------------------------------------------


def test_holder_climbs_from_an_infinitive_and_negation_reaches_it(hand_doc) -> None:
    doc = hand_doc(
        ["Denmark", "did", "not", "want", "to", "sell", "."],
        [3, 3, 3, 3, 5, 3, 3],
        ["nsubj", "aux", "neg", "ROOT", "aux", "xcomp", "punct"],
    )
    assert speech.holder_of(doc[5]).text == "Denmark"
    assert speech.is_position_negated(doc[5]) and speech.is_position_negated(doc[3])
    plain = hand_doc(["Denmark", "wants", "to", "sell"], [1, 1, 3, 1], ["nsubj", "ROOT", "aux", "xcomp"])
    assert not speech.is_position_negated(plain[3])


def test_position_objects_and_governor(hand_doc) -> None:
    doc = hand_doc(
        ["Denmark", "rejected", "the", "plan", "over", "Greenland", "in", "May"],
        [1, 1, 3, 1, 1, 4, 1, 6],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "prep", "pobj"],
    )
    assert _words(speech.position_objects(doc[1])) == ["plan", "Greenland"]
    assert speech.governor(doc[3]).text == "rejected"
    assert speech.governor(doc[5]).text == "rejected"


def test_a_passive_complement(hand_doc) -> None:
    doc = hand_doc(
        ["Greenland", "will", "not", "accept", "being", "bought"],
        [3, 3, 3, 3, 5, 3],
        ["nsubj", "aux", "neg", "ROOT", "auxpass", "xcomp"],
    )
    assert speech.has_passive_aux(doc[5])
    assert not speech.has_passive_aux(doc[3])


def test_modifying_clause_and_noun_complements(hand_doc) -> None:
    backing = hand_doc(
        ["a", "resolution", "backing", "the", "refusal", "to", "negotiate"],
        [1, 1, 1, 4, 2, 6, 4],
        ["det", "ROOT", "acl", "det", "dobj", "aux", "acl"],
    )
    assert speech.is_modifying_clause(backing[2]) and not speech.is_modifying_clause(backing[4])
    assert speech.noun_complement(backing[4]).text == "negotiate"
    control = hand_doc(["control", "of", "Greenland"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert speech.noun_complement(control[0]).text == "Greenland"
    dated = hand_doc(["talks", "in", "May"], [0, 0, 1], ["ROOT", "prep", "pobj"])
    assert speech.noun_complement(dated[0]) is None


def test_owner_modifiers(hand_doc) -> None:
    push = hand_doc(["Washington", "'s", "push"], [2, 0, 2], ["poss", "case", "ROOT"])
    assert _words(speech.owner_modifiers(push[2])) == ["Washington"]
    proposal = hand_doc(["the", "US", "proposal"], [2, 2, 2], ["det", "compound", "ROOT"])
    assert _words(speech.owner_modifiers(proposal[2])) == ["US"]


def test_cue_topic_is_the_object_of_about_when_there_is_no_object(hand_doc) -> None:
    doc = hand_doc(
        ["Farmers", "complained", "about", "the", "prices", "."],
        [1, 1, 1, 4, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
    )
    assert speech.cue_topic(doc[1]).text == "prices"


def test_cue_topic_is_none_after_an_object_or_on(hand_doc) -> None:
    with_object = hand_doc(
        ["She", "told", "reporters", "about", "it", "."],
        [1, 1, 1, 1, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
    )
    assert speech.cue_topic(with_object[1]) is None
    circumstance = hand_doc(
        ["He", "spoke", "on", "condition", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
    )
    assert speech.cue_topic(circumstance[1]) is None


def test_an_infinitive_cue_under_an_object_is_spoken_by_the_object(hand_doc) -> None:
    doc = hand_doc(
        ["The", "judge", "forced", "Okoro", "to", "admit", "it", "."],
        [1, 2, 2, 2, 5, 2, 5, 2],
        ["det", "nsubj", "ROOT", "dobj", "aux", "xcomp", "dobj", "punct"],
        pos=["DET", "NOUN", "VERB", "PROPN", "PART", "VERB", "PRON", "PUNCT"],
    )
    assert speech.cue_subject(doc[5]).text == "Okoro"


def test_an_infinitive_of_purpose_is_spoken_by_the_subject(hand_doc) -> None:
    doc = hand_doc(
        ["Leaders", "used", "blunt", "words", "to", "denounce", "it", "."],
        [1, 1, 3, 1, 5, 1, 5, 1],
        ["nsubj", "ROOT", "amod", "dobj", "aux", "xcomp", "dobj", "punct"],
        pos=["NOUN", "VERB", "ADJ", "NOUN", "PART", "VERB", "PRON", "PUNCT"],
    )
    assert speech.cue_subject(doc[5]).text == "Leaders"


def test_noun_claim_gives_the_possessor_and_the_that_clause(hand_doc) -> None:
    doc = hand_doc(
        ["Rios", "'s", "claim", "that", "prices", "fell", "."],
        [2, 0, 2, 5, 5, 2, 2],
        ["poss", "case", "ROOT", "mark", "nsubj", "acl", "punct"],
        pos=["PROPN", "PART", "NOUN", "SCONJ", "NOUN", "VERB", "PUNCT"],
    )
    owner, clause = speech.noun_claim(doc[2])
    assert owner is not None and clause is not None
    assert (owner.text, clause.text) == ("Rios", "fell")
    assert speech.speaker_extent(owner).text == "Rios"


def test_a_that_clause_read_as_relative_is_still_the_claim(hand_doc) -> None:
    doc = hand_doc(
        ["a", "Tribune", "report", "that", "prices", "fell", "."],
        [2, 2, 2, 5, 5, 2, 2],
        ["det", "compound", "ROOT", "mark", "nsubj", "relcl", "punct"],
        pos=["DET", "PROPN", "NOUN", "SCONJ", "NOUN", "VERB", "PUNCT"],
    )
    owner, clause = speech.noun_claim(doc[2])
    assert owner is not None and clause is not None
    assert (owner.text, clause.text) == ("Tribune", "fell")


def test_a_relative_clause_is_no_claim(hand_doc) -> None:
    doc = hand_doc(
        ["Rios", "'s", "claim", "that", "he", "made", "."],
        [2, 0, 2, 5, 5, 2, 2],
        ["poss", "case", "ROOT", "dobj", "nsubj", "relcl", "punct"],
        pos=["PROPN", "PART", "NOUN", "PRON", "PRON", "VERB", "PUNCT"],
    )
    assert speech.noun_claim(doc[2])[1] is None


def test_particle_of_a_phrasal_verb(hand_doc) -> None:
    doc = hand_doc(["She", "pointed", "out", "errors", "."], [1, 1, 1, 1, 1], ["nsubj", "ROOT", "prt", "dobj", "punct"])
    assert speech.particle_of(doc[1]).text == "out"
    assert speech.particle_of(doc[3]) is None


def test_content_clause_prefers_the_clause_after_the_cue(hand_doc) -> None:
    doc = hand_doc(
        ["It", "is", "odd", ";", "aides", "say", "she", "left", "."],
        [1, 5, 1, 5, 5, 5, 7, 5, 5],
        ["nsubj", "ccomp", "acomp", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "punct"],
        pos=["PRON", "AUX", "ADJ", "PUNCT", "NOUN", "VERB", "PRON", "VERB", "PUNCT"],
    )
    assert speech.content_clause(doc[5]).text == "left"


def test_of_two_subjects_the_nearer_speaks(hand_doc) -> None:
    doc = hand_doc(
        ["“", "Full", "panic", "mode", ",", "”", "said", "Rios", "."],
        [6, 3, 3, 6, 6, 6, 6, 6, 6],
        ["punct", "amod", "compound", "nsubj", "punct", "punct", "ROOT", "nsubj", "punct"],
        pos=["PUNCT", "ADJ", "NOUN", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PUNCT"],
    )
    assert speech.cue_subject(doc[6]).text == "Rios"


def test_adjective_claim_gives_the_copulas_subject_and_the_clause(hand_doc) -> None:
    doc = hand_doc(
        ["Farmers", "are", "afraid", "that", "rain", "fails", "."],
        [1, 1, 1, 5, 5, 2, 1],
        ["nsubj", "ROOT", "acomp", "mark", "nsubj", "ccomp", "punct"],
        pos=["NOUN", "AUX", "ADJ", "SCONJ", "NOUN", "VERB", "PUNCT"],
    )
    holder, clause = speech.adjective_claim(doc[2])
    assert holder is not None and clause is not None
    assert (holder.text, clause.text) == ("Farmers", "fails")


def test_cue_object_is_a_thing_not_a_person(hand_doc) -> None:
    doc = hand_doc(
        ["The", "ministry", "denied", "any", "role", "in", "the", "raid", "."],
        [1, 2, 2, 4, 2, 4, 7, 5, 2],
        ["det", "nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct"],
        pos=["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
    )
    assert speech.cue_object(doc[2]).text == "role"
    it = hand_doc(["She", "denied", "it", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                  pos=["PRON", "VERB", "PRON", "PUNCT"])
    assert speech.cue_object(it[1]) is None
    name = hand_doc(["He", "confirmed", "Okafor", "."], [1, 1, 1, 1], ["nsubj", "ROOT", "dobj", "punct"],
                    pos=["PRON", "VERB", "PROPN", "PUNCT"])
    assert speech.cue_object(name[1]) is None


def test_has_direct_object(hand_doc) -> None:
    named = hand_doc(["She", "called", "it", "a", "farce"], [1, 1, 1, 4, 1], ["nsubj", "ROOT", "dobj", "det", "oprd"])
    appeal = hand_doc(["She", "called", "for", "talks"], [1, 1, 1, 2], ["nsubj", "ROOT", "prep", "pobj"])
    assert speech.has_direct_object(named[1]) and not speech.has_direct_object(appeal[1])
