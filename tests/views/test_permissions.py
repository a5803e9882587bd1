"""Every URL, for every kind of visitor: anonymous, non-member, translator, editor, manager."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD


def urls_for(document, segment):
    """Each of the app's URLs with what a POST to it needs."""
    from reviews import services
    from reviews.models import Membership

    project = document.project
    manager = Membership.objects.get(project=project, role="manager").user
    comment = services.comment_add(segment=segment, author=manager, text="Check @translator")
    seg_data = {"target": "Changed.", "version": segment.version, "reason": "Because."}
    return {
        "project-list": ("get", reverse("reviews:project-list"), {}),
        "project": ("get", reverse("reviews:project", args=[project.slug]), {}),
        "document-upload": (
            "post",
            reverse("reviews:document-upload", args=[project.slug]),
            {"format": "auto"},
        ),
        "member-set": (
            "post",
            reverse("reviews:member-set", args=[project.slug]),
            {"username": "outsider", "role": "translator"},
        ),
        "document": ("get", reverse("reviews:document", args=[document.pk]), {}),
        "document-export": ("get", reverse("reviews:document-export", args=[document.pk]), {}),
        "segment-save": ("post", reverse("reviews:segment-save", args=[segment.pk]), seg_data),
        "segment-approve": (
            "post",
            reverse("reviews:segment-approve", args=[segment.pk]),
            seg_data,
        ),
        "segment-reject": ("post", reverse("reviews:segment-reject", args=[segment.pk]), seg_data),
        "queue": ("get", reverse("reviews:queue"), {}),
        "document-bulk": (
            "post",
            reverse("reviews:document-bulk", args=[document.pk]),
            {"action": "approve", "ids": [segment.pk]},
        ),
        "document-bulk-undo": (
            "post",
            reverse("reviews:document-bulk-undo", args=[document.pk]),
            {"batch": "00000000-0000-0000-0000-000000000000"},
        ),
        "segment-comments": (
            "post",
            reverse("reviews:segment-comments", args=[segment.pk]),
            {"text": "A remark."},
        ),
        "segment-history": ("get", reverse("reviews:segment-history", args=[segment.pk]), {}),
        "comment-resolve": ("post", reverse("reviews:comment-resolve", args=[comment.pk]), {}),
        "document-report": ("get", reverse("reviews:document-report", args=[document.pk]), {}),
        "document-report-csv": (
            "get",
            reverse("reviews:document-report-csv", args=[document.pk]),
            {},
        ),
        "document-reference": (
            "post",
            reverse("reviews:document-reference", args=[document.pk]),
            {},
        ),
        "project-report": ("get", reverse("reviews:project-report", args=[project.slug]), {}),
        "project-report-csv": (
            "get",
            reverse("reviews:project-report-csv", args=[project.slug]),
            {},
        ),
        "project-lqa": (
            "post",
            reverse("reviews:project-lqa", args=[project.slug]),
            {"minor": 1, "major": 5, "critical": 10, "threshold": 15},
        ),
    }


# Expected status per URL name and visitor. Members who may not do something get 403;
# non-members get 404 as if the project did not exist; anonymous visitors log in first.
# A 302 for a member is the redirect after a successful plain-form post.
EXPECTED = {
    #                    translator editor manager
    "project-list": (200, 200, 200),
    "project": (200, 200, 200),
    "document-upload": (403, 403, 422),  # 422: the manager's form has no file
    "member-set": (403, 403, 302),
    "document": (200, 200, 200),
    "document-export": (200, 200, 200),
    "segment-save": (302, 302, 302),
    "segment-approve": (403, 302, 302),
    "segment-reject": (403, 302, 302),
    "queue": (200, 200, 200),
    "document-bulk": (403, 302, 302),
    "document-bulk-undo": (403, 302, 302),  # 302: redirected with "no such bulk action"
    "segment-comments": (302, 302, 302),
    "segment-history": (200, 200, 200),
    "comment-resolve": (403, 302, 302),  # the manager wrote it; translators may not resolve
    "document-report": (200, 200, 200),
    "document-report-csv": (200, 200, 200),
    "document-reference": (403, 302, 302),  # 302: back to the report, "choose a file"
    "project-report": (200, 200, 200),
    "project-report-csv": (200, 200, 200),
    "project-lqa": (403, 403, 302),
}
PERSONAL = {"project-list", "queue"}  # pages about the visitor, not about a project


def test_every_app_url_has_an_expectation():
    from reviews.urls import urlpatterns

    assert {p.name for p in urlpatterns} == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_visitors_are_sent_to_log_in(client, document, segment, name):
    method, url, data = urls_for(document, segment)[name]
    response = getattr(client, method)(url, data)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - PERSONAL))
def test_non_members_get_404_everywhere(client, document, segment, name):
    client.login(username="outsider", password=PASSWORD)
    method, url, data = urls_for(document, segment)[name]
    assert getattr(client, method)(url, data).status_code == 404


def test_non_members_see_no_projects(client, document):
    client.login(username="outsider", password=PASSWORD)
    response = client.get(reverse("reviews:project-list"))
    assert document.project.name not in response.text


@pytest.mark.parametrize("role_index", [0, 1, 2], ids=["translator", "editor", "manager"])
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_members_get_what_their_role_allows(client, document, segment, name, role_index):
    username = ("translator", "editor", "manager")[role_index]
    client.login(username=username, password=PASSWORD)
    method, url, data = urls_for(document, segment)[name]
    response = getattr(client, method)(url, data)
    assert response.status_code == EXPECTED[name][role_index]


def test_translator_direct_post_to_approve_is_403_and_changes_nothing(client, segment):
    client.login(username="translator", password=PASSWORD)
    url = reverse("reviews:segment-approve", args=[segment.pk])
    response = client.post(url, {"version": 1})
    assert response.status_code == 403
    segment.refresh_from_db()
    assert (segment.state, segment.version) == ("new", 1)
