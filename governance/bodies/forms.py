from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import parse_reminder_days
from governance.widgets import DateInput


class MembersOnDateForm(forms.Form):
    on = forms.DateField(label=_("Members on"), required=False, widget=DateInput())


class RemindersForm(forms.Form):
    """When a body's members are reminded of its meetings: on or off, and how many days before."""

    send = forms.BooleanField(label=_("Remind the members before each meeting"), required=False)
    days = forms.CharField(
        label=_("Days before the meeting"), required=False, max_length=40,
        help_text=_("Whole days between 0 and 90, separated by commas: 7, 1 reminds a week before and the day before."),
    )

    def clean(self):
        data = super().clean()
        try:
            data["offsets"] = parse_reminder_days(data.get("days", ""))
        except ValueError:
            self.add_error("days", _("Give whole numbers of days between 0 and 90, separated by commas (e.g. 7,1)."))
            return data
        if data.get("send") and not data["offsets"]:
            self.add_error("days", _("Say how many days before each meeting the members are reminded."))
        return data
