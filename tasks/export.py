"""Exports: the machine-readable truth of what the pipeline concluded (messages) and the coordinator's
overview (applications). Field names are a contract; the README documents them."""

from __future__ import annotations

import io
import json
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tasks.registry import Application, Message

ANALYSIS_FIELDS = ("service_types", "challenges", "personas", "municipalities", "exclusions")


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return moment.astimezone(tz).isoformat() if moment else None


def _ids(analysis: dict[str, Any] | None, field: str) -> list[str]:
    return [finding["id"] for finding in (analysis or {}).get(field, []) or []]


def _evidence(analysis: dict[str, Any] | None) -> dict[str, dict[str, list[dict[str, Any]]]]:
    if not analysis:
        return {}
    return {
        field: {finding["id"]: finding.get("evidence", []) for finding in analysis.get(field, []) or []}
        for field in (*ANALYSIS_FIELDS, "sections")
    }


def message_records(session: Session, tz: ZoneInfo) -> list[dict[str, Any]]:
    messages = list(
        session.scalars(
            select(Message).options(selectinload(Message.attachments), selectinload(Message.application)).order_by(Message.file)
        )
    )
    files = {message.id: message.file for message in messages}
    superseded_by = {message.supersedes_id: message.file for message in messages if message.supersedes_id}
    records = []
    for message in messages:
        analysis = message.analysis
        records.append(
            {
                "file": message.file,
                "sha256": message.sha256,
                "message_id": message.message_id,
                "kind": message.kind,
                "status": message.status,
                "received_at": _iso(message.received_at, tz),
                "received_at_source": message.received_at_source,
                "on_time": message.on_time,
                "sender": message.sender,
                "subject": message.subject,
                "organisation": message.organisation,
                "title": message.title,
                "application": message.application.reference if message.application else None,
                "version": message.version,
                "supersedes": files.get(message.supersedes_id) if message.supersedes_id else None,
                "superseded_by": superseded_by.get(message.id),
                "duplicate_of": files.get(message.duplicate_of_id) if message.duplicate_of_id else None,
                "rebuttal_of": message.rebuttal_of,
                "problems": list(message.problems or []),
                "problem_messages": list(message.problem_messages or []),
                "attachments": [
                    {
                        "filename": attachment.filename,
                        "stored_as": attachment.stored_as,
                        "sha256": attachment.sha256,
                        "origin": attachment.origin,
                        "detected_type": attachment.detected_type,
                        "readable": attachment.readable,
                        "problem": attachment.problem,
                        "problem_message": attachment.problem_message,
                        "pages": attachment.pages,
                        "chars": attachment.chars,
                    }
                    for attachment in message.attachments
                ],
                **{field: _ids(analysis, field) for field in ANALYSIS_FIELDS},
                "missing_sections": [item["id"] for item in (analysis or {}).get("missing_sections", []) or []],
                "complete": analysis.get("complete") if analysis else None,
                "evidence": _evidence(analysis),
            }
        )
    return records


def application_records(session: Session, tz: ZoneInfo) -> list[dict[str, Any]]:
    applications = list(
        session.scalars(
            select(Application)
            .options(selectinload(Application.current_message).selectinload(Message.attachments))
            .order_by(Application.number)
        )
    )
    records = []
    for application in applications:
        current = application.current_message
        analysis = current.analysis if current else None
        attachment_problems = sorted({a.problem for a in (current.attachments if current else []) if a.problem})
        records.append(
            {
                "reference": application.reference,
                "organisation": application.organisation,
                "sender": application.sender,
                "title": current.title if current else None,
                "version": current.version if current else None,
                "file": current.file if current else None,
                "received_at": _iso(current.received_at if current else None, tz),
                "documents": [a.filename for a in current.attachments] if current else [],
                "attachment_problems": attachment_problems,
                **{field: _ids(analysis, field) for field in ANALYSIS_FIELDS},
                "missing_sections": [item["id"] for item in (analysis or {}).get("missing_sections", []) or []],
                "complete": analysis.get("complete") if analysis else None,
            }
        )
    return records


def to_json(records: list[dict[str, Any]]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=2)


def _flat(records: list[dict[str, Any]]) -> pd.DataFrame:
    flat = []
    for record in records:
        row = {}
        for key, value in record.items():
            if key == "evidence":
                continue
            if isinstance(value, list):
                value = ", ".join(item["filename"] if isinstance(item, dict) else str(item) for item in value)
            row[key] = value
        flat.append(row)
    return pd.DataFrame(flat)


def to_csv(records: list[dict[str, Any]]) -> str:
    return _flat(records).to_csv(index=False)


def to_xlsx(records: list[dict[str, Any]], sheet: str) -> bytes:
    buffer = io.BytesIO()
    frame = _flat(records)
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, sheet_name=sheet, index=False)
        worksheet = writer.sheets[sheet]
        worksheet.freeze_panes = "B2"
        worksheet.auto_filter.ref = worksheet.dimensions
        for column in worksheet.columns:
            width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
            worksheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return buffer.getvalue()
