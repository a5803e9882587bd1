"""Corpus scores aggregated from stored stats equal sacrebleu's corpus functions exactly."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.metrics import (
    CorpusScores,
    SegmentStats,
    StaleStatsError,
    corpus_scores,
    corpus_scores_from_texts,
    segment_scores,
    segment_stats,
    signatures_for,
)


def _scores(result: CorpusScores) -> tuple[float, float, float]:
    return result.bleu, result.chrf, result.ter


def _stored(pairs, target_lang=None) -> list[dict]:
    """Stats as they come back from a JSONField: dumped and loaded again."""
    return json.loads(json.dumps([segment_stats(m, t, target_lang).to_json() for m, t in pairs]))


def test_seed_document_equals_sacrebleu(seed_pairs, sacre_corpus):
    result = corpus_scores(segment_stats(m, t) for m, t in seed_pairs)
    assert result.segments == len(seed_pairs)
    assert _scores(result) == sacre_corpus(seed_pairs)
    assert 0 < result.bleu < 100 and 0 < result.chrf < 100 and result.ter > 0


def test_seed_document_from_stored_json_equals_sacrebleu(seed_pairs, sacre_corpus):
    result = corpus_scores(_stored(seed_pairs))
    assert _scores(result) == sacre_corpus(seed_pairs)


def test_seed_chunks_spanning_paragraphs(seed_chunks, sacre_corpus):
    assert any("\n" in mt for mt, _ in seed_chunks)
    assert _scores(corpus_scores_from_texts(seed_chunks)) == sacre_corpus(seed_chunks)


@pytest.mark.parametrize("size", [2, 3, 5, 11])
def test_seed_sub_documents(seed_pairs, sacre_corpus, size):
    for start in range(0, len(seed_pairs), size):
        chunk = seed_pairs[start : start + size]
        assert _scores(corpus_scores_from_texts(chunk)) == sacre_corpus(chunk), chunk


def test_every_one_segment_corpus(seed_pairs, sacre_corpus):
    for pair in seed_pairs:
        assert _scores(corpus_scores_from_texts([pair])) == sacre_corpus([pair]), pair


def test_long_reordered_segment(seed_pairs, sacre_corpus):
    long = [mt for mt, _ in seed_pairs if 50 < len(mt.split()) < 70]
    words = long[0].split()
    target = " ".join(words[10:30] + words[:10] + words[30:])  # a moved clause
    pairs = [(long[0], target), seed_pairs[1]]
    assert _scores(corpus_scores_from_texts(pairs)) == sacre_corpus(pairs)


def test_all_identical_is_perfect(seed_pairs, sacre_corpus):
    pairs = [(mt, mt) for mt, _ in seed_pairs if mt]
    result = corpus_scores_from_texts(pairs)
    assert _scores(result) == sacre_corpus(pairs)
    # sacrebleu's own float arithmetic gives 100.00000000000004 for BLEU here.
    assert (result.bleu, result.chrf, result.ter) == pytest.approx((100.0, 100.0, 0.0))


@pytest.mark.parametrize(
    "pairs",
    [
        [("some machine output", "")],
        [("", "a human translation")],
        [("", "")],
        [("", ""), ("", "")],
        [("   ", "  \t")],
        [("a b c", ""), ("", "a b c")],
        [("The MT.", ""), ("", ""), ("The MT.", "The MT.")],
        [("short", "a much longer human reference sentence than the MT")],
        [("one two three four five six", "one two")],
        [("Zhe Yunan", "ZHE YUNAN")],
        [("x", "x"), ("", "y")],
    ],
    ids=lambda p: repr(p)[:40],
)
def test_edge_cases_equal_sacrebleu(pairs, sacre_corpus):
    assert _scores(corpus_scores_from_texts(pairs)) == sacre_corpus(pairs)
    assert _scores(corpus_scores(_stored(pairs))) == sacre_corpus(pairs)


def test_chinese_target_uses_zh_tokenizer(sacre_corpus):
    pairs = [
        ("浙江数字化改革取得成效。", "浙江数字化改革取得了显著成效。"),
        ("共同富裕示范区", "共同富裕示范区"),
        ("“浙里防疫”", "“浙里防疫”上线"),
        ("", "浙运安"),
    ]
    result = corpus_scores(_stored(pairs, "zh-CN"), target_lang="zh-CN")
    assert _scores(result) == sacre_corpus(pairs, tokenize="zh")
    assert "tok:zh" in result.signatures["bleu"]
    assert _scores(corpus_scores_from_texts(pairs, "zh")) == sacre_corpus(pairs, tokenize="zh")
    # With 13a the whole CJK run is one token: a different (and worse) BLEU.
    assert corpus_scores_from_texts(pairs).bleu == sacre_corpus(pairs)[0]
    assert corpus_scores_from_texts(pairs).bleu != result.bleu


def test_empty_corpus_scores_zero():
    result = corpus_scores([])
    assert (result.bleu, result.chrf, result.ter, result.segments) == (0.0, 0.0, 0.0, 0)
    assert result.signatures == signatures_for(None)
    assert corpus_scores([], target_lang="zh").signatures == signatures_for("zh")


def test_mixed_tokenizers_are_rejected():
    en = segment_stats("a b", "a c")
    zh = segment_stats("我们", "我", "zh")
    with pytest.raises(StaleStatsError):
        corpus_scores([en, zh])
    with pytest.raises(StaleStatsError):
        corpus_scores([en], target_lang="zh-Hans")
    corpus_scores([zh], target_lang="zh-Hans")  # agrees: fine


def test_mismatched_vector_lengths_are_rejected():
    good = segment_stats("a b", "a c")
    bad = SegmentStats(bleu=good.bleu[:-1], chrf=good.chrf, ter=good.ter)
    with pytest.raises(ValueError):
        corpus_scores([good, bad])
    with pytest.raises(ValueError):
        corpus_scores([bad])


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"v": 0}, StaleStatsError),
        ({"sacrebleu": "1.5.1"}, StaleStatsError),
        ({"tok": "ja-mecab"}, ValueError),
        ({"bleu": [1, 2]}, ValueError),
        ({"chrf": ["1"] * 24}, ValueError),
        ({"ter": None}, ValueError),
    ],
)
def test_bad_stored_dicts_are_rejected(change, error):
    good = segment_stats("a b c", "a c").to_json()
    with pytest.raises(error):
        corpus_scores([good, {**good, **change}])
    missing = dict(good)
    del missing["chrf"]
    with pytest.raises(ValueError):
        corpus_scores([good, missing])
    with pytest.raises(TypeError):
        corpus_scores([good, ["not", "a", "mapping"]])


def test_corpus_scores_are_json_serialisable(seed_pairs):
    data = corpus_scores_from_texts(seed_pairs[:4]).to_json()
    assert json.loads(json.dumps(data)) == data
    assert set(data["signatures"]) == {"bleu", "chrf", "ter"}


VOCAB = [
    "the", "the", "a", "of", "Zhejiang", "Zhe", "Yunan", "Zheyun'an", "reform", "Reform",
    "digital", "92.7%", "21,000", "yuan", ",", ".", "Wealth", "together.", '"number"',
    "“Common", "Prosperity”", "(Finish)", "-", "Do", "it", "well", "浙江", "改革",
]  # fmt: skip

words = st.lists(st.sampled_from(VOCAB), max_size=14)
pair = st.tuples(words, words).map(lambda p: (" ".join(p[0]), " ".join(p[1])))


@settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(pairs=st.lists(pair, min_size=1, max_size=8), zh=st.booleans())
def test_random_corpora_equal_sacrebleu(pairs, zh, sacre_corpus, sacre_sentence):
    lang = "zh" if zh else None
    tokenize = "zh" if zh else "13a"
    stats = [segment_stats(m, t, lang) for m, t in pairs]
    assert _scores(corpus_scores(stats)) == sacre_corpus(pairs, tokenize=tokenize)
    restored = [SegmentStats.from_json(json.loads(json.dumps(s.to_json()))) for s in stats]
    assert restored == stats
    assert _scores(corpus_scores(restored)) == sacre_corpus(pairs, tokenize=tokenize)
    for (mt, target), one in zip(pairs, stats, strict=True):
        got = segment_scores(one)
        assert (got.bleu, got.chrf, got.ter) == sacre_sentence(mt, target, tokenize=tokenize)
