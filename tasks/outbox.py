"""The outbox: every outgoing mail as an .eml file and a ledger row, delivered exactly once.

A mail is queued under an idempotency key (application, kind, version); queuing the same key again returns
the existing row, so a re-run never writes or sends a second mail. States: draft → approved → sending →
sent / failed. Kinds listed in mail.auto_send are approved when queued; the rest wait for the coordinator.
A row left in `sending` by a crash is reported for the coordinator to confirm, never resent blindly over
SMTP. Files: outbox/pending/ before sending, outbox/sent/ after, outbox/superseded/ for a draft that a new
version replaced before it was sent (decision mails: at most one live mail per application and kind).
"""

from __future__ import annotations

import email
import email.policy
import logging
import mimetypes
import re
import smtplib
import socket
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from importlib import import_module
from pathlib import Path
from typing import Protocol

import yagmail
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from callflow.config import MailSettings, SmtpSettings
from callflow.workspace import Workspace
from tasks import audit
from tasks.registry import Mail, Registry
from tasks.storage import safe_filename, write_atomic

logger = logging.getLogger(__name__)

PENDING, SENT, FAILED = "pending", "sent", "failed"
# CRLF line ends for SMTP; no folding of long headers below RFC 5322's hard limit, because folding a
# subject with encoded words reads back with doubled spaces in some clients.
MAIL_POLICY = email.policy.SMTP.clone(max_line_length=998)
SUPERSEDED = "superseded"  # folder and status of a draft replaced before it was sent
# Kinds of which an application has at most one live (not superseded) mail: a new version replaces the
# unsent draft (replace_draft) or, once one was sent, follows it as an explicit correction (queue_correction).
SINGLE_LIVE_KINDS = frozenset({"decision"})
UNSENT = ("draft", "approved", "failed")
# Kinds whose text depends on the moment they are sent (a decision mail states when its rebuttal window
# closes): the module function re-renders the mail at send time, keeping its key and Message-ID.
SEND_TIME_RENDERERS = {"decision": "tasks.decisions:render_at_send"}
TRANSIENT_SMTP_ERRORS = (
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
    smtplib.SMTPDataError,
    smtplib.SMTPHeloError,
    ConnectionError,
    socket.timeout,
    TimeoutError,
)


class MailError(Exception):
    """A mail could not be queued or delivered; the message says which and why."""


class DeliveryUncertain(MailError):
    """The SMTP server received the whole message but its answer did not come in time: it may have accepted
    the mail (RFC 5321 4.5.3.2.6), so sending it again could deliver it twice. The mail stays in 'sending'
    for the coordinator to confirm."""


@dataclass(frozen=True)
class OutgoingAttachment:
    filename: str
    data: bytes


@dataclass(frozen=True)
class MailSpec:
    key: str  # idempotency key, e.g. "acknowledgement:HAS-2023-001:v1"
    kind: str
    to: str
    subject: str
    body: str
    application: str | None = None
    related_message_id: int | None = None
    in_reply_to: str | None = None
    attachments: Sequence[OutgoingAttachment] = ()


def header_safe(value: str) -> str:
    """No CR, LF or other control characters in a header value: applicant text cannot inject headers. The
    Unicode line breaks NEL, U+2028 and U+2029 go too: the email package refuses them (ValueError)."""
    return re.sub(r"[\x00-\x1f\x7f\x85\u2028\u2029]+", " ", value).strip()


def _file_name(key: str, mail_id: int) -> str:
    return f"{mail_id:05d}-{safe_filename(key.replace(':', '-'))[:100]}.eml"


def build_eml(spec: MailSpec, settings: MailSettings, message_id: str, date: datetime) -> bytes:
    """The complete message, exactly as it will be sent, with CRLF line endings.

    callflow builds the MIME message with the standard library rather than yagmail's builder: yagmail
    turns every newline of a text/plain body into '<br>' and treats a content string that names an
    existing file as an attachment. yagmail still makes the connection (SSL/STARTTLS/login, see
    SmtpTransport). Applicant text only ever becomes header values after header_safe(), and body text.
    """
    message = EmailMessage(policy=MAIL_POLICY)
    message["From"] = formataddr((settings.from_name, settings.from_address)) if settings.from_name else settings.from_address
    message["To"] = header_safe(spec.to)
    message["Subject"] = header_safe(spec.subject)
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    if spec.in_reply_to:
        message["In-Reply-To"] = header_safe(spec.in_reply_to)
        message["References"] = header_safe(spec.in_reply_to)
    message.set_content(spec.body, charset="utf-8", cte="quoted-printable")
    for attachment in spec.attachments:
        maintype, subtype = _mime_type(attachment.filename)
        message.add_attachment(attachment.data, maintype=maintype, subtype=subtype,
                               filename=safe_filename(attachment.filename))
    return message.as_bytes()


def _mime_type(filename: str) -> tuple[str, str]:
    guessed, _ = mimetypes.guess_type(filename)
    if guessed is None:
        guessed = {".ics": "text/calendar"}.get(Path(filename).suffix.lower(), "application/octet-stream")
    maintype, _, subtype = guessed.partition("/")
    return maintype, subtype


def _restamp(eml: bytes, moment: datetime) -> bytes:
    """Set the Date header to the send time: a mail 'sent' at T carries T."""
    message = email.message_from_bytes(eml, policy=MAIL_POLICY)
    del message["Date"]
    message["Date"] = format_datetime(moment)
    return message.as_bytes()


def queue_mail(session: Session, outbox: Path, spec: MailSpec, settings: MailSettings, now: datetime) -> Mail:
    """Queue a mail once per key: the second call with the same key returns the first row untouched."""
    existing = session.scalar(select(Mail).where(Mail.key == spec.key))
    if existing is not None:
        return existing
    if spec.kind in SINGLE_LIVE_KINDS and spec.application and live_mails(session, spec.kind, spec.application):
        raise MailError(
            f"{spec.application} already has a {spec.kind} mail; a new version goes through replace_draft "
            "(not sent yet) or queue_correction (already sent)"
        )
    return _insert(session, outbox, spec, settings, now)


def _insert(session: Session, outbox: Path, spec: MailSpec, settings: MailSettings, now: datetime) -> Mail:
    domain = settings.from_address.rsplit("@", 1)[1]
    message_id = f"<callflow.{uuid.uuid4().hex}@{domain}>"
    auto = spec.kind in settings.auto_send
    values = dict(
        key=spec.key,
        kind=spec.kind,
        application=spec.application,
        related_message_id=spec.related_message_id,
        to_addr=header_safe(spec.to),
        subject=header_safe(spec.subject),
        message_id_header=message_id,
        eml_file="",
        status="approved" if auto else "draft",
        created_at=now,
        approved_at=now if auto else None,
        attempts=0,
    )
    row = _insert_once(session, values)
    if row.message_id_header != message_id:
        return row  # a concurrent run queued this key first (no workspace lock): its mail is the one
    row.eml_file = _file_name(spec.key, row.id)
    write_atomic(outbox / PENDING / row.eml_file, build_eml(spec, settings, message_id, now))
    return row


def _insert_once(session: Session, values: dict[str, object]) -> Mail:
    """Insert the ledger row, or return the row a concurrent run inserted under the same key meanwhile.

    INSERT … ON CONFLICT (key) DO NOTHING on SQLite and PostgreSQL: the loser of the race neither fails nor
    aborts its transaction (which a caught IntegrityError would do on PostgreSQL), it just gets the winner's row.
    """
    dialect = session.get_bind().dialect.name
    if dialect not in ("sqlite", "postgresql"):
        row = Mail(**values)
        session.add(row)
        session.flush()  # assigns the id used in the file name
        return row
    insert = import_module(f"sqlalchemy.dialects.{dialect}").insert
    statement = insert(Mail).values(**values).on_conflict_do_nothing(index_elements=["key"]).returning(Mail.id)
    mail_id = session.execute(statement).scalar()
    if mail_id is None:
        existing = session.scalar(select(Mail).where(Mail.key == values["key"]))
        assert existing is not None, f"{values['key']}: conflicting insert but no row"
        return existing
    row = session.get(Mail, mail_id)
    assert row is not None
    audit.inserted(session, row)  # a Core insert: the flush listeners do not see it
    return row


def approve(session: Session, now: datetime, *, kinds: Sequence[str] = (), keys: Sequence[str] = (),
            everything: bool = False) -> list[Mail]:
    if not (kinds or keys or everything):
        raise MailError("name what to approve: --kind KIND, --key KEY or --all")
    query = select(Mail).where(Mail.status == "draft")
    if not everything:
        conditions = []
        if kinds:
            conditions.append(Mail.kind.in_(list(kinds)))
        if keys:
            conditions.append(Mail.key.in_(list(keys)))
        query = query.where(or_(*conditions))
    rows = list(session.scalars(query.order_by(Mail.id)))
    for row in rows:
        row.status = "approved"
        row.approved_at = now
    return rows


# --- new versions of a mail (decisions) ----------------------------------------------------------


def live_mails(session: Session, kind: str, application: str) -> list[Mail]:
    """Every mail of this kind for this application that still counts: all but the superseded ones."""
    return list(
        session.scalars(
            select(Mail)
            .where(Mail.kind == kind, Mail.application == application, Mail.status != SUPERSEDED)
            .order_by(Mail.id)
        )
    )


def _supersede(outbox: Path, row: Mail) -> None:
    """An unsent version is taken out of the queue for good: it can no longer be approved or sent."""
    row.status = SUPERSEDED
    if (outbox / PENDING / row.eml_file).exists():
        _move(outbox, row.eml_file, PENDING, SUPERSEDED)


def _earlier_versions(session: Session, spec: MailSpec) -> list[Mail]:
    if not spec.application:
        raise MailError(f"{spec.key}: a new version of a mail needs the application it belongs to")
    return _settled_versions(session, spec.kind, spec.application)


def _settled_versions(session: Session, kind: str, application: str) -> list[Mail]:
    earlier = live_mails(session, kind, application)
    sending = [row.key for row in earlier if row.status == "sending"]
    if sending:
        raise MailError(
            f"{', '.join(sending)} may be on its way (left in 'sending'); settle it first with "
            "`callflow outbox confirm KEY --sent` or `--not-sent`"
        )
    return earlier


def replace_draft(session: Session, outbox: Path, spec: MailSpec, settings: MailSettings, now: datetime) -> Mail:
    """Queue `spec` as the one live mail of its kind for its application, superseding the unsent earlier
    version (draft, approved or failed). Refuses when an earlier version was sent: that needs an explicit
    correction. Idempotent by key like queue_mail."""
    existing = session.scalar(select(Mail).where(Mail.key == spec.key))
    if existing is not None:
        return existing
    earlier = _earlier_versions(session, spec)
    sent = [row.key for row in earlier if row.status == "sent"]
    if sent:
        raise MailError(f"{', '.join(sent)} was already sent; send a correction (queue_correction) instead")
    for row in earlier:
        _supersede(outbox, row)
    return _insert(session, outbox, spec, settings, now)


def withdraw_unsent(session: Session, outbox: Path, kind: str, application: str) -> list[Mail]:
    """Supersede every unsent version, so the one already sent stands alone (a change was undone before
    its correction went out). Refuses while a version is in 'sending'."""
    withdrawn = [row for row in _settled_versions(session, kind, application) if row.status in UNSENT]
    for row in withdrawn:
        _supersede(outbox, row)
    return withdrawn


def queue_correction(session: Session, outbox: Path, spec: MailSpec, settings: MailSettings,
                     now: datetime) -> Mail:
    """A new, explicit mail after an earlier version was sent (the applicant has read the first one). An
    unsent earlier correction is superseded, so at most one unsent version waits. Idempotent by key."""
    existing = session.scalar(select(Mail).where(Mail.key == spec.key))
    if existing is not None:
        return existing
    earlier = _earlier_versions(session, spec)
    if not any(row.status == "sent" for row in earlier):
        raise MailError(f"no {spec.kind} mail was sent for {spec.application} yet; replace the draft instead")
    for row in earlier:
        if row.status in UNSENT:
            _supersede(outbox, row)
    return _insert(session, outbox, spec, settings, now)


# --- transports ----------------------------------------------------------------------------------


class Transport(Protocol):
    name: str

    def open(self) -> None: ...

    def send(self, sender: str, recipients: list[str], eml: bytes) -> None: ...

    def close(self) -> None: ...


class OutboxOnlyTransport:
    """Delivery is the .eml in outbox/sent/: for dry runs, demos, and mail sent by another program."""

    name = "outbox"

    def open(self) -> None:
        return None

    def send(self, sender: str, recipients: list[str], eml: bytes) -> None:
        return None

    def close(self) -> None:
        return None


class SmtpTransport:
    """yagmail opens the connection (plain, STARTTLS or SSL; login when a username is set); one connection
    is kept for a batch, and errors surface as exceptions so the ledger stays true."""

    name = "smtp"

    def __init__(self, settings: SmtpSettings, sender: str, password: str | None) -> None:
        self.settings = settings
        self.sender = sender
        self.password = password
        self.client: yagmail.SMTP | None = None

    def open(self) -> None:
        settings = self.settings
        login = settings.username or self.sender
        self.client = yagmail.SMTP(
            user={login: login},  # a dict keeps it as is: yagmail turns a bare user name into name@gmail.com
            password=self.password,
            host=settings.host,
            port=settings.port,
            smtp_ssl=settings.security == "ssl",
            smtp_starttls=settings.security == "starttls",
            smtp_skip_login=settings.username is None,
            soft_email_validation=False,
            timeout=settings.timeout_seconds,
        )
        self.client.login()

    def send(self, sender: str, recipients: list[str], eml: bytes) -> None:
        if self.client is None or self.client.smtp is None:
            self.open()
        assert self.client is not None
        smtp = self.client.smtp
        transmitted: list[bool] = []
        plain_send = smtp.send

        def send_and_note_end_of_data(data: str | bytes) -> None:
            plain_send(data)
            if isinstance(data, bytes) and data.endswith(b"\r\n.\r\n"):  # smtplib sends the message in one piece
                transmitted.append(True)

        smtp.send = send_and_note_end_of_data
        try:
            refused = smtp.sendmail(sender, recipients, eml)
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            timed_out = isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError)
            if transmitted and timed_out:
                raise DeliveryUncertain(
                    f"{type(exc).__name__}: {exc} - the server received the whole message but did not answer "
                    f"within {self.settings.timeout_seconds:g} s, so it may have accepted it") from exc
            raise
        finally:
            del smtp.send  # the class's method again
        if refused:
            raise smtplib.SMTPRecipientsRefused(refused)

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.close()
            except Exception:  # noqa: BLE001 - closing a broken connection must not mask the real error
                pass
            self.client = None


def smtp_password(settings: SmtpSettings, environ: dict[str, str]) -> str | None:
    """From the environment or a Prefect Secret block; never from config files, never logged."""
    if settings.username is None:
        return None
    if settings.password_env in environ:
        return environ[settings.password_env]
    if settings.password_block:
        from prefect.blocks.system import Secret

        return Secret.load(settings.password_block).get()
    raise MailError(
        f"SMTP login as {settings.username!r} needs a password: set the environment variable "
        f"{settings.password_env} or a Prefect Secret block named in mail.smtp.password_block"
    )


def make_transport(settings: MailSettings, environ: dict[str, str]) -> Transport:
    if settings.transport == "smtp":
        return SmtpTransport(settings.smtp, settings.from_address, smtp_password(settings.smtp, environ))
    return OutboxOnlyTransport()


# --- delivery ------------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    retrying: list[str] = field(default_factory=list)
    needs_confirmation: list[str] = field(default_factory=list)  # left in 'sending' by a crash

    @property
    def ok(self) -> bool:
        return not (self.failed or self.needs_confirmation)


@dataclass(frozen=True)
class OutgoingMail:
    """What a send-time renderer knows about the ledger row it renders."""

    key: str
    kind: str
    application: str | None
    to_addr: str
    message_id: str


Prepare = Callable[[OutgoingMail, bytes, datetime], bytes]


def _move(outbox: Path, name: str, source: str, target: str, data: bytes | None = None) -> None:
    origin = outbox / source / name
    destination = outbox / target / name
    if data is None:
        data = origin.read_bytes() if origin.exists() else destination.read_bytes()
    write_atomic(destination, data)
    origin.unlink(missing_ok=True)


def deliver(
    registry: Registry,
    outbox: Path,
    settings: MailSettings,
    transport: Transport,
    now: datetime,
    *,
    max_attempts: int = 3,
    backoff_seconds: float = 2.0,
    sleep: Callable[[float], None] = time.sleep,
    prepare: Prepare | None = None,
) -> DeliveryReport:
    """Send every approved mail once. Each row is marked `sending` (committed) before the transport is
    called and `sent` right after, so a crash in between is visible and never leads to a blind resend.

    `prepare` may rewrite a mail at send time (see SEND_TIME_RENDERERS); the result is written to the
    pending file before the transport is called, so the file always holds what may have left."""
    report = DeliveryReport()
    with registry.session() as session:
        for row in session.scalars(select(Mail).where(Mail.status == "sending")):
            if transport.name == "outbox":
                # Nothing left this machine: finishing the file move is the whole delivery.
                _move(outbox, row.eml_file, PENDING, SENT)
                row.status, row.sent_at = "sent", row.sent_at or now
                report.sent.append(row.key)
            else:
                report.needs_confirmation.append(row.key)
        ids = list(session.scalars(select(Mail.id).where(Mail.status == "approved").order_by(Mail.id)))
    if not ids:
        return report
    interval = 60.0 / settings.rate_per_minute if transport.name == "smtp" else 0.0
    opened = False
    login_refused: str | None = None  # after one refused login, the rest of the run is not tried (lockouts)
    try:
        for index, mail_id in enumerate(ids):
            if index and interval and login_refused is None:
                sleep(interval)
            with registry.session() as session:
                row = session.get(Mail, mail_id)
                if row is None or row.status != "approved":
                    continue  # another run took it
                if login_refused is not None:
                    row.status, row.last_error = "failed", f"not attempted: {login_refused}"
                    report.failed.append(row.key)
                    continue
                row.status = "sending"
                row.attempts += 1
                key, to_addr, eml_file = row.key, row.to_addr, row.eml_file
                outgoing = OutgoingMail(row.key, row.kind, row.application, row.to_addr, row.message_id_header)
            pending_path = outbox / PENDING / eml_file
            error: str | None = None
            uncertain = False
            try:
                eml = _restamp(pending_path.read_bytes(), now)
                if prepare is not None:
                    eml = prepare(outgoing, eml, now)
                    write_atomic(pending_path, eml)
            except Exception as exc:  # noqa: BLE001 - nothing left: the row is failed and reported, not lost
                eml, error = b"", f"could not prepare the mail: {type(exc).__name__}: {exc}"
            for attempt in range(max_attempts if error is None else 0):
                try:
                    if not opened:
                        transport.open()
                        opened = True
                    transport.send(settings.from_address, [to_addr], eml)
                    error = None
                    break
                except DeliveryUncertain as exc:  # never resent blindly: it stays 'sending' to be confirmed
                    error, uncertain = str(exc), True
                    transport.close()
                    opened = False
                    break
                except TRANSIENT_SMTP_ERRORS as exc:
                    error = f"{type(exc).__name__}: {exc}"
                    transport.close()
                    opened = False
                    if attempt + 1 < max_attempts:
                        sleep(backoff_seconds * 2**attempt)
                # UnicodeError: an address smtplib cannot send without SMTPUTF8 (één@voorbeeld.be)
                except (smtplib.SMTPException, OSError, UnicodeError) as exc:
                    error = f"{type(exc).__name__}: {exc}"
                    if isinstance(exc, smtplib.SMTPAuthenticationError):
                        login_refused = error
                    transport.close()
                    opened = False
                    break
            with registry.session() as session:
                row = session.get(Mail, mail_id)
                assert row is not None
                if error is None:
                    _move(outbox, eml_file, PENDING, SENT, eml)
                    row.status, row.sent_at, row.last_error = "sent", now, None
                    report.sent.append(key)
                    logger.info("sent %s to %s", key, to_addr)
                elif uncertain:
                    row.last_error = error  # still 'sending': `callflow outbox confirm` settles it
                    report.needs_confirmation.append(key)
                    logger.warning("%s may have been sent: %s", key, error)
                else:
                    row.status, row.last_error = "failed", error
                    report.failed.append(key)
                    logger.warning("could not send %s: %s", key, error)
    finally:
        if opened:
            transport.close()
    return report


def confirm(session: Session, key: str, *, was_sent: bool, now: datetime, outbox: Path) -> Mail:
    """The coordinator's answer for a mail left in `sending`: it did arrive (sent) or it did not (approved)."""
    row = session.scalar(select(Mail).where(Mail.key == key))
    if row is None:
        raise MailError(f"no mail with key {key!r}; see `callflow outbox list`")
    if row.status not in ("sending", "failed"):
        raise MailError(f"mail {key!r} is {row.status}; only a mail in 'sending' or 'failed' can be confirmed")
    if was_sent:
        _move(outbox, row.eml_file, PENDING, SENT)
        row.status, row.sent_at = "sent", now
    else:
        row.status, row.last_error = "approved", None
    return row


def deliver_for_workspace(ws: Workspace, registry: Registry, now: datetime) -> DeliveryReport:
    """Deliver the workspace's approved mail with the transport its config names."""
    settings = ws.call.mail
    return deliver(registry, ws.outbox, settings, make_transport(settings, ws.environ), now,
                   prepare=send_time_renderer(ws, registry))


def send_time_renderer(ws: Workspace, registry: Registry) -> Prepare:
    """The workspace's send-time renderers by kind (imported lazily: the outbox does not depend on them)."""

    def prepare(mail: OutgoingMail, eml: bytes, send_at: datetime) -> bytes:
        path = SEND_TIME_RENDERERS.get(mail.kind)
        if path is None:
            return eml
        module_name, _, attribute = path.partition(":")
        render = getattr(import_module(module_name), attribute)
        return render(ws, registry, mail, eml, send_at)

    return prepare


def retry_failed(session: Session) -> list[Mail]:
    rows = list(session.scalars(select(Mail).where(Mail.status == "failed")))
    for row in rows:
        row.status = "approved"
    return rows
