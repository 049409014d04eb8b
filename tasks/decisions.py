"""Decisions: the coordinator records an outcome and a motivation per application, then applies them together.

Recording (an xlsx/csv import or the Prefect UI form) only writes pending Decision rows; nothing is mailed.
Applying renders one decision mail per application (a Dutch template per outcome, with the rebuttal
instructions) and queues it in the outbox, where it waits for approval unless config lets it go. The outbox
keeps at most one live decision mail per application: a changed decision replaces the unsent draft, and
after sending it becomes an explicit correction. The rebuttal deadline a decision mail states depends on
when it is sent, so the mail is rendered again at send time (render_at_send, called by the outbox).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Literal

import openpyxl
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from callflow.workspace import Workspace
from tasks.outbox import (
    MailError,
    MailSpec,
    OutgoingMail,
    approve,
    build_eml,
    live_mails,
    queue_correction,
    queue_mail,
    replace_draft,
    withdraw_unsent,
)
from tasks.registry import Application, Decision, Mail, Registry
from tasks.render import render_blocks

Outcome = Literal["approved", "rejected", "conditional"]
OUTCOMES: tuple[Outcome, ...] = ("approved", "rejected", "conditional")
OUTCOME_LABELS: dict[str, str] = {
    "approved": "goedgekeurd",
    "rejected": "afgewezen",
    "conditional": "goedgekeurd onder voorwaarden",
}
COLUMNS = ("reference", "outcome", "motivation")
MAX_MOTIVATION_CHARS = 20_000


def _plain(value: str) -> str:
    """Lower case, no accents, single spaces: how labels and headers are compared."""
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[\s_]+", " ", text).strip()


_OUTCOME_ALIASES: dict[str, Outcome] = {
    **{outcome: outcome for outcome in OUTCOMES},
    "goedgekeurd": "approved",
    "goedkeuring": "approved",
    "approve": "approved",
    "afgewezen": "rejected",
    "afwijzing": "rejected",
    "niet goedgekeurd": "rejected",
    "reject": "rejected",
    "goedgekeurd onder voorwaarden": "conditional",
    "goedkeuring onder voorwaarden": "conditional",
    "onder voorwaarden": "conditional",
    "voorwaardelijk goedgekeurd": "conditional",
    "voorwaardelijk": "conditional",
    "approved with conditions": "conditional",
}
_HEADER_ALIASES = {
    "reference": "reference",
    "referentie": "reference",
    "outcome": "outcome",
    "beslissing": "outcome",
    "motivation": "motivation",
    "motivering": "motivation",
}


def parse_outcome(value: str) -> Outcome | None:
    """'approved', 'Goedgekeurd onder voorwaarden', ' afgewezen ' → the outcome; anything else → None."""
    return _OUTCOME_ALIASES.get(_plain(value))


def window_closes(ws: Workspace, reference: str, sent_at: datetime) -> datetime:
    """The rebuttal window of a decision mail sent at `sent_at`, with the application's extension."""
    return ws.timeline.rebuttal_closes(sent_at, ws.call.decisions.rebuttal_extensions.get(reference, 0))


# --- reading and validating a decisions file ---------------------------------------------------


class DecisionFileError(ValueError):
    """The file as a whole cannot be read (format, missing column); the message names file and fix."""


class DecisionRecord(BaseModel):
    """One decision as it enters the registry, from a file row or the Prefect UI form."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    reference: str
    outcome: Outcome
    motivation: str


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    nl: str
    en: str

    def __str__(self) -> str:
        return f"rij {self.row}, kolom {self.column}: {self.nl} (row {self.row}, column {self.column}: {self.en})"


@dataclass
class Validated:
    records: list[DecisionRecord] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)  # references listed without an outcome yet


Rows = list[tuple[int, dict[str, str]]]  # (row number as the coordinator sees it, column → text)


def read_table(path: Path) -> Rows:
    """The rows of an xlsx or csv decisions file, numbered as a spreadsheet shows them (header = 1)."""
    if not path.is_file():
        raise DecisionFileError(f"{path}: file not found")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return _read_csv(path)
    raise DecisionFileError(f"{path}: use an .xlsx file (callflow decisions template) or a .csv file")


def _header_map(path: Path, header: Sequence[object]) -> dict[int, str]:
    columns = {index: _HEADER_ALIASES.get(_plain(str(name or ""))) for index, name in enumerate(header)}
    found = {column: index for index, column in columns.items() if column}
    missing = [column for column in COLUMNS if column not in found]
    if missing:
        raise DecisionFileError(
            f"{path}: de kopregel mist de kolom(men) {', '.join(missing)}; verwacht: {','.join(COLUMNS)} "
            f"(the header lacks {', '.join(missing)})"
        )
    return {index: column for index, column in columns.items() if column}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_xlsx(path: Path) -> Rows:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a damaged file
        raise DecisionFileError(f"{path}: not a readable xlsx file ({type(exc).__name__})") from exc
    try:
        sheet = workbook["beslissingen"] if "beslissingen" in workbook.sheetnames else workbook.worksheets[0]
        lines = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    if not lines:
        raise DecisionFileError(f"{path}: the sheet is empty")
    header = _header_map(path, lines[0])
    return [
        (number, {column: _cell(line[index] if index < len(line) else None) for index, column in header.items()})
        for number, line in enumerate(lines[1:], start=2)
    ]


def _decode(data: bytes) -> str:
    # Excel on Windows saves "CSV (comma delimited)" in cp1252; everything else here is UTF-8.
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(path: Path) -> Rows:
    text = _decode(path.read_bytes())
    first_line = text.splitlines()[0] if text.strip() else ""
    # Belgian Excel writes ';' as the separator; a header line decides which one this file uses.
    delimiter = max((",", ";", "\t"), key=first_line.count)
    lines = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not lines:
        raise DecisionFileError(f"{path}: the file is empty; expected the header {','.join(COLUMNS)}")
    header = _header_map(path, lines[0])
    return [
        (number, {column: _cell(line[index] if index < len(line) else None) for index, column in header.items()})
        for number, line in enumerate(lines[1:], start=2)
    ]


def validate_rows(rows: Rows, known_references: Iterable[str]) -> Validated:
    """Every problem of every row, each naming row and column; a row with a problem yields no record."""
    known = set(known_references)
    result = Validated()
    seen: dict[str, int] = {}
    for number, values in rows:
        reference = values.get("reference", "").strip().upper()
        raw_outcome = values.get("outcome", "").strip()
        motivation = values.get("motivation", "").strip()
        if not (reference or raw_outcome or motivation):
            continue  # an empty line
        errors = _row_errors(number, reference, raw_outcome, motivation, known, seen)
        if reference and reference not in seen:
            seen[reference] = number
        result.errors.extend(errors)
        if errors:
            continue
        outcome = parse_outcome(raw_outcome) if raw_outcome else None
        if outcome is None:
            result.undecided.append(reference)
        else:
            result.records.append(DecisionRecord(reference=reference, outcome=outcome, motivation=motivation))
    return result


def _row_errors(number: int, reference: str, raw_outcome: str, motivation: str, known: set[str],
                seen: dict[str, int]) -> list[RowError]:
    errors: list[RowError] = []
    if not reference:
        errors.append(RowError(number, "reference", "de referentie ontbreekt", "the reference is missing"))
    elif reference not in known:
        errors.append(RowError(number, "reference", f"onbekende referentie {reference}; zie callflow decisions list",
                               f"unknown reference {reference}"))
    elif reference in seen:
        errors.append(RowError(number, "reference", f"{reference} staat ook al op rij {seen[reference]}",
                               f"{reference} is also on row {seen[reference]}"))
    if raw_outcome and parse_outcome(raw_outcome) is None:
        errors.append(RowError(
            number, "outcome",
            f"'{raw_outcome}' is geen beslissing; kies goedgekeurd, afgewezen of goedgekeurd onder voorwaarden "
            "(of approved, rejected, conditional)",
            f"'{raw_outcome}' is not an outcome; use approved, rejected or conditional"))
    if not raw_outcome and motivation:
        errors.append(RowError(number, "outcome", "de beslissing ontbreekt, maar er staat wel een motivering",
                               "the outcome is missing while a motivation is given"))
    if raw_outcome and not motivation:
        errors.append(RowError(number, "motivation", "de motivering ontbreekt; elke beslissing heeft er een nodig",
                               "the motivation is missing; every decision needs one"))
    if len(motivation) > MAX_MOTIVATION_CHARS:
        errors.append(RowError(number, "motivation", f"de motivering is langer dan {MAX_MOTIVATION_CHARS} tekens",
                               f"the motivation is longer than {MAX_MOTIVATION_CHARS} characters"))
    return errors


# --- recording ---------------------------------------------------------------------------------


@dataclass
class RecordReport:
    new: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)  # a pending change undone: back to the applied one


def latest_decision(session: Session, reference: str, status: str | None = None) -> Decision | None:
    query = select(Decision).where(Decision.application == reference)
    if status is not None:
        query = query.where(Decision.status == status)
    return session.scalar(query.order_by(Decision.version.desc()).limit(1))


def _same(decision: Decision, record: DecisionRecord) -> bool:
    return (decision.outcome, decision.motivation) == (record.outcome, record.motivation)


def record_decisions(session: Session, records: Sequence[DecisionRecord], now: datetime, source: str) -> RecordReport:
    """Write pending decisions. Re-recording the same decision changes nothing; a change to a pending one
    edits it in place (no mail exists yet); a change to an applied one becomes a new pending version."""
    report = RecordReport()
    for record in records:
        latest = latest_decision(session, record.reference)
        if latest is None:
            session.add(_pending(record, 1, now, source))
            report.new.append(record.reference)
        elif latest.status == "pending":
            applied = latest_decision(session, record.reference, "applied")
            if applied is not None and _same(applied, record):
                session.delete(latest)
                report.withdrawn.append(record.reference)
            elif _same(latest, record):
                report.unchanged.append(record.reference)
            else:
                latest.outcome, latest.motivation = record.outcome, record.motivation
                latest.source, latest.recorded_at = source, now
                report.changed.append(record.reference)
        elif _same(latest, record):
            report.unchanged.append(record.reference)
        else:
            session.add(_pending(record, latest.version + 1, now, source))
            report.changed.append(record.reference)
    session.flush()
    return report


def _pending(record: DecisionRecord, version: int, now: datetime, source: str) -> Decision:
    return Decision(application=record.reference, version=version, outcome=record.outcome,
                    motivation=record.motivation, status="pending", source=source[:300], recorded_at=now)


def import_file(ws: Workspace, session: Session, path: Path, now: datetime) -> tuple[Validated, RecordReport | None]:
    """Read, validate, and record only when every row is valid: a half-imported file helps nobody."""
    known = set(session.scalars(select(Application.reference)))
    validated = validate_rows(read_table(path), known)
    if validated.errors:
        return validated, None
    return validated, record_decisions(session, validated.records, now, f"import:{path.name}")


def missing_decisions(session: Session) -> list[Application]:
    """Applications without any recorded decision (pending or applied)."""
    decided = select(Decision.application)
    return list(
        session.scalars(select(Application).where(Application.reference.not_in(decided)).order_by(Application.number))
    )


def pending_references(session: Session) -> list[str]:
    return list(session.scalars(
        select(Decision.application).where(Decision.status == "pending").order_by(Decision.application)))


# --- the template for the coordinator ----------------------------------------------------------

_TEMPLATE_HEADER = ("reference", "organisation", "title", "outcome", "motivation", "status")
_INSTRUCTIONS = (
    "Beslissingen invullen",
    "",
    "1. Vul op het blad 'beslissingen' per kandidatuur de kolom outcome in: goedgekeurd, afgewezen of "
    "goedgekeurd onder voorwaarden (approved, rejected en conditional mogen ook).",
    "2. Vul in de kolom motivation de motivering van de jury in; bij 'goedgekeurd onder voorwaarden' ook de "
    "voorwaarden. Die tekst komt letterlijk in de beslissingsmail.",
    "3. Laat outcome en motivation leeg voor een kandidatuur waarover nog niet beslist is.",
    "4. Verander de kolom reference niet. De kolommen organisation, title en status zijn enkel ter informatie.",
    "5. Lees het bestand in met: callflow decisions import BESTAND. Fouten worden per rij en kolom gemeld; "
    "dan wordt niets ingelezen.",
    "6. Pas de beslissingen toe met: callflow decisions apply. De beslissingsmails wachten daarna op uw "
    "goedkeuring (callflow outbox list, callflow outbox approve --kind decision, callflow outbox send).",
)


def template_xlsx(session: Session) -> bytes:
    """Every application, with its current decision filled in, for the coordinator to complete."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "beslissingen"
    sheet.append(_TEMPLATE_HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for application in session.scalars(select(Application).order_by(Application.number)):
        decision = latest_decision(session, application.reference)
        current = application.current_message
        sheet.append((
            application.reference,
            application.organisation or "",
            (current.title if current else None) or "",
            OUTCOME_LABELS[decision.outcome] if decision else "",
            decision.motivation if decision else "",
            _status_label(decision),
        ))
    choices = DataValidation(type="list", formula1='"goedgekeurd,afgewezen,goedgekeurd onder voorwaarden"',
                             allow_blank=True, showErrorMessage=False)
    sheet.add_data_validation(choices)
    choices.add(f"D2:D{max(sheet.max_row, 2) + 200}")
    for letter, width in zip("ABCDEF", (16, 32, 40, 30, 80, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    help_sheet = workbook.create_sheet("uitleg")
    for line in _INSTRUCTIONS:
        help_sheet.append((line,))
    help_sheet.column_dimensions["A"].width = 140
    help_sheet["A1"].font = Font(bold=True, size=13)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _status_label(decision: Decision | None) -> str:
    if decision is None:
        return "nog niet beslist"
    return "nog toe te passen" if decision.status == "pending" else f"toegepast (versie {decision.version})"


# --- applying: one decision mail per application -------------------------------------------------


@dataclass
class ApplyReport:
    queued: list[str] = field(default_factory=list)  # mail keys of new decision mails
    corrections: list[str] = field(default_factory=list)  # keys of corrections after a sent decision
    superseded: list[str] = field(default_factory=list)  # keys of drafts a new version replaced
    approved: list[str] = field(default_factory=list)  # keys approved at once (decisions.auto_send)
    blocked: dict[str, str] = field(default_factory=dict)  # reference → why it could not be applied
    missing: list[str] = field(default_factory=list)  # references still without a decision


def auto_send(ws: Workspace) -> bool:
    return ws.call.decisions.auto_send or "decision" in ws.call.mail.auto_send


def apply_decisions(ws: Workspace, registry: Registry, now: datetime) -> ApplyReport:
    """Apply every pending decision, one transaction each, so one blocked application stops nobody else."""
    report = ApplyReport()
    with registry.session() as session:
        ids = list(session.scalars(
            select(Decision.id).where(Decision.status == "pending").order_by(Decision.application)))
    for decision_id in ids:
        with registry.session() as session:
            decision = session.get(Decision, decision_id)
            if decision is not None and decision.status == "pending":
                _apply_one(ws, session, decision, now, report)
    with registry.session() as session:
        report.missing = [application.reference for application in missing_decisions(session)]
    return report


def _apply_one(ws: Workspace, session: Session, decision: Decision, now: datetime, report: ApplyReport) -> None:
    reference = decision.application
    application = session.scalar(select(Application).where(Application.reference == reference))
    if application is None:
        report.blocked[reference] = "the application is not in the registry"
        return
    earlier = live_mails(session, "decision", reference)
    was_sent = any(row.status == "sent" for row in earlier)
    if was_sent and _applicant_has(session, decision, earlier):
        _settle_without_mail(ws, session, decision, earlier, now, report)
        return
    spec = decision_mail_spec(ws, session, decision, application, now)
    try:
        if was_sent:
            mail = queue_correction(session, ws.outbox, spec, ws.call.mail, now)
        else:
            mail = replace_draft(session, ws.outbox, spec, ws.call.mail, now)
    except MailError as exc:
        report.blocked[reference] = str(exc)
        return
    report.superseded.extend(row.key for row in earlier if row.status == "superseded")
    (report.corrections if was_sent else report.queued).append(mail.key)
    for previous in session.scalars(
        select(Decision).where(Decision.application == reference, Decision.status == "applied")
    ):
        previous.status = "replaced"
    decision.status, decision.applied_at, decision.mail_key = "applied", now, mail.key
    if auto_send(ws) and mail.status == "draft":
        report.approved.extend(row.key for row in approve(session, now, keys=[mail.key]))


def _applicant_has(session: Session, decision: Decision, mails: list[Mail]) -> bool:
    """Whether the last decision mail that went out already says exactly this."""
    last = max((row for row in mails if row.status == "sent"), key=lambda row: row.sent_at or row.created_at)
    told = session.scalar(select(Decision).where(Decision.mail_key == last.key).order_by(Decision.version).limit(1))
    return told is not None and (told.outcome, told.motivation) == (decision.outcome, decision.motivation)


def _settle_without_mail(ws: Workspace, session: Session, decision: Decision, mails: list[Mail], now: datetime,
                         report: ApplyReport) -> None:
    """A change undone before its correction went out: withdraw the unsent correction, mail nothing."""
    try:
        withdrawn = withdraw_unsent(session, ws.outbox, "decision", decision.application)
    except MailError as exc:
        report.blocked[decision.application] = str(exc)
        return
    report.superseded.extend(row.key for row in withdrawn)
    last = max((row for row in mails if row.status == "sent"), key=lambda row: row.sent_at or row.created_at)
    for previous in session.scalars(
        select(Decision).where(Decision.application == decision.application, Decision.status == "applied")
    ):
        previous.status = "replaced"
    decision.status, decision.applied_at, decision.mail_key = "applied", now, last.key


def _reply_address(application: Application) -> str:
    current = application.current_message
    if current is not None:
        return (current.facts or {}).get("reply_to") or current.sender or application.sender
    return application.sender


def decision_mail_spec(ws: Workspace, session: Session, decision: Decision, application: Application,
                       send_at: datetime) -> MailSpec:
    """The decision mail as it reads when sent at `send_at` (the rebuttal deadline follows from that)."""
    key = f"decision:{decision.application}:v{decision.version}"
    sent_before = [row for row in live_mails(session, "decision", decision.application)
                   if row.status == "sent" and row.key != key and row.sent_at is not None]
    current = application.current_message
    blocks = render_blocks(
        f"mails/decision-{decision.outcome}.txt.j2",
        call=ws.call.call,
        reference=decision.application,
        organisation=application.organisation,
        title=current.title if current else None,
        motivation=decision.motivation,
        closes_at=window_closes(ws, decision.application, send_at),
        correction=bool(sent_before),
        previous_sent_at=max((row.sent_at for row in sent_before), default=None),
    )
    return MailSpec(
        key=key,
        kind="decision",
        to=_reply_address(application),
        subject=blocks["subject"],
        body=blocks["body"],
        application=decision.application,
        related_message_id=current.id if current else None,
        in_reply_to=current.message_id if current else None,
    )


def render_at_send(ws: Workspace, registry: Registry, mail: OutgoingMail, eml: bytes, send_at: datetime) -> bytes:
    """The outbox's send-time hook for decision mails: the same key and Message-ID, the deadline of now."""
    with registry.session() as session:
        decision = session.scalar(
            select(Decision).where(Decision.mail_key == mail.key).order_by(Decision.version).limit(1))
        application = session.scalar(select(Application).where(Application.reference == mail.application))
        if decision is None or application is None:
            return eml  # not made by apply_decisions: send it as it was approved
        spec = decision_mail_spec(ws, session, decision, application, send_at)
    return build_eml(replace(spec, to=mail.to_addr), ws.call.mail, mail.message_id, send_at)


# --- the warning before decision_by --------------------------------------------------------------


def warning_due_at(ws: Workspace) -> datetime:
    """When the coordinator should be warned: the timeline's decision-warning milestone if it has one,
    otherwise decision_by minus decisions.warning_days_before, at 09:00."""
    for milestone in ws.timeline.milestones:
        if milestone.flow == "decision-warning":
            return milestone.at
    day = (ws.timeline.decision_by - timedelta(days=ws.call.decisions.warning_days_before)).date()
    return datetime.combine(day, time(9, 0), tzinfo=ws.timeline.tz)


def queue_warning(ws: Workspace, session: Session, now: datetime) -> Mail | None:
    """One warning mail to the coordinator per local day while decisions are missing (none otherwise).

    It goes out without approval: the coordinator is both its reader and the one who would approve it."""
    missing = missing_decisions(session)
    if not missing:
        return None
    local = now.astimezone(ws.timeline.tz)
    blocks = render_blocks(
        "mails/decision-warning.txt.j2",
        call=ws.call.call,
        decision_by=ws.timeline.decision_by,
        days_left=max((ws.timeline.decision_by - now).days, 0),
        missing=[{"reference": a.reference, "organisation": a.organisation,
                  "title": a.current_message.title if a.current_message else None} for a in missing],
        pending=pending_references(session),
    )
    mail = queue_mail(
        session, ws.outbox,
        MailSpec(key=f"decision-warning:{local.date().isoformat()}", kind="decision-warning",
                 to=ws.call.call.coordinator_email, subject=blocks["subject"], body=blocks["body"]),
        ws.call.mail, now,
    )
    approve(session, now, keys=[mail.key])
    return mail
