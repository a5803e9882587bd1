"""The project glossary: required renderings and forbidden variants.

A forbidden variant is a known-wrong rendering ("Zhe Yunan" for 浙运安), so it is an
error wherever it appears, with or without a source. A missing rendering can only be
judged when the source is there to show that the term occurs.
"""

from __future__ import annotations

from .base import Check, CheckContext, GlossaryTerm, Issue, Severity, Span, term_spans


def rendering_spans(term: GlossaryTerm, text: str) -> list[Span]:
    if not term.rendering.strip():
        return []
    return term_spans(term.rendering, text, case_sensitive=term.case_sensitive)


def forbidden_spans(term: GlossaryTerm, variant: str, text: str) -> list[Span]:
    """Where ``variant`` occurs outside a correct rendering.

    A forbidden "Zhejiang" must not fire inside the approved "Zhejiang Province".
    """
    if not variant.strip():
        return []
    found = term_spans(variant, text, case_sensitive=term.case_sensitive)
    if not found:
        return []
    allowed = rendering_spans(term, text)
    return [
        (start, end) for start, end in found if not any(a <= start and end <= b for a, b in allowed)
    ]


def source_has_term(term: GlossaryTerm, source: str) -> bool:
    if not term.source.strip():
        return False
    return bool(term_spans(term.source, source, case_sensitive=term.case_sensitive))


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
        for term in ctx.glossary:
            for variant in term.forbidden:
                spans = forbidden_spans(term, variant, ctx.target)
                if spans:
                    issues.append(
                        self.issue(
                            f'Forbidden variant "{variant}" used; the glossary renders '
                            f'"{term.source}" as "{term.rendering}"',
                            tuple(spans),
                        )
                    )
            if (
                ctx.has_source
                and term.rendering.strip()
                and source_has_term(term, ctx.source)
                and not rendering_spans(term, ctx.target)
            ):
                issues.append(
                    self.issue(
                        f'Glossary term "{term.source}" should be rendered as "{term.rendering}"'
                        + (f" ({term.note})" if term.note else ""),
                        severity=Severity.WARNING,
                    )
                )
        return issues
