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


@register.filter
def changes_from_mt(segment, lang: str):
    """The current text against the MT as an escaped diff, or "" when unchanged."""
    if segment.target == segment.mt:
        return ""
    return diff_html(segment.mt, segment.target, lang)


@register.simple_tag
def text_diff(old: str, new: str, lang: str):
    return diff_html(old or "", new or "", lang)
