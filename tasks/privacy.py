"""Data protection: purge a finished call's personal data after its retention period, and export everything
stored about one person (an access request). Both are audited.

Purge (`callflow purge --before DATE`). Allowed only when the call is finished (every decision mail sent and the
last rebuttal window closed) and `privacy.retention_days` (call.yaml) have passed since, and DATE is not in
the future. Rows recorded before DATE keep their shape, so exports, references and counts still work, but:
addresses, names, organisation names and domains become pseudonyms (a keyed hash, the same value gives the
same pseudonym everywhere in one purge; the key is random per purge and never stored, so a pseudonym cannot
be traced back by hashing guessed addresses); free text (subjects, titles, mail bodies, motivations, reviewer
comments, analysis quotes) is removed; the received mails and attachments in state/archive and inbox/, the
extraction cache, the outbox .eml files, the packets and the files in exports/ are deleted. The anonymous
statistics (counts per kind, service type, decision outcome, …) are taken just before and kept in a
`purge_reports` row, which `callflow export statistics` shows. The audit log keeps its events, with the same pseudonyms in place of the
personal values; the purge's own changes are logged without values.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, inspect, or_, select
from sqlalchemy.orm import Session, selectinload

from callflow.workspace import Workspace
from tasks import audit
from tasks.registry import (
    Application,
    Attachment,
    AuditEvent,
    Decision,
    Mail,
    Message,
    MilestoneRun,
    PitchSlot,
    PurgeReport,
    RebuttalPacket,
    Registry,
    ReviewAssignment,
    ReviewScore,
    ScoreReturn,
)

ANALYSIS_FIELDS = ("service_types", "challenges", "personas", "municipalities", "sections", "exclusions")
SAFE_FACTS = ("file_mtime", "maildir_time", "auto_reply", "spam", "inline_images", "date", "organisation_source")
PSEUDONYM = re.compile(r"^(persoon|organisatie|bijlage)-[0-9a-f]{12}|@anoniem\.invalid$|^domein-[0-9a-f]{12}\.invalid$")
REMOVED = "[verwijderd]"


class PurgeRefused(Exception):
    """The call may not be purged yet (or not with this DATE); the message says why and from when it may."""


# --- pseudonyms --------------------------------------------------------------------------------------


class Pseudonyms:
    """Stable within one purge: the same value (case and spacing ignored) always gives the same pseudonym."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)
        self.replaced: dict[str, str] = {}  # original → pseudonym, to scrub free-form JSON (summaries, audit)
        self.exact: dict[str, str] = {}  # whole values only (a title may be a common word): original → REMOVED
        self._pattern: tuple[int, re.Pattern[str]] | None = None

    def _hash(self, value: str) -> str:
        normal = " ".join(value.split()).lower()
        return hmac.new(self._key, normal.encode(), hashlib.sha256).hexdigest()[:12]

    def __call__(self, kind: str, value: str | None) -> str | None:
        if value is None or value == "" or is_pseudonym(value):
            return value
        digest = self._hash(value)
        if kind == "email":
            result = f"persoon-{digest}@anoniem.invalid"
        elif kind == "domain":
            result = f"domein-{digest}.invalid"
        elif kind == "file":
            suffix = Path(value).suffix.lower() if re.fullmatch(r"\.[A-Za-z0-9]{1,8}", Path(value).suffix) else ""
            result = f"bijlage-{digest}{suffix}"
        elif kind == "organisation":
            result = f"organisatie-{digest}"
        else:
            result = f"persoon-{digest}"
        if len(value) >= 4:
            self.replaced[value] = result
        return result

    def scrub(self, value: Any) -> Any:
        """Replace every known personal value inside strings of a JSON structure."""
        if not self.replaced and not self.exact:
            return value
        if self._pattern is None or self._pattern[0] != len(self.replaced):  # compiled once per set of values
            alternatives = "|".join(re.escape(item) for item in sorted(self.replaced, key=len, reverse=True))
            self._pattern = (len(self.replaced), re.compile(alternatives or "(?!)", re.IGNORECASE))
        pattern = self._pattern[1]
        lookup = {item.lower(): result for item, result in self.replaced.items()}

        def walk(item: Any) -> Any:
            if isinstance(item, str):
                if item in self.exact:
                    return self.exact[item]
                return pattern.sub(lambda match: lookup[match.group(0).lower()], item)
            if isinstance(item, dict):  # keys too: a summary may count per reviewer address
                return {walk(key): walk(inner) for key, inner in item.items()}
            if isinstance(item, list):
                return [walk(inner) for inner in item]
            return item

        return walk(value)


def is_pseudonym(value: str) -> bool:
    return bool(PSEUDONYM.search(value))


# How each personal column is anonymised: a pseudonym kind, or a function of (value, pseudonyms).
Rule = str | Callable[[Any, Pseudonyms], Any]


def _drop_text(value: Any, _p: Pseudonyms) -> Any:
    return None if value is None else REMOVED


def _drop_nullable(value: Any, _p: Pseudonyms) -> Any:
    return None


def _drop_title(value: Any, pseudonyms: Pseudonyms) -> Any:
    """Removed, and removed where a summary quotes it whole (a shortlist lists titles)."""
    if isinstance(value, str) and value != REMOVED:
        pseudonyms.exact[value] = REMOVED
    return None


def _drop_list(value: Any, _p: Pseudonyms) -> Any:
    return []


def _drop_dict(value: Any, _p: Pseudonyms) -> Any:
    return {}


def _safe_facts(value: Any, _p: Pseudonyms) -> Any:
    return {key: item for key, item in (value or {}).items() if key in SAFE_FACTS} if value is not None else None


def _bare_analysis(value: Any, _p: Pseudonyms) -> Any:
    """What was found, without the quotes that prove it (they are the applicant's own words)."""
    if not value:
        return value
    bare: dict[str, Any] = {
        name: [{"id": finding["id"], "evidence": []} for finding in value.get(name, []) or []]
        for name in ANALYSIS_FIELDS
    }
    bare["missing_sections"] = [{"id": item["id"], "looked_for": item.get("looked_for", "")}
                                for item in value.get("missing_sections", []) or []]
    bare["complete"] = value.get("complete")
    bare["incomplete_reasons"] = []
    return bare


def _attachment_name(value: Any, pseudonyms: Pseudonyms) -> Any:
    return pseudonyms("file", value)


PERSONAL: dict[type, dict[str, Rule]] = {
    Application: {"organisation": "organisation", "organisation_key": "organisation", "sender": "email",
                  "sender_domain": "domain"},
    Message: {"sender": "email", "sender_name": "name", "organisation": "organisation", "subject": _drop_nullable,
              "title": _drop_title, "body_text": _drop_nullable, "message_id": _drop_nullable,
              "in_reply_to": _drop_list, "facts": _safe_facts, "analysis": _bare_analysis},
    Attachment: {"filename": _attachment_name},
    Mail: {"to_addr": "email", "subject": _drop_text, "last_error": _drop_nullable},
    Decision: {"motivation": _drop_text},
    ReviewAssignment: {"reviewer_email": "email"},
    ScoreReturn: {"reviewer_email": "email", "comments": _drop_dict},
    ReviewScore: {"reviewer_email": "email"},
}
PERSONAL_BY_TABLE = {model.__tablename__: rules for model, rules in PERSONAL.items()}
# Columns that are no personal data themselves but may mention it (a mail key with a reviewer's address, a
# problem sentence with an attachment's name): the pseudonyms replace what they mention, after the pass above.
MENTIONS: dict[type, tuple[str, ...]] = {
    Mail: ("key", "eml_file"),
    Message: ("problem_messages",),
    Attachment: ("problem_message",),
    ScoreReturn: ("problems",),
}


def _anonymised(rule: Rule, value: Any, pseudonyms: Pseudonyms) -> Any:
    if isinstance(rule, str):
        return pseudonyms(rule, value) if isinstance(value, str) else value
    return rule(value, pseudonyms)


def _anonymise_row(row: Any, pseudonyms: Pseudonyms, *, apply: bool = True) -> bool:
    """Anonymise one row's personal columns (or, with apply=False, only tell); whether anything changes."""
    changed = False
    for column, rule in PERSONAL[type(row)].items():
        value = getattr(row, column)
        new = _anonymised(rule, value, pseudonyms)
        if new != value:
            if apply:
                setattr(row, column, new)
            changed = True
    return changed


# --- when a call may be purged ------------------------------------------------------------------------


@dataclass
class Readiness:
    finished_at: datetime  # the last rebuttal window closed
    purge_from: datetime  # finished_at + retention_days
    unsent: list[str] = field(default_factory=list)  # decision mails that still have to go out


def readiness(ws: Workspace, session: Session) -> Readiness:
    """When the call ends: the latest rebuttal window of a sent decision, and at least the window of a
    decision sent on `decision_by`."""
    from tasks.rebuttals import window_for

    timeline = ws.timeline
    finished = timeline.rebuttal_closes(timeline.decision_by)
    unsent = []
    decision_mails = session.scalars(select(Mail).where(Mail.kind == "decision", Mail.status != "superseded"))
    for reference in sorted({mail.application for mail in decision_mails if mail.application}):
        window = window_for(ws, session, reference)
        if window is not None:
            finished = max(finished, window.closes_at)
    for mail in session.scalars(select(Mail).where(Mail.kind == "decision", Mail.status.in_(
            ("draft", "approved", "sending", "failed"))).order_by(Mail.id)):
        unsent.append(f"{mail.key} ({mail.status})")
    return Readiness(finished, finished + timedelta(days=ws.call.privacy.retention_days), unsent)


def check_purge(ws: Workspace, session: Session, before: datetime, now: datetime) -> Readiness:
    ready = readiness(ws, session)
    local = ws.local
    if before > now:
        raise PurgeRefused(f"--before {local(before).isoformat()} lies after now ({local(now).isoformat()}); "
                           "personal data can only be purged up to the present")
    if ready.unsent:
        raise PurgeRefused(f"the call is not finished: decision mails not sent yet: {', '.join(ready.unsent)}; "
                           "send or withdraw them first (callflow outbox list)")
    if before < ready.finished_at:
        raise PurgeRefused(f"the call is not finished: the last rebuttal window closes at "
                           f"{local(ready.finished_at).isoformat()}; nothing can be purged before that")
    if before < ready.purge_from:
        raise PurgeRefused(
            f"the retention period has not passed: personal data is kept for privacy.retention_days="
            f"{ws.call.privacy.retention_days} days after the call ended ({local(ready.finished_at).isoformat()}), "
            f"so until {local(ready.purge_from).isoformat()}; purge with --before {local(ready.purge_from).date()} "
            "or later")
    return ready


# --- statistics ------------------------------------------------------------------------------------------


def statistics(session: Session) -> dict[str, Any]:
    """The call in numbers, without a single personal value."""
    messages = list(session.scalars(select(Message)))
    applications = list(session.scalars(
        select(Application).options(selectinload(Application.current_message)).order_by(Application.number)))
    per_kind = Counter(message.kind or "unknown" for message in messages)
    per_service_type: Counter[str] = Counter()
    per_challenge: Counter[str] = Counter()
    per_municipality: Counter[str] = Counter()
    complete = 0
    for application in applications:
        analysis = (application.current_message.analysis if application.current_message else None) or {}
        per_service_type.update(finding["id"] for finding in analysis.get("service_types", []) or [])
        per_challenge.update(finding["id"] for finding in analysis.get("challenges", []) or [])
        per_municipality.update(finding["id"] for finding in analysis.get("municipalities", []) or [])
        complete += bool(analysis.get("complete"))
    decisions = Counter(session.scalars(select(Decision.outcome).where(Decision.status == "applied")))
    mails = Counter(session.scalars(select(Mail.kind).where(Mail.status == "sent")))
    rebuttals = [message for message in messages if message.kind == "rebuttal"]
    return {
        "messages": len(messages),
        "messages_per_kind": dict(sorted(per_kind.items())),
        "applications": len(applications),
        "applications_complete": complete,
        "late_applications": sum(message.kind == "application" and message.on_time is False for message in messages),
        "applications_per_service_type": dict(sorted(per_service_type.items())),
        "applications_per_challenge": dict(sorted(per_challenge.items())),
        "applications_per_municipality": dict(sorted(per_municipality.items())),
        "decisions_per_outcome": dict(sorted(decisions.items())),
        "rebuttals": {"on_time": sum(m.on_time is True for m in rebuttals), "late": sum(m.on_time is False for m in rebuttals)},
        "mails_sent_per_kind": dict(sorted(mails.items())),
    }


def statistics_records(session: Session, tz: Any) -> dict[str, Any]:
    """`export statistics`: the numbers now, and those kept by every purge."""
    reports = session.scalars(select(PurgeReport).order_by(PurgeReport.id))
    return {
        "current": statistics(session),
        "purges": [
            {"purged_at": report.purged_at.astimezone(tz).isoformat(), "before": report.before.astimezone(tz).isoformat(),
             "actor": report.actor, "statistics": report.statistics, "removed": report.removed}
            for report in reports
        ],
    }


# --- purge ------------------------------------------------------------------------------------------------


@dataclass
class PurgeResult:
    before: datetime
    dry_run: bool
    rows: dict[str, int] = field(default_factory=dict)  # table → rows anonymised
    files: list[str] = field(default_factory=list)  # deleted (or, in a dry run, to delete), workspace-relative
    audit_events: int = 0  # audit events whose personal values were pseudonymised
    statistics: dict[str, Any] = field(default_factory=dict)

    @property
    def nothing_to_do(self) -> bool:
        return not any(self.rows.values()) and not self.files and not self.audit_events


def _in_scope(session: Session, before: datetime) -> dict[type, list[Any]]:
    messages = list(session.scalars(
        select(Message).options(selectinload(Message.attachments)).where(Message.recorded_at < before)
        .order_by(Message.id)))
    returns = list(session.scalars(
        select(ScoreReturn).options(selectinload(ScoreReturn.scores)).where(ScoreReturn.recorded_at < before)))
    return {
        Application: list(session.scalars(select(Application).where(Application.created_at < before))),
        Message: messages,
        Attachment: [attachment for message in messages for attachment in message.attachments],
        Mail: list(session.scalars(select(Mail).where(Mail.created_at < before))),
        Decision: list(session.scalars(select(Decision).where(Decision.recorded_at < before))),
        ReviewAssignment: list(session.scalars(select(ReviewAssignment).where(ReviewAssignment.created_at < before))),
        ScoreReturn: returns,
        ReviewScore: [score for score_return in returns for score in score_return.scores],
    }


def _files(ws: Workspace, session: Session, scope: dict[type, list[Any]], before: datetime) -> list[Path]:
    """Every file holding personal data of the rows in scope; a blob another (kept) message shares stays."""
    kept = set(session.scalars(select(Message.sha256).where(Message.recorded_at >= before)))
    kept_blobs = set(session.scalars(
        select(Attachment.sha256).join(Message, Attachment.message_id == Message.id)
        .where(Message.recorded_at >= before)))
    paths: list[Path] = []
    for message in scope[Message]:
        paths.append(ws.inbox / message.file)
        if message.sha256 not in kept:
            paths.append(ws.archive / "messages" / message.sha256[:2] / f"{message.sha256}.eml")
    for attachment in scope[Attachment]:
        if attachment.sha256 not in kept_blobs:
            paths.append(ws.archive / attachment.stored_as)
            paths.append(ws.extraction_cache / attachment.sha256[:2] / f"{attachment.sha256}.json")
    for mail in scope[Mail]:
        if mail.eml_file:
            paths.extend(folder / mail.eml_file for folder in sorted(ws.outbox.glob("*/")))
    for folder in (ws.packets, ws.exports):  # packets and the exports callflow wrote (names, addresses, titles)
        if folder.is_dir():
            paths.extend(sorted(path for path in folder.rglob("*") if path.is_file()))
    root = ws.root.resolve()
    unique = dict.fromkeys(path for path in paths if path.resolve().is_relative_to(root) and path.is_file())
    return list(unique)


def _logged(rule: Rule, value: Any, pseudonyms: Pseudonyms) -> Any:
    return value if value == audit.HIDDEN else _anonymised(rule, value, pseudonyms)


def _scrub_audit(session: Session, pseudonyms: Pseudonyms, scope: dict[type, list[Any]]) -> int:
    """The audit log keeps its events: personal values of the purged rows become the same pseudonyms. Two
    passes: the column rules first (an old value that only the log still holds joins the pseudonyms), then
    every known value wherever it is mentioned."""
    purged = {(model.__tablename__, ",".join(str(value) for value in inspect(row).identity or ()))
              for model, rows in scope.items() for row in rows}
    events = list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))
    anonymised: list[tuple[dict[str, Any], str | None]] = []
    for event in events:
        rules = PERSONAL_BY_TABLE.get(event.entity, {}) if (event.entity, event.entity_id) in purged else {}
        details = {}
        for column, value in (event.details or {}).items():
            rule = rules.get(column)
            if rule is None:
                details[column] = value
            elif event.action == "update" and isinstance(value, list) and len(value) == 2:  # [old, new]
                details[column] = [_logged(rule, item, pseudonyms) for item in value]
            else:
                details[column] = _logged(rule, value, pseudonyms)
        entity_id = event.entity_id
        if event.entity == "person" and entity_id:
            entity_id = pseudonyms("email", entity_id)
        anonymised.append((details, entity_id))
    count = 0
    for event, (details, entity_id) in zip(events, anonymised, strict=True):
        details = pseudonyms.scrub(details)
        if details != event.details or entity_id != event.entity_id:
            event.details, event.entity_id = details, entity_id
            count += 1
    return count


def purge(ws: Workspace, registry: Registry, before: datetime, now: datetime, *, dry_run: bool = False,
          pseudonyms: Pseudonyms | None = None) -> PurgeResult:
    """Anonymise what was recorded before `before` (see the module text); raises PurgeRefused when too early.
    A dry run reports the same rows and files and changes nothing."""
    pseudonyms = pseudonyms or Pseudonyms()
    result = PurgeResult(before=before, dry_run=dry_run)
    with audit.values_hidden(), registry.session() as session:
        check_purge(ws, session, before, now)
        result.statistics = statistics(session)
        scope = _in_scope(session, before)
        files = _files(ws, session, scope, before)
        result.files = [str(path.relative_to(ws.root)) for path in files]
        result.rows = {model.__tablename__: sum(_anonymise_row(row, pseudonyms, apply=not dry_run) for row in rows)
                       for model, rows in scope.items()}
        if dry_run:
            return result
        session.flush()
        result.audit_events = _scrub_audit(session, pseudonyms, scope)
        for model, columns in MENTIONS.items():
            for row in scope[model]:
                for column in columns:
                    value = getattr(row, column)
                    scrubbed = pseudonyms.scrub(value)
                    if scrubbed != value:
                        setattr(row, column, scrubbed)
        for run in session.scalars(select(MilestoneRun)):
            summary = pseudonyms.scrub(run.summary)
            if summary != run.summary:
                run.summary = summary
        if result.nothing_to_do:
            return result
        removed = {"rows": result.rows, "files": len(result.files), "audit_events": result.audit_events}
        session.add(PurgeReport(purged_at=now, before=before, actor=audit.current_actor(),
                                statistics=result.statistics, removed=removed))
        session.flush()
        audit.log(session, "purge", "call", ws.call.call.id, {"before": before, "now": now, **removed})
    for path in files:
        path.unlink(missing_ok=True)
    _remove_empty_folders(ws.packets)
    _remove_empty_folders(ws.exports)
    return result


def _remove_empty_folders(root: Path) -> None:
    if not root.is_dir():
        return
    for folder in sorted((path for path in root.rglob("*") if path.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


# --- access request ---------------------------------------------------------------------------------------


def _iso(moment: datetime | None, tz: Any) -> str | None:
    return moment.astimezone(tz).isoformat() if moment else None


def person_records(ws: Workspace, session: Session, email: str) -> dict[str, Any]:
    """Everything stored about the person with this address: what they sent (with the received files'
    metadata), their applications with decisions and pitch slots, the mails sent to them, and, for a reviewer,
    their assignments and scores."""
    tz = ws.call.tz
    address = email.strip().lower()
    messages = [
        message for message in session.scalars(
            select(Message).options(selectinload(Message.attachments), selectinload(Message.application))
            .order_by(Message.received_at, Message.id))
        if (message.sender or "").lower() == address or ((message.facts or {}).get("reply_to") or "").lower() == address
    ]
    application_ids = {message.application_id for message in messages if message.application_id}
    applications = list(session.scalars(
        select(Application).where(or_(func.lower(Application.sender) == address, Application.id.in_(application_ids)))
        .order_by(Application.number)))
    references = [application.reference for application in applications]
    mails = list(session.scalars(select(Mail).where(func.lower(Mail.to_addr) == address).order_by(Mail.id)))
    decisions = list(session.scalars(
        select(Decision).where(Decision.application.in_(references)).order_by(Decision.application, Decision.version)))
    pitches = list(session.scalars(select(PitchSlot).where(PitchSlot.application_reference.in_(references))))
    packets = list(session.scalars(select(RebuttalPacket).where(RebuttalPacket.application.in_(references))))
    reviewer = ws.reviewers.reviewer(address)
    assignments = list(session.scalars(
        select(ReviewAssignment).where(func.lower(ReviewAssignment.reviewer_email) == address)
        .order_by(ReviewAssignment.application_reference)))
    returns = list(session.scalars(
        select(ScoreReturn).options(selectinload(ScoreReturn.scores))
        .where(func.lower(ScoreReturn.reviewer_email) == address).order_by(ScoreReturn.id)))
    return {
        "person": address,
        "messages": [_message_record(message, tz) for message in messages],
        "applications": [
            {"reference": a.reference, "organisation": a.organisation, "sender": a.sender,
             "sender_domain": a.sender_domain, "created_at": _iso(a.created_at, tz),
             "current_file": a.current_message.file if a.current_message else None}
            for a in applications
        ],
        "decisions": [
            {"application": d.application, "version": d.version, "outcome": d.outcome, "motivation": d.motivation,
             "status": d.status, "recorded_at": _iso(d.recorded_at, tz), "applied_at": _iso(d.applied_at, tz)}
            for d in decisions
        ],
        "pitches": [
            {"application": p.application_reference, "starts_at": _iso(p.starts_at, tz), "ends_at": _iso(p.ends_at, tz),
             "location": p.location}
            for p in pitches
        ],
        "rebuttal_packets": [{"application": p.application, "version": p.version, "file": f"packets/{p.file}"}
                             for p in packets],
        "mails": [
            {"key": m.key, "kind": m.kind, "application": m.application, "to": m.to_addr, "subject": m.subject,
             "status": m.status, "created_at": _iso(m.created_at, tz), "sent_at": _iso(m.sent_at, tz),
             "file": m.eml_file}
            for m in mails
        ],
        "reviewer": None if reviewer is None and not assignments and not returns else {
            "name": reviewer.name if reviewer else None,
            "organisation": reviewer.organisation if reviewer else None,
            "conflicts": list(reviewer.conflicts) if reviewer else [],
            "assignments": [{"application": a.application_reference, "how": a.how} for a in assignments],
            "score_returns": [
                {"received_at": _iso(r.received_at, tz), "status": r.status, "current": r.current, "late": r.late,
                 "comments": r.comments,
                 "scores": [{"application": s.application_reference, "criterion": s.criterion, "score": s.score}
                            for s in sorted(r.scores, key=lambda s: (s.application_reference, s.criterion))]}
                for r in returns
            ],
        },
    }


def _message_record(message: Message, tz: Any) -> dict[str, Any]:
    return {
        "file": message.file,
        "received_at": _iso(message.received_at, tz),
        "kind": message.kind,
        "status": message.status,
        "sender": message.sender,
        "sender_name": message.sender_name,
        "reply_to": (message.facts or {}).get("reply_to"),
        "subject": message.subject,
        "body_text": message.body_text,
        "organisation": message.organisation,
        "title": message.title,
        "application": message.application.reference if message.application else None,
        "version": message.version,
        "problems": list(message.problems or []),
        "attachments": [
            {"filename": a.filename, "size": a.size, "sha256": a.sha256, "content_type": a.content_type,
             "detected_type": a.detected_type, "pages": a.pages, "readable": a.readable, "problem": a.problem}
            for a in message.attachments
        ],
    }


def export_person(ws: Workspace, registry: Registry, email: str) -> dict[str, Any]:
    """person_records, with the access request itself written to the audit log."""
    with registry.session() as session:
        records = person_records(ws, session, email)
        found = {name: len(records[name]) for name in ("messages", "applications", "decisions", "mails")}
        found["reviewer"] = records["reviewer"] is not None
        audit.log(session, "export-person", "person", records["person"], {"found": found})
    return records
