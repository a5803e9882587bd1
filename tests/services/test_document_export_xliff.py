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
