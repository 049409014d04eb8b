"""run-due: everything the timeline says is due at `now` and has not run yet, in timeline order, each
exactly once; intake first. Needs no Prefect server, and catches up after downtime.

milestone: one milestone of the timeline, exactly once - what `callflow serve` schedules for each one-off
milestone and for the daily rebuttal check, so that a late run or a second trigger is harmless."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.context import FlowRunContext

from callflow.runtime import milestone_lock, registry_for
from callflow.workspace import Workspace, as_aware, resolve_workspace
from flows.milestones import load_flow
from tasks import milestones as ledger
from tasks.intake import has_work

REBUTTAL_CHECK = "rebuttal-check"


class MilestoneFailed(RuntimeError):
    """The milestone's flow raised; the ledger says `failed` and the next run or run-due retries it."""


@flow(name="run-due")
def run_due(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Run intake, then every milestone that is due and has not run yet, each exactly once.

    Catches up after downtime; needs no Prefect server (`callflow run-due` from cron does the same).

    Args:
        now: Time of the run (ISO 8601, for example 2023-06-02T09:00+02:00); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws = Workspace(resolve_workspace(workspace))
    ws.validate()
    ws.ensure_dirs()
    moment = as_aware(now, ws)
    logger = get_run_logger()
    registry = registry_for(ws)
    ran: list[str] = []
    failed: list[str] = []
    with milestone_lock(ws):
        if has_work(ws, registry):  # a scheduled run with nothing new starts no intake flow at all
            load_flow("intake")(now=moment, workspace=str(ws.root))
        with registry.session() as session:
            done = ledger.done_ids(session)
        for milestone in ledger.one_off_due(ws.timeline, moment, done):
            _run(ws, milestone, moment, ran, failed, logger)
        with registry.session() as session:
            first, last = ledger.first_decision_sent(session), ledger.last_decision_sent(session)
            done = ledger.done_ids(session)
        end = ledger.rebuttal_period_end(ws.timeline, last, ws.call.decisions.max_extension_days)
        check = ledger.rebuttal_check_due(ws.timeline, moment, first, end, done)
        if check is not None:
            _run(ws, check, moment, ran, failed, logger)
    return {"now": moment.isoformat(), "ran": ran, "failed": failed}


def _run(ws: Workspace, milestone: ledger.DueMilestone, moment: datetime, ran: list[str], failed: list[str],
         logger: logging.Logger | Any) -> None:
    registry = registry_for(ws)
    with registry.session() as session:
        ledger.mark_running(session, milestone, moment)
    logger.info("milestone %s (%s) due %s", milestone.id, milestone.flow, milestone.due_at.isoformat())
    try:
        summary = load_flow(milestone.flow)(now=moment, workspace=str(ws.root), **milestone.parameters)
    except Exception as exc:  # noqa: BLE001 - recorded as failed and reported; the next run-due retries it
        logger.error("milestone %s failed: %s", milestone.id, exc)
        with registry.session() as session:
            ledger.mark_finished(session, milestone.id, moment, False, {"error": f"{type(exc).__name__}: {exc}"})
        failed.append(milestone.id)
        return
    with registry.session() as session:
        ledger.mark_finished(session, milestone.id, moment, True, summary if isinstance(summary, dict) else {})
    ran.append(milestone.id)


@flow(name="milestone")
def milestone(milestone: str, now: datetime | None = None, workspace: str | None = None,
              force: bool = False) -> dict[str, Any]:
    """Run one milestone of the timeline exactly once; skip it when the milestone ledger says it ran.

    Args:
        milestone: Id of a milestone in config/timeline.yaml (for example deadline, review-packets,
            decisions), or rebuttal-check for the daily check that closes ended rebuttal windows.
        now: Time of the run (ISO 8601, for example 2023-06-05T08:00+02:00); empty means the time the run was
            scheduled for, or the real clock when that is later.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
        force: Run even when the ledger says the milestone already ran, or before its time (every
            milestone flow is idempotent: nothing is sent twice).
    """
    ws = Workspace(resolve_workspace(workspace))
    ws.validate()
    ws.ensure_dirs()
    moment = _reference_time(now, ws)
    logger = get_run_logger()
    ran: list[str] = []
    failed: list[str] = []
    # The ledger is read under the lock that run-due also holds, so a schedule, a manual trigger and a
    # run-due from cron can overlap without running a milestone twice.
    with milestone_lock(ws):
        due, reason = _due(ws, milestone, moment, force)
        if due is None:
            # A skipped one-off milestone is worth seeing in the UI, which shows WARNING and above by default
            # (callflow.runtime); the daily rebuttal check skipping before any decision mail is routine.
            level = logging.INFO if milestone == REBUTTAL_CHECK else logging.WARNING
            logger.log(level, "milestone %s not run at %s: %s", milestone, moment.isoformat(), reason)
            return {"milestone": milestone, "now": moment.isoformat(), "status": "skipped", "reason": reason,
                    "ran": ran, "failed": failed}
        _run(ws, due, moment, ran, failed, logger)
    if failed:
        raise MilestoneFailed(f"milestone {due.id} failed at {moment.isoformat()}; see the log above. "
                              "The ledger marks it failed: the next run or `callflow run-due` retries it.")
    return {"milestone": milestone, "now": moment.isoformat(), "status": "ran", "reason": "", "ran": ran,
            "failed": failed}


def _reference_time(now: datetime | None, ws: Workspace) -> datetime:
    """`now` when given. Otherwise the run's scheduled time, or the clock when later: the server may start a
    run up to half a second before its scheduled second, and that run must still find its milestone due."""
    if now is not None:
        return as_aware(now, ws)
    clock = datetime.now(ws.call.tz)
    context = FlowRunContext.get()
    scheduled = context.flow_run.expected_start_time if context and context.flow_run else None
    return max(clock, scheduled.astimezone(ws.call.tz)) if scheduled else clock


def _due(ws: Workspace, milestone_id: str, moment: datetime, force: bool) -> tuple[ledger.DueMilestone | None, str]:
    """The milestone to run now, or None and why not."""
    registry = registry_for(ws)
    with registry.session() as session:
        done = ledger.done_ids(session)
        first, last = ledger.first_decision_sent(session), ledger.last_decision_sent(session)
    if milestone_id == REBUTTAL_CHECK:
        if first is None:
            return None, "no decision mail has been sent yet, so no rebuttal window is open"
        end = ledger.rebuttal_period_end(ws.timeline, last, ws.call.decisions.max_extension_days)
        check = ledger.rebuttal_check_due(ws.timeline, moment, first, end, set() if force else done)
        if check is None:
            return None, "today's rebuttal check already ran, or the rebuttal period has not started"
        return check, ""
    configured = ws.timeline.milestone(milestone_id)
    if configured is None:
        known = ", ".join([m.id for m in ws.timeline.milestones] + [REBUTTAL_CHECK])
        raise ValueError(f"unknown milestone {milestone_id!r}; config/timeline.yaml has {known}")
    if milestone_id in done and not force:
        return None, "the ledger says it already ran; pass force=true to run it again"
    if configured.at > moment and not force:
        return None, f"it is due at {configured.at.isoformat()}; pass force=true to run it now"
    return ledger.DueMilestone(configured.id, configured.flow, configured.at, configured.description,
                               dict(configured.parameters)), ""
