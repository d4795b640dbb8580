"""Demo data for governance: the people of the 2026 network and the bodies they sit in.

Every app's seeder takes a DemoContext and must be idempotent: natural keys with
update_or_create/get_or_create, so `seed_demo` can run again and change nothing."""
from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TextIO

from django.contrib.auth.hashers import make_password

from governance.bodies.models import Body, Membership
from governance.people.models import Organisation, User
from governance.reference import FEE_PAYER_CODES

DEMO_PASSWORD = "demo"

# The accounts the README lists; later issues extend the data, these names stay.
DEMO_ACCOUNTS = [
    ("admin", "superuser: the admin site, every page"),
    ("chair", "information manager (Jönköping), chairs the 2026 steering group"),
    ("steering", "information manager (Skåne), member of the 2026 steering group"),
    ("infochef", "information manager (Dalarna), not in the steering group"),
    ("communicator", "communicator (Dalarna)"),
    ("weblead", "web development lead (Uppsala)"),
    ("director", "member of the county directors' group (Örebro)"),
    ("g7", "member of G7 (Stockholm)"),
    ("deputy", "communicator (Dalarna), the information manager's deputy for the ballot and the conference"),
    ("former", "former information manager (Kalmar) and 2025 steering group member, left on 31 December"),
    ("archivist", "registrar and archivist (Jönköping): approves the yearly culling list"),
]

FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kristina", "Elin", "Ida", "Johanna", "Linnea",
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Nils", "Mikael", "Jonas", "Oskar", "Fredrik", "Henrik",
    "Malin", "Helena", "Cecilia", "Frida", "Hanna", "Amanda", "Ahmed", "Leila", "Mats", "Peter", "Tove", "Ali",
]
LAST_NAMES = [
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
    "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson", "Lindberg", "Jakobsson",
    "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg",
    "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Åberg",
]


@dataclass
class DemoContext:
    today: dt.date
    scale: int
    rng: random.Random
    stdout: TextIO | None = None
    password_hash: str = field(default_factory=lambda: make_password(DEMO_PASSWORD))

    @property
    def year(self) -> int:
        return self.today.year

    def org(self, code: str) -> Organisation:
        return Organisation.objects.get(code=code)

    def user(self, username: str, first: str, last: str, org_code: str, title: str = "", **extra) -> User:
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@samordna.example",
                "organisation": self.org(org_code),
                "title": title,
                "password": self.password_hash,
                **extra,
            },
        )
        return user

    def membership(self, body: Body, user: User, start: dt.date, end: dt.date | None = None,
                   position: str = Membership.Position.MEMBER, role_description: str = "") -> Membership:
        membership, _ = Membership.objects.update_or_create(
            body=body, user=user, start=start,
            defaults={"end": end, "position": position, "organisation": user.organisation,
                      "role_description": role_description},
        )
        return membership

    def body(self, kind: str, name: str, year: int | None = None, **extra) -> Body:
        if year is None and kind in Body.STANDING_KINDS:
            return Body.objects.get(kind=kind, year=None)
        body, _ = Body.objects.update_or_create(kind=kind, year=year, name=name, defaults=extra)
        return body

    def name(self, index: int) -> tuple[str, str]:
        """A deterministic, varied Swedish name for generated person `index`."""
        return FIRST_NAMES[(index * 7) % len(FIRST_NAMES)], LAST_NAMES[(index * 11 + index // 3) % len(LAST_NAMES)]


# Named information managers; the rest of the 22 are generated.
NAMED_INFO_MANAGERS = {"F": "chair", "M": "steering", "W": "infochef"}
STEERING_2026 = ["F", "M", "AB", "E", "O", "BD"]  # chair first
STEERING_2025 = ["E", "F", "M", "C", "H", "Y"]  # chaired by Östergötland
NOMINATING_2026 = ["K", "S", "Z"]
FORMER_CODE = "H"  # Kalmar: its information manager changed on 1 January


def info_manager_username(code: str) -> str:
    return NAMED_INFO_MANAGERS.get(code, f"ic-{code.lower()}")


def seed(ctx: DemoContext) -> None:
    year = ctx.year
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    network_start = dt.date(year - 3, 1, 1)

    ctx.user("admin", "Alva", "Admin", "IT", "Portal administrator", is_staff=True, is_superuser=True)
    ctx.user("chair", "Karin", "Lindqvist", "F", "Informationschef")
    ctx.user("steering", "Anders", "Berg", "M", "Kommunikationschef")
    ctx.user("infochef", "Maria", "Holm", "W", "Informationschef")

    info_managers = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    communicators = Body.objects.get(kind=Body.Kind.COMMUNICATORS_NETWORK)
    directors = Body.objects.get(kind=Body.Kind.DIRECTORS_GROUP)
    g7 = Body.objects.get(kind=Body.Kind.G7)

    managers: dict[str, User] = {}
    for i, code in enumerate(FEE_PAYER_CODES):
        username = info_manager_username(code)
        if code in NAMED_INFO_MANAGERS:
            manager = User.objects.get(username=username)
        else:
            first, last = ctx.name(i + 100)
            manager = ctx.user(username, first, last, code, "Informationschef")
        managers[code] = manager
        # Kalmar's information manager took over on 1 January from the former one (below).
        ctx.membership(info_managers, manager, jan1 if code == FORMER_CODE else network_start)
        ctx.membership(communicators, manager, network_start)
    # The former information manager of Kalmar: in the network and last year's steering group
    # until 31 December; her rights ended with the year, her records stay with the bodies.
    former = ctx.user("former", "Ingrid", "Lund", FORMER_CODE, "Informationschef (t.o.m. förra året)")
    ctx.membership(info_managers, former, network_start, dt.date(year - 1, 12, 31))
    ctx.membership(communicators, former, network_start, dt.date(year - 1, 12, 31))

    # Steering groups: last year's (for history and the term change) and this year's.
    for y, codes in ((year - 1, STEERING_2025), (year, STEERING_2026)):
        group = ctx.body(Body.Kind.STEERING_GROUP, "Styrgruppen", y)
        for n, code in enumerate(codes):
            person = former if (y == year - 1 and code == FORMER_CODE) else managers[code]
            ctx.membership(group, person, dt.date(y, 1, 1), dt.date(y, 12, 31),
                           Membership.Position.CHAIR if n == 0 else Membership.Position.MEMBER)
    nominating = ctx.body(Body.Kind.NOMINATING_COMMITTEE, "Valberedningen", year)
    for n, code in enumerate(NOMINATING_2026):
        ctx.membership(nominating, managers[code], jan1, dec31,
                       Membership.Position.CHAIR if n == 0 else Membership.Position.MEMBER)

    # About 80 communicators, spread over the organisations; two of them are demo accounts.
    communicator = ctx.user("communicator", "Erik", "Sandberg", "W", "Kommunikatör")
    weblead = ctx.user("weblead", "Sofia", "Ekström", "C", "Webbredaktör", has_it_competence=True)
    ctx.membership(communicators, communicator, dt.date(year - 1, 3, 1))
    # Dalarna's information manager has named a deputy for the ballot and the conference.
    deputy = ctx.user("deputy", "Nora", "Dahl", "W", "Kommunikatör, ersättare")
    ctx.membership(communicators, deputy, dt.date(year - 2, 9, 1))
    from governance.people.models import Delegation
    from governance.people.services import delegation_grant

    for scope in ("cast_ballot", "register_conference"):
        if Delegation.objects.active_on(ctx.today).filter(user=deputy, permission__codename=scope).exists():
            continue  # seeded already (seed_demo runs at every `make run`)
        delegation_grant(organisation=ctx.org("W"), deputy=deputy, scope=scope, start=ctx.today,
                         end=ctx.today + dt.timedelta(days=120), actor=managers["W"],
                         reason="Informationschefen är föräldraledig under hösten")
    ctx.membership(communicators, weblead, network_start)
    for i in range(78 * ctx.scale):
        code = FEE_PAYER_CODES[i % len(FEE_PAYER_CODES)]
        first, last = ctx.name(i)
        person = ctx.user(f"kom-{code.lower()}-{i + 1}", first, last, code, "Kommunikatör",
                          has_it_competence=(i % 9 == 0))
        ctx.membership(communicators, person, network_start + dt.timedelta(days=(i * 13) % 900))

    # The county directors' group: one director per county board; G7: seven of them.
    director = ctx.user("director", "Lars", "Nyström", "T", "Länsråd")
    ctx.membership(directors, director, network_start, position=Membership.Position.MEMBER)
    for i, code in enumerate(c for c in FEE_PAYER_CODES if c not in ("T", "VM")):
        first, last = ctx.name(i + 200)
        person = ctx.user(f"lr-{code.lower()}", first, last, code, "Länsråd")
        ctx.membership(directors, person, network_start,
                       position=Membership.Position.CHAIR if code == "AB" else Membership.Position.MEMBER)
    g7_user = ctx.user("g7", "Eva", "Sjöberg", "AB", "Länsråd, G7")
    ctx.membership(g7, g7_user, network_start, position=Membership.Position.CHAIR)
    for code in ("C", "E", "M", "O", "X", "BD"):
        ctx.membership(g7, User.objects.get(username=f"lr-{code.lower()}"), network_start)
