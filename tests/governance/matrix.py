from governance.models import Body, Notification
from tests.matrix import Row, everyone

ALL = everyone(200)

def _first_notification():
    n = Notification.objects.order_by("pk").first()
    return {"pk": n.pk if n else 999999}

MATRIX = {
    "healthz": Row(expect={"*": 200, "anonymous": 200}),
    "login": Row(expect={"*": 302, "anonymous": 200}),
    "logout": Row(method="post", expect={"*": 302, "anonymous": 302}),
    "password_change": Row(expect=ALL),
    "password_change_done": Row(expect=ALL),
    "password_reset": Row(expect={"*": 200, "anonymous": 200}),
    "password_reset_done": Row(expect={"*": 200, "anonymous": 200}),
    "password_reset_confirm": Row(kwargs={"uidb64": "MQ", "token": "bad-token"}, expect={"*": 200, "anonymous": 200}),
    "password_reset_complete": Row(expect={"*": 200, "anonymous": 200}),
    "governance:home": Row(expect=ALL),
    "governance:body_list": Row(expect=ALL),
    "governance:body_detail": Row(kwargs=lambda: {"pk": Body.objects.filter(kind=Body.Kind.STEERING_GROUP).first().pk}, expect=ALL),
    "governance:notification_list": Row(expect=ALL),
    # Somebody else's notification (or none): 404 for everyone, never a peek.
    "governance:notification_open": Row(method="post", kwargs=_first_notification, expect={"*": 404}),
    "governance:notifications_mark_all_read": Row(method="post", expect=everyone(302)),
    "governance:notification_preferences": Row(expect=ALL),
}
