"""The written review and the pitch days (timeline milestones review, review-reminder and shortlist).

review:          assign reviewers (no conflicts, balanced) → one packet (PDF + scoring sheet) per reviewer →
                 deliver the mail that may go.
review-reminder: remind reviewers without a valid return, from `reminder_days_before` the deadline on.
shortlist:       rank the returned scores → jury overview (xlsx) and table artifact → pitch slots for the
                 shortlist → invitations (.ics) and the jury's day schedule (PDF).

Returned sheets are handled by the intake (tasks.review.handle_review_return). Every flow takes the
workspace lock and is idempotent: a re-run on the same inputs queues and sends nothing new.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from callflow.runtime import registry_for, workspace_lock
from callflow.workspace import Workspace, as_aware, resolve_workspace
from flows.intake import deliver_mail
from tasks import review as steps


def _open(workspace: str | None, now: datetime | None) -> tuple[Workspace, datetime]:
    ws = Workspace(resolve_workspace(workspace))
    ws.validate()
    steps.check_config(ws)
    ws.ensure_dirs()
    return ws, as_aware(now, ws)


@task(name="assign-reviewers")
def assign_reviewers(workspace: str, now: datetime) -> dict[str, Any]:
    ws = Workspace(workspace)
    return steps.assign_reviewers(ws, registry_for(ws), now)


@task(name="reviewer-packets")
def reviewer_packets(workspace: str, now: datetime) -> list[str]:
    # One task for all reviewers: each task loads the workspace config anew (call.yaml's lexicon is large),
    # and WeasyPrint is CPU-bound, so parallel tasks would not be faster anyway.
    ws = Workspace(workspace)
    return steps.send_packets(ws, registry_for(ws), now)["queued"]


@task(name="queue-reminders")
def queue_reminders(workspace: str, now: datetime) -> dict[str, Any]:
    ws = Workspace(workspace)
    return steps.send_reminders(ws, registry_for(ws), now)


@task(name="rank-and-schedule")
def rank_and_schedule(workspace: str, now: datetime) -> dict[str, Any]:
    ws = Workspace(workspace)
    return steps.make_shortlist(ws, registry_for(ws), now)


@flow(name="review", log_prints=False)
def review(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Assign reviewers and send each one their packet and scoring sheet.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws, moment = _open(workspace, now)
    logger = get_run_logger()
    with workspace_lock(ws):
        assignment = assign_reviewers(str(ws.root), moment)
        packets = reviewer_packets(str(ws.root), moment)
        delivered = deliver_mail(str(ws.root), moment)
    problems = assignment["shortfalls"] + assignment["notes"]
    if problems:
        # The lines name reviewers; they go to the artifact below, which a purge deletes, not to the run's
        # log, which Prefect keeps.
        logger.warning("%d assignment problems; see the review-assignment artifact", len(problems))
    logger.info("review at %s: %d applications, %d pairs, %d packets queued, %d mails sent",
                moment.isoformat(), assignment["applications"], assignment["pairs"], len(packets), len(delivered["sent"]))
    create_markdown_artifact(key="review-assignment", markdown=_assignment_markdown(moment, assignment, packets),
                             description="Who reviews what")
    return {"assignment": assignment, "packets": packets, "delivered": delivered, "problems": problems}


@flow(name="review-reminder", log_prints=False)
def review_reminder(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Remind reviewers who have not returned valid scores yet.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws, moment = _open(workspace, now)
    logger = get_run_logger()
    with workspace_lock(ws):
        reminders = queue_reminders(str(ws.root), moment)
        delivered = deliver_mail(str(ws.root), moment)
    if reminders["not_due"]:
        logger.warning("reminders are due from %s (review_deadline - reminder_days_before); none sent at %s",
                       reminders["due_at"], moment.isoformat())
    else:
        logger.info("%d reminders queued; %d reviewers had returned their sheet",
                    len(reminders["queued"]), len(reminders["returned"]))
    return {"reminders": reminders, "delivered": delivered, "problems": []}


@flow(name="shortlist", log_prints=False)
def shortlist(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Rank the scores, pick the shortlist, schedule the pitches and invite the applicants.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws, moment = _open(workspace, now)
    logger = get_run_logger()
    with workspace_lock(ws):
        result = rank_and_schedule(str(ws.root), moment)
        delivered = deliver_mail(str(ws.root), moment)
    for note in result["notes"]:
        logger.warning(note)
    logger.info("shortlist at %s: %s; %d invitations queued", moment.isoformat(),
                ", ".join(result["shortlist"]) or "empty", len(result["invitations"]))
    if result["ranking"]:
        create_table_artifact(key="shortlist", table=result["ranking"],
                              description="Rangschikking na de schriftelijke beoordeling (shortlist = ja)")
    create_markdown_artifact(key="shortlist-coverage", markdown=_coverage_markdown(result),
                             description="Which required service types the shortlist covers")
    problems = [f"{reference}: staat op de shortlist maar heeft geen pitchslot" for reference in result["unscheduled"]]
    return {**result, "delivered": delivered, "problems": problems}


def _assignment_markdown(moment: datetime, assignment: dict[str, Any], packets: list[str]) -> str:
    lines = [f"# Review assignment {moment.isoformat()}", "",
             f"- applications reviewed: {assignment['applications']}",
             f"- pairs: {assignment['pairs']}; packets queued now: {len(packets)}",
             f"- not reviewed: {', '.join(f'{ref} ({why})' for ref, why in assignment['skipped'].items()) or '—'}",
             f"- without automatic analysis: {', '.join(assignment['unchecked']) or '—'}",
             "", "| reviewer | load |", "|---|---|"]
    lines += [f"| {email} | {load} |" for email, load in sorted(assignment["load"].items())]
    if assignment["shortfalls"] or assignment["notes"]:
        lines += ["", "## Problems", *(f"- {line}" for line in assignment["shortfalls"] + assignment["notes"])]
    return "\n".join(lines)


def _coverage_markdown(result: dict[str, Any]) -> str:
    lines = ["# Shortlist", "", f"Shortlist: {', '.join(result['shortlist']) or '—'}", "",
             "| service type | offered by (shortlist) |", "|---|---|"]
    lines += [f"| {service} | {', '.join(refs)} |" for service, refs in result["covered"].items()]
    lines += [f"| {service} | **missing** |" for service in result["missing_service_types"]]
    if result["unscheduled"]:
        lines += ["", f"Without a pitch slot: {', '.join(result['unscheduled'])}"]
    return "\n".join(lines)
