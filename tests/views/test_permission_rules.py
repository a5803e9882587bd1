"""The permission matrix, continued: the read-only rule of archived documents and the
four-eyes rule on every write path, generated from the URLconf as the role matrix is.

Every URL that takes a write (POST, PATCH, PUT, DELETE in ``routes``) must say here
whether it can change an archived document's work, and whether it can approve (or keep
approved) a text; a new write URL without an answer fails
``test_every_write_url_is_classified``.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import services
from reviews.find_replace import FindSpec
from reviews.models import Comment, Revision, Segment, SegmentMetrics
from tests.conftest import PASSWORD
from tests.views.test_permissions import EXEMPT_NAMESPACES, named_urls, routes

# Write URLs that reach a document's segments, and how a manager asks each to write
# while the document is archived (the route's own data when None).
ARCHIVED_WRITES = {
    "reviews:segment-save": None,
    "reviews:segment-approve": None,
    "reviews:segment-reject": None,
    "reviews:segment-revert": "revert",
    "reviews:segment-propagate": None,
    "reviews:segment-propagate-undo": "bulk-batch",
    "reviews:segment-fix": None,
    "reviews:segment-dismiss": None,
    "reviews:segment-comments": None,
    "reviews:comment-resolve": None,
    "reviews:document-bulk": None,
    "reviews:document-bulk-undo": "bulk-batch",
    "reviews:document-reference": "reference",
    "reviews:document-update": "new-version",
    "reviews:find-replace": "replace-all",
    "reviews:find-replace-undo": "replace-batch",
    "api:segment": None,
    "api:segment-approve": None,
    "api:segment-reject": None,
    "api:segment-propagate": None,
    "api:document-update": "new-version",
}
# Write URLs that do not touch an existing document's segments, and why.
NOT_DOCUMENT_WRITES = {
    "reviews:document-upload": "creates a new document",
    "api:document-create": "creates a new document",
    "reviews:member-set": "project membership",
    "reviews:member-role": "project membership",
    "reviews:member-remove": "project membership",
    "reviews:project-settings": "project settings",
    "reviews:project-lqa": "project settings",
    "reviews:document-archive": "archives and restores: the way back",
    "reviews:document-export-job": "an export reads",
    "reviews:glossary-add": "the project's glossary",
    "reviews:glossary-edit": "the project's glossary",
    "reviews:glossary-delete": "the project's glossary",
    "reviews:glossary-import": "the project's glossary",
    "reviews:glossary-starter": "the project's glossary",
    "reviews:segment-presence": "a hint in the cache that someone is editing: no document data",
    "reviews:webhook-add": "the project's webhooks",
    "reviews:webhook-delete": "the project's webhooks",
    "reviews:webhook-redeliver": "sends an event again: no document data",
    "api:project-webhooks": "the project's webhooks",
    "api:webhook": "the project's webhooks",
}

# Write URLs through which an editor could approve, or keep approved, a text, and how
# each is asked to do it for the editor's own text.
APPROVING = {
    "reviews:segment-approve": "approve",
    "api:segment-approve": "approve",
    "reviews:document-bulk": "bulk-approve",
    "reviews:document-bulk-undo": "undo-reject",
    "reviews:segment-propagate-undo": "undo-reject",
    "reviews:find-replace": "replace-keep",
    "reviews:find-replace-undo": "undo-replace",
}
NOT_APPROVING = {
    "reviews:segment-save": "a save makes a segment translated",
    "api:segment": "a save makes a segment translated",
    "reviews:segment-revert": "a revert makes a segment translated",
    "reviews:segment-propagate": "a propagation makes repetitions translated, never approved",
    "api:segment-propagate": "a propagation makes repetitions translated, never approved",
    "reviews:segment-fix": "a quick fix is an edit: it makes a segment translated",
    "reviews:segment-dismiss": "a dismissal changes no text and keeps the state",
    "reviews:segment-reject": "rejects",
    "api:segment-reject": "rejects",
    "reviews:segment-comments": "comments",
    "reviews:comment-resolve": "comments",
    "reviews:document-reference": "metrics only",
    "reviews:document-update": "a new version never approves",
    "api:document-update": "a new version never approves",
    **{n: why for n, why in NOT_DOCUMENT_WRITES.items()},
}


def write_urls(document, segment):
    table = routes(document, segment)
    return {
        name
        for name in named_urls()
        if name.split(":")[0] not in EXEMPT_NAMESPACES and table[name][0] != "get"
    }


def test_every_write_url_is_classified(document, segment):
    writes = write_urls(document, segment)
    assert writes == set(ARCHIVED_WRITES) | set(NOT_DOCUMENT_WRITES)
    assert writes == set(APPROVING) | set(NOT_APPROVING)


def snapshot(document):
    segments = Segment.objects.filter(document=document)
    return (
        sorted(segments.values_list("pk", "version", "target", "state")),
        Revision.objects.filter(segment__document=document).count(),
        sorted(Comment.objects.filter(segment__document=document).values_list("pk", "resolved_at")),
        sorted(
            SegmentMetrics.objects.filter(segment__document=document).values_list(
                "segment_id", "reference"
            )
        ),
    )


def _send(client, token, method, url, data, *, api):
    if api:
        headers = {"Authorization": f"Bearer {token}"}
        if method == "patch" or (method == "post" and "document" not in url):
            return getattr(client, method)(
                url, data, content_type="application/json", headers=headers
            )
        return getattr(client, method)(url, data, headers=headers)
    return getattr(client, method)(url, data)


def _archived_request(name, how, document, segment, prepared):
    method, url, data = prepared["routes"][name]
    if how == "revert":
        data = {"to_version": 1, "version": segment.version}
    elif how in {"bulk-batch", "replace-batch"}:
        data = {"batch": str(prepared[how])}
    elif how == "reference":
        data = {"file": SimpleUploadedFile("ref.txt", b"x\n" * document.segments.count())}
    elif how == "new-version":
        data = {
            "file": SimpleUploadedFile("v2.txt", b"Only one paragraph now.\n"),
            "format": "auto",
        }
    elif how == "replace-all":
        data = {
            "find": segment.target[:8],
            "replacement": "Q",
            "pick": f"{segment.pk}:{segment.version}",
        }
    return method, url, data


@pytest.fixture
def archived(client, document, segment, users):
    """The document with a bulk batch and a replace batch to undo (and the routes' data,
    a comment among it), then archived."""
    table = routes(document, segment)
    bulk = services.segments_bulk_review(
        document=document, segment_ids=[segment.pk], user=users["manager"], action="translate"
    )
    other = document.segments.exclude(pk=segment.pk).order_by("position").first()
    replaced = services.segments_find_replace(
        project=document.project,
        user=users["manager"],
        spec=_spec(other.target[:6], "XYZ"),
        picks={other.pk: other.version},
    )
    services.document_archive(document=document, user=users["manager"])
    segment.refresh_from_db()
    return {"bulk-batch": bulk.batch, "replace-batch": replaced.batch, "routes": table}


def _spec(find, replacement):
    return FindSpec(find=find, replacement=replacement, use_regex=False, case=False)


@pytest.mark.parametrize("name", sorted(ARCHIVED_WRITES))
def test_no_write_path_changes_an_archived_document(
    client, document, segment, users, archived, name
):
    token = services.api_token_create(user=users["manager"])
    client.login(username="manager", password=PASSWORD)
    method, url, data = _archived_request(name, ARCHIVED_WRITES[name], document, segment, archived)
    before = snapshot(document)
    response = _send(client, token, method, url, data, api=name.startswith("api:"))
    assert snapshot(document) == before, response.content[:300]
    if name.startswith("api:"):
        assert response.status_code == 409
        assert "archived" in response.json()["detail"]
    elif response.status_code == 302:  # a plain form: back with the reason
        page = client.get(response["Location"]).text
        assert "archived" in page or "left as they are" in page
    else:
        assert response.status_code == 409
        assert b"archived" in response.content


# --- four-eyes: nobody approves, or keeps approved, their own text ---------------------


def _own_text_approved_by_manager(segment, users, text="The editor wrote Zhe Yunan."):
    segment = services.segment_edit(
        segment=segment, user=users["editor"], target=text, version=segment.version
    )
    return services.segment_approve(
        segment=segment, reviewer=users["manager"], version=segment.version
    )


def _approval_attempt(how, document, segment, users):
    """Prepare the segment, then (method, url, data) that would approve the editor's
    own text through this path."""
    if how in {"approve", "bulk-approve"}:
        segment = services.segment_edit(
            segment=segment, user=users["editor"], target="The editor's text.", version=1
        )
    if how == "approve":
        return "post", None, {"version": segment.version}
    if how == "bulk-approve":
        return "post", None, {"action": "approve", "ids": [segment.pk], "confirm": "1"}
    segment = _own_text_approved_by_manager(segment, users)
    if how == "undo-reject":
        batch = services.segments_bulk_review(
            document=document,
            segment_ids=[segment.pk],
            user=users["editor"],
            action="reject",
            reason="Not good.",
        ).batch
        return "post", None, {"batch": str(batch)}
    if how == "replace-keep":
        return (
            "post",
            None,
            {
                "find": "Zhe Yunan",
                "replacement": "Zheyun'an",
                "keep_approved": "on",
                "pick": f"{segment.pk}:{segment.version}",
            },
        )
    assert how == "undo-replace"
    batch = services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=_spec("Zhe Yunan", "Zheyun'an"),
        picks={segment.pk: segment.version},
    ).batch
    return "post", None, {"batch": str(batch)}


@pytest.mark.parametrize("four_eyes", [True, False], ids=["four-eyes", "without"])
@pytest.mark.parametrize("name", sorted(APPROVING))
def test_no_path_approves_your_own_text_under_four_eyes(
    client, document, segment, users, name, four_eyes
):
    services.project_update(project=document.project, user=users["manager"], four_eyes=four_eyes)
    document.refresh_from_db()
    segment.refresh_from_db()
    method, _none, data = _approval_attempt(APPROVING[name], document, segment, users)
    _method, url, _data = routes(document, segment)[name]
    token = services.api_token_create(user=users["editor"])
    client.login(username="editor", password=PASSWORD)
    response = _send(client, token, method, url, data, api=name.startswith("api:"))
    segment.refresh_from_db()
    if four_eyes:
        assert segment.state != "approved", response.content[:300]
        if response.status_code not in (302, 200):
            assert response.status_code == 403
    else:  # the same request approves when the rule is off: the attempt is real
        assert segment.state == "approved", response.content[:300]


# --- a role that may not gets 403 on every path, as on the single actions --------------


def test_translator_reverting_an_approved_segment_gets_403(client, segment, users):
    services.segment_edit(segment=segment, user=users["translator"], target="Two.", version=1)
    services.segment_approve(segment=segment, reviewer=users["editor"], version=2)
    client.login(username="translator", password=PASSWORD)
    response = client.post(
        reverse("reviews:segment-revert", args=[segment.pk]), {"to_version": 1, "version": 3}
    )
    assert response.status_code == 403
    segment.refresh_from_db()
    assert (segment.state, segment.version) == ("approved", 3)


def test_translator_keeping_segments_approved_in_a_replace_gets_403(client, segment, users):
    services.segment_approve(segment=segment, reviewer=users["editor"], version=1)
    client.login(username="translator", password=PASSWORD)
    response = client.post(
        reverse("reviews:find-replace", args=[segment.document.project.slug]),
        {
            "find": "Zhe Yunan",
            "replacement": "Zheyun'an",
            "keep_approved": "on",
            "pick": f"{segment.pk}:2",
        },
    )
    assert response.status_code == 403
    segment.refresh_from_db()
    assert (segment.state, segment.version) == ("approved", 2)


def test_translator_undoing_someone_elses_replace_gets_403(client, document, segment, users):
    batch = services.segments_find_replace(
        project=document.project,
        user=users["editor"],
        spec=_spec("Zhe Yunan", "Zheyun'an"),
        picks={segment.pk: 1},
    ).batch
    client.login(username="translator", password=PASSWORD)
    response = client.post(
        reverse("reviews:find-replace-undo", args=[document.project.slug]), {"batch": str(batch)}
    )
    assert response.status_code == 403
    segment.refresh_from_db()
    assert "Zheyun'an" in segment.target
