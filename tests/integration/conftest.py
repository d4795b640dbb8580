"""Integration fixtures: a real Redis (redis_url), real Celery worker processes, an aiosmtpd SMTP sink.

The worker runs `celery -A config worker --pool=solo` with config.settings.test and CELERY_EAGER=0,
against the very database the test uses (pytest-django's test database, passed as DATABASE_URL),
on a queue name unique to this test session, so a stray worker elsewhere never takes our tasks.
The test process publishes into the same Redis and queue (`celery_broker`). Tests use the
transactional database, so the worker sees committed rows."""
from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
QUEUE = f"samordna-it-{os.getpid()}-{uuid.uuid4().hex[:6]}"
# Every broker key of this session (its queue, the unacknowledged tasks and their index) begins so:
# kombu's global_keyprefix, set for the test process here and for the workers (CELERY_KEYPREFIX).
KEYPREFIX = f"{QUEUE}:"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout: float = 30.0, interval: float = 0.2, message: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"Timed out after {timeout}s waiting for {message}")


# --- SMTP sink ---------------------------------------------------------------------------------------
@dataclass
class SinkHandler:
    """Collects every accepted message. `stall_next()` makes the next RCPT hang (before any data is
    sent), so a test can kill the worker while it is in the middle of an SMTP conversation;
    `refuse` answers every DATA with that SMTP reply."""

    messages: list = field(default_factory=list)
    refuse: str = ""  # e.g. "451 4.3.0 Try again later" (temporary) or "554 5.7.1 Refused" (permanent)
    refused: int = 0
    _stall: threading.Event = field(default_factory=threading.Event)
    stalled: threading.Event = field(default_factory=threading.Event)
    released: threading.Event = field(default_factory=threading.Event)

    def stall_next(self):
        self.stalled.clear()
        self.released.clear()
        self._stall.set()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self._stall.is_set():
            self._stall.clear()
            self.stalled.set()
            for _ in range(600):  # at most 60 s, or until released
                if self.released.is_set():
                    break
                await asyncio.sleep(0.1)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.refuse:
            self.refused += 1
            return self.refuse
        message = message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append(
            {"to": list(envelope.rcpt_tos), "subject": str(message["Subject"]), "message_id": str(message["Message-ID"]),
             "message": message}
        )
        return "250 Message accepted for delivery"

    def reset(self):
        self.messages.clear()
        self.refuse = ""
        self.refused = 0
        self._stall.clear()
        self.stalled.clear()
        self.released.set()


@dataclass
class Sink:
    host: str
    port: int
    handler: SinkHandler

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    @property
    def messages(self) -> list:
        return self.handler.messages


@pytest.fixture(scope="session")
def _smtp_controller():
    from aiosmtpd.controller import Controller

    handler = SinkHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, ready_timeout=10)
    controller.start()
    yield Sink("127.0.0.1", port, handler)
    controller.stop()


@pytest.fixture
def smtp_sink(_smtp_controller) -> Sink:
    _smtp_controller.handler.reset()
    yield _smtp_controller
    _smtp_controller.handler.reset()


# --- Celery: the test process publishes into real Redis --------------------------------------------
def _configure_app(**conf):
    from config.celery_app import app

    app.conf.update(**conf)
    app._pool = None  # kombu keeps one pool per URL; a fresh one is looked up for the new broker
    app.__dict__.pop("amqp", None)  # rebuilt from the new configuration (queues, producer pool)
    return app


@dataclass
class Broker:
    url: str
    queue: str

    @contextlib.contextmanager
    def down(self):
        """Point the test process at a dead port: Redis is unreachable for everything it publishes."""
        dead = f"redis://127.0.0.1:{free_port()}/0"
        _configure_app(broker_url=dead, broker_connection_timeout=1, broker_connection_max_retries=0)
        try:
            yield dead
        finally:
            _configure_app(broker_url=self.url)

    def queue_length(self) -> int:
        import redis

        return redis.Redis.from_url(self.url).llen(KEYPREFIX + self.queue)


@pytest.fixture(scope="session")
def _session_queue(redis_url):
    yield QUEUE
    _forget_queue(redis_url, QUEUE)
    import redis

    with contextlib.suppress(Exception):  # the session's bindings and bookkeeping keys
        client = redis.Redis.from_url(redis_url)
        for key in client.scan_iter(match=f"{KEYPREFIX}*"):
            client.delete(key)


@pytest.fixture
def celery_broker(redis_url, _session_queue):
    """The test process publishes into real Redis on this session's queue, for one test; after it
    the app is eager again, so tests that run later in the same session are unaffected."""
    from config.celery_app import app

    saved = {k: app.conf.get(k) for k in ("broker_url", "task_always_eager", "task_default_queue",
                                          "broker_connection_timeout", "broker_connection_max_retries",
                                          "broker_transport_options")}
    options = {**(app.conf.broker_transport_options or {}), "global_keyprefix": KEYPREFIX}
    _configure_app(broker_url=redis_url, task_always_eager=False, task_default_queue=_session_queue,
                   broker_transport_options=options)
    yield Broker(redis_url, _session_queue)
    _configure_app(**saved)


def _forget_queue(url: str, queue: str) -> None:
    """Remove this session's queue and any unacknowledged task of it (a killed worker leaves one
    behind, which Redis would otherwise hand to the next worker after the visibility timeout)."""
    import json

    import redis

    with contextlib.suppress(Exception):
        client = redis.Redis.from_url(url)
        client.delete(KEYPREFIX + queue)
        for tag, raw in client.hgetall(KEYPREFIX + "unacked").items():
            with contextlib.suppress(Exception):
                if json.loads(raw)[2] == queue:
                    client.hdel(KEYPREFIX + "unacked", tag)
                    client.zrem(KEYPREFIX + "unacked_index", tag)


# --- Worker processes ----------------------------------------------------------------------------------
def _database_url() -> str:
    from django.db import connection

    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(s['NAME']).resolve()}"
    if "postgresql" in s["ENGINE"]:
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    raise RuntimeError(f"Unsupported database engine {s['ENGINE']}")


@dataclass
class Worker:
    proc: subprocess.Popen
    log: Path
    name: str

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def kill(self):
        """SIGKILL: no warm shutdown, no acknowledgement, no restore of unacked messages."""
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self):
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def start_worker(transactional_db, celery_broker, smtp_sink, tmp_path, settings):
    """start_worker(**env) -> a running Worker on this session's queue, against the test database
    and the SMTP sink. Extra keyword arguments become environment variables."""
    workers: list[Worker] = []
    media = tmp_path / "media"
    settings.MEDIA_ROOT = media

    def _start(**extra_env) -> Worker:
        name = f"it{len(workers)}-{uuid.uuid4().hex[:6]}@%h"
        log = tmp_path / f"worker-{len(workers)}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "CELERY_EAGER": "0",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": celery_broker.url,
            "CELERY_QUEUE": celery_broker.queue,
            "CELERY_KEYPREFIX": KEYPREFIX,
            "EMAIL_URL": smtp_sink.url,
            "MEDIA_ROOT": str(media),
            "EMAIL_RETRY_BASE_SECONDS": "1",
            "PYTHONUNBUFFERED": "1",
            **{k: str(v) for k, v in extra_env.items()},
        }
        cmd = [str(CELERY), "-A", "config", "worker", "--pool=solo", "-Q", celery_broker.queue, "-n", name,
               "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat"]
        with open(log, "w") as fh:
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                    start_new_session=True)
        worker = Worker(proc, log, name)
        workers.append(worker)
        try:
            wait_for(lambda: proc.poll() is not None or " ready." in worker.output(), timeout=60,
                     message="the worker to be ready")
        except AssertionError:
            worker.kill()
            raise AssertionError(f"worker did not start:\n{worker.output()[-3000:]}") from None
        if proc.poll() is not None:
            raise AssertionError(f"worker exited with {proc.returncode}:\n{worker.output()[-3000:]}")
        return worker

    # What an earlier test left in the queue (a scan it sent last, a retry waiting in its countdown)
    # is that test's: it must not run in this test's worker against this test's rows.
    _forget_queue(celery_broker.url, celery_broker.queue)
    yield _start
    for worker in workers:
        worker.stop()
    _forget_queue(celery_broker.url, celery_broker.queue)
