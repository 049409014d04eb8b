"""The call's traces in Prefect's own database, for `callflow purge`.

Prefect keeps every flow run with its parameters and states, the artifacts the flows publish (tables of
applications with organisation names, the portfolio, review assignments) and their log lines. A purge of
the registry would leave those behind, so the purge also deletes, through Prefect's API, this workspace's
flow runs from before the purge date (their task runs and states go with them) and every artifact they
published. Log lines cannot be deleted through Prefect's API, so callflow's flows log only references,
counts, times and milestone names; what names a person (review assignment problems, for example) goes into
an artifact instead.

A run belongs to the workspace when its `workspace` parameter is the workspace's folder; its moment is its
`now` parameter (a replayed call) or else the time it started.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

PAGE = 200


@dataclass
class PrefectPurge:
    flow_runs: list[UUID] = field(default_factory=list)
    artifacts: int = 0


def run_moment(parameters: dict[str, Any], start_time: datetime | None) -> datetime | None:
    """The time a flow run worked at: its `now` parameter when it was given (a replay), else its start."""
    value = parameters.get("now")
    if isinstance(value, str) and value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            return start_time
        return moment if moment.tzinfo else None
    if isinstance(value, datetime):
        return value if value.tzinfo else None
    return start_time


def belongs_to(parameters: dict[str, Any], root: Path) -> bool:
    workspace = parameters.get("workspace")
    if not isinstance(workspace, str) or not workspace:
        return False
    return Path(workspace).expanduser().resolve() == root.resolve()


def purge_prefect_history(root: Path, before: datetime, flow_names: Collection[str], *,
                          dry_run: bool = False) -> PrefectPurge:
    """Delete (or with dry_run only list) this workspace's Prefect flow runs from before `before`, and
    their artifacts. Only runs of `flow_names` (callflow's flows) are read: the server may hold other
    projects' runs, and Prefect cannot filter on parameters. Needs a reachable Prefect API (the CLI starts
    a temporary one when none is set)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowFilter,
        FlowFilterName,
    )

    ours = FlowFilter(name=FlowFilterName(any_=sorted(flow_names)))
    result = PrefectPurge()
    with get_client(sync_client=True) as client:
        offset = 0
        while True:
            runs = client.read_flow_runs(flow_filter=ours, limit=PAGE, offset=offset)
            for run in runs:
                moment = run_moment(run.parameters or {}, run.start_time or run.expected_start_time)
                if belongs_to(run.parameters or {}, root) and moment is not None and moment < before:
                    result.flow_runs.append(run.id)
            if len(runs) < PAGE:
                break
            offset += PAGE
        for start in range(0, len(result.flow_runs), PAGE):
            chunk = result.flow_runs[start:start + PAGE]
            artifact_filter = ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=chunk))
            offset = 0
            while True:
                # Deleting shifts what follows to the front, so a real purge always reads the first page.
                artifacts = client.read_artifacts(artifact_filter=artifact_filter, limit=PAGE,
                                                  offset=offset if dry_run else 0)
                result.artifacts += len(artifacts)
                if not dry_run:
                    for artifact in artifacts:
                        client.delete_artifact(artifact.id)
                if len(artifacts) < PAGE:
                    break
                offset += PAGE
            if not dry_run:
                for run_id in chunk:
                    client.delete_flow_run(run_id)
    return result
