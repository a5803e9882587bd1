"""The API's downloads are named as the pages' are (issue 19, point 5):
<title>.<target-lang>.reviewed.<ext>, .approved.<ext> for approved-only."""

import pytest

from reviews import services
from reviews.models import Job
from tests.views.test_export_names import FORMATS, po_document, saved_as


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize("title", ["Two sessions", "浙江两会 报道"])
def test_api_exports_are_named_by_title_language_and_kind(api, project, users, name, title):
    document = po_document(project, users, title)
    url = f"/documents/{document.pk}/export"
    extension = FORMATS[name]
    response = api("translator", "GET", url, data={"format": name})
    assert saved_as(response) == f"{title}.en.reviewed{extension}"
    if not title.isascii():
        assert "filename*=utf-8''" in response["Content-Disposition"]
    approved = api("translator", "GET", url, data={"format": name, "approved_only": "true"})
    assert saved_as(approved) == f"{title}.en.approved{extension}"


def test_a_text_document_from_the_api_is_named_by_its_title(api, document):
    response = api("translator", "GET", f"/documents/{document.pk}/export")
    assert saved_as(response) == "seed.en.reviewed.txt"


def test_an_api_export_job_file_has_the_same_name(api, project, users, settings):
    settings.BACKGROUND_EXPORT_SEGMENTS = 0
    document = po_document(project, users, "浙江两会")
    url = f"/documents/{document.pk}/export"
    assert api("translator", "GET", url, data={"format": "xliff"}).status_code == 202
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    services.job_run(job_id=job.pk)
    response = api("translator", "GET", f"/jobs/{job.pk}/file")
    assert saved_as(response) == "浙江两会.en.reviewed.xlf"
