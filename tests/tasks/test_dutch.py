"""Units of a page: headings, labels, sentences."""

from __future__ import annotations

import pytest

from tasks.dutch import page_units

pytestmark = pytest.mark.unit


def test_page_units_indirect_question_alone_on_a_line_is_a_label():
    units = page_units("voorstel.pdf", 1, "Wat we willen doen.\nWe organiseren elke week een taalcafé.\n\nWie wil, kan komen.")
    kinds = {unit.text: unit.kind for unit in units}
    assert kinds["Wat we willen doen."] == "label"
    assert kinds["Wie wil, kan komen."] == "sentence"
