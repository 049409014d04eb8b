from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, inspect, text

from tasks.registry import SCHEMA_VERSION, Message, Registry

pytestmark = pytest.mark.unit


def test_registry_creates_schema_with_wal(tmp_path):
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite'}")
    with registry.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("SELECT version FROM schema_info")).scalar() == SCHEMA_VERSION
    assert {"messages", "attachments", "applications", "mails", "milestone_runs"} <= set(inspect(registry.engine).get_table_names())


def test_registry_upgrade_adds_missing_column_and_keeps_rows(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    Registry(url).dispose()
    engine = create_engine(url)
    with engine.begin() as connection:  # an older callflow: no 'facts' column yet, one row recorded
        connection.execute(text("ALTER TABLE messages DROP COLUMN facts"))
        connection.execute(text(
            "INSERT INTO messages (file, sha256, size, status, recorded_at, problems, problem_messages, in_reply_to) "
            "VALUES ('a.eml', 'abc', 3, 'processed', '2023-05-01 10:00:00', '[]', '[]', '[]')"))
    engine.dispose()

    registry = Registry(url)

    assert "facts" in {c["name"] for c in inspect(registry.engine).get_columns("messages")}
    with registry.session() as session:
        row = session.query(Message).one()
        assert (row.file, row.recorded_at, row.facts) == ("a.eml", datetime(2023, 5, 1, 10, 0, tzinfo=UTC), None)


def test_registry_refuses_naive_datetimes(tmp_path):
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite'}")
    with pytest.raises(Exception, match="naive datetime"):
        with registry.session() as session:
            session.add(Message(file="x", sha256="y", size=1, status="archived", recorded_at=datetime(2023, 5, 1),
                                problems=[], problem_messages=[], in_reply_to=[]))
