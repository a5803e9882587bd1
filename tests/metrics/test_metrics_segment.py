"""Per-segment stats and scores: sacrebleu's sentence functions, JSON storage, settings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import BLEU, CHRF, TER

from reviews import metrics
from reviews.metrics import (
    SACREBLEU_VERSION,
    STATS_VERSION,
    SegmentScores,
    SegmentStats,
    StaleStatsError,
    bleu_for,
    segment_scores,
    segment_stats,
    signatures_for,
    stats_are_current,
    tokenize_for,
)


def _triple(scores: SegmentScores) -> tuple[float, float, float]:
    return scores.bleu, scores.chrf, scores.ter


def test_seed_segment_scores_equal_sacrebleu_sentence_functions(seed_pairs, sacre_sentence):
    for mt, target in seed_pairs:
        got = segment_scores(segment_stats(mt, target))
        assert _triple(got) == sacre_sentence(mt, target), (mt, target)


@pytest.mark.parametrize(
    ("mt", "target"),
    [
        ("", ""),
        ("MT only", ""),
        ("", "human only"),
        ("a", "a"),
        ("a b", "b a"),
        ("The Zhe Yunan app.", "The Zheyun'an app."),
        ("Flood Prevention and Taiwan Prevention Online", "Flood and Typhoon Prevention Online"),
        ("identical sentence with five words", "identical sentence with five words"),
        ("CASE differs", "case differs"),
        ("trailing space   ", "trailing space"),
        ("line one\nline two", "line one line two"),
    ],
)
def test_segment_scores_edge_cases(mt, target, sacre_sentence):
    assert _triple(segment_scores(segment_stats(mt, target))) == sacre_sentence(mt, target)


def test_segment_scores_chinese(sacre_sentence):
    mt, target = "浙江数字化改革取得成效。", "浙江数字化改革取得了显著成效。"
    got = segment_scores(segment_stats(mt, target, "zh-CN"))
    assert _triple(got) == sacre_sentence(mt, target, tokenize="zh")


def test_sentence_bleu_uses_effective_order():
    # Two words: no 3- or 4-grams. Without effective order BLEU would be heavily smoothed.
    stats = segment_stats("good morning", "good morning")
    assert segment_scores(stats).bleu == pytest.approx(100.0)
    assert bleu_for(sentence=True).effective_order is True
    assert bleu_for().effective_order is False


def test_stats_vectors_match_sacrebleu_internals():
    mt, target = "The cat sat on the mat.", "The cat sat on a mat."
    stats = segment_stats(mt, target)
    assert stats.bleu == BLEU()._extract_corpus_statistics([mt], [[target]])[0]
    assert stats.chrf == CHRF(word_order=2)._extract_corpus_statistics([mt], [[target]])[0]
    assert stats.ter == [float(x) for x in TER()._extract_corpus_statistics([mt], [[target]])[0]]
    assert (len(stats.bleu), len(stats.chrf), len(stats.ter)) == (10, 24, 2)
    assert stats.tokenize == "13a"


def test_json_round_trip():
    stats = segment_stats("The “Zhe Yunan” app, 92.7%.", "The Zheyun'an app: 92.7%.")
    data = stats.to_json()
    assert data["v"] == STATS_VERSION and data["sacrebleu"] == SACREBLEU_VERSION
    assert stats_are_current(data)
    text = json.dumps(data)
    assert SegmentStats.from_json(json.loads(text)) == stats
    assert SegmentStats.from_json(data).to_json() == data
    zh = segment_stats("我们", "我", "zh")
    assert SegmentStats.from_json(json.loads(json.dumps(zh.to_json()))) == zh


@pytest.mark.parametrize("change", [{"v": STATS_VERSION + 1}, {"sacrebleu": "0.0.1"}, {"v": None}])
def test_stale_stats_are_rejected(change):
    data = {**segment_stats("a b", "a c").to_json(), **change}
    assert not stats_are_current(data)
    with pytest.raises(StaleStatsError):
        SegmentStats.from_json(data)


@pytest.mark.parametrize(
    "change",
    [
        {"bleu": [1, 2, 3]},
        {"chrf": None},
        {"ter": ["x", 1]},
        {"tok": "ja-mecab"},
    ],
)
def test_malformed_stats_are_rejected(change):
    data = {**segment_stats("a b", "a c").to_json(), **change}
    with pytest.raises(ValueError):
        SegmentStats.from_json(data)


def test_not_a_mapping():
    assert not stats_are_current(None)
    with pytest.raises(TypeError):
        SegmentStats.from_json([1, 2])  # type: ignore[arg-type]


def test_segment_stats_wants_strings():
    with pytest.raises(TypeError):
        segment_stats(None, "x")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("lang", "tokenize"),
    [
        (None, "13a"),
        ("", "13a"),
        ("en", "13a"),
        ("en-GB", "13a"),
        ("zh", "zh"),
        ("zh-CN", "zh"),
        ("zh_Hant_TW", "zh"),
        ("ZH-hans", "zh"),
        ("yue", "zh"),
        ("zha", "13a"),  # Zhuang, not Chinese
        ("ja", "13a"),  # ja-mecab is not installed
        ("ko", "13a"),
    ],
)
def test_tokenize_for(lang, tokenize):
    assert tokenize_for(lang) == tokenize
    assert bleu_for(lang).tokenizer_signature == tokenize


def test_metric_objects_are_cached():
    assert bleu_for("zh-CN") is bleu_for("zh")
    assert bleu_for() is bleu_for("de")
    assert bleu_for(sentence=True) is not bleu_for()


def _sacre_signature(metric):
    metric.corpus_score(["a b"], [["a c"]])
    return str(metric.get_signature())


def test_signatures_are_sacrebleus():
    v = SACREBLEU_VERSION
    assert signatures_for(None) == {
        "bleu": f"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:{v}",
        "chrf": f"nrefs:1|case:mixed|eff:yes|nc:6|nw:2|space:no|version:{v}",
        "ter": f"nrefs:1|case:lc|tok:tercom|norm:no|punct:yes|asian:no|version:{v}",
    }
    assert signatures_for(None) == {
        "bleu": _sacre_signature(BLEU()),
        "chrf": _sacre_signature(CHRF(word_order=2)),
        "ter": _sacre_signature(TER()),
    }
    assert signatures_for("zh")["bleu"] == _sacre_signature(BLEU(tokenize="zh"))


def test_module_does_not_import_django():
    root = Path(metrics.__file__).resolve().parents[1]
    code = "import sys, reviews.metrics; sys.exit('django' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], cwd=root, check=False)
    assert done.returncode == 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "a",
        "The Zhe Yunan app, 3.5% (up) — “quoted”.",
        "浙江数字化改革取得成效。",
        "x\ny  z",
    ],
)
def test_unchanged_mt_shortcut_equals_sacrebleu_ter(seed_pairs, text):
    # segment_stats skips TER's shift search when the target is the MT itself.
    for same in [text, *(mt for mt, _ in seed_pairs)]:
        expected = TER()._extract_corpus_statistics([same], [[same]])[0]
        assert segment_stats(same, same).ter == [float(x) for x in expected], same


def _sacrebleu_vectors(mt: str, target: str, tokenize: str) -> tuple[list, list, list]:
    """Every vector the long way: each metric's own _extract_corpus_statistics."""
    hyps, refs = [mt], [[target]]
    return (
        [int(x) for x in BLEU(tokenize=tokenize)._extract_corpus_statistics(hyps, refs)[0]],
        [int(x) for x in CHRF(word_order=2)._extract_corpus_statistics(hyps, refs)[0]],
        [float(x) for x in TER()._extract_corpus_statistics(hyps, refs)[0]],
    )


UNCHANGED = [
    "",
    " ",
    "\t\n ",
    "a",
    ".",
    "(hi)",
    "a b",
    "a b c d e f g",
    "The Zhe Yunan app, 3.5% (up) — “quoted”.",
    "trailing space   ",
    "x\ny  z",
    "Don't, won't; (yes) [no] {maybe} ...",
    "浙江数字化改革取得成效。",
    "浙江 数字化 改革",
    "Zhejiang 浙江 mixed 2022年",
]


@pytest.mark.parametrize("tokenize", ["13a", "zh"])
def test_unchanged_mt_stats_equal_sacrebleus_vectors(seed_pairs, tokenize):
    # segment_stats counts an unchanged MT's n-grams instead of matching them.
    lang = "zh" if tokenize == "zh" else "en"
    for text in [*UNCHANGED, *(mt for mt, _ in seed_pairs)]:
        stats = segment_stats(text, text, lang)
        assert (stats.bleu, stats.chrf, stats.ter) == _sacrebleu_vectors(text, text, tokenize)
        assert stats.tokenize == tokenize


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("ab Z.,;:!?()'\"“”—-\t\n\xa0浙江。，、0123456789%")),
        max_size=60,
    ),
    tokenize=st.sampled_from(["13a", "zh"]),
)
def test_generated_unchanged_mt_stats_equal_sacrebleus_vectors(text, tokenize):
    lang = "zh" if tokenize == "zh" else "en"
    stats = segment_stats(text, text, lang)
    assert (stats.bleu, stats.chrf, stats.ter) == _sacrebleu_vectors(text, text, tokenize)
