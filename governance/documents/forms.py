from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.authority import today
from governance.bodies.models import Body
from governance.formfields import VersionField
from governance.widgets import DateInput

from .models import Document

FILE_HELP = _("PDF, Word, Excel, PowerPoint, OpenDocument text, PNG or JPEG.")


class ArchiveSearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", "---------"), *Document.Kind.choices])
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else Body.objects.none()


class DocumentFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    dated = forms.DateField(label=_("Document date"), widget=DateInput)
    readers = forms.ChoiceField(label=_("Who may read it"), choices=Document.Readers.choices,
                                help_text=_("The body's members, everyone in the communications network "
                                            "(communicators, information managers, the steering group), "
                                            "or all staff."))
    description = forms.CharField(label=_("Description"), required=False, max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    meetings = forms.ModelMultipleChoiceField(label=_("Meetings"), required=False, queryset=None,
                                              widget=forms.CheckboxSelectMultiple)
    decisions = forms.ModelMultipleChoiceField(label=_("Decisions"), required=False, queryset=None,
                                               widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, body: Body | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # The links point up the layers: the models are read from the fields, not imported.
        meeting_model = Document._meta.get_field("meetings").related_model
        decision_model = Document._meta.get_field("decisions").related_model
        ids = [body.pk] if body else []
        self.fields["meetings"].queryset = meeting_model.objects.for_bodies(ids).order_by("-start")
        self.fields["decisions"].queryset = decision_model.objects.filter(body_id__in=ids).order_by(
            "-decided_on", "-pk")


class DocumentCreateForm(DocumentFields):
    body = forms.ModelChoiceField(label=_("Body"), queryset=Body.objects.none())
    file = forms.FileField(label=_("File"), help_text=FILE_HELP)
    note = forms.CharField(label=_("About this version"), required=False, max_length=300)
    field_order = ["body", "title", "kind", "dated", "readers", "description", "file", "note"]

    def __init__(self, *args, bodies, body: Body | None = None, **kwargs):
        super().__init__(*args, body=body, **kwargs)
        self.fields["body"].queryset = bodies
        if body is None:  # the links are offered once the body is chosen
            del self.fields["meetings"], self.fields["decisions"]
        self.fields["dated"].initial = today()


class DocumentEditForm(DocumentFields):
    version = VersionField(required=False)


class DocumentVersionForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=FILE_HELP)
    note = forms.CharField(label=_("What changed"), max_length=300)
