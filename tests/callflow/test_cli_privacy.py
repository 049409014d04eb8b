"""`callflow purge`, `callflow export person|audit|statistics`, and the CLI as the audit log's actor."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import openpyxl
import pytest

from callflow.cli import main
from tests.factories.mails import write_mail
from tests.tasks.test_intake import application_mail
from tests.tasks.test_privacy import PERSONAL, build_finished_call, dump, files

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built_call(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_finished_call(tmp_path_factory.mktemp("call") / "ws").root


@pytest.fixture
def root(built_call: Path, tmp_path: Path) -> Path:
    # a name no earlier run used: the temporary Prefect server keeps its runs in the machine's one Prefect database,
    # where an earlier test run's workspace at the same tmp path would otherwise count as this one's
    return Path(shutil.copytree(built_call, tmp_path / f"ws-{uuid.uuid4().hex[:12]}"))


def cli(root: Path, *args: str) -> int:
    return main(["--workspace", str(root), *args])


def test_cli_purge_within_retention_exits_2_and_says_until_when(root, capsys):
    assert cli(root, "purge", "--before", "2023-09-01", "--now", "2023-09-02T10:00") == 2

    assert capsys.readouterr().err == (
        "callflow: purge refused: the retention period has not passed: personal data is kept for "
        "privacy.retention_days=365 days after the call ended (2023-07-29T23:59:00+02:00), so until "
        "2024-07-28T23:59:00+02:00; purge with --before 2024-07-28 or later\n")


def test_cli_purge_retention_days_from_call_yaml(root, capsys):
    call_yaml = root / "config" / "call.yaml"
    call_yaml.write_text(call_yaml.read_text().replace("retention_days: 365", "retention_days: 30"))

    assert cli(root, "purge", "--before", "2023-08-29", "--now", "2023-09-02T10:00", "--dry-run") == 0

    assert capsys.readouterr().out.startswith(
        "dry run: would anonymise rows (applications 2, messages 4, attachments 2, mails 6, decisions 2, "
        "review_assignments 1) and delete 20 files; nothing was changed\n")


def test_cli_purge_dry_run_then_purge_then_statistics(root, capsys):
    before_files = files(root_ws(root))

    assert cli(root, "purge", "--before", "2024-08-01", "--now", "2024-09-01T09:00", "--dry-run") == 0
    assert files(root_ws(root)) == before_files
    capsys.readouterr()

    assert cli(root, "purge", "--before", "2024-08-01", "--now", "2024-09-01T09:00") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[1] == "the anonymous statistics are kept: `callflow export statistics`"
    assert out.startswith("purged personal data recorded before 2024-08-01T00:00:00+02:00: anonymised rows "
                          "(applications 2, messages 4, attachments 2, mails 6, decisions 2, review_assignments 1), "
                          "deleted 20 files, pseudonymised ")
    assert (files(root_ws(root)), [value for value in PERSONAL if value.lower() in dump(root_ws(root)).lower()]) == (
        [], [])

    assert cli(root, "export", "statistics") == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(p["actor"], p["before"], p["statistics"]["decisions_per_outcome"]) for p in shown["purges"]] == [
        ("cli:purge", "2024-08-01T00:00:00+02:00", {"approved": 1, "rejected": 1})]

    assert cli(root, "purge", "--before", "2024-08-01", "--now", "2024-09-02T09:00") == 0
    assert capsys.readouterr().out.splitlines() == [
        "nothing to purge in the registry before 2024-08-01T00:00:00+02:00: it was purged already",
        "Prefect: deleted 0 flow runs of this workspace and 0 artifacts"]


def _prefect_records(api_url: str, root: Path) -> tuple[list[str], int, str]:
    """The `now` of each Prefect flow run of this workspace, the number of artifacts they published, and
    their stored log lines."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        LogFilter,
        LogFilterFlowRunId,
    )
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        runs = [run for run in client.read_flow_runs(limit=200, sort="START_TIME_DESC") if run.parameters.get("workspace") == str(root)]
        ids = [run.id for run in runs]
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=ids)))
        logs = client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=ids)))
    return sorted(str(run.parameters["now"])[:10] for run in runs), len(artifacts), "\n".join(log.message for log in logs)


def test_cli_purge_deletes_the_workspace_prefect_runs_and_artifacts_before_the_date(root):
    """As an operator runs it: `callflow` processes against one Prefect server, its logs kept at INFO."""
    from callflow.prefect_api import TemporaryPrefectServer

    server = TemporaryPrefectServer()
    server.start()
    environment = {**os.environ, "PREFECT_API_URL": server.api_url, "PREFECT_LOGGING_LEVEL": "INFO"}

    def callflow(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "callflow", "--workspace", str(root), *args],
                              env=environment, cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)

    try:
        server.wait_ready()
        ws = root_ws(root)
        write_mail(ws.inbox, "na-de-oproep-1.eml", application_mail(sender="Lotte Maes <lotte@vzwhorizon.be>"))
        first = callflow("ingest", "--now", "2024-08-15T10:00")
        assert first.returncode in (0, 1), first.stderr[-3000:]
        write_mail(ws.inbox, "na-de-oproep-2.eml", application_mail(sender="Tom Claes <tom@vzwhorizon.be>"))
        assert callflow("ingest", "--now", "2024-09-05T10:00").returncode in (0, 1)
        runs, artifacts, logs = _prefect_records(server.api_url, root)
        assert runs == ["2024-08-15", "2024-09-05"] and artifacts >= 2
        # Prefect's API cannot delete log lines, so the lines it stores must not name anyone.
        assert "intake at 2024-08-15T10:00:00+02:00" in logs
        assert [word for word in ("Lotte", "Maes", "Tom Claes", "vzwhorizon") if word in logs] == []

        dry = callflow("purge", "--before", "2024-09-01", "--now", "2024-09-10T09:00", "--dry-run")
        assert "Prefect: would delete 1 flow runs of this workspace and " in dry.stdout, dry.stderr
        assert _prefect_records(server.api_url, root)[0] == ["2024-08-15", "2024-09-05"]

        purged = callflow("purge", "--before", "2024-09-01", "--now", "2024-09-10T09:00")
        assert purged.returncode == 0, purged.stderr
        assert "Prefect: deleted 1 flow runs of this workspace and " in purged.stdout
        runs_after, artifacts_after, _ = _prefect_records(server.api_url, root)
        assert runs_after == ["2024-09-05"]  # the run after the purge date stays, with its artifacts
        assert 0 < artifacts_after < artifacts
        audit = json.loads(callflow("export", "audit", "--format", "json").stdout)
        assert any(event["action"] == "purge-prefect-history" for event in audit)
    finally:
        server.stop()


def test_cli_export_person_prints_json_and_is_audited(root, capsys):
    assert cli(root, "export", "person", "an.peeters@vzwdebrug.be") == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["person"], [m["file"] for m in found["messages"]], [a["reference"] for a in found["applications"]],
            [m["kind"] for m in found["mails"]]) == (
        "an.peeters@vzwdebrug.be", ["001.eml"], ["HAS-2023-001"], ["acknowledgement", "decision"])

    assert cli(root, "export", "audit", "--format", "json") == 0
    logged = json.loads(capsys.readouterr().out)
    assert [(e["actor"], e["action"], e["entity"], e["entity_id"]) for e in logged if e["entity"] == "person"] == [
        ("cli:export person", "export-person", "person", "an.peeters@vzwdebrug.be")]


def test_cli_export_person_without_address_exits_2(root, capsys):
    assert cli(root, "export", "person") == 2
    assert capsys.readouterr().err == (
        "callflow: export person needs the person's e-mail address: callflow export person EMAIL\n")


def test_cli_outbox_approve_is_logged_with_its_command_as_actor(root, capsys):
    assert cli(root, "decisions", "import", str(_decision_file(root)), "--now", "2023-07-14T09:00") == 0
    assert cli(root, "decisions", "apply", "--now", "2023-07-14T10:00") == 0
    assert cli(root, "outbox", "approve", "--kind", "decision", "--now", "2023-07-14T11:00") == 0
    capsys.readouterr()

    assert cli(root, "export", "audit", "--format", "csv", "--since", "2023-01-01") == 0

    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    approvals = [(row["actor"], row["entity"], json.loads(row["details"])["status"]) for row in rows
                 if row["action"] == "update" and "approved" in row["details"] and "status" in row["details"]
                 and row["actor"].startswith("cli:")]
    assert approvals == [("cli:outbox approve", "mails", ["draft", "approved"])]
    assert {row["actor"] for row in rows} >= {"intake", "coordinator", "cli:decisions import", "cli:decisions apply"}


def test_cli_export_audit_xlsx_and_since_in_the_future(root, tmp_path, capsys):
    assert cli(root, "export", "audit", "--format", "xlsx", "--output", str(tmp_path / "audit.xlsx")) == 0
    sheet = openpyxl.load_workbook(tmp_path / "audit.xlsx").active
    assert [cell.value for cell in sheet[1]] == ["id", "at", "actor", "action", "entity", "entity_id", "details"]
    assert (sheet[2][2].value, sheet[2][3].value, sheet[2][4].value) == ("intake", "insert", "messages")

    assert cli(root, "export", "audit", "--since", "2999-01-01") == 0
    assert json.loads(capsys.readouterr().out) == []


def root_ws(root: Path):  # noqa: ANN201 - a Workspace
    from callflow.workspace import Workspace

    return Workspace(root, environ={})


def _decision_file(root: Path) -> Path:
    """A changed decision for HAS-2023-002 (a correction after the sent one), as the coordinator imports it."""
    path = root / "exports" / "beslissingen.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("reference,outcome,motivation\nHAS-2023-002,approved,Toch goedgekeurd na het weerwoord.\n",
                    encoding="utf-8")
    return path
