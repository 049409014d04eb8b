"""`make bench`: the real intake on generated calls of two sizes, against the extraction floor.

For each size N it generates N applications with the project's own generator (3–15 page PDFs with tables,
DOCX, a few scans), then measures in one run:
- the real intake end to end (`callflow ingest` in a fresh process: Prefect, archive, extraction pool,
  analysis, acknowledgements), its peak RSS, and a second run with nothing new;
- the floor: a plain loop of raw pypdfium2 / python-docx calls (Tesseract for pages without text, as the
  pipeline does) on 2 processes over the same documents;
- the naive baseline: pdfplumber's extract_text on a sample of the PDFs, extrapolated per page.
Two sizes separate the fixed start-up (process, Prefect) from the cost per application.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import io
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.generate import generate_call
from callflow.workspace import init_workspace

BRUSSELS = ZoneInfo("Europe/Brussels")
LAUNCH = datetime(2023, 4, 21, 0, 0, tzinfo=BRUSSELS)
DEADLINE = datetime(2023, 6, 1, 23, 59, tzinfo=BRUSSELS)


@dataclass
class SizeResult:
    applications: int
    mails: int
    documents: int
    pages: int
    ingest_seconds: float
    rerun_seconds: float
    peak_rss_mb: float
    floor_seconds: float
    naive_seconds_estimate: float

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.ingest_seconds

    @property
    def applications_per_minute(self) -> float:
        return self.applications * 60 / self.ingest_seconds


def _documents(inbox: Path) -> list[tuple[str, bytes]]:
    documents = []
    for path in sorted(inbox.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        for part in message.iter_attachments():
            name = (part.get_filename() or "").lower()
            if name.endswith((".pdf", ".docx")):
                documents.append((name, part.get_payload(decode=True)))
    return documents


def _floor_one(item: tuple[str, bytes]) -> int:
    """Raw library calls only: what extraction costs without any pipeline around it."""
    name, data = item
    if name.endswith(".docx"):
        import docx

        document = docx.Document(io.BytesIO(data))
        _text = "\n".join(p.text for p in document.paragraphs)
        return 1
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    pages = len(pdf)
    for index in range(pages):
        page = pdf[index]
        text = page.get_textpage().get_text_range()
        if len(text.strip()) < 20:  # a scanned page: the pipeline OCRs it, so the floor does too
            import pytesseract

            image = page.render(scale=200 / 72).to_pil()
            pytesseract.image_to_string(image, lang="nld")
    return pages


def _naive_one(item: tuple[str, bytes]) -> tuple[int, float]:
    import pdfplumber

    started = time.perf_counter()
    with pdfplumber.open(io.BytesIO(item[1])) as pdf:
        for page in pdf.pages:
            page.extract_text()
        pages = len(pdf.pages)
    return pages, time.perf_counter() - started


def _ingest(root: Path, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one `callflow ingest` in a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    completed = subprocess.run(
        [sys.executable, "-m", "callflow", "--workspace", str(root), "ingest", "--now", "2023-06-02T09:00"],
        capture_output=True, text=True, check=False, env=env,
    )
    elapsed = time.perf_counter() - started
    if completed.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    peak = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before) / 1024
    return elapsed, peak


def measure(size: int, workdir: Path, seed: int) -> SizeResult:
    root = init_workspace(workdir / f"bench-{size}")
    manifest = generate_call(root / "inbox", size, seed=seed, launch=LAUNCH, deadline=DEADLINE, extras=False)
    documents = _documents(root / "inbox")
    pdfs = [d for d in documents if d[0].endswith(".pdf")]

    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        pages = sum(pool.map(_floor_one, documents, chunksize=8))
    floor = time.perf_counter() - started

    sample = pdfs[: min(len(pdfs), 40)]
    naive = [_naive_one(item) for item in sample]
    naive_per_page = sum(seconds for _pages, seconds in naive) / max(1, sum(pages for pages, _ in naive))
    pdf_pages = pages - sum(1 for d in documents if d[0].endswith(".docx"))
    naive_estimate = naive_per_page * pdf_pages / 2  # on 2 processes, like the floor

    ingest_seconds, peak = _ingest(root)
    rerun_seconds, _ = _ingest(root)
    return SizeResult(size, len(manifest.mails), len(documents), pages, ingest_seconds, rerun_seconds, peak,
                      floor, naive_estimate)


STARTUP_TRIALS = 5


def _startup(workdir: Path, seed: int, env: dict[str, str] | None = None, tag: str = "own-server") -> list[float]:
    """What every run pays before the first application, measured directly: fresh `callflow ingest` runs of
    a one-application call (a new workspace each time), sorted."""
    seconds = []
    for trial in range(STARTUP_TRIALS):
        root = init_workspace(workdir / f"bench-startup-{tag}-{trial}")
        generate_call(root / "inbox", 1, seed=seed, launch=LAUNCH, deadline=DEADLINE, extras=False, scans=0)
        seconds.append(_ingest(root, env)[0])
    return sorted(seconds)


def _startup_with_running_server(workdir: Path, seed: int) -> list[float]:
    """The same with a Prefect server already running (PREFECT_API_URL), as under `callflow serve`."""
    from callflow.prefect_api import TemporaryPrefectServer

    server = TemporaryPrefectServer()
    server.start()
    try:
        server.wait_ready()
        return _startup(workdir, seed, env={**os.environ, "PREFECT_API_URL": server.api_url}, tag="running-server")
    finally:
        server.stop()


def _seconds(values: list[float]) -> str:
    return f"median {statistics.median(values):.1f} s (runs: {', '.join(f'{v:.1f}' for v in values)})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="comma-separated numbers of applications")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--keep", action="store_true", help="keep the generated workspaces")
    args = parser.parse_args(argv)
    sizes = [int(part) for part in args.sizes.split(",")]
    workdir = Path(tempfile.mkdtemp(prefix="callflow-bench-"))
    results = []
    try:
        for size in sizes:
            print(f"N={size}: generating and measuring …", flush=True)
            result = measure(size, workdir, args.seed)
            results.append(result)
            _print(result)
        print("fixed start-up, a fresh `callflow ingest` of one small application (process, Prefect, pool):")
        print(f"  with its own temporary Prefect server: {_seconds(_startup(workdir, args.seed))}", flush=True)
        print(f"  with a Prefect server already running: {_seconds(_startup_with_running_server(workdir, args.seed))}")
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    if len(results) >= 2:
        small, large = results[0], results[-1]
        per_app = (large.ingest_seconds - small.ingest_seconds) / (large.applications - small.applications)
        fixed = small.ingest_seconds - per_app * small.applications
        floor_per_app = (large.floor_seconds - small.floor_seconds) / (large.applications - small.applications)
        print(f"cost per application: {per_app * 1000:.1f} ms (floor {floor_per_app * 1000:.1f} ms, "
              f"ratio {per_app / floor_per_app:.2f}x); fixed part from the two sizes: {fixed:.1f} s")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    out = Path("bench/out")
    out.mkdir(parents=True, exist_ok=True)
    (out / "bench.json").write_text(json.dumps([asdict(r) for r in results], indent=2))
    return 0


def _print(r: SizeResult) -> None:
    print(f"  {r.applications} applications, {r.mails} mails, {r.documents} documents, {r.pages} pages")
    print(f"  intake end to end: {r.ingest_seconds:.1f} s = {r.pages_per_second:.0f} pages/s, "
          f"{r.applications_per_minute:.0f} applications/min; peak RSS {r.peak_rss_mb:.0f} MB")
    print(f"  second run, nothing new: {r.rerun_seconds:.1f} s")
    print(f"  floor (raw pypdfium2/python-docx/tesseract, 2 processes): {r.floor_seconds:.1f} s")
    print(f"  naive baseline (pdfplumber extract_text, 2 processes, from a sample): {r.naive_seconds_estimate:.1f} s")


if __name__ == "__main__":
    raise SystemExit(main())
