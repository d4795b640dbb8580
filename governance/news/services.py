"""Writes to the news: publishing, changing and withdrawing an item. Every write checks the right
(governance/news/rules.py), runs in one transaction and is audited; a refused upload leaves no file
behind; an image needs its description (alt text)."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from governance import uploads
from governance.audit import audited_save
from governance.authority import refuse, today
from governance.bodies.models import Body
from governance.concurrency import check_version, locked
from governance.people.models import Organisation

from .models import NewsItem

# An item is pinned for a while, not for good.
MAX_PINNED_DAYS = 92


def _aim(item: NewsItem, audience: str, body: Body | None, organisation: Organisation | None) -> None:
    item.audience = audience
    item.body = body if audience == NewsItem.Audience.BODY else None
    item.organisation = organisation if audience == NewsItem.Audience.ORGANISATION else None


def _check_publisher(actor, item: NewsItem) -> None:
    if not actor.has_perm("governance.add_newsitem", item):
        raise refuse(actor, "governance.add_newsitem", item, _(
            "You may not publish to %(audience)s: the steering group publishes to the network, a body's "
            "officers to the body and an information manager to their organisation's communicators.")
            % {"audience": item.audience_label if item.audience else "–"})


def _check_pinned(day: dt.date | None) -> None:
    if day is None:
        return
    if day < today():
        raise ValidationError({"pinned_until": _("%(date)s has passed: pin the item until today or later.")
                               % {"date": date_format(day)}})
    if (day - today()).days > MAX_PINNED_DAYS:
        raise ValidationError({"pinned_until": _("An item is pinned for at most three months.")})


def _attach(item: NewsItem, upload: UploadedFile | None, image_alt: str, actor, reason: str) -> None:
    """Save `item`, with `upload` as its file when given (the file removed again if the save fails)."""
    item.image_alt = image_alt.strip()
    if upload is None:
        if item.is_image and not item.image_alt:
            raise ValidationError({"image_alt": _("Describe the image for those who cannot see it.")})
        audited_save(item, actor=actor, reason=reason)
        return
    try:
        mime = uploads.check_upload(upload)
    except ValidationError as exc:  # the refusal is about the file: shown on its field
        raise ValidationError({"file": exc.error_list}) from exc
    if mime.startswith("image/") and not item.image_alt:
        raise ValidationError({"image_alt": _("Describe the image for those who cannot see it.")})
    item.file_name, item.file_type, item.file_size = uploads.display_name(upload, mime), mime, upload.size
    uploads.store(item, upload, mime, lambda: audited_save(item, actor=actor, reason=reason))


@transaction.atomic
def news_publish(*, title: str, text: str, audience: str, actor, body: Body | None = None,
                 organisation: Organisation | None = None, upload: UploadedFile | None = None,
                 image_alt: str = "", pinned_until: dt.date | None = None) -> NewsItem:
    item = NewsItem(title=title.strip(), text=text.strip(), author=actor, pinned_until=pinned_until)
    _aim(item, audience, body, organisation)
    _check_publisher(actor, item)
    _check_pinned(pinned_until)
    _attach(item, upload, image_alt, actor, "news published")
    return item


def _check_editor(actor, item: NewsItem) -> None:
    if not actor.has_perm("governance.change_newsitem", item):
        raise refuse(actor, "governance.change_newsitem", item, _(
            "Only the author and those who publish to %(audience)s change this item.")
            % {"audience": item.audience_label})


@transaction.atomic
def news_update(*, item: NewsItem, title: str, text: str, audience: str, actor, body: Body | None = None,
                organisation: Organisation | None = None, upload: UploadedFile | None = None,
                remove_file: bool = False, image_alt: str = "", pinned_until: dt.date | None = None,
                version=None) -> NewsItem:
    _check_editor(actor, item)
    item = locked(item)
    check_version(item, version)
    if item.withdrawn_at is not None:
        raise ValidationError(_("This item has been withdrawn: it can no longer be changed."), code="state")
    moved = (audience, getattr(body, "pk", None), getattr(organisation, "pk", None)) != (
        item.audience, item.body_id, item.organisation_id)
    _aim(item, audience, body, organisation)
    if moved:  # a new audience is one the editor may publish to
        _check_publisher(actor, item)
    if pinned_until != item.pinned_until:
        _check_pinned(pinned_until)
    item.title, item.text, item.pinned_until = title.strip(), text.strip(), pinned_until
    old = item.file.name if item.file and (upload is not None or remove_file) else None
    if remove_file and upload is None:
        item.file, item.file_name, item.file_type, item.file_size = "", "", "", None
    item.version += 1
    _attach(item, upload, image_alt, actor, "news changed")
    if old:  # the replaced file goes once the change is saved
        storage = NewsItem._meta.get_field("file").storage
        transaction.on_commit(lambda: storage.delete(old))
    return item


@transaction.atomic
def news_withdraw(*, item: NewsItem, actor) -> NewsItem:
    """The item is no longer shown to its readers; its history keeps it."""
    _check_editor(actor, item)
    item = locked(item)
    if item.withdrawn_at is not None:
        raise ValidationError(_("This item has already been withdrawn."), code="state")
    item.withdrawn_at = timezone.now()
    item.version += 1
    audited_save(item, actor=actor, reason="news withdrawn")
    return item
