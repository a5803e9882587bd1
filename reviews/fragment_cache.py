"""The "fragments" cache of one process (when no Redis is configured).

Django's LocMemCache pickles every value so that a cached object changed later cannot
change what the cache holds. HTML fragments are strings, which cannot change, so this
one keeps them as they are: a review page reads 50 rows of about 3 kB each, and their
unpickling and per-key validation were a tenth of the page's time. Anything else is
refused (TypeError) rather than silently shared. Entries, expiry and culling are
LocMemCache's.
"""

from __future__ import annotations

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache


def _text(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"the fragments cache keeps strings, not {type(value).__name__}")
    return value


class FragmentCache(LocMemCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._set(key, _text(value), timeout)
                return True
            return False

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            self._set(key, _text(value), timeout)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        items = [
            (self.make_and_validate_key(k, version=version), _text(v)) for k, v in data.items()
        ]
        with self._lock:
            for key, value in items:
                self._set(key, value, timeout)
        return []

    def get(self, key, default=None, version=None):
        found = self.get_many([key], version=version)
        return found.get(key, default)

    def get_many(self, keys, version=None):
        """Under one lock, without unpickling (the keys were validated when set: a
        key that would not validate was never stored)."""
        made = {self.make_key(k, version=version): k for k in keys}
        found, now = {}, time.time()
        with self._lock:
            for key, asked in made.items():
                expires = self._expire_info.get(key, -1)
                if expires is not None and expires <= now:
                    self._delete(key)
                    continue
                found[asked] = self._cache[key]
                self._cache.move_to_end(key, last=False)
        return found

    def incr(self, key, delta=1, version=None):
        raise TypeError("the fragments cache keeps strings: nothing to increment")
