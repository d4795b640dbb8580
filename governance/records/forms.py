from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body
from governance.formfields import VersionField

from .models import Decision


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    body = forms.ModelChoiceField(label=_("Decided by"), queryset=Body.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "---------"), *Decision.Kind.choices])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(decisions__isnull=False).distinct().order_by("kind", "-year")


class CullingApprovalForm(forms.Form):
    """The archivist's approval: rows ticked here are kept; every other row is culled."""

    keep = forms.ModelMultipleChoiceField(label=_("Keep these records"), required=False, queryset=None,
                                          widget=forms.CheckboxSelectMultiple)
    keep_reason = forms.CharField(label=_("Why the ticked records are kept"), required=False, max_length=300,
                                  widget=forms.TextInput(attrs={"class": "form-control"}))
    note = forms.CharField(label=_("Note on the approval"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}))
    version = VersionField(required=False)

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = items
        self.fields["keep"].label_from_instance = lambda item: item.description
