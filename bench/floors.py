"""The floor views of the page benchmarks, served beside the app (ROOT_URLCONF of the
bench process). Each does the least any such request must do, with no workbench code:

- ``rows``: log-in check (session and user), one query for 50 of the document's
  segments, a template with one escaped row each: the floor of a review page;
- ``save``: log-in check and one UPDATE of the segment's text in a transaction: the
  floor of a save;
- ``static-rows`` and ``post``: no log-in and no database at all, reported in the notes
  so both ratios are on record.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path
from django.views.decorators.http import require_POST

from reviews.models import Segment

ROW_TEMPLATE = engines["django"].from_string(
    "<ul>{% for r in rows %}<li id='r{{ r.id }}'>{{ r.position }} {{ r.source }} "
    "<textarea>{{ r.target }}</textarea> {{ r.state }}</li>{% endfor %}</ul>"
)


@login_required
def rows(request, pk):
    segments = (
        Segment.objects.filter(document_id=pk)
        .order_by("position")
        .values("id", "position", "source", "target", "state")[:50]
    )
    return HttpResponse(ROW_TEMPLATE.render({"rows": segments}))


def static_rows(request):
    data = [{"id": i, "position": i, "source": f"源文本 {i}", "target": f"Text {i}", "state": "new"}
            for i in range(50)]  # fmt: skip
    return HttpResponse(ROW_TEMPLATE.render({"rows": data}))


@login_required
@require_POST
def save(request, pk):
    with transaction.atomic():
        Segment.objects.filter(pk=pk).update(target=request.POST["target"])
    return HttpResponse("ok")


def post(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/rows/<int:pk>", rows),
    path("bench/static-rows", static_rows),
    path("bench/save/<int:pk>", save),
    path("bench/post", post),
    path("", include("workbench.urls")),
]
