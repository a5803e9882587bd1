"""The permission matrix, generated from the URLconf: every named URL of the app and of
the API, for anonymous visitors, non-members, translators, editors and managers.

A new URL without an expected answer here fails ``test_every_url_has_an_expectation``.
Django's own admin and login pages are left to Django.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reviews import services
from reviews.models import Membership, WebhookDelivery, WebhookEndpoint
from tests.conftest import PASSWORD

ROLES = ("translator", "editor", "manager")
EXEMPT_NAMESPACES = {"admin"}


def named_urls(resolver=None, namespace=None):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            yield from named_urls(entry, entry.namespace or namespace)
        elif isinstance(entry, URLPattern) and entry.name and namespace:
            yield f"{namespace}:{entry.name}"


def routes(document, segment):
    """name → (method, url, data) for every URL, with what a request needs."""
    project = document.project
    manager = Membership.objects.get(project=project, role="manager").user
    comment = services.comment_add(segment=segment, author=manager, text="Check @translator")
    term = services.glossary_term_add(
        project=project, user=manager, source="浙江", rendering="Zhejiang", forbidden="Zhe Jiang"
    )
    term_data = {"source": "浙运安", "rendering": "Zheyun'an", "forbidden": "Zhe Yunan"}
    csv_file = SimpleUploadedFile("g.csv", b"source,rendering\n,Zheyun'an\n", "text/csv")
    job = services.job_enqueue_export(document=document, user=manager, format_name="text")
    d, s, slug = document.pk, segment.pk, project.slug
    # A segment with a quick fix (the seed's 'Space before ","'); the fixture's has a
    # romanized-name warning, which every role may dismiss.
    fixable = document.segments.filter(qa_checks__contains=" whitespace ").first()
    fix = {"check": "whitespace", "index": 0, "version": fixable.version}
    dismiss = {"check": "romanized-name", "reason": "A brand.", "version": segment.version}
    seg = {"target": "Changed.", "version": segment.version, "reason": "Because."}
    # A webhook on a private address: a redelivery is refused before connecting.
    hook = WebhookEndpoint.objects.create(
        project=project, url="http://10.0.0.1/hook", events=["segment.approved"], secret="whsec_"
    )
    sent = WebhookDelivery.objects.create(
        endpoint=hook, event_id="msg_routes", event_type="segment.approved", payload={}
    )
    # Registered through the API: a literal public address, checked, never connected to.
    new_hook = {"url": "https://93.184.215.14/hook", "events": ["segment.approved"]}
    r = reverse
    return {
        "reviews:project-list": ("get", r("reviews:project-list"), {}),
        "reviews:queue": ("get", r("reviews:queue"), {}),
        "reviews:project": ("get", r("reviews:project", args=[slug]), {}),
        "reviews:document-upload": (
            "post",
            r("reviews:document-upload", args=[slug]),
            {"format": "auto"},
        ),
        "reviews:member-set": (
            "post",
            r("reviews:member-set", args=[slug]),
            {"username": "outsider", "role": "translator"},
        ),
        "reviews:member-role": (
            "post",
            r("reviews:member-role", args=[slug]),
            {"username": "outsider", "role": "translator"},
        ),
        "reviews:member-remove": (
            "post",
            r("reviews:member-remove", args=[slug]),
            {"username": "nobody"},
        ),
        "reviews:project-settings": ("post", r("reviews:project-settings", args=[slug]), {}),
        "reviews:document": ("get", r("reviews:document", args=[d]), {}),
        "reviews:document-export": ("get", r("reviews:document-export", args=[d]), {}),
        "reviews:document-export-job": (
            "post",
            r("reviews:document-export-job", args=[d]),
            {"format": "text"},
        ),
        "reviews:job": ("get", r("reviews:job", args=[job.pk]), {}),
        "reviews:job-download": ("get", r("reviews:job-download", args=[job.pk]), {}),
        "reviews:document-update": (
            "post",
            r("reviews:document-update", args=[d]),
            {"format": "auto"},
        ),
        "reviews:document-archive": (
            "post",
            r("reviews:document-archive", args=[d]),
            {"archived": "0"},
        ),
        "reviews:document-activity": ("get", r("reviews:document-activity", args=[d]), {}),
        "reviews:document-changes": (
            "get",
            r("reviews:document-changes", args=[d]),
            {"seen": f"{s}:1:0", "editing": ""},
        ),
        "reviews:document-bulk": (
            "post",
            r("reviews:document-bulk", args=[d]),
            {"action": "approve", "ids": [s], "confirm": "1"},  # without: a confirmation
        ),
        "reviews:document-bulk-preview": (
            "get",
            r("reviews:document-bulk-preview", args=[d]),
            {"action": "approve", "ids": [s]},
        ),
        "reviews:document-bulk-undo": (
            "post",
            r("reviews:document-bulk-undo", args=[d]),
            {"batch": "00000000-0000-0000-0000-000000000000"},
        ),
        "reviews:segment-save": ("post", r("reviews:segment-save", args=[s]), seg),
        "reviews:segment-approve": ("post", r("reviews:segment-approve", args=[s]), seg),
        "reviews:segment-reject": ("post", r("reviews:segment-reject", args=[s]), seg),
        "reviews:segment-comments": (
            "post",
            r("reviews:segment-comments", args=[s]),
            {"text": "A remark."},
        ),
        "reviews:segment-propagate": (
            "post",
            r("reviews:segment-propagate", args=[s]),
            {"version": segment.version},
        ),
        "reviews:segment-propagate-undo": (
            "post",
            r("reviews:segment-propagate-undo", args=[s]),
            {"batch": "00000000-0000-0000-0000-000000000000"},
        ),
        "reviews:segment-history": ("get", r("reviews:segment-history", args=[s]), {}),
        "reviews:segment-revert": (
            "post",
            r("reviews:segment-revert", args=[s]),
            {"to_version": 1, "version": 1},
        ),
        "reviews:comment-resolve": ("post", r("reviews:comment-resolve", args=[comment.pk]), {}),
        "reviews:document-report": ("get", r("reviews:document-report", args=[d]), {}),
        "reviews:document-report-csv": ("get", r("reviews:document-report-csv", args=[d]), {}),
        "reviews:document-reference": ("post", r("reviews:document-reference", args=[d]), {}),
        "reviews:project-report": ("get", r("reviews:project-report", args=[slug]), {}),
        "reviews:project-report-csv": ("get", r("reviews:project-report-csv", args=[slug]), {}),
        "reviews:project-lqa": (
            "post",
            r("reviews:project-lqa", args=[slug]),
            {"minor": 1, "major": 5, "critical": 10, "threshold": 15},
        ),
        "api:document-report": ("get", r("api:document-report", args=[d]), {}),
        "api:project-report": ("get", r("api:project-report", args=[slug]), {}),
        "api:project-changes": ("get", r("api:project-changes", args=[slug]), {}),
        "reviews:glossary": ("get", r("reviews:glossary", args=[slug]), {}),
        "reviews:glossary-add": ("post", r("reviews:glossary-add", args=[slug]), term_data),
        "reviews:glossary-edit": (
            "post",
            r("reviews:glossary-edit", args=[slug, term.pk]),
            term_data,
        ),
        "reviews:glossary-delete": ("post", r("reviews:glossary-delete", args=[slug, term.pk]), {}),
        "reviews:glossary-import": (
            "post",
            r("reviews:glossary-import", args=[slug]),
            {"file": csv_file},
        ),
        "reviews:glossary-export": ("get", r("reviews:glossary-export", args=[slug]), {}),
        "reviews:glossary-starter": (
            "post",
            r("reviews:glossary-starter", args=[slug]),
            {"confirm": "yes"},
        ),
        "reviews:find-replace": (
            "post",
            r("reviews:find-replace", args=[slug]),
            {"find": "Zhe Yunan", "replacement": "Zheyun'an", "pick": f"{s}:1"},
        ),
        "reviews:find-replace-undo": (
            "post",
            r("reviews:find-replace-undo", args=[slug]),
            {"batch": "00000000-0000-0000-0000-000000000000"},
        ),
        "reviews:segment-memory": ("get", r("reviews:segment-memory", args=[s]), {}),
        "reviews:segment-assist": ("get", r("reviews:segment-assist", args=[s]), {}),
        "reviews:segment-fix": ("post", r("reviews:segment-fix", args=[fixable.pk]), fix),
        "reviews:segment-dismiss": ("post", r("reviews:segment-dismiss", args=[s]), dismiss),
        "reviews:segment-presence": ("post", r("reviews:segment-presence", args=[s]), {}),
        "api:schema": ("get", r("api:schema"), {}),
        "api:projects": ("get", r("api:projects"), {}),
        "api:document-create": ("post", r("api:document-create", args=[slug]), {}),
        "api:document": ("get", r("api:document", args=[d]), {}),
        "api:document-update": ("post", r("api:document-update", args=[d]), {}),
        "api:document-segments": ("get", r("api:document-segments", args=[d]), {}),
        "api:document-export": ("get", r("api:document-export", args=[d]), {}),
        "api:document-metrics": ("get", r("api:document-metrics", args=[d]), {}),
        "api:segment": ("patch", r("api:segment", args=[s]), {"target": "x", "version": 1}),
        "api:segment-approve": ("post", r("api:segment-approve", args=[s]), {"version": 1}),
        "api:segment-reject": (
            "post",
            r("api:segment-reject", args=[s]),
            {"version": 1, "reason": "r"},
        ),
        "api:segment-propagate": ("post", r("api:segment-propagate", args=[s]), {"version": 1}),
        "api:segment-revisions": ("get", r("api:segment-revisions", args=[s]), {}),
        "api:job": ("get", r("api:job", args=[job.pk]), {}),
        "api:job-file": ("get", r("api:job-file", args=[job.pk]), {}),
        "reviews:webhook-add": ("post", r("reviews:webhook-add", args=[slug]), new_hook),
        "reviews:webhook-delete": (
            "post",
            r("reviews:webhook-delete", args=[slug, hook.pk]),
            {},
        ),
        "reviews:webhook-redeliver": (
            "post",
            r("reviews:webhook-redeliver", args=[slug, sent.pk]),
            {},
        ),
        "api:project-webhooks": ("post", r("api:project-webhooks", args=[slug]), new_hook),
        "api:webhook": ("delete", r("api:webhook", args=[hook.pk]), {}),
    }


# Expected status for (translator, editor, manager). Members whose role may not do
# something get 403; a 302 for a member is the redirect after a plain-form post; 422 is
# a manager's form or upload without a file.
EXPECTED = {
    "reviews:project-list": (200, 200, 200),
    "reviews:queue": (200, 200, 200),
    "reviews:project": (200, 200, 200),
    "reviews:document-upload": (403, 403, 422),
    "reviews:member-set": (403, 403, 302),
    "reviews:member-role": (403, 403, 302),
    "reviews:member-remove": (403, 403, 302),  # 302: back with "no user 'nobody'"
    "reviews:project-settings": (403, 403, 302),
    "reviews:document": (200, 200, 200),
    "reviews:document-export": (200, 200, 200),
    "reviews:document-export-job": (302, 302, 302),  # 302: to the new job's page
    "reviews:job": (200, 200, 200),  # every member of the job's project follows it
    "reviews:job-download": (200, 200, 200),
    "reviews:document-update": (403, 302, 302),  # 302: back with "choose the file"
    "reviews:document-archive": (403, 403, 302),
    "reviews:document-activity": (200, 200, 200),
    "reviews:document-changes": (200, 200, 200),  # others' work, polled by the page
    "reviews:document-bulk": (403, 302, 302),
    "reviews:document-bulk-preview": (403, 200, 200),  # what a bulk action would do
    "reviews:document-bulk-undo": (403, 302, 302),  # 302: back with "no such bulk action"
    "reviews:segment-save": (302, 302, 302),
    "reviews:segment-approve": (403, 302, 302),
    "reviews:segment-reject": (403, 302, 302),
    "reviews:segment-comments": (302, 302, 302),
    "reviews:segment-history": (200, 200, 200),
    # 302: back with "only a saved or approved translation" (the seed's is raw MT)
    "reviews:segment-propagate": (302, 302, 302),
    "reviews:segment-propagate-undo": (302, 302, 302),  # 302: back with "no such bulk action"
    "reviews:segment-revert": (302, 302, 302),  # 302: back with "same text as now"
    "reviews:comment-resolve": (403, 302, 302),  # the manager wrote it
    "reviews:document-report": (200, 200, 200),
    "reviews:document-report-csv": (200, 200, 200),
    "reviews:document-reference": (403, 302, 302),  # 302: back to the report, "choose a file"
    "reviews:project-report": (200, 200, 200),
    "reviews:project-report-csv": (200, 200, 200),
    "reviews:project-lqa": (403, 403, 302),
    "api:document-report": (200, 200, 200),
    "api:project-report": (200, 200, 200),
    "api:project-changes": (200, 200, 200),  # every member reads the change feed
    "reviews:glossary": (200, 200, 200),
    "reviews:glossary-add": (403, 302, 302),  # the glossary is for editors and managers
    "reviews:glossary-edit": (403, 302, 302),
    "reviews:glossary-delete": (403, 302, 302),
    "reviews:glossary-import": (403, 302, 302),
    "reviews:glossary-export": (200, 200, 200),
    "reviews:glossary-starter": (403, 403, 302),  # a project decision: managers only
    "reviews:find-replace": (302, 302, 302),  # translators replace in unapproved segments
    "reviews:find-replace-undo": (302, 302, 302),  # 302: back with "no such bulk action"
    "reviews:segment-memory": (200, 200, 200),
    "reviews:segment-assist": (200, 200, 200),
    "reviews:segment-fix": (302, 302, 302),  # 302: back to the assistance page
    "reviews:segment-dismiss": (302, 302, 302),  # a warning: whoever may edit (errors: editors)
    "reviews:segment-presence": (204, 204, 204),  # "I am editing this": every member
    "api:schema": (200, 200, 200),
    "api:projects": (200, 200, 200),
    "api:document-create": (403, 403, 422),
    "api:document": (200, 200, 200),
    "api:document-update": (403, 422, 422),
    "api:document-segments": (200, 200, 200),
    "api:document-export": (200, 200, 200),
    "api:document-metrics": (200, 200, 200),
    "api:segment": (200, 200, 200),
    "api:segment-approve": (403, 200, 200),
    "api:segment-reject": (403, 200, 200),
    "api:segment-propagate": (409, 409, 409),  # every member; the seed's text is raw MT
    "api:segment-revisions": (200, 200, 200),
    "api:job": (200, 200, 200),
    "api:job-file": (200, 200, 200),  # an export job's file: every member may export
    # Webhooks are the managers' (policy.may_manage_webhooks); 201: the page with the secret
    "reviews:webhook-add": (403, 403, 201),
    "reviews:webhook-delete": (403, 403, 302),
    "reviews:webhook-redeliver": (403, 403, 302),
    "api:project-webhooks": (403, 403, 201),
    "api:webhook": (403, 403, 204),
}
PERSONAL = {"reviews:project-list", "reviews:queue", "api:projects", "api:schema"}


def request(client, tokens, who, name, document, segment):
    method, url, data = routes(document, segment)[name]
    if name.startswith("api:"):
        headers = {"Authorization": f"Bearer {tokens[who]}"} if who else {}
        if method in {"patch"} or (method == "post" and "document" not in name):
            return getattr(client, method)(
                url, data, content_type="application/json", headers=headers
            )
        return getattr(client, method)(url, data, headers=headers)
    if who:
        client.login(username=who, password=PASSWORD)
    return getattr(client, method)(url, data)


@pytest.fixture
def tokens(users):
    return {name: services.api_token_create(user=user) for name, user in users.items()}


def test_every_url_has_an_expectation():
    names = {n for n in named_urls() if n.split(":")[0] not in EXEMPT_NAMESPACES}
    assert names == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_anonymous_visitors_log_in_or_get_401(client, tokens, document, segment, name):
    response = request(client, tokens, None, name, document, segment)
    if name == "api:schema":
        assert response.status_code == 200
    elif name.startswith("api:"):
        assert response.status_code == 401
    else:
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - PERSONAL))
def test_non_members_get_404_everywhere(client, tokens, document, segment, name):
    assert request(client, tokens, "outsider", name, document, segment).status_code == 404


def test_non_members_see_no_projects(client, tokens, document):
    client.login(username="outsider", password=PASSWORD)
    assert document.project.name not in client.get(reverse("reviews:project-list")).text
    r = client.get(
        reverse("api:projects"), headers={"Authorization": f"Bearer {tokens['outsider']}"}
    )
    assert r.json() == []


@pytest.mark.parametrize("role_index", [0, 1, 2], ids=ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_members_get_what_their_role_allows(client, tokens, document, segment, name, role_index):
    response = request(client, tokens, ROLES[role_index], name, document, segment)
    assert response.status_code == EXPECTED[name][role_index]


def test_translator_direct_post_to_approve_is_403_and_changes_nothing(client, segment):
    client.login(username="translator", password=PASSWORD)
    response = client.post(reverse("reviews:segment-approve", args=[segment.pk]), {"version": 1})
    assert response.status_code == 403
    segment.refresh_from_db()
    assert (segment.state, segment.version) == ("new", 1)
