"""Commands of the written review and the pitch days; callflow/cli.py wires them in.

    callflow assignments [--format json|table]        who reviews what ({reviewer, application} pairs)
    callflow pitches list [--format json|table]       the pitch schedule
    callflow pitches reschedule REF --to T [--now T]  move one applicant to another free slot

Wiring in cli.py: call `add_commands(commands)` in `_parser()`, and send every command in `COMMANDS` to
`run(ws, args)`. `assignment_pairs(ws)` gives the records for `export assignments` (json/csv/xlsx).
Exit codes as everywhere: 0 success, 1 finished with problems it reported, 2 bad usage or config.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from callflow.runtime import registry_for
from callflow.workspace import Workspace, parse_now

COMMANDS = ("assignments", "pitches")
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def add_commands(subparsers: Any) -> None:
    """Add the review commands to the `callflow` parser's subparsers."""
    assignments = subparsers.add_parser(
        "assignments", help="who reviews what (a preview until the review milestone has run)")
    assignments.add_argument("--format", choices=["json", "table"], default="table")

    pitches = subparsers.add_parser("pitches", help="the pitch schedule")
    actions = pitches.add_subparsers(dest="pitch_action", required=True)
    listing = actions.add_parser("list", help="every scheduled pitch")
    listing.add_argument("--format", choices=["json", "table"], default="table")
    move = actions.add_parser("reschedule", help="move one applicant to another free slot; only they are re-invited")
    move.add_argument("reference", help="application reference, e.g. HAS-2023-004")
    move.add_argument("--to", required=True, help="ISO 8601 start of the new slot, e.g. 2023-06-21T09:35")
    move.add_argument("--now", help="ISO 8601 time of the change")


def run(ws: Workspace, args: argparse.Namespace) -> int:
    if args.command == "assignments":
        return _assignments(ws, args)
    if args.command == "pitches":
        return _pitches(ws, args)
    raise ValueError(f"cli_review does not handle the command {args.command!r}")


def assignment_pairs(ws: Workspace) -> list[dict[str, str]]:
    """`export assignments`: [{reviewer, application}], stored, or a preview before the review milestone.
    Plain records, so cli.py's to_json / to_csv / to_xlsx apply as for the other exports."""
    from tasks.review import assignment_records

    pairs, _shortfalls, _stored = assignment_records(ws, registry_for(ws))
    return pairs


def assignment_records_json(ws: Workspace) -> str:
    """`export assignments --format json`."""
    return json.dumps(assignment_pairs(ws), ensure_ascii=False, indent=2)


def _assignments(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks.review import assignment_records

    pairs, shortfalls, stored = assignment_records(ws, registry_for(ws))
    if args.format == "json":
        print(json.dumps(pairs, ensure_ascii=False, indent=2))
    else:
        names = {reviewer.email: reviewer.name for reviewer in ws.reviewers.reviewers}
        for pair in pairs:
            print(f"{pair['application']:<14} {names.get(pair['reviewer'], '?'):<24} {pair['reviewer']}")
        load: dict[str, int] = {}
        for pair in pairs:
            load[pair["reviewer"]] = load.get(pair["reviewer"], 0) + 1
        print(f"{len(pairs)} pairs ({'stored' if stored else 'preview: the review milestone has not run yet'}); "
              "load: " + ", ".join(f"{names.get(email, email)} {count}" for email, count in sorted(load.items())))
    for line in shortfalls:
        print(f"  problem: {line}", file=sys.stderr)
    return EXIT_PROBLEMS if shortfalls else EXIT_OK


def _pitches(ws: Workspace, args: argparse.Namespace) -> int:
    if args.pitch_action == "list":
        return _pitch_list(ws, args)
    from tasks.pitches import ScheduleError
    from tasks.review import reschedule_pitch

    start = parse_now(args.to, ws)
    try:
        result = reschedule_pitch(ws, registry_for(ws), args.reference, start, parse_now(args.now, ws))
    except ScheduleError as exc:
        print(f"callflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if not result["moved"]:
        print(f"{args.reference.upper()} already has the slot at {start.isoformat()}; nothing to do")
        return EXIT_OK
    print(f"{args.reference.upper()}: {result['from']} → {result['to']}")
    for key in result["invitations"] + result["jury"]:
        print(f"  queued {key}; send with `callflow outbox approve --key {key}` and `callflow outbox send`")
    return EXIT_OK


def _pitch_list(ws: Workspace, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from tasks.registry import PitchSlot

    with registry_for(ws).session() as session:
        rows = [
            {"application": row.application_reference, "start": row.starts_at.astimezone(ws.call.tz).isoformat(),
             "end": row.ends_at.astimezone(ws.call.tz).isoformat(), "location": row.location,
             "uid": row.uid, "sequence": row.sequence}
            for row in session.scalars(select(PitchSlot).order_by(PitchSlot.starts_at))
        ]
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['start'][:16].replace('T', ' ')}–{row['end'][11:16]}  {row['application']:<14} "
                  f"{row['location']}" + (f"  (gewijzigd {row['sequence']}x)" if row["sequence"] else ""))
        print(f"{len(rows)} pitches")
    return EXIT_OK
