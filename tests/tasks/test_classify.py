from __future__ import annotations

import pytest

from tasks.classify import (
    MessageFacts,
    body_is_proposal,
    classify,
    guess_organisation,
    guess_title,
    normalise_name,
    reference_in,
)

pytestmark = pytest.mark.unit


def _facts(**changes) -> MessageFacts:
    values = dict(unparseable=False, duplicate=False, auto_reply=False, spam=False, from_reviewer=False,
                  has_sheet=False, answers_decision=False, decision_sent_for_sender=False, has_documents=False, body="")
    values.update(changes)
    return MessageFacts(**values)


@pytest.mark.parametrize(
    ("changes", "kind"),
    [
        ({"unparseable": True, "has_documents": True}, "other"),
        ({"duplicate": True, "auto_reply": True}, "duplicate"),
        ({"auto_reply": True, "has_documents": True}, "auto-reply"),
        ({"spam": True}, "spam"),
        ({"from_reviewer": True, "has_sheet": True, "has_documents": True}, "review-return"),
        ({"from_reviewer": True, "has_documents": True}, "application"),
        ({"answers_decision": True, "has_documents": True}, "rebuttal"),
        ({"has_documents": True}, "application"),
        ({"body": "Mogen we met twee organisaties samen indienen?"}, "question"),
        ({"body": "Groeten"}, "other"),
    ],
)
def test_classify_precedence(changes, kind):
    assert classify(_facts(**changes)) == kind


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Organisatie: vzw De Brug\nContactpersoon: An", ("vzw De Brug", "labelled")),
        ("| Naam organisatie | OCMW Heers |", ("OCMW Heers", "labelled")),
        ("Ingediend door: Armoedeproject Het Netwerk vzw", ("Armoedeproject Het Netwerk vzw", "labelled")),
        ("Opvang De Vlinder vzw\nInleiding\nWe merken dat", ("Opvang De Vlinder vzw", "named")),
        ("Vrijwilligerswerking De Kiem is een vzw die al 30 jaar werkt.", ("Vrijwilligerswerking De Kiem", "named")),
        ("Wij werken samen met het CAW Limburg.", ("CAW Limburg", "named")),
        ("een vzw die al meer dan dertig jaar", ("kiem.be", "domain")),
    ],
)
def test_guess_organisation_sources(text, expected):
    assert guess_organisation([text], "An Peeters", "kiem.be", False) == expected


def test_guess_organisation_public_domain_falls_back_to_sender_name():
    assert guess_organisation(["geen naam hier"], "Jan Peeters", "gmail.com", True) == ("Jan Peeters", "sender-name")


def test_normalise_name_ignores_legal_form_case_and_accents():
    assert normalise_name("VZW Café De Brug") == normalise_name("Cafe de Brug vzw") == "cafe de brug"


def test_reference_in_subject():
    assert reference_in("Re: Aanvulling HAS-2023-007 (begroting)", "HAS-2023") == "HAS-2023-007"
    assert reference_in("Kandidatuur 2023", "HAS-2023") is None


def test_guess_title_strips_reply_prefixes_and_leads():
    assert guess_title([""], "Fwd: RE: Kandidatuur: Samen Sterk in Heers") == "Samen Sterk in Heers"
    assert guess_title(["Titel: Kompas\nTekst"], "Kandidatuur") == "Kompas"


def test_body_is_proposal_long_structured_body():
    proposal = "Doelgroep: gezinnen. Aanpak: trajectbegeleiding. Begroting: 20.000 euro. " * 25
    assert (body_is_proposal(proposal), body_is_proposal("In bijlage ons voorstel. Groeten")) == (True, False)
