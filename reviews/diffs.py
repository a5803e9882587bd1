"""Readable differences between two texts: words for English-like text, characters for
CJK. Pure: strings in, escaped HTML out (every token goes through ``escape``)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.utils.safestring import SafeString, mark_safe

from .formats.sentences import is_cjk
from .highlight import escaped

_WORDS = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)


def tokens(text: str, lang: str) -> list[str]:
    if is_cjk(lang):
        return list(text)
    return _WORDS.findall(text)


def diff_html(old: str, new: str, lang: str) -> SafeString:
    """``new`` with deletions from ``old`` in <del> and insertions in <ins>; line breaks
    are shown as marks (a break added or dropped is a change the reader must see)."""
    a, b = tokens(old, lang), tokens(new, lang)
    out: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escaped("".join(a[i1:i2]), breaks=True))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escaped(''.join(a[i1:i2]), breaks=True)}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escaped(''.join(b[j1:j2]), breaks=True)}</ins>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
