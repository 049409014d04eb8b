"""The written review and the pitch days replayed on a simulated clock, with mail delivered to a real SMTP
server (aiosmtpd on 127.0.0.1): packets, returned sheets, reminders, shortlist, invitations, rescheduling."""

from __future__ import annotations

import argparse
import email
import email.policy
import re

import pypdfium2
import pytest
from icalendar import Calendar

from callflow import cli_review
from callflow.workspace import Workspace
from flows.intake import intake
from flows.review import review, review_reminder, shortlist
from tasks.outbox import deliver_for_workspace
from tasks.registry import Registry
from tests.conftest import smtp_workspace_environ
from tests.factories.documents import make_pdf
from tests.factories.mails import MailSpec, brussels, pdf_attachment, write_mail
from tests.factories.review import REVIEWERS, analysis, fill_sheet, return_mail, write_reviewers
from tests.tasks.test_intake import run_intake

pytestmark = pytest.mark.integration

KATRIEN, BART, ELS, TOM = (r["email"] for r in REVIEWERS)
AUTO_SEND = "[acknowledgement, review-receipt, review-packet, review-reminder, pitch-invitation, pitch-schedule]"
APPLICANTS = [  # sender, organisation, service types offered
    ("An Peeters <an.peeters@vzwdebrug.be>", "vzw De Brug", ["trajectbegeleiding", "huisvesting"]),
    ("Jan Smets <jan.smets@cawlimburg.be>", "CAW Limburg", ["psychische-hulp"]),
    ("Sara Janssens <sara@ocmw-heers.be>", "OCMW Heers", ["nederlandse-taal"]),
    ("Piet Vos <piet@buurtwerk-alken.be>", "Buurtwerk Alken", ["netwerk"]),
]


def _analyser(documents):
    """The analysis as tasks.analyse returns it, chosen by the organisation named in the proposal."""
    text = " ".join(page for _name, pages, _ok in documents for page in pages)
    offered = next(services for _sender, organisation, services in APPLICANTS if organisation in text)
    return analysis(offered, document=documents[0][0])


class Mailbox:
    """What the SMTP server received, as parsed messages, read from where the previous look stopped."""

    def __init__(self, server) -> None:
        self.server = server
        self.seen = 0

    def new(self) -> list[email.message.EmailMessage]:
        fresh = self.server.messages[self.seen:]
        self.seen = len(self.server.messages)
        return [email.message_from_bytes(data, policy=email.policy.default) for _from, _to, data in fresh]


def attachment(message: email.message.EmailMessage, suffix: str) -> bytes:
    [part] = [p for p in message.iter_attachments() if p.get_filename().endswith(suffix)]
    content = part.get_content()
    return content if isinstance(content, bytes) else content.encode()


def pdf_text(data: bytes) -> str:
    """The PDF's text as pdfium reads it (about 1 ms a page; pypdf needs over 100 ms)."""
    document = pypdfium2.PdfDocument(data)
    try:
        return re.sub(r"\s+", " ", " ".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


def plain(message: email.message.EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.fixture
def no_flow_heartbeat(prefect_harness):
    """Each flow run otherwise waits about a second at exit for its heartbeat thread (see DESIGN.md)."""
    import prefect.settings

    with prefect.settings.temporary_settings(updates={prefect.settings.PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def test_review_timeline_replay_sends_packets_receipts_reminders_and_invitations_over_smtp(
    workspace, no_flow_heartbeat, smtp_server, monkeypatch
):
    environ = {**smtp_workspace_environ(smtp_server.port), "CALLFLOW__MAIL__AUTO_SEND": AUTO_SEND}
    for name, value in environ.items():
        monkeypatch.setenv(name, value)  # the flows load the workspace's config with the process environment
    ws = write_reviewers(Workspace(workspace.root, environ=environ))
    root = str(ws.root)
    inbox = Mailbox(smtp_server)

    # Submissions (intake stages with a stand-in analysis), then the deadline.
    for number, (sender, organisation, _services) in enumerate(APPLICANTS, start=1):
        write_mail(ws.inbox, f"{number:03d}.eml", MailSpec(
            sender=sender, received_at=brussels(2023, 5, 20 + number, 10, 0), attachments=[pdf_attachment(
                "voorstel.pdf", make_pdf([f"Projectvoorstel\nOrganisatie: {organisation}", "Aanpak\nWij begeleiden."]))]))
    run_intake(ws, brussels(2023, 6, 2, 9, 0), _analyser)
    assert len(inbox.new()) == 4  # acknowledgements

    # 5 June 08:00: assignment and packets.
    first = review(now=brussels(2023, 6, 5, 8, 0), workspace=root)
    again = review(now=brussels(2023, 6, 5, 8, 30), workspace=root)

    assert (first["problems"], first["assignment"]["pairs"], len(first["packets"])) == ([], 8, 4)
    assert (again["packets"], again["delivered"]["sent"]) == ([], [])
    packets = {m["To"]: m for m in inbox.new()}
    assert sorted(packets) == sorted([KATRIEN, BART, ELS, TOM])
    assigned = {}
    for reviewer, message in packets.items():
        text = pdf_text(attachment(message, ".pdf"))
        assigned[reviewer] = sorted(set(re.findall(r"HAS-2023-\d{3}", text)))
        assert len(assigned[reviewer]) == 2
        assert "Stuur uw scores terug vóór vrijdag 16 juni 2023 om 23:59." in text
        for number, (_sender, organisation, _services) in enumerate(APPLICANTS, start=1):
            reference = f"HAS-2023-{number:03d}"
            # Nothing about an application the reviewer was not given: not its reference, not its name.
            assert (organisation in text) == (reference in assigned[reviewer])
        assert len(attachment(message, ".xlsx")) > 0
    assert not {"HAS-2023-001", "HAS-2023-002"} & set(assigned[ELS])  # declared conflict, same organisation
    assert "HAS-2023-004" not in assigned[BART]  # declared domain buurtwerk-alken.be

    # The week of 12 June: sheets come back (good, incomplete, tampered) and the intake answers them.
    def sheet(reviewer: str) -> bytes:
        return attachment(packets[reviewer], ".xlsx")

    foreign = next(ref for ref in ("HAS-2023-001", "HAS-2023-002", "HAS-2023-003") if ref not in assigned[TOM])
    write_mail(ws.inbox, "bart.eml", return_mail(BART, fill_sheet(
        sheet(BART), {ref: [9, 8, 8, 7, 7] for ref in assigned[BART]}), brussels(2023, 6, 8, 10)))
    write_mail(ws.inbox, "katrien.eml", return_mail(KATRIEN, fill_sheet(
        sheet(KATRIEN), {assigned[KATRIEN][0]: [7, 7, None, 7, 7]}), brussels(2023, 6, 8, 11)))
    write_mail(ws.inbox, "tom.eml", return_mail(TOM, fill_sheet(
        sheet(TOM), {ref: [6, 6, 6, 6, 6] for ref in assigned[TOM]}, extra_rows=[[foreign, "", "", 10, 10, 10, 10, 10]]),
        brussels(2023, 6, 8, 12)))
    taken = intake(now=brussels(2023, 6, 9, 9, 0), workspace=root)

    assert taken["concluded"]["kinds"] == {"review-return": 3}
    answers = {m["To"]: m for m in inbox.new()}
    assert answers[BART]["Subject"].startswith("Scores ontvangen")
    assert answers[KATRIEN]["Subject"].startswith("Uw scoreblad is nog niet in orde")
    assert "ontbreekt de score voor 'Bereik van de doelgroep'" in plain(answers[KATRIEN])
    assert f"{foreign} staat niet op uw lijst van toegewezen aanvragen" in plain(answers[TOM])

    # 14 June 09:00: reminders to everyone without a valid return.
    reminded = review_reminder(now=brussels(2023, 6, 14, 9, 0), workspace=root)
    assert sorted(m["To"] for m in inbox.new()) == sorted([KATRIEN, ELS, TOM])
    assert review_reminder(now=brussels(2023, 6, 14, 9, 5), workspace=root)["delivered"]["sent"] == []
    assert reminded["reminders"]["returned"] == [BART]

    for reviewer, grade in ((KATRIEN, 5), (ELS, 6), (TOM, 4)):
        write_mail(ws.inbox, f"{reviewer}-2.eml", return_mail(reviewer, fill_sheet(
            sheet(reviewer), {ref: [grade] * 5 for ref in assigned[reviewer]}), brussels(2023, 6, 15, 10)))
    intake(now=brussels(2023, 6, 15, 11, 0), workspace=root)
    assert all(m["Subject"].startswith("Scores ontvangen") for m in inbox.new())

    # 17 June 09:00: ranking, shortlist, pitch slots, invitations and the jury's schedule.
    listed = shortlist(now=brussels(2023, 6, 17, 9, 0), workspace=root)
    repeated = shortlist(now=brussels(2023, 6, 17, 9, 30), workspace=root)

    assert listed["problems"] == [] and repeated["delivered"]["sent"] == []
    sent = inbox.new()
    invitations = {m["To"]: m for m in sent if m["Subject"].startswith("Uitnodiging pitch")}
    jury = [m for m in sent if m["Subject"].startswith("Dagschema pitches")]
    shortlisted = listed["shortlist"]
    assert len(invitations) == len(shortlisted) >= 1 and len(jury) == 3
    events = {}
    for message in invitations.values():
        calendar = Calendar.from_ical(attachment(message, ".ics"))
        [event] = calendar.walk("VEVENT")
        events[str(event["attendee"]).removeprefix("mailto:")] = event
        assert calendar["method"] == "REQUEST" and event["sequence"] == 0
        assert event["dtstart"].params["TZID"] == "Europe/Brussels"
        assert event.decoded("dtstart").date().isoformat() in ("2023-06-19", "2023-06-21", "2023-06-23")
    schedule = pdf_text(attachment(jury[0], ".pdf"))
    assert all(reference in schedule for reference in shortlisted)

    # The coordinator moves the first pitch: only that applicant is re-invited (same UID, SEQUENCE 1).
    target = listed["scheduled"][shortlisted[0]]
    free = "2023-06-23T11:55"
    parser = argparse.ArgumentParser()
    cli_review.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["pitches", "reschedule", shortlisted[0], "--to", free, "--now", "2023-06-18T10:00"])
    assert cli_review.run(ws, args) == 0
    deliver_for_workspace(ws, Registry(ws.database_url), brussels(2023, 6, 18, 10, 5))

    after = inbox.new()
    updates = [m for m in after if "Uitnodiging pitch" in m["Subject"]]
    assert len(updates) == 1 and updates[0]["Subject"].startswith(f"Gewijzigd: Uitnodiging pitch {shortlisted[0]}")
    [moved] = Calendar.from_ical(attachment(updates[0], ".ics")).walk("VEVENT")
    original = events[updates[0]["To"]]
    assert (moved["uid"], moved["sequence"]) == (original["uid"], 1)
    assert moved.decoded("dtstart") == brussels(2023, 6, 23, 11, 55) != original.decoded("dtstart")
    assert target != moved.decoded("dtstart").isoformat()
    assert sorted(m["To"] for m in after if m not in updates) == sorted(
        ["info@bijzig.be", KATRIEN, TOM])  # the jury's updated schedule
