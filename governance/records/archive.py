"""Archive copies (arkivexemplar): a record as a tagged PDF/A-2a file — fonts embedded, XMP
metadata with title, author and language, no scripts, no encryption, a structure tree for screen
readers — written by WeasyPrint from a plain HTML page. For adopted plans, published minutes,
decisions and G7 reports; their pages link to the download."""
from __future__ import annotations

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

PDF_VARIANT = "pdf/a-2a"


def archive_pdf(template: str, context: dict, *, title: str) -> bytes:
    from weasyprint import HTML  # loads Pango: only when an archive copy is made

    html = render_to_string(template, {**context, "title": title, "made": timezone.localtime(),
                                       "language": (get_language() or "sv")[:2]})
    return HTML(string=html).write_pdf(pdf_variant=PDF_VARIANT)


def archive_response(template: str, context: dict, *, title: str, filename: str) -> HttpResponse:
    response = HttpResponse(archive_pdf(template, context, title=title), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
