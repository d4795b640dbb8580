from django import forms
from django.utils.translation import gettext_lazy as _

from .engine import MAX_LENGTH, clean_query, sources


class SearchInput(forms.TextInput):
    input_type = "search"


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, strip=True,
                        widget=SearchInput(attrs={"maxlength": MAX_LENGTH, "autocomplete": "off"}))
    kind = forms.ChoiceField(label=_("Search in"), required=False, choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("The whole portal")), *((s.kind, s.label) for s in sources())]

    def clean_q(self) -> str:
        """A long query is cut, never refused (a shared link must open)."""
        return clean_query(self.cleaned_data["q"])
