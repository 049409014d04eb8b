"""The `callflow` command. Exit codes: 0 success, 1 a run that finished with problems it reported,
2 bad usage or configuration."""

from __future__ import annotations

import argparse
import errno
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from callflow import cli_decisions, cli_privacy, cli_review, cli_serve
from callflow.config import ConfigError
from callflow.prefect_api import configure_prefect, start_prefect_api
from callflow.runtime import registry_for
from callflow.workspace import Workspace, init_workspace, parse_now, resolve_workspace

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
OUTBOX_FOLDERS = {"sent": "sent", "superseded": "superseded"}
PLUGINS = (cli_review, cli_decisions, cli_serve, cli_privacy)  # commands defined next to the flows they drive


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callflow", description="Run a public call for proposals end to end.")
    parser.add_argument("--workspace", "-w", help="workspace folder (default: $CALLFLOW_WORKSPACE or the current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    init = commands.add_parser("init", help="write a complete workspace with the default configuration")
    init.add_argument("directory")
    init.add_argument("--force", action="store_true", help="overwrite existing config files")

    ingest = commands.add_parser("ingest", help="take in new mail from inbox/ (the intake flow)")
    ingest.add_argument("--now", help="ISO 8601 time of the run (default: the real clock)")

    run_due = commands.add_parser("run-due", help="run every milestone that is due and has not run yet (intake first)")
    run_due.add_argument("--now", help="ISO 8601 time of the run (default: the real clock)")

    export = commands.add_parser("export", help="export what the pipeline concluded")
    export.add_argument("what", choices=["messages", "applications", "assignments", *cli_privacy.EXPORTS])
    export.add_argument("email", nargs="?", help="export person: the person's e-mail address")
    export.add_argument("--since", help="export audit: only events from this ISO 8601 time on")
    export.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
    export.add_argument("--output", "-o", help="file to write (default: standard output; required for xlsx)")

    outbox = commands.add_parser("outbox", help="the outgoing mail ledger")
    actions = outbox.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="every outgoing mail and its status")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    listing.add_argument("--status", help="only mails with this status")
    approve = actions.add_parser("approve", help="approve drafts for sending")
    approve.add_argument("--kind", action="append", default=[], help="approve every draft of this kind")
    approve.add_argument("--key", action="append", default=[], help="approve this mail")
    approve.add_argument("--all", action="store_true", help="approve every draft")
    approve.add_argument("--now", help="ISO 8601 time of the approval")
    send = actions.add_parser("send", help="send every approved mail")
    send.add_argument("--now", help="ISO 8601 send time (it opens the rebuttal window of a decision)")
    confirm = actions.add_parser("confirm", help="settle a mail that a crash left in 'sending'")
    confirm.add_argument("key")
    outcome = confirm.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--sent", action="store_true", help="it did arrive: mark it sent")
    outcome.add_argument("--not-sent", action="store_true", help="it did not arrive: send it again")
    confirm.add_argument("--now", help="ISO 8601 time")
    actions.add_parser("retry", help="put failed mails back in the queue")

    queue = commands.add_parser("queue", help="received mail that needs the coordinator (questions, unreadable, …)")
    queue.add_argument("--format", choices=["table", "json"], default="table")

    demo = commands.add_parser("demo", help="replay a full sample call in a fresh workspace and say where to look")
    demo.add_argument("directory", nargs="?", default="demo-workspace", help="where to make the demo workspace")
    demo.add_argument("--applications", type=int, default=24, help="number of sample applications")
    demo.add_argument("--seed", type=int, default=2023)

    for module in PLUGINS:
        before = set(commands.choices)
        module.add_commands(commands)
        for name in set(commands.choices) - before:
            commands.choices[name].set_defaults(plugin=module)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad usage, 0 on --help
        return int(exc.code or 0)
    try:
        return _run(args)
    except (ConfigError, UsageError, ValueError) as exc:
        print(f"callflow: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        problem = _storage_problem(args, exc)
        if problem is None:
            raise
        print(f"callflow: {problem}", file=sys.stderr)
        return EXIT_PROBLEMS


def _storage_problem(args: argparse.Namespace, exc: Exception) -> str | None:
    """A full or read-only disk, as one line that names the file; None for anything else. Nothing is lost:
    every write is atomic or transactional, and a re-run continues where this one stopped."""
    hint = "free some space or make it writable, then run the command again"
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        full_or_locked = exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO)
        return f"{where}{exc.strerror or exc}" + (f"; {hint}" if full_or_locked else "")
    if type(exc).__name__ == "OperationalError" and type(exc).__module__.startswith("sqlalchemy"):
        url = Workspace(resolve_workspace(args.workspace)).database_url
        where = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else "the registry database"
        return f"{where}: {getattr(exc, 'orig', None) or exc}; {hint}"
    return None


def _workspace(args: argparse.Namespace) -> Workspace:
    ws = Workspace(resolve_workspace(args.workspace))
    ws.validate()
    ws.ensure_dirs()
    configure_prefect()
    return ws


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from callflow.demo import run_demo

        return run_demo(Path(args.directory), applications=args.applications, seed=args.seed)
    if args.command == "init":
        target = init_workspace(Path(args.directory), force=args.force)
        print(f"workspace ready: {target}")
        print(f"  config: {target / 'config'} (call.yaml, timeline.yaml, reviewers.yaml)")
        print(f"  put received mail (.eml files or a Maildir) in {target / 'inbox'}")
        print(f"  then: callflow --workspace {target} ingest")
        return EXIT_OK
    ws = _workspace(args)
    from tasks.audit import actor

    with actor(cli_privacy.actor_name(args)):  # who changed what, in the audit log
        if getattr(args, "plugin", None) is not None:
            return args.plugin.run(ws, args)
        handler = {"ingest": _ingest, "run-due": _run_due, "export": _export, "outbox": _outbox, "queue": _queue}[
            args.command
        ]
        return handler(ws, args)


def _ingest(ws: Workspace, args: argparse.Namespace) -> int:
    now = parse_now(args.now, ws)
    api = start_prefect_api()  # the Prefect server starts on the other core while this command gets ready
    from tasks.intake import has_work

    if not has_work(ws, registry_for(ws)):
        api.close()
        print(f"intake at {now.isoformat()}: nothing new")
        return EXIT_OK
    from flows.intake import intake, warm_up

    warm_up(str(ws.root))
    with api.ready():
        result = intake(now=now, workspace=str(ws.root))
    concluded, delivered = result["concluded"], result["delivered"]
    print(f"intake at {now.isoformat()}: {len(result['taken']['new'])} new files, "
          f"{len(result['extracted'])} documents read, {len(concluded['processed'])} messages concluded")
    for kind, count in sorted(concluded["kinds"].items()):
        print(f"  {kind}: {count}")
    if concluded["applications"]:
        print(f"  applications with a new version: {', '.join(concluded['applications'])}")
    if concluded["late"]:
        print(f"  late: {', '.join(concluded['late'])}")
    if concluded["queue"]:
        print(f"  for the coordinator (callflow queue): {', '.join(concluded['queue'])}")
    for code, files in sorted(concluded["problems"].items()):
        print(f"  problem {code}: {', '.join(files)}")
    print(f"  mails sent: {len(delivered['sent'])}; drafts waiting for approval: see `callflow outbox list`")
    return _delivery_exit(delivered)


def _run_due(ws: Workspace, args: argparse.Namespace) -> int:
    api = start_prefect_api()  # the Prefect server starts on the other core while this command gets ready
    from flows.intake import warm_up
    from flows.run_due import run_due

    warm_up(str(ws.root))  # run-due starts with the intake
    with api.ready():
        result = run_due(now=parse_now(args.now, ws), workspace=str(ws.root))
    print(f"run-due at {result['now']}: ran {', '.join(result['ran']) or 'nothing new'}")
    for milestone in result["failed"]:
        print(f"  milestone {milestone} FAILED; it is retried at the next run-due", file=sys.stderr)
    return EXIT_PROBLEMS if result["failed"] else EXIT_OK


def _delivery_exit(delivered: dict[str, Any]) -> int:
    for key in delivered["failed"]:
        print(f"  FAILED to send {key}; see `callflow outbox list --status failed`", file=sys.stderr)
    for key in delivered["needs_confirmation"]:
        print(f"  mail {key} may or may not have been sent (interrupted); check and run "
              f"`callflow outbox confirm {key} --sent` or `--not-sent`", file=sys.stderr)
    return EXIT_PROBLEMS if delivered["failed"] or delivered["needs_confirmation"] else EXIT_OK


def _write(output: str | None, content: str | bytes) -> None:
    if output is None:
        if isinstance(content, bytes):
            raise UsageError("--format xlsx writes a binary file: add --output FILE")
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    print(f"written: {path}", file=sys.stderr)


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks import export

    if args.what in cli_privacy.EXPORTS:
        return cli_privacy.export(ws, args, _write)
    if args.what == "assignments":
        if args.format != "json":
            raise UsageError("export assignments is available as --format json")
        _write(args.output, cli_review.assignment_records_json(ws))
        return EXIT_OK
    with registry_for(ws).session() as session:
        if args.what == "messages":
            records = export.message_records(session, ws.call.tz)
        else:
            records = export.application_records(session, ws.call.tz)
    if args.format == "json":
        _write(args.output, export.to_json(records))
    elif args.format == "csv":
        _write(args.output, export.to_csv(records))
    else:
        _write(args.output, export.to_xlsx(records, args.what))
    return EXIT_OK


def _outbox(ws: Workspace, args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from tasks import outbox
    from tasks.registry import Mail

    registry = registry_for(ws)
    if args.action == "list":
        with registry.session() as session:
            query = select(Mail).order_by(Mail.id)
            if args.status:
                query = query.where(Mail.status == args.status)
            rows = [
                {"key": m.key, "kind": m.kind, "application": m.application, "to": m.to_addr, "subject": m.subject,
                 "status": m.status, "file": f"outbox/{OUTBOX_FOLDERS.get(m.status, 'pending')}/{m.eml_file}",
                 "created_at": m.created_at.isoformat(), "sent_at": m.sent_at.isoformat() if m.sent_at else None,
                 "last_error": m.last_error}
                for m in session.scalars(query)
            ]
        if args.format == "json":
            print(json.dumps(rows, ensure_ascii=False, indent=2))
        else:
            for row in rows:
                print(f"{row['status']:<9} {row['kind']:<18} {row['application'] or '-':<13} {row['to']:<35} {row['key']}")
            print(f"{len(rows)} mails")
        return EXIT_OK
    if args.action == "approve":
        now = parse_now(args.now, ws)
        with registry.session() as session:
            approved = outbox.approve(session, now, kinds=args.kind, keys=args.key, everything=args.all)
            print(f"approved {len(approved)} mails; send them with `callflow outbox send`")
        return EXIT_OK
    if args.action == "send":
        report = outbox.deliver_for_workspace(ws, registry, parse_now(args.now, ws))
        print(f"sent {len(report.sent)} mails")
        return _delivery_exit(report.__dict__)
    if args.action == "confirm":
        with registry.session() as session:
            row = outbox.confirm(session, args.key, was_sent=args.sent, now=parse_now(args.now, ws), outbox=ws.outbox)
            print(f"{row.key}: {row.status}")
        return EXIT_OK
    with registry.session() as session:
        rows = outbox.retry_failed(session)
        print(f"{len(rows)} failed mails queued again; send them with `callflow outbox send`")
    return EXIT_OK


def _queue(ws: Workspace, args: argparse.Namespace) -> int:
    from tasks import export

    with registry_for(ws).session() as session:
        records = export.message_records(session, ws.call.tz)
    waiting = [
        {key: record[key] for key in ("file", "kind", "received_at", "sender", "subject", "problems", "problem_messages")}
        for record in records
        if record["kind"] in ("question", "other") or "unparseable" in record["problems"]
    ]
    if args.format == "json":
        print(json.dumps(waiting, ensure_ascii=False, indent=2))
    else:
        for item in waiting:
            print(f"{item['kind']:<9} {item['received_at'] or '-':<26} {item['sender'] or '-':<35} {item['subject'] or item['file']}")
        print(f"{len(waiting)} messages for the coordinator")
    return EXIT_OK


if __name__ == "__main__":
    from callflow.launcher import console_main

    raise SystemExit(console_main())
