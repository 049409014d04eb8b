"""The `callflow` executable (and `python -m callflow`).

A command that runs flows needs a Prefect API, and starting one is most of its fixed cost; so this module,
which imports almost nothing, starts it before anything else (see callflow/prefect_api.py), and the
command's own imports overlap with it. Everything else is callflow/cli.py.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence

# Commands that run Prefect flows. Every other command (export, outbox, queue, …) never starts Prefect.
FLOW_COMMANDS = frozenset({"ingest", "run-due", "demo", "purge"})
OPTIONS_WITH_VALUE = frozenset({"--workspace", "-w"})


def command_of(argv: Sequence[str]) -> str | None:
    """The subcommand, as callflow/cli.py's parser will see it: the first word that is not a global option."""
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return None
        if word in OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def console_main(argv: Sequence[str] | None = None) -> int:
    """Run one command, then exit quickly.

    The interpreter's last garbage collection walks every object that Prefect and pandas created (about
    0.6 s here). Everything that must reach the disk is written and closed by then, and the process ends
    right after, so those objects are frozen out of that walk; exit handlers (stopping the temporary
    Prefect server, the extraction workers) still run.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if command_of(argv) in FLOW_COMMANDS and not {"-h", "--help"} & set(argv):
        from callflow.prefect_api import start_prefect_api

        start_prefect_api()
    from callflow.cli import main

    code = main(argv)
    gc.freeze()
    return code
