"""The registry: every received file, attachment, application, outgoing mail and milestone run.

SQLAlchemy 2 on SQLite (WAL) by default, PostgreSQL through CALLFLOW_DATABASE_URL. The schema is created
and upgraded by `Registry.upgrade()`: missing tables are created and missing columns added, so a newer
callflow opens an older database without losing data. Times are stored as UTC and returned aware.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

from tasks import audit

SCHEMA_VERSION = 1
logger = logging.getLogger(__name__)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, on every backend."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the registry; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Bounded(TypeDecorator[str]):
    """VARCHAR(n) for text that comes from outside (mail headers): cut to n characters when stored.

    PostgreSQL refuses a longer value (the whole transaction fails, and the same mail fails every run) where
    SQLite stores it whole; cutting it here makes both backends keep the same value, and no mail is stuck."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        length = self.impl_instance.length
        if value is None or length is None or len(value) <= length:
            return value
        logger.warning("a value of %d characters was cut to the column's %d", len(value), length)
        return value[:length]


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[str]: JSON, list[Any]: JSON}


class SchemaInfo(Base):
    __tablename__ = "schema_info"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int]
    upgraded_at: Mapped[datetime]


class Application(Base):
    __tablename__ = "applications"
    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    number: Mapped[int] = mapped_column(unique=True)
    organisation: Mapped[str | None] = mapped_column(Bounded(300))
    organisation_key: Mapped[str | None] = mapped_column(Bounded(300), index=True)
    sender: Mapped[str] = mapped_column(Bounded(320), index=True)
    sender_domain: Mapped[str | None] = mapped_column(Bounded(255), index=True)
    current_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id", use_alter=True))
    created_at: Mapped[datetime]

    current_message: Mapped[Message | None] = relationship(foreign_keys=[current_message_id], post_update=True)


class Message(Base):
    __tablename__ = "messages"
    id: Mapped[int] = mapped_column(primary_key=True)
    file: Mapped[str] = mapped_column(String(1000), unique=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    status: Mapped[str] = mapped_column(String(20), default="archived")  # archived → processed
    recorded_at: Mapped[datetime]
    processed_at: Mapped[datetime | None]
    message_id: Mapped[str | None] = mapped_column(Bounded(1000), index=True)
    kind: Mapped[str | None] = mapped_column(String(30))
    received_at: Mapped[datetime | None]
    received_at_source: Mapped[str | None] = mapped_column(String(30))
    on_time: Mapped[bool | None] = mapped_column(Boolean)
    sender: Mapped[str | None] = mapped_column(Bounded(320))
    sender_name: Mapped[str | None] = mapped_column(Bounded(300))
    subject: Mapped[str | None] = mapped_column(Text)
    in_reply_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    organisation: Mapped[str | None] = mapped_column(Bounded(300))
    title: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str | None] = mapped_column(Text)
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"), index=True)
    version: Mapped[int | None]
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    rebuttal_of: Mapped[str | None] = mapped_column(String(64))
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)
    problem_messages: Mapped[list[str]] = mapped_column(JSON, default=list)
    analysis: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    facts: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # parse results classification needs later

    application: Mapped[Application | None] = relationship(foreign_keys=[application_id])
    supersedes: Mapped[Message | None] = relationship(
        remote_side="Message.id", foreign_keys=[supersedes_id], post_update=True
    )
    duplicate_of: Mapped[Message | None] = relationship(remote_side="Message.id", foreign_keys=[duplicate_of_id])
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", order_by="Attachment.position", cascade="all, delete-orphan"
    )


class Attachment(Base):
    __tablename__ = "attachments"
    __table_args__ = (UniqueConstraint("message_id", "position"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), index=True)
    position: Mapped[int]
    filename: Mapped[str] = mapped_column(Text)  # as sent, decoded; for display only
    stored_as: Mapped[str] = mapped_column(String(300))  # safe name under the archive
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    content_type: Mapped[str | None] = mapped_column(Bounded(200))
    origin: Mapped[str] = mapped_column(String(30))  # attachment, body, zip, tnef, forwarded
    detected_type: Mapped[str | None] = mapped_column(String(30))
    readable: Mapped[bool | None] = mapped_column(Boolean)
    problem: Mapped[str | None] = mapped_column(String(40))
    problem_message: Mapped[str | None] = mapped_column(Text)
    pages: Mapped[int | None]
    chars: Mapped[int | None]

    message: Mapped[Message] = relationship(back_populates="attachments")


class Mail(Base):
    """The outbox ledger: one row per outgoing mail, keyed by its idempotency key."""

    __tablename__ = "mails"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    application: Mapped[str | None] = mapped_column(String(64), index=True)
    related_message_id: Mapped[int | None] = mapped_column(ForeignKey("messages.id"))
    to_addr: Mapped[str] = mapped_column(Bounded(320))
    subject: Mapped[str] = mapped_column(Text)
    message_id_header: Mapped[str] = mapped_column(String(300), unique=True)
    eml_file: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(20), index=True)  # draft approved sending sent failed superseded
    created_at: Mapped[datetime]
    approved_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


class MilestoneRun(Base):
    __tablename__ = "milestone_runs"
    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))  # running, done, failed
    due_at: Mapped[datetime]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    _use_wal(cursor)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


WAL_ATTEMPTS = 50
WAL_PAUSE_SECONDS = 0.1


def _use_wal(cursor: Any) -> None:
    """Switch the file to WAL (it stays so for every later connection). SQLite answers 'database is locked'
    at once, without its busy handler, when workers that open a new registry together switch at the same
    moment: one of them succeeds, the others see WAL on a later try."""
    for attempt in range(WAL_ATTEMPTS):
        try:
            if str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() == "wal":
                return
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or attempt == WAL_ATTEMPTS - 1:
                raise
            time.sleep(WAL_PAUSE_SECONDS)


SCHEMA_LOCK = 0x63616C6C  # PostgreSQL advisory lock key ('call') held while the schema is upgraded


def _lock_schema(connection: Any) -> None:
    """One schema upgrade at a time: workers that start together would otherwise race to create the same
    tables ('already exists'). PostgreSQL: a transaction-scoped advisory lock; SQLite: the write lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})
    elif connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")  # pysqlite starts no transaction before DDL by itself


class Registry:
    """Owns the engine and hands out sessions; one per workspace per process."""

    def __init__(self, url: str) -> None:
        self.url = url
        connect_args: dict[str, Any] = {}
        if url.startswith("sqlite"):
            connect_args = {"timeout": 30}
        self.engine: Engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
        if url.startswith("sqlite"):
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.upgrade()

    def upgrade(self) -> None:
        """Create missing tables and add missing columns; never drops anything. Writes (and locks) only when
        something is missing, so a read-only registry still opens."""
        if not self._needs_upgrade():
            return
        with self.engine.begin() as connection:
            _lock_schema(connection)
            Base.metadata.create_all(connection)
            inspector = inspect(connection)
            for table in Base.metadata.sorted_tables:
                present = {column["name"] for column in inspector.get_columns(table.name)}
                for column in table.columns:
                    if column.name in present:
                        continue
                    column_type = column.type.compile(dialect=connection.dialect)
                    connection.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {column_type}'))
            current = connection.execute(select(SchemaInfo.version).where(SchemaInfo.id == 1)).scalar()
            now = datetime.now(UTC)
            if current is None:
                connection.execute(SchemaInfo.__table__.insert().values(id=1, version=SCHEMA_VERSION, upgraded_at=now))
            elif current < SCHEMA_VERSION:
                connection.execute(
                    SchemaInfo.__table__.update().values(version=SCHEMA_VERSION, upgraded_at=now)
                )

    def _needs_upgrade(self) -> bool:
        with self.engine.connect() as connection:
            inspector = inspect(connection)
            tables = set(inspector.get_table_names())
            for table in Base.metadata.sorted_tables:
                if table.name not in tables:
                    return True
                present = {column["name"] for column in inspector.get_columns(table.name)}
                if any(column.name not in present for column in table.columns):
                    return True
            current = connection.execute(select(SchemaInfo.version).where(SchemaInfo.id == 1)).scalar()
            return current is None or current < SCHEMA_VERSION

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back when it raises."""
        with self._sessions.begin() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


# --- review (assignment, scores, pitches) ---------------------------------------------------------
# Written review and pitch days (tasks/review.py). Reviewers and applications are referred to by e-mail
# address and reference, the keys the coordinator sees in config and exports.


class ReviewAssignment(Base):
    """One reviewer reviews one application; replaced as a whole when the assignment is recomputed."""

    __tablename__ = "review_assignments"
    __table_args__ = (UniqueConstraint("reviewer_email", "application_reference"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    reviewer_email: Mapped[str] = mapped_column(String(320), index=True)
    application_reference: Mapped[str] = mapped_column(String(64), index=True)
    how: Mapped[str] = mapped_column(String(20))  # assigned, pinned, kept (from an earlier run)
    created_at: Mapped[datetime]


class ScoreReturn(Base):
    """A scoring sheet a reviewer mailed back; only the latest accepted one per reviewer is current."""

    __tablename__ = "score_returns"
    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("messages.id"), unique=True)
    reviewer_email: Mapped[str] = mapped_column(String(320), index=True)
    received_at: Mapped[datetime | None]
    recorded_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20))  # accepted, rejected
    current: Mapped[bool] = mapped_column(Boolean, default=False)
    late: Mapped[bool] = mapped_column(Boolean, default=False)  # after the review deadline
    problems: Mapped[list[str]] = mapped_column(JSON, default=list)  # Dutch sentences for the reviewer
    comments: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # reference → the reviewer's remark

    scores: Mapped[list[ReviewScore]] = relationship(back_populates="score_return", cascade="all, delete-orphan")


class ReviewScore(Base):
    __tablename__ = "review_scores"
    __table_args__ = (UniqueConstraint("return_id", "application_reference", "criterion"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(ForeignKey("score_returns.id"), index=True)
    reviewer_email: Mapped[str] = mapped_column(String(320))
    application_reference: Mapped[str] = mapped_column(String(64), index=True)
    criterion: Mapped[str] = mapped_column(String(64))
    score: Mapped[float]

    score_return: Mapped[ScoreReturn] = relationship(back_populates="scores")


class PitchSlot(Base):
    """An applicant's pitch; `sequence` counts reschedulings (the iCalendar SEQUENCE of the same UID)."""

    __tablename__ = "pitch_slots"
    id: Mapped[int] = mapped_column(primary_key=True)
    application_reference: Mapped[str] = mapped_column(String(64), unique=True)
    starts_at: Mapped[datetime] = mapped_column(unique=True)
    ends_at: Mapped[datetime]
    location: Mapped[str] = mapped_column(Text)
    uid: Mapped[str] = mapped_column(String(300), unique=True)
    sequence: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


# --- decisions (outcomes, rebuttals) ------------------------------------------------------------
# Decisions and rebuttal packets (tasks/decisions.py, tasks/rebuttals.py). A rebuttal itself is a Message
# with kind 'rebuttal' and rebuttal_of set; its window is computed from the decision mail's sent_at.


class Decision(Base):
    """A decision on one application, as the coordinator recorded it.

    Pending until applied together (`callflow decisions apply`); applying queues its decision mail under
    `mail_key`. A change after applying is a new version (the old row becomes `replaced`), so the mail
    history and the decision history line up one to one.
    """

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("application", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application: Mapped[str] = mapped_column(String(64), index=True)  # reference, as Mail.application
    version: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(20))  # approved, rejected, conditional
    motivation: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), index=True)  # pending, applied, replaced
    source: Mapped[str] = mapped_column(String(300))  # "import:beslissingen.xlsx", "prefect-ui", …
    recorded_at: Mapped[datetime]
    applied_at: Mapped[datetime | None]
    mail_key: Mapped[str | None] = mapped_column(String(300))


class RebuttalPacket(Base):
    """A jury packet built when an application's rebuttal window closed; rebuilt (new version) only when the
    set of on-time rebuttals it holds changes."""

    __tablename__ = "rebuttal_packets"
    __table_args__ = (UniqueConstraint("application", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    application: Mapped[str] = mapped_column(String(64), index=True)
    version: Mapped[int]
    built_at: Mapped[datetime]
    closes_at: Mapped[datetime]
    file: Mapped[str] = mapped_column(String(500))  # relative to the workspace's packets/
    messages: Mapped[list[str]] = mapped_column(JSON, default=list)  # inbox file names of the rebuttals inside


# --- audit ---------------------------------------------------------------------------------------
# Every insert, update and delete of the rows above, written in the same transaction by the flush listeners
# in tasks/audit.py (the actor from its context variable), plus events that change no row (an export of
# one person's data). `callflow export audit` reads it.


class AuditEvent(Base):
    __tablename__ = "audit_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(index=True)
    actor: Mapped[str] = mapped_column(String(200))  # "intake", "cli:outbox approve", "flow:decisions", "system"
    action: Mapped[str] = mapped_column(String(40))  # insert, update, delete, export-person, purge
    entity: Mapped[str] = mapped_column(String(64), index=True)  # table name, or "person", "call"
    entity_id: Mapped[str | None] = mapped_column(Bounded(320))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # column: value or [old, new]


audit.watch(Base, AuditEvent)


# --- privacy (retention) -------------------------------------------------------------------------
# `callflow purge` (tasks/privacy.py) anonymises a finished call's personal data; what stays is anonymous.


class PurgeReport(Base):
    """One purge: when, up to which moment, and the anonymous statistics of the call taken just before it."""

    __tablename__ = "purge_reports"
    id: Mapped[int] = mapped_column(primary_key=True)
    purged_at: Mapped[datetime]
    before: Mapped[datetime]  # personal data recorded before this moment was removed or pseudonymised
    actor: Mapped[str] = mapped_column(String(200))
    statistics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # counts per kind, service type, …
    removed: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # rows anonymised and files deleted
