"""The personal queue: what waits for me across my projects."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import selectors


@login_required
@require_GET
def my_queue(request: HttpRequest) -> HttpResponse:
    queue = selectors.user_queue(user=request.user)
    return render(request, "reviews/queue.html", {"queue": queue})
