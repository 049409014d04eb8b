"""Property-based tests: random and mutated mail never breaks the mailbox parser or the intake stages.

Strategies build raw mail bytes the way broken clients, hostile senders and damaged disks write them: headers
with encoded words (bad charsets, bad base64/QP), RFC 2231 parameters, missing and duplicated headers and
overlong lines; MIME trees with nesting, forwarded messages (message/rfc822), missing or mismatched boundaries
and damaged transfer encodings; attachment names with control characters, separators, '..', unicode and huge
lengths; and byte-level mutations of realistic mails from tests/factories.

What must hold: `parse_message` never raises; after the intake stages every inbox file has a `processed` row
with a kind or problem codes; stored names are safe; nothing is written outside the workspace (checked with
a Python audit hook on every file write and rename of the process); outgoing mail gets no injected header.

Budget: the whole file runs in well under a minute (`PARSE` and `INTAKE` settings below); raise
CALLFLOW_PROPERTY_EXAMPLES (a multiplier, e.g. 20) for a longer hunt.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import itertools
import os
import quopri
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from callflow.workspace import Workspace
from tasks.classify import KINDS
from tasks.mailbox import MAX_HEADER_CHARS, ParsedMessage, parse_message, scan_inbox
from tasks.outbox import MAIL_POLICY
from tasks.storage import MAX_NAME_LENGTH, safe_filename, safe_suffix
from tests.factories.documents import make_docx, make_image, make_pdf, make_zip
from tests.factories.mails import (
    Attached,
    MailSpec,
    brussels,
    build_mail,
    docx_attachment,
    make_tnef,
    pdf_attachment,
    raw_mail_with_encoded_filename,
)
from tests.tasks.test_intake import AFTER_DEADLINE, records, run_intake

pytestmark = pytest.mark.integration  # the intake property spawns extraction worker processes

_SCALE = max(1, int(os.environ.get("CALLFLOW_PROPERTY_EXAMPLES", "1")))
PARSE = settings(max_examples=120 * _SCALE, deadline=None, suppress_health_check=[HealthCheck.too_slow])
INTAKE = settings(
    max_examples=25 * _SCALE,
    deadline=None,
    # One workspace serves every example (files get unique names), as one mailbox serves many intake runs.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)

# --- realistic mails to mutate (tests/factories) ---------------------------------------------------------

PDF = make_pdf(["Projectvoorstel Samen Sterk\nOrganisatie: vzw De Brug", "Aanpak\nWij bieden trajectbegeleiding in Heers."])
DOCX = make_docx(["Organisatie: OCMW Heers", "Ons plan voor woonbegeleiding in Gingelom."])
LOGO = make_image("", "PNG")
NESTED_ZIP = make_zip({"voorstel.pdf": PDF, "bijlagen/budget.zip": make_zip({"budget.txt": b"Begroting 1000 euro"})})
FORWARDED = build_mail(MailSpec(sender="Jan <jan@kansen.be>", subject="Voorstel", attachments=[pdf_attachment("fw.pdf", PDF)]))
BASE_MAILS = (
    build_mail(MailSpec(attachments=[pdf_attachment("Projectvoorstel Samen Sterk.pdf", PDF)])),
    build_mail(MailSpec(sender="Sara <sara@ocmw-heers.be>", html="<p>Beste</p><img src=\"cid:logo@heers\">",
                        attachments=[docx_attachment("voorstel.docx", DOCX),
                                     Attached("logo.png", LOGO, "image/png", content_id="<logo@heers>")])),
    build_mail(MailSpec(sender="info@kansen.be", attachments=[Attached("documenten.zip", NESTED_ZIP, "application/zip")])),
    build_mail(MailSpec(subject="FW: voorstel", forwarded=FORWARDED)),
    build_mail(MailSpec(attachments=[Attached("winmail.dat", make_tnef({"voorstel.pdf": PDF}), "application/ms-tnef")])),
    raw_mail_with_encoded_filename("Content-Disposition: attachment; filename*=utf-8''Voorstel%20%C3%A9%C3%A9n.pdf",
                                   base64.b64encode(PDF).decode(), brussels(2023, 5, 20, 14, 3)),
)
PAYLOADS = (PDF, DOCX, NESTED_ZIP, make_tnef({"a.pdf": PDF}), b"Platte tekst met een begroting.\r\n", LOGO, b"")
PROBLEM_CODES = {
    "unparseable", "too-large", "late", "corrupt", "encrypted", "zip-bomb", "scanned-no-text", "mislabelled-type",
    "unsupported-format", "legacy-format", "timeout", "empty", "archive", "not-extracted",
}

# --- header strategies -----------------------------------------------------------------------------------

CHARSETS = ("utf-8", "UTF-8", "iso-8859-1", "windows-1252", "us-ascii", "utf-16", "utf-7", "x-unknown", "",
            "unknown-8bit", "koi8-r", "utf-8*nl", "../../etc", "gb2312")
HEADER_NAMES = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "Received", "In-Reply-To",
                "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
                "Content-ID", "Auto-Submitted", "X-Spam-Flag", "X-Spam-Status", "Precedence", "X-Autoreply",
                "Return-Path", "Sender")
ADDRESSES = (
    "An Peeters <an.peeters@vzwdebrug.be>", "an@vzwdebrug.be", "<>", "undisclosed-recipients:;", "@@@",
    '"Peeters, An" <an@vzwdebrug.be>', '"a\\"b" <x@y.be>', "An <an@vzwdebrug.be", "an@", "@vzwdebrug.be",
    "a@b.be, c@d.be", "=?utf-8?q?=C3=A9=0D=0ABcc:_victim@evil.example?= <an@vzwdebrug.be>", "x@[127.0.0.1]",
    '"much.more unusual"@example.com', "MAILER-DAEMON@mx.example", "(comment) an@vzwdebrug.be (more)",
    "An Peeters <an.peeters@vzwdebrug.be>\r\n\tBcc: victim@evil.example", "\u00e9\u00e9n@voorbeeld.be",
)
EXTREME_DATES = (
    "Fri, 31 Dec 9999 23:59:59 -2359", "Mon, 01 Jan 0001 00:00:00 +2359", "Sat, 20 May 2023 14:03:00 +9999",
    "20 May 2023 14:03", "Sat, 20 May 99999 14:03:00 +0200", "Sat, 32 May 2023 25:61:61 +0200", "yesterday",
    "Thu, 01 Jan 1970 00:00:00 -0000", "Tue, 19 Jan 2038 03:14:08 +0000", "0", "", ";", "Sat, 20 May 2023",
)


def _no_newlines(data: bytes) -> bytes:
    return data.replace(b"\r", b"").replace(b"\n", b"")


@st.composite
def encoded_words(draw: st.DrawFn) -> bytes:
    charset = draw(st.sampled_from(CHARSETS))
    encoding = draw(st.sampled_from("BbQqX"))
    text = draw(st.text(max_size=30))
    if draw(st.booleans()):
        try:
            raw = text.encode(charset or "utf-8", errors="replace")
        except (LookupError, UnicodeError):
            raw = text.encode("utf-8", errors="surrogatepass")
        payload = base64.b64encode(raw) if encoding in "Bb" else quopri.encodestring(raw, header=True)
    else:  # broken payload: bad base64 padding, stray '=', raw bytes
        payload = draw(st.binary(max_size=30)).replace(b"?=", b"")
    word = b"=?" + charset.encode() + b"?" + encoding.encode() + b"?" + _no_newlines(payload) + b"?="
    return word + draw(st.sampled_from([b"", b" ", b"tekst", word]))


@st.composite
def header_values(draw: st.DrawFn) -> bytes:
    kind = draw(st.sampled_from(["text", "encoded", "raw", "long", "folded", "address", "date", "msgid", "params"]))
    if kind == "text":
        return _no_newlines(draw(st.text(max_size=60)).encode("utf-8", errors="surrogatepass"))
    if kind == "encoded":
        return b" ".join(draw(st.lists(encoded_words(), min_size=1, max_size=3)))
    if kind == "raw":  # 8-bit bytes, occasionally a bare CR or LF (a header that spills into a new line)
        return draw(st.binary(max_size=80))
    if kind == "long":
        token = draw(st.sampled_from([b"a", b"ab ", b"\xc3\xa9", b"=?utf-8?b?w6k=?= "]))
        return token * draw(st.integers(500, 3000))  # beyond MAX_HEADER_CHARS for most tokens
    if kind == "folded":
        parts = draw(st.lists(st.text(alphabet="abc \t=?", max_size=20), min_size=2, max_size=4))
        return b"\r\n\t".join(part.encode() for part in parts) + draw(st.sampled_from([b"", b"\r\n ", b"\r\n \r\n "]))
    if kind == "address":
        return draw(st.sampled_from(ADDRESSES)).encode()
    if kind == "date":
        extreme = draw(st.sampled_from(EXTREME_DATES))
        moment = draw(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)))
        offset = timezone(timedelta(minutes=draw(st.integers(-(24 * 60 - 1), 24 * 60 - 1))))
        made = format_datetime(moment.replace(tzinfo=offset))
        return draw(st.sampled_from([extreme, made, f"from x by mx.bijzig.be; {made}", f"by mx; {extreme}"])).encode()
    if kind == "msgid":
        inner = draw(st.text(max_size=40)).encode("utf-8", errors="surrogatepass")
        return draw(st.sampled_from([b"<%s@x>", b"%s", b"<%s", b"<a@b> <%s@c>", b"<" + b"x" * 3000 + b"%s>"])).replace(
            b"%s", _no_newlines(inner))
    return draw(st.sampled_from([
        b"multipart/mixed", b"multipart/mixed; boundary=", b'text/plain; charset="x-unknown"', b"text/plain; charset",
        b"attachment; filename*0*=utf-8''%ff; filename*1=x.pdf", b"attachment; filename*=bogus''%e9.pdf",
        b'application/pdf; name="=?utf-8?b?!!!?="', b"attachment; filename=\"unterminated", b";;;===",
        b"base64; x", b"message/rfc822", b"text/html; charset=utf-16",
    ]))


header_names = st.one_of(st.sampled_from(HEADER_NAMES), st.from_regex(r"\A[A-Za-z][A-Za-z0-9-]{0,40}\Z"),
                         st.sampled_from(["", " From", "From ", "Subject\x00", "X-\xff", ":"]))
REALISTIC_HEADERS = (
    b"Received: from mail.vzwdebrug.be by mx.bijzig.be (Postfix); Sat, 20 May 2023 14:03:00 +0200",
    b"From: An Peeters <an.peeters@vzwdebrug.be>",
    b"To: info@bijzig.be",
    b"Subject: Kandidatuur Capacity Building Haspengouw",
    b"Date: Sat, 20 May 2023 14:01:00 +0200",
    b"Message-ID: <voorstel-1@vzwdebrug.be>",
    b"MIME-Version: 1.0",
)


def _header_line(name: str, value: bytes) -> bytes:
    return name.encode("utf-8", errors="surrogatepass") + b": " + value


@st.composite
def header_blocks(draw: st.DrawFn) -> list[bytes]:
    """Realistic headers (some dropped, some duplicated) mixed with hostile ones, in any order."""
    realistic = [line for line in REALISTIC_HEADERS if draw(st.booleans())]
    realistic += draw(st.lists(st.sampled_from(REALISTIC_HEADERS), max_size=3))  # duplicated headers
    hostile = [_header_line(name, value) for name, value in draw(st.lists(st.tuples(header_names, header_values()), max_size=8))]
    return draw(st.permutations(realistic + hostile))


# --- attachment names ------------------------------------------------------------------------------------

filenames = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(["/", "\\", ":", "..", ".", " ", "\x00", "\x01", "\x1f", "\x7f", "\r", "\n", "\t", "é",
                              "\u202e", "\ufeff", "\u200b", "\u0301", "𝕏", "ß", "*", "?", '"', "<", ">", "|", "%", ";",
                              "=", "voorstel"]), max_size=20).map(lambda parts: "".join(parts) + ".pdf"),
    st.sampled_from(["../../../etc/passwd", "/etc/shadow", "C:\\Windows\\system32\\x.pdf", "\\\\server\\share\\x.pdf",
                     "..", ".", "", " ", "con.pdf", "x.pdf\x00.exe", "a\r\nContent-Type: text/html\r\n\r\n.pdf",
                     "voorstel.pdf.exe", ".htaccess", "~/.ssh/authorized_keys", "%2e%2e%2fetc%2fpasswd"]),
    st.integers(MAX_NAME_LENGTH, 5000).map(lambda length: "a" * length + ".pdf"),
    st.text(min_size=200, max_size=600),
)
FILENAME_STYLES = ("quoted", "token", "rfc2231", "rfc2231-continued", "encoded-word-b", "encoded-word-q", "name-param",
                   "latin-1")


def filename_params(name: str, style: str) -> tuple[bytes, bytes]:
    """(Content-Type parameters, Content-Disposition parameters) carrying `name` in the given style."""
    utf8 = name.encode("utf-8", errors="surrogatepass")
    if style == "rfc2231":
        return b"", b"; filename*=utf-8''" + quote(utf8, safe="").encode()
    if style == "rfc2231-continued":
        escapes = [quote(character.encode("utf-8", errors="surrogatepass"), safe="") for character in name]
        pieces = ["".join(escapes[i:i + 12]) for i in range(0, len(escapes), 12)] or [""]  # whole escapes per piece
        return b"", b"".join(f"; filename*{n}*={'utf-8' + chr(39) * 2 if n == 0 else ''}{piece}".encode()
                             for n, piece in enumerate(pieces))
    if style == "encoded-word-b":
        return b"", b'; filename="=?utf-8?B?' + base64.b64encode(utf8) + b'?="'
    if style == "encoded-word-q":
        return b"", b'; filename="=?utf-8?Q?' + _no_newlines(quopri.encodestring(utf8, header=True)) + b'?="'
    if style == "name-param":
        return b'; name="' + utf8 + b'"', b""
    if style == "latin-1":
        return b"", b'; filename="' + name.encode("latin-1", errors="replace") + b'"'
    if style == "token":
        return b"", b"; filename=" + utf8
    return b"", b'; filename="' + utf8 + b'"'


# --- MIME trees ------------------------------------------------------------------------------------------

LEAF_TYPES = ("text/plain", "text/html", "application/pdf", "application/octet-stream", "application/zip",
              "application/ms-tnef", "image/png", "text/calendar", "message/delivery-status", "bogus", "text/", "/",
              "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
ENCODINGS = ("base64", "quoted-printable", "7bit", "8bit", "binary", "x-uuencode", "bogus", "")


def _encode(payload: bytes, cte: str, damage: str) -> bytes:
    if cte == "base64":
        encoded = base64.encodebytes(payload)
        if damage == "bad-alphabet":
            encoded = encoded[: len(encoded) // 2] + b"!!**\xff" + encoded[len(encoded) // 2:]
        elif damage == "bad-padding":
            encoded = encoded.rstrip(b"=\n") + b"===\n"
        elif damage == "truncated":
            encoded = encoded[: len(encoded) // 3]
        return encoded.replace(b"\n", b"\r\n")
    if cte == "quoted-printable":
        encoded = quopri.encodestring(payload)
        if damage != "none":
            encoded += b"=ZZ=\r\n=0"
        return encoded.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return payload


@st.composite
def leaves(draw: st.DrawFn) -> tuple:
    content_type = draw(st.sampled_from(LEAF_TYPES))
    charset = draw(st.sampled_from((None, *CHARSETS)))
    disposition = draw(st.sampled_from((None, "attachment", "inline", "bogus", "")))
    name = draw(st.one_of(st.none(), filenames))
    style = draw(st.sampled_from(FILENAME_STYLES))
    cte = draw(st.sampled_from(ENCODINGS))
    damage = draw(st.sampled_from(("none", "none", "bad-alphabet", "bad-padding", "truncated")))
    payload = draw(st.one_of(st.sampled_from(PAYLOADS), st.binary(max_size=200),
                             st.text(max_size=200).map(lambda t: t.encode("utf-8", errors="surrogatepass"))))
    content_id = draw(st.sampled_from((None, "<logo@heers>", "<>", "<" + "x" * 500 + ">")))
    return ("leaf", content_type, charset, disposition, name, style, cte, damage, payload, content_id)


BOUNDARY_STYLES = ("ok", "ok", "missing", "mismatch", "unterminated", "empty", "long", "special", "no-parts")


def _multipart(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.just("multipart"), st.sampled_from(("mixed", "alternative", "related", "signed", "bogus")),
                     st.sampled_from(BOUNDARY_STYLES), st.lists(children, max_size=4), st.binary(max_size=20))


def _forwarded(children: st.SearchStrategy) -> st.SearchStrategy:
    return st.tuples(st.just("rfc822"), header_blocks(), children)


mime_trees = st.recursive(leaves(), lambda children: st.one_of(_multipart(children), _forwarded(children)), max_leaves=6)
_boundaries = itertools.count()


def render_tree(node: tuple) -> tuple[list[bytes], bytes]:
    """(header lines, body) of a MIME node."""
    if node[0] == "leaf":
        _, content_type, charset, disposition, name, style, cte, damage, payload, content_id = node
        type_params, disposition_params = filename_params(name, style) if name is not None else (b"", b"")
        headers = [b"Content-Type: " + content_type.encode() + (f"; charset={charset}".encode() if charset else b"")
                   + type_params]
        if disposition is not None or disposition_params:
            headers.append(b"Content-Disposition: " + (disposition or "attachment").encode() + disposition_params)
        if cte:
            headers.append(b"Content-Transfer-Encoding: " + cte.encode())
        if content_id:
            headers.append(b"Content-ID: " + content_id.encode())
        return headers, _encode(payload, cte, damage)
    if node[0] == "rfc822":
        _, outer, child = node
        inner_headers, inner_body = render_tree(child)
        return [b"Content-Type: message/rfc822"], b"\r\n".join([*outer, *inner_headers]) + b"\r\n\r\n" + inner_body
    _, subtype, style, children, preamble = node
    boundary = f"=_b{next(_boundaries)}_" + ("x" * 200 if style == "long" else "")
    if style == "special":
        boundary += '"; ()<>@,;:\\/[]?='
    declared = {"missing": None, "mismatch": boundary + "-other", "empty": ""}.get(style, boundary)
    header = b"Content-Type: multipart/" + subtype.encode()
    if declared is not None:
        header += b'; boundary="' + declared.encode() + b'"'
    parts = [preamble]
    if style != "no-parts":
        for child in children:
            child_headers, child_body = render_tree(child)
            parts.append(b"--" + boundary.encode() + b"\r\n" + b"\r\n".join(child_headers) + b"\r\n\r\n" + child_body)
        if style != "unterminated":
            parts.append(b"--" + boundary.encode() + b"--\r\n")
    return [header], b"\r\n".join(parts)


@st.composite
def mime_mails(draw: st.DrawFn) -> bytes:
    tree_headers, body = render_tree(draw(mime_trees))
    line_end = draw(st.sampled_from([b"\r\n", b"\r\n", b"\n"]))
    head = b"\r\n".join([*draw(header_blocks()), *tree_headers])
    return (head + b"\r\n\r\n" + body).replace(b"\r\n", line_end)


@st.composite
def header_mails(draw: st.DrawFn) -> bytes:
    body = draw(st.sampled_from([b"Beste,\r\n\r\nIn bijlage ons voorstel.\r\n", b"", b"\r\n" * 3, b"\xff\xfe\x00x"]))
    return b"\r\n".join(draw(header_blocks())) + b"\r\n\r\n" + body


MUTATION_TOKENS = (b"\r\n", b"\n\n", b"\r\n\r\n", b"--", b"=?", b"?=", b"=\r\n", b"=ZZ", b"\x00", b"\xff\xfe",
                   b"boundary=", b"Content-Type: message/rfc822\r\n", b"Content-Transfer-Encoding: base64\r\n",
                   b"charset=x-unknown", b"filename*0*=", b'"', b";", b"\t")
mutations = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 2**20), st.integers(0, 255)),
    st.tuples(st.just("insert"), st.integers(0, 2**20), st.one_of(st.binary(min_size=1, max_size=64),
                                                                 st.sampled_from(MUTATION_TOKENS))),
    st.tuples(st.just("delete"), st.integers(0, 2**20), st.integers(1, 512)),
    st.tuples(st.just("duplicate"), st.integers(0, 2**20), st.integers(1, 512)),
    st.tuples(st.just("truncate"), st.integers(0, 2**20)),
    st.tuples(st.just("drop-line"), st.integers(0, 2**20)),
)


def mutate(data: bytes, steps: list[tuple]) -> bytes:
    for step in steps:
        if not data:
            break
        position = step[1] % len(data)
        if step[0] == "flip":
            data = data[:position] + bytes([step[2]]) + data[position + 1:]
        elif step[0] == "insert":
            data = data[:position] + step[2] + data[position:]
        elif step[0] == "delete":
            data = data[:position] + data[position + step[2]:]
        elif step[0] == "duplicate":
            data = data[:position] + data[position:position + step[2]] * 2 + data[position + step[2]:]
        elif step[0] == "truncate":
            data = data[:position]
        else:
            lines = data.split(b"\n")
            del lines[step[1] % len(lines)]
            data = b"\n".join(lines)
    return data


mutated_mails = st.builds(mutate, st.sampled_from(BASE_MAILS), st.lists(mutations, min_size=1, max_size=6))
any_mail = st.one_of(st.binary(max_size=2000), mutated_mails, header_mails(), mime_mails())


# --- checks ----------------------------------------------------------------------------------------------


def assert_well_formed(parsed: ParsedMessage) -> None:
    assert isinstance(parsed, ParsedMessage)
    assert set(parsed.problems) <= PROBLEM_CODES
    assert len(parsed.problems) == len(parsed.problem_messages)
    assert all(isinstance(text, str) and text for text in parsed.problem_messages)
    for value in (parsed.subject, parsed.sender, parsed.sender_name, parsed.reply_to, parsed.message_id):
        assert value is None or not re.search(r"[\x00-\x1f\x7f]", value)  # header values: one clean line
    texts = [parsed.body_text, *parsed.in_reply_to, *parsed.passwords, *(a.filename for a in parsed.attachments)]
    assert not any("\x00" in text for text in texts)  # storable: PostgreSQL refuses NUL in text
    assert parsed.sender is None or "@" in parsed.sender
    assert all(re.fullmatch(r"<[^<>\s]+>", reference) for reference in parsed.in_reply_to)
    for moment in (parsed.date, parsed.received):
        assert moment is None or moment.astimezone(UTC).tzinfo is UTC  # storable: representable in UTC
    for attachment in parsed.attachments:
        assert isinstance(attachment.data, bytes) and isinstance(attachment.filename, str) and attachment.filename
        assert attachment.origin in ("attachment", "zip", "tnef", "forwarded")
        assert (attachment.problem is None) == (attachment.problem_message is None)
        assert_safe_name(attachment.filename)


def assert_safe_name(name: str) -> None:
    safe, suffix = safe_filename(name), safe_suffix(name)
    assert safe and safe not in (".", "..") and len(safe) <= MAX_NAME_LENGTH
    assert not re.search(r"[/\\\x00-\x1f\x7f]", safe)
    assert not any(unicodedata.category(character)[0] == "C" for character in safe)
    assert suffix == "" or re.fullmatch(r"\.[a-z0-9]{1,8}", suffix)


# --- parse_message ---------------------------------------------------------------------------------------


@PARSE
@given(data=st.binary(max_size=4000))
def test_parse_message_random_bytes_never_raise(data: bytes) -> None:
    assert_well_formed(parse_message(data))


@PARSE
@given(data=mutated_mails)
def test_parse_message_mutated_factory_mails_never_raise(data: bytes) -> None:
    assert_well_formed(parse_message(data))


@PARSE
@given(data=header_mails())
@example(data=b"Received: from x by mx.bijzig.be; Fri, 31 Dec 9999 23:59:59 -2359\r\nFrom: a@b.be\r\n\r\nx")
@example(data=b"From: a@b.be\r\nDate: Fri, 31 Dec 9999 23:59:59 -2359\r\n\r\nx")
def test_parse_message_hostile_headers_never_raise(data: bytes) -> None:
    assert_well_formed(parse_message(data))


@PARSE
@given(data=mime_mails())
def test_parse_message_random_mime_trees_never_raise(data: bytes) -> None:
    assert_well_formed(parse_message(data))


@PARSE
@given(name=filenames, style=st.sampled_from(FILENAME_STYLES))
def test_parse_message_hostile_attachment_names_are_kept_for_display_and_stored_safely(name: str, style: str) -> None:
    type_params, disposition_params = filename_params(name, style)
    data = (
        b"From: An <an@vzwdebrug.be>\r\nSubject: Kandidatuur\r\nMessage-ID: <n@vzwdebrug.be>\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nIn bijlage.\r\n'
        b"--B\r\nContent-Type: application/pdf" + type_params + b"\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment" + disposition_params + b"\r\n\r\n" + base64.encodebytes(PDF) + b"\r\n--B--\r\n"
    )

    parsed = parse_message(data)

    assert_well_formed(parsed)
    if style not in ("quoted", "token", "name-param", "latin-1") or not re.search(r"[\r\n]", name):
        assert [attachment.data for attachment in parsed.attachments] == [PDF]  # (a raw CR/LF ends the header)
    fits = len(b"attachment" + disposition_params) <= MAX_HEADER_CHARS  # longer header fields are cut
    shown = name.replace("\x00", "")  # as sent, without NUL (PostgreSQL refuses it in text)
    if style in ("rfc2231", "rfc2231-continued", "encoded-word-b") and shown and shown == shown.strip() and fits:
        assert [attachment.filename for attachment in parsed.attachments] == [shown]


@PARSE
@given(name=filenames)
def test_safe_filename_any_name_is_one_bounded_plain_name(name: str) -> None:
    assert_safe_name(name)
    assert safe_filename(safe_filename(name)) == safe_filename(name)


# --- the intake stages -----------------------------------------------------------------------------------

ALLOWED_TREE = re.compile(
    r"^(config/[\w.-]+|inbox/.+|outbox/(pending|sent)/\d{5}-[\w .()+,@-]+\.eml|"
    r"state/(callflow\.sqlite(-wal|-shm|-journal)?|run\.lock|"
    r"archive/messages/[0-9a-f]{2}/[0-9a-f]{64}\.eml|archive/attachments/[0-9a-f]{2}/[0-9a-f]{64}(\.[a-z0-9]{1,8})?|"
    r"extracted/[0-9a-f]{2}/[0-9a-f]{64}\.json))$"
)
MAIL_HEADERS = {"From", "To", "Subject", "Date", "Message-ID", "Auto-Submitted", "In-Reply-To", "References",
                "MIME-Version", "Content-Type", "Content-Transfer-Encoding"}


class WriteRecorder:
    """A Python audit hook that notes every path this process opens for writing, renames to, creates or deletes
    while active (file writes by C libraries other than SQLite's are not seen; SQLite's database is)."""

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

    def __init__(self) -> None:
        self.active = False
        self.paths: list[str] = []

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active:
            return
        if event == "open":
            path, _mode, flags = args
            if not isinstance(path, int) and flags & self.WRITE_FLAGS:
                self._note(path)
        elif event in ("os.rename", "os.replace", "os.link", "os.symlink", "shutil.copyfile"):
            self._note(args[1])
        elif event in ("os.mkdir", "os.remove", "os.rmdir", "os.truncate", "os.chmod", "shutil.rmtree",
                       "sqlite3.connect"):
            if not isinstance(args[0], int):
                self._note(args[0])

    def _note(self, path: object) -> None:
        self.paths.append(os.path.realpath(os.fsdecode(path)))  # type: ignore[arg-type]

    @contextmanager
    def recording(self) -> Iterator[list[str]]:
        self.paths = []
        self.active = True
        try:
            yield self.paths
        finally:
            self.active = False


WRITES = WriteRecorder()
sys.addaudithook(WRITES)
_inbox_names = itertools.count(1)


def _tree(root: Path) -> list[str]:
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*") if not path.is_dir())


@INTAKE
@given(mails=st.lists(any_mail, min_size=1, max_size=3), maildir=st.booleans())
def test_intake_hostile_mails_each_end_processed_inside_the_workspace(workspace: Workspace, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch,
                                                                      mails: list[bytes], maildir: bool) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir(exist_ok=True)
    monkeypatch.chdir(cwd)  # a relative path written by mistake would land here
    names = []
    for data in mails:
        number = next(_inbox_names)
        name = f"new/{1684584000 + number}.M{number}P1.mx:2," if maildir else f"{number:05d}.eml"
        (workspace.inbox / name).parent.mkdir(exist_ok=True)
        (workspace.inbox / name).write_bytes(data)
        names.append(name)

    with WRITES.recording() as written:
        run_intake(workspace, AFTER_DEADLINE)

    root = str(workspace.root)
    # (a replaced extraction worker gets /dev/null as its standard output)
    assert [path for path in written if not path.startswith(root + os.sep) and path != os.devnull] == []
    assert sorted(os.listdir(tmp_path)) == ["cwd", "ws"] and os.listdir(cwd) == []
    assert [name for name in _tree(workspace.root) if not ALLOWED_TREE.match(name)] == []
    result = records(workspace)
    for item in scan_inbox(workspace.inbox):
        record = result[item.name]
        event(f"kind {record['kind']}, problems {sorted(record['problems'])}, {len(record['attachments'])} attachments")
        assert record["status"] == "processed"
        assert record["kind"] in KINDS or record["problems"]
        assert set(record["problems"]) <= PROBLEM_CODES and len(record["problems"]) == len(record["problem_messages"])
        for attachment in record["attachments"]:
            stored = workspace.archive / attachment["stored_as"]
            assert hashlib.sha256(stored.read_bytes()).hexdigest() == attachment["sha256"]
            assert attachment["problem"] is None or attachment["problem"] in PROBLEM_CODES
            assert_safe_name(attachment["filename"])
    assert set(names) <= set(result)
    for path in (workspace.outbox / "sent").glob("*.eml"):
        mail = email.message_from_bytes(path.read_bytes(), policy=MAIL_POLICY)
        assert set(mail.keys()) <= MAIL_HEADERS and len(mail.keys()) == len(set(mail.keys()))
        assert len(email.utils.getaddresses([str(mail["To"])])) == 1
