"""Invoices, the invoicing parties and internal settlements."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from governance.money import format_kronor
from governance.people.models import Organisation
from governance.texts import StoredText
from governance.workflow import Workflow

from ..identifiers import validate_bankgiro, validate_organisation_number
from .budgets import Budget  # noqa: F401
from .common import ZERO, money  # noqa: F401
from .proposals import FeeDecision, FeeProposal, FeeShare  # noqa: F401


class Invoice(models.Model):
    """An invoice (or a credit note) from the system owner to one fee payer. Never deleted: a
    mistake is cancelled by a credit note."""

    class Kind(models.TextChoices):
        INVOICE = "invoice", _("Invoice")
        CREDIT_NOTE = "credit_note", _("Credit note")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENT = "sent", _("Sent")
        PAID = "paid", _("Paid")
        OVERDUE = "overdue", _("Overdue")
        CREDITED = "credited", _("Credited")

    # A credit note is made sent; an invoice is credited in full whatever it has come to.
    WORKFLOW = Workflow({
        Status.DRAFT: (Status.SENT, Status.CREDITED),
        Status.SENT: (Status.PAID, Status.OVERDUE, Status.CREDITED),
        Status.OVERDUE: (Status.PAID, Status.CREDITED),
        Status.PAID: (Status.CREDITED,),
    })

    OPEN_STATUSES = (Status.SENT, Status.OVERDUE)

    number = models.CharField(_("invoice number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.INVOICE)
    decision = models.ForeignKey(FeeDecision, verbose_name=_("fee decision"), on_delete=models.PROTECT,
                                 related_name="invoices")
    organisation = models.ForeignKey(Organisation, verbose_name=_("customer"), on_delete=models.PROTECT,
                                     related_name="fee_invoices")
    issuer = models.ForeignKey(Organisation, verbose_name=_("issuer"), on_delete=models.PROTECT,
                               related_name="issued_fee_invoices")
    amount = money(_("amount"))
    issue_date = models.DateField(_("invoice date"))
    due_date = models.DateField(_("due date"))
    # The reference as a stored text (governance.texts), shown by reference_text in the reader's
    # language; `reference` keeps it in the default language (and is what invoices made before show).
    reference = models.CharField(_("reference"), max_length=200)
    reference_message = models.JSONField(_("reference (message)"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    credits = models.OneToOneField(
        "self", verbose_name=_("credits invoice"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="credit_note",
    )
    credit_reason = models.TextField(_("reason for the credit"), blank=True)
    # Set when the portal itself gives the reason (a corrected decision); a person's reason is the text.
    credit_reason_message = models.JSONField(_("reason for the credit (message)"), null=True, blank=True,
                                             editable=False)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    # The issuer's and the customer's invoicing details as they were when the invoice was sent (a
    # credit note: when it was issued), so a later change of address never changes a sent invoice
    # (fees.invoicing.snapshot); empty on a draft, which shows the details as they are.
    parties = models.JSONField(_("invoicing details as sent"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-year", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="fees_invoice_sequence_unique"),
            models.CheckConstraint(
                condition=Q(kind="invoice", credits__isnull=True) | Q(kind="credit_note", credits__isnull=False),
                name="fees_credit_note_credits_an_invoice",
            ),
        ]

    reference_text = StoredText("reference")
    credit_reason_text = StoredText("credit_reason")

    def __str__(self):
        return f"{self.number} {self.organisation.short_name}"

    def get_absolute_url(self):
        return reverse("fees:invoice_detail", kwargs={"pk": self.pk})

    def is_overdue_on(self, day) -> bool:
        return self.kind == self.Kind.INVOICE and self.status in self.OPEN_STATUSES and self.due_date < day

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Invoices are never deleted: issue a credit note instead."))


# The VAT treatment of the fee between two Swedish state agencies (docs/invoicing-vat.md): outside
# the scope of VAT, Peppol/EN 16931 category O with its exemption reason code and text.
VAT_EXEMPTION_CODE = "VATEX-EU-O"
VAT_EXEMPTION_REASON = ("Ej föremål för mervärdesskatt: avgift mellan statliga myndigheter, "
                        "som är delar av samma juridiska person (staten)")


class InvoicingParty(models.Model):
    """What an invoice needs to know about an organisation: as a customer (organisation number,
    address, the reference its finance department asks for) and as the issuer, when it is the
    year's system owner (bankgiro, payment terms, the VAT treatment). Reference data, kept in the
    admin; an invoice whose party lacks a required detail cannot be sent (fees.invoicing)."""

    class VatCategory(models.TextChoices):
        NOT_SUBJECT = "O", _("Not subject to VAT (O): a fee between Swedish state agencies")

    organisation = models.OneToOneField(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                        related_name="invoicing")
    legal_name = models.CharField(
        _("legal name"), max_length=200, blank=True,
        help_text=_("The name the invoice is made out to; blank: the organisation's name."),
    )
    organisation_number = models.CharField(
        _("organisation number"), max_length=11, blank=True, validators=[validate_organisation_number],
        help_text=_("NNNNNN-NNNN. Also the Peppol participant id (scheme 0007) the e-invoice is sent to."),
    )
    number_source = models.CharField(
        _("source of the organisation number"), max_length=300, blank=True,
        help_text=_("Where the number was confirmed (for example the agency's invoicing page). "
                    "DEMO marks the demo's made-up numbers."),
    )
    street = models.CharField(_("invoice address"), max_length=200, blank=True,
                              help_text=_("Street or box, as the finance department wants invoices addressed."))
    additional_street = models.CharField(_("address line 2"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country code"), max_length=2, default="SE")
    buyer_reference = models.CharField(
        _("buyer reference"), max_length=100, blank=True,
        help_text=_("The reference the organisation's finance department asks for on invoices to it "
                    "(Peppol BT-10): without it the invoice cannot be sent."),
    )
    contact_email = models.EmailField(_("invoicing contact e-mail"), blank=True)
    bankgiro = models.CharField(
        _("bankgiro"), max_length=9, blank=True, validators=[validate_bankgiro],
        help_text=_("As the issuer: the bankgiro the fee is paid to (NNN-NNNN or NNNN-NNNN)."),
    )
    payment_days = models.PositiveSmallIntegerField(
        _("payment terms (days)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("As the issuer: days from the invoice date to the due date (30 within the state)."),
    )
    vat_category = models.CharField(_("VAT treatment"), max_length=2, choices=VatCategory.choices,
                                    default=VatCategory.NOT_SUBJECT)
    vat_exemption_code = models.CharField(_("VAT exemption reason code"), max_length=30,
                                          default=VAT_EXEMPTION_CODE)
    vat_exemption_reason = models.CharField(
        _("VAT exemption reason"), max_length=300, default=VAT_EXEMPTION_REASON,
        help_text=_("Printed on the invoice and sent in the e-invoice (Peppol BT-120)."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("invoicing details")
        verbose_name_plural = _("invoicing details")
        ordering = ["organisation__sort_order", "organisation__code"]

    def __str__(self):
        return str(self.organisation)

    def save(self, *args, **kwargs):
        from ..identifiers import digits_of

        # Stored as digits; shown as NNNNNN-NNNN and NNNN-NNNN.
        self.organisation_number = digits_of(self.organisation_number)
        self.bankgiro = digits_of(self.bankgiro)
        self.country = (self.country or "").upper()
        super().save(*args, **kwargs)


class InternalSettlement(models.Model):
    """The system owner's own share of a decided fee: settled inside its own accounts, never an
    invoice to itself (an agency does not invoice itself)."""

    decision = models.OneToOneField(FeeDecision, verbose_name=_("fee decision"), on_delete=models.PROTECT,
                                    related_name="internal_settlement")
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                     related_name="+")
    amount = money(_("share"))
    recorded_on = models.DateField(_("recorded on"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("internally settled share")
        verbose_name_plural = _("internally settled shares")
        ordering = ["-decision__year", "-decision__version"]

    def __str__(self):
        return f"{self.decision}: {self.organisation.code} {format_kronor(self.amount)}"
