"""Reviewer packets: one PDF per reviewer with everything they need, rendered from templates/packets/.

HTML from the one Jinja2 environment → PDF with WeasyPrint → the applicants' original PDFs appended with
pypdf, each with a bookmark. Applicant text ends up in HTML, so the templates escape it, and WeasyPrint gets
a URL fetcher that refuses every URL: a proposal cannot make the renderer read a local file or the network.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError, PyPdfError

from callflow.config import CallConfig, ReviewSettings, TimelineConfig
from callflow.workspace import TEMPLATES_DIR
from tasks.render import render

logger = logging.getLogger(__name__)

STYLESHEET = TEMPLATES_DIR / "packets" / "packet.css"
MAX_TEXT_CHARS = 60_000  # per document: the original is appended anyway, the text is for a quick read
COVERAGE_DIMENSIONS = (("challenges", "Regio-uitdagingen"), ("service_types", "Types dienstverlening"),
                       ("municipalities", "Gemeenten"))


class PacketError(Exception):
    """A packet could not be rendered; the message names the reviewer and the cause."""


# --- PDF plumbing ----------------------------------------------------------------------------------


def _no_fetching() -> Any:
    """A WeasyPrint URL fetcher that refuses every URL (file:, http:, data: alike); WeasyPrint then logs a
    warning and leaves the resource out instead of failing the packet."""
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"callflow packets load no external resources ({url[:60]})")

    return NoFetching()


def html_to_pdf(html: str) -> bytes:
    """Render HTML (from our templates) to PDF with the packet stylesheet; no URL is ever fetched."""
    from weasyprint import CSS, HTML

    fetcher = _no_fetching()
    stylesheet = CSS(string=STYLESHEET.read_text(encoding="utf-8"), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])


def usable_pdf(data: bytes) -> bool:
    """True when pypdf can read every page and copy the document into a packet: an unencrypted or
    empty-password PDF that is not damaged, nor nested so deeply (a chain of thousands of references) that
    copying it exhausts Python's recursion limit, which would otherwise stop the whole packet."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return False
        if len(reader.pages) == 0:
            return False
        PdfWriter().append(reader, import_outline=False)  # the copy append_pdfs makes, tried on its own
        return True
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        logger.info("original PDF not appendable: %s", exc)
        return False


def append_pdfs(base: bytes, documents: Sequence[tuple[str, bytes]]) -> bytes:
    """The base PDF followed by each document, with a bookmark per document."""
    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(base)))
    for title, data in documents:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        writer.append(reader, outline_item=title, import_outline=False)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- what the packet shows -------------------------------------------------------------------------


@dataclass(frozen=True)
class CoverageRow:
    id: str
    label: str
    found: bool
    evidence: list[dict[str, Any]]


@dataclass(frozen=True)
class CoverageTable:
    title: str
    rows: list[CoverageRow]

    @property
    def found(self) -> int:
        return sum(row.found for row in self.rows)


@dataclass(frozen=True)
class DocumentView:
    filename: str
    detected_type: str | None
    pages: int | None
    problem_message: str | None
    text: str
    shortened: bool
    appended: bool  # the original PDF is at the back of the packet


@dataclass
class PacketApplication:
    reference: str
    organisation: str
    title: str
    received_at: datetime | None
    version: int | None
    analysed: bool
    complete: bool | None
    incomplete_reasons: list[str]
    coverage: list[CoverageTable]
    missing_sections: list[dict[str, str]]  # label, looked_for
    exclusions: list[dict[str, Any]]  # label, evidence
    documents: list[DocumentView]
    originals: list[tuple[str, bytes]] = field(default_factory=list)  # (bookmark, PDF bytes)

    @property
    def problems(self) -> list[DocumentView]:
        return [document for document in self.documents if document.problem_message]


def _challenge_label(challenge_id: str, call: CallConfig) -> str:
    match = re.fullmatch(r"uitdaging-(\d+)", challenge_id)
    label = f"Regio-uitdaging {match.group(1)}" if match else challenge_id
    personas = [call.personas[p].name for p in call.challenges[challenge_id].personas if p in call.personas]
    return f"{label} ({', '.join(personas)})" if personas else label


def _labels(dimension: str, call: CallConfig) -> dict[str, str]:
    """ID → label for one coverage dimension (short: the reviewer knows the call, and long cells are slow
    to lay out)."""
    if dimension == "challenges":
        return {cid: _challenge_label(cid, call) for cid in call.challenges}
    if dimension == "service_types":
        return {sid: sid.replace("-", " ").capitalize() for sid in call.service_types}
    return {mid: m.name for mid, m in call.municipalities.items()}


def _findings(analysis: Mapping[str, Any], key: str) -> dict[str, list[dict[str, Any]]]:
    return {item["id"]: list(item.get("evidence") or []) for item in analysis.get(key) or [] if "id" in item}


def coverage_tables(analysis: Mapping[str, Any] | None, call: CallConfig) -> list[CoverageTable]:
    """Per dimension every ID of the call, found or not, with the evidence (document, page, quote)."""
    if not analysis:
        return []
    tables = []
    for dimension, title in COVERAGE_DIMENSIONS:
        found = _findings(analysis, dimension)
        rows = [
            CoverageRow(identifier, label, identifier in found, found.get(identifier, []))
            for identifier, label in _labels(dimension, call).items()
        ]
        tables.append(CoverageTable(title, rows))
    return tables


def missing_sections(analysis: Mapping[str, Any] | None, call: CallConfig) -> list[dict[str, str]]:
    return [
        {"label": call.required_sections.get(item.get("id", ""), item.get("id", "")),
         "looked_for": item.get("looked_for", "")}
        for item in (analysis or {}).get("missing_sections") or []
    ]


def exclusions(analysis: Mapping[str, Any] | None, call: CallConfig) -> list[dict[str, Any]]:
    return [
        {"label": call.exclusions.get(item.get("id", ""), item.get("id", "")), "evidence": item.get("evidence") or []}
        for item in (analysis or {}).get("exclusions") or []
    ]


def document_view(filename: str, detected_type: str | None, pages: Sequence[str] | None, page_count: int | None,
                  problem_message: str | None, appended: bool) -> DocumentView:
    text = "\n\n".join(f"— pagina {number} —\n{page.strip()}" for number, page in enumerate(pages or [], start=1))
    shortened = len(text) > MAX_TEXT_CHARS
    return DocumentView(filename, detected_type, page_count, problem_message, text[:MAX_TEXT_CHARS], shortened,
                        appended)


# --- rendering -------------------------------------------------------------------------------------


def render_packet(
    reviewer_name: str,
    reviewer_email: str,
    applications: Sequence[PacketApplication],
    settings: ReviewSettings,
    call: CallConfig,
    timeline: TimelineConfig,
    generated_at: datetime,
) -> bytes:
    """The reviewer's packet: cover page, overview, one section per application, originals appended."""
    html = render(
        "packets/reviewer-packet.html.j2",
        reviewer={"name": reviewer_name, "email": reviewer_email},
        applications=applications,
        settings=settings,
        call=call.call,
        timeline=timeline,
        review_deadline=timeline.review_deadline,
        generated_at=generated_at,
    )
    try:
        base = html_to_pdf(html)
        originals = [
            (f"{application.reference} – {title}", data)
            for application in applications
            for title, data in application.originals
        ]
        return append_pdfs(base, originals) if originals else base
    except (PyPdfError, ValueError, OSError) as exc:
        raise PacketError(f"packet for {reviewer_email} could not be rendered: {exc}") from exc

