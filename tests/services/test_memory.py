"""The translation memory follows approvals; lookups find near duplicates."""

from reviews import selectors, services, tm
from reviews.models import MemoryUnit

TWINS = (
    b"The province added 21,000 new jobs for graduates in Hangzhou last year.\n"
    b"A different sentence about the digital reform of Zhejiang.\n"
    b"The province added 22,000 new jobs for graduates in Hangzhou last year.\n"
)


def twins(project, users):
    document = services.document_import(
        project=project, data=TWINS, filename="twins.txt", user=users["manager"]
    )
    return list(document.segments.order_by("position"))


def test_approval_adds_to_the_memory_and_leaving_approved_removes(project, users):
    first, _, _ = twins(project, users)
    assert not MemoryUnit.objects.exists()
    services.segment_approve(
        segment=first,
        reviewer=users["editor"],
        version=1,
        target="The province created 21,000 jobs for graduates in Hangzhou last year.",
    )
    unit = MemoryUnit.objects.get()
    assert (unit.key_kind, unit.segment_id) == ("mt", first.pk)  # no source: keyed on the MT
    assert unit.target.startswith("The province created")
    assert (unit.key, unit.length) == (tm.normalise(first.mt), len(tm.normalise(first.mt)))
    assert "hangzhou" in tm.probes(unit.key)
    assert "the" not in tm.probes(unit.key)  # stop words are never looked up
    services.segment_reject(segment=first, reviewer=users["editor"], reason="no", version=3)
    assert not MemoryUnit.objects.exists()


def test_near_duplicate_finds_its_approved_twin(project, users):
    first, other, twin = twins(project, users)
    assert selectors.memory_matches(segment=twin) == []
    services.segment_approve(
        segment=first,
        reviewer=users["editor"],
        version=1,
        target="The province created 21,000 jobs for graduates in Hangzhou last year.",
    )
    [match] = selectors.memory_matches(segment=twin)
    assert 90 <= match.percent < 100
    assert match.target.startswith("The province created")
    assert selectors.memory_matches(segment=first) == []  # never matches itself


def test_bulk_approval_and_undo_keep_the_memory_in_step(project, users):
    segments = twins(project, users)
    document = segments[0].document
    result = services.segments_bulk_review(
        document=document,
        segment_ids=[s.pk for s in segments],
        user=users["editor"],
        action="approve",
        include_unreviewed=True,
    )
    assert MemoryUnit.objects.count() == 3
    services.bulk_undo(document=document, batch=result.batch, user=users["editor"])
    assert not MemoryUnit.objects.exists()


def test_source_keys_probe_cjk_trigrams():
    key, kind = tm.memory_key("浙江省两会开幕", "x")
    assert kind == "source" and tm.probes(key)[:3] == ["浙江省", "江省两", "省两会"]
