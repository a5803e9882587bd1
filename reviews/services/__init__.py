"""Every write goes through a service: atomic, recorded as revisions, and refused with
a ``ReviewError`` when illegal. Views, the API, the CLI and tests all call these."""

from .bulk import BulkResult, bulk_undo, segments_bulk_review
from .comments import comment_add, comment_resolve
from .documents import document_export, document_import
from .glossary import (
    glossary_add_forbidden,
    glossary_export_csv,
    glossary_import_csv,
    glossary_term_add,
    glossary_term_delete,
    glossary_term_edit,
)
from .memory import memory_rebuild, memory_sync
from .projects import membership_remove, membership_set, project_create, user_by_name
from .qa import segments_assign_qa, segments_refresh_qa
from .replace import Occurrence, replace_preview, segments_find_replace
from .segments import segment_approve, segment_edit, segment_reject

__all__ = [
    "BulkResult",
    "bulk_undo",
    "comment_add",
    "comment_resolve",
    "segments_bulk_review",
    "document_export",
    "document_import",
    "glossary_add_forbidden",
    "glossary_export_csv",
    "glossary_import_csv",
    "glossary_term_add",
    "glossary_term_delete",
    "glossary_term_edit",
    "memory_rebuild",
    "memory_sync",
    "Occurrence",
    "replace_preview",
    "segments_assign_qa",
    "segments_find_replace",
    "segments_refresh_qa",
    "membership_remove",
    "membership_set",
    "project_create",
    "segment_approve",
    "segment_edit",
    "segment_reject",
    "user_by_name",
]
