"""The header of a PO file we write: the metadata of a fresh one, and the file's text
around its entries."""

from __future__ import annotations

import re
from typing import Any

import polib

_CHARSET = re.compile(r"(charset=)[-\w.:]+", re.IGNORECASE)
_PLURAL_FORMS = {
    "nplurals=1; plural=0;": "zh ja ko vi th id ms lo km my yue",
    "nplurals=2; plural=(n != 1);": "en de nl sv da nb nn no fi et el it es ca eu gl hu bg "
    "tr he af sq az hy ka kk ky mn ne ta te ur ml mr sw",
    "nplurals=2; plural=(n > 1);": "fr oc ln mg tg ti wa fil",
}


def plural_forms(lang: str) -> str | None:
    """A simple Plural-Forms header value for ``lang``, if it has a simple one."""
    primary = lang.replace("_", "-").split("-")[0].lower()
    if lang.replace("_", "-").lower() == "pt-br":
        primary = "fr"
    return next((rule for rule, langs in _PLURAL_FORMS.items() if primary in langs.split()), None)


def header_text(skeleton: dict[str, Any], *, utf8: bool = False, comment: str = "") -> str:
    """The header of an imported file: its lines as read (a file imported before they
    were kept: polib's, with the fields in the order read). ``utf8``: saying
    ``charset=UTF-8``, for an edit the file's own charset cannot hold; ``comment``:
    more header comment lines (what other formats' units had that PO cannot carry)."""
    written = skeleton.get("header_written")
    if written and not comment and (not utf8 or _CHARSET.search(written)):
        return _CHARSET.sub(r"\1UTF-8", written, count=1) if utf8 else written
    metadata = dict(skeleton.get("metadata", []))
    if utf8:
        metadata["Content-Type"] = "text/plain; charset=UTF-8"
    lines = "\n".join(filter(None, [skeleton.get("header_comment", ""), comment]))
    return polib_header(lines, metadata, skeleton.get("header_fuzzy"))


def polib_header(comment: str, metadata: dict[str, str], fuzzy: bool = False) -> str:
    """The header as polib writes it, with the metadata in the order given."""
    po = polib.POFile(wrapwidth=78)
    po.header, po.metadata, po.metadata_is_fuzzy = comment, metadata, fuzzy
    po.ordered_metadata = lambda: list(metadata.items())
    out = str(po)
    return out[2:] if not comment and out.startswith("#\n") else out  # polib's empty comment


def file_text(header: str, body: list[str], skeleton: dict[str, Any]) -> str:
    """The file: the header, then the entries' texts, joined as polib joins them."""
    out = "\n".join([header, *body])
    if skeleton.get("obsolete"):
        out = out.rstrip("\n") + "\n\n" + "\n\n".join(skeleton["obsolete"]) + "\n"
    if skeleton.get("trailing"):
        out = out.rstrip("\n") + "\n\n" + skeleton["trailing"] + "\n"
    return out


def fresh_metadata(target_lang: str) -> dict[str, str]:
    metadata = {
        "Project-Id-Version": "Translation Workbench export",
        "Report-Msgid-Bugs-To": "",
        "PO-Revision-Date": "",
        "Last-Translator": "",
        "Language-Team": "",
        "Language": target_lang.replace("-", "_"),
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    rule = plural_forms(target_lang)
    if rule:
        metadata["Plural-Forms"] = rule
    return metadata
