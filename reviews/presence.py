"""Who is editing which segment right now: short-lived marks in Django's default cache.

The review page sends a heartbeat while a translation box has the focus (every
``HEARTBEAT_SECONDS``); a mark lasts ``PRESENCE_SECONDS`` unless renewed, so a closed tab
or a lost connection clears itself. Each user has one mark per document (a key of its
own: heartbeats never overwrite each other's), read for the project's members at once.

Nothing here is stored in the database, and nothing is lost when a mark is: it is a
hint shown before a conflict can happen, not a lock. Every web process must share the
cache for the hint to reach everyone: Redis (``REDIS_URL``) in production; the
per-process memory cache of development serves one ``runserver`` (docs/DEPLOY.md).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache

PRESENCE_SECONDS = 30
HEARTBEAT_SECONDS = 10


def _key(document_id: int, user_id: int) -> str:
    return f"presence:{document_id}:{user_id}"


def presence_mark(*, document_id: int, segment_id: int, user) -> None:
    """``user`` is editing ``segment_id`` (of ``document_id``), for the next
    ``PRESENCE_SECONDS``."""
    mark = {"segment": segment_id, "name": user.get_username(), "at": time.time()}
    cache.set(_key(document_id, user.pk), mark, PRESENCE_SECONDS)


def presence_clear(*, document_id: int, user) -> None:
    """``user`` left the box they were editing in ``document_id``."""
    cache.delete(_key(document_id, user.pk))


def document_presence(
    *, document_id: int, user_ids: Iterable[int], exclude_user_id: int | None = None
) -> dict[int, list[str]]:
    """{segment id: names of those editing it}, among ``user_ids`` (the project's
    members), leaving out ``exclude_user_id`` (the one asking): one cache read."""
    keys = {_key(document_id, uid): uid for uid in user_ids if uid != exclude_user_id}
    editing: dict[int, list[str]] = defaultdict(list)
    now = time.time()
    for mark in cache.get_many(list(keys)).values():
        if now - mark.get("at", 0) <= PRESENCE_SECONDS:  # a backend may keep it longer
            editing[mark["segment"]].append(mark["name"])
    return {segment: sorted(names) for segment, names in editing.items()}
