"""Diffs shown to reviewers: word-level for English, character-level for CJK, escaped."""

import pytest

from reviews.diffs import diff_html


@pytest.mark.parametrize(
    ("old", "new", "lang", "expected"),
    [
        (
            "Zhe Yunan online",
            "Zheyun'an online",
            "en",
            "<del>Zhe Yunan</del><ins>Zheyun&#x27;an</ins> online",
        ),
        ("same text", "same text", "en", "same text"),
        ("a b", "a c", "en", "a <del>b</del><ins>c</ins>"),
        ("浙运安上线", "浙运安已上线", "zh-CN", "浙运安<ins>已</ins>上线"),
        ("<b>", "<script>", "en", "&lt;<del>b</del><ins>script</ins>&gt;"),
    ],
)
def test_diff_html(old, new, lang, expected):
    assert diff_html(old, new, lang) == expected
