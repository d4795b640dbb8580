"""Write invoices and credit notes as Peppol BIS Billing 3.0 UBL (fees.ubl).

    manage.py invoice_ubl 2026-007                 one document to standard output
    manage.py invoice_ubl --year 2026 --out DIR    every document of the year, one file each

A document whose party lacks a detail a real invoice needs is not written; the command names the
organisation and the missing details and exits with an error after writing the others."""
from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from fees import invoicing, selectors, ubl
from fees.models import Invoice


class Command(BaseCommand):
    help = ("Write an invoice or credit note as Peppol BIS Billing 3.0 UBL to standard output (NUMBER), "
            "or every document of a year into a folder (--year YEAR --out DIR).")

    def add_arguments(self, parser):
        parser.add_argument("number", nargs="?", help="the invoice or credit note number, e.g. 2026-007")
        parser.add_argument("--year", type=int, help="every invoice and credit note of the year")
        parser.add_argument("--out", help="the folder the year's documents are written to (made if missing)")

    def handle(self, *args, number=None, year=None, out=None, **options):
        if bool(number) == bool(year):
            raise CommandError("Give either an invoice NUMBER, or --year YEAR --out DIR.")
        if number:
            invoice = selectors.invoices().filter(number=number).first()
            if invoice is None:
                raise CommandError(f"No invoice or credit note numbered {number}.")
            try:
                data = ubl.invoice_ubl(invoice)
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            self.stdout.write(data.decode("utf-8"), ending="")
            return
        if not out:
            raise CommandError("--year needs --out DIR, the folder to write the documents to.")
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        documents = selectors.invoices(year=year).select_related(
            "organisation__invoicing", "issuer__invoicing", "decision").order_by("sequence")
        written, credit_notes, refused = 0, 0, []
        for invoice in documents:
            try:
                data = ubl.invoice_ubl(invoice)
            except ValidationError as exc:
                refused.append(f"{invoice.number}: {' '.join(exc.messages)}")
                continue
            (folder / invoicing.filename(invoice, "xml")).write_bytes(data)
            written += 1
            credit_notes += invoice.kind == Invoice.Kind.CREDIT_NOTE
        self.stderr.write(f"{written} documents written to {folder} ({credit_notes} of them credit notes).")
        if refused:
            raise CommandError("Not written:\n" + "\n".join(refused))
