"""Which Prefect flow runs each kind of milestone (config/timeline.yaml names them by these keys)."""

from __future__ import annotations

from importlib import import_module
from typing import Any

FLOW_PATHS = {
    "intake": "flows.intake:intake",
    "deadline": "flows.deadline:deadline",
    "review": "flows.review:review",
    "review-reminder": "flows.review:review_reminder",
    "shortlist": "flows.review:shortlist",
    "decision-warning": "flows.decisions:decision_warning",
    "decisions": "flows.decisions:decisions",
    "rebuttal-check": "flows.decisions:rebuttal_check",
}

# Every flow callflow runs: the milestone flows, plus the run-due flow and its per-milestone wrapper.
CALLFLOW_FLOWS = frozenset({*FLOW_PATHS, "run-due", "milestone"})


def load_flow(name: str) -> Any:
    module_name, _, attribute = FLOW_PATHS[name].partition(":")
    return getattr(import_module(module_name), attribute)
