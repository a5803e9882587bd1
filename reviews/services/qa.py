"""Stored QA results: every service that changes a segment's text calls
:func:`segments_assign_qa` on the segments before it saves them.

The checks themselves are pure (``reviews.checks``); this module feeds them the project's
glossary and the unit's flags, and writes the results into ``Segment.qa`` with the
denormalised ``qa_level`` and ``qa_checks`` used by filters and counts.

A check can be dismissed for one segment (``services.segment_dismiss_check``): the
dismissal holds for the text it was made on (``Segment.qa_dismissed``, with a digest of
that text), so every recomputation keeps it while the target is the same (a glossary
re-check, a check job) and drops it once the target changes. A dismissed check's
issues are left out of ``qa`` and of what is counted from it.

The checks cost about 0.1-0.2 ms a segment. Above ``QA_INLINE_MAX`` segments an import
does not wait for them: it stores the segments ``pending`` (``segments_mark_pending``)
and a check job (services/check_jobs.py) runs them in the background. A pending
segment is never approved unchecked: approval runs its checks first.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from django.db.models import Q

from .. import checks
from ..checks.names import standalone_names
from ..models import Project, Segment
from ..selectors import approved_names, glossary_for_checks
from ..states import QaLevel

QA_FIELDS = ["qa", "qa_level", "qa_checks", "qa_dismissed"]
QA_INLINE_MAX = 5_000  # segments whose checks an import (or re-import) runs itself


def _flags(segment: Segment) -> frozenset[str]:
    flags = (segment.meta or {}).get("flags") or ()
    if isinstance(flags, str):
        flags = flags.replace(",", " ").split()
    return frozenset(str(flag).strip() for flag in flags if str(flag).strip())


def _paragraph_alone(segment: Segment) -> bool | None:
    """A text import records how many sentences a paragraph split into (formats/text.py);
    other formats do not say."""
    meta = segment.meta or {}
    if "paragraph" not in meta:
        return None
    return meta.get("sentences", 1) == 1


def qa_results(
    segment: Segment,
    *,
    project: Project,
    glossary: tuple[checks.GlossaryTerm, ...],
    names: frozenset[str] = frozenset(),
) -> list[dict]:
    return [_stored(issue) for issue in _issues(segment, project, glossary, names)]


def _issues(
    segment: Segment,
    project: Project,
    glossary: tuple[checks.GlossaryTerm, ...],
    names: frozenset[str],
    key: tuple | None = None,
) -> list[checks.Issue]:
    source, target, mt, flags, alone = key or _inputs(segment)
    return checks.run_checks(
        checks.CheckContext(
            source=source,
            target=target,
            source_lang=project.source_lang,
            target_lang=project.target_lang,
            flags=flags,
            glossary=glossary,
            mt=mt,
            paragraph_alone=alone,
            approved_names=names,
        )
    )


def _inputs(segment: Segment) -> tuple:
    """Everything of a segment its checks read: equal inputs, equal issues (the checks
    are pure, and the project, glossary and names are those of the whole batch)."""
    return (
        segment.source,
        segment.target,
        segment.mt or "",
        _flags(segment),
        _paragraph_alone(segment),
    )


def _stored(issue: checks.Issue) -> dict:
    result = {
        "check": issue.check,
        "severity": issue.severity.value,
        "message": issue.message,
        "spans": [list(span) for span in issue.spans],
    }
    if issue.fix is not None:
        result["fix"] = issue.fix.to_json()
    return result


def text_digest(text: str) -> str:
    """What a dismissal remembers of the text it was made on."""
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


# Dismissals a segment remembers, its current text's and earlier texts' together: the
# oldest of earlier texts go first.
DISMISSALS_KEPT = 20


def dismissals_with(segment: Segment, dismissal: dict) -> list[dict]:
    """The segment's dismissals with ``dismissal`` added (replacing one of the same check
    on the same text), at most ``DISMISSALS_KEPT``, the current text's kept first."""
    others = [
        d
        for d in segment.qa_dismissed or ()
        if (d.get("check"), d.get("text")) != (dismissal["check"], dismissal["text"])
    ]
    current = [d for d in others if d.get("text") == dismissal["text"]]
    earlier = [d for d in others if d.get("text") != dismissal["text"]]
    room = max(0, DISMISSALS_KEPT - len(current) - 1)
    kept = earlier[len(earlier) - room :] if room else []
    return [*kept, *current, dismissal]


def dismissals_in_force(segment: Segment) -> list[dict]:
    """The segment's dismissals that hold for its current text."""
    dismissed = segment.qa_dismissed
    if not dismissed:
        return []
    digest = text_digest(segment.target)
    return [d for d in dismissed if d.get("text") == digest]


def worst_level(results: Iterable[dict]) -> str:
    severities = {r["severity"] for r in results}
    for level in (QaLevel.ERROR, QaLevel.WARNING, QaLevel.INFO):
        if level.value in severities:
            return level.value
    return QaLevel.NONE.value


def names_approved_for(segments: Sequence, *, project: Project) -> frozenset[str]:
    """The romanized names of these segments (or units: anything with a ``target``) that
    the project has approved: one query for the few that have such a name, none for the
    others."""
    if project.pk is None:
        return frozenset()  # a project not stored (the benchmark) has approved nothing
    candidates = set().union(*(standalone_names(s.target) for s in segments if s.target))
    if not candidates:
        return frozenset()
    return approved_names(project_id=project.pk, candidates=candidates)


def segments_assign_qa(
    segments: Sequence[Segment],
    *,
    project: Project,
    glossary: tuple[checks.GlossaryTerm, ...] | None = None,
    names: frozenset[str] | None = None,
) -> None:
    """Recompute the QA fields of these segments in memory; the caller saves them
    (``QA_FIELDS``) with the rest of its change, so a change costs no extra UPDATE.

    ``names`` are the romanized names the project approved (``approved_names``); found
    for these segments when not given."""
    if not segments:
        return
    if glossary is None:
        glossary = glossary_for_checks(project_id=project.pk)
    if names is None:
        names = names_approved_for(segments, project=project)
    # Repetitions (a dateline, a recurring sentence, a re-imported version's unchanged
    # segments) are checked once per batch; each segment still gets its own results.
    seen: dict[tuple, list[checks.Issue]] = {}
    for segment in segments:
        key = _inputs(segment)
        issues = seen.get(key)
        if issues is None:
            issues = seen[key] = _issues(segment, project, glossary, names, key)
        results = [_stored(issue) for issue in issues]
        if segment.qa_dismissed:  # most segments have none: no digest to make
            # Dismissals of earlier texts are kept (an undo brings such a text back,
            # and its dismissals with it); only those of the current text count.
            gone = {d["check"] for d in dismissals_in_force(segment)}
            results = [r for r in results if r["check"] not in gone]
        segment.qa = results
        segment.qa_level = worst_level(results)
        fired = sorted({r["check"] for r in results})
        segment.qa_checks = f" {' '.join(fired)} " if fired else ""


def qa_values(segment: Segment, as_json) -> tuple:
    """The segment's ``QA_FIELDS`` in that order, for a statement that writes rows
    below the ORM; ``as_json`` makes a JSON field's value into what the database takes."""
    dismissed = as_json(segment.qa_dismissed) if segment.qa_dismissed else None
    return as_json(segment.qa), segment.qa_level, segment.qa_checks, dismissed


def segments_mark_pending(segments: Iterable[Segment]) -> None:
    """In memory, before the caller stores them: these segments' checks have not run
    yet (a check job runs them; see ``services.job_enqueue_check``)."""
    for segment in segments:
        segment.qa, segment.qa_level, segment.qa_checks = [], QaLevel.PENDING, ""


def segments_qa_defer(segments) -> int:
    """The stored counterpart: mark a queryset of segments pending in one UPDATE (a
    re-check of a big project, before its check jobs run). Returns how many."""
    return segments.update(qa=[], qa_level=QaLevel.PENDING, qa_checks="")


def segments_check_pending(segments: Sequence[Segment], *, project: Project) -> list[Segment]:
    """Run the checks of those of these segments that are pending and save their
    results; returns them. For approvals: unchecked text is never approved."""
    pending = [s for s in segments if s.qa_level == QaLevel.PENDING]
    if pending:
        segments_assign_qa(pending, project=project)
        Segment.objects.bulk_update(pending, QA_FIELDS, batch_size=500)
    return pending


def segments_refresh_qa(*, project: Project, segments: Iterable[Segment] | None = None) -> int:
    """Recompute and save QA for the given segments (all the project's when None), e.g.
    after a glossary change. Returns how many segments' results changed."""
    glossary = glossary_for_checks(project_id=project.pk)
    names = approved_names(project_id=project.pk)  # read once, not once a segment
    if segments is None:
        segments = Segment.objects.filter(document__project=project).only(
            "id", "source", "target", "mt", "meta", *QA_FIELDS
        )
    changed, chunk = 0, []
    for segment in (
        segments.iterator(chunk_size=2000) if hasattr(segments, "iterator") else segments
    ):
        before = (segment.qa, segment.qa_level, segment.qa_dismissed)
        segments_assign_qa([segment], project=project, glossary=glossary, names=names)
        if (segment.qa, segment.qa_level, segment.qa_dismissed) != before:
            chunk.append(segment)
        if len(chunk) >= 1000:
            Segment.objects.bulk_update(chunk, QA_FIELDS)
            changed, chunk = changed + len(chunk), []
    if chunk:
        Segment.objects.bulk_update(chunk, QA_FIELDS)
        changed += len(chunk)
    return changed


def segments_recheck_names(*, project_id: int, approved: Sequence[Segment]) -> int:
    """Once segments are approved (and in the memory), re-check the project's segments
    whose romanized-name results may name one of their names: a name a reviewer
    approved is never suspect again in the project. The approved segments given are
    updated in memory too. Returns how many segments were re-checked."""
    names = set().union(*(standalone_names(s.target) for s in approved if s.target))
    if not names:
        return 0
    project = Project.objects.get(pk=project_id)
    match = Q()
    for name in names:
        for spelling in {name, name.replace("'", "’")}:
            match |= Q(target__icontains=spelling)
    given = {s.pk: s for s in approved if s.qa_checks and " romanized-name " in s.qa_checks}
    stale = list(given.values()) + list(
        Segment.objects.filter(document__project_id=project_id)
        .filter(qa_checks__contains=" romanized-name ")
        .filter(match)
        .exclude(pk__in=[s.pk for s in approved])
        .only("id", "source", "target", "mt", "meta", *QA_FIELDS)
    )
    if stale:
        segments_assign_qa(stale, project=project)
        Segment.objects.bulk_update(stale, QA_FIELDS, batch_size=500)
    return len(stale)
