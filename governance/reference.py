"""Reference data: the 22 fee-paying organisations and the IT unit (DOMAIN.md). Loaded by a data
migration, so every database has them without anyone remembering a fixture."""

# (code, name, short name) in the order the county boards are customarily listed.
COUNTY_BOARDS = [
    ("AB", "Länsstyrelsen i Stockholms län", "Stockholm"),
    ("C", "Länsstyrelsen i Uppsala län", "Uppsala"),
    ("D", "Länsstyrelsen i Södermanlands län", "Södermanland"),
    ("E", "Länsstyrelsen i Östergötlands län", "Östergötland"),
    ("F", "Länsstyrelsen i Jönköpings län", "Jönköping"),
    ("G", "Länsstyrelsen i Kronobergs län", "Kronoberg"),
    ("H", "Länsstyrelsen i Kalmar län", "Kalmar"),
    ("I", "Länsstyrelsen i Gotlands län", "Gotland"),
    ("K", "Länsstyrelsen i Blekinge län", "Blekinge"),
    ("M", "Länsstyrelsen i Skåne län", "Skåne"),
    ("N", "Länsstyrelsen i Hallands län", "Halland"),
    ("O", "Länsstyrelsen i Västra Götalands län", "Västra Götaland"),
    ("S", "Länsstyrelsen i Värmlands län", "Värmland"),
    ("T", "Länsstyrelsen i Örebro län", "Örebro"),
    ("U", "Länsstyrelsen i Västmanlands län", "Västmanland"),
    ("W", "Länsstyrelsen i Dalarnas län", "Dalarna"),
    ("X", "Länsstyrelsen i Gävleborgs län", "Gävleborg"),
    ("Y", "Länsstyrelsen i Västernorrlands län", "Västernorrland"),
    ("Z", "Länsstyrelsen i Jämtlands län", "Jämtland"),
    ("AC", "Länsstyrelsen i Västerbottens län", "Västerbotten"),
    ("BD", "Länsstyrelsen i Norrbottens län", "Norrbotten"),
]
WATER_AUTHORITY = ("VM", "Vattenmyndigheterna", "Vattenmyndigheterna")
IT_UNIT = ("IT", "Länsstyrelsernas IT-enhet", "IT-enheten")
IT_UNIT_PARENT = "O"  # run by Länsstyrelsen i Västra Götaland
FEE_PAYER_CODES = [c for c, _, _ in COUNTY_BOARDS] + [WATER_AUTHORITY[0]]

STANDING_BODIES = [
    # (kind, name, mailing list)
    ("communicators", "Informatörsnätverket", "LST-DL-Informatörer"),
    ("info_managers", "Informationschefsnätverket", ""),
    ("directors_group", "Länsrådsgruppen", ""),
    ("g7", "G7", ""),
]


def load(apps):
    Organisation = apps.get_model("governance", "Organisation")
    Body = apps.get_model("governance", "Body")
    for order, (code, name, short) in enumerate(COUNTY_BOARDS, start=1):
        Organisation.objects.update_or_create(
            code=code,
            defaults={"name": name, "short_name": short, "kind": "county_board", "pays_fee": True,
                      "sort_order": order},
        )
    code, name, short = WATER_AUTHORITY
    Organisation.objects.update_or_create(
        code=code,
        defaults={"name": name, "short_name": short, "kind": "water_authority", "pays_fee": True,
                  "sort_order": len(COUNTY_BOARDS) + 1},
    )
    code, name, short = IT_UNIT
    Organisation.objects.update_or_create(
        code=code,
        defaults={"name": name, "short_name": short, "kind": "it_unit", "pays_fee": False,
                  "sort_order": len(COUNTY_BOARDS) + 2,
                  "parent": Organisation.objects.get(code=IT_UNIT_PARENT)},
    )
    for kind, name, mailing_list in STANDING_BODIES:
        Body.objects.update_or_create(kind=kind, year=None, defaults={"name": name, "mailing_list": mailing_list})
