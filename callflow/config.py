"""Validated configuration of a workspace: config/call.yaml, config/timeline.yaml, config/reviewers.yaml.

Every model forbids unknown keys, so a typo is reported instead of silently ignored. Loading errors are
raised as ConfigError with the file, the dotted key and what is expected, so the CLI can print them and
exit with code 2.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
Identifier = Annotated[str, Field(pattern=ID_PATTERN)]
M = TypeVar("M", bound=BaseModel)


class ConfigError(Exception):
    """A configuration file is missing or invalid; the message names file, key and fix."""


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- call.yaml ---------------------------------------------------------------------------------


class CallInfo(StrictModel):
    id: Identifier
    title: str
    reference_prefix: str = Field(pattern=r"^[A-Z0-9]+(-[A-Z0-9]+)*$")
    submit_to: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    coordinator_email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    coordinator_name: str = "coördinator"
    timezone: str = "Europe/Brussels"
    locale: str = "nl_BE"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r}; use an IANA name such as Europe/Brussels") from exc
        return value


class IntakeSettings(StrictModel):
    grace_minutes: int = Field(0, ge=0, le=24 * 60)
    max_message_bytes: int = Field(100 * 1024 * 1024, gt=0)
    zip_max_members: int = Field(50, gt=0)
    zip_max_total_bytes: int = Field(200 * 1024 * 1024, gt=0)
    zip_max_ratio: int = Field(100, gt=1)
    zip_max_depth: int = Field(3, ge=1, le=10)


class ExtractionSettings(StrictModel):
    timeout_seconds: float = Field(60, gt=0)
    memory_mb: int = Field(1024, ge=128)
    max_pages: int = Field(300, gt=0)
    workers: int = Field(2, ge=1, le=64)
    ocr_language: str = "nld"
    ocr_dpi: int = Field(200, ge=72, le=600)


class SmtpSettings(StrictModel):
    host: str = "localhost"
    port: int = Field(25, gt=0, lt=65536)
    security: Literal["plain", "starttls", "ssl"] = "plain"
    username: str | None = None
    password_env: str = "CALLFLOW_SMTP_PASSWORD"
    password_block: str | None = None
    timeout_seconds: float = Field(30, gt=0)


MailKind = Literal[
    "acknowledgement",
    "late-notice",
    "question-receipt",
    "review-packet",
    "review-receipt",
    "review-reminder",
    "pitch-invitation",
    "decision",
    "decision-warning",
    "rebuttal-receipt",
    "rebuttal-late-notice",
    "coordinator-overview",
]


class MailSettings(StrictModel):
    transport: Literal["outbox", "smtp"] = "outbox"
    from_address: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    from_name: str = ""
    auto_send: list[MailKind] = ["acknowledgement"]
    rate_per_minute: int = Field(30, gt=0)
    smtp: SmtpSettings = SmtpSettings()


class Municipality(StrictModel):
    name: str


class Persona(StrictModel):
    name: str


class Challenge(StrictModel):
    personas: list[Identifier]
    gist: str


class ServiceType(StrictModel):
    gist: str


class Completeness(StrictModel):
    require_all_sections: bool = True
    min_challenges: int = Field(1, ge=0)
    min_service_types: int = Field(1, ge=0)
    min_municipalities: int = Field(1, ge=0)
    require_readable_document: bool = True


class CallConfig(StrictModel):
    # The lexicon (per concept: phrases, stems, abbreviations) is validated by the analysis module,
    # which owns its shape; here it is only required to be a mapping.
    model_config = ConfigDict(extra="forbid", frozen=True)

    call: CallInfo
    intake: IntakeSettings = IntakeSettings()
    extraction: ExtractionSettings = ExtractionSettings()
    mail: MailSettings
    municipalities: dict[Identifier, Municipality]
    personas: dict[Identifier, Persona]
    challenges: dict[Identifier, Challenge]
    service_types: dict[Identifier, ServiceType]
    exclusions: dict[Identifier, str] = {}
    required_sections: dict[Identifier, str]
    completeness: Completeness = Completeness()
    lexicon: dict[str, Any] = {}

    @model_validator(mode="after")
    def _personas_known(self) -> CallConfig:
        for challenge_id, challenge in self.challenges.items():
            for persona in challenge.personas:
                if persona not in self.personas:
                    raise ValueError(
                        f"challenges.{challenge_id}.personas names {persona!r}, which is not under personas:"
                        f" add it there or correct the name (known: {', '.join(self.personas)})"
                    )
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.call.timezone)


# --- timeline.yaml -----------------------------------------------------------------------------


def _local(value: date | datetime, tz: ZoneInfo, default_time: time = time(0, 0)) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    return datetime.combine(value, default_time, tzinfo=tz)


class TimelineConfig(StrictModel):
    timezone: str = "Europe/Brussels"
    launch: datetime
    submission_deadline: datetime
    written_review_weeks: list[date] = Field(min_length=1)
    pitch_days: list[date] = Field(min_length=1)
    decision_by: datetime
    rebuttal_days_after_decision: int = Field(14, ge=1, le=90)
    intake_every_minutes: int = Field(10, ge=1, le=24 * 60)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return CallInfo._known_timezone(value)

    @field_validator("launch", "submission_deadline", "decision_by", mode="before")
    @classmethod
    def _date_or_datetime(cls, value: Any) -> Any:
        # YAML reads 2023-06-01 as a date and 2023-06-01T23:59 as a string; both are accepted.
        if isinstance(value, date) and not isinstance(value, datetime):
            return datetime.combine(value, time(0, 0))
        return value

    @model_validator(mode="after")
    def _localise_and_order(self) -> TimelineConfig:
        tz = ZoneInfo(self.timezone)
        for name in ("launch", "submission_deadline", "decision_by"):
            object.__setattr__(self, name, _local(getattr(self, name), tz))
        if not self.launch < self.submission_deadline:
            raise ValueError(
                f"submission_deadline ({self.submission_deadline.isoformat()}) must come after launch "
                f"({self.launch.isoformat()})"
            )
        if not self.submission_deadline.date() < min(self.written_review_weeks):
            raise ValueError("written_review_weeks must start after submission_deadline")
        if sorted(self.pitch_days) != list(self.pitch_days) or len(set(self.pitch_days)) != len(self.pitch_days):
            raise ValueError("pitch_days must be distinct and in chronological order")
        if not max(self.written_review_weeks) < min(self.pitch_days):
            raise ValueError("pitch_days must come after the last written_review_weeks week starts")
        if not max(self.pitch_days) < self.decision_by.date():
            raise ValueError(
                f"decision_by ({self.decision_by.date()}) must come after the last pitch day ({max(self.pitch_days)})"
            )
        return self

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def review_deadline(self) -> datetime:
        """End of the written review: the Friday of the last review week, 23:59 local time."""
        last_week = max(self.written_review_weeks)
        friday = last_week + timedelta(days=(4 - last_week.weekday()) % 7)
        return datetime.combine(friday, time(23, 59), tzinfo=self.tz)

    def rebuttal_closes(self, decision_sent_at: datetime, extension_days: int = 0) -> datetime:
        """A rebuttal window closes at 23:59 local time on the Nth day after the decision mail."""
        local = decision_sent_at.astimezone(self.tz)
        day = local.date() + timedelta(days=self.rebuttal_days_after_decision + extension_days)
        return datetime.combine(day, time(23, 59), tzinfo=self.tz)


# --- reviewers.yaml ----------------------------------------------------------------------------


class Reviewer(StrictModel):
    name: str
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    organisation: str = ""
    max_load: int | None = Field(None, ge=0)
    conflicts: list[str] = []


class ReviewersConfig(StrictModel):
    reviewers: list[Reviewer] = []
    reviewers_per_application: int = Field(2, ge=1)
    pin: list[dict[str, str]] = []
    forbid: list[dict[str, str]] = []

    @model_validator(mode="after")
    def _unique_emails(self) -> ReviewersConfig:
        seen: set[str] = set()
        for index, reviewer in enumerate(self.reviewers):
            email = reviewer.email.lower()
            if email in seen:
                raise ValueError(f"reviewers[{index}].email {reviewer.email!r} appears twice; each reviewer once")
            seen.add(email)
        return self


# --- loading -----------------------------------------------------------------------------------


def _format_validation_error(path: Path, error: ValidationError) -> str:
    lines = [f"{path}: invalid configuration"]
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "(top level)"
        message = item["msg"].removeprefix("Value error, ")
        if item["type"] == "extra_forbidden":
            message = "unknown key; remove it or check its spelling"
        elif item["type"] == "missing":
            message = "required key is missing; add it"
        elif item["type"] == "string_pattern_mismatch":
            message = f"{item.get('input')!r} does not have the expected form ({item['ctx']['pattern']})"
        lines.append(f"  {key}: {message}")
    return "\n".join(lines)


def load_yaml_model(path: Path, model: type[M]) -> M:
    if not path.is_file():
        raise ConfigError(f"{path}: file not found; run `callflow init` to write the default configuration")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of keys at the top level, found {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_validation_error(path, exc)) from exc


_ENV_OVERRIDE = re.compile(r"^CALLFLOW__([A-Z0-9_]+)$")


def environment_overrides(environ: dict[str, str] | None = None) -> dict[str, Any]:
    """CALLFLOW__MAIL__TRANSPORT=smtp overrides mail.transport in call.yaml (double underscore = nesting)."""
    result: dict[str, Any] = {}
    for name, value in (environ if environ is not None else os.environ).items():
        match = _ENV_OVERRIDE.match(name)
        if not match:
            continue
        keys = [part.lower() for part in match.group(1).split("__")]
        node = result
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = yaml.safe_load(value)
    return result


def _deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_call_config(path: Path, environ: dict[str, str] | None = None) -> CallConfig:
    overrides = environment_overrides(environ)
    if not overrides:
        return load_yaml_model(path, CallConfig)
    base = load_yaml_model(path, CallConfig).model_dump(mode="json")
    try:
        return CallConfig.model_validate(_deep_merge(base, overrides))
    except ValidationError as exc:
        raise ConfigError(_format_validation_error(Path(f"{path} (with CALLFLOW__ environment overrides)"), exc)) from exc


def load_timeline_config(path: Path) -> TimelineConfig:
    return load_yaml_model(path, TimelineConfig)


def load_reviewers_config(path: Path) -> ReviewersConfig:
    if not path.exists():
        return ReviewersConfig()
    return load_yaml_model(path, ReviewersConfig)
