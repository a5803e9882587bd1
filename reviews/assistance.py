"""What the assistance panel shows for one segment: a read, composed of the memory, the
glossary and the stored QA results (the views call :func:`segment_assistance`).

- the MT and the source, to copy into the box;
- the best memory matches of the whole project, numbered (the page inserts match n
  with Alt+Shift+n);
- the glossary terms that occur in the segment, with their approved rendering;
- the open QA issues grouped by check, each with its quick fix when the check knows
  one, and whether this user may dismiss the check; the checks dismissed for the
  current text, with who dismissed them and why.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import selectors, tm
from .checks import CHECKS_BY_ID, CheckContext, GlossaryTerm
from .checks.glossary import forbidden_spans, rendering_spans, source_has_term
from .models import Segment
from .services.qa import dismissals_in_force
from .states import QaLevel, can_edit, can_review

ASSIST_MATCHES = 5  # memory matches listed (Alt+Shift+1..9 could insert up to 9)
VISIBLE_BLANKS = str.maketrans({" ": "␣", "\t": "⇥", "\n": "↵", "\u3000": "␣"})


@dataclass(frozen=True)
class GlossaryEntry:
    term: GlossaryTerm
    in_source: bool  # the source term occurs in the source
    rendered: bool  # the approved rendering occurs in the target
    forbidden: tuple[str, ...]  # the forbidden variants that occur in the target


@dataclass(frozen=True)
class QuickFix:
    find: str  # what it replaces in the target, blanks made visible
    replace: str  # what it puts there, blanks made visible

    @property
    def label(self) -> str:
        if not self.find:
            return f"insert “{self.replace}”"
        if not self.replace:
            return f"delete “{self.find}”"
        return f"“{self.find}” → “{self.replace}”"


@dataclass(frozen=True)
class OpenIssue:
    index: int  # among the open issues of its check: what segment_apply_fix takes
    severity: str
    message: str
    fix: QuickFix | None


@dataclass(frozen=True)
class CheckIssues:
    check: str
    name: str
    severity: str  # the worst of its issues
    issues: tuple[OpenIssue, ...]
    may_dismiss: bool
    reason_required: bool  # an error: dismissed by a reviewer, with a reason


@dataclass(frozen=True)
class Assistance:
    segment: Segment
    may_edit: bool
    matches: tuple[tuple[int, tm.Match], ...]  # (number from 1, match)
    glossary: tuple[GlossaryEntry, ...]
    checks: tuple[CheckIssues, ...]
    dismissed: tuple[dict, ...]  # Segment.qa_dismissed entries, with the check's name
    qa_pending: bool
    fixes: int  # how many quick fixes are offered


def glossary_in_segment(
    source: str, target: str, glossary: tuple[GlossaryTerm, ...]
) -> list[GlossaryEntry]:
    """The terms whose source occurs in the source, or whose rendering or a forbidden
    variant occurs in the target (pure; the checks' term index finds them)."""
    if not glossary:
        return []
    ctx = CheckContext(source, target, "", "", glossary=glossary)
    found = []
    for i in sorted({*ctx.source_terms.owners(), *ctx.target_terms.owners()}):
        term = glossary[i]
        in_source = source_has_term(term, source, ctx.source_terms)
        rendered = bool(rendering_spans(term, target, ctx.target_terms))
        forbidden = tuple(
            v for v in term.forbidden if forbidden_spans(term, v, target, ctx.target_terms)
        )
        if in_source or rendered or forbidden:
            found.append(GlossaryEntry(term, in_source, rendered, forbidden))
    return found


def visible(text: str) -> str:
    """Blanks a reader could not see made visible: all of a text of blanks, or those at
    its edges ("␣the" for a repeated word's fix); the spaces between words stay."""
    core = text.strip()
    if not core:
        return text.translate(VISIBLE_BLANKS)
    start = text.index(core)
    head, tail = text[:start], text[start + len(core) :]
    return head.translate(VISIBLE_BLANKS) + core + tail.translate(VISIBLE_BLANKS)


def _quick_fix(target: str, fix: dict | None) -> QuickFix | None:
    if not fix:
        return None
    return QuickFix(visible(target[fix["start"] : fix["end"]]), visible(fix["replace"]))


def open_checks(segment: Segment, *, may_edit: bool, reviewer: bool) -> list[CheckIssues]:
    """The stored open issues, grouped by check in the order they are listed (worst
    first), each numbered within its check as the services count them."""
    grouped: dict[str, list[dict]] = {}
    for result in segment.qa or ():
        grouped.setdefault(result["check"], []).append(result)
    checks = []
    for check, results in grouped.items():
        error = any(r["severity"] == QaLevel.ERROR for r in results)
        issues = tuple(
            OpenIssue(i, r["severity"], r["message"], _quick_fix(segment.target, r.get("fix")))
            for i, r in enumerate(results)
        )
        found = CHECKS_BY_ID.get(check)
        checks.append(
            CheckIssues(
                check=check,
                name=found.name if found else check,
                severity=results[0]["severity"],
                issues=issues,
                may_dismiss=may_edit and (reviewer or not error),
                reason_required=error,
            )
        )
    return checks


def segment_assistance(*, segment: Segment, role: str) -> Assistance:
    """``segment`` comes with its document and project (``selectors.segment_for_member``)."""
    document = segment.document
    may_edit = (
        document.archived_at is None and not segment.read_only and can_edit(role, segment.state)
    )
    glossary = selectors.project_glossary(project=document.project)
    pending = segment.qa_level == QaLevel.PENDING
    checks = [] if pending else open_checks(segment, may_edit=may_edit, reviewer=can_review(role))
    dismissed = () if pending else tuple(dismissals_in_force(segment))
    matches = selectors.memory_matches(segment=segment, limit=ASSIST_MATCHES)
    return Assistance(
        segment=segment,
        may_edit=may_edit,
        matches=tuple(enumerate(matches, start=1)),
        glossary=tuple(glossary_in_segment(segment.source, segment.target, glossary)),
        checks=tuple(checks),
        dismissed=tuple(
            {**d, "name": getattr(CHECKS_BY_ID.get(d["check"]), "name", d["check"])}
            for d in dismissed
        ),
        qa_pending=pending,
        fixes=sum(1 for c in checks for i in c.issues if i.fix),
    )
