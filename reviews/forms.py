"""Input parsing for the HTML views; the rules themselves live in services."""

from __future__ import annotations

from django import forms

from . import limits, lqa
from .formats import FORMATS
from .states import Role
from .webhook_models import WebhookEvent


def _normalise_newlines(text: str) -> str:
    # Browsers submit textarea line breaks as CRLF whatever the file used.
    return text.replace("\r\n", "\n")


class SegmentForm(forms.Form):
    target = forms.CharField(required=False, strip=False, max_length=limits.TARGET_MAX)
    version = forms.IntegerField(min_value=1)
    reason = forms.CharField(required=False, max_length=limits.REASON_MAX)
    # Filled in by review.js (first focus to save); empty without JavaScript.
    edit_ms = forms.CharField(required=False, max_length=12)
    lqa_category = forms.ChoiceField(choices=[("", "")] + lqa.Category.choices, required=False)
    lqa_severity = forms.ChoiceField(choices=[("", "")] + lqa.Severity.choices, required=False)
    override_reason = forms.CharField(required=False, max_length=limits.REASON_MAX)

    def clean_target(self) -> str:
        return _normalise_newlines(self.cleaned_data["target"])

    def clean_edit_ms(self) -> int | None:
        value = self.cleaned_data["edit_ms"]
        return int(value) if value.isdigit() else None  # a bad timing is no timing

    def lqa_errors(self) -> list[dict[str, str]]:
        """The row's one optional LQA error; the service checks it is complete."""
        category, severity = self.cleaned_data["lqa_category"], self.cleaned_data["lqa_severity"]
        if not (category or severity):
            return []
        return [{"category": category, "severity": severity, "note": ""}]


class UploadForm(forms.Form):
    # Empty files go on to the import, which refuses them naming the file, as the API
    # and the CLI do (Django's "The submitted file is empty." names none).
    file = forms.FileField(label="Translation file", allow_empty_file=True)
    source = forms.FileField(
        label="Source file (optional, plain text only)", required=False, allow_empty_file=True
    )
    format = forms.ChoiceField(
        choices=[("auto", "Detect")] + [(name, f.label) for name, f in FORMATS.items()],
        initial="auto",
    )
    title = forms.CharField(required=False, max_length=limits.TITLE_MAX)


class MemberForm(forms.Form):
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=Role.choices)


class InviteForm(MemberForm):
    """Add a person; someone without an account gets one and an e-mailed link."""

    username = forms.CharField(label="User name", max_length=150)
    email = forms.EmailField(label="E-mail (for a new person)", required=False, max_length=254)
    field_order = ["username", "email", "role"]


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[(name, f.label) for name, f in FORMATS.items()])
    approved_only = forms.BooleanField(required=False)
    include_mt = forms.BooleanField(required=False)


class ReferenceForm(forms.Form):
    file = forms.FileField(label="Reference translation (plain text, one line per segment)")


class LqaSettingsForm(forms.Form):
    minor = forms.IntegerField(label="Minor error weight", min_value=0, max_value=1000)
    major = forms.IntegerField(label="Major error weight", min_value=0, max_value=1000)
    critical = forms.IntegerField(label="Critical error weight", min_value=0, max_value=1000)
    threshold = forms.FloatField(
        label="Pass threshold (points per 1,000 words)", min_value=0, max_value=100_000
    )


class GlossaryTermForm(forms.Form):
    source = forms.CharField(label="Source term", required=False, max_length=300)
    rendering = forms.CharField(label="Approved rendering", required=False, max_length=300)
    forbidden = forms.CharField(
        label="Forbidden variants",
        required=False,
        max_length=5000,
        help_text="separated by |",
    )
    note = forms.CharField(required=False, max_length=2000)
    case_sensitive = forms.BooleanField(required=False)


class GlossaryImportForm(forms.Form):
    file = forms.FileField(label="CSV file")


class FindReplaceForm(forms.Form):
    find = forms.CharField(max_length=500, strip=False)
    replacement = forms.CharField(label="Replace with", required=False, max_length=500, strip=False)
    use_regex = forms.BooleanField(label="Regular expression", required=False)
    case = forms.BooleanField(label="Match case", required=False)
    whole_word = forms.BooleanField(label="Whole words", required=False)
    document = forms.TypedChoiceField(
        label="In", coerce=int, required=False, empty_value=None, choices=()
    )
    keep_approved = forms.BooleanField(label="Keep changed segments approved", required=False)
    add_forbidden = forms.BooleanField(
        label="Also add the old text to the glossary as a forbidden variant", required=False
    )

    def __init__(self, *args, documents=(), **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["document"].choices = [("", "All documents of the project")] + [
            (d.pk, d.title) for d in documents
        ]


class WebhookForm(forms.Form):
    url = forms.CharField(label="URL", max_length=2000)
    events = forms.MultipleChoiceField(
        label="Events",
        choices=[(value, f"{value}: {label}") for value, label in WebhookEvent.choices],
        widget=forms.CheckboxSelectMultiple,
    )
