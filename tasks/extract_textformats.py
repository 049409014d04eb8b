"""Formats that are text already or close to it: plain text, HTML, RTF, e-mail, legacy Word (.doc)."""

from __future__ import annotations

import email
import email.policy
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from tasks.extract_core import Context, ExtractionProblem, FormatResult, clean_page_text
from tasks.extract_detect import decode_text

FORM_FEED = "\x0c"


def _split_pages(text: str) -> list[str]:
    """Form feeds are the page breaks of plain text (and of antiword's output)."""
    return [clean_page_text(page) for page in text.split(FORM_FEED)]


def _cap(text: str, result: FormatResult, ctx: Context) -> str:
    if len(text) <= ctx.limits.max_chars:
        return text
    result.problem = "too-large"
    result.notes.append(f"text-truncated-at-chars:{ctx.limits.max_chars}")
    return text[: ctx.limits.max_chars]


def _head_bytes(data: bytes, ctx: Context) -> bytes:
    """At most the bytes max_chars characters can take (4 in UTF-8), cut at a character boundary.

    Decoding a 200 MB file only to keep its first max_chars characters would waste the memory limit.
    """
    limit = ctx.limits.max_chars * 4
    if len(data) <= limit:
        return data
    while limit > 0 and 0x80 <= data[limit] < 0xC0:  # a UTF-8 continuation byte: back off
        limit -= 1
    return data[:limit]


def extract_text(data: bytes, ctx: Context) -> FormatResult:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    result = FormatResult(pages=[], method="text")
    text = decode_text(_head_bytes(data, ctx))
    if text is None:
        raise ExtractionProblem("corrupt", "binary content in a text file")
    if len(text) > ctx.limits.max_chars or len(data) > ctx.limits.max_chars * 4:
        text = text[: ctx.limits.max_chars]
        result.problem = "too-large"
        result.notes.append(f"text-truncated-at-chars:{ctx.limits.max_chars}")
    result.pages = _split_pages(text)
    return result


# -------------------------------------------------------------------------------------------- HTML


def _html_charset(data: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
    return match.group(1).decode("ascii").lower() if match else None


def decode_html(data: bytes) -> str:
    charset = _html_charset(data)
    if charset:
        try:
            return data.decode(charset, errors="replace")
        except LookupError:
            pass
    return decode_text(data) or data.decode("utf-8", errors="replace")


def html_to_text(html: str) -> str:
    import html2text

    converter = html2text.HTML2Text()
    converter.body_width = 0  # no hard wrapping: a sentence must stay on one line to be quoted
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_emphasis = True
    converter.unicode_snob = True
    return converter.handle(html)


def extract_html(data: bytes, ctx: Context) -> FormatResult:
    result = FormatResult(pages=[], method="html2text")
    text = html_to_text(_cap(decode_html(_head_bytes(data, ctx)), result, ctx))
    result.pages = [re.sub(r"\n{3,}", "\n\n", clean_page_text(text))]
    return result


# --------------------------------------------------------------------------------------------- RTF

_RTF_PAGE = re.compile(r"\\page(?![a-z])")
_RTF_PICTURE = re.compile(r"\{\\\*?\\(?:pict|objdata|bin)\b[^{}]*\}")


def extract_rtf(data: bytes, ctx: Context) -> FormatResult:
    """striprtf; explicit page breaks (\\page) are kept as form feeds and split into pages."""
    from striprtf.striprtf import rtf_to_text

    result = FormatResult(pages=[], method="striprtf")
    source = _cap(data.decode("latin-1"), result, ctx)
    # Embedded pictures are megabytes of hex that striprtf would only scan and throw away.
    source = _RTF_PICTURE.sub("", source)
    source = _RTF_PAGE.sub(r"\\par\\u12?", source)
    try:
        text = rtf_to_text(source, encoding="cp1252", errors="replace")
    except (ValueError, IndexError, UnicodeError) as error:
        raise ExtractionProblem("corrupt", f"RTF cannot be parsed: {error}") from error
    result.pages = _split_pages(text)
    return result


# ------------------------------------------------------------------------------------------- e-mail


def extract_eml(data: bytes, ctx: Context) -> FormatResult:
    """A forwarded or attached mail: its headers that matter and its body text.

    Attachments inside it are not extracted here (the mailbox intake handles mail structure); their
    names are listed in the notes so nothing disappears silently.
    """
    message = email.message_from_bytes(data, policy=email.policy.default)
    result = FormatResult(pages=[], method="email")
    header_lines = [f"{name}: {message[name]}" for name in ("From", "To", "Date", "Subject") if message[name]]
    body = message.get_body(preferencelist=("plain", "html"))
    text = ""
    if body is not None:
        try:
            content = body.get_content()
        except (LookupError, ValueError, AssertionError):
            content = (body.get_payload(decode=True) or b"").decode("utf-8", errors="replace")
        text = html_to_text(content) if body.get_content_type() == "text/html" else content
    attachments = [part.get_filename() or part.get_content_type() for part in message.iter_attachments()]
    if attachments:
        result.notes.append("attachments-not-extracted: " + ", ".join(attachments))
    result.pages = [clean_page_text("\n".join([*header_lines, "", _cap(text, result, ctx)]))]
    return result


# ---------------------------------------------------------------------------------------- legacy .doc


def antiword_available() -> bool:
    return shutil.which("antiword") is not None


def extract_doc(data: bytes, ctx: Context) -> FormatResult:
    """Word 97-2003 through antiword (UTF-8 output, no wrapping; form feeds mark page breaks)."""
    if not antiword_available():
        raise ExtractionProblem("legacy-format", "antiword is not installed")
    with tempfile.TemporaryDirectory(prefix="callflow-doc-") as directory:
        path = Path(directory) / "document.doc"
        path.write_bytes(data)
        try:
            completed = subprocess.run(
                ["antiword", "-m", "UTF-8.txt", "-w", "0", str(path)],
                capture_output=True,
                timeout=max(ctx.deadline.remaining(), 0.1),
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ExtractionProblem("timeout", "antiword did not finish in time") from error
    stderr = completed.stderr.decode("utf-8", errors="replace")
    if completed.returncode != 0:
        if "encrypt" in stderr.lower():
            raise ExtractionProblem("encrypted", stderr.strip())
        raise ExtractionProblem("corrupt", f"antiword: {stderr.strip()[:200]}")
    text = completed.stdout.decode("utf-8", errors="replace")
    return FormatResult(pages=_split_pages(text), method="antiword")
