"""Shared helpers for the format adapter tests: sample paths, validators, round trips."""

from __future__ import annotations

import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from reviews.formats import ExportOptions, ExportUnit, format_by_name

# Byte-for-byte copies of ../shared/realdata, so the suite runs wherever it is cloned.
REALDATA = Path(__file__).resolve().parents[2] / "fixtures" / "realdata"
TMX_FILES = sorted((REALDATA / "tmx").glob("*.tmx"))
DJANGO = Path(sys.prefix) / "lib" / "python3.12" / "site-packages" / "django"
if not DJANGO.exists():  # another interpreter layout: ask Django itself
    import django

    DJANGO = Path(django.__file__).parent
PO_FILES = [
    DJANGO / "conf/locale/zh_Hans/LC_MESSAGES/django.po",
    DJANGO / "conf/locale/ar/LC_MESSAGES/django.po",
    *sorted(DJANGO.glob("contrib/admin/locale/*/LC_MESSAGES/djangojs.po")),
]


@cache
def tmx_dtd() -> etree.DTD:
    return etree.DTD(str(REALDATA / "dtd" / "tmx14.dtd"))


class _LocalXmlXsd(etree.Resolver):
    def resolve(self, url, pubid, context):
        if url and url.endswith("xml.xsd"):  # also http://www.w3.org/2001/xml.xsd
            return self.resolve_filename(str(REALDATA / "schema" / "xml.xsd"), context)
        return None


@cache
def xliff_schema(kind: str = "strict") -> etree.XMLSchema:
    """The XLIFF 1.2 schema, ``strict`` or ``transitional`` (which lets other
    namespaces' attributes and elements through unchecked)."""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    path = REALDATA / "schema" / f"xliff-core-1.2-{kind}.xsd"
    return etree.XMLSchema(etree.parse(str(path), parser))


def xmllint_schema(data: bytes, kind: str = "strict") -> None:
    """``xmllint --schema`` passes ``data`` (skipped where libxml2-utils is missing)."""
    if shutil.which("xmllint") is None:
        pytest.skip("libxml2's xmllint is not installed (scripts/ensure-system-packages)")
    schema = REALDATA / "schema" / f"xliff-core-1.2-{kind}.xsd"
    done = subprocess.run(
        ["xmllint", "--noout", "--nonet", "--schema", str(schema), "-"],
        input=data,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode(errors="replace")[:2000]


def assert_valid(validator, data: bytes) -> etree._Element:
    document = etree.fromstring(data, etree.XMLParser(no_network=True, resolve_entities=False))
    if not validator.validate(document):
        errors = validator.error_log.filter_from_errors()
        raise AssertionError("invalid export:\n" + "\n".join(str(e) for e in errors[:5]))
    return document


def as_export(parsed, targets=None, states=None, **fields) -> list[ExportUnit]:
    """The parsed units as stored segments, optionally edited (index → value)."""
    return [
        ExportUnit(
            source=u.source,
            target=(targets or {}).get(i, u.target),
            mt=u.target,
            state=(states or {}).get(i, u.state or ("new" if u.target else "untranslated")),
            key=u.key,
            meta=u.meta,
            **fields,
        )
        for i, u in enumerate(parsed.units)
    ]


def parse(name: str, data: bytes, source_lang: str = "zh-CN", target_lang: str = "en"):
    return format_by_name(name).parse(data, source_lang=source_lang, target_lang=target_lang)


def render(name, skeleton, units, source_lang="zh-CN", target_lang="en", **options) -> bytes:
    return format_by_name(name).render(
        skeleton,
        units,
        source_lang=source_lang,
        target_lang=target_lang,
        options=ExportOptions(**options),
    )


def round_trip(name, data, source_lang="zh-CN", target_lang="en", **options):
    """(parsed, exported bytes, exported re-parsed) for unedited units."""
    parsed = parse(name, data, source_lang, target_lang)
    out = render(name, parsed.skeleton, as_export(parsed), source_lang, target_lang, **options)
    return parsed, out, parse(name, out, source_lang, target_lang)
