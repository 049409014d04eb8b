"""Data protection: the purge of a finished call after its retention period, and one person's access request."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from callflow.workspace import Workspace, init_workspace
from tasks import audit, decisions
from tasks.decisions import DecisionRecord
from tasks.intake import analyser_for
from tasks.outbox import MailSpec as OutgoingSpec
from tasks.outbox import approve, deliver_for_workspace, queue_mail
from tasks.privacy import (
    Pseudonyms,
    PurgeRefused,
    export_person,
    is_pseudonym,
    purge,
    statistics,
    statistics_records,
)
from tasks.registry import (
    Application,
    AuditEvent,
    Base,
    Mail,
    Message,
    MilestoneRun,
    PurgeReport,
    Registry,
    ReviewAssignment,
)
from tests.factories.documents import make_docx
from tests.factories.mails import MailSpec, brussels, docx_attachment, write_mail
from tests.tasks.test_intake import AFTER_DEADLINE, application_mail, records, run_intake

pytestmark = pytest.mark.integration

REVIEWER = "katrien.vanherck@vdab.be"
RECORDED, APPLIED, SENT = brussels(2023, 7, 3, 10, 0), brussels(2023, 7, 13, 9, 0), brussels(2023, 7, 13, 11, 0)
FINISHED = "2023-07-29T23:59:00+02:00"  # decision_by 15 July + 14 days: later than the windows of mails sent 13 July
PURGE_FROM = brussels(2024, 7, 28, 23, 59)  # + privacy.retention_days 365
NOW = brussels(2024, 9, 1, 9, 0)
PERSONAL = ["an.peeters@vzwdebrug.be", "vzwdebrug", "An Peeters", "De Brug", "Samen Sterk", "sara@ocmw-heers.be",
            "ocmw-heers", "Sara Claes", "OCMW Heers", "jan@cafedekring.be", "Jan Janssens", "Hasselt",
            "Wij werken wel", "Sterke aanpak", "buiten het gebied", REVIEWER, "voorstel OCMW"]


def build_finished_call(root: Path, environ: dict[str, str] | None = None) -> Workspace:
    """A whole call up to its end: two applications and a question, a reviewer, two decisions sent on 13 July,
    a rebuttal, and a jury packet."""
    ws = Workspace(init_workspace(root), environ=environ or {})
    write_mail(ws.inbox, "001.eml", application_mail())
    write_mail(ws.inbox, "002.eml", MailSpec(
        sender="Sara Claes <sara@ocmw-heers.be>", subject="Kandidatuur OCMW Heers", received_at=brussels(2023, 5, 21, 10, 0),
        attachments=[docx_attachment("voorstel OCMW Heers.docx", make_docx(["Organisatie: OCMW Heers", "Ons plan"]))]))
    write_mail(ws.inbox, "vraag.eml", MailSpec(sender="Jan Janssens <jan@cafedekring.be>", subject="Vraag",
                                               body="Mag dit ook in Hasselt?", received_at=brussels(2023, 5, 10, 9, 0)))
    registry = Registry(ws.database_url)
    with audit.actor("intake"):
        run_intake(ws, AFTER_DEADLINE, analyser_for(ws))
    with audit.actor("flow:review"), registry.session() as session:
        session.add(ReviewAssignment(reviewer_email=REVIEWER, application_reference="HAS-2023-001", how="assigned",
                                     created_at=brussels(2023, 6, 5, 8, 0)))
    with audit.actor("coordinator"):
        with registry.session() as session:
            decisions.record_decisions(session, [
                DecisionRecord(reference="HAS-2023-001", outcome="approved", motivation="Sterke aanpak van An Peeters."),
                DecisionRecord(reference="HAS-2023-002", outcome="rejected", motivation="OCMW Heers werkt buiten het gebied."),
            ], RECORDED, "test")
        decisions.apply_decisions(ws, registry, APPLIED)
        with registry.session() as session:
            approve(session, SENT, kinds=["decision"])
        deliver_for_workspace(ws, registry, SENT)
    write_mail(ws.inbox, "weerwoord.eml", MailSpec(
        sender="Sara Claes <sara@ocmw-heers.be>", subject="Weerwoord HAS-2023-002", body="Wij werken wel in Heers.",
        received_at=brussels(2023, 7, 20, 10, 0)))
    with audit.actor("intake"):
        run_intake(ws, brussels(2023, 7, 20, 10, 10), analyser_for(ws))
    with audit.actor("flow:review"), registry.session() as session:  # what the review flows leave behind
        queue_mail(session, ws.outbox, OutgoingSpec(
            key=f"review-packet:{REVIEWER}:0123abcd", kind="review-packet", to=REVIEWER, subject="Beoordelingspakket",
            body="Beste Katrien, in bijlage de voorstellen."), ws.call.mail, brussels(2023, 6, 5, 8, 0))
        title = session.scalar(select(Message.title).where(Message.file == "001.eml"))
        session.add(MilestoneRun(id="shortlist", status="done", due_at=brussels(2023, 6, 17, 9, 0),
                                 started_at=brussels(2023, 6, 17, 9, 0), finished_at=brussels(2023, 6, 17, 9, 1),
                                 summary={"load": {REVIEWER: 1}, "ranking": [{"referentie": "HAS-2023-001",
                                                                              "titel": title}]}))
    (ws.packets / "weerwoord").mkdir(parents=True, exist_ok=True)
    (ws.packets / "weerwoord" / "HAS-2023-002-v1.pdf").write_bytes(b"%PDF-1.4 weerwoord van Sara Claes")
    ws.exports.mkdir(parents=True, exist_ok=True)
    (ws.exports / "applications.json").write_text('[{"organisation": "vzw De Brug"}]')
    registry.dispose()
    if ws.database_url.startswith("sqlite"):
        engine = create_engine(ws.database_url)
        with engine.connect() as connection:  # everything in the main file, so a copy of the folder is complete
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        engine.dispose()
    return ws


@pytest.fixture(scope="module")
def built_call(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return build_finished_call(tmp_path_factory.mktemp("call") / "ws")


@pytest.fixture
def call(built_call: Workspace, tmp_path: Path) -> Workspace:
    """A fresh copy of the finished call for one test (building it takes a few seconds)."""
    shutil.copytree(built_call.root, tmp_path / "ws")
    ws = Workspace(tmp_path / "ws", environ={})
    ws.__dict__.update(call=built_call.call, timeline=built_call.timeline, reviewers=built_call.reviewers)
    return ws


def dump(ws: Workspace) -> str:
    """Every row of every registry table, as text."""
    engine = create_engine(ws.database_url)
    with engine.connect() as connection:
        rows = {table.name: [dict(row._mapping) for row in connection.execute(table.select())]
                for table in Base.metadata.sorted_tables}
    engine.dispose()
    return json.dumps(rows, default=str, ensure_ascii=False)


def files(ws: Workspace) -> list[str]:
    folders = (ws.inbox, ws.archive, ws.extraction_cache, ws.outbox, ws.packets, ws.exports)
    return sorted(str(path.relative_to(ws.root)) for folder in folders for path in folder.rglob("*") if path.is_file())


def refusal(ws: Workspace, before: datetime, now: datetime = NOW) -> str:
    with pytest.raises(PurgeRefused) as refused:
        purge(ws, Registry(ws.database_url), before, now)
    return str(refused.value)


# --- refusals ----------------------------------------------------------------------------------------


def test_purge_before_the_last_rebuttal_window_closed_is_refused(call):
    assert refusal(call, brussels(2023, 7, 28, 0, 0)) == (
        f"the call is not finished: the last rebuttal window closes at {FINISHED}; nothing can be purged before that")


def test_purge_within_the_retention_period_is_refused_with_the_first_allowed_date(call):
    assert refusal(call, brussels(2023, 9, 1)) == (
        "the retention period has not passed: personal data is kept for privacy.retention_days=365 days after the "
        f"call ended ({FINISHED}), so until 2024-07-28T23:59:00+02:00; purge with --before 2024-07-28 or later")


def test_purge_before_a_future_date_is_refused(call):
    assert refusal(call, brussels(2024, 9, 2, 0, 0), now=NOW) == (
        "--before 2024-09-02T00:00:00+02:00 lies after now (2024-09-01T09:00:00+02:00); personal data can only be "
        "purged up to the present")


def test_purge_with_a_decision_mail_not_sent_is_refused(call):
    with Registry(call.database_url).session() as session:
        session.scalars(select(Mail).where(Mail.kind == "decision")).first().status = "approved"

    assert refusal(call, PURGE_FROM).startswith(
        "the call is not finished: decision mails not sent yet: decision:HAS-2023-001:v1 (approved)")


def test_purge_refused_changes_nothing(call):
    before_rows, before_files = dump(call), files(call)
    refusal(call, brussels(2023, 9, 1))
    assert (dump(call), files(call)) == (before_rows, before_files)


# --- the purge ---------------------------------------------------------------------------------------


def test_purge_after_retention_leaves_no_personal_value_anywhere(call):
    assert [value for value in PERSONAL if value.lower() in dump(call).lower()] == PERSONAL  # all there before

    purge(call, Registry(call.database_url), PURGE_FROM, NOW)

    assert [value for value in PERSONAL if value.lower() in dump(call).lower()] == []
    assert files(call) == []
    with Registry(call.database_url).session() as session:
        summary = session.get(MilestoneRun, "shortlist").summary
        reviewer = session.scalars(select(ReviewAssignment.reviewer_email)).one()
        key = session.scalar(select(Mail.key).where(Mail.kind == "review-packet"))
    assert summary == {"load": {reviewer: 1}, "ranking": [{"referentie": "HAS-2023-001", "titel": "[verwijderd]"}]}
    assert (is_pseudonym(reviewer), key) == (True, f"review-packet:{reviewer}:0123abcd")


def test_purge_on_postgresql_leaves_no_personal_value_anywhere(tmp_path, postgres_database):
    ws = build_finished_call(tmp_path / "ws", {"CALLFLOW_DATABASE_URL": postgres_database})
    assert [value for value in PERSONAL if value.lower() in dump(ws).lower()] == PERSONAL

    result = purge(ws, Registry(ws.database_url), PURGE_FROM, NOW)

    assert ([value for value in PERSONAL if value.lower() in dump(ws).lower()], files(ws)) == ([], [])
    assert (result.rows["messages"], result.statistics["decisions_per_outcome"]) == (4, {"approved": 1, "rejected": 1})
    again = purge(ws, Registry(ws.database_url), PURGE_FROM, NOW)
    assert again.nothing_to_do is True


def test_purge_keeps_shape_and_gives_one_person_one_pseudonym_everywhere(call):
    before = records(call)

    purge(call, Registry(call.database_url), PURGE_FROM, NOW)

    after = records(call)
    assert {name: (r["kind"], r["application"], r["version"], r["on_time"]) for name, r in after.items()} == {
        name: (r["kind"], r["application"], r["version"], r["on_time"]) for name, r in before.items()}
    with Registry(call.database_url).session() as session:
        sara = session.scalar(select(Application).where(Application.reference == "HAS-2023-002"))
        to_sara = set(session.scalars(select(Mail.to_addr).where(Mail.application == "HAS-2023-002")))
        from_sara = {m.sender for m in session.scalars(select(Message).where(Message.file.in_(["002.eml", "weerwoord.eml"])))}
    assert (is_pseudonym(sara.sender), to_sara, from_sara) == (True, {sara.sender}, {sara.sender})
    assert (after["002.eml"]["subject"], after["002.eml"]["title"], after["002.eml"]["attachments"][0]["filename"][:8],
            after["002.eml"]["attachments"][0]["filename"][-5:]) == (None, None, "bijlage-", ".docx")
    assert after["001.eml"]["service_types"] == before["001.eml"]["service_types"]
    assert after["001.eml"]["evidence"]["service_types"] == {found: [] for found in before["001.eml"]["service_types"]}


def test_purge_keeps_the_anonymous_statistics(call):
    registry = Registry(call.database_url)
    with registry.session() as session:
        expected = statistics(session)

    purge(call, registry, PURGE_FROM, NOW)

    with registry.session() as session:
        shown = statistics_records(session, call.call.tz)
    assert shown["purges"] == [{
        "purged_at": "2024-09-01T09:00:00+02:00", "before": "2024-07-28T23:59:00+02:00", "actor": "system",
        "statistics": expected,
        "removed": {"rows": {"applications": 2, "messages": 4, "attachments": 2, "mails": 6, "decisions": 2,
                             "review_assignments": 1, "score_returns": 0, "review_scores": 0},
                    "files": 20, "audit_events": shown["purges"][0]["removed"]["audit_events"]},
    }]
    assert (expected["messages_per_kind"], expected["applications"], expected["decisions_per_outcome"],
            expected["rebuttals"], expected["mails_sent_per_kind"]) == (
        {"application": 2, "question": 1, "rebuttal": 1}, 2, {"approved": 1, "rejected": 1}, {"on_time": 1, "late": 0},
        {"acknowledgement": 2, "decision": 2, "rebuttal-receipt": 1})
    assert shown["current"] == expected


def test_purge_dry_run_lists_what_it_would_do_and_changes_nothing(call):
    before_rows, before_files = dump(call), files(call)

    result = purge(call, Registry(call.database_url), PURGE_FROM, NOW, dry_run=True)

    assert (dump(call), files(call)) == (before_rows, before_files)
    assert sorted(result.files) == before_files
    assert result.rows["messages"] == 4


def test_purge_again_finds_nothing_to_do(call):
    registry = Registry(call.database_url)
    purge(call, registry, PURGE_FROM, NOW)
    after_first = dump(call)

    again = purge(call, registry, PURGE_FROM, brussels(2024, 9, 2, 9, 0))

    assert (again.nothing_to_do, dump(call)) == (True, after_first)
    with registry.session() as session:
        assert len(session.scalars(select(PurgeReport)).all()) == 1


def test_purge_is_audited_without_personal_values(call):
    registry = Registry(call.database_url)
    with registry.session() as session:
        first_new = session.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc())) + 1

    with audit.actor("cli:purge"):
        purge(call, registry, PURGE_FROM, NOW)

    with registry.session() as session:
        new = session.scalars(select(AuditEvent).where(AuditEvent.id >= first_new).order_by(AuditEvent.id)).all()
    assert {event.actor for event in new} == {"cli:purge"}
    assert (new[-1].action, new[-1].entity, new[-1].details["before"]) == ("purge", "call", "2024-07-28T21:59:00+00:00")
    sample = next(e.details for e in new if e.entity == "applications" and e.action == "update")
    assert sample == {column: ["<hidden>", "<hidden>"] for column in sample}


def test_purge_keeps_later_data_and_files_shared_with_it(call):
    """A mail recorded after DATE (a late straggler) keeps its data and its archived bytes."""
    registry = Registry(call.database_url)
    with registry.session() as session:
        first = session.scalar(select(Message).where(Message.file == "001.eml"))
        session.add(Message(file="later.eml", sha256=first.sha256, size=first.size, status="processed",
                            recorded_at=brussels(2024, 8, 1), sender="an.peeters@vzwdebrug.be", problems=[],
                            problem_messages=[], in_reply_to=[]))
        archived = f"state/archive/messages/{first.sha256[:2]}/{first.sha256}.eml"

    purge(call, registry, PURGE_FROM, NOW)

    with registry.session() as session:
        later = session.scalar(select(Message).where(Message.file == "later.eml"))
    assert (later.sender, files(call)) == ("an.peeters@vzwdebrug.be", [archived])


# --- pseudonyms ----------------------------------------------------------------------------------------


@pytest.mark.unit
def test_pseudonyms_same_value_same_pseudonym_case_and_spacing_ignored():
    pseudonyms = Pseudonyms(key=b"k" * 32)
    other_purge = Pseudonyms(key=b"x" * 32)

    first = pseudonyms("email", "An.Peeters@vzwdebrug.be")

    assert (first, pseudonyms("email", " an.peeters@vzwdebrug.be "), pseudonyms("email", first)) == (first, first, first)
    assert first != other_purge("email", "an.peeters@vzwdebrug.be")
    assert (first.endswith("@anoniem.invalid"), pseudonyms("file", "Voorstel De Brug.PDF")[-4:]) == (True, ".pdf")
    assert pseudonyms.scrub({"summary": ["mail to An.Peeters@VZWDEBRUG.be"]}) == {"summary": [f"mail to {first}"]}


# --- access request --------------------------------------------------------------------------------------


def test_export_person_gives_everything_stored_about_an_applicant(call):
    found = export_person(call, Registry(call.database_url), "Sara@OCMW-Heers.be")

    assert found["person"] == "sara@ocmw-heers.be"
    assert [(m["file"], m["kind"], m["application"], m["subject"]) for m in found["messages"]] == [
        ("002.eml", "application", "HAS-2023-002", "Kandidatuur OCMW Heers"),
        ("weerwoord.eml", "rebuttal", None, "Weerwoord HAS-2023-002")]
    assert found["messages"][1]["body_text"].strip() == "Wij werken wel in Heers."
    assert [(a["filename"], a["detected_type"], a["readable"]) for a in found["messages"][0]["attachments"]] == [
        ("voorstel OCMW Heers.docx", "docx", True)]
    assert [(a["reference"], a["organisation"]) for a in found["applications"]] == [("HAS-2023-002", "OCMW Heers")]
    assert [(d["application"], d["outcome"], d["motivation"]) for d in found["decisions"]] == [
        ("HAS-2023-002", "rejected", "OCMW Heers werkt buiten het gebied.")]
    assert [(m["kind"], m["status"]) for m in found["mails"]] == [
        ("acknowledgement", "sent"), ("decision", "sent"), ("rebuttal-receipt", "sent")]
    assert found["reviewer"] is None


def test_export_person_of_a_reviewer_lists_assignments(call):
    found = export_person(call, Registry(call.database_url), REVIEWER)

    assert (found["messages"], found["applications"], [m["key"] for m in found["mails"]]) == (
        [], [], [f"review-packet:{REVIEWER}:0123abcd"])
    assert found["reviewer"] == {"name": "Katrien Vanherck", "organisation": found["reviewer"]["organisation"],
                                 "conflicts": found["reviewer"]["conflicts"],
                                 "assignments": [{"application": "HAS-2023-001", "how": "assigned"}],
                                 "score_returns": []}


def test_export_person_is_audited_and_pseudonymised_by_a_later_purge(call):
    registry = Registry(call.database_url)
    with audit.actor("cli:export person"):
        export_person(call, registry, "an.peeters@vzwdebrug.be")

    def logged() -> list[tuple[str, str, str | None, dict]]:
        with registry.session() as session:
            return [(e.actor, e.action, e.entity_id, e.details) for e in session.scalars(
                select(AuditEvent).where(AuditEvent.entity == "person"))]

    assert logged() == [("cli:export person", "export-person", "an.peeters@vzwdebrug.be", {
        "found": {"messages": 1, "applications": 1, "decisions": 1, "mails": 2, "reviewer": False}})]
    purge(call, registry, PURGE_FROM, NOW)
    [(_actor, _action, entity_id, _details)] = logged()
    assert is_pseudonym(entity_id) is True


def test_export_person_unknown_address_is_empty(call):
    found = export_person(call, Registry(call.database_url), "nobody@example.be")

    assert {key: value for key, value in found.items() if key != "person"} == {
        "messages": [], "applications": [], "decisions": [], "pitches": [], "rebuttal_packets": [], "mails": [],
        "reviewer": None}

