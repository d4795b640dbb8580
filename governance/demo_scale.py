"""Benchmark data: `seed_demo --scale N` (N > 1) adds about N years of governance history on top of
the demo (DEMO_SCALE_SEEDERS). For N=10: about 1 000 users (the demo seeder already makes 78·N
communicators; former communicators with ended memberships fill up to 100·N), the steering group of
each past year, and about 500 meetings a year (≈5 000) of the standing bodies and a dozen working
groups, all in the past, each with a three-item agenda.

Rows are written with bulk_create (fast; generated history is nobody's decision, so it has no
audit rows — tests/security/test_audit_bulk.py allows demo_scale.py files). Idempotent: users by
user name, bodies by natural key, and a year whose generated meetings exist is skipped."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from governance.bodies.models import Body, Membership
from governance.demo import DemoContext, info_manager_username
from governance.meetings.models import AgendaItem, Meeting
from governance.people.models import Organisation, User
from governance.reference import FEE_PAYER_CODES

STOCKHOLM = ZoneInfo("Europe/Stockholm")
USERS_PER_YEAR = 100
MEETINGS_PER_YEAR = 500
WORKING_GROUPS = [
    "Arbetsgrupp klarspråk", "Arbetsgrupp tillgänglighet", "Arbetsgrupp sociala medier", "Arbetsgrupp intranät",
    "Arbetsgrupp krisberedskap", "Arbetsgrupp varumärke", "Arbetsgrupp film och bild", "Arbetsgrupp mätning",
    "Arbetsgrupp medieträning", "Arbetsgrupp interna kanaler", "Arbetsgrupp webbanalys", "Arbetsgrupp e-tjänster",
]
MARKER = "·"  # generated meeting titles end with it (one character, invisible enough in lists)
AGENDA = ["Mötets öppnande", "Lägesrapporter från länen", "Övriga frågor"]


def seed_scale(ctx: DemoContext) -> None:
    if ctx.scale <= 1:
        return
    _users(ctx)
    bodies = _bodies(ctx)
    _meetings(ctx, bodies)


def _users(ctx: DemoContext) -> None:
    target = USERS_PER_YEAR * ctx.scale
    missing = target - User.objects.count()
    if missing <= 0:
        return
    orgs = {o.code: o for o in Organisation.objects.filter(code__in=FEE_PAYER_CODES)}
    communicators = Body.objects.get(kind=Body.Kind.COMMUNICATORS_NETWORK)
    existing = set(User.objects.filter(username__startswith="fd-").values_list("username", flat=True))
    new_users = []
    for i in range(missing + len(existing)):
        username = f"fd-{i + 1:05d}"
        if username in existing:
            continue
        code = FEE_PAYER_CODES[(i * 5) % len(FEE_PAYER_CODES)]
        first, last = ctx.name(i + 1000)
        new_users.append(User(username=username, first_name=first, last_name=last, email=f"{username}@samordna.example",
                              organisation=orgs[code], title="Kommunikatör", password=ctx.password_hash,
                              is_active=(i % 4 != 0)))
        if len(new_users) >= missing:
            break
    User.objects.bulk_create(new_users, batch_size=500)
    created = User.objects.filter(username__in=[u.username for u in new_users])
    memberships = []
    for i, user in enumerate(created):
        start = dt.date(ctx.year - ctx.scale, 1, 1) + dt.timedelta(days=(i * 37) % (365 * ctx.scale))
        end = min(start + dt.timedelta(days=200 + (i * 53) % 900), ctx.today - dt.timedelta(days=1))
        if end < start:
            end = start
        memberships.append(Membership(body=communicators, user=user, organisation=user.organisation,
                                      start=start, end=end, position=Membership.Position.MEMBER))
    Membership.objects.bulk_create(memberships, batch_size=500)


def _bodies(ctx: DemoContext) -> list[Body]:
    """The standing bodies, a dozen working groups, and each past year's steering group."""
    bodies = list(Body.objects.filter(kind__in=Body.STANDING_KINDS).order_by("kind"))
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    for name in WORKING_GROUPS:
        group, _ = Body.objects.get_or_create(kind=Body.Kind.WORKING_GROUP, name=name, year=None,
                                              defaults={"parent": network, "reminder_days": ""})
        bodies.append(group)
    managers = {code: User.objects.filter(username=info_manager_username(code)).first() for code in FEE_PAYER_CODES}
    for y in range(ctx.year - ctx.scale + 1, ctx.year - 1):
        group, created = Body.objects.get_or_create(kind=Body.Kind.STEERING_GROUP, year=y,
                                                    defaults={"name": "Styrgruppen", "reminder_days": ""})
        if created:
            # A different six each year: rotate through the county boards.
            offset = (y * 5) % len(FEE_PAYER_CODES)
            codes = [FEE_PAYER_CODES[(offset + k) % len(FEE_PAYER_CODES)] for k in range(6)]
            Membership.objects.bulk_create([
                Membership(body=group, user=managers[c], organisation=managers[c].organisation,
                           start=dt.date(y, 1, 1), end=dt.date(y, 12, 31),
                           position=Membership.Position.CHAIR if k == 0 else Membership.Position.MEMBER)
                for k, c in enumerate(codes) if managers[c] is not None
            ])
        bodies.append(group)
    return bodies


def _meetings(ctx: DemoContext, bodies: list[Body]) -> None:
    admin = User.objects.filter(username="admin").first()
    yearly = [b for b in bodies if b.year is None]
    for y in range(ctx.year - ctx.scale + 1, ctx.year + 1):
        if Meeting.objects.filter(start__year=y, title__endswith=MARKER).exists():
            continue
        steering = next((b for b in bodies if b.kind == Body.Kind.STEERING_GROUP and b.year == y), None)
        year_bodies = yearly + ([steering] if steering else [])
        last_day = min(dt.date(y, 12, 20), ctx.today - dt.timedelta(days=1))
        days = [d for d in (dt.date(y, 1, 8) + dt.timedelta(days=k) for k in range(0, 350))
                if d <= last_day and d.weekday() < 5]
        if not days:
            continue
        count = min(MEETINGS_PER_YEAR, MEETINGS_PER_YEAR * len(days) // 245)
        meetings = []
        for n in range(count):
            body = year_bodies[n % len(year_bodies)]
            day = days[(n * 7) % len(days)]
            hour = 9 + (n % 3) * 2
            start = dt.datetime.combine(day, dt.time(hour, 0), tzinfo=STOCKHOLM)
            meetings.append(Meeting(
                body=body, title=f"{body.name}: möte {n // len(year_bodies) + 1} {y} {MARKER}",
                start=start, end=start + dt.timedelta(hours=2),
                place="Teams" if n % 2 else "Länsstyrelsen i Jönköpings län",
                online_link="https://meet.example/samordna" if n % 2 else "",
                description="Genererat möte för belastningstest.", created_by=admin,
            ))
        Meeting.objects.bulk_create(meetings, batch_size=500)
        created = Meeting.objects.filter(start__year=y, title__endswith=MARKER).only("pk")
        AgendaItem.objects.bulk_create(
            [AgendaItem(meeting=m, order=k + 1, title=t, duration_minutes=20 + 10 * k)
             for m in created for k, t in enumerate(AGENDA)],
            batch_size=1000,
        )
