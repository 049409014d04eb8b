"""The coordinator's portfolio: which applications cover which service types, challenges and municipalities,
and which needs of the region no proposal covers."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from callflow.config import CallConfig

DIMENSIONS = (
    ("service_types", "Diensttypes"),
    ("challenges", "Uitdagingen"),
    ("municipalities", "Gemeenten"),
)


@dataclass(frozen=True)
class Portfolio:
    matrices: dict[str, pd.DataFrame]  # dimension → applications × ids (True/False)
    gaps: dict[str, list[str]]  # dimension → ids that no complete-or-not application covers


def _ids(call: CallConfig, dimension: str) -> list[str]:
    return list(getattr(call, dimension))


def build_portfolio(applications: list[dict[str, Any]], call: CallConfig) -> Portfolio:
    """Matrices over the current version of every application; gaps are the call's IDs nobody offers."""
    references = [record["reference"] for record in applications]
    matrices: dict[str, pd.DataFrame] = {}
    gaps: dict[str, list[str]] = {}
    for dimension, _label in DIMENSIONS:
        ids = _ids(call, dimension)
        rows = [[identifier in (record.get(dimension) or []) for identifier in ids] for record in applications]
        frame = pd.DataFrame(rows, index=pd.Index(references, name="referentie"), columns=ids, dtype=bool)
        matrices[dimension] = frame
        gaps[dimension] = [identifier for identifier in ids if not frame[identifier].any()] if len(frame) else ids
    return Portfolio(matrices, gaps)


def portfolio_xlsx(portfolio: Portfolio, applications: list[dict[str, Any]]) -> bytes:
    buffer = io.BytesIO()
    organisations = {record["reference"]: record.get("organisation") or "" for record in applications}
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for dimension, label in DIMENSIONS:
            frame = portfolio.matrices[dimension].replace({True: "✓", False: ""})
            frame.insert(0, "organisatie", [organisations.get(reference, "") for reference in frame.index])
            totals = portfolio.matrices[dimension].sum().astype(int)
            frame.loc["aantal aanvragen"] = ["", *totals.tolist()]
            frame.to_excel(writer, sheet_name=label)
            writer.sheets[label].freeze_panes = "C2"
        rows = [
            {"dimensie": label, "niet gedekt": identifier}
            for dimension, label in DIMENSIONS
            for identifier in portfolio.gaps[dimension]
        ]
        pd.DataFrame(rows or [{"dimensie": "", "niet gedekt": "alles is gedekt"}]).to_excel(
            writer, sheet_name="Hiaten", index=False
        )
    return buffer.getvalue()


def portfolio_table(portfolio: Portfolio, dimension: str = "service_types") -> list[dict[str, Any]]:
    """Rows for a Prefect table artifact: one per application, a column per ID ('x' when covered)."""
    frame = portfolio.matrices[dimension]
    return [
        {"reference": reference, **{column: ("x" if frame.at[reference, column] else "") for column in frame.columns}}
        for reference in frame.index
    ]
