"""Line breaks shown as marks (issue 18, point 2): in the read-only source, behind the
translation box and in the changes from the MT; the text itself is untouched."""

import pytest

from reviews import diffs, highlight

LB = highlight.LINE_BREAK_MARK


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("one\ntwo", f"one{LB}\ntwo"),
        ("one\r\ntwo", f"one{LB}\r\ntwo"),
        ("one\n\ntwo\n", f"one{LB}\n{LB}\ntwo{LB}\n"),
        ("<b>\n", f"&lt;b&gt;{LB}\n"),  # escaped as ever
        ("no break", "no break"),
    ],
)
def test_breaks_are_marked_before_the_break(text: str, html: str) -> None:
    assert highlight.marked_html(text, [], breaks=True) == html


def test_breaks_inside_and_outside_marks() -> None:
    text = "Zhe\nYunan and\nmore"
    mark = highlight.Mark(0, 9, "qa qa-warning", 'a "title"\nwith a break')
    assert highlight.marked_html(text, [mark], breaks=True) == (
        '<mark class="qa qa-warning" title="a &quot;title&quot;\nwith a break">'
        f"Zhe{LB}\nYunan</mark> and{LB}\nmore"
    )


def test_without_breaks_nothing_changes() -> None:
    assert highlight.marked_html("one\ntwo", []) == "one\ntwo"


def test_the_changes_from_the_mt_show_a_break_added() -> None:
    assert diffs.diff_html("Wealth together.", "Wealth\ntogether.", "en") == (
        f"Wealth<del> </del><ins>{LB}\n</ins>together."
    )
