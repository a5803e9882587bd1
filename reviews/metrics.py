"""Post-editing metrics: HTER, HBLEU and HchrF++ from storable sufficient statistics.

The MT as imported is the *hypothesis*, the current human translation the *reference*.
For every segment we keep sacrebleu's own sufficient statistics (n-gram match counts,
lengths, edit counts), computed once when the segment changes and stored as JSON.
Document and project scores are then obtained by summing those vectors and handing the
sums to sacrebleu's own scoring code, so they are identical (not merely close) to
``sacrebleu.corpus_bleu(hyps, [refs])``, ``corpus_chrf(..., word_order=2)`` and
``corpus_ter`` over the same segments, without re-tokenising anything.

Pure module: strings in, small JSON-serialisable dataclasses out. It imports no Django.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from sacrebleu.metrics import BLEU, CHRF, TER
from sacrebleu.version import __version__ as SACREBLEU_VERSION

__all__ = [
    "SACREBLEU_VERSION",
    "STATS_VERSION",
    "CorpusScores",
    "SegmentScores",
    "SegmentStats",
    "StaleStatsError",
    "bleu_for",
    "corpus_scores",
    "corpus_scores_from_texts",
    "segment_scores",
    "segment_stats",
    "signatures_for",
    "stats_are_current",
    "tokenize_for",
]

# Bump whenever the layout or meaning of the stored vectors changes. Stored stats whose
# version (or sacrebleu version) differs are rejected by SegmentStats.from_json, so the
# caller recomputes them from the segment's texts.
STATS_VERSION = 1

DEFAULT_TOKENIZE = "13a"  # sacrebleu's default BLEU tokenizer
# Tokenizers we may choose. 'ja-mecab' / 'ko-mecab' need MeCab, which is not installed,
# so Japanese and Korean targets fall back to 13a (sacrebleu would pick mecab).
SUPPORTED_TOKENIZE = frozenset({"13a", "zh"})
# Primary language subtags whose BLEU is computed with the 'zh' tokenizer.
_ZH_LANGS = frozenset({"zh", "cmn", "yue", "lzh", "wuu"})

_BLEU_ORDER = 4  # sacrebleu's MAX_NGRAM_ORDER default
_CHRF_CHAR_ORDER = 6
_CHRF_WORD_ORDER = 2  # chrF++
BLEU_STATS_LEN = 2 + 2 * _BLEU_ORDER  # [hyp_len, ref_len, correct x4, total x4]
CHRF_STATS_LEN = 3 * (_CHRF_CHAR_ORDER + _CHRF_WORD_ORDER)  # [hyp, ref, match] per order
TER_STATS_LEN = 2  # [num_edits, ref_length]


class StaleStatsError(ValueError):
    """Stored statistics that cannot be used as they are: recompute them from the texts.

    Raised for another STATS_VERSION or sacrebleu version, for a corpus mixing BLEU
    tokenizers, or for stats tokenized differently from the requested target language.
    """


# ---------------------------------------------------------------------------------------
# Metric singletons. Constructing sacrebleu metrics is not free (tokenizer imports), and
# `get_signature()` only works once a metric has seen references, so every object is
# primed once through sacrebleu's public corpus_score path.


def _primed(metric: Any) -> Any:
    metric.corpus_score(["a"], [["a"]])  # sets num_refs=1, which the signature needs
    return metric


_CHRF = _primed(CHRF(char_order=_CHRF_CHAR_ORDER, word_order=_CHRF_WORD_ORDER))
_TER = _primed(TER())


def tokenize_for(lang: str | None) -> str:
    """The BLEU tokenizer for a target language code ('zh', 'zh-Hans', 'zh_CN' -> 'zh')."""
    if lang:
        primary = lang.strip().replace("_", "-").split("-", 1)[0].lower()
        if primary in _ZH_LANGS:
            return "zh"
    return DEFAULT_TOKENIZE


@cache
def _bleu(tokenize: str, sentence: bool) -> BLEU:
    if tokenize not in SUPPORTED_TOKENIZE:
        raise ValueError(f"unsupported BLEU tokenizer {tokenize!r}")
    # Corpus BLEU: sacrebleu.corpus_bleu defaults (exp smoothing, no effective order).
    # Sentence BLEU: sacrebleu.sentence_bleu defaults (exp smoothing, effective order).
    return _primed(BLEU(tokenize=tokenize, effective_order=sentence))


def bleu_for(lang: str | None = None, *, sentence: bool = False) -> BLEU:
    """The cached BLEU metric for a target language (corpus or sentence-level settings).

    Both settings share the same tokenizer, hence the same sufficient statistics; they
    differ only in how a score is computed from them.
    """
    return _bleu(tokenize_for(lang), sentence)


@cache
def _signatures(tokenize: str) -> tuple[tuple[str, str], ...]:
    return (
        ("bleu", str(_bleu(tokenize, False).get_signature())),
        ("chrf", str(_CHRF.get_signature())),
        ("ter", str(_TER.get_signature())),
    )


def signatures_for(lang: str | None = None) -> dict[str, str]:
    """sacrebleu signatures of the corpus metrics, e.g. 'nrefs:1|case:mixed|eff:no|...'."""
    return dict(_signatures(tokenize_for(lang)))


# ---------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class SegmentStats:
    """sacrebleu sufficient statistics of one (mt, target) pair.

    bleu: [hyp_len, ref_len, correct_1..4, total_1..4] (BLEU._compute_segment_statistics)
    chrf: [n_hyp, n_ref, n_match] for char orders 1..6, then word orders 1..2
    ter:  [num_edits, ref_length]
    tokenize: the BLEU tokenizer the bleu vector was computed with.
    """

    bleu: list[int]
    chrf: list[int]
    ter: list[float]
    tokenize: str = DEFAULT_TOKENIZE

    def to_json(self) -> dict[str, Any]:
        return {
            "v": STATS_VERSION,
            "sacrebleu": SACREBLEU_VERSION,
            "tok": self.tokenize,
            "bleu": list(self.bleu),
            "chrf": list(self.chrf),
            "ter": list(self.ter),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SegmentStats:
        """Rebuild stats stored by to_json; StaleStatsError if they must be recomputed."""
        if not isinstance(data, Mapping):
            raise TypeError(f"stored stats must be a mapping, not {type(data).__name__}")
        if not stats_are_current(data):
            raise StaleStatsError(
                f"stats version {data.get('v')!r}/sacrebleu {data.get('sacrebleu')!r}, "
                f"expected {STATS_VERSION}/{SACREBLEU_VERSION}"
            )
        try:
            tokenize = data["tok"]
            bleu = [int(x) for x in data["bleu"]]
            chrf = [int(x) for x in data["chrf"]]
            ter = [float(x) for x in data["ter"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"malformed stored stats: {exc}") from exc
        if (
            tokenize not in SUPPORTED_TOKENIZE
            or len(bleu) != BLEU_STATS_LEN
            or len(chrf) != CHRF_STATS_LEN
            or len(ter) != TER_STATS_LEN
        ):
            raise ValueError("malformed stored stats: wrong tokenizer or vector length")
        return cls(bleu=bleu, chrf=chrf, ter=ter, tokenize=tokenize)


def stats_are_current(data: Mapping[str, Any] | None) -> bool:
    """Whether stored stats JSON was written by this STATS_VERSION and sacrebleu version."""
    return (
        isinstance(data, Mapping)
        and data.get("v") == STATS_VERSION
        and data.get("sacrebleu") == SACREBLEU_VERSION
    )


@dataclass(frozen=True)
class SegmentScores:
    """Sentence-level scores, 0-100 (TER can exceed 100)."""

    ter: float
    chrf: float
    bleu: float

    def to_json(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class CorpusScores:
    """Corpus-level scores, identical to sacrebleu's corpus functions over the segments."""

    bleu: float
    chrf: float
    ter: float
    signatures: dict[str, str]
    segments: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# ---------------------------------------------------------------------------------------
# Computation


def segment_stats(mt: str, target: str, target_lang: str | None = None) -> SegmentStats:
    """Sufficient statistics for MT `mt` (hypothesis) post-edited into `target` (reference).

    Goes through each metric's `_extract_corpus_statistics`, i.e. exactly the code path of
    sacrebleu's corpus_score, for a one-segment corpus; an unchanged MT is counted
    directly (`_unchanged_stats`).
    """
    if not isinstance(mt, str) or not isinstance(target, str):
        raise TypeError("segment_stats takes two strings (mt, target)")
    tokenize = tokenize_for(target_lang)
    if mt == target:
        return _unchanged_stats(target, tokenize)
    hyps, refs = [mt], [[target]]
    bleu = _bleu(tokenize, False)._extract_corpus_statistics(hyps, refs)[0]
    chrf = _CHRF._extract_corpus_statistics(hyps, refs)[0]
    num_edits, ref_len = _TER._extract_corpus_statistics(hyps, refs)[0]
    return SegmentStats(
        bleu=[int(x) for x in bleu],
        chrf=[int(x) for x in chrf],
        ter=[float(num_edits), float(ref_len)],
        tokenize=tokenize,
    )


def _ngram_count(length: int, n: int) -> int:
    """How many n-grams a sequence of ``length`` items has (sacrebleu's range bounds)."""
    return max(0, length - n + 1)


def _unchanged_stats(text: str, tokenize: str) -> SegmentStats:
    """The statistics of a hypothesis identical to its reference, without matching.

    Most segments of an import are still their MT. When hypothesis and reference are the
    same string, sacrebleu tokenises both alike, so every n-gram matches itself: each
    order's hypothesis, reference and matched counts are all the number of n-grams of
    the one token sequence, and TER needs no edit. Only the sequence lengths are
    computed, with each metric's own preprocessing; tests/metrics checks the vectors
    against sacrebleu's on the seed and on generated text.
    """
    bleu_metric = _bleu(tokenize, False)
    words = len(bleu_metric._preprocess_segment(text).split())  # extract_all_word_ngrams
    counts = [_ngram_count(words, n) for n in range(1, _BLEU_ORDER + 1)]
    chrf_text = _CHRF._preprocess_segment(text)
    # extract_all_char_ngrams drops whitespace unless the metric keeps it
    chars = len(chrf_text if _CHRF.whitespace else "".join(chrf_text.split()))
    chrf_words = len(_CHRF._remove_punctuation(chrf_text))
    chrf: list[int] = []
    for length, order in ((chars, _CHRF_CHAR_ORDER), (chrf_words, _CHRF_WORD_ORDER)):
        for n in range(1, order + 1):
            chrf += [_ngram_count(length, n)] * 3  # [hyp, ref, match]
    # TER's reference length is its own tokenisation of the reference, as in
    # _extract_corpus_statistics; skipping its shift search was most of an import's cost.
    ref_len = len(_TER._preprocess_segment(text).split())
    return SegmentStats(
        bleu=[words, words, *counts, *counts],
        chrf=chrf,
        ter=[0.0, float(ref_len)],
        tokenize=tokenize,
    )


def segment_scores(stats: SegmentStats) -> SegmentScores:
    """Sentence-level TER / chrF++ / BLEU, equal to sacrebleu's sentence_* functions.

    BLEU uses sacrebleu.sentence_bleu's defaults: 'exp' smoothing with effective order.
    """
    return SegmentScores(
        ter=_TER._compute_score_from_stats(list(stats.ter)).score,
        chrf=_CHRF._compute_score_from_stats(list(stats.chrf)).score,
        bleu=_bleu(stats.tokenize, True)._compute_score_from_stats(list(stats.bleu)).score,
    )


def _column_sums(vectors: list[Any], width: int, zero: int | float) -> list[Any]:
    if not vectors:
        return [zero] * width
    try:
        sums = [sum(column, zero) for column in zip(*vectors, strict=True)]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"malformed stats vectors: {exc}") from exc
    if len(sums) != width:
        raise ValueError(f"stats vectors of length {len(sums)}, expected {width}")
    return sums


def _unpack(item: SegmentStats | Mapping[str, Any]) -> tuple[Any, Any, Any, Any]:
    """(tokenize, bleu, chrf, ter) without building a SegmentStats: the hot path for
    thousands of stored dicts. Vector contents are checked when they are summed."""
    if isinstance(item, SegmentStats):
        return item.tokenize, item.bleu, item.chrf, item.ter
    if not stats_are_current(item):
        SegmentStats.from_json(item)  # raises the appropriate error
    try:
        return item["tok"], item["bleu"], item["chrf"], item["ter"]
    except KeyError as exc:
        raise ValueError(f"malformed stored stats: missing {exc}") from exc


def corpus_scores(
    stats: Iterable[SegmentStats | Mapping[str, Any]], target_lang: str | None = None
) -> CorpusScores:
    """Corpus BLEU / chrF++ / TER from per-segment stats (SegmentStats or their JSON).

    Sums the vectors and lets sacrebleu score the sums, as its corpus_score does. An empty
    corpus (which sacrebleu itself cannot score) gives 0.0 for every metric.
    `target_lang`, if given, must agree with the stats' BLEU tokenizer; it also picks the
    BLEU signature of an empty corpus.
    """
    rows = [_unpack(item) for item in stats]
    tokenizers = {row[0] for row in rows}
    if not tokenizers <= SUPPORTED_TOKENIZE:
        raise ValueError(f"malformed stored stats: tokenizers {tokenizers}")
    if len(tokenizers) > 1:
        raise StaleStatsError(f"stats computed with different BLEU tokenizers: {tokenizers}")
    expected = tokenize_for(target_lang) if target_lang is not None else None
    tokenize = tokenizers.pop() if tokenizers else (expected or DEFAULT_TOKENIZE)
    if expected is not None and tokenize != expected:
        raise StaleStatsError(
            f"stats tokenized with {tokenize!r}; {target_lang!r} needs {expected!r}"
        )

    bleu = _column_sums([row[1] for row in rows], BLEU_STATS_LEN, 0)
    chrf = _column_sums([row[2] for row in rows], CHRF_STATS_LEN, 0)
    ter = _column_sums([row[3] for row in rows], TER_STATS_LEN, 0.0)
    return CorpusScores(
        bleu=_bleu(tokenize, False)._compute_score_from_stats(bleu).score,
        chrf=_CHRF._compute_score_from_stats(chrf).score,
        ter=_TER._compute_score_from_stats(ter).score,
        signatures=dict(_signatures(tokenize)),
        segments=len(rows),
    )


def corpus_scores_from_texts(
    pairs: Iterable[tuple[str, str]], target_lang: str | None = None
) -> CorpusScores:
    """Corpus scores straight from (mt, target) pairs; tokenises everything, so slower."""
    return corpus_scores(
        [segment_stats(mt, target, target_lang) for mt, target in pairs], target_lang
    )
