"""Report pages for a document and a project, their CSV downloads, the reference upload
and the project's LQA settings. Charts are SVG drawn by the templates."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from .. import charts, lqa, reports, selectors, services
from ..errors import ReviewError
from ..forms import LqaSettingsForm, ReferenceForm
from ..states import Action, can_manage, can_review
from .access import member_or_404
from .jobs import being_measured

# A spreadsheet runs a cell that starts like a formula; a leading quote keeps it text.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _csv(filename: str, header: list[str], rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return response


def _charts(report: reports.Report) -> dict:
    severities = dict(lqa.Severity.choices)
    categories = dict(lqa.Category.choices)
    actions = [a for a in Action if a != Action.IMPORT]
    return {
        "ter_chart": charts.bar_chart(
            "Segments by HTER (edits per 100 reference words)",
            [(b.label, b.count) for b in report.histogram],
        ),
        "category_chart": charts.bar_chart(
            "LQA errors by category",
            [(categories[c], sum(by.values())) for c, by in report.lqa.by_category.items()],
        ),
        "severity_chart": charts.bar_chart(
            "LQA errors by severity",
            [(severities[s], n) for s, n in report.lqa.by_severity.items()],
        ),
        "throughput_chart": charts.bar_chart(
            "Actions per person (a bulk action counts once)",
            [(t.user, t.total) for t in report.throughput],
        ),
        "actions": actions,
        "severities": lqa.Severity.choices,
    }


@login_required
@require_GET
def document_report(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    if job := services.document_metrics_job(document=document, user=request.user):
        return being_measured(request, [job], document.title)  # jobs: big, not measured yet
    totals = services.document_totals(document=document)
    report = reports.document_report(document=document, totals=totals)
    context = {
        "document": document,
        "project": document.project,
        "role": role,
        "can_review": can_review(role),
        "report": report,
        "reference_form": ReferenceForm(),
        **_charts(report),
    }
    return render(request, "reviews/document_report.html", context)


@login_required
@require_GET
def document_report_csv(request: HttpRequest, pk: int) -> HttpResponse:
    document, _role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    if job := services.document_metrics_job(document=document, user=request.user):
        return being_measured(request, [job], document.title)  # jobs: big, not measured yet
    services.document_totals(document=document)  # measures what is not measured yet
    header = ["position", "segment", "state", "hter", "hchrf", "hbleu", "source", "mt", "target"]
    rows = (
        (pos + 1, pk_, state, *(None if x is None else round(x, 2) for x in scores), *texts)
        for pos, pk_, state, *rest in reports.segments_for_csv(document=document)
        for scores, texts in [(rest[:3], rest[3:])]
    )
    return _csv(f"document-{document.pk}-report.csv", header, rows)


@login_required
@require_POST
def document_reference(request: HttpRequest, pk: int) -> HttpResponse:
    document, role = member_or_404(selectors.document_for_member, user=request.user, pk=pk)
    if not can_review(role):
        return HttpResponse("Only editors and managers can upload a reference.", status=403)
    form = ReferenceForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "Choose a reference file to upload.")
    else:
        upload = form.cleaned_data["file"]
        try:
            n = services.document_reference_set(
                document=document, user=request.user, data=upload.read(), filename=upload.name
            )
        except ReviewError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Reference stored for {n} segment{'s' * (n != 1)}.")
    return redirect("reviews:document-report", pk=document.pk)


@login_required
@require_GET
def project_report(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if jobs := services.project_metrics_jobs(project=project, user=request.user):
        return being_measured(request, jobs, project.name)  # jobs: big, not measured yet
    totals, per_document = services.project_totals(project=project)
    report = reports.project_report(project=project, totals=totals, per_document=per_document)
    context = {
        "project": project,
        "role": role,
        "can_manage": can_manage(role),
        "report": report,
        "lqa_form": LqaSettingsForm(
            initial={
                "minor": project.lqa_weight_minor,
                "major": project.lqa_weight_major,
                "critical": project.lqa_weight_critical,
                "threshold": project.lqa_threshold,
            }
        ),
        **_charts(report),
    }
    return render(request, "reviews/project_report.html", context)


@login_required
@require_GET
def project_report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    project, _role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if jobs := services.project_metrics_jobs(project=project, user=request.user):
        return being_measured(request, jobs, project.name)  # jobs: big, not measured yet
    totals, per_document = services.project_totals(project=project)
    report = reports.project_report(project=project, totals=totals, per_document=per_document)
    header = ["document", "title", "segments", "words", "hbleu", "hchrf", "hter"]
    header += ["lqa_errors", "lqa_points", "penalty_per_1000_words", "lqa_passed"]
    rows = [
        (
            row.document.pk,
            row.document.title,
            row.scores.segments,
            row.scores.words,
            round(row.scores.corpus.bleu, 2),
            round(row.scores.corpus.chrf, 2),
            round(row.scores.corpus.ter, 2),
            row.lqa.total,
            row.lqa.verdict.points,
            row.lqa.verdict.per_1000,
            "pass" if row.lqa.verdict.passed else "fail",
        )
        for row in report.documents
    ]
    return _csv(f"project-{project.slug}-report.csv", header, rows)


@login_required
@require_POST
def project_lqa(request: HttpRequest, slug: str) -> HttpResponse:
    project, role = member_or_404(selectors.project_for_member, user=request.user, slug=slug)
    if not can_manage(role):
        return HttpResponse("Only project managers can change the LQA settings.", status=403)
    form = LqaSettingsForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Weights are whole numbers from 0 to 1000; the threshold ≥ 0.")
    else:
        data = form.cleaned_data
        try:
            services.project_lqa_set(
                project=project,
                user=request.user,
                weights={s: data[s] for s in lqa.Severity.values},
                threshold=data["threshold"],
            )
        except ReviewError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "LQA settings saved.")
    return redirect(reverse("reviews:project-report", args=[project.slug]) + "#lqa-settings")
