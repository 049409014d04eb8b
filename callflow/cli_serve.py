"""`callflow serve`: wired into callflow/cli.py with add_commands() and run(); the work is in flows/serve.py."""

from __future__ import annotations

import argparse
from typing import Any

from callflow.workspace import Workspace


def add_commands(subparsers: Any) -> None:
    """Add `serve` to the `callflow` sub-commands (the object argparse's add_subparsers() returns)."""
    parser = subparsers.add_parser(
        "serve",
        help="create Prefect deployments from timeline.yaml and run them (needs `prefect server start`)",
        description="Create one Prefect deployment per milestone and stage of timeline.yaml, with time-zone-aware "
                    "schedules, and execute their runs until interrupted. Needs a Prefect server (PREFECT_API_URL); "
                    "exits with code 2 when none is reachable.",
    )
    add_arguments(parser)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `callflow serve` and `python -m flows.serve`; defined here so that building the
    `callflow` parser imports neither Prefect nor the registry."""
    parser.add_argument("--limit", type=int, default=None,
                        help="at most this many flow runs at the same time (default: no limit)")
    parser.add_argument("--work-pool", default=None,
                        help="register the deployments in this Prefect work pool for workers on other machines, "
                             "and exit instead of serving")
    parser.add_argument("--max-extension-days", type=int, default=0,
                        help="keep intake and the rebuttal check running this many days longer, for extended "
                             "rebuttal windows (default: 0)")


def run(ws: Workspace, args: argparse.Namespace) -> int:
    """0 after a clean stop (Ctrl-C), 2 when no Prefect server is reachable or the work pool is missing."""
    from flows.serve import run as serve

    return serve(ws, args)
