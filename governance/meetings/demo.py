"""Demo meetings: the steering group's past meetings with published minutes (one corrected),
one waiting for its minutes, upcoming meetings of the steering group and the information
managers' network, with agendas and attendance. Idempotent: meetings are keyed on (body, title),
agenda items on (meeting, order), attendance on (meeting, person), minutes on (meeting, number)."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from governance.bodies.models import Body, Membership
from governance.bodies.selectors import members_of
from governance.meetings.models import ActionItem, AgendaItem, Attendance, Meeting, Minutes
from governance.people.models import User

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=STOCKHOLM)


def _meeting(body: Body, title: str, day: dt.date, start: tuple[int, int], end: tuple[int, int], *,
             place: str = "", online_link: str = "", description: str = "", agenda=(), created_by=None,
             joint=()) -> Meeting:
    meeting, _ = Meeting.objects.update_or_create(
        body=body, title=title,
        defaults={"start": _at(day, *start), "end": _at(day, *end), "place": place, "online_link": online_link,
                  "description": description, "created_by": created_by},
    )
    meeting.joint_bodies.set([b for b in joint if b is not None])
    for order, (item_title, minutes, presenter) in enumerate(agenda, start=1):
        AgendaItem.objects.update_or_create(
            meeting=meeting, order=order,
            defaults={"title": item_title, "duration_minutes": minutes, "presenter": presenter},
        )
    AgendaItem.objects.filter(meeting=meeting, order__gt=len(agenda)).delete()
    return meeting


def _attendance(meeting: Meeting, exceptions: dict[str, str] | None = None) -> None:
    exceptions = exceptions or {}
    for membership in members_of(meeting.body, on=meeting.date):
        status = exceptions.get(membership.user.username, Attendance.Status.PRESENT)
        Attendance.objects.update_or_create(meeting=meeting, user=membership.user, defaults={"status": status})


def _minutes(meeting: Meeting, number: int, text: str, *, author: User, published: bool = True,
             previous: Minutes | None = None, reason: str = "") -> Minutes:
    when = meeting.end + dt.timedelta(days=2 + number * 3)
    minutes, _ = Minutes.objects.update_or_create(
        meeting=meeting, number=number,
        defaults={
            "text": text, "previous": previous, "correction_reason": reason, "created_by": author,
            "status": Minutes.Status.PUBLISHED if published else Minutes.Status.DRAFT,
            "published_by": author if published else None,
            "published_at": min(when, timezone.now()) if published else None,
        },
    )
    return minutes


def seed_meetings(ctx) -> None:
    today = ctx.today
    chair = User.objects.get(username="chair")
    steering = User.objects.get(username="steering")
    admin = User.objects.get(username="admin")
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)

    def steering_group(day: dt.date) -> Body:
        return (Body.objects.filter(kind=Body.Kind.STEERING_GROUP, year=day.year).first()
                or Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=ctx.year))

    # --- Past meetings of the steering group ---
    d1 = today - dt.timedelta(days=75)
    m1 = _meeting(
        steering_group(d1), "Styrgruppsmöte: verksamhetsplanens uppföljning", d1, (9, 0), (12, 0),
        place="Länsstyrelsen i Jönköpings län, sal Vättern", online_link="https://meet.example/styrgruppen",
        created_by=chair,
        agenda=[("Mötets öppnande och dagordning", 10, chair), ("Uppföljning av verksamhetsplanen", 60, chair),
                ("Budgetprognos", 45, steering), ("Rapport till G7", 30, chair), ("Övriga frågor", 15, None)],
    )
    _attendance(m1)
    v1 = _minutes(m1, 1, (
        "Närvarande: hela styrgruppen.\n\n"
        "1. Ordföranden öppnade mötet; dagordningen godkändes.\n"
        "2. Verksamhetsplanen följer tidplanen; två aktiviteter är försenade.\n"
        "3. Budgetprognosen visar ett överskott på 120 000 kr.\n"
        "4. Rapporten till G7 skickas senast den 15:e.\n"
        "5. Inga övriga frågor."
    ), author=chair)
    _minutes(m1, 2, (
        "Närvarande: hela styrgruppen.\n\n"
        "1. Ordföranden öppnade mötet; dagordningen godkändes.\n"
        "2. Verksamhetsplanen följer tidplanen; två aktiviteter är försenade.\n"
        "3. Budgetprognosen visar ett överskott på 210 000 kr.\n"
        "4. Rapporten till G7 skickas senast den 15:e.\n"
        "5. Inga övriga frågor."
    ), author=chair, previous=v1, reason="Fel belopp i budgetprognosen (punkt 3): 210 000 kr, inte 120 000 kr.")

    d2 = today - dt.timedelta(days=40)
    m2 = _meeting(
        steering_group(d2), "Styrgruppsmöte: förslag till förvaltningsavgift", d2, (13, 0), (15, 30),
        online_link="https://meet.example/styrgruppen", created_by=chair,
        agenda=[("Förslag till förvaltningsavgift", 60, chair), ("Förankring i informationschefsnätverket", 45, steering),
                ("Övriga frågor", 15, None)],
    )
    others = [m.user.username for m in members_of(m2.body, on=m2.date) if m.position != Membership.Position.CHAIR]
    exceptions = {}
    if others:
        exceptions[others[-1]] = Attendance.Status.EXCUSED
    if len(others) > 1:
        exceptions[others[-2]] = Attendance.Status.ABSENT
    _attendance(m2, exceptions)
    _minutes(m2, 1, (
        "Styrgruppen beslutade att föreslå oförändrad förvaltningsavgift.\n"
        "Förslaget förankras i informationschefsnätverket före beslut i länsrådsgruppen."
    ), author=chair)
    # Actions written in the minutes: one open for steering (due soon), one done by the chair.
    ActionItem.objects.update_or_create(meeting=m2, title="Förankra avgiftsförslaget i informationschefsnätverket",
                                        defaults={"owner": steering, "due": today + dt.timedelta(days=2),
                                                  "created_by": chair})
    ActionItem.objects.update_or_create(meeting=m2, title="Skicka avgiftsförslaget till länsrådsgruppen",
                                        defaults={"owner": chair, "due": d2 + dt.timedelta(days=14),
                                                  "status": ActionItem.Status.DONE,
                                                  "done_on": d2 + dt.timedelta(days=10), "created_by": chair})

    d3 = today - dt.timedelta(days=12)
    m3 = _meeting(
        steering_group(d3), "Styrgruppsmöte: krisberedskap och kommunikation", d3, (10, 0), (12, 0),
        online_link="https://meet.example/styrgruppen", created_by=chair,
        agenda=[("Nationellt samordnad kriskommunikation", 60, chair), ("Kompetensutveckling: klarspråk", 45, steering)],
    )
    _attendance(m3)
    _minutes(m3, 1, "Utkast: styrgruppen gick igenom rutinerna för samordnad kriskommunikation.",
             author=chair, published=False)
    # The meeting's adjuster beside the chair (steering); the chair sends the draft to her for adjustment.
    m3.adjusters.set([steering])

    # --- Upcoming ---
    d4 = today + dt.timedelta(days=9)
    _meeting(
        steering_group(d4), "Styrgruppsmöte: verksamhetsplan och budget för nästa år", d4, (9, 0), (15, 0),
        place="Länsstyrelsen i Skåne län, Malmö", online_link="https://meet.example/styrgruppen",
        created_by=chair, description="Heldag. Lunch ingår.",
        agenda=[("Utkast till verksamhetsplan", 90, chair), ("Budget och förvaltningsavgift", 90, steering),
                ("Webbplan och webbudget", 60, None), ("Förankring med nätverket", 45, chair)],
    )
    d5 = today + dt.timedelta(days=16)
    _meeting(
        network, "Informationschefsnätverkets höstmöte", d5, (13, 0), (16, 0),
        online_link="https://meet.example/informationschefer", created_by=admin,
        description="Val av styrgrupp och ordförande för nästa år; val av valberedning.",
        agenda=[("Styrgruppens rapport", 30, chair), ("Valberedningens förslag", 30, None),
                ("Val av styrgrupp och ordförande", 45, None), ("Samråd om verksamhetsplanen", 60, chair)],
    )
    # The sitting group's annual report to G7: in its own year, so the demo is the same whatever
    # day it is seeded on (in late December it lies in the past, not in next year's group's term).
    d6 = min(today + dt.timedelta(days=37), dt.date(today.year, 12, 17))
    _meeting(
        steering_group(d6), "Gemensamt möte med G7: avrapportering", d6, (9, 30), (11, 30),
        online_link="https://meet.example/g7", created_by=chair,
        joint=[Body.objects.get(kind=Body.Kind.G7)],
        description="Styrgruppen rapporterar årets arbete till G7.",
        agenda=[("Styrgruppens årsrapport", 45, chair), ("Frågor från G7", 45, None)],
    )


def seed_planning(ctx) -> None:
    """The steering group's standing agenda items and topic backlog, and the information managers'
    network's monthly online meeting as a series (one of its meetings cancelled)."""
    from governance.meetings import planning
    from governance.meetings.series import AgendaTopic, MeetingSeries
    from governance.meetings.services import AgendaEntry

    steering_group = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=ctx.year)
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    chair = User.objects.get(username="chair")
    if not steering_group.agenda_template.exists():
        planning.agenda_template_set(body=steering_group, actor=None, entries=[
            AgendaEntry("Mötets öppnande", 5), AgendaEntry("Val av justerare", 5),
            AgendaEntry("Föregående minnesanteckningar", 10), AgendaEntry("Beslutsärenden", 60),
            AgendaEntry("Övriga frågor", 10)])
    if not network.agenda_template.exists():
        planning.agenda_template_set(body=network, actor=None, entries=[
            AgendaEntry("Läget i länen", 30), AgendaEntry("Aktuellt från styrgruppen", 20),
            AgendaEntry("Övriga frågor", 10)])
    title = "Informationschefsnätverkets månadsmöte"
    if not MeetingSeries.objects.filter(body=network, title=title).exists():
        first = ctx.today + dt.timedelta(days=1)
        _series, meetings = planning.series_create(
            body=network, actor=None, title=title, frequency=MeetingSeries.Frequency.MONTHLY, interval=1,
            weekday=MeetingSeries.Weekday.TUESDAY, ordinal=MeetingSeries.Ordinal.FIRST, first_date=first,
            last_date=first + dt.timedelta(days=180), start_time=dt.time(9, 0), duration_minutes=90,
            online_link="https://meet.example/informationscheferna")
        if len(meetings) > 2:
            planning.meeting_cancel(meeting=meetings[2], actor=None,
                                    reason="Krockar med den nationella kommunikatörsdagen.")
    steering = User.objects.get(username="steering")
    for topic, text, by in [
        ("Gemensam mall för pressmeddelanden", "Kan vi enas om en mall som alla län använder?", steering),
        ("Erfarenheter från höstens krisövning", "Vad lärde vi oss om samordnad kriskommunikation?", chair),
    ]:
        if not AgendaTopic.objects.filter(body=steering_group, title=topic).exists():
            AgendaTopic.objects.create(body=steering_group, title=topic, description=text, proposed_by=by)
