"""Shared fixtures for the post-editing metrics tests (no Django needed)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
import sacrebleu

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed-zhejiang-two-sessions.en.txt"

Pairs = Sequence[tuple[str, str]]

# sacrebleu's TER searches shifts; on long, heavily reordered segments it takes seconds
# (a 92-word MT vs. a 61-word reordered edit: ~3 s), for sacrebleu and for us alike. Only
# reorder shorter segments so the suite stays fast; test_long_reordered_segment covers one.
SWAP_MAX_WORDS = 40


def _fix_names(text: str) -> str:
    return text.replace("Zhe Yunan", "Zheyun'an")


def _delete_words(text: str) -> str:
    words = text.split()
    return " ".join(w for i, w in enumerate(words) if i % 3 != 1)


def _swap_words(text: str) -> str:
    words = text.split()
    if len(words) > SWAP_MAX_WORDS:
        return text
    for i in range(0, len(words) - 1, 4):
        words[i], words[i + 1] = words[i + 1], words[i]
    return " ".join(words)


def _post_edit(i: int, mt: str) -> tuple[str, str]:
    """A synthetic (mt, target) pair: the MT as imported and a human 'post-edit' of it."""
    kind = i % 7
    if kind == 0:
        return mt, mt  # accepted unchanged
    if kind == 1:
        return mt, _delete_words(_fix_names(mt))
    if kind == 2:
        return mt, _swap_words(_fix_names(mt))
    if kind == 3:
        return mt, ""  # target cleared
    if kind == 4:
        return mt, _fix_names(_swap_words(_delete_words(mt)))
    if kind == 5:
        return "", mt  # no MT for this segment
    return mt, _fix_names(mt).upper() if i % 2 else _fix_names(mt)


def seed_sentences() -> list[str]:
    """The seed article split crudely: per line, then on '. '."""
    text = SEED.read_text(encoding="utf-8")
    return [s for line in text.splitlines() if line.strip() for s in line.split(". ")]


@pytest.fixture(scope="session")
def seed_pairs() -> list[tuple[str, str]]:
    pairs = [_post_edit(i, s) for i, s in enumerate(seed_sentences())]
    # Make sure the interesting cases are really there.
    assert any(mt == tgt for mt, tgt in pairs)
    assert any(tgt == "" for _, tgt in pairs)
    assert any(mt == "" for mt, _ in pairs)
    assert any("Zheyun'an" in tgt for _, tgt in pairs)
    assert any(mt != tgt and sorted(mt.split()) == sorted(tgt.split()) for mt, tgt in pairs)
    return pairs


@pytest.fixture(scope="session")
def seed_chunks() -> list[tuple[str, str]]:
    """Even cruder segments: the whole file split on '. ' only, so some span paragraphs."""
    text = SEED.read_text(encoding="utf-8")
    return [_post_edit(i, s) for i, s in enumerate(text.split(". "))]


@pytest.fixture(scope="session")
def sacre_corpus() -> Callable[..., tuple[float, float, float]]:
    """(bleu, chrf++, ter) exactly as sacrebleu's corpus functions compute them."""

    def compute(pairs: Pairs, tokenize: str = "13a") -> tuple[float, float, float]:
        hyps = [mt for mt, _ in pairs]
        refs = [[tgt for _, tgt in pairs]]
        return (
            sacrebleu.corpus_bleu(hyps, refs, tokenize=tokenize).score,
            sacrebleu.corpus_chrf(hyps, refs, word_order=2).score,
            sacrebleu.corpus_ter(hyps, refs).score,
        )

    return compute


@pytest.fixture(scope="session")
def sacre_sentence() -> Callable[..., tuple[float, float, float]]:
    """(bleu, chrf++, ter) exactly as sacrebleu's sentence functions compute them."""

    def compute(mt: str, target: str, tokenize: str = "13a") -> tuple[float, float, float]:
        return (
            sacrebleu.sentence_bleu(mt, [target], tokenize=tokenize).score,
            sacrebleu.sentence_chrf(mt, [target], word_order=2).score,
            sacrebleu.sentence_ter(mt, [target]).score,
        )

    return compute
