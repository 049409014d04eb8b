"""Process-wide wiring chosen in one place: the registry per workspace, the workspace lock, the extraction
pool and the mail transport (Prefect's settings and API: callflow/prefect_api.py)."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from callflow.workspace import Workspace


@lru_cache(maxsize=16)
def _registry(url: str):  # noqa: ANN202 - tasks.registry.Registry, imported lazily to keep start-up light
    from tasks.registry import Registry

    return Registry(url)


def registry_for(ws: Workspace):  # noqa: ANN201
    ws.state.mkdir(parents=True, exist_ok=True)
    return _registry(ws.database_url)


class LockTimeout(Exception):
    pass


@contextmanager
def workspace_lock(ws: Workspace, timeout_seconds: float = 600.0) -> Iterator[None]:
    """One intake/milestone flow per workspace at a time (a schedule and a manual trigger may overlap).

    An flock is released by the kernel when the process dies, so a killed run never leaves a stale lock.
    """
    with _file_lock(ws, "run.lock", timeout_seconds):
        yield


@contextmanager
def milestone_lock(ws: Workspace, timeout_seconds: float = 1800.0) -> Iterator[None]:
    """One run-due per workspace at a time; separate from the flow lock, which the flows it runs take."""
    with _file_lock(ws, "milestones.lock", timeout_seconds):
        yield


@contextmanager
def _file_lock(ws: Workspace, name: str, timeout_seconds: float) -> Iterator[None]:
    ws.state.mkdir(parents=True, exist_ok=True)
    path = ws.state / name
    with open(path, "a+") as handle:
        deadline = time.monotonic() + timeout_seconds
        while True:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise LockTimeout(f"{path}: another callflow run holds the workspace lock") from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


_pools: dict[tuple, object] = {}


def extraction_pool(ws: Workspace):  # noqa: ANN201 - tasks.extract.ExtractionPool
    """One pool of extraction workers per process and limits, reused across flow runs."""
    from tasks.extract import ExtractionLimits, ExtractionPool

    settings = ws.call.extraction
    limits = ExtractionLimits(
        timeout_seconds=settings.timeout_seconds,
        memory_mb=settings.memory_mb,
        max_pages=settings.max_pages,
        ocr_language=settings.ocr_language,
        ocr_dpi=settings.ocr_dpi,
    )
    key = (limits, settings.workers)
    if key not in _pools:
        _pools[key] = ExtractionPool(limits, workers=settings.workers)
    return _pools[key]


def close_pools() -> None:
    for pool in _pools.values():
        pool.close()  # type: ignore[attr-defined]
    _pools.clear()
