from __future__ import annotations

import base64
import json
import os
from datetime import UTC, datetime

import pytest

from tasks.mailbox import (
    ZipLimits,
    newest_received_time,
    parse_message,
    parsed_from_frame,
    parsed_to_frame,
    scan_inbox,
)
from tests.factories.documents import make_docx, make_pdf, make_zip, make_zip_bomb
from tests.factories.mails import (
    Attached,
    MailSpec,
    brussels,
    build_mail,
    docx_attachment,
    make_tnef,
    pdf_attachment,
    raw_mail_with_encoded_filename,
    write_mail,
)

pytestmark = pytest.mark.unit


def test_parse_message_reads_headers_body_and_attachments():
    pdf = make_pdf(["Projectvoorstel vzw De Brug"])
    data = build_mail(MailSpec(attachments=[pdf_attachment("voorstel.pdf", pdf)], message_id="<abc@vzwdebrug.be>"))

    parsed = parse_message(data)

    assert parsed.sender == "an.peeters@vzwdebrug.be"
    assert parsed.sender_name == "An Peeters"
    assert parsed.message_id == "<abc@vzwdebrug.be>"
    assert parsed.received == brussels(2023, 5, 20, 14, 3)
    assert parsed.body_text.startswith("Beste,")
    assert [(a.filename, a.data, a.origin) for a in parsed.attachments] == [("voorstel.pdf", pdf, "attachment")]
    assert parsed.problems == []


def test_newest_received_time_uses_topmost_header_not_date():
    data = build_mail(MailSpec(received_at=brussels(2023, 6, 2, 0, 1), sent_at=brussels(2023, 6, 1, 23, 58)))
    parsed = parse_message(data)
    assert parsed.received == brussels(2023, 6, 2, 0, 1)
    assert parsed.date == brussels(2023, 6, 1, 23, 58)


def test_newest_received_time_skips_header_without_date():
    import email
    import email.policy

    message = email.message_from_bytes(
        b"Received: by local.host (no date here)\r\nReceived: from x by mx; Fri, 02 Jun 2023 00:01:00 +0200\r\n\r\nx",
        policy=email.policy.default,
    )
    assert newest_received_time(message) == brussels(2023, 6, 2, 0, 1)


def test_parse_message_decodes_rfc2231_filename():
    pdf = make_pdf(["Voorstel"])
    header = "Content-Disposition: attachment; filename*=utf-8''Projectvoorstel%20caf%C3%A9%20%C3%A9%C3%A9n.pdf"
    data = raw_mail_with_encoded_filename(header, base64.b64encode(pdf).decode(), brussels(2023, 5, 1))
    parsed = parse_message(data)
    assert [a.filename for a in parsed.attachments] == ["Projectvoorstel café één.pdf"]
    assert parsed.attachments[0].data == pdf


def test_parse_message_decodes_encoded_word_filename():
    pdf = make_pdf(["Voorstel"])
    header = 'Content-Disposition: attachment; filename="=?utf-8?q?Begroting_Caf=C3=A9.pdf?="'
    data = raw_mail_with_encoded_filename(header, base64.b64encode(pdf).decode(), brussels(2023, 5, 1))
    assert [a.filename for a in parse_message(data).attachments] == ["Begroting Café.pdf"]


def test_parse_message_html_only_body_becomes_text():
    spec = MailSpec(body="", html="<html><body><p>Beste,</p><p>Ons <b>voorstel</b> volgt.</p></body></html>")
    data = build_mail(spec)
    parsed = parse_message(data)
    assert "Ons voorstel volgt." in parsed.body_text


def test_parse_message_wrong_charset_does_not_fail():
    data = (
        b"From: x@vzw.be\r\nTo: info@bijzig.be\r\nSubject: test\r\nDate: Mon, 1 May 2023 10:00:00 +0200\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
    ) + "Financiën en cliënten\r\n".encode("cp1252")
    parsed = parse_message(data)
    assert parsed.body_text == "Financiën en cliënten"


def test_parse_message_inline_logo_is_not_an_attachment():
    logo = Attached("logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50, "image/png", disposition="inline", content_id="<logo1>")
    data = build_mail(MailSpec(html='<p>Hallo <img src="cid:logo1"></p>', attachments=[logo]))
    parsed = parse_message(data)
    assert parsed.attachments == []
    assert parsed.inline_images == 1


def test_parse_message_forwarded_mail_attachments_are_found():
    pdf = make_pdf(["Doorgestuurd voorstel"])
    inner = build_mail(MailSpec(attachments=[pdf_attachment("voorstel.pdf", pdf)], subject="Kandidatuur"))
    outer = build_mail(MailSpec(subject="Fwd: Kandidatuur", forwarded=inner))
    parsed = parse_message(outer)
    assert [(a.filename, a.origin) for a in parsed.attachments] == [("voorstel.pdf", "forwarded")]


def test_parse_message_tnef_winmail_attachments_are_extracted():
    docx = make_docx(["Voorstel uit Outlook"])
    winmail = make_tnef({"Voorstel.docx": docx})
    data = build_mail(MailSpec(attachments=[Attached("winmail.dat", winmail, "application/ms-tnef")]))
    parsed = parse_message(data)
    assert [(a.filename, a.data, a.origin) for a in parsed.attachments] == [("Voorstel.docx", docx, "tnef")]


def test_parse_message_zip_is_expanded_into_members():
    pdf, docx = make_pdf(["A"]), make_docx(["B"])
    archive = make_zip({"voorstel.pdf": pdf, "bijlagen/begroting.docx": docx})
    parsed = parse_message(build_mail(MailSpec(attachments=[Attached("kandidatuur.zip", archive, "application/zip")])))
    assert sorted((a.filename, a.origin) for a in parsed.attachments) == [
        ("kandidatuur.zip/bijlagen/begroting.docx", "zip"),
        ("kandidatuur.zip/voorstel.pdf", "zip"),
    ]


def test_parse_message_zip_bomb_is_kept_with_problem():
    bomb = make_zip_bomb()
    parsed = parse_message(build_mail(MailSpec(attachments=[Attached("bom.zip", bomb, "application/zip")])), ZipLimits())
    assert [(a.filename, a.problem) for a in parsed.attachments] == [("bom.zip", "zip-bomb")]


def test_parse_message_docx_is_not_expanded_as_zip():
    docx = make_docx(["Voorstel"])
    parsed = parse_message(build_mail(MailSpec(attachments=[docx_attachment("voorstel.docx", docx)])))
    assert [a.filename for a in parsed.attachments] == ["voorstel.docx"]


def test_parse_message_auto_reply_by_header_and_subject():
    by_header = parse_message(build_mail(MailSpec(headers={"Auto-Submitted": "auto-replied"}, subject="Re: oproep")))
    by_subject = parse_message(build_mail(MailSpec(subject="Afwezigheidsmelding: An Peeters")))
    ordinary = parse_message(build_mail(MailSpec(subject="Kandidatuur")))
    assert (by_header.auto_reply, by_subject.auto_reply, ordinary.auto_reply) == (True, True, False)


def test_parse_message_finds_password_in_body():
    parsed = parse_message(build_mail(MailSpec(body="Beste,\nHet wachtwoord is: Haspengouw2023\nGroeten")))
    assert parsed.passwords == ["Haspengouw2023"]


def test_parse_message_random_bytes_is_unparseable():
    parsed = parse_message(os.urandom(2000))
    assert parsed.problems == ["unparseable"]


def test_parse_message_missing_headers_does_not_raise():
    parsed = parse_message(b"Subject: alleen een onderwerp\r\n\r\nTekst")
    assert (parsed.sender, parsed.subject, parsed.received) == (None, "alleen een onderwerp", None)


def test_scan_inbox_finds_eml_and_maildir_and_skips_symlinks(tmp_path):
    inbox = tmp_path / "inbox"
    write_mail(inbox, "a.eml", MailSpec())
    (inbox / "new").mkdir()
    (inbox / "cur").mkdir()
    (inbox / "tmp").mkdir()
    (inbox / "new" / "1685656789.M1P2.mx:2,").write_bytes(build_mail(MailSpec()))
    (inbox / "tmp" / "1685656790.in-progress").write_bytes(b"partial")
    outside = tmp_path / "secret.eml"
    outside.write_bytes(b"From: x\r\n\r\nsecret")
    (inbox / "link.eml").symlink_to(outside)
    (inbox / "linked-dir").symlink_to(tmp_path)
    (inbox / "notes.txt").write_text("not mail")

    found = scan_inbox(inbox)

    assert [f.name for f in found] == ["a.eml", "new/1685656789.M1P2.mx:2,"]
    assert found[1].maildir_time == datetime.fromtimestamp(1685656789, tz=UTC)


def test_parse_message_outlook_logo_marked_attachment_but_shown_inline_is_skipped():
    logo = Attached("image001.png", b"\x89PNG\r\n\x1a\n" + b"0" * 50, "image/png", content_id="<image001.png@01D9>")
    pdf = make_pdf(["Voorstel"])
    data = build_mail(MailSpec(html='<p>Groeten</p><img src="cid:image001.png@01D9">',
                               attachments=[logo, pdf_attachment("voorstel.pdf", pdf)]))
    parsed = parse_message(data)
    assert ([a.filename for a in parsed.attachments], parsed.inline_images) == (["voorstel.pdf"], 1)


def test_parse_message_phishing_is_spam_and_ordinary_question_is_not():
    from tasks.mailbox import looks_like_spam

    phishing = parse_message(build_mail(MailSpec(sender="IT <support@quota-alert.top>",
                                                 subject="Uw mailbox is bijna vol", body="Bevestig uw account hier.")))
    question = parse_message(build_mail(MailSpec(subject="Vraag", body="Is mijn mailbox de juiste plek voor de kandidatuur?")))
    assert (looks_like_spam(phishing), looks_like_spam(question)) == (True, False)


def test_parsed_frame_round_trip_keeps_every_field_and_attachment_bytes():
    pdf, docx = make_pdf(["Voorstel"]), make_docx(["Begroting"])
    data = build_mail(MailSpec(attachments=[pdf_attachment("voorstel.pdf", pdf), docx_attachment("begroting.docx", docx)],
                               body="Wachtwoord: geheim123", message_id="<rt@vzwdebrug.be>"))
    parsed = parse_message(data)
    parsed.add_problem("timeout", "uitleg")

    header, payload = parsed_to_frame(parsed)
    restored = parsed_from_frame(json.loads(json.dumps(header)), payload)

    assert restored == parsed
    assert [a.data for a in restored.attachments] == [pdf, docx]


def test_parsed_frame_with_a_short_payload_is_refused():
    parsed = parse_message(build_mail(MailSpec(attachments=[pdf_attachment("voorstel.pdf", make_pdf(["x"]))])))
    header, payload = parsed_to_frame(parsed)

    with pytest.raises(ValueError, match="payload"):
        parsed_from_frame(header, payload[:-1])
