from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.widgets import DateInput

from .forms import AgendaItemForm, BaseAgendaFormSet
from .models import Meeting
from .series import AgendaTopic, MeetingSeries


class SeriesForm(forms.ModelForm):
    online_link = forms.URLField(label=_("Online meeting link"), max_length=500, required=False,
                                 assume_scheme="https")

    class Meta:
        model = MeetingSeries
        fields = ["title", "frequency", "interval", "ordinal", "weekday", "first_date", "last_date", "start_time",
                  "duration_minutes", "place", "online_link"]
        widgets = {"first_date": DateInput, "last_date": DateInput,
                   "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        help_texts = {"ordinal": _("For a monthly series: the first, second, … or last such weekday.")}


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Why the meeting is cancelled"), max_length=300)


class TemplateItemForm(AgendaItemForm):
    """A standing agenda item: no presenter (it is the same at every meeting)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["presenter"]


TemplateFormSet = forms.formset_factory(TemplateItemForm, formset=BaseAgendaFormSet, extra=3, can_delete=True,
                                        max_num=30, validate_max=True)


class TopicForm(forms.ModelForm):
    class Meta:
        model = AgendaTopic
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class TopicScheduleForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=600, initial=15)

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings
