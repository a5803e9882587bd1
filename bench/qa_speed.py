"""How fast QA runs: the pure checks over 10,000 seed sentences, with and without a
glossary. Run: python bench/qa_speed.py [N]. Prints seconds and segments per second."""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reviews.checks import CheckContext, GlossaryTerm, run_checks  # noqa: E402
from reviews.formats.sentences import sentence_spans  # noqa: E402

SEED = ROOT / "fixtures" / "seed-zhejiang-two-sessions.en.txt"


def sentences() -> list[str]:
    out = []
    for line in SEED.read_text(encoding="utf-8").split("\n"):
        if line.strip():
            out += [line[a:b] for a, b in sentence_spans(line, "en")]
    return out


def main(n: int = 10_000) -> None:
    seed = sentences()
    texts = [seed[i % len(seed)] for i in range(n)]
    glossary = tuple(
        GlossaryTerm(f"术语{i}", f"Term{i} Rendering", forbidden=(f"Bad{i} Variant",))
        for i in range(50)
    ) + (GlossaryTerm("浙运安", "Zheyun'an", forbidden=("Zhe Yunan",)),)
    for label, terms in (("no glossary", ()), ("51 glossary terms", glossary)):
        start = time.perf_counter()
        issues = sum(
            len(run_checks(CheckContext("", t, "zh-CN", "en", glossary=terms))) for t in texts
        )
        seconds = time.perf_counter() - start
        print(
            f"run_checks over {n:,} seed sentences ({label}): {seconds:.2f} s, "
            f"{n / seconds:,.0f} segments/s, {issues:,} issues"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
