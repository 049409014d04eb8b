"""The `callflow` executable's first step: which commands get a Prefect server before anything else."""

from __future__ import annotations

import pytest

from callflow.launcher import FLOW_COMMANDS, command_of

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(("argv", "command"), [
    (["ingest", "--now", "2023-06-02T09:00"], "ingest"),
    (["--workspace", "/srv/call", "run-due"], "run-due"),
    (["-w", "ingest", "export", "messages"], "export"),  # a workspace folder that happens to be called ingest
    (["--workspace=/srv/call", "purge", "--before", "2024-08-01"], "purge"),
    (["--help"], None),
    ([], None),
])
def test_command_of_skips_global_options(argv, command):
    assert command_of(argv) == command


def test_flow_commands_are_commands_of_the_parser():
    from callflow.cli import _parser

    commands = _parser()._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no public accessor
    assert FLOW_COMMANDS <= set(commands)
