"""Bar charts as geometry for server-side SVG: numbers in, rectangles out.

Pure module. The template draws each bar as a <rect> with attributes (no inline styles,
so a strict Content-Security-Policy holds) and escapes every label.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 150  # room for the labels left of horizontal bars
ROW = 26
BAR = 18


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    display: str
    y: int
    width: float  # in SVG user units; 0 draws no visible bar
    text_y: int


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    value_x: float

    @property
    def empty(self) -> bool:
        return not any(bar.value for bar in self.bars)


def bar_chart(title: str, data: Sequence[tuple[str, float]], *, unit: str = "") -> BarChart:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    largest = max((value for _label, value in data), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 60  # leave space for the value after the longest bar
    bars = tuple(
        Bar(
            label=label,
            value=value,
            display=f"{value:g}{unit}",
            y=i * ROW + (ROW - BAR) // 2,
            width=round(room * value / largest, 2),
            text_y=i * ROW + ROW // 2 + 5,
        )
        for i, (label, value) in enumerate(data)
    )
    return BarChart(title, bars, WIDTH, max(ROW * len(bars), ROW), LABEL_WIDTH, LABEL_WIDTH + 6)
