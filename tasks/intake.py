"""Intake, stage by stage: record and archive new files, parse them, extract documents, conclude.

Each stage reads and writes the registry, so a crash between stages loses nothing: the next run picks up
messages where they stopped (status archived → parsed → processed). A received file is archived byte for
byte before its row is written, and a message is marked processed in the same transaction that records its
conclusions and queues its mail, so a re-run neither loses nor repeats anything.
"""

from __future__ import annotations

import errno
import json
import logging
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from callflow.workspace import Workspace
from tasks.classify import (
    MessageFacts,
    body_is_proposal,
    classify,
    guess_organisation,
    guess_title,
    normalise_name,
    reference_in,
)
from tasks.extract import Extraction, ExtractionPool
from tasks.mailbox import (
    ParsedMessage,
    ZipLimits,
    is_public_domain,
    looks_like_spam,
    scan_inbox,
    sender_domain,
)
from tasks.outbox import MailSpec, queue_mail
from tasks.registry import Application, Attachment, Mail, Message, Registry
from tasks.render import render_blocks
from tasks.storage import archive_blob, safe_suffix, write_atomic

if TYPE_CHECKING:  # the analysis is imported when it first runs (intake without it stays light)
    from callflow.config import CallConfig
    from tasks.analyse_lexicon import Lexicon

logger = logging.getLogger(__name__)

BODY_DOCUMENT = "mailtekst"
Documents = list[tuple[str, list[str], bool]]  # (file name, page texts, readable) per document
Analyser = Callable[[Documents], dict[str, Any]]


# --- stage 1: record ---------------------------------------------------------------------------


@dataclass
class RecordReport:
    new: list[str] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)  # ids not yet processed (new or left by a crash)


def record_new_files(ws: Workspace, registry: Registry, now: datetime) -> RecordReport:
    """Archive and record every inbox file not seen before. The archive write comes first."""
    report = RecordReport()
    with registry.session() as session:
        known = {file: status for file, status in session.execute(select(Message.file, Message.status))}
    for item in scan_inbox(ws.inbox):
        if item.name in known:
            continue
        data = _read_no_follow(item.path)
        if data is None:
            continue  # replaced by a link after the scan: never followed
        digest, _ = archive_blob(ws.archive, data, "messages", ".eml")
        try:
            with registry.session() as session:
                if session.scalar(select(Message.id).where(Message.file == item.name)) is not None:
                    continue  # recorded by a concurrent run between our scan and now
                session.add(
                    Message(
                        file=item.name,
                        sha256=digest,
                        size=len(data),
                        status="archived",
                        recorded_at=now,
                        facts={"file_mtime": item.mtime.isoformat(),
                               "maildir_time": item.maildir_time.isoformat() if item.maildir_time else None},
                        problems=[],
                        problem_messages=[],
                        in_reply_to=[],
                    )
                )
        except IntegrityError:
            continue  # a concurrent run recorded it between our check and our insert (unique file): done
        report.new.append(item.name)
    with registry.session() as session:
        report.pending = list(
            session.scalars(select(Message.id).where(Message.status != "processed").order_by(Message.id))
        )
    return report


def has_work(ws: Workspace, registry: Registry) -> bool:
    """Whether an intake run would do anything: a new inbox file, an unfinished message or a mail to send.

    Cheap (a directory scan and three queries), so a scheduled run with nothing new can skip starting
    Prefect at all."""
    with registry.session() as session:
        known = set(session.scalars(select(Message.file)))
        unfinished = session.scalar(select(Message.id).where(Message.status != "processed").limit(1))
        to_send = session.scalar(select(Mail.id).where(Mail.status.in_(("approved", "sending"))).limit(1))
    if unfinished is not None or to_send is not None:
        return True
    return any(item.name not in known for item in scan_inbox(ws.inbox))


def _read_no_follow(path: Path) -> bytes | None:
    """Read a scanned inbox file without following a symlink swapped in since the scan."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None
        raise
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()


# --- stage 2: parse ----------------------------------------------------------------------------


def _receipt_time(parsed: ParsedMessage, facts: dict[str, Any]) -> tuple[datetime | None, str | None]:
    """The mailbox's own receipt time first; the sender's Date: header only as the last resort."""
    if parsed.received is not None:
        return parsed.received, "received-header"
    if facts.get("maildir_time"):
        return datetime.fromisoformat(facts["maildir_time"]), "maildir"
    if facts.get("file_mtime"):
        return datetime.fromisoformat(facts["file_mtime"]), "file-mtime"
    if parsed.date is not None:
        return parsed.date, "date-header"
    return None, None


def parse_pending(ws: Workspace, registry: Registry, pool: ExtractionPool) -> list[int]:
    """Parse every archived message (in the pool's time- and memory-limited workers, as hostile as any
    attachment); store its attachments in the archive and record them."""
    limits = ws.call.intake
    zip_limits = ZipLimits(limits.zip_max_members, limits.zip_max_total_bytes, limits.zip_max_ratio, limits.zip_max_depth)
    with registry.session() as session:
        ids = list(session.scalars(select(Message.id).where(Message.status == "archived").order_by(Message.id)))
    for message_id in ids:
        with registry.session() as session:
            row = session.get(Message, message_id)
            assert row is not None
            archived = ws.archive / f"messages/{row.sha256[:2]}/{row.sha256}.eml"
            if archived.stat().st_size > limits.max_message_bytes:  # refused unread: no second copy in memory
                parsed = ParsedMessage()
                parsed.add_problem(
                    "too-large",
                    f"De e-mail is groter dan {limits.max_message_bytes // 2**20} MB en werd niet verwerkt; "
                    "stuur de bijlagen in kleinere delen.",
                )
            else:
                parsed = pool.parse_mail(archived.read_bytes(), zip_limits)
            _store_parsed(ws, row, parsed)
            row.status = "parsed"
    return ids


def _store_parsed(ws: Workspace, row: Message, parsed: ParsedMessage) -> None:
    facts = dict(row.facts or {})
    row.message_id = parsed.message_id
    row.sender, row.sender_name = parsed.sender, parsed.sender_name
    row.subject = parsed.subject
    row.in_reply_to = parsed.in_reply_to
    row.body_text = parsed.body_text
    row.received_at, row.received_at_source = _receipt_time(parsed, facts)
    row.problems = list(parsed.problems)
    row.problem_messages = list(parsed.problem_messages)
    facts.update(
        auto_reply=parsed.auto_reply,
        spam=looks_like_spam(parsed),
        reply_to=parsed.reply_to,
        passwords=parsed.passwords,
        inline_images=parsed.inline_images,
        date=parsed.date.isoformat() if parsed.date else None,
    )
    row.facts = facts
    row.attachments.clear()
    for position, attachment in enumerate(parsed.attachments, start=1):
        digest, relative = archive_blob(ws.archive, attachment.data, "attachments", safe_suffix(attachment.filename))
        row.attachments.append(
            Attachment(
                position=position,
                filename=attachment.filename,
                stored_as=relative,
                sha256=digest,
                size=len(attachment.data),
                content_type=attachment.content_type,
                origin=attachment.origin,
                problem=attachment.problem,
                problem_message=attachment.problem_message,
                readable=False if attachment.problem else None,
            )
        )


# --- stage 3: extract --------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentJob:
    sha256: str
    stored_as: str
    filename: str
    passwords: tuple[str, ...]


def _cache_path(ws: Workspace, digest: str) -> Path:
    return ws.extraction_cache / digest[:2] / f"{digest}.json"


def cached_extraction(ws: Workspace, digest: str) -> Extraction | None:
    path = _cache_path(ws, digest)
    if not path.exists():
        return None
    try:
        return Extraction.model_validate_json(path.read_bytes())
    except ValueError:
        return None  # a damaged cache entry is simply redone


def documents_to_extract(ws: Workspace, registry: Registry) -> list[DocumentJob]:
    """Documents of unprocessed messages whose bytes were never extracted (or only failed for a password)."""
    jobs: dict[str, DocumentJob] = {}
    with registry.session() as session:
        rows = session.execute(
            select(Attachment, Message.facts)
            .join(Message, Attachment.message_id == Message.id)
            .where(Message.status == "parsed", Attachment.problem.is_(None))
        ).all()
        for attachment, facts in rows:
            passwords = tuple((facts or {}).get("passwords") or ())
            cached = cached_extraction(ws, attachment.sha256)
            if cached is not None and not (cached.problem == "encrypted" and passwords):
                continue
            jobs.setdefault(
                attachment.sha256, DocumentJob(attachment.sha256, attachment.stored_as, attachment.filename, passwords)
            )
    return list(jobs.values())


def extract_document(ws: Workspace, job: DocumentJob, pool: ExtractionPool) -> Extraction:
    data = (ws.archive / job.stored_as).read_bytes()
    result = pool.extract(data, job.filename, job.passwords)
    write_atomic(_cache_path(ws, job.sha256), result.model_dump_json().encode())
    return result


# --- stage 4: conclude -------------------------------------------------------------------------


@dataclass
class ConcludeReport:
    processed: list[str] = field(default_factory=list)
    kinds: dict[str, int] = field(default_factory=dict)
    applications: list[str] = field(default_factory=list)  # references that got a new version
    late: list[str] = field(default_factory=list)
    queue: list[str] = field(default_factory=list)  # files that need the coordinator
    problems: dict[str, list[str]] = field(default_factory=dict)
    mails: list[str] = field(default_factory=list)


def deadline_passed(ws: Workspace, received_at: datetime | None) -> bool:
    """'Before 1 June 23:59' includes the whole minute 23:59, plus the configured grace."""
    if received_at is None:
        return False
    closes = ws.timeline.submission_deadline + timedelta(minutes=1 + ws.call.intake.grace_minutes)
    return received_at >= closes


def conclude_parsed(ws: Workspace, registry: Registry, now: datetime, analyser: Analyser | None) -> ConcludeReport:
    """In receipt order: classify, link to an application, analyse, queue mail, mark processed."""
    report = ConcludeReport()
    with registry.session() as session:
        ids = list(
            session.scalars(
                select(Message.id)
                .where(Message.status == "parsed")
                .order_by(Message.received_at.is_(None), Message.received_at, Message.id)
            )
        )
    if analyser is not None and len(ids) >= ANALYSE_AHEAD_FROM:
        analyser = _analysed_ahead(ws, registry, ids, analyser)
    for message_id in ids:
        with registry.session() as session:
            row = session.get(Message, message_id)
            assert row is not None
            _conclude_one(ws, session, row, now, analyser, report)
            row.status = "processed"
            row.processed_at = now
            report.processed.append(row.file)
            report.kinds[row.kind or "other"] = report.kinds.get(row.kind or "other", 0) + 1
            for code in row.problems:
                report.problems.setdefault(code, []).append(row.file)
    return report


ANALYSE_AHEAD_FROM = 40  # messages; below this, starting worker processes costs more than it saves


def _analysed_ahead(ws: Workspace, registry: Registry, ids: list[int], analyser: Analyser) -> Analyser:
    """A backlog (a first run after downtime, a replay) is analysed up front on worker processes, which the
    one-by-one conclusions in receipt order cannot use. The returned analyser answers from those results when
    it is asked about exactly the same documents, and asks `analyser` otherwise."""
    many = getattr(analyser, "many", None)
    if many is None:
        return analyser
    batches = []
    with registry.session() as session:
        for message_id in ids:
            row = session.get(Message, message_id)
            assert row is not None
            documents = _with_body(_documents(ws, row, record=False), row.body_text or "")
            if documents:
                batches.append(documents)
    try:
        results = many(batches)
    except Exception:  # a worker that died or failed: the one-by-one analysis below still concludes every message
        logger.exception("analysing %d messages on worker processes failed; analysing them one by one", len(batches))
        return analyser
    known = {_documents_key(documents): result for documents, result in zip(batches, results, strict=True)}

    def answer(documents: Documents) -> dict[str, Any]:
        result = known.pop(_documents_key(documents), None)
        return result if result is not None else analyser(documents)

    return answer


def _documents_key(documents: Documents) -> tuple:
    return tuple((name, tuple(pages), readable) for name, pages, readable in documents)


def _documents(ws: Workspace, row: Message, record: bool = True) -> Documents:
    """The message's readable documents; with `record`, each attachment row also takes what its extraction
    found (or that it could not be read)."""
    documents: Documents = []
    for attachment in row.attachments:
        result = cached_extraction(ws, attachment.sha256) if attachment.problem is None else None
        if result is not None:
            if record:
                attachment.detected_type = result.detected_type
                attachment.readable = result.readable
                attachment.problem = result.problem
                attachment.problem_message = result.problem_message
                attachment.pages = len(result.pages)
                attachment.chars = result.chars
            if result.readable:
                documents.append((attachment.filename, list(result.pages), True))
        elif attachment.problem is None and record:
            attachment.readable = False
            attachment.problem = "not-extracted"
            attachment.problem_message = "Het bestand kon (nog) niet gelezen worden; de coördinator bekijkt het."
    return documents


def _with_body(documents: Documents, body: str) -> Documents:
    """What an application is analysed on: its documents or, without any, a mail body that is the proposal."""
    if not documents and body_is_proposal(body):
        return [(BODY_DOCUMENT, [body], True)]
    return documents


def _conclude_one(ws: Workspace, session: Session, row: Message, now: datetime, analyser: Analyser | None,
                  report: ConcludeReport) -> None:
    facts = row.facts or {}
    documents = _documents(ws, row)
    has_documents = any(a.origin != "body" for a in row.attachments)
    prefix = ws.call.call.reference_prefix
    reviewer_emails = {r.email.lower() for r in ws.reviewers.reviewers}
    decision_mails = select(Mail).where(Mail.kind == "decision", Mail.status == "sent")
    answers = session.scalar(decision_mails.where(Mail.message_id_header.in_(row.in_reply_to or ["-"])))
    subject_reference = reference_in(row.subject or "", prefix)
    sender_org_domain = sender_domain(row.sender)
    same_organisation = (
        select(Application.reference).where(Application.sender_domain == sender_org_domain)
        if sender_org_domain and not is_public_domain(sender_org_domain) else None
    )
    decision_for_sender = session.scalar(
        decision_mails.where(or_(
            Mail.to_addr == (row.sender or "-"),
            Mail.application == (subject_reference or "-"),
            *([Mail.application.in_(same_organisation)] if same_organisation is not None else []),
        ))
    )
    duplicate_of = _first_copy(session, row)
    kind = classify(
        MessageFacts(
            unparseable="unparseable" in row.problems or "too-large" in row.problems,
            duplicate=duplicate_of is not None,
            auto_reply=bool(facts.get("auto_reply")),
            spam=bool(facts.get("spam")),
            from_reviewer=(row.sender or "") in reviewer_emails,
            has_sheet=any(a.detected_type == "xlsx" for a in row.attachments),
            answers_decision=answers is not None,
            decision_sent_for_sender=decision_for_sender is not None,
            has_documents=has_documents,
            body=row.body_text or "",
        )
    )
    row.kind = kind
    row.on_time = None if row.received_at is None else not deadline_passed(ws, row.received_at)
    if kind == "duplicate":
        row.duplicate_of_id = duplicate_of.id if duplicate_of else None
        return
    if kind == "rebuttal":
        decision = answers or decision_for_sender
        row.rebuttal_of = decision.application if decision else subject_reference
        from tasks.rebuttals import handle_rebuttal  # window, late flag, receipt / late notice

        handle_rebuttal(ws, session, row, now, report)
        return
    if kind == "review-return":
        from tasks.review import handle_review_return  # imported here: tasks.review imports this module

        handle_review_return(ws, session, row, now, report)
        return
    if kind in ("question", "other"):
        report.queue.append(row.file)
        return
    if kind != "application":
        return
    documents = _with_body(documents, row.body_text or "")
    texts = [page for _name, pages, _ in documents for page in pages[:2]] + [row.body_text or ""]
    domain = sender_domain(row.sender)
    row.organisation, how = guess_organisation(texts, row.sender_name, domain, is_public_domain(domain))
    row.facts = {**(row.facts or {}), "organisation_source": how}
    row.title = guess_title(texts, row.subject or "")
    if analyser is not None:
        row.analysis = analyser(documents)
    if row.on_time is False:
        _note_late(ws, session, row, now, report)
        return
    trusted_name = (row.facts or {}).get("organisation_source") in ("labelled", "named")
    application = _application_for(session, row, subject_reference, domain, trusted_name)
    if application is None:
        application = _new_application(session, row, prefix, domain, now)
        row.version = 1
    else:
        previous = application.current_message
        row.version = (previous.version or 0) + 1 if previous else 1
        row.supersedes_id = previous.id if previous else None
    row.application_id = application.id
    application.current_message_id = row.id
    if row.organisation and (trusted_name or not application.organisation):
        application.organisation = row.organisation
        application.organisation_key = normalise_name(row.organisation) if trusted_name else None
    report.applications.append(application.reference)
    _acknowledge(ws, session, row, application, now, report)


def _first_copy(session: Session, row: Message) -> Message | None:
    """An earlier message with identical bytes or the same Message-ID."""
    conditions = [Message.sha256 == row.sha256]
    if row.message_id:
        conditions.append(Message.message_id == row.message_id)
    return session.scalar(
        select(Message)
        .where(or_(*conditions), Message.id != row.id, Message.status == "processed", Message.kind != "duplicate")
        .order_by(Message.id)
        .limit(1)
    )


def _application_for(session: Session, row: Message, reference: str | None, domain: str | None,
                     trusted_name: bool) -> Application | None:
    """Same organisation: our reference in the subject, the same sender, sender domain or organisation name."""
    if reference:
        found = session.scalar(select(Application).where(Application.reference == reference))
        if found is not None:
            return found
    if row.sender:
        found = session.scalar(select(Application).where(Application.sender == row.sender).order_by(Application.id))
        if found is not None:
            return found
    if domain and not is_public_domain(domain):
        found = session.scalar(
            select(Application).where(Application.sender_domain == domain).order_by(Application.id)
        )
        if found is not None:
            return found
    key = normalise_name(row.organisation)
    if key and trusted_name:
        return session.scalar(select(Application).where(Application.organisation_key == key).order_by(Application.id))
    return None


def _new_application(session: Session, row: Message, prefix: str, domain: str | None, now: datetime) -> Application:
    number = (session.scalar(select(func.max(Application.number))) or 0) + 1
    application = Application(
        reference=f"{prefix}-{number:03d}",
        number=number,
        organisation=row.organisation,
        organisation_key=None,  # set by the caller when the name is trustworthy
        sender=row.sender or "",
        sender_domain=domain,
        created_at=now,
    )
    session.add(application)
    session.flush()
    return application


def _attachment_lines(row: Message) -> list[dict[str, Any]]:
    return [
        {"filename": a.filename, "problem": a.problem, "problem_message": a.problem_message,
         "pages": a.pages, "readable": bool(a.readable)}
        for a in row.attachments
    ]


def _reply_address(row: Message) -> str:
    return (row.facts or {}).get("reply_to") or row.sender or ""


def _acknowledge(ws: Workspace, session: Session, row: Message, application: Application, now: datetime,
                 report: ConcludeReport) -> None:
    if not _reply_address(row):
        report.problems.setdefault("no-sender", []).append(row.file)
        return
    analysis = row.analysis or {}
    previous = session.get(Message, row.supersedes_id) if row.supersedes_id else None
    blocks = render_blocks(
        "mails/acknowledgement.txt.j2",
        call=ws.call.call,
        timeline=ws.timeline,
        reference=application.reference,
        version=row.version,
        previous_received_at=previous.received_at if previous else None,
        organisation=row.organisation,
        title=row.title,
        received_at=row.received_at,
        attachments=_attachment_lines(row),
        body_used=any(p.get("document") == BODY_DOCUMENT for p in _evidence_documents(analysis)),
        missing=analysis.get("incomplete_reasons", []),
        analysed=bool(analysis),
        complete=analysis.get("complete"),
    )
    mail = queue_mail(
        session,
        ws.outbox,
        MailSpec(
            key=f"acknowledgement:{application.reference}:v{row.version}",
            kind="acknowledgement",
            to=_reply_address(row),
            subject=blocks["subject"],
            body=blocks["body"],
            application=application.reference,
            related_message_id=row.id,
            in_reply_to=row.message_id,
        ),
        ws.call.mail,
        now,
    )
    report.mails.append(mail.key)


def _evidence_documents(analysis: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for field_name in ("service_types", "challenges", "municipalities", "sections"):
        for finding in analysis.get(field_name, []) or []:
            found.extend(finding.get("evidence", []))
    return found


def _note_late(ws: Workspace, session: Session, row: Message, now: datetime, report: ConcludeReport) -> None:
    if "late" not in row.problems:
        row.problems = [*row.problems, "late"]
        row.problem_messages = [
            *row.problem_messages,
            "De kandidatuur kwam binnen na de deadline en kan niet meer in aanmerking komen.",
        ]
    report.late.append(row.file)
    if not _reply_address(row):
        return
    blocks = render_blocks(
        "mails/late-notice.txt.j2",
        call=ws.call.call,
        timeline=ws.timeline,
        organisation=row.organisation,
        title=row.title,
        received_at=row.received_at,
        attachments=_attachment_lines(row),
    )
    mail = queue_mail(
        session,
        ws.outbox,
        MailSpec(
            key=f"late-notice:{row.sha256[:16]}",
            kind="late-notice",
            to=_reply_address(row),
            subject=blocks["subject"],
            body=blocks["body"],
            related_message_id=row.id,
            in_reply_to=row.message_id,
        ),
        ws.call.mail,
        now,
    )
    report.mails.append(mail.key)


class WorkspaceAnalyser:
    """The analysis as the conclude stage calls it: documents in, a JSON-ready dict out. `many` analyses a
    backlog on as many worker processes as the workspace gives extraction (the analysis is CPU-bound, and the
    extraction workers are idle by the time the conclude stage runs)."""

    def __init__(self, ws: Workspace) -> None:
        from tasks.analyse import lexicon_for

        self.call = ws.call
        self.lexicon = lexicon_for(self.call)
        self.workers = ws.call.extraction.workers

    def __call__(self, documents: Documents) -> dict[str, Any]:
        return _analysis(documents, self.call, self.lexicon)

    def many(self, batches: list[Documents]) -> list[dict[str, Any]]:
        if self.workers < 2 or len(batches) < ANALYSE_AHEAD_FROM:
            return [self(documents) for documents in batches]
        # spawned, not forked: the caller runs Prefect's threads, whose locks a fork could copy held
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_analysis_worker,
                                 initargs=(self.call,)) as pool:
            return list(pool.map(_analyse_in_worker, batches, chunksize=ANALYSIS_CHUNK))


ANALYSIS_CHUNK = 8  # applications per round trip to a worker
_worker_analysis: tuple[CallConfig, Lexicon] | None = None  # in an analysis worker process


def _start_analysis_worker(call: CallConfig) -> None:
    from tasks.analyse import lexicon_for

    global _worker_analysis
    _worker_analysis = (call, lexicon_for(call))


def _analyse_in_worker(documents: Documents) -> dict[str, Any]:
    assert _worker_analysis is not None
    return _analysis(documents, *_worker_analysis)


def _analysis(documents: Documents, call: CallConfig, lexicon: Lexicon) -> dict[str, Any]:
    from tasks.analyse import DocumentText, analyse

    texts = [DocumentText(name=name, pages=pages, readable=readable) for name, pages, readable in documents]
    return analyse(texts, call, lexicon).model_dump(mode="json")


def analyser_for(ws: Workspace) -> WorkspaceAnalyser:
    return WorkspaceAnalyser(ws)


def summary_json(report: ConcludeReport) -> str:
    return json.dumps(report.__dict__, ensure_ascii=False, indent=2)
