"""What workbench/settings.py promises about the database."""

import threading
import time

import pytest
from django.conf import settings
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from reviews.middleware import is_database_busy


def sqlite_file(path, **options) -> ConnectionHandler:
    """Connections to a SQLite file with the settings' options (one per thread)."""
    config = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {**settings.SQLITE_OPTIONS, **options},
    }
    return ConnectionHandler({"default": config})


def hold_the_write_lock_while(handler, seconds: float, write) -> dict:
    """One connection holds a write transaction for ``seconds`` while another thread
    (on its own connection) runs ``write``; what the writer saw."""
    holder = handler["default"]
    with holder.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS t (x integer)")
        cursor.execute("BEGIN IMMEDIATE")
        cursor.execute("INSERT INTO t VALUES (1)")
    seen = {}

    def writer():
        start = time.monotonic()
        try:
            with handler["default"].cursor() as cursor:
                write(cursor)
        except OperationalError as exc:
            seen["error"] = exc
        seen["waited"] = time.monotonic() - start
        handler["default"].close()

    thread = threading.Thread(target=writer)
    thread.start()
    time.sleep(seconds)
    with holder.cursor() as cursor:
        cursor.execute("COMMIT")
    thread.join()
    return seen


@pytest.fixture
def unblocked(django_db_blocker):
    with django_db_blocker.unblock():
        yield


def test_sqlite_waits_for_the_write_lock_by_default(tmp_path, unblocked):
    assert settings.SQLITE_OPTIONS["timeout"] == settings.SQLITE_BUSY_TIMEOUT >= 30
    handler = sqlite_file(tmp_path / "busy.sqlite3")
    seen = hold_the_write_lock_while(
        handler, 1.0, lambda cursor: cursor.execute("INSERT INTO t VALUES (2)")
    )
    assert "error" not in seen
    assert seen["waited"] >= 0.9  # it waited for the holder, and then it wrote
    with handler["default"].cursor() as cursor:
        cursor.execute("SELECT x FROM t ORDER BY x")
        assert cursor.fetchall() == [(1,), (2,)]
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone() == ("wal",)
    handler.close_all()


def test_sqlite_gives_up_after_the_timeout_as_database_busy(tmp_path, unblocked):
    handler = sqlite_file(tmp_path / "busy.sqlite3", timeout=0.2)
    seen = hold_the_write_lock_while(
        handler, 1.0, lambda cursor: cursor.execute("INSERT INTO t VALUES (2)")
    )
    assert 0.15 <= seen["waited"] < 0.9
    assert is_database_busy(seen["error"])  # which the middleware answers with a 503
    handler.close_all()
