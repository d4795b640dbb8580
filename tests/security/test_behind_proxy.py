"""The lock-out through a real reverse proxy: Debian's nginx (installed by .ci/run when missing) in
front of the portal (pytest-django's live server), forwarding X-Forwarded-For as the README's
production set-up does (`proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for`). The clients
connect from different loopback addresses (127.0.0.2, 127.0.0.3), so nginx sees two people; the
portal sees every request come from nginx (127.0.0.1) and must tell them apart by what nginx
forwarded — and only by that."""
from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import socket
import subprocess
import time

import pytest
import requests
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from requests.adapters import HTTPAdapter

from tests.conftest import need_service
from tests.governance.factories import UserFactory

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MALLORY, ANNA = "127.0.0.2", "127.0.0.3"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def nginx(live_server, tmp_path):
    """nginx on a free loopback port, proxying to the live server; its URL."""
    if not os.access(NGINX, os.X_OK):
        need_service("nginx is not installed (apt-get install nginx; .ci/run does)")
    port = _free_port()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp_path / name).mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"""
daemon off;
master_process off;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/error.log warn;
events {{ worker_connections 64; }}
http {{
  access_log {tmp_path}/access.log;
  client_body_temp_path {tmp_path}/body;
  proxy_temp_path {tmp_path}/proxy;
  fastcgi_temp_path {tmp_path}/fastcgi;
  uwsgi_temp_path {tmp_path}/uwsgi;
  scgi_temp_path {tmp_path}/scgi;
  server {{
    listen 127.0.0.1:{port};
    client_max_body_size 11m;
    location / {{
      proxy_pass {live_server.url};
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
    }}
  }}
}}
""")
    proc = subprocess.Popen([NGINX, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            if proc.poll() is not None:
                pytest.fail(f"nginx exited: {proc.stdout.read().decode()[-2000:]}", pytrace=False)
            try:
                if requests.get(url + "/healthz/live/", timeout=2).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"nginx did not answer: {(tmp_path / 'error.log').read_text()[-2000:]}", pytrace=False)
            time.sleep(0.1)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)


class _From(HTTPAdapter):
    def __init__(self, source: str):
        self.source = source
        super().__init__()

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.source, 0)
        super().init_poolmanager(*args, **kwargs)


def browser_at(address: str) -> requests.Session:
    session = requests.Session()
    session.mount("http://", _From(address))
    return session


def log_in(session, base, username, password, invented=None):
    page = session.get(f"{base}/konto/logga-in/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    headers = {"X-Forwarded-For": invented} if invented else {}
    return session.post(f"{base}/konto/logga-in/", data={"csrfmiddlewaretoken": token, "username": username,
                                                          "password": password, "next": ""},
                        headers=headers, allow_redirects=False, timeout=10)


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = 1
    settings.AXES_IPWARE_PROXY_COUNT = 0
    settings.TRUSTED_PROXY_IPS = ["127.0.0.1"]


def test_through_nginx_one_client_cannot_lock_out_another(nginx, live_server, behind_nginx, caplog):
    caplog.set_level(logging.INFO, logger="samordna.security")
    UserFactory(username="admin")
    mallory = browser_at(MALLORY)
    for i in range(django_settings.AXES_FAILURE_LIMIT):
        # She even invents X-Forwarded-For addresses, hoping for fresh attempts.
        log_in(mallory, nginx, "admin", "wrong", invented=f"192.0.2.{i + 1}")
    assert log_in(mallory, nginx, "admin", "demo", invented="192.0.2.99").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {MALLORY}
    # The administrator, through the same nginx from her own address, logs in.
    assert log_in(browser_at(ANNA), nginx, "admin", "demo").status_code == 302
    # Past nginx, straight to the web process, a forged header names nobody: REMOTE_ADDR counts.
    assert log_in(browser_at(MALLORY), live_server.url, "admin", "demo", invented=ANNA).status_code == 429
    security = [r.getMessage() for r in caplog.records if r.name == "samordna.security"]
    assert f"login failed user=admin address={MALLORY}" in security, security
    assert f"login user=admin address={ANNA}" in security, security
    assert not any("address=127.0.0.1" in m for m in security), security
