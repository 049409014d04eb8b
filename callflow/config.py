"""Validated configuration of a workspace: config/call.yaml, config/timeline.yaml, config/reviewers.yaml.

Every model forbids unknown keys, so a typo is reported instead of silently ignored. Loading errors are
raised as ConfigError with the file, the dotted key and what is expected, so the CLI can print them and
exit with code 2.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
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
    "pitch-schedule",
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


class DecisionSettings(StrictModel):
    """Decisions and the rebuttal ('weerwoord') windows that follow them."""

    # The warning's due time when timeline.yaml lists no decision-warning milestone (decision_by minus this).
    warning_days_before: int = Field(5, ge=1, le=60)
    # Decision mails go without approval (same effect as listing 'decision' in mail.auto_send).
    auto_send: bool = False
    # Extra days for one application's rebuttal window, by reference: {HAS-2023-004: 7}.
    rebuttal_extensions: dict[Annotated[str, Field(pattern=r"^[A-Z0-9]+(-[A-Z0-9]+)*-\d{3,}$")],
                              Annotated[int, Field(ge=1, le=90)]] = {}
    # Who gets each rebuttal packet by mail (after approval); empty: packets/ and the coordinator only.
    jury: list[Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+$")]] = []
    # The decisions flow asks for missing decisions (and approval) in a Prefect UI form.
    ui_form: bool = False
    ui_form_timeout_hours: int = Field(72, ge=1, le=24 * 30)

    @property
    def max_extension_days(self) -> int:
        """The longest extension: how long intake and the daily rebuttal check must keep running."""
        return max(self.rebuttal_extensions.values(), default=0)


class PrivacySettings(StrictModel):
    """Data protection: how long personal data is kept after the call (`callflow purge`)."""

    # Days after the last rebuttal window closed before `callflow purge` may anonymise the call's personal data.
    retention_days: int = Field(365, ge=0, le=36500)


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
    decisions: DecisionSettings = DecisionSettings()
    privacy: PrivacySettings = PrivacySettings()
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


MILESTONE_FLOWS = ("deadline", "review", "review-reminder", "shortlist", "decision-warning", "decisions")


class MilestoneConfig(StrictModel):
    id: Identifier
    at: datetime
    flow: Literal["deadline", "review", "review-reminder", "shortlist", "decision-warning", "decisions"]
    description: str = ""
    parameters: dict[str, Any] = {}


class TimelineConfig(StrictModel):
    timezone: str = "Europe/Brussels"
    launch: datetime
    submission_deadline: datetime
    written_review_weeks: list[date] = Field(min_length=1)
    pitch_days: list[date] = Field(min_length=1)
    decision_by: datetime
    rebuttal_days_after_decision: int = Field(14, ge=1, le=90)
    milestones: list[MilestoneConfig] = []
    intake_every_minutes: int = Field(10, ge=1, le=24 * 60)
    rebuttal_check_at: time = time(0, 5)

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
        self._check_milestones(tz)
        return self

    def _check_milestones(self, tz: ZoneInfo) -> None:
        seen: set[str] = set()
        previous = self.launch
        for index, milestone in enumerate(self.milestones):
            where = f"milestones[{index}] ({milestone.id})"
            at = _local(milestone.at, tz)
            object.__setattr__(milestone, "at", at)
            if milestone.id in seen:
                raise ValueError(f"{where}: id {milestone.id!r} is used twice; give each milestone its own id")
            seen.add(milestone.id)
            if at < previous:
                raise ValueError(f"{where}: at {at.isoformat()} comes before the previous milestone; list them in time order")
            previous = at
            if milestone.flow == "deadline" and at <= self.submission_deadline:
                raise ValueError(f"{where}: the deadline milestone must run after submission_deadline")
            if milestone.flow in ("review", "review-reminder", "shortlist") and at <= self.submission_deadline:
                raise ValueError(f"{where}: the written review starts after submission_deadline")
            if milestone.flow == "shortlist" and at.date() >= min(self.pitch_days):
                raise ValueError(f"{where}: the shortlist must be ready before the first pitch day {min(self.pitch_days)}")
            if milestone.flow in ("decisions", "decision-warning") and at >= self.decision_by:
                raise ValueError(
                    f"{where}: at {at.isoformat()} is not before decision_by {self.decision_by.isoformat()}; "
                    "decisions must be communicated before that date"
                )

    def milestone(self, milestone_id: str) -> MilestoneConfig | None:
        return next((m for m in self.milestones if m.id == milestone_id), None)

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
# Reviewers, the written review (criteria, assignment, reminders, shortlist) and the pitch days.

EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
REFERENCE_PATTERN = r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*-\d{3,}$"


def _clock_time(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 13:00 as the number 780 (sexagesimal); pydantic would take that as seconds.
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError("write a clock time in quotes, e.g. \"13:00\" (unquoted, YAML reads 13:00 as a number)")
    return value


class Reviewer(StrictModel):
    name: str = Field(min_length=1)
    email: str = Field(pattern=EMAIL_PATTERN)
    organisation: str = ""
    max_load: int | None = Field(None, ge=0)
    conflicts: list[str] = []  # organisation names, e-mail domains or application references

    @field_validator("email")
    @classmethod
    def _lower_email(cls, value: str) -> str:
        return value.strip().lower()

    @field_validator("conflicts")
    @classmethod
    def _no_empty_conflicts(cls, value: list[str]) -> list[str]:
        cleaned = [item.strip() for item in value]
        if any(not item for item in cleaned):
            raise ValueError("an empty conflict entry; remove it or name an organisation, domain or reference")
        return cleaned


class ReviewPair(StrictModel):
    """A reviewer–application pair the coordinator pins (always assign) or forbids (never assign)."""

    reviewer: str = Field(pattern=EMAIL_PATTERN)
    application: str = Field(pattern=REFERENCE_PATTERN)

    @field_validator("reviewer")
    @classmethod
    def _lower_reviewer(cls, value: str) -> str:
        return value.strip().lower()

    @field_validator("application")
    @classmethod
    def _upper_reference(cls, value: str) -> str:
        return value.strip().upper()


class Criterion(StrictModel):
    id: Identifier
    label: str = Field(min_length=1)
    weight: float = Field(gt=0)
    description: str = ""


DEFAULT_CRITERIA = [
    Criterion(
        id="regio-uitdagingen", label="Aansluiting bij de regio-uitdagingen", weight=25,
        description="Speelt het voorstel in op de regio-uitdagingen en persona's van het addendum Haspengouw "
        "(Marlies, Nora, Marcel, Roy, John, Chadia) en op de gevraagde types dienstverlening?",
    ),
    Criterion(
        id="aanpak", label="Kwaliteit van de aanpak", weight=25,
        description="Is de begeleiding outreachend, aanklampend en empowerend, met tijd voor de cliënt, "
        "aandacht voor het netwerk en één vast aanspreekpunt?",
    ),
    Criterion(
        id="bereik", label="Bereik van de doelgroep", weight=20,
        description="Vindt en bereikt het project de doelgroep in Sint-Truiden, Gingelom, Heers, Nieuwerkerken, "
        "Alken en Wellen, ook wie moeilijk te bereiken is?",
    ),
    Criterion(
        id="samenwerking", label="Samenwerking en verankering", weight=15,
        description="Werkt het project samen met de lokale besturen, VDAB en welzijnspartners, en blijft het "
        "effect na de projectperiode?",
    ),
    Criterion(
        id="haalbaarheid", label="Haalbaarheid en begroting", weight=15,
        description="Zijn planning, personeelsinzet en begroting realistisch en in verhouding tot de resultaten?",
    ),
]


class ShortlistSettings(StrictModel):
    top_n: int | None = Field(6, ge=1)  # the N best weighted totals (ties at the cut are all kept)
    threshold: float | None = None  # minimum weighted total, on the score scale
    required_service_types: list[Identifier] = []  # empty: every service type in call.yaml

    @model_validator(mode="after")
    def _some_rule(self) -> ShortlistSettings:
        if self.top_n is None and self.threshold is None:
            raise ValueError("set top_n, threshold or both, so the shortlist has a rule")
        return self


class ReviewSettings(StrictModel):
    reviewers_per_application: int = Field(2, ge=1, le=10)
    criteria: list[Criterion] = Field(default_factory=lambda: list(DEFAULT_CRITERIA), min_length=1)
    score_min: int = 0
    score_max: int = 10
    whole_scores: bool = True  # only whole numbers (the sheet's data validation says the same)
    reminder_days_before: int = Field(3, ge=0, le=60)  # remind who has not returned by deadline - N days
    disagreement_margin: float = Field(3, ge=0)  # flag when reviewers' scores differ by more than this
    shortlist: ShortlistSettings = ShortlistSettings()
    pin: list[ReviewPair] = []
    forbid: list[ReviewPair] = []

    @model_validator(mode="after")
    def _consistent(self) -> ReviewSettings:
        ids = [criterion.id for criterion in self.criteria]
        for criterion_id in ids:
            if ids.count(criterion_id) > 1:
                raise ValueError(f"criteria: id {criterion_id!r} is used twice; give each criterion its own id")
        if not self.score_min < self.score_max:
            raise ValueError(f"score_min ({self.score_min}) must be below score_max ({self.score_max})")
        threshold = self.shortlist.threshold
        if threshold is not None and not self.score_min <= threshold <= self.score_max:
            raise ValueError(
                f"shortlist.threshold {threshold} lies outside the score range {self.score_min}–{self.score_max}; "
                "it is a weighted total on the same scale as the scores"
            )
        pinned = {(pair.reviewer, pair.application) for pair in self.pin}
        for index, pair in enumerate(self.forbid):
            if (pair.reviewer, pair.application) in pinned:
                raise ValueError(
                    f"forbid[{index}]: {pair.reviewer} – {pair.application} is also under pin; keep it in one list"
                )
        for reference in {pair.application for pair in self.pin}:
            count = sum(pair.application == reference for pair in self.pin)
            if count > self.reviewers_per_application:
                raise ValueError(
                    f"pin: {reference} is pinned to {count} reviewers but reviewers_per_application is "
                    f"{self.reviewers_per_application}; remove a pin or raise reviewers_per_application"
                )
        return self

    @property
    def total_weight(self) -> float:
        return sum(criterion.weight for criterion in self.criteria)


class PitchBreak(StrictModel):
    start: time
    end: time

    @field_validator("start", "end", mode="before")
    @classmethod
    def _quoted_times(cls, value: Any) -> Any:
        return _clock_time(value)

    @model_validator(mode="after")
    def _ordered(self) -> PitchBreak:
        if not self.start < self.end:
            raise ValueError(f"break start {self.start:%H:%M} must come before its end {self.end:%H:%M}")
        return self


class PitchHours(StrictModel):
    """When pitches can take place on one day: from start to end, minus the breaks."""

    start: time = time(9, 0)
    end: time = time(12, 30)
    breaks: list[PitchBreak] = []
    location: str | None = None  # overrides pitches.location

    @field_validator("start", "end", mode="before")
    @classmethod
    def _quoted_times(cls, value: Any) -> Any:
        return _clock_time(value)

    @model_validator(mode="after")
    def _within_day(self) -> PitchHours:
        if not self.start < self.end:
            raise ValueError(f"start {self.start:%H:%M} must come before end {self.end:%H:%M}")
        for item in self.breaks:
            if item.start < self.start or item.end > self.end:
                raise ValueError(
                    f"break {item.start:%H:%M}–{item.end:%H:%M} lies outside {self.start:%H:%M}–{self.end:%H:%M}; "
                    "move it inside the day or remove it"
                )
        return self


class PitchSettings(StrictModel):
    """Slots on the pitch days of timeline.yaml; `hours` holds for every day unless `days` overrides a date."""

    slot_minutes: int = Field(30, ge=5, le=240)  # one pitch, questions included
    gap_minutes: int = Field(0, ge=0, le=120)  # changeover between two pitches
    location: str = Field(min_length=1)
    jury: list[str] = []  # e-mail addresses that get the day schedule
    hours: PitchHours = PitchHours()
    days: dict[date, PitchHours] = {}  # per pitch day (a date of timeline.pitch_days): other hours

    @field_validator("jury")
    @classmethod
    def _jury_emails(cls, value: list[str]) -> list[str]:
        for index, address in enumerate(value):
            if not re.match(EMAIL_PATTERN, address.strip()):
                raise ValueError(f"jury[{index}] {address!r} is not an e-mail address")
        return [address.strip().lower() for address in value]

    def hours_on(self, day: date) -> PitchHours:
        return self.days.get(day, self.hours)


class ReviewersConfig(StrictModel):
    reviewers: list[Reviewer] = []
    review: ReviewSettings = ReviewSettings()
    pitches: PitchSettings | None = None

    @model_validator(mode="after")
    def _known_people(self) -> ReviewersConfig:
        seen: set[str] = set()
        for index, reviewer in enumerate(self.reviewers):
            if reviewer.email in seen:
                raise ValueError(f"reviewers[{index}].email {reviewer.email!r} appears twice; each reviewer once")
            seen.add(reviewer.email)
        for rule in ("pin", "forbid"):
            for index, pair in enumerate(getattr(self.review, rule)):
                if pair.reviewer not in seen:
                    raise ValueError(
                        f"review.{rule}[{index}].reviewer {pair.reviewer!r} is not under reviewers:; "
                        "add the reviewer there or correct the address"
                    )
        return self

    def reviewer(self, email: str | None) -> Reviewer | None:
        wanted = (email or "").strip().lower()
        return next((reviewer for reviewer in self.reviewers if reviewer.email == wanted), None)


def review_config_problems(reviewers: ReviewersConfig, call: CallConfig, timeline: TimelineConfig) -> list[str]:
    """Checks across files (reviewers.yaml against call.yaml and timeline.yaml), as 'key: what to fix'."""
    problems = [
        f"review.shortlist.required_service_types names {identifier!r}, which is not under service_types: in "
        f"call.yaml; correct it (known: {', '.join(call.service_types)})"
        for identifier in reviewers.review.shortlist.required_service_types
        if identifier not in call.service_types
    ]
    if reviewers.pitches is not None:
        for day in reviewers.pitches.days:
            if day not in timeline.pitch_days:
                problems.append(
                    f"pitches.days.{day} is not one of the pitch_days in timeline.yaml "
                    f"({', '.join(str(d) for d in timeline.pitch_days)}); use one of those dates or remove it"
                )
    return problems


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
    """The validated model of a YAML file, made once per file version (the key includes mtime and size):
    flows open the workspace often, call.yaml with its lexicon is large, and the analysis reuses its
    compiled lexicon for as long as it gets the same CallConfig object. Treat the result as read-only."""
    if not path.is_file():
        raise ConfigError(f"{path}: file not found; run `callflow init` to write the default configuration")
    stat = path.stat()
    return _load_yaml_model(path, stat.st_mtime_ns, stat.st_size, model)


@lru_cache(maxsize=32)
def _load_yaml_model(path: Path, _mtime_ns: int, _size: int, model: type[M]) -> M:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's loader when available: call.yaml is large
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - a safe loader
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
