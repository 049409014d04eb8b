"""A pool of long-lived extraction worker processes with hard memory and wall-time limits.

Why processes, and why spawned fresh: parsers of hostile files can loop, exhaust memory or crash
inside C code (pdfium, libxml2, Tesseract). Each worker is started with ``python -m
tasks.extract_worker`` (not forked from the caller, which may have Prefect loaded and a large
virtual size), sets its own RLIMIT_AS, imports only the extraction code and then serves jobs over
a pair of pipes. Per job the caller sends one frame (a small JSON header plus the file's bytes)
and reads one frame back (the Extraction as JSON): well under a millisecond of overhead.

Limits: the worker checks the deadline between pages and gives Tesseract the remaining time, so
an overrun normally comes back as ``timeout`` with the pages read so far. If it does not answer
within ``timeout_seconds`` plus a grace period (a parser stuck in C code), its whole process group
(including a running tesseract or antiword) is killed, the job gets ``timeout`` and a fresh worker
takes the slot. A worker that dies on a job (out of memory, segfault) gives that job ``too-large``
(killed by SIGKILL, SIGABRT, SIGTRAP or SIGILL, the ways allocators and the kernel end a process
out of memory) or ``corrupt`` (any other crash), and is replaced. Other jobs are not affected.
"""

from __future__ import annotations

import json
import os
import queue
import re
import select
import signal
import struct
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from tasks.extract_core import Extraction, ExtractionLimits, FormatResult, build_extraction
from tasks.extract_detect import extension_of, is_mislabelled, sniff_type

if TYPE_CHECKING:  # tasks.mailbox imports tasks.extract, which imports this module
    from tasks.mailbox import ParsedMessage, ZipLimits

_FRAME = struct.Struct("<IQ")  # header length, payload length
_STARTUP_SECONDS = 60.0
_MEMORY_SIGNALS = {signal.SIGKILL, signal.SIGABRT, signal.SIGTRAP, signal.SIGILL}
SECRET_NAME = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|AUTH_STRING|API_KEY|CREDENTIAL", re.IGNORECASE)
_PROJECT_ROOT = Path(__file__).resolve().parents[1]


class WorkerTimeout(Exception):
    """The worker did not answer in time."""


class WorkerDied(Exception):
    """The worker's pipe closed: the process ended."""


@dataclass
class _Outcome:
    """One job's answer (response and payload), or why there is none (a problem code and a note)."""

    response: dict[str, Any] = field(default_factory=dict)
    payload: bytes = b""
    failure: str | None = None
    note: str = ""


# ------------------------------------------------------------------------------------------ framing


def write_frame(fd: int, header: dict[str, object], payload: bytes = b"") -> None:
    encoded = json.dumps(header).encode()
    _write_all(fd, _FRAME.pack(len(encoded), len(payload)) + encoded)
    if payload:
        _write_all(fd, payload)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def read_frame(fd: int, deadline: float | None = None) -> tuple[dict[str, object], bytes]:
    """One frame; ``deadline`` is a time.monotonic() value (None: wait forever)."""
    header_length, payload_length = _FRAME.unpack(_read_exact(fd, _FRAME.size, deadline))
    header = json.loads(_read_exact(fd, header_length, deadline))
    payload = _read_exact(fd, payload_length, deadline) if payload_length else b""
    return header, payload


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes:
    chunks: list[bytes] = []
    while size:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                raise WorkerTimeout
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise WorkerDied
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


# ------------------------------------------------------------------------------------------- worker


class _Worker:
    """The parent's handle on one worker process."""

    def __init__(self, limits: ExtractionLimits) -> None:
        to_child, self._to_worker = os.pipe()
        self._from_worker, from_child = os.pipe()
        # Workers parse hostile files: they get no credentials (SMTP password, API keys, auth strings).
        env = {name: value for name, value in os.environ.items() if not SECRET_NAME.search(name)}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_PROJECT_ROOT), env.get("PYTHONPATH")]))
        env["OMP_THREAD_LIMIT"] = "1"  # one Tesseract thread per worker: the pool is the parallelism
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tasks.extract_worker", str(to_child), str(from_child), json.dumps(asdict(limits))],
                pass_fds=(to_child, from_child),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                env=env,
                cwd=str(_PROJECT_ROOT),
                start_new_session=True,  # its own process group, so tesseract children die with it
            )
        finally:
            os.close(to_child)
            os.close(from_child)
        self._ready = False

    def wait_ready(self) -> None:
        if not self._ready:
            read_frame(self._from_worker, time.monotonic() + _STARTUP_SECONDS)
            self._ready = True

    def run(self, header: dict[str, object], payload: bytes, deadline: float) -> tuple[dict[str, object], bytes]:
        try:
            write_frame(self._to_worker, header, payload)
        except OSError as error:
            # The worker stopped reading: it may have answered (out of memory) before exiting.
            try:
                return read_frame(self._from_worker, min(deadline, time.monotonic() + 2))
            except (WorkerDied, WorkerTimeout):
                raise WorkerDied from error
        return read_frame(self._from_worker, deadline)

    def exit_signal(self) -> int | None:
        """The signal that ended the process (None if it exited normally)."""
        try:
            code = self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
            return signal.SIGKILL
        return -code if code < 0 else None

    def kill(self) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.process.wait()
        self._close_pipes()

    def stop(self) -> None:
        """Ask politely (end of input), then kill what is left."""
        self.request_stop()
        self.finish_stop()

    def request_stop(self) -> None:
        self._close_pipes()  # the worker reads end of input and exits

    def finish_stop(self) -> None:
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            pass
        self.kill()

    def _close_pipes(self) -> None:
        for fd in (self._to_worker, self._from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        self._to_worker = self._from_worker = -1


# --------------------------------------------------------------------------------------------- pool


class ExtractionPool:
    """A fixed number of worker processes; :meth:`extract` is thread-safe and blocks.

    At most ``workers`` jobs run at once; further callers wait for a free worker.
    """

    def __init__(self, limits: ExtractionLimits = ExtractionLimits(), workers: int = 2) -> None:  # noqa: B008
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.limits = limits
        self._workers = workers
        self._grace = 0.5 + 0.1 * limits.timeout_seconds
        self._slots: queue.Queue[_Worker | None] = queue.Queue()
        self._closed = False
        self._lock = threading.Lock()
        for _ in range(workers):
            self._slots.put(_Worker(limits))
        # A pool dropped without close() still ends its idle workers (at collection or exit).
        self._finalizer = weakref.finalize(self, _stop_idle, self._slots)

    def extract(self, data: bytes, filename: str, passwords: Sequence[str] = ()) -> Extraction:
        header = {"filename": filename, "passwords": list(passwords)}
        outcome = self._job(header, data)
        if outcome.failure is not None:
            return _failure(data, filename, outcome.failure, outcome.note)
        return Extraction.model_validate(outcome.response["extraction"])

    def parse_mail(self, data: bytes, zip_limits: ZipLimits) -> ParsedMessage:
        """tasks.mailbox.parse_message in a worker, under the same wall-time and memory limits as a document:
        a mail built to make Python's parser crawl (thousands of parts, parameter-heavy headers) costs at
        most the timeout and ends as a problem code, like any other file."""
        from tasks.mailbox import ParsedMessage, parsed_from_frame

        outcome = self._job({"job": "parse-mail", "zip_limits": asdict(zip_limits)}, data)
        if outcome.failure is None:
            return parsed_from_frame(outcome.response["parsed"], outcome.payload)
        parsed = ParsedMessage()
        if outcome.failure == "timeout":
            parsed.add_problem("timeout", f"Het lezen van deze e-mail duurde langer dan {self.limits.timeout_seconds:g} "
                                          "seconden en werd afgebroken; ze is bewaard voor de coördinator.")
        elif outcome.failure == "too-large":
            parsed.add_problem("too-large", "Deze e-mail vraagt te veel geheugen om te lezen; ze is bewaard voor de "
                                            "coördinator. Stuur de bijlagen in kleinere delen.")
        else:
            parsed.add_problem("unparseable", "Het bestand kon niet als e-mail gelezen worden; het is bewaard voor de "
                                              "coördinator.")
        return parsed

    def _job(self, header: dict[str, object], data: bytes) -> _Outcome:
        if self._closed:
            raise RuntimeError("ExtractionPool is closed")
        slot = self._slots.get()
        if self._closed:
            self._slots.put(slot)  # pass the wake-up on to the next waiting thread
            raise RuntimeError("ExtractionPool is closed")
        kept: _Worker | None = None
        try:
            outcome, kept = self._run(slot, header, data)
            return outcome
        except BaseException:
            # Interrupted mid-job (e.g. KeyboardInterrupt): the pipes may hold half a frame.
            if slot is not None:
                slot.kill()
            raise
        finally:
            self._release(kept)

    def _release(self, worker: _Worker | None) -> None:
        with self._lock:
            if self._closed:
                if worker is not None:
                    worker.stop()
                self._slots.put(None)  # wakes a thread still waiting for a worker
                return
            self._slots.put(worker)

    def _ready(self, worker: _Worker | None) -> _Worker | None:
        """A started worker for the next job: the given one, or a fresh one if it is missing or dead."""
        if worker is not None and worker.process.poll() is None:
            try:
                worker.wait_ready()
                return worker
            except (WorkerDied, WorkerTimeout):
                pass
        if worker is not None:
            worker.kill()  # died while idle (killed from outside) or never started
        fresh = _Worker(self.limits)
        try:
            fresh.wait_ready()
        except (WorkerDied, WorkerTimeout):
            fresh.kill()
            return None
        return fresh

    def _run(self, slot: _Worker | None, header: dict[str, object], data: bytes) -> tuple[_Outcome, _Worker | None]:
        worker = self._ready(slot)
        if worker is None:
            return _Outcome(failure="corrupt", note="worker-died: no extraction worker could be started"), None
        deadline = time.monotonic() + self.limits.timeout_seconds + self._grace
        try:
            response, payload = worker.run(header, data, deadline)
        except WorkerTimeout:
            worker.kill()
            note = f"worker-killed: no answer after {self.limits.timeout_seconds:g} s"
            return _Outcome(failure="timeout", note=note), _Worker(self.limits)
        except WorkerDied:
            return self._died(worker), _Worker(self.limits)
        if "error" in response:
            worker.stop()
            return _Outcome(failure="too-large", note=str(response["error"])), _Worker(self.limits)
        if response.get("recycle"):
            worker.stop()
            return _Outcome(response=response, payload=payload), _Worker(self.limits)
        return _Outcome(response=response, payload=payload), worker

    def _died(self, worker: _Worker) -> _Outcome:
        number = worker.exit_signal()
        worker.kill()
        name = signal.Signals(number).name if number else "exit"
        code = "too-large" if number in _MEMORY_SIGNALS else "corrupt"
        return _Outcome(failure=code, note=f"worker-died: {name}")

    def close(self) -> None:
        """Stop idle workers now; workers busy with a job stop when it finishes."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._finalizer.detach()
        _stop_idle(self._slots)
        for _ in range(self._workers):
            self._slots.put(None)  # wake threads waiting for a worker: they see the pool is closed

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _stop_idle(slots: queue.Queue[_Worker | None]) -> None:
    workers: list[_Worker] = []
    while True:
        try:
            worker = slots.get_nowait()
        except queue.Empty:
            break
        if worker is not None:
            worker.request_stop()  # all at once, so they shut down in parallel
            workers.append(worker)
    for worker in workers:
        worker.finish_stop()


def _failure(data: bytes, filename: str, code: str, note: str) -> Extraction:
    """The result for a job the worker could not answer: type detection is cheap, so do it here."""
    try:
        detected = sniff_type(data, filename) if data else "unknown"
    except Exception:  # noqa: BLE001 - hostile bytes must not break the pool
        detected = "unknown"
    mislabelled = bool(data) and is_mislabelled(detected, filename)
    notes = [f"mislabelled-as:{extension_of(filename)}"] if mislabelled else []
    return build_extraction(detected, mislabelled, FormatResult(pages=[], method="none", problem=code, notes=[note]), notes, filename=filename)
