"""Input parsing for the HTML views; the rules themselves live in services."""

from __future__ import annotations

from django import forms

from .formats import FORMATS
from .states import Role


def _normalise_newlines(text: str) -> str:
    # Browsers submit textarea line breaks as CRLF whatever the file used.
    return text.replace("\r\n", "\n")


class SegmentForm(forms.Form):
    target = forms.CharField(required=False, strip=False, max_length=100_000)
    version = forms.IntegerField(min_value=1)
    reason = forms.CharField(required=False, max_length=2000)

    def clean_target(self) -> str:
        return _normalise_newlines(self.cleaned_data["target"])


class UploadForm(forms.Form):
    file = forms.FileField(label="Translation file")
    source = forms.FileField(label="Source file (optional, plain text only)", required=False)
    format = forms.ChoiceField(
        choices=[("auto", "Detect")] + [(name, f.label) for name, f in FORMATS.items()],
        initial="auto",
    )
    title = forms.CharField(required=False, max_length=255)


class MemberForm(forms.Form):
    username = forms.CharField(max_length=150)
    role = forms.ChoiceField(choices=Role.choices)


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[(name, f.label) for name, f in FORMATS.items()])
    approved_only = forms.BooleanField(required=False)
    include_mt = forms.BooleanField(required=False)
