from __future__ import annotations

import json

import pytest

from callflow.cli import main
from tests.factories.mails import MailSpec, write_mail
from tests.tasks.test_intake import application_mail

pytestmark = pytest.mark.integration


def test_cli_init_ingest_export_as_a_new_user(tmp_path, capsys, prefect_harness):
    root = tmp_path / "ws"
    assert main(["init", str(root)]) == 0
    write_mail(root / "inbox", "kandidatuur.eml", application_mail())
    write_mail(root / "inbox", "vraag.eml", MailSpec(sender="x@y.be", subject="Vraag", body="Mag dit ook in Hasselt?"))
    capsys.readouterr()

    assert main(["--workspace", str(root), "ingest", "--now", "2023-06-02T09:00"]) == 0
    summary = capsys.readouterr().out
    assert "intake at 2023-06-02T09:00:00+02:00: 2 new files" in summary

    assert main(["--workspace", str(root), "export", "messages", "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [(m["file"], m["kind"], m["application"]) for m in exported] == [
        ("kandidatuur.eml", "application", "HAS-2023-001"), ("vraag.eml", "question", None)]
    assert set(exported[0]) >= {
        "file", "sha256", "message_id", "kind", "received_at", "received_at_source", "on_time", "sender",
        "organisation", "title", "application", "version", "supersedes", "superseded_by", "duplicate_of",
        "rebuttal_of", "problems", "attachments", "service_types", "challenges", "personas", "municipalities",
        "missing_sections", "exclusions", "complete"}

    assert main(["--workspace", str(root), "export", "applications", "--format", "xlsx",
                 "--output", str(tmp_path / "a.xlsx")]) == 0
    import openpyxl

    sheet = openpyxl.load_workbook(tmp_path / "a.xlsx").active
    assert [cell.value for cell in sheet[2]][:2] == ["HAS-2023-001", "vzw De Brug"]

    assert main(["--workspace", str(root), "outbox", "list", "--format", "json"]) == 0
    mails = json.loads(capsys.readouterr().out)
    assert [(m["kind"], m["application"], m["status"]) for m in mails] == [("acknowledgement", "HAS-2023-001", "sent")]


def test_cli_bad_config_exits_2_with_file_and_key(tmp_path, capsys):
    root = tmp_path / "ws"
    main(["init", str(root)])
    call = root / "config" / "call.yaml"
    call.write_text(call.read_text().replace("transport: outbox", "transport: pigeon"))
    assert main(["--workspace", str(root), "export", "messages"]) == 2
    error = capsys.readouterr().err
    assert f"{call}: invalid configuration" in error
    assert "mail.transport" in error


def test_cli_not_a_workspace_exits_2(tmp_path, capsys):
    assert main(["--workspace", str(tmp_path), "ingest"]) == 2
    assert "not a callflow workspace" in capsys.readouterr().err


def test_cli_init_refuses_to_overwrite(tmp_path, capsys):
    assert main(["init", str(tmp_path / "ws")]) == 0
    assert main(["init", str(tmp_path / "ws")]) == 2
    assert "--force" in capsys.readouterr().err
