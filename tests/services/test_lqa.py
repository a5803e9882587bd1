"""LQA: word counts, the penalty arithmetic, and errors stored with reject/approve."""

import pytest

from reviews import lqa, services
from reviews.errors import InvalidInput, NotAllowed
from reviews.models import LqaError


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("Zhejiang's two sessions opened.", 4),
        ("A well-known, 3.5% rise", 4),
        ("浙江两会", 4),
        ("浙江 two sessions", 4),
    ],
)
def test_word_count(text, words):
    assert lqa.word_count(text) == words


def test_verdict_per_1000_words():
    weights = {"minor": 1, "major": 5, "critical": 10}
    v = lqa.verdict({"minor": 2, "major": 1}, words=500, weights=weights, threshold=15)
    assert (v.points, v.per_1000, v.passed) == (7, 14.0, True)
    v = lqa.verdict({"critical": 1}, words=500, weights=weights, threshold=15)
    assert (v.per_1000, v.passed) == (20.0, False)
    assert lqa.verdict({}, words=0, weights=weights, threshold=0).passed
    assert not lqa.verdict({"minor": 1}, words=0, weights=weights, threshold=99).passed


def test_reject_stores_errors_with_the_rejection(segment, users):
    services.segment_reject(
        segment=segment,
        reviewer=users["editor"],
        reason="Names",
        version=1,
        errors=[
            {"category": "terminology", "severity": "major", "note": "浙运安"},
            {"category": "omission-addition", "severity": "minor"},
        ],
    )
    stored = list(LqaError.objects.values_list("category", "severity", "note", "revision__action"))
    assert stored == [
        ("terminology", "major", "浙运安", "reject"),
        ("omission-addition", "minor", "", "reject"),
    ]


@pytest.mark.parametrize(
    "errors",
    [
        [{"category": "grammar", "severity": "minor"}],
        [{"category": "accuracy", "severity": "fatal"}],
        [{"category": "accuracy"}],
        ["accuracy"],
        [{"category": "accuracy", "severity": "minor", "note": 5}],
        [{"category": "accuracy", "severity": "minor"}] * 21,
    ],
)
def test_bad_errors_refuse_the_whole_action(segment, users, errors):
    with pytest.raises(InvalidInput):
        services.segment_reject(
            segment=segment, reviewer=users["editor"], reason="r", version=1, errors=errors
        )
    segment.refresh_from_db()
    assert segment.state == "new" and not LqaError.objects.exists()


def test_approve_can_record_errors_too(segment, users):
    services.segment_approve(
        segment=segment,
        reviewer=users["editor"],
        version=1,
        target="Corrected.",
        errors=[{"category": "style", "severity": "minor"}],
    )
    assert LqaError.objects.get().revision.action == "approve"


def test_only_managers_set_the_lqa_settings(project, users):
    weights = {"minor": 2, "major": 6, "critical": 20}
    with pytest.raises(NotAllowed):
        services.project_lqa_set(
            project=project, user=users["editor"], weights=weights, threshold=5
        )
    with pytest.raises(InvalidInput):
        services.project_lqa_set(
            project=project, user=users["manager"], weights={**weights, "major": -1}, threshold=5
        )
    services.project_lqa_set(project=project, user=users["manager"], weights=weights, threshold=5)
    project.refresh_from_db()
    assert (project.lqa_weights, project.lqa_threshold) == (weights, 5.0)
