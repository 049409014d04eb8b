"""Intake: every few minutes from launch until the last rebuttal window closes.

Record and archive new mail → parse → extract documents (bounded pool) → conclude (classify, version,
analyse, acknowledge) → deliver the mails that may go automatically.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.task_runners import ThreadPoolTaskRunner

from callflow.runtime import extraction_pool, registry_for, workspace_lock
from callflow.workspace import Workspace, as_aware, resolve_workspace
from tasks import intake as stages
from tasks.export import application_records
from tasks.outbox import deliver_for_workspace


@task(name="record-and-parse")
def record_and_parse(workspace: str, now: datetime) -> dict[str, Any]:
    ws = Workspace(workspace)
    registry = registry_for(ws)
    recorded = stages.record_new_files(ws, registry, now)
    parsed = stages.parse_pending(ws, registry, extraction_pool(ws))
    return {"new": recorded.new, "parsed": len(parsed)}


@task(name="extract-document")
def extract_document(workspace: str, job: stages.DocumentJob) -> dict[str, Any]:
    ws = Workspace(workspace)
    result = stages.extract_document(ws, job, extraction_pool(ws))
    return {"document": job.filename, "problem": result.problem, "pages": len(result.pages)}


@task(name="conclude")
def conclude(workspace: str, now: datetime) -> dict[str, Any]:
    ws = Workspace(workspace)
    report = stages.conclude_parsed(ws, registry_for(ws), now, stages.analyser_for(ws))
    return report.__dict__


@task(name="deliver-mail")
def deliver_mail(workspace: str, now: datetime) -> dict[str, Any]:
    return deliver_for_workspace(Workspace(workspace), registry_for(Workspace(workspace)), now).__dict__


def warm_up(workspace: str) -> None:
    """Start what the first intake in a process needs anyway: the extraction workers and the compiled
    lexicon. For callers with time to spare, like `callflow ingest` while its Prefect server starts."""
    ws = Workspace(workspace)
    extraction_pool(ws)
    stages.analyser_for(ws)


@flow(name="intake", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=False)
def intake(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Take in new mail: archive, read, check and acknowledge every received file.

    Args:
        now: Time of the run (ISO 8601, for example 2023-05-20T14:00+02:00); empty means the real clock.
            Receipt times come from the mails themselves; `now` stamps the run and the mails it sends.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws = Workspace(resolve_workspace(workspace))
    ws.validate()
    ws.ensure_dirs()
    moment = as_aware(now, ws)
    logger = get_run_logger()
    with workspace_lock(ws):
        taken = record_and_parse(str(ws.root), moment)
        jobs = stages.documents_to_extract(ws, registry_for(ws))
        extracted = _extract_with_progress(str(ws.root), jobs)
        concluded = conclude(str(ws.root), moment)
        delivered = deliver_mail(str(ws.root), moment)
    logger.info(
        "intake at %s: %d new files, %d documents extracted, %d messages concluded, %d mails sent",
        moment.isoformat(), len(taken["new"]), len(extracted), len(concluded["processed"]), len(delivered["sent"]),
    )
    if concluded["applications"]:
        create_table_artifact(
            key="intake-applications",
            table=_applications_table(ws, concluded["applications"]),
            description="Applications that got a new version in this run",
        )
    if concluded["processed"]:
        create_markdown_artifact(
            key="intake-summary",
            markdown=_summary_markdown(moment, taken, extracted, concluded, delivered),
            description="What the intake run took in",
        )
    return {"taken": taken, "extracted": extracted, "concluded": concluded, "delivered": delivered}


PROGRESS_FROM = 20  # documents; smaller runs finish before a progress bar would be seen


def _extract_with_progress(workspace: str, jobs: list[stages.DocumentJob]) -> list[dict[str, Any]]:
    """One task per document on the bounded pool; a progress artifact while a long extraction runs."""
    if not jobs:
        return []
    futures = extract_document.map(workspace, jobs)
    if len(jobs) < PROGRESS_FROM:
        return [future.result() for future in futures]
    progress = create_progress_artifact(0.0, key="intake-extraction", description=f"Reading {len(jobs)} documents")
    results = []
    for done, future in enumerate(futures, start=1):
        results.append(future.result())
        if done % 10 == 0 or done == len(jobs):
            update_progress_artifact(progress, 100.0 * done / len(jobs))
    return results


def _applications_table(ws: Workspace, references: list[str]) -> list[dict[str, Any]]:
    wanted = set(references)
    with registry_for(ws).session() as session:
        records = [r for r in application_records(session, ws.call.tz) if r["reference"] in wanted]
    return [
        {"reference": r["reference"], "organisation": r["organisation"], "version": r["version"],
         "received_at": r["received_at"], "complete": r["complete"],
         "missing_sections": ", ".join(r["missing_sections"]), "service_types": ", ".join(r["service_types"])}
        for r in records
    ]


def _summary_markdown(moment: datetime, taken: dict, extracted: list, concluded: dict, delivered: dict) -> str:
    lines = [
        f"# Intake {moment.isoformat()}",
        "",
        f"- new files: {len(taken['new'])}",
        f"- documents extracted: {len(extracted)}",
        f"- messages concluded: {len(concluded['processed'])}",
        f"- applications with a new version: {', '.join(concluded['applications']) or '—'}",
        f"- late: {len(concluded['late'])}",
        f"- for the coordinator: {', '.join(concluded['queue']) or '—'}",
        f"- mails sent: {len(delivered['sent'])}; failed: {len(delivered['failed'])}",
        "",
        "| kind | count |",
        "|---|---|",
        *(f"| {kind} | {count} |" for kind, count in sorted(concluded["kinds"].items())),
    ]
    if concluded["problems"]:
        lines += ["", "| problem | files |", "|---|---|"]
        lines += [f"| {code} | {', '.join(files)} |" for code, files in sorted(concluded["problems"].items())]
    return "\n".join(lines)
