"""The proposal analysis: offers versus negations, referrals, context and headings; places; sections."""

from __future__ import annotations

import pytest

from tasks.analyse import DocumentText, Evidence, LexiconError, analyse, build_lexicon

pytestmark = pytest.mark.unit

ALL_SIX = ["sint-truiden", "gingelom", "heers", "nieuwerkerken", "alken", "wellen"]


# --- negation, referral, context, headings -----------------------------------------------------------------


def test_service_type_negated_and_referred_not_offered(read):
    analysis = read(
        "Onze aanpak\n"
        "Wij bieden zelf geen begeleiding bij gokproblemen of drugsgebruik; daarvoor verwijzen we door naar het CAD.\n"
        "Wij organiseren wekelijks een taalcafé voor anderstalige ouders."
    )
    assert "verslaving" not in analysis.ids("service_types")
    assert "nederlandse-taal" in analysis.ids("service_types")


def test_service_type_referral_only_not_offered(read):
    analysis = read("Deelnemers met een alcoholprobleem worden doorverwezen naar de gespecialiseerde diensten.")
    assert analysis.ids("service_types") == []


def test_service_type_own_guidance_with_referral_offered(read):
    analysis = read("Wij begeleiden jongvolwassenen met een cannabisverslaving en verwijzen waar nodig door naar het CGG.")
    assert "verslaving" in analysis.ids("service_types")


def test_service_type_negation_in_relative_clause_still_offered(read):
    analysis = read("We geven alfabetiseringslessen aan moeders die nog niet kunnen lezen of schrijven.")
    assert analysis.ids("service_types") == ["nederlandse-taal"]


def test_service_type_context_of_region_not_offered(read):
    analysis = read(
        "Situering\n"
        "Heel wat gezinnen in het zuiden van Limburg leven al generaties in armoede.\n"
        "Er is een tekort aan betaalbare huurwoningen."
    )
    assert analysis.ids("service_types") == []


def test_service_type_offer_after_context_offered(read):
    analysis = read(
        "Situering\n"
        "Heel wat gezinnen hebben schulden en wonen in slechte huurwoningen.\n\n"
        "Werkwijze\n"
        "Een vaste trajectbegeleider bezoekt de gezinnen thuis en volgt hen op alle levensdomeinen op."
    )
    assert analysis.ids("service_types") == ["trajectbegeleiding"]


def test_service_type_fixed_psychologist_following_life_domains_is_one_trade(read):
    analysis = read(
        "Elke deelnemer krijgt een vaste psycholoog. Zij houdt alles mee in de gaten: uitkering, schulden, gezondheid, "
        "justitie, de kinderen."
    )
    assert analysis.ids("service_types") == ["psychische-hulp"]

def test_service_type_heading_only_mention_not_offered(read):
    analysis = read(
        "Kinderopvang en mobiliteit\n"
        "Deze thema's komen in een volgende fase aan bod; dit voorstel gaat over de eerste stappen naar werk.\n"
    )
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_type_compound_words_found(read):
    analysis = read(
        "Wij bieden woonbegeleiding en helpen bij het zoeken naar een huurwoning.\n"
        "Onze vrijwilligers geven les in budgetbeheer.\n"
        "Samen met een kinderopvanginitiatief zoeken we een plaats voor de jongste kinderen."
    )
    assert analysis.ids("service_types") == ["huisvesting", "kinderopvang", "administratie-financien"]


def test_service_type_paraphrase_without_call_words_found(read):
    analysis = read(
        "Onze medewerker gaat mee naar de huisbaas en ondersteunt de huurder bij problemen met het huurcontract.\n"
        "Elke deelnemer krijgt een vaste coach die hem op alle levensdomeinen opvolgt.\n"
        "Wie de papierwinkel niet rond krijgt, zet samen met ons de rekeningen op een rij."
    )
    assert analysis.ids("service_types") == ["trajectbegeleiding", "huisvesting", "administratie-financien"]


def test_service_type_mixed_dutch_english_found(read):
    analysis = read(
        "Our approach: onze coaches werken outreachend en zetten in op empowerment.\n"
        "In peer support groups bouwen de deelnemers hun sociaal netwerk uit.\n"
        "We organiseren digital skills workshops met smartphone en laptop."
    )
    assert analysis.ids("service_types") == ["trajectbegeleiding", "netwerk", "digitale-vaardigheden"]


def test_service_type_table_row_marked_no_not_offered(read):
    analysis = read(
        "| Dienst | Zelf | Hoe |\n"
        "| Verslavingsbegeleiding | nee | niet in dit project |\n"
        "| Budgetbegeleiding | ja | wekelijks spreekuur met een budgetplan |\n"
    )
    assert analysis.ids("service_types") == ["administratie-financien"]


def test_service_type_only_in_optional_phase_not_offered(read):
    analysis = read("Optioneel, indien bijkomende financiering: een digipunt met smartphonelessen voor ouders.")
    assert analysis.ids("service_types") == []


def test_service_type_staying_with_other_service_not_offered(read):
    analysis = read("De psychische opvolging blijft bij het CGG; wij organiseren een buddywerking voor de mannen.")
    assert analysis.ids("service_types") == ["netwerk"]


def test_service_type_english_negation_not_offered(read):
    analysis = read(
        "We do not provide housing support ourselves; tenants are referred to the social rental agency.\n"
        "We run a weekly Dutch practice group in the library."
    )
    assert analysis.ids("service_types") == ["nederlandse-taal"]


def test_service_type_childcare_during_own_sessions_not_offered(read):
    analysis = read("Tijdens de lessen voorzien we kinderopvang in een aparte ruimte van het buurthuis.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_service_type_single_device_word_not_enough(read):
    analysis = read("We sturen de uitnodiging voor de infoavond via e-mail.")
    assert analysis.ids("service_types") == []


def test_service_type_several_device_words_in_one_sentence_found(read):
    analysis = read("In vijf workshops oefenen de deelnemers met smartphone, e-mail en itsme.")
    assert analysis.ids("service_types") == ["digitale-vaardigheden"]


def test_service_type_general_service_reaching_migrant_women_not_women_activation(read):
    analysis = read("Onze taallessen worden vooral gevolgd door vrouwen met een migratieachtergrond.")
    assert analysis.ids("service_types") == ["nederlandse-taal"]


# --- municipalities ----------------------------------------------------------------------------------------


def test_municipality_deelgemeenten_count_for_their_municipality(read):
    analysis = read("We openen een inloophuis in Zepperen en houden spreekuren in Ulbeek en Batsheers.")
    assert analysis.ids("municipalities") == ["sint-truiden", "heers", "wellen"]


def test_municipality_adjective_counts(read):
    analysis = read("De buurtwerkers trekken naar de Truiense wijken en de Gingelomse dorpen.")
    assert analysis.ids("municipalities") == ["sint-truiden", "gingelom"]


def test_municipality_seat_address_not_counted(read):
    analysis = read(
        "Maatschappelijke zetel: Molenweg 7, 3870 Heers.\n"
        "Het project zelf loopt in Alken, waar we een lokaal huren in het OCMW-gebouw."
    )
    assert analysis.ids("municipalities") == ["alken"]


def test_municipality_work_outside_area_not_counted(read):
    analysis = read("Het project loopt in Hasselt en Genk, en uitdrukkelijk niet in Nieuwerkerken.")
    assert analysis.ids("municipalities") == []


def test_municipality_collective_six_municipalities_counts_all(read):
    analysis = read("Het aanbod is open voor inwoners van de zes gemeenten; we komen naar de deelnemers toe.")
    assert analysis.ids("municipalities") == ALL_SIX


def test_municipality_whole_region_counts_all(read):
    analysis = read("Onze mobiele ploeg is actief in heel Haspengouw.")
    assert analysis.ids("municipalities") == ALL_SIX


def test_municipality_region_in_organisation_name_not_counted(read):
    analysis = read("Vzw Welzijnshuis Haspengouw coördineert de huiskamerwerking in Wellen.")
    assert analysis.ids("municipalities") == ["wellen"]


def test_municipality_aalst_without_sint_truiden_context_not_counted(read):
    analysis = read("Onze trainers geven dezelfde vorming ook in Aalst en Gent.")
    assert analysis.ids("municipalities") == []


def test_municipality_aalst_with_sint_truiden_context_counted(read):
    analysis = read("In de deelgemeente Aalst starten we een wekelijkse ontmoetingsnamiddag.")
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_municipality_village_with_parent_name_not_double_counted(read):
    analysis = read("We werken samen met de dorpsraad van Mielen-boven-Aalst voor onze activiteiten daar.")
    assert analysis.ids("municipalities") == ["gingelom"]


def test_municipality_named_as_origin_only_not_counted(read):
    analysis = read(
        "Het inloopcentrum van het project ligt in Sint-Truiden.\n"
        "Veel daklozen uit Heers en Wellen trekken naar de stad omdat daar de nachtopvang is."
    )
    assert analysis.ids("municipalities") == ["sint-truiden"]


def test_municipality_only_mentioned_in_observation_still_counted(read):
    analysis = read("We zien in Alken steeds meer gezinnen die hun facturen niet meer kunnen betalen.")
    assert analysis.ids("municipalities") == ["alken"]


# --- sections ----------------------------------------------------------------------------------------------


def test_sections_informal_headings_recognised(read):
    analysis = read(
        "Wie zijn wij\nDe Stapsteen vzw werkt al twintig jaar met kwetsbare gezinnen.\n\n"
        "Ons plan\nWe begeleiden gezinnen naar een betaalbare woning.\n\n"
        "Met wie\nDe vzw werkt hiervoor met het OCMW.\n\n"
        "Timing\nDe start is voorzien in september.\n\n"
        "Centen\nWe vragen 18.000 euro, vooral voor loonkosten."
    )
    # (the five informal headings; "kwetsbare gezinnen" also describes a target group)
    assert {"organisatie", "aanpak", "samenwerking", "planning", "begroting"} <= set(analysis.ids("sections"))


def test_sections_budget_and_planning_headings_without_amounts_or_dates_missing(read):
    analysis = read(
        "Wie zijn wij\nDe Stapsteen vzw werkt al twintig jaar met kwetsbare gezinnen.\n\n"
        "Wanneer\nWe werken zolang het nodig is.\n\n"
        "Over geld\nDe begroting sturen we later door; het meeste gaat naar loonkosten."
    )
    assert "planning" in analysis.ids("missing_sections")
    assert "begroting" in analysis.ids("missing_sections")


def test_sections_budget_table_without_heading_is_budget(read):
    analysis = read(
        "We begeleiden gezinnen naar een betaalbare woning.\n\n"
        "Loonkost begeleider 0,5 VTE | € 31.200\nWerkingskosten | € 3.800\nTotaal | € 35.000\n"
    )
    assert "begroting" in analysis.ids("sections")
    assert "begroting" not in analysis.ids("missing_sections")


def test_sections_planning_without_heading_is_planning(read):
    analysis = read(
        "September 2023: kennismaking met de eerste deelnemers\n"
        "Oktober tot december 2023: wekelijkse groepssessies\n"
        "Januari 2024: tussentijdse evaluatie met de partners\n"
    )
    assert "planning" in analysis.ids("sections")


def test_sections_missing_say_what_was_looked_for(read):
    analysis = read("Wij bieden woonbegeleiding in Heers.")
    budget = next(item for item in analysis.missing_sections if item.id == "begroting")
    assert budget.looked_for == "een begroting of kostenraming (bv. een tabel met bedragen in euro)"


def test_sections_placeholder_under_heading_is_missing(read):
    analysis = read("Aanpak\nWij bieden woonbegeleiding in Heers.\n\nBegroting\n[in te vullen]\n")
    assert "begroting" in analysis.ids("missing_sections")


def test_sections_start_and_end_sentence_is_planning(read):
    analysis = read("We starten in september 2023 en lopen door tot eind juni 2025.")
    assert "planning" in analysis.ids("sections")


def test_sections_weekly_rhythm_is_not_planning(read):
    analysis = read("De groep komt twee keer per week samen in het buurthuis.")
    assert "planning" in analysis.ids("missing_sections")


# --- exclusions --------------------------------------------------------------------------------------------


def test_exclusion_aimed_at_found(read):
    analysis = read(
        "Ons project richt zich op hoogopgeleide nieuwkomers die hun buitenlands diploma willen laten erkennen."
    )
    assert analysis.ids("exclusions") == ["hooggeschoolde-nieuwkomers"]


def test_exclusion_explicitly_not_targeted_not_found(read):
    analysis = read(
        "We richten ons uitdrukkelijk niet op hoogopgeleide nieuwkomers; zij vinden meestal zelf hun weg."
    )
    assert analysis.ids("exclusions") == []


def test_exclusion_listed_under_who_does_not_belong_not_found(read):
    analysis = read("Wie er niet bij hoort: mensen die werk zoeken en voor wie vervoer of opvang het enige probleem is.")
    assert analysis.ids("exclusions") == []


def test_exclusion_only_practical_barriers_found(read):
    analysis = read("Wij helpen jobklare werkzoekenden wiens enige drempel het vervoer naar het werk is.")
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_exclusion_people_described_as_having_no_other_problems_found(read):
    analysis = read(
        "We rijden mensen naar de vroege ploeg in de industriezone. Verder hebben ze eigenlijk geen problemen, ze "
        "willen werken."
    )
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_exclusion_transport_as_their_only_problem_found(read):
    analysis = read("Het enige probleem: ze hebben geen auto, en om vijf uur 's morgens rijdt er geen bus.")
    assert analysis.ids("exclusions") == ["enkel-praktische-drempels"]


def test_exclusion_readiness_of_graduates_yields_to_the_graduates(read):
    analysis = read(
        "Ons project richt zich op hoogopgeleide nieuwkomers die klaar om te werken zijn."
    )
    assert analysis.ids("exclusions") == ["hooggeschoolde-nieuwkomers"]


def test_exclusion_where_the_project_leads_people_not_found(read):
    analysis = read("Na de zorgfase volgen GTB-trajecten voor deelnemers die arbeidsrijp worden.")
    assert analysis.ids("exclusions") == []


def test_exclusion_only_barrier_of_some_people_in_a_context_part_not_found(read):
    analysis = read(
        "Waarom dit project?\nIn de regio zijn er ook werkzoekenden voor wie vervoer het enige probleem is en die "
        "verder geen problemen hebben.\n\nOnze aanpak\nWe begeleiden alleenstaande moeders naar werk."
    )
    assert analysis.ids("exclusions") == []


# --- challenges and personas -------------------------------------------------------------------------------


def test_challenges_named_by_number_found(read):
    analysis = read("Ons voorstel speelt in op regio-uitdaging 1 en 3.")
    assert analysis.ids("challenges") == ["uitdaging-1", "uitdaging-3"]


def test_challenges_through_persona_found(read):
    analysis = read("We denken aan mensen zoals Roy: dakloos, vaak in de cel geweest, op zoek naar werk.")
    assert analysis.ids("personas") == ["roy"]
    assert analysis.ids("challenges") == ["uitdaging-2"]


def test_personas_first_name_of_contact_person_not_persona(read):
    analysis = read("Voor vragen kan u terecht bij onze coördinator John Vandersteen.")
    assert analysis.ids("personas") == []


def test_personas_named_only_to_exclude_not_found(read):
    analysis = read("Regio-uitdaging 2 (Marcel, Roy en John) valt niet onder dit voorstel.")
    assert (analysis.ids("personas"), analysis.ids("challenges")) == ([], [])


def test_personas_volunteer_sharing_persona_name_not_persona(read):
    analysis = read("Onze vrijwilligster Chadia kookt elke week voor de groep.")
    assert analysis.ids("personas") == []


def test_challenges_only_in_unfunded_phase_not_found(read):
    analysis = read("Indien bijkomende financiering: uitbreiding van de werking naar regio-uitdaging 1.")
    assert analysis.ids("challenges") == []


# --- evidence and completeness -----------------------------------------------------------------------------


def test_evidence_names_document_page_and_sentence(read):
    analysis = read(
        "Wie zijn wij\nEen kleine vzw uit Limburg.",
        "Aanpak\nIn het project zelf. Elke week organiseren we een praattafel Nederlands in de bibliotheek.",
        name="projectvoorstel.docx",
    )
    finding = next(item for item in analysis.service_types if item.id == "nederlandse-taal")
    assert finding.evidence[0] == Evidence(
        document="projectvoorstel.docx",
        page=2,
        quote="Elke week organiseren we een praattafel Nederlands in de bibliotheek.",
    )


def test_evidence_long_sentence_trimmed(read):
    filler = "en zo verder met nog meer uitleg over de werking van de organisatie " * 8
    analysis = read(f"Wij bieden, {filler}, ook woonbegeleiding aan, {filler}.")
    quote = analysis.service_types[0].evidence[0].quote
    assert len(quote) <= 310
    assert "woonbegeleiding" in quote


def test_evidence_long_sentence_ending_in_the_word_keeps_it(read):
    filler = "en zo verder met nog meer uitleg over de werking van de organisatie " * 8
    analysis = read(f"Wij geven uitleg {filler} en bieden ook woonbegeleiding.")
    quote = analysis.service_types[0].evidence[0].quote
    assert quote.endswith("en bieden ook woonbegeleiding.")
    assert quote.startswith("… ") and len(quote) <= 310


COMPLETE_PROPOSAL = [
    "Wie zijn wij\nDe Brug vzw, contactpersoon An Claes, an.claes@debrug.be.\n\n"
    "Doelgroep\nWe richten ons op alleenstaande moeders zoals Chadia (regio-uitdaging 3).\n\n"
    "Aanpak\nWij organiseren taallessen en oefenmomenten Nederlands voor anderstalige moeders.\n\n"
    "Werkingsgebied\nDe lessen gaan door in Sint-Truiden en Gingelom.\n",
    "Partners\nWe werken samen met het Huis van het Nederlands en het OCMW.\n\n"
    "Planning\nSeptember 2023: start van de eerste groep.\nJanuari 2024: tweede groep.\n\n"
    "Begroting\nLoonkost lesgever | € 20.000\nWerking | € 2.500\n",
]


def test_completeness_complete_proposal(read):
    analysis = read(*COMPLETE_PROPOSAL)
    assert (analysis.complete, analysis.incomplete_reasons, analysis.ids("missing_sections")) == (True, [], [])


def test_completeness_missing_budget_gives_reason(read):
    without_budget = [COMPLETE_PROPOSAL[0], COMPLETE_PROPOSAL[1].split("Begroting")[0]]
    analysis = read(*without_budget)
    assert (analysis.complete, analysis.incomplete_reasons) == (False, ["Er ontbreekt een begroting."])


def test_completeness_unreadable_document_incomplete(call, lexicon):
    analysis = analyse([DocumentText("scan.pdf", [""], readable=False)], call, lexicon)
    assert analysis.complete is False
    assert analysis.incomplete_reasons[0].startswith("We konden geen leesbaar projectvoorstel vinden")


def test_completeness_thresholds_come_from_config(call, lexicon):
    lenient = call.model_copy(
        update={"completeness": call.completeness.model_copy(update={"require_all_sections": False, "min_challenges": 0})}
    )
    analysis = analyse([DocumentText("v.pdf", ["Wij bieden woonbegeleiding in Heers."])], lenient, lexicon)
    assert (analysis.complete, analysis.incomplete_reasons) == (True, [])


def test_analyse_same_input_same_output(read):
    assert read(*COMPLETE_PROPOSAL) == read(*COMPLETE_PROPOSAL)


def test_analysis_ids_unknown_field_raises(read):
    with pytest.raises(ValueError, match="unknown field 'service_type'"):
        read("Tekst.").ids("service_type")


# --- lexicon shape -----------------------------------------------------------------------------------------


def test_lexicon_shape_error_names_file_key_and_fix(call):
    lexicon = dict(call.lexicon)
    lexicon["service_types"] = {**lexicon["service_types"], "huisvesting": {"stems": "woonbegeleid"}}
    broken = call.model_copy(update={"lexicon": lexicon})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    assert str(error.value).splitlines() == [
        "config/call.yaml: invalid lexicon",
        "  lexicon.service_types.huisvesting.stems: expected a list, e.g. [woonbegeleiding, huurwoning]",
    ]


def test_lexicon_unknown_cue_error_lists_the_cues(call):
    lexicon = dict(call.lexicon)
    lexicon["cues"] = {**lexicon["cues"], "job_sectors": {"phrases": ["sector"]}}
    broken = call.model_copy(update={"lexicon": lexicon})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    line = str(error.value).splitlines()[1]
    assert line.startswith("  lexicon.cues.job_sectors: unknown cue; the cues are negation, ")
    assert "job_sector" in line


def test_lexicon_fixed_person_domains_are_configurable(call):
    lexicon = dict(call.lexicon)
    services = dict(lexicon["service_types"])
    services["trajectbegeleiding"] = {**services["trajectbegeleiding"], "min_domains": 2}
    relaxed = call.model_copy(update={"lexicon": {**lexicon, "service_types": services}})
    text = "Elke deelnemer krijgt een vaste begeleider. Die helpt met geld en wonen."
    assert "trajectbegeleiding" in analyse([DocumentText("v.pdf", [text])], relaxed).ids("service_types")
    assert "trajectbegeleiding" not in analyse([DocumentText("v.pdf", [text])], call).ids("service_types")


def test_lexicon_missing_concept_error_says_how_to_fix(call):
    lexicon = dict(call.lexicon)
    lexicon["service_types"] = {k: v for k, v in lexicon["service_types"].items() if k != "kinderopvang"}
    broken = call.model_copy(update={"lexicon": lexicon})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    assert str(error.value).splitlines()[1] == (
        "  lexicon.service_types.kinderopvang: missing; every ID under service_types needs a lexicon entry "
        "(add at least one phrase)"
    )


@pytest.mark.parametrize(
    ("group", "key", "field", "value", "message"),
    [
        (
            "challenges", "uitdaging-1", "yields_to", "uitdaging-9",
            "  lexicon.challenges.uitdaging-1.yields_to: 'uitdaging-9' is not another ID under challenges of this "
            "call; use one of uitdaging-2, uitdaging-3",
        ),
        (
            "exclusions", "enkel-praktische-drempels", "yields_to", "hoogopgeleiden",
            "  lexicon.exclusions.enkel-praktische-drempels.yields_to: 'hoogopgeleiden' is not another ID under "
            "exclusions of this call; use one of hooggeschoolde-nieuwkomers",
        ),
        (
            "service_types", "netwerk", "weak_with", "uitdaging-4",
            "  lexicon.service_types.netwerk.weak_with: 'uitdaging-4' is not a challenge of this call; "
            "use one of uitdaging-1, uitdaging-2, uitdaging-3",
        ),
    ],
)
def test_lexicon_unknown_concept_reference_error_says_how_to_fix(call, group, key, field, value, message):
    lexicon = dict(call.lexicon)
    entries = dict(lexicon[group])
    entries[key] = {**entries[key], field: [value]}
    broken = call.model_copy(update={"lexicon": {**lexicon, group: entries}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    assert str(error.value).splitlines()[1] == message


def test_lexicon_unknown_key_lists_the_keys_of_that_entry(call):
    lexicon = dict(call.lexicon)
    places = dict(lexicon["municipalities"])
    places["alken"] = {**places["alken"], "hamlets": ["Terlogt"]}
    broken = call.model_copy(update={"lexicon": {**lexicon, "municipalities": places}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    line = str(error.value).splitlines()[1]
    assert line.startswith("  lexicon.municipalities.alken.hamlets: unknown key; use one of names, adjectives, ")
    assert "neighbourhoods" in line and "phrases" not in line


def test_lexicon_with_challenge_without_weak_with_is_an_error(call):
    lexicon = dict(call.lexicon)
    services = dict(lexicon["service_types"])
    services["netwerk"] = {**services["netwerk"], "with_challenge": ["bedrijfsbezoek*"]}
    broken = call.model_copy(update={"lexicon": {**lexicon, "service_types": services}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    assert str(error.value).splitlines()[1] == (
        "  lexicon.service_types.netwerk.with_challenge: counts only when a challenge under weak_with is found, "
        "and weak_with is empty; add the challenges to weak_with or remove with_challenge"
    )


def test_analysis_works_for_a_call_without_the_fixed_person_service(call):
    lexicon = dict(call.lexicon)
    services = {key: value for key, value in lexicon["service_types"].items() if key != "trajectbegeleiding"}
    call_types = {key: value for key, value in call.service_types.items() if key != "trajectbegeleiding"}
    smaller = call.model_copy(update={"lexicon": {**lexicon, "service_types": services}, "service_types": call_types})
    text = "Elke deelnemer krijgt een budgetcoach. We helpen met schulden en papieren."
    assert "administratie-financien" in analyse([DocumentText("v.pdf", [text])], smaller).ids("service_types")


def test_lexicon_key_read_only_by_another_group_is_an_error(call):
    lexicon = dict(call.lexicon)
    personas = dict(lexicon["personas"])
    personas["nora"] = {**personas["nora"], "shared": ["alleenstaande moeder"]}
    broken = call.model_copy(update={"lexicon": {**lexicon, "personas": personas}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    assert str(error.value).splitlines()[1] == (
        "  lexicon.personas.nora.shared: only read under challenges and exclusions; remove it here"
    )


def test_lexicon_profile_with_short_piece_is_an_error(call):
    lexicon = dict(call.lexicon)
    challenges = dict(lexicon["challenges"])
    challenges["uitdaging-1"] = {**challenges["uitdaging-1"], "profile": [["moeder"], ["ps"]]}
    broken = call.model_copy(update={"lexicon": {**lexicon, "challenges": challenges}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    line = str(error.value).splitlines()[1]
    assert line.startswith("  lexicon.challenges.uitdaging-1.profile: ")
    assert "'ps' in a profile must be one word beginning of at least 3 letters" in line


def test_lexicon_profile_under_service_types_is_an_error(call):
    lexicon = dict(call.lexicon)
    services = dict(lexicon["service_types"])
    services["huisvesting"] = {**services["huisvesting"], "profile": [["huurder"], ["achterstal"]]}
    broken = call.model_copy(update={"lexicon": {**lexicon, "service_types": services}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    assert str(error.value).splitlines()[1] == (
        "  lexicon.service_types.huisvesting.profile: only read under challenges; remove it here"
    )


def test_lexicon_ending_shorter_than_three_letters_is_an_error(call):
    lexicon = dict(call.lexicon)
    services = dict(lexicon["service_types"])
    services["netwerk"] = {**services["netwerk"], "endings": ["je"]}
    broken = call.model_copy(update={"lexicon": {**lexicon, "service_types": services}})
    with pytest.raises(LexiconError) as error:
        build_lexicon(broken)
    line = str(error.value).splitlines()[1]
    assert line.startswith("  lexicon.service_types.netwerk.endings: ")
    assert "'je' is shorter than 3 letters" in line


def test_lexicon_added_phrase_works_without_code_change(call):
    lexicon = dict(call.lexicon)
    services = dict(lexicon["service_types"])
    language = services["nederlandse-taal"]
    services["nederlandse-taal"] = {**language, "phrases": [*language["phrases"], "babbelbox"]}
    extended = call.model_copy(update={"lexicon": {**lexicon, "service_types": services}})
    analysis = analyse([DocumentText("v.pdf", ["Wij openen elke woensdag een babbelbox in de bibliotheek."])], extended)
    assert analysis.ids("service_types") == ["nederlandse-taal"]


# --- precision of offers: needs, the call's questions, weak words; recall: paraphrases --------------------


def test_target_group_service_regional_need_not_offered(read):
    analysis = read("Doelgroep\nIn onze streek is er veel generatiearmoede, en dat zien we ook aan onze balie.")
    assert "generatiearmoede" not in analysis.ids("service_types")


def test_target_group_service_own_guidance_offered(read):
    analysis = read("Aanpak\nWe begeleiden gezinnen in generatiearmoede thuis, samen met een ervaringsdeskundige.")
    assert "generatiearmoede" in analysis.ids("service_types")


def test_service_type_question_not_offered(read):
    analysis = read("Hoe kunnen we het sociaal netwerk van deze moeders versterken?")
    assert "netwerk" not in analysis.ids("service_types")


def test_service_type_weak_words_without_actor_not_offered(read):
    analysis = read("Het bestuur telt een voorzitter, een penningmeester en enkele vaste vrijwilligers uit het dorp.")
    assert "netwerk" not in analysis.ids("service_types")


def test_service_type_pointing_back_to_negation_not_offered(read):
    analysis = read("Computerles zit niet in dit voorstel; daarvoor gaan de cursisten naar het digipunt in de bib.")
    assert "digitale-vaardigheden" not in analysis.ids("service_types")


def test_service_type_pointing_back_without_negation_offered(read):
    analysis = read("We openen een digipunt in het buurthuis; daarvoor werven we twee vrijwilligers aan.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_service_type_negation_in_later_subclause_still_offered(read):
    analysis = read("Onze medewerkers zoeken samen met ouders een plaats in de kinderopvang als de werkuren niet passen.")
    assert "kinderopvang" in analysis.ids("service_types")


def test_service_type_own_possessive_service_offered(read):
    analysis = read("In ons digipunt in Brustem kunnen buurtbewoners wekelijks langskomen met vragen over hun gsm.")
    assert "digitale-vaardigheden" in analysis.ids("service_types")


def test_trajectbegeleiding_whole_trajectory_with_presence_found(read):
    analysis = read("Vanuit de presentiebenadering blijft één begeleider bij de cliënt en bewaakt hij het hele traject.")
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_trajectbegeleiding_trajectory_alone_not_found(read):
    analysis = read("Deelnemers doorlopen het hele traject in groep, van intake tot evaluatie.")
    assert "trajectbegeleiding" not in analysis.ids("service_types")


def test_trajectbegeleiding_label_with_verb_read_as_sentence(read):
    analysis = read("Aanpak\nOnze trajectbegeleiding is vraaggestuurd: we starten bij wat de deelnemer zelf wil.")
    assert "trajectbegeleiding" in analysis.ids("service_types")


def test_kinderopvang_organised_for_job_or_training_offered(read):
    analysis = read("Voor moeders die een opleiding starten, organiseren we kinderopvang bij een onthaalouder in de buurt.")
    assert "kinderopvang" in analysis.ids("service_types")


def test_kinderopvang_during_own_activities_still_not_offered(read):
    analysis = read("Tijdens de groepsmomenten voorzien we een kinderoppas in de speelruimte.")
    assert "kinderopvang" not in analysis.ids("service_types")


def test_psychische_hulp_addiction_relapse_counselling_not_found(read):
    analysis = read("Onze psycholoog begeleidt de jongeren met een afbouwplan en terugvalpreventie.")
    assert "psychische-hulp" not in analysis.ids("service_types")


def test_samenwerking_generic_partners_word_not_a_partner(read):
    analysis = read("Organisatie\nVzw De Linde, contact: an@delinde.be\nWe maken het project bekend bij partners en scholen.")
    assert "samenwerking" in analysis.ids("missing_sections")


def test_samenwerking_named_partner_found(read):
    analysis = read("We werken samen met het OCMW van Heers voor de toeleiding van deelnemers.")
    assert "samenwerking" not in analysis.ids("missing_sections")


def test_personas_of_the_call_said_not_to_fit_in_the_next_sentence_are_not_targeted(read):
    analysis = read(
        "We weten dat het addendum vertrekt van persona's als Marlies, Marcel en Chadia. Onze senioren passen niet in "
        "die profielen, en we gaan ook niet doen alsof. Maar eenzaamheid is hier de drempel die we het vaakst zien."
    )
    assert analysis.ids("personas") == [] and analysis.ids("challenges") == []


def test_persona_declined_two_sentences_later_about_the_same_people_is_not_targeted(read):
    analysis = read(
        "Anderstalige nieuwkomers, onder wie veel jonge moeders (het profiel van de persona Chadia). In onze drie "
        "gemeenten zijn zij een kleine groep; ze volgen NT2 bij het CVO. Wij richten ons niet specifiek op hen."
    )
    assert "chadia" not in analysis.ids("personas")


def test_persona_followed_by_another_group_that_is_declined_stays_targeted(read):
    analysis = read(
        "Vrouwen zoals Chadia uit het addendum: sinds kort in België, vaak alleen met de kinderen, met weinig "
        "Nederlands. Veel van hen zijn nog nooit buitenshuis aan de slag geweest. Vrouwen met een hoger diploma horen "
        "niet in dit project; voor hen verwijzen we naar NARIC en VDAB."
    )
    assert "chadia" in analysis.ids("personas")


def test_a_no_to_a_group_covers_the_trait_that_follows_it(read):
    analysis = read(
        "Onze jongeren zijn schoolverlaters zonder diploma. Het zijn geen jonge daklozen en het zijn geen jongeren in "
        "een zware verslaving."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_a_no_to_something_else_leaves_the_group_with_its_trait(read):
    analysis = read("We hebben geen wachtlijst voor mannen met een verslaving die net uit de gevangenis komen.")
    assert "uitdaging-2" in analysis.ids("challenges")


def test_men_whose_help_exists_elsewhere_and_are_sent_there_are_not_targeted(read):
    analysis = read(
        "3. Doelgroep\n\nWe richten ons op jonge moeders met psychische problemen.\n\nDe doelgroep van regio-uitdaging 2 "
        "valt buiten dit voorstel. Voor mannen met een verslavings- of psychiatrische problematiek bestaan in de zone al "
        "het mobiel team en de samenwerking met het MSOC; we verwijzen daarheen."
    )
    assert "uitdaging-2" not in analysis.ids("challenges")


def test_mothers_who_speak_little_or_no_dutch_from_syria_fit_challenge_3(read):
    analysis = read(
        "Elke woensdag komen we samen met moeders die hier wonen en nog weinig of geen Nederlands spreken: twee uit "
        "Syrië, één uit Eritrea, drie uit Afghanistan."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_mothers_we_give_no_dutch_lessons_do_not_make_the_language_trait(read):
    analysis = read("We geven de moeders geen lessen Nederlands; ze komen uit Syrië en Afghanistan en koken samen.")
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_mothers_only_a_few_years_in_belgium_who_speak_little_dutch_fit_challenge_3(read):
    analysis = read(
        "Ik zie elke week vrouwen in mijn winkel die thuis zitten met kleine kinderen, weinig Nederlands spreken en nog "
        "nooit in België gewerkt hebben. Ik wil zes vrouwen tegelijk in mijn atelier laten meedraaien."
    )
    assert "uitdaging-3" in analysis.ids("challenges")


def test_belgian_mothers_alone_with_children_do_not_fit_challenge_3_by_their_country(read):
    analysis = read(
        "Het gaat om Belgische mama's die er alleen voor staan met kleine kinderen en die het financieel moeilijk hebben."
    )
    assert "uitdaging-3" not in analysis.ids("challenges")


def test_under_the_target_heading_it_is_often_about_these_mothers(read):
    analysis = read(
        "Doelgroep\n\nHet gaat in de praktijk vaak om jonge moeders die na een scheiding alleen staan, met psychische "
        "klachten, een smal netwerk en weinig vertrouwen in instanties."
    )
    assert "uitdaging-1" in analysis.ids("challenges")


WHAT_WE_SEE = (
    "Wat we zien\n\nHet gaat meestal om een mama die er alleen voor staat en het psychisch moeilijk heeft, met schulden "
    "en een kind dat geplaatst werd.\n\nVoor wie\n\n"
)


def test_people_seen_in_the_context_part_whom_the_target_part_names_again_are_targeted(read):
    analysis = read(WHAT_WE_SEE + "Voor moeders in een kwetsbare situatie uit Heers die in begeleiding zijn bij het CAW.")
    assert "uitdaging-1" in analysis.ids("challenges")


def test_people_seen_in_the_context_part_but_not_in_the_target_part_are_not_targeted(read):
    analysis = read(WHAT_WE_SEE + "Voor alle inwoners van Heers die vragen hebben over hun energiefactuur.")
    assert "uitdaging-1" not in analysis.ids("challenges")


def test_graduates_said_not_to_be_our_group_are_not_aimed_at(read):
    analysis = read(
        "Vrouwen met een universitair diploma die enkel hun diploma willen laten erkennen, zijn niet onze groep."
    )
    assert analysis.ids("exclusions") == []


def test_graduates_we_do_not_help_with_their_diploma_are_not_aimed_at(read):
    analysis = read(
        "Mannen met een diploma van de universiteit die alleen hun diploma willen laten erkennen helpen wij daar niet "
        "mee, die vinden de weg via NARIC en VDAB."
    )
    assert analysis.ids("exclusions") == []


def test_graduates_we_help_so_their_talent_is_not_lost_are_aimed_at(read):
    analysis = read(
        "Nieuwkomers met een diploma: hooggeschoolde nieuwkomers die enkel hun diploma erkend willen zien, helpen we "
        "met hun NARIC-dossier, zodat hun talent niet verloren gaat."
    )
    assert "hooggeschoolde-nieuwkomers" in analysis.ids("exclusions")
