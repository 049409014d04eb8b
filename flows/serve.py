"""callflow serve: the timeline's deployments on a real Prefect server, served from this process.

Prefect's ephemeral mode runs flows but never schedules them, so serving refuses to start without a
reachable server (PREFECT_API_URL). Deployments (see tasks/schedule.py): `intake/intake`, one
`milestone/<id>` per one-off milestone, `milestone/rebuttal-check`, and `run-due/run-due` without a schedule.
Each takes `workspace` (defaulting to the served workspace) and `now`, so the coordinator can run any step
from the UI.

Run `python -m flows.serve WORKSPACE` or `callflow --workspace WORKSPACE serve`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import TYPE_CHECKING, Any

from callflow.cli_serve import add_arguments
from callflow.prefect_api import configure_prefect
from callflow.runtime import registry_for
from callflow.workspace import Workspace, resolve_workspace
from tasks import milestones as ledger
from tasks.schedule import DeploymentSpec, deployment_specs, next_instants

if TYPE_CHECKING:
    from prefect.deployments.runner import RunnerDeployment

# Where each deploy target of tasks/schedule.py lives (module, attribute).
DEPLOY_TARGETS = {
    "intake": ("flows.intake", "intake"),
    "milestone": ("flows.run_due", "milestone"),
    "run-due": ("flows.run_due", "run_due"),
}
EXIT_USAGE = 2
NO_SERVER = (
    "callflow serve needs a Prefect server: Prefect's ephemeral mode runs flows but never schedules them. "
    "Start one with `prefect server start` and point callflow at it with "
    "PREFECT_API_URL=http://127.0.0.1:4200/api (or `prefect config set PREFECT_API_URL=...`). "
    "Without a server, run `callflow run-due` from cron instead."
)


class ServerUnreachable(Exception):
    """No Prefect server to schedule on: PREFECT_API_URL is unset, or the server does not answer."""


class WorkPoolMissing(Exception):
    """--work-pool names a pool that the server does not have."""


@dataclass(frozen=True)
class PlannedDeployment:
    """What serve creates, for the start-up summary: `flow/deployment`, its next run and its description."""

    full_name: str
    scheduled: bool
    next_run: datetime | None
    description: str


def ensure_server_reachable() -> str:
    """The API URL of a healthy Prefect server; ServerUnreachable (with what to do) otherwise.

    PREFECT_API_URL is read through Prefect's settings, so a value from a Prefect profile counts too; the
    health check goes through Prefect's own client, so PREFECT_API_AUTH_STRING and TLS settings apply.
    """
    from prefect.client.orchestration import get_client
    from prefect.settings import get_current_settings

    url = get_current_settings().api.url
    if not url:
        # Checked first: without a URL, get_client() would quietly start an ephemeral server.
        raise ServerUnreachable(f"PREFECT_API_URL is not set. {NO_SERVER}")
    with get_client(sync_client=True) as client:
        problem = client.api_healthcheck()
        if problem is not None:
            raise ServerUnreachable(f"no Prefect server answers at {url} ({type(problem).__name__}: {problem}). "
                                    f"{NO_SERVER}")
        # /health answers without credentials even when the server requires basic auth; /hello does not,
        # so a wrong or missing PREFECT_API_AUTH_STRING is reported here instead of half-way through serving.
        try:
            client.hello()
        except Exception as exc:  # noqa: BLE001 - any failure here means the server cannot be used
            response = getattr(exc, "response", None)
            reason = f"HTTP {response.status_code} {response.reason_phrase}" if response is not None else str(exc)
            raise ServerUnreachable(
                f"the Prefect server at {url} refused the request ({reason}); when it requires basic auth "
                "(PREFECT_SERVER_API_AUTH_STRING), set PREFECT_API_AUTH_STRING to the same user:password"
            ) from None
    return url


def load_target(target: str) -> Any:
    module_name, attribute = DEPLOY_TARGETS[target]
    return getattr(import_module(module_name), attribute)


def workspace_specs(ws: Workspace, *, now: datetime | None = None, max_extension_days: int = 0) -> list[DeploymentSpec]:
    return deployment_specs(ws.timeline, now=now or datetime.now(ws.call.tz), max_extension_days=max_extension_days)


def build_deployments(ws: Workspace, specs: Sequence[DeploymentSpec]) -> list[RunnerDeployment]:
    """One RunnerDeployment per spec, with the served workspace as the `workspace` default."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import RRule

    deployments = []
    for spec in specs:
        schedules = [
            # The slug names the schedule, so a restart with a changed timeline updates it in place.
            RRule(schedule.rrule, timezone=schedule.timezone, slug=f"{spec.name}-{index}")
            for index, schedule in enumerate(spec.schedules)
        ]
        deployments.append(load_target(spec.target).to_deployment(
            name=spec.name,
            description=spec.description,
            schedules=schedules or None,
            parameters={**spec.parameters, "workspace": str(ws.root)},
            tags=[*spec.tags, ws.call.call.id],
            # A module path (flows.run_due.milestone) works from any working directory and on any worker
            # where callflow is installed; a file path would be relative to where serve was started.
            entrypoint_type=EntrypointType.MODULE_PATH,
        ))
    return deployments


def plan(specs: Sequence[DeploymentSpec], now: datetime) -> list[PlannedDeployment]:
    planned = []
    for spec in specs:
        upcoming = next_instants(spec, now, 1) if spec.schedules else []
        planned.append(PlannedDeployment(spec.full_name, bool(spec.schedules), upcoming[0] if upcoming else None,
                                         spec.description))
    return planned


def overdue_milestones(ws: Workspace, now: datetime) -> list[ledger.DueMilestone]:
    """One-off milestones whose time has passed and that have not run: a server only schedules future runs,
    so these need `run-due` (from the UI or `callflow run-due`)."""
    with registry_for(ws).session() as session:
        done = ledger.done_ids(session)
    return ledger.one_off_due(ws.timeline, now, done)


def serve_workspace(ws: Workspace, *, limit: int | None = None, max_extension_days: int = 0) -> None:
    """Create the timeline's deployments and execute their runs until interrupted (blocks).

    Schedules stay active when serve stops (pause_on_shutdown=False): runs that come due while it is down
    wait on the server as Late and start when serve is back; the ledger makes a late run harmless.
    """
    ensure_server_reachable()
    from prefect import serve

    deployments = build_deployments(ws, workspace_specs(ws, max_extension_days=max_extension_days))
    serve(*deployments, pause_on_shutdown=False, limit=limit)


def register_workspace(ws: Workspace, work_pool: str, *, max_extension_days: int = 0) -> list[str]:
    """Create or update the deployments in a work pool, for workers on other machines, and return their ids.

    Nothing is served from this process: `prefect worker start --pool NAME` runs the flows wherever
    callflow is installed and the workspace folder is reachable at the same path.
    """
    ensure_server_reachable()
    from prefect.client.orchestration import get_client
    from prefect.exceptions import ObjectNotFound

    with get_client(sync_client=True) as client:
        try:
            client.read_work_pool(work_pool)
        except ObjectNotFound:
            raise WorkPoolMissing(f"the Prefect server has no work pool {work_pool!r}; create it with "
                                  f"`prefect work-pool create {work_pool} --type process`") from None
    deployments = build_deployments(ws, workspace_specs(ws, max_extension_days=max_extension_days))
    return [str(deployment.apply(work_pool_name=work_pool)) for deployment in deployments]


def run(ws: Workspace, args: argparse.Namespace) -> int:
    """Serve (or register) the workspace; exit code 2 with a clear message when no server is reachable."""
    now = datetime.now(ws.call.tz)
    try:
        url = ensure_server_reachable()
        if args.work_pool:
            ids = register_workspace(ws, args.work_pool, max_extension_days=args.max_extension_days)
            print(f"{len(ids)} deployments registered in work pool {args.work_pool!r} on {url}; start workers with "
                  f"`prefect worker start --pool {args.work_pool}`")
            return 0
        specs = workspace_specs(ws, now=now, max_extension_days=args.max_extension_days)
        print(f"callflow serve: workspace {ws.root} on {url}")
        for item in plan(specs, now):
            when = (item.next_run.strftime("%Y-%m-%d %H:%M %Z") if item.next_run
                    else "on demand" if not item.scheduled else "none: its time has passed")
            print(f"  {item.full_name:<32} next: {when}")
        for missed in overdue_milestones(ws, now):
            print(f"  milestone {missed.id} was due at {missed.due_at.isoformat()} and has not run; the server "
                  "only schedules future runs: start the run-due deployment (or `callflow run-due`) to catch up",
                  file=sys.stderr)
        sys.stdout.flush()
        serve_workspace(ws, limit=args.limit, max_extension_days=args.max_extension_days)
    except (ServerUnreachable, WorkPoolMissing) as exc:
        print(f"callflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.serve", description=__doc__.splitlines()[0])
    parser.add_argument("workspace", nargs="?", default=None,
                        help="workspace folder (default: $CALLFLOW_WORKSPACE or the current folder)")
    add_arguments(parser)
    args = parser.parse_args(argv)
    from callflow.config import ConfigError

    try:
        ws = Workspace(resolve_workspace(args.workspace))
        ws.validate()
        ws.ensure_dirs()
    except ConfigError as exc:
        print(f"callflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return run(ws, args)


if __name__ == "__main__":
    configure_prefect()  # before Prefect is imported: it reads its settings from the environment
    sys.exit(main())
