"""Text extraction from every format an applicant sends, on files the factories build."""

from __future__ import annotations

import io
import json
import shutil

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.extract import Extraction, ExtractionLimits, detect_type, extract_bytes
from tasks.extract_core import PROBLEM_CODES, problem_message
from tasks.extract_ocr import ocr_available
from tests.factories.documents import (
    make_big_table_pdf,
    make_doc,
    make_docx,
    make_docx_bomb,
    make_docx_with_body,
    make_eml,
    make_encrypted_office,
    make_fake_doc,
    make_html,
    make_image,
    make_ods,
    make_odt,
    make_pdf,
    make_pdf_form,
    make_pdf_with_attachments,
    make_pptx,
    make_rtf,
    make_scanned_pdf,
    make_tiff,
    make_xlsx,
    make_zip,
    make_zip_bomb,
    truncated,
)

pytestmark = pytest.mark.unit

needs_ocr = pytest.mark.skipif(not ocr_available("nld"), reason="tesseract with the Dutch model is not installed")

BUDGET = [
    ["Kostenpost", "Omschrijving", "Bedrag"],
    ["Personeel", "Projectleider 0,5 VTE", "€ 24.000"],
    ["Werking", "Huur en materiaal", "€ 6.500"],
    ["Totaal", "", "€ 30.500"],
]


# ------------------------------------------------------------------------------------------- types


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (make_pdf(["Voorstel"]), "voorstel.pdf", ("pdf", False)),
        (make_docx(["Voorstel"]), "voorstel.docx", ("docx", False)),
        (make_odt(["Voorstel"]), "voorstel.odt", ("odt", False)),
        (make_xlsx([["Post", 1]]), "begroting.xlsx", ("xlsx", False)),
        (make_rtf("Voorstel"), "voorstel.rtf", ("rtf", False)),
        (make_doc(["Voorstel"]), "voorstel.doc", ("doc", False)),
        (make_zip({"a.txt": b"x"}), "bijlagen.zip", ("zip", False)),
        (make_html("<p>Voorstel</p>"), "voorstel.html", ("html", False)),
        (make_eml("Voorstel"), "doorgestuurd.eml", ("eml", False)),
        (b"Gewone tekst", "notities.txt", ("text", False)),
        (make_image("Voorstel", "JPEG"), "voorstel.pdf", ("jpeg", True)),
        (make_docx(["Voorstel"]), "voorstel.pdf", ("docx", True)),
        (make_pdf(["Voorstel"]), "voorstel", ("pdf", False)),
        (make_fake_doc(), "voorstel.doc", ("unknown", True)),
    ],
)
def test_detect_type_by_content(data: bytes, filename: str, expected: tuple[str, bool]) -> None:
    assert detect_type(data, filename) == expected


# --------------------------------------------------------------------------------------------- PDF


def test_extract_pdf_pages_in_order_with_dutch_accents() -> None:
    pdf = make_pdf(["Inleiding\nDe financiën van de cliënt", "Tweede pagina", "Derde pagina"], title="Voorstel")

    result = extract_bytes(pdf, "voorstel.pdf")

    assert result.pages == ["Inleiding\nDe financiën van de cliënt", "Tweede pagina", "Derde pagina"]
    assert (result.detected_type, result.readable, result.problem, result.method) == ("pdf", True, None, "pypdfium2")
    assert result.chars == sum(len(page) for page in result.pages)


def test_extract_pdf_budget_table_rows_appended_like_pdfplumber_reads_them() -> None:
    pdf = make_pdf(["Begroting", "Begroting van het project"], table=BUDGET)

    result = extract_bytes(pdf, "voorstel.pdf")

    expected_rows = [
        "Kostenpost | Omschrijving | Bedrag",
        "Personeel | Projectleider 0,5 VTE | € 24.000",
        "Werking | Huur en materiaal | € 6.500",
        "Totaal |  | € 30.500",
    ]
    assert result.pages[0] == "Begroting"
    assert result.pages[1].split("\n\n")[-1].split("\n") == expected_rows
    with pdfplumber.open(io.BytesIO(pdf)) as oracle:
        oracle_rows = [" | ".join(cell or "" for cell in row) for row in oracle.pages[1].extract_tables()[0]]
    assert oracle_rows == expected_rows


def test_extract_pdf_oversized_table_is_skipped_with_note() -> None:
    result = extract_bytes(make_big_table_pdf(rows=300), "tabel.pdf")

    assert result.notes == ["table-detection-skipped:1"]
    assert result.pages[0].count("post ") == 300 * 6  # every cell's text is still there, in the text layer


def test_extract_pdf_filled_form_fields_are_read() -> None:
    form = make_pdf_form({"Naam organisatie": "Vzw De Brug", "Gevraagd bedrag": "EUR 30.500 voor cliënten"})

    result = extract_bytes(form, "aanvraagformulier.pdf")

    assert result.pages == ["Aanvraagformulier\nNaam organisatie\nGevraagd bedrag\nVzw De Brug EUR 30.500 voor cliënten"]


def test_extract_pdf_embedded_files_are_named_in_notes() -> None:
    pdf = make_pdf_with_attachments(["Zie bijlage"], {"begroting.xlsx": b"PK"})

    result = extract_bytes(pdf, "voorstel.pdf")

    assert (result.pages, result.notes) == (["Zie bijlage"], ["pdf-attachments-not-extracted: begroting.xlsx"])


def test_extract_pdf_hyphenated_line_end_joins_the_word() -> None:
    assert extract_bytes(make_pdf(["De finan-\nciën zijn gezond."]), "v.pdf").pages == ["De financiën zijn gezond."]


def test_extract_pdf_hyphen_of_a_name_at_line_end_kept() -> None:
    pages = extract_bytes(make_pdf(["We werken in Sint-\nJoris en Sint-\nTruiden."]), "v.pdf").pages
    assert pages == ["We werken in Sint-Joris en Sint-Truiden."]


def test_extract_pdf_encrypted_without_password_is_encrypted() -> None:
    result = extract_bytes(make_pdf(["Geheim voorstel"], encrypt_password="haspengouw"), "voorstel.pdf")

    assert (result.problem, result.readable, result.pages) == ("encrypted", False, [])
    assert result.problem_message == (
        "Het PDF-bestand is beveiligd met een wachtwoord; stuur het opnieuw zonder wachtwoord "
        "of vermeld het wachtwoord in uw mail."
    )


def test_extract_pdf_encrypted_with_wrong_passwords_is_encrypted() -> None:
    pdf = make_pdf(["Geheim voorstel"], encrypt_password="haspengouw")

    result = extract_bytes(pdf, "voorstel.pdf", passwords=["fout", "Haspengouw"])

    assert (result.problem, result.readable) == ("encrypted", False)


def test_extract_pdf_encrypted_with_password_from_mail_is_readable() -> None:
    pdf = make_pdf(["Geheim voorstel"], encrypt_password="haspengouw")

    result = extract_bytes(pdf, "voorstel.pdf", passwords=["fout", "haspengouw"])

    assert (result.pages, result.problem, result.notes) == (["Geheim voorstel"], None, ["opened-with-password"])


def test_extract_pdf_truncated_in_the_middle_is_corrupt() -> None:
    result = extract_bytes(truncated(make_pdf(["Een", "Twee", "Drie"])), "voorstel.pdf")

    assert (result.detected_type, result.problem, result.readable) == ("pdf", "corrupt", False)
    assert result.problem_message == "Het bestand is beschadigd of onvolledig en kan niet worden geopend; stuur het opnieuw."


def test_extract_pdf_missing_its_end_is_corrupt_but_keeps_recovered_text() -> None:
    pdf = make_pdf(["Een", "Twee"])
    cut = pdf[: pdf.rindex(b"%%EOF")]

    result = extract_bytes(cut, "voorstel.pdf")

    assert (result.problem, result.pages, result.readable) == ("corrupt", ["Een", "Twee"], True)


def test_extract_pdf_without_text_is_empty() -> None:
    result = extract_bytes(make_pdf(["", ""]), "leeg.pdf")

    assert (result.problem, result.readable, result.pages) == ("empty", False, ["", ""])


def test_extract_pdf_more_pages_than_limit_keeps_first_pages_and_says_too_large() -> None:
    pdf = make_pdf([f"Pagina {n}" for n in range(1, 6)])

    result = extract_bytes(pdf, "lang.pdf", limits=ExtractionLimits(max_pages=3))

    assert (result.pages, result.readable, result.problem) == (["Pagina 1", "Pagina 2", "Pagina 3"], True, "too-large")
    assert result.problem_message == (
        "Het document telt 5 pagina's, waarvan we alleen de eerste 3 hebben gelezen; stuur bij voorkeur een beknopter document."
    )


def test_extract_pdf_past_deadline_is_timeout() -> None:
    result = extract_bytes(make_pdf(["Een", "Twee"]), "voorstel.pdf", limits=ExtractionLimits(timeout_seconds=0))

    assert (result.problem, result.pages, result.readable) == ("timeout", [], False)


def test_extract_pdf_scanned_without_ocr_model_is_scanned_no_text() -> None:
    # A language model that is not installed stands in for a machine without Tesseract.
    limits = ExtractionLimits(ocr_language="qqq")

    result = extract_bytes(make_scanned_pdf(["Dit is een gescande pagina"]), "scan.pdf", limits=limits)

    assert (result.problem, result.readable, result.ocr) == ("scanned-no-text", False, False)
    assert result.notes == ["ocr-unavailable: 1 page(s) without text layer"]


@needs_ocr
def test_extract_pdf_scanned_is_read_with_ocr() -> None:
    result = extract_bytes(make_scanned_pdf(["Dit is een gescande pagina over armoede"]), "scan.pdf")

    assert result.pages == ["Dit is een gescande pagina over armoede"]
    assert (result.ocr, result.method, result.problem) == (True, "pypdfium2+tesseract", None)


# ------------------------------------------------------------------------------------------ images


@needs_ocr
def test_extract_jpeg_named_pdf_is_read_and_flagged_mislabelled() -> None:
    result = extract_bytes(make_image("Projectvoorstel Haspengouw", "JPEG"), "voorstel.pdf")

    assert (result.detected_type, result.mislabelled, result.readable) == ("jpeg", True, True)
    assert result.pages == ["Projectvoorstel Haspengouw"]
    assert result.problem == "mislabelled-type"
    assert result.problem_message == (
        "De extensie van het bestand klopt niet met de inhoud (het is eigenlijk een JPEG-afbeelding); we hebben "
        "het toch gelezen, maar stuur het bij voorkeur opnieuw met de juiste extensie of als PDF."
    )


@needs_ocr
def test_extract_multipage_tiff_one_page_per_frame() -> None:
    result = extract_bytes(make_tiff(["Eerste pagina", "Tweede pagina"]), "scan.tif")

    assert (result.detected_type, result.pages, result.ocr) == ("tiff", ["Eerste pagina", "Tweede pagina"], True)


@needs_ocr
def test_extract_image_without_text_is_scanned_no_text() -> None:
    result = extract_bytes(make_image(""), "foto.png")

    assert (result.detected_type, result.problem, result.readable) == ("png", "scanned-no-text", False)


def test_extract_image_truncated_is_corrupt() -> None:
    result = extract_bytes(make_image("Voorstel")[:60], "foto.png")

    assert (result.detected_type, result.problem) == ("png", "corrupt")


# -------------------------------------------------------------------------------------------- Word


def test_extract_docx_table_between_paragraphs_keeps_document_order() -> None:
    docx = make_docx(["Inleiding van het project.", "Na de begroting volgt de planning."], table=BUDGET, table_after=0)

    result = extract_bytes(docx, "voorstel.docx")

    assert result.pages == [
        "Inleiding van het project.\n"
        "Kostenpost | Omschrijving | Bedrag\n"
        "Personeel | Projectleider 0,5 VTE | € 24.000\n"
        "Werking | Huur en materiaal | € 6.500\n"
        "Totaal |  | € 30.500\n"
        "Na de begroting volgt de planning."
    ]
    assert (result.method, result.problem) == ("docx-xml", None)


def test_extract_docx_headings_header_footer_and_page_breaks() -> None:
    docx = make_docx(
        ["Wij werken in Sint-Truiden.", "De doelgroep zijn gezinnen in armoede."],
        headings={0: "1. Context", 1: "2. Doelgroep"},
        header_text="Projectvoorstel Haspengouw",
        footer_text="Vertrouwelijk",
        page_break_before={1},
    )

    result = extract_bytes(docx, "voorstel.docx")

    assert result.pages == [
        "Projectvoorstel Haspengouw\n1. Context\nWij werken in Sint-Truiden.",
        "2. Doelgroep\nDe doelgroep zijn gezinnen in armoede.\nVertrouwelijk",
    ]


def test_extract_docx_skips_unfilled_placeholders_and_deleted_text() -> None:
    body = (
        '<w:p><w:r><w:t xml:space="preserve">Naam organisatie: </w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr>'
        "<w:sdtContent><w:r><w:t>Klik hier om tekst in te voeren.</w:t></w:r></w:sdtContent></w:sdt></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Vzw De Brug</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        '<w:p><w:r><w:t xml:space="preserve">Wij bieden </w:t></w:r><w:del w:id="1" w:author="a"><w:r>'
        '<w:delText xml:space="preserve">geen </w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r>'
        '<w:t xml:space="preserve">wel </w:t></w:r></w:ins><w:r><w:t>schuldhulp.</w:t></w:r></w:p>'
    )

    result = extract_bytes(make_docx_with_body(body), "formulier.docx")

    assert result.pages == ["Naam organisatie:\nVzw De Brug\nWij bieden wel schuldhulp."]


def test_extract_docx_tabs_in_text_but_not_tab_stop_definitions() -> None:
    body = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="2880"/></w:tabs></w:pPr>'
        "<w:r><w:t>Naam</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>Vzw De Brug</w:t></w:r></w:p>"
    )

    assert extract_bytes(make_docx_with_body(body), "v.docx").pages == ["Naam\tVzw De Brug"]


def test_extract_docx_text_box_is_read_once() -> None:
    text_box = "<w:txbxContent><w:p><w:r><w:t>Tekst in een kader</w:t></w:r></w:p></w:txbxContent>"
    body = (
        "<w:p><w:r><w:t>Voor het kader</w:t></w:r></w:p>"
        f'<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">{text_box}</mc:Choice>'
        f"<mc:Fallback>{text_box}</mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )

    assert extract_bytes(make_docx_with_body(body), "v.docx").pages == ["Voor het kader\nTekst in een kader"]


def test_extract_docx_zip_bomb_is_too_large_before_opening() -> None:
    result = extract_bytes(make_docx_bomb(), "voorstel.docx")

    assert (result.problem, result.readable) == ("too-large", False)
    assert result.notes == ["decompression bomb: word/media/image1.png expands 1011x"]


def test_extract_docx_with_password_is_encrypted() -> None:
    result = extract_bytes(make_encrypted_office(), "voorstel.docx")

    assert (result.detected_type, result.problem) == ("docx", "encrypted")


def test_extract_docx_truncated_is_corrupt() -> None:
    result = extract_bytes(truncated(make_docx(["Voorstel"])), "voorstel.docx")

    assert (result.detected_type, result.problem) == ("docx", "corrupt")


def test_extract_doc_legacy_word_with_antiword() -> None:
    if not shutil.which("antiword"):
        pytest.skip("antiword is not installed")

    result = extract_bytes(make_doc(["Projectvoorstel", "De financiën van de cliënt."]), "voorstel.doc")

    assert (result.detected_type, result.method, result.problem) == ("doc", "antiword", None)
    assert result.pages == ["Projectvoorstel\nDe financiën van de cliënt."]


def test_extract_doc_without_antiword_is_legacy_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")  # boundary: no antiword on this machine

    result = extract_bytes(make_doc(["Projectvoorstel"]), "voorstel.doc")

    assert (result.detected_type, result.problem) == ("doc", "legacy-format")
    assert result.problem_message == (
        "Het bestand is een oud Word-document (DOC), een verouderd formaat dat we niet kunnen lezen; "
        "stuur het opnieuw als PDF of DOCX."
    )


def test_extract_fake_doc_is_detected_by_content_as_corrupt() -> None:
    result = extract_bytes(make_fake_doc(), "voorstel.doc")

    assert (result.detected_type, result.mislabelled, result.problem, result.readable) == ("unknown", True, "corrupt", False)


def test_extract_rtf_named_doc_is_read_without_problem() -> None:
    result = extract_bytes(make_rtf("Voorstel in RTF"), "voorstel.doc")

    assert (result.detected_type, result.mislabelled, result.problem, result.pages) == ("rtf", True, None, ["Voorstel in RTF"])


# ------------------------------------------------------------------------------- other office types


def test_extract_odt_paragraphs_and_page_break() -> None:
    result = extract_bytes(make_odt(["Eerste pagina.", "Ook eerste.", "Tweede pagina."], page_break_before={2}), "v.odt")

    assert result.pages == ["Eerste pagina.\nOok eerste.", "Tweede pagina."]
    assert (result.detected_type, result.method) == ("odt", "odf-xml")


def test_extract_ods_one_page_per_sheet() -> None:
    ods = make_ods({"Begroting": [["Post", "Bedrag"], ["Huur", "500"]], "Planning": [["Fase", "Kwartaal"], ["Start", "Q3"]]})

    result = extract_bytes(ods, "begroting.ods")

    assert (result.detected_type, result.pages) == ("ods", ["Post | Bedrag\nHuur | 500", "Fase | Kwartaal\nStart | Q3"])


def test_extract_pptx_one_page_per_slide_in_presentation_order() -> None:
    result = extract_bytes(make_pptx([["Ons project", "Haspengouw"], ["Begroting"], ["Planning"]]), "pitch.pptx")

    assert (result.detected_type, result.pages) == ("pptx", ["Ons project\nHaspengouw", "Begroting", "Planning"])


def test_extract_xlsx_one_page_per_sheet_with_cached_values() -> None:
    xlsx = make_xlsx(
        [["Post", "Bedrag"], ["Personeel", 24000], ["Werking", 6500.5], ["Totaal", "=SUM(B2:B3)"]],
        sheets={"Planning": [["Fase", "Start"], ["Opstart", "2025-09"]]},
    )

    result = extract_bytes(xlsx, "begroting.xlsx")

    assert result.pages == [
        "Post | Bedrag\nPersoneel | 24000\nWerking | 6500.5\nTotaal | 30500.5",
        "Fase | Start\nOpstart | 2025-09",
    ]
    assert (result.notes, result.method) == ([], "openpyxl")


def test_extract_xlsx_formulas_without_cached_values_show_formula_and_note() -> None:
    xlsx = make_xlsx([["Personeel", 24000], ["Totaal", "=SUM(B1:B1)"]], formulas_without_cache=True)

    result = extract_bytes(xlsx, "begroting.xlsx")

    assert result.pages == ["Personeel | 24000\nTotaal | =SUM(B1:B1)"]
    assert result.notes == ["formulas-without-cached-values"]


def test_extract_rtf_with_accents() -> None:
    result = extract_bytes(make_rtf("De financiën van de cliënt\nTweede regel"), "voorstel.rtf")

    assert (result.pages, result.method) == (["De financiën van de cliënt\nTweede regel"], "striprtf")


def test_extract_html_to_text() -> None:
    html = make_html("<h1>Projectvoorstel</h1><p>Wij helpen <b>gezinnen</b> in <a href='x'>armoede</a>.</p>")

    result = extract_bytes(html, "voorstel.html")

    assert (result.pages, result.method) == (["# Projectvoorstel\n\nWij helpen gezinnen in armoede."], "html2text")


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig", "utf-16"])
def test_extract_text_in_each_common_encoding(encoding: str) -> None:
    result = extract_bytes("De financiën van de cliënt – € 500".encode(encoding), "voorstel.txt")

    assert (result.detected_type, result.pages) == ("text", ["De financiën van de cliënt – € 500"])


def test_extract_text_form_feeds_split_pages() -> None:
    assert extract_bytes(b"Een\x0cTwee", "v.txt").pages == ["Een", "Twee"]


def test_extract_eml_headers_and_body_with_attachment_note() -> None:
    result = extract_bytes(make_eml("Beste,\nHierbij ons voorstel.", attachments={"voorstel.pdf": b"%PDF-1.4"}), "fw.eml")

    assert result.pages == [
        "From: Aanvrager <aanvrager@example.org>\nTo: oproep@example.org\nDate: Mon, 21 Apr 2025 10:00:00 +0200\n"
        "Subject: Projectvoorstel\n\nBeste,\nHierbij ons voorstel."
    ]
    assert result.notes == ["attachments-not-extracted: voorstel.pdf"]


# ---------------------------------------------------------------------------------- other problems


def test_extract_zip_given_directly_is_archive_problem() -> None:
    result = extract_bytes(make_zip_bomb(), "bijlagen.zip")

    assert (result.detected_type, result.problem, result.readable, result.pages) == ("zip", "archive", False, [])


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        (b"Rar!\x1a\x07\x01\x00" + bytes(50), "bijlagen.rar", ("rar", "unsupported-format")),
        (b"\x00\x01\x02\x03" * 40, "bestand.bin", ("unknown", "unsupported-format")),
        (b"", "leeg.pdf", ("unknown", "empty")),
        (b"   \n\n  ", "leeg.txt", ("text", "empty")),
    ],
)
def test_extract_unreadable_kinds_get_their_problem(data: bytes, filename: str, expected: tuple[str, str]) -> None:
    result = extract_bytes(data, filename)

    assert (result.detected_type, result.problem) == expected
    assert result.readable is False


def test_extract_legacy_excel_is_legacy_format() -> None:
    from tests.factories.documents import make_ole

    result = extract_bytes(make_ole({"Workbook": b"\x09\x08" + bytes(100)}), "begroting.xls")

    assert (result.detected_type, result.problem) == ("xls", "legacy-format")


def test_extraction_round_trips_through_json() -> None:
    result = extract_bytes(make_pdf(["Voorstel"]), "voorstel.pdf")

    assert Extraction.model_validate(json.loads(result.model_dump_json())) == result


@pytest.mark.parametrize("code", PROBLEM_CODES)
def test_problem_message_is_one_dutch_sentence(code: str) -> None:
    message = problem_message(code, "pdf")

    assert message.endswith(".") and message.count(". ") == 0 and message[0].isupper()


_MAGIC = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"{\\rtf1", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    magic=st.sampled_from(_MAGIC),
    tail=st.binary(max_size=400),
    name=st.sampled_from(["a.pdf", "a.docx", "a.doc", "a.png", "a", "a.txt"]),
)
def test_extract_never_raises_on_hostile_bytes(magic: bytes, tail: bytes, name: str) -> None:
    result = extract_bytes(magic + tail, name, limits=ExtractionLimits(timeout_seconds=5))

    assert result.problem is None or result.problem in PROBLEM_CODES
    assert result.chars == sum(len(page) for page in result.pages)
