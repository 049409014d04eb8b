"""Shared pieces of text extraction: limits, the result model, problems, deadlines.

Kept free of heavy imports so the extraction worker process starts quickly; the public API is
re-exported by :mod:`tasks.extract`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pydantic

from tasks.extract_detect import is_harmless_mislabel

# Problem codes. The first nine are the project-wide codes from DESIGN.md; "archive" is given when a
# ZIP reaches extract_bytes directly (the caller expands archives with tasks.zipfiles instead).
PROBLEM_CODES = (
    "encrypted",
    "scanned-no-text",
    "corrupt",
    "mislabelled-type",
    "unsupported-format",
    "legacy-format",
    "timeout",
    "too-large",
    "empty",
    "archive",
)


@dataclass(frozen=True)
class ExtractionLimits:
    """Resource limits for one document.

    ``max_pages``: pages read per document; the rest is skipped and the result carries problem
    ``too-large`` (still ``readable`` when the first pages gave text). ``max_chars`` bounds the text
    kept from formats without pages (spreadsheets, plain text), for the same reason.
    """

    timeout_seconds: float = 60
    memory_mb: int = 1024  # RLIMIT_AS of the worker process
    max_pages: int = 300
    ocr_language: str = "nld"
    ocr_dpi: int = 200
    max_chars: int = 5_000_000


class Extraction(pydantic.BaseModel):
    """What extraction concluded about one file; JSON-serialisable, cached by SHA-256 by the caller."""

    detected_type: str
    mislabelled: bool
    readable: bool
    problem: str | None
    problem_message: str | None
    pages: list[str]
    chars: int
    ocr: bool
    method: str
    notes: list[str] = []


class ExtractionProblem(Exception):
    """Raised by a format extractor when a file cannot be read at all.

    ``detail`` goes into the notes (English, for operators); the Dutch sentence comes from
    :func:`problem_message`. ``pages`` carries any text read before the failure.
    """

    def __init__(self, code: str, detail: str = "", pages: list[str] | None = None, **message_args: object):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.pages = pages or []
        self.message_args = message_args


@dataclass
class FormatResult:
    """What a format extractor returns: text per page plus how it was obtained.

    ``problem`` is for non-fatal problems that still leave usable text (e.g. ``timeout`` after some
    pages, ``too-large`` after ``max_pages``); fatal ones raise :class:`ExtractionProblem`.
    """

    pages: list[str]
    method: str
    ocr: bool = False
    notes: list[str] = field(default_factory=list)
    problem: str | None = None
    message_args: dict[str, object] = field(default_factory=dict)


class Deadline:
    """Cooperative wall-time limit checked between pages (the pool also kills overrunning workers)."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def remaining(self) -> float:
        return max(0.0, self._end - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self._end


@dataclass(frozen=True)
class Context:
    """Everything an extractor needs besides the bytes."""

    filename: str
    passwords: tuple[str, ...]
    limits: ExtractionLimits
    deadline: Deadline


TYPE_LABELS_NL = {
    "pdf": "een PDF-bestand",
    "docx": "een Word-document (DOCX)",
    "doc": "een oud Word-document (DOC)",
    "odt": "een OpenDocument-tekst (ODT)",
    "ods": "een OpenDocument-rekenblad (ODS)",
    "odp": "een OpenDocument-presentatie (ODP)",
    "xlsx": "een Excel-bestand (XLSX)",
    "xls": "een oud Excel-bestand (XLS)",
    "pptx": "een PowerPoint-bestand (PPTX)",
    "ppt": "een oud PowerPoint-bestand (PPT)",
    "rtf": "een RTF-document",
    "text": "een tekstbestand",
    "html": "een webpagina (HTML)",
    "eml": "een e-mailbericht",
    "msg": "een Outlook-bericht (MSG)",
    "jpeg": "een JPEG-afbeelding",
    "png": "een PNG-afbeelding",
    "tiff": "een TIFF-afbeelding",
    "gif": "een GIF-afbeelding",
    "bmp": "een BMP-afbeelding",
    "webp": "een WebP-afbeelding",
    "heic": "een HEIC-foto",
    "zip": "een ZIP-archief",
    "rar": "een RAR-archief",
    "7z": "een 7-Zip-archief",
    "gzip": "een gzip-archief",
    "tnef": "een winmail.dat-bijlage",
    "unknown": "een onbekend bestandstype",
}


def problem_message(code: str, detected_type: str, **args: object) -> str:
    """The one Dutch sentence a coordinator can forward to the applicant for a problem code."""
    label = TYPE_LABELS_NL.get(detected_type, TYPE_LABELS_NL["unknown"])
    if code == "encrypted":
        what = "Het PDF-bestand" if detected_type == "pdf" else "Het bestand"
        return (
            f"{what} is beveiligd met een wachtwoord; stuur het opnieuw zonder wachtwoord "
            "of vermeld het wachtwoord in uw mail."
        )
    if code == "scanned-no-text":
        return (
            "Het bestand bevat gescande pagina's waarin we geen tekst konden lezen; stuur het document "
            "opnieuw als PDF met tekst (bijvoorbeeld 'Opslaan als PDF' vanuit Word) of als Word-bestand."
        )
    if code == "corrupt":
        return "Het bestand is beschadigd of onvolledig en kan niet worden geopend; stuur het opnieuw."
    if code == "mislabelled-type":
        return (
            f"De extensie van het bestand klopt niet met de inhoud (het is eigenlijk {label}); we hebben "
            "het toch gelezen, maar stuur het bij voorkeur opnieuw met de juiste extensie of als PDF."
        )
    if code == "unsupported-format" and args.get("xfa"):
        return (
            "Dit PDF-formulier (XFA) kunnen we niet lezen; open het in Adobe Reader, druk het af als PDF "
            "('Microsoft Print to PDF' of 'Opslaan als PDF') en stuur die PDF opnieuw."
        )
    if code == "unsupported-format":
        return (
            f"Dit bestandstype ({label}) kunnen we niet lezen; stuur het document opnieuw als PDF "
            "of als Word-bestand (DOCX)."
        )
    if code == "legacy-format":
        return f"Het bestand is {label}, een verouderd formaat dat we niet kunnen lezen; stuur het opnieuw als PDF of DOCX."
    if code == "timeout":
        return (
            "Het bestand kon niet binnen de voorziene tijd worden gelezen omdat het te groot of te complex is; "
            "stuur het opnieuw als kleinere PDF of in delen."
        )
    if code == "too-large" and "total_pages" in args:
        return (
            f"Het document telt {args['total_pages']} pagina's, waarvan we alleen de eerste "
            f"{args['max_pages']} hebben gelezen; stuur bij voorkeur een beknopter document."
        )
    if code == "too-large":
        return "Het bestand is te groot om te verwerken; stuur het opnieuw als kleinere PDF of in delen."
    if code == "empty":
        return "Het bestand bevat geen tekst; controleer of u het juiste bestand hebt bijgevoegd en stuur het opnieuw."
    if code == "archive":
        return "Dit is een ZIP-archief; de bestanden erin worden apart uitgepakt en gelezen."
    raise ValueError(f"unknown problem code {code!r}")


def clean_page_text(text: str) -> str:
    """Normalise line ends and drop NULs and trailing whitespace so page texts compare cleanly."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n")


def build_extraction(
    detected: str,
    mislabelled: bool,
    result: FormatResult,
    notes: list[str],
    *,
    filename: str = "",
) -> Extraction:
    """Assemble the public result: readable, the single most important problem and its message."""
    pages = result.pages
    readable = any(page.strip() for page in pages)
    problem = result.problem
    if problem is None and not readable:
        problem = "empty"
    if problem is None and mislabelled and not is_harmless_mislabel(detected, filename):
        problem = "mislabelled-type"
    return Extraction(
        detected_type=detected,
        mislabelled=mislabelled,
        readable=readable,
        problem=problem,
        problem_message=problem_message(problem, detected, **result.message_args) if problem else None,
        pages=pages,
        chars=sum(len(page) for page in pages),
        ocr=result.ocr,
        method=result.method,
        notes=[*notes, *result.notes],
    )
