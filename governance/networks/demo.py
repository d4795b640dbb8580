"""Demo data for the communicators' network, proposals, the conference and the election.
Idempotent: natural keys with update_or_create/get_or_create."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from governance.bodies.models import Body
from governance.demo import STEERING_2026, DemoContext, info_manager_username
from governance.elections.models import Ballot, Election, ElectionDecision
from governance.elections.records import register_election_decision
from governance.networks.models import Conference, ConferenceRegistration, JoinRequest, Proposal
from governance.people.models import User

# Dalarna communicators who have asked to join the network; infochef answers.
PENDING_W = [
    ("kom-w-ny-1", "Linnea", "Dahl", "Vill gärna vara med i nätverket och på konferensen."),
    ("kom-w-ny-2", "Oskar", "Falk", ""),
    ("kom-w-ny-3", "Amanda", "Ek", "Ny webbredaktör sedan oktober."),
]


PROPOSALS = [
    # (title, status, description, benefit, handler comment / return reason)
    ("Gemensam kampanj om krisberedskap", Proposal.Status.DRAFT,
     "En samordnad kampanj i sociala medier inför krisberedskapsveckan.",
     "Större räckvidd och ett gemensamt budskap från alla län.", ""),
    ("Mallar för klarspråk i beslut", Proposal.Status.DRAFT,
     "Gemensamma mallar och exempel för klarspråk i myndighetsbeslut.", "Färre frågor från medborgare.", ""),
    ("Nationell bildbank", Proposal.Status.SUBMITTED,
     "En gemensam bildbank med fria bilder från alla län.", "Minskade kostnader för bildköp.", ""),
    ("Poddserie om länsstyrelsernas uppdrag", Proposal.Status.SUBMITTED,
     "En poddserie där varje län berättar om ett uppdrag.", "Ökad kännedom om länsstyrelserna.", ""),
    ("Gemensam utbildning i tillgänglighet", Proposal.Status.FORWARDED,
     "En webbutbildning i tillgängliga dokument för alla kommunikatörer.",
     "Uppfyller webbtillgänglighetsdirektivet till lägre kostnad.", "Bra förslag, passar in i nästa års plan."),
    ("Samordnad mässnärvaro", Proposal.Status.FORWARDED,
     "Länsstyrelserna deltar gemensamt på Almedalen och Järvaveckan.", "En tydlig gemensam avsändare.", ""),
    ("Eget intranät för varje nätverk", Proposal.Status.RETURNED,
     "Varje nätverk får en egen intranätsida.", "Bättre samarbete.",
     "Portalen har redan sidor för nätverken; utveckla förslaget med vad som saknas."),
]


NOMINATION_2027 = ["M", "F", "AB", "W", "E", "AC"]  # chair first


BALLOTS_2027 = {
    # organisation: (candidates, chair)
    "C": (["M", "F", "AB", "W", "E", "AC"], "M"),
    "D": (["M", "F", "AB", "W", "O", "AC"], "M"),
    "E": (["M", "F", "E", "W", "O", "BD"], "F"),
    "G": (["M", "AB", "W", "E", "AC"], "M"),
    "H": (["F", "AB", "W", "E", "AC", "BD"], "F"),
}


def seed_networks(ctx: DemoContext) -> None:
    year = ctx.year
    managers = {u.organisation.code: u for u in User.objects.filter(
        username__in=[info_manager_username(c) for c in set(NOMINATION_2027 + STEERING_2026 + list(BALLOTS_2027))]
        + [info_manager_username(c) for c in ["BD", "O"]]
    )}
    infochef = User.objects.get(username="infochef")
    communicator = User.objects.get(username="communicator")
    now = timezone.now()

    # Join requests waiting for infochef (Dalarna).
    for username, first, last, message in PENDING_W:
        person = ctx.user(username, first, last, "W", "Kommunikatör")
        if not JoinRequest.objects.filter(user=person).exists():
            JoinRequest.objects.create(user=person, organisation=person.organisation, message=message)

    # Proposals by the demo communicator in every state.
    for title, status, description, benefit, answer in PROPOSALS:
        handled = status in (Proposal.Status.FORWARDED, Proposal.Status.RETURNED)
        Proposal.objects.update_or_create(
            author=communicator, title=title,
            defaults={
                "organisation": communicator.organisation,
                "description": description,
                "expected_benefit": benefit,
                "status": status,
                "handler_comment": answer if status == Proposal.Status.FORWARDED else "",
                "return_reason": answer if status == Proposal.Status.RETURNED else "",
                "submitted_at": now - dt.timedelta(days=20) if status != Proposal.Status.DRAFT else None,
                "handled_by": infochef if handled else None,
                "handled_at": now - dt.timedelta(days=5) if handled else None,
            },
        )

    # Next year's conference, registration open.
    conference, _ = Conference.objects.update_or_create(
        year=year + 1,
        defaults={
            "title": f"Informatörskonferensen {year + 1}",
            "date": dt.date(year + 1, 4, 21),
            "place": "Falun",
            "registration_deadline": max(dt.date(year + 1, 3, 15), ctx.today + dt.timedelta(days=30)),
            "cap_per_organisation": 4,
            "description": "Två dagar om klarspråk, krisberedskap och tillgänglighet.",
        },
    )
    ConferenceRegistration.objects.get_or_create(
        conference=conference, participant=communicator,
        defaults={"organisation": communicator.organisation, "registered_by": infochef},
    )
    for code in ("M", "F"):
        for person in User.objects.filter(username__startswith=f"kom-{code.lower()}-").order_by("username")[:2]:
            ConferenceRegistration.objects.get_or_create(
                conference=conference, participant=person,
                defaults={"organisation": person.organisation, "registered_by": managers[code]},
            )

    # This year's steering group, decided at last autumn's meeting.
    steering = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=year)
    nominating = Body.objects.filter(kind=Body.Kind.NOMINATING_COMMITTEE, year=year).first()
    chair = User.objects.get(username="chair")
    members = [managers[c] for c in STEERING_2026]
    past, _ = Election.objects.update_or_create(
        year=year,
        defaults={"status": Election.Status.DECIDED, "meeting_date": dt.date(year - 1, 10, 16),
                  "nominated_chair": chair},
    )
    past.nominees.set(members)
    decision, _ = ElectionDecision.objects.update_or_create(
        election=past,
        defaults={"method": ElectionDecision.Method.ADOPTED, "decided_on": dt.date(year - 1, 10, 16),
                  "chair": chair, "steering_group": steering, "nominating_committee": nominating,
                  "notes": "Valberedningens förslag antogs med acklamation."},
    )
    decision.members.set(members)
    register_election_decision(decision)

    # Next year's election: the nominating committee's proposal is in and the ballot is open.
    election, _ = Election.objects.update_or_create(
        year=year + 1,
        # The same day as the autumn meeting in governance/meetings/demo.py (today + 16 days), within this year.
        defaults={"status": Election.Status.BALLOT,
                  "meeting_date": min(ctx.today + dt.timedelta(days=16), dt.date(year, 12, 31)),
                  "nominated_chair": managers[NOMINATION_2027[0]],
                  "nomination_entered_by": User.objects.get(username=info_manager_username("K"))},
    )
    election.nominees.set([managers[c] for c in NOMINATION_2027])
    for code, (candidates, chair_code) in BALLOTS_2027.items():
        ballot, _ = Ballot.objects.update_or_create(
            election=election, organisation=managers[code].organisation,
            defaults={"chair_vote": managers[chair_code], "cast_by": managers[code]},
        )
        ballot.candidates.set([managers[c] for c in candidates])
