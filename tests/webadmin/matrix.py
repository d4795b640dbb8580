"""Every web management URL × every demo account (and anonymous). In the demo data the web
development lead is `weblead`, the steering group is `chair` and `steering`; the feature owner,
the support owner, the editorial manager and the working groups' leaders are not demo accounts,
so their pages are open to `admin` only among the roles below."""
import io

from django.core.files.base import ContentFile

from governance.authority import today
from governance.people.models import User
from tests.matrix import Row, everyone, only
from webadmin.models import (
    FeatureAttachment,
    FeatureRequest,
    HandbookPage,
    Policy,
    Role,
    RoleAssignment,
    WorkingGroup,
)

ALL = everyone(200)
STEERING = only("chair", "steering")
NOBODY_BUT_ADMIN = only()

# A one-pixel PNG: its type is checked from the content.
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def _year():
    return {"year": today().year}


def _assignment():
    return {"pk": RoleAssignment.objects.filter(role__code=Role.Code.EDITORIAL_MANAGER).first().pk}


def _group():
    return {"pk": WorkingGroup.objects.order_by("pk").first().pk}


def _backlog_request():
    return {"pk": FeatureRequest.objects.filter(status__in=FeatureRequest.BACKLOG).order_by("rank").first().pk}


def _new_request():
    return {"pk": FeatureRequest.objects.filter(status=FeatureRequest.Status.NEW).order_by("pk").first().pk}


def _attachment():
    request = FeatureRequest.objects.order_by("pk").first()
    att = FeatureAttachment(request=request, original_name="skiss.png", content_type="image/png", size=len(PNG),
                            uploaded_by=User.objects.get(username="admin"))
    att.file.save("skiss.png", ContentFile(io.BytesIO(PNG).read()), save=True)
    return {"pk": att.pk}


def _page():
    return {"slug": HandbookPage.objects.filter(status=HandbookPage.Status.PUBLISHED).order_by("pk").first().slug}


def _policy():
    return {"pk": Policy.objects.order_by("pk").first().pk}


def _policy_to_read():
    return {"pk": Policy.objects.filter(to_be_read=True).order_by("pk").first().pk}


def _current_number():
    policy = Policy.objects.filter(to_be_read=True).order_by("pk").first()
    return {"number": policy.versions.order_by("-number").first().number}


# The demo's guideline to be read by the communicators (chair, steering, infochef, communicator,
# weblead and deputy sit in the network today; former left it last year); weblead owns it.
READERS = ("chair", "steering", "infochef", "communicator", "weblead", "deputy")

MATRIX = {
    "webadmin:overview": Row(expect=ALL),
    # The accessibility statement is for everyone, signed in or not.
    "webadmin:accessibility": Row(expect={"*": 200, "anonymous": 200}),
    "webadmin:role_assign": Row(expect=STEERING),
    "webadmin:role_end": Row(method="post", kwargs=_assignment, expect=only("chair", "steering", status=302)),
    "webadmin:group": Row(kwargs=_year, expect=ALL),
    "webadmin:group_compose": Row(kwargs=_year, expect=STEERING),
    "webadmin:group_create": Row(expect=only("weblead")),
    "webadmin:group_detail": Row(kwargs=_group, expect=ALL),
    "webadmin:status_report": Row(method="post", kwargs=_group, data={"text": "Allt går enligt plan."},
                                  expect=only(status=302)),
    "webadmin:request_list": Row(expect=ALL),
    "webadmin:request_create": Row(expect=ALL),
    "webadmin:request_detail": Row(kwargs=_new_request, expect=ALL),
    "webadmin:request_support": Row(method="post", kwargs=_new_request, expect=everyone(302)),
    "webadmin:request_triage": Row(method="post", kwargs=_new_request,
                                   data={"status": "accepted", "reason": "", "version": 1}, expect=only(status=302)),
    "webadmin:request_edit": Row(kwargs=_backlog_request, expect=NOBODY_BUT_ADMIN),
    "webadmin:request_move": Row(method="post", kwargs=_backlog_request, data={"direction": "down"},
                                 expect=only(status=302)),
    "webadmin:request_history": Row(kwargs=_backlog_request, expect=ALL),
    "webadmin:attachment": Row(kwargs=_attachment, expect=ALL),
    "webadmin:page_list": Row(expect=ALL),
    "webadmin:page_create": Row(expect=NOBODY_BUT_ADMIN),
    "webadmin:page_detail": Row(kwargs=_page, expect=ALL),
    "webadmin:page_edit": Row(kwargs=_page, expect=NOBODY_BUT_ADMIN),
    "webadmin:page_publish": Row(method="post", kwargs=_page, data={"status": "draft"}, expect=only(status=302)),
    "webadmin:page_history": Row(kwargs=_page, expect=ALL),
    "webadmin:policy_list": Row(expect=ALL),
    "webadmin:policy_create": Row(expect=STEERING),
    "webadmin:policy_detail": Row(kwargs=_policy, expect=ALL),
    "webadmin:policy_version_create": Row(kwargs=_policy, expect=STEERING),
    "webadmin:platform_list": Row(expect=ALL),
    "webadmin:policy_reading_edit": Row(kwargs=_policy_to_read, expect=only("chair", "steering", "weblead")),
    "webadmin:policy_read_confirm": Row(method="post", kwargs=_policy_to_read, data=_current_number,
                                        expect=only(*READERS, status=302)),
    "webadmin:policy_reading": Row(kwargs=_policy_to_read, expect=only("weblead")),
    "webadmin:policy_reading_remind": Row(method="post", kwargs=_policy_to_read, expect=only("weblead", status=302)),
}
