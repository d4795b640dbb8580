"""Views for the autumn meeting's election of next year's steering group."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance.authority import require, today
from governance.elections import selectors, services
from governance.elections.forms import BallotForm, DecisionForm, NominationForm
from governance.elections.models import Election
from governance.people.rules import ballot_organisations
from governance.web import act, confirm, submit


def _election(year: int) -> Election:
    return get_object_or_404(Election.objects.select_related("nominated_chair"), year=year)


@login_required
def election_list(request):
    year = today().year + 1
    return render(
        request,
        "governance/elections/election_list.html",
        {
            "elections": selectors.elections(),
            "next_year": year,
            "can_open": not Election.objects.filter(year=year).exists() and request.user.has_perm("governance.open_election"),
        },
    )


@login_required
@require_POST
def election_create(request):
    year = today().year + 1
    require(request.user, "governance.open_election", message=_("Only the steering group's chair or an administrator can open an election."))
    return act(request, lambda: services.election_create(year=year, actor=request.user),
               success=_("The election of the steering group for %(year)s is open for the nominating "
                         "committee's proposal.") % {"year": year},
               then=lambda election: election or "governance:election_list")


@login_required
def election_detail(request, year: int):
    election = _election(year)
    user = request.user
    organisation = next(iter(ballot_organisations(user)), None)
    # The ballot is secret until it closes: while it is open, who runs the election sees which
    # organisations have voted, never how (the chair is a voter and may be a candidate).
    show_tally = election.status in (Election.Status.BALLOT_CLOSED, Election.Status.DECIDED)
    can_record = user.has_perm("governance.record_election", election)
    nominees = selectors.nominees(election)
    return render(
        request,
        "governance/elections/election_detail.html",
        {
            "election": election,
            "nominees": nominees,
            "leaving": services.ending_during_term(nominees, election.year) if nominees else [],
            "tally": selectors.tally(election) if show_tally else None,
            "voted": (selectors.organisations_voted(election)
                      if can_record and election.status == Election.Status.BALLOT else None),
            "ballot_count": election.ballots.count(),
            "own_ballot": selectors.ballot_of(election, organisation),
            "organisation": organisation,
            "can_nominate": user.has_perm("governance.enter_nomination", election) and election.status in (
                Election.Status.OPEN, Election.Status.BALLOT),
            "can_record": can_record,
            "decision": selectors.decision_of(election),
        },
    )


@login_required
def election_nomination(request, year: int):
    """The nominating committee enters its proposal: six information managers, one of them chair."""
    election = _election(year)
    require(request.user, "governance.enter_nomination", election, message=_("Only the nominating committee enters its proposal."))
    candidates = selectors.candidates()
    initial = {"version": election.version, "chair": election.nominated_chair,
               "members": list(election.nominees.all())}
    form = NominationForm(request.POST or None, candidates=candidates, initial=initial)
    return submit(
        request, form,
        lambda d: services.nomination_set(election=election, members=list(d["members"]), chair=d["chair"],
                                          version=d["version"], actor=request.user),
        success=_("The nominating committee's proposal was saved."), then=election,
        saved=lambda: Election.objects.get(pk=election.pk), fields=["nominated_chair", "nominees"],
    ) or render(request, "governance/elections/nomination_form.html", {
        "election": election, "form": form,
        "ballots_cast": election.ballots.count() if election.status == Election.Status.BALLOT else 0})


@login_required
def election_ballot(request, year: int):
    """An organisation's ballot, cast by its information manager; changeable until the ballot closes."""
    election = _election(year)
    organisations = ballot_organisations(request.user)
    wanted = request.POST.get("organisation") or request.GET.get("organisation")
    organisation = next((o for o in organisations if o.code == wanted), None) if wanted else None
    organisation = organisation or next(iter(organisations), None)
    if organisation is None:
        raise PermissionDenied(_("Only an organisation's information manager, or their deputy, casts its ballot."))
    ballot = selectors.ballot_of(election, organisation)
    initial = {"candidates": list(ballot.candidates.all()), "chair_vote": ballot.chair_vote} if ballot else {}
    form = BallotForm(request.POST or None, candidates=selectors.candidates(), initial=initial)
    return submit(
        request, form,
        lambda d: services.ballot_cast(election=election, candidates=list(d["candidates"]), chair_vote=d["chair_vote"],
                                       actor=request.user, organisation=organisation),
        success=_("The ballot of %(org)s was saved.") % {"org": organisation}, then=election,
    ) or render(
        request,
        "governance/elections/ballot_form.html",
        {"election": election, "form": form, "organisation": organisation, "ballot": ballot,
         "organisations": organisations,
         "is_open": election.status == Election.Status.BALLOT},
    )


def _record_action(request, year: int, action, success: str):
    election = _election(year)
    require(request.user, "governance.record_election", election, message=_("Only the steering group's chair or an administrator runs the election."))
    return act(request, lambda: action(election=election, actor=request.user), success=success, then=election)


@login_required
@require_POST
def election_ballot_open(request, year: int):
    return _record_action(request, year, services.ballot_open, _("The ballot is open."))


@login_required
@require_POST
def election_ballot_close(request, year: int):
    election = _election(year)
    require(request.user, "governance.record_election", election, message=_("Only the steering group's chair or an administrator runs the election."))
    return confirm(
        request, action=_("Close the ballot"), back=election,
        consequences=[_("No organisation can cast or change its ballot after this."),
                      _("The tally is shown to everyone who sees the election.")],
        missing=[o.short_name for o, cast in selectors.organisations_voted(election) if not cast],
        missing_title=_("Organisations that have not voted"),
    ) or _record_action(request, year, services.ballot_close, _("The ballot is closed."))


@login_required
def election_decide(request, year: int):
    """The autumn meeting's decision, recorded by the steering group's chair or an administrator."""
    election = _election(year)
    require(request.user, "governance.record_election", election, message=_("Only the steering group's chair or an administrator records the decision."))
    if election.status == Election.Status.DECIDED:
        return redirect("governance:election_decision", year=year)
    day = today()
    result = selectors.tally(election) if election.status == Election.Status.BALLOT_CLOSED else None
    initial = {"decided_on": election.meeting_date or day}
    if result is not None:
        # Prefill only what the ballot decided on its own; a tie needs the meeting's explicit choice.
        initial["method"] = "ballot"
        initial["members"] = result.clear
        if not result.chair_tie and result.chair_winner is not None and not result.seats_to_settle:
            initial["chair"] = result.chair_winner
    elif election.has_nomination:
        initial["method"] = "adopted"
    form = DecisionForm(request.POST or None, candidates=selectors.candidates(), initial=initial)
    return submit(
        request, form,
        lambda d: services.election_decide(
            election=election, method=d["method"], decided_on=d["decided_on"], actor=request.user,
            members=list(d["members"]), chair=d["chair"], committee=list(d["committee"]),
            committee_chair=d["committee_chair"], notes=d["notes"]),
        success=_("The decision was recorded and the county directors' group informed."),
        then=reverse("governance:election_decision", kwargs={"year": year}),
    ) or render(
        request,
        "governance/elections/decision_form.html",
        {"election": election, "form": form, "tally": result, "nominees": selectors.nominees(election)},
    )


@login_required
def election_decision(request, year: int):
    """The decision page: visible to every logged-in user."""
    election = _election(year)
    decision = selectors.decision_of(election)
    if decision is None:
        raise Http404(_("The election has not been decided yet."))
    members = sorted(decision.members.all(), key=lambda u: (u.pk != decision.chair_id, u.organisation.sort_order))
    return render(
        request,
        "governance/elections/decision.html",
        {
            "election": election,
            "decision": decision,
            "members": members,
            "tally": selectors.tally(election) if decision.method == "ballot" else None,
        },
    )
