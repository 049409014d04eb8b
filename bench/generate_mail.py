"""MIME construction for the synthetic call: sender messages, trace headers, deterministic bytes.

A delivered mail is built the way it happens in reality: the sender's client writes the message
(headers, multipart/alternative body, attachments) and each server on the way *prepends* a
Received: header. So `sender_message` + `serialise` give the bytes the sender's client produced,
and `delivered` puts the receiving server's trace headers (Return-Path, Delivered-To, the top
Received: with the receipt time) in front. An exact duplicate delivery is the same bytes; a
redelivery is the same sender bytes under new trace headers.

`email.generator` picks random MIME boundaries unless a part has one, so `sender_message` sets
every boundary from the caller's seeded `random.Random`, in the style of the sender's client.
"""

from __future__ import annotations

import email.policy
import random
import string
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.generator import BytesGenerator
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from html import escape
from io import BytesIO
from zoneinfo import ZoneInfo

POLICY = email.policy.default.clone(linesep="\n")
# Serialising with a long line limit leaves headers unfolded, as most clients write them; at 78
# Python folds some Subjects and Message-IDs right after the colon ("Subject:\n Kandidatuur …"),
# which no mail client does. Bodies keep their 76-character lines: they were encoded when set.
_OUT = email.policy.default.clone(linesep="\n", max_line_length=998)
_OUT_CRLF = email.policy.default.clone(linesep="\r\n", max_line_length=998)
OUR_MX = "mx.bijzig.be"
PACIFIC = ZoneInfo("America/Los_Angeles")   # Gmail's own servers stamp Received: in Pacific time


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str          # "application/pdf"; "message/rfc822" with `message` set
    data: bytes = b""
    message: EmailMessage | None = None


def _alnum(rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _hex(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _uuid(rng: random.Random) -> str:
    h = _hex(rng, 32)
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


def message_id(rng: random.Random, client: str, domain: str) -> str:
    """A Message-ID in the style of the sender's mail client."""
    if client == "gmail":
        return f"<CA+{_alnum(rng, 38, string.ascii_letters + string.digits + '_-')}@mail.gmail.com>"
    if client == "outlook":
        tenant = f"AM{rng.randrange(0, 9)}PR0{rng.randrange(1, 9)}MB{rng.randrange(1000, 9999)}"
        return f"<{tenant}{_alnum(rng, 12, string.ascii_uppercase + string.digits)}@{tenant}.eurprd0{rng.randrange(1, 9)}.prod.outlook.com>"
    if client == "apple":
        return f"<{_uuid(rng).upper()}@{domain}>"
    if client == "thunderbird":
        return f"<{_uuid(rng)}@{domain}>"
    return f"<{_hex(rng, 32)}@{domain}>"


def _boundary(rng: random.Random, client: str) -> str:
    if client == "gmail":
        return "000000000000" + _hex(rng, 16)
    if client == "outlook":
        return f"_00{rng.randrange(10)}_{_alnum(rng, 40, string.ascii_uppercase + string.digits)}_"
    if client == "apple":
        return f"Apple-Mail={_uuid(rng).upper()}"
    if client == "thunderbird":
        return "------------" + _alnum(rng, 24)
    return "=_" + _hex(rng, 32)


CLIENT_HEADERS: dict[str, tuple[tuple[str, str], ...]] = {
    "outlook": (("X-Mailer", "Microsoft Outlook 16.0"), ("Content-Language", "nl-be")),
    "thunderbird": (("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:102.0) Gecko/20100101 Thunderbird/102.11.0"),
                    ("Content-Language", "nl")),
    "apple": (("X-Mailer", "iPhone Mail (20E252)"),),
    "webmail": (("User-Agent", "Roundcube Webmail/1.6.1"),),
    "gmail": (),
}


def html_body(text: str, logo_cid: str | None = None) -> str:
    """The HTML alternative a mail client makes of the same text (Outlook-like markup)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    inner = "\n".join("<p class=\"MsoNormal\">" + escape(p).replace("\n", "<br>\n") + "</p>" for p in paragraphs)
    logo = f'\n<p><img src="cid:{logo_cid}" width="180" height="60" alt="logo"></p>' if logo_cid else ""
    return ("<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n</head>\n"
            "<body lang=\"NL-BE\">\n<div class=\"WordSection1\" style=\"font-family:Calibri,sans-serif;font-size:11pt\">\n"
            f"{inner}{logo}\n</div>\n</body>\n</html>\n")


def sender_message(
    *,
    rng: random.Random,
    client: str,
    from_name: str,
    from_addr: str,
    to: str,
    subject: str | None,
    date: datetime,
    msg_id: str,
    text: str,
    html: bool = True,
    attachments: tuple[Attachment, ...] = (),
    logo: bytes | None = None,
    cc: str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    extra_headers: tuple[tuple[str, str], ...] = (),
) -> EmailMessage:
    """The message as the sender's client writes it, before any server touches it."""
    msg = EmailMessage(policy=POLICY)
    # Header order follows what clients emit; the policy encodes non-ASCII display names as
    # RFC 2047 encoded-words ("Café De Kring" -> =?utf-8?q?Caf=C3=A9_De_Kring?=).
    msg["From"] = Address(display_name=from_name, addr_spec=from_addr) if from_name else from_addr
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    if subject is not None:
        msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = msg_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = references or in_reply_to
    for name, value in CLIENT_HEADERS.get(client, ()) + extra_headers:
        msg[name] = value
    msg.set_content(text)
    if html:
        cid = None
        if logo is not None:
            cid = f"image001.png@01D9{_hex(rng, 4).upper()}.{_hex(rng, 8).upper()}"
        msg.add_alternative(html_body(text, cid), subtype="html")
        if logo is not None and cid is not None:
            # Outlook signatures: multipart/related with the logo inline, which pipelines must not
            # take for an attachment.
            msg.get_payload()[1].add_related(logo, "image", "png", cid=f"<{cid}>", filename="image001.png")
    for att in attachments:
        if att.message is not None:
            msg.add_attachment(att.message, filename=att.filename)
            continue
        maintype, subtype = att.content_type.split("/", 1)
        params = {"name": att.filename} if client == "outlook" else {}
        msg.add_attachment(att.data, maintype, subtype, filename=att.filename, params=params)
    for part in msg.walk():
        # message/rfc822 parts also count as multipart for walk(), but carry no boundary.
        if part.get_content_maintype() == "multipart":
            part.set_boundary(_boundary(rng, client))
    return msg


def serialise(msg: EmailMessage, crlf: bool = False) -> bytes:
    buf = BytesIO()
    BytesGenerator(buf, policy=_OUT_CRLF if crlf else _OUT, mangle_from_=False).flatten(msg)
    return buf.getvalue()


def queue_id(rng: random.Random) -> str:
    """A Postfix long queue id, e.g. 4QX3bV1kLqz9sWP."""
    return "4Q" + _alnum(rng, 3, string.ascii_uppercase + string.digits) + _alnum(rng, 10)


def _stamp(when: datetime, tz: ZoneInfo) -> str:
    local = when.astimezone(tz)
    return f"{format_datetime(local)} ({local.tzname()})"


def sender_hop(rng: random.Random, org_server: str, client: str, sent: datetime, tz: ZoneInfo) -> str:
    """The older Received: header written by the sender's own outgoing server."""
    delay = sent + timedelta(seconds=rng.randrange(0, 3))
    if client == "gmail":
        return (f"Received: by {org_server} with SMTP id {_alnum(rng, 10).lower()}{rng.randrange(10**5, 10**6)}so"
                f"{rng.randrange(10**6, 10**7)}wrb.{rng.randrange(1, 99)};\n"
                f"        {_stamp(delay, PACIFIC)}\n")
    if org_server.endswith("outlook.com"):
        host = f"AM{rng.randrange(0, 9)}PR0{rng.randrange(1, 9)}MB{rng.randrange(1000, 9999)}.eurprd0{rng.randrange(1, 9)}.prod.outlook.com"
        return (f"Received: from {host}\n ([fe80::{_hex(rng, 4)}:{_hex(rng, 4)}:{_hex(rng, 4)}:{_hex(rng, 4)}]) by {host}\n"
                f" ([fe80::{_hex(rng, 4)}:{_hex(rng, 4)}:{_hex(rng, 4)}:{_hex(rng, 4)}%5]) with mapi id 15.20.{rng.randrange(6000, 6500)}.0{rng.randrange(10, 40)};"
                f" {format_datetime(delay.astimezone(UTC))}\n")
    client_ip = f"198.51.100.{rng.randrange(2, 250)}"
    return (f"Received: from [10.{rng.randrange(0, 255)}.{rng.randrange(0, 255)}.{rng.randrange(2, 250)}]"
            f" (unknown [{client_ip}])\n\t(Authenticated sender: {_alnum(rng, 6).lower()})\n"
            f"\tby {org_server} (Postfix) with ESMTPSA id {_hex(rng, 10).upper()};\n\t{_stamp(delay, tz)}\n")


def receipt_headers(
    rng: random.Random,
    *,
    envelope_from: str,
    org_server: str,
    received: datetime,
    tz: ZoneInfo,
    rcpt: str,
) -> str:
    """Headers our mailbox server (mx.bijzig.be, Postfix) prepends on delivery; the top
    Received: carries the receipt time that decides whether a proposal is on time."""
    ip = f"{rng.choice(('192.0.2', '203.0.113'))}.{rng.randrange(2, 250)}"
    tls = rng.random() < 0.93
    via = "ESMTPS" if tls else "ESMTP"
    cipher = ("\n\t(using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits)\n"
              "\t key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256)\n"
              "\t(No client certificate requested)") if tls else ""
    return (f"Return-Path: <{envelope_from}>\n"
            f"Delivered-To: {rcpt}\n"
            f"Received: from {org_server} ({org_server} [{ip}]){cipher}\n"
            f"\tby {OUR_MX} (Postfix) with {via} id {queue_id(rng)}\n"
            f"\tfor <{rcpt}>; {_stamp(received, tz)}\n")


def delivered(trace: str, hop: str, message_bytes: bytes, crlf: bool = False) -> bytes:
    """Prepend trace headers to the sender's bytes, as the MTAs on the way did."""
    head = trace + hop
    if crlf:
        head = head.replace("\n", "\r\n")
    return head.encode("ascii") + message_bytes
