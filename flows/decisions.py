"""Decisions and rebuttals: the warning before decision_by, applying the decisions (optionally through
forms in the Prefect UI), and the daily check that closes rebuttal windows and builds the jury packets.

Each flow is idempotent: the ledgers (decisions, outbox, rebuttal packets) decide what is left to do, so a
late or repeated run sends nothing twice. The workspace lock is never held while a flow waits for a form.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import BaseModel, Field
from sqlalchemy import select

from callflow.runtime import registry_for, workspace_lock
from callflow.workspace import Workspace, as_aware, resolve_workspace
from flows.intake import intake
from tasks import decisions as domain
from tasks import rebuttals
from tasks.outbox import approve, deliver_for_workspace
from tasks.registry import Application, Mail

FORM_ATTEMPTS = 3  # a form answered with errors is shown again, with the errors, this many times in all


class DecisionEntry(BaseModel):
    """One row of the decisions form; an entry without an outcome is 'not decided yet'."""

    reference: str = Field(description="Referentie van de kandidatuur, bv. HAS-2023-001")
    outcome: Literal["approved", "rejected", "conditional"] | None = Field(
        None, description="approved = goedgekeurd, rejected = afgewezen, conditional = goedgekeurd onder voorwaarden")
    motivation: str = Field("", description="Motivering van de jury (en de voorwaarden); komt letterlijk in de mail")


class DecisionsInput(RunInput):
    """The Prefect UI form the decisions flow pauses with."""

    decisions: list[DecisionEntry] = Field(default_factory=list, description="Eén regel per kandidatuur")


class DecisionApprovalInput(RunInput):
    """The approval form for the decision mails that were just queued."""

    approve: bool = Field(False, description="Alle beslissingsmails hierboven goedkeuren en meteen versturen")


def _workspace(root: str) -> Workspace:
    """A validated Workspace; the YAML behind it is parsed once per file version (callflow.config)."""
    ws = Workspace(root)
    ws.validate()
    return ws


def _clock(now: datetime | None, ws: Workspace) -> datetime:
    """A simulated `now` stays fixed; the real clock is read again after a wait for a form."""
    return as_aware(now, ws)


# --- tasks: thin wrappers around tasks/decisions.py and tasks/rebuttals.py ----------------------


@task(name="decision-warning-mail")
def warning_mail(workspace: str, now: datetime) -> dict[str, Any]:
    ws = _workspace(workspace)
    with registry_for(ws).session() as session:
        missing = [(a.reference, a.organisation) for a in domain.missing_decisions(session)]
        mail = domain.queue_warning(ws, session, now)
        key = mail.key if mail else None
    return {"missing": missing, "mail": key}


@task(name="decision-status")
def decision_status(workspace: str) -> dict[str, Any]:
    ws = _workspace(workspace)
    with registry_for(ws).session() as session:
        return {
            "missing": [a.reference for a in domain.missing_decisions(session)],
            "pending": domain.pending_references(session),
        }


@task(name="decision-drafts")
def decision_drafts(workspace: str) -> list[str]:
    ws = _workspace(workspace)
    with registry_for(ws).session() as session:
        return list(session.scalars(
            select(Mail.key).where(Mail.kind == "decision", Mail.status == "draft").order_by(Mail.id)))


@task(name="record-decisions")
def record_form(workspace: str, entries: list[dict[str, Any]], now: datetime) -> dict[str, Any]:
    """Validate the form like a file (row = entry number) and record only when every entry is valid."""
    ws = _workspace(workspace)
    rows = [(number, {k: str(v or "") for k, v in entry.items()}) for number, entry in enumerate(entries, start=1)]
    with registry_for(ws).session() as session:
        validated = domain.validate_rows(rows, session.scalars(select(Application.reference)))
        if validated.errors:
            return {"errors": [str(error) for error in validated.errors]}
        recorded = domain.record_decisions(session, validated.records, now, "prefect-ui")
    return {"errors": [], "recorded": recorded.__dict__}


@task(name="apply-decisions")
def apply_decisions(workspace: str, now: datetime) -> dict[str, Any]:
    ws = _workspace(workspace)
    return domain.apply_decisions(ws, registry_for(ws), now).__dict__


@task(name="approve-decision-mails")
def approve_mails(workspace: str, keys: list[str], now: datetime) -> list[str]:
    ws = _workspace(workspace)
    with registry_for(ws).session() as session:
        return [row.key for row in approve(session, now, keys=keys)]


@task(name="deliver-mail")
def deliver_mail(workspace: str, now: datetime) -> dict[str, Any]:
    ws = _workspace(workspace)
    return deliver_for_workspace(ws, registry_for(ws), now).__dict__


@task(name="close-rebuttal-windows")
def close_windows(workspace: str, now: datetime) -> dict[str, Any]:
    ws = _workspace(workspace)
    report = rebuttals.close_windows(ws, registry_for(ws), now)
    with registry_for(ws).session() as session:
        rows = rebuttals.overview_rows(ws, session, now)
    return {**report.__dict__, "overview_rows": [_jsonable(row) for row in rows]}


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if isinstance(value, datetime) else value for key, value in row.items()}


# --- flows -------------------------------------------------------------------------------------


@flow(name="decision-warning")
def decision_warning(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Warn the coordinator (a mail and an artifact) when applications still lack a decision.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws = _workspace(str(resolve_workspace(workspace)))
    ws.ensure_dirs()
    moment = as_aware(now, ws)
    with workspace_lock(ws):
        warned = warning_mail(str(ws.root), moment)
        delivered = deliver_mail(str(ws.root), moment) if warned["mail"] else {"sent": [], "failed": []}
    get_run_logger().info("decision warning at %s: %d applications without a decision",
                          moment.isoformat(), len(warned["missing"]))
    create_markdown_artifact(key="decision-warning", markdown=_warning_markdown(ws, moment, warned["missing"]),
                             description="Applications still without a decision")
    return {**warned, "due_at": domain.warning_due_at(ws).isoformat(), "delivered": delivered}


def _warning_markdown(ws: Workspace, moment: datetime, missing: list[tuple[str, str | None]]) -> str:
    lines = [f"# Beslissingen op {moment.isoformat()}", "",
             f"Beslissen vóór {ws.timeline.decision_by.isoformat()}.", ""]
    if not missing:
        return "\n".join([*lines, "Voor elke kandidatuur is een beslissing geregistreerd."])
    lines += ["| referentie | organisatie |", "|---|---|"]
    lines += [f"| {reference} | {organisation or ''} |" for reference, organisation in missing]
    return "\n".join(lines)


@flow(name="decisions")
def decisions(now: datetime | None = None, workspace: str | None = None, form: bool | None = None,
              poll_seconds: int = 5) -> dict[str, Any]:
    """Apply the recorded decisions: one decision mail per application, waiting for approval.

    With `form` (default: decisions.ui_form in call.yaml) the flow first asks for the missing decisions in a
    Prefect UI form, and afterwards for approval of the queued decision mails.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
        form: Ask for missing decisions and for approval in a Prefect UI form; empty follows call.yaml.
        poll_seconds: How often to look for the coordinator's answer while a form waits.
    """
    ws = _workspace(str(resolve_workspace(workspace)))
    ws.ensure_dirs()
    root = str(ws.root)
    use_form = ws.call.decisions.ui_form if form is None else form
    timeout = ws.call.decisions.ui_form_timeout_hours * 3600
    recorded: dict[str, Any] = {}
    status = decision_status(root)
    if use_form and status["missing"]:
        recorded = _ask_decisions(root, status["missing"], now, timeout, poll_seconds)
    with workspace_lock(ws):
        applied = apply_decisions(root, _clock(now, ws))
    approved = list(applied["approved"])
    drafts = decision_drafts(root)  # this run's and any an earlier run left unapproved
    if use_form and drafts and _ask_approval(ws, drafts, timeout, poll_seconds):
        approved += approve_mails(root, drafts, _clock(now, ws))
    delivered: dict[str, Any] = {"sent": [], "failed": [], "needs_confirmation": []}
    if approved:
        with workspace_lock(ws):
            delivered = deliver_mail(root, _clock(now, ws))
    create_markdown_artifact(key="decisions", markdown=_decisions_markdown(applied, approved, delivered),
                             description="Decisions applied and decision mails queued")
    return {"recorded": recorded, "applied": applied, "approved": approved, "delivered": delivered}


def _ask_decisions(root: str, missing: list[str], now: datetime | None, timeout: int,
                   poll_seconds: int) -> dict[str, Any]:
    """Pause for the decisions form until it is answered without errors (FORM_ATTEMPTS at most)."""
    ws = _workspace(root)
    description = (f"Vul de beslissing en de motivering in voor {len(missing)} kandidaturen. Laat de beslissing "
                   "leeg voor een kandidatuur waarover nog niet beslist is.")
    result: dict[str, Any] = {}
    for attempt in range(1, FORM_ATTEMPTS + 1):
        form = DecisionsInput.with_initial_data(
            description=description, decisions=[DecisionEntry(reference=reference) for reference in missing])
        answer = pause_flow_run(wait_for_input=form, timeout=timeout, poll_interval=poll_seconds,
                                key=f"decisions-{attempt}")
        entries = [entry.model_dump() for entry in answer.decisions]
        with workspace_lock(ws):
            result = record_form(root, entries, _clock(now, ws))
        if not result["errors"]:
            return result
        description = "Niet ingelezen, verbeter eerst:\n" + "\n".join(result["errors"])
    get_run_logger().warning("decisions form still had errors after %d attempts; nothing recorded", FORM_ATTEMPTS)
    return result


def _ask_approval(ws: Workspace, keys: list[str], timeout: int, poll_seconds: int) -> bool:
    with registry_for(ws).session() as session:
        mails = session.execute(
            select(Mail.application, Mail.to_addr, Mail.subject).where(Mail.key.in_(keys)).order_by(Mail.id)).all()
    listing = "\n".join(f"- {reference} → {to}: {subject}" for reference, to, subject in mails)
    form = DecisionApprovalInput.with_initial_data(
        description=f"{len(mails)} beslissingsmails staan klaar:\n{listing}\n\nGoedkeuren en versturen?")
    answer = pause_flow_run(wait_for_input=form, timeout=timeout, poll_interval=poll_seconds,
                            key="decisions-approval")
    return bool(answer.approve)


def _decisions_markdown(applied: dict[str, Any], approved: list[str], delivered: dict[str, Any]) -> str:
    lines = [
        "# Beslissingen",
        "",
        f"- nieuwe beslissingsmails: {', '.join(applied['queued']) or '—'}",
        f"- correcties na verzending: {', '.join(applied['corrections']) or '—'}",
        f"- vervangen concepten: {', '.join(applied['superseded']) or '—'}",
        f"- goedgekeurd: {len(approved)}; verstuurd: {len(delivered['sent'])}",
        f"- nog zonder beslissing: {', '.join(applied['missing']) or '—'}",
    ]
    lines += [f"- niet toegepast, {reference}: {reason}" for reference, reason in applied["blocked"].items()]
    return "\n".join(lines)


@flow(name="rebuttal-check")
def rebuttal_check(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Daily in the rebuttal period: take in the last mail, then build a jury packet for every window that
    closed, and the overview of who answered in time.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws = _workspace(str(resolve_workspace(workspace)))
    ws.ensure_dirs()
    moment = as_aware(now, ws)
    intake(now=moment, workspace=str(ws.root))  # a rebuttal received before the close must be in the packet
    with workspace_lock(ws):
        checked = close_windows(str(ws.root), moment)
        delivered = deliver_mail(str(ws.root), moment) if checked["mails"] else {"sent": [], "failed": []}
    create_markdown_artifact(key="rebuttal-overview", markdown=_overview_markdown(moment, checked["overview_rows"]),
                             description="Who answered in time")
    return {**checked, "delivered": delivered}


def _overview_markdown(moment: datetime, rows: list[dict[str, Any]]) -> str:
    lines = [f"# Weerwoord op {moment.isoformat()}", "",
             "| referentie | organisatie | beslissing | termijn tot | binnen de termijn | laattijdig | pakket |",
             "|---|---|---|---|---|---|---|"]
    for row in rows:
        lines.append(
            f"| {row['reference']} | {row['organisation'] or ''} | {row['outcome_label'] or '—'} | "
            f"{row['closes_at'] or '—'} | {len(row['on_time'])} | {len(row['late'])} | {row['packet'] or ''} |")
    return "\n".join(lines)
