"""Writes to the document archive: a new document with its first version, a new version, and the
document's description and links. Every write checks the right, runs in one transaction and is
audited; a refused upload leaves no file behind. Nothing here removes a version: documents are
public records (only an approved culling list removes them, governance.records.retention)."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance import uploads
from governance.audit import audited_save
from governance.authority import refuse, today
from governance.bodies.models import Body
from governance.concurrency import check_version, locked

from .models import Document, DocumentVersion

# A document is dated when it was drawn up: not more than a year ahead (a typing slip, not a plan).
MAX_DAYS_AHEAD = 366


def _check_date(day: dt.date) -> dt.date:
    if (day - today()).days > MAX_DAYS_AHEAD:
        raise ValidationError({"dated": _("%(date)s is more than a year ahead: give the date the document was "
                                          "drawn up.") % {"date": date_format(day)}}, code="far")
    return day


def _check_links(body: Body, meetings, decisions) -> None:
    """Links only to the body's own meetings and decisions."""
    if any(body.pk not in m.body_ids for m in meetings):
        raise ValidationError({"meetings": _("A document can only be linked to meetings of %(body)s.")
                               % {"body": body}})
    if any(d.body_id != body.pk for d in decisions):
        raise ValidationError({"decisions": _("A document can only be linked to decisions of %(body)s.")
                               % {"body": body}})


def _add_version(document: Document, upload: UploadedFile, note: str, actor, number: int) -> DocumentVersion:
    mime = uploads.check_upload(upload)
    version = DocumentVersion(document=document, number=number, original_name=uploads.display_name(upload, mime),
                              content_type=mime, size=upload.size, note=note.strip(), uploaded_by=actor)
    uploads.store(version, upload, mime, lambda: audited_save(version, actor=actor, reason="document version added"))
    return version


@transaction.atomic
def document_create(*, body: Body, title: str, kind: str, dated: dt.date, readers: str, upload: UploadedFile,
                    actor, description: str = "", note: str = "", meetings=(), decisions=()) -> Document:
    if not actor.has_perm("governance.add_document", body):
        raise refuse(actor, "governance.add_document", body,
                     _("Only the officers of %(body)s add documents to its archive.") % {"body": body})
    _check_date(dated)
    _check_links(body, meetings, decisions)
    document = Document(body=body, title=title.strip(), kind=kind, dated=dated, readers=readers,
                        description=description.strip(), created_by=actor)
    audited_save(document, actor=actor, reason="document created")
    document.meetings.set(meetings)
    document.decisions.set(decisions)
    _add_version(document, upload, note, actor, 1)
    return document


def _check_keeper(actor, document: Document) -> None:
    if not actor.has_perm("governance.change_document", document):
        raise refuse(actor, "governance.change_document", document,
                     _("Only the officers of %(body)s keep its archive.") % {"body": document.body})


@transaction.atomic
def document_add_version(*, document: Document, upload: UploadedFile, note: str, actor) -> DocumentVersion:
    """The next version of `document`; the ones before stay, readable, in its history."""
    _check_keeper(actor, document)
    document = locked(document, "body")  # one new number at a time
    latest = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    if not note.strip():
        raise ValidationError({"note": _("Say what changed in this version.")})
    version = _add_version(document, upload, note, actor, latest + 1)
    document.version += 1
    audited_save(document, actor=actor, reason="document version added", clean=False)
    return version


@transaction.atomic
def document_update(*, document: Document, title: str, kind: str, dated: dt.date, readers: str, actor,
                    description: str = "", meetings=(), decisions=(), version=None) -> Document:
    _check_keeper(actor, document)
    document = locked(document, "body")
    check_version(document, version)
    _check_date(dated)
    _check_links(document.body, meetings, decisions)
    document.title, document.kind, document.dated = title.strip(), kind, dated
    document.readers, document.description = readers, description.strip()
    document.version += 1
    audited_save(document, actor=actor, reason="document changed")
    document.meetings.set(meetings)
    document.decisions.set(decisions)
    return document
