"""English word forms: plurals of role nouns, and lemma guesses for when the lemmatiser slips."""

from __future__ import annotations

from collections.abc import Mapping

from sitrep.nlp.types import Token


def plural_of(phrase: str) -> str:
    """English plural of a role phrase's last word ("spokesman" -> "spokesmen", "army" -> "armies")."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("man"):
        last = last[:-3] + "men"
    elif last.endswith("y") and last[-2:-1] not in "aeiou":
        last = last[:-1] + "ies"
    elif last.endswith(("s", "sh", "ch", "x")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def lemma_of(token: Token) -> str:
    """The lower-cased lemma (spaCy's, or the word itself when it has none)."""
    return (token.lemma_ or token.text).lower()


def lemma_candidates(token: Token, irregular: Mapping[str, str]) -> list[str]:
    """The lemma, then guesses from the word form for when the lemmatiser slips
    ("staged" -> "stag", "overran" left as is): irregular forms, strip -ed/-ing/-s,
    undouble a final consonant, -ied -> -y."""
    word = token.lower_
    found = [lemma_of(token), word]
    if word in irregular:
        found.append(irregular[word])
    if word[-1:] not in ("g", "d", "s"):
        return found  # no -ing, -ed, -es, -s or -ied to strip (most words): spare the suffix tests
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            found += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                found.append(stem[:-1])
    if word.endswith("ied"):
        found.append(word[:-3] + "y")
    return found
