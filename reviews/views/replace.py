"""Find and replace across a document or a project: a preview with a diff for every
segment it changes, then the chosen ones applied in one step that can be undone."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from .. import selectors, services
from ..errors import ReviewError
from ..find_replace import FindSpec
from ..forms import FindReplaceForm
from ..states import can_review
from .access import member_or_404
from .bulk import undo_message

SESSION_KEY = "replace_undo"


def _spec(data: dict) -> FindSpec:
    return FindSpec(
        find=data["find"],
        replacement=data["replacement"],
        use_regex=data["use_regex"],
        case=data["case"],
        whole_word=data["whole_word"],
    )


def _picks(values: list[str]) -> tuple[dict[int, int], dict[int, set[int]]]:
    """Checkbox values "segment id:version seen in the preview:occurrence index" (without
    the index: every occurrence) → versions by segment, chosen occurrences by segment."""
    picks: dict[int, int] = {}
    chosen: dict[int, set[int]] = {}
    whole: set[int] = set()
    for value in values:
        pk, version, *index = value.split(":")
        if not (pk.isdigit() and version.isdigit()):
            continue
        picks[int(pk)] = int(version)
        if index and index[0].isdigit():
            chosen.setdefault(int(pk), set()).add(int(index[0]))
        else:
            whole.add(int(pk))
    return picks, {pk: indices for pk, indices in chosen.items() if pk not in whole}


@login_required
@require_http_methods(["GET", "POST"])
def find_replace(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    documents = list(project.documents.order_by("created_at", "id"))
    data = request.POST if request.method == "POST" else request.GET
    form = FindReplaceForm(data if "find" in data else None, documents=documents)
    if "find" not in data and request.GET.get("document", "").isdigit():
        form = FindReplaceForm(
            initial={"document": int(request.GET["document"])}, documents=documents
        )
    occurrences, truncated, status = [], False, 200
    if form.is_bound and form.is_valid():
        spec = _spec(form.cleaned_data)
        document = next((d for d in documents if d.pk == form.cleaned_data["document"]), None)
        try:
            if request.method == "POST":
                picks, chosen = _picks(request.POST.getlist("pick"))
                result = services.segments_find_replace(
                    project=project,
                    user=request.user,
                    spec=spec,
                    document=document,
                    picks=picks,
                    occurrences=chosen,
                    keep_approved=form.cleaned_data["keep_approved"],
                    add_forbidden=form.cleaned_data["add_forbidden"],
                )
                return _applied(request, project, result)
            occurrences, truncated = services.replace_preview(
                project=project, user=request.user, spec=spec, document=document
            )
        except ReviewError as exc:
            form.add_error(None, exc.message)
            status = exc.status
    elif form.is_bound:
        status = 422
    context = {
        "project": project,
        "role": role,
        "can_review": can_review(role),
        "form": form,
        "occurrences": occurrences,
        "truncated": truncated,
        "previewed": form.is_bound and form.is_valid() and not form.errors,
        "undo": request.session.get(SESSION_KEY) if _undo_here(request, project) else None,
    }
    return render(request, "reviews/find_replace.html", context, status=status)


def _undo_here(request, project) -> bool:
    undo = request.session.get(SESSION_KEY)
    return bool(undo and undo.get("project") == project.pk)


def _applied(request, project, result) -> HttpResponse:
    text = f"Replaced in {result.changed} segment{'s' * (result.changed != 1)}"
    skipped = result.skipped - result.archived
    if skipped:
        text += f"; {skipped} skipped (changed since the preview, or not yours to change)"
    if result.archived:
        text += f"; {result.archived} in archived documents left as they are"
    if result.four_eyes:
        text += (
            f"; {result.four_eyes} approved segment{'s' * (result.four_eyes != 1)} went back "
            "to translated: four-eyes review is on, so someone else must approve your text"
        )
    messages.success(request, text + ".")
    if result.batch:
        request.session[SESSION_KEY] = {
            "project": project.pk,
            "batch": str(result.batch),
            "count": result.changed,
        }
    return redirect(reverse("reviews:find-replace", args=[project.slug]))


@login_required
@require_POST
def find_replace_undo(request: HttpRequest, slug: str) -> HttpResponse:
    project, _role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    try:
        batch = uuid.UUID(request.POST.get("batch", ""))
        result = services.bulk_undo(project=project, batch=batch, user=request.user)
    except ValueError:
        messages.error(request, "That undo is not valid.")
    except ReviewError as exc:
        if exc.status == 403:
            return HttpResponse(exc.message, status=403)
        messages.error(request, exc.message)
    else:
        request.session.pop(SESSION_KEY, None)
        messages.success(request, undo_message(result))
    return redirect(reverse("reviews:find-replace", args=[project.slug]))
