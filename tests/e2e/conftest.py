"""Browser tests: a real portal server in a subprocess on its own database, driven by Debian's
Chromium (its headless shell) through Playwright's sync API, with axe-core on every page a journey visits.

- `portal_url` (session): a fresh database (a SQLite file in a temporary directory, or — when
  DATABASE_URL is PostgreSQL — a separate database `<name>_e2e_<pid>` created and dropped here),
  `migrate` and `seed_demo --force` in subprocesses, then gunicorn on a free loopback port with
  tests/e2e/settings.py (DEBUG off, whitenoise serving static files from the finders). Yields the
  base URL; stops the server and drops the database afterwards.
- `browser` (package scope, NOT session: while Playwright's sync API is active an asyncio loop
  runs in this thread, and Django's ORM in later, non-browser tests would refuse to work with
  SynchronousOnlyOperation. Package scope closes it when the run leaves tests/e2e).
- `page`: a fresh context (Swedish locale, like the users) per test. Every Content Security Policy
  violation the browser reports on the console fails the test at teardown.
- `pages.as_user(role)`: a page signed in as the demo account, on its start page. Each role logs
  in through the form once per run; its storage state (the session cookie) is kept and given to
  the next context, which logs in again only if the page it opens shows no one signed in (logged
  out, expired, password changed); `pages.open_as(role, url)` opens any page that way. The
  journeys that test the log-in itself use `login(page, …)`.
- `check_a11y(page, name)`: axe-core with the WCAG 2.0/2.1 A and AA tags, zero violations; then the
  page at 320 CSS px: no sideways scrolling, and no text cut off or overlapping with WCAG's
  text-spacing overrides (tests/e2e/wcag.py, which also has the sweep's skip-link, focus-contrast and
  200 % text checks and the keyboard journeys' helpers).
- Screenshots (in $ARTIFACTS_DIR/screenshots, default ./artifacts/screenshots): every open page of
  a test that fails, the page axe finds violations on, and the pages of the README's gallery
  (GALLERY): `shot(page, name)` photographs a page of the gallery, `always=True` any page.

Injecting axe under our CSP: `page.add_script_tag(path=...)` inserts an inline <script>, which the
CSP (script-src 'self') blocks. We do NOT bypass the CSP (bypass_csp=True would also hide real CSP
violations of the portal from the journey). Instead the axe source is evaluated through the Chrome
DevTools Protocol (`Runtime.evaluate` in a CDP session), which the page's CSP does not govern —
the same way DevTools' console runs code on any page. axe then runs in the page as usual.
"""
from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from tests.conftest import REPORTS, need_service

ROOT = Path(__file__).resolve().parents[2]
# Debian's chromium-headless-shell, else Debian's chromium; CHROMIUM names another. The headless shell
# is the same Chromium build without the windowed browser around it (what Playwright itself launches
# for headless runs): with it the browser tests cost the machine about 40 % less CPU.
CHROMIUM = os.environ.get("CHROMIUM") or next(
    (p for p in ("/usr/bin/chromium-headless-shell", "/usr/bin/chromium") if os.access(p, os.X_OK)), "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
]
AXE_PATH = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "demo"
DEMO_ROLES = ["admin", "chair", "steering", "infochef", "communicator", "weblead", "director", "g7", "deputy", "former"]


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            item.add_marker(pytest.mark.e2e)


def artifacts_dir() -> Path:
    return Path(os.environ.get("ARTIFACTS_DIR") or ROOT / "artifacts")


def screenshots_dir() -> Path:
    path = artifacts_dir() / "screenshots"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- The database for the server -------------------------------------------------------------------
class _Database:
    """A throw-away database for the server process: its URL, and how to drop it."""

    def __init__(self, tmp: Path):
        source = os.environ.get("DATABASE_URL", "")
        self.pg = source.startswith(("postgres://", "postgresql://"))
        if self.pg:
            parsed = urlparse(source)
            base = parsed.path.lstrip("/") or "samordna"
            self.name = f"{base}_e2e_{os.getpid()}"
            self.admin_dsn = urlunparse(parsed._replace(path="/postgres"))
            self.url = urlunparse(parsed._replace(path=f"/{self.name}"))
        else:
            self.url = f"sqlite:///{tmp / 'e2e.sqlite3'}"

    def _admin(self, sql: str):
        import psycopg2

        conn = psycopg2.connect(self.admin_dsn)
        conn.autocommit = True
        try:
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def create(self):
        if self.pg:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self):
        if self.pg:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def _server_env(db_url: str, mail_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env.update(
        DJANGO_SETTINGS_MODULE="tests.e2e.settings",
        DATABASE_URL=db_url,
        E2E_MAIL_DIR=str(mail_dir),
        PYTHONPATH=str(ROOT),
        PYTHONUNBUFFERED="1",
    )
    if env.get("REDIS_URL"):
        # Sessions and cache of the browser server in their own Redis database, so a test elsewhere
        # that empties the suite's Redis database does not log the browser out.
        env["REDIS_URL"] = urlunparse(urlparse(env["REDIS_URL"])._replace(path="/14"))
    return env


def _run(cmd: list[str], env: dict[str, str], what: str):
    result = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        pytest.fail(f"{what} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}",
                    pytrace=False)


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60):
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the portal server exited ({proc.returncode}):\n{log.read_text()[-3000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(url + "/healthz/", timeout=2) as resp:
                body = json.loads(resp.read())
                if resp.status == 200 and body.get("status") == "ok":
                    return
                last = str(body)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = str(exc)
        time.sleep(0.25)
    pytest.fail(f"the portal server did not become healthy in {timeout}s ({last}):\n{log.read_text()[-3000:]}",
                pytrace=False)


@dataclass
class Server:
    url: str
    mail_dir: Path
    database_url: str


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory):
    """A real portal server (gunicorn, DEBUG off) on freshly seeded demo data.

    E2E_BASE_URL (with E2E_MAIL_DIR) points the tests at a server you started yourself instead —
    handy while writing a journey; the journeys change data, so reseed between runs."""
    if os.environ.get("E2E_BASE_URL"):
        if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
            need_service(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
        yield Server(url=os.environ["E2E_BASE_URL"].rstrip("/"),
                     mail_dir=Path(os.environ.get("E2E_MAIL_DIR", "/tmp/samordna-e2e-mail")),
                     database_url=os.environ.get("DATABASE_URL", ""))
        return
    if not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        need_service(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("e2e")
    mail_dir = tmp / "mail"
    mail_dir.mkdir()
    db = _Database(tmp)
    try:
        db.create()
    except Exception as exc:  # PostgreSQL configured but not reachable
        need_service(f"cannot create the e2e database: {exc}")
    env = _server_env(db.url, mail_dir)
    py = sys.executable
    proc = None
    try:
        _run([py, "manage.py", "migrate", "--noinput", "-v", "0"], env, "migrate")
        _run([py, "manage.py", "seed_demo", "--force", "-v", "0"], env, "seed_demo")
        port = _free_port()
        log = artifacts_dir() / "e2e-server.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        gunicorn = Path(py).with_name("gunicorn")
        cmd = [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2",
               "--threads", "2", "--timeout", "60", "--access-logfile", "-", "--error-logfile", "-"]
        if not gunicorn.exists():  # an odd install without gunicorn's script: Django's own server
            cmd = [py, "manage.py", "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"]
        with open(log, "w") as fh:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc, log)
        yield Server(url=url, mail_dir=mail_dir, database_url=db.url)
    finally:
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        db.drop()


@pytest.fixture(scope="session")
def portal_url(e2e_server) -> str:
    """The base URL of the server, e.g. http://127.0.0.1:41234."""
    return e2e_server.url


@pytest.fixture(scope="package")
def browser(portal_url):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - dev dependency
        need_service("the playwright package is not installed")
    pw = sync_playwright().start()
    try:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:
        pw.stop()
        need_service(f"Chromium at {CHROMIUM} does not start: {exc}")
    yield chromium
    chromium.close()
    pw.stop()


# The storage state (cookies) of each role signed in once in this run: {username: state}.
_SIGNED_IN: dict[str, dict] = {}


class _Pages:
    """Browser contexts for a test: `new()` a fresh one (anonymous), `as_user(role)` signed in.
    Each watches for CSP violations and JavaScript errors, checked when the test ends."""

    def __init__(self, browser, base_url: str):
        self.browser, self.base_url = browser, base_url
        self.contexts = []
        self.csp_errors: list[str] = []
        self.page_errors: list[str] = []

    def new(self, storage_state: dict | None = None):
        context = self.browser.new_context(base_url=self.base_url, locale="sv-SE", storage_state=storage_state,
                                           viewport={"width": 1280, "height": 900})
        context.set_default_timeout(int(os.environ.get("E2E_TIMEOUT_MS", "10000")))
        self.contexts.append(context)
        pg = context.new_page()
        pg.on("console", lambda msg: self.csp_errors.append(f"{pg.url}: {msg.text}")
              if "Content Security Policy" in msg.text else None)
        pg.on("pageerror", lambda exc: self.page_errors.append(f"{pg.url}: {exc}"))
        return pg

    def as_user(self, username: str, password: str = DEMO_PASSWORD):
        """A page signed in as `username`, on its start page."""
        return self.open_as(username, "/", password)[0]

    def open_as(self, username: str, url: str, password: str = DEMO_PASSWORD):
        """(page, response): `url` opened signed in as `username`. With the role's kept session the
        page is opened straight away, and the header's log-out form shows that the session held;
        otherwise the role signs in through the form first."""
        state = _SIGNED_IN.get(username)
        if state is not None:
            pg = self.new(storage_state=state)
            response = pg.goto(url)
            if signed_in(pg):
                return pg, response
        pg = self.new()
        login(pg, username, password)
        assert signed_in(pg), f"{username} could not log in"
        _SIGNED_IN[username] = pg.context.storage_state()
        return pg, pg.goto(url)

    def screenshot_all(self, name: str):
        """A screenshot of every page still open (a failed test's)."""
        for i, context in enumerate(self.contexts):
            for j, pg in enumerate(context.pages):
                try:
                    shot(pg, f"FAILED-{name}-{i}-{j}", always=True)
                except Exception:  # noqa: BLE001 - a crashed page: nothing to show
                    pass

    def close(self):
        for context in self.contexts:
            context.close()
        assert not self.csp_errors, "The browser reported Content Security Policy violations:\n" + "\n".join(
            self.csp_errors)
        assert not self.page_errors, "JavaScript errors on the page:\n" + "\n".join(self.page_errors)


def finish(request, pages: _Pages):
    """At a test's end: its pages photographed if the test failed (its call's report, kept by
    tests/conftest.py), then its contexts closed and the CSP and JavaScript errors checked."""
    call = request.node.stash.get(REPORTS, {}).get("call")
    if call is not None and call.failed:
        pages.screenshot_all(request.node.name)
    pages.close()


@pytest.fixture
def pages(request, browser, portal_url):
    p = _Pages(browser, portal_url)
    yield p
    finish(request, p)


@pytest.fixture
def page(pages):
    return pages.new()


# --- Helpers ----------------------------------------------------------------------------------------
def _slug(text: str) -> str:
    return re.sub(r"[^a-zA-Z0-9_.-]+", "-", text).strip("-")[:120]


def shot(page, name: str, *, always: bool = False) -> Path | None:
    """A full-page screenshot named `name` when it belongs to the gallery (GALLERY, or a gallery
    page at 320 px: `<name>-320px`) or `always` (a failure); None otherwise."""
    if not always and name.removesuffix("-320px") not in GALLERY:
        return None
    path = screenshots_dir() / f"{_slug(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


_AXE_SOURCE: str | None = None


def _inject_axe(page):
    global _AXE_SOURCE
    if page.evaluate("() => typeof window.axe") != "undefined":
        return
    if _AXE_SOURCE is None:
        _AXE_SOURCE = AXE_PATH.read_text(encoding="utf-8")
    cdp = page.context.new_cdp_session(page)
    try:
        result = cdp.send("Runtime.evaluate", {"expression": _AXE_SOURCE, "returnByValue": False})
    finally:
        cdp.detach()
    if "exceptionDetails" in result:
        raise AssertionError(f"axe-core did not load: {result['exceptionDetails']}")


def axe_violations(page) -> list[dict]:
    _inject_axe(page)
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                                      resultTypes: ["violations"]});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.slice(0, 5).map(n => ({target: n.target.join(" "),
                                                      html: n.html.slice(0, 200),
                                                      summary: n.failureSummary}))}));
        }""",
        AXE_TAGS,
    )


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core: {len(violations)} WCAG 2.1 A/AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for n in v["nodes"]:
            summary = (n["summary"] or "").replace("\n", " ")
            lines.append(f"    at {n['target']}: {n['html']}\n      {summary}")
    return "\n".join(lines)


# The README's gallery (docs/gallery/): a few pages as the demo accounts see them.
GALLERY = {
    "chair-01-min-sida", "plan-03-chair-draft-plan", "plan-08-consultation-status", "fees-03-director-proposal",
    "meeting-01-list", "weblead-webb-05-onskemal", "deputy-02-named", "language-01-english",
}


def check_a11y(page, name: str | None = None):
    """Run axe-core on the current page; fail with a readable list when anything is violated.
    The page is photographed (as `name`, default its path) when it fails, or when it is in GALLERY.
    Then what axe cannot see at 320 CSS px wide (tests/e2e/wcag.py `check_narrow`): no sideways
    scrolling (WCAG 1.4.10), nothing cut off or overlapping with the text-spacing overrides (1.4.12)."""
    from tests.e2e.wcag import check_narrow

    name = name or urlparse(page.url).path or "page"
    violations = axe_violations(page)
    shot(page, name, always=bool(violations))
    assert not violations, format_violations(page.url, violations)
    check_narrow(page, name)


def signed_in(page) -> bool:
    """Whether the page shows a signed-in person (the header's log-out form)."""
    from django.urls import reverse

    return page.locator(f"form[action='{reverse('logout')}']").count() > 0


def login(page, username: str, password: str = DEMO_PASSWORD):
    page.goto("/konto/logga-in/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form:has(input[name=username]) button[type=submit]")


@pytest.fixture
def a11y():
    return check_a11y
