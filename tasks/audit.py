"""The audit log: who or what changed which registry row, when, and how.

Every insert, update and delete of a registry row is written to `audit_events` in the same transaction, by
mapper-level flush listeners on the registry's models (they also see rows that cascades add or delete), so a
change and its audit row commit or roll back together. The actor comes from a context variable:

    with audit.actor("cli:outbox approve"):
        ...

The CLI sets it per command; inside a Prefect flow without an explicit actor it is "flow:<flow name>";
otherwise "system". Values are logged as old → new per changed column, except secrets and mail bodies
(HIDDEN). `values_hidden()` logs only which columns changed (the purge uses it, so anonymising personal data
does not copy that data into the log).

This module does not import the registry at import time: tasks/registry.py calls `watch(Base, AuditEvent)`.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

DEFAULT_ACTOR = "system"
HIDDEN = "<hidden>"
# Never in the log: mail bodies, and parse results that quote whole documents. Message.facts holds the
# passwords found in a mail body: those are replaced inside it.
HIDDEN_COLUMNS = {"messages": frozenset({"body_text", "analysis"})}
SECRET_KEYS = frozenset({"passwords", "password"})

_actor: ContextVar[str | None] = ContextVar("callflow_audit_actor", default=None)
_values_hidden: ContextVar[bool] = ContextVar("callflow_audit_values_hidden", default=False)
_audit_table: Any = None


@contextmanager
def actor(name: str) -> Iterator[None]:
    """Every registry change inside the block is logged as done by `name`."""
    token = _actor.set(name)
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def values_hidden() -> Iterator[None]:
    """Log which columns change, never their values (for anonymising personal data)."""
    token = _values_hidden.set(True)
    try:
        yield
    finally:
        _values_hidden.reset(token)


def current_actor() -> str:
    explicit = _actor.get()
    if explicit:
        return explicit
    if "prefect.context" in sys.modules:  # inside a flow run: name the flow (no import when Prefect is unused)
        from prefect.context import FlowRunContext

        context = FlowRunContext.get()
        if context is not None and context.flow is not None:
            return f"flow:{context.flow.name}"
    return DEFAULT_ACTOR


# --- values ----------------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """JSON-ready: datetimes as ISO 8601 (UTC), containers copied, secrets inside dicts hidden."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo else value.isoformat()
    if isinstance(value, dict):
        return {str(key): HIDDEN if key in SECRET_KEYS and item else _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # PostgreSQL's json refuses NaN and Infinity: the whole change would fail
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return json.loads(json.dumps(value, default=str))


def _shown(table: str, column: str, value: Any) -> Any:
    if _values_hidden.get() or column in HIDDEN_COLUMNS.get(table, ()):
        return HIDDEN if value is not None else None
    return _plain(value)


def _identity(mapper: Any, target: Any) -> str:
    return ",".join(str(value) for value in mapper.primary_key_from_instance(target))


def _row_values(mapper: Any, target: Any) -> dict[str, Any]:
    table = mapper.persist_selectable.name
    values = {}
    loaded = inspect(target).dict  # what the session holds; never a lazy load inside a flush
    for attribute in mapper.column_attrs:
        value = loaded.get(attribute.key)
        if value is not None and value != [] and value != {}:
            values[attribute.columns[0].name] = _shown(table, attribute.columns[0].name, value)
    return values


def _changes(mapper: Any, target: Any) -> dict[str, list[Any]]:
    table = mapper.persist_selectable.name
    state = inspect(target)
    changes = {}
    for attribute in mapper.column_attrs:
        history = state.attrs[attribute.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old == new:
            continue
        column = attribute.columns[0].name
        changes[column] = [_shown(table, column, old), _shown(table, column, new)]
    return changes


def _write(connection: Any, action: str, entity: str, entity_id: str | None, details: dict[str, Any]) -> None:
    connection.execute(_audit_table.insert().values(
        at=datetime.now(UTC), actor=current_actor()[:200], action=action, entity=entity, entity_id=entity_id,
        details=details,
    ))


def _after_insert(mapper: Any, connection: Any, target: Any) -> None:
    _write(connection, "insert", mapper.persist_selectable.name, _identity(mapper, target), _row_values(mapper, target))


def _after_update(mapper: Any, connection: Any, target: Any) -> None:
    changes = _changes(mapper, target)
    if changes:  # a flush may visit a row whose columns did not change (a relationship did)
        _write(connection, "update", mapper.persist_selectable.name, _identity(mapper, target), changes)


def _after_delete(mapper: Any, connection: Any, target: Any) -> None:
    _write(connection, "delete", mapper.persist_selectable.name, _identity(mapper, target), _row_values(mapper, target))


def watch(base: Any, audit_model: Any) -> None:
    """Log every flushed change of every model under `base` except the audit log itself (registry.py)."""
    global _audit_table
    _audit_table = audit_model.__table__
    excluded = {audit_model.__tablename__, "schema_info"}

    def only_registry(listener: Any) -> Any:
        def call(mapper: Any, connection: Any, target: Any) -> None:
            if mapper.persist_selectable.name not in excluded:
                listener(mapper, connection, target)

        return call

    event.listen(base, "after_insert", only_registry(_after_insert), propagate=True)
    event.listen(base, "after_update", only_registry(_after_update), propagate=True)
    event.listen(base, "after_delete", only_registry(_after_delete), propagate=True)


def inserted(session: Session, row: Any) -> None:
    """Log a row inserted with a Core statement (INSERT … ON CONFLICT), which the flush listeners do not see."""
    mapper = inspect(row).mapper
    _write(session.connection(), "insert", mapper.persist_selectable.name, _identity(mapper, row),
           _row_values(mapper, row))


def log(session: Session, action: str, entity: str, entity_id: str | None = None,
        details: dict[str, Any] | None = None) -> None:
    """An event that is not a row change: an export of personal data, a purge, …"""
    _write(session.connection(), action, entity, entity_id, _plain(details or {}))


# --- reading ---------------------------------------------------------------------------------------


def audit_records(session: Session, tz: Any, since: datetime | None = None) -> list[dict[str, Any]]:
    """The log in order, times in the call's zone: {id, at, actor, action, entity, entity_id, details}."""
    from sqlalchemy import select

    from tasks.registry import AuditEvent

    query = select(AuditEvent).order_by(AuditEvent.id)
    if since is not None:
        query = query.where(AuditEvent.at >= since)
    return [
        {"id": row.id, "at": row.at.astimezone(tz).isoformat(), "actor": row.actor, "action": row.action,
         "entity": row.entity, "entity_id": row.entity_id, "details": row.details or {}}
        for row in session.scalars(query)
    ]
