"""A real PostgreSQL server for the tests, started once per session on a loopback port.

Debian's `postgresql` package provides initdb and pg_ctl (installed with apt-get when they are missing, as on a
fresh CI machine). The cluster lives in a temporary folder owned by the `postgres` system user, because
initdb refuses to run as root; it listens on 127.0.0.1 only, on a free port, with trust authentication, and is
stopped and removed when the session ends. Each test that needs a database gets a fresh one (CREATE DATABASE).

    postgres_url        the server's maintenance database (session)
    postgres_database   a fresh, empty database for one test
    registry_url        parametrised: a fresh SQLite file and a fresh PostgreSQL database
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

BIN_PATTERN = "/usr/lib/postgresql/*/bin"
_numbers = itertools.count(1)


def _binaries() -> Path | None:
    found = sorted(
        (Path(folder) for folder in glob.glob(BIN_PATTERN) if (Path(folder) / "initdb").exists()
         and (Path(folder) / "pg_ctl").exists()),
        key=lambda folder: int(folder.parent.name) if folder.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def _install_postgresql() -> None:
    """Debian's package, as on a fresh CI machine (root there; sudo elsewhere)."""
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=environment, capture_output=True)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"],
                   check=True, env=environment, capture_output=True)


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and pg_ctl refuse root: run them as the `postgres` system user the Debian package creates."""
    if os.geteuid() != 0:
        return command
    runner = shutil.which("runuser")
    if runner:
        return [runner, "-u", "postgres", "--", *command]
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{part}'" for part in command)]


def _run(command: list[str]) -> None:
    result = subprocess.run(_as_postgres(command), capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """Start a throw-away PostgreSQL server; yields the URL of its `postgres` database."""
    binaries = _binaries()
    if binaries is None:
        _install_postgresql()
        binaries = _binaries()
        assert binaries is not None, f"apt-get installed postgresql but no initdb/pg_ctl under {BIN_PATTERN}"
    data_root = Path(tempfile.mkdtemp(prefix="callflow-pg-"))
    data = data_root / "data"
    if os.geteuid() == 0:
        shutil.chown(data_root, "postgres", "postgres")
    port = _free_port()
    _run([str(binaries / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
          "--locale=C.UTF-8", "--no-sync"])
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {data_root} -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100 "
               "-c TimeZone=America/New_York")  # a server zone other than UTC: stored times must not shift
    try:
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-l", str(data_root / "server.log"), "-o", options,
              "-w", "-t", "60", "start"])
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        try:
            _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])
        except RuntimeError:
            pass  # never started, or already gone: the folder goes either way
        shutil.rmtree(data_root, ignore_errors=True)


def create_database(server_url: str, name: str) -> str:
    """CREATE DATABASE name on the server; returns its URL."""
    import psycopg

    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def postgres_database(postgres_url: str) -> str:
    """A fresh, empty database for one test."""
    return create_database(postgres_url, f"t{os.getpid()}_{next(_numbers)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The registry's two backends: a fresh SQLite file, and a fresh database on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.sqlite'}"
    return request.getfixturevalue("postgres_database")
