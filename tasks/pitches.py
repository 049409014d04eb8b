"""Pitch days: slots from config, a schedule for the shortlist, calendar invitations and the jury's day schedule.

Slots run from each day's start to its end, `slot_minutes` long with `gap_minutes` between two, skipping
breaks. Applicants are spread over the days (the day with the fewest pitches so far gets the next one,
its earliest free slot), so no jury day is overfull while another stays empty. An applicant who already
has a slot keeps it: re-running the shortlist never moves anyone.

Invitations are iCalendar REQUESTs (RFC 5545/5546) in Europe/Brussels with a VTIMEZONE, one UID per
applicant; a rescheduled pitch is the same UID with SEQUENCE + 1, which calendar clients treat as an
update of the event they already have instead of a second event.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, vCalAddress, vText

from callflow.config import PitchSettings


@dataclass(frozen=True, order=True)
class Slot:
    start: datetime
    end: datetime
    location: str

    @property
    def day(self) -> str:
        return self.start.date().isoformat()


class ScheduleError(Exception):
    """A pitch cannot be (re)scheduled as asked; the message says why, in Dutch."""


def build_slots(settings: PitchSettings, pitch_days: Sequence[date], tz: ZoneInfo) -> list[Slot]:
    """Every slot of every pitch day, in time order."""
    slots: list[Slot] = []
    length, gap = timedelta(minutes=settings.slot_minutes), timedelta(minutes=settings.gap_minutes)
    for day in sorted(pitch_days):
        hours = settings.hours_on(day)
        location = hours.location or settings.location
        moment = datetime.combine(day, hours.start, tzinfo=tz)
        end = datetime.combine(day, hours.end, tzinfo=tz)
        breaks = [(datetime.combine(day, b.start, tzinfo=tz), datetime.combine(day, b.end, tzinfo=tz))
                  for b in sorted(hours.breaks, key=lambda b: b.start)]
        while moment + length <= end:
            overlapping = next((b for b in breaks if moment < b[1] and moment + length > b[0]), None)
            if overlapping is not None:
                moment = overlapping[1]  # resume right after the break
                continue
            slots.append(Slot(moment, moment + length, location))
            moment += length + gap
    return slots


def plan(applicants: Sequence[str], slots: Sequence[Slot], taken: Mapping[str, datetime]) -> tuple[dict[str, Slot], list[str]]:
    """(reference → slot, references without a slot). `taken` holds the slots applicants already have."""
    by_start = {slot.start: slot for slot in slots}
    result: dict[str, Slot] = {}
    for reference, start in taken.items():
        if start in by_start:
            result[reference] = by_start[start]
    free = [slot for slot in slots if slot not in result.values()]
    per_day: dict[str, int] = {}
    for slot in slots:
        per_day.setdefault(slot.day, 0)
    for slot in result.values():
        per_day[slot.day] += 1
    unscheduled: list[str] = []
    for reference in sorted(applicants):
        if reference in result:
            continue
        days_with_room = sorted({slot.day for slot in free}, key=lambda day: (per_day[day], day))
        if not days_with_room:
            unscheduled.append(reference)
            continue
        chosen = next(slot for slot in free if slot.day == days_with_room[0])
        free.remove(chosen)
        result[reference] = chosen
        per_day[chosen.day] += 1
    return result, unscheduled


def free_slot(slots: Sequence[Slot], taken: Mapping[str, datetime], reference: str, start: datetime) -> Slot:
    """The configured slot that starts at `start`, if no other applicant has it."""
    slot = next((s for s in slots if s.start == start), None)
    if slot is None:
        starts = ", ".join(s.start.strftime("%d/%m %H:%M") for s in slots)
        raise ScheduleError(f"Er is geen pitchslot dat om {start:%d/%m/%Y %H:%M} begint (slots: {starts}).")
    holder = next((ref for ref, begun in taken.items() if begun == start and ref != reference), None)
    if holder is not None:
        raise ScheduleError(f"Het slot van {start:%d/%m/%Y %H:%M} is al voor {holder}.")
    return slot


# --- iCalendar -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    location: str
    summary: str
    description: str
    organizer_email: str
    organizer_name: str
    attendee_email: str
    attendee_name: str


def event_uid(call_id: str, reference: str, domain: str) -> str:
    """Stable per applicant and call: an update of the pitch must carry the same UID."""
    return f"pitch-{reference.lower()}-{call_id}@{domain}"


def invitation_ics(invitation: Invitation, stamp: datetime) -> bytes:
    """A METHOD:REQUEST calendar with one VEVENT and the VTIMEZONE its times need."""
    calendar = Calendar()
    calendar.add("prodid", "-//callflow//pitch invitation//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")
    event = Event()
    event.add("uid", invitation.uid)
    event.add("sequence", invitation.sequence)
    event.add("dtstamp", stamp.astimezone(ZoneInfo("UTC")))
    event.add("dtstart", invitation.start)
    event.add("dtend", invitation.end)
    event.add("summary", invitation.summary)
    event.add("location", invitation.location)
    event.add("description", invitation.description)
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    organizer = vCalAddress(f"mailto:{invitation.organizer_email}")
    organizer.params["cn"] = vText(invitation.organizer_name)
    event.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{invitation.attendee_email}")
    attendee.params.update({"cn": vText(invitation.attendee_name), "role": vText("REQ-PARTICIPANT"),
                            "partstat": vText("NEEDS-ACTION"), "rsvp": vText("TRUE")})
    event.add("attendee", attendee)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", invitation.summary)
    alarm.add("trigger", timedelta(days=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    # A VTIMEZONE for the event's year only: the full 1970-2038 history is 5 KB that no client needs.
    year = invitation.start.year
    calendar.add_missing_timezones(first_date=date(year - 1, 1, 1), last_date=date(year + 1, 12, 31))
    return calendar.to_ical()
