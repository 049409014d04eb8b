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
