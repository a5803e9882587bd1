"""The header of a PO file we write: the metadata of a fresh one, and the file's text
around its entries."""

from __future__ import annotations

from typing import Any

import polib

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


def file_text(po: polib.POFile, body: list[str], skeleton: dict[str, Any]) -> str:
    """The file: polib writes the header and metadata (``po`` holds no entries), and
    the entries' texts follow, joined as polib joins them."""
    out = "\n".join([str(po), *body])
    if not po.header and out.startswith("#\n"):  # polib's mark for an empty header comment
        out = out[2:]
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
