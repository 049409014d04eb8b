"""Text extraction from every attachment an applicant sends: page-accurate, fast, safe against hostile files.

Public API (other modules code against exactly this):

* :class:`ExtractionLimits` - time, memory, page and OCR settings for one document.
* :class:`Extraction` - the JSON-serialisable result (cached by SHA-256 by the caller).
* :func:`detect_type` - (detected_type, mislabelled) by content, never by extension alone.
* :func:`extract_bytes` - in-process extraction; never raises for bad input.
* :class:`ExtractionPool` - the same in freshly spawned worker processes with a memory limit and a
  hard wall-time limit; use this for anything received from outside.

Detected types: ``pdf``, ``docx``, ``odt``, ``ods``, ``odp``, ``xlsx``, ``pptx``, ``doc``, ``xls``,
``ppt``, ``msg``, ``rtf``, ``text``, ``html``, ``eml``, ``jpeg``, ``png``, ``tiff``, ``gif``,
``bmp``, ``webp``, ``heic``, ``zip``, ``rar``, ``7z``, ``gzip``, ``tnef``, ``unknown``.
A password-protected DOCX/XLSX/PPTX (an OLE container holding an encrypted package) is reported as
the Office type its extension names (``docx`` when the extension says nothing) with ``encrypted``.

Pages: PDF pages; DOCX/ODT split at explicit page breaks (page break, "page break before",
section break), else one page, headers at the top of the first page and footers at the end of the
last; XLSX/ODS one page per sheet; PPTX/ODP one page per slide; TIFF one page per frame; text and
RTF split at form feeds / ``\\page``; everything else one page. Tables appear where they stand, as
lines of cells joined by " | " (for PDF pages with ruled tables, appended after the page's text).

Problem codes (one per result, the most important first; Dutch message in ``problem_message``):

* ``encrypted`` - password protected and none of the given passwords (nor the empty one) opens it.
* ``scanned-no-text`` - pages without a text layer and OCR found no text, or Tesseract (or its
  language model) is not installed; also set, with ``readable`` true, when only some pages are
  affected.
* ``corrupt`` - truncated or malformed (a PDF without its end marker is corrupt even when pdfium
  recovered some pages; whatever text was read is kept), or content of no known type in a file
  whose extension claims a known type (a fake ``.doc``).
* ``mislabelled-type`` - the extension disagrees with the content in a way the program behind the
  extension would not accept (a JPEG named ``.pdf``); the file is still read. Harmless mismatches
  (an RTF named ``.doc``, a PNG named ``.jpg``) set ``mislabelled`` without a problem.
* ``unsupported-format`` - a type we do not read (RAR, 7z, HEIC, Outlook .msg, winmail.dat, dynamic
  XFA PDF forms, unknown binary content without a known extension).
* ``legacy-format`` - .xls/.ppt, and .doc when antiword is not installed.
* ``timeout`` - the wall-time limit passed; text read so far is kept (``readable`` may be true).
* ``too-large`` - decompression bomb, memory exhausted, image too big, or more than ``max_pages``
  pages / ``max_chars`` characters (then the first part is kept and ``readable`` is true).
* ``empty`` - a valid file without any text.
* ``archive`` - a ZIP given to extract_bytes: archives are expanded with tasks.zipfiles before
  extraction, so this only says the members are read separately.

Methods: ``pypdfium2`` (text layer, ruled tables rebuilt from pdfium's drawing objects, filled-in
form fields flattened into the page), ``pypdfium2+tesseract`` (some pages OCR'd), ``tesseract``
(images), ``docx-xml``, ``pptx-xml``, ``odf-xml`` (lxml on the package XML), ``openpyxl``, ``text``,
``html2text``, ``striprtf``, ``email``, ``antiword``; ``none`` when nothing could be read.

Notes (non-fatal, English, for operators) include ``formulas-without-cached-values``,
``opened-with-password``, ``ocr-no-text:pages …``, ``ocr-unavailable: …``, ``pages-truncated:N/M``,
``text-truncated-at-chars:N``, ``table-detection-skipped:P``, ``truncated: …``, ``mislabelled-as:.ext``,
``attachments-not-extracted: …``, ``pdf-attachments-not-extracted: …``, ``memory-exhausted``,
``worker-killed: …`` and ``worker-died: SIGNAL``.

DOCX reading skips deleted revisions, field codes, the fallback copy of text boxes and content
controls that still show their placeholder text; footnotes, comments and embedded objects are not
read. A .doc is read by antiword as one page (antiword's text output has no page breaks).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from tasks.extract_core import (
    Context,
    Deadline,
    Extraction,
    ExtractionLimits,
    ExtractionProblem,
    FormatResult,
    build_extraction,
)
from tasks.extract_detect import (
    claims_known_type,
    extension_of,
    is_encrypted_ooxml,
    is_mislabelled,
    sniff_type,
)
from tasks.extract_pool import ExtractionPool

__all__ = ["Extraction", "ExtractionLimits", "ExtractionPool", "detect_type", "extract_bytes"]

log = logging.getLogger(__name__)

Extractor = Callable[[bytes, Context], FormatResult]

_UNSUPPORTED = frozenset({"rar", "7z", "gzip", "heic", "msg", "tnef"})
_LEGACY = frozenset({"xls", "ppt"})
_IMAGES = frozenset({"jpeg", "png", "tiff", "gif", "bmp", "webp"})


def _registry() -> dict[str, Extractor]:
    """Extractor per detected type; modules are imported lazily so the worker starts fast."""
    from tasks import extract_ocr, extract_office, extract_pdf, extract_textformats

    registry: dict[str, Extractor] = {
        "pdf": extract_pdf.extract_pdf,
        "docx": extract_office.extract_docx,
        "pptx": extract_office.extract_pptx,
        "xlsx": extract_office.extract_xlsx,
        "odt": extract_office.extract_odf,
        "ods": extract_office.extract_odf,
        "odp": extract_office.extract_odf,
        "text": extract_textformats.extract_text,
        "html": extract_textformats.extract_html,
        "rtf": extract_textformats.extract_rtf,
        "eml": extract_textformats.extract_eml,
        "doc": extract_textformats.extract_doc,
    }
    registry.update(dict.fromkeys(_IMAGES, extract_ocr.extract_image))
    return registry


def detect_type(data: bytes, filename: str) -> tuple[str, bool]:
    """(detected_type, mislabelled): by magic bytes and content; the extension only sets ``mislabelled``."""
    try:
        detected = sniff_type(data, filename) if data else "unknown"
    except Exception:  # noqa: BLE001 - detection must never fail on hostile bytes
        log.exception("type detection failed for %s", filename)
        detected = "unknown"
    return detected, bool(data) and is_mislabelled(detected, filename)


def extract_bytes(
    data: bytes,
    filename: str,
    *,
    passwords: Sequence[str] = (),
    limits: ExtractionLimits = ExtractionLimits(),  # noqa: B008 - frozen dataclass, safe as default
) -> Extraction:
    """Extract text per page from one file, in this process. Never raises for bad input.

    Prefer :class:`ExtractionPool` for untrusted files: only the pool enforces the memory limit and
    can stop a parser stuck inside C code; here the time limit is checked between pages.
    """
    detected, mislabelled = detect_type(data, filename)
    ctx = Context(filename=filename, passwords=tuple(passwords), limits=limits, deadline=Deadline(limits.timeout_seconds))
    notes = [f"mislabelled-as:{extension_of(filename)}"] if mislabelled else []
    if not data:
        return build_extraction(detected, mislabelled, FormatResult(pages=[], method="none", problem="empty"), notes)
    try:
        result = _run_extractor(detected, data, ctx)
    except ExtractionProblem as problem:
        result = FormatResult(pages=problem.pages, method="none", problem=problem.code, message_args=problem.message_args)
        if problem.detail:
            notes.append(problem.detail)
    except MemoryError:
        result = FormatResult(pages=[], method="none", problem="too-large", notes=["memory-exhausted"])
    except RecursionError:
        result = FormatResult(pages=[], method="none", problem="corrupt", notes=["nesting too deep"])
    except Exception as error:  # noqa: BLE001 - a parser bug on a hostile file must not stop the intake
        log.warning("extraction of %s (%s) failed", filename, detected, exc_info=True)
        result = FormatResult(pages=[], method="none", problem="corrupt", notes=[f"{type(error).__name__}: {error}"[:300]])
    return build_extraction(detected, mislabelled, result, notes, filename=filename)


def _run_extractor(detected: str, data: bytes, ctx: Context) -> FormatResult:
    if detected in ("docx", "xlsx", "pptx") and is_encrypted_ooxml(data):
        raise ExtractionProblem("encrypted", "password-protected Office file (encrypted package)")
    if detected == "zip":
        return FormatResult(pages=[], method="none", problem="archive")
    if detected in _LEGACY:
        raise ExtractionProblem("legacy-format", f"{detected} is not read")
    if detected in _UNSUPPORTED:
        raise ExtractionProblem("unsupported-format", f"{detected} is not read")
    if detected == "unknown":
        if claims_known_type(ctx.filename):
            raise ExtractionProblem("corrupt", "content matches no known type")
        raise ExtractionProblem("unsupported-format", "unknown content")
    return _registry()[detected](data, ctx)
