"""Archive copies (issue 16): adopted plans, published minutes, decisions and G7 reports download
as PDF/A-2a. veraPDF, the reference validator, is not installable here (not on PyPI, npm or in
Debian), so these tests check what PDF/A-2a requires that can be read from the file (with pikepdf):
the PDF/A identification in the XMP metadata (part 2, conformance A), a document title and the
language, a marked (tagged) structure tree for screen readers, every font embedded, no encryption
and no JavaScript."""
from __future__ import annotations

import io

import pikepdf
import pytest
from django.urls import reverse

from annualplan.models import Plan
from governance.meetings.models import Minutes
from governance.records.models import Decision
from governance.reports.models import G7Report

pytestmark = pytest.mark.usefixtures("demo", "db")


def check_pdf_a(data: bytes, title_part: str, language: str = "sv") -> None:
    assert data.startswith(b"%PDF-")
    pdf = pikepdf.open(io.BytesIO(data))
    assert not pdf.is_encrypted
    meta = pdf.open_metadata()
    assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance")) == ("2", "A")
    assert title_part in str(meta.get("dc:title"))
    assert str(pdf.Root.get("/Lang")) == language
    assert bool(pdf.Root.MarkInfo.Marked) and "/StructTreeRoot" in pdf.Root, "tagged for screen readers"
    assert "/Encrypt" not in pdf.trailer
    names = pdf.Root.get("/Names")
    assert names is None or "/JavaScript" not in names, "no scripts"
    assert "/OpenAction" not in pdf.Root or "/JS" not in pdf.Root.OpenAction
    fonts = 0
    for page in pdf.pages:
        for _name, font in (page.Resources.get("/Font") or {}).items():
            descriptor = font.get("/FontDescriptor") or font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), "font embedded"
            fonts += 1
    assert fonts


def download(client, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf", response.status_code
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_a_decision_as_an_archive_copy(login):
    decision = Decision.objects.filter(kind=Decision.Kind.FEE).order_by("pk").first()
    check_pdf_a(download(login("communicator"), reverse("governance:decision_archive", args=[decision.pk])),
                decision.number)
    assert reverse("governance:decision_archive", args=[decision.pk]) in login("communicator").get(
        decision.get_absolute_url()).content.decode()


def test_published_minutes_as_an_archive_copy_and_a_draft_has_none(login):
    published = Minutes.objects.filter(status=Minutes.Status.PUBLISHED).order_by("pk").first()
    check_pdf_a(download(login("communicator"), reverse("governance:minutes_archive", args=[published.pk])),
                published.meeting.title)
    draft = Minutes.objects.filter(status=Minutes.Status.DRAFT).first()
    assert login("chair").get(reverse("governance:minutes_archive", args=[draft.pk])).status_code == 404


def test_an_adopted_plan_as_an_archive_copy_in_english_too(login):
    plan = Plan.objects.filter(adopted_at__isnull=False).order_by("year").first()
    client = login("communicator")
    check_pdf_a(download(client, reverse("annualplan:plan_archive", args=[plan.year])), plan.title)
    client.cookies["django_language"] = "en"
    check_pdf_a(download(client, reverse("annualplan:plan_archive", args=[plan.year])), plan.title, "en")
    draft = Plan.objects.filter(adopted_at__isnull=True).first()
    assert client.get(reverse("annualplan:plan_archive", args=[draft.year])).status_code == 404


def test_a_g7_report_as_an_archive_copy(login):
    report = G7Report.objects.order_by("-period_end").first()
    check_pdf_a(download(login("g7"), reverse("governance:g7_report_archive", args=[report.pk])), "G7")
