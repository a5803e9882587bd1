"""What XLIFF 1.2 requires of a <file>, filled in where an XLIFF 1.0/1.1 file (or a tool
that wrote 1.2 loosely) left it out, and notes in a file's header."""

from __future__ import annotations

from lxml import etree

from .xmlsafe import xml_text

NS = "urn:oasis:names:tc:xliff:document:1.2"


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _namespace(element: etree._Element) -> str:
    return element.tag[1:].split("}")[0] if element.tag.startswith("{") else ""


# XLIFF 1.2's datatype values; any other must start with "x-" (AttrType_datatype).
_DATATYPES = frozenset({
    "asp", "c", "cdf", "cfm", "cpp", "csharp", "cstring", "csv", "database", "documentfooter",
    "documentheader", "filedialog", "form", "html", "htmlbody", "ini", "interleaf", "javaclass",
    "javapropertyresourcebundle", "javalistresourcebundle", "javascript", "jscript", "layout",
    "lisp", "margin", "menufile", "messagefile", "mif", "mimetype", "mo", "msglib", "pagefooter",
    "pageheader", "parameters", "pascal", "php", "plaintext", "po", "report", "resources", "resx",
    "rtf", "sgml", "sgmldtd", "svg", "vbscript", "warning", "winres", "xhtml", "xml", "xmldtd",
    "xsl", "xul",
})  # fmt: skip
_UNDECLARED = "x-undeclared"


def original_name(filename: str) -> str:
    """What a written <file> names as its ``original``: the imported file's name."""
    return filename.replace("\\", "/").rsplit("/", 1)[-1] or "document"


def repair_files(root: etree._Element, source_lang: str, filename: str) -> None:
    """Give every <file> what XLIFF 1.2 requires of it. XLIFF 1.0/1.1 files (and tools
    that wrote 1.2 loosely) may lack ``original``, ``source-language`` and ``datatype``
    or use a datatype 1.2 does not list: the file's name, the project's source language
    and "x-undeclared" (or the value as an ``x-`` one) fill them, and a note in the
    file's header says which were filled, so nothing is claimed silently."""
    for file_element in root.iter(_q("file")):
        filled = []
        for attr, value in (
            ("original", original_name(filename)),
            ("source-language", source_lang),
            ("datatype", _UNDECLARED),
        ):
            if not (file_element.get(attr) or "").strip():
                file_element.set(attr, xml_text(value))
                filled.append(attr)
        datatype = file_element.get("datatype")
        extension = (
            datatype.startswith("x-") and len(datatype) > 2 and datatype.split() == [datatype]
        )
        if datatype not in _DATATYPES and not extension:
            file_element.set("datatype", "x-" + ("-".join(datatype.split()) or "undeclared"))
            filled.append(f'datatype (was "{datatype}")')
        if filled:
            header_note(file_element, f"Filled in for XLIFF 1.2: {', '.join(filled)}")


def header_note(file_element: etree._Element, text: str, author: str = "workbench") -> None:
    """Add ``<note from="workbench">`` to the file's <header> (made if it has none),
    after its XLIFF children and before other namespaces' ones, as the schema orders
    them."""
    header = file_element.find(_q("header"))
    if header is None:
        header = etree.Element(_q("header"))
        header.tail = file_element.text
        file_element.insert(0, header)
    note = etree.Element(_q("note"), {"from": author} if author else {})
    note.text = xml_text(text)
    foreign = [child for child in header if _namespace(child) not in ("", NS)]
    position = header.index(foreign[0]) if foreign else len(header)
    previous = header[position - 1] if position else None
    note.tail = previous.tail if previous is not None else header.text
    if previous is not None:
        previous.tail = header.text or "\n"
    elif not header.text:
        header.text = file_element.text
    header.insert(position, note)
