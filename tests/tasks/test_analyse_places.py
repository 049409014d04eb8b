"""Where a proposal works (tasks/analyse_places.py): places in labels, venues with a reason, villages with
other names elsewhere among the area's places."""

from __future__ import annotations

import textwrap

import pytest

pytestmark = pytest.mark.unit


def test_place_label_with_activity_counts(read):
    analysis = read(
        "Waar?\n"
        "• Alken: taalatelier in de parochiezaal\n"
        "• Wellen: digitale workshops in het Digipunt\n"
        "• Heers: 12 werkzoekenden\n"
        "• Gingelom: geen activiteiten, wel doorverwijzing\n"
    )
    assert analysis.ids("municipalities") == ["alken", "wellen"]


def test_place_venue_with_reason_clause_counts(read):
    analysis = read(
        "We werken in de stad. Op donderdag ook in de parochiezaal in de Kerkstraat in Wijer, omdat daar in het "
        "opvanginitiatief veel gezinnen wonen."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_ambiguous_village_among_area_places_counts(read):
    analysis = read(
        "Op woensdag draaien we een groep om de week in het chirolokaal van Kozen en in het jeugdhuis van "
        "Sint-Joris."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "alken"]


def test_place_ambiguous_village_alone_ignored(read):
    analysis = read("Onze coördinator deed vroeger een gelijkaardig project in het jeugdhuis van Sint-Joris.")
    assert "alken" not in analysis.ids("municipalities")


def test_place_people_need_not_travel_to_not_place_of_work(read):
    analysis = read(
        "De begeleiding gebeurt door onze consulent, hier in Heers, zonder dat de man eerst naar Sint-Truiden moet."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_left_out_in_same_sentence_not_place_of_work(read):
    analysis = read(
        "Onze gezinscoaches werken aan huis in Jeuk en Borlo. De gezinnen komen naar Sint-Truiden alleen voor "
        "gespecialiseerde hulp (CGG, vredegerecht); de gezinscoaches werken niet in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_south_of_a_town_not_that_town(read):
    analysis = read("Gezinscoaching in de gemeenten ten zuiden van Sint-Truiden: Gingelom en Heers.")
    assert "sint-truiden" not in analysis.ids("municipalities")


def test_place_that_showed_interest_not_place_of_work(read):
    analysis = read(
        "Het project werkt in Sint-Truiden en Wellen. Gingelom en Alken hebben interesse getoond.\n"
        "Als er in het tweede jaar bijkomende middelen komen, bekijken we een halte in Heers."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "wellen"]


def test_place_in_a_question_not_place_of_work(read):
    analysis = read("Onze bus stopt elke week in Borlo en Kozen.\n\nEn Wellen?")
    assert "wellen" not in analysis.ids("municipalities")


def test_place_adjective_of_people_with_venue_outside_area_not_place_of_work(read):
    analysis = read(
        "Ik zie steeds meer mama's van over de provinciegrens: Gingelomse en Heerse mama's, vaak alleen met kleine "
        "kinderen.\nIk reserveer twee dagdelen per week in mijn praktijk in Landen voor deze mama's."
    )
    assert analysis.ids("municipalities") == []
    assert "werkingsgebied" in analysis.ids("missing_sections")


def test_place_adjective_of_people_counts_when_no_other_place_named(read):
    analysis = read("Ons project is er voor Gingelomse en Heerse mama's, vaak alleen met kleine kinderen.")
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_place_adjective_of_a_neighbourhood_is_place_of_work(read):
    analysis = read("We openen een ontmoetingsruimte in de Truiense stationsbuurt.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_planned_work_that_does_not_go_ahead_not_place_of_work(read):
    analysis = read(
        "We werken in Gingelom. De Truiense wijkwerking die we in versie 1 wilden opstarten, gaat niet door."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_families_move_to_not_place_of_work(read):
    analysis = read("We werken in Borlo. Gezinnen die naar Sint-Truiden verhuizen, dragen we warm over.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_the_jobs_not_place_of_work(read):
    analysis = read(
        "We rijden werkzoekenden uit Borlo naar werkgevers in de industriezones van Sint-Truiden en Nieuwerkerken."
    )
    assert "sint-truiden" not in analysis.ids("municipalities")
    assert "nieuwerkerken" not in analysis.ids("municipalities")


def test_place_where_a_family_member_lives_not_place_of_work(read):
    analysis = read("Ik doe dat hier in Herten. En mijn dochter woont in Alken en die zegt: ma, kom da hier ook doen.")
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_list_with_an_outside_town_in_between_is_where_people_come_from(read):
    analysis = read(
        "We trainen op het veld in Borlo. De spelers komen uit Gingelom, Heers, Landen en Sint-Truiden; de ouders "
        "brengen ze."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_people_come_from_after_komen_van(read):
    analysis = read(
        "We werken in ons lokaal in Sint-Truiden. De vrouwen komen van Sint-Truiden, maar ook van Nieuwerkerken en "
        "Gingelom."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_neighbourhood_of_a_municipality_counts(read):
    analysis = read("We openen een buurtkamer in Schurhoven, waar buren elke donderdag terechtkunnen.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_the_project_runs_from_an_office_there(read):
    analysis = read("Het project loopt vanuit ons kantoor in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_maybe_together_with_another_municipality_not_place_of_work(read):
    analysis = read("We werken in Heers. Misschien kunnen we dit samen doen met Gingelom.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_with_full_date_at_the_end_of_a_title_block_is_a_dateline(read):
    analysis = read(
        "Een netwerk voor kwetsbare gezinnen - Kandidatuur Capacity Building - werkingsregio Haspengouw "
        "Ingediend door vzw De Perelaar, Terlogt, 26 mei 2023\n\nWe werken aan huis in Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_ambiguous_village_next_to_a_village_after_vanuit(read):
    analysis = read("De dinsdaggroep in het ontmoetingscentrum in Sint-Joris, de wandelingen vanuit Herten.")
    assert "alken" in analysis.ids("municipalities")


def test_place_counts_per_municipality_are_figures(read):
    analysis = read(
        "We werken aan huis in Sint-Truiden. We telden vorig jaar 41 personen in Sint-Truiden, 6 in Gingelom, 4 in "
        "Heers en 2 in Wellen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_with_capacity_of_our_venue_is_place_of_work(read):
    analysis = read(
        "We hebben een kinderdagverblijf met 56 plaatsen in Alken en een buitenschoolse opvang met 40 plaatsen in "
        "Kozen."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "alken"]


def test_place_of_the_calls_info_session_not_place_of_work(read):
    analysis = read(
        "Zoals beloofd op de infosessie in Sint-Truiden bezorg ik je onze kandidatuur. We werken in Heers."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_that_waits_for_the_results_not_place_of_work(read):
    analysis = read("We werken in Alken en Wellen. Nieuwerkerken verkiest eerst de resultaten af te wachten.")
    assert analysis.ids("municipalities") == ["alken", "wellen"]


def test_place_of_a_similar_initiative_not_place_of_work(read):
    analysis = read(
        "We werken in Heers. De burgemeester wijst erop dat er in Alken een gelijkaardig vrijwilligersinitiatief loopt."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_where_players_live_is_where_they_come_from(read):
    analysis = read(
        "Op ons terrein in Vechmaal trainen we elke woensdag. Andere spelers wonen in Sint-Truiden of Landen."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_customers_from_the_whole_region_is_where_they_come_from(read):
    analysis = read(
        "Onze winkel is in Sint-Truiden. We krijgen klanten uit heel Haspengouw, soms tot uit Landen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_partners_branch_not_place_of_work(read):
    analysis = read(
        "Op de boerderij in Mielen-boven-Aalst werken de gasten elke dag mee. Om de twee weken komt Ilse, "
        "consulente van het CAD in Sint-Truiden, naar de boerderij.\nPZ Asster, campus Sint-Truiden | aanmelding "
        "van nieuwe deelnemers"
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_our_office_hour_at_a_partner_is_place_of_work(read):
    analysis = read("Onze trajectbegeleider houdt elke dinsdag zitdag in het lokaal van het OCMW in Heers.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_where_pupils_live_is_where_they_come_from(read):
    analysis = read("Onze school ligt in Velm. Een deel van onze leerlingen woont trouwens in Gingelom of Landen.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_in_a_police_zones_name_covers_its_list(read):
    analysis = read(
        "We trainen in de sporthal van Melveren. Ze worden aangemeld door de wijkagenten van de politiezone "
        "Sint-Truiden-Gingelom-Nieuwerkerken."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_partner_team_or_job_shop_not_place_of_work(read):
    analysis = read(
        "We werken in Kozen. Ze worden aangemeld door CAD Limburg (team Sint-Truiden); wie wil, start daarna een "
        "traject bij de VDAB-werkwinkel in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_the_court_people_are_accompanied_to_not_place_of_work(read):
    analysis = read("We werken aan huis in Heers en gaan mee naar de zitting bij de vrederechter in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["heers"]


def test_the_six_local_councils_as_a_steering_group_are_no_working_area(read):
    analysis = read(
        "De zes lokale besturen van het partnerschap zetelen in de stuurgroep van het project. We werken in Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_of_a_staff_members_employer_not_place_of_work(read):
    analysis = read("Intervisie | woonbegeleider Heers + maatschappelijk werker Gingelom | tweemaandelijks\nWe werken in Heers.")
    assert "gingelom" not in analysis.ids("municipalities")


def test_place_of_the_first_version_not_place_of_work(read):
    analysis = read(
        "Ik werk in Gingelom. In mijn eerste versie had ik ook Heers erbij gezet, maar dat is te veel voor één persoon."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_where_services_already_exist_not_place_of_work(read):
    analysis = read("Ik werk in Gingelom. In Sint-Truiden zelf zijn er al budgetcoaches bij het OCMW en het CAW.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_list_after_a_venue_with_a_partner_in_brackets_counts(read):
    analysis = read(
        "Het spreekuur gaat door in Nieuwerkerken (Sociaal Huis), Heers (Huis van het Kind, Opheers) en Alken "
        "(lokaal dienstencentrum)."
    )
    assert analysis.ids("municipalities") == ["heers", "nieuwerkerken", "alken"]


def test_place_people_come_from_but_are_visited_at_home_counts(read):
    analysis = read(
        "De coachingsgesprekken vinden plaats in onze gespreksruimte in Sint-Truiden. Deelnemers uit Heers die "
        "slecht te been zijn, bezoeken we thuis."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "heers"]


def test_place_in_brackets_after_a_partner_is_its_area(read):
    analysis = read(
        "Onze huisbus stopt in Batsheers en Vechmaal.\n\n"
        "Politiezone Haspengouw (Borgloon, Heers, Kortessem, Wellen) | de wijkagenten signaleren geïsoleerde inwoners"
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_branches_of_a_partner_not_place_of_work(read):
    analysis = read(
        "We trainen op het veld van onze club in Alken.\n\n"
        "CAD Limburg, afdelingen Sint-Truiden en Hasselt: aanmelding van spelers, maandelijks overleg met de trainers."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_families_live_across_the_border_not_place_of_work(read):
    analysis = read(
        "Alles gebeurt in de refter van onze school in Brustem. Een deel van de gezinnen woont net over de gemeentegrens, in "
        "Mielen-boven-Aalst en Buvingen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_on_a_bus_line_between_towns_not_place_of_work(read):
    analysis = read(
        "We trainen op het veld van onze club in Alken. De bus tussen Hasselt en Sint-Truiden stopt op 200 meter van onze kantine."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_the_applicants_own_practice_in_an_introduction_not_place_of_work(read):
    analysis = read(
        "Wij zijn Els Claes en Tom Vanbrabant, klinisch psychologen en sinds 2015 samen een groepspraktijk in "
        "Sint-Truiden. We houden inloopuren in het dienstencentrum van Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_of_a_group_that_stopped_not_place_of_work(read):
    analysis = read(
        "We bezoeken gezinnen in Groot-Gelmen. Tot 2020 hadden we ook een groepje in Ulbeek, maar die vrijwilligers "
        "zijn gestopt."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_an_example_the_applicant_followed_not_place_of_work(read):
    analysis = read("Het project werkt in Heers. We inspireerden ons op het dorpsrestaurant in Gingelom.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_of_residents_with_a_service_nearby_not_place_of_work(read):
    analysis = read(
        "Onze bus stopt in Borlo en Montenaken. Inwoners van Sint-Truiden en Alken hebben het sociaal huis op "
        "fiets- of busafstand."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_a_stop_tested_in_the_past_not_place_of_work(read):
    analysis = read(
        "Onze bus stopt in Borlo en Montenaken. In het voorjaar van 2023 testten we twee maanden een halte in "
        "Ulbeek (Wellen)."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_in_a_table_of_ride_destinations_not_place_of_work(read):
    analysis = read(
        "Alles gebeurt in Gingelom: intake, huisbezoeken en de moedernamiddag. De ritten gaan naar waar de "
        "afspraak is.\n\n"
        "Bestemming | Plaats | Aantal ritten\n"
        "ziekenhuis | Sint-Truiden, Hasselt | 96\n"
        "VDAB-werkwinkel | Sint-Truiden | 31\n"
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_earlier_projects_and_board_members_not_place_of_work(read):
    analysis = read(
        "Het project speelt zich volledig af in ons atelier in Sint-Truiden.\n\n"
        "Eerdere projecten\n"
        "Jaar | Project | Waar | Stand van zaken\n"
        "2018 - 2020 | Trapkracht: fietsles voor senioren | Wellen en Herten | afgerond\n\n"
        "Raad van bestuur\n"
        "Voorzitter: Marcel Poelmans, gepensioneerd fietsenmaker (Heers)\n"
        "Ondervoorzitter: Lieve Stas, schooldirecteur (Alken)\n"
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_sponsor_not_place_of_work(read):
    analysis = read(
        "Het project speelt zich volledig af in ons atelier in Sint-Truiden.\n\n"
        "Sponsors: bakkerij Vranken in Alken (brood voor de middag) en een fruitbedrijf uit Wellen.\n"
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_logistics_zones_with_jobs_not_place_of_work(read):
    analysis = read(
        "We werken vanuit ons kantoor in Sint-Truiden. De ploegendiensten in de logistieke zones in Alken en "
        "Nieuwerkerken zijn met de bus niet bereikbaar."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_after_school_care_the_project_searches_counts(read):
    analysis = read(
        "Onze zorgcoördinator zoekt samen met ouders een plaats in de buitenschoolse opvang in Heers en helpt bij "
        "de inschrijving via het Loket Kinderopvang."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_of_municipalities_the_applicant_works_with_not_place_of_work(read):
    analysis = read(
        "De opvangcoach werkt enkel in Sint-Truiden. Het Lokaal Loket Kinderopvang organiseren we sinds 2020 samen "
        "met Gingelom, Heers en Nieuwerkerken; die gemeenten dragen een deel van de loketkosten."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_observers_and_other_zones_not_place_of_work(read):
    analysis = read(
        "De woonwijzer werkt in Alken en Nieuwerkerken. Ook Gingelom en Heers werden in 2022 uitgenodigd als "
        "waarnemer. Wellen en Sint-Truiden behoren tot een naburige eerstelijnszone."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "alken"]


def test_place_the_writer_lives_and_says_is_not_of_the_project_not_place_of_work(read):
    analysis = read(
        "We begeleiden wijk-werkers in Alken. Ik woon zelf in Nieuwerkerken en de collega van PWA Kortessem heeft "
        "iets gelijkaardigs geprobeerd, maar dat zijn geen plaatsen van dit project."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_a_room_a_partner_lends_counts(read):
    analysis = read(
        "De gesprekken gaan door in ons kantoor in Sint-Truiden en in een spreekkamer die het Sociaal Huis van "
        "Nieuwerkerken ons één dag per week ter beschikking stelt."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "nieuwerkerken"]


def test_place_of_a_referral_destination_not_place_of_work(read):
    analysis = read(
        "De contextbegeleider komt aan huis in Heers en Gingelom. Wie meer nodig heeft, wordt samen met de "
        "contextbegeleider toegeleid naar het CGG in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_place_of_outings_and_matches_not_place_of_work(read):
    analysis = read(
        "We trainen elke week op ons veld in Sint-Joris en in Alken-centrum. Eén keer per seizoen gaan we samen naar "
        "een match van STVV in Sint-Truiden, en elke oudere krijgt een ritje naar de markt in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_participants_follow_a_course_elsewhere_not_place_of_work(read):
    analysis = read(
        "We koppelen buddy's in de bib van Heers. Anderen zijn hier al langer en volgen avondles Nederlands in "
        "Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_with_its_own_proposal_not_place_of_work(read):
    analysis = read("Het project werkt in Heers. Gingelom dient voor zijn eigen grondgebied een apart voorstel in.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_staff_live_spread_over_not_place_of_work(read):
    analysis = read("De groep komt samen in ons lokaal in Sint-Truiden. Onze medewerksters wonen verspreid, van Wellen tot Landen.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_relatives_job_or_a_hospital_stay_not_place_of_work(read):
    analysis = read(
        "Ik geef les in het achterzaaltje van café De Kroon in Borlo. Mijn dochter is verpleegster in het ziekenhuis "
        "in Sint-Truiden. Ik heb drie maand gelegen in Asster, in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_in_a_pasted_chat_too_far_by_bus_not_place_of_work(read):
    analysis = read(
        "[14/05/23 21:17] Nora: We komen samen in het lokaal dat de gemeente Heers ons geeft "
        "[14/05/23 21:18] Nora: Naar Sint-Truiden is te ver, bus 1 keer per uur en dan nog wachten "
        "[14/05/23 21:19] Samira: Kinderen: mijn dochter past op"
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_in_a_quoted_area_phrase_withdrawn_not_collective(read):
    analysis = read('"Heel Haspengouw" was te ruim, dat komt vooral uit onze projectnaam. We werken in Borlo en Jeuk.')
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_answered_with_no_own_work_not_place_of_work(read):
    analysis = read(
        "Het project werkt in Sint-Truiden en Alken.\n\n"
        "Gingelom, Heers en Nieuwerkerken: geen eigen werking in dit project."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "alken"]


def test_place_of_a_group_only_if_things_go_well_not_place_of_work(read):
    analysis = read(
        "De groepen lopen in Sint-Truiden en Nieuwerkerken. Als het goed loopt, willen we in 2025 een derde groep "
        "in Gingelom starten, maar daar is nu geen budget voor."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "nieuwerkerken"]


def test_place_left_out_of_the_route_not_place_of_work(read):
    analysis = read(
        "Mijn route loopt langs Alken, Nieuwerkerken en Wellen. Sint-Truiden en Heers laat ik bewust buiten mijn "
        "route: daar draaien al een digipunt en een budgetwerking."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "alken", "wellen"]


def test_place_people_come_from_when_the_project_does_not_visit_homes_not_place_of_work(read):
    analysis = read(
        "De zorgboerderij ligt in Vechmaal. Wie uit de Truiense randdorpen komt, moet zelf tot aan de halte "
        "geraken: we gaan niet aan huis."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_after_we_are_active_in_counts(read):
    analysis = read("We zijn actief in Ordingen, Jeuk en Vechmaal, waar we al een sterke buurtwerking hebben.")
    assert analysis.ids("municipalities") == ["sint-truiden", "gingelom", "heers"]


def test_place_with_its_own_approach_or_a_later_plan_not_place_of_work(read):
    analysis = read(
        "Het digicafé loopt in de bib van Nieuwerkerken. Alken koos uiteindelijk voor een eigen aanpak via het "
        "Sociaal Huis. Een satellietpraktijk in Montenaken (Gingelom) staat in ons meerjarenplan voor 2026."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_an_appointment_people_are_accompanied_to_not_place_of_work(read):
    analysis = read(
        "We komen samen in de parochiezaal van Herten. Als het echt niet goed gaat, gaan we mee naar de huisarts of "
        "naar het CGG in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_in_french_saint_trond_counts(read):
    analysis = read("Modules 1, 3 et 4 : dans notre local à Saint-Trond (Stationsstraat).")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_with_its_own_offer_after_a_colon_not_place_of_work(read):
    analysis = read(
        "Het project werkt in Heers en Gingelom. De werkgroep vindt van niet: Sint-Truiden heeft een eigen aanbod "
        "en het project moet klein blijven."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_place_of_a_refused_second_hall_not_place_of_work(read):
    analysis = read(
        "We trainen in onze zaal in Brustem. We hebben bij de gemeente Gingelom een dossier ingediend om een tweede "
        "zaal in Borlo te krijgen, maar dat werd geweigerd, dus alles blijft in Brustem."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_listed_with_towns_outside_the_area_not_place_of_work(read):
    analysis = read(
        "Ons werkingsgebied omvat acht gemeenten: Sint-Truiden, Gingelom, Heers, Nieuwerkerken, Alken, Wellen, "
        "Borgloon en Kortessem. Het praatpunt zelf gaat door in het buurthuis van Brustem."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_whole_area_and_more_is_an_organisations_coverage_not_the_projects_area(read):
    analysis = read(
        "Daarmee dekken we de zes gemeenten van het partnerschap en vijf gemeenten daarbuiten. Ons ziekenhuis bedient "
        "heel Haspengouw en het Hageland. Het project loopt in Sint-Truiden en Gingelom."
    )
    assert sorted(analysis.ids("municipalities")) == ["gingelom", "sint-truiden"]


def test_whole_area_with_a_seat_beyond_in_another_clause_is_the_projects_area(read):
    analysis = read("We werken in de zes gemeenten van het partnerschap; onze zetel ligt in Hasselt.")
    assert len(analysis.ids("municipalities")) == 6


def test_places_where_a_joined_clause_says_the_project_is_not_offered_not_place_of_work(read):
    analysis = read(
        "Mama Mee loopt in Nieuwerkerken en Wellen. In Gingelom, Heers en Alken blijft onze gewone werking "
        "beschikbaar, maar Mama Mee wordt daar niet aangeboden."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "wellen"]


def test_places_with_a_need_said_in_a_joined_clause_stay_places_of_work(read):
    analysis = read("We organiseren een taalcafé in Heers en Gingelom, maar daar is geen kinderopvang.")
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_address_in_a_table_of_locations_is_a_place_of_work(read):
    analysis = read(
        "De lessen vinden plaats op twee locaties:\n"
        "Locatie | Module | Lesdagen\n"
        "Vestiging Sint-Truiden, Kazernestraat 11 | A, B en C | ma, di, do\n"
        "Lokaal dienstencentrum Heers | A en B | di, vr\n"
    )
    assert sorted(analysis.ids("municipalities")) == ["heers", "sint-truiden"]


def test_row_of_a_table_of_locations_that_says_no_not_place_of_work(read):
    analysis = read(
        "Locatie | Activiteit | Gefinancierd via dit project?\n"
        "Sociaal Huis Nieuwerkerken | zitdag woonbegeleider, vrijdag | ja\n"
        "Sint-Truiden | regionaal woonoverleg (waarnemer), huisvestingsdienst | nee\n"
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_the_organisations_regular_work_not_place_of_work(read):
    analysis = read(
        "Onze reguliere werking strekt zich uit over 24 gemeenten in Midden- en Zuid-Limburg; ook de zes gemeenten van "
        "het lokaal partnerschap behoren daartoe. Het project loopt in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_an_earlier_project_not_place_of_work(read):
    analysis = read(
        'In Heers liep van 2020 tot 2022 ons provinciaal project "Vlinder". Het nieuwe project loopt in Gingelom.'
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_an_aldermans_municipality_not_place_of_work(read):
    analysis = read(
        "Het project loopt in Wellen. Vergadering met Rik Stas (schepen, Nieuwerkerken) en Ann Vanoppen (schepen, "
        "Alken)."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_in_a_consideration_of_a_council_decision_not_place_of_work(read):
    analysis = read(
        "Overwegende dat in de gemeente Nieuwerkerken sinds 2023 een woonbegeleider actief is binnen een gemeentelijk "
        "project;\nBeslist: het project Woonkans loopt in Alken."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_people_are_driven_to_the_doctor_not_place_of_work(read):
    analysis = read(
        "Elke week is er koffienamiddag in de parochiezaal van Borlo. We rijden ook mensen naar de dokter, de apotheek "
        "of de markt in Sint-Truiden als ze geen vervoer hebben."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_the_hall_people_gather_in_is_a_place_of_work(read):
    analysis = read(
        "De meeste mannen wonen in Sint-Truiden. Elke dinsdagavond komen we samen in het parochiezaaltje van Ulbeek."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_some_of_the_six_municipalities_is_not_the_whole_area(read):
    analysis = read(
        "In deze aanvraag concentreren we ons bewust op drie van de zes gemeenten van het partnerschap: Sint-Truiden, "
        "Nieuwerkerken en Alken."
    )
    assert sorted(analysis.ids("municipalities")) == ["alken", "nieuwerkerken", "sint-truiden"]


def test_place_of_a_group_that_stays_outside_the_project_not_place_of_work(read):
    analysis = read(
        "De taallessen lopen in Alken. De oefengroep die we al in Heers hebben, blijft buiten dit project lopen."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_places_too_far_away_not_places_of_work(read):
    analysis = read(
        "De koffiebus stopt in Kozen en Herten. Gingelom en Heers liggen te ver van onze standplaats in Hasselt."
    )
    assert sorted(analysis.ids("municipalities")) == ["nieuwerkerken", "wellen"]


def test_stops_of_a_bus_in_a_table_are_places_of_work(read):
    analysis = read("Halte | Dag | Uur\nKerkplein Sint-Joris | maandag | 10u-12u\nKantine VV Kozen | woensdag | 10u-12u\n")
    assert sorted(analysis.ids("municipalities")) == ["alken", "nieuwerkerken"]


def test_place_someone_lives_in_said_after_the_place_is_where_people_come_from(read):
    analysis = read(
        "We werken op de boomgaard in Mielen-boven-Aalst. Wie in Sint-Truiden woont, neemt de bus tot in Borgloon."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_where_an_earlier_project_ran_not_place_of_work(read):
    analysis = read(
        "Van 2019 tot 2021 liep in Wellen ons project 'Samen Sterk'. Het nieuwe project loopt in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_villages_named_like_elsewhere_count_in_a_table_of_stops(read):
    analysis = read(
        "Dag | Halte | Uur\nwoensdag | Kozen, parking voetbalterrein | 13u30\ndonderdag | Sint-Joris, dorpsplein | 9u\n"
    )
    assert sorted(analysis.ids("municipalities")) == ["alken", "nieuwerkerken"]


def test_place_people_come_from_through_a_facility_there_not_place_of_work(read):
    analysis = read(
        "We organiseren een taalcafé in Sint-Truiden. Mannen komen ook uit de LOI in Heers en in Gingelom."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_hospital_letters_come_from_not_place_of_work(read):
    analysis = read(
        "Elke woensdag is er koffie in het parochiehuis van Borlo. We helpen met de brieven van de mutualiteit, van "
        "de belastingen, van het ziekenhuis in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_places_of_an_extension_only_if_the_project_works_not_places_of_work(read):
    analysis = read(
        "We zoeken woningen in Sint-Truiden en Kozen. Als dit werkt, willen we vanaf 2025 ook woningen zoeken in "
        "Alken en Wellen."
    )
    assert sorted(analysis.ids("municipalities")) == ["nieuwerkerken", "sint-truiden"]


def test_municipality_something_belongs_to_not_place_of_work(read):
    analysis = read("De koffienamiddag is in Herten, dat bij Wellen hoort. De oude pastorie hoort bij Heers.")
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_only_if_there_is_enough_money_not_place_of_work(read):
    analysis = read(
        "We starten in Sint-Truiden. Wij willen ook graag in Nieuwerkerken beginnen, maar dat is alleen als er genoeg "
        "geld is."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_named_with_a_town_outside_after_a_place_word_not_place_of_work(read):
    analysis = read(
        "De mama's komen naar ons huis in Wellen. De meeste moeders bevallen in het ziekenhuis van Sint-Truiden of in "
        "Hasselt."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_seasonal_jobs_in_fruit_growing_are_no_place_of_work(read):
    analysis = read(
        "De lessen gaan door in Kozen. De seizoensjobs in de fruitteelt in Gingelom en Heers willen we omzetten in "
        "vaste jobs."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_a_special_needs_school_that_sends_pupils_not_place_of_work(read):
    analysis = read(
        "De werkplekken zijn in onze winkel in Sint-Truiden. We denken aan schoolverlaters van OV3 van BuSO De Horizon "
        "in Alken, waarmee we al stagecontracten hebben."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_among_the_organisations_sites_with_towns_outside_not_a_place_of_work(read):
    analysis = read(
        "Het Fruitatelier stelt 212 doelgroepwerknemers te werk in vier vestigingen: het hoofdgebouw met de "
        "sorteerlijn in Brustem, een inpakafdeling in Tienen en sinds 2022 de fruitloods in Kozen.\n\n"
        "Het hele project gebeurt in onze werkplaats in Nieuwerkerken."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_municipalities_that_commission_the_organisation_not_a_place_of_work(read):
    analysis = read(
        "Daarnaast rijden twee buitenploegen voor groenonderhoud, vooral in opdracht van de gemeenten Heers en "
        "Gingelom.\n\nHet project loopt in onze werkplaats in Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_listed_after_the_participating_municipalities_and_a_colon_is_a_place_of_work(read):
    analysis = read(
        "Het project wordt uitgevoerd op het grondgebied van de drie deelnemende gemeenten: Gingelom, Heers en "
        "Nieuwerkerken."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers", "nieuwerkerken"]


def test_place_of_the_offices_in_flemish_burelen_is_the_seat(read):
    analysis = read("Onze burelen liggen in Sint-Truiden, maar dit project speelt zich volledig in Heers af.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_of_a_past_presentation_not_a_place_of_work(read):
    analysis = read(
        "Op een studiedag in maart 2023 in het gemeentelijk ontmoetingscentrum van Alken, stelden we de resultaten "
        "van ons vorige project voor.\n\nHet nieuwe project loopt in ons gezinspunt in Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_at_the_end_of_a_bus_route_practised_not_a_place_of_work(read):
    analysis = read(
        "Het project speelt zich volledig in Heers af. De gezinscoach oefent met wie dat wil de busroute naar "
        "Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_of_a_partner_listed_under_the_partners_heading_not_a_place_of_work(read):
    analysis = read(
        "Wat we doen\nElke zaterdag tuinieren we samen in de samentuin in Herten.\n\n"
        "Met wie\n- Tuincentrum De Linde in Alken: geeft ons elk voorjaar plantjes aan halve prijs.\n"
        "- De sociale kruidenier in Sint-Truiden: neemt onze overschotten af.\n"
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_in_a_table_of_partners_and_their_places_is_a_place_of_work(read):
    analysis = read(
        "Partners\nPartner | Waar\nBuurthuis De Linde vzw, met vrijwillige taalcoaches | Alken en Sint-Joris\n"
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_the_writers_shopping_not_a_place_of_work(read):
    analysis = read(
        "Ik lees elke woensdag met de moeders in de school van Montenaken. Op zaterdag doe ik mijn boodschappen in "
        "de Aldi in Sint-Truiden, en daar kom ik een paar van die moeders ook tegen."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_where_the_van_was_bought_and_the_proposal_discussed_not_a_place_of_work(read):
    analysis = read(
        "Elke dinsdagavond koken we soep in de keuken van de parochiezaal in Zepperen en rijden we met onze "
        "bestelwagen naar het station. De bestelwagen kochten we tweedehands bij een garage in Nieuwerkerken. We "
        "hebben dit voorstel gisteren besproken op ons maandelijks overleg in café De Kroon in Gingelom."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_municipality_named_to_say_which_one_a_village_belongs_to_not_a_place_of_work(read):
    analysis = read(
        "Het digitale hoekje is in onze winkel in Aalst, bij Sint-Truiden. De vrijwilliger woont in Klein-Gelmen, "
        "dat is al Heers, maar hij komt hier elke dag zijn krant halen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_internships_at_companies_not_a_place_of_work(read):
    analysis = read(
        "De nazorg gebeurt op school in Sint-Truiden. Onze leerlingen lopen in de laatste twee jaar stage bij "
        "bedrijven en maatwerkbedrijven in de streek, onder meer in Wellen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_places_that_open_a_sentence_saying_they_are_not_in_it_not_places_of_work(read):
    analysis = read(
        "We begeleiden huurders in Alken en Wellen. Heers en Gingelom staan niet in de tabel: we hebben er geen "
        "woningen."
    )
    assert analysis.ids("municipalities") == ["alken", "wellen"]


def test_places_of_home_visits_said_to_happen_at_the_tenants_homes_are_places_of_work(read):
    analysis = read(
        "De begeleiding gebeurt bij de huurders thuis, in onze woningen in Sint-Truiden (o.a. Brustem en het "
        "centrum), Gingelom (Borlo en Jeuk) en Heers (Vechmaal en Opheers). In Alken en Nieuwerkerken heeft "
        "Woonkans geen woningen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "gingelom", "heers"]


def test_place_in_brackets_after_an_address_is_the_address(read):
    analysis = read("Stapsteen werkt in Nieuwerkerken. Ons adres: Industrieweg-Noord 40, 3800 Brustem (Sint-Truiden).")
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_where_a_practice_is_registered_is_the_seat(read):
    analysis = read(
        "Onze praktijk is gevestigd in Sint-Truiden. De spreekuren van het project houden we in het sociaal huis van "
        "Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_among_destinations_after_a_lead_in_about_rides_not_a_place_of_work(read):
    analysis = read(
        "We rijden mensen uit Alken. Waar we naartoe rijden is heel verschillend: naar het ziekenhuis in Hasselt, "
        "naar een advocaat in Sint-Truiden, naar een specialist in Tongeren."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_the_couples_work_in_logistics_not_a_place_of_work(read):
    analysis = read(
        "De shuttle rijdt vanuit Gingelom. Het gaat om koppels die in ploegen werken bij de fruitbedrijven, in de "
        "logistiek op Schurhovenveld in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_places_labelled_with_home_visits_are_places_of_work(read):
    analysis = read(
        "Waar?\n- Nieuwerkerken: om de twee weken een zitdag in het sociaal huis.\n"
        "- Gingelom en Heers: huisbezoeken, omdat daar amper openbaar vervoer is.\n"
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers", "nieuwerkerken"]


def test_place_where_the_organisation_started_years_ago_not_a_place_of_work(read):
    analysis = read(
        "Dorpswerk is in 2004 ontstaan als een klein buurtwerk in de Truiense wijk Schurhoven. Vanaf september 2024 "
        "werken we met een huisbezoeker in de dorpen van Heers."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_of_a_start_planned_in_the_project_is_a_place_of_work(read):
    analysis = read("In 2020 werkten we al met gezinnen. We starten in september 2024 in de school van Kozen.")
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_people_who_then_come_to_the_applicant_elsewhere_not_a_place_of_work(read):
    analysis = read(
        "Ons inloophuis in Sint-Truiden is elke dag open. Mannen die in Alken of Wellen hun woning kwijtraken, "
        "komen meestal ook via de bus bij ons terecht."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_people_who_stay_there_while_we_visit_is_a_place_of_work(read):
    analysis = read("Mannen die in Alken wonen, bezoeken we thuis.")
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_someone_used_to_live_not_a_place_of_work(read):
    analysis = read(
        "Amina woonde eerst bij haar schoonfamilie in Nieuwerkerken. Nu volgt ze onze groep in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_people_have_to_go_to_for_the_food_bank_not_place_of_work(read):
    analysis = read(
        "We komen elke woensdag samen in Borlo. Voor de voedselbank moeten de mensen naar Sint-Truiden, en met de bus "
        "ben je dan een halve dag weg."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_the_vans_depot_not_place_of_work(read):
    analysis = read(
        "De ritten vertrekken in Heers. De drie busjes staan 's nachts op onze stelplaats in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_of_the_team_meeting_at_the_office_not_place_of_work(read):
    analysis = read("We gaan bij de mensen thuis, in de dorpen van Gingelom. Teamoverleg op het bureau in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_each_stop_of_a_ride_not_place_of_work(read):
    analysis = read(
        "Alles gebeurt in Herten, dus in Wellen. Marcel, onze chauffeur, rijdt mensen naar de dokter in Alken, naar "
        "het ziekenhuis in Sint-Truiden of naar de apotheek."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_list_whose_last_clause_says_nothing_happens_there_not_place_of_work(read):
    analysis = read(
        "Deelnemers uit andere gemeenten komen naar onze site in Wellen; in Gingelom, Heers, Nieuwerkerken of Alken "
        "vinden geen activiteiten plaats."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_answered_with_talks_still_going_on_not_place_of_work(read):
    analysis = read(
        "We werken elke dinsdag in Alken. Elke vrijdag in Heers en Nieuwerkerken: met beide gemeenten lopen "
        "gesprekken over een antenne vanaf 2025."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_a_decision_still_to_take_not_place_of_work(read):
    analysis = read(
        "We werken in Alken.\n\nPlanning\n| Kwartaal | Mijlpaal |\n"
        "| Q4 2024 | beslissing over antennes Heers en Nieuwerkerken voor 2025 |\n"
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_an_industrial_zone_the_rides_go_to_not_place_of_work(read):
    analysis = read(
        "We halen de mensen thuis op in Alken. De ritten gaan naar werkgevers op de bedrijventerreinen van "
        "Sint-Truiden en Hasselt, onder meer Schurhovenveld en de zone bij Brustem."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_in_a_note_about_a_closed_workshop_leaves_the_line_above_a_place(read):
    analysis = read(
        "6. Werkingsgebied\nsite Alken + onze werven in Wellen (onderhoud kerkhoven in Herten en Ulbeek)\n"
        "NB tot 2021 hadden we ook een atelier in Sint-Truiden, dat is gesloten.\n"
    )
    assert analysis.ids("municipalities") == ["alken", "wellen"]


def test_place_of_people_who_come_to_the_applicant_with_nothing_organised_there_not_place_of_work(read):
    analysis = read(
        "Ons atelier ligt in Brustem. Instappers kunnen in elk van de zes gemeenten van het partnerschap wonen (op de "
        "huidige wachtlijst staan mensen uit Gingelom, Heers en Wellen), maar zij komen naar ons; in hun gemeenten "
        "zelf organiseren we niets."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_where_no_stop_or_visits_will_come_not_place_of_work(read):
    analysis = read(
        "De bus stopt in Sint-Joris. Inwoners van Wellen die naar de bus komen, helpen we daar, maar een standplaats "
        "of huisbezoeken in Wellen komen er niet."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_an_extension_the_province_must_approve_not_place_of_work(read):
    analysis = read(
        "We gaan op huisbezoek in Gingelom. Als de provincie ons najaarsdossier goedkeurt, breiden we in 2024 uit "
        "naar Alken en Wellen."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_people_come_from_to_a_workshop_outside_the_area_not_place_of_work(read):
    analysis = read(
        "Alles gebeurt bij ons in het atelier in Landen. De mannen komen uit Heers en Gingelom, via de VDAB."
    )
    assert analysis.ids("municipalities") == []


def test_place_the_municipality_refused_not_place_of_work(read):
    analysis = read(
        "We staan met de koffiekar in Velm. In Gingelom wilden we op het kerkplein gaan staan maar de gemeente gaf "
        "geen toestemming."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_too_far_for_the_people_not_place_of_work(read):
    analysis = read(
        "We komen elke week samen in Borlo. Sint-Truiden is voor ons ver, de bus rijdt maar om het uur."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_a_start_after_a_good_evaluation_not_place_of_work(read):
    analysis = read(
        "We begeleiden alleenstaande moeders aan huis in Alken.\n\n"
        "Als de evaluatie positief is en er nieuwe middelen komen, willen we vanaf 2025 ook in Gingelom starten."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_a_group_we_may_start_not_place_of_work(read):
    analysis = read(
        "Onze vrouwengroep komt elke dinsdag samen in Brustem.\n\n"
        "Volgend jaar willen we misschien ook een groep in Gingelom starten, als we daar een zaaltje vinden."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_where_no_sessions_take_place_not_place_of_work(read):
    analysis = read(
        "De gesprekken vinden plaats in het gemeentehuis van Heers.\n\n"
        "In onze praktijk in de Truiense binnenstad vinden geen projectgesprekken plaats."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_where_another_service_works_we_do_not_duplicate_not_place_of_work(read):
    analysis = read(
        "We gaan op huisbezoek bij gezinnen in Alken en Wellen.\n\n"
        "In Sint-Truiden werkt het Huis van het Kind al met een gelijkaardig aanbod aan huis en dat willen we niet "
        "dubbelen."
    )
    assert analysis.ids("municipalities") == ["alken", "wellen"]


def test_place_the_next_sentence_turns_down_not_place_of_work(read):
    analysis = read(
        "We fietsen elke week langs de gehuchten van Heers.\n\n"
        "Mielen-boven-Aalst ligt vlak bij onze route. Daar gaan we niet naartoe: daar werkt al een buurtwerker."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_list_after_a_negation_left_out_whole(read):
    analysis = read(
        "Het atelier ligt in Brustem.\n\nWe werken niet in Gingelom, Heers, Alken of Wellen zelf."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_list_after_a_negated_place_and_wel_kept(read):
    analysis = read("We werken niet in Gingelom, wel in Heers en Alken.")
    assert sorted(analysis.ids("municipalities")) == ["alken", "heers"]


def test_place_whole_area_served_by_the_organisation_not_place_of_work(read):
    analysis = read(
        "De Integratiedienst is de lokale integratiedienst van de zes gemeenten van het partnerschap.\n\n"
        "Met dit project werken we in Wijer."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_whole_area_under_the_organisation_heading_not_place_of_work(read):
    analysis = read(
        "1. Onze dienst\n\nWe coördineren het lokaal integratiebeleid. Ons werkingsgebied als dienst omvat alle zes "
        "gemeenten.\n\n2. Aanpak\n\nHet taalcafé komt elke week samen in Wijer."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_whole_area_of_the_project_under_the_organisation_heading_kept(read):
    analysis = read(
        "1. Onze dienst\n\nWe zijn een kleine vzw. Met dit project werken we in alle zes gemeenten van het "
        "partnerschap.\n"
    )
    assert len(analysis.ids("municipalities")) == 6


def test_place_at_a_partners_building_is_a_place_of_work(read):
    analysis = read(
        "Ik herstel fietsen in mijn winkel in Brustem. Elke eerste dinsdag van de maand sta ik met de bestelwagen aan "
        "het sociaal huis van Nieuwerkerken, zodat de mensen van daar niet naar de stad moeten komen."
    )
    assert "nieuwerkerken" in analysis.ids("municipalities")


def test_place_in_a_sentence_opening_with_an_old_year_is_history(read):
    analysis = read(
        "In 2012 namen we dagcentrum De Kersenhof in Groot-Gelmen over van een kleinere vzw.\n\n"
        "Vanaf september 2024 gaan we met dit project op huisbezoek in Heers."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_service_in_a_table_row_of_units_outside_the_area_is_elsewhere(read):
    analysis = read(
        "Dienst | Waar\n"
        "beschermd en begeleid wonen, 24-uursondersteuning | Tongeren, Hasselt\n"
        "mobiele begeleiding aan huis voor ouders met een verstandelijke beperking | Heers, Nieuwerkerken\n"
    )
    assert "huisvesting" not in analysis.ids("service_types")
    assert "mentale-beperking" in analysis.ids("service_types")


def test_place_in_a_line_opening_with_a_span_of_old_years_is_history(read):
    analysis = read(
        'Tussen 2019 en 2021 liep ons winterproject "Warm Dak" ook in Heers en Gingelom.\n\n'
        "Vanaf september 2024 begeleiden we in dit project mannen in de Truiense stationsbuurt."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_the_writers_strike_out_not_place_of_work(read):
    analysis = read("Aanpassingen aan de vorige versie:\n1. Alken schrappen. Alles gebeurt in de winkel in Wilderen.\n")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_whose_classes_are_full_is_context(read):
    analysis = read(
        "We geven twee keer per week taalles in de parochiezaal van Alken. De Truiense NT2-klassen zitten "
        "trouwens vol en voor de meeste vrouwen is Hasselt met de bus een halve dag onderweg."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_a_group_wants_to_go_back_is_no_place_of_work(read):
    analysis = read(
        "Het project werkt in de Truiense stationsbuurt, waar we een spreekuur houden. "
        "We krijgen ook aanmeldingen van gedetineerden die terug willen naar Gingelom of Heers."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_partner_people_must_go_to_is_no_place_of_work(read):
    analysis = read(
        "Elke dinsdagavond praten we samen in het parochiezaaltje van Kozen. "
        "Wie wil stoppen, die moet naar de huisarts of naar het CAD in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_in_the_name_of_a_hospital_ward_is_a_partner(read):
    analysis = read(
        "Het spreekuur loopt in het sociaal huis van Wellen. Voor wie meer nodig heeft, zoeken we samen de juiste "
        "plek (CGG, psychiater, PAAZ Sint-Truiden) en we blijven de moeder opvolgen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_in_a_past_example_is_no_place_of_work(read):
    analysis = read(
        "Het project werkt vanuit onze transitwoning in Brustem. Een voorbeeld van waarom dit project nodig is: "
        "vorig jaar vonden we voor een deelnemer eindelijk een studio in Borlo. "
        "In de winter van 2019 draaide een noodproject. Daarin reden we een avondronde die ook langs Wellen ging."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_the_next_sentence_leaves_out_with_dat(read):
    analysis = read(
        "De tafeltaxi rijdt in Heers en de dorpen errond. Drie van onze vrijwilligers volgen een avondopleiding "
        "in het CVO in Sint-Truiden. Dat staat helemaal los van dit project."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_as_far_as_our_name_is_known_is_context(read):
    analysis = read(
        "Elke dinsdag koken we in ons lokaal in Brustem. Onze naam is gekend tot in Heers en Gingelom, omdat mensen "
        "elkaar doorvertellen dat je bij ons niet beoordeeld wordt."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_after_a_colon_where_we_act_is_not_covered_by_the_no_before_it(read):
    analysis = read(
        "Ons adres is Tiensesteenweg 140 in Sint-Truiden, maar dit project draait niet daar: we gaan op huisbezoek "
        "bij gezinnen in Kozen en Binderveld (Nieuwerkerken) en in Sint-Joris (Alken)."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "alken"]


def test_place_of_a_childcare_of_a_town_is_no_ride(read):
    analysis = read(
        "We reserveren in onze vestiging twee startplaatsen. Voor schoolgaande broers en zussen zoeken we mee een "
        "plaats in de IBO van Wellen of Nieuwerkerken."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "wellen"]


def test_place_where_the_organisation_has_long_worked_is_no_place_of_the_project(read):
    analysis = read(
        "Planning: we starten in september 2025.\n"
        "Wie zijn we\nSinds 2004 hebben we ook ateliers in Landen en Zoutleeuw en sinds 2011 aan de Luikersteenweg in "
        "Sint-Truiden.\n\nHet project\nIn Alken zetten we een fietsatelier op in de oude brandweerkazerne."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_our_own_venue_since_years_stays_a_place_of_work(read):
    analysis = read(
        "Planning: we starten in september 2025.\n"
        "We huren sinds 2019 een oude hoeve in Wijer. Daar komen de deelnemers twee dagen per week werken."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_on_the_round_of_our_shuttle_through_the_villages_of_two_towns(read):
    analysis = read(
        "Ons voorstel: een pendelbusje dat 's morgens en 's avonds een ronde rijdt langs de dorpen van Heers en "
        "Gingelom (Batsheers, Vechmaal, Montenaken, Borlo) en de mensen aan hun deur oppikt."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_place_listed_after_a_relative_clause_that_looks_back_is_a_place_of_work(read):
    analysis = read(
        "Voor dit project werken we met twee basisscholen waar we al jaren een vaste CLB-anker hebben: VBS De Klimop "
        "in Zepperen en GBS 't Vlindertje in Velm."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_after_a_semicolon_is_not_the_partners_branch(read):
    analysis = read(
        "De gesprekken gaan door bij de man thuis of in het sociaal huis van zijn gemeente; in Sint-Truiden hebben "
        "we daarnaast elke donderdag een gesprekslokaal in de Werkwinkel van de VDAB. In Gingelom gaan we op "
        "huisbezoek."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "gingelom"]


def test_sofa_surfing_in_the_town_is_no_registered_seat(read):
    # "van zetel naar zetel" is the sofa of people without a home, not the organisation's registered seat
    analysis = read(
        "CAW De Vaart (team Wonen & Thuisloosheid) wil met een outreachend medewerker aan de slag met "
        "jongvolwassenen die van zetel naar zetel trekken in de Truiense binnenstad."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_sofa_where_people_sleep_is_not_where_the_project_works(read):
    analysis = read(
        "Anderen slapen bij een vriend op de zetel in Nieuwerkerken of Gingelom. Onze begeleiders werken in ons "
        "dagcentrum in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_office_with_opening_days_is_a_place_of_work(read):
    analysis = read(
        "Wij hebben een klein kantoor in de Truiense stationsbuurt (open woensdag en zaterdag). Op de fruitbedrijven "
        "in Kozen gaan we op bezoek."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "nieuwerkerken"]


def test_office_that_is_only_the_seat_is_no_place_of_work(read):
    analysis = read("Ons kantoor is gevestigd in Sint-Truiden. Op de fruitbedrijven in Kozen gaan we op bezoek.")
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_working_area_field_answered_on_its_own_line_counts(read):
    analysis = read(
        "8. Wat doen we? Herstelde fietsen gratis in bruikleen.\n\n"
        "9. Werkingsgebied (gemeenten): Truiense binnenstad.\n\n"
        "10. Partners en hun rol: CAW (stuurt door)."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]
    assert "werkingsgebied" not in analysis.ids("missing_sections")


def test_place_in_a_later_cell_of_a_row_that_says_no_to_the_activity_not_left_out(read_pdf):
    # read from a PDF whose rows wrap and are joined again: the "nee" is about the regular work, not the village
    rows = [
        "Activiteit | Wie voert uit | In Werkplaats Plus? | Waar",
        "Werkervaring in LDE (klussen, groen, fietsen) | eigen ploegbazen | nee - reguliere LDE-werking, "
        "LDE-subsidie | Sint-Joris, Ulbeek",
        "Digitale vaardigheden: \"Digi-uur\" (smartphone, e-mail, itsme, Mijn VDAB, online bankieren) in groepjes "
        "van 4 | nieuwe digicoach (0,3 VTE) | ja - nieuw | Sint-Joris en Ulbeek, elk 1 namiddag/week",
        "Papierenuur: brieven lezen, facturen ordenen, budget opmaken, afbetalingsplan opvolgen | maatschappelijk "
        "werker OCMW Alken, 2 u/week gedetacheerd in het project | ja - nieuw | Sint-Joris",
    ]
    page = "\n".join(textwrap.fill(row, 95, break_long_words=False) for row in rows)  # as a word processor wraps
    assert read_pdf(page).ids("municipalities") == ["alken", "wellen"]


def test_place_row_that_says_no_is_left_out(read):
    analysis = read(
        "Gemeente | Werking in het project\nHeers | nee, daar werken we niet\nAlken | wekelijkse zitdag in het "
        "sociaal huis"
    )
    assert "heers" not in analysis.ids("municipalities")


def test_place_of_an_appointment_we_ride_to_not_place_of_work(read):
    analysis = read(
        "We werken in Alken. Voor afspraken bij de jeugdrechtbank in Hasselt of bij de dokter in Sint-Truiden "
        "rijden we soms mee."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_the_main_production_site_in_the_letterhead_not_place_of_work(read):
    analysis = read(
        "Productiesites: atelier Kozen (Nieuwerkerken) - hoofdsite Sint-Truiden\n\nDe deelnemers werken in ons "
        "atelier in Kozen."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_one_of_the_six_municipalities_not_the_whole_area(read):
    analysis = read(
        "Onze groepen lopen in Herten. Jongeren die naar een activiteit in een van de zes gemeenten komen, zijn "
        "welkom."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_of_a_road_named_after_the_town_not_place_of_work(read):
    analysis = read(
        "Ons fietsatelier is in Kozen. We testen samen de route naar het werk, langs de Truiense steenweg naar "
        "de veiling."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_where_we_take_people_to_a_partner_not_place_of_work(read):
    analysis = read(
        "We werken in Borlo en Heks. Voor een opname werken we met Asster in Sint-Truiden, waar we de mannen "
        "naartoe brengen als ze dat willen."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_place_without_a_bus_link_where_we_visit_still_place_of_work(read):
    analysis = read(
        "Huisbezoeken doen we bij leden in Wellen en Nieuwerkerken, waar de busverbinding naar Sint-Truiden "
        "ontbreekt."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken", "wellen"]


def test_place_where_some_took_a_course_before_not_place_of_work(read):
    analysis = read(
        "Ons project loopt in de school van Montenaken. Een paar hebben in Sint-Truiden NT2 gevolgd, maar met de "
        "bus vanuit Montenaken ben je daar anderhalf uur onderweg en de les begint voordat de school uit is."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_ambiguous_village_after_a_place_word_counts_when_its_municipality_is_named(read):
    analysis = read(
        "Café 't Hoekske, Sint-Jorisplein 3, 3570 Alken\n\nElke dinsdag houden we een babbelnamiddag in "
        "Sint-Joris, in de zaal achter het café."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_ambiguous_village_with_another_municipality_named_still_ignored(read):
    analysis = read("We werken in Heers. Een van onze vrijwilligers woonde vroeger in Aalst.")
    assert analysis.ids("municipalities") == ["heers"]


def test_social_services_of_the_six_municipalities_are_no_working_area(read):
    analysis = read(
        "Om de nood in kaart te brengen vroegen we de sociale huizen van de zes gemeenten van het partnerschap naar "
        "hun cijfers voor 2022. De pilot loopt in Alken."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_home_visits_in_the_six_municipalities_are_the_working_area(read):
    analysis = read(
        "De nazorg gebeurt via huisbezoeken en afspraken ter plaatse in de zes gemeenten van het partnerschap."
    )
    assert len(analysis.ids("municipalities")) == 6


def test_the_organisations_house_set_against_the_projects_villages_is_no_place_of_work(read):
    analysis = read(
        "Ons huis staat in Sint-Truiden, maar voor dit project trekken we de stad uit. Alle activiteiten vinden plaats "
        "in de dorpen van Gingelom en Heers."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_a_place_followed_by_but_also_stays_a_place_of_work(read):
    analysis = read("We werken in Sint-Truiden, maar het project gaat ook naar Alken.")
    assert "sint-truiden" in analysis.ids("municipalities")


def test_a_partners_regional_team_names_where_the_partner_is(read):
    analysis = read(
        "Wie stuurt de mama's door? Kind en Gezin, regioteam Sint-Truiden, en de OCMW's. Alle groepen gaan door in het "
        "Huis van het Kind in Gingelom."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_a_stall_on_the_market_is_a_place_of_work(read):
    analysis = read("Elke zaterdag staan we met de herstelkar op de wekelijkse markt in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_driving_the_soup_cart_to_a_village_where_we_meet_people_is_a_place_of_work(read):
    analysis = read(
        "Ons restaurant kookt in Alken. Elke dinsdagavond rijden we met de soepkar naar het dorpsplein van Kozen "
        "(Nieuwerkerken), waar we een tiental mannen zien die niet tot in de stad geraken."
    )
    assert "nieuwerkerken" in analysis.ids("municipalities")


def test_a_ride_to_the_hospital_in_a_town_is_no_place_of_work(read):
    analysis = read("We werken in Heers. Soms rijden we een mama met de auto naar het ziekenhuis in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_the_applicant_introduces_itself_in_goes_before_where_people_come_from(read):
    analysis = read(
        "Wij zijn een fruitbedrijf met een paar koeien in Kortenbos. We nemen twee mannen op die uit de gevangenis "
        "komen. Het zou mooi zijn als er ook mannen uit Gingelom of Nieuwerkerken konden komen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_places_people_come_from_count_when_the_applicant_names_no_place_of_its_own(read):
    analysis = read(
        "Wij zijn een groep vrijwilligers. We nemen twee mannen op die uit de gevangenis komen. De mannen komen "
        "uit Gingelom of Nieuwerkerken."
    )
    assert analysis.ids("municipalities") == ["gingelom", "nieuwerkerken"]


def test_places_in_what_the_applicant_hears_from_others_are_not_places_of_work(read):
    analysis = read(
        "Van de VDAB horen we altijd hetzelfde: mensen vinden werk bij de fruitbedrijven in Gingelom of bij de "
        "brouwerij in Alken, maar ze geraken er niet. Daarom herstellen wij fietsen in onze schuur in Kozen."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_someones_own_appointments_is_not_a_place_of_work(read):
    analysis = read(
        "De buddy rijdt mee op de bus vanuit Heers. Zijn afspraken liggen in Hasselt of in Sint-Truiden: het CAD, "
        "de probatieassistent, de VDAB."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_where_we_hold_our_appointments_is_a_place_of_work(read):
    analysis = read("Hun afspraken met onze coach houden we in het buurthuis in Brustem.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_session_that_is_dropped_is_not_a_place_of_work(read):
    analysis = read("De zitdag in Borlo valt dus weg. De groep komt samen in ons huis in Brustem.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_in_a_partner_row_that_says_no_project_role_is_not_a_place_of_work(read):
    analysis = read(
        "Met wie?\n\n| Partner | Rol in dit project | Waar |\n|---|---|---|\n"
        "| Bib Nieuwerkerken | lokaal voor de maandelijkse oudergroep | Nieuwerkerken |\n"
        "| CGG | geen inzet in het project; doorverwijsadres | Sint-Truiden |\n"
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_places_after_a_colon_under_the_partners_heading_without_a_partner_are_places_of_work(read):
    analysis = read(
        "Het atelier is in ons huis in Melveren.\n\n"
        "Wie doet mee?\nDe thuisbegeleiders van Begeleid Wonen De Sleutel sluiten aan bij het thuisoefenen.\n\n"
        "Het thuisoefenen gebeurt waar de jongeren wonen: vooral in Alken, maar ook in Nieuwerkerken.\n"
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "nieuwerkerken", "alken"]


def test_a_partner_item_with_its_place_under_the_partners_heading_is_not_a_place_of_work(read):
    analysis = read(
        "Waar?\nWe werken elke week in onze moestuin in Kozen.\n\nWie doet mee?\nTuincentrum De Linde in Alken: geeft "
        "ons plantjes.\n"
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_places_where_the_work_goes_to_the_people_at_home_are_places_of_work(read):
    analysis = read(
        "Ons atelier is in Melveren. Het oefenen gebeurt ook waar de jongeren wonen, in Heers en Gingelom."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "gingelom", "heers"]


def test_place_where_a_mother_goes_to_her_own_lesson_is_not_a_place_of_work(read):
    analysis = read(
        "Elke dinsdag komen de mama's samen in de parochiezaal van Ulbeek. Terwijl zij naar haar les Nederlands in "
        "Sint-Truiden gaat, past een van ons op de kinderen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_where_we_take_people_to_our_own_course_is_a_place_of_work(read):
    analysis = read("Wij geven de cursus in Ulbeek en we begeleiden de deelnemers naar werk in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["sint-truiden", "wellen"]


def test_place_in_an_apposition_of_a_site_that_does_not_take_part_is_not_a_place_of_work(read):
    analysis = read(
        "Onze tweede vestiging, het verpakkingsatelier op Schurhovenveld in Sint-Truiden, neemt niet deel aan dit "
        "project. De ploeg werkt in Heers."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_in_an_apposition_of_a_site_that_takes_part_is_a_place_of_work(read):
    analysis = read(
        "Onze tweede vestiging, het verpakkingsatelier in Sint-Truiden, neemt ook deel aan dit project. De ploeg "
        "werkt in Heers."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "heers"]


def test_place_where_workers_followed_families_in_the_first_project_is_no_place_of_work(read):
    analysis = read(
        "In het eerste project volgden twee woonbegeleiders in Wellen en Alken samen 31 gezinnen op.\n"
        "Nu werken we in Nieuwerkerken: we bezoeken de gezinnen thuis."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]


def test_place_of_a_language_cafe_later_if_it_goes_well_is_no_place_of_work(read):
    analysis = read(
        "We houden elke dinsdag een taalcafé in de bib van Wellen.\n"
        "Later, als het goed gaat, willen we ook een taalcafé in Alken beginnen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_of_the_practice_the_request_is_not_about_is_no_place_of_work(read):
    analysis = read(
        "Onze praktijk ligt in Sint-Truiden, maar daar gaat deze aanvraag niet over: de mama's voor wie we dit project "
        "schrijven, komen niet tot in de stad. We houden een wekelijks spreekuur in Alken."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_of_the_practice_where_there_is_no_offer_yet_is_a_place_of_work(read):
    analysis = read("Onze praktijk ligt in Sint-Truiden, maar daar is geen aanbod voor mama's. Daarom starten we er een groep.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_the_service_people_come_through_is_no_place_of_work(read):
    analysis = read(
        "Ons fietsatelier ligt in Kozen. De mannen komen meestal via de nachtopvang in Sint-Truiden of via het CAD in "
        "Hasselt."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]  # (Kozen)


def test_place_where_we_come_with_the_bike_workshop_is_a_place_of_work(read):
    analysis = read("Elke zaterdag komen we met het fietsatelier naar het dorpsplein van Zepperen.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_where_a_homeless_man_sleeps_at_friends_is_no_place_of_work(read):
    analysis = read(
        "Hij slaapt bij vrienden, nu eens hier, dan weer in Alken of Nieuwerkerken. Ons inloopcentrum ligt in "
        "Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_our_night_shelter_where_the_men_sleep_is_a_place_of_work(read):
    analysis = read("De mannen slapen bij ons in de nachtopvang in Sint-Truiden; overdag werken ze in ons atelier in Alken.")
    assert analysis.ids("municipalities") == ["sint-truiden", "alken"]


def test_place_where_a_participants_mother_lives_is_no_place_of_work(read):
    analysis = read("Kevin belt voor het eerst in vier jaar naar zijn moeder in Gingelom. Ons inloophuis ligt in Sint-Truiden.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_where_we_visit_the_mothers_at_home_is_a_place_of_work(read):
    analysis = read("Onze gezinscoach bezoekt de moeders thuis in Gingelom.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_in_a_partners_regional_branch_name_is_no_place_of_work(read):
    analysis = read(
        "Partner | Rol\n"
        "VDAB, regio Sint-Truiden | bemiddelaar volgt de werkzoekenden mee op\n\n"
        "De lessen vinden plaats in de bib van Alken."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_where_another_service_is_already_there_is_no_place_of_work(read):
    analysis = read(
        "De bus stopt in Opheers en in Klein-Gelmen. In Wellen heeft het OCMW al een wekelijkse zitdag in het "
        "dorpspunt van Herten."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_where_we_already_have_a_weekly_session_is_a_place_of_work(read):
    analysis = read("In Wellen hebben we al een wekelijkse zitdag in het dorpspunt van Herten, samen met het OCMW.")
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_at_the_end_of_a_stretch_from_an_outside_town_is_no_place_of_work(read):
    analysis = read(
        "Onze werking loopt in een groot deel van Zuid-Limburg, van Tongeren en Borgloon tot Sint-Truiden. Dit project "
        "houdt huisbezoeken in Alken."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_at_the_start_of_a_stretch_to_an_outside_town_is_no_place_of_work(read):
    analysis = read("Mensen komen van Sint-Truiden tot Hasselt naar ons. De groep komt samen in Wellen.")
    assert analysis.ids("municipalities") == ["wellen"]


def test_place_in_a_stretch_within_the_area_is_a_place_of_work(read):
    analysis = read("Onze vrijwilligers gaan op huisbezoek in alle dorpen, van Gingelom tot Heers.")
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_village_placed_on_the_map_as_belonging_to_a_town_is_no_place_of_work(read):
    analysis = read(
        "De koffiekar stopt elke week in Klein-Gelmen. Klein-Gelmen ligt tegen Groot-Gelmen aan, dat bij Sint-Truiden "
        "hoort."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_village_where_we_start_a_group_that_belongs_to_the_town_is_a_place_of_work(read):
    analysis = read("We starten een praatgroep in Groot-Gelmen, in het parochiezaaltje.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_the_mothers_the_coach_visits_at_home_is_a_place_of_work(read):
    analysis = read(
        "We willen jonge mama's met psychische problemen in Gingelom een vaste gezinscoach geven die aan huis komt en "
        "alles mee opvolgt."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_a_persons_title_and_town_in_an_aside_is_no_place_of_work(read):
    analysis = read(
        "De oudergroep komt om beurten samen in Opheers en in Borlo. Mevrouw Lien Daerden, psychologe in "
        "Sint-Truiden, wil de groep begeleiden."
    )
    assert "sint-truiden" not in analysis.ids("municipalities")


def test_our_psychologist_in_a_town_is_a_place_of_work(read):
    analysis = read("Onze psychologe houdt elke week een spreekuur in Sint-Truiden, in het buurthuis.")
    assert "sint-truiden" in analysis.ids("municipalities")


def test_where_the_organisation_began_is_its_place_when_no_other_is_named(read):
    analysis = read(
        "Den Hoek is in 2015 gestart in een oude garage in Sint-Joris (Alken). De meeste mannen wonen in Sint-Truiden en "
        "fietsen langs de steenweg naar ons toe. Vanaf september 2023 herstellen we elke dinsdag samen fietsen."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_where_the_organisation_began_gives_way_to_where_the_project_works(read):
    analysis = read(
        "Onze vzw is in 2009 opgericht in Sint-Truiden. Het project werkt met een wekelijkse groep in het "
        "ontmoetingscentrum van Wellen."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_figures_after_the_town_names_are_figures_per_municipality(read):
    analysis = read(
        "Aandeel alleenstaande ouders: Sint-Truiden 19,4% - Gingelom 11,2% - Heers 8,9% - Nieuwerkerken 7,1% - "
        "Alken 6,3% - Wellen 5,8%. Ons project werkt met een wekelijkse groep in Borlo."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_a_site_with_its_size_in_brackets_is_a_place_of_work(read):
    analysis = read(
        "We hebben twee opvanglocaties: Pimpernel Opheers (18 plaatsen) en Pimpernel Ulbeek (14 plaatsen). Daar "
        "houden we elke maand een ouderavond."
    )
    assert analysis.ids("municipalities") == ["heers", "wellen"]


def test_a_second_site_if_money_comes_in_is_no_place_of_work_yet(read):
    analysis = read(
        "Het traject loopt vanuit onze antenne in Sint-Truiden. Indien het partnerschap dat wenst en er middelen "
        "bijkomen, kan vanaf 2025 een tweede antenne opgestart worden voor Gingelom en Heers."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_a_joint_offer_that_is_not_planned_is_no_place_of_work(read):
    analysis = read(
        "Het digipunt draait in het dienstencentrum van Nieuwerkerken. Een gezamenlijk aanbod met Sint-Truiden is niet "
        "gepland."
    )
    assert analysis.ids("municipalities") == ["nieuwerkerken"]

