"""The keys that find a segment's repetitions through an index.

A repetition has the same source (or the same MT) as the segment, but the texts cannot
be indexed as they are: a PostgreSQL btree entry holds at most about 2,700 bytes, so a
long source would make its import fail. Each segment stores instead a short digest of
its source and of its MT (the first 8 bytes of BLAKE2b, as a signed 64-bit integer:
``Segment.source_key``, ``Segment.mt_key``), written wherever a segment's source or MT
is written (the imports and a new version of a file; nothing else changes them), and
indexed. A lookup narrows by key, then compares the texts themselves, so a collision
(about one in 10^19 per pair) can never make two different texts repetitions.

An empty (or blank) text has no key: it is never compared, and its row stays out of the
(partial) indexes, so a document without a source costs one index, not two.
"""

from __future__ import annotations

from hashlib import blake2b


def repeat_key(text: str) -> int | None:
    """The indexed key of a source or MT; None for a text that is never compared."""
    if not text.strip():
        return None
    return int.from_bytes(blake2b(text.encode("utf-8"), digest_size=8).digest(), signed=True)
