from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from callflow.config import ReviewSettings
from tasks.scoresheets import (
    FIRST_DATA_ROW,
    HEADER_ROW,
    ID_ROW,
    SHEET,
    SheetRow,
    make_scoresheet,
    read_scoresheet,
)
from tests.factories.documents import make_docx
from tests.factories.review import fill_sheet

pytestmark = pytest.mark.unit

SETTINGS = ReviewSettings()  # the default Dutch criteria, scores 0-10 in whole numbers
ROWS = [SheetRow("HAS-2023-001", "vzw De Brug", "Samen sterk"), SheetRow("HAS-2023-004", "Buurtwerk Alken", "Buddy's")]
MINE = ["HAS-2023-001", "HAS-2023-004"]
KNOWN = ["HAS-2023-001", "HAS-2023-002", "HAS-2023-003", "HAS-2023-004"]


@pytest.fixture(scope="module")
def sheet() -> bytes:
    return make_scoresheet("Bart Claes", "bart.claes@sint-truiden.be", ROWS, SETTINGS, "Oproep Haspengouw",
                           "vrijdag 16 juni 2023 om 23:59")


def test_scoresheet_is_prefilled_with_references_criteria_weights_and_validation(sheet):
    workbook = load_workbook(io.BytesIO(sheet))
    scores = workbook[SHEET]

    assert [scores.cell(r, 1).value for r in (FIRST_DATA_ROW, FIRST_DATA_ROW + 1)] == MINE
    assert [c.value for c in scores[HEADER_ROW]][3:5] == [
        "Aansluiting bij de regio-uitdagingen (gewicht 25)", "Kwaliteit van de aanpak (gewicht 25)"]
    assert [c.value for c in scores[ID_ROW]] == [
        "referentie", "organisatie", "titel", "regio-uitdagingen", "aanpak", "bereik", "samenwerking", "haalbaarheid",
        "opmerkingen"]
    assert scores.row_dimensions[ID_ROW].hidden is True
    assert "vrijdag 16 juni 2023 om 23:59" in scores.cell(4, 1).value
    [validation] = scores.data_validations.dataValidation
    assert (validation.type, validation.operator, validation.formula1, validation.formula2, str(validation.sqref)) == (
        "whole", "between", "0", "10", f"D{FIRST_DATA_ROW}:H{FIRST_DATA_ROW + 1}")
    assert scores.protection.sheet is True
    assert scores.cell(FIRST_DATA_ROW, 4).protection.locked is False
    assert scores.cell(FIRST_DATA_ROW, 1).protection.locked is True
    criteria = workbook["Criteria"]
    assert [criteria.cell(r, 2).value for r in range(2, 7)] == [25, 25, 20, 15, 15]


def test_read_scoresheet_good_returns_scores_and_comments(sheet):
    filled = fill_sheet(sheet, {"HAS-2023-001": [8, 7, 9, 6, 7], "HAS-2023-004": [5, 5, 6, 4, 5]},
                        comments={"HAS-2023-004": "Sterk netwerk, zwakke begroting"})

    checked = read_scoresheet(filled, "scoreblad.xlsx", MINE, SETTINGS, KNOWN)

    assert checked.problems == []
    assert checked.scores["HAS-2023-001"] == {
        "regio-uitdagingen": 8.0, "aanpak": 7.0, "bereik": 9.0, "samenwerking": 6.0, "haalbaarheid": 7.0}
    assert checked.comments == {"HAS-2023-004": "Sterk netwerk, zwakke begroting"}


def test_read_scoresheet_incomplete_names_each_missing_score_and_empty_row(sheet):
    filled = fill_sheet(sheet, {"HAS-2023-001": [8, 7, None, 6, 7]})

    checked = read_scoresheet(filled, "scoreblad.xlsx", MINE, SETTINGS, KNOWN)

    assert [p.message for p in checked.problems] == [
        "Bij HAS-2023-001 ontbreekt de score voor 'Bereik van de doelgroep'.",
        "Voor HAS-2023-004 vulde u nog geen enkele score in.",
    ]
    assert checked.scores == {}


def test_read_scoresheet_tampered_sheet_is_refused_with_every_reason(sheet):
    filled = fill_sheet(
        sheet, {"HAS-2023-001": [11, 7, "veel", 6, 7.5], "HAS-2023-004": [5, 5, 6, 4, 5]},
        extra_rows=[["HAS-2023-002", "CAW Limburg", "", 9, 9, 9, 9, 9], ["HAS-2023-099", "", "", 1, 1, 1, 1, 1]],
    )

    checked = read_scoresheet(filled, "scoreblad.xlsx", MINE, SETTINGS, KNOWN)

    assert [(p.code, p.message) for p in checked.problems] == [
        ("out-of-range", "Bij HAS-2023-001 ligt de score voor 'Aansluiting bij de regio-uitdagingen' (11) niet tussen 0 en 10."),
        ("not-a-number", "Bij HAS-2023-001 is de score voor 'Bereik van de doelgroep' ('veel') geen getal."),
        ("not-whole", "Bij HAS-2023-001 is de score voor 'Haalbaarheid en begroting' (7.5) geen geheel getal."),
        ("not-assigned", "HAS-2023-002 staat niet op uw lijst van toegewezen aanvragen; verwijder die rij uit het scoreblad."),
        ("unknown-reference", "HAS-2023-099 staat niet op uw lijst van toegewezen aanvragen; verwijder die rij uit het scoreblad."),
    ]
    assert checked.scores == {}


def test_read_scoresheet_deleted_row_and_duplicate_row_are_reported(sheet):
    workbook = load_workbook(io.BytesIO(fill_sheet(sheet, {"HAS-2023-001": [8, 7, 9, 6, 7]})))
    scores = workbook[SHEET]
    scores.cell(FIRST_DATA_ROW + 1, 1).value = "HAS-2023-001"  # the reviewer overwrote HAS-2023-004
    for column in range(4, 9):
        scores.cell(FIRST_DATA_ROW + 1, column).value = 5
    buffer = io.BytesIO()
    workbook.save(buffer)

    checked = read_scoresheet(buffer.getvalue(), "scoreblad.xlsx", MINE, SETTINGS, KNOWN)

    assert [p.code for p in checked.problems] == ["duplicate-row", "missing-application"]
    assert checked.problems[1].message == "HAS-2023-004 ontbreekt in het scoreblad; voeg de scores voor die aanvraag toe."


def test_read_scoresheet_reordered_columns_are_read_by_criterion_id(sheet):
    workbook = load_workbook(io.BytesIO(fill_sheet(sheet, {"HAS-2023-001": [8, 7, 9, 6, 7], "HAS-2023-004": [5, 5, 6, 4, 5]})))
    scores = workbook[SHEET]
    scores.move_range(f"D{ID_ROW}:D{FIRST_DATA_ROW + 1}", cols=7)  # 'regio-uitdagingen' moved to the far right
    buffer = io.BytesIO()
    workbook.save(buffer)

    checked = read_scoresheet(buffer.getvalue(), "scoreblad.xlsx", MINE, SETTINGS, KNOWN)

    assert checked.problems == []
    assert checked.scores["HAS-2023-004"]["regio-uitdagingen"] == 5.0


def test_read_scoresheet_decimal_comma_text_accepted_when_halves_allowed(sheet):
    halves = ReviewSettings(whole_scores=False)
    filled = fill_sheet(sheet, {"HAS-2023-001": ["7,5", 7, 9, 6, 7], "HAS-2023-004": [5, 5, 6, 4, 5.5]})

    checked = read_scoresheet(filled, "scoreblad.xlsx", MINE, halves, KNOWN)

    assert (checked.problems, checked.scores["HAS-2023-001"]["regio-uitdagingen"]) == ([], 7.5)


def test_read_scoresheet_word_file_and_bomb_are_unreadable():
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (25 * 2**20))

    for data in (make_docx(["Mijn scores: 8, 7, 9"]), bomb.getvalue(), b"not a zip"):
        checked = read_scoresheet(data, "scores.xlsx", MINE, SETTINGS, KNOWN)
        assert [(p.code, p.message) for p in checked.problems] == [
            ("unreadable", "Het bestand 'scores.xlsx' kon niet geopend worden als Excel-bestand (.xlsx).")]


def test_read_scoresheet_foreign_workbook_has_no_score_table():
    from tests.factories.documents import make_xlsx

    checked = read_scoresheet(make_xlsx([["Referentie", "Score"], ["HAS-2023-001", 8]]), "eigen.xlsx", MINE, SETTINGS)

    assert [p.code for p in checked.problems] == ["layout"]
