"""Forms for the autumn meeting's election."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.elections.models import ElectionDecision
from governance.formfields import VersionField
from governance.people.forms import PeopleChoiceField, PersonChoiceField
from governance.widgets import DateInput


class NominationForm(forms.Form):
    members = PeopleChoiceField(
        label=_("The six proposed members"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Exactly six information managers."),
    )
    chair = PersonChoiceField(label=_("Proposed chair"), queryset=None, help_text=_("One of the six."))
    version = VersionField()

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = candidates
        self.fields["chair"].queryset = candidates


class BallotForm(forms.Form):
    candidates = PeopleChoiceField(
        label=_("Candidates for the steering group"), queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Up to six information managers."),
    )
    chair_vote = PersonChoiceField(label=_("Chair"), queryset=None)

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["candidates"].queryset = candidates
        self.fields["chair_vote"].queryset = candidates


class DecisionForm(forms.Form):
    method = forms.ChoiceField(
        label=_("How the meeting decided"), choices=ElectionDecision.Method.choices, widget=forms.RadioSelect
    )
    decided_on = forms.DateField(label=_("Date of the decision"), widget=DateInput())
    members = PeopleChoiceField(
        label=_("The six members"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Not needed when the meeting adopted the nominating committee's proposal."),
    )
    chair = PersonChoiceField(
        label=_("Chair"), queryset=None, required=False,
        help_text=_("Not needed when the meeting adopted the nominating committee's proposal."),
    )
    committee = PeopleChoiceField(
        label=_("Nominating committee for the term"), queryset=None, widget=forms.CheckboxSelectMultiple,
    )
    committee_chair = PersonChoiceField(label=_("Convener of the nominating committee"), queryset=None, required=False)
    notes = forms.CharField(
        label=_("The meeting's notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the ballot was tied: how the meeting settled it."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("members", "chair", "committee", "committee_chair"):
            self.fields[name].queryset = candidates
