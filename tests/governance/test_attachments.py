"""Attachments: type from the content (not the name, not the browser), a size limit, random names
under MEDIA_ROOT, and downloads only through a view that checks who may see the meeting."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.bodies.models import Membership
from governance.meetings.models import Meeting, MeetingAttachment
from governance.meetings.services import attachment_add
from tests.governance.factories import BodyFactory, MeetingFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.usefixtures("english")


def pdf_bytes(text: str = "Dagordning") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=text)
    return bytes(pdf.output())


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Budget"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return out.getvalue()


PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
       b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


@pytest.fixture
def meeting(db):
    body = BodyFactory()
    chair = UserFactory(username="att-chair")
    member = UserFactory(username="att-member")
    MembershipFactory(body=body, user=chair, position=Membership.Position.CHAIR)
    MembershipFactory(body=body, user=member)
    return MeetingFactory(body=body), chair, member


@pytest.mark.parametrize(
    ("content", "name", "mime", "stored_as"),
    [
        (pdf_bytes, "Dagordning.pdf", "application/pdf", "Dagordning.pdf"),
        (xlsx_bytes, "Budget 2027.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "Budget 2027.xlsx"),
        (docx_bytes, "Protokoll.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "Protokoll.docx"),
        # The name and the browser say PDF; the content is a PNG: it is stored and served as a PNG.
        (lambda: PNG, "bild.pdf", "image/png", "bild.png"),
    ],
)
def test_accepted_types_are_recognised_from_the_content(meeting, content, name, mime, stored_as):
    meeting, chair, _member = meeting
    upload = SimpleUploadedFile(name, content(), content_type="application/pdf")
    attachment = attachment_add(meeting=meeting, upload=upload, actor=chair)
    assert attachment.content_type == mime
    assert attachment.original_name == stored_as
    stored = Path(attachment.file.path)
    assert stored.is_relative_to(Path(django_settings.MEDIA_ROOT))
    assert stored.exists() and name.rsplit(".", 1)[0] not in stored.name  # a random name
    assert attachment.file.name.startswith("meetings/")


def test_an_html_file_renamed_pdf_is_refused(meeting):
    meeting, chair, _member = meeting
    upload = SimpleUploadedFile("dagordning.pdf", HTML, content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        attachment_add(meeting=meeting, upload=upload, actor=chair)
    assert "is not a file type we accept" in exc.value.messages[0]
    assert not MeetingAttachment.objects.exists()
    media = Path(django_settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_a_file_over_the_limit_is_refused(meeting, settings):
    meeting, chair, _member = meeting
    settings.ATTACHMENT_MAX_BYTES = 1024
    upload = SimpleUploadedFile("stor.pdf", pdf_bytes("x" * 10) + b"\0" * 2048, content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        attachment_add(meeting=meeting, upload=upload, actor=chair)
    assert exc.value.code == "too_large"
    assert "is too large" in exc.value.messages[0]
    assert not MeetingAttachment.objects.exists()


# --- Views (demo data) ---------------------------------------------------------------------------
def _meeting() -> Meeting:
    return Meeting.objects.get(title__startswith="Styrgruppsmöte: verksamhetsplanens uppföljning")


def test_upload_and_download_through_the_views(demo, db, login):
    meeting = _meeting()
    chair = login("chair")
    url = reverse("governance:attachment_upload", args=[meeting.pk])
    response = chair.post(url, {"file": SimpleUploadedFile("Budget.pdf", pdf_bytes(), "application/pdf")})
    assert response.status_code == 302
    attachment = meeting.attachments.get()
    download = login("steering").get(attachment.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert "Budget.pdf" in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_the_wrong_type_is_refused_on_the_form(demo, db, login):
    meeting = _meeting()
    response = login("chair").post(
        reverse("governance:attachment_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("agenda.pdf", HTML, "application/pdf")},
    )
    assert response.status_code == 200
    assert "is not a file type we accept" in response.content.decode()
    assert not meeting.attachments.exists()


def test_the_size_limit_is_enforced_on_the_form(demo, db, login, settings):
    settings.ATTACHMENT_MAX_BYTES = 2048
    meeting = _meeting()
    response = login("chair").post(
        reverse("governance:attachment_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("stor.pdf", pdf_bytes() + b"\0" * 4096, "application/pdf")},
    )
    assert response.status_code == 200
    assert "is too large" in response.content.decode()


def test_outsiders_cannot_download_or_upload(demo, db, login, client):
    meeting = _meeting()
    attachment = attachment_add(
        meeting=meeting, upload=SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf"), actor=None
    )
    for role in ("infochef", "communicator", "director"):
        assert login(role).get(attachment.get_absolute_url()).status_code == 403
    assert login("steering").post(
        reverse("governance:attachment_upload", args=[meeting.pk]),
        {"file": SimpleUploadedFile("b.pdf", pdf_bytes(), "application/pdf")},
    ).status_code == 403
    assert login("communicator").get(reverse("governance:attachment_download", args=[999999])).status_code == 404
    client.logout()
    assert client.get(attachment.get_absolute_url()).status_code == 302  # to the log-in page


def test_only_officers_delete_attachments(demo, db, login):
    meeting = _meeting()
    attachment = attachment_add(
        meeting=meeting, upload=SimpleUploadedFile("a.pdf", pdf_bytes(), "application/pdf"), actor=None
    )
    url = reverse("governance:attachment_delete", args=[attachment.pk])
    assert login("steering").post(url).status_code == 403
    assert login("chair").get(url).status_code == 405
    assert login("chair").post(url, {"confirmed": "1"}).status_code == 302
    assert not MeetingAttachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize("where", ["meeting", "feature request"])
def test_a_record_that_cannot_be_saved_leaves_no_file_behind(meeting, settings, monkeypatch, where):
    """The one attachment store (governance.uploads.store) removes the stored file when its record
    is refused, for every kind of attachment."""
    import governance.meetings.services as meeting_services
    import webadmin.services.requests as request_services
    from tests.webadmin.factories import FeatureRequestFactory

    def refuse(*args, **kwargs):
        raise RuntimeError("the database refused the row")

    media = settings.MEDIA_ROOT
    upload = SimpleUploadedFile("bilaga.pdf", pdf_bytes(), content_type="application/pdf")
    with pytest.raises(RuntimeError):
        if where == "meeting":
            monkeypatch.setattr(meeting_services, "audited_save", refuse)
            meeting_services.attachment_add(meeting=meeting[0], upload=upload, actor=None)
        else:
            request = FeatureRequestFactory()
            monkeypatch.setattr(request_services, "audited_save", refuse)
            request_services.attachment_add(request=request, upload=upload, actor=request.submitted_by)
    stored = [p for p in Path(media).rglob("*") if p.is_file()] if Path(media).exists() else []
    assert stored == []
