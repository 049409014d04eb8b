"""`callflow demo`, the README's quick start, as a user runs it: a fresh process, a real Prefect server."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration


def test_demo_replays_a_call_and_says_where_to_look(tmp_path: Path) -> None:
    target = tmp_path / "demo"
    process = subprocess.Popen(
        [sys.executable, "-m", "callflow.cli", "demo", str(target), "--applications", "4", "--seed", "7"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, output[-3000:]

    for milestone in ("deadline", "review-packets", "shortlist", "decisions", "rebuttal-check"):
        assert f"milestones: {milestone}" in output, output[-3000:]
    assert f"Where to look (workspace {target})" in output
    sent = [re.sub(r"^\d+-", "", path.name) for path in (target / "outbox" / "sent").glob("*.eml")]
    for kind in ("acknowledgement", "review-packet", "pitch-invitation", "decision", "rebuttal-receipt"):
        assert any(name.startswith(f"{kind}-") for name in sent), (kind, sorted(sent))
    assert list((target / "packets" / "review").rglob("*.pdf"))
    messages = json.loads((target / "exports" / "messages.json").read_text(encoding="utf-8"))
    assert sum(1 for record in messages if record.get("kind") == "application") >= 4
