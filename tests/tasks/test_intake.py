from __future__ import annotations

import email
import email.policy
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime

import pytest
from sqlalchemy import func, select

from callflow.runtime import extraction_pool
from callflow.workspace import Workspace
from tasks import intake as stages
from tasks.export import message_records
from tasks.outbox import deliver_for_workspace
from tasks.registry import Application, Mail, Message, Registry
from tests.factories.documents import make_docx, make_pdf
from tests.factories.mails import (
    Attached,
    MailSpec,
    brussels,
    build_mail,
    docx_attachment,
    pdf_attachment,
    write_mail,
)

pytestmark = pytest.mark.integration

AFTER_DEADLINE = brussels(2023, 6, 2, 9, 0)
PROPOSAL = [
    "Projectvoorstel Samen Sterk\nOrganisatie: vzw De Brug\nContactpersoon: An Peeters",
    "Aanpak\nWij bieden trajectbegeleiding en woonbegeleiding in Sint-Truiden en Gingelom.",
]


def run_intake(ws: Workspace, now: datetime, analyser=None) -> stages.ConcludeReport:
    """All intake stages in order, as the flow runs them, without Prefect."""
    registry = Registry(ws.database_url)
    stages.record_new_files(ws, registry, now)
    stages.parse_pending(ws, registry, extraction_pool(ws))
    for job in stages.documents_to_extract(ws, registry):
        stages.extract_document(ws, job, extraction_pool(ws))
    report = stages.conclude_parsed(ws, registry, now, analyser)
    deliver_for_workspace(ws, registry, now)
    return report


def records(ws: Workspace) -> dict[str, dict]:
    with Registry(ws.database_url).session() as session:
        return {record["file"]: record for record in message_records(session, ws.call.tz)}


def sent_mails(ws: Workspace) -> list[email.message.EmailMessage]:
    folder = ws.outbox / "sent"
    if not folder.exists():
        return []
    return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in sorted(folder.iterdir())]


def application_mail(sender: str = "An Peeters <an.peeters@vzwdebrug.be>", received=None, **changes) -> MailSpec:
    return MailSpec(
        sender=sender,
        received_at=received or brussels(2023, 5, 20, 14, 3),
        attachments=[pdf_attachment("Projectvoorstel Samen Sterk.pdf", make_pdf(PROPOSAL))],
        **changes,
    )


def test_intake_on_time_application_gets_reference_and_acknowledgement(workspace):
    write_mail(workspace.inbox, "001.eml", application_mail())

    report = run_intake(workspace, AFTER_DEADLINE)

    record = records(workspace)["001.eml"]
    assert (record["kind"], record["application"], record["version"], record["on_time"]) == (
        "application", "HAS-2023-001", 1, True)
    assert record["received_at"] == "2023-05-20T14:03:00+02:00"
    assert record["received_at_source"] == "received-header"
    assert record["organisation"] == "vzw De Brug"
    assert [(a["filename"], a["detected_type"], a["readable"], a["pages"]) for a in record["attachments"]] == [
        ("Projectvoorstel Samen Sterk.pdf", "pdf", True, 2)]
    assert report.applications == ["HAS-2023-001"]
    [ack] = sent_mails(workspace)
    assert ack["To"] == "an.peeters@vzwdebrug.be"
    assert ack["Subject"].startswith("Ontvangstbevestiging HAS-2023-001")
    text = ack.get_body(("plain",)).get_content()
    assert "zaterdag 20 mei 2023 om 14:03" in text
    assert "Projectvoorstel Samen Sterk.pdf (2 pagina's)" in text


def test_intake_sent_2358_received_0001_is_late(workspace):
    spec = application_mail(received=brussels(2023, 6, 2, 0, 1), sent_at=brussels(2023, 6, 1, 23, 58))
    write_mail(workspace.inbox, "late.eml", spec)

    run_intake(workspace, AFTER_DEADLINE)

    record = records(workspace)["late.eml"]
    assert (record["on_time"], record["application"], record["problems"]) == (False, None, ["late"])
    with Registry(workspace.database_url).session() as session:
        mail = session.scalar(select(Mail))
        assert (mail.kind, mail.status) == ("late-notice", "draft")  # bulk kinds wait for approval


def test_intake_received_2359_is_on_time_and_next_morning_is_late(workspace):
    write_mail(workspace.inbox, "a.eml", application_mail(received=brussels(2023, 6, 1, 23, 59, 30)))
    write_mail(workspace.inbox, "b.eml", application_mail(sender="x@kansen.be", received=brussels(2023, 6, 2, 8, 15)))
    run_intake(workspace, AFTER_DEADLINE)
    result = records(workspace)
    assert (result["a.eml"]["on_time"], result["b.eml"]["on_time"]) == (True, False)


def test_intake_resubmission_is_new_version_superseding_first(workspace):
    write_mail(workspace.inbox, "v1.eml", application_mail(received=brussels(2023, 5, 20, 10, 0)))
    write_mail(workspace.inbox, "v2.eml", application_mail(
        sender="Piet Janssens <piet@vzwdebrug.be>", received=brussels(2023, 5, 28, 10, 0),
        subject="Aangepaste versie kandidatuur"))

    run_intake(workspace, AFTER_DEADLINE)

    result = records(workspace)
    assert (result["v2.eml"]["application"], result["v2.eml"]["version"], result["v2.eml"]["supersedes"]) == (
        "HAS-2023-001", 2, "v1.eml")
    assert result["v1.eml"]["superseded_by"] == "v2.eml"
    assert [m["Subject"].split(" –")[0] for m in sent_mails(workspace)] == [
        "Ontvangstbevestiging HAS-2023-001", "Ontvangstbevestiging HAS-2023-001 (versie 2)"]


def test_intake_reference_in_subject_links_public_mail_sender(workspace):
    write_mail(workspace.inbox, "v1.eml", application_mail(received=brussels(2023, 5, 20, 10, 0)))
    write_mail(workspace.inbox, "v2.eml", application_mail(
        sender="an.peeters73@gmail.com", received=brussels(2023, 5, 29, 10, 0), subject="Aanvulling HAS-2023-001"))
    run_intake(workspace, AFTER_DEADLINE)
    assert records(workspace)["v2.eml"]["version"] == 2


def test_intake_different_organisations_get_different_references(workspace):
    write_mail(workspace.inbox, "a.eml", application_mail(received=brussels(2023, 5, 20, 10, 0)))
    write_mail(workspace.inbox, "b.eml", MailSpec(
        sender="Sara <sara@ocmw-heers.be>", received_at=brussels(2023, 5, 21, 10, 0),
        attachments=[docx_attachment("voorstel.docx", make_docx(["Organisatie: OCMW Heers", "Ons plan"]))]))
    run_intake(workspace, AFTER_DEADLINE)
    result = records(workspace)
    assert (result["a.eml"]["application"], result["b.eml"]["application"]) == ("HAS-2023-001", "HAS-2023-002")


def test_intake_duplicate_delivery_is_linked_and_sends_nothing(workspace):
    data = build_mail(application_mail(message_id="<same@vzwdebrug.be>"))
    (workspace.inbox / "a-first.eml").write_bytes(data)  # recorded first: files are taken in name order
    (workspace.inbox / "b-copy.eml").write_bytes(data)
    write_mail(workspace.inbox, "resent.eml", application_mail(
        message_id="<same@vzwdebrug.be>", received=brussels(2023, 5, 20, 14, 9)))

    run_intake(workspace, AFTER_DEADLINE)

    result = records(workspace)
    assert [(f, result[f]["kind"], result[f]["duplicate_of"]) for f in ("b-copy.eml", "resent.eml")] == [
        ("b-copy.eml", "duplicate", "a-first.eml"), ("resent.eml", "duplicate", "a-first.eml")]
    assert len(sent_mails(workspace)) == 1


def test_intake_auto_reply_question_spam_and_unparseable_are_classified(workspace):
    write_mail(workspace.inbox, "auto.eml", MailSpec(subject="Automatisch antwoord: afwezig tot 5 juni",
                                                     headers={"Auto-Submitted": "auto-replied"}))
    write_mail(workspace.inbox, "question.eml", MailSpec(
        subject="Vraag over de oproep", body="Beste, mogen we met twee organisaties samen indienen? Groeten"))
    write_mail(workspace.inbox, "spam.eml", MailSpec(subject="You have won", body="Click here to claim your casino bonus"))
    (workspace.inbox / "broken.eml").write_bytes(b"\x00\x01\x02 not a mail at all \xff" * 20)

    run_intake(workspace, AFTER_DEADLINE)

    result = records(workspace)
    assert {f: result[f]["kind"] for f in result} == {
        "auto.eml": "auto-reply", "question.eml": "question", "spam.eml": "spam", "broken.eml": "other"}
    assert result["broken.eml"]["problems"] == ["unparseable"]
    assert sent_mails(workspace) == []


def test_intake_proposal_in_mail_body_is_an_application(workspace):
    body = ("Beste,\n\nHieronder ons projectvoorstel. " + "Onze doelgroep zijn kwetsbare gezinnen in Heers. " * 20
            + "\nAanpak: trajectbegeleiding.\nBegroting: 20.000 euro.\nPlanning: september tot juni.\nPartners: OCMW.")
    write_mail(workspace.inbox, "body.eml", MailSpec(body=body))
    run_intake(workspace, AFTER_DEADLINE)
    record = records(workspace)["body.eml"]
    assert (record["kind"], record["application"], record["attachments"]) == ("application", "HAS-2023-001", [])
    assert "uit de tekst van uw e-mail" in sent_mails(workspace)[0].get_body(("plain",)).get_content()


BACKLOG_PLACES = ["Heers", "Gingelom", "Alken", "Wellen", "Sint-Truiden", "Nieuwerkerken"]


class BrokenPoolAnalyser(stages.WorkspaceAnalyser):
    """The real analysis, whose worker processes fail (as a pool does when a worker is killed)."""

    def many(self, batches):
        raise BrokenProcessPool("a worker process died")


def write_backlog(workspace: Workspace) -> None:
    for number in range(stages.ANALYSE_AHEAD_FROM):
        place = BACKLOG_PLACES[number % len(BACKLOG_PLACES)]
        body = (f"Beste,\n\nHieronder het projectvoorstel van vzw Buurtwerk {number}. "
                + f"Wij begeleiden werkzoekenden in {place} stap voor stap naar een job. " * 15
                + "\nBegroting: 20.000 euro.\nPlanning: van september 2023 tot juni 2024.\nPartners: OCMW.")
        write_mail(workspace.inbox, f"{number:03}.eml",
                   MailSpec(sender=f"Buurtwerk {number} <info@buurtwerk{number}.be>", body=body,
                            received_at=brussels(2023, 5, 20, 9, number % 60)))


def test_intake_backlog_is_analysed_on_workers_as_one_by_one(workspace):
    write_backlog(workspace)
    write_mail(workspace.inbox, "pdf.eml", application_mail())
    analyser = stages.analyser_for(workspace)

    run_intake(workspace, AFTER_DEADLINE, analyser)

    with Registry(workspace.database_url).session() as session:
        rows = {row.file: row for row in session.scalars(select(Message))}
        for number in range(stages.ANALYSE_AHEAD_FROM):
            row = rows[f"{number:03}.eml"]
            assert row.analysis == analyser([(stages.BODY_DOCUMENT, [row.body_text], True)])
            place = BACKLOG_PLACES[number % len(BACKLOG_PLACES)].lower()
            assert [found["id"] for found in row.analysis["municipalities"]] == [place]
        pdf = rows["pdf.eml"].analysis
        assert [found["id"] for found in pdf["municipalities"]] == ["sint-truiden", "gingelom"]
        assert pdf["municipalities"][0]["evidence"][0]["document"] == "Projectvoorstel Samen Sterk.pdf"


def test_intake_backlog_whose_workers_fail_is_analysed_one_by_one(workspace):
    write_backlog(workspace)
    analyser = BrokenPoolAnalyser(workspace)

    report = run_intake(workspace, AFTER_DEADLINE, analyser)

    assert len(report.applications) == stages.ANALYSE_AHEAD_FROM
    with Registry(workspace.database_url).session() as session:
        for row in session.scalars(select(Message)):
            assert row.analysis == analyser([(stages.BODY_DOCUMENT, [row.body_text], True)])


def test_intake_path_like_attachment_name_is_stored_safely(workspace):
    pdf = make_pdf(PROPOSAL)
    write_mail(workspace.inbox, "evil.eml", MailSpec(attachments=[Attached("../../../etc/cron.d/x.pdf", pdf, "application/pdf")]))
    run_intake(workspace, AFTER_DEADLINE)
    [attachment] = records(workspace)["evil.eml"]["attachments"]
    assert attachment["filename"] == "../../../etc/cron.d/x.pdf"
    stored = workspace.archive / attachment["stored_as"]
    assert stored.resolve().is_relative_to(workspace.archive.resolve())
    assert stored.read_bytes() == pdf
    assert ".." not in attachment["stored_as"]


def test_intake_rerun_changes_no_row_and_sends_no_mail(workspace):
    write_mail(workspace.inbox, "001.eml", application_mail())
    write_mail(workspace.inbox, "late.eml", application_mail(sender="y@kansen.be", received=brussels(2023, 6, 2, 0, 1)))
    run_intake(workspace, AFTER_DEADLINE)
    before = records(workspace)
    with Registry(workspace.database_url).session() as session:
        mails_before = [(m.key, m.status) for m in session.scalars(select(Mail).order_by(Mail.id))]

    report = run_intake(workspace, brussels(2023, 6, 3, 9, 0))

    with Registry(workspace.database_url).session() as session:
        mails_after = [(m.key, m.status) for m in session.scalars(select(Mail).order_by(Mail.id))]
        applications = session.scalar(select(func.count()).select_from(Application))
    assert (records(workspace), mails_after, report.processed, applications) == (before, mails_before, [], 1)


def test_intake_every_file_is_archived_byte_for_byte(workspace):
    write_mail(workspace.inbox, "001.eml", application_mail())
    (workspace.inbox / "weird.eml").write_bytes(b"garbage\x00")
    run_intake(workspace, AFTER_DEADLINE)
    with Registry(workspace.database_url).session() as session:
        for message in session.scalars(select(Message)):
            archived = workspace.archive / f"messages/{message.sha256[:2]}/{message.sha256}.eml"
            assert archived.read_bytes() == (workspace.inbox / message.file).read_bytes()


def test_intake_maildir_delivery_time_used_without_received_header(workspace):
    from tests.factories.mails import build_mail

    delivered = brussels(2023, 5, 30, 11, 15)
    name = f"{int(delivered.timestamp())}.M1P2.mx:2,S"
    (workspace.inbox / "cur").mkdir()
    spec = application_mail(sent_at=brussels(2023, 5, 30, 11, 0))
    spec.received_at = None  # no Received: header at all
    (workspace.inbox / "cur" / name).write_bytes(build_mail(spec))
    run_intake(workspace, AFTER_DEADLINE)
    record = records(workspace)[f"cur/{name}"]
    assert (record["received_at"], record["received_at_source"], record["on_time"]) == (
        "2023-05-30T11:15:00+02:00", "maildir", True)


def test_intake_encrypted_pdf_opened_with_password_from_body(workspace):
    pdf = make_pdf(PROPOSAL, encrypt_password="Haspengouw2023")
    write_mail(workspace.inbox, "locked.eml", MailSpec(
        body="Beste,\nOns voorstel zit in bijlage. Het wachtwoord is: Haspengouw2023\nGroeten",
        attachments=[pdf_attachment("voorstel.pdf", pdf)]))
    write_mail(workspace.inbox, "locked2.eml", MailSpec(
        sender="x@andere.be", body="Beste,\nOns voorstel zit in bijlage.",
        attachments=[pdf_attachment("voorstel.pdf", make_pdf(["Ander voorstel"], encrypt_password="geheim"))]))
    run_intake(workspace, AFTER_DEADLINE)
    result = records(workspace)
    assert [(a["readable"], a["problem"]) for a in result["locked.eml"]["attachments"]] == [(True, None)]
    assert [(a["readable"], a["problem"]) for a in result["locked2.eml"]["attachments"]] == [(False, "encrypted")]
    text = [m for m in sent_mails(workspace) if m["To"] == "x@andere.be"][0].get_body(("plain",)).get_content()
    assert "wachtwoord" in text


def test_read_no_follow_refuses_a_symlink_swapped_in_after_the_scan(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("geheim")
    swapped = tmp_path / "mail.eml"
    swapped.symlink_to(secret)
    plain = tmp_path / "plain.eml"
    plain.write_bytes(b"From: a@b.be\r\n\r\nx")
    assert (stages._read_no_follow(swapped), stages._read_no_follow(plain)) == (None, b"From: a@b.be\r\n\r\nx")
