"""Shared fixtures: a zh-CN → en project with one member per role, and the seed."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from reviews import services
from reviews.states import Role
from tests.webhook_receiver import receiver  # noqa: F401 (a fixture: a webhook receiver)

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seed-zhejiang-two-sessions.en.txt"
PASSWORD = "s3cret-pass"


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


def make_user(username: str):
    return get_user_model().objects.create_user(username=username, password=PASSWORD)


@pytest.fixture
def project(db):
    return services.project_create(
        slug="zj", name="Zhejiang news", source_lang="zh-CN", target_lang="en"
    )


@pytest.fixture
def users(project):
    """translator, editor and manager are members; outsider is not."""
    made = {}
    for name, role in (
        ("translator", Role.TRANSLATOR),
        ("editor", Role.EDITOR),
        ("manager", Role.MANAGER),
    ):
        made[name] = make_user(name)
        services.membership_set(project=project, user=made[name], role=role)
    made["outsider"] = make_user("outsider")
    return made


@pytest.fixture
def document(project, users, seed_bytes):
    return services.document_import(
        project=project, data=seed_bytes, filename="seed.txt", user=users["manager"]
    )


# Repetitions (services/propagation.py): segments 1, 3 and 4 say the same thing.
TWINS_TEXT = b"Wealth together.\nThe plan works.\nWealth together.\nWealth together.\n"
TWINS_SOURCE = "共同富裕。\n计划有效。\n共同富裕。\n共同富裕。\n".encode()
TWINS_FIXED = "Common prosperity."


@pytest.fixture
def twins(project, users):
    """A bilingual document whose first sentence has two repetitions."""
    return services.document_import(
        project=project,
        data=TWINS_TEXT,
        filename="twins.txt",
        user=users["manager"],
        source_data=TWINS_SOURCE,
        source_filename="twins.zh.txt",
    )


@pytest.fixture
def segment(document):
    return document.segments.get(target__contains="Zhe Yunan")


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs ~0.7 s per user; tests need no such strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):
    """Background jobs run inside the request that queues them (Django's immediate
    backend); tests/tasks/test_worker.py runs the real database worker."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def helpers_started(monkeypatch) -> list:
    """Every reading helper (reviews/formats/helper.py) started during the test."""
    from reviews.formats import helper

    started = []
    original = helper._Helper.__init__

    def record(self):
        original(self)
        started.append(self)

    monkeypatch.setattr(helper._Helper, "__init__", record)
    return started
