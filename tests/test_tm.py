"""What a memory lookup searches the n-gram index for (pure: no database)."""

import pytest

from reviews import tm


@pytest.mark.parametrize(
    ("text", "probes"),
    [
        # CJK: every character trigram, punctuation included (the index holds it too).
        ("浙江省两会开幕。", ["浙江省", "江省两", "省两会", "两会开", "会开幕", "开幕。"]),
        # Other scripts: the longest words, no stop words, no trigrams of them.
        ("The reform of the province.", ["province", "reform"]),
        (
            "The province added 21,000 new jobs for graduates in Hangzhou last year.",
            ["graduates", "hangzhou", "province", "added"],
        ),
        # Too short for any probe: the lookup falls back to the length window.
        ("确定", []),
        ("OK", []),
        # Trigrams across a CJK/Latin boundary, never across a space.
        ("5G 网络", []),
        ("5G网络覆盖", ["5g网", "g网络", "网络覆", "络覆盖"]),
    ],
)
def test_probes(text, probes):
    assert tm.probes(tm.normalise(text)) == probes


def test_long_texts_are_thinned_out_evenly():
    key = tm.normalise("浙江省数字化改革" * 20)
    probes = tm.probes(key)
    assert len(probes) == len(set(probes)) <= tm.MAX_PROBES
    long_key = tm.normalise("".join(chr(0x4E00 + i) for i in range(200)))
    probes = tm.probes(long_key)
    assert len(probes) == tm.MAX_PROBES
    assert probes[0] == long_key[:3] and long_key.index(probes[-1]) > 180  # the whole text


@pytest.mark.parametrize(
    ("text", "cjk"),
    [
        ("浙江省两会开幕。", True),
        ("2023年浙江省GDP增长", True),
        ("GDP of 浙江", False),
        ("OK", False),
    ],
)
def test_mostly_cjk(text, cjk):
    assert tm.mostly_cjk(tm.normalise(text)) is cjk
