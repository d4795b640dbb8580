"""Demo data for the web management: every role assigned for the year but one (the structure
owner is vacant), the web management group (weblead chairs; five members who satisfy the rules)
with two meetings held, working and reference groups, about 20 feature requests in several
states, a handbook with FAQ, policies (one to be read by the communicators, with a few
confirmations), platforms and the member organisations' meeting.
Idempotent: natural keys with update_or_create."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext_lazy

from governance.bodies.models import Body, Membership
from governance.demo import DemoContext
from governance.meetings.models import Meeting
from governance.people.models import Organisation, User
from governance.texts import Text, choice, encode, in_default_language, lower
from governance.texts import number as text_number

from .models import (
    AccessibilityProblem,
    AccessibilityStatement,
    FeatureRequest,
    FeatureSupport,
    HandbookPage,
    Policy,
    PolicyVersion,
    ReadConfirmation,
    RepresentativesMeeting,
    Role,
    RoleAssignment,
    StatusReport,
    SteeringDecision,
    WebPlatform,
    WorkingGroup,
)
from .records import register_steering_decision

STOCKHOLM = ZoneInfo("Europe/Stockholm")

# username, first, last, organisation, title, IT competence
PEOPLE = [
    ("webb-redaktor", "Johanna", "Lind", "E", "Webbredaktör", False),
    ("webb-funktion", "Oskar", "Berglund", "M", "Webbutvecklare", True),
    ("webb-support", "Frida", "Åberg", "S", "Webbsupport", False),
    ("webb-kommunikator", "Ali", "Mattsson", "Z", "Kommunikatör", False),
    ("it-drift", "Mats", "Axelsson", "IT", "Systemförvaltare", True),
    ("it-support", "Leila", "Hansson", "IT", "Helpdesk", True),
]

# role, username, share, annual salary cost at full time (the structure owner is vacant on purpose).
# The plan pays each holder's organisation salary × share × (1 + social fees); the IT unit's contact
# persons have no share: their work is paid through the IT unit's agreement.
ASSIGNMENTS = [
    (Role.Code.WEB_LEAD, "weblead", Decimal("0.50"), Decimal("620000")),
    (Role.Code.EDITORIAL_MANAGER, "webb-redaktor", Decimal("0.30"), Decimal("540000")),
    (Role.Code.FEATURE_OWNER, "webb-funktion", Decimal("0.30"), Decimal("580000")),
    (Role.Code.SUPPORT_OWNER, "webb-support", Decimal("0.25"), Decimal("510000")),
    (Role.Code.SYSTEM_ADMINISTRATOR, "it-drift", Decimal("0.00"), Decimal("0")),
    (Role.Code.SYSTEM_ADMINISTRATOR, "it-support", Decimal("0.00"), Decimal("0")),
]
SOCIAL_FEE_RATE = Decimal("0.3142")

# the five members besides the chair (weblead) and whom they represent
GROUP = [
    ("webb-redaktor", "Redaktionellt ansvarig"),
    ("webb-funktion", "Funktionsansvarig"),
    ("webb-support", "Supportansvarig"),
    ("it-drift", "Teknisk systemförvaltare"),
    ("webb-kommunikator", "Struktur och användare"),
]

S = FeatureRequest.Status
# title, site, status, submitter organisation, value, effort, supporting organisations
REQUESTS = [
    ("Bättre sökfunktion på externwebben", "external", S.IN_DEVELOPMENT, "AB", 5, 4, ["C", "E", "M", "O", "W"]),
    ("Tillgänglighetsredogörelse som egen sidtyp", "external", S.SPECIFIED, "E", 5, 2, ["F", "H", "K"]),
    ("Krisläge: snabbpublicering av driftsmeddelanden", "both", S.IN_TEST, "F", 5, 3, ["AB", "M", "X", "BD"]),
    ("Lättläst-version av startsidan", "external", S.ACCEPTED, "G", 4, 2, ["I", "N"]),
    ("Automatisk länkkontroll i redigeringsläget", "internal", S.ACCEPTED, "H", 3, 2, ["S"]),
    ("Kalender för länsgemensamma evenemang", "external", S.ACCEPTED, "I", 3, 4, []),
    ("Bildbank med licensinformation", "both", S.SPECIFIED, "K", 4, 3, ["D", "U", "Y"]),
    ("Formulärbyggare för e-tjänster", "external", S.ACCEPTED, "M", 4, 5, ["AB", "O"]),
    ("Karttjänst inbäddad i nyhetssidor", "external", S.NEW, "N", None, None, ["Z"]),
    ("Mörkt läge på intranätet", "internal", S.NEW, "O", None, None, []),
    ("Påminnelse om sidor som inte uppdaterats på ett år", "internal", S.NEW, "S", None, None, ["T", "W"]),
    ("Teckenspråksvideo i spelaren", "external", S.NEW, "T", None, None, []),
    ("Enklare import av pressmeddelanden", "external", S.NEW, "U", None, None, ["X"]),
    ("Gemensam mall för remissvar", "internal", S.REJECTED, "W", None, None, []),
    ("Chattbot på startsidan", "external", S.REJECTED, "X", None, None, ["Y"]),
    ("Webbstatistik per avdelning", "internal", S.RELEASED, "Y", 3, 2, ["AB", "C"]),
    ("Brödsmulor på alla sidor", "external", S.RELEASED, "Z", 4, 1, ["E", "F", "G"]),
    ("Utskriftsvänliga nyhetssidor", "external", S.RELEASED, "AC", 2, 1, []),
    ("Flerspråkiga sidor: språkväljare", "external", S.IN_DEVELOPMENT, "BD", 4, 4, ["M", "VM"]),
    ("Prenumeration på ändringar i föreskrifter", "external", S.ACCEPTED, "VM", 3, 3, ["AB"]),
]

PAGES = [
    ("handbook", "editors", "kom-igang", "Kom igång som webbredaktör",
     "## Behörighet\n\nBeställ behörighet till publiceringsverktyget via **Helpdesk**. Ange vilken "
     "länsstyrelse och vilka sidor du ska redigera.\n\n## Första sidan\n\n1. Logga in.\n2. Välj *Ny sida*.\n"
     "3. Skriv rubrik, ingress och brödtext.\n4. Spara som utkast och be en kollega granska.\n"),
    ("handbook", "editors", "skriva-for-webben", "Skriva för webben",
     "Skriv **viktigast först**, korta stycken och tydliga mellanrubriker. Följ "
     "[Språkrådets klarspråksråd](https://www.isof.se/klarsprak).\n\n## Länktexter\n\nLänktexten ska säga "
     "vart länken leder – aldrig *klicka här*.\n"),
    ("handbook", "both", "tillganglighet", "Tillgänglighet i praktiken",
     "## Bilder\n\nAlla informativa bilder behöver en alternativtext.\n\n## Dokument\n\nPublicera hellre en "
     "webbsida än en PDF. Om en PDF behövs ska den vara tillgänglighetsanpassad.\n\n| Innehåll | Krav |\n"
     "|---|---|\n| Bild | Alternativtext |\n| Video | Undertexter |\n"),
    ("handbook", "support", "supportrutiner", "Supportrutiner för första linjen",
     "Helpdesk tar emot frågan, registrerar ett ärende och slussar det vidare:\n\n- tekniska fel → "
     "IT-enheten\n- frågor om innehåll → den egna länsstyrelsens webbredaktör\n- önskemål om ny funktion → "
     "funktionsansvarig via portalen\n"),
    ("faq", "both", "glomt-losenord", "Jag har glömt mitt lösenord till publiceringsverktyget",
     "Kontakta Helpdesk. De återställer lösenordet och skickar ett engångslösenord till din e-post."),
    ("faq", "editors", "bild-for-stor", "Bilden är för stor – vad gör jag?",
     "Bilder får vara högst 2 MB. Minska bilden till 1 600 pixlar bred innan du laddar upp den."),
    ("faq", "support", "vem-ager-fragan", "Vem svarar på frågor om ett önskemål?",
     "Funktionsansvarig prioriterar önskemålen. Status syns på önskemålets sida i portalen."),
    ("faq", "editors", "publicera-pa-alla", "Hur publicerar jag på alla länsstyrelsers webbplatser?",
     "Gemensamma texter publiceras av redaktionellt ansvarig. Skicka underlaget till infomaster."),
]


def _summary(text: Text) -> dict:
    """A decision's summary as the services store it (governance.texts): the message and its text
    in the default language."""
    return {"summary": in_default_language(text), "summary_message": encode(text)}


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=STOCKHOLM)


def seed(ctx: DemoContext) -> None:
    year = ctx.year
    jan1, dec31 = dt.date(year, 1, 1), dt.date(year, 12, 31)
    communicators = Body.objects.get(kind=Body.Kind.COMMUNICATORS_NETWORK)
    people: dict[str, User] = {"weblead": User.objects.get(username="weblead")}
    for username, first, last, code, title, it in PEOPLE:
        people[username] = ctx.user(username, first, last, code, title, has_it_competence=it,
                                    phone="010-223 10 00" if code == "IT" else "")
        if code != "IT":
            ctx.membership(communicators, people[username], dt.date(year - 2, 1, 1))
    steering = Body.objects.filter(kind=Body.Kind.STEERING_GROUP, year=year).first()
    chair = User.objects.filter(username="chair").first()

    # --- Roles and the steering group's decisions ---
    decided = dt.date(year - 1, 12, 10)
    for code, username, share, salary in ASSIGNMENTS:
        role = Role.objects.get(code=code)
        assignment, _ = RoleAssignment.objects.update_or_create(
            role=role, user=people[username], start=jan1,
            defaults={"end": dec31, "share": share, "salary_cost": salary, "social_fee_rate": SOCIAL_FEE_RATE,
                      "organisation": people[username].organisation},
        )
        kind = SteeringDecision.Kind.APPOINT_WEB_LEAD if code == Role.Code.WEB_LEAD else SteeringDecision.Kind.ASSIGN_ROLE
        role_decision, _ = SteeringDecision.objects.update_or_create(
            kind=kind, assignment=assignment,
            defaults={"decided_on": decided, "steering_group": Body.objects.filter(
                kind=Body.Kind.STEERING_GROUP, year=year - 1).first(), "recorded_by": chair,
                **_summary(Text(gettext_lazy("%(person)s (%(org)s) is %(role)s from %(start)s until %(end)s, "
                                             "%(share)s of full time."),
                                person=str(people[username]), org=people[username].organisation.short_name,
                                role=lower(choice(role, "code")), start=jan1.isoformat(), end=dec31.isoformat(),
                                share=text_number(share, 2)))},
        )
        register_steering_decision(role_decision)

    # --- The web management group ---
    wmg = ctx.body(Body.Kind.WEB_MANAGEMENT_GROUP, "Webbförvaltningsgruppen", year,
                   description="Leds av webbutvecklingsledaren; fem ledamöter som företräder rollerna.")
    ctx.membership(wmg, people["weblead"], jan1, dec31, Membership.Position.CHAIR)
    for username, represents in GROUP:
        ctx.membership(wmg, people[username], jan1, dec31, Membership.Position.MEMBER, represents)
    composition, _ = SteeringDecision.objects.update_or_create(
        kind=SteeringDecision.Kind.GROUP_COMPOSITION, body=wmg,
        defaults={"decided_on": decided, "recorded_by": chair, "steering_group": Body.objects.filter(
            kind=Body.Kind.STEERING_GROUP, year=year - 1).first(),
            **_summary(Text(gettext_lazy("The web management group %(year)s from %(start)s: %(chair)s (chair); "
                                         "%(members)s."),
                            year=year, start=jan1.isoformat(), chair=str(people["weblead"]),
                            members=", ".join(f"{people[u]} ({r})" for u, r in GROUP)))},
    )
    register_steering_decision(composition)
    # Two meetings held, none jointly with the steering group and none scheduled: the dashboard
    # shows "2 of 4 held, no joint meeting scheduled".
    elapsed = max((ctx.today - jan1).days, 3)
    for n, title in ((1, "Webbförvaltningsgruppen: planering av året"),
                     (2, "Webbförvaltningsgruppen: uppföljning av backloggen")):
        day = jan1 + dt.timedelta(days=elapsed * n // 3)
        Meeting.objects.update_or_create(
            body=wmg, title=title,
            defaults={"start": _at(day, 9), "end": _at(day, 11), "online_link": "https://meet.example/webb",
                      "created_by": people["weblead"]},
        )

    # --- Working and reference groups ---
    for kind, name, purpose, leader, members in (
        (Body.Kind.WORKING_GROUP, "Arbetsgrupp tillgänglighet",
         "Går igenom webbplatsernas tillgänglighet och tar fram en åtgärdslista.", "webb-redaktor",
         ["webb-kommunikator", "webb-support"]),
        (Body.Kind.REFERENCE_GROUP, "Referensgrupp webbredaktörer",
         "Webbredaktörer från flera län som testar nya funktioner innan de släpps.", "webb-kommunikator",
         ["webb-redaktor"]),
    ):
        body = ctx.body(kind, name, None, parent=wmg, description=purpose)
        wg, _ = WorkingGroup.objects.update_or_create(body=body, defaults={"purpose": purpose, "start": jan1,
                                                                           "end": dec31})
        ctx.membership(body, people[leader], jan1, dec31, Membership.Position.LEADER)
        for username in members:
            ctx.membership(body, people[username], jan1, dec31)
        StatusReport.objects.get_or_create(
            group=wg, author=people[leader],
            text="Arbetet följer planen. Nästa steg: genomgång med webbutvecklingsledaren.",
        )

    # --- Feature requests ---
    orgs = {o.code: o for o in Organisation.objects.all()}
    submitters = {u.organisation.code: u for u in User.objects.filter(username__startswith="kom-")
                  .select_related("organisation").order_by("username")}
    rank = 0
    for title, site, status, code, value, effort, supporters in REQUESTS:
        submitter = submitters.get(code) or people["webb-kommunikator"]
        in_backlog = status in FeatureRequest.BACKLOG
        rank += in_backlog
        spec = ("## Krav\n\n1. Funktionen ska fungera med tangentbord och skärmläsare.\n"
                "2. Den ska gå att slå av per länsstyrelse.\n") if status not in (S.NEW, S.ACCEPTED, S.REJECTED) else ""
        fr, _ = FeatureRequest.objects.update_or_create(
            title=title,
            defaults={
                "site": site, "status": status, "submitted_by": submitter, "organisation": orgs[code],
                "problem": f"I dag saknas: {title.lower()}.", "proposal": f"Inför {title.lower()} på plattformen.",
                "affected": "Besökare och webbredaktörer på alla länsstyrelser.",
                "value": value, "effort": effort, "rank": rank if in_backlog else None,
                "requirement_specification": spec,
                "test_result": "Godkänd i test." if status == S.RELEASED else "",
                "rejection_reason": "Ligger utanför webbsamverkans uppdrag." if status == S.REJECTED else "",
            },
        )
        for supporter in supporters:
            person = submitters.get(supporter) or people["webb-kommunikator"]
            FeatureSupport.objects.get_or_create(request=fr, organisation=orgs[supporter],
                                                 defaults={"user": person})

    # --- Handbook and FAQ (one draft) ---
    for order, (kind, audience, slug, title, body) in enumerate(PAGES):
        HandbookPage.objects.update_or_create(
            slug=slug,
            defaults={"kind": kind, "audience": audience, "title": title, "body": body, "sort_order": order,
                      "status": HandbookPage.Status.DRAFT if slug == "publicera-pa-alla" else HandbookPage.Status.PUBLISHED,
                      "published_at": None if slug == "publicera-pa-alla" else timezone.now(),
                      "updated_by": people["webb-support"]},
        )

    # --- Policies and guidelines ---
    for title, kind, versions in (
        ("Tillgänglighetspolicy för webbplatserna", Policy.Kind.POLICY, [
            (dt.date(year - 1, 3, 4), "Webbplatserna ska uppfylla WCAG 2.1 nivå AA."),
            (dt.date(year, 2, 10), "Webbplatserna ska uppfylla WCAG 2.1 nivå AA. Nya funktioner testas med "
                                   "skärmläsare innan de släpps."),
        ]),
        ("Riktlinjer för gemensamma texter", Policy.Kind.GUIDELINE, [
            (dt.date(year, 4, 21), "Gemensamma texter skrivs på klarspråk och granskas av redaktionellt ansvarig."),
        ]),
    ):
        policy, _ = Policy.objects.update_or_create(title=title, defaults={"kind": kind})
        for number, (decided_on, text) in enumerate(versions, start=1):
            from .services.pages import policy_adopted_text

            summary = _summary(policy_adopted_text(title, number))
            decision, _ = SteeringDecision.objects.update_or_create(
                kind=SteeringDecision.Kind.POLICY, summary=summary["summary"],
                defaults={"decided_on": decided_on, "recorded_by": chair, **summary,
                          "steering_group": Body.objects.filter(kind=Body.Kind.STEERING_GROUP,
                                                                year=decided_on.year).first() or steering},
            )
            PolicyVersion.objects.update_or_create(policy=policy, number=number,
                                                   defaults={"body": text, "decision": decision})
            register_steering_decision(decision)

    # The guideline for joint texts is to be read by every communicator; the web development lead
    # owns the follow-up. A few communicators have confirmed (the demo accounts have not).
    guideline = Policy.objects.get(title="Riktlinjer för gemensamma texter")
    Policy.objects.filter(pk=guideline.pk).update(to_be_read=True, audience=Policy.Audience.COMMUNICATORS,
                                                  owner=people["weblead"])
    current = guideline.versions.order_by("-number").first()
    for person in User.objects.filter(username__startswith="kom-").order_by("username")[:12]:
        ReadConfirmation.objects.get_or_create(policy_version=current, user=person,
                                               defaults={"confirmed_at": timezone.now()})

    # --- Platforms and the member organisations' meeting ---
    for name, kind, address, environment in (
        ("lansstyrelsen.se", WebPlatform.Kind.EXTERNAL, "https://www.lansstyrelsen.se/", "production"),
        ("lansstyrelsen.se", WebPlatform.Kind.EXTERNAL, "https://test.lansstyrelsen.se/", "test"),
        ("Insidan (intranätet)", WebPlatform.Kind.INTERNAL, "https://insidan.lansstyrelsen.se/", "production"),
        ("Insidan (intranätet)", WebPlatform.Kind.INTERNAL, "https://test.insidan.lansstyrelsen.se/", "test"),
    ):
        WebPlatform.objects.update_or_create(name=name, environment=environment,
                                             defaults={"kind": kind, "address": address})
    # --- The portal's accessibility statement ---
    AccessibilityStatement.objects.update_or_create(pk=1, defaults={
        "conformance": AccessibilityStatement.Conformance.PARTIAL,
        "assessed_on": ctx.today.replace(day=1),
        "last_automated_check": ctx.today,
        "method": "Vi har granskat portalen själva: axe-core i webbläsaren på varje sida, kontroll av omflöde vid "
                  "320 pixlars bredd, textavstånd och fokusmarkering, och de viktigaste flödena med enbart "
                  "tangentbord. Kontrollerna körs automatiskt vid varje ändring.",
        "method_en": "We assessed the portal ourselves: axe-core in the browser on every page, checks of reflow "
                     "at 320 pixels, text spacing and the focus indicator, and the main journeys with the "
                     "keyboard alone. The checks run automatically with every change.",
        "contact_email": "tillganglighet@samordna.example",
    })
    AccessibilityProblem.objects.update_or_create(criterion="1.3.1", defaults={
        "description": "Verksamhetsplanen som PDF är inte taggad för skärmläsare.",
        "description_en": "The operating plan as PDF is not tagged for screen readers.",
        "workaround": "Läs planen på webbsidan, eller ladda ner arkivexemplaret (PDF/A), som är taggat.",
        "workaround_en": "Read the plan on its web page, or download the archive copy (PDF/A), which is tagged.",
        "found_on": ctx.today.replace(day=1),
    })
    RepresentativesMeeting.objects.update_or_create(
        year=year, defaults={"date": dt.date(year, 10, 8), "place": "Digitalt",
                             "agenda": "Webbplan, budget, förvaltningsavgift och ambitionsnivå."},
    )
