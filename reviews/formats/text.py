"""Plain text: the translation, optionally with a paragraph-aligned source file.

A paragraph is a non-blank line. Each paragraph is split into sentences; with a source,
sentences are paired when both sides have the same number, otherwise the paragraph is
one pair. Everything between segments (indentation, blank lines, line endings, a missing
final newline, a BOM) is kept in the skeleton's ``gaps``, so rendering the unedited
segments gives back the imported bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .base import (
    ExportOptions,
    ExportUnit,
    Format,
    FormatError,
    ParsedFile,
    ProgressCallback,
    Unit,
    decode_text,
    encode_text,
)
from .sentences import sentence_spans

_LINE = re.compile(r"([^\r\n]*)(\r\n|\r|\n|$)")
MAX_PARAGRAPH_CHARS = 200_000  # one line longer than this is not a paragraph to review
PROGRESS_EVERY = 50  # paragraphs between progress reports (sentence splitting is the cost)


def _paragraph_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, without its indentation and line ending."""
    lines = []
    for match in _LINE.finditer(text):
        line = match.group(1)
        if line.strip():
            start = match.start(1) + len(line) - len(line.lstrip())
            lines.append((start, match.start(1) + len(line.rstrip())))
        if not match.group(2):
            break
    return lines


def _refuse_enormous_lines(text: str, paragraphs: list[tuple[int, int]]) -> None:
    for start, end in paragraphs:
        if end - start > MAX_PARAGRAPH_CHARS:
            raise FormatError(
                f"a line of {end - start:,} characters; lines may have at most "
                f"{MAX_PARAGRAPH_CHARS:,} (is this really a text file?)",
                line=text.count("\n", 0, start) + 1,
            )


class TextFormat(Format):
    name = "text"
    label = "Plain text"
    extensions = (".txt", ".text", ".md")
    media_type = "text/plain; charset=utf-8"
    supports_source_file = True
    reports_progress = True
    progress_unit = "paragraphs"

    def sniff(self, data: bytes) -> bool:
        return b"\x00" not in data[:4096]

    def parse(
        self,
        data: bytes,
        *,
        source_data: bytes | None = None,
        source_lang: str,
        target_lang: str,
        progress: ProgressCallback | None = None,
    ) -> ParsedFile:
        decoded = decode_text(data)
        text = decoded.text
        paragraphs = _paragraph_lines(text)
        _refuse_enormous_lines(text, paragraphs)
        sources: list[str] | None = None
        if source_data is not None:
            try:
                source_text = decode_text(source_data).text
            except FormatError as exc:
                raise FormatError(f"source file: {exc.describe()}") from None
            sources = [source_text[a:b] for a, b in _paragraph_lines(source_text)]
            if len(sources) != len(paragraphs):
                raise FormatError(
                    f"mismatched paragraph counts: the source has {len(sources)} paragraphs "
                    f"(non-blank lines) but the translation has {len(paragraphs)}"
                )

        units: list[Unit] = []
        gaps: list[str] = []
        cursor = 0
        for index, (start, end) in enumerate(paragraphs):
            if progress is not None and index % PROGRESS_EVERY == 0:
                progress(index, len(paragraphs))
            spans = [
                (start + a, start + b) for a, b in sentence_spans(text[start:end], target_lang)
            ]
            if sources is not None:
                source_spans = sentence_spans(sources[index], source_lang)
                if len(source_spans) == len(spans):
                    pairs = [sources[index][a:b] for a, b in source_spans]
                else:  # sentence counts differ: pair the whole paragraphs
                    spans = [(start, end)]
                    pairs = [sources[index]]
            else:
                pairs = [""] * len(spans)
            for (a, b), source in zip(spans, pairs, strict=True):
                gaps.append(text[cursor:a])
                # "sentences" tells the sentence checks a headline (a paragraph of one
                # sentence, the key left out) from a fragment of a longer paragraph.
                meta = {"paragraph": index} if len(spans) == 1 else {
                    "paragraph": index, "sentences": len(spans)
                }  # fmt: skip
                units.append(Unit(source=source, target=text[a:b], meta=meta))
                cursor = b
        gaps.append(text[cursor:])
        if progress is not None:
            progress(len(paragraphs), len(paragraphs))
        skeleton = {"encoding": decoded.encoding, "bom": decoded.bom, "gaps": gaps}
        return ParsedFile(units=units, skeleton=skeleton)

    def render(
        self,
        skeleton: dict[str, Any],
        units: Iterable[ExportUnit],
        *,
        source_lang: str,
        target_lang: str,
        options: ExportOptions,
    ) -> bytes:
        gaps, units = skeleton["gaps"], list(units)
        if len(gaps) != len(units) + 1:
            raise FormatError(f"the stored layout has {len(gaps) - 1} segments, not {len(units)}")
        out = [gaps[0]]
        for unit, gap in zip(units, gaps[1:], strict=True):
            # Approved-only publishes reviewed text; the rest stays as it was imported.
            text = unit.mt if options.approved_only and unit.state != "approved" else unit.target
            out.append(text)
            out.append(gap)
        return encode_text("".join(out), skeleton["encoding"], skeleton["bom"])
