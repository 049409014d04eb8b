"""The decision and rebuttal flows end to end: a full replay against a real SMTP server, and the Prefect UI
form path (pause for input, resumed programmatically as the UI would)."""

from __future__ import annotations

import argparse
import email
import email.policy
import threading
import time
from pathlib import Path
from typing import Any

import pypdf
import pytest
from sqlalchemy import select

from callflow.cli_decisions import add_commands, run
from callflow.workspace import Workspace, init_workspace
from flows.decisions import decision_warning, decisions, rebuttal_check
from flows.intake import intake
from tasks.outbox import approve, deliver_for_workspace
from tasks.registry import Mail, Registry
from tests.conftest import smtp_workspace_environ
from tests.factories.documents import make_pdf
from tests.factories.mails import MailSpec, brussels, pdf_attachment, write_mail
from tests.tasks.test_decisions import seed_applications
from tests.tasks.test_intake import records

pytestmark = pytest.mark.integration

APPLICANTS = (  # (file, sender, organisation, project)
    ("001.eml", "An Peeters <an.peeters@vzwdebrug.be>", "vzw De Brug", "Samen Sterk"),
    ("002.eml", "Sara <sara@ocmw-heers.be>", "OCMW Heers", "Werk in Heers"),
    ("003.eml", "Jan <jan@cafedekring.be>", "vzw Café De Kring", "Buurtwerk Alken"),
    ("004.eml", "Els <els@kansenvoorwellen.be>", "vzw Kansen voor Wellen", "Taal en werk"),
)


def cli(ws: Workspace, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="callflow")
    add_commands(parser.add_subparsers(dest="command"))
    return run(ws, parser.parse_args(list(argv)))


def approve_and_send(ws: Workspace, at, *kinds: str) -> list[str]:
    """`callflow outbox approve --kind K` then `callflow outbox send` (what cli.py runs for them)."""
    registry = Registry(ws.database_url)
    with registry.session() as session:
        approve(session, at, kinds=list(kinds))
    return deliver_for_workspace(ws, registry, at).sent


def received(ws: Workspace, server) -> list[tuple[str, str | None, str]]:
    """(kind, application, recipient) of every message the SMTP server accepted, via our Message-IDs."""
    with Registry(ws.database_url).session() as session:
        ledger = {m.message_id_header: (m.kind, m.application) for m in session.scalars(select(Mail))}
    result = []
    for _sender, recipients, content in server.messages:
        message = email.message_from_bytes(content, policy=email.policy.default)
        kind, application = ledger[message["Message-ID"]]
        result.append((kind, application, recipients[0]))
    return result


def smtp_message(server, message_id: str) -> email.message.EmailMessage:
    for _sender, _recipients, content in server.messages:
        message = email.message_from_bytes(content, policy=email.policy.default)
        if message["Message-ID"] == message_id:
            return message
    raise AssertionError(f"{message_id} was not received")


def write_applications(ws: Workspace) -> None:
    for number, (file, sender, organisation, project) in enumerate(APPLICANTS, start=1):
        pdf = make_pdf([f"Projectvoorstel {project}\nOrganisatie: {organisation}\nContactpersoon: {sender.split()[0]}",
                        "Aanpak\nWij bieden trajectbegeleiding in Sint-Truiden en Wellen."])
        write_mail(ws.inbox, file, MailSpec(sender=sender, subject=f"Kandidatuur {project}",
                                            received_at=brussels(2023, 5, 10 + number, 10, 0),
                                            attachments=[pdf_attachment(f"{project}.pdf", pdf)]))


def write_rebuttals(ws: Workspace, decision_ids: dict[str, str]) -> None:
    """Three on-time rebuttals, one per way intake matches them."""
    # A threaded reply (In-Reply-To/References of our decision mail), with a document.
    write_mail(ws.inbox, "r1-antwoord.eml", MailSpec(
        sender="An Peeters <an.peeters@vzwdebrug.be>", subject="RE: Beslissing over uw kandidatuur",
        body="Wij vragen u de beslissing te herzien: zie bijlage.", received_at=brussels(2023, 7, 18, 10, 0),
        headers={"In-Reply-To": decision_ids["HAS-2023-001"], "References": decision_ids["HAS-2023-001"]},
        attachments=[pdf_attachment("weerwoord-de-brug.pdf", make_pdf(["Weerwoord: wij werken wel in Wellen."]))]))
    # Our reference in the subject, from an address we never wrote to.
    write_mail(ws.inbox, "r2-referentie.eml", MailSpec(
        sender="heers.sociaal@gmail.com", subject="Weerwoord HAS-2023-002",
        body="De voorwaarde is vervuld: CAW Limburg is partner.", received_at=brussels(2023, 7, 19, 15, 0)))
    # A plain new mail from the applicant's own address.
    write_mail(ws.inbox, "r3-nieuw.eml", MailSpec(
        sender="Jan <jan@cafedekring.be>", subject="Reactie",
        body="Wij zijn het oneens met de motivering.", received_at=brussels(2023, 7, 20, 9, 0)))


def write_late_rebuttal(ws: Workspace) -> None:
    # After the window closed (27 July 23:59).
    write_mail(ws.inbox, "r4-laat.eml", MailSpec(
        sender="Sara <sara@ocmw-heers.be>", subject="Nog een aanvulling HAS-2023-002",
        body="Nog een partner erbij.", received_at=brussels(2023, 7, 28, 8, 0)))


def replay(ws: Workspace, tmp_path: Path) -> dict[str, Any]:
    """The call from intake to the last rebuttal, as the coordinator and the timeline drive it."""
    results: dict[str, Any] = {}
    intake(now=brussels(2023, 6, 2, 9, 0), workspace=str(ws.root))
    first = tmp_path / "beslissingen.csv"
    first.write_text("reference,outcome,motivation\n"
                     "HAS-2023-001,afgewezen,Het project werkt niet in het werkingsgebied.\n"
                     "HAS-2023-002,conditional,Voorwaarde: een partner uit Heers.\n"
                     "HAS-2023-003,goedgekeurd,Sterke aanpak.\n")
    results["import"] = cli(ws, "decisions", "import", str(first), "--now", "2023-07-03T10:00")
    results["warning"] = decision_warning(now=brussels(2023, 7, 10, 9, 0), workspace=str(ws.root))
    results["decisions"] = decisions(now=brussels(2023, 7, 13, 9, 0), workspace=str(ws.root), form=False)
    # The coordinator changes one decision before sending: the draft is replaced, not sent twice.
    changed = tmp_path / "beslissingen-2.csv"
    changed.write_text(first.read_text().replace("goedgekeurd,Sterke aanpak.", "goedgekeurd,Sterke aanpak in Alken."))
    results["reimport"] = cli(ws, "decisions", "import", str(changed), "--now", "2023-07-13T10:00")
    results["apply"] = cli(ws, "decisions", "apply", "--now", "2023-07-13T10:05")
    results["decision_mails"] = approve_and_send(ws, brussels(2023, 7, 13, 11, 0), "decision")
    with Registry(ws.database_url).session() as session:
        ids = {m.application: m.message_id_header
               for m in session.scalars(select(Mail).where(Mail.kind == "decision", Mail.status == "sent"))}
    if not (ws.inbox / "r1-antwoord.eml").exists():
        write_rebuttals(ws, ids)
    results["rebuttal_intake"] = intake(now=brussels(2023, 7, 20, 9, 10), workspace=str(ws.root))
    if not (ws.inbox / "r4-laat.eml").exists():
        write_late_rebuttal(ws)
    results["check"] = rebuttal_check(now=brussels(2023, 7, 28, 9, 0), workspace=str(ws.root))
    results["late_notices"] = approve_and_send(ws, brussels(2023, 7, 28, 10, 0), "rebuttal-late-notice")
    return results


def test_replay_decisions_and_rebuttals_over_smtp_sends_each_mail_once(tmp_path, smtp_server, prefect_harness,
                                                                      monkeypatch):
    for name, value in smtp_workspace_environ(smtp_server.port).items():
        monkeypatch.setenv(name, value)
    ws = Workspace(init_workspace(tmp_path / "ws"))
    write_applications(ws)

    first = replay(ws, tmp_path)

    assert (first["import"], first["reimport"], first["apply"]) == (0, 0, 0)
    assert first["decisions"]["applied"]["missing"] == ["HAS-2023-004"]
    assert first["decision_mails"] == ["decision:HAS-2023-001:v1", "decision:HAS-2023-002:v1",
                                       "decision:HAS-2023-003:v2"]
    got = received(ws, smtp_server)
    assert [item for item in got if item[0] == "decision"] == [
        ("decision", "HAS-2023-001", "an.peeters@vzwdebrug.be"),
        ("decision", "HAS-2023-002", "sara@ocmw-heers.be"),
        ("decision", "HAS-2023-003", "jan@cafedekring.be"),
    ]
    assert sorted((kind, application) for kind, application, _ in got if kind != "decision") == sorted(
        [("acknowledgement", f"HAS-2023-00{n}") for n in range(1, 5)]
        + [("decision-warning", None), ("coordinator-overview", None)]
        + [("rebuttal-receipt", f"HAS-2023-00{n}") for n in range(1, 4)]
        + [("rebuttal-late-notice", "HAS-2023-002")])
    with Registry(ws.database_url).session() as session:
        superseded = session.scalar(select(Mail.key).where(Mail.status == "superseded"))
        decision_3 = session.scalar(select(Mail).where(Mail.key == "decision:HAS-2023-003:v2"))
    assert superseded == "decision:HAS-2023-003:v1"
    body = smtp_message(smtp_server, decision_3.message_id_header).get_body(("plain",)).get_content()
    assert "Sterke aanpak in Alken." in body
    assert "tot en met donderdag 27 juli 2023 om 23:59" in body

    exported = records(ws)
    rebuttal_view = {file: (r["kind"], r["rebuttal_of"], r["on_time"], r["problems"])
                     for file, r in exported.items() if file.startswith("r")}
    assert rebuttal_view == {
        "r1-antwoord.eml": ("rebuttal", "HAS-2023-001", True, []),
        "r2-referentie.eml": ("rebuttal", "HAS-2023-002", True, []),
        "r3-nieuw.eml": ("rebuttal", "HAS-2023-003", True, []),
        "r4-laat.eml": ("rebuttal", "HAS-2023-002", False, ["late"]),
    }
    assert first["check"]["packets"] == ["weerwoord/HAS-2023-001-weerwoord-v1.pdf",
                                         "weerwoord/HAS-2023-002-weerwoord-v1.pdf",
                                         "weerwoord/HAS-2023-003-weerwoord-v1.pdf"]
    packet = pypdf.PdfReader(ws.packets / first["check"]["packets"][0])
    cover = " ".join(packet.pages[0].extract_text().split())
    assert "Het project werkt niet in het werkingsgebied." in cover
    assert "Wij vragen u de beslissing te herzien: zie bijlage." in cover
    assert "Weerwoord: wij werken wel in Wellen." in packet.pages[1].extract_text()
    assert [(row["reference"], len(row["on_time"]), row["late"]) for row in first["check"]["overview_rows"]] == [
        ("HAS-2023-001", 1, []), ("HAS-2023-002", 1, ["r4-laat.eml"]), ("HAS-2023-003", 1, []), ("HAS-2023-004", 0, [])]

    count = len(smtp_server.messages)
    second = replay(ws, tmp_path)

    assert len(smtp_server.messages) == count
    assert (second["decision_mails"], second["late_notices"], second["check"]["packets"]) == ([], [], [])
    assert second["decisions"]["applied"]["queued"] == []


def wait_for_pause(after_state_id=None, timeout: float = 60.0):
    """The paused run of the `decisions` flow (a new pause, if after_state_id is given)."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(
                flow_filter=FlowFilter(name=FlowFilterName(any_=["decisions"])),
                flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.PAUSED]))))
            fresh = [run for run in runs if run.state and run.state.id != after_state_id]
            if fresh:
                return fresh[0]
            time.sleep(0.2)
    raise AssertionError("the decisions flow did not pause")


def test_decisions_flow_form_in_prefect_ui_records_applies_and_sends_after_approval(tmp_path, prefect_harness):
    from prefect.flow_runs import resume_flow_run

    ws = Workspace(init_workspace(tmp_path / "ws"), environ={})
    seed_applications(ws, 2)
    outcome: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: outcome.update(result=decisions(
        now=brussels(2023, 7, 13, 9, 0), workspace=str(ws.root), form=True, poll_seconds=1)))
    worker.start()
    try:
        paused = wait_for_pause()
        resume_flow_run(paused.id, run_input={"decisions": [
            {"reference": "HAS-2023-001", "outcome": "approved", "motivation": "Sterk plan."},
            {"reference": "HAS-2023-002", "outcome": "rejected", "motivation": ""}]})  # error: no motivation
        again = wait_for_pause(after_state_id=paused.state.id)
        resume_flow_run(again.id, run_input={"decisions": [
            {"reference": "HAS-2023-001", "outcome": "approved", "motivation": "Sterk plan."},
            {"reference": "HAS-2023-002", "outcome": "rejected", "motivation": "Buiten het werkingsgebied."}]})
        approval = wait_for_pause(after_state_id=again.state.id)
        resume_flow_run(approval.id, run_input={"approve": True})
    finally:
        worker.join(timeout=120)
    result = outcome["result"]

    assert result["recorded"]["recorded"]["new"] == ["HAS-2023-001", "HAS-2023-002"]
    assert result["applied"]["queued"] == ["decision:HAS-2023-001:v1", "decision:HAS-2023-002:v1"]
    assert result["approved"] == ["decision:HAS-2023-001:v1", "decision:HAS-2023-002:v1"]
    assert result["delivered"]["sent"] == ["decision:HAS-2023-001:v1", "decision:HAS-2023-002:v1"]
    sent = sorted(p.name for p in (ws.outbox / "sent").iterdir())
    assert sent == ["00001-decision-HAS-2023-001-v1.eml", "00002-decision-HAS-2023-002-v1.eml"]
    with Registry(ws.database_url).session() as session:
        sources = sorted(session.scalars(select(Mail.to_addr).where(Mail.status == "sent")))
    assert sources == ["an.peeters@vzwdebrug.be", "sara@ocmw-heers.be"]
