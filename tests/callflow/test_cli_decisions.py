from __future__ import annotations

import argparse
import json

import openpyxl
import pytest

from callflow.cli_decisions import add_commands, run
from callflow.workspace import Workspace
from tests.tasks.test_decisions import fresh_workspace, preload_config, seed_applications

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def loaded_config(tmp_path_factory):
    return preload_config(tmp_path_factory)


@pytest.fixture
def ws(tmp_path, loaded_config) -> Workspace:
    workspace = fresh_workspace(tmp_path, loaded_config)
    seed_applications(workspace, 3)
    return workspace


def cli(ws: Workspace, *argv: str) -> int:
    """`callflow decisions …` as callflow/cli.py runs it: its own subparser, then run(ws, args)."""
    parser = argparse.ArgumentParser(prog="callflow")
    add_commands(parser.add_subparsers(dest="command", required=True))
    return run(ws, parser.parse_args(list(argv)))


def test_cli_decisions_template_import_apply_list_as_the_coordinator(ws, capsys):
    assert cli(ws, "decisions", "template") == 0
    template = ws.exports / "beslissingen.xlsx"
    assert capsys.readouterr().out.splitlines()[0] == f"written: {template}"
    book = openpyxl.load_workbook(template)
    sheet = book["beslissingen"]
    sheet["D2"], sheet["E2"] = "goedgekeurd", "Sterk plan."
    sheet["D3"], sheet["E3"] = "afgewezen", "Buiten het werkingsgebied."
    book.save(template)

    assert cli(ws, "decisions", "import", str(template), "--now", "2023-07-03T10:00") == 0
    assert capsys.readouterr().out.splitlines()[0] == (
        "recorded 2 new and 0 changed decisions (0 unchanged, 1 without an outcome yet)")
    assert cli(ws, "decisions", "apply", "--now", "2023-07-13T09:00") == 0
    applied = capsys.readouterr().out.splitlines()
    assert applied[:2] == ["applied at 2023-07-13T09:00:00+02:00: 2 decision mails, 0 corrections",
                           "  still without a decision: HAS-2023-003"]

    assert cli(ws, "decisions", "list", "--format", "json", "--now", "2023-07-13T09:30") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["reference"], r["outcome"], r["decision_status"], r["mail_status"], r["closes_at"]) for r in listed] == [
        ("HAS-2023-001", "approved", "applied", "draft", None),
        ("HAS-2023-002", "rejected", "applied", "draft", None),
        ("HAS-2023-003", None, None, None, None),
    ]


def test_cli_decisions_import_with_bad_rows_exits_1_naming_row_and_column(ws, tmp_path, capsys):
    path = tmp_path / "beslissingen.csv"
    path.write_text("reference,outcome,motivation\nHAS-2023-001,misschien,Twijfel.\nHAS-2023-007,approved,Goed.\n")

    assert cli(ws, "decisions", "import", str(path)) == 1

    assert capsys.readouterr().err.splitlines() == [
        "  rij 2, kolom outcome: 'misschien' is geen beslissing; kies goedgekeurd, afgewezen of goedgekeurd onder "
        "voorwaarden (of approved, rejected, conditional) (row 2, column outcome: 'misschien' is not an outcome; "
        "use approved, rejected or conditional)",
        "  rij 3, kolom reference: onbekende referentie HAS-2023-007; zie callflow decisions list "
        "(row 3, column reference: unknown reference HAS-2023-007)",
        f"nothing imported: 2 problems in {path}; correct them and import again",
    ]
    assert cli(ws, "decisions", "list", "--format", "json") == 0
    assert [r["outcome"] for r in json.loads(capsys.readouterr().out)] == [None, None, None]


def test_cli_decisions_import_of_a_file_that_is_no_decisions_file_exits_2(ws, tmp_path, capsys):
    path = tmp_path / "scores.xlsx"
    path.write_bytes(b"not a spreadsheet")
    assert cli(ws, "decisions", "import", str(path)) == 2
    assert capsys.readouterr().err == f"callflow: {path}: not a readable xlsx file (BadZipFile)\n"
