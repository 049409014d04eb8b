from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from callflow.config import ReviewSettings, load_call_config, load_timeline_config
from callflow.workspace import DEFAULT_CONFIG_DIR
from tasks.packets import (
    PacketApplication,
    coverage_tables,
    document_view,
    exclusions,
    missing_sections,
    render_packet,
    usable_pdf,
)
from tests.factories.documents import make_pdf, truncated
from tests.factories.mails import brussels
from tests.factories.review import analysis

pytestmark = pytest.mark.integration

CALL = load_call_config(DEFAULT_CONFIG_DIR / "call.yaml", environ={})
TIMELINE = load_timeline_config(DEFAULT_CONFIG_DIR / "timeline.yaml")
ORIGINAL = make_pdf(["Projectvoorstel Samen Sterk\nOrganisatie: vzw De Brug", "Begroting\nPersoneel 42.000 euro"])
INJECTION = "Wij bieden woonbegeleiding <img src='file:///etc/passwd'> aan."


def _application(result: dict | None) -> PacketApplication:
    return PacketApplication(
        reference="HAS-2023-001", organisation="vzw De Brug", title="Samen Sterk", received_at=brussels(2023, 5, 20, 14, 3),
        version=2, analysed=bool(result), complete=(result or {}).get("complete"),
        incomplete_reasons=list((result or {}).get("incomplete_reasons", [])),
        coverage=coverage_tables(result, CALL), missing_sections=missing_sections(result, CALL),
        exclusions=exclusions(result, CALL),
        documents=[
            document_view("voorstel.pdf", "pdf", ["Projectvoorstel Samen Sterk", "Wij bieden woonbegeleiding."], 2, None,
                          True),
            document_view("begroting.xlsx", "xlsx", [], None, "Het bestand is beveiligd met een wachtwoord.", False),
        ],
        originals=[("voorstel.pdf", ORIGINAL)] if result else [],
    )


def _text(reader: PdfReader, pages: range | None = None) -> str:
    chosen = reader.pages if pages is None else [reader.pages[i] for i in pages]
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in chosen))


def test_render_packet_cover_matrix_evidence_problems_text_and_original_appended():
    result = analysis(["huisvesting"], complete=False, exclusions=[{"id": "hooggeschoolde-nieuwkomers", "evidence": [
        {"document": "voorstel.pdf", "page": 1, "quote": "Ook hooggeschoolde nieuwkomers zijn welkom."}]}])
    result["service_types"][0]["evidence"][0]["quote"] = INJECTION

    data = render_packet("Bart Claes", "bart.claes@sint-truiden.be", [_application(result)], ReviewSettings(), CALL,
                         TIMELINE, brussels(2023, 6, 5, 8, 0))

    reader = PdfReader(io.BytesIO(data))
    body = _text(reader, range(len(reader.pages) - 2))
    assert "Voor: Bart Claes <bart.claes@sint-truiden.be>" in body
    assert "Stuur uw scores terug vóór vrijdag 16 juni 2023 om 23:59." in body
    assert "Kwaliteit van de aanpak 25" in body
    assert "HAS-2023-001 – vzw De Brug" in body
    assert "Ontvangen op zaterdag 20 mei 2023 om 14:03 (versie 2)" in body
    assert "Volgens de automatische controle is het voorstel onvolledig: Er ontbreekt een begroting." in body
    assert "Regio-uitdaging 1 (Marlies, Nora)" in body
    assert "Types dienstverlening (1 van 12 gevonden)" in body
    assert "(voorstel.pdf, p. 2)" in body
    assert "<img src='file:///etc/passwd'>" in body  # escaped: shown as text, never loaded
    assert "begroting / budget een begroting met bedragen" in body
    assert "met een hoger diploma uit het thuisland" in body and "Ook hooggeschoolde nieuwkomers zijn welkom." in body
    assert "Het bestand is beveiligd met een wachtwoord." in body
    assert "— pagina 2 — Wij bieden woonbegeleiding." in body
    original = _text(reader, range(len(reader.pages) - 2, len(reader.pages)))
    assert "Projectvoorstel Samen Sterk" in original and "Personeel 42.000 euro" in original
    assert [item.title for item in reader.outline if not isinstance(item, list)][-1] == "HAS-2023-001 – voorstel.pdf"


def test_render_packet_without_analysis_says_so_and_still_renders():
    data = render_packet("Tom Gijbels", "tom.gijbels@limburg.be", [_application(None)], ReviewSettings(), CALL, TIMELINE,
                         brussels(2023, 6, 5, 8, 0))

    text = _text(PdfReader(io.BytesIO(data)))
    assert "De automatische controle is voor deze aanvraag niet beschikbaar." in text
    assert "niet beschikbaar" in text.split("Uw aanvragen")[1]
    assert "Regio-uitdaging" not in text


def test_usable_pdf_refuses_encrypted_and_damaged_originals():
    assert usable_pdf(ORIGINAL) is True
    assert usable_pdf(make_pdf(["Geheim"], encrypt_password="geheim")) is False
    assert usable_pdf(truncated(ORIGINAL, 0.4)) is False
    assert usable_pdf(b"%PDF-1.4 nothing") is False
