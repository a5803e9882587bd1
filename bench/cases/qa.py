"""QA speed: the checks over 10,000 segments."""

from __future__ import annotations

from pathlib import Path

from bench.support import row, timed


def qa_10k():
    from reviews.checks import CheckContext, run_checks
    from reviews.formats.sentences import sentence_spans

    seed = (
        Path(__file__).resolve().parents[2] / "fixtures" / "seed-zhejiang-two-sessions.en.txt"
    ).read_text()
    sentences = [line[a:b] for line in seed.splitlines() for a, b in sentence_spans(line, "en")]
    contexts = [
        CheckContext(
            source="", target=sentences[i % len(sentences)], source_lang="zh-CN", target_lang="en"
        )
        for i in range(10_000)
    ]
    value_s, _ = timed(lambda: [run_checks(c) for c in contexts])
    return [row("qa_10k", value_s, "s", None, 2, ratio_target=False)]
