"""Sentence boundaries inside one paragraph, as character spans of the original text.

English (and the other languages pysbd knows) goes through pysbd; Chinese and Japanese
end a sentence at 。！？ (and ! ? …) plus any closing quotes or brackets that follow.
Spans never include the whitespace between sentences, so that whitespace stays in the
document's skeleton and an unedited export gives back the original bytes.
"""

from __future__ import annotations

import re
from functools import cache

import pysbd

_CJK_SENTENCE = re.compile(
    r"[^。！？!?…]+(?:[。！？!?…]+[”’」』）》)\]\"']*)?|[。！？!?…]+[”’」』）》)\]\"']*"
)
# pysbd's cost grows faster than linearly with paragraph length (0.3 s at 10,000
# characters, 23 s at 100,000); longer paragraphs are split by a plain linear rule.
PYSBD_MAX_CHARS = 5_000
_SIMPLE_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_PYSBD_LANGS = {
    "en", "hi", "mr", "es", "am", "ar", "el", "ru", "fa", "it", "hy", "ur", "pl",
    "de", "fr", "da", "my", "sk", "nl", "kk", "bg",
}  # fmt: skip


def primary_subtag(lang: str) -> str:
    return lang.replace("_", "-").split("-")[0].lower()


def is_cjk(lang: str) -> bool:
    return primary_subtag(lang) in {"zh", "ja", "ko", "yue"}


@cache
def _segmenter(lang: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=lang, clean=False)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the sentences in ``text``; the whole text when it cannot be split safely."""
    whole = _strip_span(text, 0, len(text))
    if whole is None:
        return []
    primary = primary_subtag(lang)
    if primary in {"zh", "ja", "yue"}:
        spans = [_strip_span(text, m.start(), m.end()) for m in _CJK_SENTENCE.finditer(text)]
        return [s for s in spans if s] or [whole]

    if len(text) > PYSBD_MAX_CHARS:
        return _simple_spans(text, whole)
    pieces = _segmenter(primary if primary in _PYSBD_LANGS else "en").segment(text)
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        # pysbd must only cut, never rewrite; if it did, or if it skipped non-space
        # text, keep the paragraph whole rather than lose a character.
        if start < 0 or text[cursor:start].strip():
            return [whole]
        spans.append((start, start + len(piece)))
        cursor = start + len(piece)
    if text[cursor:].strip() or not spans:
        return [whole]
    return spans


def _simple_spans(text: str, whole: tuple[int, int]) -> list[tuple[int, int]]:
    spans, start = [], whole[0]
    for match in _SIMPLE_SENTENCE_END.finditer(text, whole[0], whole[1]):
        span = _strip_span(text, start, match.end())
        if span:
            spans.append(span)
        start = match.end()
    last = _strip_span(text, start, whole[1])
    return spans + [last] if last else spans
