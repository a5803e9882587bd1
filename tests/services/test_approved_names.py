"""Romanized names a reviewer approved are never suspect again in the project (issue 18,
point 4): approved segments' targets and the project's memory are its whitelist."""

import pytest

from reviews import services
from reviews.models import Segment


def name_results(segment: Segment) -> list[str]:
    segment.refresh_from_db()
    return [r["message"] for r in segment.qa if r["check"] == "romanized-name"]


@pytest.fixture
def two(document):
    """Two segments of the seed, neither with a name of its own."""
    first, second = (
        document.segments.filter(target__startswith="Zhu Hengyi said that in 2021").first(),
        document.segments.get(target__startswith="Data show that"),
    )
    return first, second


def test_zheyunan_approved_once_is_never_flagged_again_in_the_project(two, users, project):
    first, second = two
    edited = services.segment_edit(
        segment=first, user=users["translator"], version=1,
        target="Zhu Hengyi said that Zheyun'an has achieved remarkable results.",
    )  # fmt: skip
    services.segment_edit(
        segment=second, user=users["translator"], version=1,
        target="Data show that Zheyun'an is used by 92.7% of the inspectors.",
    )  # fmt: skip
    # Correctly formed, but no one has approved it yet: suspect in both.
    assert name_results(first) == ['Romanized name "Zheyun\'an" is not in the glossary']
    assert name_results(second) == ['Romanized name "Zheyun\'an" is not in the glossary']

    approved = services.segment_approve(
        segment=edited, reviewer=users["editor"], version=edited.version
    )
    # The approved segment and the other one that names it: both clear at once...
    assert [r for r in approved.qa if r["check"] == "romanized-name"] == []
    assert name_results(first) == [] and name_results(second) == []
    # ...and every later text of the project that names it.
    third = Segment.objects.filter(document__project=project, state="new").first()
    services.segment_edit(
        segment=third, user=users["translator"], version=third.version,
        target="Zheyun'an was launched in 2021.",
    )  # fmt: skip
    assert name_results(third) == []
    services.segments_refresh_qa(project=project)  # a full re-check (a glossary change)
    assert name_results(first) == name_results(second) == name_results(third) == []


def test_a_wrongly_split_name_stays_suspect_even_when_approved(two, users):
    first, second = two
    edited = services.segment_edit(
        segment=first, user=users["translator"], version=1,
        target="Zhu Hengyi said that Zhe Yunan has achieved remarkable results.",
    )  # fmt: skip
    services.segment_approve(segment=edited, reviewer=users["editor"], version=edited.version)
    services.segment_edit(
        segment=second, user=users["translator"], version=1,
        target="Data show that Zhe Yunan is used by 92.7% of the inspectors.",
    )  # fmt: skip
    assert name_results(second) == [
        'Romanized name "Zhe Yunan" is not in the glossary and is not a "Surname Givenname" '
        "personal name"
    ]


def test_approval_in_another_project_does_not_count(two, users, seed_bytes):
    first, _ = two
    edited = services.segment_edit(
        segment=first, user=users["translator"], version=1,
        target="Zhu Hengyi said that Zheyun'an has achieved remarkable results.",
    )  # fmt: skip
    services.segment_approve(segment=edited, reviewer=users["editor"], version=edited.version)
    other = services.project_create(slug="other", name="Other", source_lang="zh-CN",
                                     target_lang="en")  # fmt: skip
    services.membership_set(project=other, user=users["manager"], role="manager")
    document = services.document_import(
        project=other, data=b"Zheyun'an was launched in 2021.\n", filename="o.txt",
        user=users["manager"],
    )  # fmt: skip
    assert name_results(document.segments.get()) == [
        'Romanized name "Zheyun\'an" is not in the glossary'
    ]


def test_the_memory_holds_names_too(two, users, project):
    first, second = two
    services.segment_edit(
        segment=second, user=users["translator"], version=1,
        target="Data show that Xiaoshan'ao is used by 92.7% of the inspectors.",
    )  # fmt: skip
    assert name_results(second) != []
    from reviews.models import MemoryUnit

    MemoryUnit.objects.create(
        project=project, source="萧山岙", target="Xiaoshan'ao", key="萧山岙", key_kind="source",
        origin="tmx",
    )  # fmt: skip
    services.segments_refresh_qa(project=project)
    assert name_results(second) == []
