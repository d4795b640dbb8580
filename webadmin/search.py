"""The web cooperation in the portal's search: the handbook and FAQ (drafts only for those who write
it, as its page allows), the policies (their current text) and the feature requests, open to
everyone signed in."""
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

from governance.searchable import Source

from .models import FeatureRequest, HandbookPage, Policy, PolicyVersion


def readable_pages(user):
    if not user.is_authenticated or not user.is_active:
        return HandbookPage.objects.none()
    if user.has_perm("webadmin.edit_handbook"):
        return HandbookPage.objects.all()
    return HandbookPage.objects.filter(status=HandbookPage.Status.PUBLISHED)


def _signed_in(model):
    return lambda user: model.objects.all() if user.is_authenticated and user.is_active else model.objects.none()


def _current_text():
    return Subquery(PolicyVersion.objects.filter(policy=OuterRef("pk")).order_by("-number").values("body")[:1])


SOURCES = [
    Source(kind="handbook", label=_("Handbook and FAQ"), rows=readable_pages,
           fields=(("title", "A"), ("body", "B")), title="title", url_name="webadmin:page_detail",
           key="slug", url_kwarg="slug"),
    Source(kind="policies", label=_("Policies"), rows=_signed_in(Policy),
           fields=(("title", "A"), (_current_text, "B")), title="title", url_name="webadmin:policy_detail"),
    Source(kind="requests", label=_("Feature requests"), rows=_signed_in(FeatureRequest),
           fields=(("title", "A"), ("problem", "B"), ("proposal", "B"), ("affected", "C")), title="title",
           url_name="webadmin:request_detail"),
]
