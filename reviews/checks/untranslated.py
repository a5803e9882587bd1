"""Text that was never translated: the whole segment, or CJK characters left inside it.

An MT engine passes through what it cannot handle, so a segment identical to its source,
or Han characters in an English sentence, are the cheapest sure signs of a miss.
"""

from __future__ import annotations

import re

from .base import (
    CJK_CHARS,
    CJK_RE,
    Check,
    CheckContext,
    Issue,
    Severity,
    language_base,
)
from .placeholders import TAG_RE

# What may legitimately stay the same: URLs, e-mail addresses, placeholders and tags
# (once they are gone, a source without letters has nothing to translate).
NOT_WORDS_RE = re.compile(
    r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?[a-zA-Z%]"
    r"|\{[^{}]*\}|" + TAG_RE.pattern
)
# Han, kana and Hangul, plus the ideographic punctuation (、。「」【】《》) and full-width
# forms (，：？) that an English text should not contain either.
CJK_RUN_RE = re.compile(f"[{CJK_CHARS}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]+")


class SameAsSourceCheck(Check):
    check_id = "same-as-source"
    name = "Unchanged translation"
    description = "The target is identical to the source (numbers, URLs and codes aside)."
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if not ctx.has_source or ctx.source.strip() != ctx.target.strip():
            return []
        if language_base(ctx.source_lang) == language_base(ctx.target_lang):
            return []  # en -> en-GB: most segments legitimately stay as they are
        if not any(ch.isalpha() for ch in NOT_WORDS_RE.sub("", ctx.source)):
            return []  # "2022", "https://example.org", "%s": nothing to translate
        return [self.issue("Translation is identical to the source")]


class CjkLeftCheck(Check):
    check_id = "cjk-left"
    name = "Untranslated CJK text"
    description = "Chinese, Japanese or Korean characters left in a target of another script."
    severity = Severity.WARNING

    def check(self, ctx: CheckContext) -> list[Issue]:
        if ctx.target_is_cjk:
            return []
        issues = []
        if not CJK_RUN_RE.search(ctx.target):
            return issues
        found = ctx.target_terms  # only terms that may occur in the target can approve
        approved = [  # a glossary may keep the original in brackets: "Zheli Ban (浙里办)"
            span
            for term in (ctx.glossary[i] for i in found.owners("rendering"))
            if term.rendering.strip()
            for span in found.spans(term.rendering, case_sensitive=term.case_sensitive)
        ]
        for m in CJK_RUN_RE.finditer(ctx.target):
            if any(a <= m.start() and m.end() <= b for a, b in approved):
                continue
            if CJK_RE.search(m.group()):
                message = f'CJK text "{m.group()}" left untranslated'
            else:
                message = f'Full-width punctuation "{m.group()}" in a {ctx.target_lang} text'
            issues.append(self.issue(message, (m.span(),)))
        return issues
