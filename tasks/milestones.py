"""The milestone ledger: which milestones of the timeline are due at a moment and which have run.

A milestone runs exactly once: the ledger row is written `running` before its flow starts and `done`
after. `run-due` holds the workspace's milestone lock while it works, so a `running` row found under the
lock is a crash leftover and is run again (every milestone flow is idempotent).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from callflow.config import TimelineConfig
from tasks.registry import Mail, MilestoneRun


@dataclass(frozen=True)
class DueMilestone:
    id: str
    flow: str
    due_at: datetime
    description: str
    parameters: dict[str, Any]


def one_off_due(timeline: TimelineConfig, now: datetime, done: set[str]) -> list[DueMilestone]:
    """Milestones whose time has come and that have not run, in timeline order."""
    return [
        DueMilestone(m.id, m.flow, m.at, m.description, dict(m.parameters))
        for m in timeline.milestones
        if m.at <= now and m.id not in done
    ]


def first_decision_sent(session: Session) -> datetime | None:
    return session.scalar(select(Mail.sent_at).where(Mail.kind == "decision", Mail.status == "sent").order_by(Mail.sent_at))


def last_decision_sent(session: Session) -> datetime | None:
    return session.scalar(
        select(Mail.sent_at).where(Mail.kind == "decision", Mail.status == "sent").order_by(Mail.sent_at.desc())
    )


def rebuttal_period_end(timeline: TimelineConfig, last_sent: datetime | None, max_extension_days: int = 0) -> datetime:
    """When intake and the daily check may stop: the last window's close (decision_by as a fallback)."""
    anchor = last_sent or timeline.decision_by
    return timeline.rebuttal_closes(anchor, max_extension_days)


def rebuttal_check_due(timeline: TimelineConfig, now: datetime, first_sent: datetime | None,
                       period_end: datetime, done: set[str]) -> DueMilestone | None:
    """The daily check for day D runs at rebuttal_check_at on D, from the first decision mail until the day
    after the last window closed. Only the latest due day runs: each check closes every window ended by now."""
    if first_sent is None:
        return None
    tz = timeline.tz
    local_now = now.astimezone(tz)
    day: date = local_now.date()
    if local_now.time() < timeline.rebuttal_check_at:
        day -= timedelta(days=1)
    first_day = first_sent.astimezone(tz).date()
    last_day = period_end.astimezone(tz).date() + timedelta(days=1)
    if day < first_day:
        return None
    day = min(day, last_day)
    milestone_id = f"rebuttal-check:{day.isoformat()}"
    if milestone_id in done:
        return None
    due_at = datetime.combine(day, timeline.rebuttal_check_at, tzinfo=tz)
    return DueMilestone(milestone_id, "rebuttal-check", due_at, "Dagelijkse controle van de weerwoordtermijnen", {})


def done_ids(session: Session) -> set[str]:
    return set(session.scalars(select(MilestoneRun.id).where(MilestoneRun.status == "done")))


def mark_running(session: Session, milestone: DueMilestone, now: datetime) -> None:
    row = session.get(MilestoneRun, milestone.id)
    if row is None:
        session.add(MilestoneRun(id=milestone.id, status="running", due_at=milestone.due_at, started_at=now))
    else:
        row.status, row.started_at, row.finished_at = "running", now, None


def mark_finished(session: Session, milestone_id: str, now: datetime, ok: bool, summary: dict[str, Any]) -> None:
    row = session.get(MilestoneRun, milestone_id)
    assert row is not None
    row.status = "done" if ok else "failed"
    row.finished_at = now
    row.summary = summary

