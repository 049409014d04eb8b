"""Rebuttals ('weerwoord'): the window after each decision mail, the intake hook, and the jury packets.

A window opens when an application's decision mail is sent (the latest one, if a correction followed) and
closes `rebuttal_days_after_decision` days later at 23:59 in the call's time zone, plus any per-application
extension from config. Intake recognises a rebuttal (tasks/intake.py) and calls handle_rebuttal, which
decides on time or late against that window and queues a receipt or a late notice. When a window has
closed, close_windows builds the jury packet (PDF: the decision, its motivation, the rebuttal text and its
documents) and an overview of who answered in time.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from callflow.workspace import TEMPLATES_DIR, Workspace
from tasks.decisions import OUTCOME_LABELS, window_closes
from tasks.outbox import MailSpec, OutgoingAttachment, live_mails, queue_mail
from tasks.registry import Application, Decision, Mail, Message, RebuttalPacket, Registry
from tasks.render import dutch_datetime, render, render_blocks
from tasks.storage import safe_filename, write_atomic

logger = logging.getLogger(__name__)

PACKET_FOLDER = "weerwoord"  # under the workspace's packets/
LATE_MESSAGE = "Het weerwoord kwam binnen na het einde van de termijn ({closes}) en kan niet meer meegenomen worden."
MAX_DOCUMENT_CHARS = 200_000  # extracted text shown per non-PDF document; the original stays in the archive


@dataclass(frozen=True)
class Window:
    application: str
    decision_key: str
    opened_at: datetime
    closes_at: datetime
    extension_days: int


def _last_sent_decision(session: Session, reference: str) -> Mail | None:
    sent = [row for row in live_mails(session, "decision", reference) if row.status == "sent" and row.sent_at]
    return max(sent, key=lambda row: row.sent_at, default=None)


def window_for(ws: Workspace, session: Session, reference: str) -> Window | None:
    """None while no decision mail was sent; a correction that was sent opens a new window from its send."""
    mail = _last_sent_decision(session, reference)
    if mail is None or mail.sent_at is None:
        return None
    return Window(
        application=reference,
        decision_key=mail.key,
        opened_at=mail.sent_at,
        closes_at=window_closes(ws, reference, mail.sent_at),
        extension_days=ws.call.decisions.rebuttal_extensions.get(reference, 0),
    )


# --- the intake hook -----------------------------------------------------------------------------


class IntakeReport(Protocol):
    """What handle_rebuttal adds to intake's ConcludeReport."""

    late: list[str]
    mails: list[str]


def handle_rebuttal(ws: Workspace, session: Session, row: Message, now: datetime, report: IntakeReport) -> None:
    """Record a rebuttal intake matched to `row.rebuttal_of`: on time against its window or flagged late,
    answered with a receipt (sent automatically) or a late notice (waits for approval)."""
    reference = row.rebuttal_of
    window = window_for(ws, session, reference) if reference else None
    if reference is None or window is None:
        return  # intake only calls this for a sent decision; nothing to measure against otherwise
    received = row.received_at or now  # no receipt time at all: it was in the mailbox by now at the latest
    row.on_time = received <= window.closes_at
    application = session.scalar(select(Application).where(Application.reference == reference))
    if not row.on_time:
        _flag_late(ws, row, window)
        report.late.append(row.file)
    address = (row.facts or {}).get("reply_to") or row.sender
    if not address:
        return
    kind = "rebuttal-receipt" if row.on_time else "rebuttal-late-notice"
    blocks = render_blocks(
        f"mails/{kind}.txt.j2",
        call=ws.call.call,
        reference=reference,
        organisation=application.organisation if application else None,
        received_at=received,
        closes_at=window.closes_at,
        attachments=[{"filename": a.filename, "pages": a.pages, "problem": a.problem,
                      "problem_message": a.problem_message} for a in row.attachments if a.origin != "body"],
    )
    mail = queue_mail(
        session, ws.outbox,
        MailSpec(key=f"{kind}:{reference}:{row.sha256[:16]}", kind=kind, to=address, subject=blocks["subject"],
                 body=blocks["body"], application=reference, related_message_id=row.id, in_reply_to=row.message_id),
        ws.call.mail, now,
    )
    report.mails.append(mail.key)


def _flag_late(ws: Workspace, row: Message, window: Window) -> None:
    if "late" in (row.problems or []):
        return
    row.problems = [*(row.problems or []), "late"]
    row.problem_messages = [
        *(row.problem_messages or []),
        LATE_MESSAGE.format(closes=dutch_datetime(window.closes_at, ws.call.call.timezone)),
    ]


# --- overview ------------------------------------------------------------------------------------


def _rebuttals(session: Session, reference: str) -> list[Message]:
    return list(session.scalars(
        select(Message)
        .options(selectinload(Message.attachments))
        .where(Message.kind == "rebuttal", Message.rebuttal_of == reference, Message.status == "processed")
        .order_by(Message.received_at, Message.id)
    ))


def _on_time(message: Message, window: Window) -> bool:
    # Measured again with today's config, so an extension granted afterwards counts.
    return message.received_at is not None and message.received_at <= window.closes_at


def overview_rows(ws: Workspace, session: Session, now: datetime) -> list[dict[str, Any]]:
    """Per application: its decision, the decision mail, the window, and who answered in time."""
    rows = []
    for application in session.scalars(select(Application).order_by(Application.number)):
        reference = application.reference
        decision = session.scalar(select(Decision).where(Decision.application == reference)
                                  .order_by(Decision.version.desc()).limit(1))
        window = window_for(ws, session, reference)
        rebuttals = _rebuttals(session, reference) if window else []
        on_time = [m.file for m in rebuttals if window and _on_time(m, window)]
        late = [m.file for m in rebuttals if m.file not in on_time]
        packet = _latest_packet(session, reference)
        mail = (live_mails(session, "decision", reference) or [None])[-1]
        rows.append({
            "reference": reference,
            "organisation": application.organisation,
            "outcome": decision.outcome if decision else None,
            "outcome_label": OUTCOME_LABELS[decision.outcome] if decision else None,
            "decision_status": decision.status if decision else None,
            "decision_version": decision.version if decision else None,
            "mail_key": mail.key if mail else None,
            "mail_status": mail.status if mail else None,
            "sent_at": window.opened_at if window else None,
            "closes_at": window.closes_at if window else None,
            "window_open": bool(window and now <= window.closes_at),
            "on_time": on_time,
            "late": late,
            "answer_label": _answer_label(window, now, on_time, late),
            "packet": packet.file if packet else None,
        })
    return rows


def _answer_label(window: Window | None, now: datetime, on_time: list[str], late: list[str]) -> str:
    if window is None:
        return "beslissing nog niet verstuurd"
    parts = [f"weerwoord binnen de termijn ({len(on_time)})" if on_time else "geen weerwoord binnen de termijn"]
    if late:
        parts.append(f"laattijdig ({len(late)})")
    if now <= window.closes_at:
        parts.append("termijn loopt nog")
    return ", ".join(parts)


def _latest_packet(session: Session, reference: str) -> RebuttalPacket | None:
    return session.scalar(select(RebuttalPacket).where(RebuttalPacket.application == reference)
                          .order_by(RebuttalPacket.version.desc()).limit(1))


# --- packets for the jury ------------------------------------------------------------------------


@dataclass
class CheckReport:
    closed: list[str] = field(default_factory=list)  # references whose window has closed by now
    packets: list[str] = field(default_factory=list)  # packet files built in this run (under packets/)
    unanswered: list[str] = field(default_factory=list)  # closed windows without an on-time rebuttal
    mails: list[str] = field(default_factory=list)
    overview: str | None = None


def close_windows(ws: Workspace, registry: Registry, now: datetime) -> CheckReport:
    """Build a packet for every closed window with on-time rebuttals that has none yet, or whose packet
    misses a rebuttal that arrived in time (rebuilt as a new version). A re-run builds and sends nothing."""
    report = CheckReport()
    with registry.session() as session:
        references = list(session.scalars(select(Application.reference).order_by(Application.number)))
    for reference in references:
        with registry.session() as session:
            window = window_for(ws, session, reference)
            if window is None or now <= window.closes_at:
                continue
            report.closed.append(reference)
            rebuttals = _rebuttals(session, reference)
            on_time = [m for m in rebuttals if _on_time(m, window)]
            if not on_time:
                report.unanswered.append(reference)
                continue
            latest = _latest_packet(session, reference)
            if latest is not None and latest.messages == [m.file for m in on_time]:
                continue
            packet = _build_packet(ws, session, reference, window, on_time,
                                   [m.file for m in rebuttals if m not in on_time], now,
                                   (latest.version + 1) if latest else 1)
            report.packets.append(packet.file)
            report.mails.extend(_queue_jury_mails(ws, session, packet, window, now))
    if report.packets:
        report.overview, mail_key = _overview(ws, registry, now, report)
        report.mails.append(mail_key)
    return report


def _packet_documents(ws: Workspace, message: Message) -> tuple[list[dict[str, Any]], list[tuple[str, bytes]]]:
    """Each document of a rebuttal: original PDFs are appended to the packet, other text is shown inline."""
    from tasks.intake import cached_extraction  # intake imports this module for its hook

    documents: list[dict[str, Any]] = []
    originals: list[tuple[str, bytes]] = []
    for attachment in message.attachments:
        if attachment.origin == "body":
            continue
        extraction = cached_extraction(ws, attachment.sha256) if attachment.problem is None else None
        appended = False
        if extraction is not None and extraction.readable and extraction.detected_type == "pdf":
            data = (ws.archive / attachment.stored_as).read_bytes()
            if _pdf_pages(data):
                originals.append((attachment.filename, data))
                appended = True
        text = "\n\n".join(extraction.pages) if extraction is not None and extraction.readable else ""
        documents.append({
            "filename": attachment.filename,
            "pages": attachment.pages,
            "appended": appended,
            "text": text[:MAX_DOCUMENT_CHARS],
            "problem_message": attachment.problem_message,
        })
    return documents, originals


def _pdf_pages(data: bytes) -> int:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return 0 if reader.is_encrypted else len(reader.pages)
    except (PdfReadError, ValueError, OSError):
        return 0


def _build_packet(ws: Workspace, session: Session, reference: str, window: Window, on_time: list[Message],
                  late: list[str], now: datetime, version: int) -> RebuttalPacket:
    application = session.scalar(select(Application).where(Application.reference == reference))
    decision = session.scalar(select(Decision).where(Decision.mail_key == window.decision_key))
    rebuttals, originals = [], []
    for message in on_time:
        documents, pdfs = _packet_documents(ws, message)
        originals.extend(pdfs)
        rebuttals.append({"received_at": message.received_at, "sender": message.sender, "subject": message.subject,
                          "body": message.body_text, "documents": documents})
    html = render(
        "packets/rebuttal.html.j2",
        call=ws.call.call,
        reference=reference,
        organisation=application.organisation if application else None,
        title=application.current_message.title if application and application.current_message else None,
        outcome_label=OUTCOME_LABELS[decision.outcome] if decision else "onbekend",
        motivation=decision.motivation if decision else "",
        sent_at=window.opened_at,
        closes_at=window.closes_at,
        extension_days=window.extension_days,
        rebuttals=rebuttals,
        late=late,
        built_at=now,
        version=version,
    )
    relative = f"{PACKET_FOLDER}/{safe_filename(reference)}-weerwoord-v{version}.pdf"
    write_atomic(ws.packets / relative, _merge(html_to_pdf(html), originals))
    packet = RebuttalPacket(application=reference, version=version, built_at=now, closes_at=window.closes_at,
                            file=relative, messages=[m.file for m in on_time])
    session.add(packet)
    session.flush()
    return packet


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    # Applicant text is in this HTML: WeasyPrint must never load a URL or a local file it names.
    raise ValueError(f"external resources are not loaded in packets: {url[:80]}")


def html_to_pdf(html: str) -> bytes:
    from weasyprint import CSS, HTML

    stylesheet = CSS(filename=str(TEMPLATES_DIR / "packets" / "rebuttal.css"), url_fetcher=_refuse_fetch)
    return HTML(string=html, url_fetcher=_refuse_fetch, base_url=None).write_pdf(stylesheets=[stylesheet])


def _merge(cover: bytes, originals: list[tuple[str, bytes]]) -> bytes:
    """The rendered cover, then each original PDF document, with a bookmark per part."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(cover)), outline_item="Beslissing en weerwoord")
    for filename, data in originals:
        writer.append(PdfReader(io.BytesIO(data)), outline_item=filename)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _queue_jury_mails(ws: Workspace, session: Session, packet: RebuttalPacket, window: Window,
                      now: datetime) -> list[str]:
    """One mail per jury member per packet version; they wait for approval (kind rebuttal-packet)."""
    application = session.scalar(select(Application).where(Application.reference == packet.application))
    data = (ws.packets / packet.file).read_bytes()
    keys = []
    for address in ws.call.decisions.jury:
        blocks = render_blocks(
            "mails/rebuttal-packet.txt.j2", call=ws.call.call, reference=packet.application,
            organisation=application.organisation if application else None, version=packet.version,
            closes_at=window.closes_at,
        )
        mail = queue_mail(
            session, ws.outbox,
            MailSpec(key=f"rebuttal-packet:{packet.application}:v{packet.version}:{address.lower()}",
                     kind="rebuttal-packet", to=address, subject=blocks["subject"], body=blocks["body"],
                     application=packet.application,
                     attachments=[OutgoingAttachment(Path(packet.file).name, data)]),
            ws.call.mail, now,
        )
        keys.append(mail.key)
    return keys


def _overview(ws: Workspace, registry: Registry, now: datetime, report: CheckReport) -> tuple[str, str]:
    """The overview PDF (who answered in time) and one mail with it to the coordinator per new state."""
    with registry.session() as session:
        rows = overview_rows(ws, session, now)
        html = render("packets/rebuttal-overview.html.j2", call=ws.call.call, rows=rows, now=now)
        pdf = html_to_pdf(html)
        relative = f"{PACKET_FOLDER}/overzicht.pdf"
        write_atomic(ws.packets / relative, pdf)
        late = sorted({file for row in rows for file in row["late"]})
        blocks = render_blocks(
            "mails/rebuttal-overview.txt.j2", call=ws.call.call, now=now, rows=rows, closed=report.closed,
            packets=report.packets, jury=ws.call.decisions.jury, late=late,
        )
        # The key names the packets it announces, so the same state never yields a second mail.
        digest = hashlib.sha256("\n".join(sorted(report.packets)).encode()).hexdigest()[:16]
        mail = queue_mail(
            session, ws.outbox,
            MailSpec(key=f"coordinator-overview:rebuttals:{digest}", kind="coordinator-overview",
                     to=ws.call.call.coordinator_email, subject=blocks["subject"], body=blocks["body"],
                     attachments=[OutgoingAttachment("overzicht-weerwoord.pdf", pdf)]),
            ws.call.mail, now,
        )
        return relative, mail.key
