"""list_checks documents the whole registry; recheck_qa and rebuild_memory."""

import io

import pytest
from django.core.management import CommandError, call_command

from reviews import services
from reviews.checks import CHECKS
from reviews.models import MemoryUnit, Segment


def output(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_list_checks_documents_every_check():
    text = output("list_checks")
    for check in CHECKS:
        assert f"{check.check_id}  [{check.severity.value}]  {check.name}" in text
        assert check.description in text


def test_list_checks_as_markdown_has_one_row_per_check():
    rows = [r for r in output("list_checks", "--format", "markdown").splitlines() if "| `" in r]
    assert len(rows) == len(CHECKS)


def test_recheck_qa_restores_cleared_results(document):
    Segment.objects.update(qa=[], qa_level="none", qa_checks="")
    assert "zj: " in output("recheck_qa", "zj")
    assert document.segments.get(target__contains="Zhe Yunan").qa
    with pytest.raises(CommandError):
        output("recheck_qa", "nope")


def test_rebuild_memory_from_approved_segments(document, users):
    first = document.segments.order_by("position").first()
    services.segment_approve(segment=first, reviewer=users["editor"], version=1)
    MemoryUnit.objects.all().delete()
    assert "zj: 1 memory units" in output("rebuild_memory", "zj")
