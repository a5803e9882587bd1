"""Security defaults: CSP with nonces, deploy checks, log-in throttling, inert text."""

import os
import re
import secrets
import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews import services
from tests.conftest import PASSWORD, ROOT

HOSTILE = [
    "<script>alert(1)</script>",
    "</textarea><img src=x onerror=alert(2)>",
    '<a hx-get="/accounts/logout/" hx-trigger="load">x</a>',
    '" onmouseover="alert(3)',
]


MARKER = "# The production environment"


def documented_environment(path) -> dict[str, str]:
    """The NAME=value lines of the block that starts with MARKER in a document."""
    text = path.read_text()
    block = text[text.index(MARKER) :].split("```", 1)[0]
    lines = [line for line in block.splitlines()[1:] if line.strip()]
    return dict(line.split("=", 1) for line in lines)


def test_check_deploy_is_clean_with_the_documented_production_environment(tmp_path):
    documented = documented_environment(ROOT / "README.md")
    assert documented_environment(ROOT / "docs" / "DEPLOY.md") == documented
    assert documented["WORKBENCH_HTTPS"] == "1"
    # The placeholders' places: a key, and a database the check can reach (model checks
    # may ask the server for its version); what it warns about does not depend on it.
    documented["SECRET_KEY"] = secrets.token_urlsafe(50)
    documented["DATABASE_URL"] = f"sqlite:///{tmp_path / 'check.sqlite3'}"
    env = {**{k: v for k, v in os.environ.items() if k != "DEBUG"}, **documented}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for Playwright in this test process
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_csp_header_and_every_script_carries_the_nonce(client, document):
    client.login(username="translator", password=PASSWORD)
    response = client.get(reverse("reviews:document", args=[document.pk]))
    policy = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "script-src 'self' 'nonce-" in policy and "object-src 'none'" in policy
    assert "unsafe-inline" not in policy
    scripts = re.findall(r"<script[^>]*>", response.text)
    assert len(scripts) >= 2
    assert all(f'nonce="{nonce}"' in tag for tag in scripts), scripts
    assert " style=" not in response.text  # no inline styles for the policy to allow


def test_login_is_throttled_after_repeated_failures(client, users, settings):
    settings.LOGIN_FAILURES_ALLOWED = 3
    from django.core.cache import cache

    cache.clear()
    for _ in range(3):
        r = client.post("/accounts/login/", {"username": "editor", "password": "wrong"})
        assert r.status_code == 200
    r = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert r.status_code == 429
    assert "Too many failed log-ins" in r.text
    assert "_auth_user_id" not in client.session
    cache.clear()
    r = client.post("/accounts/login/", {"username": "editor", "password": PASSWORD})
    assert r.status_code == 302


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_inert_everywhere(client, project, document, segment, users, text):
    project.name = text
    project.save()
    document.title = text
    document.save()
    services.segment_edit(segment=segment, user=users["translator"], target=text, version=1)
    services.segment_reject(segment=segment, reviewer=users["editor"], reason=text, version=2)
    services.comment_add(segment=segment, author=users["editor"], text=f"@translator {text}")
    client.login(username="translator", password=PASSWORD)
    pages = [
        reverse("reviews:project-list"),
        reverse("reviews:project", args=[project.slug]),
        reverse("reviews:document", args=[document.pk]),
        reverse("reviews:document", args=[document.pk]) + "?q=" + text[:5],
        reverse("reviews:segment-comments", args=[segment.pk]),
        reverse("reviews:segment-history", args=[segment.pk]),
        reverse("reviews:document-activity", args=[document.pk]),
        reverse("reviews:queue"),
    ]
    for url in pages:
        html = client.get(url).text
        assert text not in html, url
        for marker in ("<script>alert", "<img src=x", '<a hx-get="/accounts', '" onmouseover="'):
            assert marker not in html, (url, marker)


def test_html_upload_over_the_limit_is_413_before_parsing(client, project, users, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client.login(username="manager", password=PASSWORD)
    r = client.post(
        reverse("reviews:document-upload", args=[project.slug]),
        {"file": SimpleUploadedFile("big.txt", b"x. " * 2000), "format": "auto"},
    )
    assert r.status_code == 413
    assert not project.documents.exists()
