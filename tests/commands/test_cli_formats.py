"""Every format through the real command line and database: import, export, validate."""

import io
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from lxml import etree

from reviews.models import Document
from tests.conftest import ROOT
from tests.formats.support import PO_FILES, REALDATA, tmx_dtd, xliff_schema
from tests.formats.test_tmx import PAIRS


def cli_round_trip(path, source_lang, target_lang, fmt, tmp_path, *extra):
    call_command("create_project", "p", "--source-lang", source_lang, "--target-lang", target_lang)
    out = io.StringIO()
    call_command("import_document", "p", str(path), "--format", "auto", stdout=out)
    doc_id = out.getvalue().strip().splitlines()[-1]
    document = Document.objects.get(pk=doc_id)
    target = tmp_path / f"out.{fmt}"
    call_command("export_document", doc_id, "--format", fmt, "-o", str(target), *extra)
    return document, target.read_bytes()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_every_lisa_tmx_imports_and_exports_valid_tmx(name, tmp_path):
    source_lang, target_lang, count = PAIRS[name]
    path = REALDATA / "tmx" / f"lisa-kit__ImportTest{name}.tmx"
    document, data = cli_round_trip(path, source_lang, target_lang, "tmx", tmp_path)
    assert document.format == "tmx" and document.segments.count() == count
    tree = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert tmx_dtd().validate(tree), tmx_dtd().error_log
    assert len(tree.findall(".//tu")) >= count


@pytest.mark.django_db
@pytest.mark.parametrize("path", PO_FILES[:3], ids=lambda p: p.parent.parent.name + "/" + p.name)
def test_django_po_files_round_trip_through_the_cli(path, tmp_path):
    _document, data = cli_round_trip(path, "en", "zh-Hans", "po", tmp_path)
    import polib

    original, exported = polib.pofile(str(path)), polib.pofile(data.decode("utf-8"))
    key = lambda e: (e.msgctxt, e.msgid)  # noqa: E731
    before = {key(e): (e.msgstr, e.msgstr_plural, sorted(e.flags)) for e in original}
    after = {key(e): (e.msgstr, e.msgstr_plural, sorted(e.flags)) for e in exported}
    assert after == before
    if shutil.which("msgfmt"):
        out = tmp_path / "out.po"
        out.write_bytes(data)
        subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)], check=True)


@pytest.mark.django_db
def test_text_document_exports_as_valid_xliff_and_tmx(tmp_path):
    seed = ROOT / "fixtures" / "seed-zhejiang-two-sessions.en.txt"
    document, data = cli_round_trip(seed, "zh-CN", "en", "text", tmp_path)
    assert data == seed.read_bytes()
    # The seed has no source: XLIFF and TMX refuse it (tests/services/test_sourceless_export.py).
    out = io.StringIO()
    call_command("import_document", "p", str(seed), "--source", str(seed), stdout=out)
    bilingual = out.getvalue().strip().splitlines()[-1]
    for fmt, validate in (("xliff", xliff_schema().validate), ("tmx", tmx_dtd().validate)):
        out = tmp_path / f"seed.{fmt}"
        with pytest.raises(CommandError, match="has no source text"):
            call_command("export_document", str(document.pk), "--format", fmt, "-o", str(out))
        call_command("export_document", bilingual, "--format", fmt, "-o", str(out))
        tree = etree.fromstring(out.read_bytes(), etree.XMLParser(resolve_entities=False))
        assert validate(tree), fmt
