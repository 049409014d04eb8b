"""Files on disk: atomic writes, the content-addressed archive, and safe file names.

Names that come from outside (attachment names as sent) are never used as paths; `safe_filename` makes a
display-and-download name that is safe on any file system.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import unicodedata
from pathlib import Path

MAX_NAME_LENGTH = 120


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, fsync, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique per process and thread: two threads (Prefect's task runner) writing the same file must not share it.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        # A full or read-only disk: leave no half-written temporary behind (it would only take more space),
        # and name the file, which a failed write() or fsync() does not.
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        if exc.filename is None:
            raise type(exc)(exc.errno, exc.strerror, str(path)) from exc
        raise


def archive_blob(archive: Path, data: bytes, folder: str, suffix: str = "") -> tuple[str, str]:
    """Store bytes under archive/<folder>/<sha[:2]>/<sha><suffix> once; returns (sha256, relative path)."""
    digest = sha256_hex(data)
    relative = f"{folder}/{digest[:2]}/{digest}{suffix}"
    target = archive / relative
    if not target.exists() or target.stat().st_size != len(data):
        write_atomic(target, data)
    return digest, relative


# --- names ---------------------------------------------------------------------------------------


def safe_filename(name: str | None, fallback: str = "bijlage") -> str:
    """A name that is safe on any file system: no folders, no '..', no control characters, bounded length."""
    candidate = unicodedata.normalize("NFC", name or "")
    candidate = re.split(r"[\\/]", candidate)[-1]
    candidate = "".join(ch for ch in candidate if unicodedata.category(ch)[0] != "C")
    candidate = re.sub(r"[^\w .()+,@-]", "_", candidate).strip(" .")
    candidate = re.sub(r"\s+", " ", candidate)
    if not candidate:
        candidate = fallback
    stem, dot, extension = candidate.rpartition(".")
    if not dot or not re.fullmatch(r"[A-Za-z0-9]{1,8}", extension):
        stem, extension = candidate, ""
    limit = MAX_NAME_LENGTH - (len(extension) + 1 if extension else 0)
    stem = stem[:limit].rstrip(" .") or fallback
    return f"{stem}.{extension}" if extension else stem


def safe_suffix(name: str) -> str:
    """The lower-case extension ('.pdf') of the safe name, or '' when it has none: a truncated long name's
    last dot may be followed by anything else, which is no extension."""
    stem, dot, extension = safe_filename(name).rpartition(".")
    return f".{extension.lower()}" if dot and re.fullmatch(r"[A-Za-z0-9]{1,8}", extension) else ""
