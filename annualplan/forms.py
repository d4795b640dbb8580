from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance import formfields
from governance.networks.models import Proposal
from governance.people.forms import PersonChoiceField, people, person_label, person_of
from governance.people.models import Organisation
from governance.widgets import DateInput

from .models import (
    Activity,
    ConsultationAnswer,
    DevelopmentProject,
    FollowUp,
    FundingApplication,
    Measure,
    MeasureFollowUp,
    Plan,
    PlanGoal,
    PlanVote,
    ResourceAssignment,
    Survey,
    UnitActionPlan,
)


class VersionedForm(forms.ModelForm):
    """A form for an editable model: posts the version it was loaded at, so the service can refuse
    a stale save (somebody else saved in between) without losing what this user typed."""

    version = formfields.VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


class PlanCreateForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["year", "title", "introduction"]


class PlanForm(VersionedForm):
    class Meta:
        model = Plan
        fields = ["title", "introduction"]


class GoalForm(forms.ModelForm):
    class Meta:
        model = PlanGoal
        fields = ["title", "description"]


class ActivityForm(VersionedForm):
    class Meta:
        model = Activity
        fields = ["title", "area", "description", "goal", "responsible_organisation", "responsible_person",
                  "budget", "proposals", "sort_order"]
        formfield_callback = formfields.callback
        widgets = {"description": forms.Textarea(attrs={"rows": 4}), "goal": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = self.fields["area"].queryset.filter(active=True)
        self.fields["responsible_organisation"].queryset = Organisation.objects.order_by("sort_order")
        self.fields["responsible_person"].queryset = people()
        self.fields["responsible_person"].label_from_instance = person_label
        self.fields["proposals"].queryset = Proposal.objects.filter(status="forwarded").order_by("-created_at")
        self.fields["proposals"].required = False

    def clean(self):
        data = super().clean()
        person_of(self, "responsible_person", data.get("responsible_organisation"))
        return data

    def service_fields(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k not in ("version", "proposals")}
        return data


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = ResourceAssignment
        fields = ["organisation", "person", "role", "share", "salary_cost", "social_fee_rate"]
        formfield_callback = formfields.callback

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("sort_order")
        self.fields["person"].queryset = people()
        self.fields["person"].label_from_instance = person_label

    def clean(self):
        data = super().clean()
        person_of(self, "person", data.get("organisation"))
        return data


class ConsultationOpenForm(forms.Form):
    deadline = forms.DateField(label=_("Answers due by"), widget=DateInput())


class ConsultationAnswerForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Answer for"), queryset=Organisation.objects.none())
    position = forms.ChoiceField(label=pgettext_lazy("consultation answer", "Position"), choices=ConsultationAnswer.Position.choices,
                                 widget=forms.RadioSelect)
    comments = forms.CharField(label=_("Comments"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]).order_by("sort_order")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=PlanVote.Choice.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False, max_length=500)


class LightForm(VersionedForm):
    """A quarterly follow-up with its traffic light (radio buttons: the word beside each) and the
    analysis the model requires at risk or off track. A new quarter's follow-up posts version 0, so
    a second editor who opened it before the first one saved is shown the conflict, not overwriting.
    A light left out of the post (a radio group with one checked always sends one) keeps the saved."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["light"].required = False
        if not self.instance.pk and not self.is_bound:
            self.initial["version"] = 0

    def clean_light(self):
        return self.cleaned_data.get("light") or self.instance.light


LIGHT_WIDGETS = {"light": forms.RadioSelect, "analysis": forms.Textarea(attrs={"rows": 2})}


class FollowUpForm(LightForm):
    class Meta:
        model = FollowUp
        fields = ["status", "comment", "spent_to_date", "forecast", "light", "analysis"]
        formfield_callback = formfields.callback
        widgets = {"comment": forms.Textarea(attrs={"rows": 3}), **LIGHT_WIDGETS}


class MeasureFollowUpForm(LightForm):
    class Meta:
        model = MeasureFollowUp
        fields = ["light", "analysis"]
        widgets = LIGHT_WIDGETS


class ProjectProposeForm(forms.ModelForm):
    class Meta:
        model = DevelopmentProject
        fields = ["title", "description"]


class ProjectForm(VersionedForm):
    class Meta:
        model = DevelopmentProject
        fields = ["title", "description", "status", "plan", "outcome"]

    def __init__(self, *args, manage: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not manage:
            for name in ("status", "plan", "outcome"):
                del self.fields[name]
        elif self.instance.pk:
            # The current status and what the steering group may set from it; the funding states
            # follow from the directors' decision only.
            current = self.instance.status
            allowed = {current, *self.instance.manual_moves()}
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] in allowed]


class FundingApplicationForm(forms.ModelForm):
    class Meta:
        model = FundingApplication
        fields = ["amount", "motivation"]
        formfield_callback = formfields.callback


class FundingDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), widget=forms.RadioSelect,
        choices=[c for c in FundingApplication.Decision.choices if c[0] != FundingApplication.Decision.PENDING],
    )
    granted_amount = formfields.DecimalField(label=_("Amount granted (SEK)"), required=False, max_digits=14,
                                             decimal_places=2, min_value=0)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ParticipantForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"),
                                          queryset=Organisation.objects.order_by("sort_order"))
    person = PersonChoiceField(label=_("Person"), required=False)
    role = forms.CharField(label=_("Role"), required=False, max_length=200)
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("Until"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        person_of(self, "person", data.get("organisation"))
        return data


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=250)
    due = forms.DateField(label=_("Due"), widget=DateInput())


class UnitPlanCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in organisations]).order_by("sort_order")
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


class UnitPlanForm(VersionedForm):
    class Meta:
        model = UnitActionPlan
        fields = ["summary", "goals"]
        widgets = {"goals": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goals"].queryset = PlanGoal.objects.filter(plan_id=self.instance.plan_id or -1)


class MeasureForm(VersionedForm):
    class Meta:
        model = Measure
        fields = ["title", "goal", "planned_effect", "status", "reported_effect"]
        widgets = {"planned_effect": forms.Textarea(attrs={"rows": 2}),
                   "reported_effect": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, unit_plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = PlanGoal.objects.filter(plan_id=unit_plan.plan_id or -1)


class SurveyForm(VersionedForm):
    class Meta:
        model = Survey
        fields = ["title", "conducted_on", "followed_up", "follow_up_notes"]
        labels = {"title": _("Survey"), "conducted_on": _("Conducted"), "followed_up": _("Followed up"),
                  "follow_up_notes": _("Follow-up notes")}
        widgets = {"conducted_on": DateInput(), "follow_up_notes": forms.Textarea(attrs={"rows": 2})}


class ActionLinkForm(forms.Form):
    """An open action from the minutes, linked to the activity it carries out."""

    action_item = forms.ModelChoiceField(label=_("Action from the minutes"), queryset=None)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action_item"].queryset = actions
        self.fields["action_item"].label_from_instance = lambda a: f"{a.title} ({a.owner}, {a.due:%Y-%m-%d})"
