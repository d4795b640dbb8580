"""Reference data: the seven roles of the web management and their duties (DOMAIN.md, appendix 1
of the governance text), in Swedish like the rest of the reference data. Loaded by a data migration,
so every database has the catalogue."""

ROLES = [
    ("web_lead", (
        "Leder webbarbetet och webbförvaltningsgruppen; beställer utveckling av externa konsulter; "
        "föreslår den årliga webbplanen och budgeten och följer upp dem; samordnar med IT-enheten; "
        "tar fram policyer och riktlinjer; tillgänglighet; bevakar produktutvecklingen; deltar i upphandlingar."
    )),
    ("editorial_manager", (
        "Gemensamma texter (skriver, beställer och uppdaterar); granskar och publicerar gemensam "
        "information; presentationsmaterial; besvarar den gemensamma brevlådan (infomaster@…); "
        "beställer översättningar; designfrågor; rutiner och riktlinjer."
    )),
    ("feature_owner", (
        "Samlar in och prioriterar funktionsönskemål; kravspecifikationer; testrutiner; testning."
    )),
    ("support_owner", (
        "Organiserar webbsupporten; skriver handbok och vanliga frågor för webbredaktörer och "
        "supportpersonal; erbjuder dem utbildning."
    )),
    ("structure_owner", (
        "Målgruppsanalyser; användartester; utvärdering av informationsstruktur, navigering och funktioner."
    )),
    ("process_owner", (
        "Formell ägare av webbpubliceringssystemet: den länsstyrelse vars informationschef är "
        "ordförande i styrgruppen. Rollen följer ordföranden."
    )),
    ("system_administrator", (
        "Länsstyrelsen i Västra Götaland genom IT-enheten: drift, backup, användaradministration, "
        "licenser, uppgraderingar, tekniska tester, första linjens tekniska support och användarsupport "
        "(Helpdesk tar emot frågorna och slussar dem vidare)."
    )),
]

HELPDESK = "Helpdesk (Länsstyrelsernas IT-enhet): helpdesk@lansstyrelsen.se, 010-223 00 00"


def load(apps):
    Role = apps.get_model("webadmin", "Role")
    WebCooperation = apps.get_model("webadmin", "WebCooperation")
    for order, (code, duties) in enumerate(ROLES, start=1):
        Role.objects.update_or_create(code=code, defaults={"duties": duties, "sort_order": order})
    if not WebCooperation.objects.exists():
        WebCooperation.objects.create(name="Webbsamverkan", helpdesk=HELPDESK)
