"""File type detection by content (magic bytes, container structure, text sniffing), never by name.

The file name's extension is only used afterwards, to tell whether the file is mislabelled.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from pathlib import PurePath

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SNIFF_BYTES = 64 * 1024

# Extension -> the detected types it may legitimately hold.
_EXPECTED: dict[str, frozenset[str]] = {
    ".pdf": frozenset({"pdf"}),
    ".docx": frozenset({"docx"}),
    ".docm": frozenset({"docx"}),
    ".dotx": frozenset({"docx"}),
    ".doc": frozenset({"doc"}),
    ".dot": frozenset({"doc"}),
    ".odt": frozenset({"odt"}),
    ".ott": frozenset({"odt"}),
    ".ods": frozenset({"ods"}),
    ".odp": frozenset({"odp"}),
    ".xlsx": frozenset({"xlsx"}),
    ".xlsm": frozenset({"xlsx"}),
    ".xls": frozenset({"xls"}),
    ".pptx": frozenset({"pptx"}),
    ".ppt": frozenset({"ppt"}),
    ".rtf": frozenset({"rtf"}),
    ".txt": frozenset({"text"}),
    ".csv": frozenset({"text"}),
    ".md": frozenset({"text"}),
    ".htm": frozenset({"html"}),
    ".html": frozenset({"html"}),
    ".eml": frozenset({"eml"}),
    ".msg": frozenset({"msg"}),
    ".jpg": frozenset({"jpeg"}),
    ".jpeg": frozenset({"jpeg"}),
    ".png": frozenset({"png"}),
    ".tif": frozenset({"tiff"}),
    ".tiff": frozenset({"tiff"}),
    ".gif": frozenset({"gif"}),
    ".bmp": frozenset({"bmp"}),
    ".webp": frozenset({"webp"}),
    ".heic": frozenset({"heic"}),
    ".zip": frozenset({"zip"}),
    ".rar": frozenset({"rar"}),
    ".7z": frozenset({"7z"}),
    ".gz": frozenset({"gzip"}),
    ".dat": frozenset({"tnef"}),
}

# Mismatches the program behind the extension opens without complaint (Word opens an RTF or HTML
# file named .doc; image viewers ignore the extension). These are mislabelled but not a problem.
_HARMLESS: dict[str, frozenset[str]] = {
    ".doc": frozenset({"docx", "rtf", "html", "text"}),
    ".docx": frozenset({"doc", "rtf"}),
    ".xls": frozenset({"xlsx", "html", "text"}),
    ".txt": frozenset({"html"}),
    ".csv": frozenset({"html"}),
    ".htm": frozenset({"text"}),
    ".html": frozenset({"text"}),
    ".jpg": frozenset({"png", "gif", "bmp", "webp", "tiff"}),
    ".jpeg": frozenset({"png", "gif", "bmp", "webp", "tiff"}),
    ".png": frozenset({"jpeg", "gif", "bmp", "webp", "tiff"}),
    ".eml": frozenset({"text"}),
}

_ODF_MIMETYPES = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.text-template": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.presentation": "odp",
}

_MAIL_HEADERS = {"from", "to", "subject", "date", "mime-version", "received", "message-id", "return-path", "cc"}


def extension_of(filename: str) -> str:
    return PurePath(filename).suffix.lower()


def detect_type(data: bytes, filename: str) -> tuple[str, bool]:
    """(detected_type, mislabelled): the type from the content; mislabelled when the extension disagrees."""
    detected = sniff_type(data, filename)
    return detected, is_mislabelled(detected, filename)


def is_mislabelled(detected: str, filename: str) -> bool:
    """True when the file's extension names a known type other than the detected one."""
    expected = _EXPECTED.get(extension_of(filename))
    if expected is None:
        return False
    return detected not in expected


def is_harmless_mislabel(detected: str, filename: str) -> bool:
    return detected in _HARMLESS.get(extension_of(filename), frozenset())


def claims_known_type(filename: str) -> bool:
    return extension_of(filename) in _EXPECTED


def sniff_type(data: bytes, filename: str = "") -> str:
    """The detected type of ``data`` (see tasks.extract for the list)."""
    head = data[:16]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_container_type(data, filename)
    if head.startswith(OLE_MAGIC):
        return _ole_type(data, filename)
    binary = _binary_magic(data)
    if binary:
        return binary
    return _text_type(data)


def _binary_magic(data: bytes) -> str | None:
    head = data[:32]
    checks: list[tuple[bool, str]] = [
        (head.startswith(b"{\\rtf"), "rtf"),
        (head.startswith(b"\xff\xd8\xff"), "jpeg"),
        (head.startswith(b"\x89PNG\r\n\x1a\n"), "png"),
        (head.startswith((b"II*\x00", b"MM\x00*")), "tiff"),
        (head.startswith((b"GIF87a", b"GIF89a")), "gif"),
        (head.startswith(b"RIFF") and head[8:12] == b"WEBP", "webp"),
        (head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"hevc"), "heic"),
        (head.startswith(b"Rar!\x1a\x07"), "rar"),
        (head.startswith(b"7z\xbc\xaf\x27\x1c"), "7z"),
        (head.startswith(b"\x1f\x8b"), "gzip"),
        (head.startswith(b"\x78\x9f\x3e\x22"), "tnef"),
        (_looks_like_bmp(head), "bmp"),
    ]
    for matched, kind in checks:
        if matched:
            return kind
    return None


def _looks_like_bmp(head: bytes) -> bool:
    # "BM" alone is too weak (a text file may start with it): also require a plausible DIB header.
    return head.startswith(b"BM") and len(head) >= 18 and int.from_bytes(head[14:18], "little") in (12, 40, 52, 56, 108, 124)


def _zip_container_type(data: bytes, filename: str) -> str:
    """docx/xlsx/pptx/odt/ods/odp by their parts; a plain archive otherwise."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size < 200:
                    kind = _ODF_MIMETYPES.get(archive.read(info).strip())
                    if kind:
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # A truncated package: the central directory is gone, so guess from the first local header.
        return _truncated_container_type(data, filename)
    if "[Content_Types].xml" in names:
        for prefix, kind in (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx")):
            if any(name.startswith(prefix) for name in names):
                return kind
    return "zip"


def _truncated_container_type(data: bytes, filename: str) -> str:
    first_name_length = int.from_bytes(data[26:28], "little")
    first_name = data[30 : 30 + first_name_length]
    ext = extension_of(filename)
    office = {".docx": "docx", ".docm": "docx", ".xlsx": "xlsx", ".xlsm": "xlsx", ".pptx": "pptx"}
    odf = {".odt": "odt", ".ods": "ods", ".odp": "odp"}
    if first_name == b"[Content_Types].xml" and ext in office:
        return office[ext]
    if first_name == b"mimetype":
        for mimetype, kind in _ODF_MIMETYPES.items():
            if mimetype in data[30 : 30 + first_name_length + 100]:
                return kind
        return odf.get(ext, "odt")
    return "zip"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _ole_type(data: bytes, filename: str) -> str:
    """Legacy Office/Outlook files share the OLE container; tell them apart by their stream names.

    A password-protected DOCX/XLSX/PPTX is also an OLE file holding an "EncryptedPackage" stream;
    it is reported as the OOXML type its extension names (docx by default).
    """
    if _utf16("EncryptedPackage") in data:
        return {".xlsx": "xlsx", ".xlsm": "xlsx", ".pptx": "pptx"}.get(extension_of(filename), "docx")
    for stream, kind in (
        ("WordDocument", "doc"),
        ("Workbook", "xls"),
        ("Book", "xls"),
        ("PowerPoint Document", "ppt"),
        ("__substg1.0_", "msg"),
    ):
        if _utf16(stream) in data:
            return kind
    return "unknown"


def is_encrypted_ooxml(data: bytes) -> bool:
    return data.startswith(OLE_MAGIC) and _utf16("EncryptedPackage") in data


def decode_text(data: bytes) -> str | None:
    """Text from bytes: BOM, else UTF-8, else cp1252 (latin-1 for its five undefined bytes).

    None when the bytes do not look like text at all (binary).
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:_SNIFF_BYTES]:
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = "".join(_cp1252_char(byte) for byte in data) if len(data) < 4096 else _cp1252_bulk(data)
    return text if _mostly_printable(text[:_SNIFF_BYTES]) else None


def _cp1252_char(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(byte)


def _cp1252_bulk(data: bytes) -> str:
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return "".join(_cp1252_char(byte) for byte in data)


def _mostly_printable(text: str) -> bool:
    if not text:
        return True
    control = sum(1 for char in text if ord(char) < 32 and char not in "\t\n\r\f")
    return control / len(text) < 0.01


def _text_type(data: bytes) -> str:
    sample = data[:_SNIFF_BYTES]
    if not (sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" not in sample):
        return "unknown"
    text = _decode_sample(sample)
    if text is None:
        return "unknown"
    stripped = text.lstrip("\ufeff \t\r\n")
    lowered = stripped[:2048].lower()
    if _looks_like_mail(stripped):
        return "eml"
    if lowered.startswith(("<!doctype html", "<html")) or re.search(r"<(html|body|head)[\s>]", lowered):
        return "html"
    # A fragment saved as .htm (no <html> element) still reads as HTML when markup dominates its start.
    if len(re.findall(r"</?(p|div|span|table|tr|td|br|h[1-6]|ul|ol|li|b|i|strong|em)\b[^>]*>", lowered)) >= 5:
        return "html"
    return "text"


def _decode_sample(sample: bytes) -> str | None:
    # A sample may end mid-character: decode incrementally so the cut does not count as invalid.
    for bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if sample.startswith(bom):
            return sample.decode("utf-16", errors="replace")
    try:
        return codecs.getincrementaldecoder("utf-8-sig")().decode(sample, final=False)
    except UnicodeDecodeError:
        return decode_text(sample)


def _looks_like_mail(text: str) -> bool:
    """RFC 822 header block: starts with "Name: value" lines, at least two well-known headers."""
    header_block = re.split(r"\r?\n\r?\n", text[:16384], maxsplit=1)[0]
    lines = header_block.splitlines()
    if not lines or not re.match(r"^[A-Za-z][A-Za-z0-9-]*:", lines[0]):
        return False
    names = {match.group(1).lower() for line in lines if (match := re.match(r"^([A-Za-z][A-Za-z0-9-]*):", line))}
    return len(names & _MAIL_HEADERS) >= 2
