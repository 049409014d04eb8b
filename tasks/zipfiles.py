"""Safe expansion of ZIP archives sent as attachments, entirely in memory.

Applicants zip their documents; attackers (or broken tools) send ZIP bombs. ``expand_zip`` returns
the files inside (nested archives expanded, paths joined with "/") and refuses, with a
:class:`ZipProblem`, anything that would cost too much:

* more than ``max_members`` files in total (over all nesting levels) -> ``too-large``;
* more than ``max_total_bytes`` expanded, by the declared sizes up front and by the bytes actually
  read (declared sizes can lie) -> ``too-large``;
* a member bigger than 1 MiB that expands more than ``max_ratio`` times, declared or actual, or
  archives nested deeper than ``max_depth`` -> ``zip-bomb``;
* a damaged archive, a member with a bad CRC or an unsupported compression method -> ``corrupt``;
* a member protected by a password that none of ``passwords`` opens -> ``encrypted``.

Directories, symbolic links and operating-system junk (``__MACOSX/``, ``.DS_Store``, ``Thumbs.db``,
``desktop.ini``) are skipped. Nothing is ever written to disk; member paths are for display only.
"""

from __future__ import annotations

import io
import posixpath
import stat
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from tasks.extract_detect import sniff_type

_CHUNK = 1 << 20
_RATIO_MIN_BYTES = 1 << 20  # small members may compress extremely well (a page of spaces) harmlessly
_JUNK_NAMES = {".ds_store", "thumbs.db", "desktop.ini"}

_MESSAGES = {
    "zip-bomb": (
        "Het ZIP-bestand pakt uit tot een onredelijk grote hoeveelheid gegevens en is daarom niet geopend; "
        "stuur de documenten los mee."
    ),
    "too-large": (
        "Het ZIP-bestand bevat te veel of te grote bestanden (hoogstens {max_members} bestanden en "
        "{max_mb} MB samen); stuur de documenten los of in kleinere delen."
    ),
    "corrupt": (
        "Het ZIP-bestand is beschadigd of onvolledig en kan niet worden uitgepakt; stuur het opnieuw "
        "of stuur de documenten los mee."
    ),
    "encrypted": (
        "Het ZIP-bestand is beveiligd met een wachtwoord; stuur de documenten opnieuw zonder wachtwoord "
        "of vermeld het wachtwoord in uw mail."
    ),
}


@dataclass(frozen=True)
class ZipMember:
    path: str  # path inside the archive (display only; never used as a filesystem path)
    data: bytes


class ZipProblem(Exception):
    """Why an archive was not expanded: ``code`` and one Dutch sentence for the applicant."""

    def __init__(self, code: str, detail: str = "", **message_args: object) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail
        self.message_nl = _MESSAGES[code].format(**message_args) if message_args else _MESSAGES[code]


@dataclass
class _Budget:
    """Limits shared by an archive and every archive nested in it."""

    max_members: int
    max_total_bytes: int
    max_ratio: int
    max_depth: int
    passwords: tuple[bytes, ...]
    members: int = 0
    total_bytes: int = 0
    results: list[ZipMember] = field(default_factory=list)

    def too_large(self, detail: str) -> ZipProblem:
        return ZipProblem("too-large", detail, max_members=self.max_members, max_mb=self.max_total_bytes // 2**20)


def expand_zip(
    data: bytes,
    *,
    max_members: int = 50,
    max_total_bytes: int = 200 * 2**20,
    max_ratio: int = 100,
    max_depth: int = 3,
    passwords: Sequence[str] = (),
) -> list[ZipMember]:
    """The files in a ZIP archive (recursively), or ZipProblem. ``max_depth`` counts nested archives."""
    budget = _Budget(
        max_members=max_members,
        max_total_bytes=max_total_bytes,
        max_ratio=max_ratio,
        max_depth=max_depth,
        passwords=tuple(p.encode() for p in passwords),
    )
    _expand(data, prefix="", depth=0, budget=budget)
    return budget.results


def _expand(data: bytes, *, prefix: str, depth: int, budget: _Budget) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = [info for info in archive.infolist() if _is_document(info)]
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
        raise ZipProblem("corrupt", str(error)) from error
    with archive:
        _check_declared(infos, budget)
        for info in infos:
            path = prefix + _display_path(info.filename)
            content = _read_member(archive, info, budget)
            if _is_nested_archive(content):
                if depth + 1 > budget.max_depth:
                    raise ZipProblem("zip-bomb", f"archives nested deeper than {budget.max_depth} levels")
                budget.members -= 1  # the nested archive itself is not a document
                _expand(content, prefix=path + "/", depth=depth + 1, budget=budget)
            else:
                budget.results.append(ZipMember(path=path, data=content))


def _is_document(info: zipfile.ZipInfo) -> bool:
    name = info.filename.replace("\\", "/")
    if info.is_dir() or name.endswith("/"):
        return False
    if stat.S_ISLNK(info.external_attr >> 16):
        return False
    parts = [part for part in name.split("/") if part]
    if not parts or "__MACOSX" in parts or parts[-1].lower() in _JUNK_NAMES or parts[-1].startswith("._"):
        return False
    return True


def _display_path(name: str) -> str:
    """A tidy relative path: backslashes to slashes, no leading slash, drive letter or "..": display only."""
    name = name.replace("\\", "/")
    if len(name) > 1 and name[1] == ":":
        name = name[2:]
    parts = [part for part in posixpath.normpath("/" + name).split("/") if part and part != ".."]
    return "/".join(parts)


def _check_declared(infos: list[zipfile.ZipInfo], budget: _Budget) -> None:
    """Refuse before reading anything, by what the archive says about itself."""
    budget.members += len(infos)
    if budget.members > budget.max_members:
        raise budget.too_large(f"{budget.members} files")
    declared = budget.total_bytes + sum(info.file_size for info in infos)
    if declared > budget.max_total_bytes:
        raise budget.too_large(f"declares {declared} bytes")
    for info in infos:
        if info.file_size > _RATIO_MIN_BYTES and info.file_size > budget.max_ratio * max(info.compress_size, 1):
            raise ZipProblem("zip-bomb", f"{info.filename} declares {info.file_size} bytes from {info.compress_size}")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> bytes:
    """The member's bytes; an encrypted member is tried with each password in turn."""
    if not info.flag_bits & 0x1:
        return _read_counted(archive, info, None, budget)
    for password in budget.passwords:
        try:
            return _read_counted(archive, info, password, budget)
        except _WrongPassword:
            continue
    raise ZipProblem("encrypted", f"{info.filename} needs a password")


class _WrongPassword(Exception):
    pass


def _read_counted(archive: zipfile.ZipFile, info: zipfile.ZipInfo, password: bytes | None, budget: _Budget) -> bytes:
    """Read in chunks, counting the bytes actually produced: the declared sizes may lie."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info, pwd=password) as handle:
            while chunk := handle.read(_CHUNK):
                size += len(chunk)
                chunks.append(chunk)
                if budget.total_bytes + size > budget.max_total_bytes:
                    raise budget.too_large(f"{info.filename} expands beyond the total limit")
                if size > _RATIO_MIN_BYTES and size > budget.max_ratio * max(info.compress_size, 1):
                    raise ZipProblem("zip-bomb", f"{info.filename} expands more than {budget.max_ratio}x")
    except RuntimeError as error:  # "Bad password for file"
        raise _WrongPassword from error
    except NotImplementedError as error:
        # WinZip AES encryption and exotic compression methods are not supported by zipfile.
        code = "encrypted" if password is not None else "corrupt"
        raise ZipProblem(code, f"{info.filename}: {error}") from error
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as error:
        if password is not None:
            # ZipCrypto checks one byte of the password up front; a wrong one that passes fails the CRC.
            raise _WrongPassword from error
        raise ZipProblem("corrupt", f"{info.filename}: {error}") from error
    budget.total_bytes += size
    return b"".join(chunks)


def _is_nested_archive(content: bytes) -> bool:
    # By content, not by name: a .docx is a ZIP too, but a document, not an archive to expand.
    return content[:4] == b"PK\x03\x04" and sniff_type(content) == "zip"
