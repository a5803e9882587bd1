"""Readable differences between two texts: words for English-like text, characters for
CJK. Pure: strings in, escaped HTML out (every token goes through ``escape``)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .formats.sentences import is_cjk

_WORDS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str, lang: str) -> list[str]:
    if is_cjk(lang):
        return list(text)
    return _WORDS.findall(text)


def diff_html(old: str, new: str, lang: str) -> SafeString:
    """``new`` with deletions from ``old`` in <del> and insertions in <ins>."""
    a, b = tokens(old, lang), tokens(new, lang)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
