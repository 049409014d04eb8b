"""The timeline as Prefect deployments: which deployments `callflow serve` creates and when each one runs.

Pure: no Prefect import and no I/O, so the schedule can be tested without a server and compared with what a
server scheduled. Every schedule is an RFC 5545 rule with a *floating* local DTSTART (wall-clock digits, no
offset) plus the timeline's IANA time zone, which is how Prefect's RRuleSchedule localises rules: a milestone
at 09:00 stays at 09:00 Europe/Brussels on both sides of a daylight-saving change.

Deployments:

* ``intake`` - every ``intake_every_minutes`` from launch until the last rebuttal window closes.
* one per one-off milestone (``deadline``, ``review-packets``, ...) - once, at its local time, through the
  ledger-checking ``milestone`` wrapper flow, so a late or repeated run is harmless.
* ``rebuttal-check`` - daily at ``rebuttal_check_at`` from the decisions milestone's day until the day
  after the rebuttal period ends (the check at 00:05 closes the windows that ended at 23:59 the day before).
* ``run-due`` - no schedule: manual catch-up from the UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo

import dateutil.rrule
import dateutil.tz

from callflow.config import TimelineConfig

# Deploy targets: a key of flows.milestones.FLOW_PATHS, or one of the two flows of flows/run_due.py.
DeployTarget = Literal["intake", "milestone", "run-due"]
# The Prefect flow name of each target (`@flow(name=...)`), which the UI shows before the deployment name.
FLOW_NAMES: dict[str, str] = {"intake": "intake", "milestone": "milestone", "run-due": "run-due"}
RRULE_STAMP = "%Y%m%dT%H%M%S"
REBUTTAL_CHECK = "rebuttal-check"
# How far before `now` the intake rule's DTSTART may be moved (see intake_schedule): more than any UTC offset
# change, so that comparing naive wall-clock times cannot drop an occurrence around a DST change.
_PHASE_MARGIN = timedelta(hours=3)


@dataclass(frozen=True)
class ScheduleSpec:
    """One RRule schedule: floating local DTSTART, the rule, an optional floating UNTIL, and the time zone."""

    dtstart: datetime  # naive: wall-clock digits in `timezone`
    rule: str  # e.g. "FREQ=DAILY;COUNT=1", without DTSTART and UNTIL
    timezone: str
    until: datetime | None = None  # naive, like dtstart (RFC 5545: floating DTSTART needs a floating UNTIL)

    @property
    def rrule(self) -> str:
        """The string Prefect stores: `DTSTART:...` then `RRULE:...`, both floating."""
        rule = self.rule if self.until is None else f"{self.rule};UNTIL={self.until.strftime(RRULE_STAMP)}"
        return f"DTSTART:{self.dtstart.strftime(RRULE_STAMP)}\nRRULE:{rule}"


@dataclass(frozen=True)
class DeploymentSpec:
    name: str  # English kebab-case; unique per flow
    target: DeployTarget
    description: str
    parameters: dict[str, Any] = field(default_factory=dict)  # defaults besides `workspace`
    schedules: tuple[ScheduleSpec, ...] = ()
    tags: tuple[str, ...] = ()

    @property
    def full_name(self) -> str:
        """`flow/deployment`, as Prefect names a deployment (read_deployment_by_name, run_deployment)."""
        return f"{FLOW_NAMES[self.target]}/{self.name}"


def deployment_specs(timeline: TimelineConfig, *, now: datetime | None = None,
                     max_extension_days: int = 0) -> list[DeploymentSpec]:
    """Every deployment of a call, in timeline order: intake, the one-off milestones, the rebuttal check,
    run-due.

    `now` (aware) only shortens the intake rule's walk from launch (see intake_schedule); the instants from
    `now` on are the same with or without it. `max_extension_days` keeps intake and the daily check running
    for rebuttal windows that the coordinator extended.
    """
    ids = [m.id for m in timeline.milestones]
    if REBUTTAL_CHECK in ids or "intake" in ids or "run-due" in ids:
        raise ValueError(f"timeline.yaml: milestone ids {', '.join(ids)} may not use the reserved names "
                         f"intake, {REBUTTAL_CHECK}, run-due; rename the milestone")
    end = rebuttal_period_end(timeline, max_extension_days)
    zone = timeline.timezone
    specs = [
        DeploymentSpec(
            name="intake",
            target="intake",
            description=(
                f"Intake: nieuwe mails opnemen, lezen, controleren en bevestigen. Elke "
                f"{timeline.intake_every_minutes} minuten van {_show(timeline.launch, timeline)} tot "
                f"{_show(end, timeline)} ({zone})."
            ),
            schedules=(intake_schedule(timeline, end, now=now),),
            tags=("callflow", "stage"),
        )
    ]
    for milestone in timeline.milestones:
        local = _normalised_local(milestone.at, timeline)
        description = milestone.description or f"Mijlpaal {milestone.id} ({milestone.flow})"
        specs.append(DeploymentSpec(
            name=milestone.id,
            target="milestone",
            description=f"{description}. Eenmalig op {_show(local, timeline)} ({zone}); flow {milestone.flow}.",
            parameters={"milestone": milestone.id},
            schedules=(ScheduleSpec(local.replace(tzinfo=None), "FREQ=DAILY;COUNT=1", zone),),
            tags=("callflow", "milestone"),
        ))
    check_from, check_until = rebuttal_check_span(timeline, end)
    specs.append(DeploymentSpec(
        name=REBUTTAL_CHECK,
        target="milestone",
        description=(
            f"Dagelijkse controle van de weerwoordtermijnen om {timeline.rebuttal_check_at:%H:%M}, van "
            f"{check_from:%Y-%m-%d} tot {check_until:%Y-%m-%d} ({zone}): sluit de termijnen die verstreken zijn."
        ),
        parameters={"milestone": REBUTTAL_CHECK},
        schedules=(ScheduleSpec(
            datetime.combine(check_from, timeline.rebuttal_check_at), "FREQ=DAILY", zone,
            until=datetime.combine(check_until, timeline.rebuttal_check_at),
        ),),
        tags=("callflow", "stage"),
    ))
    specs.append(DeploymentSpec(
        name="run-due",
        target="run-due",
        description=(
            "Inhalen met de hand: intake, dan elke mijlpaal die op `now` verschuldigd is en nog niet liep, "
            "elk precies één keer (zelfde als `callflow run-due`)."
        ),
        tags=("callflow", "manual"),
    ))
    return specs


def rebuttal_period_end(timeline: TimelineConfig, max_extension_days: int = 0) -> datetime:
    """The latest a rebuttal window can close: a decision mail sent on decision_by, plus the window and the
    longest extension, at 23:59 local time. The same rule as tasks.milestones.rebuttal_period_end without a
    sent decision (the schedule is made before any decision exists)."""
    return timeline.rebuttal_closes(timeline.decision_by, max_extension_days)


def rebuttal_check_span(timeline: TimelineConfig, end: datetime) -> tuple[date, date]:
    """(first day, last day) of the daily rebuttal check: from the day of the decisions milestone (decision_by
    when the timeline has none) until the day after the period ends, whose check closes the last windows."""
    decisions = next((m for m in timeline.milestones if m.flow == "decisions"), None)
    first = (decisions.at if decisions else timeline.decision_by).astimezone(timeline.tz).date()
    return first, end.astimezone(timeline.tz).date() + timedelta(days=1)


def intake_schedule(timeline: TimelineConfig, end: datetime, *, now: datetime | None = None) -> ScheduleSpec:
    """`FREQ=MINUTELY;INTERVAL=N` from launch until `end`, in local wall-clock time.

    dateutil walks every occurrence from DTSTART on each query; from a launch months ago at a few minutes'
    interval that is tens of thousands of steps per scheduler pass (seconds of CPU at INTERVAL=1). The
    occurrences are DTSTART + k·N minutes in naive wall-clock arithmetic, so moving DTSTART forward by a whole
    number of intervals to just before `now` keeps every occurrence from `now` on - the same phase-preserving
    trick Prefect applies to rules without a DTSTART (normalize_rrule_string).
    """
    interval = timeline.intake_every_minutes
    start = timeline.launch.astimezone(timeline.tz).replace(tzinfo=None)
    until = end.astimezone(timeline.tz).replace(tzinfo=None)
    if now is not None:
        reference = now.astimezone(timeline.tz).replace(tzinfo=None) - _PHASE_MARGIN
        if reference > start:
            steps = int((reference - start) / timedelta(minutes=interval))
            start = min(start + steps * timedelta(minutes=interval), until)
    return ScheduleSpec(start, f"FREQ=MINUTELY;INTERVAL={interval}", timeline.timezone, until=until)


def next_instants(spec: DeploymentSpec | ScheduleSpec, after: datetime, count: int) -> list[datetime]:
    """The first `count` instants at or after `after` (aware), in the schedule's time zone, computed the way
    Prefect's server does (prefect.server.schemas.schedules.RRuleSchedule): parse the floating rule, label
    DTSTART and UNTIL with the zone (dateutil.tz), deduplicate. A deployment's schedules are merged."""
    schedules = spec.schedules if isinstance(spec, DeploymentSpec) else (spec,)
    instants: set[datetime] = set()
    for schedule in schedules:
        tz = dateutil.tz.gettz(schedule.timezone)
        zone = ZoneInfo(schedule.timezone)
        rule = dateutil.rrule.rrulestr(schedule.rrule)
        assert isinstance(rule, dateutil.rrule.rrule)  # one RRULE line, never a set: we wrote the string
        rule = rule.replace(
            dtstart=schedule.dtstart.replace(tzinfo=tz),
            until=schedule.until.replace(tzinfo=tz) if schedule.until else None,
        )
        found: set[datetime] = set()
        for occurrence in rule.xafter(after.astimezone(tz), count=None, inc=True):
            found.add(occurrence.astimezone(UTC).astimezone(zone))
            if len(found) >= count:
                break
        instants |= found
    return sorted(instants)[:count]


def _normalised_local(moment: datetime, timeline: TimelineConfig) -> datetime:
    """The wall-clock time that names `moment` in the timeline's zone.

    A local time that does not exist (02:30 on the night clocks go forward) is read by zoneinfo with the
    offset before the change but by dateutil with the one after, an hour apart; going through UTC turns it
    into the existing time zoneinfo means (03:30), which both read the same way.
    """
    return moment.astimezone(UTC).astimezone(timeline.tz)


def _show(moment: datetime, timeline: TimelineConfig) -> str:
    return moment.astimezone(timeline.tz).strftime("%Y-%m-%d %H:%M")
