"""The coordinator's overview at the deadline: counts, the applications workbook with the portfolio, and
one mail to the coordinator (idempotent)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from callflow.workspace import Workspace
from tasks.export import application_records, message_records, to_xlsx
from tasks.outbox import MailSpec, OutgoingAttachment, deliver_for_workspace, queue_mail
from tasks.portfolio import Portfolio, build_portfolio, portfolio_xlsx
from tasks.registry import Mail, Registry
from tasks.render import render_blocks
from tasks.storage import write_atomic


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    portfolio: Portfolio
    workbook: Path
    mail_key: str
    markdown: str


def _merge_workbooks(applications: bytes, portfolio: bytes) -> bytes:
    """One workbook for the coordinator: the applications sheet followed by the portfolio sheets."""
    import io

    target = load_workbook(io.BytesIO(applications))
    source = load_workbook(io.BytesIO(portfolio))
    for sheet in source.worksheets:
        copy = target.create_sheet(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            copy.append(list(row))
        copy.freeze_panes = sheet.freeze_panes
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def deadline_overview(ws: Workspace, registry: Registry, now: datetime) -> Overview:
    with registry.session() as session:
        applications = application_records(session, ws.call.tz)
        messages = message_records(session, ws.call.tz)
    kinds = Counter(record["kind"] for record in messages)
    late = [r for r in messages if "late" in r["problems"]]
    counts = {
        "applications": len(applications),
        "complete": sum(1 for a in applications if a["complete"]),
        "incomplete": sum(1 for a in applications if a["complete"] is False),
        "late": len(late),
        "questions": kinds.get("question", 0) + kinds.get("other", 0),
        "messages": len(messages),
    }
    portfolio = build_portfolio(applications, ws.call)
    workbook = ws.packets / f"overzicht-deadline-{ws.call.call.id}.xlsx"
    data = _merge_workbooks(to_xlsx(applications, "Aanvragen"), portfolio_xlsx(portfolio, applications))
    write_atomic(workbook, data)
    blocks = render_blocks(
        "mails/coordinator-overview.txt.j2",
        call=ws.call.call,
        timeline=ws.timeline,
        counts=counts,
        gaps=portfolio.gaps,
        late=late,
        applications=applications,
    )
    key = f"coordinator-overview:deadline:{ws.call.call.id}"
    with registry.session() as session:
        queue_mail(
            session,
            ws.outbox,
            MailSpec(key=key, kind="coordinator-overview", to=ws.call.call.coordinator_email,
                     subject=blocks["subject"], body=blocks["body"],
                     attachments=[OutgoingAttachment(workbook.name, data)]),
            ws.call.mail,
            now,
        )
        drafts = session.scalars(select(Mail.key).where(Mail.status == "draft", Mail.kind == "late-notice")).all()
    deliver_for_workspace(ws, registry, now)
    markdown = "\n".join([
        f"# Deadline {ws.timeline.submission_deadline.isoformat()}",
        "",
        *(f"- {name}: {value}" for name, value in counts.items()),
        f"- late notices waiting for approval: {len(drafts)} (`callflow outbox approve --kind late-notice`)",
        f"- workbook: {workbook}",
        "",
        "Needs nobody covers:",
        *(f"- {dimension}: {', '.join(ids) or '—'}" for dimension, ids in portfolio.gaps.items()),
    ])
    return Overview(counts, portfolio, workbook, key, markdown)
