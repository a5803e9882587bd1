"""QA checks: a registry of small pure checks, run over one segment at a time.

Services call :func:`run_checks` with a :class:`CheckContext`; nothing here touches the
database. A unit can switch a check off with the Weblate-style flag ``ignore-<check_id>``
(for example ``ignore-romanized-name`` on a list of names the glossary does not cover).
"""

from __future__ import annotations

from .base import Check, CheckContext, Fix, GlossaryTerm, Issue, Severity
from .fragments import FragmentCheck, HeadlineLeadCheck, SentenceStartCheck, SpliceCheck
from .glossary import GlossaryCheck
from .linebreaks import LineBreaksCheck
from .literal import LiteralRenderingCheck
from .names import RomanizedNameCheck
from .numbers import NumbersCheck
from .placeholders import InlineTagsCheck, PlaceholdersCheck
from .punctuation import BracketsCheck, QuotesCheck, WhitespaceCheck
from .untranslated import CjkLeftCheck, SameAsSourceCheck
from .words import RepeatedWordsCheck, StrayCapitalCheck

CHECKS: tuple[Check, ...] = (
    NumbersCheck(),
    PlaceholdersCheck(),
    InlineTagsCheck(),
    LineBreaksCheck(),
    GlossaryCheck(),
    LiteralRenderingCheck(),
    SameAsSourceCheck(),
    CjkLeftCheck(),
    QuotesCheck(),
    BracketsCheck(),
    WhitespaceCheck(),
    RepeatedWordsCheck(),
    StrayCapitalCheck(),
    RomanizedNameCheck(),
    FragmentCheck(),
    SentenceStartCheck(),
    SpliceCheck(),
    HeadlineLeadCheck(),
)
CHECKS_BY_ID: dict[str, Check] = {check.check_id: check for check in CHECKS}


def run_checks(ctx: CheckContext, checks: tuple[Check, ...] = CHECKS) -> list[Issue]:
    """Every issue of one segment, worst first, then in reading order.

    An empty target is untranslated, not wrong: it gets no issues (the workflow state
    already says it needs work).
    """
    if not ctx.target.strip():
        return []
    ignored = {flag.removeprefix("ignore-") for flag in ctx.flags if flag.startswith("ignore-")}
    issues = [
        issue for check in checks if check.check_id not in ignored for issue in check.check(ctx)
    ]
    return sorted(issues, key=_reading_order)


def _reading_order(issue: Issue) -> tuple[int, int, str]:
    position = issue.spans[0][0] if issue.spans else -1  # whole-segment issues first
    return (issue.severity.rank, position, issue.check)


__all__ = [
    "CHECKS",
    "CHECKS_BY_ID",
    "Check",
    "CheckContext",
    "Fix",
    "GlossaryTerm",
    "Issue",
    "Severity",
    "run_checks",
]
