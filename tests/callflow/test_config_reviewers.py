from __future__ import annotations

from pathlib import Path

import pytest

from callflow.config import (
    ConfigError,
    load_call_config,
    load_reviewers_config,
    load_timeline_config,
    review_config_problems,
)
from callflow.workspace import DEFAULT_CONFIG_DIR, Workspace
from tasks.review import check_config

pytestmark = pytest.mark.unit


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = (DEFAULT_CONFIG_DIR / "reviewers.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "reviewers.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _error(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as error:
        load_reviewers_config(path)
    return str(error.value).splitlines()


def test_default_reviewers_config_is_valid_and_consistent_with_the_call():
    reviewers = load_reviewers_config(DEFAULT_CONFIG_DIR / "reviewers.yaml")
    call = load_call_config(DEFAULT_CONFIG_DIR / "call.yaml", environ={})
    timeline = load_timeline_config(DEFAULT_CONFIG_DIR / "timeline.yaml")

    assert [r.organisation for r in reviewers.reviewers] == ["VDAB", "OCMW Sint-Truiden", "CAW Limburg", "Provincie Limburg"]
    assert [(c.label, c.weight) for c in reviewers.review.criteria] == [
        ("Aansluiting bij de regio-uitdagingen", 25), ("Kwaliteit van de aanpak", 25), ("Bereik van de doelgroep", 20),
        ("Samenwerking en verankering", 15), ("Haalbaarheid en begroting", 15)]
    assert (reviewers.review.reviewers_per_application, reviewers.review.shortlist.top_n) == (2, 6)
    assert reviewers.pitches is not None and reviewers.pitches.slot_minutes == 30
    assert review_config_problems(reviewers, call, timeline) == []


def test_reviewers_config_unquoted_time_names_key_and_fix(tmp_path):
    path = _write(tmp_path, 'end: "12:30"', "end: 12:30")  # YAML 1.1 reads this as 750
    assert _error(path) == [
        f"{path}: invalid configuration",
        '  pitches.hours.end: write a clock time in quotes, e.g. "13:00" (unquoted, YAML reads 13:00 as a number)',
    ]


def test_reviewers_config_pin_for_unknown_reviewer_is_refused(tmp_path):
    path = _write(tmp_path, "  pin: []", "  pin: [{reviewer: nobody@vdab.be, application: HAS-2023-001}]")
    assert _error(path)[1] == (
        "  (top level): review.pin[0].reviewer 'nobody@vdab.be' is not under reviewers:; "
        "add the reviewer there or correct the address")


def test_reviewers_config_duplicate_criterion_and_bad_threshold_are_refused(tmp_path):
    duplicate = _write(tmp_path, "    - id: bereik", "    - id: aanpak")
    assert _error(duplicate)[1] == "  review: criteria: id 'aanpak' is used twice; give each criterion its own id"
    threshold = _write(tmp_path, "threshold: 5.5", "threshold: 55")
    assert "shortlist.threshold 55.0 lies outside the score range 0–10" in _error(threshold)[1]


def test_reviewers_config_typo_key_and_bad_email_are_reported(tmp_path):
    typo = _write(tmp_path, "  disagreement_margin: 3", "  disagreement_marge: 3")
    assert "  review.disagreement_marge: unknown key; remove it or check its spelling" in _error(typo)
    email = _write(tmp_path, "email: bart.claes@sint-truiden.be", "email: bart.claes")
    assert _error(email)[1].startswith("  reviewers.1.email: 'bart.claes' does not have the expected form")


def test_check_config_pitch_day_outside_timeline_names_file_and_fix(workspace):
    path = workspace.config_dir / "reviewers.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "  days: {}", '  days: {2023-06-20: {start: "13:00", end: "15:00"}}'), encoding="utf-8")

    with pytest.raises(ConfigError) as error:
        check_config(Workspace(workspace.root, environ={}))

    assert str(error.value).splitlines() == [
        f"{path}: invalid configuration",
        "  pitches.days.2023-06-20 is not one of the pitch_days in timeline.yaml (2023-06-19, 2023-06-21, 2023-06-23); "
        "use one of those dates or remove it",
    ]
