"""The fragments cache of one process keeps strings as they are, and only strings."""

import pytest
from django.core.cache import caches
from django.utils.safestring import SafeString, mark_safe

from reviews.fragment_cache import FragmentCache


@pytest.fixture
def cache():
    made = FragmentCache("test-fragments", {"TIMEOUT": 60, "OPTIONS": {"MAX_ENTRIES": 3}})
    made.clear()
    return made


def test_it_is_the_fragments_cache_without_redis(settings):
    assert isinstance(caches["fragments"], FragmentCache)


def test_strings_come_back_as_they_went_in(cache):
    row = mark_safe("<div>行</div>")
    cache.set_many({"a": row, "b": "plain"})
    found = cache.get_many(["a", "b", "missing"])
    assert found == {"a": row, "b": "plain"}
    assert found["a"] is row and isinstance(found["a"], SafeString)
    assert cache.get("b") == "plain" and cache.get("missing", "-") == "-"
    assert cache.add("b", "other") is False and cache.add("c", "new") is True
    assert cache.get("c") == "new"


def test_only_strings_are_kept(cache):
    for value in ([1], {"a": 1}, b"bytes", 3):
        with pytest.raises(TypeError, match="keeps strings"):
            cache.set("k", value)
        with pytest.raises(TypeError):
            cache.set_many({"k": value})
    assert cache.get("k") is None
    with pytest.raises(TypeError):
        cache.incr("k")


def test_entries_expire_and_are_culled(cache, monkeypatch):
    cache.set("old", "x", timeout=10)
    now = __import__("time").time()
    monkeypatch.setattr("reviews.fragment_cache.time.time", lambda: now + 11)
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: now + 11)
    assert cache.get_many(["old"]) == {}
    monkeypatch.undo()
    for i in range(10):
        cache.set(f"k{i}", str(i))
    assert len(cache._cache) <= 3  # MAX_ENTRIES holds
    assert cache.get("k9") == "9"
