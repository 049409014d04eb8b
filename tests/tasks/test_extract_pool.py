"""The extraction pool: worker processes with hard time and memory limits, shared by many threads."""

from __future__ import annotations

import os
import signal
import statistics
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tasks.extract import ExtractionLimits, ExtractionPool, extract_bytes
from tasks.mailbox import ZipLimits, parse_message
from tests.factories.documents import make_docx, make_docx_bomb, make_pdf, make_slow_pdf
from tests.factories.mails import MailSpec, build_mail, docx_attachment, pdf_attachment

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def pool() -> Iterator[ExtractionPool]:
    with ExtractionPool(ExtractionLimits(timeout_seconds=20), workers=2) as shared:
        yield shared


def _worker_pids() -> set[int]:
    """Our own extraction workers: children of this process running tasks.extract_worker."""
    pids = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes()
        except (OSError, IndexError, ValueError):
            continue
        if parent == os.getpid() and b"tasks.extract_worker" in command:
            pids.add(int(entry.name))
    return pids


def test_pool_result_equals_in_process_result(pool: ExtractionPool) -> None:
    pdf = make_pdf(["De financiën van de cliënt", "Tweede pagina"])

    assert pool.extract(pdf, "voorstel.pdf") == extract_bytes(pdf, "voorstel.pdf")


def test_pool_passwords_reach_the_worker(pool: ExtractionPool) -> None:
    pdf = make_pdf(["Geheim"], encrypt_password="haspengouw")

    assert pool.extract(pdf, "voorstel.pdf", passwords=["haspengouw"]).pages == ["Geheim"]


def test_pool_concurrent_threads_each_get_their_own_result(pool: ExtractionPool) -> None:
    jobs = {f"voorstel-{n}.pdf": make_pdf([f"Voorstel nummer {n}"]) for n in range(12)}
    jobs.update({f"voorstel-{n}.docx": make_docx([f"Document nummer {n}"]) for n in range(12)})

    with ThreadPoolExecutor(max_workers=8) as threads:
        results = dict(zip(jobs, threads.map(lambda item: pool.extract(item[1], item[0]), jobs.items()), strict=True))

    assert {name: result.pages for name, result in results.items()} == {
        **{f"voorstel-{n}.pdf": [f"Voorstel nummer {n}"] for n in range(12)},
        **{f"voorstel-{n}.docx": [f"Document nummer {n}"] for n in range(12)},
    }


def test_pool_job_over_time_limit_is_killed_as_timeout_and_pool_keeps_working() -> None:
    others = _worker_pids()
    with ExtractionPool(ExtractionLimits(timeout_seconds=0.5), workers=1) as small:
        small.extract(make_pdf(["Opwarmen"]), "warm.pdf")  # start-up is not part of a job's time
        before = _worker_pids() - others
        started = time.monotonic()

        result = small.extract(make_slow_pdf(), "traag.pdf")

        elapsed = time.monotonic() - started
        assert (result.detected_type, result.problem, result.readable) == ("pdf", "timeout", False)
        assert result.notes == ["worker-killed: no answer after 0.5 s"]
        assert elapsed < 3  # pdfium alone needs about 7 s for this page
        assert small.extract(make_pdf(["Daarna"]), "daarna.pdf").pages == ["Daarna"]
        after = _worker_pids() - others
        assert len(after) == 1 and after.isdisjoint(before)  # the stuck worker was replaced


def test_pool_memory_exhaustion_is_too_large_and_worker_is_replaced() -> None:
    with ExtractionPool(ExtractionLimits(memory_mb=400), workers=1) as small:
        huge_text = b"regel tekst\n" * (180 * 2**20 // 12)  # decoding this needs more than 400 MB

        result = small.extract(huge_text, "bijlage.txt")

        assert (result.problem, result.readable) == ("too-large", False)
        assert result.notes == ["memory-exhausted"]
        assert small.extract(make_pdf(["Daarna"]), "daarna.pdf").pages == ["Daarna"]


def test_pool_docx_bomb_with_small_memory_limit_is_too_large() -> None:
    with ExtractionPool(ExtractionLimits(memory_mb=256), workers=1) as small:
        result = small.extract(make_docx_bomb(), "voorstel.docx")

        assert (result.detected_type, result.problem) == ("docx", "too-large")
        assert small.extract(make_docx(["Daarna"]), "daarna.docx").pages == ["Daarna"]


def test_pool_worker_killed_mid_job_gives_too_large_and_others_continue() -> None:
    # SIGKILL from outside is how the kernel's out-of-memory killer ends a worker.
    others = _worker_pids()
    with ExtractionPool(ExtractionLimits(timeout_seconds=30), workers=2) as small:
        small.extract(make_pdf(["Opwarmen"]), "warm.pdf")
        ours = _worker_pids() - others
        idle_cpu = {pid: _cpu_seconds(pid) for pid in ours}
        outcome: dict[str, object] = {}
        job = threading.Thread(target=lambda: outcome.update(result=small.extract(make_slow_pdf(), "traag.pdf")))
        job.start()
        time.sleep(1.0)
        busy = max(ours, key=lambda pid: _cpu_seconds(pid) - idle_cpu[pid])
        os.kill(busy, signal.SIGKILL)
        job.join(timeout=10)

        result = outcome["result"]
        assert (result.problem, result.notes) == ("too-large", ["worker-died: SIGKILL"])  # type: ignore[attr-defined]
        assert small.extract(make_pdf(["Daarna"]), "daarna.pdf").pages == ["Daarna"]


def test_pool_worker_that_died_while_idle_is_replaced_without_charging_the_next_job() -> None:
    others = _worker_pids()
    with ExtractionPool(workers=1) as small:
        small.extract(make_pdf(["Opwarmen"]), "warm.pdf")
        (idle,) = _worker_pids() - others
        os.kill(idle, signal.SIGKILL)
        time.sleep(0.2)

        result = small.extract(make_pdf(["Volgende"]), "volgende.pdf")

        assert (result.pages, result.problem) == (["Volgende"], None)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_pool_overhead_per_job_is_a_few_milliseconds(pool: ExtractionPool) -> None:
    pdf = make_pdf(["Kort voorstel"])
    pool.extract(pdf, "warm.pdf")

    pooled = statistics.median(_seconds(lambda: pool.extract(pdf, "voorstel.pdf")) for _ in range(50))
    direct = statistics.median(_seconds(lambda: extract_bytes(pdf, "voorstel.pdf")) for _ in range(50))

    assert pooled - direct < 0.005  # medians: robust against a busy machine's scheduling hiccups


def _seconds(job) -> float:
    started = time.perf_counter()
    job()
    return time.perf_counter() - started


def test_pool_refuses_work_after_close() -> None:
    closed = ExtractionPool(workers=1)
    closed.close()

    with pytest.raises(RuntimeError, match="closed"):
        closed.extract(b"tekst", "a.txt")


def test_pool_worker_environment_has_no_secrets(monkeypatch):
    from pathlib import Path

    from tasks.extract import ExtractionLimits, ExtractionPool

    monkeypatch.setenv("CALLFLOW_SMTP_PASSWORD", "s3cret-value")
    with ExtractionPool(ExtractionLimits(), workers=1) as pool:
        pool.extract(b"tekst", "a.txt")  # the worker certainly runs now
        [worker] = list(pool._slots.queue)
        environment = Path(f"/proc/{worker.process.pid}/environ").read_bytes()
    assert b"s3cret-value" not in environment
    assert b"PATH=" in environment


def hostile_mail(parts: int) -> bytes:
    """A small mail whose parts carry 8 KB parameter-heavy headers: Python's header parser needs about
    0.7 s per part for it, so a few hundred parts would stall an in-process parse for minutes."""
    params = "".join(f'; p{i}*={i}"' for i in range(2000))[:8000].encode()
    head = (b"From: An <an@vzwdebrug.be>\r\nMessage-ID: <traag@vzwdebrug.be>\r\nDate: Sat, 20 May 2023 14:03:00 +0200\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n")
    part = b"--B\r\nContent-Type: application/pdf" + params + b"\r\nContent-Disposition: attachment" + params + b"\r\n\r\nxx\r\n"
    return head + part * parts + b"--B--\r\n"


def test_pool_parse_mail_equals_in_process_parse(pool: ExtractionPool) -> None:
    data = build_mail(MailSpec(attachments=[pdf_attachment("voorstel.pdf", make_pdf(["Projectvoorstel"])),
                                            docx_attachment("bijlage.docx", make_docx(["Begroting"]))]))

    assert pool.parse_mail(data, ZipLimits()) == parse_message(data)


def test_pool_parse_mail_hostile_headers_end_as_timeout_and_pool_keeps_working() -> None:
    with ExtractionPool(ExtractionLimits(timeout_seconds=2), workers=1) as limited:
        started = time.monotonic()
        parsed = limited.parse_mail(hostile_mail(60), ZipLimits())
        elapsed = time.monotonic() - started

        assert parsed.problems == ["timeout"]
        assert "duurde langer dan 2 seconden" in parsed.problem_messages[0]
        assert elapsed < 15  # about 40 s in-process; killed after the limit plus its grace
        normal = build_mail(MailSpec(attachments=[pdf_attachment("voorstel.pdf", make_pdf(["Voorstel"]))]))
        assert [a.filename for a in limited.parse_mail(normal, ZipLimits()).attachments] == ["voorstel.pdf"]
