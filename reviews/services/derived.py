"""What follows from a change of segment text. Services call ``segments_text_changed``
wherever text is written (one segment, a bulk action, an import), inside their
transaction; everything derived from the text is kept current from here."""

from __future__ import annotations

from collections.abc import Iterable

from ..models import Segment
from .scoring import segments_measure


def segments_text_changed(segments: Iterable[Segment]) -> None:
    segments_measure(segments)
