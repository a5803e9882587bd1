"""One domain error hierarchy; each interface maps it to its own shape.

HTML views answer with a 4xx partial, the JSON API with ``{"error", "detail"}``, the
management commands with exit status 1 and the message.
"""

from __future__ import annotations

from typing import Any


class ReviewError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, *, detail: Any = None):
        super().__init__(message)
        self.message = message
        self.detail = detail


class NotFound(ReviewError):
    status = 404
    code = "not_found"


class Gone(ReviewError):
    """It existed but was dropped (an old export's file, after the retention period)."""

    status = 410
    code = "gone"


class NotAllowed(ReviewError):
    """The user is a member but their role may not do this."""

    status = 403
    code = "forbidden"


class IllegalTransition(ReviewError):
    status = 409
    code = "illegal_transition"


class NotReady(ReviewError):
    """A job's result was asked for before the job ended well."""

    status = 409
    code = "not_ready"


class StaleVersion(ReviewError):
    """The write was based on an older version; ``segment`` is the current one."""

    status = 409
    code = "stale_version"

    def __init__(self, message: str, *, segment: Any):
        super().__init__(message)
        self.segment = segment


class NoSource(ReviewError):
    """A format that pairs each translation with its source was asked for a document
    without one (``Format.needs_source``)."""

    status = 409
    code = "no_source"


class QaBlocked(ReviewError):
    """Approving text with QA errors needs an explicit override with a reason."""

    status = 409
    code = "qa_blocked"


class InvalidInput(ReviewError):
    status = 422
    code = "invalid_input"


class InvalidQuery(InvalidInput):
    """A query parameter of a read is refused: a bad cursor, ``limit`` or filter (400)."""

    status = 400
    code = "invalid_query"


class InvalidField(InvalidInput):
    """One named field of the input is refused (too long, the wrong type): the API's
    error names it as ``field``."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class ImportFailed(ReviewError):
    """A file was refused; the message names the file and the problem."""

    status = 422
    code = "import_failed"

    def __init__(self, filename: str, problem: str):
        super().__init__(f"{filename}: {problem}")
        self.filename = filename
        self.problem = problem


class FileTooLarge(ImportFailed):
    status = 413
    code = "too_large"
