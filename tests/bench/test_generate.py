"""The synthetic call generator: deterministic bytes, realistic mail, and files that match the manifest."""

from __future__ import annotations

import email
import email.policy
import hashlib
import io
import random
import re
import zipfile
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pypdfium2 as pdfium
import pytest
import yaml

from bench.generate import (
    KINDS,
    PASSWORD,
    GeneratedMail,
    Manifest,
    _CallBuilder,
    generate_call,
    generate_rebuttals,
    generate_review_returns,
    main,
)
from bench.generate_docs import render_budget_xlsx
from bench.generate_mail import Attachment, sender_message, serialise
from bench.generate_text import (
    DEELGEMEENTEN,
    MUNICIPALITIES,
    SECTIONS,
    SERVICE_TYPES,
    OrganisationFactory,
    build_proposal,
)

pytestmark = pytest.mark.unit

TZ = ZoneInfo("Europe/Brussels")
LAUNCH = datetime(2023, 4, 21, 0, 0, tzinfo=TZ)
DEADLINE = datetime(2023, 6, 1, 23, 59, tzinfo=TZ)
ROOT = Path(__file__).resolve().parents[2]


def _generate(inbox: Path, n: int = 12, seed: int = 5) -> Manifest:
    return generate_call(inbox, n, seed=seed, launch=LAUNCH, deadline=DEADLINE, scans=0.1, workers=1)


@pytest.fixture(scope="module")
def call(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Manifest]:
    inbox = tmp_path_factory.mktemp("call") / "inbox"
    return inbox, _generate(inbox)


def _parse(path: Path) -> EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def _top_received_time(msg: EmailMessage) -> datetime:
    stamp = str(msg.get_all("Received")[0]).rsplit(";", 1)[1]
    return parsedate_to_datetime(re.sub(r"\(.*?\)", "", stamp).strip())


def _attachments(msg: EmailMessage) -> list[EmailMessage]:
    return [p for p in msg.iter_attachments() if p.get_content_disposition() == "attachment"]


def _payload(part: EmailMessage) -> bytes:
    return part.get_payload(decode=True)


def _pdf_text(data: bytes, password: str | None = None) -> tuple[int, str]:
    doc = pdfium.PdfDocument(data, password=password)
    try:
        text = "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
        return len(doc), text
    finally:
        doc.close()


def _mails(manifest: Manifest, kind: str) -> list[GeneratedMail]:
    return [m for m in manifest.mails if m.kind == kind]


def _proposal_parts(call: tuple[Path, Manifest]) -> list[tuple[GeneratedMail, dict, bytes]]:
    """(mail, attachment record, bytes) of every top-level attachment of application-like mails."""
    inbox, manifest = call
    out = []
    for m in manifest.mails:
        if m.kind not in ("application", "late", "resubmission"):
            continue
        parts = _attachments(_parse(inbox / m.file))
        for record, part in zip(m.expected["attachments"], parts, strict=True):
            if record["content_type"] != "message/rfc822":
                out.append((m, record, _payload(part)))
    return out


# --- determinism and counts --------------------------------------------------------------------


def test_generate_call_same_seed_gives_identical_bytes(call: tuple[Path, Manifest], tmp_path: Path) -> None:
    inbox, manifest = call
    again = _generate(tmp_path / "inbox")
    assert again.to_json() == manifest.to_json()
    first = {p.name: p.read_bytes() for p in sorted(inbox.iterdir())}
    second = {p.name: p.read_bytes() for p in sorted((tmp_path / "inbox").iterdir())}
    assert second == first


def test_generate_call_other_seed_differs(call: tuple[Path, Manifest], tmp_path: Path) -> None:
    _, manifest = call
    other = generate_call(tmp_path / "inbox", 3, seed=6, launch=LAUNCH, deadline=DEADLINE, scans=0, extras=False)
    mine = [m.organisation for m in manifest.mails if m.kind == "application"]
    assert [m.organisation for m in other.mails] != mine[:3]


def test_generate_call_counts_per_kind_small_call(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    assert manifest.counts() == {"application": 12, "resubmission": 1, "duplicate": 2, "late": 2,
                                 "auto-reply": 1, "question": 1, "spam": 1, "unparseable": 2}
    assert sorted(p.name for p in inbox.iterdir()) == [m.file for m in manifest.mails]
    assert [m.file for m in manifest.mails] == [f"{i:04d}-{m.kind}.eml" for i, m in enumerate(manifest.mails, 1)]


def test_generate_call_without_extras_only_applications(tmp_path: Path) -> None:
    manifest = generate_call(tmp_path / "inbox", 3, seed=1, launch=LAUNCH, deadline=DEADLINE, scans=0, extras=False)
    assert manifest.counts() == {"application": 3}


def test_generate_call_nonempty_inbox_refused(call: tuple[Path, Manifest]) -> None:
    inbox, _ = call
    with pytest.raises(FileExistsError):
        generate_call(inbox, 1, launch=LAUNCH, deadline=DEADLINE)


def test_manifest_json_round_trip_equal(call: tuple[Path, Manifest], tmp_path: Path) -> None:
    _, manifest = call
    path = manifest.write_manifest(tmp_path / "manifest.json")
    assert Manifest.from_json(path.read_text(encoding="utf-8")) == manifest
    assert {m.kind for m in manifest.mails} <= set(KINDS)


# --- mail structure ----------------------------------------------------------------------------


def test_every_eml_parses_with_attachments_of_manifest(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    for m in manifest.mails:
        if m.kind == "unparseable":
            continue
        msg = _parse(inbox / m.file)
        assert msg.defects == [], m.file
        assert msg["Message-ID"] == m.expected["message_id"]
        assert str(msg["From"].addresses[0].addr_spec) == m.sender
        parts = _attachments(msg)
        assert [p.get_filename() for p in parts] == [a["filename"] for a in m.expected["attachments"]], m.file
        assert [p.get_content_type() for p in parts] == [a["content_type"] for a in m.expected["attachments"]]
        for part, record in zip(parts, m.expected["attachments"], strict=True):
            if "sha256" in record:
                assert hashlib.sha256(_payload(part)).hexdigest() == record["sha256"], m.file


def test_every_eml_top_received_is_manifest_receipt_time(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    for m in manifest.mails:
        if m.kind == "unparseable":
            continue
        msg = _parse(inbox / m.file)
        assert _top_received_time(msg) == m.received_at, m.file
        assert "by mx.bijzig.be (Postfix)" in str(msg.get_all("Received")[0])
        assert len(msg.get_all("Received")) == 2


def test_applications_have_dutch_text_and_html_alternative(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    for m in _mails(manifest, "application"):
        msg = _parse(inbox / m.file)
        plain = msg.get_body(preferencelist=("plain",))
        assert plain is not None
        assert re.search(r"\b(kandidatuur|bijlage|projectvoorstel)\b", plain.get_content(), re.I), m.file


def test_late_midnight_top_received_after_deadline_date_header_before(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    late = _mails(manifest, "late")
    midnight = [m for m in late if m.received_at.date() == DEADLINE.date() + timedelta(days=1)
                and m.received_at.hour == 0]
    assert len(midnight) == 1
    msg = _parse(inbox / midnight[0].file)
    received, sent = _top_received_time(msg), msg["Date"].datetime
    assert (received > DEADLINE, sent < DEADLINE) == (True, True)
    assert (received.astimezone(TZ).strftime("%H:%M"), sent.astimezone(TZ).strftime("%H:%M")) == ("00:01", "23:58")
    assert [m.expected["late"] for m in late] == [True, True]
    assert [m.received_at > DEADLINE for m in late] == [True, True]


def test_on_time_mails_received_between_launch_and_deadline(call: tuple[Path, Manifest]) -> None:
    _, manifest = call
    on_time = [m for m in manifest.mails if m.kind in ("application", "resubmission", "question")]
    assert [LAUNCH < m.received_at < DEADLINE for m in on_time] == [True] * len(on_time)


def test_receipt_times_mostly_in_last_week() -> None:
    builder = _CallBuilder(seed=1, tz=TZ, launch=LAUNCH, deadline=DEADLINE, submit_to="info@bijzig.be")
    rng = random.Random(3)
    times = [builder.on_time(rng) for _ in range(2000)]
    assert all(LAUNCH < t <= DEADLINE - timedelta(minutes=1) for t in times)
    last_week = sum(t > DEADLINE - timedelta(days=7) for t in times) / len(times)
    assert last_week > 0.6
    assert min(times) < DEADLINE - timedelta(days=20)


def test_resubmission_supersedes_earlier_mail_same_sender(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    by_file = manifest.by_file()
    (resub,) = _mails(manifest, "resubmission")
    original = by_file[resub.expected["supersedes"]]
    assert (original.kind, original.sender, original.organisation) == ("application", resub.sender, resub.organisation)
    assert original.received_at < resub.received_at
    assert _parse(inbox / resub.file)["Subject"].startswith("Aangepaste versie kandidatuur")
    assert resub.expected["missing_sections"] == []
    assert resub.expected["service_types"] == original.expected["service_types"]


def test_duplicates_exact_bytes_and_redelivery_same_message_id(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    dups = {m.expected["same_bytes"]: m for m in _mails(manifest, "duplicate")}
    exact, redelivered = dups[True], dups[False]
    assert (inbox / exact.file).read_bytes() == (inbox / exact.expected["duplicate_of"]).read_bytes()
    first = _parse(inbox / redelivered.expected["duplicate_of"])
    second = _parse(inbox / redelivered.file)
    assert second["Message-ID"] == first["Message-ID"]
    assert (inbox / redelivered.file).read_bytes() != (inbox / redelivered.expected["duplicate_of"]).read_bytes()
    assert second.get_body(("plain",)).get_content() == first.get_body(("plain",)).get_content()
    assert _top_received_time(second) > _top_received_time(first)


def test_auto_reply_marked_and_after_application(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    (auto,) = _mails(manifest, "auto-reply")
    msg = _parse(inbox / auto.file)
    assert (msg["Auto-Submitted"], msg["Return-Path"], _attachments(msg)) == ("auto-replied", "<>", [])
    assert manifest.by_file()[auto.expected["in_response_to_file"]].received_at < auto.received_at


def test_question_without_attachment(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    (question,) = _mails(manifest, "question")
    msg = _parse(inbox / question.file)
    assert (_attachments(msg), question.expected["question"] in msg.get_body(("plain",)).get_content()) == ([], True)


def test_unparseable_files_have_no_mail_headers(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    reasons = sorted(m.expected["reason"] for m in _mails(manifest, "unparseable"))
    assert reasons == ["random-bytes", "truncated-headers"]
    for m in _mails(manifest, "unparseable"):
        msg = _parse(inbox / m.file)
        assert (msg["From"], msg["Date"], msg["Message-ID"]) == (None, None, None)


# --- documents ---------------------------------------------------------------------------------


def test_text_pdfs_open_with_3_to_15_pages_of_dutch_text(call: tuple[Path, Manifest]) -> None:
    checked = 0
    for m, record, data in _proposal_parts(call):
        if record["format"] != "pdf" or record["scanned"] or record["encrypted"] or record["role"] != "proposal":
            continue
        pages, text = _pdf_text(data)
        assert (pages, 3 <= pages <= 15) == (record["pages"], True), m.file
        words = re.findall(r"\w+", text.lower())
        assert sum(w in {"de", "het", "van", "een", "en", "we"} for w in words) > 100, m.file
        assert m.expected["project_title"] in text.replace("\n", " ").replace("\r", ""), m.file
        for municipality in m.expected["municipalities"]:
            names = [MUNICIPALITIES[municipality], *DEELGEMEENTEN[municipality]]
            assert any(name in text for name in names), (m.file, municipality)
        checked += 1
    assert checked >= 4


def test_scanned_pdfs_are_images_of_1_or_2_pages(call: tuple[Path, Manifest]) -> None:
    scans = [(m, r, d) for m, r, d in _proposal_parts(call) if r["scanned"]]
    assert len(scans) == 1
    for m, record, data in scans:
        pages, text = _pdf_text(data)
        assert (pages in (1, 2), pages, text.strip()) == (True, record["pages"], "")
        assert m.expected["scanned"] is True


def test_encrypted_pdf_needs_password_from_body(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    (m, record, data), = [(m, r, d) for m, r, d in _proposal_parts(call) if r["encrypted"]]
    assert f"Het wachtwoord is: {PASSWORD}" in _parse(inbox / m.file).get_body(("plain",)).get_content()
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(data)
    pages, text = _pdf_text(data, password=PASSWORD)
    assert (pages, "Haspengouw" in text) == (record["pages"], True)


def test_docx_proposals_open_with_python_docx_and_have_tables(call: tuple[Path, Manifest]) -> None:
    docs = [(m, d) for m, r, d in _proposal_parts(call) if r["format"] == "docx"]
    assert len(docs) >= 2
    for m, data in docs:
        document = docx.Document(io.BytesIO(data))
        text = "\n".join(p.text for p in document.paragraphs)
        assert (len(document.tables) >= 1, m.expected["project_title"] in text) == (True, True)
        assert document.core_properties.author == m.expected["contact"]


def test_zip_attachment_holds_the_pdf(call: tuple[Path, Manifest]) -> None:
    (m, record, data), = [(m, r, d) for m, r, d in _proposal_parts(call) if r["format"] == "zip"]
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == [member["filename"] for member in record["members"]]
    inner = archive.read(record["members"][0]["filename"])
    assert (inner[:5], hashlib.sha256(inner).hexdigest()) == (b"%PDF-", record["members"][0]["sha256"])


def test_jpeg_named_pdf_is_a_jpeg(call: tuple[Path, Manifest]) -> None:
    (m, record, data), = [(m, r, d) for m, r, d in _proposal_parts(call) if r["format"] == "jpeg"]
    assert (record["filename"].endswith(".pdf"), record["content_type"], data[:3]) == (True, "application/pdf",
                                                                                        b"\xff\xd8\xff")
    assert m.expected["mislabelled"] == {"claimed": "application/pdf", "actual": "image/jpeg"}


def test_forwarded_message_attachment_holds_the_proposal(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    (m,) = [m for m in manifest.mails if m.expected.get("forwarded_as_attachment")]
    (part,) = _attachments(_parse(inbox / m.file))
    assert part.get_param("boundary") is None
    inner = part.get_content()
    nested = _attachments(inner)
    assert [p.get_filename() for p in nested] == [r["filename"] for r in m.expected["attachments"][0]["nested"]]
    assert (inner["To"], _parse(inbox / m.file)["Subject"].startswith("Fwd: ")) == ("info@bijzig.com", True)


def test_body_only_proposal_states_sections_in_body(call: tuple[Path, Manifest]) -> None:
    inbox, manifest = call
    (m,) = [m for m in manifest.mails if m.expected.get("body_only")]
    msg = _parse(inbox / m.file)
    body = msg.get_body(("plain",)).get_content()
    assert (_attachments(msg), m.expected["project_title"] in body) == ([], True)


@pytest.mark.parametrize("formula_total", [True, False])
def test_budget_xlsx_rows_sum_to_budget_total(formula_total: bool) -> None:
    org = OrganisationFactory(random.Random(2)).make()
    proposal = build_proposal(random.Random(9), org, date(2023, 5, 20), target_pages=5)
    data = render_budget_xlsx(proposal, datetime(2023, 5, 20, 9, 0), formula_total)
    rows = list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(min_row=3, values_only=True))
    assert rows[0] == ("Kostenpost", "Toelichting", "Bedrag (EUR)")
    assert sum(r[2] for r in rows[1:-1]) == proposal.truth["budget_total"]
    assert rows[-1][2] == (f"=SUM(C4:C{len(rows) + 1})" if formula_total else proposal.truth["budget_total"])
    assert render_budget_xlsx(proposal, datetime(2023, 5, 20, 9, 0), formula_total) == data


def test_project_venues_lie_in_the_labelled_municipalities() -> None:
    # the organisation's own place may lie outside the municipalities the project works in; the venues of the
    # project's offers ("ons digipunt in ...", "het buurthuis van ...") may not
    venue_re = re.compile(r"(?:vrouwengroep in|buurthuis van|digipunt in) ([A-Z][\w-]+(?:-[\w-]+)*)")
    names = {name: key for key, name in MUNICIPALITIES.items()}
    names.update({village: key for key, villages in DEELGEMEENTEN.items() for village in villages})
    checked = 0
    for seed in range(60):
        rng = random.Random(seed)
        proposal = build_proposal(rng, OrganisationFactory(rng).make(), date(2023, 5, 20), target_pages=3)
        text = " ".join(" ".join((block.text, *block.items)) for block in proposal.blocks)
        for venue in venue_re.findall(text):
            checked += 1
            assert names[venue] in proposal.truth["municipalities"], (seed, venue)
    assert checked > 0


def test_generated_ids_match_call_config() -> None:
    config = yaml.safe_load((ROOT / "config" / "call.yaml").read_text(encoding="utf-8"))
    assert (list(SERVICE_TYPES), list(MUNICIPALITIES), list(SECTIONS)) == (
        list(config["service_types"]), list(config["municipalities"]), list(config["required_sections"]))


# --- MIME details ------------------------------------------------------------------------------


def test_sender_message_encodes_display_name_and_rfc2231_filename() -> None:
    msg = sender_message(rng=random.Random(1), client="thunderbird", from_name="Café De Kring",
                         from_addr="info@cafedekring.be", to="info@bijzig.be", subject="Kandidatuur café",
                         date=datetime(2023, 5, 25, 14, 3, 11, tzinfo=TZ), msg_id="<x@cafedekring.be>",
                         text="Beste,\n\nIn bijlage onze kandidatuur.\n",
                         attachments=(Attachment("Projectvoorstel café.pdf", "application/pdf", b"%PDF-1.4"),))
    raw = serialise(msg)
    assert b"From: =?utf-8?q?Caf=C3=A9?= De Kring <info@cafedekring.be>" in raw
    assert b"filename*=utf-8''Projectvoorstel%20caf%C3%A9.pdf" in raw
    parsed = email.message_from_bytes(raw, policy=email.policy.default)
    assert ([p.get_filename() for p in parsed.iter_attachments()], str(parsed["From"])) == (
        ["Projectvoorstel café.pdf"], "Café De Kring <info@cafedekring.be>")
    assert serialise(sender_message(rng=random.Random(1), client="thunderbird", from_name="Café De Kring",
                                    from_addr="info@cafedekring.be", to="info@bijzig.be", subject="Kandidatuur café",
                                    date=datetime(2023, 5, 25, 14, 3, 11, tzinfo=TZ), msg_id="<x@cafedekring.be>",
                                    text="Beste,\n\nIn bijlage onze kandidatuur.\n",
                                    attachments=(Attachment("Projectvoorstel café.pdf", "application/pdf",
                                                            b"%PDF-1.4"),))) == raw


# --- later stages ------------------------------------------------------------------------------


def test_review_returns_scoring_sheets_continue_numbering(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "0007-application.eml").write_bytes(b"x")
    criteria = ["Relevantie", "Aanpak", "Haalbaarheid"]
    when = datetime(2023, 6, 9, 16, 0, tzinfo=TZ)
    mails = generate_review_returns(inbox, [("An Claes", "an.claes@vdab.be"), ("Jan Smets", "jan@gmail.com"),
                                            ("Els Maes", "els@ocmw.be")],
                                    {"an.claes@vdab.be": ["HAS-2023-001", "HAS-2023-002"],
                                     "jan@gmail.com": ["HAS-2023-003"]}, when, criteria)
    assert [(m.file, m.kind, m.sender) for m in mails] == [("0008-review-return.eml", "review-return", "an.claes@vdab.be"),
                                                           ("0009-review-return.eml", "review-return", "jan@gmail.com")]
    assert (max(m.received_at for m in mails), all(m.received_at <= when for m in mails)) == (when, True)
    for m in mails:
        (part,) = _attachments(_parse(inbox / m.file))
        rows = list(openpyxl.load_workbook(io.BytesIO(_payload(part))).active.iter_rows(values_only=True))
        assert rows[0] == ("Referentie", *criteria)
        assert {r[0]: dict(zip(criteria, r[1:], strict=True)) for r in rows[1:]} == m.expected["scores"]
        assert all(1 <= s <= 5 for r in rows[1:] for s in r[1:])


def test_rebuttals_thread_subject_sender_and_late(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    sent = datetime(2023, 7, 10, 10, 0, tzinfo=TZ)
    decisions = [(f"HAS-2023-00{i}", f"applicant{i}@vzw{i}.be", f"<decision-{i}@bijzig.be>", sent) for i in range(1, 5)]
    mails = generate_rebuttals(inbox, decisions, seed=4)
    by_match = sorted((m.expected["match"], m.expected["late"]) for m in mails)
    assert by_match == [("sender", False), ("subject", False), ("thread", False), ("thread", True)]
    closes = datetime(2023, 7, 24, 23, 59, tzinfo=TZ)
    for m in mails:
        msg = _parse(inbox / m.file)
        reference, address, decision_id, _ = next(d for d in decisions if d[1] == m.sender)
        if m.expected["match"] == "thread":
            assert (msg["In-Reply-To"], msg["References"], msg["Subject"][:4]) == (decision_id, decision_id, "Re: ")
        elif m.expected["match"] == "subject":
            assert (msg["In-Reply-To"], reference in msg["Subject"]) == (None, True)
        else:
            assert (msg["In-Reply-To"], reference in msg.as_string()) == (None, False)
        assert (m.received_at > closes) == m.expected["late"]
    assert generate_rebuttals(tmp_path / "again", decisions, seed=4) != [] and [
        (tmp_path / "again" / m.file).read_bytes() for m in mails] == [(inbox / m.file).read_bytes() for m in mails]


def test_cli_prints_one_line_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--inbox", str(tmp_path / "inbox"), "--n", "2", "--seed", "1", "--scans", "0", "--no-extras",
                 "--manifest", str(tmp_path / "manifest.json")])
    out = capsys.readouterr().out
    assert (code, out.count("\n"), "application 2" in out) == (0, 1, True)
    assert len(Manifest.from_json((tmp_path / "manifest.json").read_text(encoding="utf-8")).mails) == 2
