"""Security log: logins, failed logins and logouts (the proof issue asks for them)."""
import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

log = logging.getLogger("samordna.security")


def _address(request):
    """The client's address: behind the TLS proxy, the one it forwarded (governance/clientip.py)."""
    from governance.clientip import client_ip

    return (client_ip(request) or "-") if request is not None else "-"


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    log.info("login user=%s address=%s", user.get_username(), _address(request))
    if request is not None and hasattr(request, "session"):
        # The start of the session's absolute lifetime (governance/people/middleware.py).
        from governance.people.middleware import mark_login

        mark_login(request)


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    log.info("logout user=%s address=%s", user.get_username() if user else "-", _address(request))


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    log.warning("login failed user=%s address=%s", credentials.get("username", "-"), _address(request))
