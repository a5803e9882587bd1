"""A download is named <title>.<target-lang>.reviewed.<ext> (approved-only:
.approved.<ext>), never the imported file's own name, so saving it does not overwrite
the original MT (issue 19, point 5); a title outside ASCII travels as filename*."""

from email.message import Message

import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Job
from tests.conftest import PASSWORD

PO_FILE = b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n' + (
    'msgid "浙江两会开幕"\nmsgstr "Sessions open"\n'.encode()
)
FORMATS = {"po": ".po", "tmx": ".tmx", "xliff": ".xlf"}


def saved_as(response) -> str:
    """The file name a browser saves the download under."""
    assert response.status_code == 200, response.content[:300]
    message = Message()
    message["Content-Disposition"] = response["Content-Disposition"]
    assert message.get_params(header="content-disposition")[0] == ("attachment", "")
    return message.get_filename()


@pytest.fixture
def member(client, users):
    client.login(username="translator", password=PASSWORD)
    return client


def po_document(project, users, title: str):
    return services.document_import(
        project=project, data=PO_FILE, filename="original-mt.po", title=title, user=users["manager"]
    )


@pytest.mark.parametrize("name", sorted(FORMATS))
@pytest.mark.parametrize(
    ("title", "stem"),
    [("Two sessions", "Two sessions"), ("浙江两会 报道", "浙江两会 报道"), ("report.po", "report")],
)
def test_each_format_is_named_by_title_language_and_kind(member, project, users, name, title, stem):
    document = po_document(project, users, title)
    url = reverse("reviews:document-export", args=[document.pk])
    extension = FORMATS[name]
    assert saved_as(member.get(url, {"format": name})) == f"{stem}.en.reviewed{extension}"
    approved = member.get(url, {"format": name, "approved_only": "on"})
    assert saved_as(approved) == f"{stem}.en.approved{extension}"


def test_a_chinese_title_is_sent_as_utf8_filename_star(member, project, users):
    document = po_document(project, users, "浙江两会")
    response = member.get(reverse("reviews:document-export", args=[document.pk]))
    disposition = response["Content-Disposition"]
    assert disposition == (
        "attachment; filename*=utf-8''%E6%B5%99%E6%B1%9F%E4%B8%A4%E4%BC%9A.en.reviewed.po"
    )


def test_a_text_document_is_never_named_as_the_imported_file(member, document):
    url = reverse("reviews:document-export", args=[document.pk])
    assert document.filename == "seed.txt"
    assert saved_as(member.get(url, {"format": "text"})) == "seed.en.reviewed.txt"
    assert saved_as(member.get(url, {"format": "po"})) == "seed.en.reviewed.po"


def test_a_title_with_slashes_and_quotes_is_one_safe_name(member, project, users):
    document = po_document(project, users, 'News/"today"; Politics')
    name = saved_as(member.get(reverse("reviews:document-export", args=[document.pk])))
    assert name == "News-today Politics.en.reviewed.po"


def test_an_export_job_file_has_the_same_name(member, project, users, settings):
    settings.BACKGROUND_EXPORT_SEGMENTS = 0
    document = po_document(project, users, "浙江两会")
    member.post(
        reverse("reviews:document-export-job", args=[document.pk]),
        {"format": "tmx", "approved_only": "on"},
    )
    job = Job.objects.get(kind=Job.Kind.EXPORT)
    services.job_run(job_id=job.pk)
    response = member.get(reverse("reviews:job-download", args=[job.pk]))
    assert saved_as(response) == "浙江两会.en.approved.tmx"
