"""How long the texts people send may be: the web forms, the JSON API's checks and its
OpenAPI schema (``maxLength``) all read these, so they refuse the same input."""

from __future__ import annotations

from . import lqa

TARGET_MAX = 100_000  # a segment's translation
REASON_MAX = 2_000  # a rejection's reason; the reason to approve despite QA errors
TITLE_MAX = 255  # a document's title (Document.title)
LQA_NOTE_MAX = lqa.MAX_NOTE  # the note of an LQA error (services check it)
