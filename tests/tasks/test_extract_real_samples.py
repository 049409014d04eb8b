"""Extraction of real PDFs made by other people's tools (py-pdf/sample-files, CC-BY-SA-4.0).

The files live beside the repository in ../shared/samples/real-pdf and are never copied into it;
without that folder this module is skipped. Every file must come out readable or with a clear
problem code, and the ones we know something about must say exactly that.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tasks.extract import Extraction, ExtractionLimits, ExtractionPool

pytestmark = pytest.mark.integration

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "real-pdf"
if not SAMPLES.is_dir():
    pytest.skip(f"real PDF samples not found at {SAMPLES}", allow_module_level=True)

PDFS = sorted(SAMPLES.glob("*.pdf"))
CLEAR_PROBLEMS = {"encrypted", "corrupt", "scanned-no-text", "empty", "timeout", "too-large"}

# File name prefix -> (readable, problem, text the first page starts with, number of pages).
KNOWN: dict[str, tuple[bool, str | None, str, int]] = {
    "001-trivial": (True, None, "Lorem ipsum dolor sit amet", 1),
    "004-pdflatex-4-pages": (True, None, "Hello, here is some text without a meaning.", 4),
    "005-libreoffice-writer-password": (False, "encrypted", "", 0),
    "006-pdflatex-outline": (True, None, "Contents\n1 Foo 2", 4),
    "011-google-doc-document": (True, None, "Example document\nBeautiful is better than ugly.", 1),
    "015-arabic_habibi-rotated": (True, None, " يبيبَح", 4),
    "017-unreadable-meta-data": (False, "corrupt", "", 0),
    "021-pdfa_crazyones": (True, None, "The Crazy Ones\nOctober 14, 1998", 1),
    "026-latex-multicolumn": (True, None, "Two-Column Document with Lorem Ipsum", 3),
}


@pytest.fixture(scope="module")
def results() -> Iterator[dict[str, Extraction]]:
    """All samples through one pool, as the intake runs them."""
    with ExtractionPool(ExtractionLimits(timeout_seconds=60), workers=2) as pool, ThreadPoolExecutor(2) as threads:
        extracted = threads.map(lambda path: pool.extract(path.read_bytes(), path.name), PDFS)
        yield dict(zip((path.name for path in PDFS), extracted, strict=True))


def test_real_samples_folder_has_the_documented_files() -> None:
    assert len(PDFS) == 31


@pytest.mark.parametrize("name", [path.name for path in PDFS])
def test_real_sample_is_read_or_has_a_clear_problem(name: str, results: dict[str, Extraction]) -> None:
    result = results[name]

    assert result.detected_type == "pdf"
    assert result.readable or result.problem in CLEAR_PROBLEMS
    assert (result.problem is None) == (result.problem_message is None)
    assert result.chars == sum(len(page) for page in result.pages)


@pytest.mark.parametrize("prefix", sorted(KNOWN))
def test_real_sample_known_outcome(prefix: str, results: dict[str, Extraction]) -> None:
    (name,) = [name for name in results if name.startswith(prefix)]
    result = results[name]
    readable, problem, start, pages = KNOWN[prefix]

    assert (result.readable, result.problem, len(result.pages)) == (readable, problem, pages)
    assert result.pages[0][: len(start)] == start if pages else result.pages == []


def test_real_sample_password_protected_has_dutch_message(results: dict[str, Extraction]) -> None:
    (name,) = [name for name in results if name.startswith("005-")]

    assert results[name].problem_message == (
        "Het PDF-bestand is beveiligd met een wachtwoord; stuur het opnieuw zonder wachtwoord "
        "of vermeld het wachtwoord in uw mail."
    )
