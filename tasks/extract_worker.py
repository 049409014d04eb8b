"""Entry point of an extraction worker process (see tasks.extract_pool).

Run as ``python -m tasks.extract_worker READ_FD WRITE_FD LIMITS_JSON``. Sets RLIMIT_AS before
importing any parser, announces itself ready, then answers one frame per job until its input closes.
"""

from __future__ import annotations

import json
import os
import resource
import sys


def _limit_memory(memory_mb: int) -> None:
    limit = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def main(argv: list[str]) -> int:
    read_fd, write_fd = int(argv[1]), int(argv[2])
    settings = json.loads(argv[3])
    _limit_memory(int(settings["memory_mb"]))
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")

    from tasks.extract import extract_bytes
    from tasks.extract_core import ExtractionLimits
    from tasks.extract_pool import WorkerDied, read_frame, write_frame

    limits = ExtractionLimits(**settings)
    _preload()
    write_frame(write_fd, {"ready": True})
    while True:
        try:
            header, payload = read_frame(read_fd)
        except WorkerDied:
            os._exit(0)  # the pool closed our input: nothing to flush or clean up, leave at once
        except MemoryError:
            # The file alone does not fit: answer, then exit (the rest of the frame is unread).
            write_frame(write_fd, {"error": "memory-exhausted"})
            os._exit(0)
        try:
            if header.get("job") == "parse-mail":
                parsed, attachments = parse_mail_job(payload, header["zip_limits"])
                del payload
                write_frame(write_fd, {"parsed": parsed}, attachments)
                continue
            extraction = extract_bytes(
                payload, str(header["filename"]), passwords=[str(p) for p in header.get("passwords", [])], limits=limits
            )
            del payload
            # After running out of memory the heap may be fragmented: start afresh.
            recycle = "memory-exhausted" in extraction.notes
            write_frame(write_fd, {"extraction": extraction.model_dump(mode="json"), "recycle": recycle})
        except MemoryError:
            write_frame(write_fd, {"error": "memory-exhausted"})
            os._exit(0)


def parse_mail_job(data: bytes, zip_limits: dict) -> tuple[dict, bytes]:
    from tasks.mailbox import ZipLimits, parse_message, parsed_to_frame

    return parsed_to_frame(parse_message(data, ZipLimits(**zip_limits)))


def _preload() -> None:
    """Import the parsers most jobs need now, so the first job does not pay for it."""
    import logging

    import pypdfium2  # noqa: F401

    # This process only extracts: pdfminer/openpyxl chatter about odd fonts is not for the operator.
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    from tasks import extract_office, extract_pdf, extract_textformats  # noqa: F401


if __name__ == "__main__":
    sys.exit(main(sys.argv))
