"""Memory matches come from every document of the project: by source when both texts
have one, otherwise by MT (the demo's seed is reviewed without a source)."""

import pytest

from reviews import selectors, services, tm

TEXT = b"The province added 21,000 new jobs for graduates in Hangzhou last year.\n"
SOURCE = "浙江省去年为高校毕业生新增两万一千个就业岗位。\n".encode()
OTHER_SOURCE = "杭州市去年的数字经济增长了百分之十二。\n".encode()
APPROVED = "The province created 21,000 jobs for graduates in Hangzhou last year."


def imported(project, users, *, source=None):
    document = services.document_import(
        project=project,
        data=TEXT,
        filename="twin.txt",
        user=users["manager"],
        source_data=source,
        source_filename="twin.zh.txt" if source else "",
    )
    return document.segments.get()


def approve(segment, users):
    services.segment_approve(
        segment=segment, reviewer=users["editor"], version=segment.version, target=APPROVED
    )


@pytest.mark.parametrize(
    ("source", "mt", "lookups"),
    [
        ("", "The Plan.", [("the plan.", "mt")]),
        ("浙江", "Zhejiang", [("浙江", "source"), ("zhejiang", "mt")]),
        ("浙江", "", [("浙江", "source")]),
        ("", " ", []),
    ],
)
def test_lookups(source, mt, lookups):
    assert tm.memory_lookups(source, mt) == lookups


def test_a_twin_without_a_source_in_another_document_is_found_by_its_mt(project, users):
    first, twin = imported(project, users), imported(project, users)
    approve(first, users)
    [match] = selectors.memory_matches(segment=twin)
    assert (match.percent, match.target, match.key_kind) == (100, APPROVED, "mt")


def test_a_segment_with_a_source_finds_a_twin_reviewed_without_one(project, users):
    without, with_source = imported(project, users), imported(project, users, source=SOURCE)
    approve(without, users)
    [match] = selectors.memory_matches(segment=with_source)
    assert (match.percent, match.target, match.key_kind) == (100, APPROVED, "mt")


def test_two_sources_are_compared_by_source_not_by_mt(project, users):
    first = imported(project, users, source=SOURCE)
    approve(first, users)
    same_source = imported(project, users, source=SOURCE)
    other_source = imported(project, users, source=OTHER_SOURCE)  # the same MT
    [match] = selectors.memory_matches(segment=same_source)
    assert (match.percent, match.key_kind) == (100, "source")
    assert selectors.memory_matches(segment=other_source) == []
