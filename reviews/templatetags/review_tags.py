from functools import lru_cache

from django import template
from django.template import Context, engines

from ..diffs import diff_html
from ..selectors import Progress
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


PROGRESS_TEMPLATE = "reviews/_progress.html"


@lru_cache(maxsize=1024)
def _progress_bar(progress: Progress, source: str) -> str:
    template = engines["django"].engine.get_template(PROGRESS_TEMPLATE)
    return template.render(Context({"progress": progress}))


@register.simple_tag
def progress_bar(progress: Progress) -> str:
    """The bar of ``progress`` (reviews/_progress.html), drawn once per distinct counts.
    It is a pure function of the counts (a frozen dataclass: the memo's key) and the
    template, whose source is part of the key too, and it sees nothing else."""
    source = engines["django"].engine.get_template(PROGRESS_TEMPLATE).source
    return _progress_bar(progress, source)
