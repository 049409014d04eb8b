"""Factories that build real test documents in memory (bytes), for every format an applicant sends.

Every function returns the bytes of a genuine file, made by a library that writes that format
(reportlab, PIL, python-docx, odfpy, openpyxl, pypdfium2) or, where no installed library writes it,
built here to the format's specification (Word 97 .doc in an OLE compound file, ZipCrypto ZIP,
PPTX, ZIP bombs), so tests exercise the same code paths as real attachments. Nothing is written to
disk. Images use DejaVu Sans (Debian: fonts-dejavu-core) so Dutch accents render.

Stable API used by other engineers' tests:
    make_pdf, make_scanned_pdf, make_image, make_docx, make_odt, make_xlsx, make_zip, make_zip_bomb,
    truncated, make_rtf, make_fake_doc, make_doc (a real minimal Word 97 file), make_html, make_text,
    make_eml, make_docx_bomb, make_big_table_pdf, make_slow_pdf, make_encrypted_zip,
    make_encrypted_office, make_ole, make_docx_with_body, make_pptx, make_ods,
    make_pdf_form, make_pdf_with_attachments, make_tiff
"""

from __future__ import annotations

import ast
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

__all__ = [
    "make_doc",
    "make_docx",
    "make_docx_bomb",
    "make_docx_with_body",
    "make_encrypted_office",
    "make_encrypted_zip",
    "make_eml",
    "make_fake_doc",
    "make_big_table_pdf",
    "make_html",
    "make_image",
    "make_ole",
    "make_ods",
    "make_odt",
    "make_pdf",
    "make_pdf_form",
    "make_pdf_with_attachments",
    "make_pptx",
    "make_rtf",
    "make_scanned_pdf",
    "make_slow_pdf",
    "make_text",
    "make_tiff",
    "make_xlsx",
    "make_zip",
    "make_zip_bomb",
    "truncated",
]

_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


# --------------------------------------------------------------------------------------------- PDF


def make_pdf(
    pages: list[str],
    *,
    title: str = "",
    table: list[list[str]] | None = None,
    encrypt_password: str | None = None,
) -> bytes:
    """A text PDF (reportlab, Helvetica = Latin-1, so Dutch accents work); one string per page.

    Newlines in a page string start new lines. ``table`` is drawn as a real ruled table (grid lines)
    on the last page, below its text. ``encrypt_password`` sets a user password (RC4 128-bit).
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas
    from reportlab.platypus import Table, TableStyle

    buf = io.BytesIO()
    encrypt = (
        StandardEncryption(encrypt_password, ownerPassword=encrypt_password + "-owner", strength=128)
        if encrypt_password is not None
        else None
    )
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt, invariant=1)
    if title:
        c.setTitle(title)
    width, height = A4
    page_texts = pages or [""]
    for number, text in enumerate(page_texts, start=1):
        y = height - 72
        c.setFont("Helvetica", 11)
        for line in text.split("\n"):
            c.drawString(72, y, line)
            y -= 15
        if table and number == len(page_texts):
            grid = Table(table)
            grid.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("FONT", (0, 0), (-1, -1), "Helvetica", 10),
                    ]
                )
            )
            _, table_height = grid.wrapOn(c, width - 144, y - 72)
            grid.drawOn(c, 72, y - 10 - table_height)
        c.showPage()
    c.save()
    return buf.getvalue()


def make_big_table_pdf(rows: int = 300, cols: int = 6) -> bytes:
    """One tall page holding a huge ruled table in a tiny font (a worst case for table detection)."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(cols * 90 + 100, rows * 4 + 100), invariant=1)
    c.setFont("Helvetica", 3)
    c.setLineWidth(0.1)
    for r in range(rows + 1):
        c.line(50, 50 + r * 4, 50 + cols * 90, 50 + r * 4)
    for col in range(cols + 1):
        c.line(50 + col * 90, 50, 50 + col * 90, 50 + rows * 4)
    for r in range(rows):
        for col in range(cols):
            c.drawString(52 + col * 90, 51 + r * 4, f"post {r} kolom {col} EUR {r * col}")
    c.showPage()
    c.save()
    return buf.getvalue()


def make_slow_pdf(text_operations: int = 400_000) -> bytes:
    """A ~100 KB one-page PDF whose page holds ``text_operations`` text draws.

    pdfium spends seconds (about 7 s for 400 000) inside one C call to lay out that page, so only
    killing the process can stop it: this is how the pool's hard wall-time limit is tested.
    """
    operations = b"BT /F1 2 Tf " + b"".join(b"1 0 Td (post %d) Tj " % (i % 1000) for i in range(text_operations)) + b"ET"
    stream = zlib.compress(operations)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return assemble_pdf(objects)


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file from its numbered objects (1..n, object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def make_scanned_pdf(pages: list[str]) -> bytes:
    """An image-only PDF (no text layer): each page is text rendered at 200 dpi by PIL."""
    images = [_render_page_image(text, dpi=200) for text in (pages or [""])]
    buf = io.BytesIO()
    images[0].save(buf, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    return buf.getvalue()


def truncated(pdf: bytes, keep: float = 0.5) -> bytes:
    """The first part of a file (default half), like an upload cut off mid-transfer."""
    return pdf[: max(1, int(len(pdf) * keep))]


# ------------------------------------------------------------------------------------------ images


def make_image(text: str, fmt: str = "PNG") -> bytes:
    """A "photo of a page": black text on white at 200 dpi, as JPEG, PNG or TIFF bytes."""
    image = _render_page_image(text, dpi=200)
    buf = io.BytesIO()
    fmt = fmt.upper()
    if fmt in ("JPG", "JPEG"):
        image.save(buf, "JPEG", quality=90, dpi=(200, 200))
    else:
        image.save(buf, fmt, dpi=(200, 200))
    return buf.getvalue()


def _render_page_image(text: str, *, dpi: int):
    """Text drawn in DejaVu Sans (has Dutch accents) on a white page-sized-width canvas.

    The canvas is only as tall as the text needs, which keeps OCR in tests fast.
    """
    from PIL import Image, ImageDraw, ImageFont

    size_px = round(12 * dpi / 72)  # 12 pt text
    font = ImageFont.truetype(str(_font_path()), size_px)
    lines = text.split("\n") or [""]
    line_height = round(size_px * 1.5)
    margin = round(dpi * 0.5)
    width = round(dpi * 8.27)  # A4 width
    height = margin * 2 + line_height * len(lines)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((margin, margin + index * line_height), line, font=font, fill=0)
    return image.convert("RGB")


@lru_cache(maxsize=1)
def _font_path() -> Path:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).is_file():
            return Path(candidate)
    raise RuntimeError("DejaVuSans.ttf not found: install the Debian package fonts-dejavu-core")


# -------------------------------------------------------------------------------------- Word, ODF


def make_docx(
    paragraphs: list[str],
    *,
    headings: dict[int, str] | None = None,
    table: list[list[str]] | None = None,
    table_after: int | None = None,
    header_text: str | None = None,
    footer_text: str | None = None,
    page_break_before: set[int] | frozenset[int] = frozenset(),
) -> bytes:
    """A .docx made by python-docx.

    ``headings``: paragraph index -> heading text inserted before that paragraph.
    ``table``: rows of cell texts, inserted after paragraph ``table_after`` (default: after the
    last paragraph). ``page_break_before``: paragraph indexes that start a new page (explicit break).
    """
    import docx

    document = docx.Document()
    if header_text is not None:
        document.sections[0].header.paragraphs[0].text = header_text
    if footer_text is not None:
        document.sections[0].footer.paragraphs[0].text = footer_text
    headings = headings or {}
    insert_after = len(paragraphs) - 1 if table_after is None else table_after
    if table is not None and not paragraphs:
        _add_docx_table(document, table)
    for index, text in enumerate(paragraphs):
        if index in page_break_before:
            document.add_page_break()
        if index in headings:
            document.add_heading(headings[index], level=1)
        document.add_paragraph(text)
        if table is not None and index == insert_after:
            _add_docx_table(document, table)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _add_docx_table(document, rows: list[list[str]]) -> None:
    width = max((len(r) for r in rows), default=1)
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value


def make_docx_bomb(expanded_mb: int = 300) -> bytes:
    """A valid small .docx that also carries a member of ``expanded_mb`` MiB of zeros (~1000:1)."""
    base = make_docx(["Projectvoorstel met een verborgen bom."])
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buf, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
    return _append_zero_member(buf.getvalue(), "word/media/image1.png", expanded_mb * 2**20)


def make_odt(paragraphs: list[str], *, page_break_before: set[int] | frozenset[int] = frozenset()) -> bytes:
    """An OpenDocument text made by odfpy; ``page_break_before`` paragraphs start a new page."""
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style
    from odf.text import P

    document = OpenDocumentText()
    breaking = Style(name="PageBreak", family="paragraph")
    breaking.addElement(ParagraphProperties(breakbefore="page"))
    document.automaticstyles.addElement(breaking)
    for index, text in enumerate(paragraphs):
        if index in page_break_before:
            document.text.addElement(P(text=text, stylename=breaking))
        else:
            document.text.addElement(P(text=text))
    buf = io.BytesIO()
    document.write(buf)
    return buf.getvalue()


def make_rtf(text: str) -> bytes:
    r"""A minimal RTF document; non-ASCII characters as \uN escapes (what Word writes)."""
    body = []
    for char in text:
        if char == "\n":
            body.append("\\par\n")
        elif char in "\\{}":
            body.append("\\" + char)
        elif ord(char) > 127:
            body.append(f"\\u{ord(char)}?")
        else:
            body.append(char)
    return ("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0\\fs22 " + "".join(body) + "\\par\n}").encode(
        "ascii"
    )


def make_fake_doc() -> bytes:
    """Bytes that claim to be a .doc but are not an OLE Word file (random-looking binary)."""
    return b"\x00\x01MSWORD?\x00" + bytes(range(256)) * 8


def make_html(body_html: str, *, title: str = "Projectvoorstel") -> bytes:
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body>{body_html}</body></html>"
    ).encode()


def make_text(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


# ------------------------------------------------------------------------------------------- XLSX


def make_xlsx(rows: list[list[object]], *, formulas_without_cache: bool = False, sheets: Mapping[str, list[list[object]]] | None = None) -> bytes:
    """An .xlsx by openpyxl. A string starting with "=" is a formula.

    openpyxl never computes formulas, so by default each formula gets a cached value computed here
    (SUM over ranges, cell references and + - * /), like a file saved by Excel. With
    ``formulas_without_cache=True`` formulas are left without cached value, like a file written by
    a script and never opened in Excel. ``sheets`` adds further sheets (name -> rows).
    """
    from openpyxl import Workbook

    workbook = Workbook()
    all_sheets = {"Blad1": rows, **(sheets or {})}
    first = True
    for name, sheet_rows in all_sheets.items():
        sheet = workbook.active if first else workbook.create_sheet(name)
        sheet.title = name
        first = False
        for row in sheet_rows:
            sheet.append(list(row))
    buf = io.BytesIO()
    workbook.save(buf)
    if formulas_without_cache:
        return buf.getvalue()
    return _cache_formula_values(buf.getvalue(), list(all_sheets.values()))


def _cache_formula_values(xlsx: bytes, sheets: list[list[list[object]]]) -> bytes:
    """Rewrite each sheet's XML so formula cells carry a <v> cached value."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            match = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if match:
                values = _evaluate_sheet(sheets[int(match.group(1)) - 1])
                data = _insert_cached_values(data.decode(), values).encode()
            target.writestr(info, data)
    return out.getvalue()


def _insert_cached_values(xml: str, values: dict[str, float]) -> str:
    # openpyxl writes a formula cell as <c r="B3"><f>SUM(B1:B2)</f><v></v></c>: fill in the <v>.
    def replace(match: re.Match[str]) -> str:
        ref, type_attribute, formula = match.group(1), match.group(2) or "", match.group(3)
        return f'<c r="{ref}"{type_attribute}><f>{formula}</f><v>{_number(values[ref])}</v></c>'

    return re.sub(r'<c r="([A-Z]+\d+)"( t="[a-z]+")?><f>(.*?)</f>(?:<v\s*/>|<v></v>)</c>', replace, xml)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def _evaluate_sheet(rows: list[list[object]]) -> dict[str, float]:
    from openpyxl.utils import get_column_letter

    cells: dict[str, object] = {}
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            cells[f"{get_column_letter(c)}{r}"] = value
    results: dict[str, float] = {}

    def value_of(ref: str) -> float:
        value = cells.get(ref)
        if isinstance(value, str) and value.startswith("="):
            if ref not in results:
                results[ref] = _evaluate_formula(value[1:], value_of)
            return results[ref]
        return float(value) if isinstance(value, int | float) else 0.0

    for ref, value in cells.items():
        if isinstance(value, str) and value.startswith("="):
            value_of(ref)
    return results


def _evaluate_formula(formula: str, value_of) -> float:
    from openpyxl.utils import column_index_from_string, get_column_letter

    def expand_sum(match: re.Match[str]) -> str:
        total = 0.0
        for part in match.group(1).split(","):
            ends = part.strip().split(":")
            (c1, r1), (c2, r2) = (re.fullmatch(r"([A-Z]+)(\d+)", e).groups() for e in (ends[0], ends[-1]))  # type: ignore[union-attr]
            for col in range(column_index_from_string(c1), column_index_from_string(c2) + 1):
                for row in range(int(r1), int(r2) + 1):
                    total += value_of(f"{get_column_letter(col)}{row}")
        return repr(total)

    expression = re.sub(r"SUM\(([^)]*)\)", expand_sum, formula.upper())
    expression = re.sub(r"\b([A-Z]+\d+)\b", lambda m: repr(value_of(m.group(1))), expression)
    return float(_safe_arithmetic(ast.parse(expression, mode="eval").body))


def _safe_arithmetic(node: ast.AST) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_safe_arithmetic(node.operand)
    if isinstance(node, ast.BinOp):
        left, right = _safe_arithmetic(node.left), _safe_arithmetic(node.right)
        operations = {ast.Add: left + right, ast.Sub: left - right, ast.Mult: left * right}
        if isinstance(node.op, ast.Div):
            return left / right
        return operations[type(node.op)]
    raise ValueError(f"unsupported formula element: {ast.dump(node)}")


# -------------------------------------------------------------------------------------------- ZIP


def make_zip(members: dict[str, bytes]) -> bytes:
    """A deflated ZIP archive with the given members (name -> bytes); names ending in / are dirs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buf.getvalue()


def make_zip_bomb(expanded_mb: int = 200, name: str = "voorstel.pdf", *, declared_bytes: int | None = None) -> bytes:
    """A ~200 KB ZIP whose single member expands to ``expanded_mb`` MiB of zeros (ratio ~1000:1).

    Built without compressing 200 MB: one fully flushed deflate block of 1 MiB zeros repeats.
    ``declared_bytes`` makes the archive lie about the member's size (the headers claim that many).
    """
    return _append_zero_member(make_zip({}), name, expanded_mb * 2**20, declared_bytes)


def _append_zero_member(archive: bytes, name: str, size: int, declared: int | None = None) -> bytes:
    """Append a deflated member of ``size`` zero bytes (headers say ``declared``) to a ZIP (no ZIP64)."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            target.writestr(info, data)
    entries = _central_entries(buf.getvalue())
    body = buf.getvalue()[: _central_directory_offset(buf.getvalue())]
    stream, crc = _zero_deflate_stream(size)
    size = size if declared is None else declared
    encoded = name.encode()
    offset = len(body)
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0)
    body += local + encoded + stream
    central = struct.pack(
        "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x21, crc, len(stream), size, len(encoded), 0, 0, 0, 0, 0, offset
    )
    directory = b"".join(entries) + central + encoded
    count = len(entries) + 1
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, count, count, len(directory), len(body), 0)
    return body + directory + end


def _central_directory_offset(archive: bytes) -> int:
    end = archive.rfind(b"PK\x05\x06")
    return struct.unpack("<I", archive[end + 16 : end + 20])[0]


def _central_entries(archive: bytes) -> list[bytes]:
    start = _central_directory_offset(archive)
    end = archive.rfind(b"PK\x05\x06")
    entries, position = [], start
    while position < end:
        name_len, extra_len, comment_len = struct.unpack("<HHH", archive[position + 28 : position + 34])
        length = 46 + name_len + extra_len + comment_len
        entries.append(archive[position : position + length])
        position += length
    return entries


@lru_cache(maxsize=4)
def _zero_deflate_stream(size: int) -> tuple[bytes, int]:
    chunk = 2**20
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    full, rest = divmod(size, chunk)
    stream = block * full
    if rest:
        stream += compressor.compress(bytes(rest))
    stream += compressor.flush()
    crc = 0
    zeros = bytes(chunk)
    for _ in range(full):
        crc = zlib.crc32(zeros, crc)
    crc = zlib.crc32(bytes(rest), crc)
    return stream, crc


# ------------------------------------------------------------------------------ OLE (legacy Office)

_ENDOFCHAIN = 0xFFFFFFFE
_FREESECT = 0xFFFFFFFF
_FATSECT = 0xFFFFFFFD
_NOSTREAM = 0xFFFFFFFF
_SECTOR = 512
_MINI_CUTOFF = 4096


def make_doc(paragraphs: list[str]) -> bytes:
    """A real (minimal) Word 97-2003 .doc: an OLE compound file with a WordDocument stream (FIB,
    cp1252 text) and a 1Table stream holding the piece table. antiword and `file` accept it.

    Only text, no formatting; Word's page-break character is not used (antiword ignores it in
    text output and crashes on it without a following paragraph mark).
    """
    body = ("\r".join(paragraphs) + "\r").encode("cp1252")
    text_offset = 0x800
    fib = bytearray(text_offset)
    struct.pack_into("<HHHHH", fib, 0x00, 0xA5EC, 0x00C1, 0, 0x0413, 0)  # wIdent, nFib (Word 97), lid nl-NL
    struct.pack_into("<H", fib, 0x0A, 0x0200)  # fWhichTblStm: the piece table is in "1Table"
    struct.pack_into("<H", fib, 0x0C, 0x00BF)  # nFibBack
    struct.pack_into("<II", fib, 0x18, text_offset, text_offset + len(body))  # fcMin, fcMac
    struct.pack_into("<H", fib, 0x20, 14)  # csw
    struct.pack_into("<H", fib, 0x3E, 22)  # cslw
    struct.pack_into("<I", fib, 0x40, text_offset + len(body))  # cbMac
    struct.pack_into("<I", fib, 0x4C, len(body))  # ccpText
    struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb (Word 97)
    # One piece: CPs [0, n], a PCD whose fc has bit 30 set = 8-bit (cp1252) text at fc / 2.
    piece_table = struct.pack("<II", 0, len(body)) + struct.pack("<HIH", 0, (text_offset * 2) | 0x40000000, 0)
    clx = b"\x02" + struct.pack("<I", len(piece_table)) + piece_table
    # antiword parses the stylesheet even when it is empty: give it one (empty) style slot.
    stylesheet = struct.pack("<H9H", 18, 1, 10, 0, 0, 0, 0, 0, 0, 0) + struct.pack("<H", 0)
    struct.pack_into("<II", fib, 0x1A2, 0, len(clx))  # fcClx, lcbClx
    struct.pack_into("<II", fib, 0xA2, len(clx), len(stylesheet))  # fcStshf, lcbStshf
    return make_ole({"WordDocument": bytes(fib) + body, "1Table": clx + stylesheet})


def make_encrypted_office() -> bytes:
    """What Word saves for "encrypt with password": an OLE file with EncryptionInfo + EncryptedPackage."""
    return make_ole({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + bytes(200), "EncryptedPackage": bytes(range(256)) * 40})


def make_ole(streams: dict[str, bytes]) -> bytes:
    """A version-3 OLE compound file holding ``streams``.

    Streams are padded to the 4096-byte mini-stream cutoff so all live in regular sectors (no mini
    FAT needed). Directory siblings form a right-leaning chain sorted the way OLE compares names.
    """
    names = sorted(streams, key=lambda name: (len(name), name.upper()))
    # Sector 0 stays unused: antiword reads a stream starting at sector 0 as "no such stream".
    sectors: list[bytes] = [bytes(_SECTOR)]
    fat: list[int] = [_FREESECT]
    placement: dict[str, tuple[int, int]] = {}
    for name in names:
        payload = streams[name].ljust(_MINI_CUTOFF, b"\x00")
        placement[name] = (len(sectors), len(payload))
        _add_chain(payload, sectors, fat)
    entries = [_ole_entry("Root Entry", 5, child=1 if names else _NOSTREAM, start=_ENDOFCHAIN, size=0)]
    for index, name in enumerate(names, start=1):
        start, size = placement[name]
        entries.append(_ole_entry(name, 2, right=index + 1 if index < len(names) else _NOSTREAM, start=start, size=size))
    while len(entries) % 4:
        entries.append(_ole_entry("", 0, start=0, size=0))
    directory_start = len(sectors)
    _add_chain(b"".join(entries), sectors, fat)
    per_sector = _SECTOR // 4
    fat_sectors = 1
    while len(fat) + fat_sectors > fat_sectors * per_sector:
        fat_sectors += 1
    fat_start = len(sectors)
    fat.extend([_FATSECT] * fat_sectors)
    fat.extend([_FREESECT] * (fat_sectors * per_sector - len(fat)))
    table = struct.pack(f"<{len(fat)}I", *fat)
    sectors.extend(table[i * _SECTOR : (i + 1) * _SECTOR] for i in range(fat_sectors))
    difat = [fat_start + i for i in range(fat_sectors)] + [_FREESECT] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", bytes(16), 0x3E, 3, 0xFFFE, 9, 6, bytes(6),
        0, fat_sectors, directory_start, 0, _MINI_CUTOFF, _ENDOFCHAIN, 0, _ENDOFCHAIN, 0,
    ) + struct.pack("<109I", *difat)
    return header + b"".join(sectors)


def _add_chain(payload: bytes, sectors: list[bytes], fat: list[int]) -> None:
    count = max(1, -(-len(payload) // _SECTOR))
    payload = payload.ljust(count * _SECTOR, b"\x00")
    for i in range(count):
        sectors.append(payload[i * _SECTOR : (i + 1) * _SECTOR])
        fat.append(len(fat) + 1 if i < count - 1 else _ENDOFCHAIN)


def _ole_entry(name: str, kind: int, *, right: int = _NOSTREAM, child: int = _NOSTREAM, start: int, size: int) -> bytes:
    encoded = name.encode("utf-16-le") + b"\x00\x00" if name else b""
    return struct.pack(
        "<64sHBBIII16sIQQIQ", encoded.ljust(64, b"\x00"), len(encoded), kind, 1, _NOSTREAM, right, child, bytes(16), 0, 0, 0, start, size
    )


# ------------------------------------------------------------------------------- encrypted ZIP, mail


def make_encrypted_zip(members: dict[str, bytes], password: str) -> bytes:
    """A ZIP whose members are stored with traditional PKWARE (ZipCrypto) encryption.

    Python's zipfile reads but cannot write these, so the cipher is implemented here.
    """
    out = bytearray()
    central = bytearray()
    for name, data in members.items():
        crc = zlib.crc32(data)
        cipher = _ZipCrypto(password.encode())
        header = bytes(11) + bytes([crc >> 24 & 0xFF])  # last byte is the password check
        encrypted = cipher.encrypt(header + data)
        encoded = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x1, 0, 0, 0x21, crc, len(encrypted), len(data), len(encoded), 0)
        out += encoded + encrypted
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x1, 0, 0, 0x21, crc, len(encrypted), len(data), len(encoded), 0, 0, 0, 0, 0, offset
        ) + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + end)


class _ZipCrypto:
    def __init__(self, password: bytes) -> None:
        self.keys = [0x12345678, 0x23456789, 0x34567890]
        for byte in password:
            self._update(byte)

    def _crc(self, value: int, byte: int) -> int:
        return zlib.crc32(bytes([byte]), value ^ 0xFFFFFFFF) ^ 0xFFFFFFFF

    def _update(self, byte: int) -> None:
        k0, k1, k2 = self.keys
        k0 = self._crc(k0, byte)
        k1 = ((k1 + (k0 & 0xFF)) * 134775813 + 1) & 0xFFFFFFFF
        k2 = self._crc(k2, k1 >> 24)
        self.keys = [k0, k1, k2]

    def encrypt(self, data: bytes) -> bytes:
        out = bytearray()
        for byte in data:
            temp = (self.keys[2] | 2) & 0xFFFF
            out.append(byte ^ ((temp * (temp ^ 1)) >> 8 & 0xFF))
            self._update(byte)
        return bytes(out)


def make_eml(body: str, *, subject: str = "Projectvoorstel", attachments: dict[str, bytes] | None = None) -> bytes:
    """A MIME mail (as a mail client saves it), optionally with attachments."""
    from email.message import EmailMessage

    message = EmailMessage()
    message["From"] = "Aanvrager <aanvrager@example.org>"
    message["To"] = "oproep@example.org"
    message["Subject"] = subject
    message["Date"] = "Mon, 21 Apr 2025 10:00:00 +0200"
    message.set_content(body)
    for name, data in (attachments or {}).items():
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    return bytes(message)


# ------------------------------------------------------------------------------- hand-made packages

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx_with_body(body_xml: str) -> bytes:
    """A .docx whose <w:body> holds ``body_xml`` (WordprocessingML with the w: prefix).

    For structures python-docx cannot write: content controls, tracked changes, text boxes.
    """
    base = make_docx(["placeholder"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode()
                start = xml.index("<w:body>") + len("<w:body>")
                end = xml.index("<w:sectPr")
                data = (xml[:start] + body_xml + xml[end:]).encode()
            target.writestr(info, data)
    return out.getvalue()


def make_pptx(slides: list[list[str]]) -> bytes:
    """A minimal PowerPoint package: one text box per slide, one paragraph per string.

    Slides are listed in presentation.xml in the given order but stored under reversed part
    names, so a reader must follow the presentation's order, not the file names.
    """
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rel_ns = "http://schemas.openxmlformats.org/package/2006/relationships"
    count = len(slides)
    parts: dict[str, str] = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/ppt/presentation.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>'
            + "".join(
                f'<Override PartName="/ppt/slides/slide{n}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>'
                for n in range(1, count + 1)
            )
            + "</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rel_ns}">'
            f'<Relationship Id="rId1" Type="{r}/officeDocument" Target="ppt/presentation.xml"/></Relationships>'
        ),
        "ppt/presentation.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><p:presentation xmlns:p="{p}" xmlns:r="{r}"><p:sldIdLst>'
            + "".join(f'<p:sldId id="{256 + i}" r:id="rId{i + 1}"/>' for i in range(count))
            + "</p:sldIdLst></p:presentation>"
        ),
        "ppt/_rels/presentation.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{rel_ns}">'
            + "".join(
                f'<Relationship Id="rId{i + 1}" Type="{r}/slide" Target="slides/slide{count - i}.xml"/>' for i in range(count)
            )
            + "</Relationships>"
        ),
    }
    for i, lines in enumerate(slides):
        paragraphs = "".join(f"<a:p><a:r><a:t>{_xml_escape(line)}</a:t></a:r></a:p>" for line in lines)
        parts[f"ppt/slides/slide{count - i}.xml"] = (
            f'<?xml version="1.0" encoding="UTF-8"?><p:sld xmlns:p="{p}" xmlns:a="{a}"><p:cSld><p:spTree>'
            f"<p:sp><p:txBody>{paragraphs}</p:txBody></p:sp></p:spTree></p:cSld></p:sld>"
        )
    return make_zip({name: text.encode() for name, text in parts.items()})


def make_ods(sheets: dict[str, list[list[str]]]) -> bytes:
    """An OpenDocument spreadsheet made by odfpy: one table per sheet, string cells."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            table_row = TableRow()
            for value in row:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    buf = io.BytesIO()
    document.write(buf)
    return buf.getvalue()


def _xml_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_pdf_form(fields: dict[str, str], *, title: str = "Aanvraagformulier") -> bytes:
    """A fillable PDF form (AcroForm, reportlab) with each field filled in: label, then text field.

    reportlab writes field values in Latin-1 only: no euro sign in values (write EUR).
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 14)
    c.drawString(72, 780, title)
    c.setFont("Helvetica", 11)
    for index, (label, value) in enumerate(fields.items()):
        y = 730 - index * 40
        c.drawString(72, y + 6, label)
        c.acroForm.textfield(name=f"veld{index}", value=value, x=230, y=y, width=300, height=22, borderWidth=0, fontName="Helvetica", fontSize=11)
    c.showPage()
    c.save()
    return buf.getvalue()


def make_pdf_with_attachments(pages: list[str], attachments: dict[str, bytes]) -> bytes:
    """A text PDF carrying embedded files (a "PDF portfolio" light), written by pdfium."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(make_pdf(pages))
    for name, data in attachments.items():
        document.new_attachment(name).set_data(data)
    buf = io.BytesIO()
    document.save(buf)
    document.close()
    return buf.getvalue()


def make_tiff(pages: list[str]) -> bytes:
    """A multi-page TIFF at 200 dpi, as a document scanner writes it: one frame per page."""
    frames = [_render_page_image(text, dpi=200) for text in (pages or [""])]
    buf = io.BytesIO()
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:], dpi=(200, 200), compression="tiff_deflate")
    return buf.getvalue()
