from __future__ import annotations

import io

import pandas as pd
import pytest

from callflow.config import ReviewSettings, ShortlistSettings, load_call_config
from callflow.workspace import DEFAULT_CONFIG_DIR
from tasks.scores import ApplicationFacts, ScoreRecord, overview_xlsx, rank, ranking_rows, select_shortlist

pytestmark = pytest.mark.unit

CALL = load_call_config(DEFAULT_CONFIG_DIR / "call.yaml", environ={})
CRITERIA = ["regio-uitdagingen", "aanpak", "bereik", "samenwerking", "haalbaarheid"]  # weights 25 25 20 15 15
A, B = "a@vdab.be", "b@limburg.be"


def scores(reviewer: str, reference: str, values: list[float]) -> list[ScoreRecord]:
    return [ScoreRecord(reviewer, reference, criterion, value) for criterion, value in zip(CRITERIA, values, strict=True)]


FACTS = {
    "HAS-2023-001": ApplicationFacts("HAS-2023-001", "vzw De Brug", "Samen sterk", ("trajectbegeleiding", "huisvesting")),
    "HAS-2023-002": ApplicationFacts("HAS-2023-002", "CAW Limburg", "Thuis", ("huisvesting",)),
    "HAS-2023-003": ApplicationFacts("HAS-2023-003", "OCMW Heers", "Taal", ("nederlandse-taal",)),
    "HAS-2023-004": ApplicationFacts("HAS-2023-004", "Buurtwerk Alken", "Buddy", ("netwerk",)),
}
PAIRS = [(reviewer, ref) for ref in FACTS for reviewer in (A, B)]
RECORDS = [
    *scores(A, "HAS-2023-001", [8, 8, 8, 8, 8]), *scores(B, "HAS-2023-001", [9, 7, 8, 8, 8]),
    *scores(A, "HAS-2023-002", [9, 2, 6, 6, 6]), *scores(B, "HAS-2023-002", [5, 7, 6, 6, 6]),
    *scores(A, "HAS-2023-003", [5, 5, 5, 5, 5]), *scores(B, "HAS-2023-003", [5, 5, 5, 5, 5]),
    *scores(A, "HAS-2023-004", [3, 3, 3, 3, 3]),  # B never returned
]


def test_rank_weighted_total_mean_spread_and_disagreement():
    settings = ReviewSettings(shortlist=ShortlistSettings(top_n=2))

    ranking = rank(RECORDS, PAIRS, FACTS, settings, CALL)

    frame = ranking.applications
    assert list(frame.index) == ["HAS-2023-001", "HAS-2023-002", "HAS-2023-003", "HAS-2023-004"]
    assert frame.loc["HAS-2023-001", "total"] == 8.0  # (25*8.5 + 25*7.5 + 20*8 + 15*8 + 15*8) / 100
    assert frame.loc["HAS-2023-002", "total"] == 5.875  # (25*7 + 25*4.5 + 20*6 + 15*6 + 15*6) / 100
    assert ranking.criteria.loc[("HAS-2023-002", "aanpak"), ["mean", "spread"]].tolist() == [4.5, 5.0]
    assert ranking.criteria.loc[("HAS-2023-002", "regio-uitdagingen"), "spread"] == 4.0
    assert frame["disagreement"].tolist() == [False, True, False, False]
    assert frame.loc["HAS-2023-002", "disagreement_on"] == "Aansluiting bij de regio-uitdagingen, Kwaliteit van de aanpak"
    assert (frame.loc["HAS-2023-004", "scored_by"], frame.loc["HAS-2023-004", "assigned"]) == (1, 2)
    assert frame["rank"].tolist() == [1, 2, 3, 4]
    assert ranking.shortlist == ["HAS-2023-001", "HAS-2023-002"]
    assert ranking.notes == [
        "HAS-2023-002: beoordelaars verschillen meer dan 3 punten (Aansluiting bij de regio-uitdagingen, Kwaliteit van de aanpak)",
        "HAS-2023-004: 1 van 2 beoordelaars stuurden scores terug",
    ]


def test_select_shortlist_keeps_ties_at_the_cut_and_applies_threshold():
    totals = pd.Series({"HAS-2023-001": 8.0, "HAS-2023-002": 7.0, "HAS-2023-003": 7.0, "HAS-2023-004": 4.0,
                        "HAS-2023-005": float("nan")})

    top_two = select_shortlist(totals, ReviewSettings(shortlist=ShortlistSettings(top_n=2)))
    threshold = select_shortlist(totals, ReviewSettings(shortlist=ShortlistSettings(top_n=None, threshold=5)))
    both = select_shortlist(totals, ReviewSettings(shortlist=ShortlistSettings(top_n=1, threshold=7.5)))

    assert (top_two, threshold, both) == (
        ["HAS-2023-001", "HAS-2023-002", "HAS-2023-003"], ["HAS-2023-001", "HAS-2023-002", "HAS-2023-003"],
        ["HAS-2023-001"])


def test_rank_coverage_shows_covered_and_missing_service_types():
    settings = ReviewSettings(shortlist=ShortlistSettings(top_n=2, required_service_types=[
        "trajectbegeleiding", "huisvesting", "nederlandse-taal"]))

    ranking = rank(RECORDS, PAIRS, FACTS, settings, CALL)

    assert ranking.coverage.covered == {
        "trajectbegeleiding": ["HAS-2023-001"], "huisvesting": ["HAS-2023-001", "HAS-2023-002"], "nederlandse-taal": []}
    assert ranking.coverage.missing == ["nederlandse-taal"]


def test_rank_default_coverage_counts_every_service_type_of_the_call():
    ranking = rank(RECORDS, PAIRS, FACTS, ReviewSettings(), CALL)
    assert len(ranking.coverage.required) == len(CALL.service_types) == 12


def test_rank_without_any_scores_ranks_nobody():
    ranking = rank([], PAIRS, FACTS, ReviewSettings(), CALL)

    assert ranking.shortlist == []
    assert ranking.applications["total"].isna().all()
    assert [row["beoordelaars"] for row in ranking_rows(ranking, ReviewSettings())] == ["0/2"] * 4


def test_overview_xlsx_has_the_jury_sheets_with_values():
    settings = ReviewSettings(shortlist=ShortlistSettings(top_n=2))
    ranking = rank(RECORDS, PAIRS, FACTS, settings, CALL)

    data = overview_xlsx(ranking, settings, CALL, names={A: "Katrien", B: "Tom"},
                         comments={(A, "HAS-2023-001"): "Sterk"})

    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets) == ["Rangschikking", "Per criterium", "Per beoordelaar", "Dekking", "Regels", "Aandachtspunten"]
    first = sheets["Rangschikking"].iloc[0]
    assert (first["rang"], first["referentie"], first["gewogen totaal"], first["shortlist"]) == (1, "HAS-2023-001", 8.0, "ja")
    reviewers = sheets["Per beoordelaar"]
    assert reviewers[reviewers["opmerking"] == "Sterk"][["referentie", "beoordelaar"]].values.tolist() == [
        ["HAS-2023-001", "Katrien"]]
    coverage = sheets["Dekking"].set_index("type dienstverlening")
    assert coverage.loc["kinderopvang", "status"] == "ONTBREEKT"
    assert coverage.loc["huisvesting", "aangeboden door (shortlist)"] == "HAS-2023-001, HAS-2023-002"
