"""Two runs at once on one workspace: a schedule and a manual trigger of intake, two `callflow run-due`.

Nothing is processed or sent twice, and not by luck: the workspace lock (an flock in state/) makes the
second run wait, and the registry's UNIQUE constraints refuse a second record of the same inbox file or a
second ledger row for the same mail key even when the lock is bypassed. Each run is a real process; the
SMTP server is aiosmtpd on 127.0.0.1 and every Message-ID it receives is counted.
"""

from __future__ import annotations

import email
import email.policy
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from callflow.runtime import workspace_lock
from callflow.workspace import Workspace
from tasks.registry import Mail, Message, MilestoneRun, Registry
from tests.conftest import REPO_ROOT
from tests.factories.mails import brussels
from tests.test_crash_trials import NOW, build_intake_workspace, worker_environment

pytestmark = pytest.mark.integration

INBOX_FILES = ["001.eml", "002.eml", "003.eml", "004.eml", "005.eml", "006.eml"]
ACKNOWLEDGEMENTS = 3


def _intake_worker(root: Path, port: int, report: Path) -> subprocess.Popen:
    """The intake stages under the workspace lock, as flows/intake.py runs them (tests/crash/worker.py)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.crash.worker", "intake", str(root), NOW["intake"], "--report", str(report)],
        cwd=REPO_ROOT, env=worker_environment(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(process: subprocess.Popen, timeout: float = 180) -> str:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, f"exit {process.returncode}:\n{out[-2000:]}\n{err[-3000:]}"
    return out


def _smtp_message_ids(server) -> Counter[str]:
    return Counter(email.message_from_bytes(data, policy=email.policy.default)["Message-ID"]
                   for _sender, _recipients, data in server.messages)


def _registry_state(root: Path) -> tuple[list[str], list[str], dict[str, str], set[str]]:
    """(recorded files, message statuses, mail key → status, Message-IDs of the sent mails)."""
    registry = Registry(Workspace(root, environ={}).database_url)
    try:
        with registry.session() as session:
            files = list(session.scalars(select(Message.file).order_by(Message.file)))
            statuses = sorted(set(session.scalars(select(Message.status))))
            mails = {row.key: row.status for row in session.scalars(select(Mail))}
            sent_ids = {row.message_id_header for row in session.scalars(select(Mail).where(Mail.status == "sent"))}
    finally:
        registry.dispose()
    return files, statuses, mails, sent_ids


def test_intake_two_runs_at_once_record_each_file_and_send_each_mail_once(tmp_path, smtp_server):
    root = build_intake_workspace(tmp_path / "ws")

    runs = [_intake_worker(root, smtp_server.port, tmp_path / f"report-{n}.json") for n in (1, 2)]
    for run in runs:
        _finish(run)

    reports = [json.loads((tmp_path / f"report-{n}.json").read_text()) for n in (1, 2)]
    new = [file for report in reports for file in report["new"]]
    processed = [file for report in reports for file in report["processed"]]
    sent = [key for report in reports for key in report["delivered"]["sent"]]
    assert (sorted(new), sorted(processed)) == (INBOX_FILES, INBOX_FILES)  # each by exactly one of the two runs
    assert len(sent) == len(set(sent)) == ACKNOWLEDGEMENTS
    files, statuses, mails, sent_ids = _registry_state(root)
    assert (files, statuses) == (INBOX_FILES, ["processed"])
    received = _smtp_message_ids(smtp_server)
    assert set(received) == sent_ids and set(received.values()) == {1}
    assert sorted(mails.values()) == ["draft"] + ["sent"] * ACKNOWLEDGEMENTS  # the late notice waits for approval


def _holds(pid: int, path: Path) -> bool:
    """Whether the process has `path` open (it is at the lock, waiting or holding it)."""
    try:
        return any(os.readlink(fd) == str(path) for fd in Path(f"/proc/{pid}/fd").iterdir())
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_intake_waits_for_workspace_lock_held_by_another_run(tmp_path, smtp_server):
    root = build_intake_workspace(tmp_path / "ws")
    ws = Workspace(root, environ={})
    lock_file = ws.state / "run.lock"

    with workspace_lock(ws):  # what a running flow holds
        waiting = _intake_worker(root, smtp_server.port, tmp_path / "report.json")
        deadline = time.monotonic() + 60
        while not _holds(waiting.pid, lock_file) and waiting.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _holds(waiting.pid, lock_file), "the worker never reached the workspace lock"
        time.sleep(0.5)
        files, _statuses, _mails, _sent = _registry_state(root)
        assert (waiting.poll(), files, smtp_server.messages) == (None, [], [])  # blocked: nothing recorded or sent
    _finish(waiting)

    files, statuses, _mails, sent_ids = _registry_state(root)
    assert (files, statuses, len(sent_ids)) == (INBOX_FILES, ["processed"], ACKNOWLEDGEMENTS)


@pytest.mark.timeout(600)
def test_run_due_twice_at_once_runs_each_milestone_once_and_sends_each_mail_once(tmp_path, smtp_server):
    """Two `callflow run-due` processes (each with Prefect, each its own Prefect home, as on two hosts)."""
    root = build_intake_workspace(tmp_path / "ws")
    processes = []
    for number in (1, 2):
        environment = worker_environment(smtp_server.port)
        environment.pop("CALLFLOW_CRASH_FAST_PDF")
        environment.update(CALLFLOW_WORKSPACE=str(root), PREFECT_HOME=str(tmp_path / f"prefect-{number}"),
                           PREFECT_LOGGING_LEVEL="ERROR", PREFECT_PROFILES_PATH=str(tmp_path / f"profiles-{number}.toml"))
        environment.pop("PREFECT_API_URL", None)
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "callflow.cli", "run-due", "--now", "2023-06-02T09:00"], cwd=REPO_ROOT,
            env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [_finish(process, timeout=280) for process in processes]

    ran = [line.split(": ran ", 1)[1].strip() for out in outputs for line in out.splitlines() if ": ran " in line]
    assert sorted(ran) == ["deadline", "nothing new"], outputs
    registry = Registry(Workspace(root, environ={}).database_url)
    try:
        with registry.session() as session:
            milestones = [(row.id, row.status) for row in session.scalars(select(MilestoneRun))]
            overview = list(session.scalars(select(Mail).where(Mail.kind == "coordinator-overview")))
    finally:
        registry.dispose()
    assert milestones == [("deadline", "done")]
    assert len(overview) == 1
    files, statuses, mails, sent_ids = _registry_state(root)
    assert (files, statuses) == (INBOX_FILES, ["processed"])
    received = _smtp_message_ids(smtp_server)
    assert set(received) == sent_ids and set(received.values()) == {1}
    assert len(sent_ids) == ACKNOWLEDGEMENTS + 1  # and the coordinator's overview


# --- the database refuses a second record even without the lock --------------------------------------


def _message(file: str) -> Message:
    moment = brussels(2023, 5, 20, 14, 3)
    return Message(file=file, sha256="0" * 64, size=1, status="archived", recorded_at=moment, facts={},
                   problems=[], problem_messages=[], in_reply_to=[])


def _mail(key: str, message_id: str) -> Mail:
    return Mail(key=key, kind="acknowledgement", to_addr="an@vzwdebrug.be", subject="Ontvangstbevestiging",
                message_id_header=message_id, eml_file="00001-x.eml", status="approved",
                created_at=brussels(2023, 5, 20, 15, 0), attempts=0)


def _two_processes(ws: Workspace) -> tuple[Registry, Registry]:
    """Two engines on one database, as two processes that bypass the workspace lock have."""
    return Registry(ws.database_url), Registry(ws.database_url)


def test_registry_same_inbox_file_recorded_twice_without_lock_is_refused(workspace):
    first, second = _two_processes(workspace)
    try:
        with first.session() as one, second.session() as other:  # both look first: neither sees the file
            assert one.scalar(select(Message.id).where(Message.file == "001.eml")) is None
            assert other.scalar(select(Message.id).where(Message.file == "001.eml")) is None
        with first.session() as session:
            session.add(_message("001.eml"))
        with pytest.raises(IntegrityError, match="UNIQUE constraint failed: messages.file"):
            with second.session() as session:
                session.add(_message("001.eml"))
        with first.session() as session:
            assert session.scalars(select(Message.file)).all() == ["001.eml"]
    finally:
        first.dispose()
        second.dispose()


def test_ledger_same_mail_key_twice_without_lock_is_refused(workspace):
    first, second = _two_processes(workspace)
    try:
        with first.session() as session:
            session.add(_mail("acknowledgement:HAS-2023-001:v1", "<callflow.1@bijzig.be>"))
        with pytest.raises(IntegrityError, match="UNIQUE constraint failed: mails.key"):
            with second.session() as session:
                session.add(_mail("acknowledgement:HAS-2023-001:v1", "<callflow.2@bijzig.be>"))
        with pytest.raises(IntegrityError, match="UNIQUE constraint failed: mails.message_id_header"):
            with second.session() as session:
                session.add(_mail("acknowledgement:HAS-2023-002:v1", "<callflow.1@bijzig.be>"))
        with first.session() as session:
            assert session.scalars(select(Mail.key)).all() == ["acknowledgement:HAS-2023-001:v1"]
    finally:
        first.dispose()
        second.dispose()
