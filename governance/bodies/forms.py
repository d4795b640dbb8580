from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.widgets import DateInput


class MembersOnDateForm(forms.Form):
    on = forms.DateField(label=_("Members on"), required=False, widget=DateInput())
