"""General rules added for proposals in new voices: headings that leave their content out, clauses around
numbers, personas that are real people or left out, challenge 3 needing mothers, sector words."""

from __future__ import annotations

import pytest

from tasks.analyse import DocumentText, _partner_table_rows, _units
from tests.tasks.test_dutch import RUN_ON_MAIL

pytestmark = pytest.mark.unit


# --- clauses and headings ----------------------------------------------------------------------------------


def test_clause_decimal_comma_not_a_clause_break(read):
    analysis = read("Een psycholoog (0,5 VTE) houdt elke week een vrij gespreksmoment in ons buurthuis.")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_service_type_under_negated_heading_not_offered(read):
    analysis = read(
        "Ons aanbod\nWe organiseren elke week een taalcafé voor ouders.\n\n"
        "Wat we niet doen\nBudgetbeheer en schuldbemiddeling: daarvoor is er het OCMW.\n"
    )
    assert "nederlandse-taal" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_service_type_under_conditional_heading_not_offered(read):
    analysis = read("Later, enkel met extra middelen\nWe zouden graag een buddywerking met vrijwilligers opstarten.")
    assert "netwerk" not in analysis.ids("service_types")


def test_heading_scope_kept_for_numbered_subheading(read):
    analysis = read(
        "5. Niet in deze aanvraag\n\n5.1 Buddywerking\nWe koppelen elke deelnemer aan een buddy.\n\n"
        "6. Aanpak\nWe organiseren wekelijks een taalcafé."
    )
    assert "netwerk" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_heading_with_separator_of_ten_words_recognised(read):
    analysis = read(
        "Onze aanpak\nWe organiseren wekelijks een taalcafé.\n\n"
        "Ce que nous ne faisons pas / Wat we niet doen\nDigitale vaardigheden leren mensen in de bib.\n"
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_negation_phrases_removed_or_not_applicable_not_offered(read):
    analysis = read(
        "De computerlessen uit de eerste versie zijn geschrapt.\n"
        "Hulp bij het zoeken naar kinderopvang: niet van toepassing."
    )
    assert analysis.ids("service_types") == []


# --- personas ----------------------------------------------------------------------------------------------


def test_persona_left_out_later_in_sentence_not_named(read):
    analysis = read(
        "De persona's Marcel en Roy, die vaak op straat leven, horen niet tot onze doelgroep. "
        "Wij richten ons op alleenstaande moeders zoals de persona Nora."
    )
    assert analysis.ids("personas") == ["nora"]


def test_persona_list_of_the_call_not_named(read):
    analysis = read(
        "Het addendum beschrijft zes persona's: Marlies, Nora, Marcel, Roy, John en Chadia.\n"
        "Ons project richt zich op mannen zoals de persona John."
    )
    assert analysis.ids("personas") == ["john"]


def test_persona_name_of_real_person_elsewhere_not_named(read):
    analysis = read("Onze coach Roy Janssens traint drie keer per week.\nElke jongere krijgt Roy als vaste coach.")
    assert analysis.ids("personas") == []


def test_persona_apposition_after_possessive_not_named(read):
    analysis = read("Onze penningmeester, Marcel, houdt de kas van de vereniging bij.")
    assert analysis.ids("personas") == []


def test_persona_followed_by_bracketed_note_named(read):
    analysis = read("Doelgroep\nWe richten ons op de persona's Roy en John (RU2).")
    assert analysis.ids("personas") == ["roy", "john"]


def test_persona_explicitly_left_out_elsewhere_not_named(read):
    analysis = read(
        "Doelgroep: gezinnen zoals de persona Nora en mannen zoals de persona Marcel.\n\n"
        "De persona Marcel valt buiten onze doelgroep."
    )
    assert analysis.ids("personas") == ["nora"]


# --- challenges and sector words ---------------------------------------------------------------------------


def test_challenge_3_newcomers_without_mothers_not_found(read):
    analysis = read("Wij organiseren een taalcafé voor anderstaligen en nieuwkomers uit het dorp.")
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_challenge_3_newcomer_mothers_found(read):
    analysis = read("Wij organiseren een taalcafé voor nieuwkomers, vooral moeders met jonge kinderen.")
    assert "uitdaging-3" in analysis.ids("challenges")


def test_kinderopvang_ibo_of_vdab_not_childcare(read):
    analysis = read("Na de stage volgt een IBO bij de VDAB, daarna een contract.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_netwerk_lasting_circle_of_people_offered(read):
    analysis = read("In de groep bouwen de deelnemers een kring van mensen op die blijft na het project.")
    assert "netwerk" in analysis.ids("service_types")


def test_huisvesting_visit_to_tenants_not_housing(read):
    analysis = read("Onze energiecoaches bezoeken huurders thuis en lezen samen de energiefactuur.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_verslaving_cad_consultant_inside_project_offered(read):
    analysis = read("Een consulent van het CAD wordt twee dagen per week in het project ingezet voor de deelnemers.")
    assert "verslaving" in analysis.ids("service_types")


def test_municipality_only_if_extra_means_not_counted(read):
    analysis = read("We werken in Alken.\nIndien er later bijkomende middelen komen, breiden we uit naar Wellen.")
    assert analysis.ids("municipalities") == ["alken"]


# --- places ------------------------------------------------------------------------------------------------


def test_municipality_where_people_come_from_is_context(read):
    analysis = read("We begeleiden werkzoekenden uit Wellen in onze werkplaats in Borlo.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_municipality_in_partner_name_is_context(read):
    analysis = read("We werken in Heers.\nEr was overleg met het lokaal bestuur Alken over een gezamenlijke aanvraag.")
    assert analysis.ids("municipalities") == ["heers"]


def test_municipality_in_location_of_partner_counted(read):
    analysis = read("De lessen gaan door in het Sociaal Huis van Gingelom en in onze zaal in Heers.")
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_municipality_opening_negated_sentence_is_context(read):
    analysis = read("We werken in Heers en Gingelom.\nSint-Truiden werd bewust niet als pilootgemeente gekozen.")
    assert analysis.ids("municipalities") == ["gingelom", "heers"]


def test_deelgemeente_glued_by_line_break_found(read):
    analysis = read("Wij bezoeken mensen in Vorsen en Niel-\nbij-Sint-Truiden.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_collective_phrase_in_needs_section_not_working_area(read):
    analysis = read(
        "Wat de regio nodig heeft\nWe zien in heel de regio Haspengouw lange wachtlijsten.\n\n"
        "Aanpak\nWe werken met gezinnen in Alken."
    )
    assert analysis.ids("municipalities") == ["alken"]


# --- sections and offers -----------------------------------------------------------------------------------


def test_section_heading_left_open_is_missing(read):
    analysis = read(
        "| Aanvrager | [in te vullen] |\n| Contact | An Peeters, 0470 12 34 56 |\n\n"
        "We organiseren een taalcafé in Heers."
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_section_heading_opening_with_placeholder_not_filled(read):
    analysis = read("Partners\nStill to be confirmed. We gaan graag in gesprek met het OCMW.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_organisation_heading_is_not_a_proposal_heading(read):
    analysis = read(
        "Wie wij zijn\nWe zijn een groep vrijwilligers.\n\nWat wij voorstellen\n"
        "Wie dat wenst, koppelen wij aan een vrijwilliger, zodat men een kring van mensen rond zich heeft."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_service_done_by_participants_at_other_organisation_not_offered(read):
    analysis = read("Nederlandse les volgen de deelnemers bij het CVO; wij begeleiden hen naar een job.")
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_service_in_contact_line_not_offered(read):
    analysis = read("Contactpersoon: An Peeters, coördinator trajectbegeleiding, an@vzw.be, 011 22 33 44")
    assert analysis.ids("service_types") == []


def test_life_domain_list_item_not_a_service(read):
    analysis = read("De coach volgt elke deelnemer op alle levensdomeinen: inkomen, woonsituatie, gezondheid en werk.")
    assert analysis.ids("service_types") == ["trajectbegeleiding"]


def test_exclusion_table_cell_starting_with_no_not_aimed_at(read):
    analysis = read(
        "| Doelgroep | Binnen project? |\n|---|---|\n"
        "| Hoogopgeleide nieuwkomers met diploma-erkenning als enige vraag | nee - verwijzing naar NARIC |"
    )
    assert analysis.ids("exclusions") == []


def test_referral_remaining_task_of_partner_not_offered(read):
    analysis = read("Woonbegeleiding en Housing First blijven de opdracht van het CAW; wij signaleren.")
    assert "huisvesting" not in analysis.ids("service_types")


# --- tables and quoted speech ------------------------------------------------------------------------------


def test_activity_row_with_cost_read_as_offer(read):
    analysis = read(
        "| Nr | Activiteit | Plaats | Kost |\n|---|---|---|---|\n"
        "| 1 | Buddywerking: elke deelnemer wordt gekoppeld aan een vrijwillige buddy uit het eigen dorp | Heers | € 4.000 |\n"
        "| 2 | Coördinatie | Heers | € 2.000 |"
    )
    assert "netwerk" in analysis.ids("service_types")


def test_table_row_marked_not_in_project_not_offered(read):
    analysis = read(
        "| Nr | Activiteit | Partner | Kost |\n|---|---|---|---|\n"
        "| 6 | Zoeken naar kinderopvang | Huis van het Kind | niet in project (€ 0) |"
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_table_row_wrapped_over_lines_read_as_one_row(read):
    analysis = read(
        "| Domein | Wat doet het project? |\n|---|---|\n"
        "| Psychisch welzijn | Veel deelnemers hebben zorgen. Psychologische begeleiding bieden we\n"
        "niet zelf aan: we verwijzen naar het CGG. |"
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_negation_in_quoted_speech_not_the_applicants(read):
    analysis = read(
        'Samen met het gezin zoeken we welke patronen van generatie op generatie terugkomen '
        '("bij ons ging nooit iemand naar de dokter") en hoe ze die doorbreken.'
    )
    assert "generatiearmoede" in analysis.ids("service_types")


# --- sections of labels, challenge profiles, list items ----------------------------------------------------


def test_run_in_label_section_covers_only_its_paragraph(read):
    analysis = read(
        "Doelgroep. Anderstalige volwassenen die weinig naar school gingen.\n\n"
        "Modules in kleine groepen van maximaal tien personen, telkens op dinsdag en donderdag in de voormiddag\n\n"
        "- smartphone en laptop, e-mail, itsme, een afspraak online boeken;\n"
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_challenge_profile_of_own_people_outside_context_part(read):
    analysis = read(
        "Elke week komen mama's uit het dorp samen in ons lokaal. Veel van hen staan er alleen voor en "
        "zitten er psychisch door.\nWe zoeken samen met hen een plek in de crèche."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_challenge_1_youth_court_visits_of_placed_child(read):
    analysis = read("We gaan mee naar de bezoekmomenten en bereiden het gesprek bij de jeugdrechter voor met de moeder.")
    assert "uitdaging-1" in analysis.ids("challenges")


def test_list_item_of_modules_is_an_offer(read):
    analysis = read('Modules:\n\n- "Geld en papieren": een brief lezen, een eenvoudig budget bijhouden (module maatschappij);')
    assert "administratie-financien" in analysis.ids("service_types")


def test_digital_skills_learning_to_use_phone_offered(read):
    analysis = read("De jongeren leren hun gsm gebruiken voor het werk: mails openen en een rooster terugvinden.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_lead_in_line_ending_in_relative_not_a_heading(read):
    analysis = read(
        "Doelgroep\nOns project richt zich op werkzoekenden die:\n"
        "- jobklaar zijn en enkel een vervoersprobleem hebben;\n- snel willen starten.\n"
    )
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_lead_in_heading_keeps_the_section(read):
    analysis = read(
        "Doelgroep\nVolwassenen vanaf 18 jaar:\n"
        "- die uitvallen op meerdere levensdomeinen, vaak met dakloosheid of een detentieverleden;\n"
    )
    assert "uitdaging-2" in analysis.ids("challenges")


def test_target_group_service_observed_in_context_part_not_offered(read):
    analysis = read(
        "Waarom dit project?\nIn onze dorpen zien we gezinnen die al generaties lang in armoede leven.\n\n"
        "Aanpak\nWe begeleiden werkzoekenden naar een job in de fruitteelt."
    )
    assert "generatiearmoede" not in analysis.ids("service_types")


def test_trajectbegeleiding_job_coach_as_fixed_contact_not_offered(read):
    analysis = read("Elke kandidaat krijgt een jobcoach als vaste aanspreekpersoon op de werkvloer.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_instruction_words_in_applicants_own_sentence_still_offered(read):
    analysis = read("We help the mothers to fill in the form for the loket kinderopvang and we call onthaalouders together.")
    assert "kinderopvang" in analysis.ids("service_types")


def test_negation_with_echter_inside_the_clause_still_negates(read):
    analysis = read("Dit jaar zetten we echter geen aparte activiteit op om het netwerk van de deelnemers uit te bouwen.")
    assert "netwerk" not in analysis.ids("service_types")


def test_numbered_subheading_stays_in_context_part(read):
    analysis = read(
        "1. Probleemstelling\n\n1.2 Wonen\nIn de regio is het aanbod betaalbare huurwoningen beperkt.\n\n"
        "2. Aanpak\nWe organiseren een taalcafé."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_english_negated_heading_leaves_content_out(read):
    analysis = read(
        "What we do\nWe run a weekly Dutch conversation group.\n\n"
        "What we don't do\nDebt counselling and budget coaching stay with the OCMW.\n"
    )
    assert "administratie-financien" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_persona_in_other_negated_sentence_still_named(read):
    analysis = read(
        "Doelgroep\nWe richten ons op moeders zoals de persona Marlies.\n"
        "Wij laten Marlies niet los als ze een afspraak mist."
    )
    assert analysis.ids("personas") == ["marlies"]


def test_persona_named_with_the_call_despite_real_namesake(read):
    analysis = read(
        "Contact: Nora Vandeput, voorzitster.\n\n"
        "Voor wie\nDit project is voor mama's zoals Nora uit het addendum."
    )
    assert analysis.ids("personas") == ["nora"]


def test_template_instruction_followed_by_answer_is_filled(read):
    analysis = read(
        "Wie zijn wij\nBeschrijf uw organisatie.\nVzw De Brug werkt sinds 2010 met gezinnen, contact an@debrug.be.\n\n"
        "Partners\nVermeld de partners.\nWe werken samen met het OCMW Heers voor de aanmelding."
    )
    assert "organisatie" not in analysis.ids("missing_sections")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_heading_with_conditional_negation_does_not_leave_content_out(read):
    analysis = read(
        "Wat als deelnemers afhaken en niet meer komen?\n"
        "Dan gaat de trajectbegeleider op huisbezoek en volgt alle levensdomeinen verder op."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_change_table_old_version_column_not_read(read):
    analysis = read(
        "Wijzigingen ten opzichte van de eerste indiening\n\n"
        "| Onderdeel | Versie 1 (30 mei) | Versie 2 (deze versie) |\n|---|---|---|\n"
        "| Verslaving | groepsgesprekken en een CAD-consulent 0,2 VTE in het project | geschrapt |\n"
        "| Werkingsgebied | Sint-Truiden en Heers | Heers |\n"
        "| Schulden | budgetbegeleiding door onze maatschappelijk werker | budgetbegeleiding door onze maatschappelijk werker |"
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")
    assert analysis.ids("municipalities") == ["heers"]


def test_table_without_a_current_column_read_whole(read):
    analysis = read(
        "| Oude situatie | Wat het project doet |\n|---|---|\n"
        "| Schulden stapelen zich op | We bieden budgetbegeleiding aan huis in Alken |"
    )
    assert "administratie-financien" in analysis.ids("service_types")
    assert analysis.ids("municipalities") == ["alken"]


def test_challenge_group_reached_only_as_well_not_targeted(read):
    analysis = read(
        "Doelgroep\nKinderen van 0 tot 12 jaar en hun ouders uit Wellen.\n"
        "Via onze speel-o-theek bereiken we ook veel anderstalige mama's."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_challenge_group_named_as_target_counted(read):
    analysis = read(
        "Doelgroep\nWe richten ons op anderstalige mama's uit Wellen die Nederlands willen oefenen."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


# --- negation scope across clauses, referrals, forms (session 3 dev round) -----------------------------------


def test_negation_dislocated_object_with_demonstrative_not_offered(read):
    analysis = read("Een plaats in de crèche zoeken, dat kunnen wij niet.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_negation_fronted_object_with_inverted_verb_not_offered(read):
    analysis = read(
        "Mensen bij wie een verstandelijke beperking op de voorgrond staat, bereiken we via dit project niet."
    )
    assert "mentale-beperking" not in analysis.ids("service_types")


def test_negation_verdict_on_listed_groups_not_targeted(read):
    analysis = read(
        "Mensen met een verslaving, zware psychische problemen of zonder woning zijn niet de doelgroep van dit project."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_negation_list_after_colon_taken_up_by_deze_not_offered(read):
    analysis = read("Nederlandse taal en digitale vaardigheden: deze maken geen deel uit van het project.")
    assert analysis.ids("service_types") == []


def test_negation_niemand_in_applicants_subordinate_clause_not_offered(read):
    analysis = read("Wij wensen te onderstrepen dat wij niemand aan een woning kunnen helpen.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_negation_evenmin_not_offered(read):
    analysis = read("Woonbegeleiding maakt evenmin deel uit van deze aanvraag.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_negation_covers_list_in_parentheses(read):
    analysis = read("Please note: we do not help families find regular childcare (onthaalouder, crèche or IBO).")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_offer_before_comma_not_negated_by_later_inverted_clause(read):
    analysis = read("We bieden budgetbegeleiding aan huis, psychologische hulp bieden we niet.")
    assert "administratie-financien" in analysis.ids("service_types")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_referral_with_verb_and_subject_inverted_not_offered(read):
    analysis = read("Ouders met een opvangvraag verwijzen we naar het lokaal loket kinderopvang.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_referral_of_concepts_whose_name_has_an_offer_verb_not_offered(read):
    analysis = read("Nederlands leren en alfabetisering laten we over aan Ligo en het CBE.")
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_form_unticked_boxes_not_offered(read):
    analysis = read(
        "Type dienstverlening (aankruisen wat van toepassing is): [ ] trajectbegeleiding [ ] huisvesting "
        "[ ] verslaving [x] budgetbegeleiding en schuldhulp"
    )
    assert analysis.ids("service_types") == ["administratie-financien"]


# --- places (session 3 dev round) --------------------------------------------------------------------------


def test_place_village_named_like_a_word_counts_after_place_word(read):
    assert read("Elke donderdag houden we een zitdag in het dienstencentrum van Herten.").ids("municipalities") == ["wellen"]


def test_place_village_named_like_a_word_as_ordinary_word_ignored(read):
    assert read("Herten en reeën lopen in het park van het kasteel.").ids("municipalities") == []


def test_place_where_someone_grew_up_not_place_of_work(read):
    analysis = read("Onze founder groeide zelf op in Sint-Truiden. We coachen online, vanuit Leuven.")
    assert analysis.ids("municipalities") == []


def test_place_of_referred_residents_not_place_of_work(read):
    analysis = read(
        "We begeleiden huurders in Alken. Voor inwoners van Gingelom en Heers verwijzen we door naar het sociaal huis."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_place_negated_after_inserted_phrase_not_place_of_work(read):
    analysis = read("We werken in Heers. In Wellen zijn we, in tegenstelling tot versie 1, niet meer actief.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_in_partners_figures_not_place_of_work_even_alone(read):
    analysis = read(
        "Het sociaal huis van Sint-Truiden zag het aantal aanvragen op drie jaar tijd verdubbelen. "
        "De pilootgemeenten kiezen we na de goedkeuring."
    )
    assert analysis.ids("municipalities") == []


def test_place_where_applicant_sees_its_people_counts_when_alone(read):
    analysis = read("We zien in Sint-Truiden steeds meer jongvolwassenen die uit de jeugdhulp stromen.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_whole_territory_of_partnership_is_all_six(read):
    analysis = read("Stevig Thuis is actief op het volledige grondgebied van het lokaal partnerschap Haspengouw.")
    assert len(analysis.ids("municipalities")) == 6


# --- sections (session 3 dev round) ------------------------------------------------------------------------


def test_sections_budget_in_thousands_of_euro_is_budget(read):
    analysis = read(
        "7. Begroting\n\n| Post | 2025 | 2026 | Totaal |\n|---|---|---|---|\n"
        "| Verpleegkundige 1,0 VTE | 35 k€ | 72 k€ | 107 k€ |\n| Psycholoog 0,2 VTE | 8 k€ | 16 k€ | 24 k€ |"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_sections_amounts_and_seasons_in_words_are_budget_and_planning(read):
    analysis = read(
        "We willen van start gaan vanaf de herfst van volgend jaar. In de eerste winter leggen we de plaatsen vast.\n\n"
        "Wat kost het?\nWe ramen de kost op tweeënvijftigduizend euro: achtendertigduizend euro gaat naar een "
        "coördinator, tienduizend euro naar de startplaatsen en vierduizend euro naar drukwerk."
    )
    assert "planning" not in analysis.ids("missing_sections")
    assert "begroting" not in analysis.ids("missing_sections")


def test_sections_partner_list_with_roles_is_cooperation(read):
    analysis = read(
        "Ons netwerk\n- CAD Limburg: wekelijks spreekuur en individuele begeleiding in het project\n"
        "- OCMW Sint-Truiden: aanmelding van jongeren en leefloon"
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_sections_partner_bringing_people_is_cooperation(read):
    analysis = read("Het Huis van het Kind van Nieuwerkerken spreekt de moeders aan en brengt ze naar ons.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_sections_heading_whose_text_says_none_is_missing(read):
    analysis = read(
        "Met wie\nWe werken rechtstreeks met onze klanten. Andere partners hebben we voor dit project niet."
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_sections_bullet_label_left_open_is_missing(read):
    analysis = read(
        "AANVRAGER\n- consortium: GOB, maatwerkbedrijf, OCMW en VDAB\n"
        "- trekker / penhouder: wordt pas aangeduid na matching\n- contact: via de coördinator"
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_sections_question_with_undecided_answer_is_missing(read):
    analysis = read(
        "4. Wie trekt het project?\nNog geen beslissing. OCMW Heers is bereid, maar het bestuur moet nog beslissen.\n\n"
        "Contact: Bart Lenaerts, OCMW Heers, 011 48 27 63"
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_sections_target_group_everyone_is_missing(read):
    analysis = read("6. Doelgroep: iedereen welkom\n\nElke dinsdag helpen onze vrijwilligers mensen met hun smartphone.")
    assert "doelgroep" in analysis.ids("missing_sections")


def test_sections_everyone_welcome_but_a_focus_is_target_group(read):
    analysis = read("Voor wie?\nIedereen is welkom, maar we richten ons vooral op alleenstaande moeders met schulden.")
    assert "doelgroep" not in analysis.ids("missing_sections")


def test_persona_name_with_article_is_a_real_person(read):
    analysis = read("De Marcel van de frituur op den hoek trakteert op de maandavond van de buurmaatjes.")
    assert analysis.ids("personas") == []


def test_place_ambiguous_villages_listed_together_count(read):
    analysis = read("We zijn actief in Aalst en Jeuk, waar we al een buurtwerking hebben.")
    assert analysis.ids("municipalities") == ["sint-truiden", "gingelom"]


def test_place_ambiguous_city_alone_ignored(read):
    # no past tense here: the sentence must be left out for the ambiguity alone
    assert read("We werken samen met een sociaal restaurant in Aalst.").ids("municipalities") == []


def test_consortium_partner_part_heading_is_not_a_partner_list(read):
    analysis = read(
        "Context\nDe huurmarkt is voor onze mensen onbetaalbaar.",
        "Partner 1 – vzw Thuishaven (Sint-Truiden)\nvzw Thuishaven baat sinds 2008 een inloophuis uit.\n\n"
        "| Activiteit | Doelgroep | Wie voert uit | Kost |\n|---|---|---|---|\n"
        "| Woonbegeleiding volgens Housing First: samen een studio zoeken, bemiddelen met verhuurders, woonbehoud "
        "| dak- en thuislozen | woonbegeleider Thuishaven (0,3 VTE) | € 19.500 |",
    )
    assert "huisvesting" in analysis.ids("service_types")


def test_named_part_heading_names_its_section_after_the_number(read):
    analysis = read("Deel 4 – Begroting\nDe begroting volgt later.")
    assert "begroting" in analysis.ids("missing_sections")


# --- a fixed person across life domains (trajectbegeleiding in the proposal's own words) ----------------------


def test_fixed_person_followed_by_life_domains_is_trajectbegeleiding(read):
    analysis = read(
        "Iedere deelnemer krijgt één vaste begeleider die hem niet loslaat. Die begeleider zoekt hem op waar hij "
        "is en houdt alles mee in de gaten: uitkering, identiteitskaart, schulden, gezondheid, justitie, het "
        "contact met de kinderen."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_fixed_person_without_life_domains_is_not_trajectbegeleiding(read):
    analysis = read(
        "We begeleiden jongeren met een licht verstandelijke beperking met visuele ondersteuning en één vaste "
        "begeleider. Zo weten ze altijd bij wie ze terechtkunnen."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_fixed_person_domains_in_an_earlier_paragraph_not_counted(read):
    analysis = read(
        "Onze deelnemers hebben problemen met wonen, geld, gezondheid en werk.\n\n"
        "In de groep is er één vaste begeleider. Samen koken we elke week."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


# --- women with a migration background (session 3 dev round) ------------------------------------------------


def test_women_migration_group_not_daring_the_step_to_work_is_target(read):
    analysis = read(
        "TRACK 2 – SHE WORKS\nVoor wie: moeders met een migratieachtergrond die weinig scholing hebben gehad, vaak "
        "thuis zitten met de kinderen en de stap naar werk nog niet durven zetten. Dit traject is enkel voor vrouwen.\n"
        "- In twaalf sessies bereiden we sollicitaties voor en bezoeken we werkgevers."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_step_to_an_organisation_is_a_referral(read):
    analysis = read("Mensen met een verslaving motiveren we om de stap naar het CAD te zetten.")
    assert "verslaving" not in analysis.ids("service_types")


def test_women_migration_group_reached_only_as_well_not_offered(read):
    analysis = read(
        "We lenen boeken uit aan kinderen en begeleiden hen bij sollicitaties op de bibliotheekcomputers. "
        "Via onze speel-o-theek bereiken we ook veel anderstalige mama's."
    )
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")


def test_women_from_abroad_only_is_women_migration_programme(read):
    analysis = read(
        "What we want to do, only for women and only for mothers who came here from abroad: help them take the "
        "step to a course, a volunteer job and later paid work."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


# --- activities named by their heading, network and language practice in own words -------------------------


def test_activity_heading_named_after_service_offers_it_in_next_sentence(read):
    analysis = read(
        "1. Nederlands oefenen\nElke dinsdagvoormiddag een praatgroep in de moskee, met twee vrijwillige juffen. "
        "Het is geen cursus met diploma."
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_activity_label_named_after_service_offers_it_in_its_value(read):
    analysis = read("- Nederlands babbelen: every Tuesday one hour of speaking practice with two retired teachers.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_activity_heading_whose_item_refers_out_not_offered(read):
    analysis = read(
        "Afbakening\n- Woonbegeleiding. Dak- en thuisloosheid komt vaak voor in de doelgroep. Woonbegeleiding "
        "blijft de opdracht van het CAW."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_network_goal_after_zodat_is_offered(read):
    analysis = read(
        "- na elke training samen eten, zodat mannen elkaar beter leren kennen en een vriendengroep vormen die "
        "ook buiten de club samenkomt;"
    )
    assert "netwerk" in analysis.ids("service_types")


def test_network_neighbour_buddies_in_own_words(read):
    analysis = read("Dus wij koppelen twee buren aan mekaar, elke week. Wij noemen da de buurmaatjes.")
    assert "netwerk" in analysis.ids("service_types")


def test_network_language_buddy_is_not_network(read):
    analysis = read("Elke deelnemer krijgt een taalmaatje om Nederlands te oefenen.")
    assert "netwerk" not in analysis.ids("service_types")


def test_referral_list_continues_after_commas(read):
    analysis = read("We verwijzen naar Ligo, het CBE en de Digipunten van de bibliotheken.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_referral_then_own_offer_after_comma_offered(read):
    analysis = read("We verwijzen naar het OCMW, en we geven zelf smartphonelessen in de bib.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_not_about_a_buddy_is_not_network(read):
    analysis = read("Het gaat om taal oefenen, niet om een buddy of vriendschap.")
    assert "netwerk" not in analysis.ids("service_types")


def test_contact_point_at_hr_or_creditors_is_not_trajectbegeleiding(read):
    analysis = read(
        "Met de energieleveranciers en de gerechtsdeurwaarders hebben we vaste aanspreekpunten. "
        "Het bedrijf heeft een stappenplan bij vermoeden van gebruik en een aanspreekpunt bij HR."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


# --- sentences, recitals and table cells ---------------------------------------------------------------------


def test_sentence_ends_after_a_number(read):
    analysis = read(
        "Binnen het addendum gaat het om de persona's Roy en John van regio-uitdaging 2. Mannen bij wie een "
        "actieve verslaving op de voorgrond staat, zoals persona Marcel, kunnen we niet opvangen."
    )
    assert analysis.ids("personas") == ["roy", "john"]


def test_recitals_ending_in_semicolons_are_separate_sentences(read):
    analysis = read(
        "Gelet op het decreet over het lokaal bestuur;\n"
        "Overwegende dat het project zich uitdrukkelijk richt op moeders met het profiel van Marlies en Nora;\n"
        "Overwegende dat psychologische behandeling niet tot de opdracht van het OCMW behoort;"
    )
    assert analysis.ids("personas") == ["marlies", "nora"]


def test_table_row_no_in_another_cell_about_another_subject(read):
    analysis = read(
        "| Onderdeel | Versie 2 | Reden |\n|---|---|---|\n"
        "| Doelgroep | persona's Roy en John | luik verslaving geschrapt (zie lager) |"
    )
    assert analysis.ids("personas") == ["roy", "john"]
    assert "verslaving" not in analysis.ids("service_types")


def test_table_row_no_in_a_verdict_cell_covers_the_row(read):
    analysis = read(
        "| Activiteit | In project? |\n|---|---|\n| Zoeken naar kinderopvang via het loket | geschrapt |"
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_referral_to_specialised_partners_not_offered(read):
    analysis = read(
        "Woonbegeleiding, verslavingszorg en taallessen horen bij gespecialiseerde partners."
    )
    assert analysis.ids("service_types") == []


def test_table_row_label_says_nothing_about_the_next_row(read):
    analysis = read(
        "| Wat | Toelichting |\n|---|---|\n| Niet in project | woonbegeleiding via het CAW |\n"
        "| Wij organiseren budgetbegeleiding aan huis voor elke deelnemer in Heers | ja |"
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_challenge_words_describing_a_named_persona_add_no_other_challenge(read):
    analysis = read(
        "Het addendum beschrijft de persona Chadia: een alleenstaande moeder die weinig Nederlands spreekt en er "
        "alleen voor staat. Voor vrouwen zoals Chadia organiseren we een taalcafé."
    )
    assert analysis.ids("challenges") == ["uitdaging-3"]


def test_negation_verdict_after_a_list_of_groups_not_targeted(read):
    analysis = read(
        "Mensen met een verslaving, zware psychische problemen of zonder woning zijn niet de doelgroep van Ready2Start."
    )
    assert analysis.ids("challenges") == []


def test_psychologist_present_at_set_times_is_psychological_help(read):
    analysis = read(
        "Een psychologe van de eerstelijnszone zit elke eerste donderdag van de maand in de kantine. Wie wil, kan "
        "met haar een kort gesprek hebben, zonder afspraak."
    )
    assert "psychische-hulp" in analysis.ids("service_types")


def test_psychologist_in_a_waiting_list_complaint_is_not_help(read):
    analysis = read("De psycholoog van het CGG heeft een wachtlijst van negen maanden.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_elp_hours_on_site_is_psychological_help(read):
    analysis = read("• ELP\n  – OCMW-psycholoog (ELP-conventie), 4 u/week op site Brustem")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_numbered_articles_ending_in_semicolons_are_separate_sentences(read):
    analysis = read(
        "Artikel 2. Het project omvat:\n"
        "4° hulp bij het vinden van kinderopvang is niet voorzien;\n"
        "5° budgetbegeleiding en administratieve ondersteuning, met als doel dat de cliënt haar administratie "
        "zelf opneemt;"
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_papers_and_money_in_own_words(read):
    analysis = read(
        "4. Papieren en geld\nSamen maken we een ordner met kleurcodes, lezen we wekelijks de post en stellen we "
        "een eenvoudig budgetoverzicht op."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_exclusion_group_ruled_out_later_in_paragraph_not_aimed_at(read):
    analysis = read(
        "Voor wie\nEr zijn ook zusters met een diploma van de universiteit uit Syrië. Zij heeft vooral nodig dat "
        "haar diploma hier erkend wordt. Voor hen is dit project niet bedoeld."
    )
    assert analysis.ids("exclusions") == []


def test_exclusion_aimed_at_while_another_group_is_ruled_out(read):
    analysis = read(
        "Voor wie\nOns project richt zich op werkzoekenden voor wie vervoer de enige drempel is naar werk. "
        "Mensen met een verslaving zijn niet de doelgroep."
    )
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_service_named_as_a_job_sector_not_offered(read):
    analysis = read(
        "Twaalf weken, enkel voor vrouwen met een migratieachtergrond: jobs leren kennen (zorg, schoonmaak, retail, "
        "kinderopvang), bedrijfsbezoeken en een snuffelstage."
    )
    assert "kinderopvang" not in analysis.ids("service_types")
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_sections_amounts_in_a_currency_column_are_budget(read):
    analysis = read(
        "| Kostenpost | Berekeningsbasis | Bedrag (EUR) |\n|---|---|---|\n"
        "| Trajectbegeleider | 1 VTE, 24 maanden | 118.400 |\n| Verplaatsingskosten | kilometers | 4.800 |\n"
        "| Werkingskosten | drukwerk | 3.600 |"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_sections_dates_of_cited_laws_are_no_planning(read):
    analysis = read(
        "De aanvrager is erkend als wijk-werkorganisator in de zin van het decreet van 7 juli 2017 en het "
        "uitvoeringsbesluit van 8 december 2017. De looptijd bedraagt 24 maanden."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_sections_short_question_as_lead_in_names_the_section(read):
    analysis = read(
        "Met wie? De jobcoach van VDAB zoals ik zei, en het Huis van het Kind van Sint-Truiden waar we met de "
        "moeders naartoe gaan voor de opvang."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


# --- third person, minutes, legal style, later phases (session 3, second round) -----------------------------


def test_applicant_in_third_person_negates_for_itself(read):
    analysis = read(
        "Werkzoekenden voor wie vervoer de enige drempel naar werk is, worden niet in het project opgenomen; de "
        "aanvrager verwijst hen naar de reguliere VDAB-dienstverlening."
    )
    assert analysis.ids("exclusions") == []


def test_suggestion_in_minutes_is_not_an_offer(read):
    analysis = read(
        "Mevrouw Vrancken vraagt of er ook een buddywerking kan komen voor inwoners met een verslaving. "
        "De heer Ceyssens stelt voor om ouders te helpen bij het zoeken naar een plaats in de buitenschoolse opvang."
    )
    assert analysis.ids("service_types") == []
    assert analysis.ids("challenges") == []


def test_place_where_a_legal_text_was_signed_is_not_a_place_of_work(read):
    analysis = read("Het project werkt in Heers. Opgemaakt te Sint-Truiden, in tweevoud.")
    assert analysis.ids("municipalities") == ["heers"]


def test_place_to_expand_to_later_is_not_a_place_of_work(read):
    analysis = read("We starten in Sint-Truiden en Alken.\n- Vanaf 2025 uitbreiden naar Heers en Gingelom")
    assert analysis.ids("municipalities") == ["sint-truiden", "alken"]


def test_place_in_the_past_is_not_a_place_of_work(read):
    analysis = read(
        "Wij werken in Wellen. Toen ik nog werkte, kon je met de bus van Herten naar Sint-Truiden zonder een "
        "halve dag kwijt te zijn."
    )
    assert analysis.ids("municipalities") == ["wellen"]


def test_referral_with_verb_at_the_end_not_offered(read):
    analysis = read(
        "De trajectbegeleider signaleert woonproblemen, maar de woonbegeleiding zelf wordt overgelaten aan het CAW."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_not_done_by_the_school_not_offered(read):
    analysis = read("Een vaste opvangplaats zoeken voor na het traject doet de school niet.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_offer_in_a_later_stage_with_extra_means_is_conditional(read):
    analysis = read(
        "Indien het partnerschap in een later stadium bijkomende middelen vrijmaakt, zal de aanvrager een "
        "lotgenotengroep opzetten."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_target_cue_in_a_later_clause_does_not_make_an_offer_a_target(read):
    analysis = read(
        "Die consulent begeleidt deelnemers individueel rond alcohol-, drug- en gameverslaving, en stemt af met "
        "het MSOC voor wie in een substitutieprogramma zit."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_partner_list_item_describes_the_partners_part(read):
    analysis = read(
        "- OCMW Sint-Truiden en OCMW Nieuwerkerken: zij brengen gezinnen bij ons, blijven de trajectbegeleider en "
        "beslissen over de huurwaarborg."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_partner_list_item_with_our_own_work_is_offered(read):
    analysis = read(
        "- CAD Limburg: een consulent komt elke week in ons inloophuis en wij begeleiden samen de deelnemers met "
        "een verslaving."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_glossary_defines_words_it_offers_nothing(read):
    analysis = read("8. Acroniemenlijst\n\n| Acroniem | Betekenis |\n|---|---|\n| BB | budgetbeheer |\n| NT2 | Nederlands als tweede taal |")
    assert analysis.ids("service_types") == []


def test_wish_to_add_later_is_conditional(read):
    analysis = read("Een buddywerking met vrijwillige meters willen we graag toevoegen.")
    assert "netwerk" not in analysis.ids("service_types")


def test_persona_name_of_a_child_with_age_is_a_real_person(read):
    analysis = read(
        "Vandaag huurt Sandra een rijhuisje in Zepperen, samen met twee van haar kinderen: Dylan, die veertien "
        "is, en Roy, die negen is."
    )
    assert analysis.ids("personas") == []


# --- sector vocabulary in the writers' own words (second round) ----------------------------------------------


def test_generational_poverty_in_old_fashioned_words(read):
    analysis = read(
        "De nood wordt in sommige gezinnen van geslacht op geslacht doorgegeven. Daarom gaan wij voortaan met een "
        "ervaringsdeskundige op huisbezoek bij het ganse gezin, de grootouders inbegrepen."
    )
    assert "generatiearmoede" in analysis.ids("service_types")


def test_paperwork_table_in_own_words(read):
    analysis = read(
        "3.2 De Papierentafel\nElke week zitten vrijwilligers klaar om samen met ouders de stapel brieven door te "
        "nemen. We zetten een eenvoudig maandbudget op papier en vragen sociale tarieven aan."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_women_from_another_country_in_plain_language(read):
    analysis = read(
        "Voor wie is het project?\nHet project is voor vrouwen. De vrouwen komen uit een ander land. Dit project "
        "is alleen voor vrouwen. We bezoeken bedrijven en oefenen een sollicitatie."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")
    assert "uitdaging-3" in analysis.ids("challenges")


def test_a_mentor_of_ones_own_is_network(read):
    analysis = read("Elke nieuwe vrouw krijgt een meter: een vrouw die hier al lang woont en de weg kent.")
    assert "netwerk" in analysis.ids("service_types")


def test_digital_basics_with_an_email_address_to_set_up(read):
    analysis = read(
        "4. Digital basics\nWe activeren samen itsme en maken een e-mailadres aan dat effectief gelezen wordt."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_list_after_a_sentence_that_leaves_out_is_not_offered(read):
    analysis = read(
        "5.5 Valt niet onder het project:\n"
        "a) de begeleiding naar of het behoud van een woning;\n"
        "b) psychologische behandeling.\n\n"
        "5.6 We bieden wel budgetbegeleiding aan huis."
    )
    assert analysis.ids("service_types") == ["administratie-financien"]


def test_list_after_a_plain_lead_in_is_offered(read):
    analysis = read("Wat we doen:\n- woonbegeleiding aan huis;\n- budgetbegeleiding met een vaste vrijwilliger.")
    assert analysis.ids("service_types") == ["huisvesting", "administratie-financien"]


def test_place_left_out_in_text_not_counted_from_a_figures_table(read):
    analysis = read(
        "| Gemeente | Woningen | Gem. huur (EUR) |\n|---|---|---|\n| Heers | 12 | 540 |\n| Alken | 19 | 560 |\n\n"
        "Het project richt zich op onze huurders in Heers. Onze woningen in Alken vallen niet onder dit project."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_persona_described_with_a_number_is_still_the_persona(read):
    analysis = read("Ons project is voor vrouwen zoals Chadia, die drie kinderen heeft en weinig Nederlands spreekt.")
    assert analysis.ids("personas") == ["chadia"]


def test_organisations_history_is_not_the_project(read):
    analysis = read(
        "Onze vzw biedt al twintig jaar woonbegeleiding en schuldbemiddeling aan. In dit project organiseren we "
        "een taalcafé voor anderstalige ouders."
    )
    assert analysis.ids("service_types") == ["nederlandse-taal"]


def test_activity_heading_followed_by_an_eligibility_rule_is_not_offered(read):
    analysis = read("Budgetbegeleiding\nWie al budgetbeheer heeft bij het OCMW, kan niet deelnemen.")
    assert analysis.ids("service_types") == []


# --- precision: history, the past, quotations, data, partners' regular work (third round) -------------------


def test_history_lines_of_the_organisation_are_not_the_project(read):
    analysis = read(
        "Onze geschiedenis\n- 1999-2014: het gezinsproject Draagkracht, waar we met ervaringsdeskundigen gezinnen "
        "begeleidden die al generaties lang in armoede leefden.\n- 2006: opening van een dagcentrum voor volwassenen "
        "met een verstandelijke beperking.\n\nPlanning\n- september 2024: start van de buddywerking\n- juni 2025: evaluatie"
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_cv_lines_of_staff_are_not_the_project(read):
    analysis = read(
        "Ons team\nIlse Peeters\n2013 - 2019 maatschappelijk werker, dienst budgetbeheer en schuldbemiddeling, OCMW Landen\n"
        "2010 - 2013 woonbegeleider bij een CAW\n\nIn het project (september 2024 - juni 2025) geeft Ilse taallessen."
    )
    assert analysis.ids("service_types") == ["nederlandse-taal"]


def test_case_story_in_the_past_is_not_an_offer(read):
    analysis = read(
        "Hoe je itsme installeert en een overschrijving doet met de bankapp, leerde ze in het Digipunt van de "
        "bibliotheek. Voor haar jongste zocht de medewerker van het Huis van het Kind een plaats bij een onthaalouder."
    )
    assert analysis.ids("service_types") == []


def test_what_the_centre_did_before_is_not_an_offer(read):
    analysis = read(
        "Vroeger was ons buurthuis open voor iedereen: op dinsdag gaven vrijwilligers computerles. Nu organiseren "
        "we een taalcafé voor anderstalige mama's."
    )
    assert analysis.ids("service_types") == ["nederlandse-taal"]


def test_quoted_call_text_is_not_an_offer(read):
    analysis = read(
        'Het addendum somt op:\n"laagdrempelige psychische hulpverlening";\n'
        '"Expertise in het begeleiden van cliënten bij het vinden en onderhouden van een woning";\n'
        "Wij kiezen voor één ding: buddy's voor mensen die uit de gevangenis komen."
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_quoted_earlier_mail_is_not_an_offer(read):
    analysis = read(
        "Beste Wim,\n\n> Kinderopvang: wie gaat dat doen? Jullie hebben daar geen ervaring mee.\n"
        "> Digitale lessen: doet de bib dat niet al?\n\nDan schrappen we die twee. We organiseren wel budgetbegeleiding."
    )
    assert analysis.ids("service_types") == ["administratie-financien"]


def test_row_of_figures_is_data_not_an_offer(read):
    analysis = read(
        "| Indicator | Gingelom | Vlaanderen |\n|---|---|---|\n"
        "| plaatsen kinderopvang met inkomenstarief, per 100 kinderen | 12 | 29 |"
    )
    assert analysis.ids("service_types") == []


def test_partners_regular_work_column_is_not_read(read):
    analysis = read(
        '| organisatie | wat ze in de gewone werking doet | rol in "Kleine Stappen" |\n|---|---|---|\n'
        "| CAD Limburg | preventie en ambulante verslavingszorg | advies aan de begeleiders |\n"
        "| vzw Kwadrant | thuisbegeleiding | levert de contextbegeleiders die alle levensdomeinen opvolgen |"
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_the_contact_point_stays_with_the_partner(read):
    analysis = read(
        "Het centrale aanspreekpunt van het gezin blijft de maatschappelijk werker van het sociaal huis; de "
        "gezinscoach werkt aan deze patronen."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_people_going_to_an_organisation_is_not_an_offer(read):
    analysis = read("Ouders met een opvangvraag gaan naar het lokaal loket kinderopvang.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_no_in_a_word_pair_negates(read):
    analysis = read("Opstap zoekt geen kinderopvang; het Huis van het Kind helpt hen daarbij.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_place_list_left_out_by_its_last_member(read):
    analysis = read(
        "We werken in Sint-Truiden en Wellen. In Alken, Heers, Gingelom en Nieuwerkerken hebben we nog geen "
        "vrijwilligers en kunnen we dus niemand koppelen."
    )
    assert analysis.ids("municipalities") == ["sint-truiden", "wellen"]


def test_place_list_where_applications_come_from(read):
    analysis = read(
        "We werken in Sint-Truiden. Uit Gingelom, Heers en Wellen krijgen we af en toe een aanmelding, maar we "
        "zijn er zelf niet actief."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_of_a_ride_is_not_a_place_of_work(read):
    analysis = read(
        "Het project werkt in Gingelom en Heers. Voor de verplaatsingen naar Sint-Truiden rijdt onze vrijwillige "
        "chauffeur Roy op donderdag deelnemers naar hun afspraken."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]
    assert analysis.ids("personas") == []


def test_persona_name_followed_by_a_role_is_a_real_person(read):
    analysis = read("Chadia, een van onze vaste vrijwilligsters, leidt die groep samen met een gepensioneerde leerkracht.")
    assert analysis.ids("personas") == []


def test_sections_mail_time_stamp_and_approval_date_are_no_planning(read):
    analysis = read(
        "Van: Katrien Geladé\nVerzonden: woensdag 31 mei 2023 22:47\n\n"
        "Goedgekeurd door het vast bureau in zitting van 23 mei 2023."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_quotation_spanning_sentences_is_not_an_offer(read):
    analysis = read(
        'Het addendum zegt: "Trajectbegeleiding vergezelt de cliënt over alle levensdomeinen. De hulpverlener '
        'blijft het centrale aanspreekpunt";\nWij kiezen voor buddy\'s.'
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_advice_to_staff_about_a_topic_is_not_an_offer(read):
    analysis = read("Het CAD staat de begeleiders bij met advies over middelengebruik.")
    assert "verslaving" not in analysis.ids("service_types")


def test_team_composition_is_not_an_offer(read):
    analysis = read("Ons team bestaat uit opvoeders-begeleiders, orthoagogen, een psycholoog en een maatschappelijk werker.")
    assert "psychische-hulp" not in analysis.ids("service_types")


# --- places and words of the fourth round ----------------------------------------------------------------------


def test_place_where_staff_live_is_not_a_place_of_work(read):
    analysis = read(
        "Het project werkt in Heers. Onze medewerkster Mariam woont in Alken en rijdt met haar auto naar de lessen."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_where_a_partner_is_situated_is_not_a_place_of_work(read):
    analysis = read(
        "Ons project speelt zich af in Gingelom. De werkwinkel van de VDAB en de scholen liggen in Sint-Truiden."
    )
    assert analysis.ids("municipalities") == ["gingelom"]


def test_place_of_a_venue_with_street_address_is_a_place_of_work(read):
    analysis = read("In ons lokaal in de Ridderstraat 12 in Sint-Truiden komen de mama's elke maandag samen.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_place_in_a_comparison_of_figures_is_not_a_place_of_work(read):
    analysis = read(
        "Wij werken in Heers. De vraag steeg er met 25 %. Ter vergelijking: in Gingelom en Wellen lag de stijging "
        "rond 10 %."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_place_to_open_in_later_years_is_not_a_place_of_work(read):
    analysis = read(
        "We werken in Alken en Wellen. Als het goed draait, willen we na twee jaar ook in Gingelom en Heers een "
        "antenne openen."
    )
    assert analysis.ids("municipalities") == ["alken", "wellen"]


def test_digital_skills_through_the_phone_in_own_words(read):
    analysis = read(
        "- De gsm als sleutel: de schoolapp en Smartschool, WhatsApp met de juf, itsme, een afspraak maken bij "
        "de huisarts, een mail lezen van het ziekenfonds."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_referring_on_who_needs_more_does_not_undo_the_activity(read):
    analysis = read(
        "1. Nederlands oefenen\nElke dinsdagvoormiddag een praatgroep in de moskee, met twee vrijwillige juffen. "
        "Wie een echte les wil, sturen wij naar Ligo."
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_sections_contact_line_is_no_planning(read):
    analysis = read("Secretariaat: p/a Luc Moonen, Kuringersteenweg 118 bus 2, 3500 Hasselt - 0494 80 52 17")
    assert "planning" in analysis.ids("missing_sections")


# --- challenge profiles judged as a coordinator would (session 4) -------------------------------------------


def test_challenge_2_day_structure_as_method_not_a_profile(read):
    analysis = read(
        "Voor jongeren met een lichte verstandelijke beperking voorzien we een aparte instap: kleine groepen, "
        "een vaste dagstructuur, pictogrammen en veel herhaling."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_challenge_2_lack_of_day_structure_is_the_profile(read):
    analysis = read(
        "Onze groep is voor volwassenen die na een opname thuis zitten zonder enige dagstructuur. We werken met "
        "hen aan een weekritme en zoeken samen vrijwilligerswerk."
    )
    assert "uitdaging-2" in analysis.ids("challenges")


def test_challenge_fronted_group_that_falls_outside_the_offer_not_targeted(read):
    analysis = read(
        "Wij begeleiden jongvolwassenen met een verstandelijke beperking naar werk. Mensen met enkel een "
        "verslaving, zonder verstandelijke beperking, vallen niet onder ons aanbod."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_planning_dates_of_the_past_not_a_planning(read):
    analysis = read(
        "De werkgroep is ontstaan in maart 2021 uit een praatgroep. Na het voorgesprek op 12 mei hebben we ons "
        "voorstel grondig herwerkt.\nWe bieden elke week een open spreekuur."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_planning_start_date_still_a_planning(read):
    analysis = read("De werkgroep is ontstaan in 2021. We starten in september 2023 met de eerste groep.")
    assert "planning" not in analysis.ids("missing_sections")


def test_challenge_2_release_from_prison_without_a_roof(read):
    analysis = read(
        "Voor wie?\nVoor mannen die na hun straf vrijkomen en dan niks hebben: geen dak, geen werk. Veel van hen "
        "slapen de eerste weken in de nachtopvang.\n\nWat doen we?\nIn ons atelier werken de mannen elke dag "
        "en hun vaste begeleider zoekt mee een studio."
    )
    assert "uitdaging-2" in analysis.ids("challenges")


def test_challenge_3_women_through_family_reunification(read):
    analysis = read(
        "Voor wie is ons project?\nVoor vrouwen die naar België kwamen om bij hun man te wonen "
        "(gezinshereniging). Zij spreken bijna geen Nederlands.\n\nWat doen wij?\nWe oefenen Nederlands en gaan "
        "samen op bezoek bij werkgevers, zodat de vrouwen een eerste stap naar werk zetten."
    )
    assert "uitdaging-3" in analysis.ids("challenges")
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_trajectbegeleider_of_the_integration_agency_not_offered(read):
    analysis = read(
        "Samenwerking\nHet Agentschap Integratie en Inburgering: de trajectbegeleider inburgering komt elke maand "
        "langs voor vragen."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_negation_after_demonstrative_that_follows_the_verb(read):
    analysis = read(
        "Voor vragen op andere levensdomeinen (wonen, schulden, gezondheid) schakelen we de trajectbegeleider "
        "van het OCMW in; wij nemen die rol niet over."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_negation_verdict_in_apposition_after_pointing_back(read):
    analysis = read(
        "De nieuwkomers oefenen zo ongedwongen hun Nederlands, maar dat is een mooie bijkomstigheid, geen doel "
        "van ons project: wij geven geen taalles."
    )
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_subordinate_negation_after_pointing_back_keeps_offer(read):
    analysis = read(
        "Wie dat wenst, koppelen wij aan een van onze vrijwilligers, opdat men opnieuw mensen rondom zich heeft "
        "die blijven, ook wanneer wij er niet meer zijn."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_digital_requirement_not_an_offer(read):
    analysis = read("Bij de intake vragen we weinig: we verwachten een e-mailadres en een smartphone.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_persona_name_with_age_is_a_real_person(read):
    analysis = read('Eén van mijn vaste deelnemers, Marcel (82), zegt het zo: "Nu bel ik mijn kleindochter."')
    assert analysis.ids("personas") == []


def test_persona_name_introduced_with_apposition_is_a_real_person(read):
    analysis = read("Chadia, een jonge vrouw uit Syrië, is intussen de lieveling van de koffienamiddag.")
    assert analysis.ids("personas") == []
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_persona_after_zoals_with_apposition_still_the_persona(read):
    analysis = read("We richten ons op vrouwen zoals Chadia, een alleenstaande moeder met een migratieachtergrond.")
    assert analysis.ids("personas") == ["chadia"]


def test_network_fixed_visitor_for_lonely_elderly(read):
    analysis = read(
        "Elke oudere die dat wil, krijgt een vaste bezoeker die om de week langskomt voor een babbel of een wandeling."
    )
    assert "netwerk" in analysis.ids("service_types")


# --- places as locals write them, and offers in their own words (session 4, second round) -------------------


def test_exclusion_a_few_among_the_mothers_not_aimed_at(read):
    analysis = read(
        "Onze ouderklas is voor anderstalige mama's. Een paar mama's hebben een universitair diploma uit hun "
        "land en zoeken vooral de gelijkwaardigheid van dat diploma."
    )
    assert analysis.ids("exclusions") == []


def test_exclusion_who_find_their_way_elsewhere_not_aimed_at(read):
    analysis = read("Die helpen we niet binnen dit project; zij vinden hun weg via NARIC en het Agentschap.")
    assert analysis.ids("exclusions") == []


def test_addiction_alcohol_free_canteen_not_addiction_guidance(read):
    analysis = read("We trainen elke dinsdag. Op trainingsdagen is de kantine alcoholvrij.")
    assert "verslaving" not in analysis.ids("service_types")


def test_papers_corner_with_landlord_letters_is_administration_not_housing(read):
    analysis = read(
        "Wat doen we?\n- elke woensdag een taalcafé\n"
        '- daarna een half uur "papierenhoek": de brieven van school, het ziekenfonds of de huisbaas samen lezen en '
        "helpen invullen."
    )
    assert "administratie-financien" in analysis.ids("service_types")
    assert "huisvesting" not in analysis.ids("service_types")


def test_persona_name_after_possessive_is_a_real_person(read):
    analysis = read(
        "Terwijl de mama's oefenen, spelen de kleintjes in de zijzaal. Onze Nora, een gepensioneerde kleuterjuf, heeft dat al toegezegd."
    )
    assert analysis.ids("personas") == []


def test_persona_with_article_that_names_the_call_is_the_persona(read):
    analysis = read("Ik herken in deze mama's heel duidelijk de Marlies uit jullie addendum.")
    assert analysis.ids("personas") == ["marlies"]


def test_contact_label_with_titles_offers_nothing(read):
    analysis = read(
        "Contactpersonen: Els Houbrechts, directeur - Hatice Yilmaz, zorgcoördinator en brugfiguur\n"
    )
    assert analysis.ids("service_types") == []


def test_network_buddy_given_to_every_newcomer(read):
    analysis = read(
        "Elke nieuwe speler krijgt een maat uit de club: een lid dat hem belt als hij niet komt opdagen.\n"
        "Eén keer per maand komen de ouders samen om ervaringen te delen."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_challenge_3_mothers_named_by_country_of_origin(read):
    analysis = read(
        "Voor wie?\nBij ons in het dorp wonen vijf Oekraïense gezinnen en twee Afghaanse mama's met hun kinderen."
        "\n\nWat doen we?\nElke woensdag een taalcafé voor deze mama's: Nederlands oefenen met vrijwilligers."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_partner_that_promises_material_and_sends_families(read):
    analysis = read(
        "Ligo Limburg heeft ons materiaal en een korte opleiding beloofd. Het Sociaal Huis van Heers stuurt ons "
        "de gezinnen door."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_referral_onwards_to_a_named_service_is_no_partner(read):
    analysis = read("Wie meer nodig heeft, help ik toeleiden naar het CGG of een psychiater.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_planning_club_called_second_half_is_no_date(read):
    analysis = read(
        "TWEEDE HELFT\nSporten voor mannen die opnieuw beginnen. De derde helft is even belangrijk als de eerste "
        "twee. We trainen op dinsdag en donderdag."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_first_line_psychological_function_is_psychological_help(read):
    analysis = read(
        "Via de eerstelijnspsychologische functie bieden we deelnemers elke week ondersteunende gesprekken."
    )
    assert "psychische-hulp" in analysis.ids("service_types")


def test_negation_verdict_after_relative_clause_with_we(read):
    analysis = read(
        "De buddywerking die we in versie 1 wilden opstarten, gaat niet door. We organiseren wel elke week een "
        "taalcafé."
    )
    assert "netwerk" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_of_a_partner_that_people_go_to_not_offered(read):
    analysis = read(
        "Wie itsme of een e-mailadres moet leren gebruiken, gaat mee naar het Digipunt van de bibliotheek.\n"
        "Deelnemers gaan elke week naar het taalcafé van de bibliotheek."
    )
    assert analysis.ids("service_types") == []


def test_whoever_comes_to_our_own_service_is_offered(read):
    analysis = read("Wie dat wil, gaat elke week mee naar onze computerles in het buurthuis.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_negation_phrase_after_en_covers_the_sentence_subject(read):
    analysis = read(
        "De crèche draait vandaag nog, met 42 erkende plaatsen, en staat volledig los van onze werking rond "
        "thuisloosheid."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_negation_phrase_after_en_with_own_subject_keeps_first_offer(read):
    analysis = read("We organiseren elke week een taalcafé, en budgetbeheer staat los van dit project.")
    assert "nederlandse-taal" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_partner_role_of_consultation_about_budget_not_offered(read):
    analysis = read(
        "OCMW's van de betrokken gemeenten | toeleiding van deelnemers, overleg over leefloon en budgetbeheer | 0 EUR"
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_rent_deposit_in_a_list_of_papers_not_housing(read):
    analysis = read(
        "Je eigen papieren: ziekenfonds, je eerste loonbrief lezen, wat is een huurwaarborg, een spaarrekening "
        "openen."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_service_named_again_to_say_it_is_not_in_the_project(read):
    analysis = read(
        "Onze maatschappelijk werker stemt daarvoor af met de woonbegeleiders van het CAW, maar woonbegeleiding "
        "zit niet in dit project."
    )
    assert "huisvesting" not in analysis.ids("service_types")


# --- service types at their boundaries and unusual formats (session 4, third and fourth rounds) -------------


def test_table_of_the_whole_proposal_under_a_target_heading_is_read_as_offers(read):
    analysis = read(
        "Voor wie\nGezinnen in de dorpen van Gingelom die al generaties in armoede leven.\n"
        "Nr | Wat doen we | Voor wie | Waar | Met wie | Wanneer | Kost (€)\n"
        "6 | Digitale ochtend: itsme installeren, e-mail, berichten van school lezen op de app | ouders | "
        "dorpshuis Jeuk | vrijwilliger | 1x per maand | 1.500\n"
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_challenge_1_single_mothers_in_a_newcomer_mothers_project_yields_to_challenge_3(read):
    analysis = read(
        "Voor wie?\nVrouwen met een migratieachtergrond die hier nog maar kort zijn. De meesten zijn moeder, en "
        "een flink deel staat er alleen voor.\n\nWat doen we?\nWe leren hen strijken in ons atelier en zoeken "
        "samen een eerste job."
    )
    assert analysis.ids("challenges") == ["uitdaging-3"]


def test_challenge_1_single_parents_next_to_challenge_2_stays(read):
    analysis = read(
        "Doelgroep\n- ex-gedetineerden en mensen met een verslaving\n- alleenstaande ouders met jonge kinderen\n\n"
        "Aanbod\nEén vaste begeleider volgt elke deelnemer."
    )
    assert analysis.ids("challenges") == ["uitdaging-1", "uitdaging-2"]


def test_challenge_2_unsure_in_the_street_is_not_homelessness(read):
    analysis = read(
        "Onze deelneemsters voelen zich onzeker op straat, aan een loket of op de bus. We oefenen samen de weg "
        "naar de winkel."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_exclusion_under_not_for_whom_label_not_aimed_at(read):
    analysis = read(
        "Niet voor wie: vrouwen met een hoger diploma dat hier niet gelijkgesteld is en die verder goed hun weg "
        "vinden."
    )
    assert analysis.ids("exclusions") == []


def test_persona_name_listed_with_a_real_first_name_is_a_real_person(read):
    analysis = read("De speelhoek wordt gedaan door Marlies en Jos, twee gepensioneerde kleuterjuffen.")
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_personas_listed_together_still_personas(read):
    analysis = read("Ons project is er voor moeders zoals Marlies en Nora uit het addendum.")
    assert analysis.ids("personas") == ["marlies", "nora"]


def test_network_parents_encouraged_to_call_and_help_each_other(read):
    analysis = read(
        "Ouderavond: we stimuleren dat ouders elkaar ook buiten de groep bellen en elkaar helpen."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_addiction_guidance_that_happens_there_is_referred(read):
    analysis = read(
        "Jongeren met een verslaving melden we aan bij het CAD. De begeleiding van de verslaving zelf gebeurt daar."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_language_buddies_are_not_network_building(read):
    analysis = read(
        "De eerste taalbuddy's koppelen we zodra we genoeg Nederlandstalige vrijwilligers gevonden hebben."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_what_version_one_promised_is_not_offered(read):
    analysis = read('In versie 1 beloofden we "psychologische begeleiding". Die schrappen we.')
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_english_cv_line_in_the_past_not_offered(read):
    analysis = read("For six years I worked in a CAW team doing contextbegeleiding; since 2021 I work independently.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_english_led_by_is_not_the_past(read):
    analysis = read("One session per week is a taalcafé-style conversation group led by an NT2 teacher from Ligo.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_partner_not_yet_spoken_to_is_no_partner(read):
    analysis = read(
        "Ik denk dat de toeleiding het best via VDAB en de ziekenfondsen loopt, maar daar heb ik nog met niemand "
        "over gesproken."
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_childcare_stop_without_help_to_find_a_place_not_offered(read):
    analysis = read("Wat we doen\n• Stop bij de crèche of de school op de route mogelijk (geen hulp bij het zoeken naar een plaats)")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_childcare_place_search_offered_next_to_a_negation_elsewhere(read):
    analysis = read("We zoeken samen met de ouders een plaats in de crèche; een eigen opvang hebben we niet.")
    assert "kinderopvang" in analysis.ids("service_types")


def test_solution_slide_is_the_approach(read):
    analysis = read(
        "SLIDE 4 – The solution\n• App en belcentrale: rit boeken tot de avond ervoor\n• Vrijwillige chauffeurs uit "
        "het dorp rijden werkzoekenden naar hun werk"
    )
    assert "aanpak" not in analysis.ids("missing_sections")


def test_generational_poverty_in_the_families_own_words(read):
    analysis = read(
        "Daar wonen gezinnen die al drie generaties bij het OCMW komen. We willen die patronen doorbreken door met "
        "het hele gezin te werken, samen met een ervaringsdeskundige."
    )
    assert "generatiearmoede" in analysis.ids("service_types")


def test_partner_column_of_an_activity_table_names_partners(read):
    analysis = read(
        "Nr | Wat doen we | Voor wie | Met wie | Kost (€)\n"
        "1 | Huisbezoeken met het hele gezin | 18 gezinnen | ervaringsdeskundige, opgeleid bij De Link | 41.000\n"
        "2 | Ouderavond | ouders | Gezinsbond Heers zorgt voor kinderoppas | 4.500\n"
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_partner_column_left_empty_names_no_partner(read):
    analysis = read(
        "Wat doen we | Voor wie | Met wie | Kost (€)\n"
        "Huisbezoeken met het hele gezin | 18 gezinnen | - | 41.000\n"
        "Ouderavond | ouders | eigen team | 4.500\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_women_only_track_in_a_newcomer_mothers_proposal_is_activation_of_migrant_women(read):
    analysis = read(
        "Voor wie?\nAnderstalige moeders die hier nog maar kort zijn en thuis zitten.\n\n"
        'Wat doen we?\n"Eerste Stap": we bieden een traject alleen voor onze vrouwen, met bedrijfsbezoeken en een '
        "snuffelstage."
    )
    assert "uitdaging-3" in analysis.ids("challenges")
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_women_only_track_for_all_villagers_is_not_activation_of_migrant_women(read):
    analysis = read(
        "Voor wie?\nAlle inwoners van het dorp die werk zoeken.\n\n"
        "Wat doen we?\nWe bieden een traject alleen voor vrouwen, met bedrijfsbezoeken en een snuffelstage."
    )
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")


def test_network_a_quoted_companion_for_every_newcomer(read):
    analysis = read(
        "Elke nieuwe bezoeker krijgt een 'buur' uit de vaste kern: iemand die tussen twee donderdagen eens belt.\n"
    )
    assert "netwerk" in analysis.ids("service_types")


def test_network_a_quoted_object_for_every_participant_is_no_companion(read):
    analysis = read("Elke deelnemer krijgt een 'rugzak' met een map, een agenda en een pen.")
    assert "netwerk" not in analysis.ids("service_types")


# --- required sections as applicants leave them in or out (session 4, fifth round) -------------------------


def test_persona_name_with_possessive_apposition_is_a_real_person(read):
    analysis = read("Marcel, onze koster, zorgt voor de sleutel en de verwarming.")
    assert analysis.ids("personas") == []


def test_partner_volunteers_who_ride_along_are_cooperation(read):
    analysis = read("De vrijwilligers van Okra Heers rijden mee en halen mensen op in Batsheers en Opheers.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_executing_partner_column_who_does_it(read):
    analysis = read(
        "Activiteit | Wie doet het | Waar\n"
        "Taalcafé | Buurthuis De Linde vzw, met vrijwillige taalcoaches | Alken en Sint-Joris\n"
        "Digilessen | Bibliotheek Wellen (digipunt) | Wellen en Herten\n"
        "Vrouw & Werk | Vrouwenvereniging Nisa vzw, met VDAB | Nieuwerkerken (Kozen)\n"
    )
    assert "samenwerking" not in analysis.ids("missing_sections")
    assert analysis.ids("municipalities") == ["nieuwerkerken", "alken", "wellen"]


def test_organisation_name_left_as_template_field_is_missing(read):
    analysis = read(
        "Wie zijn we\nWe zijn vier mannen die samen een vzw oprichten.\n\n"
        "Naam vzw: [naam organisatie] - we kiezen de naam in juni.\n"
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_speaker_tag_in_brackets_is_no_template_field(read):
    analysis = read("Wie zijn wij\n[OCMW Heers] Wij zijn het OCMW van Heers, contact: 011 48 00 00.\n")
    assert "organisatie" not in analysis.ids("missing_sections")


def test_talk_group_for_practising_dutch_is_no_network(read):
    analysis = read("Ligo geeft ons materiaal voor de praatgroep en een dag opleiding voor de vrijwilligers.")
    assert "netwerk" not in analysis.ids("service_types")


def test_fixed_person_in_spreektaal_across_life_domains(read):
    analysis = read(
        "Wa ik wil doen\n* ik blijf hun vaste gast. Voor alles eh: papieren, nen dokter, de VDAB, een kot. Eén "
        "nummer, mijne gsm, ook 's avonds."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_digital_skills_as_gsm_evenings(read):
    analysis = read("3. Gsm-avonden\nVier avonden per schooljaar: de schoolapp installeren, itsme, een e-mail sturen.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_challenge_profiles_fronted_before_we_also_know_them_are_not_the_target(read):
    analysis = read(
        "Ons project is er voor gezinnen in armoede. Jonge mama's met zware psychische problemen van wie een kind "
        "geplaatst werd, en mannen die uit de gevangenis komen, kennen we in het dorp ook."
    )
    assert analysis.ids("challenges") == []


def test_place_of_work_before_a_few_mothers_were_introduced_stays(read):
    analysis = read(
        "Daarnaast werk ik in Heers, waar het Sociaal Huis ons al een paar mama's uit Batsheers heeft voorgesteld."
    )
    assert analysis.ids("municipalities") == ["heers"]


def test_persona_name_talked_about_as_a_name_is_not_the_persona(read):
    analysis = read(
        "De naam Marcel staat ook in het addendum, maar dat is toeval: onze Marcel is trainer, geen deelnemer."
    )
    assert analysis.ids("personas") == []


def test_persona_plurals_with_article_from_the_call_are_the_personas(read):
    analysis = read("Mannen die uit de gevangenis komen. De Roy's en de John's uit jullie persona's, dat waren wij.")
    assert analysis.ids("personas") == ["roy", "john"]


# --- unusual shapes and established organisations (session 4, seventh and eighth rounds) --------------------


def test_budget_table_with_currency_in_a_note_is_a_budget(read):
    analysis = read(
        "7. Begroting\n\nKostenpost | Jaar 1 | Jaar 2 | Totaal\nJobcoach 0,5 VTE | 31.000 | 31.000 | 62.000\n"
        "Orthoagoog 0,2 VTE | 13.500 | 13.500 | 27.000\n\nBedragen in euro. Het loon van de deelnemers zit niet "
        "in deze begroting."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_budget_declared_absent_under_its_heading_is_missing(read):
    analysis = read("Centen\nEen begroting hebben we nog niet.")
    assert "begroting" in analysis.ids("missing_sections")


def test_planning_in_french_months(read):
    analysis = read(
        "Calendrier / Planning\n- septembre 2023 : recrutement des marraines.\n- octobre 2023 – février 2024 : "
        "premier groupe."
    )
    assert "planning" not in analysis.ids("missing_sections")


def test_challenge_and_personas_the_next_sentence_declines(read):
    analysis = read(
        "Het addendum noemt ook regio-uitdaging 1 (Marlies en Nora). Daarvoor dienen wij niet in; andere partners "
        "staan daar sterker in."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_all_personas_singled_out_in_the_target_group_are_targeted(read):
    analysis = read(
        "Onze doelgroep\nIedereen die uit de boot valt, en in het bijzonder alle persona's uit het addendum: "
        "Marlies, Nora, Marcel, Roy, John en Chadia."
    )
    assert len(analysis.ids("personas")) == 6


def test_the_calls_persona_method_described_under_target_group_targets_nobody(read):
    analysis = read(
        "Doelgroep\nHet addendum hanteert de personamethode: zes persona's (Marlies, Nora, Marcel, Roy, John en "
        "Chadia) belichamen de profielen die in de regio het meest voorkomen."
    )
    assert analysis.ids("personas") == []


def test_organisations_regular_work_is_not_the_project(read):
    analysis = read(
        "Wie zijn wij\nRegulier bieden we diagnostiek en behandeling, met een aparte eenheid voor verslavingszorg.\n\n"
        "Ons project\nWe openen een vrij spreekuur met een psycholoog, elke dinsdag in Heers."
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_people_who_also_come_to_our_service_are_not_the_target(read):
    analysis = read(
        "Ons project is er voor alleenstaande moeders met psychische problemen. Alleenstaande mannen met een "
        "verslavings- of dakloosheidsproblematiek melden zich ook bij onze dienst."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_staff_list_after_a_colon_is_no_offer(read):
    analysis = read("Ons team bestaat uit 23 medewerkers: instructeurs, taalcoaches, trajectbegeleiders en een jobhunter.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_repayment_plan_with_the_landlord_is_keeping_a_home(read):
    analysis = read(
        "Bij de eerste huurachterstand nemen we contact op met de verhuurder om een afbetalingsplan af te spreken."
    )
    assert "huisvesting" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_network_only_if_the_project_is_extended_not_offered(read):
    analysis = read(
        "Als het project na 2024 wordt verlengd, willen we buurtkringen opstarten waar bezoekers elkaar geregeld "
        "ontmoeten en een sociaal netwerk uitbouwen."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_planning_budget_header_with_years_is_no_planning(read):
    analysis = read("Begroting\nPost | Jaar 1 | Jaar 2 | Totaal\nJobcoach | 31.000 € | 31.000 € | 62.000 €\n")
    assert "planning" in analysis.ids("missing_sections")


def test_label_that_says_not_for_leaves_its_value_out(read):
    analysis = read(
        "Niet voor: werkzoekenden die enkel een vervoersprobleem hebben om tot bij de fruitbedrijven te geraken."
    )
    assert analysis.ids("exclusions") == []


def test_persona_name_after_one_of_them_is_a_real_person(read):
    analysis = read("Ons team telt drie ervaringsdeskundigen. Eén van hen, Nora, begeleidt nu al de kookgroep.")
    assert analysis.ids("personas") == []


def test_rent_premium_in_a_list_of_benefits_is_not_housing(read):
    analysis = read("We overlopen samen alle rechten: verhoogde tegemoetkoming, sociaal tarief, huurpremie, zorgbudget.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_persona_in_a_faq_question_is_decided_by_the_answer(read):
    analysis = read(
        "3. Zijn dat de persona's Marcel, Roy en John uit het addendum?\nGedeeltelijk. We richten ons uitdrukkelijk "
        "op het profiel van Roy en John."
    )
    assert analysis.ids("personas") == ["roy", "john"]


def test_persona_the_participants_are_not_is_left_out(read):
    analysis = read(
        "We know the addendum puts the focus on profiles like Chadia. Our participants are not Chadia: they are "
        "graduates."
    )
    assert analysis.ids("personas") == []


def test_fixed_person_named_after_the_domains_in_klare_taal(read):
    analysis = read(
        "Tom volgt elke speler op. Niet alleen het voetbal.\nOok werk. Ook geld. Ook een woning. Ook de gezondheid.\n"
        "Tom is de vaste persoon. Je kan hem altijd bellen."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_exclusion_needing_another_kind_of_help_not_aimed_at(read):
    analysis = read(
        "Wie werkklaar is en enkel een vervoersprobleem heeft, heeft een ander soort hulp nodig dan wij kunnen geven."
    )
    assert analysis.ids("exclusions") == []


def test_network_size_as_a_research_measure_is_no_offer(read):
    analysis = read(
        "We meten de digitale vaardigheden met een zelfevaluatie en de omvang van het sociale netwerk met een "
        "gevalideerde vragenlijst."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_we_met_is_not_we_measure(read):
    analysis = read("We huren vier studio's als doorgangswoning; we met de jongere zoeken we een vaste woning.")
    assert "huisvesting" in analysis.ids("service_types")


def test_single_mothers_as_one_item_of_a_clientele_list_are_not_the_target(read):
    analysis = read(
        "We hebben nu 210 ingeschreven gezinnen: gepensioneerden met een klein pensioen, mensen met een leefloon, "
        "eenoudergezinnen (vooral alleenstaande mama's), een paar studenten, mensen in schuldbemiddeling."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_single_mothers_described_as_the_group_are_the_target(read):
    analysis = read(
        "Voor wie?\nMeestal gaat het om alleenstaande mama's met twee of meer kinderen, die er helemaal alleen voor "
        "staan wanneer een kind ziek is."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_youngsters_with_their_own_youth_court_file_are_not_mothers_of_a_placed_child(read):
    analysis = read(
        "Voor wie?\nJongeren van 18 tot 25 zonder kot. Sommige jongeren hebben een dossier bij de jeugdrechtbank."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_persona_we_rarely_see_is_not_targeted(read):
    analysis = read("We richten ons op jongeren. Marcel is een generatie ouder; die zien we hier zelden.")
    assert analysis.ids("personas") == []


def test_psychologist_only_applied_for_is_not_offered(read):
    analysis = read(
        "We hebben een aanvraag lopen voor een eerstelijnspsycholoog die twee namiddagen per maand bij ons zou komen."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_youngsters_living_in_a_foster_family_are_not_mothers_of_a_placed_child(read):
    analysis = read(
        "Het project richt zich op jongeren van 16 tot 25 die niet werken en die thuis, in een pleeggezin of in een "
        "studio met begeleiding wonen."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_mother_whose_child_lives_in_a_foster_family_is_challenge_1(read):
    analysis = read(
        "Voor wie?\nMoeders van wie een kind geplaatst werd in een pleeggezin. We begeleiden hen naar de "
        "bezoekmomenten."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_reference_address_is_no_referral(read):
    analysis = read(
        "De begeleider zet samen met de man een referentieadres op, vraagt de uitkering opnieuw aan en maakt een "
        "eerste overzicht van de schulden."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_referral_lead_in_covers_its_list(read):
    analysis = read(
        "De jobcoach verwijst door wanneer andere problemen op de voorgrond staan: bij een verslaving naar CAD "
        "Limburg, voor Nederlandse les naar Ligo, bij schulden naar de schuldbemiddelaar van het Sociaal Huis."
    )
    assert analysis.ids("service_types") == []


def test_challenge_of_the_organisations_early_years_is_history(read):
    analysis = read(
        "Wie zijn wij\nIn de eerste jaren baatten we ook een winteropvang uit voor dakloze mannen.\n\n"
        "Ons project\nWe bezoeken ouderen die alleen wonen."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_challenge_named_to_say_others_are_better_placed(read):
    analysis = read("Ook de jonge moeders van uitdaging 1 zijn bij andere diensten beter af.")
    assert analysis.ids("challenges") == []


def test_job_network_with_companies_is_no_social_network(read):
    analysis = read("Uitbouw van een netwerk met kmo's in de industriezones, jobdagen | doorlopend")
    assert "netwerk" not in analysis.ids("service_types")


def test_addiction_in_the_target_profile_is_not_addiction_guidance(read):
    analysis = read(
        "Mannen tussen 20 en 50 die uit een verslaving komen of net uit detentie, zonder werk en met weinig "
        "structuur."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_psychological_help_arranged_through_the_cgg_is_referred(read):
    analysis = read(
        "Psychologische hulp regelen we via het CGG of het mobiele team; wij begeleiden de jongere tot daar."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_phone_contracts_are_no_digital_skills(read):
    analysis = read(
        "Samen met het gezin maken we een maandbudget, kijken we energie- en gsm-contracten na en leren we brieven "
        "lezen."
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")


def test_signature_with_a_title_offers_nothing(read):
    analysis = read("Groetjes, Katrien Bollen zorgcoördinator VBS De Fruitgaard")
    assert analysis.ids("service_types") == []


def test_childcare_sentence_naming_a_colleague_is_still_an_offer(read):
    analysis = read("Kinderopvang zoeken we samen met de ouders; Hatice Yilmaz, onze brugfiguur, gaat mee naar het loket.")
    assert "kinderopvang" in analysis.ids("service_types")


# --- session 5: services, challenges and sections in the words of practice ---------------------------------


def test_fixed_worker_following_landlord_youth_care_and_doctor_is_case_management(read):
    analysis = read(
        "Elke mama krijgt één vaste begeleider bij ons. Die gaat mee naar het rondetafelgesprek bij de jeugdhulp, "
        "naar de dokter en naar de huisbaas, en blijft bereikbaar ook als het even slecht gaat."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_fixed_worker_with_one_domain_is_not_case_management(read):
    analysis = read("Elke deelnemer krijgt één vaste begeleider die mee naar de huisbaas gaat.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_together_with_named_organisation_is_cooperation(read):
    analysis = read(
        "Wij zijn de sociale dienst van het Sociaal Huis Gingelom. Samen met het Huis van het Kind zoeken we een "
        "onthaalouder in de buurt."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_together_with_the_parents_is_no_cooperation(read):
    analysis = read(
        "Wij zijn de sociale dienst van het Sociaal Huis Gingelom. Onze medewerker zoekt samen met de ouders een "
        "plaats en helpt hen registreren bij het lokaal loket kinderopvang."
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_mothers_also_seen_and_handed_to_a_partner_are_no_challenge(read):
    analysis = read(
        "Ons project richt zich op mannen die uit de gevangenis komen en geen woning hebben. We zien ook "
        "alleenstaande moeders die na een detentie van hun partner met schulden achterblijven."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_total_with_its_parts_is_a_budget(read):
    analysis = read(
        "We organiseren een taalcafé in Herten. Wij vragen ongeveer 3.200 euro: tablets (1.200), koffie en koeken "
        "(600), vergoeding voor de oppas (900), busabonnementen (500)."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_one_amount_with_unrelated_numbers_is_no_budget(read):
    analysis = read(
        "We organiseren een taalcafé in Herten voor 12 mama's. Een cursus elders kost al snel 3.200 euro voor 2 jaar."
    )
    assert "begroting" in analysis.ids("missing_sections")


def test_title_block_with_author_identifies_the_applicant(read):
    analysis = read(
        "KOMPAAN Re-integratie & Loopbaan bv\nProjectvoorstel Terug aan Zet\n"
        "Versie 1.2 - 30 mei 2023 - opgesteld door Sofie Willems, senior consultant\n\n"
        "We begeleiden langdurig zieken naar werk in Sint-Truiden."
    )
    assert "organisatie" not in analysis.ids("missing_sections")


def test_paperwork_help_with_forms_and_a_folder_is_administration(read):
    analysis = read(
        "Papierwerk zonder stress: de coach helpt de deelnemer om de formulieren van het ziekenfonds en de "
        "werkgever te begrijpen, en om een eigen map met alle documenten bij te houden."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_registration_form_for_childcare_is_not_administration(read):
    analysis = read(
        "Twee ouders gaan met hen mee naar de buitenschoolse opvang en helpen het inschrijvingsformulier invullen."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_numbered_form_question_is_a_heading(read):
    analysis = read(
        "2. Wie wilt u met dit project bereiken?\n"
        "Vlaamse mama's, alleen met drie of vier kinderen, met schulden. Bij een paar gezinnen is er een kind via "
        "de jeugdrechter in een voorziening geplaatst.\n\n"
        "3. Wat gaat u concreet doen?\nEen brugfiguur zoekt samen met de mama een plaats bij een onthaalouder."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_course_compound_with_dutch_is_language_learning(read):
    analysis = read("In samenwerking met Ligo organiseren we twee keer per week een oudercursus Nederlands in de school.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_persona_names_recognised_in_small_numbers_are_no_target(read):
    analysis = read(
        "De persona's uit het addendum (Marlies, Nora, Marcel, Roy, John, Chadia) herkennen we in onze gemeente "
        "maar in kleine aantallen. Onze huisbus rijdt langs de dorpen van Heers voor iedereen zonder auto."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_personas_after_reflexive_pronoun_are_the_target(read):
    analysis = read("In de taal van het addendum: we richten ons op Roy en John, de jonge dakloze man en de ex-gedetineerde.")
    assert set(analysis.ids("personas")) == {"roy", "john"}


def test_club_godfather_for_each_new_player_is_network(read):
    analysis = read(
        "Elke nieuwe speler krijgt een clubpeter uit onze veteranen. Die belt als hij er niet is en neemt hem mee "
        "in het clubleven."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_experienced_mothers_becoming_godmothers_is_network(read):
    analysis = read(
        "Mama's die hier al langer wonen, worden meter van een nieuwe mama: samen naar het oudercontact, samen naar "
        "de markt. Zo bouwen de mama's een eigen kring op buiten de familie."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_volunteer_introduced_with_her_past_job_still_teaches_the_phone(read):
    analysis = read(
        "Marlies, die 30 jaar bij de bank gewerkt heeft, zit aan de tweede tafel met de gsm's: itsme installeren, "
        "inloggen bij de bank, een overschrijving doen met de app."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")
    assert analysis.ids("personas") == []


def test_opening_letters_and_filling_in_forms_together_is_administration(read):
    analysis = read(
        "Iedereen mag binnenlopen met zijn papieren. We openen samen de brieven, we leggen uit wat erin staat en "
        "we vullen formulieren in voor het ziekenfonds en de pensioendienst."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_work_step_only_for_newcomer_mothers_is_activation_of_migrant_women(read):
    analysis = read(
        "Het mamalokaal is er voor anderstalige mama's die thuis zitten.\n"
        "• Dinsdag: Nederlands oefenen met een lesgever van Ligo.\n"
        "• Donderdag, tweede uur: \"stap naar werk\", alleen voor deze mama's. We begeleiden hen naar een "
        "opleiding of een eerste job.\n"
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_care_coordinator_who_helped_write_the_proposal_offers_nothing(read):
    analysis = read("Samen met onze zorgcoördinator Nora Vanhamel en twee leerkrachten hebben we dit voorstel geschreven.")
    assert analysis.ids("service_types") == []


def test_families_long_in_debt_are_described_not_the_applicants_history(read):
    analysis = read(
        "Wat ik wil doen: gezinnen die al jaren, soms al generaties, in de schulden en de armoede zitten, thuis "
        "helpen om hun papieren en hun geld weer op orde te krijgen."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_partner_sending_families_to_me_is_cooperation(read):
    analysis = read(
        "Ik ben Griet Moors, zelfstandig budgetcoach. Het Sociaal Huis van Nieuwerkerken kent mij en zij sturen de "
        "gezinnen naar mij door."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_fixed_family_supporter_watching_the_whole_is_case_management(read):
    analysis = read(
        "Elk gezin heeft één vaste gezinsondersteuner, die blijft tot het gezin het zelf redt. Ze bewaakt het "
        "geheel: de opvoeding, de gezondheid van mama en kind, de school van de oudste, de relatie met de ex."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_plan_to_cut_down_or_stop_drinking_is_addiction_guidance(read):
    analysis = read(
        "Bij de meeste mannen hoort drank bij het verhaal. Onze verpleegkundige stelt met de man een plan op om te "
        "minderen of te stoppen, en volgt dat op."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_sentence_opening_years_ago_tells_the_past(read):
    analysis = read(
        "Twee jaar geleden vroeg een consulent van het CAD in Sint-Truiden of een van zijn cliënten bij ons mocht "
        "komen meetrainen."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_same_holds_for_a_group_after_a_negation_is_not_aimed_at(read):
    analysis = read(
        "Werkzoekenden voor wie enkel de verplaatsing een drempel is, vallen niet onder dit project. Hetzelfde "
        "geldt voor hoogopgeleide nieuwkomers die enkel hulp zoeken bij de erkenning van hun diploma."
    )
    assert analysis.ids("exclusions") == []


def test_persona_in_the_value_of_an_out_of_scope_label_is_not_targeted(read):
    analysis = read(
        "Out of scope: kandidaten met een complexe situatie - denk aan de persona Chadia uit het addendum, die "
        "eerst een taaltraject nodig heeft."
    )
    assert analysis.ids("personas") == []


def test_training_for_coaches_about_drugs_is_no_addiction_guidance(read):
    analysis = read(
        "Een medewerker van CAD Limburg geeft twee keer per seizoen een vorming aan onze trainers en peters over drugs "
        "en hoe je erover praat."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_turnover_and_need_figures_are_no_budget(read):
    analysis = read(
        "Voor de volledigheid: de club heeft een jaaromzet van ongeveer 212.000 euro (lidgelden 96.000 "
        "euro, kantine 58.000 euro, sponsoring 47.000 euro). Daarmee houden we het hoofd net boven water.\n\n"
        "Waarom?\nVoor een alleenstaande ouder met een leefloon van 1.600 euro per maand is ons lidgeld van 260 "
        "euro onbetaalbaar, en voetbalschoenen kosten al snel 70 euro."
    )
    assert "begroting" in analysis.ids("missing_sections")


def test_yearly_budget_of_the_parish_under_a_means_heading_is_no_budget(read):
    analysis = read(
        "Over de middelen\n\n"
        "Ter informatie: de kerkfabriek beheert een jaarlijkse begroting van om en bij de 48.000 euro. Onze "
        "Vincentiusconferentie deelde vorig jaar voor 11.300 euro aan voedselbonnen uit. Welke middelen dit project "
        "zou vragen, bespreken wij graag bij de pitch."
    )
    assert "begroting" in analysis.ids("missing_sections")


def test_school_care_coordinator_helping_find_childcare_is_no_case_management(read):
    analysis = read("Onze zorgcoördinator krijgt vier uur per week om ouders te helpen bij het vinden van opvang.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")
    assert "kinderopvang" in analysis.ids("service_types")


def test_contact_line_in_a_signature_identifies_the_applicant(read):
    analysis = read(
        "Ik kom bij mensen thuis om hun papieren op orde te zetten in Nieuwerkerken.\n\n"
        "Met vriendelijke groet,\n\nLieve Jacobs\nPapierwinkel - administratieve thuisbegeleiding\n"
        "0478 55 12 90 - lieve@papierwinkel.be\n"
    )
    assert "organisatie" not in analysis.ids("missing_sections")


def test_showing_how_itsme_and_the_bank_app_work_is_digital_skills(read):
    analysis = read(
        "Ik toon hoe itsme werkt, hoe ze in de app van haar bank een overschrijving doet en hoe ze haar attesten "
        "zelf terugvindt op Mijn Burgerprofiel."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_mothers_only_a_few_years_in_belgium_are_newcomer_mothers(read):
    analysis = read(
        "Doelgroep\nMoeders die nog niet lang in België wonen, vaak alleen staan voor de opvoeding en nog maar weinig "
        "Nederlands spreken. Wij zoeken samen met hen een plaats in de kinderopvang."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_question_quoted_from_the_addendum_is_no_target_group(read):
    analysis = read(
        "Doelgroep\nIn het addendum lezen we de vraag hoe je mensen kan ontlasten van de constante zorgtaken en de "
        "opvang van hun kinderen. Ons project is er voor alle ouders van de school."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_consortium_that_still_has_to_choose_its_applicant_lacks_the_organisation(read):
    analysis = read(
        "Dit is een gezamenlijke kandidatuur van drie organisaties: vzw Nisa, De Brug en Taalpunt. Wie van ons de "
        "penhouder wordt (formeel aanvrager en contactpersoon), beslissen we pas na de matching-dagen.\n\n"
        "Contact: nisa@example.be, 011 12 34 56"
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_questions_the_coach_does_not_take_up_and_refers_are_not_offered(read):
    analysis = read(
        "Vragen over huisvesting, schulden of het gezin neemt de coach niet op; daarvoor verwijzen we naar het "
        "OCMW of het CAW."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_volunteer_paired_with_a_learner_of_dutch_is_no_network(read):
    analysis = read(
        "Wat we doen: we koppelen een Nederlandstalige vrijwilliger aan een anderstalige inwoner die Nederlands "
        "leert, om samen te praten."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_village_godmother_and_swapped_phone_numbers_are_network(read):
    analysis = read(
        "- Elke vrouw krijgt een dorpsmeter: een vrouw uit het dorp die haar meeneemt naar het schoolfeest.\n"
        "- Eén keer per maand komen de moeders samen om te vertellen, te lachen en elkaars nummer te vragen."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_personas_whose_needs_the_applicant_cannot_meet_are_left_out(read):
    analysis = read(
        "De profielen van Marlies en Nora (regio-uitdaging 1) vragen een welzijnsaanpak rond psychische problemen "
        "en huisvesting die wij als onderwijsinstelling niet kunnen bieden."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_coffee_morning_where_mothers_get_to_know_each_other_is_network(read):
    analysis = read(
        "- elke vrijdagochtend is er een ouderkoffie, samen met de ervaringsdeskundige, waar mama's elkaar leren "
        "kennen en afspraken maken om elkaars kinderen op te halen."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_families_where_things_go_wrong_are_described_people(read):
    analysis = read("Onze doelgroep: gezinnen waar het al generaties moeilijk gaat en de schulden zich opstapelen.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_volunteer_godmothers_coupled_for_a_year_are_network(read):
    analysis = read(
        "Vrijwillige meters, vaak vrouwen die zelf een moeilijke periode doormaakten, koppelen we voor een jaar aan "
        "een moeder."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_someone_to_call_who_knows_what_it_is_like_is_network(read):
    analysis = read(
        "Elke vrijdag drinken huidige en vroegere gasten samen koffie op de boerderij. Zo blijven ze elkaar zien, en "
        "als het weer eens slecht gaat, hebben ze iemand om te bellen die weet hoe het is."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_monthly_papers_evening_is_administration(read):
    analysis = read(
        "Eén dinsdagavond per maand is er papierenavond. Mama's brengen hun brieven mee: van de mutualiteit, het "
        "Groeipakket, de huisbaas."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_volunteer_helping_with_letters_and_bills_is_administration(read):
    analysis = read(
        "Na het taalcafé zit Jef (oud-bankbediende) nog een uurtje klaar voor wie hulp wil met brieven, facturen of "
        "formulieren van de school."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_school_that_cannot_give_psychological_help_itself_does_not_offer_it(read):
    analysis = read(
        "Psychologische hulp kunnen wij als school niet geven; daarvoor verwijzen we samen met het CLB door."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_personas_named_only_to_say_not_for_us_are_left_out(read):
    analysis = read("Regio-uitdaging 2 (Marcel, Roy en John) - niet voor ons.")
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_personas_in_the_quoted_call_text_are_not_targeted(read):
    analysis = read(
        '"Regio-uitdaging 2 gebaseerd op persona Marcel, Roy en John: Hoe kunnen we hen de nodige psychologische '
        'en psychiatrische ondersteuning geven, zodat ze hun verslaving achter zich laten?" Wij staan open voor alle '
        "inwoners met een welzijnsvraag."
    )
    assert analysis.ids("personas") == []


def test_a_tablet_only_if_money_is_left_is_conditional(read):
    analysis = read(
        "Als er geld overblijft, zouden we later misschien ook een tablet kopen om mensen met itsme te leren "
        "werken, maar dat is voor later."
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_teacher_giving_dutch_in_the_workshop_is_language_learning(read):
    analysis = read("Eén voormiddag per week komt een lesgever van Ligo in het atelier Nederlands geven dat over het werk gaat.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_referral_label_makes_its_list_referrals(read):
    analysis = read(
        "- Doorverwijzen waar nodig: voor psychologische hulp naar het CGG, voor verslaving naar CAD Limburg, voor "
        "een woning naar het woonloket en CAW Limburg."
    )
    assert analysis.ids("service_types") == []


def test_applicant_still_to_be_decided_lacks_the_organisation(read):
    analysis = read(
        "Ingediend door: Lieve Moermans, gepensioneerd maatschappelijk werkster, 0479 12 34 56.\n\n"
        "Wij zijn geen vzw. Wie de aanvraag uiteindelijk indient en het geld beheert, moet dus nog bepaald worden."
    )
    assert "organisatie" in analysis.ids("missing_sections")


def test_psychologist_she_has_to_go_to_herself_is_not_offered(read):
    analysis = read(
        "Naar de psycholoog moet ze zelf gaan; wij zijn geen hulpverleners, maar we zijn wel mee naar de huisdokter "
        "geweest om een verwijzing te vragen."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_challenge_words_in_the_quoted_call_question_are_no_target(read):
    analysis = read(
        "Het addendum formuleert het zo:\n\n"
        '"Regio-uitdaging 3: Hoe kunnen we hun taalkennis versterken? Hoe kunnen we de vaak alleenstaande moeder '
        'ontlasten in de zorg voor het gezin?"\n\n'
        "Ons digicafé is er voor iedereen die digitaal niet mee is."
    )
    assert analysis.ids("challenges") == []


def test_work_track_specially_for_these_mothers_is_activation_of_migrant_women(read):
    analysis = read(
        "Doelgroep\nAnderstalige moeders van onze school die graag willen werken.\n\n"
        "Aanpak\n- Een traject van tien weken speciaal voor deze moeders: wat voor werk is er, een proefdag in de "
        "schoolkeuken, samen inschrijven bij de VDAB. We organiseren ook een proefdag bij een werkgever."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_psychologist_for_gaming_problems_is_addiction_not_mental_health(read):
    analysis = read("Onze psycholoog neemt de begeleiding van jongvolwassenen met een gameproblematiek op.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_a_man_with_psychoses_living_with_his_mother_is_no_challenge_one(read):
    analysis = read("Een voorbeeld: Kevin, 34, twee psychoses, woont bij zijn moeder, wil iets met zijn handen doen.")
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_bridging_the_wait_with_supportive_talks_while_guiding_to_care_is_psychological_help(read):
    analysis = read(
        "Via de eerstelijnspsychologische functie en het CGG leiden we deelnemers toe naar gepaste hulpverlening, en "
        "we overbruggen de wachttijd met ondersteunende gesprekken."
    )
    assert "psychische-hulp" in analysis.ids("service_types")


def test_budget_table_in_english_thousands_under_its_heading_is_a_budget(read):
    analysis = read(
        "7. Budget (per year, EUR)\n"
        "Item | Amount\n"
        "Clinical psychologist 0.4 FTE | 26,400\n"
        "Room costs and materials | 1,900\n"
        "Total per year | 28,300\n"
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_template_placeholder_naming_a_partner_offers_nothing(read):
    analysis = read("[in te vullen - CAD Limburg vragen of zij een consulent in het project willen inzetten]")
    assert "verslaving" not in analysis.ids("service_types")


def test_group_under_a_for_whom_not_heading_is_not_aimed_at(read):
    analysis = read(
        "Voor wie niet?\n"
        "Vaders met een hoog diploma die alleen hun diploma erkend willen krijgen. Die sturen we naar NARIC.\n"
    )
    assert analysis.ids("exclusions") == []


def test_a_sister_called_nora_is_no_persona(read):
    analysis = read("Haar zus Nora woont in Landen en helpt als ze kan, maar heeft zelf drie kinderen.")
    assert analysis.ids("personas") == []


def test_a_mans_wife_who_came_through_family_reunification_is_no_migrant_women_programme(read):
    analysis = read("Ik kwam zelf in 2015 uit Homs; mijn vrouw en kinderen volgden in 2018 via gezinshereniging.")
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_partner_staff_coming_to_the_group_is_cooperation(read):
    analysis = read("Wij zijn een oudergroep in Borlo. Een hulpverlener van het CAW komt 4 keer per jaar naar de groep.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_start_once_the_money_is_granted_is_no_planning(read):
    analysis = read(
        "Timing:\nStart zodra de middelen toegekend zijn. De secretaris werkt tegen de volgende vergadering een "
        "planning uit."
    )
    assert "planning" in analysis.ids("missing_sections")


def test_premises_of_the_worker_are_no_housing_offer(read):
    analysis = read("Het OCMW Alken draagt de overhead (huisvesting van de medewerker, ICT, supervisie) zelf.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_annual_accounts_table_is_no_budget(read):
    analysis = read(
        "Jaarrekening 2022 (ter info)\n"
        "Bedrijfsopbrengsten | € 812.400\n"
        "Bedrijfskosten | € 798.100\n"
        "Bedrijfsresultaat | € 14.300\n"
    )
    assert "begroting" in analysis.ids("missing_sections")


def test_persona_recognised_less_is_not_targeted(read):
    analysis = read(
        "De persona Marcel herkennen we minder: oudere mannen met een zware, actieve alcoholverslaving passen niet in "
        "onze groepswerking."
    )
    assert "marcel" not in analysis.ids("personas")


def test_budget_to_be_completed_by_the_applicant_leaves_the_applicant_identified(read):
    analysis = read(
        "Wij zijn vzw De Brug, Kerkstraat 1, Heers, 011 22 33 44.\n\nDe begroting wordt nog aangevuld door de aanvrager."
    )
    assert "organisatie" not in analysis.ids("missing_sections")
    assert "begroting" in analysis.ids("missing_sections")


def test_cooperation_with_kinds_of_organisation_names_no_partner(read):
    analysis = read(
        "Periode | Activiteit | Verantwoordelijke\n"
        "Q4 2023 | Afstemming met partners en lokale besturen | coördinator\n"
        "We werken in overleg met de huisartsen en de scholen.\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_cooperation_with_one_organisation_of_a_kind_names_a_partner(read):
    analysis = read("We werken samen met het sociaal verhuurkantoor en de huisartsen.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_service_of_the_organisation_in_towns_outside_the_area_not_offered(read):
    analysis = read(
        "Onze reguliere werking:\n"
        "- Schuldbegeleiding en budgetcoaching vanuit de antennes Hasselt en Genk;\n"
        "- onthaal en psychosociale begeleiding (onthaalpunten in Hasselt, Sint-Truiden, Tongeren en Bilzen).\n\n"
        "In het project koppelen we elke deelnemer aan een buddy in Sint-Truiden."
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_service_named_with_a_town_as_a_word_or_in_a_name_still_offered(read):
    analysis = read("Eén keer per maand is er een lotgenotenkring, en we gaan samen naar een match van Racing Genk.")
    assert "netwerk" in analysis.ids("service_types")


def test_network_of_mental_health_care_is_an_organisation_not_a_network_for_the_client(read):
    analysis = read(
        "Twee halve dagen per maand houdt een eerstelijnspsycholoog (via het netwerk geestelijke gezondheid) een vrij "
        "spreekuur in het Sociaal Huis Heers."
    )
    assert analysis.ids("service_types") == ["psychische-hulp"]


def test_group_welcome_but_not_specifically_targeted_not_a_target(read):
    analysis = read(
        "Wij hebben kennisgenomen van de persona Chadia in het addendum. Ons aanbod staat uiteraard open voor moeders "
        "met een migratieachtergrond, maar het is niet specifiek op hen gericht."
    )
    assert "chadia" not in analysis.ids("personas")
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")


def test_services_listed_before_a_verb_that_says_no_not_offered(read):
    analysis = read(
        "Taalcoaching, jobcoaching en psychologische begeleiding doen wij niet; daarvoor blijven de VDAB, het OCMW en "
        "het CAW de begeleider. Wij zoeken samen met de moeder een plaats in de kinderopvang."
    )
    assert analysis.ids("service_types") == ["kinderopvang"]


def test_personas_sent_elsewhere_in_the_next_sentence_not_targeted(read):
    analysis = read(
        "Profielen zoals Chadia uit het addendum vragen een veel intensiever traject. That's not our expertise; voor "
        "hen verwijzen we naar het Agentschap Integratie en Inburgering."
    )
    assert "chadia" not in analysis.ids("personas")


def test_themes_a_partner_explains_not_offered(read):
    analysis = read(
        "Het Agentschap Integratie en Inburgering komt 1 keer per maand uitleg geven over een thema (huurcontract, "
        "school, gezondheid)."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_service_in_a_chain_of_relative_clauses_about_the_people_not_offered(read):
    analysis = read(
        "Dit project is voor mannen (soms ook een vrouw) tussen 25 en 50 die uit de gevangenis komen of die na een "
        "behandeling voor hun verslaving terug willen beginnen."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_client_under_a_changed_name_not_the_persona(read):
    analysis = read(
        "Roy (19, naam veranderd) belde ons in februari vanop een parking. Marcel (niet zijn echte naam) zat een jaar "
        "alleen in zijn studio."
    )
    assert analysis.ids("personas") == []


def test_namesake_said_not_to_be_the_persona_while_the_others_are_targeted(read):
    analysis = read(
        "Eigenlijk is Tweede Helft bedoeld voor de Roy's en de John's uit jullie tekst: mannen die uit de verslaving "
        "komen. (Voor alle duidelijkheid: onze Marcel is niet de Marcel uit jullie addendum.)"
    )
    assert sorted(analysis.ids("personas")) == ["john", "roy"]


def test_fixed_worker_of_any_trade_who_follows_several_domains_is_case_management(read):
    analysis = read(
        "Elke man krijgt één vaste straathoekwerker. Die zoekt hem op waar hij is en helpt met wat op dat moment "
        "dringend is: zijn uitkering bij het OCMW, een afspraak bij de dokter, een boete, een sollicitatie."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_fixed_job_coach_is_not_case_management(read):
    analysis = read(
        "Elke deelnemer krijgt een vaste jobcoach: cv, motivatiebrief, sollicitatietraining, jobmatching en "
        "begeleiding naar het gesprek, ook bij problemen met de kinderopvang of de huur."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_companion_named_in_quotes_before_the_verb_is_a_network(read):
    analysis = read(
        'Daarnaast kan elke deelnemer een "maat" krijgen: een peer die meegaat naar een afspraak of een wandeling maakt.'
    )
    assert "netwerk" in analysis.ids("service_types")


def test_indirect_question_on_a_line_of_its_own_ends_the_part_before_it(read):
    analysis = read(
        "Wat we zien. Steeds meer moeders raken verstrikt in hun papieren.\n\n"
        "Wat we willen doen.\n"
        "Onze assistente zet vier uur per week samen met patienten hun papieren op orde: een afbetalingsplan regelen "
        "en de brieven van het ziekenfonds uitleggen."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_group_of_men_and_women_is_not_the_newcomer_mothers_challenge(read):
    analysis = read(
        "Doelgroep: langdurig werkzoekenden. Mannen en vrouwen, Nederlandstalig en anderstalig. We geven lessen "
        "Nederlands op de werkvloer."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_people_who_cannot_take_part_are_not_the_target(read):
    analysis = read(
        "Mensen met een actieve verslaving kunnen niet bij ons werken: er rijden tractoren. We begeleiden mensen met "
        "een licht verstandelijke beperking met pictogrammen en een vaste werkbegeleider."
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_personas_said_not_to_be_the_core_target_not_targeted(read):
    analysis = read(
        "Mensen met zware psychosociale problemen - denk aan de persona's Roy en John uit het addendum - zijn niet "
        "onze core target."
    )
    assert analysis.ids("personas") == []


def test_reading_letters_together_is_paperwork_not_language(read):
    analysis = read(
        "Brieven, facturen en formulieren samen lezen en uitleggen, helpen invullen, een afbetalingsplan aanvragen."
    )
    assert "nederlandse-taal" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")


def test_who_comes_names_the_target_group(read):
    analysis = read("Wie komt:\nVorig jaar elf duo's, uit Syrië, Oekraïne en Eritrea.")
    assert "doelgroep" not in analysis.ids("missing_sections")


def test_something_that_costs_the_project_nothing_leaves_the_budget_present(read):
    analysis = read(
        "7. Centen\n\nPost | Jaar 1 | Jaar 2 | Totaal\nGezinscoach 0,8 VTE | 42.500 | 43.800 | 86.300\n"
        "Werking | 4.800 | 4.800 | 9.600\n\nHet spreekuur van de psycholoog wordt gefinancierd via de conventie en "
        "kost het project niets."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_library_of_a_municipality_that_lends_laptops_is_a_partner(read):
    analysis = read(
        "De bibliotheek van Alken leent ons 6 laptops en hun medewerker e-inclusie komt de eerste les van elke reeks "
        "geven."
    )
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_sum_the_applicant_asks_for_is_a_budget(read):
    analysis = read(
        "Voor één schooljaar vragen we 24.800 euro. Het grootste deel, ongeveer 19.500 euro, is de loonkost van de "
        "brugfiguur."
    )
    assert "begroting" not in analysis.ids("missing_sections")


def test_amounts_of_the_need_without_a_request_are_no_budget(read):
    analysis = read("Een leefloon bedraagt 1.300 euro per maand; de huur alleen al kost 750 euro.")
    assert "begroting" in analysis.ids("missing_sections")


def test_start_once_the_project_is_approved_is_a_planning(read):
    analysis = read(
        "Als het goedgekeurd wordt, werven we de nieuwe collega aan in september 2023 en starten we met de eerste tien "
        "gezinnen in oktober."
    )
    assert "planning" not in analysis.ids("missing_sections")


def test_wanting_to_begin_in_a_month_is_a_planning(read):
    analysis = read("We willen beginnen na de zomervakantie, in september 2023, met een groep van tien mama's.")
    assert "planning" not in analysis.ids("missing_sections")


def test_dutch_on_the_work_floor_by_a_partners_teacher_is_language(read):
    analysis = read(
        'Daarnaast komt er 2 uur per week een lesgever van Ligo bij ons in huis voor "Nederlands op de werkvloer": de '
        "woorden die je in de keuken nodig hebt."
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_lessons_given_with_much_repetition_are_offered(read):
    analysis = read(
        "Ligo Limburg geeft in het project in kleine groepjes (max. 5 deelnemers) gsm-les met veel herhaling: itsme, "
        "betalen met de app."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_a_woman_named_with_her_age_is_not_the_persona(read):
    analysis = read('"Ik wist niet waar ik moest beginnen." (Nora, 34, mama van drie)')
    assert "nora" not in analysis.ids("personas")


def test_what_we_cannot_do_names_a_service_not_offered(read):
    analysis = read("Wat wij niet kunnen, is computerles geven. Wel helpen we elke week met brieven en facturen.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_that_does_not_belong_to_the_follow_up_not_offered(read):
    analysis = read(
        "De kleuters en schoolkinderen volgen we op via de school en het CLB; kinderopvang zoeken hoort daar niet bij."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_housing_of_the_consultation_hours_is_the_premises(read):
    analysis = read("De coöperatie brengt zelf de huisvesting van de spreekuren en de ICT in.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_partners_heading_answered_not_applicable_names_no_partner(read):
    analysis = read(
        "Partners\nNiet van toepassing: Ready2Start wordt volledig in eigen beheer uitgevoerd, met ons eigen team.\n"
    )
    assert "samenwerking" in analysis.ids("missing_sections")


def test_mothers_without_a_migration_background_are_not_migrant_women(read):
    analysis = read(
        '"Jong & Mama" richt zich op jonge moeders van 17 tot 25 jaar zonder migratieachtergrond, die wonen in Wellen.'
    )
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_personas_in_a_list_said_not_to_be_ours_not_targeted(read):
    analysis = read("Onze grootmoeders zijn niet de Marlies of Nora uit het addendum.")
    assert analysis.ids("personas") == []


def test_personas_said_not_to_be_our_specific_target_group_not_targeted(read):
    analysis = read(
        "Een opmerking bij de persona's uit het addendum: Marlies, Nora, Marcel, Roy, John en Chadia zijn niet onze "
        "specifieke doelgroep."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_persona_named_as_what_a_helper_is_called_is_a_real_person(read):
    analysis = read("Onze kok is Marcel, een gepensioneerde slager uit Zepperen die elke woensdag de soep maakt.")
    assert analysis.ids("personas") == []


def test_persona_named_as_what_the_target_group_is_still_targeted(read):
    analysis = read("Onze doelgroep is Marlies: alleenstaande moeders met psychische problemen en een geplaatst kind.")
    assert analysis.ids("personas") == ["marlies"]


def test_personas_in_a_list_after_geen_all_left_out(read):
    analysis = read(
        "We lazen in het addendum over Roy en John en dat dak- en thuislozen steeds jonger worden. "
        "Onze gasten zijn geen Roy of John."
    )
    assert analysis.ids("personas") == []


def test_migrant_women_block_aimed_at_their_activation_offered(read):
    analysis = read(
        "Het atelier is voor anderstalige moeders zoals Chadia uit het addendum.\n\n"
        "- Dit blok is specifiek gericht op de activering van deze vrouwen: een eigen talentenportfolio opbouwen, "
        "kennismaken met jobs in de regio, bedrijfsbezoeken en een snuffelstage via VDAB."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_migrant_women_discovering_work_in_a_newcomer_mothers_project_offered(read):
    analysis = read(
        "Voor mama's die nog niet lang in België zijn, zoals Chadia uit het addendum.\n"
        "3. Werk ontdekken. We gaan op bezoek bij bedrijven en wie wil, doet een korte stage."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_migrant_women_named_as_newcomer_mothers_found(read):
    analysis = read("Mama Werkt is een traject naar werk voor nieuwkomende moeders, met bedrijfsbezoeken en een stage.")
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_company_visits_in_a_project_for_men_not_migrant_women(read):
    analysis = read(
        "Voor mannen met een verslaving, zoals Marcel uit het addendum, organiseren we bedrijfsbezoeken en een "
        "snuffelstage."
    )
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")


def test_generational_poverty_work_with_the_whole_family_in_the_same_sentence_offered(read):
    analysis = read(
        "Ik werk daarom met het hele gezin, ook met de oma die mee de boodschappen doet, want patronen die van "
        "ouders op kinderen overgaan doorbreek je niet met één folder of één gesprek."
    )
    assert "generatiearmoede" in analysis.ids("service_types")


def test_service_only_once_funds_are_granted_is_conditional(read):
    analysis = read(
        "Pas als die middelen worden toegekend, willen we in die punten ook een wekelijks spreekuur van een "
        "eerstelijnspsycholoog inrichten."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_service_that_would_be_a_nice_addition_is_not_offered(read):
    analysis = read("Een buddywerking of een ouderpraatgroep zou een mooie aanvulling zijn.")
    assert "netwerk" not in analysis.ids("service_types")


def test_personas_in_the_list_of_who_we_do_not_work_with_not_targeted(read):
    analysis = read(
        "Met wie we in dit project níet werken:\n"
        "• Vrouwen die pas in België zijn en eerst Nederlands moeten leren – het profiel van Chadia uit het addendum.\n"
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_personas_after_out_of_scope_label_not_targeted(read):
    analysis = read("Buiten scope: RU2 (de persona's Marcel, Roy en John).")
    assert analysis.ids("personas") == []


def test_challenge_in_a_case_handed_to_a_partner_not_targeted(read):
    analysis = read(
        "Wij begeleiden alleenstaande moeders met hun papieren.\n"
        "Bij verslavingsproblemen schakelen we het CAD in; we bieden zelf geen verslavingsbegeleiding."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_challenge_in_the_condition_of_a_referral_not_targeted(read):
    analysis = read(
        "Loopt een huurder op meerdere levensdomeinen vast (verslaving, psychische problemen, opvoeding), dan "
        "verwijzen we door naar het OCMW of het CAW, dat de regie houdt."
    )
    assert analysis.ids("challenges") == []
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_challenge_in_the_condition_of_an_offer_still_targeted(read):
    analysis = read(
        "Heeft een man die uit de gevangenis komt geen dak, dan zoeken we samen met hem een kamer en blijft onze "
        "begeleider zijn vaste aanspreekpunt."
    )
    assert "uitdaging-2" in analysis.ids("challenges")


def test_debts_in_the_list_of_domains_the_fixed_person_follows_not_a_service(read):
    analysis = read(
        "Elke deelnemer heeft één vaste trajectbegeleider die niet alleen het werk opvolgt, maar ook woning, "
        "schulden, gezondheid, justitie en familie."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_budget_coach_called_in_by_the_casemanager_is_a_service(read):
    analysis = read(
        "De casemanager roept de juiste partner erbij: de woonbegeleider, de psycholoog, de budgetbegeleider."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_persona_name_with_a_job_in_brackets_listed_with_a_real_person_is_a_real_person(read):
    analysis = read("De papierenhoek doen Marcel (gepensioneerd boekhouder) en Lieve (vroeger bediende op het OCMW).")
    assert analysis.ids("personas") == []


def test_persona_name_from_a_town_is_a_real_person(read):
    analysis = read("Onze vrijwilligers: vier uit Kozen en Wijer, en Marcel uit Herk-de-Stad (71 jaar).")
    assert analysis.ids("personas") == []


def test_persona_from_the_addendum_still_targeted(read):
    analysis = read("Wij richten ons op mannen zoals Marcel uit het addendum.")
    assert analysis.ids("personas") == ["marcel"]


def test_suspected_disability_of_some_parents_is_no_offer(read):
    analysis = read(
        "Bij enkele ouders is er een vermoeden van een verstandelijke beperking, dat nooit onderzocht werd."
    )
    assert "mentale-beperking" not in analysis.ids("service_types")


def test_single_mothers_among_a_list_of_visitors_are_no_target_group(read):
    analysis = read(
        "Bij ons komen alleenstaande moeders, gepensioneerden, grote gezinnen, jonge werkende koppels."
    )
    assert analysis.ids("challenges") == []


def test_single_mothers_described_after_a_comma_still_targeted(read):
    analysis = read(
        "Wij begeleiden alleenstaande moeders, vaak met jonge kinderen, met psychische problemen en een kind in "
        "de jeugdhulp."
    )
    assert analysis.ids("challenges") == ["uitdaging-1"]


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("Geld en schulden laten we bij de budgetbegeleiding van het OCMW.", "administratie-financien"),
        (
            "Wie meer nodig heeft, geven we via de sociale dienst het nummer van de eerstelijnspsycholoog.",
            "psychische-hulp",
        ),
    ],
)
def test_service_handed_back_or_left_to_others_not_offered(read, text, service):
    assert service not in read(text).ids("service_types")


def test_learning_to_read_a_payslip_is_no_language_course(read):
    analysis = read("Wat we doen:\n- de loonbrief, de fiscale fiche en de eindejaarspremie leren lezen;")
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_challenge_words_listed_after_geen_sprake_van_all_negated(read):
    analysis = read(
        "Onze jongeren zijn geen jonge moeders, en bij de meesten is er geen sprake van verslaving, psychiatrie of "
        "dakloosheid."
    )
    assert analysis.ids("challenges") == []


def test_challenge_words_in_a_referral_address_not_targeted(read):
    analysis = read(
        "Wij begeleiden jongeren met een beperking.\n\nNetwerk van de school\n"
        "CAD Limburg - doorverwijsadres bij problematisch gamen of middelengebruik"
    )
    assert analysis.ids("challenges") == []


def test_challenges_described_as_the_calls_not_targeted(read):
    analysis = read(
        "Uitdaging 1 gaat over kwetsbare moeders, uitdaging 2 over mannen met een verslaving, psychiatrische "
        "problemen of zonder dak. Onze vaders passen in geen van beide."
    )
    assert analysis.ids("challenges") == []


def test_challenge_read_about_in_the_call_not_targeted(read):
    analysis = read("Ik heb in jullie tekst gelezen dat regio-uitdaging 2 over mannen gaat.")
    assert analysis.ids("challenges") == []


def test_challenge_taken_on_by_the_applicant_still_targeted(read):
    analysis = read("Wij kiezen voor uitdaging 2: mannen met een verslaving die dakloos zijn.")
    assert analysis.ids("challenges") == ["uitdaging-2"]


def test_challenge_groups_in_a_broad_public_not_targeted(read):
    analysis = read(
        "Onze huurders vormen een zeer breed publiek: gepensioneerden met een klein pensioen, werkende "
        "alleenstaanden, jonge koppels, gezinnen met een leefloon of een werkloosheidsuitkering, anderstalige "
        "families, alleenstaande moeders met jonge kinderen en mannen die na een detentie opnieuw een woning zoeken."
    )
    assert analysis.ids("challenges") == []


def test_challenge_traits_of_one_group_listed_still_targeted(read):
    analysis = read(
        "Onze fietsers zijn mannen die drinken, drugs gebruiken, uit de gevangenis komen, op straat leven."
    )
    assert analysis.ids("challenges") == ["uitdaging-2"]


def test_persona_after_what_the_group_is_not_not_targeted(read):
    analysis = read("Wat deze groep niet is: de persona Chadia uit regio-uitdaging 3.")
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_service_of_a_referral_address_not_offered(read):
    analysis = read("Het CGG in Sint-Truiden is ons verwijsadres voor psychologische begeleiding.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_excluded_group_ruled_out_paragraph_verdict_points_back_only_to_the_sentence_before(read):
    analysis = read(
        "Ons traject richt zich op hoogopgeleide nieuwkomers die hun diploma willen laten erkennen. Ze spreken "
        "Nederlands op minstens B1-niveau. Voor vrouwen met een complexe situatie is ons traject te hoogdrempelig. "
        "Zij vallen buiten onze doelgroep."
    )
    assert analysis.ids("exclusions") == ["hooggeschoolde-nieuwkomers"]


def test_network_a_fixed_quoted_neighbour_given_to_whoever_lives_alone(read):
    analysis = read(
        "Daarom krijgt iedereen die alleen woont en dat wil een vaste \"buur\": iemand van onze groep die hem of "
        "haar elke week eens belt of langsgaat."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_network_a_quoted_role_introduced_with_a_colon(read):
    analysis = read(
        '- Een "babbelmaat": wie wil, krijgt een vaste vrijwilliger die tussen de dinsdagen eens belt of langsgaat.'
    )
    assert "netwerk" in analysis.ids("service_types")


def test_network_contacts_built_outside_care(read):
    analysis = read(
        "Eén vrijdagavond per maand eten deelnemers, buren en telers samen. Het doel is dat deelnemers contacten "
        "opbouwen buiten de hulpverlening."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_network_a_quoted_place_with_a_colon_is_no_companion(read):
    analysis = read('Een "digipunt": wie wil, krijgt er uitleg over itsme.')
    assert "netwerk" not in analysis.ids("service_types")


def test_service_in_a_yes_row_under_a_what_we_do_and_do_not_heading_offered(read):
    analysis = read(
        "Wat doen we wel en wat niet?\n"
        "Vraag van de huurder | In het project? | Wie neemt het op?\n"
        "Een betaalbare huurwoning zoeken (zoekertjes, bezichtiging) | ja | woonconsulent\n"
        "Psychologische ondersteuning | nee | eerstelijnspsycholoog / CGG\n"
    )
    assert "huisvesting" in analysis.ids("service_types")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_services_after_what_a_named_worker_does_not_do_not_offered(read):
    analysis = read("Wat Nora niet doet: therapie of psychologische hulp.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_persona_name_with_a_dated_history_of_their_own_is_a_real_person(read):
    analysis = read(
        "Roy, die hier zelf in 2019 begon als gast en nu 20 uur per week bij ons in dienst is, is de eerste peter."
    )
    assert analysis.ids("personas") == []


def test_learning_to_read_an_energy_bill_is_no_language_course(read):
    analysis = read("Wat we doen:\n- Leren lezen van een energiefactuur en een afrekening van de verhuurder.")
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_papers_sorted_at_the_kitchen_table_in_the_words_of_practice(read):
    analysis = read(
        "Een vrijwilliger komt op bezoek. We halen samen de stapel post uit de schuif en sorteren op drie hoopjes: "
        "betalen, bewaren, weggooien."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_letters_hour_in_a_weekly_table(read):
    analysis = read("vr 13u-14u30 | brievenuur: iedereen brengt de brieven mee | Ilse | refter Velm\n")
    assert "administratie-financien" in analysis.ids("service_types")


def test_dutch_practised_while_cooking_in_the_words_of_practice(read):
    analysis = read("We gaan samen naar de winkel en aan de kassa spreken we Nederlands. Aan tafel spreken we ook alleen Nederlands.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_reading_hour_for_adults_who_read_with_difficulty(read):
    analysis = read("Leesuur: een klein groepje volwassenen die moeilijk lezen. We lezen samen een eenvoudige krant.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_speaking_little_dutch_describes_people_and_offers_no_course(read):
    analysis = read("Ze spreken nog weinig Nederlands en ze zitten veel thuis. Wij helpen hen bij het zoeken naar werk.")
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_personas_in_an_aside_of_a_sentence_that_says_no_not_targeted(read):
    analysis = read(
        "Vrouwen - in het addendum Marlies en Nora - kunnen in het herstelhuis niet terecht: de werking is bewust "
        "enkel voor mannen."
    )
    assert analysis.ids("personas") == []


def test_personas_in_an_aside_of_a_sentence_that_sends_them_on_not_targeted(read):
    analysis = read(
        "Wie met meerdere problemen tegelijk zit - de persona's uit het addendum zoals Nora of Chadia - hoort bij de "
        "trajectbegeleiders van OCMW of CAW."
    )
    assert analysis.ids("personas") == []


def test_persona_in_an_aside_of_a_target_statement_still_targeted(read):
    analysis = read("Onze mama's - in het addendum Marlies en Nora - krijgen bij ons een vaste gezinscoach.")
    assert analysis.ids("personas") == ["marlies", "nora"]


def test_persona_name_who_runs_an_activity_is_staff(read):
    analysis = read("Chadia leidt het praatcafé.")
    assert analysis.ids("personas") == []


def test_personas_declined_when_the_next_sentence_says_we_are_not_the_organisation_for_them(read):
    analysis = read(
        "We zien de alleenstaande moeders die het addendum beschrijft als Marlies en Nora. Die vrouwen zijn welkom "
        "bij ons, maar we zijn niet de organisatie met de beste expertise voor hen."
    )
    assert analysis.ids("personas") == []


def test_personas_described_further_with_a_negation_still_targeted(read):
    analysis = read(
        "Ons project is er voor moeders zoals Marlies en Nora uit het addendum. Die vrouwen hebben geen netwerk en "
        "geen opvang."
    )
    assert analysis.ids("personas") == ["marlies", "nora"]


def test_persona_in_a_heading_that_names_the_group_targeted(read):
    analysis = read(
        "Groep 2 - nieuwkomende moeders (persona Chadia, regio-uitdaging 3)\n"
        "Voor deze moeders zoeken we samen een plaats in de kinderopvang.\n"
    )
    assert analysis.ids("personas") == ["chadia"]


def test_persona_in_a_heading_that_leaves_the_group_out_not_targeted(read):
    analysis = read("Niet voor nieuwkomende moeders (persona Chadia)\nDaarvoor verwijzen we naar het Agentschap.\n")
    assert analysis.ids("personas") == []


def test_persona_names_listed_before_an_apposition_about_volunteers_are_real_people(read):
    analysis = read("Nora en John, twee van onze vaste vrijwilligers die zelf al met pensioen zijn, doen de huisbezoeken.")
    assert analysis.ids("personas") == []


def test_services_marked_outside_our_project_in_brackets_not_offered(read):
    analysis = read("Partner | Rol\nCAW Limburg | woonbegeleiding en trajectbegeleiding van een deel van de mannen (buiten ons project).\n")
    assert analysis.ids("service_types") == []


def test_problems_that_ask_another_setting_than_ours_not_targeted(read):
    analysis = read(
        "Hun verslavings- en psychiatrische problematiek vraagt een ander kader (CAD, MSOC, PZ) dan wat wij als "
        "eerstelijnspraktijk kunnen bieden."
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert analysis.ids("challenges") == []


def test_service_money_practice_in_a_list_of_what_is_learnt_is_administration(read):
    analysis = read(
        "In groepjes van vier leren de jongeren hun loonbrief lezen, een weekbudget maken met enveloppen, facturen "
        "herkennen en op tijd betalen."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_weekly_money_divided_in_envelopes_is_administration(read):
    analysis = read("Elke maandag verdeelt ze haar weekgeld, samen met onze begeleidster, in zeven envelopjes.")
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_monthly_sheet_made_together_is_administration(read):
    analysis = read(
        "Met wie wil, maken we een eenvoudig maandblad: wat gaat er de eerste van de maand af, wat blijft er over."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_visiting_families_poor_since_the_grandparents_is_generational_poverty(read):
    analysis = read(
        "We gaan op bezoek bij gezinnen in Borlo en Jeuk waar de armoede al van de grootouders komt, dan naar de "
        "ouders is gegaan en nu naar de kinderen."
    )
    assert "generatiearmoede" in analysis.ids("service_types")


def test_service_children_to_fare_otherwise_than_grandparents_is_generational_poverty(read):
    analysis = read(
        "Onze ervaringsdeskundige kijkt naar heel het gezin en zoekt mee hoe het bij de kinderen anders kan lopen "
        "dan bij hun ouders en grootouders."
    )
    assert "generatiearmoede" in analysis.ids("service_types")


def test_service_guests_looking_each_other_up_outside_the_afternoon_is_network(read):
    analysis = read(
        "Elke woensdag is er koffie in de zaal. Het is de bedoeling dat ze elkaar ook buiten de woensdag opzoeken."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_service_person_who_holds_everything_together_is_case_management(read):
    analysis = read(
        "Ilse is voor Jessica de persoon die alles samenhoudt. Ze gaat mee naar het oudercontact, naar de huisarts, "
        "naar het OCMW en naar de pleegzorg."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_service_problems_that_come_on_top_are_no_offer(read):
    analysis = read(
        "Voor wie?\nMoeders die het psychisch zwaar hebben. Dikwijls komen daar een onzekere woonsituatie en de "
        "volle zorg voor jonge kinderen bij."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_service_of_a_partner_labelled_under_the_partners_heading_is_theirs(read):
    analysis = read(
        "Met wie\n"
        "• Ligo: de leerkrachten sturen vrouwen naar ons door.\n"
        "• Agentschap Integratie en Inburgering: de trajectbegeleiders melden vrouwen aan.\n"
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_service_of_a_partner_consultant_in_the_project_counts_under_the_partners_heading(read):
    analysis = read(
        "Met wie?\n"
        "| Partner | Wat doen ze in het project? |\n"
        "| CAD Limburg | Consulent 0,2 VTE in het project (verslavingsbegeleiding) |\n"
    )
    assert "verslaving" in analysis.ids("service_types")


def test_challenge_families_with_a_child_in_foster_care_is_mothers_of_placed_children(read):
    analysis = read(
        "Jonge ouders, meestal moeders, vaak alleen. In meer dan de helft van onze gezinnen woont een kind in een "
        "pleeggezin of een voorziening. We gaan bij hen thuis."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_persona_in_the_line_that_sums_up_a_target_list_counts(read):
    analysis = read(
        "2. Doelgroep\n- mannen na detentie of internering\n- dak- of thuisloos bij vrijlating\n"
        "= Roy en John uit het addendum\n"
    )
    assert analysis.ids("personas") == ["roy", "john"]


def test_service_pc_hour_in_the_drop_in_is_digital_skills(read):
    analysis = read("- pc-uurtje in de inloop (wekelijks): itsme, mail, Mijn VDAB, online afspraak maken\n")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_service_listed_after_a_service_lead_in_is_offered(read):
    analysis = read(
        "Wat we doen\n3. Laptop corner after cooking: itsme, e-mail, Smartschool, making an account on the VDAB site."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_service_women_only_after_a_dash_is_activation_of_migrant_women(read):
    analysis = read(
        "Voor wie: nieuwkomende moeders zoals Chadia uit het addendum.\n\n"
        '1. Kitchen traineeship "Kook & Werk" – women only. We help them towards a first paid job in catering.'
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_persona_name_of_someone_at_an_organisation_is_no_persona(read):
    analysis = read(
        "Nora van het OCMW Nieuwerkerken belde: als we starten willen zij mannen naar ons toeleiden. We zoeken "
        "samen met dakloze mannen een kamer of studio."
    )
    assert "nora" not in analysis.ids("personas")


def test_service_taken_out_of_the_text_is_no_offer(read):
    analysis = read(
        "Het stuk over de jonge mama's en het zoeken naar kinderopvang heb ik eruit gehaald zoals afgesproken."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_persona_for_whom_the_applicant_lacks_the_expertise_is_no_persona(read):
    analysis = read(
        "Voor Chadia (regio-uitdaging 3) hebben we onvoldoende expertise in werken met tolken en cultuursensitieve zorg."
    )
    assert "chadia" not in analysis.ids("personas")


def test_persona_profiles_as_labels_under_the_target_heading_count(read):
    analysis = read(
        "3. Doelgroep\nBinnen die groep kiezen we twee profielen uit het addendum:\n"
        "• Nora (regio-uitdaging 1): een jonge, vaak alleenstaande moeder met psychische problemen;\n"
        "• Roy (regio-uitdaging 2): een man met psychische problemen en middelengebruik.\n"
    )
    assert analysis.ids("personas") == ["nora", "roy"]


def test_persona_row_that_says_no_under_the_target_heading_is_no_persona(read):
    analysis = read(
        "Doelgroep\n| Persona | Uitdaging | Binnen het project? | Waarom |\n"
        "| Chadia | 3 | Nee | Taal en werk voor nieuwkomers zijn niet onze expertise. |\n"
    )
    assert "chadia" not in analysis.ids("personas")


def test_service_a_building_is_already_known_for_is_no_offer(read):
    analysis = read(
        "Het spreekuur van de psycholoog vindt plaats in het gebouw waar mensen al komen voor hun leefloon of hun "
        "budgetbegeleiding."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_service_each_family_linked_to_a_villager_in_quotes_is_network(read):
    analysis = read(
        "We koppelen elk gezin dat dat wil aan een 'dorpsgenoot': een vrijwilliger uit hetzelfde dorp die "
        "maandelijks langskomt."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_service_mothers_linked_to_a_godmother_is_network(read):
    analysis = read("We koppelen moeders die dat willen aan een meter uit het dorp die zelf moeder is.")
    assert "netwerk" in analysis.ids("service_types")


def test_exclusion_ready_for_a_job_needing_no_other_support_is_practical_barriers_only(read):
    analysis = read(
        "Werkzoekenden die klaar zijn voor een job en geen andere begeleiding nodig hebben, maar niet tijdig op het "
        "werk geraken omdat er geen bus rijdt. Ons busje brengt hen naar de bedrijven."
    )
    assert "enkel-praktische-drempels" in analysis.ids("exclusions")


def test_challenge_heard_at_a_meeting_is_no_target(read):
    analysis = read(
        "Op datzelfde overleg werd ook gezegd dat de daklozen in de stad steeds jonger worden. Wij werken met "
        "jongeren die vroegtijdig de school verlaten."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_challenge_of_the_people_whose_relatives_are_the_group_is_no_target(read):
    analysis = read("Oudergroep De Draad is een vereniging van ouders en partners van mensen met een verslaving.")
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_service_in_the_building_where_all_our_activities_take_place_is_offered(read):
    analysis = read("In het buurthuis waar al onze activiteiten plaatsvinden, geven we taallessen en budgetbegeleiding.")
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_in_a_list_the_next_sentences_leave_out_is_no_offer(read):
    analysis = read(
        "Ons Sociaal Huis biedt vandaag:\n- budgetbegeleiding en budgetbeheer;\n"
        "- het digipunt in de bibliotheek, waar vrijwilligers inwoners helpen met itsme en de mailbox;\n"
        "Al deze diensten staan open voor elke inwoner. Ze maken echter geen deel uit van dit project.\n"
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_service_the_applicant_has_done_before_is_no_offer(read):
    analysis = read(
        "Samen met een sociaal verhuurkantoor hebben we vier mannen rechtstreeks van straat naar een eigen studio "
        "begeleid."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_challenge_of_what_the_people_have_been_through_still_counts(read):
    analysis = read(
        "Onze deelnemers zijn mannen die op straat leefden. Een paar hebben al een straf gekregen of een enkelband "
        "gehad."
    )
    assert "uitdaging-2" in analysis.ids("challenges")


def test_persona_listed_with_a_challenge_the_next_sentence_turns_down_is_no_persona(read):
    analysis = read(
        "We hebben de drie uitdagingen gelezen:\n"
        "- Uitdaging 2 (Marcel, Roy en John): verslaving en dakloosheid. Dat past niet bij ons werk.\n"
        "- Uitdaging 3 (Chadia): dat zijn de huishoudhulpen van morgen. Hier willen we op inzetten.\n"
    )
    assert analysis.ids("personas") == ["chadia"]


def test_exclusion_under_a_label_saying_for_whom_not_is_not_aimed_at(read):
    analysis = read(
        "Voor wie niet: vrouwen met een universitair diploma die enkel hun diploma erkend willen krijgen en verder "
        "goed hun weg vinden."
    )
    assert analysis.ids("exclusions") == []


def test_service_in_a_time_slot_with_its_content_is_offered(read):
    analysis = read("4.4 Digimoment\nElke vrijdag een uur na de middag: smartphone, e-mail, itsme, het VDAB-account.\n")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_service_basic_digital_skills_as_a_row_label_is_digital_skills(read):
    analysis = read(
        "Module | Wat | Wie\nDigitale basis | wekelijks één uur: tijdsregistratie-app, Mijn VDAB, itsme | instructeur\n"
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_challenge_in_a_paragraph_on_why_not_is_no_target(read):
    analysis = read(
        "Waarom niet Chadia? Er wonen geregeld anderstalige moeders bij ons, en we doen ons best voor hen. Maar een "
        "taaltraject of een traject naar werk kunnen we niet aanbieden."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_persona_name_given_to_a_visitor_is_no_persona(read):
    analysis = read(
        "Een van onze vaste bezoekers - we noemen hem hier John, want hij wil niet herkend worden - is 68 en werd "
        "vorig jaar weduwnaar."
    )
    assert analysis.ids("personas") == []
    assert "netwerk" not in analysis.ids("service_types")


def test_persona_the_call_names_is_still_a_persona(read):
    analysis = read("Het addendum noemt hen Marcel, Roy en John. Voor hen zoeken we een woning en begeleiden we naar werk.")
    assert analysis.ids("personas") == ["marcel", "roy", "john"]


def test_challenge_in_the_condition_of_a_sentence_is_no_target(read):
    analysis = read(
        "Voor wie\nVoor wie digitaal de boot mist. Komt er een moeder met zware psychische problemen of iemand met "
        "een verslaving binnen, dan helpen we met de digitale kant zoals iedereen, en brengen we hen voor de rest in "
        "contact met het OCMW."
    )
    assert analysis.ids("challenges") == []
    assert "verslaving" not in analysis.ids("service_types")


def test_persona_row_taken_on_only_with_extra_money_is_no_persona(read):
    analysis = read(
        "Doelgroep\n| Persona | Past bij ons? | Toelichting |\n"
        "| Nora | deels | enkel in fase 2, als er bijkomende middelen komen |\n"
    )
    assert "nora" not in analysis.ids("personas")


def test_service_network_as_a_life_domain_of_the_fixed_person_is_no_offer(read):
    analysis = read(
        "De trajectbegeleider volgt het gezin op alle levensdomeinen - wonen, gezondheid, kinderen, inkomen, "
        "vervoer, sociaal netwerk - en blijft het vaste aanspreekpunt."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_service_visiting_team_giving_people_to_fall_back_on_is_network(read):
    analysis = read(
        "- een bezoekersploeg: zes vrijwilligers die elk twee of drie alleenwonende dorpsgenoten vast opvolgen. Zo "
        "hebben ze weer mensen om op terug te vallen.\n"
    )
    assert "netwerk" in analysis.ids("service_types")


def test_service_group_whose_members_keep_finding_each_other_is_network(read):
    analysis = read("We willen dat de deelnemers elkaar blijven vinden, ook als de begeleiding stopt.")
    assert "netwerk" in analysis.ids("service_types")


def test_service_worker_who_becomes_the_contact_for_everything_is_case_management(read):
    analysis = read(
        "Een halftijdse begeleider wordt voor twaalf mannen het aanspreekpunt voor alles: papieren, uitkering, "
        "gezondheid, werk, contact met familie."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_service_contact_for_everything_about_money_only_is_no_case_management(read):
    analysis = read(
        "De budgetconsulent blijft aanspreekpunt voor alles wat met geld, papieren, de huisbaas en de bank te maken "
        "heeft."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_service_consultant_for_who_wants_to_talk_about_drinking_is_addiction_help(read):
    analysis = read(
        "Met het CAD hebben we afgesproken dat een consulent elke dinsdag in het inloophuis zit, voor wie over zijn "
        "drinken of gebruik wil praten."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_service_professionals_getting_to_know_each_others_work_is_no_network(read):
    analysis = read("Netwerkevent\nDoel: elkaars werking leren kennen en signalen van armoede sneller oppikken.\n")
    assert "netwerk" not in analysis.ids("service_types")


def test_service_help_found_outside_the_project_for_who_wants_to_stop_is_no_offer(read):
    analysis = read(
        "- Drugs en drank. We praten erover, maar wie wil minderen of stoppen, zoeken we samen hulp buiten dit project.\n"
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_exclusion_jobseekers_for_whom_transport_is_the_only_problem_is_aimed_at(read):
    analysis = read(
        "Werkzoekenden die klaar zijn om te werken en bij wie vervoer het enige probleem is, 's morgens vroeg naar "
        "hun werk brengen, tot ze zelf een oplossing hebben."
    )
    assert "enkel-praktische-drempels" in analysis.ids("exclusions")


def test_service_heading_over_the_projects_own_premises_is_no_offer(read):
    analysis = read(
        "Huisvesting\nHet project krijgt onderdak in onze loods op Schurhovenveld: daar is een refter en een "
        "kleedruimte.\n"
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_service_of_the_participants_own_consultant_is_no_offer(read):
    analysis = read("Bij terugval contacteren we, met toestemming van de deelnemer, zijn eigen CAD-consulent.")
    assert "verslaving" not in analysis.ids("service_types")


def test_service_with_the_participants_own_papers_is_offered(read):
    analysis = read("Daarna helpen we elke gast individueel zijn eigen papieren en geld op orde te zetten.")
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_in_a_fronted_list_left_with_a_partner_is_no_offer(read):
    analysis = read(
        "- Een jobcoach volgt op wat er op de werkvloer gebeurt. Voor huisvesting, schulden en middelengebruik blijft "
        "de begeleider van het CAW of het OCMW aan zet; onze jobcoach neemt die rol niet over.\n"
    )
    assert analysis.ids("service_types") == []


def test_service_in_what_the_target_group_is_about_is_no_offer(read):
    analysis = read(
        "Voor wie\nWe richten ons op mannen zonder werk. Concreet gaat het om mannen met een verslavingsverleden of een "
        "lopende behandeling, soms met een psychiatrische diagnose, die al jaren niet meer gewerkt hebben en geen "
        "dagstructuur meer kennen.\n"
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_service_whose_contact_details_are_handed_out_is_no_offer(read):
    analysis = read(
        "Wie het psychisch moeilijk heeft, geven we de folder en de contactgegevens van een eerstelijnspsycholoog mee."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_service_spreading_the_money_over_the_month_is_administration(read):
    analysis = read(
        "Mensen brengen haar brieven en rekeningen mee in een mapje, en ze legt uit wat er moet gebeuren en hoe ze "
        "hun geld beter over de maand kunnen verdelen."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_in_a_list_after_a_negated_search_is_no_offer(read):
    analysis = read("Wij zoeken geen plaats in een kinderdagverblijf, bij een onthaalouder of in de naschoolse opvang.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_childminding_on_the_spot_during_meetings_is_no_childcare(read):
    analysis = read("Tijdens de groepsbijeenkomsten zorgen twee vrijwilligers voor kinderopvang ter plaatse.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_premises_a_partner_rents_to_us_is_no_housing(read):
    analysis = read("De gemeente verhuurt ons de werkplaats aan een lage huurprijs en maakt het project bekend.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_challenge_others_are_better_placed_for_is_no_target(read):
    analysis = read(
        "Doelgroep\nWe richten ons op alleenstaande moeders met jonge kinderen. Voor alleenstaande mannen zonder dak "
        "zijn andere organisaties in het partnerschap beter geplaatst dan een verhuurkantoor.\n"
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


# --- ninth session: tables of who is in and who is out ----------------------------------------------------


def test_exclusion_in_a_column_of_people_turned_away_not_targeted(read):
    analysis = read(
        "Criterium | Wie wél | Wie niét (en waarheen)\n"
        "Opleiding | alle niveaus | nieuwkomers met een buitenlands hoger diploma die enkel de gelijkwaardigheid "
        "willen laten regelen → NARIC\n"
    )
    assert analysis.ids("exclusions") == []


def test_service_in_a_yes_no_column_still_read(read):
    analysis = read(
        "Ondersteuning | Ja/Nee | Toelichting\n"
        "Taal | Ja | een taalcoach oefent elke week Nederlands met de deelnemers\n"
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_exclusion_row_opening_with_not_for_is_no_header(read):
    analysis = read(
        "Niet voor | werkzoekenden die meteen inzetbaar zijn en enkel een vervoersprobleem hebben\n"
        "Wel voor | mannen die na een opname opnieuw structuur nodig hebben\n"
    )
    assert analysis.ids("exclusions") == []


def test_label_row_with_empty_cells_read_without_error(read):
    analysis = read(
        "Activiteit | Voor wie | Met wie\n"
        "Taalcafé | anderstalige ouders | bibliotheek\n"
        "Psychologische begeleiding | – | –\n"
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_the_next_sentence_turns_down_not_offered(read):
    analysis = read(
        "We oefenen Nederlands bij de mensen thuis. Een vrijetijdsbuddy-werking zou het netwerk van onze mensen "
        "enorm versterken. Daar vragen we in deze aanvraag geen middelen voor."
    )
    assert "netwerk" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_the_next_sentence_says_what_is_missing_still_offered(read):
    analysis = read("We zetten een buddywerking op met vrijwilligers uit het dorp. Daar is vandaag niets voor.")
    assert "netwerk" in analysis.ids("service_types")


def test_challenge_one_group_among_grandparents_and_couples_is_no_target(read):
    analysis = read(
        "We bellen aan bij iedereen in de gehuchten. Het gaat om jong en oud: koppels, alleenstaande mannen, "
        "grootouders die voor hun kleinkinderen zorgen, gezinnen met veel kinderen."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


# --- ninth session: a profile over two sentences -----------------------------------------------------------


def test_challenge_profile_continued_by_a_pronoun_in_the_next_sentence(read):
    analysis = read(
        "Elke woensdag komen er een twaalftal vrouwen naaien in onze parochiezaal. Ze komen uit Turkije, Marokko, "
        "Afghanistan en Eritrea. Tijdens het naaien oefenen we Nederlands."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_challenge_pronoun_after_men_and_women_has_no_single_antecedent(read):
    analysis = read(
        "Elke woensdag komen er mannen en vrouwen naaien in onze parochiezaal. Ze komen uit Turkije, Marokko, "
        "Afghanistan en Eritrea. Tijdens het naaien oefenen we Nederlands."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_challenge_pronoun_in_another_paragraph_not_continued(read):
    analysis = read(
        "Elke woensdag komen er een twaalftal vrouwen naaien in onze parochiezaal.\n\n"
        "Ze komen uit Turkije, Marokko, Afghanistan en Eritrea, zeggen de buren."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_persona_kept_when_the_next_clause_leaves_out_another_persona(read):
    analysis = read(
        "Van de persona's in het addendum denken we vooral aan Roy en John; Marcel nemen we in dit voorstel niet mee."
    )
    assert analysis.ids("personas") == ["roy", "john"]


def test_persona_left_out_by_a_clause_that_points_back(read):
    analysis = read(
        "De persona's Marcel, Roy en John herkennen we ook, maar zij vallen buiten dit voorstel. We richten ons op "
        "moeders zoals Nora."
    )
    assert analysis.ids("personas") == ["nora"]


def test_service_sentence_opening_with_a_demonstrative_is_no_description_of_people(read):
    analysis = read(
        "CAD Limburg zet binnen dit project elke dinsdag een consulent in op onze permanentie. Die consulent neemt de "
        "begeleiding van het middelengebruik op, in overleg met de woonbegeleider."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_challenge_sentence_opening_with_a_free_relative_describes_people(read):
    analysis = read(
        "Elke woensdag is er een mama-moment in de parochiezaal. Wie een kind geplaatst heeft, staat er bij ons niet "
        "alleen voor."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_exclusion_people_whose_affairs_are_in_order_and_only_lack_transport(read):
    analysis = read(
        "We lenen fietsen uit aan werkzoekenden die een job gevonden hebben. Het gaat om mensen die verder hun "
        "zaakjes op orde hebben en alleen het vervoer missen."
    )
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_exclusion_the_only_thing_holding_them_back(read):
    analysis = read(
        "Verder loopt het met deze jongeren goed. Het enige wat hen tegenhoudt, is vervoer: daarom betalen we hun "
        "rijlessen."
    )
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_exclusion_that_does_not_belong_either_is_not_targeted(read):
    analysis = read(
        "We begeleiden mannen na detentie naar werk. Werkzoekenden voor wie vervoer of kinderopvang de enige drempel "
        "is, horen evenmin bij onze doelgroep; zij vinden met een klassieke VDAB-begeleiding hun weg."
    )
    assert analysis.ids("exclusions") == []


def test_persona_who_fits_less_in_the_project_not_targeted(read):
    analysis = read(
        "Onze boksclub richt zich op jonge mannen zoals Roy en John. Marcel, de oudere man met een drankprobleem uit "
        "dezelfde uitdaging, past eerlijk gezegd minder in een boksclub."
    )
    assert analysis.ids("personas") == ["roy", "john"]


def test_service_named_by_a_label_kept_when_who_needs_more_is_referred_on(read):
    analysis = read(
        "Wat we doen\n\n"
        "a) Nederlands oefenen. Een gepensioneerde kleuterjuf oefent met de mama's in kleine groepjes: woordenschat "
        "rond school, dokter en winkel. Dit is geen NT2-cursus; wie een echte cursus wil volgen, leiden we toe naar "
        "Ligo.\n"
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_a_companion_with_a_hyphenated_name_builds_a_network(read):
    analysis = read(
        'Elke nieuwe mama krijgt een "duo-mama": een mama die al langer in de groep zit en die ze kan bellen, ook '
        "buiten de avonden."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_service_a_companion_they_may_call_builds_a_network(read):
    analysis = read(
        'Wie wil, krijgt een "kringgenote" die al langer meedraait en die ze tussendoor mag bellen.'
    )
    assert "netwerk" in analysis.ids("service_types")


def test_exclusion_graduates_with_no_other_problems_are_not_the_practical_barrier_group(read):
    analysis = read(
        "Spoor B is voor hoogopgeleide nieuwkomers met een buitenlands diploma. Zij hebben meestal geen andere "
        "problemen, maar lopen vast op de erkenning van hun diploma."
    )
    assert analysis.ids("exclusions") == ["hooggeschoolde-nieuwkomers"]


def test_service_label_words_pair_with_its_value(read):
    analysis = read(
        "Wat willen we doen?\n\n- Nederlands: twee keer per week een praatgroep met een gepensioneerde juf.\n"
        "- Smartphone: itsme, Smartschool en een mail naar de school sturen.\n"
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_table_row_label_does_not_pair_with_its_cells(read):
    analysis = read(
        "Activiteit | Wat\n"
        "Online inschrijving sociale huur | we vullen het formulier samen met de huurder in\n"
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_service_reading_a_reminder_with_a_budget_plan_is_administration_not_language(read):
    analysis = read(
        "Leren lezen wat een aanmaning is, een budgetplan maken en samen met de schuldbemiddelaar een afbetaling "
        "afspreken: dat doen we elke dinsdag met de mannen."
    )
    assert "nederlandse-taal" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")


def test_persona_name_of_someone_of_a_place_is_a_real_person(read):
    analysis = read(
        "We helpen buren met hun papieren in de stationsbuurt. De soep op vrijdag krijgen we trouwens van Marcel van "
        "de frituur op de hoek."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_persona_of_the_call_stays_a_persona(read):
    analysis = read("Onze mannen lijken op Roy van het addendum: jong, net uit de gevangenis en zonder dak.")
    assert "roy" in analysis.ids("personas")


def test_service_a_chat_group_alone_is_no_language_practice(read):
    analysis = read("We zijn een groep van mensen in armoede. De babbelgroep is in Vechmaal, de papierenhulp in Batsheers.")
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_service_a_chat_group_with_dutch_practice_is_language(read):
    analysis = read("In de babbelgroep oefenen anderstalige mama's elke week Nederlands met vrijwilligers.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_through_the_usual_channels_is_no_offer(read):
    analysis = read(
        "De gezinscoach volgt elke moeder op. Inschrijving voor een sociale woning en tussenkomsten in de huur "
        "verlopen via de gewone weg bij de sociale dienst."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_service_reading_and_writing_lessons_are_language(read):
    analysis = read("Ik geef twee namiddagen per week lees- en schrijfles aan kleine groepjes volwassenen in Opheers.")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_childminding_during_group_evenings_is_no_childcare(read):
    analysis = read("Tijdens de groepsavonden zorgt een vrijwilliger van het sociaal huis voor kinderoppas in de zaal ernaast.")
    assert "kinderopvang" not in analysis.ids("service_types")


# --- tenth session: rules for the misses of its rounds -------------------------------------------------------


def test_service_women_group_described_in_a_relative_clause_about_their_past(read):
    analysis = read(
        "Her Next Step is exclusively for women with a migration background who live in Sint-Truiden and who are "
        "far from the labour market: recent arrivals or women who have been here for years but never worked."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_challenge_mothers_whose_child_lives_in_a_foster_family(read):
    analysis = read(
        'Lotgenotengroep "Na de plaatsing": zes avonden in Heers voor moeders van wie een kind in een pleeggezin '
        "of voorziening verblijft."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_service_childcare_in_a_list_of_sectors_to_work_in_is_no_offer(read):
    analysis = read(
        "Elke donderdag werken we met de groep aan wat werken in Vlaanderen betekent: welke jobs er zijn in de "
        "fruitsector, de zorg, de schoonmaak, de kinderopvang; hoe je een cv maakt."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_word_pair_from_the_life_domains_a_fixed_person_follows(read):
    analysis = read(
        "Wat we doen\n"
        "- Eén vaste trajectbegeleidster per vrouw, die haar volgt in alles wat op haar pad komt: papieren, "
        "gezondheid, de school van de kinderen, geld, de eerste stappen naar werk. Zij blijft het aanspreekpunt.\n"
        "- Tijdens de lessen is er kinderoppas in de zaal ernaast."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_challenge_mothers_not_long_here_are_newcomer_mothers(read):
    analysis = read(
        "Voor wie is het projekt\n"
        "Voor mamas die nog niet lang hier zijn. Zij spreken weinig Nederlands en hebben geen eigen geld.\n\n"
        "Wat gaan wij doen\nTwee keer in de week een praattafel in ons lokaal in Brustem."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_persona_that_overlaps_but_is_not_our_focus_not_targeted(read):
    analysis = read(
        "Onze doelgroep zijn mannen die uit de gevangenis komen, zoals de persona John. De persona's Marcel en Roy "
        "overlappen voor een deel met onze mensen, maar een verslaving of dakloosheid als hoofdprobleem is niet onze "
        "focus: daarvoor zijn er andere spelers."
    )
    assert analysis.ids("personas") == ["john"]


def test_persona_name_on_a_retired_helper_is_no_persona(read):
    analysis = read(
        "In het digicafé helpen vrijwilligers mensen met hun smartphone. Voor de technische vragen kunnen we "
        "rekenen op John, een gepensioneerde informaticus."
    )
    assert analysis.ids("personas") == []


def test_persona_we_will_also_see_is_no_target(read):
    analysis = read(
        "Het spreekuur is er voor iedereen die via de maatschappelijk werker komt. Mensen zoals Marlies of Nora "
        "zullen we ongetwijfeld ook zien, maar het spreekuur staat open voor iedereen."
    )
    assert analysis.ids("personas") == []


def test_challenge_referred_with_the_particle_far_from_its_verb(read):
    analysis = read(
        "Vaste Grond begeleidt mannen na detentie of met een verslaving naar werk (regio-uitdaging 2). "
        "Voor jonge moeders (uitdaging 1) verwijzen we in deze projectperiode door naar het CAW."
    )
    assert analysis.ids("challenges") == ["uitdaging-2"]


def test_a_few_single_mothers_in_the_same_boat_are_neither_challenge_nor_network(read):
    analysis = read(
        "We lenen e-bikes uit aan werkzoekenden die geen vervoer hebben naar hun werk. Een paar alleenstaande mama's "
        "zitten in hetzelfde schuitje: eerst naar de crèche, dan naar het werk, en dat lukt niet met de lijnbus."
    )
    assert analysis.ids("challenges") == []
    assert "netwerk" not in analysis.ids("service_types")


def test_challenge_people_who_stand_alone_are_no_mothers(read):
    analysis = read(
        "Elke woensdagmiddag een warme middagtafel in de parochiezaal van Sint-Joris, voor alleenstaanden en mensen "
        "met een klein inkomen die er alleen voor staan."
    )
    assert analysis.ids("challenges") == []


def test_challenge_mothers_who_stand_alone(read):
    analysis = read("Voor wie: jonge moeders die er alleen voor staan met hun kinderen en het psychisch moeilijk hebben.")
    assert "uitdaging-1" in analysis.ids("challenges")


def test_service_a_task_the_next_clause_has_a_partner_do_is_referred(read):
    analysis = read(
        "We oefenen Nederlands en maken een cv met de vrouwen. Een plekje in de crèche zoeken voor als ze echt gaan "
        "werken, doet de medewerker van het Huis van het Kind; wij sturen de vrouwen daarheen."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_a_task_our_own_worker_does_stays_offered(read):
    analysis = read(
        "Voor gezinnen waar de armoede al generaties meegaat, doet onze gezinsondersteuner de huisbezoeken samen met "
        "een ervaringsdeskundige in armoede (opgeleid bij De Link)."
    )
    assert "generatiearmoede" in analysis.ids("service_types")


def test_service_in_a_training_volunteers_follow_or_where_we_encourage_people_to_go_is_no_offer(read):
    analysis = read(
        "Twee keer per maand een praatgroep voor jonge mama's in de parochiezaal.\n"
        "- Onze vrijwilligers volgen één keer per jaar de vorming \"psychisch welzijn rond de geboorte\" bij het CGG, "
        "zodat ze signalen leren herkennen.\n"
        "- Als een mama meer nodig heeft, moedigen we haar aan om naar de huisarts of de eerstelijnspsycholoog te gaan."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_service_childminding_during_family_evenings_is_no_childcare(read):
    analysis = read("Tijdens de gezinsavonden is er kinderoppas in de achterzaal, zodat de ouders rustig kunnen praten.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_the_social_worker_stays_the_fixed_contact_is_no_trajectory(read):
    analysis = read(
        "Ik ga als ervaringsdeskundige op huisbezoek bij jonge mama's. De maatschappelijk werker blijft ook hun "
        "vaste aanspreekpunt, ik kom er naast staan."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_service_a_rental_contract_among_the_papers_is_no_housing(read):
    analysis = read(
        "Ik help ook met de brieven en papieren die ze niet verstaan (facturen, mutualiteit, huurcontract) en leer "
        "ze hoe ze dat zelf kunnen bijhouden in een map."
    )
    assert "huisvesting" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")


def test_service_a_need_word_in_a_relative_clause_about_the_offer_is_no_context(read):
    analysis = read(
        "We komen aan huis, bouwen eerst vertrouwen op, zetten samen de papieren in orde (post, facturen, "
        "afbetalingen) en werken met het hele gezin aan de patronen die het moeilijk maken om eruit te geraken."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_challenge_need_after_a_demonstrative_die_stays_context(read):
    analysis = read(
        "We begeleiden huurders die hun huur niet betalen. Achter die dossiers zitten vaak alleenstaande moeders en "
        "oudere alleenstaande mannen die al lang niet meer opendoen als er een brief komt."
    )
    assert analysis.ids("challenges") == []


def test_service_help_with_online_paperwork_is_administration(read):
    for text in (
        "Wat we doen\n- Hulp met online administratie: Mijn Burgerprofiel, Tax-on-web, de app van het ziekenfonds, een "
        "afspraak maken bij de gemeente, een energiecontract vergelijken.",
        "Wat we doen\n- We helpen met de papieren die online gaan: Tax-on-web, de huurpremie aanvragen.",
    ):
        assert "administratie-financien" in read(text).ids("service_types"), text


def test_service_childcare_among_the_companies_we_visit_is_a_sector(read):
    analysis = read(
        "Elke maand bezoeken we samen een bedrijf of een opleiding (fruitbedrijf, schoonmaak, kinderopvang, zorg) "
        "en een jobcoach maakt met de vrouwen een cv."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_an_appointment_we_make_with_a_psychologist_is_a_referral(read):
    analysis = read(
        "We begeleiden jonge mama's bij het zoeken naar een woning. Als een mama het nodig heeft, gaan we samen naar "
        "de huisarts en maken we een afspraak bij de eerstelijnspsycholoog of het CGG."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_service_in_a_line_that_spells_out_abbreviations_is_no_offer(read):
    analysis = read(
        "We bieden een open spreekuur voor moeders in het sociaal huis.\n"
        "OCJ = ondersteuningscentrum jeugdzorg; DOP = dienst ondersteuningsplan; VAPH = Vlaams Agentschap voor "
        "Personen met een Handicap; BB = budgetbeheer."
    )
    assert "mentale-beperking" not in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_service_we_would_also_like_to_add_is_conditional(read):
    analysis = read(
        "We gaan op huisbezoek bij jonge mama's en helpen hen een woning te zoeken. Budgetbegeleiding zouden we er "
        "graag bij nemen, want geld is bij bijna elk gezin een zorg."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_persona_after_we_did_not_have_to_look_long_is_named(read):
    analysis = read(
        "Toen we het addendum lazen, moesten we niet lang zoeken: Marcel, Roy en John zitten hier elke dag aan de "
        "koffie. Het is voor die mannen dat we dit voorstel indienen."
    )
    assert analysis.ids("personas") == ["marcel", "roy", "john"]


def test_service_drinking_and_using_and_going_through_the_pile_in_everyday_words(read):
    analysis = read(
        "Wie wil, laat zijn post bij ons toekomen. Elke week gaat de begeleider samen met hem door de stapel: wat "
        "moet betaald, wat kan wachten, welk formulier moet terug naar de mutualiteit.\n\n"
        "Voor het drinken en gebruiken komt het CAD Limburg binnen het project elke donderdag een volledige dag bij "
        "ons zitten; hun consulent doet de gesprekken hier ter plaatse."
    )
    assert {"administratie-financien", "verslaving"} <= set(analysis.ids("service_types"))


def test_persona_name_on_the_mother_of_a_participant_is_no_persona(read):
    analysis = read(
        'Marlies, de mama van een van onze huidige deelnemers, zei het vorige maand zo: "Ik heb altijd geweten dat '
        'hij anders was, maar niemand heeft ooit gevraagd wat hij nodig had."'
    )
    assert analysis.ids("personas") == []


def test_service_childcare_referred_after_a_condition_and_paid_childminding_are_no_offer(read):
    analysis = read(
        "Tijdens alle activiteiten is er kinderoppas in de kamer naast ons. Voor echte kinderopvang, als een vrouw "
        "gaat werken, verwijzen wij naar het loket kinderopvang van de stad.\n\n"
        "Wij vragen 38.500 euro: de kinderoppas (5.500 euro) en bustickets voor de bezoeken bij werkgevers (1.500 euro)."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_fixed_contact_for_everything_outside_work_beside_jobcoaching(read):
    analysis = read(
        "Aanbod: werkervaring bij onze groendienst, met wekelijkse jobcoaching op de werkvloer + een vaste IMW'er als "
        "aanspreekpunt voor alles buiten het werk (schulden, wonen, justitie, gezondheid)."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_service_contact_for_everything_about_childcare_stays_no_trajectory(read):
    analysis = read(
        "Onze kinderbegeleidster wordt voor deze mama's het aanspreekpunt voor alles wat met de opvang te maken "
        "heeft: wennen, ophaaluren, een kind dat ziek is, de rekening, de school."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_service_a_repayment_plan_for_the_rent_is_keeping_a_home(read):
    analysis = read(
        "Woonbegeleiding | Preventie uithuiszetting (bemiddeling met verhuurder, afbetalingsplan huur), samen zoeken "
        "naar een betaalbare huurwoning | MW'er | op maat"
    )
    assert "huisvesting" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_challenge_in_a_table_row_that_says_not_in_this_project(read):
    analysis = read(
        "Activiteit | Wie | Uren\n"
        "Woonbegeleiding voor alleenstaande moeders | MW'er | 4\n"
        "Niet in dit project. Bij problematisch middelengebruik verwijzen we door naar CAD Limburg. | - | -"
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_challenge_men_after_an_admission_for_drink(read):
    analysis = read(
        "In onze loods knappen we oude fietsen op. We willen 4 à 5 mannen die uit een opname komen (alcohol, drugs) "
        "een vaste plek geven, drie dagen per week."
    )
    assert "uitdaging-2" in analysis.ids("challenges")


# --- twelfth session: rules for the misses of the eleventh session's rounds -----------------------------------


def test_semicolon_keeps_a_cue_from_running_into_the_next_clause(read):
    # "zien; we" is no "zien we" (an observation of the region): the mothers' lasting contact stays an offer
    analysis = read(
        "De bedoeling is dat de moeders elkaar blijven zien; we helpen hen om zelf een vervolggroep op te zetten."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_participants_who_keep_seeing_each_other_beyond_the_support_is_network(read):
    analysis = read(
        "Eén keer per maand organiseren we een warme maaltijd met mannen die het traject gelopen hebben. "
        "Bedoeling is dat deelnemers elkaar ook buiten de begeleiding blijven zien."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_needs_listed_then_taken_up_by_our_worker_are_offered(read):
    analysis = read(
        "Daar komt veel papierwerk bij kijken: een referentieadres aanvragen, de post openen, een afbetalingsplan "
        "met een deurwaarder. Dat doet de begeleider samen met de persoon, aan de tafel in de inloop."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_needs_listed_then_left_to_a_partner_are_not_offered(read):
    analysis = read(
        "Daar komt veel papierwerk bij kijken: een referentieadres aanvragen, de post openen, een afbetalingsplan "
        "met een deurwaarder. Dat doet de maatschappelijk werker van het OCMW."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_fixed_worker_whose_domains_follow_in_a_list_is_trajectbegeleiding(read):
    analysis = read(
        "Elke deelnemer krijgt één vaste begeleider. Die begeleider blijft het aanspreekpunt tot zes maanden na de "
        "verhuis.\n\n"
        "De begeleider:\n"
        "- zoekt samen met de deelnemer een studio en praat met de verhuurder;\n"
        "- helpt de post open te doen en een afbetalingsplan op te maken met schuldeisers;\n"
        "- volgt mee op wat er verder speelt: de justitieassistent, de VDAB-bemiddelaar, de huisarts."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_fixed_worker_before_a_list_of_someone_else_is_no_trajectbegeleiding(read):
    analysis = read(
        "Elke deelnemer krijgt één vaste begeleider voor het werk op de werkvloer.\n\n"
        "De partners:\n"
        "- het OCMW zoekt een woning en volgt de schulden op;\n"
        "- de justitieassistent en de huisarts volgen de rest op."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_working_out_how_to_make_the_monthly_budget_last_is_administration(read):
    analysis = read(
        "Elke donderdag brengen de ouders hun brieven mee en zoeken we samen uit hoe ze het budget van de maand "
        "rond krijgen."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_women_association_that_goes_to_the_vdab_with_each_woman_activates_them(read):
    analysis = read(
        "Wij zijn een vereniging van en voor vrouwen met een migratieachtergrond. Eén keer per maand komt een vrouw "
        "vertellen over haar werk. Daarna kijken we per vrouw wat ze wil en gaan we samen naar de VDAB."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_dutch_of_their_trade_is_not_often_a_need(read):
    # "vak" shares its stem with "vaak", a word of the region's needs: only the whole word "vaak" is one
    analysis = read(
        "Onder begeleiding van onze NT2-lesgever oefenen ze het Nederlands van hun vak: een sollicitatiegesprek "
        "voeren, een technisch verslag schrijven."
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_people_held_back_only_by_practical_things_are_the_excluded_group(read):
    analysis = read(
        "Wie willen we helpen? Mensen die morgen kunnen beginnen: ze hebben al gewerkt en spreken vlot Nederlands. "
        "Het zijn dus echt alleen de praktische dingen die hen thuis houden: een rijbewijs, een vroege bus."
    )
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_help_with_the_class_whatsapp_group_on_the_smartphone_is_digital(read):
    analysis = read(
        "- Een halfuurtje per keer helpen we met de smartphone: de app van de school, WhatsApp-groepen van de klas, "
        "itsme installeren, een afspraak maken bij de huisarts via internet."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_keeping_in_touch_through_a_whatsapp_group_is_not_digital(read):
    analysis = read("We houden contact met de ouders via een WhatsApp-groep en zien elkaar elke vrijdag.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_prisons_psychosocial_service_preparing_release_is_no_psychological_help(read):
    analysis = read(
        "Samen met de gedetineerde en de psychosociale dienst bereiden we de vrijlating voor: een adres, een "
        "ziekenfonds, een afspraak bij het OCMW."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_psychosocial_support_by_our_psychologist_is_psychological_help(read):
    analysis = read("Onze psychologe biedt psychosociale begeleiding aan huis voor wie het moeilijk heeft.")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_subjects_of_the_buddies_training_are_not_offered(read):
    analysis = read(
        "Elke buddy volgt drie vormingsavonden (luisteren, grenzen, omgaan met crisis en verslaving) en komt elke "
        "zes weken naar een intervisie. De buddy spreekt elke week af met de deelnemer."
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert "netwerk" in analysis.ids("service_types")


def test_addiction_counselling_for_participants_after_a_training_is_offered(read):
    analysis = read(
        "Na de opleiding tot lasser krijgt elke deelnemer individuele gesprekken met onze verslavingsconsulent."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_short_together_piece_inside_a_compound_is_no_phone(read):
    # "gsm" + "les" must not be read in "traininGSModuLES"
    analysis = read("Buddy Connect draagt zelf de kosten van de trainingsmodules en de supervisie vanuit Brussel.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_short_together_piece_opening_a_word_still_counts(read):
    analysis = read("Op dinsdag geven we gsm-les aan ouders: foto's doorsturen, de schoolapp gebruiken.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_partners_worker_we_alert_is_not_our_service(read):
    analysis = read(
        "Elke maand kijken we met de huurder na of de huur vertrokken is en verwittigen we de budgetbeheerder van "
        "het OCMW als het misloopt."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_partners_worker_who_comes_to_the_project_still_offers(read):
    analysis = read(
        "De budgetbegeleider van het OCMW komt elke dinsdag naar de inloop en maakt samen met de deelnemers een "
        "budgetplan op."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_partnerships_words_quoted_back_in_a_reply_are_not_the_offer(read):
    analysis = read(
        "1) Jullie schrijven dat jullie in heel Haspengouw werken. In welke gemeenten concreet?\n"
        "Ons atelier is in Jeuk en we halen de mannen op in Heers.\n"
        "2) Jullie schrijven dat jullie mannen met een verslaving begeleiden.\n"
        "Nee, wij herstellen fietsen met hen en laten de begeleiding aan het CAD."
    )
    assert analysis.ids("municipalities") == ["gingelom", "heers"]
    assert "verslaving" not in analysis.ids("service_types")


def test_circle_that_does_not_consist_of_old_friends_is_network(read):
    # "die niet bestaat uit" describes the circle: not "ons team bestaat uit", an observation of the organisation
    analysis = read("We helpen elke man aan een vriendengroep die niet bestaat uit zijn oude drinkmaten.")
    assert "netwerk" in analysis.ids("service_types")


def test_activity_heading_with_its_own_name_in_quotes_names_the_service(read):
    analysis = read(
        '3. Lotgenotengroep "Ouders op afstand"\n'
        "Voor ouders van wie een kind uit huis geplaatst is: elke maand een groepsavond in de raadzaal van het "
        "Sociaal Huis Heers, samen begeleid door een psychologe en een ervaringsdeskundige ouder."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_personas_listed_with_commas_are_left_out_together(read):
    analysis = read(
        "Wij wensen uitdrukkelijk te stellen dat de persona's Marcel, Roy en John van regio-uitdaging 2 niet tot de "
        "doelgroep van dit project behoren. Wij werken met jonge moeders."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_partners_regular_services_in_a_partner_table_are_not_offered(read):
    analysis = read(
        "Partner | Rol in het project\n"
        "vzw Dakwerk | woonbegeleiding, herstelgroep\n"
        "OCMW Sint-Truiden, Nieuwerkerken en Wellen | leefloon, budgetbeheer, huurwaarborg"
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_activity_table_with_a_partner_column_is_offered(read):
    analysis = read(
        "Activiteit | Partner | Wanneer\n"
        "Budgetbegeleiding: samen een budgetplan opmaken en de post openen | OCMW Alken | elke dinsdag\n"
        "Lotgenotengroep | CAD Limburg | elke vrijdag"
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_organisation_that_does_not_take_over_a_service_does_not_offer_it(read):
    analysis = read("Het CGG neemt het casemanagement niet over.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_addiction_past_of_the_people_is_not_an_addiction_service(read):
    analysis = read(
        "Acht werkervaringsplaatsen per jaar voor mannen met een verslavings-, psychiatrisch of detentieverleden. "
        "Daarnaast begeleiden we vaders na detentie of verslaving op weg naar een thuis voor hun kinderen."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_addiction_counselling_for_men_with_a_detention_past_is_offered(read):
    analysis = read("Onze verslavingsconsulent voert wekelijks gesprekken met mannen met een detentieverleden.")
    assert "verslaving" in analysis.ids("service_types")


def test_mothers_own_appointment_with_a_psychologist_is_not_offered(read):
    analysis = read(
        "Zo krijgt de moeder letterlijk ademruimte: om naar de huisarts, de psycholoog of de rechtbank te gaan. "
        "Een moeder kan er binnen de week starten, voor de NT2-les of een afspraak bij de psycholoog."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_appointment_with_our_psychologist_is_offered(read):
    analysis = read("Elke moeder krijgt binnen de week een afspraak bij onze psychologe, zonder wachtlijst.")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_learning_to_read_official_letters_is_paperwork_not_dutch(read):
    analysis = read(
        "Maandelijks, in beide gemeenten: brieven leren lezen en sorteren, een budget in potjes, afspraken met "
        "schuldeisers voorbereiden. Brieven van de mutualiteit of de energieleverancier samen lezen en uitleggen."
    )
    assert "nederlandse-taal" not in analysis.ids("service_types")
    assert "administratie-financien" in analysis.ids("service_types")


def test_personas_the_call_gives_priority_while_the_applicant_stands_apart_are_not_named(read):
    analysis = read(
        "We lazen het addendum en weten dat de prioriteit naar Chadia en Nora gaat, maar onze leden zijn "
        "hooggeschoolde nieuwkomers zonder andere problemen."
    )
    assert analysis.ids("personas") == []
    assert analysis.ids("challenges") == []


def test_personas_the_call_gives_priority_and_the_applicant_reaches_are_named(read):
    analysis = read(
        "Het addendum geeft voorrang aan Marlies en Nora, en net die moeders willen wij bereiken met onze huisbezoeken."
    )
    assert analysis.ids("personas") == ["marlies", "nora"]


def test_single_mothers_who_are_also_welcome_are_not_the_target(read):
    analysis = read(
        "Onze speelochtenden zijn er voor alle gezinnen met jonge kinderen in het dorp. Natuurlijk komen er ook "
        "alleenstaande mama's en gezinnen die het financieel moeilijk hebben, en die zijn meer dan welkom."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_breakfast_meant_for_contacts_that_last_is_network(read):
    analysis = read(
        "Elke vrijdagochtend is er in het inloophuis een ontbijt met mannen die al een stap verder staan. Het is "
        "uitdrukkelijk bedoeld om contacten te leggen die blijven."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_fixed_table_companion_who_calls_during_the_week_is_network(read):
    analysis = read(
        "Wie nieuw is, krijgt een vaste tafelgenoot: een vrijwilliger of een gast die al langer komt. Die belt "
        "tijdens de week eens op en zorgt ervoor dat de nieuwe ook buiten de donderdag iemand heeft om op terug te vallen."
    )
    assert "netwerk" in analysis.ids("service_types")



def test_care_partners_row_in_a_partner_table_is_not_set_aside(lexicon):
    # a CGG's consult in the project is the project's; only local government keeps its statutory tasks to itself
    infos = _units([DocumentText("voorstel.pdf", [
        "Partner | Rol in het project\n"
        "CGG LITP | consult en toeleiding naar psychologische hulp\n"
        "OCMW Alken | leefloon, budgetbeheer"
    ])], lexicon)
    set_aside = [info.unit.text for info in infos if id(info) in _partner_table_rows(infos)]
    assert set_aside == ["leefloon, budgetbeheer"]  # (the first cell comes out as a label of its own)


def test_programme_only_for_these_women_with_words_between(read):
    analysis = read(
        "Doelgroep\nMoeders die via gezinshereniging naar België kwamen, weinig Nederlands spreken en thuis bij de "
        "kinderen zitten.\n\nAanpak\nWe oefenen Nederlands en leren werken met de smartphone. Het hele programma is "
        "een traject van één schooljaar, specifiek voor deze vrouwen en gericht op werk of opleiding."
    )
    assert "uitdaging-3" in analysis.ids("challenges")
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_group_only_for_women_without_a_verb_is_their_activation(read):
    analysis = read(
        "Bij ons komen veel vrouwen die via gezinshereniging naar België kwamen. Ze spreken weinig Nederlands, zijn "
        "thuis met de kinderen en willen eigen geld. Ze zijn zoals Chadia.\n\nWat willen wij doen:\n\n1. Les "
        "Nederlands in de zaal, dinsdag en donderdag voormiddag.\n\n2. Een groep \"Vrouwen aan het werk\", alleen "
        "voor vrouwen. Wij maken samen een CV, wij leren mijnVDAB en e-mail gebruiken op de gsm."
    )
    assert "uitdaging-3" in analysis.ids("challenges")
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_class_only_for_women_in_a_general_proposal_not_migrant_women(read):
    analysis = read(
        "We organiseren een turnles voor senioren in het dorp. De dinsdagles is alleen voor vrouwen. "
        "Daarna drinken we koffie."
    )
    assert "vrouwen-migratieachtergrond" not in analysis.ids("service_types")


def test_target_group_past_told_after_a_pronoun_describes_the_group(read):
    analysis = read(
        "Over wie gaat het\nDe vrouwen die we willen bereiken kennen we heel goed, want vaak zijn het onze "
        "buurvrouwen. Ze zijn naar hier gekomen via gezinshereniging, soms al vijf of zes jaar geleden.\n\n"
        "Wat gaan we doen\nWe oefenen Nederlands met een taalcoach en werken met de smartphone."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_organisation_past_under_target_heading_not_its_group(read):
    analysis = read(
        "Over wie gaat het\nGezinnen uit het dorp met jonge kinderen. Vroeger werkten we ook met dakloze mannen "
        "met een verslaving, maar dat is voorbij.\n\nWat gaan we doen\nWe organiseren een speelnamiddag."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_mothers_profile_over_a_list_of_what_weighs_on_them(read):
    analysis = read(
        "Voor wie? De maatschappelijk werkers vertellen ons hetzelfde: jonge moeders, vaak alleen met de kinderen, "
        "die uitgeput zijn, angstig of depressief. Wij houden een open spreekuur met een psycholoog."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_mothers_profile_over_several_sentences(read):
    analysis = read(
        "Mama's met een opzeg van de huisbaas op zak. Meestal kleine kinderen, weinig netwerk. Veel vrouwen die "
        "we zien slapen slecht en een paar hebben een kindje dat in een pleeggezin verblijft.\n\nWe zoeken samen "
        "met hen een andere woning."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_someones_mother_is_no_mothers_profile(read):
    analysis = read(
        "Onze mannen hebben geen vaste stek. Ze slapen bij een vriend, bij hun moeder of in hun auto. Velen zijn "
        "depressief.\n\nWe zoeken samen met hen een studio."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_mothers_profile_not_from_whoever_is_sent_elsewhere(read):
    analysis = read(
        "Werkzoekende ouders (vooral mama's) die klaar zijn om te werken en voor wie kinderopvang de enige drempel "
        "is. Wie met meerdere problemen tegelijk zit (psychisch, schulden, wonen), hoort bij de trajectbegeleiders "
        "van het OCMW.\n\nWe zoeken samen een plaats in de kinderopvang."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_mothers_profile_with_trait_said_no_to_not_found(read):
    analysis = read(
        "Ons aanbod is voor moeders uit de wijk met jonge kinderen. Moeders met zware psychische problemen "
        "begeleiden we niet; daarvoor verwijzen we naar het CGG.\n\nWe organiseren een wekelijkse speelnamiddag."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_volunteer_named_by_compound_meter_is_network(read):
    analysis = read(
        "Aan elke tafel zit een vrijwillige tafelmeter die belt als iemand er niet is. Zo groeit er een vaste kring."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_hyphenated_mama_meter_is_network(read):
    analysis = read("Elke moeder heeft een mama-meter uit de wijk.")
    assert "netwerk" in analysis.ids("service_types")


def test_distances_in_meters_and_kilometers_not_network(read):
    analysis = read(
        "Ons lokaal ligt op 200 meter van het station. We rijden elke week 30 kilometer met de deelnemers naar "
        "de winkel en helpen hen met hun boodschappen."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_conversation_partner_for_dutch_is_language_not_network(read):
    analysis = read("Elke vrouw krijgt een praatmaatje uit de buurt, om Nederlands te praten.")
    assert "netwerk" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_companion_in_quotes_given_as_a_friend_is_network(read):
    analysis = read(
        'Elke mama heeft nu één van ons als "vaste vriendin", die ze ook buiten de woensdag eens opbelt of '
        "meeneemt naar de markt."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_people_named_first_then_coupled_to_a_companion_is_network(read):
    analysis = read(
        'Mensen die alleen zijn koppelen aan een "belvriend" van bij ons, die hen in de week eens opbelt.'
    )
    assert "netwerk" in analysis.ids("service_types")


def test_quoted_role_without_contact_or_person_not_network(read):
    analysis = read('Elke deelnemer heeft als "doel" een eigen plan tegen de zomer.')
    assert "netwerk" not in analysis.ids("service_types")


def test_heading_announcing_what_is_in_and_what_not_leaves_nothing_out(read):
    analysis = read(
        "3. Wat zit in het project en wat niet\nWe zoeken samen met de huurders een betaalbare woning en "
        "bemiddelen met de verhuurder."
    )
    assert "huisvesting" in analysis.ids("service_types")


def test_heading_what_we_do_not_do_still_leaves_out(read):
    analysis = read("Wat we niet doen\nWe zoeken samen met de huurders een betaalbare woning.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_a_past_of_addiction_is_who_they_are_not_a_service(read):
    analysis = read(
        "Buitenwerk biedt mannen met een detentieverleden en/of een verleden van verslaving een "
        "werkervaringsplaats in een ploeg die boomgaarden onderhoudt."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_administrative_seat_beside_a_housing_worker_not_paperwork_help(read):
    analysis = read(
        "Ons kantoor in Tongeren is de administratieve zetel; de woonbegeleider werkt bij de huurders thuis."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_persona_name_of_who_runs_the_group_is_a_real_person(read):
    analysis = read("Roy, die de groep mee trekt, is twaalf jaar droog en heeft dat zelf ook zo gehad.")
    assert "roy" not in analysis.ids("personas")


def test_persona_name_of_someone_who_was_with_us_is_a_real_person(read):
    analysis = read("Twee jaar geleden hadden we via het OCMW van Wellen Roy bij ons in een artikel 60.")
    assert "roy" not in analysis.ids("personas")


def test_persona_described_in_a_relative_clause_still_the_persona(read):
    analysis = read("Mannen zoals Roy, die geen vaste woonst heeft, zoeken een dak. Wij helpen hen een studio zoeken.")
    assert "roy" in analysis.ids("personas")


def test_word_pair_starting_in_a_clause_that_says_no_not_offered(read):
    analysis = read(
        "Huisvesting zoeken we niet mee: als de woning onbewoonbaar is, melden we dat aan het OCMW, dat de "
        "woonbegeleiding opneemt."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_service_said_no_in_one_clause_offered_in_the_next_still_offered(read):
    analysis = read("Budgetbeheer doen we niet, maar we zoeken samen met de gezinnen een betaalbare woning.")
    assert "huisvesting" in analysis.ids("service_types")


def test_a_fixed_godfather_from_our_volunteers_is_network(read):
    analysis = read("Elke man krijgt een vaste peter uit onze vrijwilligers.")
    assert "netwerk" in analysis.ids("service_types")


def test_club_mate_who_becomes_a_new_friend_is_network(read):
    analysis = read(
        "Een clubmaat: elke deelnemer krijgt een gewoon clublid als sparringpartner, die hem buiten de training "
        "belt en zo een eerste nieuwe vriend wordt."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_a_partners_pathway_counsellor_visiting_is_not_our_trajectbegeleiding(read):
    analysis = read(
        "Een VDAB-consulent en een trajectbegeleider van het Agentschap Integratie en Inburgering komen elk twee "
        "keer langs in de groep."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_local_government_that_stays_the_pathway_counsellor_is_not_our_trajectbegeleiding(read):
    analysis = read(
        "Sociaal Huis Sint-Truiden en OCMW Heers melden huurders aan, blijven de trajectbegeleider van het gezin en "
        "zitten maandelijks samen met onze woonbegeleider."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_a_fixed_duo_of_two_workers_is_no_network(read):
    analysis = read(
        "Elk gezin krijgt een vast duo: een contextbegeleider (maatschappelijk werker of orthopedagoog) en een "
        "ervaringsdeskundige in armoede."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_the_partners_we_go_along_to_in_brackets_are_not_our_services(read):
    analysis = read(
        "Eén vaste begeleider per deelnemer, wekelijks gesprek, huisbezoeken, mee naar afspraken (OCMW, "
        "justitieassistent, schuldbemiddelaar)."
    )
    assert "administratie-financien" not in analysis.ids("service_types")



def test_a_relatives_prison_is_not_the_target_groups_profile(read):
    analysis = read(
        "Voor wie? Jonge moeders uit Wellen die alleen staan met hun kinderen. Neem Sarah. Haar ex zit in de "
        "gevangenis.\n\nWe zoeken samen een plaats in de kinderopvang."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_single_mothers_among_groups_with_their_descriptions_are_a_general_clientele(read):
    analysis = read(
        "Ons project is voor alle leefloners. Alleenstaande mama's, mannen die na een scheiding op een kamer wonen, "
        "mensen die al tien jaar tussen het OCMW en de VDAB heen en weer worden gestuurd.\n\nWe bieden budgetbegeleiding."
    )
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_newcomer_mothers_profile_over_several_sentences(read):
    analysis = read(
        "Voor wie\nOnze groep is voor jonge vrouwen die pas hier zijn: uit Syrië, Afghanistan of Marokko. Ze "
        "zijn alleen met de kinderen. Ze spreken bijna geen Nederlands.\n\n"
        "Wat wij doen\nWe geven les op zaterdag."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_newcomer_profile_not_from_men_and_women(read):
    analysis = read(
        "Wie komt er? Mannen en vrouwen, uit Syrië, Oekraïne, Eritrea en Marokko. Ze willen hun Nederlands "
        "oefenen.\n\nWe houden een taalcafé in de bib."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_newcomer_profile_not_from_a_partners_name(read):
    analysis = read(
        "Voor moeders die weinig Nederlands spreken werken we met een tolk via het Agentschap Integratie en "
        "Inburgering.\n\nWe bieden een open spreekuur."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_newcomer_families_in_a_list_of_many_groups_not_the_target_group(read):
    analysis = read(
        "Onze ouders zijn heel divers: tweeverdieners die in Hasselt werken, landbouwersgezinnen, alleenstaande "
        "mama's die werk en kinderen combineren, vaders in ploegendienst, nieuwkomersgezinnen uit Syrië en "
        "Oekraïne, grootouders die de kleinkinderen ophalen.\n\nWe organiseren een ouderkoffie."
    )
    assert analysis.ids("challenges") == []


def test_mothers_profile_beside_a_weak_word_of_the_challenge(read):
    analysis = read(
        "Voor wie? Jonge moeders, vaak alleen met de kinderen, die uitgeput zijn, angstig of depressief, die soms "
        "al een kind in een pleeggezin hebben.\n\nWij houden een open spreekuur met een psycholoog."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


def test_a_mail_sent_to_the_teacher_is_no_referral(read):
    analysis = read(
        "- Helpen met de gsm: Smartschool van de kinderen, itsme installeren, een mail sturen naar de juf, de bus "
        "opzoeken in de app van De Lijn."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_people_sent_to_a_partner_still_a_referral(read):
    analysis = read("Voor schulden sturen we de mensen naar het OCMW.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_activation_words_in_the_label_of_what_we_do_count(read):
    analysis = read(
        "Veel vrouwen met een migratieachtergrond staan er alleen voor met hun kinderen.\n\n\"Vrouwen van overal\" "
        "is een traject van twintig weken, alleen voor vrouwen met een migratieachtergrond.\n"
        "- Richting werk: we bezoeken samen een dienstenchequebedrijf en een grootkeuken en we oefenen een "
        "kennismakingsgesprek."
    )
    assert "vrouwen-migratieachtergrond" in analysis.ids("service_types")


def test_washing_clothes_and_charging_a_phone_are_no_digital_skills(read):
    analysis = read(
        "Wie binnenkomt, kan douchen, kleren wassen, een boterham eten, zijn gsm opladen en gewoon wat zitten zonder "
        "dat iemand iets vraagt."
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_swapping_phone_numbers_is_no_digital_skill(read):
    analysis = read("Ze praten over wat ze meemaken, leren van elkaar, wisselen gsm-nummers uit en spreken af.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_smartphone_lessons_still_digital_skills(read):
    analysis = read("Elke dinsdag leren we de mama's met hun gsm werken: Smartschool, itsme en de app van de bank.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_peer_supervision_with_a_psychologist_for_volunteers_is_no_psychological_help(read):
    analysis = read("Intervisie voor de buddy's om de zes weken met een psycholoog (vrijwillig, voor de buddy's zelf).")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_we_lead_on_to_the_psychologist_is_a_referral(read):
    analysis = read(
        "We leiden toe naar de eerstelijnspsycholoog (via het sociaal huis of de eerstelijnszone) of naar het CGG en "
        "gaan, als de mama dat wil, mee naar het eerste gesprek."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_lead_in_the_pdf_ran_into_its_paragraph_keeps_its_no(read):
    analysis = read(
        "Opvang voor de kinderen. Samen een onthaalouder zoeken en inschrijven bij het loket kinderopvang.\n"
        "Psychische hulp. Wij zijn geen psychologen en geven zelf geen therapie. We gaan wel mee naar het eerste gesprek."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_fixed_worker_named_in_a_lead_in_is_case_management(read):
    analysis = read(
        "4.1 Een warm onthaal. We drinken eerst koffie.\n4.2 Eén vaste begeleider. Hij volgt alles mee op: werk, geld, "
        "wonen, gezondheid, justitie en de kinderen."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_word_pair_reaching_into_a_clause_that_says_no_is_no_offer(read):
    analysis = read(
        "Het kantoor van Nestwerk in Sint-Truiden blijft de administratieve basis; daar gebeurt geen begeleiding."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_staff_background_in_addiction_care_is_no_offer(read):
    analysis = read(
        "We zoeken een begeleider voor 19 uur per week, liefst iemand met ervaring in de verslavingszorg of de sociale "
        "economie."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_addiction_guidance_by_someone_experienced_is_still_offered(read):
    analysis = read("Onze begeleider, met jaren ervaring, biedt elke week verslavingsbegeleiding aan de mannen.")
    assert "verslaving" in analysis.ids("service_types")


def test_the_projects_own_paperwork_is_no_help_with_papers(read):
    analysis = read(
        "Personeel: 4 uur per week administratieve ondersteuning (verslagen, contacten met het CAD en het "
        "Justitiehuis, verzekeringen);"
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_service_that_runs_through_a_partner_is_a_referral(read):
    analysis = read("Budgetbeheer loopt, voor wie het nodig heeft, via het OCMW van de woonplaats.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_service_that_runs_through_our_volunteers_is_offered(read):
    analysis = read("Onze vrijwilligers bieden budgetbegeleiding aan huis; dat loopt via een vaste vrijwilliger per gezin.")
    assert "administratie-financien" in analysis.ids("service_types")


def test_partners_service_called_in_is_not_offered(read):
    analysis = read(
        "Voor woonproblemen zoals bij Jessica schakelen we de woonbegeleiding van het OCMW Sint-Truiden in; daar zijn "
        "zij beter in dan wij."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_people_sent_to_their_own_service_is_a_referral(read):
    analysis = read(
        "De maatschappelijk werkers verwijzen gezinnen naar ons door; omgekeerd sturen wij mama's met een woonprobleem "
        "naar hun woonbegeleiding."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_what_the_people_do_not_do_is_no_offer(read):
    analysis = read(
        'Naar een psycholoog gaan ze niet: "dat is voor zotten", en vooral: ze zijn bang dat de kinderen weggehaald '
        "worden."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_a_no_further_on_in_the_clause_keeps_the_offer(read):
    analysis = read(
        "We starten een praatgroep, niet om les te geven maar zodat ze elkaar leren kennen en niet meer alleen zitten."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_no_longer_alone_before_the_offer_keeps_it(read):
    analysis = read(
        "Een maandelijkse groep voor moeders van wie een kind geplaatst is. Het doel is dat ze niet meer alleen staan "
        "met dit verhaal en dat ze mensen rond zich hebben die het begrijpen."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_people_who_do_not_come_alone_are_still_a_no(read):
    analysis = read("Ze willen niet in een groep en zoeken geen buddy.")
    assert "netwerk" not in analysis.ids("service_types")


def test_a_fixed_digicoach_is_no_case_manager(read):
    analysis = read(
        "Elke deelnemer krijgt een vaste digicoach. Die helpt met itsme, de mutualiteit, de bank, de VDAB, het "
        "ziekenhuis en de school."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_childcare_as_a_sector_visited_is_no_childcare_help(read):
    analysis = read(
        "Samen met de jobcoach anderstaligen van VDAB gaan we op bedrijfsbezoek (grootkeuken, schoonmaak, "
        "kinderopvang, woonzorgcentrum) en doen de vrouwen die dat willen een snuffelstage van een paar dagen."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_a_trait_of_part_of_the_target_group_is_no_service(read):
    analysis = read("Een deel van de doelgroep heeft een (vermoeden van een) verstandelijke beperking.")
    assert "mentale-beperking" not in analysis.ids("service_types")


def test_support_adapted_to_a_mental_disability_still_counts(read):
    analysis = read(
        "Onze orthopedagoge werkt met pictogrammen en een visuele dagplanning voor de deelnemers met een licht "
        "verstandelijke beperking."
    )
    assert "mentale-beperking" in analysis.ids("service_types")


def test_services_under_a_referral_partners_heading_are_not_offered(read):
    analysis = read(
        "Doorverwijspartners\n\n- CAW Limburg: onthaal, schuldbemiddeling\n- Sociaal verhuurkantoor: huisvesting, "
        "woonbegeleiding\n- CGG: psychologische hulp"
    )
    assert analysis.ids("service_types") == []


def test_help_that_runs_through_their_own_worker_is_a_referral(read):
    analysis = read(
        "Hij is geen hulpverlener voor de rest van hun leven: voor schulden, justitie of wonen loopt het via hun eigen "
        "begeleider (CAW, Justitiehuis, OCMW)."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_we_fill_in_the_forms_together_is_help_with_papers(read):
    analysis = read(
        "Wij vullen samen de formulieren in, bijvoorbeeld de schooltoeslag of de verhoogde tegemoetkoming, en samen "
        "doen we Tax-on-web."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_we_would_train_volunteers_about_addiction_is_no_offer(read):
    analysis = read(
        "Met een steun zouden we vrijwilligers beter kunnen vormen (bijvoorbeeld over verslaving en grenzen stellen)."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_no_said_in_flemish_speech_is_a_no(read):
    analysis = read("Als iemand het mentaal moeilijk heeft, bellen we de dokter. Daar zijn wij gene psycholoog voor, zenne.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_the_value_of_a_label_that_names_the_service_says_how_it_is_done(read):
    analysis = read(
        "Wat doen we?\n- Samen de brieven openen: met een map met kleuren (rood = betalen, groen = bijhouden) en een "
        "envelopjessysteem voor het weekgeld."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_the_value_of_a_label_that_names_a_problem_offers_nothing(read):
    analysis = read(
        "Wat blijft zoals het was\n- Middelengebruik: De Boomgaard heeft sinds 2019 een alcohol- en drugsbeleid op de "
        "werkvloer, uitgewerkt met het CAD."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_letters_people_bring_that_we_help_them_read_are_help_with_papers(read):
    analysis = read(
        "Mensen kunnen er binnenlopen met hun brieven, facturen en formulieren, en wij helpen ze die te lezen, in te "
        "vullen en te ordenen in een map."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_letters_people_get_that_we_cannot_help_with_are_no_help(read):
    analysis = read("Mensen krijgen brieven en facturen die ze niet begrijpen, en wij kunnen ze daar niet bij helpen.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_a_small_budget_put_on_paper_together_is_help_with_money(read):
    analysis = read(
        "- Papieren. Na het eten zitten twee vrijwilligers klaar met wie zijn brieven meebrengt. Samen lezen, samen "
        "antwoorden, een klein budgetje op papier zetten."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_getting_to_know_people_outside_the_old_milieu_is_a_network(read):
    analysis = read(
        "Eén keer per maand eten de mannen mee aan de boerentafel met mensen uit het dorp. Zo leren de mannen mensen "
        "kennen buiten het gebruikersmilieu."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_someone_they_can_call_is_a_network(read):
    analysis = read(
        "Samen met de vrouwen van de parochie maken we duo's: ze moeten iemand hebben die ze kunnen bellen als er iets is."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_getting_to_know_the_workings_is_no_network(read):
    analysis = read("In de eerste week leren de deelnemers de werking en de regels van het atelier kennen.")
    assert "netwerk" not in analysis.ids("service_types")


def test_a_partners_worker_who_stays_the_contact_point_is_not_our_case_management(read):
    analysis = read(
        "Elke bewoner houdt (of krijgt bij de instap) een eigen begeleider bij het CAW, die voor werk, inkomen, justitie "
        "en gezondheid het centrale aanspreekpunt blijft."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_our_own_worker_who_is_the_contact_point_is_case_management(read):
    analysis = read(
        "Elke bewoner krijgt bij de instap een eigen begeleider van ons team, die voor werk, inkomen, justitie en "
        "gezondheid het centrale aanspreekpunt blijft."
    )
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_what_partners_do_apart_from_the_project_is_not_offered(read):
    analysis = read(
        "Huisvesting evenmin: daarvoor werken de OCMW's met het SVK en de woonmaatschappij, los van dit project."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_an_alcohol_and_drug_free_workplace_is_no_addiction_care(read):
    analysis = read(
        "Deelnemers volgen hun traject bij het CAD Limburg verder; wij bieden een alcohol- en drugvrije werkomgeving."
    )
    assert "verslaving" not in analysis.ids("service_types")


def test_our_regular_work_under_its_own_heading_is_not_the_projects_offer(read):
    analysis = read(
        "Onze werking in een notendop:\n"
        "- Kinderdagverblijf 't Appelke - inclusieve opvang met 18 plaatsen.\n"
        "- Sociale dienst en budgetbeheer - we helpen een zestigtal gebruikers met hun budget.\n\n"
        "Het project\nEen woonbegeleider helpt twaalf jongvolwassenen een studio te vinden en te houden.\n"
    )
    assert analysis.ids("service_types") == ["huisvesting"]
    assert "organisatie" in analysis.ids("sections")


def test_our_work_in_the_project_under_a_plain_work_heading_is_offered(read):
    analysis = read(
        "Werking\nEen woonbegeleider helpt twaalf jongvolwassenen een studio te vinden en te houden. Ze leren ook hun "
        "budget beheren, met een wekelijks budgetgesprek.\n"
    )
    assert analysis.ids("service_types") == ["huisvesting", "administratie-financien"]


def test_our_departments_under_a_numbered_heading_are_not_the_projects_offer(read):
    analysis = read(
        "1.2 Onze diensten\nGezin en kinderen. Initiatief buitenschoolse opvang Bengelhof in Wellen (86 plaatsen).\n"
        "Taal en integratie. Wekelijkse NT2-oefengroepen met vrijwilligers in beide bibliotheken.\n\n"
        "2 Het project\nEen duo van een maatschappelijk werker en een ervaringsdeskundige in armoede begeleidt twintig "
        "gezinnen in generatiearmoede, thuis, drie jaar lang.\n"
    )
    assert "kinderopvang" not in analysis.ids("service_types")
    assert "nederlandse-taal" not in analysis.ids("service_types")
    assert "generatiearmoede" in analysis.ids("service_types")


def test_partners_that_already_do_it_better_than_us_do_not_make_it_our_offer(read):
    analysis = read("Het CAW Limburg (woonbegeleiding) en het SVK doen dat al en doen dat beter dan wij.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_what_we_already_do_with_a_partner_is_our_offer(read):
    analysis = read("Samen met het SVK doen we dat al: we begeleiden huurders bij hun zoektocht naar een woning.")
    assert "huisvesting" in analysis.ids("service_types")


def test_going_along_to_a_first_talk_at_the_svk_is_not_housing_help(read):
    analysis = read("De begeleider gaat mee naar het eerste gesprek bij het SVK, het CAW of het CAD.")
    assert "huisvesting" not in analysis.ids("service_types")


def test_searching_a_rented_home_together_after_a_talk_is_housing_help(read):
    analysis = read("Na het eerste gesprek bij het SVK zoeken we samen met de jongere een huurwoning.")
    assert "huisvesting" in analysis.ids("service_types")


def test_a_group_item_whose_relative_clause_goes_on_past_a_comma_is_no_offer(read):
    analysis = read(
        "Doelgroep\nWe richten ons op alleenstaande mama's:\n- mama's met schulden;\n"
        "- mama's die nieuw zijn in België, nog Nederlands leren en een eerste stap naar werk willen zetten.\n"
    )
    assert "nederlandse-taal" not in analysis.ids("service_types")


def test_a_group_item_followed_by_our_own_lessons_is_an_offer(read):
    analysis = read(
        "Doelgroep\n- mama's die nieuw zijn in België, en we geven hen elke week Nederlandse les.\n"
    )
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_an_appointment_with_the_psychologist_the_mothers_miss_is_no_offer(read):
    analysis = read(
        "Zonder opvang kunnen ze niet naar hun cursus, niet naar de afspraak met de psycholoog en niet naar de "
        "sollicitatie."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_talks_with_our_psychologist_are_an_offer(read):
    analysis = read("Elke mama kan in ons huis gesprekken voeren met onze psycholoog, zo vaak als nodig.")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_what_we_do_after_announcing_our_introduction_is_not_the_projects_offer(read):
    analysis = read(
        "Omdat wij nog niet zo bekend zijn, stellen we ons eerst even voor. Wat we zoal doen:\n"
        "- een digipunt op maandag, waar vrijwilligers helpen met de gsm, de computer en itsme;\n"
        "- elke middag een warme maaltijd in ons restaurant.\n\n"
        "Ons idee\nWe koppelen elke bewoner die alleen zit aan een buddy uit het dorp.\n"
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_what_we_will_do_after_our_introduction_and_a_question_is_the_projects_offer(read):
    analysis = read(
        "Eerst iets over onszelf: we zijn een vzw met 45 vrijwilligers.\nWat willen we nu doen?\n"
        "In een smartphonehoekje leren we de mama's de schoolapp gebruiken, e-mails lezen en itsme installeren.\n"
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_the_personas_named_with_an_article_as_a_kind_are_the_calls_personas(read):
    analysis = read(
        "Wie het addendum gelezen heeft, kent ze: het zijn de Marcel, Roy en John van regio-uitdaging 2. We bieden "
        "hen een bed, een vaste begeleider en werk op maat."
    )
    assert analysis.ids("personas") == ["marcel", "roy", "john"]


def test_a_persona_name_with_an_article_alone_is_someone_the_applicant_knows(read):
    analysis = read("De Marcel van de frituur brengt elke vrijdag de frieten voor de mannen.")
    assert analysis.ids("personas") == []


def test_a_sentence_that_lists_what_we_just_said_we_help_with_is_our_offer(read):
    analysis = read(
        "What we do: people bring their phone and we help them with whatever is stuck. Setting up itsme, reading "
        "their e-mails, online banking."
    )
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_a_sentence_of_weak_words_after_a_sentence_where_nobody_helps_is_no_offer(read):
    analysis = read(
        "Veel ouderen in het dorp zitten alleen thuis. Itsme, e-mails en online bankieren lukken hen niet meer."
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_helping_make_a_folder_for_their_papers_is_paperwork_help(read):
    analysis = read(
        "Ria leest mee, legt uit, belt de mutualiteit en helpt een map maken zodat mensen hun papieren zelf "
        "terugvinden."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_a_folder_of_our_own_papers_is_no_paperwork_help(read):
    analysis = read("De begeleider houdt een map bij met de papieren van de vzw en de aanwezigheidslijsten.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_a_group_of_mothers_who_get_to_know_each_other_is_a_network_offer(read):
    analysis = read(
        "Om de twee weken is er ook een mama-kring: een vaste groep van acht moeders die elkaar leren kennen en "
        "steunen, ook buiten de kring."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_mothers_who_do_not_know_each_other_are_no_network_offer(read):
    analysis = read("In de wijk wonen veel moeders die elkaar niet kennen en alleen staan.")
    assert "netwerk" not in analysis.ids("service_types")


def test_outings_so_that_the_women_have_belgian_friends_are_a_network_offer(read):
    analysis = read(
        "Een keer per maand een uitstap of een kookavond samen met vrouwen van de buurt, zodat onze vrouwen ook "
        "Belgische vriendinnen hebben en niet alleen blijven."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_women_who_have_no_friends_here_are_no_network_offer(read):
    analysis = read("Veel vrouwen in de wijk hebben hier geen vrienden en zitten de hele dag thuis.")
    assert "netwerk" not in analysis.ids("service_types")


def test_reading_school_letters_in_a_dutch_practice_group_is_language_not_paperwork_help(read):
    analysis = read(
        "Oefengroep Nederlands, twee keer per week: praten over alledaagse dingen, samen brieven van school en "
        "mutualiteit lezen."
    )
    assert "nederlandse-taal" in analysis.ids("service_types")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_letters_read_together_after_the_language_cafe_are_paperwork_help(read):
    analysis = read(
        "Na het taalcafé nemen we een half uur om samen de brieven te lezen die de vrouwen hebben meegebracht, van "
        "de school of het ziekenfonds, en om formulieren in te vullen."
    )
    assert "administratie-financien" in analysis.ids("service_types")



def test_a_lease_read_among_other_papers_is_no_housing_help(read):
    analysis = read(
        '"Papierenavond" om de twee weken: samen de eigen administratie leren doen - mutualiteit, groeipakket, '
        "VDAB-mails, loonbrief, huurcontract van een eerste studio lezen."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_checking_the_lease_of_a_studio_we_help_find_is_housing_help(read):
    analysis = read("We zoeken samen een studio en lezen het huurcontract na voor de jongere tekent.")
    assert "huisvesting" in analysis.ids("service_types")


def test_calls_from_other_organisations_case_managers_are_not_our_case_management(read):
    analysis = read("We krijgen steeds vaker telefoontjes van trajectbegeleiders over mama's die pas in België zijn.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_our_case_managers_who_call_the_mothers_are_our_case_management(read):
    analysis = read("Onze trajectbegeleiders bellen de mama's elke week en blijven hun vaste aanspreekpunt voor alles.")
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_sitting_with_the_men_and_their_letters_and_bills_every_midday_is_paperwork_help(read):
    analysis = read("'s Middags zit hij met wie wil aan tafel met zijn brieven en zijn rekeningen.")
    assert "administratie-financien" in analysis.ids("service_types")


def test_people_who_leave_their_letters_and_bills_unopened_are_no_paperwork_help(read):
    analysis = read("Veel mannen laten hun brieven en rekeningen ongeopend liggen.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_a_persona_profile_that_is_not_our_audience_is_no_persona_or_challenge(read):
    analysis = read(
        "Het profiel van Chadia uit het addendum, een moeder die nog moet leren lezen en schrijven in het Nederlands "
        "en met veel zorgtaken zit, is niet ons publiek."
    )
    assert analysis.ids("personas") == [] and analysis.ids("challenges") == []


def test_a_persona_profile_that_is_our_audience_is_a_persona(read):
    analysis = read("Ons publiek zijn moeders zoals Chadia, die nog moeten leren lezen en schrijven in het Nederlands.")
    assert "chadia" in analysis.ids("personas")


def test_a_service_another_place_is_there_for_is_not_offered(read):
    analysis = read(
        "Vragen over de smartphone, itsme of de bank-app? Daarvoor is er het digipunt in de bibliotheek. "
        "We stappen soms mee tot aan de balie."
    )
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_help_bought_in_the_first_part_of_the_project_is_not_offered_now(read):
    analysis = read(
        "De 40 uur psychologische begeleiding die we in deel 1 extern inkochten, waren snel op en bleken te "
        "versnipperd om echt verschil te maken."
    )
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_a_subject_of_the_buddies_supervision_is_not_offered(read):
    analysis = read(
        "Onze buddy's ondersteunen jongeren die alleen wonen. Elke buddy krijgt maandelijks intervisie (grenzen, crisis "
        "en verslaving)."
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_a_subject_of_the_teams_training_is_not_offered(read):
    analysis = read(
        "Onze buddy's ondersteunen jongeren die alleen wonen. Het team krijgt maandelijks vorming (grenzen, crisis en "
        "verslaving)."
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_our_own_addiction_counselling_for_the_team_members_clients_is_offered(read):
    analysis = read("Ons team begeleidt jongeren met een verslaving, elke week, bij hen thuis.")
    assert "verslaving" in analysis.ids("service_types")


def test_a_service_word_in_the_letters_address_block_is_not_offered(read):
    analysis = read(
        "Budgetmaatjes Haspengouw\np/a Jef Moermans\nBosveldstraat 19\n3840 Borgloon\n\n"
        "Wij zijn gepensioneerde vrijwilligers."
    )
    assert analysis.ids("service_types") == []


def test_volunteer_buddies_for_people_who_live_alone_are_a_network_offer(read):
    analysis = read("Onze vrijwilligers zijn maatjes voor mensen die alleen wonen: ze gaan samen wandelen en koffie drinken.")
    assert "netwerk" in analysis.ids("service_types")


def test_photos_sent_on_to_the_doctor_in_a_phone_lesson_are_no_referral(read):
    analysis = read(
        "Wat mensen er kunnen doen:\n"
        "* leren werken met hun smartphone of tablet: itsme installeren, mails lezen en sturen, foto's doorsturen naar "
        "de dokter, online bankieren, de app van De Lijn"
    )
    assert analysis.ids("service_types") == ["digitale-vaardigheden"]


def test_people_sent_on_to_the_library_for_phone_lessons_are_referred(read):
    analysis = read("Voor hulp met de smartphone en itsme sturen we mensen door naar de bibliotheek.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_learning_to_install_and_use_the_bus_app_is_digital_skills(read):
    analysis = read("Elke donderdag leren we vijf mensen de app van De Lijn installeren en gebruiken.")
    assert analysis.ids("service_types") == ["digitale-vaardigheden"]


def test_installing_the_booking_app_for_people_on_their_first_ride_is_no_digital_skills(read):
    analysis = read("Deelnemers boeken hun rit via onze app. Bij de eerste rit helpen we hen de app te installeren.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_finding_a_childcare_place_for_the_time_of_the_work_placement_is_childcare_help(read):
    analysis = read(
        "Voor de periode van stage en werk zoeken we samen met elke moeder een vaste opvangplaats: we zoeken een "
        "plaats bij een onthaalouder of in een kinderdagverblijf."
    )
    assert "kinderopvang" in analysis.ids("service_types")


def test_a_work_placement_in_childcare_is_no_childcare_help(read):
    analysis = read("De vrouwen lopen drie weken stage in de kinderopvang of in een woonzorgcentrum.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_people_they_may_call_when_it_gets_hard_are_a_network(read):
    analysis = read("Wat de mannen bij ons vinden, is vooral: mensen die ze mogen bellen als het moeilijk wordt.")
    assert analysis.ids("service_types") == ["netwerk"]


def test_a_sister_who_introduces_a_new_mother_to_people_in_her_street_is_a_network(read):
    analysis = read("Een vrouw uit de groep belt elke nieuwe moeder en stelt haar voor aan andere mensen in haar buurt.")
    assert "netwerk" in analysis.ids("service_types")


def test_a_volunteer_who_takes_a_widower_along_to_the_walking_club_is_a_network(read):
    analysis = read("Onze vrijwilligster gaat elke week wandelen met een weduwnaar en neemt hem mee naar de club in het dorp.")
    assert "netwerk" in analysis.ids("service_types")


def test_the_one_worker_they_can_call_when_things_go_wrong_is_no_network(read):
    analysis = read("Die begeleider gaat mee naar het OCMW en is de persoon die ze kunnen bellen als het mis loopt.")
    assert "netwerk" not in analysis.ids("service_types")


def test_someone_to_call_after_a_difficult_visit_is_an_offer_not_a_need(read):
    analysis = read(
        "Wat willen we doen?\n"
        "- Een WhatsApp-groep en een belmama: na een moeilijk bezoekmoment kan je iemand bellen die het kent."
    )
    assert analysis.ids("service_types") == ["netwerk"]


def test_parents_who_have_a_difficult_time_are_a_need_not_an_offer(read):
    analysis = read("Veel ouders hebben het moeilijk en kennen niemand die ze kunnen bellen.")
    assert analysis.ids("service_types") == []


def test_filling_in_the_childcare_desks_form_and_working_out_the_fee_is_childcare_help_not_paperwork(read):
    analysis = read(
        "Sanne belt de onthaalouders en crèches in de buurt af, helpt het formulier van het Kinderopvangloket invullen "
        "en rekent met de mama uit wat het haar per dag zal kosten volgens haar inkomen."
    )
    assert analysis.ids("service_types") == ["kinderopvang"]


def test_papers_and_a_budget_plan_beside_looking_for_childcare_are_paperwork_help(read):
    analysis = read(
        "We maken samen met de moeder een overzicht van haar papieren en een haalbaar budgetplan, en zoeken samen "
        "opvang voor de kinderen (kinderdagverblijf, onthaalouder)."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_a_fixed_contact_point_for_our_psychologists_at_the_partner_is_no_case_management(read):
    analysis = read("Met het CGG maken we afspraken over warme overdracht en een vast aanspreekpunt voor onze psychologen.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_a_fixed_contact_point_for_everything_a_mother_needs_is_case_management(read):
    analysis = read("Elke mama krijgt een vast aanspreekpunt voor alles wat ze nodig heeft: papieren, school, wonen en werk.")
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_a_phrase_is_not_found_over_a_list_comma(read):
    analysis = read(
        "Het gaat om alleenstaanden, oudere mensen die na het overlijden van hun partner de papieren nooit zelf "
        "gedaan hebben."
    )
    assert analysis.ids("challenges") == []


def test_a_phrase_with_a_gap_is_found_over_a_comma(read):
    analysis = read("In onze groep kunnen de vaders elkaar, na de les, ontmoeten.")  # "elkaar ... ontmoeten"
    assert analysis.ids("service_types") == ["netwerk"]


def test_personas_the_next_sentence_says_are_unlike_our_residents_are_not_named(read):
    analysis = read(
        "Het addendum schetst bij regio-uitdaging 2 de persona's Marcel, Roy en John: mannen met een verslaving, vaak "
        "dakloos. Wij herkennen er stukjes van, maar onze bewoners zijn anders."
    )
    assert analysis.ids("personas") == []


def test_personas_the_next_sentence_says_are_like_our_residents_are_named(read):
    analysis = read(
        "Het addendum schetst bij regio-uitdaging 2 de persona's Marcel, Roy en John: mannen met een verslaving, vaak "
        "dakloos. Zo zijn onze bewoners ook."
    )
    assert analysis.ids("personas") == ["marcel", "roy", "john"]


def test_men_finding_each_other_outside_the_drop_in_when_it_gets_hard_is_a_network(read):
    analysis = read(
        "Een praatgroep op maandagavond met een ervaringsdeskundige. De bedoeling is dat de mannen elkaar ook buiten "
        "het inloophuis kunnen vinden als het moeilijk wordt."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_a_region_where_it_is_hard_to_find_each_other_is_a_need(read):
    analysis = read("In onze dorpen is het moeilijk om elkaar buiten de school te leren kennen.")
    assert analysis.ids("service_types") == []


def test_a_list_of_what_we_do_after_we_is_our_offer(read):
    analysis = read(
        "Mensen brengen hun brieven mee. We lezen ze samen, leggen uit wat er moet gebeuren, vullen formulieren in, "
        "kijken facturen na."
    )
    assert analysis.ids("service_types") == ["administratie-financien"]


def test_a_list_after_we_where_they_fill_in_forms_is_not_our_offer(read):
    analysis = read("We merken dat het lastig is: ze vullen formulieren in zonder ze te begrijpen.")
    assert analysis.ids("service_types") == []


def test_relapse_prevention_after_a_burn_out_is_no_addiction_care(read):
    analysis = read("Onze psychologen werken met elke deelnemer rond stress, piekeren, slaap en terugvalpreventie na een burn-out.")
    assert "verslaving" not in analysis.ids("service_types")


def test_the_chadia_of_your_document_is_the_persona(read):
    analysis = read("Veel van onze vrouwen zijn zoals de Chadia uit jullie document. Ze spreken weinig Nederlands.")
    assert analysis.ids("personas") == ["chadia"]


def test_personas_after_a_lead_in_in_the_calls_words_are_named(read):
    analysis = read("In de taal van het addendum: het zijn de Marlies'en en de Nora's van onze dorpen.")
    assert analysis.ids("personas") == ["marlies", "nora"]


def test_a_contact_person_after_a_line_that_names_the_addendum_is_a_real_person(read):
    analysis = read(
        "Ingediend in het kader van het lokaal addendum Haspengouw. Contactpersoon: Roy Lenaerts, coördinator."
    )
    assert analysis.ids("personas") == []


def test_personas_in_the_plural_are_the_calls_people_as_a_kind(read):
    analysis = read(
        'De eerste groep noemen we "de Marcels van onze wijk": alleenstaande mannen na een scheiding. De tweede groep '
        "zijn \"onze Nora's\": jonge mama's, vaak alleen met de kinderen."
    )
    assert analysis.ids("personas") == ["nora", "marcel"]


def test_our_marcel_with_an_article_is_a_real_person(read):
    analysis = read("De Marcel van de frituur levert elke week de soep.")
    assert analysis.ids("personas") == []


def test_budget_buddies_who_visit_households_are_no_network_of_their_own(read):
    analysis = read("Budgetmaatjes Alken: twaalf vrijwilligers bezoeken elk één of twee huishoudens om de week.")
    assert "netwerk" not in analysis.ids("service_types")


def test_a_fixed_contact_point_for_the_files_we_follow_together_is_no_case_management(read):
    analysis = read(
        "Een maatschappelijk werker gaat één keer per maand mee met de koffiekar en is het vaste aanspreekpunt voor de "
        "dossiers die we samen opvolgen."
    )
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_motivating_people_to_go_to_the_psychologist_is_a_referral(read):
    analysis = read("We motiveren deelnemers om naar de eerstelijnspsycholoog te stappen.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_the_senders_name_before_the_address_is_a_real_person(read):
    analysis = read("Van: Roy <vuurtoren.herstelgroep@gmail.com>\nAan: info@bijzig.be\n\nWij zijn een herstelgroep.")
    assert analysis.ids("personas") == []


def test_an_offices_address_and_opening_hours_are_no_offer(read):
    analysis = read("Woonwinkel | Schepen Dejonghstraat 21, 3800 Sint-Truiden | ma-vr 9u-17u, open spreekuur woensdag 13u-16u")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_a_weekly_open_consultation_with_our_psychologist_is_offered(read):
    analysis = read("Onze psycholoog houdt elke woensdag een open spreekuur in het buurthuis.")
    assert "psychische-hulp" in analysis.ids("service_types")


def test_a_recovery_group_is_a_network(read):
    analysis = read(
        "Herstelgroep. Elke donderdagavond is er een herstelgroep, geleid door onze vrijwilligster die zelf twaalf "
        "jaar nuchter is."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_a_recovery_group_we_refer_to_is_no_network(read):
    analysis = read("Wie dat wil, verwijzen we door naar een zelfhulpgroep van de AA in Hasselt.")
    assert "netwerk" not in analysis.ids("service_types")


def test_lasting_contacts_as_the_aim_of_visits_are_a_network(read):
    analysis = read(
        "Buurtbabbelaars: vrijwilligers die eenzame inwoners thuis bezoeken en hen in contact brengen met buren, "
        "zodat er blijvende contacten ontstaan."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_a_partners_own_subheading_keeps_the_partners_section(read):
    analysis = read(
        "Wij bieden een open psychologisch spreekuur voor jonge moeders in Sint-Truiden.\n\n"
        "1. De partners en wat ze vandaag al doen\n\n"
        "CAW Limburg\n"
        "Het CAW biedt onthaal, woonbegeleiding, hulp bij dreigende uithuiszetting en het vluchthuis.\n"
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_a_subheading_of_our_own_work_after_the_partners_is_an_offer(read):
    analysis = read(
        "1. Partners\n\n"
        "Het OCMW meldt moeders aan.\n\n"
        "2. Woonbegeleiding\n"
        "Onze woonbegeleider zoekt samen met de moeder een betaalbare huurwoning.\n"
    )
    assert "huisvesting" in analysis.ids("service_types")


def test_a_partner_that_does_it_in_its_regular_work_is_no_offer(read):
    analysis = read(
        "Wij starten een praatgroep voor jonge mama's in Wellen. Het OCMW Wellen doet de budgetbegeleiding en het "
        "leefloon. Dat blijft zo."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_a_partner_that_does_it_in_the_project_is_an_offer(read):
    analysis = read(
        "Wij starten een praatgroep voor jonge mama's in Wellen. Het OCMW Wellen doet in het project de "
        "budgetbegeleiding van de deelnemers."
    )
    assert "administratie-financien" in analysis.ids("service_types")


def test_the_contact_line_at_the_end_of_a_run_on_mail_leaves_the_earlier_offers(read):
    analysis = read(RUN_ON_MAIL)
    assert {"nederlandse-taal", "digitale-vaardigheden"} <= set(analysis.ids("service_types"))
    assert "kinderopvang" not in analysis.ids("service_types")


REGULAR_OVERVIEW = (
    "1. Het Sociaal Huis: onze dienstverlening\n\n"
    "Om de plaats van dit project duidelijk te maken, geven we eerst een overzicht van de reguliere "
    "dienstverlening van het OCMW. Deze diensten maken geen deel uit van deze aanvraag.\n\n"
    "Wonen\n"
    "- woonloket: inschrijving bij de sociale huisvestingsmaatschappij, woonbegeleiding bij dreigende uithuiszetting;\n\n"
    "Gezin en kinderen\n"
    "- lokaal loket kinderopvang: hulp bij het zoeken van een opvangplaats.\n\n"
    "2. Het project\n\n"
    "{project}\n"
)


def test_an_announced_overview_of_regular_work_is_no_offer_up_to_the_next_numbered_heading(read):
    analysis = read(REGULAR_OVERVIEW.format(project="Vrijwillige buddy's bezoeken elke week een alleenstaande inwoner."))
    assert not {"huisvesting", "kinderopvang"} & set(analysis.ids("service_types"))
    assert "netwerk" in analysis.ids("service_types")


def test_the_project_after_an_overview_of_regular_work_still_offers(read):
    analysis = read(REGULAR_OVERVIEW.format(project="Onze woonbegeleider zoekt met elke deelnemer een betaalbare huurwoning."))
    assert "huisvesting" in analysis.ids("service_types")


def test_the_partnership_focusing_on_all_personas_names_no_target(read):
    analysis = read(
        "We know the partnership focuses on the personas Marlies, Nora, Marcel, Roy, John and Chadia. Our programme "
        "is for newcomers with a degree from abroad."
    )
    assert analysis.ids("personas") == []


def test_we_focusing_on_the_personas_of_two_challenges_names_them(read):
    analysis = read("We richten ons op de persona's Marlies, Nora, Marcel, Roy en John uit het addendum.")
    assert analysis.ids("personas") == ["marlies", "nora", "marcel", "roy", "john"]


def test_a_persona_name_as_an_author_in_a_reference_is_a_real_person(read):
    analysis = read(
        "Ouders van een geplaatst kind hebben nood aan een eigen plek.¹ We openen een spreekuur in Wellen.\n\n"
        "¹ Vandeputte, K. & Roy, M. (2019). Ouders op afstand. Leuven: Acco."
    )
    assert "roy" not in analysis.ids("personas")


def test_a_persona_listed_with_the_other_personas_after_a_comma_is_still_the_persona(read):
    analysis = read("Onze doelgroep zijn mannen zoals Marcel, Roy en John uit het addendum.")
    assert analysis.ids("personas") == ["marcel", "roy", "john"]


def test_a_participant_who_let_us_use_her_name_is_a_real_person(read):
    analysis = read(
        "Nora (ze vond het goed dat we haar naam gebruiken) werkt sinds februari op de fruitveiling, in shiften vanaf "
        "6 uur. We zochten samen met haar een plaats in de voorschoolse opvang in Brustem."
    )
    assert "nora" not in analysis.ids("personas")


def test_people_who_go_to_the_ocmw_for_their_debts_are_referred(read):
    analysis = read("Wij zijn geen therapeuten. Voor schulden gaan ze naar het OCMW.")
    assert "administratie-financien" not in analysis.ids("service_types")


def test_staff_who_go_along_to_the_cad_offer_it(read):
    analysis = read(
        "In ons project doet onze counsellor op woensdag gesprekken over drinken, en als iemand wil stoppen met "
        "alcohol gaat zij mee naar het CAD."
    )
    assert "verslaving" in analysis.ids("service_types")


def test_a_bare_maatje_in_a_proposal_about_taalmaatjes_is_a_language_buddy(read):
    analysis = read(
        "Taalmaatjes Wellen koppelt vrijwilligers als taalmaatje aan nieuwkomende mama's om Nederlands te oefenen. "
        "Hoe het werkt: een maatje en een vrouw zien elkaar een uur per week, bij haar thuis of in de bib."
    )
    assert "netwerk" not in analysis.ids("service_types")


def test_buddies_as_the_usual_word_beside_one_taalbuddy_stay_a_network(read):
    analysis = read(
        "Elke man krijgt een buddy: een vrijwilliger die hem wekelijks belt en meeneemt naar de voetbal. De buddy "
        "blijft ook na het traject. Wie Nederlands wil oefenen, krijgt daarnaast een taalbuddy."
    )
    assert "netwerk" in analysis.ids("service_types")


def test_digibuddies_are_no_network(read):
    analysis = read("Onze digibuddies zijn vrijwilligers die senioren thuis helpen met de smartphone.")
    assert "netwerk" not in analysis.ids("service_types")


def test_a_repayment_plan_put_to_the_landlord_is_keeping_a_home(read):
    analysis = read(
        "Samen met de huurder maken we een haalbaar afbetalingsplan voor de achterstand en stellen we dat voor aan "
        "de verhuurder."
    )
    assert "administratie-financien" not in analysis.ids("service_types")


def test_young_adults_without_a_fixed_address_and_with_psychiatric_complaints_are_challenge_2(read):
    analysis = read(
        "Doelgroep\nJongvolwassenen van 18 tot 25 jaar zonder vaste woonplaats, vaak na een jeugdhulptraject. Een "
        "deel van hen drinkt stevig, een deel heeft psychiatrische klachten.\n\nWerkwijze\nElke jongere krijgt een "
        "studio en één vaste woonbegeleider."
    )
    assert "uitdaging-2" in analysis.ids("challenges")


def test_who_cannot_take_part_leaves_out_its_numbered_items(read):
    analysis = read(
        "4. Wie (nog) niet kan deelnemen - uitsluitingscriteria\n"
        "1. Jongeren die dakloos zijn. Zij worden aangemeld bij het CAW.\n"
        "2. Jongeren zonder vaste verblijfplaats.\n"
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_not_a_project_for_profiles_like_a_persona_names_no_target(read):
    analysis = read(
        "Wij begeleiden hooggeschoolde nieuwkomers naar een job. Dit is géén project voor profielen zoals Chadia, die "
        "eerst nood hebben aan taal en opvang; voor hen zijn er betere partners."
    )
    assert analysis.ids("personas") == []


def test_not_our_thing_is_a_no(read):
    analysis = read(
        "Een woning zoeken is ook niet ons ding, daarvoor moeten ze bij het CAW of het sociaal verhuurkantoor zijn."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_a_language_buddy_in_english_is_no_network(read):
    analysis = read(
        "We koppelen nieuwkomers aan een language buddy uit de buurt: één uur per week samen Nederlands praten, op "
        "café, in de bib, op wandel."
    )
    assert "netwerk" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_roma_mothers_from_slovakia_learning_dutch_are_challenge_3(read):
    analysis = read(
        "Onze groep is er voor mama's uit Oost-Slowakije. Ze willen beter Nederlands leren om hun kinderen met school "
        "te helpen. Elke dinsdag oefenen we samen."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_roma_mothers_are_challenge_3(read):
    analysis = read("Een namiddag per week voor Roma mama's: papieren, Nederlands en de gsm.")
    assert "uitdaging-3" in analysis.ids("challenges")


def test_mothers_from_slovakia_without_any_language_or_children_word_are_no_profile(read):
    analysis = read("Twee mama's uit Slowakije helpen als vrijwilliger mee in de kringwinkel.")
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_a_condition_without_a_comma_before_a_referral_keeps_the_referral(read):
    analysis = read(
        "Voor een vaste plaats in de kinderopvang als een vrouw gaat werken, verwijzen we door naar het loket "
        "kinderopvang van het Huis van het Kind."
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_calling_in_a_partner_for_housing_is_a_referral(read):
    analysis = read(
        "Als een uithuiszetting dreigt of een mama een andere woning zoekt, schakelen we het CAW Limburg en het "
        "sociaal verhuurkantoor in."
    )
    assert "huisvesting" not in analysis.ids("service_types")


def test_mediating_ourselves_before_calling_in_a_partner_is_an_offer(read):
    analysis = read(
        "Bij een dreigende uithuiszetting bemiddelen we met de verhuurder en schakelen we het OCMW in voor een "
        "huurwaarborg."
    )
    assert "huisvesting" in analysis.ids("service_types")

