"""`callflow demo`: a whole call replayed on a simulated clock, from launch to the last rebuttal window.

A fresh workspace gets a realistic sample call from the project's generator (Dutch proposals as PDF and
DOCX, scans, late, resubmitted, duplicate, broken and non-application mails). Mail waits in `arrivals/`
and is delivered to `inbox/` when the simulated clock passes its receipt time; at each step `run-due`
runs whatever the timeline says is due. The coordinator's actions (approving late notices and pitch
invitations, recording decisions, approving decision mails) and the reviewers' and applicants' replies
happen at realistic moments. Mail transport is the outbox: nothing leaves the machine.
"""

from __future__ import annotations

import csv
import io
import json
import random
import shutil
import time
from collections import Counter
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import select

from callflow.prefect_api import configure_prefect, start_prefect_api
from callflow.runtime import registry_for
from callflow.workspace import Workspace, init_workspace

MARKER = ".callflow-demo"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Replay:
    """The simulated clock: delivers due mail from arrivals/ to inbox/ and runs what is due."""

    def __init__(self, ws: Workspace, arrivals: Path, log: list[str]) -> None:
        self.ws = ws
        self.arrivals = arrivals
        self.log = log
        self.times: dict[str, datetime] = {}

    def expect(self, files: dict[str, datetime]) -> None:
        self.times.update(files)

    def deliver(self, now: datetime) -> int:
        moved = 0
        for name, received in sorted(self.times.items(), key=lambda item: item[1]):
            source = self.arrivals / name
            if received <= now and source.exists():
                shutil.move(source, self.ws.inbox / name)
                moved += 1
        return moved

    def step(self, now: datetime, note: str = "") -> dict[str, Any]:
        from flows.run_due import run_due

        delivered = self.deliver(now)
        result = run_due(now=now, workspace=str(self.ws.root))
        ran = ", ".join(result["ran"]) or "-"
        self.log.append(f"{now:%Y-%m-%d %H:%M}  mail in: {delivered:3d}  milestones: {ran}{'  ' + note if note else ''}")
        return result


def _local(ws: Workspace, year: int, month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=ws.call.tz)


def _approve_and_send(ws: Workspace, kinds: list[str], now: datetime) -> int:
    from tasks import outbox

    registry = registry_for(ws)
    with registry.session() as session:
        approved = outbox.approve(session, now, kinds=kinds)
    outbox.deliver_for_workspace(ws, registry, now)
    return len(approved)


def _sent_attachments(ws: Workspace, kind: str) -> list[tuple[str, bytes]]:
    """(recipient, xlsx bytes) of every sent mail of a kind that carries a spreadsheet."""
    import email
    import email.policy

    from tasks.registry import Mail

    with registry_for(ws).session() as session:
        rows = list(session.scalars(select(Mail).where(Mail.kind == kind, Mail.status == "sent")))
        found = []
        for row in rows:
            message = email.message_from_bytes((ws.outbox / "sent" / row.eml_file).read_bytes(), policy=email.policy.default)
            for part in message.iter_attachments():
                if (part.get_filename() or "").endswith(".xlsx"):
                    found.append((row.to_addr, part.get_payload(decode=True)))
    return found


def _fill_sheet(ws: Workspace, data: bytes, rng: random.Random) -> bytes:
    """A reviewer's work: a score for every criterion of every assigned application."""
    from tasks.scoresheets import FIRST_DATA_ROW, ID_ROW, SHEET

    settings = ws.reviewers.review
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[SHEET]
    criteria = {c.id for c in settings.criteria}
    columns = [cell.column for cell in sheet[ID_ROW] if cell.value in criteria]
    row = FIRST_DATA_ROW
    while sheet.cell(row, 1).value:
        quality = rng.uniform(0.35, 0.95)
        for column in columns:
            low, high = settings.score_min, settings.score_max
            value = low + (high - low) * min(1.0, max(0.0, rng.gauss(quality, 0.12)))
            sheet.cell(row, column).value = round(value) if settings.whole_scores else round(value, 1)
        row += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _mail_with_sheet(ws: Workspace, sender: str, sheet: bytes, received: datetime) -> bytes:
    message = EmailMessage()
    message["Received"] = f"from mail.example by mx.bijzig.be (Postfix); {format_datetime(received)}"
    message["From"] = sender
    message["To"] = ws.call.call.submit_to
    message["Subject"] = "Ingevuld scoreblad"
    message["Date"] = format_datetime(received - timedelta(minutes=3))
    message["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[1])
    message.set_content("Beste,\n\nIn bijlage mijn ingevuld scoreblad.\n\nMet vriendelijke groeten")
    message.add_attachment(sheet, maintype="application", subtype=XLSX.split("/")[1], filename="scoreblad.xlsx")
    return message.as_bytes(policy=SMTP)


def _reviewer_returns(ws: Workspace, replay: Replay, rng: random.Random, first: datetime) -> None:
    """All but one reviewer return their sheet during the review weeks; the last one after the reminder."""
    sheets = _sent_attachments(ws, "review-packet")
    for index, (reviewer, data) in enumerate(sorted(sheets)):
        late = index == len(sheets) - 1 and len(sheets) > 1
        received = first + timedelta(days=rng.randint(0, 4), hours=rng.randint(0, 8)) if not late else \
            _local(ws, first.year, first.month, first.day) + timedelta(days=9, hours=6)
        name = f"return-{index + 1:02d}.eml"
        (replay.arrivals / name).write_bytes(_mail_with_sheet(ws, reviewer, _fill_sheet(ws, data, rng), received))
        replay.expect({name: received})


def _record_decisions(ws: Workspace, now: datetime) -> Path:
    """The coordinator's decisions: shortlisted applicants approved (some under conditions), others not."""
    from tasks.decisions import import_file
    from tasks.registry import Application, PitchSlot

    registry = registry_for(ws)
    with registry.session() as session:
        shortlisted = set(session.scalars(select(PitchSlot.application_reference)))
        references = list(session.scalars(select(Application.reference).order_by(Application.number)))
    path = ws.root / "exports" / "beslissingen.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["reference", "outcome", "motivation"])
        for number, reference in enumerate(references):
            if reference in shortlisted and number % 3 == 2:
                writer.writerow([reference, "conditional",
                                 "Sterk voorstel; we vragen een aangepaste begroting met een duidelijke verdeling per gemeente."])
            elif reference in shortlisted:
                writer.writerow([reference, "approved",
                                 "Het voorstel sluit goed aan bij de regio-uitdagingen en overtuigde de jury tijdens de pitch."])
            else:
                writer.writerow([reference, "rejected",
                                 "Het voorstel sluit minder goed aan bij de typen dienstverlening die de regio nodig heeft."])
    with registry.session() as session:
        validated, _report = import_file(ws, session, path, now)
    return path


def _rebuttals(ws: Workspace, replay: Replay, seed: int) -> None:
    from bench.generate import generate_rebuttals
    from tasks.registry import Application, Mail

    with registry_for(ws).session() as session:
        rows = session.execute(
            select(Mail.application, Mail.to_addr, Mail.message_id_header, Mail.sent_at)
            .where(Mail.kind == "decision", Mail.status == "sent")
            .order_by(Mail.application)
        ).all()
        senders = {a.reference: a.sender for a in session.scalars(select(Application))}
    decisions = [(reference, senders.get(reference) or to, message_id, sent_at)
                 for reference, to, message_id, sent_at in rows]
    before = set(path.name for path in replay.arrivals.iterdir())
    generated = generate_rebuttals(replay.arrivals, decisions, seed, timezone=ws.call.call.timezone,
                                   submit_to=ws.call.call.submit_to)
    replay.expect({mail.file: mail.received_at for mail in generated if mail.file not in before})


def _prepare(directory: Path) -> Path:
    directory = directory.expanduser().resolve()
    if directory.exists():
        if not (directory / MARKER).exists():
            raise ValueError(f"{directory} exists and is not a callflow demo workspace; choose another folder")
        shutil.rmtree(directory)
    init_workspace(directory)
    (directory / MARKER).write_text("made by callflow demo; deleted and remade by the next demo\n")
    return directory


def run_demo(directory: Path, *, applications: int = 24, seed: int = 2023) -> int:
    configure_prefect()
    started = time.monotonic()
    api = start_prefect_api()  # starts while the sample call is generated
    root = _prepare(directory)
    ws = Workspace(root)
    ws.validate()
    timeline = ws.timeline
    rng = random.Random(seed)
    log: list[str] = []
    arrivals = root / "arrivals"
    print(f"callflow demo: a sample call with {applications} applications in {root}", flush=True)

    from bench.generate import generate_call

    manifest = generate_call(arrivals, applications, seed=seed, timezone=timeline.timezone,
                             launch=timeline.launch, deadline=timeline.submission_deadline)
    replay = Replay(ws, arrivals, log)
    with api.ready():
        replay.expect({mail.file: mail.received_at for mail in manifest.mails})

        # Submissions: weekly while the call is open, daily in its last week (when most mail comes in).
        moment = timeline.launch + timedelta(days=7, hours=18)
        last_week = timeline.submission_deadline - timedelta(days=7)
        while moment < last_week:
            replay.step(moment)
            moment += timedelta(days=7)
        moment = last_week.replace(hour=20, minute=0)
        while moment < timeline.submission_deadline:
            replay.step(moment)
            moment += timedelta(days=1)

        # Deadline, then the coordinator approves the late notices the next morning.
        deadline_milestone = timeline.milestone("deadline")
        after_deadline = deadline_milestone.at if deadline_milestone else timeline.submission_deadline + timedelta(minutes=5)
        replay.step(after_deadline, "deadline: overview to the coordinator")
        morning = after_deadline.replace(hour=9, minute=0)
        replay.step(morning)
        log.append(f"{morning:%Y-%m-%d %H:%M}  late notices approved and sent: {_approve_and_send(ws, ['late-notice'], morning)}")

        # Written review: packets go out, sheets come back, a reminder, then the shortlist and pitch invitations.
        for milestone in timeline.milestones:
            if milestone.flow == "review":
                replay.step(milestone.at, "review packets to the reviewers")
                _reviewer_returns(ws, replay, rng, milestone.at + timedelta(days=2))
            elif milestone.flow == "review-reminder":
                replay.step(milestone.at - timedelta(days=2), "")
                replay.step(milestone.at, "reminder to reviewers who did not return their sheet")
            elif milestone.flow == "shortlist":
                replay.step(milestone.at - timedelta(hours=12))
                replay.step(milestone.at, "scores aggregated, shortlist made")
                invited = _approve_and_send(ws, ["pitch-invitation"], milestone.at + timedelta(hours=1))
                log.append(f"{milestone.at + timedelta(hours=1):%Y-%m-%d %H:%M}  pitch invitations approved and sent: {invited}")

        # Decisions: the warning (nothing recorded yet), the coordinator records decisions, the milestone applies
        # them, and the coordinator approves the decision mails; each mail opens its rebuttal window.
        for milestone in timeline.milestones:
            if milestone.flow == "decision-warning":
                replay.step(milestone.at, "warning: decisions still missing")
                recorded_at = milestone.at + timedelta(days=1)
                _record_decisions(ws, recorded_at)
                log.append(f"{recorded_at:%Y-%m-%d %H:%M}  decisions recorded from exports/beslissingen.csv")
            elif milestone.flow == "decisions":
                replay.step(milestone.at, "decisions applied; decision mails wait for approval")
                send_at = milestone.at + timedelta(hours=1)
                sent = _approve_and_send(ws, ["decision"], send_at)
                log.append(f"{send_at:%Y-%m-%d %H:%M}  decision mails approved and sent: {sent}")

        # Rebuttals arrive during the windows; the daily check closes each window and builds the jury packet.
        _rebuttals(ws, replay, seed)
        with registry_for(ws).session() as session:
            from tasks import milestones as ledger

            end = ledger.rebuttal_period_end(timeline, ledger.last_decision_sent(session), ws.call.decisions.max_extension_days)
        day = (timeline.decision_by - timedelta(days=1)).replace(hour=12, minute=0)
        while day <= end + timedelta(days=1, hours=12):
            replay.step(day)
            day += timedelta(days=2)
        final = end + timedelta(days=1, hours=9)
        replay.step(final, "last rebuttal windows closed")
        approved = _approve_and_send(ws, ["rebuttal-late-notice", "rebuttal-packet"], final)
        log.append(f"{final:%Y-%m-%d %H:%M}  late rebuttal notices and jury packets approved and sent: {approved}")

    _exports(ws)
    _summary(ws, log, time.monotonic() - started)
    return 0


def _exports(ws: Workspace) -> None:
    from tasks import export

    with registry_for(ws).session() as session:
        messages = export.message_records(session, ws.call.tz)
        applications = export.application_records(session, ws.call.tz)
    ws.exports.mkdir(parents=True, exist_ok=True)
    (ws.exports / "messages.json").write_text(export.to_json(messages), encoding="utf-8")
    (ws.exports / "applications.xlsx").write_bytes(export.to_xlsx(applications, "applications"))


def _summary(ws: Workspace, log: list[str], seconds: float) -> None:
    from tasks.registry import Mail, Message

    with registry_for(ws).session() as session:
        kinds = Counter(session.scalars(select(Message.kind)))
        mails = Counter(f"{kind} ({status})" for kind, status in session.execute(select(Mail.kind, Mail.status)))
    print("\nThe call, replayed:")
    print("\n".join(f"  {line}" for line in log))
    print("\nReceived: " + ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items(), key=lambda i: str(i[0]))))
    print("Mail: " + ", ".join(f"{name} {count}" for name, count in sorted(mails.items())))
    print(f"\nDone in {seconds:.0f} s. Where to look (workspace {ws.root}):")
    print(f"  {ws.outbox / 'sent'}         every mail sent (.eml, Dutch); drafts in outbox/pending")
    print(f"  {ws.packets}              reviewer packets (PDF + scoring sheet), pitch schedule, overviews, rebuttal packets")
    print(f"  {ws.exports / 'messages.json'}  what intake concluded for every received file")
    print(f"  {ws.exports / 'applications.xlsx'}  one row per application, for the coordinator")
    print(f"  callflow --workspace {ws.root} outbox list | queue | decisions list | pitches list")
    print(json.dumps({"workspace": str(ws.root), "seconds": round(seconds)}), file=open(ws.root / "demo.json", "w"))
