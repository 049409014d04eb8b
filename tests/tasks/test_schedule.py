from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from callflow.config import TimelineConfig, load_timeline_config
from callflow.workspace import DEFAULT_CONFIG_DIR
from tasks.schedule import DeploymentSpec, ScheduleSpec, deployment_specs, next_instants

pytestmark = pytest.mark.unit

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = ZoneInfo("UTC")


def local(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=BRUSSELS)


def timeline(**overrides: Any) -> TimelineConfig:
    """A call in 2027 whose deadline and review packets lie on either side of the switch to summer time
    (Sunday 2027-03-28, 02:00 CET -> 03:00 CEST)."""
    data: dict[str, Any] = {
        "timezone": "Europe/Brussels",
        "launch": "2027-03-22T00:00",
        "submission_deadline": "2027-03-26T23:59",
        "written_review_weeks": ["2027-03-29", "2027-04-05"],
        "pitch_days": ["2027-04-12", "2027-04-14"],
        "decision_by": "2027-04-26T00:00",
        "rebuttal_days_after_decision": 14,
        "intake_every_minutes": 10,
        "rebuttal_check_at": "00:05",
        "milestones": [
            {"id": "deadline", "at": "2027-03-27T00:05", "flow": "deadline"},
            {"id": "review-packets", "at": "2027-03-29T08:00", "flow": "review", "description": "Pakketten"},
            {"id": "decisions", "at": "2027-04-22T09:00", "flow": "decisions"},
        ],
    }
    data.update(overrides)
    return TimelineConfig.model_validate(data)


def autumn_timeline(**overrides: Any) -> TimelineConfig:
    """Decisions on 2027-10-25, so the daily rebuttal check spans the switch to winter time on Sunday
    2027-10-31 (03:00 CEST -> 02:00 CET)."""
    data: dict[str, Any] = {
        "launch": "2027-09-01T00:00",
        "submission_deadline": "2027-09-30T23:59",
        "written_review_weeks": ["2027-10-04", "2027-10-11"],
        "pitch_days": ["2027-10-18", "2027-10-20"],
        "decision_by": "2027-10-28T00:00",
        "rebuttal_check_at": "09:00",
        "milestones": [{"id": "decisions", "at": "2027-10-25T09:00", "flow": "decisions"}],
    }
    data.update(overrides)
    return timeline(**data)


def spec(specs: list[DeploymentSpec], name: str) -> DeploymentSpec:
    return next(s for s in specs if s.name == name)


def test_deployment_specs_default_timeline_names_targets_and_parameters():
    specs = deployment_specs(load_timeline_config(DEFAULT_CONFIG_DIR / "timeline.yaml"))

    assert [(s.full_name, s.parameters) for s in specs] == [
        ("intake/intake", {}),
        ("milestone/deadline", {"milestone": "deadline"}),
        ("milestone/review-packets", {"milestone": "review-packets"}),
        ("milestone/review-reminder", {"milestone": "review-reminder"}),
        ("milestone/shortlist", {"milestone": "shortlist"}),
        ("milestone/decision-warning", {"milestone": "decision-warning"}),
        ("milestone/decisions", {"milestone": "decisions"}),
        ("milestone/rebuttal-check", {"milestone": "rebuttal-check"}),
        ("run-due/run-due", {}),
    ]
    assert [len(s.schedules) for s in specs] == [1, 1, 1, 1, 1, 1, 1, 1, 0]
    assert spec(specs, "review-packets").description == (
        "Beoordelaars toewijzen en beoordelingspakketten versturen. Eenmalig op 2023-06-05 08:00 "
        "(Europe/Brussels); flow review."
    )


def test_milestone_instants_default_timeline_equal_configured_local_times():
    config = load_timeline_config(DEFAULT_CONFIG_DIR / "timeline.yaml")
    specs = deployment_specs(config)

    for milestone in config.milestones:
        assert next_instants(spec(specs, milestone.id), config.launch, 5) == [milestone.at]


def test_milestone_rrule_spring_dst_floating_dtstart_with_time_zone():
    specs = deployment_specs(timeline())

    schedule = spec(specs, "review-packets").schedules[0]
    assert (schedule.rrule, schedule.timezone) == (
        "DTSTART:20270329T080000\nRRULE:FREQ=DAILY;COUNT=1", "Europe/Brussels")


def test_milestone_instants_spring_dst_keep_local_time_while_offset_changes():
    config = timeline()
    specs = deployment_specs(config)

    deadline = next_instants(spec(specs, "deadline"), config.launch, 5)
    packets = next_instants(spec(specs, "review-packets"), config.launch, 5)

    assert deadline == [local(2027, 3, 27, 0, 5)]
    assert packets == [local(2027, 3, 29, 8, 0)]
    assert [d.astimezone(UTC) for d in deadline + packets] == [
        datetime(2027, 3, 26, 23, 5, tzinfo=UTC),  # CET, +01:00
        datetime(2027, 3, 29, 6, 0, tzinfo=UTC),  # CEST, +02:00
    ]


def test_milestone_instants_after_its_time_are_empty():
    config = timeline()

    assert next_instants(spec(deployment_specs(config), "deadline"), local(2027, 3, 27, 0, 6), 5) == []


def test_milestone_at_nonexistent_local_time_runs_at_the_configured_instant():
    # 02:30 does not exist on 2027-03-28; the configuration reads it as 02:30+01:00 = 03:30+02:00.
    config = timeline(milestones=[{"id": "deadline", "at": "2027-03-28T02:30", "flow": "deadline"}])

    instants = next_instants(spec(deployment_specs(config), "deadline"), config.launch, 5)

    # Compared in UTC: datetimes sharing a tzinfo compare by wall clock, and 02:30 is not a wall-clock time.
    assert [i.astimezone(UTC) for i in instants] == [config.milestones[0].at.astimezone(UTC)]
    assert instants[0].astimezone(UTC) == datetime(2027, 3, 28, 1, 30, tzinfo=UTC)
    assert (instants[0].hour, instants[0].minute) == (3, 30)


def test_rebuttal_check_autumn_dst_stays_at_nine_local_while_offset_changes():
    config = autumn_timeline()

    instants = next_instants(spec(deployment_specs(config), "rebuttal-check"), config.launch, 100)

    # From the decisions day until the day after the last possible window closes: decision_by 28 Oct + 14 days
    # = 11 Nov 23:59, so the last check is 12 Nov.
    days = [local(2027, 10, 25, 9, 0) + timedelta(days=n) for n in range(19)]
    assert instants == [datetime.combine(d.date(), d.time(), tzinfo=BRUSSELS) for d in days]
    assert {(i.hour, i.minute) for i in instants} == {(9, 0)}
    assert [i.utcoffset() for i in instants if i.day in (30, 31) and i.month == 10] == [
        timedelta(hours=2), timedelta(hours=1)]
    assert (instants[0].astimezone(UTC).hour, instants[-1].astimezone(UTC).hour) == (7, 8)


def test_rebuttal_check_max_extension_days_extends_the_last_check():
    config = autumn_timeline()

    instants = next_instants(spec(deployment_specs(config, max_extension_days=7), "rebuttal-check"), config.launch, 100)

    assert instants[-1] == local(2027, 11, 19, 9, 0)


def test_intake_instants_every_interval_from_launch():
    config = timeline()

    instants = next_instants(spec(deployment_specs(config), "intake"), config.launch, 4)

    assert instants == [local(2027, 3, 22, 0, 0), local(2027, 3, 22, 0, 10), local(2027, 3, 22, 0, 20),
                        local(2027, 3, 22, 0, 30)]


def test_intake_instants_stop_at_end_of_rebuttal_period():
    config = timeline()

    instants = next_instants(spec(deployment_specs(config), "intake"), local(2027, 5, 10, 23, 25), 10)

    # decision_by 26 April + 14 days = 10 May 23:59.
    assert instants == [local(2027, 5, 10, 23, 30), local(2027, 5, 10, 23, 40), local(2027, 5, 10, 23, 50)]


def test_intake_daily_interval_spring_dst_keeps_midnight_local():
    config = timeline(intake_every_minutes=1440)

    instants = next_instants(spec(deployment_specs(config), "intake"), config.launch, 9)

    assert instants == [local(2027, 3, 22 + n, 0, 0) for n in range(9)]
    assert [i.utcoffset() for i in instants[5:8]] == [timedelta(hours=1), timedelta(hours=1), timedelta(hours=2)]


def test_intake_schedule_given_now_same_instants_from_now_with_shorter_walk():
    config = timeline(intake_every_minutes=7)
    now = local(2027, 3, 28, 1, 3)  # just before the change to summer time, at an odd phase

    without = spec(deployment_specs(config), "intake")
    shortened = spec(deployment_specs(config, now=now), "intake")

    assert shortened.schedules[0].dtstart > without.schedules[0].dtstart
    assert shortened.schedules[0].dtstart <= now.replace(tzinfo=None)
    assert next_instants(shortened, now, 60) == next_instants(without, now, 60)


def test_next_instants_equal_prefect_server_rrule_schedule_dates():
    from prefect.server.schemas.schedules import RRuleSchedule

    after = local(2027, 3, 27, 12, 0)
    for schedule in [
        ScheduleSpec(datetime(2027, 3, 26, 0, 0), "FREQ=MINUTELY;INTERVAL=30", "Europe/Brussels",
                     until=datetime(2027, 3, 30, 0, 0)),
        ScheduleSpec(datetime(2027, 10, 25, 9, 0), "FREQ=DAILY", "Europe/Brussels", until=datetime(2027, 11, 12, 9, 0)),
        ScheduleSpec(datetime(2027, 3, 29, 8, 0), "FREQ=DAILY;COUNT=1", "Europe/Brussels"),
    ]:
        server = RRuleSchedule(rrule=schedule.rrule, timezone=schedule.timezone)
        dates = asyncio.run(server.get_dates(n=80, start=after))

        assert next_instants(schedule, after, 80) == [datetime.fromisoformat(d.isoformat()) for d in dates]


def test_deployment_specs_reserved_milestone_id_raises():
    config = timeline(milestones=[{"id": "rebuttal-check", "at": "2027-04-22T09:00", "flow": "decisions"}])

    with pytest.raises(ValueError, match="reserved names"):
        deployment_specs(config)
