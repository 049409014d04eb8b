"""Shared fixtures: fresh workspaces, a session-wide Prefect test harness, and a real SMTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from callflow.prefect_api import configure_prefect
from tests.postgres import postgres_database, postgres_url, registry_url  # noqa: F401

configure_prefect()
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_SAMPLES = REPO_ROOT.parent / "shared" / "samples"


@pytest.fixture
def workspace(tmp_path: Path):
    """A complete workspace with the default Haspengouw configuration."""
    from callflow.workspace import Workspace, init_workspace

    root = init_workspace(tmp_path / "ws")
    return Workspace(root, environ={})


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One temporary Prefect API for the whole session (starting one costs several seconds)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RecordingHandler:
    """aiosmtpd handler that keeps every delivered message (envelope and bytes)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.refuse = False

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.refuse:
            return "554 5.7.1 Transaction refused by test server"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server():
    """A real SMTP server on 127.0.0.1 (aiosmtpd) that records what it receives."""
    from aiosmtpd.controller import Controller

    handler = RecordingHandler()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def smtp_workspace_environ(port: int) -> dict[str, str]:
    return {
        "CALLFLOW__MAIL__TRANSPORT": "smtp",
        "CALLFLOW__MAIL__SMTP__HOST": "127.0.0.1",
        "CALLFLOW__MAIL__SMTP__PORT": str(port),
        "CALLFLOW__MAIL__SMTP__SECURITY": "plain",
        "CALLFLOW__MAIL__RATE_PER_MINUTE": "6000",
    }
