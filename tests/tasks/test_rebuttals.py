from __future__ import annotations

import email
import email.policy
import io

import pypdf
import pytest
from sqlalchemy import select

from callflow.workspace import Workspace
from tasks import decisions, rebuttals
from tasks.registry import Mail, RebuttalPacket, Registry
from tests.factories.documents import make_docx, make_pdf
from tests.factories.mails import MailSpec, brussels, docx_attachment, pdf_attachment, write_mail
from tests.tasks.test_decisions import (
    fresh_workspace,
    preload_config,
    record,
    seed_applications,
    send_decisions,
    workspace_with,
)
from tests.tasks.test_intake import records, run_intake

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def loaded_config(tmp_path_factory):
    return preload_config(tmp_path_factory)


@pytest.fixture
def ws(tmp_path, loaded_config) -> Workspace:
    return fresh_workspace(tmp_path, loaded_config)


APPLIED = brussels(2023, 7, 13, 9, 0)
SENT = brussels(2023, 7, 13, 11, 0)  # windows close on Thursday 27 July 2023 at 23:59
CLOSED = brussels(2023, 7, 28, 0, 5)
MOTIVATIONS = {
    "HAS-2023-001": ("rejected", "Het project werkt enkel in Hasselt, buiten het werkingsgebied."),
    "HAS-2023-002": ("conditional", "Voorwaarde: een tweede partner uit Heers."),
    "HAS-2023-003": ("approved", "Sterke aanpak voor Marlies en Nora."),
}


def decided(ws: Workspace, count: int = 3) -> dict[str, str]:
    """Applications with decision mails sent at SENT; returns reference → the decision mail's Message-ID."""
    seed_applications(ws, count)
    record(ws, *[(reference, outcome, motivation) for reference, (outcome, motivation) in MOTIVATIONS.items()
                 if int(reference[-3:]) <= count])
    decisions.apply_decisions(ws, Registry(ws.database_url), APPLIED)
    send_decisions(ws, SENT)
    with Registry(ws.database_url).session() as session:
        return {m.application: m.message_id_header
                for m in session.scalars(select(Mail).where(Mail.kind == "decision", Mail.status == "sent"))}


def mails_of(ws: Workspace, kind: str) -> list[tuple[str, str, str, email.message.EmailMessage]]:
    """(key, status, to, parsed message) of every mail of a kind, in queue order."""
    result = []
    with Registry(ws.database_url).session() as session:
        for row in session.scalars(select(Mail).where(Mail.kind == kind).order_by(Mail.id)):
            path = ws.outbox / ("sent" if row.status == "sent" else "pending") / row.eml_file
            parsed = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            result.append((row.key, row.status, row.to_addr, parsed))
    return result


def pdf_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_window_closes_at_2359_on_the_14th_day_and_later_with_an_extension(tmp_path):
    ws = workspace_with(tmp_path, CALLFLOW__DECISIONS__REBUTTAL_EXTENSIONS="{HAS-2023-002: 3}")
    decided(ws, 2)
    with Registry(ws.database_url).session() as session:
        windows = [rebuttals.window_for(ws, session, reference) for reference in ("HAS-2023-001", "HAS-2023-002")]
    assert [(w.opened_at, w.closes_at, w.extension_days) for w in windows] == [
        (SENT, brussels(2023, 7, 27, 23, 59), 0), (SENT, brussels(2023, 7, 30, 23, 59), 3)]


def test_window_before_the_decision_mail_is_sent_does_not_exist(ws):
    seed_applications(ws, 1)
    record(ws, ("HAS-2023-001", "approved", "Goed."))
    decisions.apply_decisions(ws, Registry(ws.database_url), APPLIED)
    with Registry(ws.database_url).session() as session:
        assert rebuttals.window_for(ws, session, "HAS-2023-001") is None


def test_intake_threaded_reply_from_another_address_is_an_on_time_rebuttal_with_receipt(ws):
    sent = decided(ws, 1)
    write_mail(ws.inbox, "antwoord.eml", MailSpec(
        sender="Secretariaat <secretariaat@vzwdebrug.be>", subject="RE: uw beslissing",
        body="Wij zijn het niet eens: we werken wel in Sint-Truiden.", received_at=brussels(2023, 7, 20, 10, 0),
        message_id="<weerwoord-1@vzwdebrug.be>",
        headers={"In-Reply-To": sent["HAS-2023-001"], "References": f"<kandidatuur-1@vzwdebrug.be> {sent['HAS-2023-001']}"}))

    report = run_intake(ws, brussels(2023, 7, 20, 10, 10))

    record_ = records(ws)["antwoord.eml"]
    assert (record_["kind"], record_["rebuttal_of"], record_["on_time"], record_["problems"]) == (
        "rebuttal", "HAS-2023-001", True, [])
    assert report.mails == [f"rebuttal-receipt:HAS-2023-001:{record_['sha256'][:16]}"]
    [(key, status, to, receipt)] = mails_of(ws, "rebuttal-receipt")
    assert (status, to, receipt["In-Reply-To"]) == ("sent", "secretariaat@vzwdebrug.be", "<weerwoord-1@vzwdebrug.be>")
    assert receipt["Subject"] == "Ontvangstbevestiging weerwoord HAS-2023-001"
    text = receipt.get_body(("plain",)).get_content()
    assert "Ontvangen op: donderdag 20 juli 2023 om 10:00" in text
    assert "Termijn voor het weerwoord: tot en met donderdag 27 juli 2023 om 23:59" in text


def test_intake_reference_in_subject_from_a_public_address_is_matched(ws):
    decided(ws, 2)
    write_mail(ws.inbox, "gmail.eml", MailSpec(
        sender="sara.heers@gmail.com", subject="Weerwoord HAS-2023-002", body="Wij hebben een partner in Heers.",
        received_at=brussels(2023, 7, 21, 9, 0)))
    run_intake(ws, brussels(2023, 7, 21, 9, 10))
    record_ = records(ws)["gmail.eml"]
    assert (record_["kind"], record_["rebuttal_of"], record_["on_time"]) == ("rebuttal", "HAS-2023-002", True)


def test_intake_plain_new_mail_from_the_applicant_address_is_matched(ws):
    decided(ws, 3)
    write_mail(ws.inbox, "nieuw.eml", MailSpec(
        sender="Jan <jan@cafedekring.be>", subject="Reactie", body="Dank u, wij hebben nog een vraag over de start.",
        received_at=brussels(2023, 7, 22, 9, 0)))
    run_intake(ws, brussels(2023, 7, 22, 9, 10))
    record_ = records(ws)["nieuw.eml"]
    assert (record_["kind"], record_["rebuttal_of"], record_["on_time"]) == ("rebuttal", "HAS-2023-003", True)


def test_intake_rebuttal_after_the_window_is_flagged_late_and_its_notice_waits(ws):
    decided(ws, 1)
    write_mail(ws.inbox, "laat.eml", MailSpec(
        sender="an.peeters@vzwdebrug.be", subject="Weerwoord HAS-2023-001", body="Sorry voor de vertraging.",
        received_at=brussels(2023, 7, 28, 0, 1), sent_at=brussels(2023, 7, 27, 23, 58)))

    report = run_intake(ws, brussels(2023, 7, 28, 9, 0))

    record_ = records(ws)["laat.eml"]
    assert (record_["kind"], record_["rebuttal_of"], record_["on_time"], record_["problems"]) == (
        "rebuttal", "HAS-2023-001", False, ["late"])
    assert record_["problem_messages"] == [
        "Het weerwoord kwam binnen na het einde van de termijn (donderdag 27 juli 2023 om 23:59) en kan niet meer "
        "meegenomen worden."]
    assert report.late == ["laat.eml"]
    [(key, status, to, notice)] = mails_of(ws, "rebuttal-late-notice")
    assert (status, to, notice["Subject"]) == (
        "draft", "an.peeters@vzwdebrug.be", "Uw weerwoord over HAS-2023-001 kwam na de termijn binnen")
    assert "op vrijdag 28 juli 2023 om 00:01" in notice.get_body(("plain",)).get_content()


def test_intake_mail_that_matches_no_decision_goes_to_the_coordinator_queue(ws):
    decided(ws, 1)
    write_mail(ws.inbox, "onbekend.eml", MailSpec(
        sender="iemand@elders.be", subject="Beslissing?", body="Wanneer hoor ik iets over mijn kandidatuur?",
        received_at=brussels(2023, 7, 20, 9, 0)))
    report = run_intake(ws, brussels(2023, 7, 20, 9, 10))
    assert (records(ws)["onbekend.eml"]["kind"], report.queue) == ("question", ["onbekend.eml"])


def test_close_windows_packet_holds_decision_motivation_text_and_documents(ws):
    sent = decided(ws, 2)
    write_mail(ws.inbox, "weerwoord.eml", MailSpec(
        sender="an.peeters@vzwdebrug.be", subject="Re: beslissing", body="Zie ons weerwoord in bijlage.",
        received_at=brussels(2023, 7, 25, 14, 0), headers={"In-Reply-To": sent["HAS-2023-001"]},
        attachments=[pdf_attachment("weerwoord.pdf", make_pdf(["Weerwoord vzw De Brug\nWij werken in Sint-Truiden.",
                                                                "Bijlage: kaart van de werking."])),
                     docx_attachment("partners.docx", make_docx(["Partnerlijst", "OCMW Sint-Truiden en CAW Limburg"]))]))
    run_intake(ws, brussels(2023, 7, 25, 14, 10))

    report = rebuttals.close_windows(ws, Registry(ws.database_url), CLOSED)

    assert (report.closed, report.packets, report.unanswered) == (
        ["HAS-2023-001", "HAS-2023-002"], ["weerwoord/HAS-2023-001-weerwoord-v1.pdf"], ["HAS-2023-002"])
    pages = pdf_text((ws.packets / report.packets[0]).read_bytes())
    assert len(pages) == 3  # the cover, then the two pages of the original PDF
    cover = " ".join(pages[0].split())
    for expected in ("Weerwoord HAS-2023-001", "Beslissing afgewezen", "Verstuurd op donderdag 13 juli 2023 om 11:00",
                     "Termijn weerwoord tot en met donderdag 27 juli 2023 om 23:59",
                     "Het project werkt enkel in Hasselt, buiten het werkingsgebied.",
                     "Ontvangen op dinsdag 25 juli 2023 om 14:00 binnen de termijn",
                     "Zie ons weerwoord in bijlage.",
                     "weerwoord.pdf (2 pagina's): achteraan in dit pakket toegevoegd als origineel",
                     "OCMW Sint-Truiden en CAW Limburg"):
        assert expected in cover
    assert "Wij werken in Sint-Truiden." in pages[1]
    assert report.overview == "weerwoord/overzicht.pdf"
    overview = " ".join(pdf_text((ws.packets / report.overview).read_bytes())[0].split())
    assert "HAS-2023-001 vzw De Brug afgewezen 13-07-2023 11:00 27-07-2023 23:59 ja (1)" in overview
    assert "HAS-2023-002 OCMW Heers goedgekeurd onder voorwaarden 13-07-2023 11:00 27-07-2023 23:59 nee" in overview
    [(key, status, to, mail)] = mails_of(ws, "coordinator-overview")
    assert (status, to, [part.get_filename() for part in mail.iter_attachments()]) == (
        "approved", "info@bijzig.be", ["overzicht-weerwoord.pdf"])


def test_close_windows_again_builds_nothing_and_a_late_ingested_on_time_rebuttal_rebuilds(ws):
    sent = decided(ws, 1)
    write_mail(ws.inbox, "a.eml", MailSpec(sender="an.peeters@vzwdebrug.be", subject="Re: beslissing",
                                           body="Eerste weerwoord.", received_at=brussels(2023, 7, 24, 9, 0),
                                           headers={"In-Reply-To": sent["HAS-2023-001"]}))
    run_intake(ws, brussels(2023, 7, 24, 9, 10))
    registry = Registry(ws.database_url)
    first = rebuttals.close_windows(ws, registry, CLOSED)
    again = rebuttals.close_windows(ws, registry, brussels(2023, 7, 29, 0, 5))
    # Received before the close but taken in only afterwards (intake was down): the packet must get it.
    write_mail(ws.inbox, "b.eml", MailSpec(sender="an.peeters@vzwdebrug.be", subject="Aanvulling HAS-2023-001",
                                           body="Tweede weerwoord.", received_at=brussels(2023, 7, 27, 23, 30)))
    run_intake(ws, brussels(2023, 7, 29, 9, 0))
    rebuilt = rebuttals.close_windows(ws, registry, brussels(2023, 7, 30, 0, 5))

    assert (first.packets, again.packets, again.mails) == (["weerwoord/HAS-2023-001-weerwoord-v1.pdf"], [], [])
    assert rebuilt.packets == ["weerwoord/HAS-2023-001-weerwoord-v2.pdf"]
    with registry.session() as session:
        assert [(p.version, p.messages) for p in session.scalars(select(RebuttalPacket).order_by(RebuttalPacket.id))] == [
            (1, ["a.eml"]), (2, ["a.eml", "b.eml"])]
    assert "Tweede weerwoord." in " ".join(pdf_text((ws.packets / rebuilt.packets[0]).read_bytes())[0].split())


def test_close_windows_with_jury_queues_one_packet_mail_per_member_waiting_for_approval(tmp_path):
    ws = workspace_with(tmp_path, CALLFLOW__DECISIONS__JURY="[jury1@haspengouw.be, jury2@haspengouw.be]")
    sent = decided(ws, 1)
    write_mail(ws.inbox, "a.eml", MailSpec(sender="an.peeters@vzwdebrug.be", subject="Re: beslissing",
                                           body="Weerwoord.", received_at=brussels(2023, 7, 24, 9, 0),
                                           headers={"In-Reply-To": sent["HAS-2023-001"]}))
    run_intake(ws, brussels(2023, 7, 24, 9, 10))
    rebuttals.close_windows(ws, Registry(ws.database_url), CLOSED)
    packets = mails_of(ws, "rebuttal-packet")
    assert [(key, status, to) for key, status, to, _ in packets] == [
        ("rebuttal-packet:HAS-2023-001:v1:jury1@haspengouw.be", "draft", "jury1@haspengouw.be"),
        ("rebuttal-packet:HAS-2023-001:v1:jury2@haspengouw.be", "draft", "jury2@haspengouw.be")]
    assert [part.get_filename() for part in packets[0][3].iter_attachments()] == ["HAS-2023-001-weerwoord-v1.pdf"]


def test_overview_rows_show_who_answered_in_time_while_windows_run(ws):
    sent = decided(ws, 2)
    write_mail(ws.inbox, "a.eml", MailSpec(sender="an.peeters@vzwdebrug.be", subject="Re: beslissing",
                                           body="Weerwoord.", received_at=brussels(2023, 7, 24, 9, 0),
                                           headers={"In-Reply-To": sent["HAS-2023-001"]}))
    run_intake(ws, brussels(2023, 7, 24, 9, 10))
    with Registry(ws.database_url).session() as session:
        rows = rebuttals.overview_rows(ws, session, brussels(2023, 7, 25, 9, 0))
    assert [(r["reference"], r["outcome"], r["mail_status"], r["on_time"], r["late"], r["window_open"], r["answer_label"])
            for r in rows] == [
        ("HAS-2023-001", "rejected", "sent", ["a.eml"], [], True,
         "weerwoord binnen de termijn (1), termijn loopt nog"),
        ("HAS-2023-002", "conditional", "sent", [], [], True, "geen weerwoord binnen de termijn, termijn loopt nog"),
    ]
