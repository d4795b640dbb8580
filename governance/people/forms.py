"""The person pickers every form uses, and naming a deputy (ersättare) for a period."""
from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from governance.people.models import Delegation, Organisation, User
from governance.widgets import DateInput

SCOPE_LABELS = Delegation.SCOPE_LABELS


# --- Person pickers: one way for every form ---------------------------------------------------------
def people(organisations=None):
    """The people a picker offers: active accounts, each once, by surname, with their organisation
    (one query); only those of `organisations` when given."""
    qs = User.objects.filter(is_active=True).select_related("organisation")
    if organisations is not None:
        qs = qs.filter(organisation__in=organisations)
    return qs.order_by("last_name", "first_name", "organisation__sort_order", "username")


def person_label(user: User) -> str:
    """"Anna Berg (Dalarna)": two people of the same name are told apart by their organisation."""
    return f"{user.get_full_name() or user.username} ({user.organisation.short_name})"


class PersonChoiceField(forms.ModelChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=people() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def __init__(self, queryset=None, **kwargs):
        super().__init__(queryset=people() if queryset is None else queryset, **kwargs)

    def label_from_instance(self, obj):
        return person_label(obj)


def person_of(form: forms.Form, person_field: str, organisation: Organisation | None) -> None:
    """Refuse a person of another organisation than the one the row is for."""
    person = form.cleaned_data.get(person_field)
    if person and organisation and person.organisation_id != organisation.pk:
        form.add_error(person_field, _("%(person)s is not at %(org)s: choose a person of %(org)s.")
                       % {"person": person_label(person), "org": organisation.short_name})


class DelegationForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("For"), queryset=Organisation.objects.none())
    deputy = PersonChoiceField(label=_("Deputy"), queryset=User.objects.none(),
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
        self.fields["deputy"].queryset = people(organisations=ids)

    def clean(self):
        data = super().clean()
        deputy, organisation = data.get("deputy"), data.get("organisation")
        if deputy and organisation and deputy.organisation_id != organisation.pk:
            self.add_error("deputy", _("A deputy is a person of %(org)s.") % {"org": organisation.short_name})
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date must not be before the start date."))
        return data


class LoginForm(AuthenticationForm):
    """Django's log-in form, refusing a user name longer than any account's before it is tried:
    Django sets that length on the field without its validator, and the log-in protection (axes)
    stores every name tried in a column of 255 characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


__all__ = ["DelegationForm", "LoginForm"]
