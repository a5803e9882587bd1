"""The project glossary: required renderings and forbidden variants.

A forbidden variant is a known-wrong rendering ("Zhe Yunan" for 浙运安), so it is an
error wherever it appears, with or without a source. A missing rendering can only be
judged when the source is there to show that the term occurs.
"""

from __future__ import annotations

from collections.abc import Sequence

from .base import Check, CheckContext, Fix, GlossaryTerm, Issue, Severity, Span, term_spans
from .terms import TermMatches


def _find(needle: str, term: GlossaryTerm, text: str, found: TermMatches | None):
    """term_spans, or the same answer from a text's TermMatches when there is one."""
    if found is not None:
        return found.spans(needle, case_sensitive=term.case_sensitive)
    return term_spans(needle, text, case_sensitive=term.case_sensitive)


def rendering_spans(
    term: GlossaryTerm, text: str, found: TermMatches | None = None
) -> Sequence[Span]:
    if not term.rendering.strip():
        return []
    return _find(term.rendering, term, text, found)


def forbidden_spans(
    term: GlossaryTerm, variant: str, text: str, found: TermMatches | None = None
) -> list[Span]:
    """Where ``variant`` occurs outside a correct rendering.

    A forbidden "Zhejiang" must not fire inside the approved "Zhejiang Province".
    """
    if not variant.strip():
        return []
    spans = _find(variant, term, text, found)
    if not spans:
        return []
    allowed = rendering_spans(term, text, found)
    return [
        (start, end) for start, end in spans if not any(a <= start and end <= b for a, b in allowed)
    ]


def source_has_term(term: GlossaryTerm, source: str, found: TermMatches | None = None) -> bool:
    if not term.source.strip():
        return False
    return bool(_find(term.source, term, source, found))


def _rendered(text: str, spans: list[Span], term: GlossaryTerm) -> Fix | None:
    """Every occurrence of a forbidden variant replaced by the approved rendering."""
    if not term.rendering.strip():
        return None
    return Fix.of(text, [(start, end, term.rendering) for start, end in sorted(spans)])


class GlossaryCheck(Check):
    check_id = "glossary"
    name = "Glossary"
    description = (
        "A glossary term of the source is rendered as the glossary says, and no forbidden "
        "variant appears in the target."
    )
    severity = Severity.ERROR

    def check(self, ctx: CheckContext) -> list[Issue]:
        issues: list[Issue] = []
        target = ctx.target_terms
        # Only terms with a forbidden variant that may be in the target, or a source term
        # that may be in the source, can have an issue; in glossary order, as before.
        owners = target.owners("forbidden")
        source = ctx.source_terms if ctx.has_source else None
        if source is not None:
            owners = sorted({*owners, *source.owners()})
        for i in owners:
            term = ctx.glossary[i]
            forbidden_used = False
            for variant in term.forbidden:
                spans = forbidden_spans(term, variant, ctx.target, target)
                if spans:
                    forbidden_used = True
                    issues.append(
                        self.issue(
                            f'Forbidden variant "{variant}" used; the glossary renders '
                            f'"{term.source}" as "{term.rendering}"',
                            tuple(spans),
                            fix=_rendered(ctx.target, spans, term),
                        )
                    )
            if (
                source is not None
                and not forbidden_used  # one term, one issue: the error says it all
                and term.rendering.strip()
                and source_has_term(term, ctx.source, source)
                and not rendering_spans(term, ctx.target, target)
            ):
                issues.append(
                    self.issue(
                        f'Glossary term "{term.source}" should be rendered as "{term.rendering}"'
                        + (f" ({term.note})" if term.note else ""),
                        severity=Severity.WARNING,
                    )
                )
        return issues
