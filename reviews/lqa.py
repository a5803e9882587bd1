"""Language quality assessment (LQA), Matecat-style: reviewers record errors by category
and severity; each severity weighs some penalty points; a document passes when its points
per 1,000 target words stay at or under the project's threshold.

Pure module: choices, word counts and the arithmetic. It imports no models.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import models


class Category(models.TextChoices):
    ACCURACY = "accuracy", "Accuracy"
    FLUENCY = "fluency", "Fluency"
    TERMINOLOGY = "terminology", "Terminology"
    STYLE = "style", "Style"
    LOCALE = "locale-convention", "Locale convention"
    OMISSION = "omission-addition", "Omission / addition"


class Severity(models.TextChoices):
    MINOR = "minor", "Minor"
    MAJOR = "major", "Major"
    CRITICAL = "critical", "Critical"


DEFAULT_WEIGHTS = {Severity.MINOR: 1, Severity.MAJOR: 5, Severity.CRITICAL: 10}
DEFAULT_THRESHOLD = 15.0  # penalty points per 1,000 words that still pass
MAX_ERRORS_PER_ACTION = 20
MAX_NOTE = 2000

# Scripts written without spaces between words: each character counts as a word, as
# CAT tools do for Chinese and Japanese.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|\w+(?:['’\-]\w+)*")  # 3.5 and well-known: one word


def word_count(text: str) -> int:
    """Words in a text: runs of letters/digits, plus one per CJK character."""
    unspaced = len(_UNSPACED.findall(text))
    if not unspaced:
        return len(_WORD.findall(text))
    return unspaced + len(_WORD.findall(_UNSPACED.sub(" ", text)))


@dataclass(frozen=True)
class Verdict:
    points: int
    words: int
    per_1000: float | None  # None: errors but no words to divide by
    threshold: float
    passed: bool

    def to_json(self) -> dict:
        return {
            "points": self.points,
            "words": self.words,
            "penalty_per_1000_words": self.per_1000,
            "threshold": self.threshold,
            "passed": self.passed,
        }


def verdict(
    counts: Mapping[str, int], *, words: int, weights: Mapping[str, int], threshold: float
) -> Verdict:
    """counts: errors per severity → penalty per 1,000 words and pass/fail."""
    points = sum(n * weights.get(severity, 0) for severity, n in counts.items())
    per_1000: float | None = round(points * 1000 / words, 2) if words else 0.0
    if not words and points:
        per_1000 = None  # errors in a text without words: nothing to divide by, a fail
    passed = per_1000 is not None and per_1000 <= threshold
    return Verdict(points, words, per_1000, threshold, passed)
