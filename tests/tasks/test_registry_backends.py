"""The registry on both of its backends: SQLite (the default) and a real PostgreSQL server (several Prefect
workers). Every test here runs twice through the parametrised `registry_url` fixture (tests/postgres.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError

from callflow.workspace import Workspace, init_workspace
from tasks import intake as stages
from tasks.outbox import MailSpec, queue_mail
from tasks.registry import SCHEMA_VERSION, Application, Attachment, Mail, Message, Registry
from tests.factories.mails import MailSpec as Received
from tests.factories.mails import brussels, write_mail
from tests.tasks.test_intake import AFTER_DEADLINE, application_mail, records, run_intake, sent_mails

pytestmark = pytest.mark.integration

TABLES = {"schema_info", "applications", "messages", "attachments", "mails", "milestone_runs", "review_assignments",
          "score_returns", "review_scores", "pitch_slots", "decisions", "rebuttal_packets"}


@pytest.fixture
def backend_workspace(tmp_path: Path, registry_url: str) -> Workspace:
    """A fresh workspace whose registry is `registry_url` (CALLFLOW_DATABASE_URL, as an operator sets it)."""
    root = init_workspace(tmp_path / "ws")
    return Workspace(root, environ={"CALLFLOW_DATABASE_URL": registry_url})


def _message(file: str, now: datetime) -> Message:
    return Message(file=file, sha256="0" * 64, size=1, status="archived", recorded_at=now, problems=[],
                   problem_messages=[], in_reply_to=[])


def _mail_spec(key: str) -> MailSpec:
    return MailSpec(key=key, kind="acknowledgement", to="an@vzwdebrug.be", subject="Ontvangstbevestiging",
                    body="Beste,\nwe ontvingen uw kandidatuur.", application="HAS-2023-001")


def _together(count: int, work: Callable[[int], Any]) -> list[Any]:
    """Run work(0..count-1) in threads released at the same moment; re-raise the first error."""
    start = threading.Barrier(count)

    def run(index: int) -> Any:
        start.wait()
        return work(index)

    with ThreadPoolExecutor(count) as pool:
        return [future.result() for future in [pool.submit(run, index) for index in range(count)]]


# --- schema --------------------------------------------------------------------------------------


def test_registry_backend_creates_every_table_and_schema_version(registry_url):
    registry = Registry(registry_url)

    assert TABLES <= set(inspect(registry.engine).get_table_names())
    with registry.engine.connect() as connection:
        assert connection.execute(text("SELECT version FROM schema_info")).scalar() == SCHEMA_VERSION
    registry.dispose()


def test_registry_backend_upgrade_adds_missing_column_and_keeps_rows(registry_url):
    Registry(registry_url).dispose()
    engine = create_engine(registry_url)
    with engine.begin() as connection:  # an older callflow: no 'facts' column yet, one row recorded
        connection.execute(text("ALTER TABLE messages DROP COLUMN facts"))
        connection.execute(text(
            "INSERT INTO messages (file, sha256, size, status, recorded_at, problems, problem_messages, in_reply_to) "
            "VALUES ('a.eml', 'abc', 3, 'processed', '2023-05-01 10:00:00', '[]', '[]', '[]')"))
    engine.dispose()

    registry = Registry(registry_url)

    assert "facts" in {column["name"] for column in inspect(registry.engine).get_columns("messages")}
    with registry.session() as session:
        row = session.scalars(select(Message)).one()
        assert (row.file, row.recorded_at, row.facts, row.problems) == (
            "a.eml", datetime(2023, 5, 1, 10, 0, tzinfo=UTC), None, [])
        row.facts = {"note": "after the upgrade"}
    with registry.session() as session:
        assert session.scalars(select(Message.facts)).one() == {"note": "after the upgrade"}
    registry.dispose()


def test_registry_backend_schema_created_by_workers_starting_together(registry_url):
    registries = _together(4, lambda _index: Registry(registry_url))

    with registries[0].engine.connect() as connection:
        assert connection.execute(text("SELECT id, version FROM schema_info")).all() == [(1, SCHEMA_VERSION)]
    for registry in registries:
        registry.dispose()


def test_registry_read_only_copy_opens_without_writing(tmp_path):
    path = tmp_path / "registry.sqlite"
    Registry(f"sqlite:///{path}").dispose()

    registry = Registry(f"sqlite:///file:{path}?mode=ro&uri=true")  # an auditor's read-only copy

    with registry.session() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 0
    registry.dispose()


def test_registry_backend_aware_times_round_trip_as_utc(registry_url):
    registry = Registry(registry_url)
    local = brussels(2023, 6, 1, 23, 59, 30)
    with registry.session() as session:
        session.add(_message("a.eml", local))
    with registry.session() as session:
        stored = session.scalars(select(Message.recorded_at)).one()
        before = session.scalar(select(func.count()).select_from(Message).where(Message.recorded_at < local))
    assert (stored, stored.tzinfo, before) == (local, UTC, 0)
    registry.dispose()


# --- unique constraints --------------------------------------------------------------------------


def test_registry_backend_same_mail_key_twice_is_integrity_error(registry_url):
    registry = Registry(registry_url)
    now = datetime(2023, 6, 2, 9, 0, tzinfo=UTC)
    row = {"key": "acknowledgement:HAS-2023-001:v1", "kind": "acknowledgement", "to_addr": "an@vzwdebrug.be",
           "subject": "s", "eml_file": "", "status": "draft", "created_at": now}
    with registry.session() as session:
        session.add(Mail(**row, message_id_header="<1@bijzig.be>"))

    with pytest.raises(IntegrityError), registry.session() as session:
        session.add(Mail(**row, message_id_header="<2@bijzig.be>"))

    with registry.session() as session:
        assert session.scalars(select(Mail.message_id_header)).all() == ["<1@bijzig.be>"]
    registry.dispose()


def test_registry_backend_same_message_file_twice_is_integrity_error(registry_url):
    registry = Registry(registry_url)
    now = datetime(2023, 6, 2, 9, 0, tzinfo=UTC)
    with registry.session() as session:
        session.add(_message("001.eml", now))

    with pytest.raises(IntegrityError), registry.session() as session:
        session.add(_message("001.eml", now))

    with registry.session() as session:
        assert session.scalar(select(func.count()).select_from(Message)) == 1
    registry.dispose()


# --- intake end to end ---------------------------------------------------------------------------


def test_registry_backend_intake_stages_end_to_end(backend_workspace):
    ws = backend_workspace
    write_mail(ws.inbox, "001.eml", application_mail())
    write_mail(ws.inbox, "002.eml", application_mail(
        sender="Piet <piet@vzwdebrug.be>", received=brussels(2023, 5, 28, 10, 0), subject="Aangepaste versie"))
    write_mail(ws.inbox, "late.eml", application_mail(sender="y@kansen.be", received=brussels(2023, 6, 2, 0, 1)))
    write_mail(ws.inbox, "vraag.eml", Received(sender="x@ocmw.be", subject="Vraag", body="Mag dit ook in Hasselt?"))

    report = run_intake(ws, AFTER_DEADLINE)

    result = records(ws)
    assert {name: (r["kind"], r["application"], r["version"], r["on_time"]) for name, r in result.items()} == {
        "001.eml": ("application", "HAS-2023-001", 1, True),
        "002.eml": ("application", "HAS-2023-001", 2, True),
        "late.eml": ("application", None, None, False),
        "vraag.eml": ("question", None, None, True),
    }
    assert (result["002.eml"]["supersedes"], result["001.eml"]["superseded_by"]) == ("001.eml", "002.eml")
    assert result["001.eml"]["received_at"] == "2023-05-20T14:03:00+02:00"
    assert [(a["filename"], a["readable"], a["pages"]) for a in result["001.eml"]["attachments"]] == [
        ("Projectvoorstel Samen Sterk.pdf", True, 2)]
    assert (report.applications, report.late, report.queue) == (["HAS-2023-001", "HAS-2023-001"], ["late.eml"],
                                                                ["vraag.eml"])
    assert [m["Subject"].split(" –")[0] for m in sent_mails(ws)] == [
        "Ontvangstbevestiging HAS-2023-001", "Ontvangstbevestiging HAS-2023-001 (versie 2)"]
    with Registry(ws.database_url).session() as session:
        assert [(m.kind, m.status) for m in session.scalars(select(Mail).order_by(Mail.id))] == [
            ("acknowledgement", "sent"), ("acknowledgement", "sent"), ("late-notice", "draft")]


def test_registry_backend_intake_rerun_changes_nothing(backend_workspace):
    ws = backend_workspace
    write_mail(ws.inbox, "001.eml", application_mail())
    write_mail(ws.inbox, "late.eml", application_mail(sender="y@kansen.be", received=brussels(2023, 6, 2, 0, 1)))
    run_intake(ws, AFTER_DEADLINE)
    before = records(ws)
    registry = Registry(ws.database_url)
    with registry.session() as session:
        mails_before = [(m.key, m.status, m.sent_at) for m in session.scalars(select(Mail).order_by(Mail.id))]

    report = run_intake(ws, brussels(2023, 6, 3, 9, 0))

    with registry.session() as session:
        mails_after = [(m.key, m.status, m.sent_at) for m in session.scalars(select(Mail).order_by(Mail.id))]
        counts = [session.scalar(select(func.count()).select_from(model)) for model in (Application, Message, Attachment)]
    assert (records(ws), mails_after, report.processed, counts) == (before, mails_before, [], [1, 2, 2])
    registry.dispose()


# --- concurrency: several workers without the workspace lock -------------------------------------


def test_registry_backend_concurrent_recording_takes_each_file_once(backend_workspace):
    ws = backend_workspace
    names = [f"{index:03d}.eml" for index in range(12)]
    for index, name in enumerate(names):
        write_mail(ws.inbox, name, application_mail(sender=f"a{index}@org{index}.be"))
    Registry(ws.database_url).dispose()  # the schema exists, as it does once any worker has started
    now = AFTER_DEADLINE

    reports = _together(4, lambda _index: stages.record_new_files(ws, Registry(ws.database_url), now))

    with Registry(ws.database_url).session() as session:
        recorded = session.scalars(select(Message.file).order_by(Message.file)).all()
    assert recorded == names
    assert sorted(name for report in reports for name in report.new) == names


def test_registry_backend_concurrent_queue_mail_writes_each_key_once(backend_workspace):
    ws = backend_workspace
    registry = Registry(ws.database_url)
    keys = [f"acknowledgement:HAS-2023-{number:03d}:v1" for number in range(1, 6)]

    def worker(_index: int) -> list[tuple[str, int]]:
        queued = []
        for key in keys:
            with registry.session() as session:
                row = queue_mail(session, ws.outbox, _mail_spec(key), ws.call.mail, AFTER_DEADLINE)
                queued.append((row.key, row.id))
        return queued

    results = _together(4, worker)

    with registry.session() as session:
        rows = [(m.key, m.id, m.eml_file) for m in session.scalars(select(Mail).order_by(Mail.key))]
    assert [key for key, _id, _file in rows] == keys
    assert all(result == [(key, mail_id) for key, mail_id, _file in rows] for result in results)
    assert sorted(path.name for path in (ws.outbox / "pending").iterdir()) == [name for _k, _i, name in rows]
    registry.dispose()


def test_registry_backend_hostile_header_lengths_are_taken_in(backend_workspace):
    ws = backend_workspace
    long_local = "a" * 400
    spec = application_mail(
        sender=f"{'Naam ' * 120}<{long_local}@vzwdebrug.be>",
        message_id=f"<{'m' * 1500}@vzwdebrug.be>",
        headers={"Reply-To": f"{'r' * 400}@vzwdebrug.be"},
    )
    spec.attachments[0].mime = f"application/{'x' * 250}"
    write_mail(ws.inbox, "lang.eml", spec)

    run_intake(ws, AFTER_DEADLINE)

    record = records(ws)["lang.eml"]
    assert (record["status"], record["kind"], record["application"]) == ("processed", "application", "HAS-2023-001")
    assert (record["sender"], len(record["message_id"])) == (f"{long_local}@vzwdebrug.be"[:320], 1000)
