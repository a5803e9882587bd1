from django import template

from ..states import can_edit

register = template.Library()


@register.filter
def editable_by(segment, role: str) -> bool:
    """Whether a member with ``role`` may change this segment's text."""
    return not segment.read_only and can_edit(role, segment.state)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
