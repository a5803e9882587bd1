"""An XLIFF 1.1 upload exported through the service names its own file as ``original``
(issue 17, point 4): the document's file name reaches the adapter."""

from reviews import services
from tests.formats.support import assert_valid, xliff_schema
from tests.formats.test_xliff_validity import XLIFF_11

NS = "urn:oasis:names:tc:xliff:document:1.2"


def test_an_xliff_11_upload_exports_valid_with_its_file_name_as_original(project, users):
    document = services.document_import(
        project=project, data=XLIFF_11, filename="Release notes.xlf", user=users["manager"]
    )
    for fmt in ("xliff", None):
        out = services.document_export(document=document, format_name=fmt)
        file_element = assert_valid(xliff_schema(), out).find(f"{{{NS}}}file")
        assert file_element.get("original") == "Release notes.xlf"
        assert file_element.get("source-language") == project.source_lang


def test_a_po_document_exported_as_tmx_and_xliff_carries_its_header(project, users):
    data = (
        '# Newsroom glossary\nmsgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Language-Team: Desk <desk@example.org>\\n"\n\n'
        '#. headline\nmsgid "浙江两会开幕"\nmsgstr "Zhejiang opens its two sessions"\n'
    ).encode()
    document = services.document_import(
        project=project, data=data, filename="desk.po", user=users["manager"]
    )
    tmx = services.document_export(document=document, format_name="tmx").decode()
    assert '<prop type="x-po-header:Language-Team">Desk &lt;desk@example.org&gt;</prop>' in tmx
    assert '<prop type="x-note-from:po-header">Newsroom glossary</prop>' in tmx
    xliff = services.document_export(document=document, format_name="xliff")
    file_element = assert_valid(xliff_schema(), xliff).find(f"{{{NS}}}file")
    assert file_element.get("original") == "desk.po"
    notes = [n.text for n in file_element.iter(f"{{{NS}}}note")]
    assert "Newsroom glossary" in notes and "headline" in notes
