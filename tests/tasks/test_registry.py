from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import inspect, text

from tasks.registry import SCHEMA_VERSION, Message, Registry

pytestmark = pytest.mark.unit


def test_registry_creates_schema_with_wal(tmp_path):
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite'}")
    with registry.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("SELECT version FROM schema_info")).scalar() == SCHEMA_VERSION
    assert {"messages", "attachments", "applications", "mails", "milestone_runs"} <= set(inspect(registry.engine).get_table_names())


def test_registry_refuses_naive_datetimes(tmp_path):
    registry = Registry(f"sqlite:///{tmp_path / 'r.sqlite'}")
    with pytest.raises(Exception, match="naive datetime"):
        with registry.session() as session:
            session.add(Message(file="x", sha256="y", size=1, status="archived", recorded_at=datetime(2023, 5, 1),
                                problems=[], problem_messages=[], in_reply_to=[]))
