"""The temporary Prefect server a CLI command starts before it imports Prefect (real uvicorn subprocesses)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import urllib.request
from pathlib import Path

import pytest

from callflow.prefect_api import SchemaMarker, TemporaryPrefectServer, configured_api_url, prefect_setting

REPO_ROOT = Path(__file__).resolve().parents[2]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers kill(0); it has exited all the same.
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "State:\tZ" not in status.read_text()


def test_configured_api_url_environment_first_then_active_profile(tmp_path: Path) -> None:
    profiles = tmp_path / "profiles.toml"
    profiles.write_text(textwrap.dedent("""
        active = "team"
        [profiles.team]
        PREFECT_API_URL = "http://prefect.example:4200/api"
        [profiles.other]
        PREFECT_API_URL = "http://other:4200/api"
    """))
    environ = {"PREFECT_PROFILES_PATH": str(profiles)}
    assert configured_api_url(environ) == "http://prefect.example:4200/api"
    assert configured_api_url({**environ, "PREFECT_PROFILE": "other"}) == "http://other:4200/api"
    assert configured_api_url({**environ, "PREFECT_API_URL": "http://env:1/api"}) == "http://env:1/api"


def test_configured_api_url_none_without_setting_or_with_broken_profiles(tmp_path: Path) -> None:
    assert configured_api_url({"PREFECT_HOME": str(tmp_path)}) is None
    (tmp_path / "profiles.toml").write_text("active = [unclosed")
    assert configured_api_url({"PREFECT_HOME": str(tmp_path)}) is None
    assert prefect_setting("PREFECT_API_DATABASE_CONNECTION_URL", {"PREFECT_HOME": str(tmp_path)}) is None


def _prefect_database(home: Path, revision: str) -> None:
    with sqlite3.connect(home / "prefect.db") as db:
        db.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num TEXT)")
        db.execute("DELETE FROM alembic_version")
        db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))


def test_schema_marker_up_to_date_only_for_the_recorded_revision(tmp_path: Path) -> None:
    environ = {"PREFECT_HOME": str(tmp_path)}
    marker = SchemaMarker(environ)
    assert not marker.up_to_date()  # no database yet: Prefect must create it
    _prefect_database(tmp_path, "aaa111")
    assert not marker.up_to_date()  # never recorded
    marker.record()
    assert json.loads((tmp_path / "callflow-schema.json").read_text())["revision"] == "aaa111"
    assert marker.up_to_date()
    _prefect_database(tmp_path, "bbb222")  # migrated by another Prefect version, or a replaced database
    assert not marker.up_to_date()


def test_schema_marker_never_applies_to_a_configured_database(tmp_path: Path) -> None:
    _prefect_database(tmp_path, "aaa111")
    environ = {"PREFECT_HOME": str(tmp_path), "PREFECT_API_DATABASE_CONNECTION_URL": "postgresql+asyncpg://db/prefect"}
    marker = SchemaMarker(environ)
    marker.record()
    assert not marker.up_to_date()
    assert not (tmp_path / "callflow-schema.json").exists()


def test_temporary_server_answers_then_stops(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(Path.home() / ".prefect"))  # the shared database the CLI uses
    server = TemporaryPrefectServer()
    server.start()
    try:
        server.wait_ready()
        with urllib.request.urlopen(f"{server.api_url}/health", timeout=10) as response:
            assert json.loads(response.read()) is True
        pid = server.process.pid
    finally:
        server.stop()
    assert server.process is None
    assert not _alive(pid)


def test_temporary_server_dies_with_a_killed_command(tmp_path: Path) -> None:
    """A command killed with SIGKILL cannot run its exit handlers; the kernel still ends its server."""
    script = textwrap.dedent("""
        import sys, time
        from callflow.prefect_api import TemporaryPrefectServer
        server = TemporaryPrefectServer()
        server.start()
        print(server.process.pid, flush=True)
        time.sleep(120)
    """)
    command = subprocess.Popen([sys.executable, "-c", script], cwd=REPO_ROOT, stdout=subprocess.PIPE, text=True)
    server_pid = int(command.stdout.readline())
    assert _alive(server_pid)
    command.send_signal(signal.SIGKILL)
    command.wait()
    deadline = time.monotonic() + 15
    while _alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(server_pid)
