"""OCR with Tesseract (through pytesseract), and text from image files (JPEG, PNG, TIFF, ...).

Tesseract runs as a child process of whoever calls this (the pool's worker), so it inherits the
worker's memory limit and is killed with the worker's process group on timeout.
"""

from __future__ import annotations

import io
import warnings
from functools import lru_cache
from typing import TYPE_CHECKING

from tasks.extract_core import Context, Deadline, ExtractionProblem, FormatResult, clean_page_text

if TYPE_CHECKING:
    from PIL import Image

# Tesseract gains nothing from more pixels than a 300 dpi A3 page; bigger images are scaled down,
# which bounds both OCR time and memory.
OCR_MAX_PIXELS = 36_000_000
# Images beyond this are refused before decoding (a 200 MP camera photo is about this size).
DECODE_MAX_PIXELS = 210_000_000


class OcrTimeout(Exception):
    """Tesseract did not finish before the deadline."""


@lru_cache(maxsize=8)
def ocr_available(language: str) -> bool:
    """True when the tesseract binary runs and has every model named in ``language`` ("nld+eng")."""
    try:
        import pytesseract

        installed = set(pytesseract.get_languages(config=""))
    except Exception:  # noqa: BLE001 - a missing binary surfaces as several exception types
        return False
    return all(part in installed for part in language.split("+"))


def ocr_image(image: Image.Image, language: str, deadline: Deadline, dpi: int | None = None) -> str:
    """Text Tesseract reads in ``image``; raises OcrTimeout when the deadline passes first."""
    import pytesseract

    remaining = deadline.remaining()
    if remaining <= 0:
        raise OcrTimeout
    config = "--psm 3" + (f" --dpi {dpi}" if dpi else "")
    try:
        text = pytesseract.image_to_string(_prepare(image), lang=language, config=config, timeout=remaining)
    except RuntimeError as error:
        # pytesseract kills tesseract and raises RuntimeError("Tesseract process timeout").
        if "timeout" in str(error).lower():
            raise OcrTimeout from error
        raise
    return clean_page_text(text.replace("\x0c", ""))


def _prepare(image: Image.Image) -> Image.Image:
    """Greyscale and at most OCR_MAX_PIXELS: what Tesseract needs, at a fraction of the memory."""
    if image.mode not in ("L", "1"):
        image = image.convert("L")
    pixels = image.width * image.height
    if pixels > OCR_MAX_PIXELS:
        factor = (OCR_MAX_PIXELS / pixels) ** 0.5
        image = image.resize((max(1, int(image.width * factor)), max(1, int(image.height * factor))))
    return image


def extract_image(data: bytes, ctx: Context) -> FormatResult:
    """OCR of a photo or scan: one page per frame of a multi-page TIFF (at most max_pages), else one page."""
    from PIL import Image, ImageOps, ImageSequence

    if not ocr_available(ctx.limits.ocr_language):
        raise ExtractionProblem("scanned-no-text", f"tesseract with language {ctx.limits.ocr_language!r} is not installed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PIL's DecompressionBombWarning: we check sizes ourselves
        try:
            image = Image.open(io.BytesIO(data))
        except Image.DecompressionBombError as error:
            raise ExtractionProblem("too-large", str(error)) from error
        except (OSError, ValueError, SyntaxError) as error:
            raise ExtractionProblem("corrupt", f"image cannot be opened: {error}") from error
        _check_decodable(image, ctx)
        return _ocr_frames(image, ImageSequence, ImageOps, ctx)


def _check_decodable(image: Image.Image, ctx: Context) -> None:
    pixels = image.width * image.height
    bands = len(image.getbands())
    budget = ctx.limits.memory_mb * 2**20 // 3
    if pixels > DECODE_MAX_PIXELS or (image.format != "JPEG" and pixels * bands > budget):
        raise ExtractionProblem("too-large", f"image of {image.width}x{image.height} pixels")


def _ocr_frames(image: Image.Image, image_sequence, image_ops, ctx: Context) -> FormatResult:
    pages: list[str] = []
    result = FormatResult(pages=pages, method="tesseract", ocr=True)
    dpi = _dpi_of(image)
    # A multi-page TIFF is a scanned document; the frames of an animated GIF or WebP are not pages.
    frames = image_sequence.Iterator(image) if image.format == "TIFF" else [image]
    for index, frame in enumerate(frames):
        if index >= ctx.limits.max_pages:
            result.problem = "too-large"
            result.notes.append(f"frames-truncated-at:{ctx.limits.max_pages}")
            break
        try:
            original_side = max(frame.width, frame.height)
            prepared = _decode_frame(frame, image_ops)
            # Scaling down changes the resolution Tesseract should assume.
            frame_dpi = round(dpi * max(prepared.width, prepared.height) / original_side) if dpi else None
            pages.append(ocr_image(prepared, ctx.limits.ocr_language, ctx.deadline, frame_dpi))
        except OcrTimeout:
            result.problem = "timeout"
            break
        except (OSError, ValueError, SyntaxError) as error:
            if not pages:
                raise ExtractionProblem("corrupt", f"image cannot be decoded: {error}") from error
            result.notes.append(f"frame-unreadable:{index + 1}")
            break
    if not any(page.strip() for page in pages) and result.problem is None:
        raise ExtractionProblem("scanned-no-text", "OCR found no text in the image", pages=pages)
    return result


def _decode_frame(frame: Image.Image, image_ops) -> Image.Image:
    if frame.format == "JPEG" and frame.width * frame.height > OCR_MAX_PIXELS:
        # JPEG can decode at 1/2, 1/4, 1/8 scale directly: a 200 MP photo never exists in full.
        factor = (OCR_MAX_PIXELS / (frame.width * frame.height)) ** 0.5
        frame.draft("L", (int(frame.width * factor), int(frame.height * factor)))
    frame = image_ops.exif_transpose(frame) or frame
    frame.load()
    return _prepare(frame)


def _dpi_of(image: Image.Image) -> int | None:
    dpi = image.info.get("dpi")
    try:
        value = int(round(float(dpi[0]))) if dpi else None
    except (TypeError, ValueError, IndexError):
        return None
    # Cameras write 72 dpi (meaningless for a photo of a page); let Tesseract estimate instead.
    return value if value and 100 <= value <= 1200 else None
