"""Reading the mailbox: finding received files, archiving them byte for byte, and parsing them.

Everything here is pure or touches only the workspace's own folders. Parsing never raises for bad input:
a broken mail becomes a ParsedMessage with problem codes, so intake always records it and goes on.
"""

from __future__ import annotations

import email
import email.policy
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import Any

import html2text

from tasks.extract import detect_type
from tasks.zipfiles import ZipProblem, expand_zip

PUBLIC_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "hotmail.com", "hotmail.be", "outlook.com", "outlook.be", "live.com",
        "live.be", "msn.com", "yahoo.com", "yahoo.fr", "icloud.com", "me.com", "telenet.be", "skynet.be",
        "proximus.be", "scarlet.be", "gmx.com", "gmx.net", "protonmail.com", "proton.me", "mail.com",
        "orange.be", "edpnet.be",
    }
)
MAILDIR_SUBFOLDERS = ("new", "cur")
# Python's header parser slows down sharply with a field's length (a 400 KB Content-Type took a minute, and
# it is parsed again on every access), so a field is cut at this length as it is read; no real one needs more.
MAX_HEADER_CHARS = 8 * 1024


class _BoundedHeaders(email.policy.EmailPolicy):
    """email.policy.default, except that every header field (of the mail and of each part) is cut at
    MAX_HEADER_CHARS when it is read from the source."""

    def header_source_parse(self, sourcelines: list[str]) -> tuple[str, str]:
        name, value = super().header_source_parse(sourcelines)
        return name, value[:MAX_HEADER_CHARS]


PARSE_POLICY = _BoundedHeaders()


# --- finding files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InboxFile:
    name: str  # path relative to the inbox, POSIX separators: the file's identity in the registry
    path: Path
    maildir_time: datetime | None  # delivery time encoded in a Maildir file name
    mtime: datetime


def _maildir_time(filename: str) -> datetime | None:
    match = re.match(r"^(\d{9,11})\.", filename)
    if not match:
        return None
    return datetime.fromtimestamp(int(match.group(1)), tz=UTC)


def scan_inbox(inbox: Path) -> list[InboxFile]:
    """Loose .eml files anywhere under the inbox and every file in a Maildir's new/ and cur/.

    Symbolic links (files or folders) are never followed, and a path that resolves outside the inbox is
    skipped, so a link planted in the inbox cannot make callflow read or archive another file.
    Maildir tmp/ holds deliveries in progress and is left alone.
    """
    root = inbox.resolve()
    found: list[InboxFile] = []
    if not root.is_dir():
        return found
    for directory, subdirs, files in os.walk(root, followlinks=False):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".") and d != "tmp")
        in_maildir = Path(directory).name in MAILDIR_SUBFOLDERS
        for filename in sorted(files):
            path = Path(directory) / filename
            if filename.startswith(".") or path.is_symlink() or not path.is_file():
                continue
            if not (in_maildir or filename.lower().endswith(".eml")):
                continue
            if not path.resolve().is_relative_to(root):
                continue
            stat = path.stat()
            found.append(
                InboxFile(
                    name=path.relative_to(root).as_posix(),
                    path=path,
                    maildir_time=_maildir_time(filename) if in_maildir else None,
                    mtime=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
                )
            )
    return found


# --- parsing -------------------------------------------------------------------------------------


@dataclass
class ParsedAttachment:
    filename: str  # decoded, as sent; display only
    data: bytes
    content_type: str
    origin: str  # attachment, zip, tnef, forwarded
    problem: str | None = None
    problem_message: str | None = None


@dataclass
class ParsedMessage:
    message_id: str | None = None
    sender: str | None = None
    sender_name: str | None = None
    reply_to: str | None = None
    subject: str = ""
    date: datetime | None = None
    received: datetime | None = None  # newest Received: header's time
    in_reply_to: list[str] = field(default_factory=list)
    body_text: str = ""
    attachments: list[ParsedAttachment] = field(default_factory=list)
    inline_images: int = 0
    auto_reply: bool = False
    spam_flag: bool = False
    passwords: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    problem_messages: list[str] = field(default_factory=list)

    def add_problem(self, code: str, message_nl: str) -> None:
        if code not in self.problems:
            self.problems.append(code)
            self.problem_messages.append(message_nl)


@dataclass(frozen=True)
class ZipLimits:
    max_members: int = 50
    max_total_bytes: int = 200 * 2**20
    max_ratio: int = 100
    max_depth: int = 3


def _header(message: Message, name: str) -> str | None:
    """A header's decoded value; its value as received when decoding raises (an encoded CR/LF in a display
    name, say: get_all would decode and raise again, making the whole mail unparseable); None when absent."""
    try:
        value = message.get(name)
    except Exception:  # noqa: BLE001 - malformed headers raise many kinds of errors
        raw = [found for key, found in message.raw_items() if key.lower() == name.lower()]
        value = raw[0] if raw else None
    if value is None:
        return None
    text = re.sub(r"\s+", " ", str(value))
    return re.sub(r"[\x00-\x1f\x7f]", "", text).strip()  # NUL and the like: PostgreSQL refuses NUL in text


def _address(message: Message, name: str) -> tuple[str | None, str | None]:
    value = _header(message, name)
    if not value:
        return None, None
    try:
        pairs = getaddresses([value])
    except Exception:  # noqa: BLE001
        pairs = []
    for display, address in pairs:
        if "@" in address:
            return address.strip().lower(), (display.strip() or None)
    match = re.search(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", value)
    return (match.group(0).lower(), None) if match else (None, value or None)


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment is None:
        return None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    try:
        moment.astimezone(UTC)  # the registry stores UTC: 31 Dec 9999 23:59 -2359 has no UTC time
    except OverflowError:
        return None
    return moment


def newest_received_time(message: Message) -> datetime | None:
    """The time written by the receiving server: the topmost Received: header with a readable date."""
    try:
        headers = message.get_all("Received") or []
    except Exception:  # noqa: BLE001
        return None
    for header in headers:
        text = str(header)
        if ";" not in text:
            continue
        moment = _parse_date(text.rsplit(";", 1)[1].strip())
        if moment is not None:
            return moment
    return None


AUTO_REPLY_SUBJECT = re.compile(
    r"^\s*(automatisch(e)? (antwoord|reply)|automatic reply|auto(-|\s)?reply|out of (the )?office|afwezig|"
    r"afwezigheid|afwezigheidsmelding|niet aanwezig|absence|abwesend|réponse automatique|"
    r"delivery status notification|undeliverable|onbestelbaar|mail delivery (failed|failure)|returned mail)",
    re.IGNORECASE,
)
SPAM_WORDS = re.compile(
    r"\b(viagra|cialis|casino|lottery|loterij|bitcoin|crypto ?(investment|trading)|you have won|"
    r"u heeft gewonnen|winnaar van|inheritance|erfenis van|wire transfer|nigerian prince|click here to claim|"
    r"mailbox (is )?(bijna )?vol|mailbox quota|quota (exceeded|overschreden)|verify your (account|mailbox)|"
    r"bevestig uw (account|gegevens|wachtwoord|mailbox)|uw wachtwoord verloopt|password (will )?expires?|"
    r"first page of google|eerste pagina van google|backlinks|seo[- ](services|diensten|audit|specialist|expert)|"
    r"rank (first|higher)|hoger in google|guest post)\b",
    re.IGNORECASE,
)
SPAM_TLDS = (".top", ".xyz", ".biz", ".click", ".loan", ".work", ".icu", ".buzz", ".monster")
PASSWORD_IN_BODY = re.compile(
    r"\b(?:wachtwoord|paswoord|password|code)\b\s*(?:is|=|:)?\s*[:=]?\s*[\"'“‘]?([^\s\"'”’]{3,64})",
    re.IGNORECASE,
)


def _is_auto_reply(message: Message, sender: str | None, subject: str) -> bool:
    auto_submitted = (_header(message, "Auto-Submitted") or "").lower()
    if auto_submitted and auto_submitted != "no":
        return True
    if _header(message, "X-Autoreply") or _header(message, "X-Autorespond") or _header(message, "X-Auto-Response-Suppress") == "All":
        return True
    if (_header(message, "Precedence") or "").lower() in {"auto_reply", "bulk", "junk"}:
        return True
    if sender and re.match(r"^(mailer-daemon|postmaster|no-?reply|noreply)@", sender):
        return True
    return bool(AUTO_REPLY_SUBJECT.search(subject))


def _spam_flag(message: Message) -> bool:
    flag = (_header(message, "X-Spam-Flag") or "").lower()
    status = (_header(message, "X-Spam-Status") or "").lower()
    return flag.startswith("yes") or status.startswith("yes")


def html_to_text(html: str) -> str:
    converter = html2text.HTML2Text()
    converter.ignore_images = True
    converter.ignore_links = True
    converter.body_width = 0
    converter.ignore_emphasis = True
    return converter.handle(html).strip()


def _decoded_text(part: Message) -> str:
    """Text of a text/* part, robust to a wrong or missing charset."""
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001
        return ""
    declared = part.get_content_charset() or "utf-8"
    for charset in (declared, "utf-8", "cp1252", "latin-1"):
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("latin-1", errors="replace")


def _filename(part: Message) -> str | None:
    try:
        name = part.get_filename()
    except Exception:  # noqa: BLE001
        name = None
    if not name:
        try:
            name = part.get_param("name", header="content-type")
            if isinstance(name, tuple):
                name = email.utils.collapse_rfc2231_value(name)
        except Exception:  # noqa: BLE001
            name = None
    if name:
        name = str(name)
        if "=?" in name:
            try:
                name = str(email.header.make_header(email.header.decode_header(name)))
            except Exception:  # noqa: BLE001
                pass
    return name or None


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except Exception:  # noqa: BLE001
        return None


def _walk(part: Message, origin: str) -> Iterator[tuple[Message, str]]:
    """Leaf parts with the origin they came from; forwarded messages (message/rfc822) are opened."""
    content_type = part.get_content_type()
    if content_type == "message/rfc822":
        payload = part.get_payload()
        inner = payload[0] if isinstance(payload, list) and payload else None
        if isinstance(inner, Message):
            yield from _walk(inner, "forwarded")
        return
    if part.is_multipart():
        payload = part.get_payload()
        for child in payload if isinstance(payload, list) else []:
            yield from _walk(child, origin)
        return
    yield part, origin


def _tnef_attachments(data: bytes) -> tuple[list[ParsedAttachment], str]:
    from tnefparse import TNEF  # deferred: only Outlook's winmail.dat needs it

    tnef = TNEF(data)
    attachments = [
        ParsedAttachment(
            filename=(item.long_filename() or item.name or "bijlage").strip("\x00"),
            data=item.data,
            content_type="application/octet-stream",
            origin="tnef",
        )
        for item in tnef.attachments
    ]
    body = ""
    if tnef.body:
        body = tnef.body.decode("utf-8", "replace") if isinstance(tnef.body, bytes) else str(tnef.body)
    elif tnef.htmlbody:
        html = tnef.htmlbody.decode("utf-8", "replace") if isinstance(tnef.htmlbody, bytes) else str(tnef.htmlbody)
        body = html_to_text(html)
    return attachments, body


def _expand(attachment: ParsedAttachment, zip_limits: ZipLimits) -> list[ParsedAttachment]:
    """ZIP archives become their members; a refused archive is kept with its problem."""
    detected, _mislabelled = detect_type(attachment.data, attachment.filename)
    if detected != "zip":
        return [attachment]
    try:
        members = expand_zip(
            attachment.data,
            max_members=zip_limits.max_members,
            max_total_bytes=zip_limits.max_total_bytes,
            max_ratio=zip_limits.max_ratio,
            max_depth=zip_limits.max_depth,
        )
    except ZipProblem as problem:
        attachment.problem, attachment.problem_message = problem.code, problem.message_nl
        return [attachment]
    return [
        ParsedAttachment(
            filename=f"{attachment.filename}/{member.path}",
            data=member.data,
            content_type="application/octet-stream",
            origin="zip",
        )
        for member in members
    ]


def parse_message(data: bytes, zip_limits: ZipLimits = ZipLimits()) -> ParsedMessage:
    """Parse one received file. Never raises: what cannot be read becomes a problem code."""
    parsed = ParsedMessage()
    try:
        message: EmailMessage = email.message_from_bytes(data, policy=PARSE_POLICY)  # type: ignore[assignment]
        _fill_headers(parsed, message)
        _fill_parts(parsed, message, zip_limits)
    except Exception as exc:  # noqa: BLE001 - any parser failure is recorded, never fatal
        parsed.add_problem(
            "unparseable",
            f"Het bestand kon niet als e-mail gelezen worden ({type(exc).__name__}); het is bewaard voor de coördinator.",
        )
        return parsed
    if not any((parsed.sender, parsed.message_id, parsed.received, parsed.date)) or not _looks_like_mail(data):
        parsed.add_problem(
            "unparseable",
            "Het bestand is geen e-mail (geen afzender, datum of berichtkenmerk); het is bewaard voor de coördinator.",
        )
    return parsed


def parsed_to_frame(parsed: ParsedMessage) -> tuple[dict[str, Any], bytes]:
    """A ParsedMessage as a JSON-ready header and one payload with the attachments' bytes end to end
    (how a worker process sends it back: no pickle, no base64)."""
    header = {name: getattr(parsed, name) for name in _SCALAR_FIELDS}
    header["date"] = parsed.date.isoformat() if parsed.date else None
    header["received"] = parsed.received.isoformat() if parsed.received else None
    header["attachments"] = [
        {"filename": a.filename, "size": len(a.data), "content_type": a.content_type, "origin": a.origin,
         "problem": a.problem, "problem_message": a.problem_message}
        for a in parsed.attachments
    ]
    return header, b"".join(a.data for a in parsed.attachments)


def parsed_from_frame(header: dict[str, Any], payload: bytes) -> ParsedMessage:
    parsed = ParsedMessage(**{name: header[name] for name in _SCALAR_FIELDS})
    parsed.date = datetime.fromisoformat(header["date"]) if header.get("date") else None
    parsed.received = datetime.fromisoformat(header["received"]) if header.get("received") else None
    offset = 0
    for item in header["attachments"]:
        size = int(item["size"])
        parsed.attachments.append(ParsedAttachment(
            filename=item["filename"], data=payload[offset:offset + size], content_type=item["content_type"],
            origin=item["origin"], problem=item["problem"], problem_message=item["problem_message"],
        ))
        offset += size
    if offset != len(payload):
        raise ValueError(f"attachment sizes add up to {offset} bytes, payload has {len(payload)}")
    return parsed


_SCALAR_FIELDS = (
    "message_id", "sender", "sender_name", "reply_to", "subject", "in_reply_to", "body_text", "inline_images",
    "auto_reply", "spam_flag", "passwords", "problems", "problem_messages",
)


def _looks_like_mail(data: bytes) -> bool:
    head = data[:4096].split(b"\n\n", 1)[0].split(b"\r\n\r\n", 1)[0]
    return bool(re.search(rb"^(from|date|received|message-id|subject|return-path|to):", head, re.IGNORECASE | re.MULTILINE))


def _fill_headers(parsed: ParsedMessage, message: Message) -> None:
    parsed.message_id = (_header(message, "Message-ID") or "").strip() or None
    parsed.sender, parsed.sender_name = _address(message, "From")
    parsed.reply_to, _ = _address(message, "Reply-To")
    parsed.subject = _header(message, "Subject") or ""
    parsed.date = _parse_date(_header(message, "Date"))
    parsed.received = newest_received_time(message)
    references = " ".join(filter(None, [_header(message, "In-Reply-To"), _header(message, "References")]))
    parsed.in_reply_to = list(dict.fromkeys(re.findall(r"<[^<>\s]+>", references)))
    parsed.auto_reply = _is_auto_reply(message, parsed.sender, parsed.subject)
    parsed.spam_flag = _spam_flag(message)


def _referenced_cids(message: Message) -> set[str]:
    """Content-IDs that an HTML body shows inline (signature logos): pictures in the mail, not documents,
    even when the client labels them 'attachment' as Outlook does."""
    cids: set[str] = set()
    for part, _origin in _walk(message, "attachment"):
        if part.get_content_type() == "text/html":
            cids.update(match.lower() for match in re.findall(r"cid:([^\"'>\s]+)", _decoded_text(part)))
    return cids


def _content_id(part: Message) -> str | None:
    value = _header(part, "Content-ID")
    return value.strip("<> ").lower() if value else None


def _fill_parts(parsed: ParsedMessage, message: Message, zip_limits: ZipLimits) -> None:
    plain: list[str] = []
    html: list[str] = []
    found: list[ParsedAttachment] = []
    shown_inline = _referenced_cids(message)
    for part, origin in _walk(message, "attachment"):
        content_type = part.get_content_type()
        disposition = _disposition(part)
        filename = _filename(part)
        if content_type == "application/ms-tnef" or (filename or "").lower() == "winmail.dat":
            try:
                tnef_attachments, tnef_body = _tnef_attachments(part.get_payload(decode=True) or b"")
            except Exception:  # noqa: BLE001
                parsed.add_problem("corrupt", "De Outlook-bijlage (winmail.dat) kon niet gelezen worden.")
                continue
            found.extend(tnef_attachments)
            if tnef_body.strip():
                plain.append(tnef_body)
            continue
        is_body_text = content_type in ("text/plain", "text/html") and disposition != "attachment" and not filename
        if is_body_text:
            (plain if content_type == "text/plain" else html).append(_decoded_text(part))
            continue
        content_id = _content_id(part)
        if content_type.startswith("image/") and content_id and (disposition != "attachment" or content_id in shown_inline):
            parsed.inline_images += 1  # a logo or picture shown in the HTML body, not a document
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:  # noqa: BLE001
            payload = None
        if not payload:
            continue
        found.append(
            ParsedAttachment(
                filename=filename or f"bijlage{_extension_for(content_type)}",
                data=payload,
                content_type=content_type,
                origin=origin,
            )
        )
    body = "\n\n".join(text.strip() for text in plain if text.strip())
    if not body and html:
        body = "\n\n".join(html_to_text(text) for text in html if text.strip())
    parsed.body_text = body.replace("\r\n", "\n").replace("\x00", "").strip()  # PostgreSQL refuses NUL in text
    parsed.passwords = list(dict.fromkeys(PASSWORD_IN_BODY.findall(parsed.body_text)))
    for attachment in found:
        parsed.attachments.extend(_expand(attachment, zip_limits))
    for attachment in parsed.attachments:
        attachment.filename = attachment.filename.replace("\x00", "") or "bijlage"


def _extension_for(content_type: str) -> str:
    return {
        "application/pdf": ".pdf",
        "application/msword": ".doc",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
        "application/vnd.oasis.opendocument.text": ".odt",
        "application/zip": ".zip",
        "image/jpeg": ".jpg",
        "image/png": ".png",
        "text/plain": ".txt",
        "text/html": ".html",
    }.get(content_type, "")


def sender_domain(address: str | None) -> str | None:
    if not address or "@" not in address:
        return None
    return address.rsplit("@", 1)[1].lower()


def is_public_domain(domain: str | None) -> bool:
    return domain is None or domain in PUBLIC_MAIL_DOMAINS


def looks_like_spam(parsed: ParsedMessage) -> bool:
    """Conservative: a spam filter's verdict, or spam vocabulary in a mail without any attachment."""
    if parsed.spam_flag:
        return True
    if parsed.attachments:
        return False
    text = f"{parsed.subject}\n{parsed.body_text[:5000]}"
    hits = len({match.group(0).lower() for match in SPAM_WORDS.finditer(text)})
    odd_domain = (parsed.sender or "").endswith(SPAM_TLDS)
    return hits >= 2 or (hits == 1 and odd_domain)
