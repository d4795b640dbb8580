from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.bodies.models import Body
from governance.formfields import DecimalField, VersionField
from governance.people.forms import PeopleChoiceField, PersonChoiceField, people
from governance.people.models import User
from governance.widgets import DateInput

from .models import FeatureRequest, HandbookPage, Policy, Role, WebPlatform  # noqa: F401


class RoleAssignForm(forms.Form):
    role = forms.ModelChoiceField(label=_("Role"), queryset=Role.objects.exclude(code=Role.Code.PROCESS_OWNER))
    user = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    share = DecimalField(label=_("Share of full time"), min_value=Decimal("0"), max_value=Decimal("1"),
                               max_digits=4, decimal_places=2, initial=Decimal("0.25"),
                               help_text=_("E.g. 0.50 for half time."))
    salary_cost = DecimalField(
        label=_("Annual salary cost at full time (SEK)"), min_value=Decimal("0"), max_digits=14, decimal_places=2,
        initial=Decimal("0"),
        help_text=_("The person's salary for a whole year at full time, without social fees. 0 when the "
                    "organisation is not paid for the role (e.g. through another agreement)."),
        error_messages={"min_value": _("The salary cost cannot be negative.")},
    )
    social_fee_rate = DecimalField(
        label=_("Social fee rate"), min_value=Decimal("0"), max_value=Decimal("1"), max_digits=5, decimal_places=4,
        initial=Decimal("0.3142"), help_text=_("0.3142 is 31.42 %."),
        error_messages={"min_value": _("The social fee rate cannot be negative."),
                        "max_value": _("The social fee rate is a share of the salary: at most 1.")},
    )
    decided_on = forms.DateField(label=_("Decided by the steering group on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people()


class CompositionForm(forms.Form):
    """Five members besides the chair (the web development lead), each with the role they represent."""

    start = forms.DateField(label=_("Takes effect on"), widget=DateInput())
    decided_on = forms.DateField(label=_("Decided by the steering group on"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        qs = people()
        for i in range(1, 6):
            self.fields[f"member_{i}"] = PersonChoiceField(
                label=_("Member %(n)d") % {"n": i}, queryset=qs, required=False)
            self.fields[f"represents_{i}"] = forms.CharField(
                label=_("Member %(n)d represents") % {"n": i}, max_length=200, required=False)

    def members(self) -> list[tuple[User, str]]:
        out = []
        for i in range(1, 6):
            user = self.cleaned_data.get(f"member_{i}")
            if user is not None:
                out.append((user, self.cleaned_data.get(f"represents_{i}", "")))
        return out


class WorkingGroupForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[
        (Body.Kind.WORKING_GROUP, _("Working group")), (Body.Kind.REFERENCE_GROUP, _("Reference group"))])
    name = forms.CharField(label=_("Name"), max_length=200)
    purpose = forms.CharField(label=_("Purpose"), widget=forms.Textarea(attrs={"rows": 3}))
    leader = PersonChoiceField(label=_("Leader"), queryset=User.objects.none())
    members = PeopleChoiceField(label=_("Members"), queryset=User.objects.none(), required=False,
                                widget=forms.SelectMultiple(attrs={"size": 8}))
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("Until"), widget=DateInput(), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = people()
        self.fields["members"].queryset = people()


class StatusReportForm(forms.Form):
    text = forms.CharField(label=_("Status report"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
                           help_text=_("A few lines for the web development lead: progress, problems, next steps."))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class FeatureRequestForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    site = forms.ChoiceField(label=_("Which site"), choices=FeatureRequest.Site.choices, widget=forms.RadioSelect)
    problem = forms.CharField(label=_("The problem"), widget=forms.Textarea(attrs={"rows": 4}),
                              help_text=_("What does not work, or is missing, today?"))
    proposal = forms.CharField(label=_("Your proposal"), widget=forms.Textarea(attrs={"rows": 4}))
    affected = forms.CharField(label=_("Who is affected"), widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("E.g. visitors, web editors at every board, the support staff."))
    attachments = MultipleFileField(
        label=_("Attachments"), required=False,
        help_text=_("Optional: PDF, images or office documents."),
    )


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=())
    reason = forms.CharField(label=_("Reason (required when rejecting)"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = VersionField()

    def __init__(self, *args, request: FeatureRequest, **kwargs):
        kwargs.setdefault("initial", {"version": request.version})
        super().__init__(*args, **kwargs)
        # The page offers the allowed next steps; a posted form accepts any status, so the service
        # can refuse a step the workflow does not allow with the allowed ones named.
        self.fields["status"].choices = (
            FeatureRequest.Status.choices if self.is_bound else request.allowed_transition_choices()
        )


class SpecificationForm(forms.ModelForm):
    version = VersionField()

    class Meta:
        model = FeatureRequest
        fields = ["value", "effort", "requirement_specification", "test_result"]
        widgets = {
            "requirement_specification": forms.Textarea(attrs={"rows": 8}),
            "test_result": forms.Textarea(attrs={"rows": 4}),
        }


class PageForm(forms.ModelForm):
    version = VersionField(required=False)

    class Meta:
        model = HandbookPage
        fields = ["kind", "audience", "title", "slug", "body", "sort_order"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}
        help_texts = {
            "slug": _("Letters, digits and hyphens; the page's address."),
            "body": _("Markdown: # heading, **bold**, *italic*, - list, [text](https://…). HTML and scripts "
                      "are removed."),
        }


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the handbook and FAQ"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("Show"), required=False,
                             choices=[("", _("Handbook and FAQ")), *HandbookPage.Kind.choices])


class PolicyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Policy.Kind.choices)
    body = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 12}))
    decided_on = forms.DateField(label=_("Adopted by the steering group on"), widget=DateInput())


class PolicyVersionForm(forms.Form):
    body = forms.CharField(label=_("Text (Markdown)"), widget=forms.Textarea(attrs={"rows": 12}))
    decided_on = forms.DateField(label=_("Adopted by the steering group on"), widget=DateInput())


class PolicyReadingForm(forms.Form):
    """Whether a policy is to be read, by whom, and who follows up."""

    to_be_read = forms.BooleanField(label=_("To be read"), required=False,
                                    help_text=_("Ask the people it concerns to confirm that they have read and "
                                                "understood the current version."))
    audience = forms.ChoiceField(label=_("To be read by"), required=False,
                                 choices=[("", _("Nobody chosen")), *Policy.Audience.choices],
                                 help_text=_("Counted from the memberships of the day: who joins later is asked "
                                             "too, who leaves is no longer."))
    owner = PersonChoiceField(label=_("Owner"), queryset=User.objects.none(), required=False,
                              help_text=_("Follows up who has confirmed and reminds the others."))
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()


class ReadConfirmForm(forms.Form):
    """The button "Read and understood": the version the page showed."""

    number = forms.IntegerField(min_value=1, max_value=1_000_000, widget=forms.HiddenInput)


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), *FeatureRequest.Status.choices])


class AccessibilityFeedbackForm(forms.Form):
    message = forms.CharField(label=_("What did not work for you?"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 5}))
    page = forms.CharField(label=_("On which page (its address or name)?"), max_length=500, required=False)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    email = forms.EmailField(label=_("Your e-mail, if you want an answer"), required=False)
