"""The one place HTML views turn "not a member" into a 404."""

from collections.abc import Callable

from django.http import Http404

from ..errors import NotFound


def member_or_404(finder: Callable, **kwargs):
    try:
        return finder(**kwargs)
    except NotFound as exc:
        raise Http404(exc.message) from None
