"""The review filters, applied to the seed document."""

import pytest
from django.http import QueryDict

from reviews import selectors, services
from reviews.errors import InvalidInput
from reviews.segment_filters import apply_filter, parse_filter


def matching(document, query: str) -> list[str]:
    flt = parse_filter(QueryDict(query))
    qs = apply_filter(selectors.segments_for_review(document=document), flt)
    return list(qs.values_list("target", flat=True))


def test_plain_search_ignores_case_unless_asked(document):
    assert len(matching(document, "q=zhe+yunan")) == 1
    assert matching(document, "q=zhe+yunan&case=1") == []
    assert len(matching(document, "q=Zhe+Yunan&case=1")) == 1


def test_regex_search_and_its_errors(document):
    hits = matching(document, "q=%5CbZhe%5Cw%2A%5Cb&regex=1&case=1")  # \bZhe\w*\b
    assert any("Zhezhizhi" in t for t in hits) and any("Zhe Yunan" in t for t in hits)
    flt = parse_filter(QueryDict("q=(unclosed&regex=1"))
    assert flt.q == "" and "not valid" in flt.errors[0]


def test_regex_time_limit(document, monkeypatch):
    import reviews.segment_filters as sf

    monkeypatch.setattr(sf, "REGEX_TIMEOUT_SECONDS", 0.05)
    seg = document.segments.first()
    seg.target = "a" * 60
    seg.save()
    with pytest.raises(InvalidInput, match="too long"):
        matching(document, "q=(a%7Caa)%2B%24b&regex=1&in=target")  # (a|aa)+$b backtracks


def test_state_author_and_mt_filters(document, users):
    seg = document.segments.get(target__contains="Zhe Yunan")
    services.segment_edit(segment=seg, user=users["translator"], target="Zheyun'an.", version=1)
    assert matching(document, "state=translated") == ["Zheyun'an."]
    assert matching(document, "author=translator") == ["Zheyun'an."]
    assert matching(document, "author=editor") == []
    assert matching(document, "q=Zhe+Yunan&in=mt") == ["Zheyun'an."]
    total = document.segments.count()
    assert len(matching(document, "state=new&state=translated")) == total
    assert len(matching(document, "hide_approved=1")) == total
    assert matching(document, "since=2999-01-01") == []


def test_query_string_round_trips():
    flt = parse_filter(QueryDict("state=new&state=rejected&q=x&in=mt&regex=1&author=a"))
    assert parse_filter(QueryDict(flt.query_string())) == flt


def test_qa_check_filter_is_exact_and_repeatable(document):
    quotes = matching(document, "check=quotes")
    assert quotes and all("”" in t or '"' in t for t in quotes)
    names = matching(document, "check=romanized-name")
    assert any("Zhe Yunan" in t for t in names)
    assert set(quotes) | set(names) == set(matching(document, "check=quotes&check=romanized-name"))
    assert matching(document, "check=name") == matching(document, "")  # unknown ids are dropped


def test_qa_severity_filter_means_at_least(document):
    warnings = matching(document, "severity=warning")
    infos = matching(document, "severity=info")
    assert warnings and set(warnings) < set(infos)
    assert matching(document, "severity=error") == []
    flt = parse_filter(QueryDict("severity=warning&check=quotes&state=new"))
    assert flt.active
    assert flt.query_string() == "state=new&check=quotes&severity=warning"
