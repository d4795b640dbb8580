"""The test OpenID Provider as a process: `start_provider()` makes its database (SQLite, in a
temporary directory), its users and clients (`op_setup`), a fresh RSA signing key, and runs it with
gunicorn on a free loopback port; `Provider` stops it and changes its users as an agency's
directory would (disable an account, rename a person). `ProviderBrowser` is a person's browser at
the provider (a requests session): it follows the portal's redirect to the authorization endpoint,
signs in on the provider's own login page when it is shown, and returns where the provider sends the
browser back to.

The provider is django-oauth-toolkit, a dev dependency in pyproject.toml, so `make install` (and so
`make test` and .ci/run) installs it on any machine with Python. It never skips: a provider that
cannot be installed or started fails the tests that need it, loudly, with its log.

The fixture is `oidc_provider` in tests/conftest.py (one provider per test process)."""
from __future__ import annotations

import html
import json
import os
import re
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "provider-password"
CLIENT_ID = "samordna"
CLIENT_SECRET = "samordna-test-client-secret"
OTHER_CLIENT_ID = "another-portal"
OTHER_CLIENT_SECRET = "another-portal-secret"
# The portal's addresses at the provider: the test client's host, and loopback on any port (RFC 8252,
# for the browser tests' server).
REDIRECT_URIS = ["http://testserver/konto/oidc/callback/", "http://127.0.0.1/konto/oidc/callback/"]
POST_LOGOUT_URIS = ["http://testserver/konto/logga-in/", "http://127.0.0.1/konto/logga-in/"]

# The agency's people: username -> (first name, last name, organisation claim). Each test that
# changes one at the provider (disables, renames) has its own.
PEOPLE = {
    "anna": ("Anna", "Andersson", "lst-dalarna"),
    "beata": ("Beata", "Berg", "lst-dalarna"),
    "cilla": ("Cilla", "Carlsson", "lst-dalarna"),
    "dan": ("Dan", "Dahl", "lst-dalarna"),
    "eva": ("Eva", "Ek", "lst-dalarna"),
    "filip": ("Filip", "Fors", "lst-dalarna"),
    "gun": ("Gun", "Gren", "lst-dalarna"),
    "hugo": ("Hugo", "Holm", "lst-dalarna"),
    "ines": ("Ines", "Ivarsson", "lst-dalarna"),
    "jon": ("Jon", "Johansson", "lst-dalarna"),
    "karin": ("Karin", "Kvist", "lst-dalarna"),
    "lena": ("Lena", "Lund", "lst-dalarna"),
    "okand": ("Olle", "Okänd", "lst-finns-inte"),
    "utan": ("Ulla", "Utan", None),
    "webb": ("Wera", "Webb", "lst-dalarna"),
}


def email_of(username: str) -> str:
    return f"{username}@lansstyrelsen.test"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ProviderFailed(RuntimeError):
    pass


@dataclass
class Provider:
    url: str
    database: Path
    log: Path
    process: subprocess.Popen
    env: dict = field(repr=False, default_factory=dict)

    @property
    def issuer(self) -> str:
        return f"{self.url}/o"

    def portal_settings(self) -> dict:
        """The portal's settings for signing in here (what OIDC_ISSUER etc. set)."""
        return {"OIDC_ISSUER": self.issuer, "OIDC_RP_CLIENT_ID": CLIENT_ID, "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET}

    def portal_env(self) -> dict:
        """The same as environment variables, for a portal server process."""
        return {"OIDC_ISSUER": self.issuer, "OIDC_CLIENT_ID": CLIENT_ID, "OIDC_CLIENT_SECRET": CLIENT_SECRET}

    def _sql(self, sql: str, params: tuple):
        with sqlite3.connect(self.database, timeout=20) as conn:
            changed = conn.execute(sql, params).rowcount
        assert changed == 1, f"{sql} {params}: {changed} rows"

    def set_active(self, username: str, active: bool):
        """Disable (or enable again) the account in the agency's directory."""
        self._sql("UPDATE auth_user SET is_active = ? WHERE username = ?", (1 if active else 0, username))

    def rename(self, username: str, first_name: str, last_name: str, email: str):
        self._sql("UPDATE auth_user SET first_name = ?, last_name = ?, email = ? WHERE username = ?",
                  (first_name, last_name, email, username))

    def stop(self):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def _private_key_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _run(cmd: list[str], env: dict, what: str):
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise ProviderFailed(f"the test OpenID Provider: {what} failed ({result.returncode}):\n"
                             f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}")


def start_provider(directory: Path) -> Provider:
    """Set up and start the provider in `directory`; ProviderFailed (with its output) if it cannot."""
    try:
        import oauth2_provider  # noqa: F401
    except ImportError as exc:
        raise ProviderFailed("django-oauth-toolkit is not installed: run `make install` "
                             "(it is a dev dependency in pyproject.toml)") from exc
    directory.mkdir(parents=True, exist_ok=True)
    database = directory / "provider.sqlite3"
    setup = directory / "setup.json"
    setup.write_text(json.dumps({
        "users": [{"username": u, "password": PASSWORD, "first_name": first, "last_name": last,
                   "email": email_of(u), "organisation": organisation}
                  for u, (first, last, organisation) in PEOPLE.items()],
        "clients": [
            {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uris": REDIRECT_URIS,
             "post_logout_redirect_uris": POST_LOGOUT_URIS},
            {"client_id": OTHER_CLIENT_ID, "client_secret": OTHER_CLIENT_SECRET, "redirect_uris": REDIRECT_URIS},
        ],
    }), encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTEST", "DJANGO_", "OIDC_", "DATABASE_URL", "REDIS_URL"))}
    env.update(DJANGO_SETTINGS_MODULE="tests.oidc_provider.settings", PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1",
               OP_SECRET_KEY=secrets.token_urlsafe(40), OP_DATABASE=str(database), OP_SETUP=str(setup),
               OP_RSA_PRIVATE_KEY=_private_key_pem())
    py = sys.executable
    _run([py, "-m", "django", "migrate", "--noinput", "-v", "0"], env, "migrate")
    _run([py, "-m", "django", "op_setup"], env, "op_setup")
    port = _free_port()
    log = directory / "provider.log"
    gunicorn = Path(py).with_name("gunicorn")
    cmd = [str(gunicorn), "tests.oidc_provider.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
           "--threads", "4", "--timeout", "60", "--access-logfile", "-", "--error-logfile", "-"]
    with open(log, "w") as fh:
        process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True)
    provider = Provider(url=f"http://127.0.0.1:{port}", database=database, log=log, process=process, env=env)
    deadline = time.monotonic() + 60
    last = ""
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ProviderFailed(f"the test OpenID Provider exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            answer = requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=2)
            if answer.status_code == 200 and answer.json().get("issuer") == provider.issuer:
                return provider
            last = f"{answer.status_code} {answer.text[:300]}"
        except (requests.RequestException, ValueError) as exc:
            last = str(exc)
        time.sleep(0.2)
    provider.stop()
    raise ProviderFailed(f"the test OpenID Provider did not answer in 60 s ({last}):\n{log.read_text()[-3000:]}")


class ProviderBrowser:
    """A person's browser at the provider: its cookies are the provider session."""

    def __init__(self, provider: Provider):
        self.provider = provider
        self.session = requests.Session()
        self.logins = 0  # how often the provider showed its login page

    def follow(self, url: str, username: str | None = None, password: str = PASSWORD) -> str:
        """Follow `url` at the provider until it sends the browser elsewhere (back to the portal);
        sign in as `username` on the provider's login page if it asks. Returns that address."""
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
        for _ in range(12):
            answer = self.session.get(url, allow_redirects=False, timeout=10)
            if answer.is_redirect:
                target = urljoin(url, answer.headers["Location"])
                if not target.startswith(origin):
                    return target
                url = target
                continue
            if answer.status_code == 200 and 'name="password"' in answer.text:
                if username is None:
                    raise AssertionError("the provider asked for a login")
                self.logins += 1
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', answer.text).group(1)
                nxt = html.unescape(re.search(r'name="next" value="([^"]*)"', answer.text).group(1))
                posted = self.session.post(url.split("?")[0], data={
                    "csrfmiddlewaretoken": token, "username": username, "password": password, "next": nxt,
                }, allow_redirects=False, timeout=10)
                if not posted.is_redirect:
                    raise AssertionError(f"the provider refused the login of {username}: {posted.text[:500]}")
                url = urljoin(url, posted.headers["Location"])
                continue
            raise AssertionError(f"unexpected answer from the provider at {url}: {answer.status_code} {answer.text[:800]}")
        raise AssertionError("the provider redirected too often")
