from django import template

from .. import lqa
from ..diffs import diff_html
from ..highlight import marked_html, qa_marks, source_glossary_marks, target_glossary_marks
from ..states import can_edit

register = template.Library()


@register.filter
def editable_by(segment, role: str) -> bool:
    """Whether a member with ``role`` may change this segment's text."""
    return not segment.read_only and can_edit(role, segment.state)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def changes_from_mt(segment, lang: str):
    """The current text against the MT as an escaped diff, or "" when unchanged."""
    if segment.target == segment.mt:
        return ""
    return diff_html(segment.mt, segment.target, lang)


@register.simple_tag
def text_diff(old: str, new: str, lang: str):
    return diff_html(old or "", new or "", lang)


@register.simple_tag
def lqa_choices():
    """(categories, severities) for the LQA fields of a segment row."""
    return lqa.Category.choices, lqa.Severity.choices


@register.filter
def duration_ms(ms: int | None) -> str:
    """12345 → "12.3 s"; 125000 → "2 min 5 s"."""
    if ms is None:
        return "—"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


@register.simple_tag
def marked_target(segment, glossary=()):
    """The target with QA spans and glossary terms marked, or "" when nothing is."""
    marks = qa_marks(segment.qa or ()) + target_glossary_marks(segment.target, glossary or ())
    if not marks:
        return ""
    return marked_html(segment.target, marks)


@register.simple_tag
def marked_source(segment, glossary=()):
    return marked_html(segment.source, source_glossary_marks(segment.source, glossary or ()))
