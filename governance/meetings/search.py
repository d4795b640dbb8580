"""Minutes in the portal's search: the current published version of every meeting's minutes (the
whole network reads them), and a draft for those `governance.view_minutes` lets read it (who runs
the meeting, its adjusters)."""
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import Meeting, Minutes
from .rules import run_meetings


def visible_minutes(user):
    """The minutes `user` may open (`governance.view_minutes`), older published versions left out."""
    if not user.is_authenticated or not user.is_active:
        return Minutes.objects.none()
    current = Q(status=Minutes.Status.PUBLISHED) & ~Q(correction__status=Minutes.Status.PUBLISHED)
    if user.is_superuser:
        return Minutes.objects.filter(current | Q(status=Minutes.Status.DRAFT))
    # The meetings with a draft, not every meeting, are held against the rule: drafts are few, the
    # meetings grow every year.
    with_draft = Meeting.objects.filter(pk__in=Minutes.objects.filter(status=Minutes.Status.DRAFT).values("meeting_id"))
    drafts = Q(status=Minutes.Status.DRAFT) & (
        Q(meeting__in=run_meetings(user, with_draft).values("pk"))
        | Q(meeting__in=Meeting.objects.filter(adjusters=user).values("pk")))
    return Minutes.objects.filter(current | drafts)


SOURCES = [
    Source(kind="minutes", label=_("Minutes"), rows=visible_minutes,
           fields=(("meeting__title", "A"), ("text", "B")), title="meeting__title",
           url_name="governance:minutes_version"),
]
