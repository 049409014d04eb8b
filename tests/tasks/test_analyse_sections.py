"""Required sections found by content (tasks/analyse_sections.py): the rules added for applicants who name their
partners in passing, in their own words."""

from __future__ import annotations

import pytest

from tasks.analyse_scope import unit_info
from tasks.analyse_sections import heading_sections
from tasks.dutch import page_units

pytestmark = pytest.mark.unit


def test_partner_consultant_coming_to_the_activity_is_a_partner(read):
    analysis = read(
        "Lotte, consulente van CAD Limburg, komt elke eerste maandag van de maand na de training naar de kantine."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_volunteers_coming_along_are_a_partner(read):
    analysis = read("De digidokters van de bib van Wellen willen één keer per maand meekomen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_consultant_joining_in_english_is_a_partner(read):
    analysis = read("No job coaching ourselves either: a VDAB jongerenconsulent joins the drop-in once a month.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_staff_who_no_longer_come_name_no_partner(read):
    analysis = read("De consulent van het CAD komt niet meer naar de groep.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_staff_who_came_in_the_past_name_no_partner(read):
    analysis = read("In 2021 kwam een consulent van het CAD één keer naar de groep; dat project is afgelopen.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_that_sends_people_to_the_applicant_is_a_partner(read):
    analysis = read("De sociale dienst van Alken heeft laten weten dat ze mensen naar mij willen doorsturen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_sends_one_now_and_then_is_a_partner(read):
    analysis = read("Het CAW stuurt er ons af en toe eentje van hun inloop in Sint-Truiden.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_agreement_made_with_a_partner_is_a_partner(read):
    analysis = read("Dat is afgesproken met het CAD en zij volgt de gasten ook tussendoor op.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_clients_sent_to_a_partner_name_no_partner(read):
    analysis = read("Daarvoor sturen we de gasten naar het CAW, en voor werk naar de VDAB.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_that_registers_people_is_a_partner(read):
    analysis = read(
        "We krijgen de mannen aangemeld door de medewerkers justitieel welzijnswerk van CAW Limburg in de "
        "gevangenis van Hasselt."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_sends_someone_on_now_and_then_is_a_partner(read):
    analysis = read("Het OCMW van Wellen weet van ons bestaan en stuurt soms ook iemand door.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_promised_a_call_is_a_partner(read):
    analysis = read("Het SVK in Sint-Truiden heeft beloofd Greet te bellen als er een kleine studio vrijkomt.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_mail_forwarded_by_a_relative_names_no_partner(read):
    analysis = read("(per e-mail, mijn kleindochter stuurt dit door) Betreft: mijn leesuurtje aan de school")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_target_group_everyone_of_a_kind_is_a_target_group(read):
    analysis = read(
        "Voor wie?\nVoor iedereen die het moeilijk heeft met lezen, schrijven, Nederlands of de computer.\n"
    )
    assert "doelgroep" not in analysis.ids("missing_sections")


def test_target_group_everyone_welcome_is_no_target_group(read):
    analysis = read("Voor wie?\nVoor iedereen, iedereen is welkom.\n")
    assert "doelgroep" in analysis.ids("missing_sections")


def test_partners_heading_answered_we_work_with_nobody_yet_names_no_partner(read):
    analysis = read(
        "Met wie?\nWe werken (nog) met niemand samen. Misschien kan het sociaal huis mensen naar ons sturen, maar "
        "dat moeten we nog vragen.\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partners_heading_with_only_kinds_still_to_be_found_names_no_partner(read):
    analysis = read(
        "5. Partners\nWe willen samenwerken met een sociaal verhuurkantoor, een dienst voor verslavingszorg en een "
        "maatwerkbedrijf. Concrete partners zoeken we nog.\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partners_heading_with_a_partner_not_yet_agreed_names_no_partner(read):
    analysis = read(
        "Met wie?\nWe zouden graag vaste afspraken maken met een verslavingsdienst, maar zover zijn we nog niet. "
        "Met het CAD hebben we al eens gebeld, afspraken zijn er nog niet.\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partners_heading_with_a_listed_association_names_a_partner(read):
    analysis = read("Partners\n- Buurthuis De Linde vzw\n- OCMW Heers: aanmelding van gezinnen\n")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_months_of_the_fruit_years_work_are_no_planning(read):
    analysis = read(
        "In januari en februari snoeien we, in het voorjaar is het maaien en dunnen, van eind juni tot oktober "
        "plukken we en in november sorteren we in de frigo's."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_start_of_the_project_in_the_pruning_season_is_a_planning(read):
    analysis = read("We starten in november 2023 met het snoeien en lopen tot eind oktober 2024.")
    assert "planning" not in analysis.ids("missing_sections")


def test_weeks_of_the_trajectory_are_no_planning(read):
    analysis = read(
        "Vanaf week 10 maken we kennis met werk in de regio. Na week 6 en week 12 bekijkt de projectmedewerker met "
        "elke deelnemer welke stappen zij zelfstandig zet."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_partners_heading_with_a_partner_and_its_role_as_a_label_names_a_partner(read):
    analysis = read(
        "Met wie werken we samen?\nPartner | Rol in het project\nbasisschool in Nieuwerkerken | contact met ouders\n"
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_staff_sitting_in_after_the_meal_is_a_partner(read):
    analysis = read("Eén keer per maand schuift Jos van het digipunt van de bib van Heers na het eten aan met zijn laptop.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_our_network_heading_with_named_partners_names_partners(read):
    analysis = read(
        "4. Ons netwerk\n"
        "- De sociale diensten van Heers en Gingelom maken de bus bekend bij hun cliënten.\n"
        "- Met de bibliotheek van Sint-Truiden wisselen we lesmateriaal uit.\n"
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_operating_costs_left_open_leave_the_approach_present(read):
    analysis = read(
        "4. AANPAK\n"
        "a) Intake vóór vrijlating.\n"
        "Samen met de justitieassistent leren we de kandidaat kennen tijdens een gesprek in de gevangenis.\n"
        "b) Een woning op de eerste dag.\n"
        "We reserveren zes studio's uit ons patrimonium voor dit project.\n"
        "8. BEGROTING\n"
        "Personeelskosten: [in te vullen]\n"
        "Werkingskosten: [in te vullen]\n"
    )
    assert "aanpak" not in analysis.ids("missing_sections")
    assert "begroting" in analysis.ids("missing_sections")


def test_money_school_heading_is_no_budget(read):
    analysis = read(
        "3.4 Geldschool\n"
        "In groepjes van vier leren de jongeren een weekbudget van 90 euro maken met enveloppen.\n"
    )
    assert "begroting" in analysis.ids("missing_sections")


def test_budget_with_thousands_set_apart_by_spaces_is_a_budget(read):
    analysis = read(
        "I. Kosten\nKostensoort | 2024 | 2025 | totaal\nWoonbegeleiders (2 VTE) | 103 800 | 71 200 | 175 000\n"
        "Verplaatsingen | 6 000 | 4 000 | 10 000\n"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_sections_the_applicant_will_send_later_are_missing(read):
    analysis = read(
        "Samenwerking, timing en kostprijs stuur ik na: ik heb nog niet met het OCMW kunnen afspreken hoe zij "
        "mensen naar mij zouden sturen."
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partners_who_report_people_to_the_applicant_are_partners(read):
    analysis = read("Het OCMW van Heers en het Sociaal Huis van Gingelom melden ons huurders met een achterstal.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_start_in_the_school_calendar_is_a_planning(read):
    analysis = read(
        "Wanneer?\nWe willen van start gaan vanaf het nieuwe schooljaar. Na de herfstvakantie draaien de drie groepen "
        "op volle kracht.\n"
    )
    assert "planning" not in analysis.ids("missing_sections")


def test_applicant_whose_lead_is_still_to_be_chosen_is_missing(read):
    analysis = read(
        "Dit voorstel schrijven vzw Speelvogel, vzw Nour en Taalpunt samen. We hebben bewust nog niet beslist wie van "
        "ons de trekker wordt."
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_partner_consultant_who_comes_by_is_a_partner(read):
    analysis = read("In het voorjaar komt een VDAB-consulente twee keer langs om de weg naar werk uit te leggen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_start_the_applicant_does_not_know_yet_is_no_planning(read):
    analysis = read(
        "Hoeveel het kost en wanneer we starten, weten we nog niet: dat beslissen we op de ledenavond in juni."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_partner_that_sends_us_people_is_a_partner(read):
    analysis = read("VDAB Sint-Truiden tipt ons jongeren die een job zouden kunnen beginnen als ze er maar geraakten.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_may_call_us_with_a_modal_verb_is_a_partner(read):
    analysis = read("De VDAB-bemiddelaars mogen ons rechtstreeks bellen als ze een mama hebben die morgen kan beginnen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_whose_sending_verb_is_in_another_clause_names_no_partner(read):
    analysis = read("De VDAB-bemiddelaars kennen ons al lang, maar de mensen bellen ons zelf.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_that_no_longer_sends_us_people_names_no_partner(read):
    analysis = read("VDAB Sint-Truiden tipt ons sinds de fusie geen jongeren meer.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_foster_care_staff_giving_a_session_is_a_partner(read):
    analysis = read(
        "De begeleidster van Pleegzorg Limburg komt twee keer per jaar een namiddag uitleg geven over de rechten van "
        "grootouders als pleegouders."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_whose_workers_send_people_to_me_is_a_partner(read):
    analysis = read("Veel klanten zijn mensen die de maatschappelijk werkers van OCMW Heers naar mij sturen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_services_we_refer_to_that_are_no_partners_name_no_partner(read):
    analysis = read(
        "Samenwerking\nOp dit moment stap ik alleen in dit project. De diensten waarnaar ik toeleid (CGG, "
        "eerstelijnspsychologen, psychiaters) zijn geen partners in het project.\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_target_group_everyone_then_groups_described_is_present(read):
    analysis = read(
        "Voor wie\n\nVoor iedereen in onze dorpen. We willen niemand apart zetten. Er zijn de weduwen en weduwnaars "
        "die alleen achterbleven in een te groot huis, en de jonge gezinnen die niemand kennen.\n\n"
        "Wat we doen\n\nEén keer per maand een middagmaal in de parochiezaal van Montenaken.\n"
    )
    assert "doelgroep" not in analysis.ids("missing_sections")


def test_target_group_everyone_welcome_stays_open(read):
    analysis = read("Doelgroep\n\nIedereen is welkom.\n\nAanpak\n\nElke week een koffiemoment in de bib van Heers.\n")
    assert "doelgroep" in analysis.ids("missing_sections")


def test_planning_date_in_a_bracketed_note_of_the_writers_is_no_planning(read):
    analysis = read(
        "[KV 31/5: we sturen deze versie alvast in. Wie trekker wordt, beslissen we op de werkgroep van 5 juni en "
        "de begroting bespreken we op 12 juni.]\n\nWe begeleiden jonge thuislozen naar een eigen studio.\n"
    )
    assert "planning" in analysis.ids("missing_sections")


def test_section_partner_named_by_its_kind_and_its_town_is_a_partner(read):
    analysis = read(
        "Elke week een budgetatelier in onze kruidenier in Jeuk. De budgetbegeleider van het sociaal huis Gingelom "
        "komt elke eerste dinsdag van de maand mee aan tafel zitten en geeft het atelier samen met onze vrijwilliger."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_section_a_start_date_with_a_running_time_is_a_planning(read):
    analysis = read(
        "Aanbod: tijdelijke werkervaring bij onze groendienst in Alken, met wekelijkse jobcoaching.\n"
        "Start: 1 oktober 2023, looptijd 2 jaar."
    )
    assert "planning" not in analysis.ids("missing_sections")


def test_section_a_proposal_sent_from_a_named_team_presents_its_applicant(read):
    analysis = read(
        "Dag Wim,\n\nKort ons voorstel vanuit het team Activering van het Sociaal Huis Alken.\n\n"
        "Aanbod: tijdelijke werkervaring bij onze groendienst in Alken.\n\nGroeten,\nDirk Schepers"
    )
    assert "organisatie" not in analysis.ids("missing_sections")


def test_section_a_group_described_by_an_adjective_is_a_target_group(read):
    analysis = read(
        "Hier een kort voorstel van de dorpsraad Wijer. De oudere mensen zien elkaar alleen nog op begrafenissen. "
        "We willen elke dinsdagmiddag soep geven in de oude jongensschool in Wijer."
    )
    assert "doelgroep" not in analysis.ids("missing_sections")


def test_section_other_people_are_no_target_group(read):
    analysis = read("We willen elke dinsdagmiddag soep geven in de oude jongensschool in Wijer. Andere mensen mogen ook.")
    assert "doelgroep" in analysis.ids("missing_sections")


def test_section_one_sentence_of_what_we_do_is_an_approach(read):
    analysis = read(
        "Kort: in onze loods in Wilderen knappen we oude fietsen op. We willen 4 mannen die uit een opname komen een "
        "vaste plek geven, drie dagen per week."
    )
    assert "aanpak" not in analysis.ids("missing_sections")


def test_heading_together_with_peers_opens_no_partners_section(read):
    # "Samen met lotgenoten" heads an activity with the participants' peers; what follows is offered, not a partner's
    analysis = read(
        "3.5 Samen met lotgenoten\n"
        "Eén keer per maand organiseren we een avond met mannen die het traject gelopen hebben, zodat ze elkaar "
        "blijven zien."
    )
    assert "netwerk" in analysis.ids("service_types")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_heading_together_with_partners_opens_the_partners_section(read):
    analysis = read("Samen met\nHet OCMW van Heers en CAW Limburg melden mensen aan.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_start_date_label_in_the_header_block_is_a_planning(read):
    analysis = read(
        "Praktijk Perspectief\n"
        "Projectnaam: Ruimte voor mama\n"
        "Startdatum: 2 oktober 2023\n"
        "Waarom\n"
        "In onze praktijk zien we steeds vaker jonge mama's die er alleen voor staan."
    )
    assert "planning" not in analysis.ids("missing_sections")


def test_label_with_a_date_that_is_no_start_is_no_planning(read):
    analysis = read(
        "Praktijk Perspectief\n"
        "Opgericht: 2 oktober 2013\n"
        "Waarom\n"
        "In onze praktijk zien we steeds vaker jonge mama's die er alleen voor staan."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_start_date_line_read_from_a_pdf_is_a_planning(read_pdf):
    # in a real PDF the short "Startdatum: ..." line of the header block comes out as a heading of its own
    analysis = read_pdf(
        "Praktijk Perspectief - eerstelijnspsychologen\nTongersesteenweg 61, 3800 Sint-Truiden\n\n"
        "Projectnaam: Ruimte voor mama\n"
        "Aanvrager: Praktijk Perspectief (maatschap van drie klinisch psychologen, geconventioneerd voor\n"
        "eerstelijnspsychologische zorg binnen het netwerk geestelijke gezondheid)\n"
        "Contact: Lotte Bormans, klinisch psycholoog - 0486 40 17 95 - lotte@praktijkperspectief.be\n"
        "Startdatum: 2 oktober 2023\n\nWaarom\nIn onze praktijk zien we steeds vaker jonge mama's die er alleen "
        "voor staan."
    )
    assert "planning" not in analysis.ids("missing_sections")


def test_partner_only_hoped_for_is_no_partner(read):
    analysis = read("We hopen dat het partnerschap ons in contact brengt met de sociale diensten zodat zij mama's aanmelden.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_budget_for_a_year_in_english_is_a_budget(read):
    # "for a year" is the budget's period, not "for ... years" of past work
    analysis = read(
        "Budget: about €2.450 for a year - coffee, tea and snacks (€900), materials and printing (€350), two "
        "outings with bus (€800)."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_cost_label_with_its_amount_in_a_sentence_is_a_budget(read):
    analysis = read("Wat het kost: ongeveer 9.500 euro per jaar. Zaal 600, eten en koffie 1.800, treintickets 1.100.")
    assert "begroting" not in analysis.ids("missing_sections")


def test_cost_label_without_an_amount_is_no_budget(read):
    analysis = read("Wat het kost: dat bespreken we graag nog met het partnerschap.")
    assert "begroting" in analysis.ids("missing_sections")


def test_applicants_own_cost_estimate_is_a_budget(read):
    analysis = read("Mijn uurtarief is 52 euro. Ik reken op ongeveer tien uur per week, dus rond 23.000 euro per jaar.")
    assert "begroting" not in analysis.ids("missing_sections")


def test_income_of_the_families_is_no_budget(read):
    analysis = read("Veel gezinnen rekenen op een leefloon van 1.200 euro per maand.")
    assert "begroting" in analysis.ids("missing_sections")


def test_step_within_the_project_is_no_planning(read):
    analysis = read("Vanaf de vierde maand werkt hij naast twee dagen op de boerderij ook twee dagen in de groenploeg.")
    assert "planning" in analysis.ids("missing_sections")


def test_start_from_a_dated_day_is_a_planning(read):
    analysis = read("We willen vanaf 1 september 2023 met de vergoeding werken, voor een jaar, en dan zien we verder.")
    assert "planning" not in analysis.ids("missing_sections")


def test_budget_under_financien_with_sums_in_thousands_is_present(read):
    analysis = read(
        "7. Financiën\n\nPost | 2023 | 2024 | totaal\nGezinsbegeleider 0,8 VTE | 14.000 | 42.000 | 56.000\n"
        "Psychologe (4 u/week) | 3.200 | 9.600 | 12.800"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_what_we_need_with_an_amount_is_present(read):
    analysis = read(
        "Wat we nodig hebben: ongeveer 3.500 euro. Twee tablets (700), koffie en een uitstap (800) en benzine om "
        "mama's op te halen (1.000)."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_what_a_family_needs_to_live_is_no_budget(read):
    analysis = read("Een gezin heeft minstens 1.600 euro per maand nodig om rond te komen.")
    assert "begroting" in analysis.ids("missing_sections")


def test_partner_that_gives_the_project_its_bikes_is_a_partner(read):
    analysis = read(
        "Elke dinsdag is het atelier open en krijgen de mannen een fiets mee (oude fietsen krijgen we van de "
        "Kringwinkel)."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_gives_us_the_room_is_a_partner(read):
    analysis = read(
        "Koffie & Klap is a weekly morning for parents. The library of Wellen gives us the room for free on Tuesday "
        "mornings."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_we_giving_a_school_a_leaflet_is_no_partner(read):
    analysis = read("Wij geven de school een folder over onze koffienamiddag.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_that_sends_people_said_in_the_passive_is_a_partner(read):
    analysis = read("Zij worden toegeleid door het BuSO De Klimop in Sint-Truiden en door het MFC.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_sent_people_in_the_past_names_no_partner(read):
    analysis = read("Vroeger werden zij doorverwezen door het CAW Limburg, maar dat gebeurt niet meer.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partner_that_sends_a_teacher_is_a_partner(read):
    analysis = read("Op donderdag stuurt Ligo een lesgever voor een groepje dat nog moet leren lezen en schrijven.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_that_sends_no_teacher_names_no_partner(read):
    analysis = read("Ligo stuurt dit jaar geen lesgever meer naar de dorpen.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_a_decision_taken_in_the_past_is_no_planning(read):
    analysis = read(
        "Daarom beslisten we in het najaar van 2022 om die verhalen eens goed op te schrijven. Tussen november 2022 en "
        "maart 2023 voerden drie vrijwilligers 23 gesprekken."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_a_yearly_sum_the_applicant_expects_to_manage_with_is_a_budget(read):
    analysis = read(
        "We denken dat we met ongeveer 5.000 euro per jaar toekomen (zaalhuur, vrijwilligersvergoeding voor de oppas, "
        "koffie en een uitstap met de kinderen in de zomer)."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_the_citys_social_worker_who_joins_is_a_partner(read):
    analysis = read(
        "Eén keer per maand komt de maatschappelijk werker van het buurtwerk van de stad mee zitten voor de moeilijke "
        "vragen."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_evaluating_with_a_named_organisation_is_working_with_it(read):
    analysis = read("In juni 2024 bekijken we met het CAD wat werkt en wat niet.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_in_consultation_with_the_municipalities_in_general_is_no_partner(read):
    analysis = read("Afstemming met partners en lokale besturen gebeurt later.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_a_partners_worker_who_sits_in_is_a_partner(read):
    analysis = read(
        "Elke eerste dinsdag van de maand zit er een maatschappelijk werker van het OCMW Sint-Truiden mee aan tafel, "
        "zodat vragen meteen opgevolgd worden."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_a_partner_that_keeps_places_free_is_a_partner(read):
    analysis = read(
        "Voor de ouders onder hen houdt de IBO van de gemeente twee plaatsen vrij voor kinderen van wie de ouders "
        "starten met werk."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_a_partner_that_calls_us_is_a_partner(read):
    analysis = read("De VDAB belt ons als er een mama is die morgen kan beginnen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_budget_table_followed_by_an_item_outside_the_budget_is_a_budget(read):
    analysis = read(
        "5. Begroting\n\n| Post | Bedrag |\n|---|---|\n| casemanager 1 VTE | 126.000 |\n| werkingskosten | 6.000 |\n"
        "| Totaal | 132.000 euro |\n\nDe huur van de studio's zelf wordt gedragen door de bewoners en valt buiten de "
        "begroting.\n"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_heading_whose_text_says_there_is_no_budget_yet_is_missing(read):
    analysis = read("5. Begroting\n\nEen begroting hebben we nog niet; die volgt na het gesprek met de gemeente.\n")
    assert "begroting" in analysis.ids("missing_sections")


def test_budget_heading_with_a_column_header_right_under_it_is_a_budget(read):
    analysis = read(
        "7. Budget (September 2023 - August 2025)\nItem Detail Amount\nLocal coordinator 0.8 FTE, 24 months € 86,400\n"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_heading_with_a_sub_heading_without_amounts_is_missing(read):
    analysis = read("7. Budget\nPersoneel\nDe begeleider werkt halftijds in het project.\n")
    assert "begroting" in analysis.ids("missing_sections")


def test_budget_as_a_total_for_a_year_is_a_budget(read):
    analysis = read(
        "In totaal 41.500 euro voor één werkingsjaar. Het grootste deel gaat naar een halftijdse begeleidster; de "
        "rest naar huur van de zaal en vervoer."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_the_applicant_thinks_of_is_a_budget(read):
    analysis = read("We denken aan ongeveer 25.000 euro per jaar voor die begeleider, plus wat voor werkkledij.")
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_a_price_people_pay_is_no_budget(read):
    analysis = read("Elke donderdag koken we een warme maaltijd voor 5 euro; een rijbewijs kost algauw 1.500 euro.")
    assert "begroting" in analysis.ids("missing_sections")


def test_a_heading_with_a_word_that_starts_like_centen_is_no_budget_heading(read):
    analysis = read(
        "Minder Mobielen Centrale Alken\nVrijwillige chauffeurs rijden voor 0,40 euro per km naar het spreekuur.\n"
    )
    assert "begroting" not in analysis.ids("sections")
    assert "begroting" not in read("Centen\nWe vragen 12.000 euro voor één jaar.\n").ids("missing_sections")


def test_a_heading_on_contact_moments_does_not_present_the_applicant(read):
    analysis = read("Contactmomenten met de ouders\nElke maand een oudercafé in de school.\n")
    assert "organisatie" not in analysis.ids("sections")
    assert "organisatie" in read("Contact\nvzw De Brug, Stationsstraat 4, Alken, an@debrug.be\n").ids("sections")


def test_a_waiting_list_until_a_date_is_no_planning(read):
    analysis = read(
        "We hebben 18 plaatsen en ik heb een wachtlijst tot eind 2024. We willen zo snel mogelijk starten, zodra we "
        "groen licht krijgen."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_a_start_date_beside_a_waiting_list_is_a_planning(read):
    analysis = read("De wachtlijst loopt tot eind 2024, daarom starten we al in september 2023 met twee extra plaatsen.")
    assert "planning" not in analysis.ids("missing_sections")


def test_partner_we_evaluate_with_while_hoping_about_the_work_is_a_partner(read):
    analysis = read("In januari bekijken we samen met het sociaal huis of het loopt zoals we hopen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partners_we_only_hope_for_name_no_partner(read):
    analysis = read("We hopen dat het partnerschap ons in contact brengt met de sociale dienst van het OCMW.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_parish_team_that_lends_us_the_hall_is_a_partner(read):
    analysis = read("Wie helpt ons: de parochieploeg van Brustem geeft ons de zaal gratis en betaalt de verwarming.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_meeting_in_the_parish_hall_names_no_partner(read):
    analysis = read("We komen elke donderdag samen in de parochiezaal van Brustem.")
    assert "samenwerking" in analysis.ids("missing_sections")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_partners_mostly_named_as_kinds_still_to_be_found_name_no_partner(read):
    analysis = read(
        "We willen samenwerken met een sociaal verhuurkantoor, een dienst voor verslavingszorg, een maatwerkbedrijf "
        "en het justitiehuis."
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_partners_mostly_named_by_their_names_are_partners(read):
    analysis = read("We werken samen met het OCMW van Heers, het CAW Limburg en een lokale huisarts.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_a_count_in_this_year_is_no_planning(read):
    analysis = read("Veel kinderen komen zonder ontbijt naar school; ik tel er dit jaar 31. Per jaar 20 gezinnen vragen hulp.")
    assert "planning" in analysis.ids("missing_sections")


def test_phases_by_year_are_a_planning(read):
    analysis = read("In jaar 1 bouwen we de groep op, in jaar 2 draait de werking zelfstandig.")
    assert "planning" not in analysis.ids("missing_sections")


def test_a_heading_that_names_the_method_beside_onze_werking_is_the_approach(read):
    analysis = read(
        "Notre méthode - Onze werking\nElk gezin krijgt een vaste duo-begeleiding: het duo is het vaste "
        "aanspreekpunt voor alles, school, geld, wonen en gezondheid.\n"
    )
    assert "aanpak" in analysis.ids("sections")
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_a_service_label_that_starts_like_budget_does_not_open_the_budget_section(read):
    analysis = read(
        "Wie zijn wij\nWe zijn een vzw uit Heers met drie diensten.\nBudgetbegeleiding: we helpen zestig gezinnen met "
        "hun budget.\n\nHet project\nElke mama krijgt een buddy uit het dorp.\n"
    )
    assert analysis.ids("service_types") == ["netwerk"]  # the department is presented under "Wie zijn wij"



def test_headings_on_free_childcare_and_a_table_of_contents_name_no_section(lexicon):
    named = {}
    for text in ("Kosteloze opvang", "Inhoudstafel", "Kostenraming", "Inhoud van het project"):
        [unit] = [unit for unit in page_units("v.pdf", 1, text + "\nTekst.") if unit.is_heading]
        named[text] = heading_sections(unit_info(unit, lexicon), lexicon)
    assert named == {
        "Kosteloze opvang": [], "Inhoudstafel": [], "Kostenraming": ["begroting"], "Inhoud van het project": ["aanpak"],
    }


def test_planning_a_week_rooster_with_hours_is_no_planning(read):
    analysis = read(
        "Zo ziet een gewone week er in het project uit.\n\nMAANDAG\n9.00-12.00 Onthaal en weekplanning.\n"
        "13.00-16.00 Atelier hout en groen.\n\nWOENSDAG\n9.00-12.00 Papierenvoormiddag.\n13.00-16.00 Screening."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_samenwerking_a_parish_that_lets_us_use_its_kitchen_is_a_partner(read):
    analysis = read("Elke donderdag koken we met mensen die alleen zijn. De kerkfabriek laat ons de keuken gratis gebruiken.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_samenwerking_a_school_that_puts_a_room_at_our_disposal_is_a_partner(read):
    analysis = read("De school stelt elke woensdag een klaslokaal ter beschikking voor de taalgroep.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_begroting_what_a_sum_lets_us_start_is_a_budget(read):
    analysis = read("Met 6.000 euro kunnen we een vaste inloop en een tweede groep starten.")
    assert "begroting" not in analysis.ids("missing_sections")


def test_begroting_a_sum_someone_else_received_is_no_budget(read):
    analysis = read("Met 6.000 euro van de provincie heeft de buurtvereniging vorig jaar een feest gegeven.")
    assert "begroting" in analysis.ids("missing_sections")


def test_doelgroep_a_quotation_with_everyone_under_a_participants_label_leaves_nothing_open(read):
    analysis = read(
        "Wat deelnemers ons telkens opnieuw vertellen:\n"
        '- "In ons dorp kent iedereen mijn auto."\n\n'
        "Voor wie\nMensen die willen stoppen of minderen met drinken."
    )
    assert "doelgroep" not in analysis.ids("missing_sections")


def test_doelgroep_answered_with_everyone_stays_open(read):
    analysis = read("Voor wie?\nVoor iedereen, eigenlijk.")
    assert "doelgroep" in analysis.ids("missing_sections")


def test_samenwerking_a_partners_worker_in_a_town_who_may_call_us_is_a_partner(read):
    analysis = read("De VDAB-bemiddelaar in Sint-Truiden mag ons rechtstreeks bellen als iemand morgen kan beginnen.")
    assert "samenwerking" not in analysis.ids("missing_sections")
