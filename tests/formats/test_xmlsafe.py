"""Safe XML reading: encodings, prologs, refusals; writing: illegal characters, encodings."""

import codecs

import pytest

from reviews.formats import FormatError
from reviews.formats.xmlsafe import encode_document, iterparse, read_prolog, xml_text

DOC = '<?xml version="1.0" encoding="{enc}"?>\n<!-- c -->\n<?pi x?>\n<tmx version="1.4"/>\n'


@pytest.mark.parametrize(
    ("data", "encoding", "bom"),
    [
        (DOC.format(enc="UTF-8").encode(), "utf-8", False),
        (codecs.BOM_UTF8 + DOC.format(enc="UTF-8").encode(), "utf-8", True),
        (DOC.format(enc="UTF-16").encode("utf-16-le"), "utf-16-le", False),
        (codecs.BOM_UTF16_LE + DOC.format(enc="UTF-16").encode("utf-16-le"), "utf-16-le", True),
        (codecs.BOM_UTF16_BE + DOC.format(enc="UTF-16").encode("utf-16-be"), "utf-16-be", True),
        (DOC.format(enc="ISO-8859-1").encode(), "iso8859-1", False),
        (b"<tmx/>", "utf-8", False),
    ],
)
def test_encodings_are_recognised_and_parsed(data, encoding, bom):
    prolog = read_prolog(data)
    assert (prolog.encoding, prolog.bom, prolog.root) == (encoding, bom, "tmx")
    assert [e.tag for _, e in iterparse(data, ("end",))] == ["tmx"]


def test_plain_doctypes_are_accepted_and_never_loaded():
    data = (
        b'<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "file:///no/such/tmx14.dtd" '
        b'[<!ATTLIST tmx version CDATA "1.4"> <!-- a ] in a comment -->]>\n'
        b"<!-- a long comment " + b"x" * 200_000 + b" -->\n<tmx/>"
    )
    prolog = read_prolog(data)
    assert prolog.root == "tmx" and prolog.doctype.startswith("<!DOCTYPE tmx SYSTEM")
    assert [e.tag for _, e in iterparse(data, ("end",))] == ["tmx"]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b'<!DOCTYPE t [<!ENTITY e "x">]><t>&e;</t>', "defines entities"),
        (b'<!DOCTYPE t [<!ENTITY % p "x"> %p;]><t/>', "defines entities"),
        (b"<?xml version='1.0'?>\n<!DOCTYPE t SYSTEM 'x.dtd'>\n<t>\n&undefined;</t>", "line 4"),
        (b'<?xml version="1.0" encoding="UTF-32"?><t/>', "the XML declaration says"),
        (codecs.BOM_UTF32_LE + "<t/>".encode("utf-32-le"), "UTF-32"),
        (b"<t>\x00</t>", "binary"),
        (b"   \n\t", "empty"),
        (b"<!-- never closed", "no root element"),
    ],
)
def test_unsafe_or_broken_prologs_are_refused(data, problem):
    with pytest.raises(FormatError, match=problem):
        read_prolog(data)
        list(iterparse(data))


def test_xml_text_drops_what_xml_cannot_carry():
    assert xml_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert xml_text("\x00\x01\x08\x0b\x0c\x0e\x1f\ud800\udfff\ufffe\uffffok\U0001f600") == (
        "ok\U0001f600"
    )


@pytest.mark.parametrize(
    ("encoding", "bom", "start"),
    [
        ("utf-8", False, b'<?xml version="1.0" encoding="UTF-8"?>'),
        ("utf-8", True, codecs.BOM_UTF8 + b"<?xml"),
        ("utf-16-le", False, codecs.BOM_UTF16_LE + "<?xml".encode("utf-16-le")),
        ("utf-16-be", True, codecs.BOM_UTF16_BE + "<?xml".encode("utf-16-be")),
        ("iso8859-1", False, b'<?xml version="1.0" encoding="UTF-8"?>'),
    ],
)
def test_documents_are_written_in_utf8_or_utf16(encoding, bom, start):
    data = encode_document("<t>é</t>\n", encoding, bom)
    assert data.startswith(start)
    assert [e.text for _, e in iterparse(data, ("end",))] == ["é"]
