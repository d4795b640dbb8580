from __future__ import annotations

import codecs
from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.csvfiles import LARGEST
from governance.formfields import DecimalField, VersionField
from governance.people.models import Organisation
from governance.widgets import DateInput, DecimalInput

from .models import BudgetLine, FeeProposal

MAX_UPLOAD = 1024 * 1024
SMALL_NUMBER = DecimalInput(attrs={"class": "form-control form-control-sm"})


def money_field(label, required=True, **kwargs):
    return DecimalField(label=label, max_digits=14, decimal_places=2, required=required, **kwargs)


class WholeKronorField(DecimalField):
    """An amount in whole kronor. The amount is stored with öre (62000.00) and shown without them
    (62000); trailing zero öre typed are accepted as whole kronor ("62000,00"), other öre refused."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=14, decimal_places=0, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value is not None and value.is_finite() and value == value.to_integral_value():
            try:
                value = value.quantize(Decimal(1))
            except InvalidOperation:  # more digits than a Decimal holds: max_digits refuses it
                pass
        return value

    def prepare_value(self, value):
        if isinstance(value, Decimal) and value.is_finite() and abs(value) < LARGEST and value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value


class BudgetCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class BudgetForm(forms.Form):
    version = VersionField()
    carry_over = money_field(_("Opening balance (surplus from last year)"),
                             help_text=_("A surplus lowers the fee; a deficit (negative) raises it."))
    other_income = money_field(_("Other income"), min_value=Decimal("0"))
    development_funds = money_field(_("Development funds (not fee-funded)"), min_value=Decimal("0"))
    system_owner = forms.ModelChoiceField(
        label=_("System owner (issues the invoices)"),
        queryset=Organisation.objects.filter(kind=Organisation.Kind.COUNTY_BOARD).order_by("sort_order"),
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, can_change_owner: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_change_owner:
            # The chair carries the budget and decides who issues the invoices; others see it.
            field = self.fields["system_owner"]
            field.disabled = True
            field.help_text = _("Only the steering group's chair changes the system owner.")


class BudgetLineForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "---------"), *BudgetLine.Category.choices],
                                 widget=forms.Select(attrs={"class": "form-select"}))
    description = forms.CharField(label=_("Description"), max_length=200, required=False,
                                  widget=forms.TextInput(attrs={"class": "form-control"}))
    amount = money_field(_("Amount (kr)"), min_value=Decimal("0"), widget=DecimalInput(attrs={"class": "form-control"}))


BudgetLineFormSet = forms.formset_factory(BudgetLineForm, extra=2, can_delete=True)


class ProposalForm(forms.Form):
    """The total's adjustment and the key: one weight and one optional fixed amount per payer."""

    version = VersionField()
    method = forms.ChoiceField(label=_("Allocation key (for what is not a fixed amount)"),
                               choices=FeeProposal.Method.choices, widget=forms.RadioSelect)
    adjustment = WholeKronorField(label=_("Adjustment of the total (kr)"), initial=0,
                                  help_text=_("Whole kronor; negative lowers the fee."))
    motivation = forms.CharField(label=_("Motivation for the adjustment"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    weight_label = forms.CharField(label=_("What the weights measure"), required=False, max_length=100)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisations = list(organisations)
        for org in self.organisations:
            self.fields[f"weight_{org.code}"] = DecimalField(
                label=_("Weight, %(org)s") % {"org": org.short_name}, max_digits=14, decimal_places=2,
                required=False, min_value=Decimal("0"), widget=SMALL_NUMBER,
            )
            self.fields[f"fixed_{org.code}"] = WholeKronorField(
                label=_("Fixed amount, %(org)s") % {"org": org.short_name}, required=False,
                min_value=Decimal("0"), widget=SMALL_NUMBER,
            )

    def clean(self):
        data = super().clean()
        if data.get("method") == FeeProposal.Method.WEIGHTS:
            missing = [o.short_name for o in self.organisations
                       if data.get(f"fixed_{o.code}") is None and data.get(f"weight_{o.code}") is None]
            if missing:
                raise forms.ValidationError(
                    _("The key leaves out %(orgs)s: give every organisation a weight or a fixed amount.")
                    % {"orgs": ", ".join(missing)}
                )
        return data

    def rows(self):
        """(organisation, weight field, fixed field) for the template's table."""
        return [(o, self[f"weight_{o.code}"], self[f"fixed_{o.code}"]) for o in self.organisations]

    def entries(self):
        return [(o, self.cleaned_data.get(f"weight_{o.code}"), self.cleaned_data.get(f"fixed_{o.code}"))
                for o in self.organisations]


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is too large (at most 1 MB)."))
        raw = f.read()
        # Excel's "Unicode text" is UTF-16 with a byte order mark; else UTF-8 (with or without one),
        # else Windows' own encoding. A NUL is in no text file (and no database column takes one).
        encodings = ("utf-16",) if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else ("utf-8-sig", "cp1252")
        for encoding in encodings:
            try:
                text = raw.decode(encoding)
            except UnicodeDecodeError:
                continue
            if "\x00" not in text:
                return text
        raise forms.ValidationError(_("The file is not a readable text (CSV) file."))


class DecideForm(forms.Form):
    decided_on = forms.DateField(label=_("Decided on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason for the correction"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Needed when the year's fee is already decided."))


class InvoiceGenerateForm(forms.Form):
    issue_date = forms.DateField(label=_("Invoice date"), widget=DateInput())
    payment_days = forms.IntegerField(label=_("Days to pay"), min_value=1, max_value=120, initial=30)


class PaidForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())


class CreditForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the credit note"), widget=forms.Textarea(attrs={"rows": 2}))


class FollowUpForm(forms.Form):
    """Outcome per line and quarter and a forecast per line, as a grid."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for row in self.lines:
            line = row.line
            for q in (1, 2, 3, 4):
                self.fields[f"q{q}_{line.pk}"] = money_field(
                    _("%(line)s, quarter %(q)s") % {"line": line, "q": q}, required=False,
                    initial=row.quarters[q - 1], widget=SMALL_NUMBER,
                )
            self.fields[f"forecast_{line.pk}"] = money_field(
                _("%(line)s, forecast") % {"line": line}, required=False, initial=row.forecast,
                widget=SMALL_NUMBER,
            )

    def grid(self):
        return [(row.line, [self[f"q{q}_{row.line.pk}"] for q in (1, 2, 3, 4)], self[f"forecast_{row.line.pk}"])
                for row in self.lines]

    def outcomes(self):
        return {row.line.pk: {q: self.cleaned_data.get(f"q{q}_{row.line.pk}") for q in (1, 2, 3, 4)}
                for row in self.lines}

    def forecasts(self):
        return {row.line.pk: self.cleaned_data.get(f"forecast_{row.line.pk}") for row in self.lines}
