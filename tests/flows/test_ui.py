"""The Prefect UI of the served workspace in headless Chromium: the deployments page lists every callflow
deployment, and a milestone's page shows its description. A screenshot is kept under test-output/."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from callflow.workspace import Workspace
from tasks.schedule import DeploymentSpec, deployment_specs
from tests.conftest import REPO_ROOT
from tests.flows.conftest import ServedWorkspace, wait_for_deployments

pytestmark = pytest.mark.integration

OUTPUT = REPO_ROOT / "test-output"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHROMIUM_TIMEOUT = 120


def run_chromium(binary: str, profile: Path, url: str, *action: str) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with the flags the UI needs (DESIGN.md): the virtual time budget lets the single-page
    app fetch from the API and render before the DOM is dumped or the screenshot taken. A fresh profile
    directory per call keeps runs independent."""
    return subprocess.run(
        [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=8000", "--window-size=1400,900", *action, url],
        capture_output=True, text=True, timeout=CHROMIUM_TIMEOUT, check=True,
    )


def visible_text(dom: str) -> str:
    """The rendered page's text, whitespace collapsed (scripts and styles dropped)."""
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", dom)).split())


def named(text: str, names: set[str]) -> list[str]:
    """The names that appear in the text as whole kebab-case words (`decisions` is not in `decision-warning`)."""
    return sorted(name for name in names if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text))


def served_deployments(served: ServedWorkspace) -> tuple[list[DeploymentSpec], dict]:
    specs = deployment_specs(Workspace(served.root, environ={}).timeline)
    return specs, wait_for_deployments(served, {spec.full_name for spec in specs})


def test_ui_deployments_page_lists_every_callflow_deployment(served_workspace, chromium, tmp_path):
    specs, _ = served_deployments(served_workspace)
    names = {spec.name for spec in specs}
    url = f"{served_workspace.server.ui_url}/deployments"
    OUTPUT.mkdir(exist_ok=True)
    screenshot = OUTPUT / "ui-deployments.png"
    screenshot.unlink(missing_ok=True)

    dom = run_chromium(chromium, tmp_path / "profile-dom", url, "--dump-dom").stdout
    run_chromium(chromium, tmp_path / "profile-shot", url, f"--screenshot={screenshot}")
    print(f"\nUI screenshot: {screenshot}")

    assert named(visible_text(dom), names) == sorted(names)
    assert screenshot.read_bytes()[:8] == PNG_SIGNATURE


def test_ui_milestone_deployment_shows_description_parameters_and_their_docs(served_workspace, chromium, tmp_path):
    specs, found = served_deployments(served_workspace)
    spec = next(s for s in specs if s.name == "review-packets")
    page = f"{served_workspace.server.ui_url}/deployments/deployment/{found[spec.full_name].id}"

    # The page opens on its Runs tab (the tab query parameter selects another); the custom-run form is
    # where the coordinator triggers a step by hand, with each parameter's description from the docstring.
    description = visible_text(run_chromium(chromium, tmp_path / "p1", f"{page}?tab=Description", "--dump-dom").stdout)
    parameters = visible_text(run_chromium(chromium, tmp_path / "p2", f"{page}?tab=Parameters", "--dump-dom").stdout)
    run_form = visible_text(run_chromium(chromium, tmp_path / "p3", f"{page}/run", "--dump-dom").stdout)

    assert spec.description in description, description
    assert f"milestone review-packets string now workspace {served_workspace.root} force false boolean" in parameters, \
        parameters
    assert [phrase in run_form for phrase in (
        "Id of a milestone in config/timeline.yaml", "Time of the run (ISO 8601", "Workspace folder of the call",
        "Run even when the ledger says the milestone already ran",
    )] == [True, True, True, True], run_form
