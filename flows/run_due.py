"""run-due: everything the timeline says is due at `now` and has not run yet, in timeline order, each
exactly once; intake first. Needs no Prefect server, and catches up after downtime."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from prefect import flow, get_run_logger

from callflow.runtime import milestone_lock, registry_for
from callflow.workspace import Workspace, as_aware, resolve_workspace
from flows.milestones import load_flow
from tasks import milestones as ledger


@flow(name="run-due")
def run_due(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Run intake, then every due milestone that has not run yet."""
    ws = Workspace(resolve_workspace(workspace))
    ws.validate()
    ws.ensure_dirs()
    moment = as_aware(now, ws)
    logger = get_run_logger()
    registry = registry_for(ws)
    ran: list[str] = []
    failed: list[str] = []
    with milestone_lock(ws):
        load_flow("intake")(now=moment, workspace=str(ws.root))
        with registry.session() as session:
            done = ledger.done_ids(session)
        for milestone in ledger.one_off_due(ws.timeline, moment, done):
            _run(ws, milestone, moment, ran, failed, logger)
        with registry.session() as session:
            first, last = ledger.first_decision_sent(session), ledger.last_decision_sent(session)
            done = ledger.done_ids(session)
        end = ledger.rebuttal_period_end(ws.timeline, last)
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
