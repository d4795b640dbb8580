"""Demo documents: the steering group's archive (meeting notes in two versions linked to a meeting,
the communication strategy linked to a decision) and the information managers' network's (a
presentation, and one from 2019 that the culling list takes up). Idempotent: found by body and title."""
from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from governance.bodies.models import Body
from governance.people.models import User

from . import services
from .models import Document


def pdf(title: str, text: str) -> bytes:
    """A one-page PDF with a title and a line of text (Helvetica, Latin-1): a real file to open."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    stream = (f"BT /F1 18 Tf 72 770 Td ({esc(title)}) Tj ET\nBT /F1 11 Tf 72 740 Td ({esc(text)}) Tj ET\n"
              ).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"endstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _file(name: str, title: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf(title, text), content_type="application/pdf")


def _document(body: Body, title: str, *, kind: str, dated: dt.date, readers: str, actor: User,
              versions: list[tuple[str, str]], description: str = "", meetings=(), decisions=()) -> Document:
    document = Document.objects.filter(body=body, title=title).first()
    if document is None:
        name, note = versions[0]
        document = services.document_create(
            body=body, title=title, kind=kind, dated=dated, readers=readers, description=description,
            upload=_file(name, title, note or description), note=note, actor=actor, meetings=meetings,
            decisions=decisions)
        for name, note in versions[1:]:
            services.document_add_version(document=document, upload=_file(name, title, note), note=note, actor=actor)
    return document


def seed_documents(ctx) -> None:
    # The meetings and decisions, seeded before, by the links' models (they sit above this area).
    Meeting = Document._meta.get_field("meetings").related_model  # noqa: N806
    Decision = Document._meta.get_field("decisions").related_model  # noqa: N806
    chair = User.objects.get(username="chair")
    admin = User.objects.get(username="admin")
    steering_group = Body.objects.get(kind=Body.Kind.STEERING_GROUP, year=ctx.year)
    network = Body.objects.get(kind=Body.Kind.INFO_MANAGERS_NETWORK)
    first = Meeting.objects.for_bodies([steering_group.pk]).filter(start__date__lt=ctx.today).order_by("start").first()
    _document(steering_group, "Minnesanteckningar från styrgruppens möte", kind=Document.Kind.NOTES,
              dated=first.start.date() if first else ctx.today, readers=Document.Readers.NETWORK, actor=chair,
              versions=[("minnesanteckningar.pdf", ""), ("minnesanteckningar-v2.pdf", "Rättat datum för nästa möte")],
              meetings=[first] if first else [])
    plan = Decision.objects.filter(kind="plan", body=steering_group).order_by("decided_on").first()
    _document(steering_group, "Kommunikationsstrategi för länsstyrelserna", kind=Document.Kind.GOVERNING,
              dated=ctx.today - dt.timedelta(days=60), readers=Document.Readers.STAFF, actor=chair,
              description="Den gemensamma strategin som verksamhetsplanen bygger på.",
              versions=[("kommunikationsstrategi.pdf", "")], decisions=[plan] if plan else [])
    _document(network, "Presentation: klarspråk i myndighetstexter", kind=Document.Kind.PRESENTATION,
              dated=ctx.today - dt.timedelta(days=30), readers=Document.Readers.BODY, actor=admin,
              versions=[("klarsprak.pdf", "")])
    _document(network, "Presentation från nätverksträffen 2019", kind=Document.Kind.PRESENTATION,
              dated=dt.date(2019, 5, 14), readers=Document.Readers.BODY, actor=admin,
              versions=[("natverkstraff-2019.pdf", "")])
