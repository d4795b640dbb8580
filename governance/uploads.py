"""The one upload validator and attachment store: a file is accepted by its size and by its type read
from its content (filetype), never by its name or the browser's claim; it is stored under a random
name with the extension of its real type, and removed again if the record cannot be saved."""
from __future__ import annotations

import os
import re
import secrets
import unicodedata

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# What may be attached anywhere in the portal: MIME type (from the content) -> stored extension.
ATTACHMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
}


def check_upload(upload) -> str:
    """The upload's real MIME type, or a ValidationError that names the file and says why (too large,
    or not a kind of file the portal accepts)."""
    limit = settings.ATTACHMENT_MAX_BYTES
    name = clean_filename(getattr(upload, "name", ""))
    if upload.size > limit:
        raise ValidationError(
            _("%(name)s is too large (%(size)s): an attachment may be at most %(max)s.")
            % {"name": name, "size": filesizeformat(upload.size), "max": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("%(name)s is not a file type we accept (its content was checked): attach a PDF, an image "
              "(PNG, JPEG, GIF, WebP) or an office document (Word, Excel, PowerPoint, OpenDocument).")
            % {"name": name},
            code="wrong_type",
        )
    return kind.mime


def clean_filename(name: str) -> str:
    """The name to show and offer on download: its last path part, NFC, without control characters
    or quotes, at most 150 characters ("bilaga" when nothing is left)."""
    name = unicodedata.normalize("NFC", os.path.basename(name or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = re.sub(r"[\x00-\x1f\x7f\"]", "", name).strip() or "bilaga"
    return name[-150:]


def display_name(upload, mime: str) -> str:
    """The upload's cleaned name with the extension of its real type."""
    original = clean_filename(upload.name)
    stem = original.rsplit(".", 1)[0] if "." in original else original
    return f"{stem}.{ATTACHMENT_TYPES[mime]}"


def store(attachment, upload, mime: str, save) -> None:
    """Put `upload` into `attachment.file` under a random name, then `save()` the record; the stored
    file is deleted again when the save fails, so a refused upload leaves nothing behind."""
    attachment.file.save(f"{secrets.token_hex(16)}.{ATTACHMENT_TYPES[mime]}", upload, save=False)
    try:
        save()
    except Exception:
        attachment.file.delete(save=False)
        raise
