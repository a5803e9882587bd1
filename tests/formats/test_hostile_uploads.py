"""Uploads that crashed or stalled a worker (issue 15), refused or read properly through
every interface: the import service, the CLI (in-process and as a script), the JSON API
and the web upload.

1. A PO or XML file declaring a bytes-to-bytes codec (base64, rot13, zlib ...) as its
   character set: a domain error naming the file and the line, not a LookupError.
2. UTF-16 without a byte-order mark: read (text, PO, XML), not called binary.
3. An element with a huge number of attributes (lxml reads them in quadratic time):
   refused by a linear pre-scan before lxml sees the file, in-process and in the helper.
4. A bare carriage return in a PO file is shown as ``\\r`` in an error, not as the
   private-use stand-in the reader puts in its place.
5. An empty web upload names the file, as the API and the CLI do.
"""

from __future__ import annotations

import io
import os
import time
import tracemalloc

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from reviews import services
from reviews.errors import ImportFailed
from reviews.formats import (
    FORMATS,
    ExportOptions,
    FormatError,
    ParsedFile,
    format_for_file,
    xmlsafe,
)
from reviews.formats.helper import stream_in_helper
from reviews.formats.xmlsafe import MAX_ATTRIBUTES
from reviews.models import Document
from tests.commands.test_cli import run
from tests.conftest import PASSWORD
from tests.formats.support import as_export

BYTES_CODECS = ("base64", "rot13", "hex", "zlib", "uu", "bz2", "quopri")
LANGS = {"source_lang": "zh-CN", "target_lang": "en"}
CROWDED = f"has more than {MAX_ATTRIBUTES} attributes"


def po_with_charset(charset: str) -> bytes:
    """A PO file whose Content-Type header (line 9) declares ``charset``."""
    return (
        "# A catalogue.\n"
        "#\n"
        'msgid ""\n'
        'msgstr ""\n'
        '"Project-Id-Version: x\\n"\n'
        '"Language: en\\n"\n'
        '"MIME-Version: 1.0\\n"\n'
        '"Last-Translator: nobody\\n"\n'
        f'"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Content-Transfer-Encoding: 8bit\\n"\n'
        "\n"
        'msgid "你好"\n'
        'msgstr "Hello"\n'
    ).encode()


def xliff(attributes: str = "", encoding: str = "UTF-8") -> str:
    """An XLIFF 1.2 file; ``attributes`` go on its <trans-unit> (line 4)."""
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
        '<file source-language="zh-CN" target-language="en" datatype="plaintext" original="x">'
        "<body>\n"
        f'<trans-unit id="1"{attributes}><source>你好</source><target>Hello</target>'
        "</trans-unit>\n"
        "</body></file></xliff>\n"
    )


def crowded(count: int, name: str = "a") -> str:
    return "".join(f' {name}{i}="v{i}"' for i in range(count))


def tmx(tu_attributes: str = "") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" '
        'adminlang="en" srclang="zh-CN" datatype="plaintext"/>\n<body>\n'
        f'<tu tuid="1"{tu_attributes}><tuv xml:lang="zh-CN"><seg>你好</seg></tuv>'
        '<tuv xml:lang="en"><seg>Hello</seg></tuv></tu>\n'
        "</body>\n</tmx>\n"
    )


def imported(project, data: bytes, filename: str) -> Document:
    return services.document_import(project=project, data=data, filename=filename)


def refused(project, data: bytes, filename: str) -> str:
    with pytest.raises(ImportFailed) as caught:
        imported(project, data, filename)
    assert not Document.objects.exists()
    return caught.value.message


def cli_refusal(tmp_path, data: bytes, name: str) -> str:
    """The message of ``import_document`` refusing the file (a CommandError: exit 1)."""
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError) as caught:
        call_command("import_document", "zj", str(path), stdout=io.StringIO())
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    return message


def api_upload(client, project, users, data: bytes, name: str):
    token = services.api_token_create(user=users["manager"])
    return client.post(
        f"/api/v1/projects/{project.slug}/documents",
        data={"file": SimpleUploadedFile(name, data)},
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture(scope="module")
def script_env(tmp_path_factory):
    """A real ``manage.py`` on a throwaway SQLite database, with the project "zj"."""
    db = tmp_path_factory.mktemp("hostile-cli") / "cli.sqlite3"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{db}"}
    run("migrate", "--noinput", env=env)
    run("create_project", "zj", "--source-lang", "zh-CN", "--target-lang", "en", env=env)
    return env


def script_refusal(script_env, tmp_path, data: bytes, name: str) -> str:
    """What a real ``manage.py import_document`` prints refusing the file: it exits 1,
    with no traceback."""
    path = tmp_path / name
    path.write_bytes(data)
    result = run("import_document", "zj", str(path), env=script_env, check=False)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Traceback" not in stderr and "LookupError" not in stderr
    assert f"{path}: " in stderr
    return stderr


def web_upload(client, project, data: bytes, name: str):
    client.login(username="manager", password=PASSWORD)
    url = reverse("reviews:document-upload", args=[project.slug])
    return client.post(url, {"file": SimpleUploadedFile(name, data), "format": "auto"})


# 1. A bytes codec declared as the character set. ----------------------------------------


@pytest.mark.parametrize("codec", BYTES_CODECS)
def test_a_po_declaring_a_bytes_codec_is_refused_at_its_header_line(codec):
    with pytest.raises(FormatError) as caught:
        list(FORMATS["po"].stream(po_with_charset(codec), **LANGS).units)
    assert caught.value.line == 9
    assert caught.value.problem == f'charset "{codec}" is not a text encoding'


@pytest.mark.parametrize(
    ("charset", "problem"),
    [
        ("no-such-charset", 'unknown charset "no-such-charset"'),
        ("unicode_escape", 'charset "unicode_escape" is not a character set files are written in'),
        ("punycode", 'charset "punycode" is not a character set files are written in'),
        ("undefined", 'charset "undefined" is not a character set files are written in'),
        ("UTF-16", 'the header says charset "UTF-16" but the file is not in UTF-16'),
    ],
)
def test_other_charsets_no_file_is_written_in_are_refused_at_their_line(charset, problem):
    with pytest.raises(FormatError) as caught:
        list(FORMATS["po"].stream(po_with_charset(charset), **LANGS).units)
    assert (caught.value.line, caught.value.problem[: len(problem)]) == (9, problem)


def test_real_8_bit_charsets_still_read():
    data = po_with_charset("ISO-8859-1").replace(b"Hello", "Grüße".encode("latin-1"))
    units = list(FORMATS["po"].stream(data, **LANGS).units)
    assert [u.target for u in units] == ["Grüße"]


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib"])
def test_an_xml_declaration_naming_a_bytes_codec_is_refused(codec):
    data = xliff(encoding=codec).encode()
    with pytest.raises(FormatError) as caught:
        FORMATS["xliff"].parse(data, **LANGS)
    assert caught.value.line == 1
    assert caught.value.problem == f'encoding "{codec}" is not a text encoding'


@pytest.mark.django_db
def test_bytes_codec_charset_through_the_service(project):
    message = refused(project, po_with_charset("base64"), "x.po")
    assert message == 'x.po: line 9: charset "base64" is not a text encoding'
    message = refused(project, tmx().replace("UTF-8", "rot13", 1).encode(), "x.tmx")
    assert message == 'x.tmx: line 1: encoding "rot13" is not a text encoding'


@pytest.mark.django_db
@pytest.mark.parametrize("codec", BYTES_CODECS)
def test_bytes_codec_charset_through_the_cli_exits_1_naming_file_and_line(project, tmp_path, codec):
    message = cli_refusal(tmp_path, po_with_charset(codec), "x.po")
    assert message.endswith(f'x.po: line 9: charset "{codec}" is not a text encoding')


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("x.po", po_with_charset("base64"), 'line 9: charset "base64" is not a text encoding'),
        ("x.xlf", xliff(encoding="rot13").encode(), 'line 1: encoding "rot13" is not a text'),
    ],
)
def test_bytes_codec_charset_through_the_cli_script(script_env, tmp_path, name, data, problem):
    assert f"{name}: {problem}" in script_refusal(script_env, tmp_path, data, name)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("x.po", po_with_charset("rot13")),
        ("y.po", po_with_charset("zlib")),
        ("x.xlf", xliff(encoding="base64").encode()),
    ],
)
def test_bytes_codec_charset_through_the_api_is_422_json(client, project, users, name, data):
    response = api_upload(client, project, users, data, name)
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "import_failed" and body["file"] == name
    assert "is not a text encoding" in body["detail"] and "line " in body["detail"]


@pytest.mark.django_db
def test_bytes_codec_charset_through_the_web_upload_is_422_naming_the_file(client, project, users):
    response = web_upload(client, project, po_with_charset("hex"), "x.po")
    assert response.status_code == 422
    assert "x.po: line 9: charset &quot;hex&quot; is not a text encoding" in response.text


# 2. UTF-16 without a byte-order mark. ---------------------------------------------------


TEXT = "First sentence. Second one!\n\nÜber alles.\n"
PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-16\\n"\n\n'
    'msgid "你好"\nmsgstr "Hello"\n'
)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    ("name", "content", "targets"),
    [
        ("a.txt", TEXT, ["First sentence.", "Second one!", "Über alles."]),
        ("a.po", PO, ["Hello"]),
        ("a.xlf", xliff(encoding="UTF-16"), ["Hello"]),
        ("a.tmx", "\n" + tmx().split("\n", 1)[1], ["Hello"]),  # no "<" first: a line end
    ],
)
def test_utf16_without_a_byte_order_mark_is_read_and_written_back(codec, name, content, targets):
    data = content.encode(codec)
    adapter = format_for_file(name, data)
    assert adapter.name == {"a.txt": "text", "a.po": "po", "a.xlf": "xliff", "a.tmx": "tmx"}[name]
    stream = adapter.stream(data, **LANGS)
    units = list(stream.units)
    assert [u.target for u in units] == targets
    assert stream.skeleton["encoding"] == codec and not stream.skeleton["bom"]
    parsed = ParsedFile(units=units, skeleton=stream.skeleton)
    out = adapter.render(stream.skeleton, as_export(parsed), options=ExportOptions(), **LANGS)
    if name == "a.txt":
        assert out == data
    elif name == "a.po":  # polib writes the header its way, in the file's encoding
        assert out.decode(codec).endswith('msgid "你好"\nmsgstr "Hello"\n')
    again = adapter.stream(out, **LANGS)
    assert [u.target for u in again.units] == targets


@pytest.mark.django_db
def test_utf16_without_a_byte_order_mark_through_the_service_cli_and_api(
    client, project, users, tmp_path
):
    data = TEXT.encode("utf-16-le")
    assert imported(project, data, "a.txt").segments.count() == 3
    path = tmp_path / "b.po"
    path.write_bytes(PO.encode("utf-16-be"))
    call_command("import_document", "zj", str(path), stdout=io.StringIO())
    assert Document.objects.get(title__contains="b").segments.get().target == "Hello"
    data = xliff(encoding="UTF-16").encode("utf-16-le")
    response = api_upload(client, project, users, data, "c.xlf")
    assert response.status_code == 201


@pytest.mark.parametrize(
    "data",
    [b"\x7fELF\x02\x01\x01\x00\x00\x00", b"\x00\x01binary", b"<t>\x00</t>", bytes(range(256))],
)
def test_binary_files_are_still_called_binary(data):
    with pytest.raises(FormatError, match="binary"):
        FORMATS["text"].parse(data, **LANGS)


# 3. An element with a huge number of attributes. ----------------------------------------


def test_an_element_with_too_many_attributes_is_refused_with_its_line_and_name():
    data = xliff(crowded(MAX_ATTRIBUTES + 1)).encode()
    with pytest.raises(FormatError) as caught:
        FORMATS["xliff"].parse(data, **LANGS)
    assert caught.value.line == 4
    assert caught.value.problem == f"element <trans-unit> {CROWDED}"


@pytest.mark.parametrize(
    ("format_name", "data"),
    [
        ("xliff", xliff(crowded(120_000)).encode()),  # the report's 1.8 MB file
        ("tmx", tmx(crowded(120_000)).encode()),
        ("xliff", xliff(crowded(5_000), encoding="UTF-16").encode("utf-16")),  # with a BOM
        ("xliff", xliff(crowded(5_000), encoding="UTF-16").encode("utf-16-le")),  # without
        ("xliff", xliff(crowded(5_000), encoding="ISO-8859-1").encode("latin-1", "replace")),
        ("xliff", xliff(crowded(5_000), encoding="UTF-7").encode("utf-7")),  # markup disguised
        # U+1680 may be in an XML name, and a str pattern's \s would take it for a space
        ("xliff", xliff(crowded(5_000, "a\u1680"), encoding="UTF-16").encode("utf-16")),
    ],
    ids=["xliff", "tmx", "utf-16", "utf-16-without-bom", "latin-1", "utf-7", "unicode-name"],
)
def test_the_pre_scan_refuses_a_crowded_element_without_calling_lxml(
    format_name, data, monkeypatch
):
    """The refusal comes from the scan: lxml's parser is never made for the file (it
    would take a minute reading the attributes of the 120,000-attribute element)."""

    def no_lxml(*args, **kwargs):
        raise AssertionError("lxml was asked to parse the file")

    monkeypatch.setattr(xmlsafe.etree, "iterparse", no_lxml)
    with pytest.raises(FormatError, match=CROWDED):
        list(FORMATS[format_name].stream(data, **LANGS).units)


def test_attributes_at_the_limit_and_namespace_declarations_are_counted_alike():
    at_limit = xliff(crowded(MAX_ATTRIBUTES - 1)).encode()  # and its id
    assert len(FORMATS["xliff"].parse(at_limit, **LANGS).units) == 1
    declarations = "".join(f' xmlns:p{i}="urn:p{i}"' for i in range(MAX_ATTRIBUTES))
    with pytest.raises(FormatError, match="line 4: element <trans-unit> has more than"):
        FORMATS["xliff"].parse(xliff(declarations).encode(), **LANGS)


def test_the_pre_scan_runs_in_the_helper_process_too():
    stream = stream_in_helper(
        FORMATS["tmx"], tmx(crowded(120_000)).encode(), source_data=None, **LANGS
    )
    with pytest.raises(FormatError) as caught:
        list(stream.units)
    assert (caught.value.line, caught.value.problem) == (5, f"element <tu> {CROWDED}")


def test_the_pre_scan_costs_a_small_part_of_reading_a_file():
    """Relative, not absolute: scanning a file of ordinary units costs well under
    reading it (the benchmark measures the 35 MB file: see the commit)."""
    body = "".join(
        f'<tu tuid="{i}"><tuv xml:lang="zh-CN"><seg>句子 {i}。</seg></tuv>'
        f'<tuv xml:lang="en"><seg>Sentence <ph x="1">&lt;br/&gt;</ph>{i}.</seg></tuv></tu>\n'
        for i in range(20_000)
    )
    data = tmx().replace("</body>", body + "</body>").encode()

    def best(run) -> float:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)

    scan = best(lambda: xmlsafe.refuse_crowded_elements(data, "utf-8"))
    read = best(lambda: list(FORMATS["tmx"].stream(data, **LANGS).units))
    assert scan < read / 4


def test_the_pre_scan_reads_the_bytes_without_copying_them():
    """The helper reading a 35 MB TMX has a memory budget (bench: peak RSS): the scan
    looks at the parser's own bytes, never a copy (BytesIO.getbuffer() makes one)."""
    body = '<tu tuid="1"><tuv xml:lang="zh-CN"><seg>句子。</seg></tuv></tu>\n' * 100_000
    data = tmx().replace("</body>", body + "</body>").encode()
    buffer = xmlsafe.xml_buffer(data)
    tracemalloc.start()
    try:
        next(xmlsafe.iterparse(buffer, ("end",), ("tu",), encoding="utf-8"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < len(data) / 4


@pytest.mark.django_db
def test_a_normal_element_with_20_attributes_still_imports(project):
    document = imported(project, xliff(crowded(20)).encode(), "ok.xlf")
    assert document.segments.get().target == "Hello"
    document = imported(project, tmx(crowded(20)).encode(), "ok.tmx")
    assert document.segments.get().meta["tu"]["a19"] == "v19"


@pytest.mark.django_db
def test_attribute_bomb_through_the_service(project):
    message = refused(project, xliff(crowded(120_000)).encode(), "bomb.xlf")
    assert message == f"bomb.xlf: line 4: element <trans-unit> {CROWDED}"


@pytest.mark.django_db
def test_attribute_bomb_in_a_big_file_read_by_the_helper(project, settings):
    settings.PARSE_HELPER_MIN_BYTES = 1000  # read in the helper process
    message = refused(project, tmx(crowded(120_000)).encode(), "bomb.tmx")
    assert message == f"bomb.tmx: line 5: element <tu> {CROWDED}"


@pytest.mark.django_db
def test_attribute_bomb_through_the_cli_exits_1_naming_file_and_line(project, tmp_path):
    message = cli_refusal(tmp_path, xliff(crowded(120_000)).encode(), "bomb.xlf")
    assert message.endswith(f"bomb.xlf: line 4: element <trans-unit> {CROWDED}")


def test_attribute_bomb_through_the_cli_script(script_env, tmp_path):
    stderr = script_refusal(script_env, tmp_path, xliff(crowded(120_000)).encode(), "b.xlf")
    assert f"b.xlf: line 4: element <trans-unit> {CROWDED}" in stderr


@pytest.mark.django_db
def test_attribute_bomb_through_the_api_is_422_json(client, project, users):
    response = api_upload(client, project, users, xliff(crowded(120_000)).encode(), "b.xlf")
    assert response.status_code == 422
    body = response.json()
    assert body["file"] == "b.xlf" and "line 4: element <trans-unit> has more" in body["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("bomb.xlf", xliff(crowded(200_000)).encode(), f"line 4: element <trans-unit> {CROWDED}"),
        ("x.po", po_with_charset("zlib"), 'line 9: charset "zlib" is not a text encoding'),
    ],
)
def test_a_big_upload_run_as_a_job_fails_naming_file_and_line(
    client, project, users, settings, name, data, problem
):
    """The report's 3-minute job: a big upload is imported by a worker (here at once)."""
    settings.BACKGROUND_THRESHOLD_BYTES = 100
    response = api_upload(client, project, users, data, name)
    assert response.status_code == 202
    job = response.json()["job"]
    assert (job["status"], job["error"]) == ("failed", f"{name}: {problem}")
    assert not Document.objects.exists()


# 4. A bare carriage return in a PO file. ------------------------------------------------


BARE_CR = b'msgid "a"\nmsgstr "b"\n\rmsgid "c"\nmsgstr "d"\n'


def test_a_bare_carriage_return_is_shown_readably_in_a_po_error():
    with pytest.raises(FormatError) as caught:
        list(FORMATS["po"].stream(BARE_CR, **LANGS).units)
    message = caught.value.describe()
    assert message.startswith("line 3: ")
    assert "\\r" in message and "a bare carriage return" in message
    assert not any(0xE000 <= ord(c) <= 0xF8FF or ord(c) >= 0xF0000 for c in message)
    assert "\\U000f" not in message


@pytest.mark.parametrize(
    ("data", "named"),
    [
        # a CR does not end the line: msgstr is text after the msgid string
        (b'msgid "a"\rmsgstr "b"\n', "line 1: unexpected text after a string"),
        (b'msgid "a"\nmsgstr "b"\nfoo\x0b bar\n', "the line holds a vertical tab (\\x0b)"),
        (b'msgid "a"\nmsgstr "b\\\rc"\n', "unsupported escape sequence \\\\r"),  # backslash, CR
    ],
)
def test_other_line_boundaries_never_show_the_stand_in(data, named):
    with pytest.raises(FormatError) as caught:
        list(FORMATS["po"].stream(data, **LANGS).units)
    message = caught.value.describe()
    assert named in message
    assert "\\U000f" not in message
    assert not any(ord(c) >= 0xF0000 for c in message)
    if b"\r" in data:
        assert "a bare carriage return (\\r)" in message


@pytest.mark.django_db
def test_bare_carriage_return_through_the_service_cli_and_api(client, project, users, tmp_path):
    assert "x.po: line 3: " in refused(project, BARE_CR, "x.po")
    message = cli_refusal(tmp_path, BARE_CR, "x.po")
    assert "line 3: " in message and "\\r" in message and "\\U000f" not in message
    response = api_upload(client, project, users, BARE_CR, "x.po")
    assert response.status_code == 422 and "\\U000f" not in response.json()["detail"]


def test_bare_carriage_return_through_the_cli_script(script_env, tmp_path):
    stderr = script_refusal(script_env, tmp_path, BARE_CR, "cr.po")
    assert "cr.po: line 3: " in stderr and "a bare carriage return (\\r)" in stderr


# 5. An empty web upload. ----------------------------------------------------------------


@pytest.mark.django_db
def test_an_empty_web_upload_names_the_file(client, project, users):
    response = web_upload(client, project, b"", "empty.po")
    assert response.status_code == 422
    assert "empty.po: the file is empty" in response.text
    assert not Document.objects.exists()


@pytest.mark.django_db
def test_an_empty_source_file_in_the_web_upload_is_named_too(client, project, users):
    client.login(username="manager", password=PASSWORD)
    url = reverse("reviews:document-upload", args=[project.slug])
    files = {
        "file": SimpleUploadedFile("en.txt", b"One sentence.\n"),
        "source": SimpleUploadedFile("zh.txt", b""),
        "format": "auto",
    }
    response = client.post(url, files)
    assert response.status_code == 422
    assert "zh.txt: the file is empty" in response.text


@pytest.mark.django_db
def test_an_empty_file_names_the_file_in_the_service_cli_and_api(client, project, users, tmp_path):
    assert refused(project, b"", "empty.txt") == "empty.txt: the file is empty"
    assert cli_refusal(tmp_path, b"", "empty.po").endswith("empty.po: the file is empty")
    response = api_upload(client, project, users, b"", "empty.xlf")
    assert response.status_code == 422
    assert response.json()["detail"] == "empty.xlf: the file is empty"
