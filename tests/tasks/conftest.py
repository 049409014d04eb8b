"""Fixtures shared by the analysis tests: the default call, its compiled lexicon, and readers."""

from __future__ import annotations

from pathlib import Path

import pytest

from callflow.config import CallConfig, load_call_config
from tasks.analyse import Analysis, DocumentText, analyse, build_lexicon
from tasks.analyse_lexicon import Lexicon
from tasks.extract import extract_bytes
from tests.factories.documents import make_pdf

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


@pytest.fixture
def read_pdf(call: CallConfig, lexicon: Lexicon):
    """analyse() on a real PDF of the given pages, read back with the extractor (lines as a PDF lays them out)."""
    def _read_pdf(*pages: str) -> Analysis:
        extraction = extract_bytes(make_pdf(list(pages)), "voorstel.pdf")
        return analyse([DocumentText("voorstel.pdf", list(extraction.pages))], call, lexicon)

    return _read_pdf
