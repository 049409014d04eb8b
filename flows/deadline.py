"""Deadline (1 June 23:59): the last intake, then the coordinator's overview of every application,
the portfolio of what the region gets and misses, and the late notices waiting for approval."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prefect import flow, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact

from callflow.runtime import registry_for, workspace_lock
from callflow.workspace import Workspace, as_aware, resolve_workspace
from flows.intake import intake
from tasks.overview import deadline_overview
from tasks.portfolio import portfolio_table


@task(name="coordinator-overview")
def coordinator_overview(workspace: str, now: datetime) -> dict[str, Any]:
    ws = Workspace(workspace)
    overview = deadline_overview(ws, registry_for(ws), now)
    create_table_artifact(
        key="portfolio-service-types",
        table=portfolio_table(overview.portfolio),
        description="Applications × service types at the deadline",
    )
    create_markdown_artifact(key="deadline-overview", markdown=overview.markdown, description="The call at its deadline")
    create_link_artifact(overview.workbook.as_uri(), link_text=overview.workbook.name, key="deadline-workbook",
                         description="Applications and portfolio workbook for the coordinator")
    return {"applications": overview.counts["applications"], "workbook": str(overview.workbook), "mail": overview.mail_key}


@flow(name="deadline")
def deadline(now: datetime | None = None, workspace: str | None = None) -> dict[str, Any]:
    """Close submissions: take in the last mail, then send the coordinator the overview.

    Args:
        now: Time of the run (ISO 8601); empty means the real clock.
        workspace: Workspace folder of the call; empty means $CALLFLOW_WORKSPACE or the current folder.
    """
    ws = Workspace(resolve_workspace(workspace))
    ws.validate()
    moment = as_aware(now, ws)
    intake(now=moment, workspace=str(ws.root))
    with workspace_lock(ws):
        return coordinator_overview(str(ws.root), moment)
