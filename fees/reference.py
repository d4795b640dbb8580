"""Reference data: one row of invoicing details (InvoicingParty) per fee payer and county board,
with the organisation numbers that could be confirmed from a public source. Everything else — the
other organisation numbers, the invoice addresses, each organisation's buyer reference and the
system owner's bankgiro — is filled in the admin before the first real invoicing (README,
"Invoicing"): an invoice whose party lacks one of them cannot be sent. The demo fills them with
made-up values marked DEMO (fees/demo.py), never here.

Vattenmyndigheterna is not a legal person of its own: each of the five water authorities is part
of a county administrative board, so its organisation number is its host board's (which one pays
the fee is for the boards' finance departments to say; docs/invoicing-vat.md)."""

# code: (organisation number, where it was confirmed)
CONFIRMED_NUMBERS = {
    "S": ("2021002395", "lansstyrelsen.se/varmland, Om oss › Kontakta oss › Fakturering "
                        "(organisationsnummer 202100-2395, Peppol 0007:2021002395)"),
    "Z": ("2021002452", "Länsstyrelsen i Jämtlands län's VAT number SE202100245201 as its Eldrimner centre "
                        "publishes it (eldrimner.com, Fakturering): confirm with the board"),
}


def load(apps):
    Organisation = apps.get_model("governance", "Organisation")
    InvoicingParty = apps.get_model("fees", "InvoicingParty")
    for org in Organisation.objects.filter(kind__in=["county_board", "water_authority"]):
        party, _created = InvoicingParty.objects.get_or_create(organisation=org)
        number, source = CONFIRMED_NUMBERS.get(org.code, ("", ""))
        if number and not party.organisation_number:  # an administrator's entry is kept
            party.organisation_number, party.number_source = number, source
            party.save(update_fields=["organisation_number", "number_source"])
