"""From returned scores to a ranking and a shortlist for the pitches (pure, pandas).

Per application and criterion: the mean and the spread (highest minus lowest score) over its reviewers.
Weighted total = sum(weight x mean) / sum(weights), on the same scale as the scores, so a threshold reads
like a score ("at least 6 out of 10"). Disagreement: reviewers differ by more than the configured margin on
a criterion or on their weighted totals; the jury should talk about those before trusting the rank.
Shortlist: the top N weighted totals (everyone tied with the N-th is kept: cutting a tie by reference
number would be arbitrary), optionally only those at or above a threshold.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from callflow.config import CallConfig, ReviewSettings

PRECISION = 6  # totals are compared after rounding, so 7.1 and 7.1000000001 tie as they should


@dataclass(frozen=True)
class ScoreRecord:
    reviewer: str
    application: str
    criterion: str
    score: float


@dataclass(frozen=True)
class ApplicationFacts:
    reference: str
    organisation: str
    title: str
    service_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    required: list[str]
    covered: dict[str, list[str]]  # service type → shortlisted references that offer it
    missing: list[str]


@dataclass
class Ranking:
    applications: pd.DataFrame  # one row per application, ranked, with the shortlist flag
    criteria: pd.DataFrame  # one row per (application, criterion): mean, spread, std, n, disagreement
    reviewers: pd.DataFrame  # one row per (application, reviewer): scores and weighted total
    shortlist: list[str]
    coverage: Coverage
    notes: list[str] = field(default_factory=list)


def _scores_frame(scores: Sequence[ScoreRecord]) -> pd.DataFrame:
    columns = ["reviewer", "application", "criterion", "score"]
    frame = pd.DataFrame([vars(record) for record in scores], columns=columns)
    return frame.astype({"score": "float64"})


def _weights(settings: ReviewSettings) -> pd.Series:
    return pd.Series({criterion.id: criterion.weight for criterion in settings.criteria}, dtype="float64")


def per_criterion(scores: pd.DataFrame, settings: ReviewSettings) -> pd.DataFrame:
    grouped = scores.groupby(["application", "criterion"])["score"]
    frame = pd.DataFrame({
        "mean": grouped.mean(),
        "spread": grouped.max() - grouped.min(),
        "std": grouped.std(ddof=0),
        "n": grouped.count(),
    })
    frame["disagreement"] = frame["spread"] > settings.disagreement_margin
    return frame


def per_reviewer(scores: pd.DataFrame, settings: ReviewSettings) -> pd.DataFrame:
    """(application, reviewer) × criterion, plus each reviewer's own weighted total."""
    wide = scores.pivot_table(index=["application", "reviewer"], columns="criterion", values="score", aggfunc="first")
    weights = _weights(settings)
    wide = wide.reindex(columns=list(weights.index))
    wide["total"] = (wide[weights.index] * weights).sum(axis=1, min_count=len(weights)) / weights.sum()
    return wide


def _totals(criteria: pd.DataFrame, reviewers: pd.DataFrame, settings: ReviewSettings) -> pd.DataFrame:
    weights = _weights(settings)
    means = criteria["mean"].unstack("criterion").reindex(columns=list(weights.index))
    total = (means * weights).sum(axis=1, min_count=len(weights)) / weights.sum()
    reviewer_totals = reviewers["total"].groupby(level="application")
    spread = (reviewer_totals.max() - reviewer_totals.min()).reindex(means.index)
    split = criteria["disagreement"].groupby(level="application").any().reindex(means.index, fill_value=False)
    frame = means.copy()
    frame["total"] = total.round(PRECISION)
    frame["total_spread"] = spread
    frame["disagreement"] = split | (spread > settings.disagreement_margin)
    frame["scored_by"] = reviewers.reset_index().groupby("application")["reviewer"].nunique().reindex(means.index)
    return frame


def _disagreement_on(criteria: pd.DataFrame, reference: str, labels: Mapping[str, str]) -> str:
    if reference not in criteria.index.get_level_values("application"):
        return ""
    rows = criteria.xs(reference, level="application")
    split = set(rows.index[rows["disagreement"]])
    return ", ".join(label for criterion, label in labels.items() if criterion in split)  # in config order


def select_shortlist(totals: pd.Series, settings: ReviewSettings) -> list[str]:
    """References on the shortlist, best first (ties by reference): top N with ties kept, above the threshold."""
    rule = settings.shortlist
    ranked = totals.dropna().round(PRECISION)
    ranked = ranked.sort_index().sort_values(ascending=False, kind="stable")
    if rule.threshold is not None:
        ranked = ranked[ranked >= rule.threshold]
    if rule.top_n is not None and len(ranked) > rule.top_n:
        ranked = ranked[ranked >= ranked.iloc[rule.top_n - 1]]
    return list(ranked.index)


def coverage(shortlist: Sequence[str], facts: Mapping[str, ApplicationFacts], call: CallConfig,
             settings: ReviewSettings) -> Coverage:
    required = list(settings.shortlist.required_service_types) or list(call.service_types)
    covered = {
        service: [ref for ref in shortlist if ref in facts and service in facts[ref].service_types]
        for service in required
    }
    return Coverage(required, covered, [service for service in required if not covered[service]])


def rank(
    scores: Sequence[ScoreRecord],
    assignments: Sequence[tuple[str, str]],
    facts: Mapping[str, ApplicationFacts],
    settings: ReviewSettings,
    call: CallConfig,
) -> Ranking:
    """Aggregate the current scores of every assigned application into a ranking and a shortlist."""
    frame = _scores_frame(scores)
    assigned = pd.Series([app for _reviewer, app in assignments], dtype="object").value_counts()
    references = sorted(set(assigned.index) | set(frame["application"]))
    criteria = per_criterion(frame, settings)
    reviewers = per_reviewer(frame, settings)
    totals = _totals(criteria, reviewers, settings).reindex(references)
    totals["assigned"] = assigned.reindex(references).fillna(0).astype(int)
    totals["scored_by"] = totals["scored_by"].fillna(0).astype(int)
    totals["disagreement"] = totals["disagreement"].astype("boolean").fillna(False).astype(bool)
    totals["rank"] = totals["total"].rank(method="min", ascending=False).astype("Int64")
    shortlist = select_shortlist(totals["total"], settings)
    totals["shortlisted"] = [ref in shortlist for ref in totals.index]
    labels = {criterion.id: criterion.label for criterion in settings.criteria}
    totals["disagreement_on"] = [_disagreement_on(criteria, ref, labels) for ref in totals.index]
    totals["organisation"] = [facts[ref].organisation if ref in facts else "" for ref in totals.index]
    totals["title"] = [facts[ref].title if ref in facts else "" for ref in totals.index]
    totals.index.name = "application"
    totals.columns.name = None
    # Best first; ties and unscored applications in reference order.
    totals = totals.sort_index().sort_values("total", ascending=False, na_position="last", kind="stable")
    notes = _notes(totals, settings)
    return Ranking(totals, criteria, reviewers, shortlist, coverage(shortlist, facts, call, settings), notes)


def _notes(totals: pd.DataFrame, settings: ReviewSettings) -> list[str]:
    notes = []
    for reference, row in totals.iterrows():
        if row["scored_by"] < row["assigned"]:
            notes.append(f"{reference}: {row['scored_by']} van {row['assigned']} beoordelaars stuurden scores terug")
        if row["disagreement"]:
            notes.append(f"{reference}: beoordelaars verschillen meer dan {settings.disagreement_margin:g} punten"
                         + (f" ({row['disagreement_on']})" if row["disagreement_on"] else " (gewogen totaal)"))
    rule = settings.shortlist
    listed = totals[totals["shortlisted"]]
    if rule.top_n is not None and len(listed) > rule.top_n:
        notes.append(f"ex aequo op plaats {rule.top_n}: de shortlist telt {len(listed)} aanvragen in plaats van {rule.top_n}")
    return notes


# --- outputs ---------------------------------------------------------------------------------------


def _round(value: Any, digits: int = 2) -> Any:
    return None if value is None or pd.isna(value) else round(float(value), digits)


def ranking_rows(ranking: Ranking, settings: ReviewSettings) -> list[dict[str, Any]]:
    """One row per application for the jury overview and the Prefect table artifact (Dutch column names)."""
    rows = []
    for reference, row in ranking.applications.iterrows():
        rows.append({
            "rang": None if pd.isna(row["rank"]) else int(row["rank"]),
            "referentie": reference,
            "organisatie": row["organisation"],
            "titel": row["title"],
            "gewogen totaal": _round(row["total"]),
            **{criterion.label: _round(row.get(criterion.id)) for criterion in settings.criteria},
            "beoordelaars": f"{row['scored_by']}/{row['assigned']}",
            "verschil totalen": _round(row["total_spread"]),
            "onenigheid": ("ja: " + (row["disagreement_on"] or "gewogen totaal")) if row["disagreement"] else "",
            "shortlist": "ja" if row["shortlisted"] else "",
        })
    return rows


def _criteria_rows(ranking: Ranking, settings: ReviewSettings) -> list[dict[str, Any]]:
    labels = {criterion.id: criterion.label for criterion in settings.criteria}
    rows = []
    for (reference, criterion), row in ranking.criteria.sort_index().iterrows():
        rows.append({
            "referentie": reference, "criterium": labels.get(criterion, criterion),
            "gemiddelde": _round(row["mean"]), "spreiding (hoogste - laagste)": _round(row["spread"]),
            "standaardafwijking": _round(row["std"]), "aantal scores": int(row["n"]),
            "onenigheid": "ja" if row["disagreement"] else "",
        })
    return rows


def _reviewer_rows(ranking: Ranking, settings: ReviewSettings, names: Mapping[str, str],
                   comments: Mapping[tuple[str, str], str]) -> list[dict[str, Any]]:
    rows = []
    for (reference, reviewer), row in ranking.reviewers.sort_index().iterrows():
        rows.append({
            "referentie": reference, "beoordelaar": names.get(reviewer, reviewer),
            **{criterion.label: _round(row.get(criterion.id)) for criterion in settings.criteria},
            "gewogen totaal": _round(row["total"]), "opmerking": comments.get((reviewer, reference), ""),
        })
    return rows


def _coverage_rows(ranking: Ranking, call: CallConfig) -> list[dict[str, Any]]:
    return [
        {"type dienstverlening": service, "omschrijving": call.service_types[service].gist,
         "aangeboden door (shortlist)": ", ".join(refs), "status": "gedekt" if refs else "ONTBREEKT"}
        for service, refs in ranking.coverage.covered.items()
        if service in call.service_types
    ]


def _rule_rows(settings: ReviewSettings) -> list[dict[str, Any]]:
    rule = settings.shortlist
    rows = [{"regel": f"gewicht {c.label}", "waarde": c.weight} for c in settings.criteria]
    rows += [
        {"regel": "schaal", "waarde": f"{settings.score_min} tot {settings.score_max}"},
        {"regel": "gewogen totaal", "waarde": "som(gewicht x gemiddelde score) / som(gewichten)"},
        {"regel": "onenigheid bij een verschil groter dan", "waarde": settings.disagreement_margin},
        {"regel": "shortlist: beste", "waarde": rule.top_n if rule.top_n is not None else "—"},
        {"regel": "shortlist: minimaal gewogen totaal", "waarde": rule.threshold if rule.threshold is not None else "—"},
    ]
    return rows


def overview_xlsx(ranking: Ranking, settings: ReviewSettings, call: CallConfig,
                  names: Mapping[str, str] | None = None,
                  comments: Mapping[tuple[str, str], str] | None = None) -> bytes:
    """The jury's overview: ranking, per criterion, per reviewer, coverage of the service types, rules."""
    sheets = {
        "Rangschikking": ranking_rows(ranking, settings),
        "Per criterium": _criteria_rows(ranking, settings),
        "Per beoordelaar": _reviewer_rows(ranking, settings, names or {}, comments or {}),
        "Dekking": _coverage_rows(ranking, call),
        "Regels": _rule_rows(settings),
    }
    if ranking.notes:
        sheets["Aandachtspunten"] = [{"aandachtspunt": note} for note in ranking.notes]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, rows in sheets.items():
            pd.DataFrame(rows or [{"": "geen gegevens"}]).to_excel(writer, sheet_name=name, index=False)
            worksheet = writer.sheets[name]
            worksheet.freeze_panes = "A2"
            for column in worksheet.columns:
                width = max((len(str(cell.value)) for cell in column if cell.value is not None), default=8)
                worksheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    return buffer.getvalue()
