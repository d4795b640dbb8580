"""Naming a deputy (ersättare) for a period."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.people.models import Delegation, Organisation, User
from governance.widgets import DateInput

SCOPE_LABELS = Delegation.SCOPE_LABELS


class DelegationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("For"), queryset=Organisation.objects.none())
    deputy = forms.ModelChoiceField(label=_("Deputy"), queryset=User.objects.none(),
                                    help_text=_("A colleague at your organisation."))
    scope = forms.ChoiceField(label=_("May"), choices=list(SCOPE_LABELS.items()), widget=forms.RadioSelect)
    reason = forms.CharField(label=_("Why"), max_length=300,
                             help_text=_("E.g. parental leave, the conference week. Shown to the deputy."))
    start = forms.DateField(label=_("From"), widget=DateInput)
    end = forms.DateField(label=_("Until (inclusive)"), widget=DateInput,
                          help_text=_("The mandate ends by itself after this day."))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [o.pk for o in organisations]
        self.fields["organisation"].queryset = Organisation.objects.filter(pk__in=ids).order_by("sort_order")
        if len(ids) == 1:
            self.fields["organisation"].initial = ids[0]
        self.fields["deputy"].queryset = User.objects.filter(organisation_id__in=ids, is_active=True).order_by(
            "last_name", "first_name")

    def clean(self):
        data = super().clean()
        deputy, organisation = data.get("deputy"), data.get("organisation")
        if deputy and organisation and deputy.organisation_id != organisation.pk:
            self.add_error("deputy", _("A deputy is a person of %(org)s.") % {"org": organisation.short_name})
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date must not be before the start date."))
        return data


__all__ = ["DelegationForm"]
