"""The areas of the coordination (DOMAIN.md, "Chair and steering group coordinate"). Seeded by a
data migration; after that they are data, edited in the admin."""

AREAS = [
    # (code, Swedish name, description)
    ("web", "Webbförvaltning", "Drift, förvaltning och utveckling av länsstyrelsernas externa och interna webbplatser."),
    ("projects", "Kommunikationsprojekt", "Gemensamma kommunikationsprojekt."),
    ("strategic", "Strategisk kommunikation",
     "Gemensamt mediearbete, sociala medier, mässor och utställningar."),
    ("development_support", "Kommunikationsstöd i utvecklingsprojekt",
     "Kommunikationsstöd till länsstyrelsernas gemensamma utvecklingsprojekt."),
    ("crisis", "Nationellt samordnad kriskommunikation", "Samordnad kommunikation vid kriser."),
    ("competence", "Kompetensutveckling", "Tillgänglig information och klarspråk."),
    ("other", "Övriga uppdrag", "Övriga uppdrag som årets verksamhetsplan anger."),
]


def load(apps):
    Area = apps.get_model("annualplan", "Area")
    for order, (code, name, description) in enumerate(AREAS, start=1):
        Area.objects.get_or_create(code=code, defaults={"name": name, "description": description,
                                                        "sort_order": order * 10})
