"""A workspace: one call's config/, inbox/, outbox/, state/ and packets/ in one folder.

The repository root is itself the workspace of the Haspengouw call; `callflow init DIR` makes another.
Configuration is loaded once per Workspace object and validated (ConfigError on problems).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from callflow.config import (
    CallConfig,
    ConfigError,
    ReviewersConfig,
    TimelineConfig,
    load_call_config,
    load_reviewers_config,
    load_timeline_config,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PROJECT_ROOT / "templates"
DEFAULT_CONFIG_DIR = PROJECT_ROOT / "config"
CONFIG_FILES = ("call.yaml", "timeline.yaml", "reviewers.yaml")


def resolve_workspace(explicit: str | os.PathLike[str] | None = None) -> Path:
    """--workspace wins, then CALLFLOW_WORKSPACE, then the current directory."""
    chosen = explicit or os.environ.get("CALLFLOW_WORKSPACE") or os.getcwd()
    return Path(chosen).expanduser().resolve()


@dataclass
class Workspace:
    root: Path
    # Not in repr: the environment holds secrets (CALLFLOW_SMTP_PASSWORD), and a Workspace shows up in tracebacks
    # with locals, test reports and log lines.
    environ: dict[str, str] = field(default_factory=lambda: dict(os.environ), repr=False)

    def __post_init__(self) -> None:
        self.root = Path(self.root).resolve()
        if not (self.root / "config").is_dir():
            raise ConfigError(
                f"{self.root}: not a callflow workspace (no config/ folder); "
                f"run `callflow init {self.root}` or pass --workspace"
            )

    # --- paths ---
    @property
    def config_dir(self) -> Path:
        return self.root / "config"

    @property
    def inbox(self) -> Path:
        return self.root / "inbox"

    @property
    def outbox(self) -> Path:
        return self.root / "outbox"

    @property
    def state(self) -> Path:
        return self.root / "state"

    @property
    def archive(self) -> Path:
        return self.state / "archive"

    @property
    def extraction_cache(self) -> Path:
        return self.state / "extracted"

    @property
    def packets(self) -> Path:
        return self.root / "packets"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def database_url(self) -> str:
        return self.environ.get("CALLFLOW_DATABASE_URL") or f"sqlite:///{self.state / 'callflow.sqlite'}"

    # --- config ---
    @cached_property
    def call(self) -> CallConfig:
        return load_call_config(self.config_dir / "call.yaml", self.environ)

    @cached_property
    def timeline(self) -> TimelineConfig:
        return load_timeline_config(self.config_dir / "timeline.yaml")

    @cached_property
    def reviewers(self) -> ReviewersConfig:
        return load_reviewers_config(self.config_dir / "reviewers.yaml")

    def validate(self) -> None:
        """Load every config file now, so a bad file stops a command before it does anything."""
        _ = self.call, self.timeline, self.reviewers
        if self.call.call.timezone != self.timeline.timezone:
            raise ConfigError(
                f"{self.config_dir / 'timeline.yaml'}: timezone {self.timeline.timezone!r} differs from "
                f"call.timezone {self.call.call.timezone!r} in call.yaml; use the same zone in both"
            )

    def ensure_dirs(self) -> None:
        for path in (self.inbox, self.outbox, self.state, self.archive, self.extraction_cache, self.packets):
            path.mkdir(parents=True, exist_ok=True)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.call.tz)


def init_workspace(target: Path, *, force: bool = False) -> Path:
    """Write a complete workspace with the default (Haspengouw) configuration."""
    target = Path(target).expanduser().resolve()
    config_dir = target / "config"
    existing = [name for name in CONFIG_FILES if (config_dir / name).exists()]
    if existing and not force:
        raise ConfigError(
            f"{config_dir}: already holds {', '.join(existing)}; pass --force to overwrite them with the defaults"
        )
    config_dir.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_FILES:
        shutil.copyfile(DEFAULT_CONFIG_DIR / name, config_dir / name)
    for sub in ("inbox", "outbox", "state", "packets"):
        (target / sub).mkdir(exist_ok=True)
    workspace = Workspace(target)
    workspace.validate()
    workspace.ensure_dirs()
    return target


def parse_now(value: str | None, workspace: Workspace) -> datetime:
    """ISO 8601; without an offset it is read in the call's time zone. None means the real clock."""
    if value is None:
        return datetime.now(workspace.call.tz)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"--now {value!r} is not an ISO 8601 time such as 2023-06-02T09:00") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=workspace.call.tz)
    return moment


def as_aware(moment: datetime | None, workspace: Workspace) -> datetime:
    if moment is None:
        return datetime.now(workspace.call.tz)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=workspace.call.tz)
    return moment
