"""The sped-up checks give exactly the issues of their original algorithms.

reference_checks.py keeps the checks as they were before the speed work; both run here
over the seed article, segments built like the QA benchmark's (TMX pairs with inline
codes and numbers, seed sentences, its 50-term glossary) and generated text full of the
cases the fast paths skip work on: quotes, brackets, blanks, repeated and capitalised
words, pinyin names, numbers, full-width forms, CJK, and the letters İ ı ſ K.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench import generate
from bench.cases import qa
from reviews.checks import CheckContext, GlossaryTerm, run_checks
from reviews.formats.sentences import sentence_spans
from tests.checks.reference_checks import REFERENCE_CHECKS

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "seed-zhejiang-two-sessions.en.txt"
GLOSSARY = qa.glossary()
TRICKY_GLOSSARY = (
    GlossaryTerm("浙运安", "Zheyun'an", forbidden=("Zhe Yunan", "Zheyunan")),
    GlossaryTerm("浙江省", "Zhejiang Province", forbidden=("Zhejiang",)),
    GlossaryTerm("中共", "CPC", forbidden=("Cpc",), case_sensitive=True),
    GlossaryTerm("浙里办", "Zheli Ban (浙里办)", forbidden=("(Zheli)",)),
    GlossaryTerm("苏黎世", "Zürich", forbidden=("Zurich",)),
    GlossaryTerm("两会", "two sessions", note="lowercase"),
    GlossaryTerm("状态", "state", forbidden=("ſtate",)),
    GlossaryTerm("二十国集团", "G20", case_sensitive=True),
    GlossaryTerm("浙政钉", "Zhezhengding", forbidden=("Zhe Zhengding",)),
    GlossaryTerm("", "", forbidden=("", "  ")),
)


def same_issues(ctx: CheckContext) -> None:
    assert run_checks(ctx) == run_checks(ctx, REFERENCE_CHECKS), (ctx.source, ctx.target)


def seed_texts() -> list[str]:
    lines = [line for line in SEED.read_text("utf-8").splitlines() if line.strip()]
    sentences = [line[a:b] for line in lines for a, b in sentence_spans(line, "en")]
    return lines + sentences


@pytest.mark.parametrize("glossary", [(), GLOSSARY, TRICKY_GLOSSARY])
def test_the_seed(glossary) -> None:
    for text in seed_texts():
        same_issues(CheckContext("", text, "zh-CN", "en", glossary=glossary))
        same_issues(CheckContext("浙运安上线。", text, "zh-CN", "en", glossary=glossary))


@pytest.fixture(scope="module")
def bench_segments(tmp_path_factory):
    generate_dir = tmp_path_factory.mktemp("bench-data")
    original, generate.DATA = generate.DATA, generate_dir
    try:
        path = generate.tmx(units=1_000)
    finally:
        generate.DATA = original
    return qa.segments(2_000, tmx=path)


def test_the_benchmark_segments(bench_segments) -> None:
    for segment in bench_segments:
        for glossary in (GLOSSARY, TRICKY_GLOSSARY):
            same_issues(
                CheckContext(segment.source, segment.target, "zh-CN", "en", glossary=glossary)
            )


WORDS = [
    "the", "The", "THE", "that", "a", "A", "enabling", "complex", "national", "Influential",
    "application", "Party", "Secretary", "of", "Do", "do", "it", "He", "said", "vitamin",
    "Zhejiang", "Zhejiang's", "Zhejiang’s", "Province", "Zhe", "Yunan", "Zheyun'an",
    "Zheyunan", "Zhezhizhi", "Zheli", "Fang", "Kun", "Song", "Xi'an", "Boruqiao", "Village",
    "Hangzhou", "Dao", "Li", "Change", "Panda", "Cpc", "CPC", "Zürich", "Zurich", "ſtate",
    "state", "İstanbul", "ıt", "KELVIN", "Ünal", "über", "twenty-one", "five", "hundred",
    "thousand", "January", "May", "21,000", "2.1", "12亿", "1.2", "billion", "2022", "G20",
    "5", "92.7%", "3rd", "１２", "％", "二〇二二", "三千五百", "两", "一万二千", "浙运安",
    "浙江", "浙里办", "两会", "“", "”", '"', "'", "’", "(", ")", "[", "]", "{", "}", "（",
    "）", "【", "】", "《", "》", "「", "」", "a)", "1)", "iv)", "<b>", "</b>", '<x id="1"/>',
    "⟨1⟩", "⟨/1⟩", "⟨2/⟩", "%s", "%(name)s", "{0}", "{name}", "{{", "}}", "https://x.org",
    "，", "。", "、", "_", "x_y", "σ", "ΣΑΣ", "Tang", "Tune",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", "  ", "\t", " \t", "\n", "", "-", ", ", ". ", "! ", " ,", " .", ": "]
texts = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=24).map(
    lambda parts: "".join(a + b for a, b in parts)
)
edges = st.sampled_from(["", "", " ", "\n", "\u3000", "\xa0", "\x1c"])


@settings(max_examples=500, deadline=None)
@given(
    source=st.one_of(st.just(""), texts),
    target=texts,
    lead=edges,
    trail=edges,
    glossary=st.sampled_from([(), GLOSSARY, TRICKY_GLOSSARY]),
    target_lang=st.sampled_from(["en", "en-GB", "fr", "de", "zh-CN"]),
    flags=st.sampled_from([frozenset(), frozenset({"python-format", "python-brace-format"})]),
)
def test_generated_text(source, target, lead, trail, glossary, target_lang, flags) -> None:
    same_issues(
        CheckContext(
            source, lead + target + trail, "zh-CN", target_lang, flags=flags, glossary=glossary
        )
    )
