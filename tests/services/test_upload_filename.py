"""upload_filename: the name an uploaded file is stored and downloaded under."""

import pytest

from reviews.services import upload_filename


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("seed.txt", "seed.txt"),
        ("C:\\Users\\me\\seed.po", "seed.po"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("report\";filename*=UTF-8''evil.html;x.txt", "reportfilename*=UTF-8evil.htmlx.txt"),
        ("line\r\nbreak.tmx", "linebreak.tmx"),
        ("invoice\u202etxt.exe.po", "invoicetxt.exe.po"),  # no right-to-left override
        ("  spaced .xlf ", "spaced .xlf"),
        ("浙江 报告.txt", "浙江 报告.txt"),
        ("", "upload"),
        ('"";/', "upload"),
    ],
)
def test_names_are_cleaned(sent, stored):
    assert upload_filename(sent) == stored


def test_long_names_keep_their_extension():
    name = upload_filename("x" * 400 + ".xliff")
    assert len(name) == 255 and name.endswith(".xliff")
