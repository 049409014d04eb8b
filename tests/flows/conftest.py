"""Fixtures for the tests that need a real Prefect server: the server itself, a workspace whose timeline
lies in the future (the server only schedules future runs), `python -m flows.serve` serving it, and
headless Chromium for the UI test.

The server and the served workspace are session-scoped so that test_serve.py and test_ui.py share one
server start and one serve start; every subprocess is killed at the end, also when a test fails.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from tests.conftest import REPO_ROOT, free_port

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
# fonts-liberation: without recommends, a fresh machine may have no font to render the UI's text with.
CHROMIUM_PACKAGES = ("chromium", "fonts-liberation")
SERVER_START_TIMEOUT = 120.0
# The scheduler keeps this many future runs of a repeated schedule (Prefect's default is 3): ten days of the
# daily test intake reach past the DST change.
MIN_SCHEDULED_RUNS = 10
DEPLOYMENTS_TIMEOUT = 90.0

def next_dst_change(today: date) -> date:
    """The next Sunday on which Europe/Brussels changes its clocks (the last Sunday of March or October) that
    leaves a week for the test call before it: at most seven months away, within the test scheduler's horizon."""
    candidates = []
    for year in (today.year, today.year + 1):
        for month in (3, 10):
            last = date(year, month, 31)
            candidates.append(last - timedelta(days=(last.weekday() - 6) % 7))
    return min(change for change in candidates if change - timedelta(days=6) > today + timedelta(days=1))


def future_timeline(today: date) -> dict[str, Any]:
    """A call in the future (the server only schedules future runs) around the next DST change D (a Sunday):
    the deadline milestone at 00:05 on D-1 and the review packets at 08:00 on D+1 have different UTC
    offsets, and the daily test intake at 00:00 from D-6 crosses the change."""
    change = next_dst_change(today)

    def day(offset: int) -> str:
        return (change + timedelta(days=offset)).isoformat()

    return {
        "timezone": "Europe/Brussels",
        "launch": f"{day(-6)}T00:00",
        "submission_deadline": f"{day(-2)}T23:59",
        "written_review_weeks": [day(1), day(8)],
        "pitch_days": [day(15), day(17)],
        "decision_by": f"{day(29)}T00:00",
        "rebuttal_days_after_decision": 14,
        "intake_every_minutes": 1440,
        "rebuttal_check_at": "00:05",
        "milestones": [
            {"id": "deadline", "at": f"{day(-1)}T00:05", "flow": "deadline", "description": "Inzendingen afsluiten"},
            {"id": "review-packets", "at": f"{day(1)}T08:00", "flow": "review",
             "description": "Beoordelingspakketten versturen"},
            {"id": "review-reminder", "at": f"{day(10)}T09:00", "flow": "review-reminder",
             "description": "Herinnering aan beoordelaars"},
            {"id": "shortlist", "at": f"{day(13)}T09:00", "flow": "shortlist", "description": "Shortlist opmaken"},
            {"id": "decision-warning", "at": f"{day(23)}T09:00", "flow": "decision-warning",
             "description": "Ontbrekende beslissingen melden"},
            {"id": "decisions", "at": f"{day(25)}T09:00", "flow": "decisions",
             "description": "Beslissingsmails klaarzetten"},
        ],
    }


def prefect_environment(home: Path, api_url: str | None) -> dict[str, str]:
    """The environment of every Prefect subprocess: its own home, no telemetry, this server only."""
    environment = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "PREFECT_LOGGING_LEVEL": "WARNING",
        # The test call lies up to seven months ahead (future_timeline); the scheduler's default horizon is 100 days.
        "PREFECT_SERVER_SERVICES_SCHEDULER_MAX_SCHEDULED_TIME": "P365D",
        "PREFECT_SERVER_SERVICES_SCHEDULER_MIN_RUNS": str(MIN_SCHEDULED_RUNS),
        # The runner in `flows.serve` looks for runs every second instead of every 10 s: triggered runs start sooner.
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        # Do not inherit a profile or a test harness that points elsewhere.
        "PREFECT_PROFILES_PATH": str(home / "profiles.toml"),
    }
    environment.pop("PREFECT_API_URL", None)
    environment.pop("PREFECT_API_KEY", None)
    if api_url is not None:
        environment["PREFECT_API_URL"] = api_url
    return environment


@dataclass
class PrefectServer:
    url: str  # the API, e.g. http://127.0.0.1:43210/api
    ui_url: str  # the UI, e.g. http://127.0.0.1:43210
    port: int
    home: Path
    log: Path

    def environment(self) -> dict[str, str]:
        return prefect_environment(self.home, self.url)

    @contextmanager
    def client_settings(self) -> Iterator[None]:
        """Point this test process's Prefect clients at the server, for one `with` block (LIFO-safe)."""
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings(updates={PREFECT_API_URL: self.url}):
            yield


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process group (the server and serve spawn children), then SIGKILL what is left."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        process.wait(timeout=15)


def _tail(path: Path, characters: int = 4000) -> str:
    return path.read_text(encoding="utf-8", errors="replace")[-characters:] if path.exists() else "(no log)"


@pytest.fixture(scope="session")
def prefect_server() -> Iterator[PrefectServer]:
    """A real `prefect server start` on a free port of 127.0.0.1, with SQLite in a temporary PREFECT_HOME."""
    home = Path(tempfile.mkdtemp(prefix="callflow-prefect-"))
    port = free_port()
    server = PrefectServer(
        url=f"http://127.0.0.1:{port}/api", ui_url=f"http://127.0.0.1:{port}", port=port, home=home,
        log=home / "server.log",
    )
    environment = prefect_environment(home, None)
    # The browser UI asks the server which API to call; without this it calls port 4200, not the chosen port.
    environment["PREFECT_UI_API_URL"] = server.url
    with open(server.log, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            env=environment, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=home,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"prefect server exited with {process.returncode}:\n{_tail(server.log)}")
            try:
                if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server not healthy after {SERVER_START_TIMEOUT} s:\n{_tail(server.log)}")
            time.sleep(0.2)
        yield server
    finally:
        _stop(process)
        shutil.rmtree(home, ignore_errors=True)


@dataclass
class ServedWorkspace:
    root: Path
    server: PrefectServer
    log: Path
    process: subprocess.Popen[bytes]

    def alive(self) -> None:
        if self.process.poll() is not None:
            raise AssertionError(f"flows.serve exited with {self.process.returncode}:\n{_tail(self.log)}")


def write_future_timeline(root: Path, today: date) -> None:
    (root / "config" / "timeline.yaml").write_text(
        yaml.safe_dump(future_timeline(today), sort_keys=False, allow_unicode=True), encoding="utf-8"
    )


@pytest.fixture(scope="session")
def served_workspace(prefect_server: PrefectServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedWorkspace]:
    """A workspace with future_timeline(), served by `python -m flows.serve` until the session ends."""
    from callflow.workspace import init_workspace

    root = init_workspace(tmp_path_factory.mktemp("served") / "ws")
    write_future_timeline(root, date.today())
    log = root / "serve.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen(
            [sys.executable, "-m", "flows.serve", str(root)],
            env=prefect_server.environment(), stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
            cwd=REPO_ROOT,
        )
    served = ServedWorkspace(root=root, server=prefect_server, log=log, process=process)
    try:
        yield served
    finally:
        _stop(process)


def wait_for_deployments(served: ServedWorkspace, names: set[str], timeout: float = DEPLOYMENTS_TIMEOUT) -> dict:
    """{"flow/deployment": DeploymentResponse} once every name in `names` exists on the server."""
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with served.server.client_settings(), get_client(sync_client=True) as client:
        while True:
            served.alive()
            flows = {flow.id: flow.name for flow in client.read_flows()}
            found = {f"{flows.get(d.flow_id, '?')}/{d.name}": d for d in client.read_deployments()}
            if names <= set(found):
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"deployments {sorted(names - set(found))} missing after {timeout} s:\n"
                                     f"{_tail(served.log)}")
            time.sleep(0.5)


# --- Chromium ----------------------------------------------------------------------------------


def find_chromium() -> str | None:
    return next((path for path in CHROMIUM_CANDIDATES if Path(path).is_file()), None)


def ensure_chromium() -> str:
    """The Chromium binary; installs Debian's `chromium` with apt-get when it is missing (CI is a fresh
    machine). Skips the test only when apt-get itself is unavailable."""
    found = find_chromium()
    if found:
        return found
    apt_get = shutil.which("apt-get")
    if apt_get is None:
        pytest.skip("Chromium is not installed and apt-get is unavailable to install it (Debian package `chromium`)")
    prefix = [] if os.geteuid() == 0 else ["sudo", "-n"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in ([*prefix, apt_get, "update", "-qq"],
                    [*prefix, apt_get, "install", "-y", "-qq", "--no-install-recommends", *CHROMIUM_PACKAGES]):
        result = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=900)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    found = find_chromium()
    if found is None:
        raise RuntimeError("apt-get installed chromium but none of " + ", ".join(CHROMIUM_CANDIDATES) + " exists")
    return found


@pytest.fixture(scope="session")
def chromium() -> str:
    return ensure_chromium()
