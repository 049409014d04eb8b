"""`callflow serve` against a real Prefect server (tests/flows/conftest.py starts it and `python -m flows.serve`).

The served workspace's timeline lies in the future around the next daylight-saving change in Europe/Brussels
(conftest.future_timeline), so the instants the server scheduled are compared with the timeline's local times
on both sides of the change.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from callflow.runtime import registry_for
from callflow.workspace import Workspace, init_workspace
from flows import serve as serve_module
from tasks.registry import MilestoneRun
from tasks.schedule import DeploymentSpec, deployment_specs, next_instants
from tests.conftest import free_port
from tests.flows.conftest import MIN_SCHEDULED_RUNS, ServedWorkspace, wait_for_deployments

pytestmark = pytest.mark.integration

BRUSSELS = ZoneInfo("Europe/Brussels")
RUN_TIMEOUT = 180.0
SCHEDULE_TIMEOUT = 90.0


def specs_of(root: Path) -> list[DeploymentSpec]:
    return deployment_specs(Workspace(root, environ={}).timeline)


def scheduled_starts(served: ServedWorkspace, deployment_id: object) -> list[datetime]:
    """expected_start_time of the deployment's scheduled runs, earliest first."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        DeploymentFilter,
        DeploymentFilterId,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    with served.server.client_settings(), get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            deployment_filter=DeploymentFilter(id=DeploymentFilterId(any_=[deployment_id])),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(type=FlowRunFilterStateType(any_=[StateType.SCHEDULED]))),
            sort=FlowRunSort.EXPECTED_START_TIME_ASC,
            limit=200,
        )
    # Only the scheduler's runs: a run created by a trigger also waits in SCHEDULED until the runner takes it.
    return [run.expected_start_time for run in runs if run.auto_scheduled]


def wait_for_schedules(served: ServedWorkspace, expected_counts: dict[str, int]) -> dict[str, list[datetime]]:
    """{"flow/deployment": scheduled start times} once each deployment has its expected number of runs."""
    deployments = wait_for_deployments(served, set(expected_counts))
    deadline = time.monotonic() + SCHEDULE_TIMEOUT
    while True:
        starts = {name: scheduled_starts(served, deployments[name].id) for name in expected_counts}
        if {name: len(found) for name, found in starts.items()} == expected_counts or time.monotonic() > deadline:
            return starts
        served.alive()
        time.sleep(1)


def ledger_row(root: Path, milestone_id: str) -> tuple[str, datetime] | None:
    registry = registry_for(Workspace(root, environ={}))
    with registry.session() as session:
        row = session.get(MilestoneRun, milestone_id)
        return None if row is None else (row.status, row.started_at)


def trigger(served: ServedWorkspace, *runs: tuple[str, dict[str, object]]) -> tuple[list[str], list[UUID]]:
    """Create flow runs of deployments through the API, all at once, and return their final states' names
    and their ids once the served process has executed them (in the order given)."""
    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment

    with served.server.client_settings():
        # timeout=0: create the run and return, so that several runs execute at the same time.
        ids = [run_deployment(name, parameters=parameters, timeout=0).id for name, parameters in runs]
        deadline = time.monotonic() + RUN_TIMEOUT
        with get_client(sync_client=True) as client:
            while True:
                states = [client.read_flow_run(flow_run_id).state for flow_run_id in ids]
                if all(state is not None and state.is_final() for state in states) or time.monotonic() > deadline:
                    return [state.name if state else "None" for state in states], ids
                served.alive()
                time.sleep(0.5)


def skips_logged(served: ServedWorkspace, flow_run_ids: list[UUID], timeout: float = 30.0) -> list[bool]:
    """For each flow run, whether it logged that it skipped its milestone. Logs reach the server shortly after
    the final state, so this waits until some run has the line (or the timeout passes)."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    deadline = time.monotonic() + timeout
    with served.server.client_settings(), get_client(sync_client=True) as client:
        while True:
            found = [
                any("not run at" in log.message for log in client.read_logs(
                    log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))))
                for flow_run_id in flow_run_ids
            ]
            if any(found) or time.monotonic() > deadline:
                return found
            time.sleep(1)


def test_serve_without_api_url_exits_2_with_message(tmp_path, capsys):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    root = init_workspace(tmp_path / "ws")
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        code = serve_module.main([str(root)])

    assert code == 2
    assert capsys.readouterr().err.startswith(
        "callflow: PREFECT_API_URL is not set. callflow serve needs a Prefect server: Prefect's ephemeral mode "
        "runs flows but never schedules them.")


def test_serve_unreachable_server_exits_2_with_message(tmp_path, capsys):
    from prefect.settings import PREFECT_API_URL, temporary_settings

    root = init_workspace(tmp_path / "ws")
    url = f"http://127.0.0.1:{free_port()}/api"  # nothing listens there
    with temporary_settings(updates={PREFECT_API_URL: url}):
        code = serve_module.main([str(root)])

    assert code == 2
    assert capsys.readouterr().err.startswith(f"callflow: no Prefect server answers at {url} (ConnectError")


def test_plan_past_timeline_names_no_future_runs_and_overdue_milestones(workspace):
    # The default workspace's timeline is the 2023 call: every time has passed.
    now = datetime(2026, 11, 27, 9, 0, tzinfo=BRUSSELS)

    planned = serve_module.plan(deployment_specs(workspace.timeline), now)
    overdue = serve_module.overdue_milestones(workspace, now)

    assert [(p.full_name, p.scheduled, p.next_run) for p in planned] == [
        ("intake/intake", True, None), ("milestone/deadline", True, None), ("milestone/review-packets", True, None),
        ("milestone/review-reminder", True, None), ("milestone/shortlist", True, None),
        ("milestone/decision-warning", True, None), ("milestone/decisions", True, None),
        ("milestone/rebuttal-check", True, None), ("run-due/run-due", False, None),
    ]
    assert [m.id for m in overdue] == [m.id for m in workspace.timeline.milestones]


def test_serve_deployments_have_descriptions_and_workspace_default(served_workspace):
    specs = specs_of(served_workspace.root)

    found = wait_for_deployments(served_workspace, {spec.full_name for spec in specs})

    assert [(name, found[name].description, found[name].parameters, sorted(found[name].tags)) for name in
            (spec.full_name for spec in specs)] == [
        (spec.full_name, spec.description, {**spec.parameters, "workspace": str(served_workspace.root)},
         sorted([*spec.tags, "haspengouw-2023"]))
        for spec in specs
    ]
    assert found["run-due/run-due"].schedules == []


def test_serve_milestone_and_run_due_parameters_documented_in_schema(served_workspace):
    found = wait_for_deployments(served_workspace, {"milestone/deadline", "run-due/run-due"})

    described = {
        name: [parameter for parameter, schema in found[name].parameter_openapi_schema["properties"].items()
               if schema.get("description")]
        for name in ("milestone/deadline", "run-due/run-due")
    }

    assert described == {"milestone/deadline": ["milestone", "now", "workspace", "force"],
                         "run-due/run-due": ["now", "workspace"]}


def test_serve_scheduled_runs_equal_timeline_local_times_across_dst(served_workspace):
    ws = Workspace(served_workspace.root, environ={})
    specs = {spec.full_name: spec for spec in specs_of(served_workspace.root)}
    scheduled = [name for name, spec in specs.items() if spec.schedules]
    expected_counts = {name: 1 if name.startswith("milestone/") and name != "milestone/rebuttal-check"
                       else MIN_SCHEDULED_RUNS for name in scheduled}

    starts = wait_for_schedules(served_workspace, expected_counts)

    now = datetime.now(UTC)
    assert {name: [s.astimezone(UTC) for s in found] for name, found in starts.items()} == {
        name: [i.astimezone(UTC) for i in next_instants(specs[name], now, expected_counts[name])] for name in scheduled
    }
    # One-off milestones: exactly the configured local time, whatever the UTC offset of that day.
    assert {name.removeprefix("milestone/"): found[0].astimezone(BRUSSELS).isoformat() for name, found in starts.items()
            if expected_counts[name] == 1} == {m.id: m.at.isoformat() for m in ws.timeline.milestones}
    # The two sides of the DST change: the same wall-clock rules, different UTC offsets.
    deadline, packets = (starts[f"milestone/{m}"][0].astimezone(BRUSSELS) for m in ("deadline", "review-packets"))
    assert [(deadline.strftime("%H:%M"), packets.strftime("%H:%M")), deadline.utcoffset() != packets.utcoffset()] == [
        ("00:05", "08:00"), True]
    # Intake once a day at midnight: 00:00 local stays 00:00 local when the offset changes after day 6 (D-1 00:00
    # is before the change at 02:00 or 03:00 on D; D 00:00 too; D+1 00:00 is after it).
    intake = [s.astimezone(BRUSSELS) for s in starts["intake/intake"]]
    launch = ws.timeline.launch
    after = (launch + timedelta(days=8)).utcoffset()
    assert [(i.date(), i.strftime("%H:%M"), i.utcoffset()) for i in intake] == [
        ((launch + timedelta(days=n)).date(), "00:00", launch.utcoffset() if n < 7 else after)
        for n in range(MIN_SCHEDULED_RUNS)
    ]
    assert launch.utcoffset() != after


def test_serve_milestone_triggered_twice_at_once_runs_once(served_workspace):
    root = served_workspace.root
    timeline = Workspace(root, environ={}).timeline
    wait_for_deployments(served_workspace, {"milestone/deadline", "run-due/run-due"})
    due = timeline.milestone("deadline").at
    nows = [due + timedelta(minutes=5), due + timedelta(minutes=65)]

    # Two triggers of the deadline and a run-due (the day after launch: nothing due but intake) at the same
    # time: the milestone lock makes one deadline run wait for the other, which finds the ledger row `done`.
    states, ids = trigger(served_workspace, *[("milestone/deadline", {"now": now.isoformat()}) for now in nows],
                          ("run-due/run-due", {"now": (timeline.launch + timedelta(days=1, hours=9)).isoformat()}))
    status, started_at = ledger_row(root, "deadline")
    ran = [now == started_at for now in nows]
    skipped = skips_logged(served_workspace, ids[:2])

    assert states == ["Completed", "Completed", "Completed"]
    assert (status, sorted(ran)) == ("done", [False, True])
    assert skipped == [not r for r in ran]


def test_serve_missing_work_pool_exits_2_with_message(served_workspace, capsys):
    with served_workspace.server.client_settings():
        code = serve_module.main([str(served_workspace.root), "--work-pool", "no-such-pool"])

    assert code == 2
    assert capsys.readouterr().err == (
        "callflow: the Prefect server has no work pool 'no-such-pool'; create it with "
        "`prefect work-pool create no-such-pool --type process`\n")
