from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from callflow.workspace import Workspace, init_workspace
from flows.intake import intake
from tasks import intake as stages
from tasks.registry import Message, Registry
from tests.factories.documents import make_pdf
from tests.factories.mails import MailSpec, brussels, pdf_attachment, write_mail
from tests.tasks.test_intake import application_mail, records, sent_mails, write_backlog

pytestmark = pytest.mark.integration


def test_intake_flow_runs_end_to_end_and_second_run_does_nothing(workspace, prefect_harness):
    write_mail(workspace.inbox, "001.eml", application_mail())
    write_mail(workspace.inbox, "002.eml", MailSpec(sender="vraag@kansen.be", subject="Vraag", body="Mag dit?"))

    first = intake(now=brussels(2023, 5, 21, 9, 0), workspace=str(workspace.root))
    second = intake(now=brussels(2023, 5, 21, 9, 10), workspace=str(workspace.root))

    assert first["concluded"]["kinds"] == {"application": 1, "question": 1}
    assert first["concluded"]["queue"] == ["002.eml"]
    assert len(first["delivered"]["sent"]) == 1
    assert (second["taken"]["new"], second["extracted"], second["concluded"]["processed"], second["delivered"]["sent"]) == (
        [], [], [], [])
    assert len(sent_mails(workspace)) == 1
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=["intake-applications", "intake-summary"])))
    table = next(a for a in artifacts if a.key == "intake-applications")
    assert "HAS-2023-001" in str(table.data)
    assert any(a.key == "intake-summary" and "applications with a new version: HAS-2023-001" in a.data for a in artifacts)


def test_intake_flow_analyses_a_backlog_on_workers_and_acknowledges_every_application(workspace, prefect_harness):
    write_backlog(workspace)

    result = intake(now=brussels(2023, 5, 21, 9, 0), workspace=str(workspace.root))

    assert result["concluded"]["kinds"] == {"application": stages.ANALYSE_AHEAD_FROM}
    assert len(result["delivered"]["sent"]) == stages.ANALYSE_AHEAD_FROM
    analyser = stages.analyser_for(workspace)
    with Registry(workspace.database_url).session() as session:
        rows = list(session.scalars(select(Message)))
        assert len(rows) == stages.ANALYSE_AHEAD_FROM
        for row in rows:
            assert row.analysis == analyser([(stages.BODY_DOCUMENT, [row.body_text], True)])


def _processed(database: Path) -> int:
    if not database.exists():
        return 0
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT count(*) FROM messages WHERE status = 'processed'")).scalar() or 0
    except Exception:  # noqa: BLE001 - the table may not exist yet
        return 0
    finally:
        engine.dispose()


def _ingest(root: Path) -> subprocess.Popen:
    environment = {**os.environ, "CALLFLOW_WORKSPACE": str(root)}
    return subprocess.Popen(
        [sys.executable, "-m", "callflow.cli", "ingest", "--now", "2023-06-02T09:00"],
        env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def test_intake_killed_part_way_then_rerun_records_everything_once(tmp_path):
    root = init_workspace(tmp_path / "ws")
    ws = Workspace(root, environ={})
    total = 40
    for number in range(total):
        write_mail(ws.inbox, f"{number:03d}.eml", MailSpec(
            sender=f"contact@organisatie{number}.be",
            body=f"Beste,\n\nIn bijlage onze kandidatuur.\n\nMet vriendelijke groeten,\nvzw Kern {chr(65 + number // 26)}{chr(97 + number % 26)}",
            received_at=brussels(2023, 5, 1 + number % 28, 10, number % 60),
            attachments=[pdf_attachment(f"voorstel-{number}.pdf", make_pdf([f"Voorstel {number}", "Aanpak en planning"]))],
        ))
    database = ws.state / "callflow.sqlite"

    victim = _ingest(root)
    deadline = time.monotonic() + 120
    while _processed(database) < 3 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert victim.poll() is None, "intake finished before it could be killed; raise the number of mails"
    victim.send_signal(signal.SIGKILL)
    victim.wait()
    killed_at = _processed(database)
    assert 0 < killed_at < total

    rerun = _ingest(root)
    _out, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err.decode()[-2000:]

    result = records(ws)
    assert sorted(result) == [f"{n:03d}.eml" for n in range(total)]
    assert sorted(r["application"] for r in result.values()) == [f"HAS-2023-{n:03d}" for n in range(1, total + 1)]
    acknowledged = [m["Subject"].split(" –")[0] for m in sent_mails(ws)]
    assert sorted(acknowledged) == sorted(f"Ontvangstbevestiging HAS-2023-{n:03d}" for n in range(1, total + 1))
