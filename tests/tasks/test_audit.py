"""The audit log: one event per inserted, updated and deleted registry row, with its actor, in the same
transaction; never a mail body or a password."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from callflow.workspace import Workspace, init_workspace
from tasks import audit
from tasks.audit import audit_records
from tasks.outbox import MailSpec, queue_mail
from tasks.registry import Attachment, AuditEvent, Mail, Message, Registry
from tests.factories.documents import make_pdf
from tests.factories.mails import MailSpec as Received
from tests.factories.mails import pdf_attachment, write_mail
from tests.tasks.test_intake import AFTER_DEADLINE, PROPOSAL, run_intake

pytestmark = pytest.mark.integration

RECORDED = datetime(2023, 5, 20, 12, 0, tzinfo=UTC)
TZ = UTC


def _message(file: str = "001.eml", **changes) -> Message:
    values = dict(file=file, sha256="a" * 64, size=10, status="archived", recorded_at=RECORDED, problems=[],
                  problem_messages=[], in_reply_to=[])
    return Message(**{**values, **changes})


def events(registry: Registry, since: datetime | None = None) -> list[tuple[str, str, str, str | None, dict]]:
    with registry.session() as session:
        return [(r["actor"], r["action"], r["entity"], r["entity_id"], r["details"])
                for r in audit_records(session, TZ, since)]


def test_audit_insert_logs_the_row_and_the_actor(registry_url):
    registry = Registry(registry_url)

    with audit.actor("intake"), registry.session() as session:
        session.add(_message())

    assert events(registry) == [("intake", "insert", "messages", "1", {
        "id": 1, "file": "001.eml", "sha256": "a" * 64, "size": 10, "status": "archived",
        "recorded_at": "2023-05-20T12:00:00+00:00"})]
    registry.dispose()


def test_audit_update_logs_old_and_new_value_of_changed_columns_only(registry_url):
    registry = Registry(registry_url)
    with registry.session() as session:
        session.add(_message())

    with audit.actor("coordinator"), registry.session() as session:
        row = session.scalars(select(Message)).one()
        row.status, row.kind, row.size = "processed", "application", 10  # size: assigned but unchanged
        row.processed_at = datetime(2023, 6, 2, 7, 0, tzinfo=UTC)

    assert events(registry)[1:] == [("coordinator", "update", "messages", "1", {
        "status": ["archived", "processed"], "kind": [None, "application"],
        "processed_at": [None, "2023-06-02T07:00:00+00:00"]})]
    registry.dispose()


def test_audit_delete_logs_the_deleted_row_including_orphans(registry_url):
    registry = Registry(registry_url)
    with registry.session() as session:
        message = _message()
        message.attachments.append(Attachment(position=1, filename="voorstel.pdf", stored_as="attachments/x.pdf",
                                              sha256="b" * 64, size=5, origin="attachment"))
        session.add(message)

    with audit.actor("intake"), registry.session() as session:
        row = session.scalars(select(Message)).one()
        row.attachments.clear()  # what a re-parse does

    assert events(registry)[-1] == ("intake", "delete", "attachments", "1", {
        "id": 1, "message_id": 1, "position": 1, "filename": "voorstel.pdf", "stored_as": "attachments/x.pdf",
        "sha256": "b" * 64, "size": 5, "origin": "attachment"})
    registry.dispose()


def test_audit_rolled_back_change_leaves_no_event(registry_url):
    registry = Registry(registry_url)

    with pytest.raises(RuntimeError), registry.session() as session:
        session.add(_message())
        session.flush()
        raise RuntimeError("crash before the commit")

    assert events(registry) == []
    registry.dispose()


def test_audit_actor_defaults_to_system_and_nests():
    with audit.actor("cli:outbox approve"):
        with audit.actor("coordinator"):
            inner = audit.current_actor()
        outer = audit.current_actor()

    assert (inner, outer, audit.current_actor()) == ("coordinator", "cli:outbox approve", "system")


def test_audit_queued_mail_logged_once_even_when_queued_twice(registry_url, tmp_path):
    ws = Workspace(init_workspace(tmp_path / "ws"), environ={})
    registry = Registry(registry_url)
    spec = MailSpec(key="acknowledgement:HAS-2023-001:v1", kind="acknowledgement", to="an@vzwdebrug.be",
                    subject="Ontvangstbevestiging", body="Beste An, wij ontvingen uw kandidatuur.",
                    application="HAS-2023-001")

    with audit.actor("intake"):
        for _ in range(2):
            with registry.session() as session:
                queue_mail(session, ws.outbox, spec, ws.call.mail, AFTER_DEADLINE)

    logged = [(actor, action, entity, details.get("key"), details.get("eml_file"))
              for actor, action, entity, _id, details in events(registry)]
    assert logged == [("intake", "insert", "mails", "acknowledgement:HAS-2023-001:v1", ""),
                      ("intake", "update", "mails", None, ["", "00001-acknowledgement-HAS-2023-001-v1.eml"])]
    assert "Beste An" not in json.dumps(events(registry))
    registry.dispose()


def test_audit_values_hidden_logs_which_columns_changed_only(registry_url):
    registry = Registry(registry_url)
    with registry.session() as session:
        session.add(_message(sender="an@vzwdebrug.be"))

    with audit.values_hidden(), registry.session() as session:
        session.scalars(select(Message)).one().sender = "persoon-0123456789ab@anoniem.invalid"

    assert events(registry)[-1] == ("system", "update", "messages", "1", {"sender": ["<hidden>", "<hidden>"]})
    registry.dispose()


def test_audit_explicit_event_and_since_filter(registry_url):
    registry = Registry(registry_url)
    with registry.session() as session:
        session.add(_message())
    middle = datetime.now(UTC)

    with audit.actor("cli:export person"), registry.session() as session:
        audit.log(session, "export-person", "person", "an@vzwdebrug.be", {"found": {"messages": 1}})

    assert events(registry, since=middle) == [
        ("cli:export person", "export-person", "person", "an@vzwdebrug.be", {"found": {"messages": 1}})]
    assert len(events(registry, since=middle - timedelta(minutes=1))) == 2
    registry.dispose()


def test_audit_intake_never_logs_mail_bodies_or_passwords(workspace):
    pdf = make_pdf(PROPOSAL, encrypt_password="Haspengouw2023")
    write_mail(workspace.inbox, "locked.eml", Received(
        body="Beste,\nOns voorstel zit in bijlage. Het wachtwoord is: Haspengouw2023\nGroeten",
        attachments=[pdf_attachment("voorstel.pdf", pdf)]))

    with audit.actor("intake"):
        run_intake(workspace, AFTER_DEADLINE)

    registry = Registry(workspace.database_url)
    logged = events(registry)
    text = json.dumps(logged)
    assert ("Haspengouw2023" in text, "Ons voorstel zit in bijlage" in text) == (False, False)
    parsed = next(details for _a, action, entity, _i, details in logged if action == "update" and "body_text" in details)
    assert parsed["body_text"] == [None, "<hidden>"]
    facts = next(details["facts"][1] for _a, action, entity, _i, details in logged
                 if action == "update" and "passwords" in (details.get("facts") or [None, {}])[1])
    assert facts["passwords"] == "<hidden>"
    assert {actor for actor, *_rest in logged} == {"intake"}
    with registry.session() as session:
        mail = session.scalars(select(Mail)).one()
        history = [(action, details.get("status")) for _a, action, entity, entity_id, details in logged
                   if entity == "mails" and entity_id == str(mail.id)]
    assert history == [("insert", "approved"), ("update", None), ("update", ["approved", "sending"]),
                       ("update", ["sending", "sent"])]


def test_audit_inside_a_prefect_flow_names_the_flow(tmp_path, prefect_harness):
    from prefect import flow

    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite'}")

    @flow(name="decisions")
    def decide() -> None:
        with registry.session() as session:
            session.add(_message())

    decide()

    with registry.session() as session:
        assert session.scalars(select(AuditEvent.actor)).all() == ["flow:decisions"]
    registry.dispose()
