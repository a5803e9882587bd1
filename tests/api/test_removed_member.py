"""A member taken off a project: their API token (tokens are per user) no longer reaches
anything of it, whether they read, write, propagate, export or manage webhooks."""

from reviews import services
from reviews.models import Segment, WebhookEndpoint


def test_a_removed_members_token_reaches_nothing_of_the_project(
    api, project, users, twins, settings
):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    services.membership_set(project=project, user=users["editor"], role="manager")
    origin = Segment.objects.get(document=twins, position=0)
    services.segment_edit(
        segment=origin, user=users["editor"], target="Common prosperity.", version=1
    )
    endpoint = services.webhook_endpoint_create(
        project=project,
        user=users["editor"],
        url="http://127.0.0.1:9/hook",
        events=["segment.approved"],
    )
    job = services.job_enqueue_export(document=twins, user=users["editor"])
    assert api("editor", "GET", f"/documents/{twins.pk}").status_code == 200
    services.membership_remove(project=project, user=users["editor"], acting_user=users["manager"])

    assert api("editor", "GET", "/projects").json() == []
    origin.refresh_from_db()
    tries = [
        ("GET", f"/documents/{twins.pk}", None),
        ("GET", f"/documents/{twins.pk}/segments", None),
        ("GET", f"/documents/{twins.pk}/export", None),
        ("GET", f"/jobs/{job.pk}", None),
        ("GET", f"/jobs/{job.pk}/file", None),
        ("PATCH", f"/segments/{origin.pk}", {"target": "Mine.", "version": origin.version}),
        ("POST", f"/segments/{origin.pk}/approve", {"version": origin.version}),
        ("POST", f"/segments/{origin.pk}/propagate", {"version": origin.version}),
        ("GET", f"/projects/{project.slug}/changes", None),
        ("GET", f"/segments/{origin.pk}/revisions", None),
        ("GET", f"/projects/{project.slug}/webhooks", None),
        (
            "POST",
            f"/projects/{project.slug}/webhooks",
            {"url": "http://127.0.0.1:9/x", "events": ["segment.approved"]},
        ),
        ("DELETE", f"/webhooks/{endpoint.pk}", None),
    ]
    for method, path, body in tries:
        response = api("editor", method, path, json=body)
        assert response.status_code == 404, (method, path, response.status_code)
    assert [s.target for s in twins.segments.order_by("position")][1:] == [
        "The plan works.",
        "Wealth together.",
        "Wealth together.",
    ]
    assert list(WebhookEndpoint.objects.values_list("pk", flat=True)) == [endpoint.pk]
