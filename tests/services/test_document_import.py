"""document_import: stores segments with import revisions, or nothing at all."""

import pytest

from reviews import services
from reviews.errors import ImportFailed, NotAllowed
from reviews.models import Document, Revision, Segment


def test_import_stores_segments_with_mt_and_revisions(document, seed_bytes):
    segments = list(document.segments.all())
    assert len(segments) > 32
    assert all(s.state == "new" and s.mt == s.target and s.version == 1 for s in segments)
    assert Revision.objects.filter(segment__document=document, action="import").count() == len(
        segments
    )
    assert services.document_export(document=document) == seed_bytes


def test_only_managers_import(project, users, seed_bytes):
    with pytest.raises(NotAllowed):
        services.document_import(
            project=project, data=seed_bytes, filename="x.txt", user=users["editor"]
        )


@pytest.mark.parametrize(
    ("data", "source", "expected"),
    [
        (b"", None, "bad.txt: the file is empty"),
        (b"\x00\x01\x02binary", None, "bad.txt: this is a binary file"),
        (b"caf\xe9 au lait.\n", None, "bad.txt: line 1: bytes that are not valid UTF-8"),
        (b"One.\n\nTwo.\n", "一。\n".encode(), "bad.txt: mismatched paragraph counts"),
        (b"One.\n", b"\xe4\xb8", "src.txt: line 1: bytes that are not valid UTF-8"),
    ],
)
def test_bad_imports_name_the_file_and_store_nothing(project, data, source, expected):
    with pytest.raises(ImportFailed) as caught:
        services.document_import(
            project=project,
            data=data,
            filename="bad.txt",
            source_data=source,
            source_filename="src.txt" if source is not None else "",
        )
    assert str(caught.value).startswith(expected)
    assert not Document.objects.exists() and not Segment.objects.exists()


def test_oversized_file_is_refused_before_parsing(project, settings):
    settings.MAX_UPLOAD_BYTES = 10
    with pytest.raises(ImportFailed, match="limit is 10"):
        services.document_import(project=project, data=b"x" * 11, filename="big.txt")
