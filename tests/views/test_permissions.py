"""Every URL, for every kind of visitor: anonymous, non-member, translator, editor, manager."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.conftest import PASSWORD


def urls_for(document, segment):
    """Each of the app's URLs with what a POST to it needs."""
    from reviews import services
    from reviews.models import Membership

    project = document.project
    manager = Membership.objects.get(project=project, role="manager").user
    comment = services.comment_add(segment=segment, author=manager, text="Check @translator")
    term = services.glossary_term_add(
        project=project, user=manager, source="浙江", rendering="Zhejiang", forbidden="Zhe Jiang"
    )
    seg_data = {"target": "Changed.", "version": segment.version, "reason": "Because."}
    term_data = {"source": "浙运安", "rendering": "Zheyun'an", "forbidden": "Zhe Yunan"}
    slug = project.slug
    csv_file = SimpleUploadedFile("g.csv", b"source,rendering\n,Zheyun'an\n", "text/csv")
    return {
        "glossary": ("get", reverse("reviews:glossary", args=[slug]), {}),
        "glossary-add": ("post", reverse("reviews:glossary-add", args=[slug]), term_data),
        "glossary-edit": (
            "post",
            reverse("reviews:glossary-edit", args=[slug, term.pk]),
            term_data,
        ),
        "glossary-delete": ("post", reverse("reviews:glossary-delete", args=[slug, term.pk]), {}),
        "glossary-import": (
            "post",
            reverse("reviews:glossary-import", args=[slug]),
            {"file": csv_file},
        ),
        "glossary-export": ("get", reverse("reviews:glossary-export", args=[slug]), {}),
        "find-replace": (
            "post",
            reverse("reviews:find-replace", args=[slug]),
            {"find": "Zhe Yunan", "replacement": "Zheyun'an", "pick": f"{segment.pk}:1"},
        ),
        "find-replace-undo": (
            "post",
            reverse("reviews:find-replace-undo", args=[slug]),
            {"batch": "00000000-0000-0000-0000-000000000000"},
        ),
        "segment-memory": ("get", reverse("reviews:segment-memory", args=[segment.pk]), {}),
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
    "glossary": (200, 200, 200),
    "glossary-add": (403, 302, 302),  # the glossary is for editors and managers to change
    "glossary-edit": (403, 302, 302),
    "glossary-delete": (403, 302, 302),
    "glossary-import": (403, 302, 302),
    "glossary-export": (200, 200, 200),
    "find-replace": (302, 302, 302),  # translators replace in segments not yet approved
    "find-replace-undo": (302, 302, 302),  # 302: redirected with "no such bulk action"
    "segment-memory": (200, 200, 200),
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
