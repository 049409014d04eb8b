"""Crash trials: intake, the review milestone and the decision send, killed with SIGKILL at random points.

Each trial copies a pre-built fixture workspace, runs the flow's stages in a real process
(tests/crash/worker.py, forked from a warm fork server so that a run costs what its stages cost) that
delivers over SMTP to a real aiosmtpd server on 127.0.0.1, and kills it with SIGKILL at a point chosen by a
seeded random.Random: after a random delay, when the registry reaches a random state (polled), or while
the SMTP server holds the k-th message (before or after it recorded it: the window between the server
accepting a mail and the ledger saying 'sent'). Some trials kill the re-run too. Then the flow is re-run to
completion; a mail the re-run reports as needing confirmation is settled as the coordinator would
(`outbox confirm` with was_sent = whether the SMTP server recorded its Message-ID) and the flow run again.

Invariants, against an uninterrupted run of the same fixture:
  * every inbox file is recorded exactly once and processed; archive files hold the bytes they claim;
  * the registry (applications, versions, kinds, assignments, decisions, mail ledger) is what the
    uninterrupted run produced: no application lost or duplicated, no mail missing or extra;
  * every Message-ID the SMTP server received, it received exactly once, and exactly the ledger's `sent`
    rows of this trial were received;
  * every row a crash left in `sending` was reported as needs_confirmation by the next run, and no row is
    left in `sending`, `approved` or `failed`;
  * outbox/ holds exactly the ledger's files in the folder of their status (no ghost mail).

50 trials per flow in the regular suite; `make soak` sets CALLFLOW_CRASH_TRIALS (default 500) for the slow
tests. CALLFLOW_CRASH_SEED changes the base seed; a failure names the trial's seed and kill plan.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from callflow.workspace import Workspace, init_workspace
from tests.conftest import REPO_ROOT, free_port, smtp_workspace_environ
from tests.factories.documents import make_docx, make_pdf
from tests.factories.mails import MailSpec, brussels, docx_attachment, pdf_attachment, write_mail

pytestmark = pytest.mark.integration

REGULAR_TRIALS = 50
SOAK_TRIALS = int(os.environ.get("CALLFLOW_CRASH_TRIALS", "500"))
BASE_SEED = int(os.environ.get("CALLFLOW_CRASH_SEED", "20230421"))
NOW = {"intake": "2023-06-02T09:00", "review": "2023-06-05T08:00", "decisions": "2023-07-13T11:00"}
MAX_SETTLE_ROUNDS = 4
EXTRACTING_TRIALS = 0.3  # share of intake trials whose runs start an extraction worker (see _prewarm_extractions)
RUN_TIMEOUT = 120.0  # seconds one worker run may take before the trial fails as hung
IDLE_TIMEOUT = 10.0


# --- a real SMTP server that can pull the trigger ----------------------------------------------------


@dataclass
class Trigger:
    pid: int
    message: int  # kill while handling the k-th DATA of this run
    before_record: bool  # kill before the server keeps the message (never accepted) or after (accepted)
    fired: bool = False


class TrialSmtp:
    """aiosmtpd handler: records every accepted message, counts open connections, and may SIGKILL the
    client while it waits for the reply to its DATA (the window no timeout or retry can close)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[bytes] = []
        self.open_connections = 0
        self.trigger: Trigger | None = None
        self.seen = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        content = envelope.original_content or envelope.content
        with self.lock:
            self.seen += 1
            trigger = self.trigger
            fire = trigger is not None and not trigger.fired and self.seen == trigger.message
            if fire:
                trigger.fired = True
        if fire and trigger.before_record:
            os.kill(trigger.pid, signal.SIGKILL)  # our worker, alive: it is waiting for this reply
            return "451 4.3.0 killed before accepting"
        with self.lock:
            self.received.append(content)
        if fire:
            os.kill(trigger.pid, signal.SIGKILL)
        return "250 OK"

    def arm(self, trigger: Trigger | None) -> None:
        with self.lock:
            self.trigger, self.seen = trigger, 0

    def take(self) -> list[bytes]:
        with self.lock:
            taken, self.received = self.received, []
        return taken

    def wait_idle(self, timeout: float = IDLE_TIMEOUT) -> None:
        """Until no client is connected: a killed client's last bytes are handled before anything is counted."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self.open_connections == 0:
                    return
            time.sleep(0.005)
        raise AssertionError(f"SMTP server still has {self.open_connections} open connections after {timeout} s")


def start_trial_smtp() -> tuple[TrialSmtp, Any, int]:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import SMTP

    handler = TrialSmtp()

    class CountingSMTP(SMTP):
        def connection_made(self, transport):
            with handler.lock:
                handler.open_connections += 1
            super().connection_made(transport)

        def connection_lost(self, error):
            try:
                super().connection_lost(error)
            finally:
                with handler.lock:
                    handler.open_connections -= 1

    class CountingController(Controller):
        def factory(self):
            return CountingSMTP(self.handler, **self.SMTP_kwargs)

    port = free_port()
    controller = CountingController(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return handler, controller, port


MESSAGE_ID = re.compile(rb"^Message-ID:[ \t]*(<[^>\r\n]+>)", re.IGNORECASE | re.MULTILINE)


def message_id(content: bytes) -> str:
    head = content.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    found = MESSAGE_ID.search(head)
    assert found is not None, head[:300]
    return found.group(1).decode()


# --- the fork server ---------------------------------------------------------------------------------


def worker_environment(port: int, fast_pdf: bool = True) -> dict[str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOW")}
    environment.update(smtp_workspace_environ(port))
    environment["CALLFLOW__EXTRACTION__WORKERS"] = "1"  # one extraction process to start per run, not two
    environment["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO_ROOT), environment.get("PYTHONPATH")]))
    if fast_pdf:
        environment["CALLFLOW_CRASH_FAST_PDF"] = "1"
    return environment


class ForkServer:
    """`python -m tests.crash.worker --serve`: one warm process that forks a child per run."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.crash.worker", "--serve"], cwd=REPO_ROOT, env=environment,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        assert self._read() == {"ready": True}

    def _read(self) -> dict[str, Any]:
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError(f"fork server exited with {self.process.wait()}")
        answer = json.loads(line)
        if "error" in answer:
            raise AssertionError(f"fork server: {answer['error']}")
        return answer

    def request(self, **values: Any) -> dict[str, Any]:
        self.process.stdin.write(json.dumps(values) + "\n")
        self.process.stdin.flush()
        return self._read()

    def start(self, flow: str, root: Path, report: Path, log: Path) -> int:
        report.unlink(missing_ok=True)
        return self.request(op="run", flow=flow, workspace=str(root), now=NOW[flow], report=str(report),
                            log=str(log))["pid"]

    def wait(self, pid: int, timeout: float = RUN_TIMEOUT) -> int:
        """Reap the child; one still running after `timeout` seconds is killed and the test fails."""
        deadline = time.monotonic() + timeout
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.002)
        hung = alive(pid)
        if hung:
            os.kill(pid, signal.SIGKILL)
        status = self.request(op="wait", pid=pid)["status"]
        assert not hung, f"worker {pid} still running after {timeout} s: killed"
        return status

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def alive(pid: int) -> bool:
    """Running (not yet a zombie waiting to be reaped by the fork server)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


# --- fixture workspaces --------------------------------------------------------------------------------


def _proposal(organisation: str, project: str, place: str) -> list[str]:
    return [f"Projectvoorstel {project}\nOrganisatie: {organisation}\nContactpersoon: An Peeters",
            f"Aanpak\nWij bieden trajectbegeleiding en woonbegeleiding in {place}."]


def build_intake_workspace(root: Path) -> Path:
    """Six received files: two applications (PDF, DOCX), a resubmission, a byte-identical copy, a late one and
    a question. Three acknowledgements go out over SMTP; the late notice waits for approval."""
    init_workspace(root)
    ws = Workspace(root, environ={})
    inbox = ws.inbox
    write_mail(inbox, "001.eml", MailSpec(
        sender="An Peeters <an.peeters@vzwdebrug.be>", received_at=brussels(2023, 5, 20, 14, 3),
        attachments=[pdf_attachment("Samen Sterk.pdf", make_pdf(_proposal("vzw De Brug", "Samen Sterk", "Sint-Truiden")))]))
    write_mail(inbox, "002.eml", MailSpec(
        sender="Sara Janssens <sara@ocmw-heers.be>", received_at=brussels(2023, 5, 22, 9, 30),
        subject="Kandidatuur Werk in Heers",
        attachments=[docx_attachment("Werk in Heers.docx", make_docx(_proposal("OCMW Heers", "Werk in Heers", "Heers")))]))
    write_mail(inbox, "003.eml", MailSpec(
        sender="Piet Janssens <piet@vzwdebrug.be>", received_at=brussels(2023, 5, 28, 10, 0),
        subject="Aangepaste versie kandidatuur",
        attachments=[pdf_attachment("Samen Sterk v2.pdf", make_pdf(_proposal("vzw De Brug", "Samen Sterk", "Gingelom")))]))
    (inbox / "004.eml").write_bytes((inbox / "002.eml").read_bytes())  # sent twice: a duplicate
    write_mail(inbox, "005.eml", MailSpec(
        sender="Jan <jan@cafedekring.be>", received_at=brussels(2023, 6, 2, 8, 15), subject="Kandidatuur (laat)",
        attachments=[pdf_attachment("Buurtwerk.pdf", make_pdf(_proposal("vzw Café De Kring", "Buurtwerk", "Alken")))]))
    write_mail(inbox, "006.eml", MailSpec(
        sender="Els <els@kansenvoorwellen.be>", received_at=brussels(2023, 5, 2, 11, 0), subject="Vraag",
        body="Beste,\n\nMag een vzw uit Tongeren ook indienen?\n\nGroeten,\nEls"))
    _create_registry(ws)
    return root


def build_review_workspace(root: Path) -> Path:
    """Four reviewers (with conflicts) and five complete applications with their PDFs: eight to ten pairs,
    four packets mailed."""
    from tests.factories.review import SeedApplication, seed_applications, write_reviewers

    init_workspace(root)
    ws = write_reviewers(Workspace(root, environ={}))
    seeds = [("HAS-2023-001", "vzw De Brug", "an.peeters@vzwdebrug.be"),
             ("HAS-2023-002", "CAW Limburg", "jan@cawlimburg.be"),
             ("HAS-2023-003", "OCMW Heers", "sara@ocmw-heers.be"),
             ("HAS-2023-004", "Buurtwerk Alken", "piet@buurtwerk-alken.be"),
             ("HAS-2023-005", "Kansen vzw", "kansen.haspengouw@gmail.com")]
    seed_applications(ws, [SeedApplication(reference, organisation, sender,
                                           pdf=make_pdf(_proposal(organisation, "Samen", "Sint-Truiden")))
                           for reference, organisation, sender in seeds])
    return root


def build_decisions_workspace(root: Path) -> Path:
    """Four applications: decisions recorded for three, and for the fourth a changed decision after its
    first decision mail went out (a correction). Four decision mails go out on approval."""
    from tasks import decisions
    from tasks.decisions import DecisionRecord
    from tasks.outbox import approve, deliver_for_workspace
    from tasks.registry import Registry
    from tests.tasks.test_decisions import seed_applications

    init_workspace(root)
    ws = Workspace(root, environ={})
    references = seed_applications(ws, count=4)
    registry = Registry(ws.database_url)
    earlier = brussels(2023, 7, 10, 9, 0)
    with registry.session() as session:
        decisions.record_decisions(session, [DecisionRecord(reference=references[3], outcome="approved",
                                                            motivation="Sterk voorstel.")], earlier, "test")
    decisions.apply_decisions(ws, registry, earlier)
    with registry.session() as session:
        approve(session, earlier, kinds=["decision"])
    assert deliver_for_workspace(ws, registry, earlier).sent  # with the outbox transport: before the trials
    records = [DecisionRecord(reference=references[0], outcome="approved", motivation="Goed onderbouwd."),
               DecisionRecord(reference=references[1], outcome="rejected", motivation="Buiten het werkingsgebied."),
               DecisionRecord(reference=references[2], outcome="conditional", motivation="Mits een begroting."),
               DecisionRecord(reference=references[3], outcome="rejected", motivation="Toch geen budget.")]
    with registry.session() as session:
        decisions.record_decisions(session, records, brussels(2023, 7, 12, 9, 0), "test")
    registry.dispose()
    return root


def _create_registry(ws: Workspace) -> None:
    from tasks.registry import Registry

    Registry(ws.database_url).dispose()


BUILDERS = {"intake": build_intake_workspace, "review": build_review_workspace,
            "decisions": build_decisions_workspace}


# --- what a workspace holds ------------------------------------------------------------------------------


def _rows(root: Path, query: str) -> list[tuple[Any, ...]]:
    with closing(sqlite3.connect(root / "state" / "callflow.sqlite", timeout=30)) as connection:
        return connection.execute(query).fetchall()


def snapshot(root: Path) -> dict[str, Any]:
    """The registry's content that a crash must not change (no ids, which may differ after a rollback)."""
    attachments: dict[str, list[tuple[Any, ...]]] = {}
    for file, *attachment in _rows(root, """
            SELECT m.file, a.filename, a.detected_type, a.readable, a.problem
            FROM attachments a JOIN messages m ON m.id = a.message_id ORDER BY m.file, a.position"""):
        attachments.setdefault(file, []).append(tuple(attachment))
    messages = {file: (*rest, tuple(attachments.get(file, ()))) for file, *rest in _rows(root, """
            SELECT m.file, m.status, m.kind, a.reference, m.version, m.on_time, m.problems, s.file, d.file,
                   m.organisation
            FROM messages m LEFT JOIN applications a ON a.id = m.application_id
            LEFT JOIN messages s ON s.id = m.supersedes_id LEFT JOIN messages d ON d.id = m.duplicate_of_id""")}
    applications = {reference: rest for reference, *rest in _rows(root, """
            SELECT a.reference, a.organisation, a.sender, m.file
            FROM applications a LEFT JOIN messages m ON m.id = a.current_message_id""")}
    mails = {key: tuple(rest) for key, *rest in _rows(
        root, "SELECT key, kind, status, to_addr, application, subject FROM mails")}
    pairs = sorted(_rows(root, "SELECT reviewer_email, application_reference FROM review_assignments"))
    decided = {(application, version): tuple(rest) for application, version, *rest in _rows(
        root, "SELECT application, version, status, outcome, mail_key FROM decisions")}
    return {"messages": messages, "applications": applications, "mails": mails, "pairs": pairs,
            "decisions": decided}


def ledger(root: Path) -> list[dict[str, Any]]:
    columns = ("key", "status", "eml_file", "message_id_header", "to_addr")
    return [dict(zip(columns, row, strict=True))
            for row in _rows(root, f"SELECT {', '.join(columns)} FROM mails ORDER BY id")]


PROGRESS_QUERIES = (
    "SELECT count(*) FROM messages",
    "SELECT count(*) FROM messages WHERE status != 'archived'",
    "SELECT count(*) FROM messages WHERE status = 'processed'",
    "SELECT count(*) FROM attachments",
    "SELECT count(*) FROM review_assignments",
    "SELECT count(*) FROM decisions WHERE status != 'pending'",
    "SELECT count(*) FROM mails",
    "SELECT count(*) FROM mails WHERE status IN ('approved', 'sending', 'sent')",
    "SELECT count(*) FROM mails WHERE status IN ('sending', 'sent')",
    "SELECT count(*) FROM mails WHERE status = 'sent'",
)


class Progress:
    """How far a run got, as one number that grows with every committed step."""

    def __init__(self, root: Path) -> None:
        self.connection = sqlite3.connect(root / "state" / "callflow.sqlite", timeout=30)

    def __call__(self) -> int:
        return sum(self.connection.execute(query).fetchone()[0] for query in PROGRESS_QUERIES)

    def close(self) -> None:
        self.connection.close()


def progress_of(root: Path) -> int:
    progress = Progress(root)
    try:
        return progress()
    finally:
        progress.close()


# --- one trial --------------------------------------------------------------------------------------------


@dataclass
class Baseline:
    flow: str
    template: Path
    snapshot: dict[str, Any]
    progress_before: int
    progress_after: int
    seconds: float
    sent_before: set[str]  # ledger keys already sent in the template (not part of any trial's SMTP traffic)
    mails: int  # messages the SMTP server receives in an uninterrupted run


@dataclass
class TrialLog:
    seed: int
    plan: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"trial seed {self.seed}: " + "; ".join(self.plan)


class CrashLab:
    """The shared pieces: one SMTP server, one fork server, one pre-built template per flow."""

    def __init__(self, base: Path, fast_pdf: bool = True) -> None:
        self.base = base
        self.smtp, self.controller, self.port = start_trial_smtp()
        self.server = ForkServer(worker_environment(self.port, fast_pdf))
        self.baselines: dict[str, Baseline] = {}
        self.docx_extraction: dict[Path, bytes] = {}  # workspace-relative cache file → its content

    def close(self) -> None:
        self.server.close()
        self.controller.stop()

    def baseline(self, flow: str) -> Baseline:
        if flow not in self.baselines:
            template = BUILDERS[flow](self.base / "templates" / flow)
            if flow == "intake":
                self._prewarm_extractions(template)
            self.server.request(op="warm", workspace=str(template), flow=flow, now=NOW[flow])
            sent_before = {row["key"] for row in ledger(template) if row["status"] == "sent"}
            progress_before = progress_of(template)
            root = self._copy(template, flow)
            self.server.request(op="warm", workspace=str(root))  # every trial copy has this path and config
            self.smtp.take()
            started = time.monotonic()
            report = self.run(flow, root)
            seconds = time.monotonic() - started
            assert report["delivered"]["needs_confirmation"] == report["delivered"]["failed"] == []
            received = self.smtp.take()
            baseline = Baseline(flow, template, snapshot(root), progress_before, progress_of(root), seconds,
                                sent_before, len(received))
            check_invariants(baseline, root, received, TrialLog(-1, ["uninterrupted"]))
            assert baseline.mails > 0 and baseline.progress_after > baseline.progress_before
            self.baselines[flow] = baseline
        return self.baselines[flow]

    def _prewarm_extractions(self, template: Path) -> None:
        """Cache the extraction of every document but the DOCX: a run that gets to the extract stage then has
        one document to extract (one worker process to start). A trial caches that one too, except in
        EXTRACTING_TRIALS of intake trials: starting an extraction worker costs more than the rest of a run."""
        scratch = self._copy(template, "intake-prewarm")
        report, log = scratch / "report.json", scratch / "worker.log"
        pid = self.server.request(op="run", flow="intake", workspace=str(scratch), now=NOW["intake"],
                                  report=str(report), log=str(log), env={"CALLFLOW__MAIL__TRANSPORT": "outbox"})["pid"]
        assert self.server.wait(pid) == 0, _tail(log)
        left_out = {sha for (sha,) in _rows(scratch, "SELECT sha256 FROM attachments WHERE filename LIKE '%.docx'")}
        assert left_out
        for cached in (scratch / "state" / "extracted").rglob("*.json"):
            relative = cached.relative_to(scratch)
            if cached.stem in left_out:
                self.docx_extraction[relative] = cached.read_bytes()
            else:
                (template / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(cached, template / relative)
        shutil.rmtree(scratch)

    def _copy(self, template: Path, name: str) -> Path:
        """A fresh copy of the template at trials/NAME; copy2 keeps the files' times, so the config parsed
        once for that path is still valid (callflow.config caches by path, mtime and size)."""
        root = self.base / "trials" / name
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(template, root)
        return root

    def run(self, flow: str, root: Path) -> dict[str, Any]:
        """One run to its end; the report it wrote."""
        report, log = root / "report.json", root / "worker.log"
        status = self.server.wait(self.server.start(flow, root, report, log))
        self.smtp.wait_idle()
        assert status in (0, 1) and report.exists(), f"worker exited with {status}:\n{_tail(log)}"
        return json.loads(report.read_text())

    def killed_run(self, flow: str, root: Path, rng: random.Random, log: TrialLog) -> None:
        """One run, SIGKILLed at a random point (or finishing first, when the point lies beyond its end)."""
        baseline = self.baselines[flow]
        mode = rng.choice(("delay", "state", "smtp"))
        pid = self.server.start(flow, root, root / "report.json", root / "worker.log")
        if mode == "delay":
            delay = rng.uniform(0.0, baseline.seconds)
            log.plan.append(f"kill after {delay:.3f} s")
            time.sleep(delay)
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        elif mode == "state":
            target = progress_of(root) + rng.randint(1, baseline.progress_after - baseline.progress_before)
            log.plan.append(f"kill at progress {target}")
            progress = Progress(root)
            try:
                deadline = time.monotonic() + 60
                while alive(pid) and time.monotonic() < deadline:
                    if progress() >= target:
                        os.kill(pid, signal.SIGKILL)
                        break
                    time.sleep(0.002)
            finally:
                progress.close()
        else:
            trigger = Trigger(pid, rng.randint(1, baseline.mails), rng.random() < 0.5)
            log.plan.append(f"kill at SMTP message {trigger.message} "
                            f"{'before' if trigger.before_record else 'after'} the server keeps it")
            self.smtp.arm(trigger)
        status = self.server.wait(pid)
        self.smtp.arm(None)
        self.smtp.wait_idle()
        log.plan.append(f"exit {status}")
        assert status in (0, 1, -signal.SIGKILL), f"{log}: worker exited with {status}:\n{_tail(root / 'worker.log')}"

    def trial(self, flow: str, seed: int) -> TrialLog:
        baseline = self.baseline(flow)
        rng = random.Random(f"crash:{flow}:{seed}")  # a string seed is hashed: neighbouring seeds do not correlate
        log = TrialLog(seed)
        root = self._copy(baseline.template, flow)
        if flow == "intake" and rng.random() < EXTRACTING_TRIALS:
            log.plan.append("extracting")
        else:
            for relative, content in self.docx_extraction.items() if flow == "intake" else ():
                (root / relative).parent.mkdir(parents=True, exist_ok=True)
                (root / relative).write_bytes(content)
        received: list[bytes] = []
        self.smtp.take()
        for _ in range(1 if rng.random() < 0.75 else 2):
            self.killed_run(flow, root, rng, log)
            received += self.smtp.take()
        for _round in range(MAX_SETTLE_ROUNDS):
            sending = {row["key"] for row in ledger(root) if row["status"] == "sending"}
            report = self.run(flow, root)
            received += self.smtp.take()
            delivered = report["delivered"]
            assert set(delivered["needs_confirmation"]) == sending, (
                f"{log}: rows left in 'sending' {sorted(sending)} but reported {delivered['needs_confirmation']}")
            assert delivered["failed"] == [], f"{log}: failed {delivered['failed']}"
            if not sending:
                break
            self._settle(root, sending, received, log)
        else:
            raise AssertionError(f"{log}: still not settled after {MAX_SETTLE_ROUNDS} runs")
        check_invariants(baseline, root, received, log)  # a failing trial's workspace stays for a look
        return log

    def _settle(self, root: Path, keys: set[str], received: list[bytes], log: TrialLog) -> None:
        """`callflow outbox confirm KEY --sent/--not-sent`, answered from what the SMTP server holds."""
        from tasks.outbox import confirm
        from tasks.registry import Registry

        arrived = {message_id(content) for content in received}
        ws = Workspace(root, environ={})
        registry = Registry(ws.database_url)
        try:
            with registry.session() as session:
                for row in ledger(root):
                    if row["key"] in keys:
                        was_sent = row["message_id_header"] in arrived
                        log.plan.append(f"confirm {row['key']} {'sent' if was_sent else 'not sent'}")
                        confirm(session, row["key"], was_sent=was_sent, now=brussels(2023, 7, 13, 12, 0),
                                outbox=ws.outbox)
        finally:
            registry.dispose()


def _tail(path: Path, characters: int = 3000) -> str:
    return path.read_text(errors="replace")[-characters:] if path.exists() else "(no log)"


# --- the invariants ---------------------------------------------------------------------------------------


def check_invariants(baseline: Baseline, root: Path, received: list[bytes], log: TrialLog) -> None:
    ws = Workspace(root, environ={})
    state = snapshot(root)
    inbox = sorted(p.name for p in ws.inbox.iterdir() if p.is_file())
    if baseline.flow == "intake":
        assert sorted(state["messages"]) == inbox, f"{log}: inbox files not recorded exactly once"
        assert {v[0] for v in state["messages"].values()} == {"processed"}, f"{log}: unprocessed messages"
    for part in ("messages", "applications", "pairs", "decisions", "mails"):
        assert state[part] == baseline.snapshot[part], f"{log}: {part} differ from the uninterrupted run"
    rows = ledger(root)
    stuck = [row["key"] for row in rows if row["status"] in ("sending", "approved", "failed")]
    assert stuck == [], f"{log}: ledger rows left {stuck}"
    # SMTP: every Message-ID once, and exactly the rows this trial sent.
    counts = Counter(message_id(content) for content in received)
    twice = {mid: n for mid, n in counts.items() if n > 1}
    assert twice == {}, f"{log}: delivered more than once: {twice}"
    sent_now = {row["message_id_header"] for row in rows if row["status"] == "sent" and row["key"] not in baseline.sent_before}
    assert set(counts) == sent_now, (
        f"{log}: SMTP received {sorted(set(counts) - sent_now)} not sent in the ledger; "
        f"ledger sent {sorted(sent_now - set(counts))} that never arrived")
    # outbox/: exactly the ledger's files, each in the folder of its status, each with its Message-ID.
    folders = {"draft": "pending", "sent": "sent", "superseded": "superseded"}
    expected = {(folders[row["status"]], row["eml_file"]) for row in rows}
    present = {(folder.name, p.name) for folder in ws.outbox.iterdir() if folder.is_dir()
               for p in folder.iterdir() if not p.name.startswith(".")}
    assert present == expected, f"{log}: outbox files {sorted(present ^ expected)} do not match the ledger"
    for row in rows:
        data = (ws.outbox / folders[row["status"]] / row["eml_file"]).read_bytes()
        assert message_id(data) == row["message_id_header"], f"{log}: {row['eml_file']} holds another mail"
    for content in received:
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert parsed["Message-ID"] in sent_now
    # archive: what the registry points to is there, byte for byte.
    _check_archive(ws, log)


def _check_archive(ws: Workspace, log: TrialLog) -> None:
    blobs = [(f"messages/{sha[:2]}/{sha}.eml", sha) for (sha, file) in _rows(ws.root, "SELECT sha256, file FROM messages")
             if (ws.inbox / file).exists()]
    blobs += _rows(ws.root, "SELECT stored_as, sha256 FROM attachments")
    for relative, digest in blobs:
        path = ws.archive / relative
        assert path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == digest, f"{log}: archive {relative}"


# --- the tests ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    lab = CrashLab(tmp_path_factory.mktemp("crash"))
    try:
        yield lab
    finally:
        lab.close()


def run_trials(lab: CrashLab, flow: str, trials: int, seed: int) -> list[TrialLog]:
    return [lab.trial(flow, seed + number) for number in range(trials)]


def _killed(logs: list[TrialLog]) -> int:
    return sum(1 for log in logs if any(step == f"exit {-signal.SIGKILL}" for step in log.plan))


@pytest.mark.parametrize("flow", ["intake", "review", "decisions"])
def test_flow_killed_at_random_points_loses_and_repeats_nothing(lab, flow):
    logs = run_trials(lab, flow, REGULAR_TRIALS, BASE_SEED)
    assert _killed(logs) >= REGULAR_TRIALS // 2, "most trials must really be killed part-way"


@pytest.mark.slow
@pytest.mark.timeout(0)
@pytest.mark.parametrize("flow", ["intake", "review", "decisions"])
def test_flow_soak_killed_at_random_points_loses_and_repeats_nothing(lab, flow):
    logs = run_trials(lab, flow, SOAK_TRIALS, BASE_SEED + 100_000)
    assert _killed(logs) >= SOAK_TRIALS // 2


@pytest.mark.slow
@pytest.mark.timeout(0)
def test_review_with_weasyprint_killed_at_random_points_loses_and_repeats_nothing(tmp_path):
    """The review trials above stand a one-page PDF in for WeasyPrint; here the real renderer runs."""
    lab = CrashLab(tmp_path, fast_pdf=False)
    try:
        trials = max(10, SOAK_TRIALS // 20)
        logs = run_trials(lab, "review", trials, BASE_SEED + 200_000)
        assert _killed(logs) >= trials // 2
    finally:
        lab.close()
