"""Office packages: DOCX, PPTX, XLSX, ODT/ODS/ODP.

All of them are ZIP archives, and neither python-docx, openpyxl nor odfpy guards against ZIP bombs
(a 0.5 MB .docx expanded to 1.75 GB of memory), so every package is checked first: the declared
sizes and compression ratio of each member, and then the actual bytes while reading the parts we
need (Python's zipfile stops at the declared size and fails the CRC check if a member lies).
"""

from __future__ import annotations

import io
import posixpath
import re
import warnings
import zipfile
from datetime import date, datetime, time

from lxml import etree

from tasks.extract_core import Context, ExtractionProblem, FormatResult
from tasks.extract_xmltext import (
    DRAW,
    OFFICE,
    TABLE,
    DocxWalker,
    DrawingWalker,
    OdfWalker,
    TextSink,
    odf_breaking_styles,
    parse_xml,
)

# A member bigger than this that compresses better than MAX_RATIO is a bomb, not a document:
# real XML compresses 5-30x, images and fonts barely.
BOMB_MIN_BYTES = 2 * 2**20
MAX_RATIO = 100
MAX_MEMBERS = 10_000

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


class Package:
    """A checked, read-only view of an office ZIP package."""

    def __init__(self, data: bytes, ctx: Context) -> None:
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
            raise ExtractionProblem("corrupt", f"not a readable ZIP package: {error}") from error
        self.names = {info.filename for info in infos}
        _check_sizes(infos, budget=ctx.limits.memory_mb * 2**20 // 4)

    def read(self, name: str) -> bytes:
        try:
            return self.zip.read(name)
        except KeyError as error:
            raise ExtractionProblem("corrupt", f"part {name} is missing") from error
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as error:
            # RuntimeError: an encrypted member ("password required for extraction").
            raise ExtractionProblem("corrupt", f"part {name} cannot be read: {error}") from error

    def xml(self, name: str) -> etree._Element:
        try:
            return parse_xml(self.read(name))
        except etree.XMLSyntaxError as error:
            raise ExtractionProblem("corrupt", f"part {name} is not well-formed XML: {error}") from error

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_sizes(infos: list[zipfile.ZipInfo], budget: int) -> None:
    if len(infos) > MAX_MEMBERS:
        raise ExtractionProblem("too-large", f"{len(infos)} parts in the package")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > BOMB_MIN_BYTES and ratio > MAX_RATIO:
            raise ExtractionProblem("too-large", f"decompression bomb: {info.filename} expands {ratio:.0f}x")
    if total > budget:
        raise ExtractionProblem("too-large", f"package expands to {total // 2**20} MiB")


# -------------------------------------------------------------------------------------------- DOCX


def _relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part path) for a part."""
    directory, name = posixpath.split(part)
    rels_name = posixpath.join(directory, "_rels", name + ".rels")
    if rels_name not in package.names:
        return {}
    relationships = {}
    for rel in package.xml(rels_name).iter(_REL + "Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(directory, target))
        relationships[rel.get("Id", "")] = (rel.get("Type", ""), path)
    return relationships


def _main_part(package: Package, default: str) -> str:
    for kind, path in _relationships(package, "").values():
        if kind.endswith(_OFFICE_DOCUMENT):
            return path
    return default


def extract_docx(data: bytes, ctx: Context) -> FormatResult:
    """Body in document order (tables where they stand), headers first, footers last."""
    with Package(data, ctx) as package:
        main = _main_part(package, "word/document.xml")
        root = package.xml(main)
        body = root.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}body")
        if body is None:
            raise ExtractionProblem("corrupt", "document has no body")
        walker = DocxWalker()
        sink = TextSink()
        walker.walk_children(body, sink)
        pages = sink.result()
        headers, footers = _headers_and_footers(package, main, walker)
    if headers:
        pages[0] = "\n".join([*headers, pages[0]]).strip("\n")
    if footers:
        pages[-1] = "\n".join([pages[-1], *footers]).strip("\n")
    return FormatResult(pages=pages, method="docx-xml")


def _headers_and_footers(package: Package, main: str, walker: DocxWalker) -> tuple[list[str], list[str]]:
    headers: list[str] = []
    footers: list[str] = []
    for kind, path in sorted(_relationships(package, main).values(), key=lambda item: _natural_key(item[1])):
        target = headers if kind.endswith("/header") else footers if kind.endswith("/footer") else None
        if target is None or path not in package.names:
            continue
        sink = TextSink()
        walker.walk(package.xml(path), sink)
        text = "\n".join(page for page in sink.result() if page.strip())
        if text.strip() and text not in target:
            target.append(text)
    return headers, footers


def _natural_key(name: str) -> list[object]:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", name)]


# -------------------------------------------------------------------------------------------- PPTX


def extract_pptx(data: bytes, ctx: Context) -> FormatResult:
    """One page per slide, in presentation order."""
    with Package(data, ctx) as package:
        main = _main_part(package, "ppt/presentation.xml")
        slides = _slide_order(package, main)
        result = FormatResult(pages=[], method="pptx-xml")
        walker = DrawingWalker()
        for number, slide in enumerate(slides, start=1):
            if number > ctx.limits.max_pages:
                _too_many_pages(result, len(slides), ctx)
                break
            sink = TextSink()
            walker.walk(package.xml(slide), sink)
            result.pages.append("\n".join(page for page in sink.result() if page.strip()))
    return result


def _slide_order(package: Package, main: str) -> list[str]:
    relationships = _relationships(package, main)
    order = []
    if main in package.names:
        for slide_id in package.xml(main).iter(_P + "sldId"):
            kind, path = relationships.get(slide_id.get(_R_ID, ""), ("", ""))
            if kind.endswith("/slide") and path in package.names:
                order.append(path)
    if not order:
        order = sorted((n for n in package.names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)), key=_natural_key)
    return order


def _too_many_pages(result: FormatResult, total: int, ctx: Context) -> None:
    result.problem = "too-large"
    result.message_args = {"total_pages": total, "max_pages": ctx.limits.max_pages}
    result.notes.append(f"pages-truncated:{ctx.limits.max_pages}/{total}")


# --------------------------------------------------------------------------------------------- ODF


def extract_odf(data: bytes, ctx: Context) -> FormatResult:
    """ODT: pages split at explicit breaks. ODS: one page per sheet. ODP: one page per slide."""
    with Package(data, ctx) as package:
        content = package.xml("content.xml")
        styles = package.xml("styles.xml") if "styles.xml" in package.names else None
    before, after = odf_breaking_styles(*(root for root in (content, styles) if root is not None))
    walker = OdfWalker(before, after)
    body = content.find(OFFICE + "body")
    if body is None:
        raise ExtractionProblem("corrupt", "content.xml has no office:body")
    spreadsheet = body.find(OFFICE + "spreadsheet")
    presentation = body.find(OFFICE + "presentation")
    if spreadsheet is not None:
        units = [table for table in spreadsheet if table.tag == TABLE + "table"]
    elif presentation is not None:
        units = [page for page in presentation if page.tag == DRAW + "page"]
    else:
        sink = TextSink()
        walker.walk_children(body, sink)
        return FormatResult(pages=sink.result(), method="odf-xml")
    pages = []
    for unit in units[: ctx.limits.max_pages]:
        sink = TextSink()
        walker.walk(unit, sink)
        pages.append("\n".join(page for page in sink.result() if page.strip()))
    result = FormatResult(pages=pages or [""], method="odf-xml")
    if len(units) > ctx.limits.max_pages:
        _too_many_pages(result, len(units), ctx)
    return result


# -------------------------------------------------------------------------------------------- XLSX


def extract_xlsx(data: bytes, ctx: Context) -> FormatResult:
    """One page per sheet; rows as cells joined by " | ".

    Cached values are shown (what Excel displays). A formula without a cached value (a file written
    by a script and never opened in Excel) shows its formula text instead of an empty cell, and the
    result carries the note "formulas-without-cached-values".
    """
    with Package(data, ctx):
        pass  # the size and ratio checks; openpyxl reads the bytes itself
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it does not support
        try:
            values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except Exception as error:  # noqa: BLE001 - openpyxl raises KeyError, TypeError, ... on bad files
            raise ExtractionProblem("corrupt", f"workbook cannot be opened: {type(error).__name__}: {error}") from error
        try:
            return _read_workbook(values, formulas, ctx)
        except (KeyError, ValueError, TypeError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
            raise ExtractionProblem("corrupt", f"sheet cannot be read: {error}") from error
        finally:
            values.close()
            formulas.close()


def _read_workbook(values, formulas, ctx: Context) -> FormatResult:
    result = FormatResult(pages=[], method="openpyxl")
    uncached = 0
    budget = ctx.limits.max_chars
    for index, (value_sheet, formula_sheet) in enumerate(zip(values.worksheets, formulas.worksheets, strict=False)):
        if index >= ctx.limits.max_pages:
            _too_many_pages(result, len(values.worksheets), ctx)
            break
        lines: list[str] = []
        rows = zip(value_sheet.iter_rows(values_only=True), formula_sheet.iter_rows(values_only=True), strict=False)
        for value_row, formula_row in rows:
            cells, missing = _row_cells(value_row, formula_row)
            uncached += missing
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                line = " | ".join(cells)
                budget -= len(line) + 1
                if budget < 0:
                    result.problem = "too-large"
                    result.notes.append(f"text-truncated-at-chars:{ctx.limits.max_chars}")
                    break
                lines.append(line)
            if ctx.deadline.expired():
                result.problem = "timeout"
                break
        result.pages.append("\n".join(lines))
        if result.problem:
            break
    if uncached:
        result.notes.append("formulas-without-cached-values")
    return result


def _row_cells(value_row: tuple, formula_row: tuple) -> tuple[list[str], int]:
    cells: list[str] = []
    missing = 0
    for position, value in enumerate(value_row):
        formula = formula_row[position] if position < len(formula_row) else None
        if value is None and isinstance(formula, str) and formula.startswith("="):
            cells.append(formula)
            missing += 1
        else:
            cells.append(_cell_text(value))
    return cells, missing


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "WAAR" if value else "ONWAAR"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.time() != time(0) else value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return " ".join(str(value).split())
