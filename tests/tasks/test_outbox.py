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
