"""The project glossary page: every member reads and exports it; editors and managers
add, change, delete and import terms; managers load the starter glossary."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from .. import policy, selectors, services
from ..errors import ReviewError
from ..forms import GlossaryImportForm, GlossaryTermForm
from ..states import can_review
from .access import member_or_404
from .projects import _read_upload

PREFILL = ("source", "rendering", "forbidden", "note")


def _page(request, project, role, *, status=200, **extra) -> HttpResponse:
    initial = {name: request.GET.get(name, "")[:300] for name in PREFILL if name in request.GET}
    context = {
        "project": project,
        "role": role,
        "can_edit": can_review(role),
        "terms": selectors.glossary_terms(project_id=project.pk),
        "form": GlossaryTermForm(initial=initial),
        "import_form": GlossaryImportForm(),
        "can_load_starter": policy.may_load_starter_glossary(role),
        "starter": services.starter_glossary() if policy.may_load_starter_glossary(role) else (),
        **extra,
    }
    return render(request, "reviews/glossary.html", context, status=status)


def _editor_only(role) -> HttpResponse | None:
    if not can_review(role):
        return HttpResponse("Only editors and managers can change the glossary.", status=403)
    return None


def _recheck_notice(request, project) -> None:
    """A change in a big project re-checks QA in background jobs: say so."""
    if pending := selectors.project_qa_pending(project=project):
        messages.info(
            request,
            f"QA is being re-checked in the background: {pending:,} segments are not checked "
            "yet. The review pages show how far the checks are.",
        )


def _back(request, project) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("reviews:glossary", slug=project.slug)


@login_required
@require_GET
def glossary(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    return _page(request, project, role)


@login_required
@require_POST
def glossary_add(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if refused := _editor_only(role):
        return refused
    form = GlossaryTermForm(request.POST)
    if form.is_valid():
        try:
            term = services.glossary_term_add(
                project=project, user=request.user, **form.cleaned_data
            )
        except ReviewError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Added “{term}” to the glossary.")
            _recheck_notice(request, project)
            return _back(request, project)
    return _page(request, project, role, status=422, form=form)


def _term(request, slug: str, pk: int):
    term, role = member_or_404(
        selectors.glossary_term_for_member, user=request.user, slug=slug, pk=pk
    )
    return term.project, role, term


@login_required
@require_POST
def glossary_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project, role, term = _term(request, slug, pk)
    if refused := _editor_only(role):
        return refused
    form = GlossaryTermForm(request.POST)
    if form.is_valid():
        try:
            services.glossary_term_edit(term=term, user=request.user, **form.cleaned_data)
        except ReviewError as exc:
            messages.error(request, exc.message)
            return _page(request, project, role, status=exc.status)
        messages.success(request, f"Changed “{term}”.")
        _recheck_notice(request, project)
    else:
        messages.error(request, "The term's form was not valid.")
    return redirect("reviews:glossary", slug=project.slug)


@login_required
@require_POST
def glossary_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project, role, term = _term(request, slug, pk)
    if refused := _editor_only(role):
        return refused
    label = str(term)
    services.glossary_term_delete(term=term, user=request.user)
    messages.success(request, f"Deleted “{label}”.")
    _recheck_notice(request, project)
    return redirect("reviews:glossary", slug=project.slug)


@login_required
@require_POST
def glossary_import(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if refused := _editor_only(role):
        return refused
    form = GlossaryImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            added, updated = services.glossary_import_csv(
                project=project, user=request.user, data=_read_upload(upload), filename=upload.name
            )
        except ReviewError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, f"Imported {added} new and {updated} changed terms.")
            _recheck_notice(request, project)
            return redirect("reviews:glossary", slug=project.slug)
    return _page(request, project, role, status=422, import_form=form)


@login_required
@require_POST
def glossary_load_starter(request: HttpRequest, slug: str) -> HttpResponse:
    """Add the starter terms the glossary lacks, once the manager ticked the box that
    says so (the confirmation works without JavaScript)."""
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if not policy.may_load_starter_glossary(role):
        return HttpResponse(policy.MAY_LOAD_STARTER_GLOSSARY + ".", status=403)
    if request.POST.get("confirm") != "yes":
        return _page(
            request,
            project,
            role,
            status=422,
            starter_error="Tick the box to confirm: the starter terms are added to this "
            "project's glossary and its QA is checked again.",
        )
    try:
        loaded = services.glossary_load_starter(project=project, user=request.user)
    except ReviewError as exc:
        messages.error(request, exc.message)
        return _page(request, project, role, status=exc.status)
    messages.success(
        request,
        f"Added {loaded.added} starter terms to the glossary"
        + (
            f" ({loaded.kept} were there already and are kept as they are)." if loaded.kept else "."
        ),
    )
    _recheck_notice(request, project)
    return redirect("reviews:glossary", slug=project.slug)


@login_required
@require_GET
def glossary_export(request: HttpRequest, slug: str) -> HttpResponse:
    project, _role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    response = HttpResponse(
        services.glossary_export_csv(project=project), content_type="text/csv; charset=utf-8"
    )
    filename = f"{project.slug}-glossary.csv"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
