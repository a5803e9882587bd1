"""The text adapter: lossless round trips, sentence pairing, refusals."""

import pytest

from reviews.formats import ExportOptions, ExportUnit, FormatError, format_by_name
from tests.conftest import SEED

TEXT = format_by_name("text")


def parse(data: bytes, source: bytes | None = None, source_lang="zh-CN", target_lang="en"):
    return TEXT.parse(data, source_data=source, source_lang=source_lang, target_lang=target_lang)


def render(parsed, targets=None, states=None, approved_only=False) -> bytes:
    units = [
        ExportUnit(
            source=u.source,
            target=(targets or {}).get(i, u.target),
            mt=u.target,
            state=(states or {}).get(i, "new"),
        )
        for i, u in enumerate(parsed.units)
    ]
    return TEXT.render(
        parsed.skeleton,
        units,
        source_lang="zh-CN",
        target_lang="en",
        options=ExportOptions(approved_only=approved_only),
    )


def test_seed_round_trips_byte_for_byte():
    data = SEED.read_bytes()
    parsed = parse(data)
    assert render(parsed) == data
    assert not data.endswith(b"\n")
    # 32 paragraphs, split into sentences: more segments than paragraphs.
    assert len({u.meta["paragraph"] for u in parsed.units}) == 32
    assert len(parsed.units) > 32
    assert all(u.target == u.target.strip() for u in parsed.units)
    assert any(u.target.startswith("Zhu Hengyi said") for u in parsed.units)


@pytest.mark.parametrize(
    "data",
    [
        b"  One. Two!\r\n\r\n\tThree?  \r\n",
        b"no final newline. At all",
        b"\xef\xbb\xbfWith a BOM. Second sentence.\n\n\n",
        "Curly “quotes”. And ‘more’.\r".encode(),
        "UTF-16 text. Two.\n".encode("utf-16"),
        b"\n\n  Leading blank lines.\n   \n  trailing spaces on a blank line.   ",
    ],
)
def test_layout_is_kept(data):
    assert render(parse(data)) == data


def test_one_edit_changes_only_that_sentence():
    data = SEED.read_bytes()
    parsed = parse(data)
    index = next(i for i, u in enumerate(parsed.units) if "Zhe Yunan" in u.target)
    edited = parsed.units[index].target.replace("Zhe Yunan", "Zheyun'an")
    out = render(parsed, targets={index: edited})
    assert out == data.replace(b'"Zhe Yunan"', b'"Zheyun\'an"')


def test_bilingual_crlf_pairs_sentences_and_round_trips():
    source = "浙江两会开幕。代表们发言！\r\n\r\n数字化改革。\r\n".encode()
    target = b"The Zhejiang two sessions opened. Deputies spoke!\r\n\r\n  Digital reform.\r\n"
    parsed = parse(target, source)
    assert [(u.source, u.target) for u in parsed.units] == [
        ("浙江两会开幕。", "The Zhejiang two sessions opened."),
        ("代表们发言！", "Deputies spoke!"),
        ("数字化改革。", "Digital reform."),
    ]
    assert render(parsed) == target


def test_paragraph_pairs_when_sentence_counts_differ():
    source = "他说：“我们会做到。”然后离开了。\n".encode()
    target = b"He said he would do it and left.\n"
    parsed = parse(target, source)
    assert [(u.source, u.target) for u in parsed.units] == [
        ("他说：“我们会做到。”然后离开了。", "He said he would do it and left.")
    ]


def test_chinese_closing_quote_stays_with_its_sentence():
    source = "他说：“好。”她笑了！\n".encode()
    target = b'He said: "Good." She laughed!\n'
    parsed = parse(target, source)
    assert [u.source for u in parsed.units] == ["他说：“好。”", "她笑了！"]


def test_approved_only_keeps_unapproved_text_as_imported():
    parsed = parse(b"First one. Second one.")
    out = render(
        parsed,
        targets={0: "First fixed.", 1: "Second fixed."},
        states={0: "approved", 1: "translated"},
        approved_only=True,
    )
    assert out == b"First fixed. Second one."


@pytest.mark.parametrize(
    ("data", "source", "problem"),
    [
        (b"", None, "the file is empty"),
        (b"  \n\n \r\n", None, "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary file"),
        (b"fine line\nbad \xff\xfe byte\n", None, "line 2: bytes that are not valid UTF-8"),
        (b"One.\n\nTwo.\n", "一。\n".encode(), "mismatched paragraph counts"),
        (b"One.\n", b"\xff\xfe\x00", "source file"),
    ],
)
def test_bad_files_are_refused_with_the_problem(data, source, problem):
    with pytest.raises(FormatError) as caught:
        parse(data, source)
    assert problem in str(caught.value)


def test_long_paragraphs_are_split_in_linear_time_and_round_trip():
    paragraph = 'A sentence about Zhejiang reform. "Quoted!" ' * 2000
    data = f"  {paragraph.strip()}\n\nShort one.".encode()
    parsed = parse(data)
    assert len(parsed.units) == 4001
    assert parsed.units[1].target == '"Quoted!"'
    assert render(parsed) == data


def test_an_enormous_line_is_refused_with_its_line_number():
    data = b"Fine.\n" + b"x" * 250_000 + b"\n"
    with pytest.raises(FormatError, match="line 2: a line of 250,000 characters"):
        parse(data)
