from __future__ import annotations

import pytest
from sqlalchemy import func, select

from flows.run_due import run_due
from tasks.registry import Mail, MilestoneRun, Registry
from tests.factories.documents import make_pdf
from tests.factories.mails import MailSpec, brussels, pdf_attachment, write_mail
from tests.tasks.test_intake import records

pytestmark = pytest.mark.integration


def _mail_count(ws) -> int:
    with Registry(ws.database_url).session() as session:
        return session.scalar(select(func.count()).select_from(Mail))


def test_run_due_replays_timeline_in_order_and_second_run_does_nothing(workspace, prefect_harness):
    for number, organisation in enumerate(["De Brug", "Kompas", "Samen Sterk"]):
        proposal = make_pdf([f"Organisatie: vzw {organisation}\nAanpak: trajectbegeleiding in Heers."])
        write_mail(workspace.inbox, f"{number}.eml", MailSpec(
            sender=f"info@org{number}.be", received_at=brussels(2023, 5, 10 + number, 11, 0),
            attachments=[pdf_attachment("voorstel.pdf", proposal)]))
    root = str(workspace.root)

    before_deadline = run_due(now=brussels(2023, 5, 20, 9, 0), workspace=root)
    after_deadline = run_due(now=brussels(2023, 6, 2, 8, 0), workspace=root)
    catch_up = run_due(now=brussels(2023, 7, 14, 9, 0), workspace=root)  # the machine was off for weeks
    mails = _mail_count(workspace)
    again = run_due(now=brussels(2023, 7, 14, 9, 5), workspace=root)

    assert (before_deadline["ran"], after_deadline["ran"]) == ([], ["deadline"])
    assert catch_up["ran"] == ["review-packets", "review-reminder", "shortlist", "decision-warning", "decisions"]
    assert (again["ran"], again["failed"], _mail_count(workspace)) == ([], [], mails)
    with Registry(workspace.database_url).session() as session:
        ledger = [(run.id, run.status) for run in session.scalars(select(MilestoneRun).order_by(MilestoneRun.due_at))]
    assert ledger == [(m.id, "done") for m in workspace.timeline.milestones]
    assert sorted(r["application"] for r in records(workspace).values()) == ["HAS-2023-001", "HAS-2023-002", "HAS-2023-003"]
