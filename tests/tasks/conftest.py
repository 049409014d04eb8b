"""Fixtures shared by the analysis tests: the default call, its compiled lexicon, and a reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from callflow.config import CallConfig, load_call_config
from tasks.analyse import Analysis, DocumentText, analyse, build_lexicon
from tasks.analyse_lexicon import Lexicon

CALL_YAML = Path(__file__).resolve().parents[2] / "config" / "call.yaml"


@pytest.fixture(scope="module")
def call() -> CallConfig:
    return load_call_config(CALL_YAML, environ={})


@pytest.fixture(scope="module")
def lexicon(call: CallConfig) -> Lexicon:
    return build_lexicon(call)


@pytest.fixture
def read(call: CallConfig, lexicon: Lexicon):
    """analyse() on one document whose pages are given as strings."""
    def _read(*pages: str, name: str = "voorstel.pdf") -> Analysis:
        return analyse([DocumentText(name, list(pages))], call, lexicon)

    return _read
