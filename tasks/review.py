"""The written review and the pitch days as the flows run them: registry and config in, registry and outbox out.

Each step loads what it needs, calls the pure building blocks (assignment, packets, scoresheets, scores,
pitches) and records the outcome. Every mail is queued under an idempotency key that names what it is about
(the reviewer's assignment, the returned file, the slot version), so running a step again on the same inputs
writes and sends nothing new, and a changed input produces exactly the one new mail it calls for.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from callflow.config import ConfigError, Reviewer, review_config_problems
from callflow.workspace import Workspace
from tasks.assignment import (
    ApplicationInfo,
    AssignmentResult,
    ReviewerInfo,
    assign,
    assignment_digest,
)
from tasks.intake import BODY_DOCUMENT, ConcludeReport, cached_extraction
from tasks.mailbox import sender_domain
from tasks.outbox import MailSpec, OutgoingAttachment, queue_mail
from tasks.packets import (
    PacketApplication,
    coverage_tables,
    document_view,
    exclusions,
    html_to_pdf,
    missing_sections,
    render_packet,
    usable_pdf,
)
from tasks.pitches import (
    Invitation,
    ScheduleError,
    Slot,
    build_slots,
    event_uid,
    free_slot,
    invitation_ics,
    plan,
)
from tasks.registry import (
    Application,
    Mail,
    Message,
    PitchSlot,
    Registry,
    ReviewAssignment,
    ReviewScore,
    ScoreReturn,
)
from tasks.render import render, render_blocks
from tasks.scores import ApplicationFacts, Ranking, ScoreRecord, overview_xlsx, rank, ranking_rows
from tasks.scoresheets import SheetRow, make_scoresheet, read_scoresheet
from tasks.storage import write_atomic

logger = logging.getLogger(__name__)

UNSENT = ("draft", "approved")  # a newer version of such a mail replaces it before it ever leaves
OVERVIEW_FILE = "overzicht-beoordeling.xlsx"
SCHEDULE_FILE = "dagschema-pitches.pdf"


def check_config(ws: Workspace) -> None:
    """reviewers.yaml against call.yaml and timeline.yaml; a ConfigError names file, key and fix."""
    problems = review_config_problems(ws.reviewers, ws.call, ws.timeline)
    if problems:
        path = ws.config_dir / "reviewers.yaml"
        raise ConfigError(f"{path}: invalid configuration\n" + "\n".join(f"  {line}" for line in problems))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-") or "beoordelaar"


def _digest(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:12]


def _mail_exists(session: Session, key: str) -> bool:
    return session.scalar(select(Mail.id).where(Mail.key == key)) is not None


def _supersede(session: Session, kind: str, *, to: str | None = None, application: str | None = None) -> int:
    """Older, still unsent mails of this kind for this person or application: a newer version replaces them."""
    query = select(Mail).where(Mail.kind == kind, Mail.status.in_(UNSENT))
    if to is not None:
        query = query.where(Mail.to_addr == to)
    if application is not None:
        query = query.where(Mail.application == application)
    rows = list(session.scalars(query))
    for row in rows:
        row.status = "superseded"
    return len(rows)


def _sent_before(session: Session, kind: str, *, to: str | None = None, application: str | None = None) -> bool:
    """Whether an earlier mail of this kind reached this person or applicant: only then is a new one an update."""
    query = select(Mail.id).where(Mail.kind == kind, Mail.status == "sent")
    if to is not None:
        query = query.where(Mail.to_addr == to)
    if application is not None:
        query = query.where(Mail.application == application)
    return session.scalar(query.limit(1)) is not None


def _reply_address(message: Message | None, application: Application) -> str:
    if message is not None:
        return (message.facts or {}).get("reply_to") or message.sender or application.sender
    return application.sender


# --- who can be reviewed, by whom -------------------------------------------------------------------


@dataclass
class Candidates:
    eligible: list[ApplicationInfo] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # reference → why it is not reviewed
    unchecked: list[str] = field(default_factory=list)  # reviewed, but the analysis did not run


def review_candidates(session: Session) -> Candidates:
    """Complete, on-time applications (current version). One without analysis is reviewed rather than
    silently dropped, and listed as unchecked so the coordinator knows."""
    candidates = Candidates()
    applications = session.scalars(
        select(Application).options(selectinload(Application.current_message)).order_by(Application.number)
    )
    for application in applications:
        current = application.current_message
        if current is None:
            candidates.skipped[application.reference] = "geen ingediende versie"
            continue
        if current.on_time is False:
            candidates.skipped[application.reference] = "laattijdig"
            continue
        analysis = current.analysis or {}
        if analysis.get("complete") is False:
            candidates.skipped[application.reference] = "onvolledig"
            continue
        if not analysis:
            candidates.unchecked.append(application.reference)
        candidates.eligible.append(_application_info(session, application))
    return candidates


def _application_info(session: Session, application: Application) -> ApplicationInfo:
    versions = list(session.scalars(select(Message).where(Message.application_id == application.id)))
    domains = {application.sender_domain} | {sender_domain(m.sender) for m in versions}
    names = {m.organisation for m in versions}
    return ApplicationInfo(
        reference=application.reference,
        organisation=application.organisation,
        domains=tuple(sorted(d for d in domains if d)),
        organisations=tuple(sorted(n for n in names if n)),
    )


def reviewer_infos(reviewers: Sequence[Reviewer]) -> list[ReviewerInfo]:
    return [ReviewerInfo(r.email, r.name, r.organisation, r.max_load, tuple(r.conflicts)) for r in reviewers]


def _stored_pairs(session: Session) -> list[ReviewAssignment]:
    return list(session.scalars(
        select(ReviewAssignment).order_by(ReviewAssignment.application_reference, ReviewAssignment.reviewer_email)))


def compute_assignment(ws: Workspace, session: Session) -> tuple[AssignmentResult, Candidates]:
    settings = ws.reviewers.review
    candidates = review_candidates(session)
    result = assign(
        reviewer_infos(ws.reviewers.reviewers),
        candidates.eligible,
        settings.reviewers_per_application,
        pins=[(pair.reviewer, pair.application) for pair in settings.pin],
        forbids=[(pair.reviewer, pair.application) for pair in settings.forbid],
        keep=[(row.reviewer_email, row.application_reference) for row in _stored_pairs(session)],
    )
    return result, candidates


def _store_assignment(session: Session, result: AssignmentResult, now: datetime) -> tuple[list[str], list[str]]:
    """Make the stored pairs equal to the result; returns (added, removed) as 'reviewer → reference'."""
    stored = {(row.reviewer_email, row.application_reference): row for row in _stored_pairs(session)}
    wanted = {(pair.reviewer, pair.application): pair for pair in result.pairs}
    removed = [f"{email} → {ref}" for (email, ref) in stored if (email, ref) not in wanted]
    for key, row in stored.items():
        if key not in wanted:
            session.delete(row)
    added = []
    for (email, ref), pair in wanted.items():
        if (email, ref) in stored:
            if pair.how == "pinned":
                stored[(email, ref)].how = "pinned"
            continue
        session.add(ReviewAssignment(reviewer_email=email, application_reference=ref, how=pair.how, created_at=now))
        added.append(f"{email} → {ref}")
    return added, removed


def assign_reviewers(ws: Workspace, registry: Registry, now: datetime) -> dict[str, Any]:
    """Compute and store who reviews what; the summary names every application that lacks reviewers."""
    check_config(ws)
    with registry.session() as session:
        result, candidates = compute_assignment(ws, session)
        added, removed = _store_assignment(session, result, now)
    return {
        "applications": len(candidates.eligible),
        "pairs": len(result.pairs),
        "load": result.load(),
        "added": added,
        "removed": removed,
        "shortfalls": [shortfall.sentence() for shortfall in result.shortfalls],
        "notes": result.notes,
        "skipped": candidates.skipped,
        "unchecked": candidates.unchecked,
    }


def assignments_by_reviewer(session: Session) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for row in _stored_pairs(session):
        result.setdefault(row.reviewer_email, []).append(row.application_reference)
    return result


def assignment_records(ws: Workspace, registry: Registry) -> tuple[list[dict[str, str]], list[str], bool]:
    """({reviewer, application} pairs, shortfall sentences, stored?). Before the review milestone has run,
    a preview computed from the current registry and config (nothing is stored)."""
    with registry.session() as session:
        stored = _stored_pairs(session)
        if stored:
            return ([{"reviewer": r.reviewer_email, "application": r.application_reference} for r in stored], [], True)
        result, _ = compute_assignment(ws, session)  # only reads: a preview stores nothing
    pairs = [{"reviewer": p.reviewer, "application": p.application} for p in result.pairs]
    return pairs, [shortfall.sentence() for shortfall in result.shortfalls], False


# --- packets ----------------------------------------------------------------------------------------


def _application(session: Session, reference: str) -> Application:
    application = session.scalar(
        select(Application)
        .where(Application.reference == reference)
        .options(selectinload(Application.current_message).selectinload(Message.attachments))
    )
    if application is None:
        raise LookupError(f"no application {reference} in the registry")
    return application


def packet_application(ws: Workspace, session: Session, reference: str) -> PacketApplication:
    """Everything a reviewer sees about one application, from its current version."""
    application = _application(session, reference)
    message = application.current_message
    analysis = (message.analysis if message else None) or {}
    documents, originals = [], []
    for attachment in message.attachments if message else []:
        extraction = cached_extraction(ws, attachment.sha256)
        pages = extraction.pages if extraction is not None and extraction.readable else []
        appended = False
        if attachment.detected_type == "pdf" and attachment.readable:
            data = (ws.archive / attachment.stored_as).read_bytes()
            if usable_pdf(data):
                originals.append((attachment.filename, data))
                appended = True
        documents.append(document_view(attachment.filename, attachment.detected_type, pages, attachment.pages,
                                       attachment.problem_message, appended))
    if message is not None and not documents and message.body_text:
        documents.append(document_view(BODY_DOCUMENT, "text", [message.body_text], 1, None, False))
    return PacketApplication(
        reference=reference,
        organisation=application.organisation or (message.organisation if message else None) or "",
        title=(message.title if message else None) or "",
        received_at=message.received_at if message else None,
        version=message.version if message else None,
        analysed=bool(analysis),
        complete=analysis.get("complete") if analysis else None,
        incomplete_reasons=list(analysis.get("incomplete_reasons") or []),
        coverage=coverage_tables(analysis, ws.call),
        missing_sections=missing_sections(analysis, ws.call),
        exclusions=exclusions(analysis, ws.call),
        documents=documents,
        originals=originals,
    )


def _versions(session: Session, references: Sequence[str]) -> dict[str, str]:
    """reference → SHA-256 of its current version: a new version means a new packet."""
    rows = session.execute(
        select(Application.reference, Message.sha256)
        .join(Message, Application.current_message_id == Message.id)
        .where(Application.reference.in_(list(references)))
    )
    return {reference: digest for reference, digest in rows}


def _sheet_rows(session: Session, references: Sequence[str]) -> list[SheetRow]:
    rows = []
    for reference in references:
        application = _application(session, reference)
        message = application.current_message
        rows.append(SheetRow(reference, application.organisation or "", (message.title if message else None) or ""))
    return rows


def scoresheet_for(ws: Workspace, session: Session, reviewer: Reviewer, references: Sequence[str]) -> bytes:
    from tasks.render import dutch_datetime

    deadline = dutch_datetime(ws.timeline.review_deadline, ws.call.call.timezone)
    return make_scoresheet(reviewer.name, reviewer.email, _sheet_rows(session, references), ws.reviewers.review,
                           ws.call.call.title, deadline)


def _file_names(reviewer: Reviewer) -> tuple[str, str]:
    slug = _slug(reviewer.name)
    return f"beoordelingspakket-{slug}.pdf", f"scoreblad-{slug}.xlsx"


def send_packet(ws: Workspace, registry: Registry, reviewer: Reviewer, now: datetime) -> str | None:
    """Queue the reviewer's packet once per assignment; returns the new mail's key, or None if already queued."""
    with registry.session() as session:
        references = sorted(assignments_by_reviewer(session).get(reviewer.email, []))
        if not references:
            return None
        key = f"review-packet:{reviewer.email}:{assignment_digest(references, _versions(session, references))}"
        if _mail_exists(session, key):
            return None
        applications = [packet_application(ws, session, reference) for reference in references]
        pdf = render_packet(reviewer.name, reviewer.email, applications, ws.reviewers.review, ws.call, ws.timeline, now)
        sheet = scoresheet_for(ws, session, reviewer, references)
        packet_name, sheet_name = _file_names(reviewer)
        folder = ws.packets / "review" / _slug(reviewer.email)
        write_atomic(folder / packet_name, pdf)
        write_atomic(folder / sheet_name, sheet)
        update = _sent_before(session, "review-packet", to=reviewer.email)
        _supersede(session, "review-packet", to=reviewer.email)
        blocks = render_blocks(
            "mails/review-packet.txt.j2", call=ws.call.call, reviewer=reviewer, applications=applications,
            settings=ws.reviewers.review, review_deadline=ws.timeline.review_deadline, update=update,
            packet_filename=packet_name, sheet_filename=sheet_name,
        )
        mail = queue_mail(session, ws.outbox, MailSpec(
            key=key, kind="review-packet", to=reviewer.email, subject=blocks["subject"], body=blocks["body"],
            attachments=[OutgoingAttachment(packet_name, pdf), OutgoingAttachment(sheet_name, sheet)],
        ), ws.call.mail, now)
        return mail.key


def send_packets(ws: Workspace, registry: Registry, now: datetime) -> dict[str, Any]:
    queued = [key for reviewer in ws.reviewers.reviewers if (key := send_packet(ws, registry, reviewer, now))]
    return {"queued": queued}


# --- returned scoring sheets (the intake hook) ------------------------------------------------------


def weighted_total(scores: dict[str, float], ws: Workspace) -> float:
    settings = ws.reviewers.review
    return sum(c.weight * scores[c.id] for c in settings.criteria) / settings.total_weight


def handle_review_return(ws: Workspace, session: Session, row: Message, now: datetime,
                         report: ConcludeReport) -> None:
    """A reviewer mailed a sheet back: check it, record the scores, and answer with a receipt or what to fix."""
    reviewer = ws.reviewers.reviewer(row.sender)
    if reviewer is None or session.scalar(select(ScoreReturn.id).where(ScoreReturn.message_id == row.id)):
        return
    assigned = sorted(assignments_by_reviewer(session).get(reviewer.email, []))
    known = list(session.scalars(select(Application.reference)))
    problems, scores, comments = _check_sheets(ws, row, assigned, known)
    late = row.received_at is not None and row.received_at > ws.timeline.review_deadline
    current = session.scalar(select(ScoreReturn).where(
        ScoreReturn.reviewer_email == reviewer.email, ScoreReturn.current.is_(True)))
    record = ScoreReturn(message_id=row.id, reviewer_email=reviewer.email, received_at=row.received_at,
                         recorded_at=now, status="rejected" if problems else "accepted", current=False, late=late,
                         problems=problems, comments=comments)
    session.add(record)
    replaces = False
    if not problems:
        # Intake concludes in receipt order, but a sheet sent earlier and delivered later must not win.
        newer_exists = (current is not None and current.received_at is not None and row.received_at is not None
                        and current.received_at > row.received_at)
        if not newer_exists:
            if current is not None:
                current.current = False
                replaces = True
            record.current = True
        for reference, by_criterion in scores.items():
            for criterion, value in by_criterion.items():
                record.scores.append(ReviewScore(reviewer_email=reviewer.email, application_reference=reference,
                                                 criterion=criterion, score=value))
    else:
        row.problems = [*row.problems, "invalid-scoresheet"]
        row.problem_messages = [*row.problem_messages, *problems]
    _answer_return(ws, session, row, reviewer, problems, scores, replaces=replaces, late=late,
                   has_earlier=current is not None, now=now, report=report)
    logger.info("score return from %s: %s", reviewer.email, "accepted" if not problems else "; ".join(problems))


def _check_sheets(ws: Workspace, row: Message, assigned: list[str],
                  known: list[str]) -> tuple[list[str], dict[str, dict[str, float]], dict[str, str]]:
    """(problems, scores, comments) from the first sheet that checks out, else the first sheet's problems."""
    if not assigned:
        return (["Er zijn (nog) geen aanvragen aan u toegewezen, dus we konden geen scores registreren."], {}, {})
    first_problems: list[str] | None = None
    for attachment in row.attachments:
        if attachment.detected_type != "xlsx":
            continue
        if attachment.problem:
            problems = [f"{attachment.filename}: {attachment.problem_message or 'het bestand kon niet gelezen worden.'}"]
        else:
            data = (ws.archive / attachment.stored_as).read_bytes()
            checked = read_scoresheet(data, attachment.filename, assigned, ws.reviewers.review, known)
            if checked.ok:
                return [], checked.scores, checked.comments
            problems = [problem.message for problem in checked.problems]
        first_problems = first_problems if first_problems is not None else problems
    return first_problems or ["We vonden geen scoreblad (Excel-bestand) in uw e-mail."], {}, {}


def _answer_return(ws: Workspace, session: Session, row: Message, reviewer: Reviewer, problems: list[str],
                   scores: dict[str, dict[str, float]], *, replaces: bool, late: bool, has_earlier: bool,
                   now: datetime, report: ConcludeReport) -> None:
    common = {"call": ws.call.call, "reviewer": reviewer, "received_at": row.received_at or now,
              "review_deadline": ws.timeline.review_deadline, "settings": ws.reviewers.review}
    if problems:
        blocks = render_blocks("mails/review-return-problem.txt.j2", problems=problems, has_earlier=has_earlier,
                               **common)
    else:
        totals = [{"reference": ref, "total": weighted_total(values, ws)} for ref, values in sorted(scores.items())]
        blocks = render_blocks("mails/review-receipt.txt.j2", totals=totals, replaces=replaces, late=late, **common)
    mail = queue_mail(session, ws.outbox, MailSpec(
        key=f"review-receipt:{reviewer.email}:{row.sha256[:16]}", kind="review-receipt", to=reviewer.email,
        subject=blocks["subject"], body=blocks["body"], related_message_id=row.id, in_reply_to=row.message_id,
    ), ws.call.mail, now)
    report.mails.append(mail.key)


# --- reminders --------------------------------------------------------------------------------------


def reminder_due_at(ws: Workspace) -> datetime:
    return ws.timeline.review_deadline - timedelta(days=ws.reviewers.review.reminder_days_before)


def returned_reviewers(session: Session) -> set[str]:
    return set(session.scalars(select(ScoreReturn.reviewer_email).where(ScoreReturn.current.is_(True))))


def send_reminders(ws: Workspace, registry: Registry, now: datetime) -> dict[str, Any]:
    """Remind every reviewer without a valid return, once, from `reminder_days_before` the deadline on."""
    due_at = reminder_due_at(ws)
    summary: dict[str, Any] = {"due_at": due_at.isoformat(), "queued": [], "returned": [], "not_due": now < due_at}
    if now < due_at:
        return summary
    with registry.session() as session:
        assigned = assignments_by_reviewer(session)
        returned = returned_reviewers(session)
        summary["returned"] = sorted(returned & set(assigned))
        for reviewer in ws.reviewers.reviewers:
            references = sorted(assigned.get(reviewer.email, []))
            if not references or reviewer.email in returned:
                continue
            key = f"review-reminder:{reviewer.email}:{ws.timeline.review_deadline.date().isoformat()}"
            if _mail_exists(session, key):
                continue
            summary["queued"].append(_queue_reminder(ws, session, reviewer, references, key, now))
    return summary


def _queue_reminder(ws: Workspace, session: Session, reviewer: Reviewer, references: list[str], key: str,
                    now: datetime) -> str:
    rejected = session.scalar(select(ScoreReturn.id).where(
        ScoreReturn.reviewer_email == reviewer.email, ScoreReturn.status == "rejected")) is not None
    _packet_name, sheet_name = _file_names(reviewer)
    applications = [{"reference": row.reference, "organisation": row.organisation}
                    for row in _sheet_rows(session, references)]
    blocks = render_blocks(
        "mails/review-reminder.txt.j2", call=ws.call.call, reviewer=reviewer, applications=applications,
        review_deadline=ws.timeline.review_deadline, overdue=now > ws.timeline.review_deadline,
        rejected=rejected, sheet_filename=sheet_name,
    )
    sheet = scoresheet_for(ws, session, reviewer, references)
    mail = queue_mail(session, ws.outbox, MailSpec(
        key=key, kind="review-reminder", to=reviewer.email, subject=blocks["subject"], body=blocks["body"],
        attachments=[OutgoingAttachment(sheet_name, sheet)],
    ), ws.call.mail, now)
    return mail.key


# --- ranking and shortlist --------------------------------------------------------------------------


def _facts(session: Session, references: Sequence[str]) -> dict[str, ApplicationFacts]:
    facts = {}
    for reference in references:
        application = _application(session, reference)
        message = application.current_message
        analysis = (message.analysis if message else None) or {}
        facts[reference] = ApplicationFacts(
            reference, application.organisation or "", (message.title if message else None) or "",
            tuple(item["id"] for item in analysis.get("service_types") or [] if "id" in item),
        )
    return facts


def current_ranking(ws: Workspace, session: Session) -> tuple[Ranking, dict[str, ApplicationFacts], dict[tuple[str, str], str]]:
    """The ranking from every reviewer's current return, counting only pairs that are still assigned."""
    pairs = [(row.reviewer_email, row.application_reference) for row in _stored_pairs(session)]
    assigned = set(pairs)
    records: list[ScoreRecord] = []
    comments: dict[tuple[str, str], str] = {}
    returns = session.scalars(
        select(ScoreReturn).where(ScoreReturn.current.is_(True)).options(selectinload(ScoreReturn.scores)))
    for score_return in returns:
        for score in score_return.scores:
            if (score.reviewer_email, score.application_reference) in assigned:
                records.append(ScoreRecord(score.reviewer_email, score.application_reference, score.criterion,
                                           score.score))
        for reference, remark in (score_return.comments or {}).items():
            comments[(score_return.reviewer_email, reference)] = remark
    references = sorted({ref for _email, ref in pairs} | {record.application for record in records})
    facts = _facts(session, references)
    return rank(records, pairs, facts, ws.reviewers.review, ws.call), facts, comments


def make_shortlist(ws: Workspace, registry: Registry, now: datetime) -> dict[str, Any]:
    """Rank, write the jury's overview, schedule the shortlisted pitches and queue their invitations."""
    check_config(ws)
    with registry.session() as session:
        ranking, facts, comments = current_ranking(ws, session)
    names = {reviewer.email: reviewer.name for reviewer in ws.reviewers.reviewers}
    overview = overview_xlsx(ranking, ws.reviewers.review, ws.call, names, comments)
    write_atomic(ws.packets / "jury" / OVERVIEW_FILE, overview)
    schedule = schedule_pitches(ws, registry, ranking, facts, now)
    return {
        "ranking": ranking_rows(ranking, ws.reviewers.review),
        "shortlist": ranking.shortlist,
        "covered": {service: refs for service, refs in ranking.coverage.covered.items() if refs},
        "missing_service_types": ranking.coverage.missing,
        "notes": ranking.notes + schedule.pop("notes"),
        **schedule,
    }


# --- pitches ----------------------------------------------------------------------------------------


def _slots(ws: Workspace) -> list[Slot]:
    if ws.reviewers.pitches is None:
        return []
    return build_slots(ws.reviewers.pitches, ws.timeline.pitch_days, ws.call.tz)


def schedule_pitches(ws: Workspace, registry: Registry, ranking: Ranking, facts: dict[str, ApplicationFacts],
                     now: datetime) -> dict[str, Any]:
    """Give every shortlisted applicant a slot (keeping slots already given) and queue invitations."""
    slots = _slots(ws)
    result: dict[str, Any] = {"scheduled": {}, "unscheduled": [], "invitations": [], "jury": [], "notes": []}
    if not slots:
        result["unscheduled"] = list(ranking.shortlist)
        result["notes"].append("geen pitchdagen ingesteld onder pitches: in reviewers.yaml; niemand kreeg een slot")
        return result
    with registry.session() as session:
        rows = {row.application_reference: row for row in session.scalars(select(PitchSlot))}
        planned, unscheduled = plan(ranking.shortlist, slots, {ref: row.starts_at for ref, row in rows.items()})
        for reference, slot in sorted(planned.items(), key=lambda item: item[1].start):
            row = rows.get(reference)
            previous = None
            if row is None:
                row = _new_slot_row(ws, session, reference, slot, now)
            elif row.starts_at != slot.start:  # its old slot is no longer in the config
                previous = row.starts_at
                _move(row, slot, now)
            key = queue_invitation(ws, session, row, now, previous_start=previous)
            if key:
                result["invitations"].append(key)
        session.flush()
        result["jury"] = queue_jury_schedule(ws, session, ranking, facts, unscheduled, now)
    result["scheduled"] = {ref: slot.start.isoformat() for ref, slot in sorted(planned.items())}
    result["unscheduled"] = unscheduled
    if unscheduled:
        result["notes"].append(f"te weinig pitchslots: geen slot voor {', '.join(unscheduled)}")
    for reference in sorted(set(planned) - set(ranking.shortlist)):
        result["notes"].append(f"{reference} staat niet meer op de shortlist maar heeft al een pitchslot")
    return result


def _new_slot_row(ws: Workspace, session: Session, reference: str, slot: Slot, now: datetime) -> PitchSlot:
    domain = ws.call.mail.from_address.rsplit("@", 1)[1]
    row = PitchSlot(application_reference=reference, starts_at=slot.start, ends_at=slot.end, location=slot.location,
                    uid=event_uid(ws.call.call.id, reference, domain), sequence=0, created_at=now, updated_at=now)
    session.add(row)
    session.flush()
    return row


def _move(row: PitchSlot, slot: Slot, now: datetime) -> None:
    row.starts_at, row.ends_at, row.location = slot.start, slot.end, slot.location
    row.sequence += 1
    row.updated_at = now


def queue_invitation(ws: Workspace, session: Session, row: PitchSlot, now: datetime,
                     previous_start: datetime | None = None) -> str | None:
    """The applicant's invitation for the slot's current version; None when that version was already queued."""
    reference = row.application_reference
    key = f"pitch-invitation:{reference}:s{row.sequence}"
    if _mail_exists(session, key):
        return None
    update = _sent_before(session, "pitch-invitation", application=reference)
    _supersede(session, "pitch-invitation", application=reference)
    application = _application(session, reference)
    message = application.current_message
    start, end = row.starts_at.astimezone(ws.call.tz), row.ends_at.astimezone(ws.call.tz)
    call = ws.call.call
    organisation = application.organisation or ""
    title = (message.title if message else None) or ""
    recipient = _reply_address(message, application)
    ics = invitation_ics(Invitation(
        uid=row.uid, sequence=row.sequence, start=start, end=end, location=row.location,
        summary=f"Pitch {reference} – {call.title}",
        description=f"Pitch van {organisation or reference}{f' ({title})' if title else ''} voor de jury van de oproep "
                    f"'{call.title}'. Vragen: {call.submit_to}",
        organizer_email=ws.call.mail.from_address, organizer_name=ws.call.mail.from_name or call.coordinator_name,
        attendee_email=recipient, attendee_name=organisation or recipient,
    ), now)
    ics_name = f"pitch-{reference}.ics"
    blocks = render_blocks(
        "mails/pitch-invitation.txt.j2", call=call, reference=reference, organisation=organisation, title=title,
        slot={"start": start, "location": row.location}, start_time=f"{start:%H:%M}", end_time=f"{end:%H:%M}",
        minutes=int((end - start).total_seconds() // 60), update=update, previous_start=previous_start,
        ics_filename=ics_name,
    )
    mail = queue_mail(session, ws.outbox, MailSpec(
        key=key, kind="pitch-invitation", to=recipient, subject=blocks["subject"], body=blocks["body"],
        application=reference, attachments=[OutgoingAttachment(ics_name, ics)],
    ), ws.call.mail, now)
    return mail.key


def _schedule_days(ws: Workspace, rows: Sequence[PitchSlot], ranking: Ranking,
                   facts: dict[str, ApplicationFacts]) -> list[dict[str, Any]]:
    """Per configured pitch day: its pitches and breaks in time order, for the jury's PDF and mail."""
    settings = ws.reviewers.pitches
    assert settings is not None
    frame = ranking.applications
    days = []
    for pitch_day in sorted(ws.timeline.pitch_days):
        day = settings.hours_on(pitch_day)
        entries = []
        for row in sorted(rows, key=lambda r: r.starts_at):
            start = row.starts_at.astimezone(ws.call.tz)
            if start.date() != pitch_day:
                continue
            reference = row.application_reference
            total = frame.at[reference, "total"] if reference in frame.index else None
            note = frame.at[reference, "disagreement_on"] if reference in frame.index else ""
            entries.append({
                "sort": start.time(), "is_break": False, "start": f"{start:%H:%M}",
                "end": f"{row.ends_at.astimezone(ws.call.tz):%H:%M}", "reference": reference,
                "organisation": facts[reference].organisation if reference in facts else "",
                "title": facts[reference].title if reference in facts else "",
                "total": "" if total is None or total != total else f"{total:.2f}".replace(".", ","),
                "note": f"onenigheid: {note}" if note else "",
            })
        pitches = len(entries)
        real = list(entries)
        if real:  # a break is worth showing only between two pitches
            entries += [{"sort": b.start, "is_break": True, "start": f"{b.start:%H:%M}", "end": f"{b.end:%H:%M}"}
                        for b in day.breaks if real[0]["sort"] < b.start < real[-1]["sort"]]
        entries.sort(key=lambda entry: entry["sort"])
        days.append({
            "date": pitch_day, "rows": entries if real else [], "count": pitches,
            "first": real[0]["start"] if real else None, "last": real[-1]["end"] if real else None,
            "locations": sorted({row.location for row in rows if row.starts_at.astimezone(ws.call.tz).date() == pitch_day})
            or [day.location or settings.location],
        })
    return days


def queue_jury_schedule(ws: Workspace, session: Session, ranking: Ranking, facts: dict[str, ApplicationFacts],
                        unscheduled: Sequence[str], now: datetime) -> list[str]:
    """The day schedule (PDF) and the overview (xlsx) to every jury member, once per version of the schedule."""
    settings = ws.reviewers.pitches
    if settings is None or not settings.jury:
        return []
    rows = list(session.scalars(select(PitchSlot).order_by(PitchSlot.starts_at)))
    if not rows and not unscheduled:
        return []  # nobody on the shortlist: nothing to schedule, nothing to tell the jury
    # In UTC: a row just written holds local time, the same row read back holds UTC.
    version = _digest(*(f"{r.application_reference}@{r.starts_at.astimezone(UTC).isoformat()}@{r.location}"
                        for r in rows), *unscheduled)
    keys = {email: f"pitch-schedule:{email}:{version}" for email in settings.jury}
    new = [email for email, key in keys.items() if not _mail_exists(session, key)]
    if not new:
        return []
    days = _schedule_days(ws, rows, ranking, facts)
    pdf = html_to_pdf(render(
        "packets/pitch-schedule.html.j2", call=ws.call.call, days=days, pitch_count=len(rows),
        slot_minutes=settings.slot_minutes, unscheduled=list(unscheduled), generated_at=now,
    ))
    write_atomic(ws.packets / "jury" / SCHEDULE_FILE, pdf)
    overview_path = ws.packets / "jury" / OVERVIEW_FILE
    attachments = [OutgoingAttachment(SCHEDULE_FILE, pdf)]
    if overview_path.exists():
        attachments.append(OutgoingAttachment(OVERVIEW_FILE, overview_path.read_bytes()))
    queued = []
    for email in new:
        update = _sent_before(session, "pitch-schedule", to=email)
        _supersede(session, "pitch-schedule", to=email)
        blocks = render_blocks(
            "mails/pitch-schedule.txt.j2", call=ws.call.call, days=days, shortlist=ranking.shortlist,
            missing_service_types=ranking.coverage.missing, notes=ranking.notes, update=update,
            schedule_filename=SCHEDULE_FILE, overview_filename=OVERVIEW_FILE,
        )
        mail = queue_mail(session, ws.outbox, MailSpec(
            key=keys[email], kind="pitch-schedule", to=email, subject=blocks["subject"], body=blocks["body"],
            attachments=attachments,
        ), ws.call.mail, now)
        queued.append(mail.key)
    return queued


def reschedule_pitch(ws: Workspace, registry: Registry, reference: str, start: datetime,
                     now: datetime) -> dict[str, Any]:
    """Move one applicant to another free slot: only their invitation goes out again (same UID, SEQUENCE + 1),
    plus the updated day schedule for the jury."""
    slots = _slots(ws)
    reference = reference.strip().upper()
    with registry.session() as session:
        row = session.scalar(select(PitchSlot).where(PitchSlot.application_reference == reference))
        if row is None:
            raise ScheduleError(f"{reference} heeft (nog) geen pitchslot.")
        taken = {r.application_reference: r.starts_at for r in session.scalars(select(PitchSlot))}
        slot = free_slot(slots, taken, reference, start)
        if slot.start == row.starts_at:
            return {"moved": False, "invitations": [], "jury": []}
        previous = row.starts_at
        _move(row, slot, now)
        session.flush()
        invitation = queue_invitation(ws, session, row, now, previous_start=previous)
        ranking, facts, _comments = current_ranking(ws, session)
        jury = queue_jury_schedule(ws, session, ranking, facts, [], now)
    return {"moved": True, "from": previous.astimezone(ws.call.tz).isoformat(), "to": slot.start.isoformat(),
            "invitations": [invitation] if invitation else [], "jury": jury}
