"""One linear migration history: the squashed migration builds an empty database,
and a database migrated with the history it replaces (merge migrations and all) takes
it as applied, data intact."""

import gzip
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from reviews import services
from reviews.models import Revision, Segment
from tests.conftest import ROOT, make_user

SQUASHED = "0001_squashed_0016_segment_qa_dismissed"
BEFORE_SQUASH = ROOT / "fixtures" / "migrations" / "demo-before-squash.sqlite3.gz"


def _history() -> list[str]:
    """The reviews migrations after the squash, in dependency order."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return [name for app, name in loader.graph.forwards_plan(_leaf()[0]) if app == "reviews"][1:]


def test_the_history_is_the_squash_then_one_line_with_no_merge():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    ours = sorted(key for key in loader.disk_migrations if key[0] == "reviews")
    assert ours[0] == ("reviews", SQUASHED)
    assert (
        len(loader.disk_migrations[("reviews", SQUASHED)].replaces) == 22
    )  # 0001_initial to 0016, merges included
    # Each later migration depends on the one before it: one leaf, no merge.
    assert len(loader.graph.leaf_nodes("reviews")) == 1
    previous = SQUASHED
    for _app, name in ours[1:]:
        parents = [
            d for d in loader.disk_migrations[("reviews", name)].dependencies if d[0] == "reviews"
        ]
        assert parents == [("reviews", previous)], name
        previous = name
    assert loader.graph.leaf_nodes("reviews") == [("reviews", previous)]


def _leaf():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    return loader.graph.leaf_nodes("reviews")


def _search_index_statements() -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'reviews_memory_fts%'"
            )
        else:
            cursor.execute("SELECT count(*) FROM pg_indexes WHERE indexname = 'memory_key_trgm'")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_an_empty_database_migrates_and_works(seed_bytes):
    executor = MigrationExecutor(connection)
    executor.migrate([("reviews", None)])  # no reviews tables at all
    assert "reviews_segment" not in connection.introspection.table_names()
    assert _search_index_statements() == 0
    executor = MigrationExecutor(connection)
    executor.migrate(_leaf())
    # The models and the schema agree, and the memory's search index is there.
    call_command("makemigrations", "reviews", "--check", "--dry-run", verbosity=0)
    assert _search_index_statements() >= 1
    project = services.project_create(slug="p", name="P", source_lang="zh-CN", target_lang="en")
    editor = make_user("ed")
    services.membership_set(project=project, user=editor, role="manager")
    document = services.document_import(
        project=project, data=seed_bytes, filename="seed.txt", user=editor
    )
    segment = document.segments.order_by("position").first()
    approved = services.segment_approve(segment=segment, reviewer=editor, version=1)
    assert approved.state == "approved"
    assert Segment.objects.filter(document=document).count() == 46


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_with_the_old_history_takes_the_squash_as_applied(
    document, segment, users
):
    services.segment_edit(segment=segment, user=users["translator"], target="Kept.", version=1)
    services.segment_approve(segment=segment, reviewer=users["editor"], version=2)
    replaced = MigrationLoader(connection).disk_migrations[("reviews", SQUASHED)].replaces
    recorder = MigrationRecorder(connection)
    # As a database migrated before the squash records it: every old name, not the new
    # (and, as this one has their schema, the migrations made after the squash).
    recorder.migration_qs.filter(app="reviews").delete()
    for app, name in [*replaced, *(("reviews", later) for later in _history())]:
        recorder.record_applied(app, name)

    executor = MigrationExecutor(connection)
    assert ("reviews", SQUASHED) in executor.loader.applied_migrations
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    call_command("migrate", verbosity=0)  # nothing to do, nothing undone
    segment.refresh_from_db()
    assert (segment.target, segment.state, segment.version) == ("Kept.", "approved", 3)
    assert Revision.objects.filter(segment=segment).count() == 3


def test_a_real_demo_database_from_before_the_squash_migrates(tmp_path):
    """The demo database as `make demo` left it with the old history (0001 to 0016 and
    the merges, an edited and approved segment with a comment): `migrate` applies only
    what came after the squash, and the data is intact and writable."""
    path = tmp_path / "db.sqlite3"
    with gzip.open(BEFORE_SQUASH) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    env = {"DATABASE_URL": f"sqlite:///{path}", "PATH": "/usr/bin:/bin"}
    manage = [sys.executable, str(ROOT / "manage.py")]
    done = subprocess.run(
        [*manage, "migrate", "--noinput"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    applied = [
        line.split("reviews.", 1)[1].split("...")[0]
        for line in done.stdout.splitlines()
        if "Applying reviews." in line
    ]
    assert applied == _history()
    shown = subprocess.run(
        [*manage, "showmigrations", "reviews"], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert f"[X] {SQUASHED}" in shown.stdout
    script = (
        "from reviews import services; from reviews.models import Segment;"
        "from django.contrib.auth import get_user_model;"
        "s = Segment.objects.get(state='approved');"
        "print(s.target); print(s.revisions.count(), s.comments.count());"
        "t = get_user_model().objects.get(username='translator');"
        "o = Segment.objects.exclude(pk=s.pk).first();"
        "print(services.segment_edit(segment=o, user=t, target='New text.', "
        "version=o.version).state)"
    )
    out = subprocess.run(
        [*manage, "shell", "-c", script], env=env, capture_output=True, text=True, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr
    target, counts, state = out.stdout.strip().splitlines()[-3:]
    assert "Zheyun'an" in target
    assert (counts, state) == ("3 1", "translated")
    with sqlite3.connect(path) as db:  # the memory's search index came along
        assert (
            db.execute(
                "SELECT count(*) FROM sqlite_master WHERE name LIKE 'reviews_memory_fts%'"
            ).fetchone()[0]
            >= 4
        )
    assert Path(path).exists()


@pytest.mark.django_db(transaction=True)
def test_the_segments_of_a_populated_database_get_their_repetition_keys(
    document, users, monkeypatch
):
    """0021 keys the segments stored before it (in batches: 4 at a time here), so their
    repetitions are found as a new import's are."""
    import importlib

    from reviews import selectors
    from reviews.repeat_keys import repeat_key

    twin = services.document_import(
        project=document.project, data=b"Wealth together.\n", filename="twin.txt"
    )
    migration = importlib.import_module("reviews.migrations.0021_segment_repeat_keys")
    monkeypatch.setattr(migration, "BATCH", 4)
    executor = MigrationExecutor(connection)
    executor.migrate([("reviews", "0020_revision_words_by")])  # the keys are not there yet
    executor = MigrationExecutor(connection)
    executor.migrate(_leaf())

    rows = list(Segment.objects.values_list("source", "mt", "source_key", "mt_key"))
    assert len(rows) == 47
    assert all((sk, mk) == (repeat_key(s), repeat_key(m)) for s, m, sk, mk in rows)
    assert {mk for _s, _m, _sk, mk in rows} != {None}
    segment = Segment.objects.get(document=twin, position=0)
    services.segment_edit(
        segment=segment, user=users["manager"], target="Common prosperity.", version=1
    )
    found = selectors.segment_repetitions(segment=Segment.objects.get(pk=segment.pk))
    assert [s.document_id for s in found] == [document.pk]
