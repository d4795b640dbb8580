"""The client's address: the key of the log-in lock-out (django-axes calls `client_ip` through
AXES_CLIENT_IP_CALLABLE), the address in the security log and the password-reset mails' limit.

Behind the TLS proxy every request comes from the proxy's address, so REMOTE_ADDR names nobody.
With settings.TRUSTED_PROXIES = n (n reverse proxies in front of the portal) the address is read
from X-Forwarded-For through django-ipware: the entry the outermost trusted proxy appended, counted
from the right, so whatever a client wrote into the header itself (entries to the left) is never
taken. With 0 the header is not read at all. With settings.TRUSTED_PROXY_IPS, a request that does not
come from one of those addresses (someone who reached the web process past the proxy) is taken at
its REMOTE_ADDR too. A header that names no usable address falls back to REMOTE_ADDR.

A shared piece (like governance.audit): it imports no governance area."""
from __future__ import annotations

import ipaddress
import logging

from django.conf import settings

log = logging.getLogger("samordna.security")


def _from_trusted_proxy(remote: str) -> bool:
    networks = getattr(settings, "TRUSTED_PROXY_IPS", None) or []
    if not networks:
        return True
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return False
    for network in networks:
        try:
            if address in ipaddress.ip_network(network, strict=False):
                return True
        except ValueError:
            log.error("TRUSTED_PROXY_IPS: %r is not an address or network", network)
    return False


def client_ip(request) -> str:
    """The address of the person behind `request` (a string; REMOTE_ADDR when nothing better)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = getattr(settings, "TRUSTED_PROXIES", 0)
    if proxies <= 0 or not request.META.get("HTTP_X_FORWARDED_FOR") or not _from_trusted_proxy(remote):
        return remote
    from ipware.ip import get_client_ip

    address, _routable = get_client_ip(
        request,
        proxy_order=settings.AXES_IPWARE_PROXY_ORDER,
        proxy_count=settings.AXES_IPWARE_PROXY_COUNT,
        request_header_order=settings.AXES_IPWARE_META_PRECEDENCE_ORDER,
        # Not strict: a chain longer than the proxies (a client's own entries in front) is expected,
        # and its client is still the entry the outermost trusted proxy wrote.
        strict=False,
    )
    return address or remote
