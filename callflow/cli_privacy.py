"""Data protection and the audit log on the command line; callflow/cli.py wires them in.

    callflow purge --before DATE [--now T] [--dry-run]     anonymise a finished call's personal data
    callflow export person EMAIL                           everything stored about one person (JSON)
    callflow export audit [--format json|csv|xlsx] [--since T]   the audit log
    callflow export statistics                             the anonymous numbers, also after a purge

`purge` is a plug-in command (`add_commands`, `run`); the three exports are reached through `export(ws, args)`
from cli.py's `export` command. Exit codes as everywhere: 0 success, 1 the registry was purged but Prefect's
own records of the call could not be reached (run it again), 2 bad usage or a purge that is refused (too
early, call not finished).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from typing import Any

from callflow.prefect_api import PrefectApi, start_prefect_api
from callflow.runtime import registry_for, workspace_lock
from callflow.workspace import Workspace, parse_now

COMMANDS = ("purge",)
EXPORTS = ("audit", "person", "statistics")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_commands(subparsers: Any) -> None:
    purge = subparsers.add_parser(
        "purge", help="anonymise the personal data of a finished call after its retention period (privacy.retention_days)")
    purge.add_argument("--before", required=True,
                       help="ISO 8601 date or time: personal data recorded before it is removed or pseudonymised")
    purge.add_argument("--now", help="ISO 8601 time of the purge (default: the real clock)")
    purge.add_argument("--dry-run", action="store_true", help="say what would be removed; change nothing")


def run(ws: Workspace, args: argparse.Namespace) -> int:
    if args.command == "purge":
        return _purge(ws, args)
    raise ValueError(f"cli_privacy does not handle the command {args.command!r}")


def _purge(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks.privacy import PurgeRefused, purge

    before, now = parse_now(args.before, ws), parse_now(args.now, ws)
    api = start_prefect_api()  # for Prefect's own records of the call, below; it starts meanwhile
    try:
        with workspace_lock(ws):
            result = purge(ws, registry_for(ws), before, now, dry_run=args.dry_run)
    except PurgeRefused as exc:
        print(f"callflow: purge refused: {exc}", file=sys.stderr)
        return EXIT_USAGE
    rows = ", ".join(f"{table} {count}" for table, count in result.rows.items() if count) or "none"
    if result.dry_run:
        print(f"dry run: would anonymise rows ({rows}) and delete {len(result.files)} files; nothing was changed")
        for path in result.files:
            print(f"  would delete {path}")
    elif result.nothing_to_do:
        print(f"nothing to purge in the registry before {before.isoformat()}: it was purged already")
    else:
        print(f"purged personal data recorded before {before.isoformat()}: anonymised rows ({rows}), "
              f"deleted {len(result.files)} files, pseudonymised {result.audit_events} audit events")
        print("the anonymous statistics are kept: `callflow export statistics`")
    return _purge_prefect_history(ws, api, before, now, dry_run=args.dry_run)


def _purge_prefect_history(ws: Workspace, api: PrefectApi, before: datetime, now: datetime, *, dry_run: bool) -> int:
    """Also after a registry purge that found nothing: a run with the Prefect server down is repeated."""
    from flows.milestones import CALLFLOW_FLOWS
    from tasks import audit
    from tasks.prefect_history import purge_prefect_history

    try:
        with api.ready():
            removed = purge_prefect_history(ws.root, before, CALLFLOW_FLOWS, dry_run=dry_run)
    except Exception as exc:  # noqa: BLE001 - any API failure: the registry part stands, say how to finish
        print(f"callflow: Prefect's records of this call could not be purged ({type(exc).__name__}: {exc}); "
              "run the same purge again when the Prefect API is reachable", file=sys.stderr)
        return EXIT_PROBLEMS
    verb = "would delete" if dry_run else "deleted"
    print(f"Prefect: {verb} {len(removed.flow_runs)} flow runs of this workspace and {removed.artifacts} artifacts")
    if not dry_run and removed.flow_runs:
        with registry_for(ws).session() as session:
            audit.log(session, "purge-prefect-history", "call", ws.call.call.id,
                      {"before": before, "now": now, "flow_runs": len(removed.flow_runs), "artifacts": removed.artifacts})
    return EXIT_OK


def export(ws: Workspace, args: argparse.Namespace, write: Any) -> int:
    """`export audit|person|statistics`; `write(output, content)` is cli.py's writer (stdout or --output)."""
    from tasks import export as formats

    if args.what == "person":
        from tasks.privacy import export_person

        if not args.email:
            raise ValueError("export person needs the person's e-mail address: callflow export person EMAIL")
        if args.format != "json":
            raise ValueError("export person is available as --format json")
        write(args.output, json.dumps(export_person(ws, registry_for(ws), args.email), ensure_ascii=False, indent=2))
        return EXIT_OK
    if args.what == "statistics":
        from tasks.privacy import statistics_records

        if args.format != "json":
            raise ValueError("export statistics is available as --format json")
        with registry_for(ws).session() as session:
            write(args.output, json.dumps(statistics_records(session, ws.call.tz), ensure_ascii=False, indent=2))
        return EXIT_OK
    from tasks.audit import audit_records

    since = parse_now(args.since, ws) if args.since else None
    with registry_for(ws).session() as session:
        records = audit_records(session, ws.call.tz, since)
    if args.format == "json":
        write(args.output, formats.to_json(records))
        return EXIT_OK
    flat = [{**record, "details": json.dumps(record["details"], ensure_ascii=False, sort_keys=True)}
            for record in records]
    if args.format == "csv":
        write(args.output, formats.to_csv(flat))
    else:
        write(args.output, formats.to_xlsx(flat, "audit"))
    return EXIT_OK


def actor_name(args: argparse.Namespace) -> str:
    """The audit log's actor for a command: 'cli:outbox approve', 'cli:purge', 'cli:export person'."""
    parts = [args.command]
    for attribute in ("action", "pitch_action", "what"):
        value = getattr(args, attribute, None)
        if isinstance(value, str):
            parts.append(value)
    return "cli:" + " ".join(parts)
