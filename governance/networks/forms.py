"""Forms for the communicators' network, the conference and proposals."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.formfields import VersionField
from governance.networks.models import Proposal
from governance.people.forms import PersonChoiceField


class JoinRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message to your information manager (optional)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ProposalForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = Proposal
        fields = ["title", "description", "expected_benefit"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "expected_benefit": forms.Textarea(attrs={"rows": 4}),
        }


class ForwardForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment to the steering group"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for returning"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class RegistrationForm(forms.Form):
    participant = PersonChoiceField(
        label=_("Participant"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a person from your own organisation.")},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = people
