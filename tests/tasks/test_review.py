from __future__ import annotations

import argparse
import email
import email.policy
import io
import json

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import select

from callflow import cli_review
from callflow.workspace import Workspace
from tasks import review as steps
from tasks.export import message_records
from tasks.registry import Mail, PitchSlot, Registry, ScoreReturn
from tests.factories.mails import brussels, write_mail
from tests.factories.review import (
    REVIEWERS,
    SeedApplication,
    fill_sheet,
    record_scores,
    return_mail,
    seed_applications,
    write_reviewers,
)
from tests.tasks.test_intake import run_intake

pytestmark = pytest.mark.integration

KATRIEN, BART, ELS, TOM = (r["email"] for r in REVIEWERS)
REVIEW_START = brussels(2023, 6, 5, 8, 0)
APPLICATIONS = [
    SeedApplication("HAS-2023-001", "vzw De Brug", "an.peeters@vzwdebrug.be", service_types=("trajectbegeleiding", "huisvesting")),
    SeedApplication("HAS-2023-002", "CAW Limburg", "jan@cawlimburg.be", service_types=("huisvesting",)),
    SeedApplication("HAS-2023-003", "OCMW Heers", "sara@ocmw-heers.be", service_types=("nederlandse-taal",)),
    SeedApplication("HAS-2023-004", "Buurtwerk Alken", "piet@buurtwerk-alken.be", service_types=("netwerk",)),
    SeedApplication("HAS-2023-005", "Kansen vzw", "kansen.haspengouw@gmail.com", service_types=("kinderopvang",)),
    SeedApplication("HAS-2023-006", "Vzw Onvolledig", "info@onvolledig.be", complete=False),
    SeedApplication("HAS-2023-007", "Vzw Ongecontroleerd", "info@ongecontroleerd.be", complete=None),
]


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    ws = write_reviewers(workspace)
    seed_applications(ws, APPLICATIONS)
    return ws


def pairs(ws: Workspace) -> dict[str, list[str]]:
    with Registry(ws.database_url).session() as session:
        return steps.assignments_by_reviewer(session)


def mails(ws: Workspace, kind: str | None = None) -> list[Mail]:
    with Registry(ws.database_url).session() as session:
        query = select(Mail).order_by(Mail.id)
        return list(session.scalars(query.where(Mail.kind == kind) if kind else query))


def eml(ws: Workspace, mail: Mail) -> email.message.EmailMessage:
    folder = "sent" if mail.status == "sent" else "pending"
    return email.message_from_bytes((ws.outbox / folder / mail.eml_file).read_bytes(), policy=email.policy.default)


def body(message: email.message.EmailMessage) -> str:
    return message.get_body(("plain",)).get_content()


def test_assign_reviewers_stores_conflict_free_balanced_pairs_and_rerun_changes_nothing(ws, capsys):
    first = steps.assign_reviewers(ws, Registry(ws.database_url), REVIEW_START)
    second = steps.assign_reviewers(ws, Registry(ws.database_url), REVIEW_START)

    assert (first["applications"], first["pairs"], first["shortfalls"]) == (6, 12, [])
    assert first["skipped"] == {"HAS-2023-006": "onvolledig"}
    assert first["unchecked"] == ["HAS-2023-007"]
    assert sorted(first["load"].values()) == [3, 3, 3, 3]
    by_reviewer = pairs(ws)
    assert not {"HAS-2023-001", "HAS-2023-002"} & set(by_reviewer[ELS])  # declared conflict; same organisation
    assert "HAS-2023-004" not in by_reviewer[BART]  # declared domain
    assert "HAS-2023-003" not in by_reviewer[TOM]  # declared reference
    assert (second["added"], second["removed"]) == ([], [])
    assert cli(ws, "assignments", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted((p["reviewer"], p["application"]) for p in listed) == sorted(
        (email, ref) for email, refs in by_reviewer.items() for ref in refs)


def cli(ws: Workspace, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    cli_review.add_commands(parser.add_subparsers(dest="command"))
    return cli_review.run(ws, parser.parse_args(list(argv)))


def test_assign_reviewers_reports_applications_that_lack_reviewers(workspace, capsys):
    ws = write_reviewers(workspace, [r for r in REVIEWERS if r["email"] in (ELS, KATRIEN)])
    seed_applications(ws, APPLICATIONS[:2])

    preview_exit = cli(ws, "assignments", "--format", "table")
    preview = capsys.readouterr()
    summary = steps.assign_reviewers(ws, Registry(ws.database_url), REVIEW_START)

    assert preview_exit == 1  # problems reported
    assert "2 pairs (preview: the review milestone has not run yet)" in preview.out
    assert "  problem: HAS-2023-001 heeft 1 van de 2 beoordelaars" in preview.err

    assert summary["shortfalls"] == [
        "HAS-2023-001 heeft 1 van de 2 beoordelaars: slechts 1 van de 2 beoordelaars zonder belangenconflict; "
        "Els Moors meldde een belangenconflict met vzw De Brug",
        "HAS-2023-002 heeft 1 van de 2 beoordelaars: slechts 1 van de 2 beoordelaars zonder belangenconflict; "
        "Els Moors werkt bij dezelfde organisatie (CAW Limburg)",
    ]
    assert pairs(ws) == {KATRIEN: ["HAS-2023-001", "HAS-2023-002"]}


def _sheet(ws: Workspace, email_address: str) -> tuple[list[str], bytes]:
    references = sorted(pairs(ws)[email_address])
    with Registry(ws.database_url).session() as session:
        reviewer = ws.reviewers.reviewer(email_address)
        return references, steps.scoresheet_for(ws, session, reviewer, references)


def test_review_returns_good_incomplete_tampered_and_later_one_replaces_earlier(ws):
    steps.assign_reviewers(ws, Registry(ws.database_url), REVIEW_START)
    bart_refs, bart_sheet = _sheet(ws, BART)
    katrien_refs, katrien_sheet = _sheet(ws, KATRIEN)
    tom_refs, tom_sheet = _sheet(ws, TOM)
    write_mail(ws.inbox, "bart-1.eml", return_mail(
        f"Bart Claes <{BART}>", fill_sheet(bart_sheet, {ref: [6, 6, 6, 6, 6] for ref in bart_refs}), brussels(2023, 6, 8, 10)))
    write_mail(ws.inbox, "katrien.eml", return_mail(
        KATRIEN, fill_sheet(katrien_sheet, {katrien_refs[0]: [7, 7, None, 7, 7]}), brussels(2023, 6, 8, 11)))
    write_mail(ws.inbox, "tom.eml", return_mail(TOM, fill_sheet(
        tom_sheet, {ref: [5, 5, 5, 5, 5] for ref in tom_refs}, extra_rows=[["HAS-2023-003", "", "", 9, 9, 9, 9, 9]]),
        brussels(2023, 6, 8, 12)))
    write_mail(ws.inbox, "bart-2.eml", return_mail(
        BART, fill_sheet(bart_sheet, {ref: [8, 8, 8, 8, 8] for ref in bart_refs}), brussels(2023, 6, 9, 9)))

    report = run_intake(ws, brussels(2023, 6, 9, 10))

    assert report.kinds == {"review-return": 4}
    with Registry(ws.database_url).session() as session:
        returns = {(r.reviewer_email, r.received_at.day): (r.status, r.current)
                   for r in session.scalars(select(ScoreReturn))}
    assert returns == {(BART, 8): ("accepted", False), (KATRIEN, 8): ("rejected", False),
                       (TOM, 8): ("rejected", False), (BART, 9): ("accepted", True)}
    answers = {(m.to_addr, eml(ws, m)["Subject"].split(" –")[0]): body(eml(ws, m)) for m in mails(ws, "review-receipt")}
    assert all(m.status == "sent" for m in mails(ws, "review-receipt"))  # auto_send in call.yaml
    katrien_text = answers[(KATRIEN, "Uw scoreblad is nog niet in orde")]
    assert f"- Bij {katrien_refs[0]} ontbreekt de score voor 'Bereik van de doelgroep'." in katrien_text
    assert f"- Voor {katrien_refs[1]} vulde u nog geen enkele score in." in katrien_text
    assert ("- HAS-2023-003 staat niet op uw lijst van toegewezen aanvragen; verwijder die rij uit het scoreblad."
            in answers[(TOM, "Uw scoreblad is nog niet in orde")])
    receipts = [m for m in mails(ws, "review-receipt") if m.to_addr == BART]
    assert [f"gewogen totaal {value} op 10" in body(eml(ws, m)) for m, value in zip(receipts, ("6,00", "8,00"), strict=True)] == [True, True]
    assert "Dit scoreblad vervangt het scoreblad dat u eerder stuurde." in body(eml(ws, receipts[1]))
    with Registry(ws.database_url).session() as session:
        exported = {r["file"]: r for r in message_records(session, ws.call.tz)}
    assert exported["tom.eml"]["problems"] == ["invalid-scoresheet"]
    assert exported["bart-2.eml"]["problems"] == []


def test_send_reminders_only_to_reviewers_without_valid_return_and_not_before_due(ws):
    registry = Registry(ws.database_url)
    steps.assign_reviewers(ws, registry, REVIEW_START)
    record_scores(ws, {BART: {ref: [7, 7, 7, 7, 7] for ref in pairs(ws)[BART]}})

    early = steps.send_reminders(ws, registry, brussels(2023, 6, 12, 9, 0))
    due = steps.send_reminders(ws, registry, brussels(2023, 6, 14, 9, 0))
    again = steps.send_reminders(ws, registry, brussels(2023, 6, 14, 9, 10))

    assert (early["not_due"], early["queued"], early["due_at"]) == (True, [], "2023-06-13T23:59:00+02:00")
    assert sorted(due["queued"]) == sorted(f"review-reminder:{e}:2023-06-16" for e in (KATRIEN, ELS, TOM))
    assert (due["returned"], again["queued"]) == ([BART], [])
    [tom_mail] = [m for m in mails(ws, "review-reminder") if m.to_addr == TOM]
    message = eml(ws, tom_mail)
    assert "De schriftelijke beoordeling loopt af op vrijdag 16 juni 2023 om 23:59" in body(message)
    [sheet] = [part for part in message.iter_attachments() if part.get_filename().endswith(".xlsx")]
    rows = load_workbook(io.BytesIO(sheet.get_content()))["Scores"]
    assert sorted(rows.cell(r, 1).value for r in range(8, rows.max_row + 1)) == sorted(pairs(ws)[TOM])


def _ics(message: email.message.EmailMessage):
    [part] = [p for p in message.iter_attachments() if p.get_filename().endswith(".ics")]
    return Calendar.from_ical(part.get_content() if isinstance(part.get_content(), bytes) else part.get_content().encode())


def test_shortlist_ranks_schedules_invites_and_reschedule_updates_one_invitation(ws, capsys):
    registry = Registry(ws.database_url)
    steps.assign_reviewers(ws, registry, REVIEW_START)
    grade = {"HAS-2023-001": 9, "HAS-2023-002": 8, "HAS-2023-003": 7, "HAS-2023-004": 3, "HAS-2023-005": 6, "HAS-2023-007": 5}
    record_scores(ws, {email: {ref: [grade[ref]] * 5 for ref in refs} for email, refs in pairs(ws).items()})

    result = steps.make_shortlist(ws, registry, brussels(2023, 6, 17, 9, 0))
    rerun = steps.make_shortlist(ws, registry, brussels(2023, 6, 17, 9, 30))

    # top_n 6 and threshold 5.5 in the default reviewers.yaml: HAS-2023-004 (3) and -007 (5) stay out.
    assert result["shortlist"] == ["HAS-2023-001", "HAS-2023-002", "HAS-2023-003", "HAS-2023-005"]
    assert result["scheduled"] == {"HAS-2023-001": "2023-06-19T09:00:00+02:00", "HAS-2023-002": "2023-06-21T09:00:00+02:00",
                                   "HAS-2023-003": "2023-06-23T09:00:00+02:00", "HAS-2023-005": "2023-06-19T09:35:00+02:00"}
    assert result["covered"] == {"trajectbegeleiding": ["HAS-2023-001"], "huisvesting": ["HAS-2023-001", "HAS-2023-002"],
                                 "kinderopvang": ["HAS-2023-005"], "nederlandse-taal": ["HAS-2023-003"]}
    assert "verslaving" in result["missing_service_types"] and "netwerk" in result["missing_service_types"]
    assert (rerun["invitations"], rerun["jury"]) == ([], [])
    assert (ws.packets / "jury" / "overzicht-beoordeling.xlsx").is_file()
    invitation = eml(ws, next(m for m in mails(ws, "pitch-invitation") if m.application == "HAS-2023-001"))
    assert invitation["To"] == "an.peeters@vzwdebrug.be"
    assert "Wanneer: maandag 19 juni 2023, van 09:00 tot 09:30" in body(invitation)
    [event] = _ics(invitation).walk("VEVENT")
    assert (event.decoded("dtstart"), event["sequence"]) == (brussels(2023, 6, 19, 9, 0), 0)
    jury = eml(ws, next(m for m in mails(ws, "pitch-schedule") if m.to_addr == "info@bijzig.be"))
    [pdf] = [p for p in jury.iter_attachments() if p.get_filename() == "dagschema-pitches.pdf"]
    schedule = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.get_content())).pages)
    assert "maandag 19 juni 2023" in schedule and "09:00–09:30 HAS-2023-001 vzw De Brug" in schedule

    before = {m.key for m in mails(ws)}
    moved = steps.reschedule_pitch(ws, registry, "HAS-2023-001", brussels(2023, 6, 21, 9, 35), brussels(2023, 6, 18, 10))

    new = [m for m in mails(ws) if m.key not in before]
    assert [m.key for m in new if m.kind == "pitch-invitation"] == ["pitch-invitation:HAS-2023-001:s1"]
    assert {m.kind for m in new} == {"pitch-invitation", "pitch-schedule"}
    assert moved["to"] == "2023-06-21T09:35:00+02:00"
    update = eml(ws, next(m for m in new if m.kind == "pitch-invitation"))
    # The first invitation was never approved, so the applicant gets a plain invitation, not a "change".
    assert update["Subject"].startswith("Uitnodiging pitch HAS-2023-001 – woensdag 21 juni 2023 om 09:35")
    [changed] = _ics(update).walk("VEVENT")
    assert (changed["uid"], changed["sequence"]) == (event["uid"], 1)
    assert changed.decoded("dtstart") == brussels(2023, 6, 21, 9, 35)
    old = next(m for m in mails(ws) if m.key == "pitch-invitation:HAS-2023-001:s0")
    assert old.status == "superseded"  # never approved, so the outdated invitation never leaves
    with Registry(ws.database_url).session() as session:
        assert session.scalar(select(PitchSlot.sequence).where(PitchSlot.application_reference == "HAS-2023-001")) == 1
    assert cli(ws, "pitches", "list", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["application"], p["start"], p["sequence"]) for p in listed] == [
        ("HAS-2023-005", "2023-06-19T09:35:00+02:00", 0), ("HAS-2023-002", "2023-06-21T09:00:00+02:00", 0),
        ("HAS-2023-001", "2023-06-21T09:35:00+02:00", 1), ("HAS-2023-003", "2023-06-23T09:00:00+02:00", 0)]
    assert cli(ws, "pitches", "reschedule", "HAS-2023-003", "--to", "2023-06-21T09:00") == 2  # taken by HAS-2023-002
    assert "Het slot van 21/06/2023 09:00 is al voor HAS-2023-002." in capsys.readouterr().err
