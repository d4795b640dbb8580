"""Proposals: the author edits a draft, the organisation's information manager handles it, the steering group reads what is forwarded."""
from __future__ import annotations

import rules

from governance.bodies.rules import sits_in_steering_group
from governance.people.rules import is_information_manager_of


# --- Proposals --------------------------------------------------------------------------------------
@rules.predicate
def is_author(user, proposal) -> bool:
    return proposal is not None and proposal.author_id == user.pk


@rules.predicate
def proposal_editable(user, proposal) -> bool:
    return proposal is not None and proposal.editable


@rules.predicate
def proposal_submitted(user, proposal) -> bool:
    from governance.networks.models import Proposal

    return proposal is not None and proposal.status != Proposal.Status.DRAFT


@rules.predicate
def proposal_forwarded(user, proposal) -> bool:
    from governance.networks.models import Proposal

    return proposal is not None and proposal.status == Proposal.Status.FORWARDED


@rules.predicate
def manages_proposal_organisation(user, proposal) -> bool:
    return proposal is not None and is_information_manager_of(user, proposal.organisation)


rules.add_perm("governance.view_forwarded_proposals", sits_in_steering_group)


rules.add_perm("governance.edit_proposal", is_author & proposal_editable)


rules.add_perm("governance.handle_proposal", proposal_submitted & manages_proposal_organisation)


rules.add_perm(
    "governance.view_proposal",
    is_author | (proposal_submitted & manages_proposal_organisation) | (proposal_forwarded & sits_in_steering_group),
)
