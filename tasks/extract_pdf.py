"""PDF text extraction: pypdfium2 for every page, ruled tables from pdfium's drawing objects,
Tesseract for pages without a usable text layer.

Why: pypdfium2 reads a page in about 1 ms, pdfplumber needs 65-100 ms (seconds on dense pages),
OCR about 1.4 s. Tables are therefore rebuilt from the rules pdfium already parsed (see
tasks.extract_pdftables, 1-3 ms per table page) and appended to the page text as rows of cells
joined by " | ", after the page's own text, so a budget table is recognisable and page numbers
stay exact.

OCR candidate pages (decided from pdfium's object list, no rendering needed):

* fewer than 30 non-space characters and images covering at least 25% of the page, or more than
  300 path objects (text converted to outlines);
* fewer than 100 characters and images covering at least 70% of the page (a scan with a scanner
  app's watermark line);
* a text layer of mostly undecodable glyphs (fonts without a ToUnicode map).

OCR text that only repeats the page's text layer is dropped; otherwise it is appended to it.
"""

from __future__ import annotations

import re
import threading

from tasks.extract_core import Context, ExtractionProblem, FormatResult, clean_page_text
from tasks.extract_ocr import OcrTimeout, ocr_available, ocr_image
from tasks.extract_pdftables import PageGraphics, read_graphics, table_lines

_SPARSE_CHARS = 30
_SPARSE_IMAGE_COVERAGE = 0.25
_OUTLINED_TEXT_PATHS = 300
_SCAN_COVERAGE = 0.7
_SCAN_WATERMARK_CHARS = 100
_OCR_MAX_RENDER_PIXELS = 36_000_000

_PDF_ERR_PASSWORD = 4
_PDF_ERR_SECURITY = 5


# pdfium is not thread-safe. Workers are single-threaded, but extract_bytes may also be called
# from several threads of one process: every pdfium call happens under this lock (OCR does not).
PDFIUM_LOCK = threading.RLock()


def extract_pdf(data: bytes, ctx: Context) -> FormatResult:
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        document, password = _open(data, ctx.passwords, pdfium)
    try:
        with PDFIUM_LOCK:
            _prepare_forms(document)
        result = _extract_document(document, password, data, ctx)
        with PDFIUM_LOCK:
            result.notes.extend(_attachment_notes(document))
        return result
    finally:
        with PDFIUM_LOCK:
            document.close()


def _prepare_forms(document) -> None:
    """Filled-in form fields are annotations, not page text: enable flattening them into the page.

    A dynamic XFA form has no pages of its own (only "Please wait..."): pdfium cannot lay it out.
    """
    import pypdfium2.raw as raw

    form_type = raw.FPDF_GetFormType(document.raw)
    if form_type == raw.FORMTYPE_XFA_FULL:
        raise ExtractionProblem("unsupported-format", "dynamic XFA form", xfa=True)
    if form_type != raw.FORMTYPE_NONE:
        document.init_forms()  # must precede loading any page


def _attachment_notes(document) -> list[str]:
    """Files embedded in the PDF are not read; say so, so nothing disappears silently."""
    names = []
    for index in range(document.count_attachments()):
        try:
            names.append(document.get_attachment(index).get_name())
        except Exception:  # noqa: BLE001 - a damaged attachment entry only loses its name
            names.append(f"#{index + 1}")
    return ["pdf-attachments-not-extracted: " + ", ".join(names)] if names else []


def _open(data: bytes, passwords: tuple[str, ...], pdfium):
    """Open with no password, then the empty one, then each password the applicant gave."""
    for candidate in (None, "", *passwords):
        try:
            return pdfium.PdfDocument(data, password=candidate), candidate
        except pdfium.PdfiumError as error:
            code = getattr(error, "err_code", None)
            if code == _PDF_ERR_SECURITY:
                raise ExtractionProblem("encrypted", "unsupported security handler") from error
            if code != _PDF_ERR_PASSWORD:
                raise ExtractionProblem("corrupt", str(error)) from error
    raise ExtractionProblem("encrypted", f"none of {len(passwords)} given password(s) opens the PDF")


def _extract_document(document, password: str | None, data: bytes, ctx: Context) -> FormatResult:
    total = len(document)
    if total == 0:
        raise ExtractionProblem("corrupt", "no pages could be found")
    count = min(total, ctx.limits.max_pages)
    result = FormatResult(pages=[], method="pypdfium2")
    if password:
        result.notes.append("opened-with-password")
    if not _has_end_marker(data):
        result.problem = "corrupt"
        result.notes.append("truncated: no %%EOF at the end")
    graphics: list[PageGraphics | None] = []
    with PDFIUM_LOCK:
        for index in range(count):
            if ctx.deadline.expired():
                _stop_for_timeout(result, f"text layer read for {index} of {count} pages")
                break
            text, page_graphics = _read_page(document, index, result)
            result.pages.append(text)
            graphics.append(page_graphics)
    if result.problem != "timeout":
        _ocr_sparse_pages(document, graphics, result, ctx)
    if total > ctx.limits.max_pages and result.problem is None:
        result.problem = "too-large"
        result.message_args = {"total_pages": total, "max_pages": ctx.limits.max_pages}
        result.notes.append(f"pages-truncated:{count}/{total}")
    _check_readable(result)
    return result


def _has_end_marker(data: bytes) -> bool:
    # Every complete PDF ends with %%EOF (some tools append a few bytes of padding after it).
    return data.rfind(b"%%EOF", max(0, len(data) - 8192)) >= 0


def _stop_for_timeout(result: FormatResult, detail: str) -> None:
    result.problem = "timeout"
    result.notes.append(f"timeout: {detail}")


LINE_END_HYPHEN_RE = re.compile(r"[\ufffe\x02](\w?)")


def _line_end_hyphen(match: re.Match[str]) -> str:
    following = match.group(1)
    return ("-" if following.isupper() else "") + following


def _read_page(document, index: int, result: FormatResult) -> tuple[str, PageGraphics | None]:
    """The page's text layer plus its ruled tables; None graphics when the page cannot be loaded."""
    import pypdfium2 as pdfium

    try:
        page = document[index]
        if document.formenv is not None and page.flatten() == pdfium.raw.FLATTEN_SUCCESS:
            page.close()  # flattening invalidates the page's handles: load it again
            page = document[index]
    except pdfium.PdfiumError:
        result.notes.append(f"page-unreadable:{index + 1}")
        return "", None
    try:
        textpage = page.get_textpage()
        try:
            # pdfium turns a hyphen at a line end into U+FFFE (older builds: U+0002) and joins the
            # lines: dropping it restores the word ("finan-/ciën" -> "financiën"), so it can be found;
            # before a capital it is a name's own hyphen ("Sint-/Joris" -> "Sint-Joris").
            text = clean_page_text(LINE_END_HYPHEN_RE.sub(_line_end_hyphen, textpage.get_text_range()))
            graphics = read_graphics(page)
            rows, skipped = table_lines(graphics, textpage) if graphics.may_hold_table else ([], False)
        finally:
            textpage.close()
    finally:
        page.close()
    if skipped:
        result.notes.append(f"table-detection-skipped:{index + 1}")
    if rows:
        text = (text + "\n\n" + "\n".join(rows)).strip("\n")
    return text, graphics


# --------------------------------------------------------------------------------------------- OCR


_GARBAGE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f]")


def _visible_chars(text: str) -> int:
    return len("".join(text.split()))


def _needs_ocr(text: str, graphics: PageGraphics | None) -> bool:
    if graphics is None:
        return False
    chars = _visible_chars(text)
    coverage = graphics.image_coverage
    if chars < _SPARSE_CHARS and (coverage >= _SPARSE_IMAGE_COVERAGE or graphics.paths > _OUTLINED_TEXT_PATHS):
        return True
    if chars < _SCAN_WATERMARK_CHARS and coverage >= _SCAN_COVERAGE:
        return True
    return _garbled(text)


def _garbled(text: str) -> bool:
    """A text layer of mostly replacement, private-use or control characters (fonts without ToUnicode)."""
    visible = _visible_chars(text)
    if visible < 20:
        return False
    return len(_GARBAGE.findall(text)) / visible > 0.3


def _ocr_sparse_pages(document, graphics: list[PageGraphics | None], result: FormatResult, ctx: Context) -> None:
    targets = [i for i, page_graphics in enumerate(graphics) if _needs_ocr(result.pages[i], page_graphics)]
    if not targets:
        return
    if not ocr_available(ctx.limits.ocr_language):
        result.notes.append(f"ocr-unavailable: {len(targets)} page(s) without text layer")
        if result.problem is None:
            result.problem = "scanned-no-text"
        return
    empty: list[int] = []
    for index in targets:
        try:
            text = _ocr_page(document, index, ctx)
        except OcrTimeout:
            _stop_for_timeout(result, f"OCR stopped at page {index + 1}")
            break
        if not text.strip():
            empty.append(index + 1)
            continue
        result.pages[index] = _merge_ocr(result.pages[index], text)
        result.ocr = True
        result.method = "pypdfium2+tesseract"
    if empty:
        result.notes.append("ocr-no-text:pages " + ",".join(map(str, empty)))


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _merge_ocr(layer: str, ocr_text: str) -> str:
    """OCR replaces a garbled layer, is dropped when it only repeats the layer, else follows it."""
    if _garbled(layer) or not layer.strip():
        return ocr_text
    ocr_words = _words(ocr_text)
    if ocr_words and len(ocr_words & _words(layer)) / len(ocr_words) >= 0.7:
        return layer
    return layer + "\n" + ocr_text


def _ocr_page(document, index: int, ctx: Context) -> str:
    image, dpi = _render(document, index, ctx.limits.ocr_dpi)
    return ocr_image(image, ctx.limits.ocr_language, ctx.deadline, dpi)


def _render(document, index: int, dpi: int):
    """The page as a greyscale PIL image (a copy, so pdfium's bitmap can be freed) and its dpi."""
    with PDFIUM_LOCK:
        page = document[index]
        try:
            width, height = page.get_size()
            scale = dpi / 72
            pixels = width * scale * height * scale
            if pixels > _OCR_MAX_RENDER_PIXELS:
                # A poster-sized page: render at a lower resolution rather than allocate gigabytes.
                scale *= (_OCR_MAX_RENDER_PIXELS / pixels) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=True)
            try:
                return bitmap.to_pil().copy(), round(scale * 72)
            finally:
                bitmap.close()
        finally:
            page.close()


def _check_readable(result: FormatResult) -> None:
    """A PDF whose pages all came out empty: scanned (if it draws anything) or genuinely empty."""
    if any(page.strip() for page in result.pages) or result.problem in ("timeout", "scanned-no-text", "corrupt"):
        return
    if any(note.startswith(("ocr-no-text", "ocr-unavailable")) for note in result.notes):
        raise ExtractionProblem("scanned-no-text", "no text layer and OCR found no text", pages=result.pages)
    raise ExtractionProblem("empty", "the PDF has pages but no text", pages=result.pages)
