"""A flow's stages, without Prefect, in a process that a test may SIGKILL at any moment.

    python -m tests.crash.worker FLOW WORKSPACE NOW [--report FILE]

runs what the flow runs, in the same order and under the same workspace lock, calling the same functions:

    intake     record_new_files → parse_pending → documents_to_extract / extract_document → conclude_parsed
               → deliver_for_workspace                                                   (flows/intake.py)
    review     check_config → assign_reviewers → send_packets → deliver_for_workspace    (flows/review.py)
    decisions  apply_decisions → approve the decision drafts (the coordinator's approval, as
               `callflow outbox approve --kind decision`) → deliver_for_workspace         (flows/decisions.py)

and prints (or writes to FILE, atomically) a JSON report. Exit code 0 when delivery left nothing to report,
1 when mails failed or need confirmation. Mail goes out with the transport the workspace's config and the
CALLFLOW__ environment name (SMTP to a local aiosmtpd in the crash trials). A cold process spends about
1.5 s importing before it does anything (no Prefect: a cold Prefect costs 5-10 s more).

    python -m tests.crash.worker --serve

is a fork server for many short trials: it imports everything once, then forks one child per run, so a
trial costs what the stages cost. One JSON request per line on stdin, one JSON answer per line on stdout:

    {"op": "warm", "workspace": W, "flow": F, "now": T}   parse W's config, build its analyser; with F,
                                          run F at T once on a copy of W (outbox transport), so that
                                          what a process sets up on first use is ready in every child
    {"op": "run", "flow": F, "workspace": W, "now": T, "report": FILE, "log": FILE, "env": {...}}
                                          fork a child that runs F → {"pid": N}
    {"op": "wait", "pid": N}              reap the child → {"pid": N, "status": exit code, or -signal}

The child is an ordinary process in its own process group; the test kills it by pid. Nothing runs in
threads in the server, so forking is safe; the child ends with os._exit (no inherited atexit work).

CALLFLOW_CRASH_FAST_PDF=1 replaces WeasyPrint's HTML→PDF step of the reviewer packets (about 0.6 s a
packet) by a one-page PDF that carries the HTML's digest: the trials test ledgers, files and mail, not
layout. Everything else is the production code.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import io
import json
import os
import sys
import threading
import traceback
from datetime import datetime
from pathlib import Path
from typing import Any

FLOWS = ("intake", "review", "decisions")
FAST_PDF = "CALLFLOW_CRASH_FAST_PDF"

_analysers: dict[bytes, Any] = {}  # call.yaml bytes → analyser (copies of one workspace share it)


def _import_everything() -> None:
    """What the stages import lazily, so that a forked child finds it loaded."""
    import openpyxl  # noqa: F401
    import pypdf  # noqa: F401
    import yagmail  # noqa: F401

    import callflow.runtime  # noqa: F401
    import tasks.analyse  # noqa: F401
    import tasks.decisions  # noqa: F401
    import tasks.extract  # noqa: F401
    import tasks.intake  # noqa: F401
    import tasks.outbox  # noqa: F401
    import tasks.packets  # noqa: F401
    import tasks.rebuttals  # noqa: F401
    import tasks.review  # noqa: F401

    if os.environ.get(FAST_PDF) != "1":
        import weasyprint  # noqa: F401


def fast_html_to_pdf(html: str) -> bytes:
    """A valid one-page PDF standing in for the rendered packet; its metadata names the HTML's digest."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Subject": hashlib.sha256(html.encode()).hexdigest()})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _analyser(ws: Any) -> Any:
    from tasks.intake import analyser_for

    key = (ws.config_dir / "call.yaml").read_bytes()
    if key not in _analysers:
        _analysers[key] = analyser_for(ws)
    return _analysers[key]


def _warm(root: str, flow: str | None = None, now: str = "2023-06-02T09:00") -> None:
    """Parse the workspace's config (cached by path and file version) and build its analyser; with a flow,
    also run it once on a scratch copy with the outbox transport, so that what a process sets up on first
    use (mappers, compiled templates, validators) is ready in every forked child."""
    import shutil

    from callflow.workspace import Workspace

    ws = Workspace(Path(root))
    ws.validate()
    _analyser(ws)
    if flow is None:
        return
    scratch = Path(root).with_name(Path(root).name + ".warm")
    shutil.copytree(root, scratch)
    transport = os.environ.get("CALLFLOW__MAIL__TRANSPORT")
    os.environ["CALLFLOW__MAIL__TRANSPORT"] = "outbox"
    try:
        run_flow(flow, scratch, now)
    finally:
        if transport is None:
            os.environ.pop("CALLFLOW__MAIL__TRANSPORT")
        else:
            os.environ["CALLFLOW__MAIL__TRANSPORT"] = transport
        shutil.rmtree(scratch)


# --- the stages ------------------------------------------------------------------------------------


def run_flow(flow: str, root: str | Path, now: str) -> dict[str, Any]:
    """Run one flow's stages on the workspace at `root`; the report is JSON-ready."""
    from callflow.runtime import close_pools, workspace_lock
    from callflow.workspace import Workspace, parse_now
    from tasks.registry import Registry

    if flow not in FLOWS:
        raise ValueError(f"unknown flow {flow!r}; one of {', '.join(FLOWS)}")
    if os.environ.get(FAST_PDF) == "1":
        import tasks.packets

        tasks.packets.html_to_pdf = fast_html_to_pdf
    ws = Workspace(Path(root))
    ws.validate()
    ws.ensure_dirs()
    moment = parse_now(now, ws)
    registry = Registry(ws.database_url)
    try:
        with workspace_lock(ws):
            details = {"intake": _intake, "review": _review, "decisions": _decisions}[flow](ws, registry, moment)
    finally:
        registry.dispose()
        close_pools()
    times = os.times()
    return {"flow": flow, "workspace": str(ws.root), "now": moment.isoformat(), **details,
            "cpu_seconds": round(times.user + times.system, 3)}


def _delivered(ws: Any, registry: Any, moment: datetime) -> dict[str, list[str]]:
    from tasks.outbox import deliver_for_workspace

    return deliver_for_workspace(ws, registry, moment).__dict__


def _intake(ws: Any, registry: Any, moment: datetime) -> dict[str, Any]:
    from callflow.runtime import extraction_pool
    from tasks import intake as stages

    recorded = stages.record_new_files(ws, registry, moment)
    parsed = stages.parse_pending(ws, registry, extraction_pool(ws))
    jobs = stages.documents_to_extract(ws, registry)
    for job in jobs:
        stages.extract_document(ws, job, extraction_pool(ws))
    concluded = stages.conclude_parsed(ws, registry, moment, _analyser(ws))
    return {"new": recorded.new, "parsed": len(parsed), "extracted": len(jobs), "processed": concluded.processed,
            "delivered": _delivered(ws, registry, moment)}


def _review(ws: Any, registry: Any, moment: datetime) -> dict[str, Any]:
    from tasks import review as steps

    steps.check_config(ws)
    assignment = steps.assign_reviewers(ws, registry, moment)
    packets = steps.send_packets(ws, registry, moment)["queued"]
    return {"pairs": assignment["pairs"], "packets": packets, "delivered": _delivered(ws, registry, moment)}


def _decisions(ws: Any, registry: Any, moment: datetime) -> dict[str, Any]:
    from tasks import decisions as domain
    from tasks.outbox import approve

    applied = domain.apply_decisions(ws, registry, moment)
    with registry.session() as session:
        approved = [row.key for row in approve(session, moment, kinds=["decision"])]
    return {"queued": applied.queued + applied.corrections, "blocked": applied.blocked, "approved": approved,
            "delivered": _delivered(ws, registry, moment)}


def exit_code(report: dict[str, Any]) -> int:
    delivered = report["delivered"]
    return 1 if delivered["failed"] or delivered["needs_confirmation"] else 0


def write_report(path: str, report: dict[str, Any]) -> None:
    from tasks.storage import write_atomic

    write_atomic(Path(path), json.dumps(report, ensure_ascii=False).encode())


# --- the fork server -------------------------------------------------------------------------------


def _child(request: dict[str, Any]) -> int:
    os.setpgid(0, 0)
    stdin = os.open(os.devnull, os.O_RDONLY)
    os.dup2(stdin, 0)
    log = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.environ.update(request.get("env") or {})
    try:
        report = run_flow(request["flow"], request["workspace"], request["now"])
    except BaseException:  # noqa: BLE001 - the log is where the test looks
        traceback.print_exc()
        sys.stderr.flush()
        return 2
    write_report(request["report"], report)
    return exit_code(report)


def serve(stdin: io.TextIOBase, stdout: io.TextIOBase) -> None:
    _import_everything()

    def answer(value: dict[str, Any]) -> None:
        stdout.write(json.dumps(value) + "\n")
        stdout.flush()

    gc.collect()
    gc.freeze()  # a forked child's collector then leaves the imported modules' pages shared (no copy-on-write)
    answer({"ready": True})
    for line in stdin:
        request = json.loads(line)
        op = request.get("op")
        try:
            if op == "warm":
                _warm(request["workspace"], request.get("flow"), request.get("now", "2023-06-02T09:00"))
                answer({"warm": request["workspace"]})
            elif op == "run":
                if threading.active_count() != 1:
                    raise RuntimeError(f"{threading.active_count()} threads: forking now would not be safe")
                sys.stdout.flush()
                sys.stderr.flush()
                pid = os.fork()
                if pid == 0:
                    code = 3
                    try:
                        code = _child(request)
                    finally:
                        os._exit(code)
                answer({"pid": pid})
            elif op == "wait":
                _, status = os.waitpid(request["pid"], 0)
                answer({"pid": request["pid"], "status": os.waitstatus_to_exitcode(status)})
            else:
                raise ValueError(f"unknown op {op!r}")
        except Exception as exc:  # noqa: BLE001 - reported to the test, which fails with it
            answer({"error": f"{type(exc).__name__}: {exc}"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.crash.worker", description=__doc__.split("\n\n")[0])
    parser.add_argument("flow", nargs="?", choices=FLOWS)
    parser.add_argument("workspace", nargs="?")
    parser.add_argument("now", nargs="?", help="ISO 8601, e.g. 2023-06-02T09:00 (the call's time zone)")
    parser.add_argument("--report", help="write the JSON report to this file instead of stdout")
    parser.add_argument("--serve", action="store_true", help="fork server: JSON requests on stdin (see the module doc)")
    args = parser.parse_args(argv)
    if args.serve:
        serve(sys.stdin, sys.stdout)
        return 0
    if not (args.flow and args.workspace and args.now):
        parser.error("FLOW WORKSPACE NOW are required (or --serve)")
    report = run_flow(args.flow, args.workspace, args.now)
    if args.report:
        write_report(args.report, report)
    else:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    return exit_code(report)


if __name__ == "__main__":
    sys.exit(main())
