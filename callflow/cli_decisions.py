"""`callflow decisions template|import|apply|list`: record the decisions and apply them.

Wired into callflow/cli.py with `add_commands(subparsers)` and, for args.command == "decisions",
`run(ws, args)`. Exit codes as everywhere: 0 success, 1 problems reported (rows with errors, a blocked
application, a failed send), 2 a file that cannot be read as a decisions file.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from callflow.runtime import registry_for, workspace_lock
from callflow.workspace import Workspace, parse_now

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_commands(subparsers: Any) -> None:
    """Add the `decisions` command to the CLI's subparsers (argparse's _SubParsersAction)."""
    decisions = subparsers.add_parser("decisions", help="record decisions and apply them (decision mails)")
    actions = decisions.add_subparsers(dest="action", required=True)
    template = actions.add_parser("template", help="write an xlsx listing every application, to fill in")
    template.add_argument("--output", "-o", help="file to write (default: exports/beslissingen.xlsx)")
    importing = actions.add_parser("import", help="read decisions from an xlsx or csv file (reference,outcome,motivation)")
    importing.add_argument("file")
    importing.add_argument("--now", help="ISO 8601 time the decisions are recorded at")
    applying = actions.add_parser("apply", help="apply the pending decisions: queue one decision mail per application")
    applying.add_argument("--now", help="ISO 8601 time of applying")
    listing = actions.add_parser("list", help="every application with its decision, mail and rebuttal window")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    listing.add_argument("--now", help="ISO 8601 time the windows are judged at")


def run(ws: Workspace, args: argparse.Namespace) -> int:
    handler = {"template": _template, "import": _import, "apply": _apply, "list": _list}[args.action]
    return handler(ws, args)


def _template(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks.decisions import template_xlsx

    with registry_for(ws).session() as session:
        data = template_xlsx(session)
    target = Path(args.output) if args.output else ws.exports / "beslissingen.xlsx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"written: {target}")
    print(f"fill in outcome and motivation, then: callflow decisions import {target}")
    return EXIT_OK


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks.decisions import DecisionFileError, import_file

    now = parse_now(args.now, ws)
    try:
        with workspace_lock(ws), registry_for(ws).session() as session:
            validated, recorded = import_file(ws, session, Path(args.file), now)
    except DecisionFileError as exc:
        print(f"callflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if recorded is None:
        for error in validated.errors:
            print(f"  {error}", file=sys.stderr)
        print(f"nothing imported: {len(validated.errors)} problems in {args.file}; correct them and import again",
              file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"recorded {len(recorded.new)} new and {len(recorded.changed)} changed decisions "
          f"({len(recorded.unchanged)} unchanged, {len(validated.undecided)} without an outcome yet)")
    for reference in recorded.withdrawn:
        print(f"  {reference}: the pending change is withdrawn; the applied decision stands")
    print("they take effect with `callflow decisions apply`")
    return EXIT_OK


def _apply(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks.decisions import apply_decisions
    from tasks.outbox import deliver_for_workspace

    now = parse_now(args.now, ws)
    registry = registry_for(ws)
    with workspace_lock(ws):
        report = apply_decisions(ws, registry, now)
        delivered = deliver_for_workspace(ws, registry, now) if report.approved else None
    print(f"applied at {now.isoformat()}: {len(report.queued)} decision mails, {len(report.corrections)} corrections")
    for key in report.superseded:
        print(f"  replaced the unsent draft {key}")
    for reference, reason in report.blocked.items():
        print(f"  NOT applied {reference}: {reason}", file=sys.stderr)
    if report.missing:
        print(f"  still without a decision: {', '.join(report.missing)}")
    if delivered is not None:
        print(f"  sent {len(delivered.sent)} decision mails (decisions.auto_send)")
    elif report.queued or report.corrections:
        print("  the mails wait for approval: `callflow outbox list`, `callflow outbox approve --kind decision`, "
              "`callflow outbox send` (the rebuttal deadline in each mail is set when it is sent)")
    failed = bool(report.blocked) or bool(delivered and not delivered.ok)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _list(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks.rebuttals import overview_rows

    with registry_for(ws).session() as session:
        rows = overview_rows(ws, session, parse_now(args.now, ws))
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=lambda value: _iso(value, ws)))
        return EXIT_OK
    for row in rows:
        decision = row["outcome"] or "-"
        if row["decision_status"] == "pending":
            decision += " (pending)"
        closes = row["closes_at"].astimezone(ws.call.tz).strftime("%Y-%m-%d %H:%M") if row["closes_at"] else "-"
        print(f"{row['reference']:<13} {decision:<22} {row['mail_status'] or '-':<10} {closes:<17} "
              f"on time {len(row['on_time'])} late {len(row['late'])}  {row['organisation'] or ''}")
    print(f"{len(rows)} applications")
    return EXIT_OK


def _iso(value: Any, ws: Workspace) -> str:
    return value.astimezone(ws.call.tz).isoformat() if isinstance(value, datetime) else str(value)
