"""Build realistic received mails (.eml bytes) as real clients and servers write them.

The top Received: header is the one our mail server writes; its time is the receipt time. Attachments are
real files (from tests/factories/documents.py) with the encodings real clients use.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

BRUSSELS = ZoneInfo("Europe/Brussels")


def brussels(year: int, month: int, day: int, hour: int = 12, minute: int = 0, second: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS)


@dataclass
class Attached:
    filename: str
    data: bytes
    mime: str = "application/octet-stream"
    disposition: str = "attachment"
    content_id: str | None = None


@dataclass
class MailSpec:
    sender: str = "An Peeters <an.peeters@vzwdebrug.be>"
    to: str = "info@bijzig.be"
    subject: str = "Kandidatuur Capacity Building Haspengouw"
    body: str = "Beste,\n\nIn bijlage vindt u onze kandidatuur.\n\nMet vriendelijke groeten,\nAn Peeters\nvzw De Brug"
    html: str | None = None
    received_at: datetime | None = field(default_factory=lambda: brussels(2023, 5, 20, 14, 3))
    sent_at: datetime | None = None  # Date: header; defaults to two minutes before receipt
    message_id: str | None = None
    attachments: list[Attached] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    forwarded: bytes | None = None  # an attached message/rfc822


def build_mail(spec: MailSpec) -> bytes:
    message = EmailMessage()
    if spec.received_at is not None:
        message["Received"] = (
            f"from mail.{spec.sender.split('@')[-1].rstrip('>')} (mail.example [192.0.2.10]) by mx.bijzig.be "
            f"(Postfix) with ESMTPS id 4QX1; {format_datetime(spec.received_at)}"
        )
        message["Received"] = (
            "from [10.0.0.5] (unknown [10.0.0.5]) by mail.sender.example (Postfix) with ESMTPSA; "
            f"{format_datetime(spec.received_at - timedelta(seconds=40))}"
        )
    sent = spec.sent_at or (spec.received_at - timedelta(minutes=2) if spec.received_at else None)
    message["From"] = spec.sender
    message["To"] = spec.to
    message["Subject"] = spec.subject
    if sent is not None:
        message["Date"] = format_datetime(sent)
    message["Message-ID"] = spec.message_id or f"<{abs(hash((spec.sender, spec.subject, str(sent))))}@mail.example>"
    message["MIME-Version"] = "1.0"
    for name, value in spec.headers.items():
        message[name] = value
    message.set_content(spec.body)
    if spec.html is not None:
        message.add_alternative(spec.html, subtype="html")
    for attached in spec.attachments:
        maintype, _, subtype = attached.mime.partition("/")
        message.add_attachment(
            attached.data, maintype=maintype, subtype=subtype, filename=attached.filename,
            disposition=attached.disposition, cid=attached.content_id,
        )
    if spec.forwarded is not None:
        from email import message_from_bytes
        from email.policy import default

        message.add_attachment(message_from_bytes(spec.forwarded, policy=default))
    return message.as_bytes(policy=SMTP)


def write_mail(inbox: Path, name: str, spec: MailSpec) -> Path:
    inbox.mkdir(parents=True, exist_ok=True)
    path = inbox / name
    path.write_bytes(build_mail(spec))
    return path


def pdf_attachment(name: str, data: bytes) -> Attached:
    return Attached(name, data, "application/pdf")


def docx_attachment(name: str, data: bytes) -> Attached:
    return Attached(name, data, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")


def make_tnef(files: dict[str, bytes]) -> bytes:
    """A minimal Outlook winmail.dat (TNEF) holding the given attachments."""

    def attribute(level: int, attr_id: int, data: bytes) -> bytes:
        checksum = sum(data) & 0xFFFF
        return struct.pack("<BII", level, attr_id, len(data)) + data + struct.pack("<H", checksum)

    stream = struct.pack("<IH", 0x223E9F78, 0x0001)
    stream += attribute(1, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    for name, data in files.items():
        stream += attribute(2, 0x00069002, b"\x01\x00" + b"\x00" * 12)  # attAttachRendData: starts one
        stream += attribute(2, 0x00018010, name.encode("cp1252") + b"\x00")  # attAttachTitle
        stream += attribute(2, 0x0006800F, data)  # attAttachData
    return stream


def raw_mail_with_encoded_filename(filename_header: str, data_b64: str, received_at: datetime) -> bytes:
    """A hand-written mail, for filename encodings EmailMessage would normalise (RFC 2231, encoded-words)."""
    return (
        f"Received: from mail.example by mx.bijzig.be; {format_datetime(received_at)}\r\n"
        "From: Jan <jan@cafedekring.be>\r\n"
        "To: info@bijzig.be\r\n"
        "Subject: Kandidatuur\r\n"
        f"Date: {format_datetime(received_at - timedelta(minutes=1))}\r\n"
        "Message-ID: <encoded-name@cafedekring.be>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XYZ"\r\n'
        "\r\n"
        "--XYZ\r\n"
        "Content-Type: text/plain; charset=utf-8\r\n"
        "\r\n"
        "In bijlage ons voorstel.\r\n"
        "--XYZ\r\n"
        "Content-Type: application/pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        f"{filename_header}\r\n"
        "\r\n"
        f"{data_b64}\r\n"
        "--XYZ--\r\n"
    ).encode("ascii")
