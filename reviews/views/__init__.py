"""HTML views (the JSON API is separate and imports none of these)."""

from .bulk import document_bulk, document_bulk_undo
from .glossary import (
    glossary,
    glossary_add,
    glossary_delete,
    glossary_edit,
    glossary_export,
    glossary_import,
)
from .projects import document_upload, member_set, project_detail, project_list
from .queue import my_queue
from .replace import find_replace, find_replace_undo
from .review import document_export, document_review, segment_approve, segment_reject, segment_save
from .segment import comment_resolve, segment_comments, segment_history, segment_memory

__all__ = [
    "comment_resolve",
    "document_bulk",
    "document_bulk_undo",
    "document_export",
    "document_review",
    "document_upload",
    "find_replace",
    "find_replace_undo",
    "glossary",
    "glossary_add",
    "glossary_delete",
    "glossary_edit",
    "glossary_export",
    "glossary_import",
    "member_set",
    "my_queue",
    "project_detail",
    "project_list",
    "segment_approve",
    "segment_comments",
    "segment_history",
    "segment_memory",
    "segment_reject",
    "segment_save",
]
