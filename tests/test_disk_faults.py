"""Disk faults: a full disk under state/ or outbox/, and a read-only state/.

A small tmpfs mounted over the folder and filled up is a full disk; a read-only bind mount over state/ is a
read-only one (chmod would not do: the tests run as root, and root writes through permissions). Every
case asserts a clear error that names the path (the CLI: exit code 1, one line, no traceback), no
half-written record (no row without its archived bytes, no mail row without its .eml, no temporary file
left behind), and that once space is freed a re-run records every inbox file exactly once and queues every
mail once. Skipped, with the reason, where mounting is not permitted.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from callflow.workspace import Workspace, init_workspace
from tasks.registry import Mail, Message, Registry
from tests.conftest import REPO_ROOT
from tests.tasks.test_intake import run_intake
from tests.test_crash_trials import NOW, build_intake_workspace

pytestmark = pytest.mark.integration

INBOX_FILES = ["001.eml", "002.eml", "003.eml", "004.eml", "005.eml", "006.eml"]
ACKNOWLEDGEMENTS = 3


def _mount(*arguments: str) -> None:
    result = subprocess.run(["mount", *arguments], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot simulate the disk fault: `mount {' '.join(arguments)}` failed "
                    f"({result.stderr.strip() or result.returncode}); needs root with mount permission")


def _umount(path: Path) -> None:
    if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)  # still busy: detach it lazily


@contextmanager
def full_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """`folder` on its own small tmpfs, its current content copied over; fill_up() then leaves no byte free.
    Yields the filler file: deleting it frees the space."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root and mount(8)")
    saved = folder.with_name(folder.name + ".saved")
    shutil.copytree(folder, saved)
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        shutil.copytree(saved, folder, dirs_exist_ok=True)
        yield folder / ".filler"
    finally:
        _umount(folder)
        shutil.rmtree(saved)


def fill_up(filler: Path) -> None:
    """Write until the file system refuses another byte."""
    with open(filler, "ab", buffering=0) as handle:
        for chunk in (1 << 16, 1 << 12, 1 << 9, 1):
            try:
                while True:
                    handle.write(b"\0" * chunk)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    assert shutil.disk_usage(filler.parent).free == 0


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("a read-only bind mount needs root and mount(8)")
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,ro,bind", str(folder))
        yield
    finally:
        _umount(folder)


def temporary_files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*.tmp"))


def registry_rows(ws: Workspace) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """(file → (status, sha256), mail key → (status, eml file))."""
    registry = Registry(ws.database_url)
    try:
        with registry.session() as session:
            messages = {m.file: (m.status, m.sha256) for m in session.scalars(select(Message))}
            mails = {m.key: (m.status, m.eml_file) for m in session.scalars(select(Mail))}
    finally:
        registry.dispose()
    return messages, mails


def assert_archive_complete(ws: Workspace, messages: dict[str, tuple[str, str]]) -> None:
    """Every recorded file's bytes are in the archive, whole: no record without its archive."""
    for file, (_status, digest) in messages.items():
        archived = ws.archive / "messages" / digest[:2] / f"{digest}.eml"
        assert archived.read_bytes() == (ws.inbox / file).read_bytes(), file
        assert hashlib.sha256(archived.read_bytes()).hexdigest() == digest


def assert_everything_once(ws: Workspace) -> None:
    messages, mails = registry_rows(ws)
    assert sorted(messages) == INBOX_FILES and {status for status, _ in messages.values()} == {"processed"}
    assert_archive_complete(ws, messages)
    sent = sorted(eml for status, eml in mails.values() if status == "sent")
    assert len(sent) == ACKNOWLEDGEMENTS and sorted(p.name for p in (ws.outbox / "sent").iterdir()) == sent
    assert temporary_files(ws.root) == []


def _workspace(tmp_path: Path) -> Workspace:
    return Workspace(build_intake_workspace(tmp_path / "ws"), environ={})


def test_intake_archive_disk_full_names_the_file_and_rerun_after_freeing_records_each_file_once(tmp_path):
    ws = _workspace(tmp_path)
    ws.archive.mkdir(parents=True, exist_ok=True)
    with full_disk(ws.archive) as filler:
        fill_up(filler)

        with pytest.raises(OSError) as raised:
            run_intake(ws, intake_now(ws))

        assert raised.value.errno == errno.ENOSPC
        assert str(ws.archive) in str(raised.value)  # names the file it could not write
        messages, mails = registry_rows(ws)
        assert (messages, mails) == ({}, {})  # nothing recorded without its archived bytes
        assert temporary_files(ws.archive) == []  # no half-written archive file left behind

        filler.unlink()
        run_intake(ws, intake_now(ws))
        assert_everything_once(ws)


def test_intake_outbox_disk_full_rolls_back_the_message_and_queues_each_mail_once_after_freeing(tmp_path):
    ws = _workspace(tmp_path)
    with full_disk(ws.outbox) as filler:
        fill_up(filler)

        with pytest.raises(OSError) as raised:
            run_intake(ws, intake_now(ws))

        assert raised.value.errno == errno.ENOSPC
        assert str(ws.outbox / "pending") in str(raised.value)
        messages, mails = registry_rows(ws)
        assert mails == {}  # the ledger row went with the transaction that could not write its .eml
        assert sorted(messages) == INBOX_FILES
        # The applications, each of which needs its acknowledgement, are not concluded without it.
        assert [messages[file][0] for file in ("001.eml", "002.eml", "003.eml")] == ["parsed"] * 3
        assert_archive_complete(ws, messages)
        assert temporary_files(ws.outbox) == [] and list((ws.outbox / "pending").iterdir()) == []

        filler.unlink()
        run_intake(ws, intake_now(ws))
        assert_everything_once(ws)


def intake_now(ws: Workspace):
    from callflow.workspace import parse_now

    return parse_now(NOW["intake"], ws)


def cli(root: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CALLFLOW")}
    environment.update(CALLFLOW_WORKSPACE=str(root), PREFECT_HOME=str(root.parent / "prefect"))
    return subprocess.run([sys.executable, "-m", "callflow.cli", *argv], cwd=REPO_ROOT, env=environment,
                          capture_output=True, text=True, timeout=240)


def assert_clear_failure(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 1, (result.returncode, result.stdout[-2000:], result.stderr[-3000:])
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("callflow: ") and str(path) in message, result.stderr[-2000:]


def test_cli_ingest_state_disk_full_exits_1_with_clear_error_then_rerun_records_each_file_once(tmp_path):
    root = init_workspace(tmp_path / "ws")
    ws = Workspace(root, environ={})
    with full_disk(ws.state, size="4m") as filler:
        shutil.copytree(build_intake_workspace(tmp_path / "source") / "inbox", ws.inbox, dirs_exist_ok=True)
        Registry(ws.database_url).dispose()  # the registry exists; the disk fills up afterwards
        fill_up(filler)

        result = cli(root, "ingest", "--now", NOW["intake"])

        assert_clear_failure(result, ws.state)
        messages, mails = registry_rows_after_freeing(ws, filler)
        assert (messages, mails) == ({}, {})
        assert temporary_files(ws.state) == []
        run_intake(ws, intake_now(ws))
        assert_everything_once(ws)


def registry_rows_after_freeing(ws: Workspace, filler: Path):
    filler.unlink()
    return registry_rows(ws)


def test_cli_ingest_read_only_state_exits_1_with_clear_error_and_changes_nothing(tmp_path):
    ws = _workspace(tmp_path)
    before = {p: p.read_bytes() for p in ws.state.rglob("*") if p.is_file()}
    with read_only(ws.state):
        result = cli(ws.root, "ingest", "--now", NOW["intake"])
        assert_clear_failure(result, ws.state)
    after = {p: p.read_bytes() for p in ws.state.rglob("*") if p.is_file()}
    assert after == before
    run_intake(ws, intake_now(ws))
    assert_everything_once(ws)
