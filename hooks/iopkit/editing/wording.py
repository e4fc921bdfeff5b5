"""Person-first wording (NIDA's "Words Matter"): stigmatizing terms and what to write
instead."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class WordingIssue:
    term: str
    suggestion: str


# NIDA "Words Matter": the stigmatizing term and a person-first replacement.
STIGMATIZING_TERMS: list[tuple[str, str]] = [
    (r"\bsubstance abuse\b", "substance use (or misuse)"),
    (r"\bdrug abuse\b", "drug use (or misuse)"),
    (r"\balcohol abuse\b", "alcohol use (or misuse)"),
    (r"\baddicts?\b", "person with a substance use disorder"),
    (r"\babusers?\b", "person who uses substances"),
    (r"\bjunkies?\b", "person who uses drugs"),
    (r"\bdrunks?\b", "person with an alcohol use disorder"),
    (r"\bdirty (?:urine|test|drug test|screen|UA)s?\b", "positive test result"),
    (r"\bclean (?:urine|test|drug test|screen|UA)s?\b", "negative test result"),
    (r"\b(?:came|come|comes|tested|test|tests|testing) (?:back )?(?:clean|dirty)\b",
     "negative or positive (test result)"),
    (r"\breplacement therapy\b", "medication for opioid use disorder"),
]

# The same in Spanish (SAMHSA and NIDA's Spanish materials): labels for a person and
# "abuso". Group names (Alcohólicos Anónimos) pass: the pattern needs the lone word.
STIGMATIZING_TERMS_ES: list[tuple[str, str]] = [
    (r"\babuso de (?:sustancias|drogas|alcohol)\b", "consumo de sustancias (o de drogas, de alcohol)"),
    (r"\b(?:drog)?adict[oa]s?\b", "persona con un trastorno por consumo de sustancias"),
    (r"\btoxic[oó]man[oa]s?\b", "persona que consume drogas"),
    (r"\balcoh[oó]lic[oa]s?\b(?! an[oó]nim[oa]s)", "persona con un trastorno por consumo de alcohol"),
    (r"\bviciosos?\b", "persona que consume drogas"),
    (r"\b(?:prueba|resultado|orina)s? (?:limpi|suci)[oa]s?\b", "resultado negativo o positivo"),
]
TERMS_BY_LANGUAGE = {"en": STIGMATIZING_TERMS, "es": STIGMATIZING_TERMS_ES}

_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|«[^»]*»")


def stigmatizing_terms(text: str, language: str = "en") -> list[WordingIssue]:
    """Terms to replace; words inside quotation marks are someone's own words and pass.
    A language without a list has none to check."""
    unquoted = _QUOTED.sub(" ", text)
    found = []
    for pattern, suggestion in TERMS_BY_LANGUAGE.get(language, []):
        for match in re.finditer(pattern, unquoted, flags=re.IGNORECASE):
            found.append(WordingIssue(match.group(0), suggestion))
    return found
