from __future__ import annotations

import email
import email.policy
import smtplib

import pytest
from sqlalchemy import select

from callflow.workspace import Workspace
from tasks.outbox import (
    MailSpec,
    OutboxOnlyTransport,
    OutgoingAttachment,
    SmtpTransport,
    approve,
    confirm,
    deliver,
    header_safe,
    queue_mail,
)
from tasks.registry import Mail, Registry
from tests.conftest import smtp_workspace_environ
from tests.factories.mails import brussels

pytestmark = pytest.mark.integration

NOW = brussels(2023, 5, 20, 15, 0)


def _spec(key: str = "acknowledgement:HAS-2023-001:v1", kind: str = "acknowledgement", **changes) -> MailSpec:
    values = dict(key=key, kind=kind, to="an@vzwdebrug.be", subject="Ontvangstbevestiging HAS-2023-001",
                  body="Beste,\n\nWe ontvingen uw kandidatuur.\n", application="HAS-2023-001")
    values.update(changes)
    return MailSpec(**values)


@pytest.fixture
def registry(workspace: Workspace) -> Registry:
    return Registry(workspace.database_url)


def test_queue_mail_same_key_twice_writes_one_mail(workspace, registry):
    with registry.session() as session:
        first = queue_mail(session, workspace.outbox, _spec(), workspace.call.mail, NOW)
    with registry.session() as session:
        second = queue_mail(session, workspace.outbox, _spec(body="changed"), workspace.call.mail, NOW)
        count = len(list(session.scalars(select(Mail))))
    assert (second.id, count) == (first.id, 1)
    assert [p.name for p in (workspace.outbox / "pending").iterdir()] == [first.eml_file]


def test_queue_mail_auto_kind_is_approved_and_bulk_kind_waits(workspace, registry):
    with registry.session() as session:
        ack = queue_mail(session, workspace.outbox, _spec(), workspace.call.mail, NOW)
        late = queue_mail(session, workspace.outbox, _spec(key="late-notice:1", kind="late-notice"), workspace.call.mail, NOW)
        assert (ack.status, late.status) == ("approved", "draft")
        approved = approve(session, NOW, kinds=["late-notice"])
        assert [m.key for m in approved] == ["late-notice:1"]


def test_queue_mail_eml_is_readable_dutch_with_our_message_id(workspace, registry):
    attachment = OutgoingAttachment("../../pakket.pdf", b"%PDF-1.4 test")
    with registry.session() as session:
        row = queue_mail(session, workspace.outbox, _spec(body="Financiën: zie bijlage.\n", attachments=[attachment]),
                         workspace.call.mail, NOW)
    message = email.message_from_bytes((workspace.outbox / "pending" / row.eml_file).read_bytes(), policy=email.policy.default)
    assert message["Message-ID"] == row.message_id_header
    assert message["Subject"] == "Ontvangstbevestiging HAS-2023-001"
    assert "Financiën: zie bijlage." in message.get_body(("plain",)).get_content()
    assert [part.get_filename() for part in message.iter_attachments()] == ["pakket.pdf"]


def test_queue_mail_body_that_is_a_file_path_is_not_attached(workspace, registry, tmp_path):
    existing = tmp_path / "secret.txt"
    existing.write_text("do not attach me")
    with registry.session() as session:
        row = queue_mail(session, workspace.outbox, _spec(body=str(existing)), workspace.call.mail, NOW)
    message = email.message_from_bytes((workspace.outbox / "pending" / row.eml_file).read_bytes(), policy=email.policy.default)
    assert list(message.iter_attachments()) == []
    assert str(existing) in message.get_body(("plain",)).get_content()


def test_header_safe_removes_newlines_so_no_header_injection():
    assert header_safe("Titel\r\nBcc: victim@example.com") == "Titel Bcc: victim@example.com"


def test_deliver_outbox_transport_moves_file_and_marks_sent(workspace, registry):
    with registry.session() as session:
        row = queue_mail(session, workspace.outbox, _spec(), workspace.call.mail, NOW)
    report = deliver(registry, workspace.outbox, workspace.call.mail, OutboxOnlyTransport(), NOW)
    again = deliver(registry, workspace.outbox, workspace.call.mail, OutboxOnlyTransport(), NOW)
    assert (report.sent, again.sent) == ([row.key], [])
    assert (workspace.outbox / "sent" / row.eml_file).exists()
    assert not (workspace.outbox / "pending" / row.eml_file).exists()


def test_deliver_smtp_sends_once_with_send_time_as_date(tmp_path, smtp_server):
    from callflow.workspace import init_workspace

    ws = Workspace(init_workspace(tmp_path / "ws"), environ=smtp_workspace_environ(smtp_server.port))
    registry = Registry(ws.database_url)
    with registry.session() as session:
        queue_mail(session, ws.outbox, _spec(), ws.call.mail, NOW)
    send_time = brussels(2023, 5, 20, 16, 30)
    transport = SmtpTransport(ws.call.mail.smtp, ws.call.mail.from_address, None)
    first = deliver(registry, ws.outbox, ws.call.mail, transport, send_time)
    second = deliver(registry, ws.outbox, ws.call.mail, transport, send_time)
    assert (len(first.sent), len(second.sent), len(smtp_server.messages)) == (1, 0, 1)
    mail_from, rcpt, content = smtp_server.messages[0]
    received = email.message_from_bytes(content, policy=email.policy.default)
    assert (mail_from, rcpt) == ("info@bijzig.be", ["an@vzwdebrug.be"])
    assert received["Date"].datetime == send_time


def test_deliver_refused_by_server_is_failed_and_reported(tmp_path, smtp_server):
    from callflow.workspace import init_workspace

    smtp_server.refuse = True
    ws = Workspace(init_workspace(tmp_path / "ws"), environ=smtp_workspace_environ(smtp_server.port))
    registry = Registry(ws.database_url)
    with registry.session() as session:
        queue_mail(session, ws.outbox, _spec(), ws.call.mail, NOW)
    transport = SmtpTransport(ws.call.mail.smtp, ws.call.mail.from_address, None)
    report = deliver(registry, ws.outbox, ws.call.mail, transport, NOW, sleep=lambda _s: None)
    with registry.session() as session:
        row = session.scalar(select(Mail))
        assert (report.failed, row.status, smtp_server.messages) == ([row.key], "failed", [])
        assert "554" in row.last_error


def test_deliver_unreachable_server_retries_then_fails(tmp_path):
    from callflow.workspace import init_workspace
    from tests.conftest import free_port

    ws = Workspace(init_workspace(tmp_path / "ws"), environ=smtp_workspace_environ(free_port()))
    registry = Registry(ws.database_url)
    with registry.session() as session:
        queue_mail(session, ws.outbox, _spec(), ws.call.mail, NOW)
    waits: list[float] = []
    transport = SmtpTransport(ws.call.mail.smtp, ws.call.mail.from_address, None)
    report = deliver(registry, ws.outbox, ws.call.mail, transport, NOW, sleep=waits.append)
    assert (len(report.failed), waits) == (1, [2.0, 4.0])


def test_deliver_row_left_sending_over_smtp_needs_confirmation(tmp_path, smtp_server):
    from callflow.workspace import init_workspace

    ws = Workspace(init_workspace(tmp_path / "ws"), environ=smtp_workspace_environ(smtp_server.port))
    registry = Registry(ws.database_url)
    with registry.session() as session:
        row = queue_mail(session, ws.outbox, _spec(), ws.call.mail, NOW)
        row.status = "sending"  # what a crash between 'sending' and 'sent' leaves behind
    transport = SmtpTransport(ws.call.mail.smtp, ws.call.mail.from_address, None)
    report = deliver(registry, ws.outbox, ws.call.mail, transport, NOW)
    assert (report.needs_confirmation, smtp_server.messages) == ([row.key], [])
    with registry.session() as session:
        confirmed = confirm(session, row.key, was_sent=True, now=NOW, outbox=ws.outbox)
        assert confirmed.status == "sent"


def test_smtp_transport_login_failure_raises_smtp_error(tmp_path, smtp_server):
    from callflow.config import SmtpSettings

    settings = SmtpSettings(host="127.0.0.1", port=smtp_server.port, username="coordinator")
    transport = SmtpTransport(settings, "info@bijzig.be", "secret")
    with pytest.raises(smtplib.SMTPException):
        transport.open()


# --- decision mails: one live version per application, corrections, dropped connections ---------------
# (tasks/outbox.py replace_draft, queue_correction, send-time rendering; tests by the decisions work)

from tasks.outbox import MailError, OutgoingMail, live_mails, queue_correction, replace_draft  # noqa: E402


def _decision(version: int, body: str = "Uw kandidatuur is goedgekeurd.\n") -> MailSpec:
    return _spec(key=f"decision:HAS-2023-001:v{version}", kind="decision", subject="Beslissing HAS-2023-001", body=body)


def _statuses(registry: Registry) -> list[tuple[str, str]]:
    with registry.session() as session:
        return [(m.key, m.status) for m in session.scalars(select(Mail).order_by(Mail.id))]


def test_replace_draft_unsent_decision_supersedes_it_and_moves_its_file(workspace, registry):
    with registry.session() as session:
        first = replace_draft(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        approve(session, NOW, keys=[first.key])  # approved but not sent: still replaceable
    with registry.session() as session:
        second = replace_draft(session, workspace.outbox, _decision(2, "Toch afgewezen.\n"), workspace.call.mail, NOW)
        again = replace_draft(session, workspace.outbox, _decision(2, "Toch afgewezen.\n"), workspace.call.mail, NOW)
        assert again.id == second.id
        assert [m.key for m in live_mails(session, "decision", "HAS-2023-001")] == ["decision:HAS-2023-001:v2"]
    assert _statuses(registry) == [("decision:HAS-2023-001:v1", "superseded"), ("decision:HAS-2023-001:v2", "draft")]
    assert [p.name for p in (workspace.outbox / "superseded").iterdir()] == [first.eml_file]
    assert [p.name for p in (workspace.outbox / "pending").iterdir()] == [second.eml_file]
    with registry.session() as session:
        assert [m.key for m in approve(session, NOW, everything=True)] == ["decision:HAS-2023-001:v2"]


def test_queue_mail_second_live_decision_for_application_is_refused(workspace, registry):
    with registry.session() as session:
        queue_mail(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        with pytest.raises(MailError, match="replace_draft"):
            queue_mail(session, workspace.outbox, _decision(2), workspace.call.mail, NOW)


def test_replace_draft_after_decision_was_sent_is_refused_and_correction_is_a_new_mail(workspace, registry):
    with registry.session() as session:
        replace_draft(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        approve(session, NOW, kinds=["decision"])
    deliver(registry, workspace.outbox, workspace.call.mail, OutboxOnlyTransport(), NOW)
    with registry.session() as session:
        with pytest.raises(MailError, match="correction"):
            replace_draft(session, workspace.outbox, _decision(2), workspace.call.mail, NOW)
    with registry.session() as session:
        queue_correction(session, workspace.outbox, _decision(2, "Correctie.\n"), workspace.call.mail, NOW)
    with registry.session() as session:
        queue_correction(session, workspace.outbox, _decision(3, "Correctie 2.\n"), workspace.call.mail, NOW)
    assert _statuses(registry) == [("decision:HAS-2023-001:v1", "sent"), ("decision:HAS-2023-001:v2", "superseded"),
                                   ("decision:HAS-2023-001:v3", "draft")]


def test_queue_correction_before_anything_was_sent_is_refused(workspace, registry):
    with registry.session() as session:
        replace_draft(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        with pytest.raises(MailError, match="replace the draft"):
            queue_correction(session, workspace.outbox, _decision(2), workspace.call.mail, NOW)


def test_replace_draft_while_previous_is_sending_asks_for_confirmation_first(workspace, registry):
    with registry.session() as session:
        row = replace_draft(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        row.status = "sending"
    with registry.session() as session:
        with pytest.raises(MailError, match="outbox confirm"):
            replace_draft(session, workspace.outbox, _decision(2), workspace.call.mail, NOW)
    assert _statuses(registry) == [("decision:HAS-2023-001:v1", "sending")]


def test_deliver_prepare_rewrites_mail_at_send_time_and_keeps_message_id(workspace, registry):
    with registry.session() as session:
        row = queue_mail(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        approve(session, NOW, keys=[row.key])
    seen: list[OutgoingMail] = []

    def prepare(mail: OutgoingMail, eml: bytes, send_at) -> bytes:
        seen.append(mail)
        return eml.replace(b"goedgekeurd", b"GOEDGEKEURD")

    deliver(registry, workspace.outbox, workspace.call.mail, OutboxOnlyTransport(), NOW, prepare=prepare)
    message = email.message_from_bytes((workspace.outbox / "sent" / row.eml_file).read_bytes(), policy=email.policy.default)
    assert [(m.key, m.message_id) for m in seen] == [(row.key, row.message_id_header)]
    assert "GOEDGEKEURD" in message.get_body(("plain",)).get_content()


def test_deliver_prepare_that_fails_marks_mail_failed_and_sends_nothing(workspace, registry):
    with registry.session() as session:
        row = queue_mail(session, workspace.outbox, _decision(1), workspace.call.mail, NOW)
        approve(session, NOW, keys=[row.key])

    def prepare(mail: OutgoingMail, eml: bytes, send_at) -> bytes:
        raise KeyError("no decision")

    report = deliver(registry, workspace.outbox, workspace.call.mail, OutboxOnlyTransport(), NOW, prepare=prepare)
    assert (report.sent, report.failed, _statuses(registry)) == ([], [row.key], [(row.key, "failed")])


class DroppingHandler:
    """aiosmtpd handler that closes the connection during DATA (after the message, before the reply) for the
    first `drops` transactions, then accepts and records like RecordingHandler."""

    def __init__(self, drops: int) -> None:
        self.drops = drops
        self.dropped = 0
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.dropped < self.drops:
            self.dropped += 1
            server.transport.close()  # the client never gets the 250: per RFC 5321 nothing was accepted
            return "421 4.4.2 connection dropped by test server"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


@pytest.fixture
def dropping_server():
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port

    servers = []

    def start(drops: int) -> tuple[DroppingHandler, int]:
        handler, port = DroppingHandler(drops), free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        servers.append(controller)
        return handler, port

    yield start
    for controller in servers:
        controller.stop()


def _smtp_delivery(tmp_path, port: int, waits: list[float]):
    from callflow.workspace import init_workspace

    ws = Workspace(init_workspace(tmp_path / "ws"), environ=smtp_workspace_environ(port))
    registry = Registry(ws.database_url)
    with registry.session() as session:
        queue_mail(session, ws.outbox, _spec(), ws.call.mail, NOW)
    transport = SmtpTransport(ws.call.mail.smtp, ws.call.mail.from_address, None)
    return registry, deliver(registry, ws.outbox, ws.call.mail, transport, NOW, sleep=waits.append)


def test_deliver_connection_dropped_during_data_is_retried_and_delivered_once(tmp_path, dropping_server):
    handler, port = dropping_server(drops=1)
    waits: list[float] = []
    registry, report = _smtp_delivery(tmp_path, port, waits)
    assert (len(report.sent), handler.dropped, len(handler.messages), waits) == (1, 1, 1, [2.0])
    assert _statuses(registry) == [("acknowledgement:HAS-2023-001:v1", "sent")]
    received = email.message_from_bytes(handler.messages[0][2], policy=email.policy.default)
    assert received["Subject"] == "Ontvangstbevestiging HAS-2023-001"


def test_deliver_connection_always_dropped_fails_after_retries_and_is_reported(tmp_path, dropping_server):
    handler, port = dropping_server(drops=10)
    waits: list[float] = []
    registry, report = _smtp_delivery(tmp_path, port, waits)
    assert (report.failed, handler.dropped, handler.messages, waits) == (
        ["acknowledgement:HAS-2023-001:v1"], 3, [], [2.0, 4.0])
    with registry.session() as session:
        row = session.scalar(select(Mail))
        assert (row.status, row.attempts) == ("failed", 1)
        assert row.last_error.startswith("SMTPServerDisconnected")


# --- SMTP faults: authentication failure and a slow server (tests by the fault-trials work) -------------
# A rejected login is a configuration problem: nothing is sent, every mail of the run is failed and reported,
# the server is not hammered with one login per mail, and after the password is fixed `outbox retry` +
# `outbox send` deliver each mail once. A slow server is given mail.smtp.timeout_seconds per operation:
# a server that has not accepted a mail when the time is up is retried; one that received the whole
# message but did not answer in time may have accepted it, so the mail waits for confirmation instead
# of going out a second time.

import asyncio  # noqa: E402
import time  # noqa: E402

from tasks.outbox import deliver_for_workspace, make_transport, retry_failed  # noqa: E402

PASSWORD = "juist-wachtwoord"


class AuthCheckingHandler:
    """aiosmtpd handler that checks AUTH PLAIN/LOGIN against one password and records delivered mail."""

    def __init__(self) -> None:
        self.logins: list[tuple[str, str, bool]] = []  # (mechanism, login, accepted)
        self.messages: list[tuple[str, list[str], bytes]] = []

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        accepted = auth_data.password.decode() == PASSWORD
        self.logins.append((mechanism, auth_data.login.decode(), accepted))
        return AuthResult(success=accepted, handled=False)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content))
        return "250 OK"


@pytest.fixture
def auth_server():
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port

    handler = AuthCheckingHandler()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port, authenticator=handler.authenticate,
                            auth_require_tls=False)
    controller.start()
    yield handler
    controller.stop()


def _login_workspace(tmp_path, port: int, password: str) -> Workspace:
    from callflow.workspace import init_workspace

    root = tmp_path / "ws"
    if not root.exists():
        init_workspace(root)
    return Workspace(root, environ={**smtp_workspace_environ(port), "CALLFLOW__MAIL__SMTP__USERNAME": "coordinator",
                                    "CALLFLOW_SMTP_PASSWORD": password})


def test_deliver_authentication_failure_sends_nothing_fails_every_mail_and_logs_in_once(tmp_path, auth_server):
    ws = _login_workspace(tmp_path, auth_server.port, "fout-wachtwoord")
    registry = Registry(ws.database_url)
    keys = ["acknowledgement:HAS-2023-001:v1", "acknowledgement:HAS-2023-002:v1", "acknowledgement:HAS-2023-003:v1"]
    with registry.session() as session:
        for key in keys:
            queue_mail(session, ws.outbox, _spec(key=key), ws.call.mail, NOW)
    waits: list[float] = []

    report = deliver(registry, ws.outbox, ws.call.mail, make_transport(ws.call.mail, ws.environ), NOW, sleep=waits.append)

    assert (report.sent, report.failed, report.ok, auth_server.messages) == ([], keys, False, [])
    assert {accepted for _mechanism, _login, accepted in auth_server.logins} == {False}
    # One connection's login (smtplib tries each offered mechanism once), not one per mail: a mailbox
    # provider locks an account after a handful of wrong passwords.
    assert len(auth_server.logins) <= 2 and {login for _m, login, _a in auth_server.logins} == {"coordinator"}
    assert waits == []  # a wrong password does not get better by waiting
    with registry.session() as session:
        rows = list(session.scalars(select(Mail).order_by(Mail.id)))
        assert [row.status for row in rows] == ["failed"] * 3
        assert all("SMTPAuthenticationError" in row.last_error and "535" in row.last_error for row in rows)
    assert sorted(p.name for p in (ws.outbox / "pending").iterdir()) == sorted(row.eml_file for row in rows)


def test_deliver_after_authentication_fixed_retry_sends_each_mail_once(tmp_path, auth_server):
    ws = _login_workspace(tmp_path, auth_server.port, "fout-wachtwoord")
    registry = Registry(ws.database_url)
    with registry.session() as session:
        for number in (1, 2):
            queue_mail(session, ws.outbox, _spec(key=f"acknowledgement:HAS-2023-00{number}:v1"), ws.call.mail, NOW)
    assert len(deliver_for_workspace(ws, registry, NOW).failed) == 2

    fixed = _login_workspace(tmp_path, auth_server.port, PASSWORD)
    with registry.session() as session:
        assert len(retry_failed(session)) == 2  # `callflow outbox retry`
    first = deliver_for_workspace(fixed, registry, NOW)
    second = deliver_for_workspace(fixed, registry, NOW)

    assert (len(first.sent), second.sent, len(auth_server.messages)) == (2, [], 2)
    received = {email.message_from_bytes(data, policy=email.policy.default)["Message-ID"]
                for _f, _t, data in auth_server.messages}
    with registry.session() as session:
        rows = list(session.scalars(select(Mail)))
        assert {row.message_id_header for row in rows} == received
        assert {(row.status, row.last_error) for row in rows} == {("sent", None)}


class SlowHandler:
    """aiosmtpd handler that is slow to answer, per transaction i: `rcpt_delays[i]` seconds before accepting
    the recipient (a tarpit: nothing is accepted yet), `data_delays[i]` seconds before answering the end of the
    message. With `keep_first` it keeps the message before that wait, as a server that queued it and is slow
    to say so; otherwise only when it answers (aiosmtpd cancels the handler when the client hangs up)."""

    def __init__(self, rcpt_delays: list[float], data_delays: list[float], keep_first: bool) -> None:
        self.rcpt_delays, self.data_delays, self.keep_first = list(rcpt_delays), list(data_delays), keep_first
        self.rcpts = 0
        self.transactions = 0
        self.messages: list[tuple[str, list[str], bytes]] = []

    @staticmethod
    def _delay(delays: list[float], index: int) -> float:
        return delays[index] if index < len(delays) else 0.0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        self.rcpts += 1
        await asyncio.sleep(self._delay(self.rcpt_delays, self.rcpts - 1))
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.transactions += 1
        message = (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content)
        if self.keep_first:
            self.messages.append(message)
        await asyncio.sleep(self._delay(self.data_delays, self.transactions - 1))
        if not self.keep_first:
            self.messages.append(message)
        return "250 OK"


@pytest.fixture
def slow_server():
    from aiosmtpd.controller import Controller

    from tests.conftest import free_port

    controllers = []

    def start(rcpt_delays: list[float] = (), data_delays: list[float] = (), keep_first: bool = False):
        handler, port = SlowHandler(list(rcpt_delays), list(data_delays), keep_first), free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return handler, port

    yield start
    for controller in controllers:
        controller.stop()


def _slow_workspace(tmp_path, port: int, timeout: float) -> tuple[Workspace, Registry]:
    from callflow.workspace import init_workspace

    ws = Workspace(init_workspace(tmp_path / "ws"), environ={
        **smtp_workspace_environ(port), "CALLFLOW__MAIL__SMTP__TIMEOUT_SECONDS": str(timeout)})
    assert ws.call.mail.smtp.timeout_seconds == timeout
    registry = Registry(ws.database_url)
    with registry.session() as session:
        queue_mail(session, ws.outbox, _spec(), ws.call.mail, NOW)
    return ws, registry


def _send(ws: Workspace, registry: Registry, waits: list[float]):
    return deliver(registry, ws.outbox, ws.call.mail, make_transport(ws.call.mail, ws.environ), NOW,
                   sleep=waits.append)


def test_deliver_server_slower_than_timeout_gives_up_after_timeout_seconds_retries_and_fails(tmp_path, slow_server):
    handler, port = slow_server(rcpt_delays=[30.0, 30.0, 30.0])
    ws, registry = _slow_workspace(tmp_path, port, 0.5)
    waits: list[float] = []
    started = time.monotonic()
    report = _send(ws, registry, waits)
    elapsed = time.monotonic() - started

    assert (report.failed, report.sent, handler.messages, waits) == (["acknowledgement:HAS-2023-001:v1"], [], [],
                                                                   [2.0, 4.0])
    assert (handler.rcpts, handler.transactions) == (3, 0)
    assert 1.4 < elapsed < 10  # three attempts that each waited mail.smtp.timeout_seconds, not the server's 30 s
    with registry.session() as session:
        row = session.scalar(select(Mail))
        assert (row.status, row.attempts) == ("failed", 1)
        assert "timed out" in row.last_error


def test_deliver_server_slow_once_is_retried_and_delivered_once(tmp_path, slow_server):
    handler, port = slow_server(rcpt_delays=[30.0])
    ws, registry = _slow_workspace(tmp_path, port, 0.5)
    waits: list[float] = []
    report = _send(ws, registry, waits)

    assert (len(report.sent), len(handler.messages), handler.rcpts, waits) == (1, 1, 2, [2.0])
    with registry.session() as session:
        assert session.scalar(select(Mail.status)) == "sent"


@pytest.mark.parametrize("kept", [True, False], ids=["server-kept-it", "server-dropped-it"])
def test_deliver_answer_to_whole_message_too_late_is_not_resent_and_needs_confirmation(tmp_path, slow_server, kept):
    handler, port = slow_server(data_delays=[30.0], keep_first=kept)
    ws, registry = _slow_workspace(tmp_path, port, 0.5)
    waits: list[float] = []
    report = _send(ws, registry, waits)

    assert (report.sent, report.failed, report.needs_confirmation) == ([], [], ["acknowledgement:HAS-2023-001:v1"])
    assert (len(handler.messages), handler.transactions, waits) == (int(kept), 1, [])  # no second copy
    with registry.session() as session:
        row = session.scalar(select(Mail))
        assert row.status == "sending" and "timed out" in row.last_error
    again = _send(ws, registry, waits)
    assert (again.needs_confirmation, handler.transactions) == (["acknowledgement:HAS-2023-001:v1"], 1)
    with registry.session() as session:  # `callflow outbox confirm KEY --sent` or `--not-sent`, as the server says
        confirm(session, "acknowledgement:HAS-2023-001:v1", was_sent=kept, now=NOW, outbox=ws.outbox)
    last = _send(ws, registry, waits)
    assert (last.needs_confirmation, len(handler.messages)) == ([], 1)
    with registry.session() as session:
        assert session.scalar(select(Mail.status)) == "sent"
