"""The printable invoice or credit note as a PDF (fpdf2, core fonts, as the plan and the G7 report):
the same content as the e-invoice (fees.ubl) and the printable page, from one InvoiceDocument, in
the reader's language. One A4 page: the issuer and the document's number at the top, the customer's
address where a window envelope shows it, the facts a finance department books by, the one line,
the totals with the VAT treatment, the payment slip (bankgiro, OCR, amount, due date) and the
issuer's details in the footer."""
from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from fpdf import FPDF

from governance.money import format_number
from governance.reports.pdf import latin1

from .invoicing import InvoiceDocument

INK = (33, 37, 41)
MUTED = (108, 117, 125)
RULE = (180, 180, 180)
ACCENT = (31, 78, 121)
WARN = (176, 0, 32)


def _date(value) -> str:
    return date_format(value, "Y-m-d") if value else ""


def _kr(value) -> str:
    return f"{format_number(value, 2)} kr"


class _InvoicePDF(FPDF):
    footer_lines: list[str] = []

    def footer(self):
        self.set_y(-22)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(1.5)
        self.set_font("Helvetica", "", 7.5)
        self.set_text_color(*MUTED)
        for line in self.footer_lines:
            self.cell(0, 3.8, latin1(line), align="C", new_x="LMARGIN", new_y="NEXT")


def _facts(pdf: FPDF, x: float, y: float, w: float, rows: list[tuple[str, str]]) -> float:
    pdf.set_xy(x, y)
    for label, value in rows:
        pdf.set_x(x)
        pdf.set_font("Helvetica", "", 8.5)
        pdf.set_text_color(*MUTED)
        pdf.cell(w * 0.45, 5, latin1(label))
        pdf.set_font("Helvetica", "B", 9)
        pdf.set_text_color(*INK)
        pdf.cell(w * 0.55, 5, latin1(value), new_x="LMARGIN", new_y="NEXT")
    return pdf.get_y()


def invoice_pdf(doc: InvoiceDocument) -> bytes:
    issuer, customer = doc.issuer, doc.customer
    pdf = _InvoicePDF(format="A4")
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=26)
    title = f"{doc.title} {doc.number}"
    pdf.set_title(latin1(title))
    pdf.set_author(latin1(issuer.name))
    pdf.footer_lines = [
        f"{issuer.name} · {issuer.street}{', ' + issuer.additional_street if issuer.additional_street else ''}"
        f" · {issuer.postal_code} {issuer.city}",
        " · ".join(p for p in [
            f"{_('Org. no.')} {issuer.organisation_number_display}",
            f"{_('Peppol ID')} {issuer.peppol_id}",
            f"{_('Bankgiro')} {issuer.bankgiro_display}" if issuer.bankgiro else "",
            issuer.contact_email,
        ] if p),
    ]
    pdf.add_page()
    width = pdf.epw
    if issuer.is_demo_number or customer.is_demo_number:
        pdf.set_font("Helvetica", "B", 8.5)
        pdf.set_text_color(*WARN)
        pdf.cell(0, 5, latin1(_("DEMO: made-up organisation numbers, addresses and bankgiro. Not a real invoice.")),
                 new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y()
    # The issuer (left) and the document (right).
    pdf.set_text_color(*ACCENT)
    pdf.set_font("Helvetica", "B", 13)
    pdf.multi_cell(width * 0.55, 6, latin1(issuer.name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", "", 9)
    for line in (issuer.street, issuer.additional_street, f"{issuer.postal_code} {issuer.city}"):
        if line.strip():
            pdf.cell(width * 0.55, 4.5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    left_bottom = pdf.get_y()
    pdf.set_xy(pdf.l_margin + width * 0.55, top)
    pdf.set_font("Helvetica", "B", 20)
    pdf.cell(width * 0.45, 10, latin1(doc.title.upper()), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + width * 0.55)
    pdf.set_font("Helvetica", "", 10)
    pdf.cell(width * 0.45, 6, latin1(f"{_('No.')} {doc.number}"), align="R", new_x="LMARGIN", new_y="NEXT")

    # The customer's address (window envelope position) and the facts.
    y = max(left_bottom, pdf.get_y()) + 12
    pdf.set_xy(pdf.l_margin, y)
    pdf.set_font("Helvetica", "", 8)
    pdf.set_text_color(*MUTED)
    pdf.cell(width * 0.5, 4.5, latin1(_("Invoice to")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    pdf.set_font("Helvetica", "B", 10.5)
    pdf.multi_cell(width * 0.5, 5.5, latin1(customer.name), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    for line in (customer.street, customer.additional_street, f"{customer.postal_code} {customer.city}"):
        if line.strip():
            pdf.cell(width * 0.5, 5, latin1(line), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.cell(width * 0.5, 5, latin1(f"{_('Org. no.')} {customer.organisation_number_display} · "
                                    f"{_('Peppol ID')} {customer.peppol_id}"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    customer_bottom = pdf.get_y()
    facts = [
        (_("Invoice date"), _date(doc.issue_date)),
        *([(_("Due date"), _date(doc.due_date))] if doc.due_date else []),
        (_("Your reference"), customer.buyer_reference),
        (_("Period"), f"{_date(doc.period_start)} – {_date(doc.period_end)}"),
        *([(_("OCR reference"), doc.ocr)] if doc.ocr else []),
        *([(_("Payment terms"), doc.payment_terms)] if doc.payment_terms else []),
        *([(_("Credits invoice"), f"{doc.credits_number} ({_date(doc.credits_date)})")] if doc.is_credit_note else []),
    ]
    facts_bottom = _facts(pdf, pdf.l_margin + width * 0.55, y, width * 0.45, facts)

    # The line.
    pdf.set_y(max(customer_bottom, facts_bottom) + 10)
    col = [width * 0.62, width * 0.12, width * 0.26]
    pdf.set_font("Helvetica", "B", 9)
    pdf.set_fill_color(236, 240, 244)
    pdf.cell(col[0], 7, latin1(_("Description")), fill=True)
    pdf.cell(col[1], 7, latin1(_("Quantity")), fill=True, align="R")
    pdf.cell(col[2], 7, latin1(_("Amount")), fill=True, align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 9.5)
    y0 = pdf.get_y() + 1.5
    pdf.set_xy(pdf.l_margin, y0)
    pdf.multi_cell(col[0], 5, latin1(doc.description), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 8)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(col[0], 4.2, latin1(doc.basis), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    line_bottom = pdf.get_y()
    pdf.set_font("Helvetica", "", 9.5)
    pdf.set_xy(pdf.l_margin + col[0], y0)
    pdf.cell(col[1], 5, "1", align="R")
    pdf.cell(col[2], 5, latin1(_kr(doc.amount)), align="R")
    pdf.set_y(line_bottom + 2)
    pdf.set_draw_color(*RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(3)

    # Totals.
    label_w, value_w = width * 0.3, width * 0.26
    x = pdf.l_margin + width - label_w - value_w
    for label, value, bold in (
        (_("Amount excluding VAT"), _kr(doc.amount), False),
        (_("VAT (not subject to VAT)"), _kr(0), False),
        (_("Amount credited") if doc.is_credit_note else _("Amount to pay"), _kr(doc.payable), True),
    ):
        pdf.set_x(x)
        pdf.set_font("Helvetica", "B" if bold else "", 10.5 if bold else 9.5)
        pdf.cell(label_w, 6, latin1(label))
        pdf.cell(value_w, 6, latin1(value), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.multi_cell(0, 4.5, latin1(f"{_('VAT')}: {issuer.vat_exemption_reason} "
                                  f"({_('category')} {issuer.vat_category}, {issuer.vat_exemption_code})"),
                   align="L", new_x="LMARGIN", new_y="NEXT")
    if doc.note:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 9)
        pdf.cell(0, 5, latin1(_("Reason for the credit")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        pdf.multi_cell(0, 4.8, latin1(doc.note), align="L", new_x="LMARGIN", new_y="NEXT")

    # The payment slip (an invoice) or what happens to the credit (a credit note).
    pdf.ln(6)
    box_y = pdf.get_y()
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    if doc.is_credit_note:
        text = _("Nothing to pay. The amount is set off against invoice %(number)s or paid back if that "
                 "invoice has been paid.") % {"number": doc.credits_number}
        pdf.set_xy(pdf.l_margin + 4, box_y + 4)
        pdf.set_font("Helvetica", "", 9.5)
        pdf.multi_cell(width - 8, 5, latin1(text), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.rect(pdf.l_margin, box_y, width, pdf.get_y() - box_y + 4)
    else:
        pdf.set_xy(pdf.l_margin + 4, box_y + 3)
        pdf.set_font("Helvetica", "B", 10)
        pdf.cell(0, 6, latin1(_("Payment")), new_x="LMARGIN", new_y="NEXT")
        cells = [(_("Bankgiro"), issuer.bankgiro_display), (_("OCR reference"), doc.ocr),
                 (_("Amount to pay"), _kr(doc.payable)), (_("Due date"), _date(doc.due_date))]
        cw = (width - 8) / len(cells)
        y = pdf.get_y() + 1
        for i, (label, value) in enumerate(cells):
            pdf.set_xy(pdf.l_margin + 4 + i * cw, y)
            pdf.set_font("Helvetica", "", 8)
            pdf.set_text_color(*MUTED)
            pdf.cell(cw, 4.5, latin1(label))
            pdf.set_xy(pdf.l_margin + 4 + i * cw, y + 4.5)
            pdf.set_font("Helvetica", "B", 11)
            pdf.set_text_color(*INK)
            pdf.cell(cw, 6.5, latin1(value))
        pdf.set_xy(pdf.l_margin + 4, y + 12)
        pdf.set_font("Helvetica", "", 8)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(width - 8, 4, latin1(_("Give the OCR reference when you pay, so the payment is matched to "
                                              "this invoice.")), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        pdf.rect(pdf.l_margin, box_y, width, pdf.get_y() - box_y + 3)
    pdf.set_line_width(0.2)
    return bytes(pdf.output())
