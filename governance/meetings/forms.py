"""Forms for meetings: the meeting and its agenda, attendance, attachments and minutes."""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body, Membership
from governance.formfields import VersionField
from governance.meetings.models import Attendance, Meeting
from governance.meetings.services import AgendaEntry
from governance.people.forms import PersonChoiceField, people, person_label
from governance.people.models import User
from governance.widgets import DateInput, DateTimeInput

STOCKHOLM_HELP = _("Swedish time (Europe/Stockholm).")


class MeetingForm(forms.ModelForm):
    """The meeting. `version` is the edit version the form was opened on (lost-update check)."""

    version = VersionField(required=False)
    online_link = forms.URLField(label=_("Online meeting link"), max_length=500, required=False,
                                 assume_scheme="https")

    class Meta:
        model = Meeting
        fields = ["body", "joint_bodies", "title", "start", "end", "place", "online_link", "description",
                  "adjusters"]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "joint_bodies": forms.CheckboxSelectMultiple,
            "adjusters": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"start": STOCKHOLM_HELP, "end": STOCKHOLM_HELP}

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        ordered = Body.objects.order_by("kind", "-year", "name")
        self.fields["joint_bodies"].queryset = ordered
        if self.instance.pk:
            # The body a meeting belongs to does not change; joint bodies may.
            self.fields["body"].disabled = True
            self.fields["body"].queryset = ordered
            self.initial.setdefault("version", self.instance.version)
        elif bodies is not None:
            self.fields["body"].queryset = bodies
        for name in ("start", "end"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        # Adjusters are members of the meeting's body (of any body that may hold meetings when new).
        body_ids = [self.instance.body_id] if self.instance.pk else list(self.fields["body"].queryset.values_list(
            "pk", flat=True))
        self.fields["adjusters"].queryset = people().filter(memberships__body_id__in=body_ids).distinct()
        self.fields["adjusters"].label_from_instance = person_label

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "start": data["start"],
            "end": data["end"],
            "place": data.get("place", ""),
            "online_link": data.get("online_link", ""),
            "description": data.get("description", ""),
            "joint_bodies": list(data.get("joint_bodies") or []),
            "adjusters": list(data.get("adjusters") or []),
        }


class AgendaItemForm(forms.Form):
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)
    title = forms.CharField(label=_("Agenda item"), max_length=250)
    presenter = forms.TypedChoiceField(label=_("Presenter"), coerce=int, required=False, empty_value=None)
    duration_minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=24 * 60)

    def __init__(self, *args, presenters: list[User] = (), **kwargs):
        super().__init__(*args, **kwargs)
        # One list of people for every row (no query per row).
        self.presenters = {u.pk: u for u in presenters}
        self.fields["presenter"].choices = [("", "---------")] + [
            (u.pk, person_label(u)) for u in presenters
        ]


class BaseAgendaFormSet(forms.BaseFormSet):
    def entries(self) -> list[AgendaEntry]:
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.initial:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data:
                continue
            rows.append(AgendaEntry(title=data["title"], duration_minutes=data["duration_minutes"],
                                    order=data.get("order") or 0,
                                    presenter=form.presenters.get(data.get("presenter"))))
        return rows


AgendaFormSet = forms.formset_factory(AgendaItemForm, formset=BaseAgendaFormSet, extra=3, can_delete=True,
                                      max_num=60, validate_max=True)


def presenters() -> list[User]:
    """Everyone who may present an item (active users), evaluated once for all agenda rows."""
    return list(people())


class AttendanceForm(forms.Form):
    """One choice per expected member (and anyone already recorded): present, absent, excused."""

    def __init__(self, *args, members: list[Membership], current: dict[int, str], extra_users=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", _("Not recorded")), *Attendance.Status.choices]
        people = [(m.user, m.organisation.short_name) for m in members]
        people += [(u, u.organisation.short_name) for u in extra_users]
        for user, org in people:
            self.fields[f"status_{user.pk}"] = forms.ChoiceField(
                label=f"{user} ({org})", choices=choices, required=False, initial=current.get(user.pk, "")
            )

    def statuses(self) -> dict[int, str]:
        return {int(name.removeprefix("status_")): value for name, value in self.cleaned_data.items()}


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument text, PNG or JPEG."),
    )


class MinutesForm(forms.Form):
    text = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 16}))
    reason = forms.CharField(
        label=_("Reason for the correction"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Published minutes are never changed: a correction becomes a new version."),
    )
    version = VersionField(required=False)

    def __init__(self, *args, correction: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if correction:
            self.fields["reason"].required = True
        else:
            del self.fields["reason"]


class AdjustmentForm(forms.Form):
    """An adjuster's answer on the draft minutes."""

    answer = forms.ChoiceField(label=_("Your answer"), widget=forms.RadioSelect, choices=[
        ("approve", _("I approve the minutes as they are")),
        ("change", _("I propose a change")),
    ])
    comment = forms.CharField(label=_("The change you propose"), required=False, max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("Action"), max_length=250)
    owner = PersonChoiceField(label=_("Who does it"))
    due = forms.DateField(label=_("Due"), widget=DateInput())

    def __init__(self, *args, meeting=None, **kwargs):
        super().__init__(*args, **kwargs)
        if meeting is not None:
            bodies = [meeting.body_id, *meeting.joint_bodies.values_list("pk", flat=True)]
            self.fields["owner"].queryset = people().filter(memberships__body_id__in=bodies).distinct()
