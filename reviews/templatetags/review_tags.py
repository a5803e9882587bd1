from django import template

from ..diffs import diff_html
from ..states import can_edit

register = template.Library()


@register.filter
def editable_by(segment, role: str) -> bool:
    """Whether a member with ``role`` may change this segment's text."""
    return not segment.read_only and can_edit(role, segment.state)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def text_diff(old: str, new: str, lang: str):
    return diff_html(old or "", new or "", lang)


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
