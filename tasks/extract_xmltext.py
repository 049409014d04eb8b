"""Text from the XML inside office packages (DOCX, PPTX, ODT/ODS/ODP), in document order.

A small tree walker collects lines and pages: paragraphs end lines, tables become lines of cells
joined by " | " where they stand in the document, explicit page breaks start a new page. Each
format supplies its own tag handlers. The parser never resolves entities or fetches anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from lxml import etree

CELL_SEPARATOR = " | "
_MAX_REPEAT = 50  # ODF may repeat a cell or row thousands of times; text repeats this often at most

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"


def parse_xml(data: bytes) -> etree._Element:
    """Parse untrusted XML: no entity expansion, no network, no DTD loading, bounded depth."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
    return etree.fromstring(data, parser=parser)


class TextSink:
    """Accumulates text into lines and pages."""

    def __init__(self) -> None:
        self.pages: list[list[str]] = [[]]
        self._line: list[str] = []

    def write(self, text: str) -> None:
        self._line.append(text)

    def end_line(self) -> None:
        self.pages[-1].append("".join(self._line).rstrip())
        self._line = []

    def page_break(self) -> None:
        if self._line:
            self.end_line()
        if any(line.strip() for line in self.pages[-1]):
            self.pages.append([])

    def flush_line(self) -> None:
        """End the current line only if something was written to it."""
        if self._line:
            self.end_line()

    def result(self) -> list[str]:
        self.flush_line()
        return [_tidy("\n".join(lines)) for lines in self.pages]


def _tidy(text: str) -> str:
    # Collapse runs of blank lines (empty paragraphs used as spacing) into one.
    out: list[str] = []
    for line in text.split("\n"):
        if not line.strip() and out and not out[-1].strip():
            continue
        out.append(line)
    return "\n".join(out).strip("\n")


Handler = Callable[["XmlTextWalker", etree._Element, TextSink], None]


class XmlTextWalker:
    """Walks an element tree, dispatching on tag; unknown elements are walked into."""

    handlers: dict[str, Handler] = {}
    skipped: frozenset[str] = frozenset()

    def walk(self, element: etree._Element, sink: TextSink) -> None:
        tag = element.tag
        if not isinstance(tag, str) or tag in self.skipped:
            return
        handler = self.handlers.get(tag)
        if handler is not None:
            handler(self, element, sink)
        else:
            self.walk_children(element, sink)

    def walk_children(self, element: etree._Element, sink: TextSink) -> None:
        for child in element:
            self.walk(child, sink)

    def cell_text(self, cell: etree._Element) -> str:
        """A table cell's text on one line (its paragraphs joined by spaces)."""
        sink = TextSink()
        self.walk_children(cell, sink)
        return " ".join(" ".join(page.split()) for page in sink.result() if page.strip())

    def write_row(self, cells: Iterable[str], sink: TextSink) -> None:
        cells = list(cells)
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            sink.flush_line()
            sink.write(CELL_SEPARATOR.join(cells))
            sink.end_line()


# -------------------------------------------------------------------------------------------- DOCX


def _on(value: str | None) -> bool:
    return value is None or value.lower() not in ("0", "false", "off")


class DocxWalker(XmlTextWalker):
    """WordprocessingML: body, headers and footers.

    Skipped on purpose: deleted and moved-away revisions, field instructions, the Fallback copy of
    AlternateContent (it repeats the Choice), and content controls still showing their placeholder
    ("Klik hier om tekst in te voeren"), which an applicant has not filled in.
    """

    skipped = frozenset(
        {
            W + "delText", W + "instrText", W + "moveFrom", W + "del", W + "pPr", W + "rPr", W + "tblPr", W + "tblGrid",
            W + "tcPr", W + "trPr", W + "sdtPr", W + "sectPr", W + "footnoteReference", W + "commentReference",
            MC + "Fallback",
        }
    )

    def _paragraph(self, element: etree._Element, sink: TextSink) -> None:
        properties = element.find(W + "pPr")
        if properties is not None:
            before = properties.find(W + "pageBreakBefore")
            if before is not None and _on(before.get(W + "val")):
                sink.page_break()
        sink.flush_line()
        self.walk_children(element, sink)
        sink.end_line()
        section = properties.find(W + "sectPr") if properties is not None else None
        if section is not None:
            kind = section.find(W + "type")
            if kind is None or kind.get(W + "val") != "continuous":
                sink.page_break()

    def _text(self, element: etree._Element, sink: TextSink) -> None:
        sink.write(element.text or "")

    def _break(self, element: etree._Element, sink: TextSink) -> None:
        if element.get(W + "type") == "page":
            sink.page_break()
        else:
            sink.write("\n")

    def _table(self, element: etree._Element, sink: TextSink) -> None:
        for row in element.iter(W + "tr"):
            if row.getparent() is element or row.getparent().tag == W + "sdtContent":
                self.write_row((self.cell_text(cell) for cell in _docx_cells(row)), sink)

    def _content_control(self, element: etree._Element, sink: TextSink) -> None:
        properties = element.find(W + "sdtPr")
        if properties is not None and properties.find(W + "showingPlcHdr") is not None:
            return
        self.walk_children(element, sink)

    handlers = {
        W + "p": _paragraph,
        W + "t": _text,
        W + "tab": lambda self, e, sink: sink.write("\t"),
        W + "br": _break,
        W + "cr": lambda self, e, sink: sink.write("\n"),
        W + "noBreakHyphen": lambda self, e, sink: sink.write("-"),
        W + "tbl": _table,
        W + "sdt": _content_control,
    }


def _docx_cells(row: etree._Element) -> list[etree._Element]:
    # Cells may sit inside a content control (w:sdt/w:sdtContent/w:tc).
    return [cell for cell in row.iter(W + "tc") if cell.getparent() is row or cell.getparent().tag == W + "sdtContent"]


# -------------------------------------------------------------------------------------------- PPTX


class DrawingWalker(XmlTextWalker):
    """DrawingML text (PowerPoint slides): a:p paragraphs, a:t runs, a:tbl tables."""

    def _paragraph(self, element: etree._Element, sink: TextSink) -> None:
        sink.flush_line()
        self.walk_children(element, sink)
        sink.end_line()

    def _table(self, element: etree._Element, sink: TextSink) -> None:
        for row in element.iter(A + "tr"):
            self.write_row((self.cell_text(cell) for cell in row.iter(A + "tc")), sink)

    handlers = {
        A + "p": _paragraph,
        A + "t": lambda self, e, sink: sink.write(e.text or ""),
        A + "br": lambda self, e, sink: sink.write("\n"),
        A + "tbl": _table,
    }


# --------------------------------------------------------------------------------------------- ODF


class OdfWalker(XmlTextWalker):
    """OpenDocument text, spreadsheets and presentations.

    ``breaking_styles`` are paragraph styles that start a new page (fo:break-before="page", or a
    master page change); a style with fo:break-after="page" is in ``breaking_after_styles``.
    """

    skipped = frozenset(
        {
            TEXT + "tracked-changes", TEXT + "note-citation", OFFICE + "annotation", TEXT + "sequence-decls",
            OFFICE + "forms", TEXT + "soft-page-break",
        }
    )

    def __init__(self, breaking_styles: frozenset[str] = frozenset(), breaking_after_styles: frozenset[str] = frozenset()):
        self.breaking_styles = breaking_styles
        self.breaking_after_styles = breaking_after_styles

    def _paragraph(self, element: etree._Element, sink: TextSink) -> None:
        style = element.get(TEXT + "style-name")
        if style in self.breaking_styles:
            sink.page_break()
        sink.flush_line()
        self._inline(element, sink)
        sink.end_line()
        if style in self.breaking_after_styles:
            sink.page_break()

    def _inline(self, element: etree._Element, sink: TextSink) -> None:
        # In ODF, text sits in .text and .tail around inline elements (spans, spaces, tabs).
        if element.text:
            sink.write(element.text)
        for child in element:
            self.walk(child, sink)
            if child.tail:
                sink.write(child.tail)

    def _spaces(self, element: etree._Element, sink: TextSink) -> None:
        sink.write(" " * min(_int(element.get(TEXT + "c"), 1), 100))

    def _table(self, element: etree._Element, sink: TextSink) -> None:
        for row in element.iter(TABLE + "table-row"):
            if _enclosing_table(row) is not element:
                continue
            cells: list[str] = []
            for cell in row:
                if cell.tag in (TABLE + "table-cell", TABLE + "covered-table-cell"):
                    text = self.cell_text(cell)
                    repeat = _int(cell.get(TABLE + "number-columns-repeated"), 1)
                    cells.extend([text] * (min(repeat, _MAX_REPEAT) if text else min(repeat, 1)))
            for _ in range(min(_int(row.get(TABLE + "number-rows-repeated"), 1), _MAX_REPEAT)):
                self.write_row(cells, sink)

    handlers = {
        TEXT + "p": _paragraph,
        TEXT + "h": _paragraph,
        TEXT + "span": _inline,
        TEXT + "a": _inline,
        TEXT + "s": _spaces,
        TEXT + "tab": lambda self, e, sink: sink.write("\t"),
        TEXT + "line-break": lambda self, e, sink: sink.write("\n"),
        TABLE + "table": _table,
    }


def _enclosing_table(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != TABLE + "table":
        parent = parent.getparent()
    return parent


def _int(value: str | None, default: int) -> int:
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        return default


def odf_breaking_styles(*roots: etree._Element) -> tuple[frozenset[str], frozenset[str]]:
    """Paragraph styles (with inheritance) that put a page break before or after the paragraph."""
    styles: dict[str, etree._Element] = {}
    for root in roots:
        for style in root.iter(STYLE + "style"):
            name = style.get(STYLE + "name")
            if name:
                styles[name] = style

    def breaks(name: str, attribute: str, seen: frozenset[str] = frozenset()) -> bool:
        style = styles.get(name)
        if style is None or name in seen:
            return False
        if attribute == "before" and style.get(STYLE + "master-page-name"):
            return True
        for properties in style.iter(STYLE + "paragraph-properties"):
            if properties.get(FO + f"break-{attribute}") == "page":
                return True
        parent = style.get(STYLE + "parent-style-name")
        return bool(parent) and breaks(parent, attribute, seen | {name})

    before = frozenset(name for name in styles if breaks(name, "before"))
    after = frozenset(name for name in styles if breaks(name, "after"))
    return before, after
