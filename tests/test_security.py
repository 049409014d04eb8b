"""Security cases, one test each, asserted on real outputs: the registry, the archive, the .eml files in
outbox/, reviewer packet PDFs, CLI output and logs.

Hostile input: attachment names with '..', absolute paths, NUL and control characters or a huge length;
symbolic links in the inbox; HTML and script in applicant text; CR/LF (and Unicode line breaks) in values that
reach mail headers; a recipient address smtplib cannot send; ZIP bombs and nested archives; PDFs with thousands
of pages or deep object nesting; oversized mail (one real 100 MB mail under `-m slow`); files that are not mail;
megabyte-long header fields; NUL bytes and overlong header values on SQLite and PostgreSQL. Secrets: the SMTP
password never appears in logs, output, exceptions, the ledger, exports, Prefect's records or any workspace file.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import io
import logging
import os
import re
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from callflow.runtime import extraction_pool
from callflow.workspace import Workspace
from tasks import intake as stages
from tasks import packets
from tasks.mailbox import MAX_HEADER_CHARS, parse_message
from tasks.outbox import MailSpec as OutgoingSpec
from tasks.outbox import build_eml, deliver_for_workspace, queue_mail
from tasks.registry import Mail, Registry
from tasks.storage import MAX_NAME_LENGTH, safe_filename
from tests.conftest import RecordingHandler, free_port, smtp_workspace_environ
from tests.factories.documents import (
    assemble_pdf,
    make_docx_bomb,
    make_image,
    make_pdf,
    make_zip,
    make_zip_bomb,
)
from tests.factories.mails import Attached, MailSpec, brussels, build_mail, pdf_attachment, write_mail
from tests.tasks.test_extract_pool import hostile_mail
from tests.tasks.test_intake import (
    AFTER_DEADLINE,
    PROPOSAL,
    application_mail,
    records,
    run_intake,
    sent_mails,
)

pytestmark = pytest.mark.integration

ACK_HEADERS = ["From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted", "In-Reply-To", "References",
               "MIME-Version", "Content-Type", "Content-Transfer-Encoding"]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=file:///etc/passwd>"


def _workspace(workspace: Workspace, **environ: str) -> Workspace:
    """The fixture's workspace with settings overridden through the environment (CALLFLOW__SECTION__KEY)."""
    return Workspace(workspace.root, environ={**workspace.environ, **environ})


def _raw_mail(attachments: list[tuple[str, bytes]], *, body: bytes = b"In bijlage ons voorstel.",
              received: str = "Sat, 20 May 2023 14:03:00 +0200") -> bytes:
    """A mail written byte by byte, attachment names as RFC 2231 parameters exactly as given: EmailMessage
    would refuse or rewrite the control characters a hostile client sends."""
    parts = [b"--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body + b"\r\n"]
    for name, data in attachments:
        encoded = quote(name.encode("utf-8"), safe="").encode()
        parts.append(b"--B\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                     b"Content-Disposition: attachment; filename*=utf-8''" + encoded + b"\r\n\r\n"
                     + base64.encodebytes(data) + b"\r\n")
    head = (f"Received: from mail.vzwdebrug.be by mx.bijzig.be (Postfix); {received}\r\n"
            "From: An Peeters <an.peeters@vzwdebrug.be>\r\nTo: info@bijzig.be\r\nSubject: Kandidatuur\r\n"
            f"Date: {received}\r\nMessage-ID: <{hashlib.sha1(repr(attachments).encode()).hexdigest()}@vzwdebrug.be>\r\n"
            "MIME-Version: 1.0\r\n").encode()
    return head + b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n' + b"".join(parts) + b"--B--\r\n"


def _files(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file())


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in reader.pages))


# --- attachment names ----------------------------------------------------------------------------------------


def test_intake_attachment_names_with_traversal_nul_control_and_huge_length_are_stored_safely(workspace, tmp_path,
                                                                                             monkeypatch):
    names = ["../../../../tmp/callflow-pwned.pdf", "/etc/cron.d/callflow.pdf", "C:\\Windows\\System32\\hosts.pdf",
             "voor\x00stel.pdf", "regel\r\nBcc: victim@evil.example.pdf", "\u202efdp.exe", "a" * 5000 + ".pdf"]
    documents = [make_pdf([f"Projectvoorstel deel {number}"]) for number in range(len(names))]
    (workspace.inbox / "names.eml").write_bytes(_raw_mail(list(zip(names, documents, strict=True))))
    monkeypatch.chdir(tmp_path)  # a relative path written by mistake would land here

    run_intake(workspace, AFTER_DEADLINE)

    attachments = records(workspace)["names.eml"]["attachments"]
    assert [a["filename"] for a in attachments] == [name.replace("\x00", "") for name in names]  # as sent, NUL aside
    assert [(workspace.archive / a["stored_as"]).read_bytes() for a in attachments] == documents
    assert all(re.fullmatch(r"attachments/[0-9a-f]{2}/[0-9a-f]{64}\.(pdf|exe)", a["stored_as"]) for a in attachments)
    assert [safe_filename(name) for name in names] == [
        "callflow-pwned.pdf", "callflow.pdf", "hosts.pdf", "voorstel.pdf", "regelBcc_ victim@evil.example.pdf",
        "fdp.exe", "a" * (MAX_NAME_LENGTH - 4) + ".pdf"]
    assert sorted(os.listdir(tmp_path)) == ["ws"] and not Path("/tmp/callflow-pwned.pdf").exists()
    [ack] = sent_mails(workspace)
    assert sorted(ack.keys()) == sorted(ACK_HEADERS)  # the name with CR/LF stays in the body
    assert ack["Bcc"] is None


# --- symbolic links ------------------------------------------------------------------------------------------


def test_intake_symlinked_files_and_folders_in_inbox_are_never_followed(workspace, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = build_mail(MailSpec(sender="x@buiten.be", body="GEHEIM-BUITEN-DE-INBOX"))
    (outside / "secret.eml").write_bytes(secret)
    (outside / "1684584000.M1P1.mx:2,").write_bytes(secret)
    write_mail(workspace.inbox, "real.eml", application_mail())
    (workspace.inbox / "link.eml").symlink_to(outside / "secret.eml")
    (workspace.inbox / "map").symlink_to(outside, target_is_directory=True)
    (workspace.inbox / "new").symlink_to(outside, target_is_directory=True)  # a Maildir folder that is a link
    (workspace.inbox / "inner-link.eml").symlink_to(workspace.inbox / "real.eml")
    (workspace.inbox / "dangling.eml").symlink_to(tmp_path / "does-not-exist.eml")
    before = {name: (outside / name).read_bytes() for name in os.listdir(outside)}

    run_intake(workspace, AFTER_DEADLINE)

    assert list(records(workspace)) == ["real.eml"]
    archived = [path.read_bytes() for path in workspace.archive.rglob("*") if path.is_file()]
    assert not any(b"GEHEIM-BUITEN-DE-INBOX" in data for data in archived)
    assert {name: (outside / name).read_bytes() for name in os.listdir(outside)} == before


# --- applicant HTML and script ---------------------------------------------------------------------------------


def test_applicant_html_and_script_reach_acknowledgement_and_packet_only_as_text(workspace, monkeypatch, caplog):
    from tasks.review import packet_application

    body = (f"Beste,\n\nOrganisatie: {SCRIPT} vzw De Brug\nTitel: {IMG} Samen Sterk\n\n"
            f"Wij bieden woonbegeleiding {IMG} aan in Sint-Truiden. {SCRIPT}\n"
            + "Onze doelgroep zijn kwetsbare gezinnen in Heers en Gingelom. " * 25
            + "\nAanpak: trajectbegeleiding.\nBegroting: 20.000 euro.\nPlanning: september tot juni.\nPartners: OCMW.")
    write_mail(workspace.inbox, "html.eml", MailSpec(body=body))
    run_intake(workspace, AFTER_DEADLINE, analyser=stages.analyser_for(workspace))
    fetched: list[str] = []
    refusing = packets._no_fetching

    def recording_fetcher():  # the real fetcher (it refuses everything), noting what WeasyPrint asks for
        inner = refusing()

        class Recording(type(inner)):
            def fetch(self, url, headers=None):
                fetched.append(url)
                return super().fetch(url, headers)

        return Recording()

    monkeypatch.setattr(packets, "_no_fetching", recording_fetcher)

    with Registry(workspace.database_url).session() as session:
        application = packet_application(workspace, session, "HAS-2023-001")
    with caplog.at_level(logging.DEBUG):
        pdf = packets.render_packet("Bart Claes", "bart.claes@sint-truiden.be", [application],
                                    workspace.reviewers.review, workspace.call, workspace.timeline,
                                    brussels(2023, 6, 5, 8, 0))

    assert (application.organisation, application.title) == (f"{SCRIPT} vzw De Brug", f"{IMG} Samen Sterk")
    [ack] = sent_mails(workspace)
    assert [part.get_content_type() for part in ack.walk()] == ["text/plain"]  # no HTML part at all
    text = ack.get_body(("plain",)).get_content()
    assert f"Beste {SCRIPT} vzw De Brug," in text and f"Project: {IMG} Samen Sterk" in text
    assert "&lt;" not in text and ack["Subject"].endswith(f"– {IMG} Samen Sterk")
    shown = _pdf_text(pdf)
    assert f"HAS-2023-001 – {SCRIPT} vzw De Brug" in shown
    assert f"Wij bieden woonbegeleiding {IMG} aan in Sint-Truiden" in shown  # the quoted evidence, as text
    assert shown.count(IMG) >= 2 and "&lt;" not in shown and "root:" not in shown
    assert [page.images for page in PdfReader(io.BytesIO(pdf)).pages if page.images] == []
    assert fetched == [] and not [r for r in caplog.records if "passwd" in r.getMessage()]


# --- CR/LF in header values --------------------------------------------------------------------------------------


@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\r\n\t", "\x0b", "\x0c", "\x00", "\x85", "\u2028", "\u2029"])
def test_build_eml_line_breaks_in_values_never_create_a_header(workspace, breaker):
    spec = OutgoingSpec(
        key="acknowledgement:HAS-2023-001:v1", kind="acknowledgement",
        to=f"an@vzwdebrug.be{breaker}Bcc: victim@evil.example",
        subject=f"Ontvangstbevestiging{breaker}Bcc: victim@evil.example{breaker}{breaker}<b>body</b>",
        body=f"Beste{breaker}X-Injected: yes\n", in_reply_to=f"<a@b>{breaker}Reply-To: victim@evil.example")

    eml = build_eml(spec, workspace.call.mail, "<callflow.test@bijzig.be>", brussels(2023, 5, 20, 15, 0))

    message = email.message_from_bytes(eml, policy=email.policy.default)
    assert sorted(message.keys()) == sorted(ACK_HEADERS)
    assert (message["Bcc"], message["Reply-To"], message["X-Injected"]) == (None, None, None)
    assert "\r" not in str(message["Subject"]) and "\n" not in str(message["Subject"])
    assert message.get_body(("plain",)).get_content().startswith("Beste")


def test_intake_cr_lf_in_subject_and_sender_name_never_reaches_ack_headers(workspace):
    crlf_subject = "=?utf-8?q?Kandidatuur=0D=0ABcc=3A_victim=40evil=2Eexample=0D=0A=0D=0Ahallo?="
    crlf_name = "=?utf-8?q?An=0D=0ABcc=3A_victim=40evil=2Eexample?= <an.peeters@vzwdebrug.be>"
    raw = build_mail(application_mail(subject="PLACEHOLDER-SUBJECT", sender="PLACEHOLDER@vzwdebrug.be"))
    raw = raw.replace(b"Subject: PLACEHOLDER-SUBJECT", b"Subject: " + crlf_subject.encode())
    raw = raw.replace(b"From: PLACEHOLDER@vzwdebrug.be", b"From: " + crlf_name.encode())
    raw = raw.replace(b"Message-ID: <", b"Reply-To: " + crlf_name.encode() + b"\r\nMessage-ID: <")
    (workspace.inbox / "crlf.eml").write_bytes(raw)

    run_intake(workspace, AFTER_DEADLINE)

    record = records(workspace)["crlf.eml"]
    assert (record["kind"], record["sender"]) == ("application", "an.peeters@vzwdebrug.be")
    assert record["subject"] == "Kandidatuur Bcc: victim@evil.example hallo"
    [ack] = sent_mails(workspace)
    assert sorted(ack.keys()) == sorted(ACK_HEADERS) and ack["Bcc"] is None
    assert ack["To"] == "an.peeters@vzwdebrug.be"
    assert ack["Subject"] == "Ontvangstbevestiging HAS-2023-001 – Bcc: victim@evil.example hallo"  # title from subject


def test_deliver_non_ascii_address_fails_that_mail_and_sends_the_rest(workspace, smtp_server):
    ws = _workspace(workspace, **smtp_workspace_environ(smtp_server.port))
    registry = Registry(ws.database_url)
    with registry.session() as session:
        for number, to in enumerate(["één@voorbeeld.be", "an@vzwdebrug.be"], start=1):
            queue_mail(session, ws.outbox, OutgoingSpec(key=f"acknowledgement:HAS-2023-00{number}:v1",
                                                        kind="acknowledgement", to=to, subject="Ontvangstbevestiging",
                                                        body="Beste,\n"), ws.call.mail, AFTER_DEADLINE)

    report = deliver_for_workspace(ws, registry, AFTER_DEADLINE)

    assert (report.sent, report.failed) == (["acknowledgement:HAS-2023-002:v1"], ["acknowledgement:HAS-2023-001:v1"])
    with registry.session() as session:
        assert [(m.status, (m.last_error or "").split(":")[0]) for m in session.scalars(select(Mail).order_by(Mail.id))] == [
            ("failed", "UnicodeEncodeError"), ("sent", "")]
    assert [recipients for _sender, recipients, _data in smtp_server.messages] == [["an@vzwdebrug.be"]]


# --- archives --------------------------------------------------------------------------------------------------


def test_intake_zip_bombs_and_nested_archives_end_with_problems_and_members(workspace):
    pdf = make_pdf(PROPOSAL)
    too_deep = make_zip({"voorstel.pdf": pdf})
    for level in range(4):
        too_deep = make_zip({f"niveau-{level}.zip": too_deep})
    nested = make_zip({"in.zip": make_zip({"voorstel.pdf": pdf}), "leesmij.txt": b"Zie voorstel."})
    traversal = make_zip({"../../../tmp/zip-pwned.pdf": pdf, "/etc/zip-abs.pdf": make_pdf(["Tweede"])})
    write_mail(workspace.inbox, "zips.eml", MailSpec(attachments=[
        Attached("bom.zip", make_zip_bomb(), "application/zip"),
        Attached("leugen.zip", make_zip_bomb(expanded_mb=50, declared_bytes=1000), "application/zip"),
        Attached("diep.zip", too_deep, "application/zip"),
        Attached("genest.zip", nested, "application/zip"),
        Attached("paden.zip", traversal, "application/zip"),
        Attached("bom.docx", make_docx_bomb(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ]))

    started = time.monotonic()
    run_intake(workspace, AFTER_DEADLINE)

    record = records(workspace)["zips.eml"]
    assert [(a["filename"], a["problem"], a["readable"]) for a in record["attachments"]] == [
        ("bom.zip", "zip-bomb", False),
        ("leugen.zip", "corrupt", False),  # reading stops at the size it claims
        ("diep.zip", "zip-bomb", False),
        ("genest.zip/in.zip/voorstel.pdf", None, True),
        ("genest.zip/leesmij.txt", None, True),
        ("paden.zip/tmp/zip-pwned.pdf", None, True),
        ("paden.zip/etc/zip-abs.pdf", None, True),
        ("bom.docx", "too-large", False),
    ]
    assert (record["status"], record["kind"]) == ("processed", "application")
    assert not Path("/tmp/zip-pwned.pdf").exists() and not Path("/etc/zip-abs.pdf").exists()
    assert time.monotonic() - started < 60


# --- PDFs: page count and nesting -------------------------------------------------------------------------------

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _stream(text: bytes) -> bytes:
    content = b"BT /F1 12 Tf 20 100 Td (" + text + b") Tj ET"
    return b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"


def tiny_pages_pdf(pages: int, declared: int | None = None) -> bytes:
    """`pages` small pages reading 'Pagina N' (the page tree may declare another /Count)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", FONT]
    kids = []
    for number in range(1, pages + 1):
        kids.append(b"%d 0 R" % (len(objects) + 1))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R >>" % (len(objects) + 2))
        objects.append(_stream(b"Pagina %d" % number))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % (declared or pages)
    return assemble_pdf(objects)


def deep_page_tree_pdf(depth: int) -> bytes:
    """One page at the bottom of `depth` nested /Pages nodes."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        parent = b"/Parent %d 0 R " % (level + 1) if level else b""
        objects.append(b"<< /Type /Pages " + parent + b"/Kids [%d 0 R] /Count 1 >>" % (level + 3))
    page = len(objects) + 1
    objects.append(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 %d 0 R >> >>"
                   b" /Contents %d 0 R >>" % (page - 1, page + 1, page + 2))
    objects += [FONT, _stream(b"Diep verstopte pagina")]
    return assemble_pdf(objects)


def reference_chain_pdf(depth: int, text: bytes = b"Diep genest voorstel") -> bytes:
    """A readable page whose resources hold a chain of `depth` arrays, each referring to the next."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /Font << /F1 4 0 R >> /X 6 0 R >>"
               b" /Contents 5 0 R >>", FONT, _stream(text)]
    objects += [b"[%d 0 R]" % (number + 1) for number in range(7, depth + 7)] + [b"1"]
    return assemble_pdf(objects)


def test_intake_pdf_with_5000_pages_keeps_first_300_and_pool_goes_on(workspace):
    big = tiny_pages_pdf(5000)
    write_mail(workspace.inbox, "a-groot.eml", MailSpec(attachments=[pdf_attachment("dik.pdf", big)]))
    write_mail(workspace.inbox, "b-liegt.eml", MailSpec(sender="jan@kansen.be", attachments=[
        pdf_attachment("telt.pdf", tiny_pages_pdf(2, declared=2_000_000_000))]))
    write_mail(workspace.inbox, "c-gewoon.eml", MailSpec(sender="sara@ocmw-heers.be", attachments=[
        pdf_attachment("voorstel.pdf", make_pdf(PROPOSAL))]))

    run_intake(workspace, AFTER_DEADLINE)

    result = records(workspace)
    [big_one], [lying], [plain] = (result[name]["attachments"] for name in ("a-groot.eml", "b-liegt.eml", "c-gewoon.eml"))
    max_pages = workspace.call.extraction.max_pages
    assert (big_one["problem"], big_one["readable"], big_one["pages"]) == ("too-large", True, max_pages)
    assert big_one["problem_message"] == (f"Het document telt 5000 pagina's, waarvan we alleen de eerste {max_pages} "
                                          "hebben gelezen; stuur bij voorkeur een beknopter document.")
    kept = stages.cached_extraction(workspace, big_one["sha256"])
    assert (kept.pages[0], kept.pages[-1]) == ("Pagina 1", f"Pagina {max_pages}")
    assert (lying["problem"], lying["readable"], lying["pages"]) == (None, True, 2)
    assert (plain["problem"], plain["readable"], plain["pages"]) == (None, True, 2)


def test_intake_deeply_nested_pdfs_end_within_time_limit_and_packet_leaves_original_out(workspace):
    from tasks.review import packet_application

    ws = _workspace(workspace, CALLFLOW__EXTRACTION__TIMEOUT_SECONDS="10")
    write_mail(ws.inbox, "boom.eml", MailSpec(attachments=[pdf_attachment("boom.pdf", deep_page_tree_pdf(5000))]))
    write_mail(ws.inbox, "keten.eml", MailSpec(sender="jan@kansen.be", attachments=[
        pdf_attachment("keten.pdf", reference_chain_pdf(20_000))]))

    started = time.monotonic()
    run_intake(ws, AFTER_DEADLINE)
    elapsed = time.monotonic() - started

    result = records(ws)
    [tree] = result["boom.eml"]["attachments"]
    [chain] = result["keten.eml"]["attachments"]
    assert (tree["problem"], tree["readable"]) == ("empty", False)  # pdfium refuses a page tree that deep
    assert (chain["problem"], chain["readable"], chain["pages"]) == (None, True, 1)
    assert elapsed < ws.call.extraction.timeout_seconds
    with Registry(ws.database_url).session() as session:
        application = packet_application(ws, session, result["keten.eml"]["application"])
    pdf = packets.render_packet("Bart Claes", "bart.claes@sint-truiden.be", [application], ws.reviewers.review,
                                ws.call, ws.timeline, brussels(2023, 6, 5, 8, 0))
    assert [(d.filename, d.appended) for d in application.documents] == [("keten.pdf", False)]
    assert application.originals == []  # pypdf cannot copy it (recursion): shown as text, not appended
    assert "Diep genest voorstel" in _pdf_text(pdf)


# --- oversized mail ---------------------------------------------------------------------------------------------


def _stage_peak(function, *args) -> tuple[object, int]:
    """Run one stage and return its result and the peak of Python memory allocated meanwhile."""
    tracemalloc.start()
    try:
        result = function(*args)
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _assert_too_large(ws: Workspace, name: str, size: int, digest: str) -> None:
    record = records(ws)[name]
    assert (record["status"], record["kind"], record["problems"], record["attachments"]) == (
        "processed", "other", ["too-large"], [])
    assert record["sha256"] == digest
    archived = ws.archive / f"messages/{digest[:2]}/{digest}.eml"
    assert archived.stat().st_size == size


def test_intake_mail_over_configured_limit_is_archived_too_large_and_never_read_again(workspace):
    ws = _workspace(workspace, CALLFLOW__INTAKE__MAX_MESSAGE_BYTES=str(2**20))
    attachment = os.urandom(3 * 2**20)  # 4 MB of base64: over the 1 MB limit
    data = build_mail(MailSpec(attachments=[Attached("groot.pdf", attachment, "application/pdf")]))
    (ws.inbox / "groot.eml").write_bytes(data)
    write_mail(ws.inbox, "klein.eml", application_mail(sender="sara@ocmw-heers.be"))
    registry = Registry(ws.database_url)

    stages.record_new_files(ws, registry, AFTER_DEADLINE)
    _, peak = _stage_peak(stages.parse_pending, ws, registry, extraction_pool(ws))
    for job in stages.documents_to_extract(ws, registry):
        stages.extract_document(ws, job, extraction_pool(ws))
    stages.conclude_parsed(ws, registry, AFTER_DEADLINE, None)
    deliver_for_workspace(ws, registry, AFTER_DEADLINE)

    _assert_too_large(ws, "groot.eml", len(data), hashlib.sha256(data).hexdigest())
    assert [mail["To"] for mail in sent_mails(ws)] == ["sara@ocmw-heers.be"]  # nothing to the oversized one
    assert records(ws)["groot.eml"]["problem_messages"] == [
        "De e-mail is groter dan 1 MB en werd niet verwerkt; stuur de bijlagen in kleinere delen."]
    assert records(ws)["klein.eml"]["kind"] == "application"
    assert peak < 2**20  # the oversized mail is refused by its recorded size, never read back into memory


@pytest.mark.slow
def test_intake_real_100_mb_mail_is_archived_too_large_and_never_read_again(workspace):
    path = workspace.inbox / "honderd.eml"
    digest = hashlib.sha256()
    line = base64.b64encode(b"\x00" * 57) + b"\r\n"  # 78 bytes per line, as mail clients wrap base64
    with open(path, "wb") as handle:
        head = build_mail(MailSpec(body="Zie bijlage.")).split(b'Content-Type: text/plain')[0]
        head += b"Content-Type: application/pdf; name=\"groot.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        handle.write(head)
        digest.update(head)
        block = line * 10_000
        while handle.tell() <= workspace.call.intake.max_message_bytes:
            handle.write(block)
            digest.update(block)
    size = path.stat().st_size
    registry = Registry(workspace.database_url)

    stages.record_new_files(workspace, registry, AFTER_DEADLINE)
    _, peak = _stage_peak(stages.parse_pending, workspace, registry, extraction_pool(workspace))
    stages.conclude_parsed(workspace, registry, AFTER_DEADLINE, None)
    deliver_for_workspace(workspace, registry, AFTER_DEADLINE)

    assert size > 100 * 2**20
    _assert_too_large(workspace, "honderd.eml", size, digest.hexdigest())
    assert sent_mails(workspace) == []
    assert peak < 2**20


# --- files that are not mail ------------------------------------------------------------------------------------


def test_intake_files_that_are_not_mail_are_recorded_unparseable_and_never_answered(workspace):
    not_mail = {
        "voorstel-pdf.eml": make_pdf(PROPOSAL),
        "foto.eml": make_image("Projectvoorstel"),
        "archief.eml": make_zip({"voorstel.pdf": make_pdf(PROPOSAL)}),
        "leeg.eml": b"",
        "data.eml": b'{"from": "an@vzwdebrug.be", "subject": "Kandidatuur"}',
        "pagina.eml": b"<!DOCTYPE html><html><body><h1>Kandidatuur</h1><script>alert(1)</script></body></html>",
        "utf16.eml": "From: an@vzwdebrug.be\r\nSubject: Kandidatuur\r\n\r\nVoorstel".encode("utf-16"),
        "ruis.eml": zlib.compress(b"callflow" * 1000) + b"\x00\xff" * 500,
        "een-regel.eml": b"A" * 2**20,
    }
    for name, data in not_mail.items():
        (workspace.inbox / name).write_bytes(data)

    run_intake(workspace, AFTER_DEADLINE)

    result = records(workspace)
    assert {name: (r["status"], r["kind"], r["problems"], r["attachments"]) for name, r in result.items()} == {
        name: ("processed", "other", ["unparseable"], []) for name in not_mail}
    assert sent_mails(workspace) == []


# --- huge header fields ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [b"Content-Type", b"Subject", b"References", b"Content-Disposition"])
def test_parse_message_megabyte_header_field_is_cut_and_parsed_in_seconds(header):
    value = b"=?utf-8?b?w6k=?= " * 60_000  # 1 MB; before the cut one such Content-Type took over ten minutes
    data = (b"From: An <an@vzwdebrug.be>\r\nMessage-ID: <lang@vzwdebrug.be>\r\n"
            b"Received: from x by mx.bijzig.be; Sat, 20 May 2023 14:03:00 +0200\r\n" + header + b": " + value + b"\r\n\r\nTekst")

    started = time.monotonic()
    parsed = parse_message(data)

    assert time.monotonic() - started < 5
    assert (parsed.sender, parsed.message_id, parsed.problems) == ("an@vzwdebrug.be", "<lang@vzwdebrug.be>", [])
    assert len(parsed.subject) <= MAX_HEADER_CHARS


def test_intake_mail_that_stalls_the_parser_ends_as_timeout_and_the_rest_goes_on(workspace):
    ws = _workspace(workspace, CALLFLOW__EXTRACTION__TIMEOUT_SECONDS="2")
    data = hostile_mail(60)  # about 40 s for Python's parser
    (ws.inbox / "traag.eml").write_bytes(data)
    write_mail(ws.inbox, "gewoon.eml", application_mail(sender="sara@ocmw-heers.be"))

    started = time.monotonic()
    run_intake(ws, AFTER_DEADLINE)

    assert time.monotonic() - started < 30
    result = records(ws)
    assert (result["traag.eml"]["status"], result["traag.eml"]["problems"]) == ("processed", ["timeout"])
    digest = hashlib.sha256(data).hexdigest()
    assert (ws.archive / f"messages/{digest[:2]}/{digest}.eml").read_bytes() == data  # kept byte for byte
    assert result["gewoon.eml"]["kind"] == "application"


# --- the SMTP password ------------------------------------------------------------------------------------------

PASSWORD = "Zeer-Geheim-Wachtwoord-7f3a9c"
USERNAME = "oproep@bijzig.be"


class RefusingAuthenticator:
    """Accepts nothing, and keeps the passwords it was offered (so the test knows the login really ran)."""

    def __init__(self) -> None:
        self.offered: list[str] = []

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult, LoginPassword

        if isinstance(auth_data, LoginPassword):
            self.offered.append(auth_data.password.decode())
        return AuthResult(success=False, handled=False)


@pytest.fixture
def auth_smtp_server() -> Iterator[tuple[RecordingHandler, RefusingAuthenticator]]:
    """A real SMTP server on 127.0.0.1 that requires AUTH (offered without TLS) and refuses every login."""
    from aiosmtpd.controller import Controller

    handler, authenticator = RecordingHandler(), RefusingAuthenticator()
    handler.port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=handler.port, authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    try:
        yield handler, authenticator
    finally:
        controller.stop()


@pytest.fixture
def every_log_record(prefect_harness, monkeypatch) -> Iterator[list[logging.LogRecord]]:
    """Every record at DEBUG of callflow, Prefect, yagmail, smtplib and the rest, also from loggers that do not
    propagate to the root (Prefect's); the test SMTP server's own log (mail.log) is left out: it is not ours.
    Prefect configures its logging when its flow machinery is first imported: that happens first, so it cannot
    drop the handler, and its level comes from PREFECT_LOGGING_LEVEL, so that says DEBUG."""
    from prefect.logging.configuration import ensure_logging_setup

    import flows.intake  # noqa: F401 - imports Prefect's flow engine, which sets up its logging

    monkeypatch.setenv("PREFECT_LOGGING_LEVEL", "DEBUG")
    ensure_logging_setup()
    captured: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not record.name.startswith("mail.log"):
                record.getMessage()
                captured.append(record)

    keep = Keep(level=logging.DEBUG)
    names = ["", "prefect", "prefect.flow_runs", "prefect.task_runs", "yagmail", "yagmail.log", "smtplib",
             "tasks", "callflow", "flows"]
    loggers = [logging.getLogger(name) for name in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(keep)
        logger.setLevel(logging.DEBUG)
    try:
        yield captured
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(keep)
            logger.setLevel(level)


def _leaks(text: str | bytes) -> list[str]:
    """The forms in which the password could appear: as is, and base64 (AUTH PLAIN and AUTH LOGIN)."""
    forms = [PASSWORD, base64.b64encode(PASSWORD.encode()).decode(),
             base64.b64encode(f"\0{USERNAME}\0{PASSWORD}".encode()).decode()]
    haystack = text.decode("utf-8", "replace") if isinstance(text, bytes) else text
    return [form for form in forms if form in haystack]


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")  # the test server's choice
def test_smtp_password_never_in_logs_output_errors_ledger_exports_or_files(workspace, auth_smtp_server, monkeypatch,
                                                                          capfd, every_log_record):
    from callflow.cli import main

    server, authenticator = auth_smtp_server
    environ = {**smtp_workspace_environ(server.port), "CALLFLOW__MAIL__SMTP__USERNAME": USERNAME,
               "CALLFLOW_SMTP_PASSWORD": PASSWORD}
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    ws = _workspace(workspace, **environ)
    write_mail(ws.inbox, "001.eml", application_mail())
    errors: list[str] = []

    run_intake(ws, AFTER_DEADLINE)  # the acknowledgement is due: login refused
    try:
        from tasks.outbox import make_transport

        make_transport(ws.call.mail, ws.environ).open()
    except Exception as exc:  # noqa: BLE001 - the error itself is under test
        import traceback

        errors += [str(exc), repr(exc), "".join(traceback.format_exception(exc))]
    codes = [main(["--workspace", str(ws.root), "outbox", "retry"]),
             main(["--workspace", str(ws.root), "outbox", "send", "--now", "2023-06-02T09:05"])]
    write_mail(ws.inbox, "002.eml", application_mail(sender="Sara <sara@ocmw-heers.be>"))
    codes.append(main(["--workspace", str(ws.root), "ingest", "--now", "2023-06-02T09:10"]))  # the Prefect flow
    for command in (["outbox", "list", "--format", "json"], ["export", "messages", "--format", "json"],
                    ["export", "applications", "--format", "json"], ["export", "audit", "--format", "json"]):
        main(["--workspace", str(ws.root), *command])
    output = capfd.readouterr()

    with Registry(ws.database_url).session() as session:
        ledger = [(m.key, m.status, m.last_error) for m in session.scalars(select(Mail).order_by(Mail.id))]
    assert [(key, status) for key, status, _ in ledger] == [
        ("acknowledgement:HAS-2023-001:v1", "failed"), ("acknowledgement:HAS-2023-001:v2", "failed")]
    assert all("SMTPAuthenticationError" in (error or "") for _, _, error in ledger)
    assert codes == [0, 1, 1] and server.messages == []
    assert authenticator.offered and set(authenticator.offered) == {PASSWORD}  # the login really ran
    assert errors and every_log_record
    logs = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in every_log_record)
    files = {name: (ws.root / name).read_bytes() for name in _files(ws.root)}
    assert _leaks(output.out) == [] and _leaks(output.err) == [] and _leaks(logs) == []
    assert _leaks("\n".join(errors)) == [] and _leaks(repr(ledger)) == []
    assert _leaks(repr(ws)) == [] and _leaks(repr(Workspace(ws.root))) == []  # as tracebacks with locals show it
    assert {name: _leaks(data) for name, data in files.items() if _leaks(data)} == {}
    artifacts = _prefect_artifacts()
    assert any(key.startswith("artifact intake-summary") for key in artifacts)  # the flow really ran
    assert any(record.name.startswith("prefect") for record in every_log_record)
    assert {name: _leaks(data) for name, data in artifacts.items() if _leaks(data)} == {}


def _prefect_artifacts() -> dict[str, str]:
    """Every Prefect artifact, flow run (parameters, state) and stored log line of the test API, as text."""
    import asyncio

    from prefect.client.orchestration import get_client

    async def read() -> dict[str, str]:
        async with get_client() as client:
            artifacts = await client.read_artifacts()
            runs = await client.read_flow_runs()
            logs = await client.read_logs()
        found = {f"artifact {a.key} {a.id}": f"{a.data} {a.description}" for a in artifacts}
        found.update({f"flow run {r.name}": f"{r.parameters} {r.state}" for r in runs})
        found["logs stored by the Prefect API"] = "\n".join(log.message for log in logs)
        return found

    return asyncio.run(read())


# --- values the registry must store on every backend -------------------------------------------------------------


def test_intake_nul_bytes_and_overlong_header_values_are_stored_on_every_backend(tmp_path, registry_url):
    from callflow.workspace import init_workspace

    ws = Workspace(init_workspace(tmp_path / "backend"), environ={"CALLFLOW_DATABASE_URL": registry_url})
    pdf = make_pdf(PROPOSAL)
    nul = _raw_mail([("voor\x00stel.pdf", pdf)], body=b"Beste,\x00 ons voorstel.")
    nul = nul.replace(b"From: An Peeters <an.peeters@vzwdebrug.be>", b"From:\x00an.peeters@vzwdebrug.be")
    nul = nul.replace(b"Subject: Kandidatuur", b"Subject: =?utf-8?q?Kandidatuur=00_nul?=")
    long = _raw_mail([("voorstel.pdf", pdf)], received="Sun, 21 May 2023 10:00:00 +0200")
    long = re.sub(rb"Message-ID: <[^>]+>", b"Message-ID: <" + b"m" * 1500 + b"@vzwdebrug.be>", long)
    long = long.replace(b"From: An Peeters", b"From: " + b"An Peeters " * 40)
    long = long.replace(b"Content-Type: application/pdf", b"Content-Type: application/" + b"x" * 300)
    (ws.inbox / "nul.eml").write_bytes(nul)
    (ws.inbox / "lang.eml").write_bytes(long)

    run_intake(ws, AFTER_DEADLINE)

    result = records(ws)
    assert {name: (r["status"], r["kind"]) for name, r in result.items()} == {
        "nul.eml": ("processed", "application"), "lang.eml": ("processed", "application")}
    assert result["nul.eml"]["sender"] == "an.peeters@vzwdebrug.be"
    assert [a["readable"] for a in result["nul.eml"]["attachments"] + result["lang.eml"]["attachments"]] == [True, True]
