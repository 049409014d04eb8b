"""Units of a page: headings, labels, sentences."""

from __future__ import annotations

import pytest

from tasks.dutch import TIME_RE, looks_like_heading, names_staff, page_units

pytestmark = pytest.mark.unit


def test_page_units_indirect_question_alone_on_a_line_is_a_label():
    units = page_units("voorstel.pdf", 1, "Wat we willen doen.\nWe organiseren elke week een taalcafé.\n\nWie wil, kan komen.")
    kinds = {unit.text: unit.kind for unit in units}
    assert kinds["Wat we willen doen."] == "label"
    assert kinds["Wie wil, kan komen."] == "sentence"


def test_page_units_abbreviation_in_brackets_does_not_end_the_sentence():
    units = page_units("voorstel.pdf", 1, "Ligo geeft in kleine groepjes (max. 5 deelnemers) gsm-les met veel herhaling.")
    assert len(units) == 1


def test_page_units_sentence_starting_with_an_old_genitive_is_a_sentence_of_its_own():
    units = page_units("voorstel.pdf", 1, "We werken in Gingelom. 's Morgens halen we de mannen op in Hasselt.")
    assert [unit.text for unit in units] == ["We werken in Gingelom.", "'s Morgens halen we de mannen op in Hasselt."]


def test_looks_like_heading_numbered_budget_line_ending_in_thousands_is_no_heading():
    assert not looks_like_heading("2 woonbegeleiders (1,6 VTE) 88.000", "8. Middelen (per jaar, in euro)", "jurist 6.500")
    assert looks_like_heading("8. Middelen (per jaar, in euro)", "", "2 woonbegeleiders (1,6 VTE) 88.000")
    # figures in a table of counts, parted by spaces, keep the row's place name a heading-like line
    assert looks_like_heading("Sint-Truiden 712 338 121", "K&G", "17,9 %")


def test_looks_like_heading_wrapped_sentence_end_with_lead_in_is_no_heading():
    previous = "We richten ons met dit project op de mannen die het addendum beschrijft bij regio-uitdaging 2:"
    assert not looks_like_heading("Marcel, Roy en John. Concreet:", previous, "- mannen met een verslavingsverleden")
    assert looks_like_heading("2. Onze partners:", "", "Het OCMW en de bib.")


def test_page_units_row_wrapped_inside_a_cell_is_one_row():
    page = (
        "Activiteit | Wie | Waar | In het project?\n"
        "Schulden en administratie | sociale dienst OCMW van de\n"
        "woonplaats | - | doorverwijzing, niet in dit project\n"
        "Digi-uur | digicoach | Sint-Joris | ja"
    )
    rows = [unit.text for unit in page_units("v.pdf", 1, page) if unit.kind == "table"]
    assert "sociale dienst OCMW van de woonplaats | - | doorverwijzing, niet in dit project" in rows[1]


def test_page_units_row_wrapped_at_a_bar_is_one_row():
    page = (
        "Partner | Type | Rol | Inzet | Intentieverklaring\n"
        "OCMW Alken | lokaal bestuur | toeleiding, schuldbemiddeling | geen projectmiddelen\n"
        "| ja\n"
        "CAD Limburg | verslavingszorg | consulent | 0,2 VTE | ja"
    )
    rows = [unit.text for unit in page_units("v.pdf", 1, page) if unit.kind in ("table", "label")]
    assert "lokaal bestuur | toeleiding, schuldbemiddeling | geen projectmiddelen | ja" in rows
    assert "ja" not in rows


def test_page_units_full_rows_not_joined():
    page = "Wie | Wat\nOCMW | toeleiding\nCAW | woonbegeleiding"
    rows = [unit.text for unit in page_units("v.pdf", 1, page) if unit.kind == "table"]
    assert rows == ["Wat", "toeleiding", "woonbegeleiding"]


def test_page_units_columns_lined_up_with_spaces_are_a_table_row():
    page = "Post                         2023      2024\nGezinsbegeleider 0,8 VTE     14.000    42.000"
    rows = [unit.text for unit in page_units("v.docx", 1, page) if unit.kind == "table"]
    assert rows == ["2023 | 2024", "Gezinsbegeleider 0,8 VTE | 14.000 | 42.000"]


def test_page_units_one_wide_gap_is_no_table():
    units = page_units("v.docx", 1, "Sint-Truiden, 29 mei 2023          Lotte Bormans")
    assert [unit.text for unit in units] == ["Sint-Truiden, 29 mei 2023 Lotte Bormans"]


def test_page_units_two_columns_lined_up_over_lines_are_table_rows():
    page = "Met wie?\n  BuSO De Klimop (Sint-Truiden)   toeleiding schoolverlaters\n  GTB Limburg                     overname jobbegeleiding"
    units = [(unit.kind, unit.text) for unit in page_units("v.docx", 1, page)]
    assert units[1:] == [
        ("label", "BuSO De Klimop (Sint-Truiden)"),
        ("table", "toeleiding schoolverlaters"),
        ("label", "GTB Limburg"),
        ("table", "overname jobbegeleiding"),
    ]


def test_page_units_two_columns_not_lined_up_are_no_table():
    page = "Sint-Truiden, 29 mei 2023          Lotte Bormans\nvzw De Brug    coördinator"
    assert [unit.kind for unit in page_units("v.docx", 1, page)] == ["sentence"]


def test_page_units_lead_in_that_opens_a_line_inside_a_paragraph_is_a_label():
    page = "Zo krijgt een mama weer lucht.\nPsychische hulp. Wij zijn geen psychologen en geven zelf geen therapie."
    units = [(unit.kind, unit.text) for unit in page_units("v.pdf", 1, page)]
    assert units[1] == ("label", "Psychische hulp.")


def test_page_units_short_sentence_inside_a_line_is_no_label():
    page = "Zo krijgt een mama weer lucht. Echt waar. Wij zijn er voor haar.\nDat is het plan."
    assert [unit.kind for unit in page_units("v.pdf", 1, page)] == ["sentence"] * 4


def test_page_units_short_sentence_in_capitals_is_no_label():
    page = "Jullie schrijven dat jullie mannen begeleiden. Doen jullie dat zelf?\nNEE. WE ZIJN GEEN HULPVERLENERS."
    assert [unit.kind for unit in page_units("v.pdf", 1, page)] == ["sentence"] * 4


def test_page_units_label_lines_one_after_another_are_each_a_label_and_value():
    page = (
        "Waar?\nDinsdag: parochiezaal van Herten (Wellen)\nVrijdag: buurthuis De Kring in Zepperen (Sint-Truiden)\n"
        "Beide locaties zijn bereikbaar met de bus."
    )
    units = [(unit.kind, unit.text) for unit in page_units("v.docx", 1, page)]
    assert units[3:] == [
        ("label", "Vrijdag"),
        ("sentence", "buurthuis De Kring in Zepperen (Sint-Truiden)"),
        ("sentence", "Beide locaties zijn bereikbaar met de bus."),
    ]


def test_page_units_a_long_label_value_wrapped_over_lines_stays_one_sentence():
    page = (
        "Waar: op ons terrein en in de kantine in Borlo. De spelers komen uit Gingelom, Heers, Landen en\n"
        "Sint-Truiden; de ouders brengen ze."
    )
    texts = [unit.text for unit in page_units("v.pdf", 1, page)]
    assert texts[-1] == "De spelers komen uit Gingelom, Heers, Landen en Sint-Truiden; de ouders brengen ze."


def test_page_units_wrapped_row_stops_at_the_next_numbered_row():
    text = (
        "10 | Psychische zorg | Psychiatrische opvolging, therapie | CGG LITP | –\n"
        "| – | nee – toeleiding; de woonbegeleider gaat mee naar het eerste gesprek\n"
        "11 | Herstelcafé | Tweewekelijkse lotgenotengroep op dinsdagavond |\n"
    )
    texts = [unit.text for unit in page_units("v.pdf", 1, text)]
    assert not any("nee" in text and "Herstelcafé" in text for text in texts)
    assert any("Herstelcafé" in text and "lotgenotengroep" in text for text in texts)


def test_names_staff_plural_and_feminine_forms_are_staff():
    assert all(names_staff(word) for word in ("budgetbegeleidsters", "trajectconsulenten", "schuldbemiddelaar", "jobcoach"))
    assert names_staff("lesgevers", ("lesgever",))


def test_names_staff_activity_and_place_words_are_no_staff():
    assert not any(names_staff(word) for word in ("begeleiding", "werken", "werkplaats", "consult", "coaching"))


def test_time_re_dates_in_several_notations_are_times_of_a_planning():
    assert all(TIME_RE.search(text) for text in ("start 15/09/2023", "op 1.9.23", "01-10-2023", "(31.05.2023)"))


def test_time_re_hours_of_a_day_are_no_date():
    assert not any(TIME_RE.search(text) for text in ("9.00-12.00 onthaal", "13.00-16.00 atelier", "van 9.30-11.30"))


def test_page_units_a_sentence_may_open_with_a_legal_form_in_lower_case():
    units = page_units("mail", 1, "De fiche volgt na het Pinksterweekend.\nvzw Gezinsbrug wil mama's een gezinscoach geven.")
    assert [unit.text for unit in units] == [
        "De fiche volgt na het Pinksterweekend.", "vzw Gezinsbrug wil mama's een gezinscoach geven."
    ]


def test_page_units_a_short_month_with_a_full_stop_does_not_end_the_sentence():
    units = page_units("v.pdf", 1, "Planning\nsept. 2023 - aanstelling opvangcoach\njan. 2024 - start mama-ontbijt in Jeuk")
    assert [unit.text for unit in units][1:] == ["sept. 2023 - aanstelling opvangcoach", "jan. 2024 - start mama-ontbijt in Jeuk"]


RUN_ON_MAIL = (
    "Goedenavond, ik schrijf u in naam van de vrouwengroep, wij zijn ongeveer 35 vrouwen uit Sint-Truiden die al "
    "jaren samenkomen in het buurthuis, de meesten zijn moeders die hier al lang wonen maar nog niet goed Nederlands "
    "spreken, en daarom willen wij met het geld van dit project twee dingen doen, ten eerste ons taalcafé twee keer "
    "per week openen, waar de vrouwen met twee gepensioneerde juffen Nederlands oefenen, want voor de echte "
    "lessen is er "
    "een wachtlijst, ten tweede willen we een digi-uurtje maken waar we samen leren hoe je itsme en Smartschool "
    "gebruikt, maar zelf kinderopvang zoeken kunnen we niet, en als u nog vragen heeft mag u mij altijd bellen op "
    "0485 73 29 14, met vriendelijke groeten, Fatma Yildiz."
)


def test_page_units_a_run_on_sentence_splits_at_its_linking_words():
    texts = [unit.text for unit in page_units("mail", 1, RUN_ON_MAIL)]
    assert len(texts) == 7
    assert texts[1] == "en daarom willen wij met het geld van dit project twee dingen doen"
    assert texts[-2] == "maar zelf kinderopvang zoeken kunnen we niet"


def test_page_units_a_long_sentence_under_the_limit_stays_whole():
    sentence = "We bieden taalles, en daarnaast een digi-uurtje, maar geen kinderopvang."
    assert [unit.text for unit in page_units("mail", 1, sentence)] == [sentence]

