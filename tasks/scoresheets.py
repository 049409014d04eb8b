"""Scoring sheets: the xlsx a reviewer fills in (made here) and the one they mail back (read and checked here).

The sheet has one row per assigned application and one column per criterion. Above the visible header row
sits a hidden row with the criterion IDs, so a returned sheet is read by ID, not by label or position: a
reviewer may resize or reorder columns without breaking anything. The sheet is protected without a password
(only the score and remark cells are editable) and the score cells carry data validation, which stops most
mistakes in Excel and LibreOffice; the checks below catch the rest, because protection is easy to remove.
"""

from __future__ import annotations

import io
import math
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from callflow.config import Criterion, ReviewSettings

SHEET = "Scores"
REFERENCE_ID, ORGANISATION_ID, TITLE_ID, REMARK_ID = "referentie", "organisatie", "titel", "opmerkingen"
ID_ROW, HEADER_ROW, FIRST_DATA_ROW = 6, 7, 8
MAX_UNCOMPRESSED_BYTES = 20 * 2**20  # a real scoring sheet is a few tens of kilobytes
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")


@dataclass(frozen=True)
class SheetRow:
    reference: str
    organisation: str
    title: str


# --- making ----------------------------------------------------------------------------------------


def make_scoresheet(
    reviewer_name: str,
    reviewer_email: str,
    rows: Sequence[SheetRow],
    settings: ReviewSettings,
    call_title: str,
    deadline_text: str,
) -> bytes:
    """The sheet for one reviewer, pre-filled with their references and the criteria and weights."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    _intro(sheet, reviewer_name, reviewer_email, settings, call_title, deadline_text)
    criteria = settings.criteria
    ids = [REFERENCE_ID, ORGANISATION_ID, TITLE_ID, *(c.id for c in criteria), REMARK_ID]
    labels = ["Referentie", "Organisatie", "Titel", *(f"{c.label} (gewicht {c.weight:g})" for c in criteria),
              "Opmerkingen (optioneel)"]
    for column, (identifier, label) in enumerate(zip(ids, labels, strict=True), start=1):
        sheet.cell(ID_ROW, column, identifier)
        header = sheet.cell(HEADER_ROW, column, label)
        header.font = Font(bold=True)
        header.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[ID_ROW].hidden = True
    sheet.row_dimensions[HEADER_ROW].height = 45
    score_columns = range(4, 4 + len(criteria))
    for offset, row in enumerate(rows):
        number = FIRST_DATA_ROW + offset
        for column, value in enumerate((row.reference, row.organisation, row.title), start=1):
            sheet.cell(number, column, value)
        for column in [*score_columns, 4 + len(criteria)]:
            cell = sheet.cell(number, column)
            cell.protection = Protection(locked=False)
            cell.fill = INPUT_FILL
    if rows:
        _score_validation(sheet, settings, score_columns, FIRST_DATA_ROW, FIRST_DATA_ROW + len(rows) - 1)
    _layout(sheet, len(ids))
    sheet.protection.sheet = True  # no password: it guards against slips, the checks against the rest
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 2)
    _criteria_sheet(workbook, criteria)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _intro(sheet: Any, name: str, email: str, settings: ReviewSettings, call_title: str, deadline: str) -> None:
    whole = "gehele getallen " if settings.whole_scores else ""
    lines = [
        (f"Scoreblad – {call_title}", True),
        (f"Beoordelaar: {name} <{email}>", False),
        (f"Geef per criterium een score van {settings.score_min} tot {settings.score_max} ({whole}in de gele cellen).", False),
        (f"Stuur dit bestand vóór {deadline} terug als bijlage bij een antwoord op onze e-mail. "
         "Wijzig de referenties niet en voeg geen rijen toe.", False),
    ]
    for number, (text, bold) in enumerate(lines, start=1):
        cell = sheet.cell(number, 1, text)
        cell.font = Font(bold=bold, size=13 if bold else 11)


def _score_validation(sheet: Any, settings: ReviewSettings, columns: range, first: int, last: int) -> None:
    kind = "whole" if settings.whole_scores else "decimal"
    what = "een geheel getal" if settings.whole_scores else "een getal"
    validation = DataValidation(
        type=kind, operator="between", formula1=str(settings.score_min), formula2=str(settings.score_max),
        allow_blank=True, showErrorMessage=True, errorTitle="Ongeldige score",
        error=f"Geef {what} van {settings.score_min} tot {settings.score_max}.",
        showInputMessage=True, promptTitle="Score", prompt=f"{settings.score_min} tot {settings.score_max}",
    )
    sheet.add_data_validation(validation)
    validation.add(f"{get_column_letter(columns.start)}{first}:{get_column_letter(columns.stop - 1)}{last}")


def _layout(sheet: Any, columns: int) -> None:
    widths = {1: 16, 2: 28, 3: 36}
    for column in range(1, columns + 1):
        sheet.column_dimensions[get_column_letter(column)].width = widths.get(column, 18 if column < columns else 45)


def _criteria_sheet(workbook: Workbook, criteria: Sequence[Criterion]) -> None:
    sheet = workbook.create_sheet("Criteria")
    sheet.append(["Criterium", "Gewicht", "Waar let u op?"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for criterion in criteria:
        sheet.append([criterion.label, criterion.weight, criterion.description])
    sheet.column_dimensions["A"].width = 38
    sheet.column_dimensions["C"].width = 100
    sheet.protection.sheet = True


# --- reading and checking --------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetProblem:
    code: str  # unreadable, layout, missing-criterion, not-assigned, unknown-reference, duplicate-row,
    #            missing-application, missing-score, not-a-number, out-of-range, not-whole
    message: str  # Dutch, for the reviewer


@dataclass
class CheckedSheet:
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # reference → criterion → score
    comments: dict[str, str] = field(default_factory=dict)
    problems: list[SheetProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _safe_to_open(data: bytes) -> bool:
    """A zip whose members stay small once unpacked; openpyxl itself does not guard against ZIP bombs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist()) <= MAX_UNCOMPRESSED_BYTES
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def _open(data: bytes) -> Any | None:
    if not _safe_to_open(data):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about data validation extensions it does not read
        try:
            # data_only: the values Excel shows, so a formula counts with its computed value.
            return load_workbook(io.BytesIO(data), data_only=True, read_only=False)
        except Exception:  # noqa: BLE001 - openpyxl raises many types on damaged files
            return None


def _find_columns(sheet: Any, criteria: Sequence[Criterion]) -> tuple[int, dict[str, int]] | None:
    """(first data row, ID → column) from the hidden ID row, searched near the top (rows may be inserted)."""
    for row in sheet.iter_rows(min_row=1, max_row=30):
        ids = {str(cell.value).strip().lower(): cell.column for cell in row if isinstance(cell.value, str)}
        if REFERENCE_ID in ids and any(c.id in ids for c in criteria):
            # The visible header row follows the ID row.
            return row[0].row + 2, ids
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip().replace(",", ".")  # Dutch decimal comma typed as text
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return float(text)
    return None


def _display(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_scoresheet(
    data: bytes,
    filename: str,
    assigned: Sequence[str],
    settings: ReviewSettings,
    known_references: Sequence[str] = (),
) -> CheckedSheet:
    """Read a returned sheet and check it: only the reviewer's own references, each complete, scores in range."""
    checked = CheckedSheet()
    workbook = _open(data)
    if workbook is None:
        checked.problems.append(SheetProblem(
            "unreadable", f"Het bestand '{filename}' kon niet geopend worden als Excel-bestand (.xlsx)."))
        return checked
    try:
        sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        found = _find_columns(sheet, settings.criteria)
        if found is None:
            checked.problems.append(SheetProblem(
                "layout", f"In '{filename}' vonden we de tabel met referenties en criteria niet terug. "
                "Gebruik het scoreblad dat u van ons kreeg, zonder kolommen of rijen te verwijderen."))
            return checked
        first_row, columns = found
        _check_columns(columns, settings, checked)
        if checked.problems:
            return checked
        seen = _read_rows(sheet, first_row, columns, assigned, settings, {r.upper() for r in known_references},
                          checked)
    finally:
        workbook.close()
    for reference in assigned:
        if reference.upper() not in seen:
            checked.problems.append(SheetProblem(
                "missing-application", f"{reference} ontbreekt in het scoreblad; voeg de scores voor die aanvraag toe."))
    if checked.problems:
        checked.scores, checked.comments = {}, {}
    return checked


def _check_columns(columns: dict[str, int], settings: ReviewSettings, checked: CheckedSheet) -> None:
    for criterion in settings.criteria:
        if criterion.id not in columns:
            checked.problems.append(SheetProblem(
                "missing-criterion", f"De kolom voor het criterium '{criterion.label}' ontbreekt in het scoreblad."))


def _read_rows(
    sheet: Any,
    first_row: int,
    columns: dict[str, int],
    assigned: Sequence[str],
    settings: ReviewSettings,
    known: set[str],
    checked: CheckedSheet,
) -> set[str]:
    """Reads every data row into `checked`; returns the references that have a row."""
    mine = {reference.upper() for reference in assigned}
    seen: set[str] = set()
    for number in range(first_row, sheet.max_row + 1):
        raw = sheet.cell(number, columns[REFERENCE_ID]).value
        values = {c.id: sheet.cell(number, columns[c.id]).value for c in settings.criteria}
        if raw is None or not str(raw).strip():
            if any(v not in (None, "") for v in values.values()):
                checked.problems.append(SheetProblem(
                    "unknown-reference", f"Rij {number} heeft scores maar geen referentie."))
            continue
        reference = str(raw).strip().upper()
        if reference not in mine:
            checked.problems.append(_foreign(reference, known))
            continue
        if reference in seen:
            checked.problems.append(SheetProblem(
                "duplicate-row", f"{reference} staat meer dan één keer in het scoreblad; laat één rij over."))
            checked.scores.pop(reference, None)
            continue
        seen.add(reference)
        row_scores = _row_scores(reference, values, settings, checked)
        if row_scores is not None:
            checked.scores[reference] = row_scores
        remark = sheet.cell(number, columns[REMARK_ID]).value if REMARK_ID in columns else None
        if remark not in (None, ""):
            checked.comments[reference] = str(remark).strip()
    return seen


def _foreign(reference: str, known: set[str]) -> SheetProblem:
    # One wording for both cases: the reviewer must not learn whether another application exists.
    message = f"{reference} staat niet op uw lijst van toegewezen aanvragen; verwijder die rij uit het scoreblad."
    return SheetProblem("not-assigned" if reference in known else "unknown-reference", message)


def _row_scores(reference: str, values: dict[str, Any], settings: ReviewSettings,
                checked: CheckedSheet) -> dict[str, float] | None:
    scores: dict[str, float] = {}
    if all(value is None or (isinstance(value, str) and not value.strip()) for value in values.values()):
        checked.problems.append(SheetProblem(
            "missing-score", f"Voor {reference} vulde u nog geen enkele score in."))
        return None
    before = len(checked.problems)
    for criterion in settings.criteria:
        value = values[criterion.id]
        label = criterion.label
        if value is None or (isinstance(value, str) and not value.strip()):
            checked.problems.append(SheetProblem(
                "missing-score", f"Bij {reference} ontbreekt de score voor '{label}'."))
            continue
        number = _number(value)
        if number is None:
            checked.problems.append(SheetProblem(
                "not-a-number", f"Bij {reference} is de score voor '{label}' ('{_display(value)}') geen getal."))
        elif not settings.score_min <= number <= settings.score_max:
            checked.problems.append(SheetProblem(
                "out-of-range", f"Bij {reference} ligt de score voor '{label}' ({_display(number)}) niet tussen "
                f"{settings.score_min} en {settings.score_max}."))
        elif settings.whole_scores and not number.is_integer():
            checked.problems.append(SheetProblem(
                "not-whole", f"Bij {reference} is de score voor '{label}' ({_display(number)}) geen geheel getal."))
        else:
            scores[criterion.id] = number
    return scores if len(checked.problems) == before else None

