"""A Prefect API for one CLI command, started before Prefect is imported so that the two overlap.

Without PREFECT_API_URL, Prefect starts a temporary server the first time a flow needs its client: it first
imports the whole server package into the command's own process (about 4.5 s here) only to launch the
server in a subprocess, then waits for that subprocess to import the same package again (about 6 s). Both
happen one after the other, after the flows were imported. This module launches the same server
(Prefect's own app factory, with the settings Prefect gives its temporary server) as the first thing a
command does, so the server starts on one core while the command imports its flows on the other, and
the command never imports the server package itself.

A configured API (PREFECT_API_URL in the environment or in the active Prefect profile, e.g. the server
that `callflow serve` uses) is always respected: then nothing is started.
"""

from __future__ import annotations

import atexit
import ctypes
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import tomllib
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from importlib import metadata
from pathlib import Path

STARTUP_TIMEOUT_SECONDS = 60.0

PREFECT_DEFAULTS = {
    # No telemetry: there is no internet here, and users may not want it.
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_UI_ENABLED": os.environ.get("PREFECT_UI_ENABLED", "true"),
    "PREFECT_LOGGING_LEVEL": os.environ.get("PREFECT_LOGGING_LEVEL", "WARNING"),
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "60",
}


def configure_prefect() -> None:
    """Set Prefect's environment before Prefect is imported (its settings are read from the environment)."""
    for name, value in PREFECT_DEFAULTS.items():
        os.environ.setdefault(name, value)


class PrefectApiUnavailable(RuntimeError):
    pass


def prefect_setting(name: str, environ: dict[str, str] | None = None) -> str | None:
    """A Prefect setting as Prefect resolves it, without importing Prefect: the environment first, then the
    active profile in profiles.toml."""
    environ = dict(os.environ if environ is None else environ)
    if environ.get(name):
        return environ[name]
    profiles_path = Path(environ.get("PREFECT_PROFILES_PATH") or prefect_home(environ) / "profiles.toml").expanduser()
    try:
        profiles = tomllib.loads(profiles_path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = environ.get("PREFECT_PROFILE") or profiles.get("active")
    profile = profiles.get("profiles", {}).get(active or "", {})
    value = profile.get(name) if isinstance(profile, dict) else None
    return str(value) if value else None


def prefect_home(environ: dict[str, str] | None = None) -> Path:
    environ = os.environ if environ is None else environ
    return Path(environ.get("PREFECT_HOME") or Path.home() / ".prefect").expanduser()


def configured_api_url(environ: dict[str, str] | None = None) -> str | None:
    return prefect_setting("PREFECT_API_URL", environ)


class SchemaMarker:
    """Whether Prefect's default SQLite database is already at the schema this Prefect version migrated it to.

    Prefect checks its migrations at every server start (about 0.7 s here). The temporary server skips
    that check only when this file says the same Prefect version left the database at the revision it has
    now; any other case (a new or replaced database, another Prefect version, a configured database URL)
    migrates as Prefect always does, and a successful start records the marker.
    """

    DATABASE_SETTINGS = ("PREFECT_API_DATABASE_CONNECTION_URL", "PREFECT_SERVER_DATABASE_CONNECTION_URL")

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        environ = dict(os.environ if environ is None else environ)
        home = prefect_home(environ)
        self.database = home / "prefect.db"
        self.path = home / "callflow-schema.json"
        self.applies = not any(prefect_setting(name, environ) for name in self.DATABASE_SETTINGS)

    def current(self) -> dict[str, str] | None:
        if not self.applies or not self.database.is_file():
            return None
        try:
            with closing(sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=2)) as db:
                row = db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.Error:
            return None
        return {"prefect": metadata.version("prefect"), "revision": row[0]} if row else None

    def up_to_date(self) -> bool:
        current = self.current()
        try:
            return current is not None and json.loads(self.path.read_text(encoding="utf-8")) == current
        except (OSError, ValueError):
            return False

    def record(self) -> None:
        current = self.current()
        if current is None:
            return
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        temporary.write_text(json.dumps(current), encoding="utf-8")
        os.replace(temporary, self.path)


class TemporaryPrefectServer:
    """Prefect's API server in a subprocess, on a loopback socket this process binds and hands over.

    The socket is bound and listening before the subprocess starts, so the URL is known at once, no other
    program can take the port in between, and a request made while the server is still starting waits in
    the socket's backlog instead of failing.
    """

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.api_url = ""
        self.schema = SchemaMarker()
        self.migrates = True

    def start(self) -> None:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(128)
            self.api_url = f"http://127.0.0.1:{listener.getsockname()[1]}/api"
            env = {
                **PREFECT_DEFAULTS,  # callflow's defaults (no telemetry, …) unless the environment says otherwise
                **os.environ,
                # What Prefect gives its own temporary server: no UI, no background services.
                "PREFECT_UI_ENABLED": "0",
                "PREFECT__SERVER_EPHEMERAL": "1",
                "PREFECT__SERVER_FINAL": "1",
            }
            env.pop("PREFECT_API_URL", None)
            if self.schema.up_to_date():
                env["PREFECT_API_DATABASE_MIGRATE_ON_START"] = "false"
                self.migrates = False
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                 "--fd", str(listener.fileno()), "--log-level", "error", "--lifespan", "on"],
                env=env,
                stdin=subprocess.DEVNULL,
                pass_fds=[listener.fileno()],
                preexec_fn=_die_with_parent,
            )

    def wait_ready(self, timeout_seconds: float = STARTUP_TIMEOUT_SECONDS) -> None:
        assert self.process is not None, "start() first"
        deadline = time.monotonic() + timeout_seconds
        while (remaining := deadline - time.monotonic()) > 0:
            if self.process.poll() is not None:
                raise PrefectApiUnavailable(
                    f"the temporary Prefect server exited with code {self.process.returncode} before it was "
                    "ready; see its messages above, or set PREFECT_API_URL to a running Prefect server"
                )
            try:
                with urllib.request.urlopen(f"{self.api_url}/health", timeout=min(remaining, 5.0)) as response:
                    if response.status == 200:
                        if self.migrates:
                            self.schema.record()
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.05)
        self.stop()
        raise PrefectApiUnavailable(
            f"the temporary Prefect server did not answer within {timeout_seconds:.0f} s; "
            "set PREFECT_API_URL to a running Prefect server"
        )

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None


class PrefectApi:
    """Handle given to the command: run its flows inside `with api.ready():`."""

    def __init__(self, server: TemporaryPrefectServer | None) -> None:
        self.server = server

    def close(self) -> None:
        """Stop the server now, for a command that found nothing to run (it would stop at exit anyway)."""
        if self.server is not None:
            self.server.stop()

    @contextmanager
    def ready(self) -> Iterator[None]:
        """Wait for the server; with a temporary one, run flows without heartbeats.

        Heartbeats let a long-lived server mark a run as crashed when its process vanishes; a temporary
        server ends with the command, so nobody would read them, and stopping the heartbeat thread costs
        up to a second at the end of every flow run.
        """
        if self.server is None:
            yield
            return
        self.server.wait_ready()
        from prefect.settings import temporary_settings

        with temporary_settings(updates={"flows.heartbeat_frequency": None}):
            yield


_started: PrefectApi | None = None


def start_prefect_api() -> PrefectApi:
    """Start a temporary Prefect server now, unless an API is configured; it stops when the process exits.

    Call it before Prefect is first imported in this process: Prefect reads PREFECT_API_URL once, at
    import. If Prefect was imported already, Prefect's own temporary server is left to do the job. Calling
    it again returns the same handle (the launcher starts the server, the command then asks for it).
    """
    global _started
    if _started is not None:
        return _started
    configure_prefect()  # callflow's Prefect defaults (no telemetry, log level) reach the server too
    if configured_api_url() or "prefect.settings" in sys.modules:
        return PrefectApi(None)
    server = TemporaryPrefectServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    # Registered before Prefect is imported, so it runs after Prefect's own exit handlers (atexit is LIFO),
    # which still send the last logs and events to this server.
    atexit.register(server.stop)
    _started = PrefectApi(server)
    return _started


def _die_with_parent() -> None:
    """In the server process, before exec: the kernel sends SIGTERM when the command dies, so a command
    killed with SIGKILL (a crash, an impatient operator) leaves no server behind."""
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
