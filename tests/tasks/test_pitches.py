from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from callflow.config import PitchSettings
from tasks.pitches import Invitation, ScheduleError, build_slots, event_uid, free_slot, invitation_ics, plan

pytestmark = pytest.mark.unit

BRUSSELS = ZoneInfo("Europe/Brussels")
DAYS = [date(2023, 6, 19), date(2023, 6, 21), date(2023, 6, 23)]
SETTINGS = PitchSettings.model_validate({
    "slot_minutes": 30, "gap_minutes": 5, "location": "Stadhuis Sint-Truiden",
    "hours": {"start": "09:00", "end": "11:00", "breaks": [{"start": "10:00", "end": "10:15"}]},
    "days": {date(2023, 6, 23): {"start": "13:00", "end": "14:00", "location": "OCMW Heers"}},
})


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2023, 6, day, hour, minute, tzinfo=BRUSSELS)


def test_build_slots_skip_breaks_and_follow_day_overrides():
    slots = build_slots(SETTINGS, DAYS, BRUSSELS)

    # 09:35-10:05 would overlap the 10:00 break, so the second slot starts when the break ends.
    assert [(s.start.strftime("%d %H:%M"), s.end.strftime("%H:%M"), s.location) for s in slots] == [
        ("19 09:00", "09:30", "Stadhuis Sint-Truiden"), ("19 10:15", "10:45", "Stadhuis Sint-Truiden"),
        ("21 09:00", "09:30", "Stadhuis Sint-Truiden"), ("21 10:15", "10:45", "Stadhuis Sint-Truiden"),
        ("23 13:00", "13:30", "OCMW Heers"),
    ]
    assert slots[0].start.utcoffset() == timedelta(hours=2)  # summer time in Brussels


def test_plan_spreads_pitches_over_the_days_in_reference_order():
    slots = build_slots(SETTINGS, DAYS, BRUSSELS)

    planned, unscheduled = plan(["HAS-2023-004", "HAS-2023-001", "HAS-2023-002", "HAS-2023-003"], slots, {})

    assert {ref: slot.start for ref, slot in planned.items()} == {
        "HAS-2023-001": at(19, 9), "HAS-2023-002": at(21, 9), "HAS-2023-003": at(23, 13), "HAS-2023-004": at(19, 10, 15)}
    assert unscheduled == []


def test_plan_keeps_existing_slots_and_reports_who_does_not_fit():
    slots = build_slots(SETTINGS, DAYS, BRUSSELS)
    existing = {"HAS-2023-009": at(21, 10, 15)}

    planned, unscheduled = plan([f"HAS-2023-00{n}" for n in range(1, 7)], slots, existing)

    assert planned["HAS-2023-009"].start == at(21, 10, 15)
    assert len(planned) == len(slots) == 5
    assert unscheduled == ["HAS-2023-005", "HAS-2023-006"]


def test_free_slot_refuses_unknown_and_taken_slots():
    slots = build_slots(SETTINGS, DAYS, BRUSSELS)
    taken = {"HAS-2023-001": at(19, 9), "HAS-2023-002": at(21, 9)}

    assert free_slot(slots, taken, "HAS-2023-001", at(23, 13)).location == "OCMW Heers"
    with pytest.raises(ScheduleError, match="al voor HAS-2023-002"):
        free_slot(slots, taken, "HAS-2023-001", at(21, 9))
    with pytest.raises(ScheduleError, match="geen pitchslot dat om 19/06/2023 09:35 begint"):
        free_slot(slots, taken, "HAS-2023-001", at(19, 9, 35))


def test_invitation_ics_parses_back_as_a_request_in_brussels_time():
    invitation = Invitation(
        uid=event_uid("haspengouw-2023", "HAS-2023-001", "bijzig.be"), sequence=1, start=at(19, 9), end=at(19, 9, 30),
        location="Stadhuis Sint-Truiden, Grote Markt 1", summary="Pitch HAS-2023-001", description="Pitch voor de jury",
        organizer_email="info@bijzig.be", organizer_name="Wim Mommeyer", attendee_email="an@vzwdebrug.be",
        attendee_name="vzw De Brug",
    )

    calendar = Calendar.from_ical(invitation_ics(invitation, at(17, 9)))

    assert (calendar["method"], calendar["version"]) == ("REQUEST", "2.0")
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["tzid"] == "Europe/Brussels"
    [event] = calendar.walk("VEVENT")
    assert event["uid"] == "pitch-has-2023-001-haspengouw-2023@bijzig.be"
    assert event["sequence"] == 1
    assert event.decoded("dtstart") == at(19, 9)
    assert event["dtstart"].params["TZID"] == "Europe/Brussels"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=30)
    assert str(event["location"]) == "Stadhuis Sint-Truiden, Grote Markt 1"
    assert str(event["organizer"]) == "mailto:info@bijzig.be"
    assert (str(event["attendee"]), event["attendee"].params["RSVP"]) == ("mailto:an@vzwdebrug.be", "TRUE")
    assert event.decoded("dtstamp") == at(17, 9)
