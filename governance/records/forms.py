from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body

from .models import Decision


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    body = forms.ModelChoiceField(label=_("Decided by"), queryset=Body.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "---------"), *Decision.Kind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(decisions__isnull=False).distinct().order_by("kind", "-year")
