"""FraudSafe's pytest plugin (loaded with `-p pytest_fraudsafe`, before pytest-django sets up Django).

- starts SecantusDB, a MongoDB wire-protocol server, for the session and exposes it as the `mongo` alias;
- checks PostgreSQL and Redis: with CI=true a missing one fails the run, otherwise its tests are skipped;
- splits the suite in two passes: FRAUDSAFE_TEST_DB=sqlite (everything but `postgres`-marked tests) and
  FRAUDSAFE_TEST_DB=postgres (every test that touches the database);
- compiles the translations (locale/*.po → .mo) when they are missing or stale;
- provides `redis_url`, `celery_worker` (real worker processes on Redis), `signed_twilio_post`, `artifacts_dir`.
"""

import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
TEST_DB = os.environ.get("FRAUDSAFE_TEST_DB", "sqlite")
PG_URL = os.environ.get("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/fraudsafe")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
ARTIFACTS = ROOT / "test-artifacts"

_state: dict = {}


def reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    from secantus import SecantusDBServer

    storage = tempfile.mkdtemp(prefix="fraudsafe-secantus-")
    server = SecantusDBServer(host="127.0.0.1", port=0, storage_path=storage)
    server.start()
    _state["secantus"], _state["secantus_dir"] = server, storage
    os.environ["FRAUDSAFE_TEST_MONGO_URI"] = server.uri


def compile_translations() -> None:
    """locale/*/django.po → django.mo when missing or older (what `make messages` does), so a bare `pytest` runs
    in every language too. Only the controller process compiles: xdist workers start after it."""
    msgfmt = shutil.which("msgfmt")
    for po in sorted((ROOT / "locale").glob("*/LC_MESSAGES/django.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        if msgfmt is None:
            pytest.exit("GNU gettext's msgfmt is missing: `make messages` installs it", returncode=3)
        subprocess.run([msgfmt, "--check", "-o", str(mo), str(po)], check=True)


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        compile_translations()
    _state["pg"] = reachable(PG_URL, 5432)
    _state["redis"] = reachable(REDIS_URL, 6379)
    missing = [
        name
        for name, ok in (("PostgreSQL at " + PG_URL, _state["pg"]), ("Redis at " + REDIS_URL, _state["redis"]))
        if not ok
    ]
    if missing and IN_CI:
        pytest.exit(f"CI needs these services and they are unreachable: {', '.join(missing)}", returncode=3)
    if TEST_DB == "postgres" and not _state["pg"]:
        pytest.exit(f"FRAUDSAFE_TEST_DB=postgres but PostgreSQL is unreachable at {PG_URL}", returncode=3)


def pytest_unconfigure(config):
    server = _state.pop("secantus", None)
    if server is not None:
        server.stop()
        shutil.rmtree(_state.pop("secantus_dir"), ignore_errors=True)


def _uses_db(item) -> bool:
    if item.get_closest_marker("django_db"):
        return True
    return bool(
        {"db", "transactional_db", "live_server", "celery_worker", "django_db_setup"}
        & set(getattr(item, "fixturenames", ()))
    )


def pytest_collection_modifyitems(config, items):
    keep, drop = [], []
    for item in items:
        if TEST_DB == "postgres":
            (keep if _uses_db(item) else drop).append(item)
        else:
            (drop if item.get_closest_marker("postgres") else keep).append(item)
        if item.get_closest_marker("redis") and not _state.get("redis"):
            item.add_marker(pytest.mark.skip(reason=f"Redis unreachable at {REDIS_URL} (fails instead in CI)"))
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# --- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache (throttles, rate limits, cached reports never leak between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def secantus_uri() -> str:
    return os.environ["FRAUDSAFE_TEST_MONGO_URI"]


@pytest.fixture
def redis_url(worker_id) -> str:
    """A Redis database of its own for this xdist worker, emptied before the test."""
    import redis

    if not _state.get("redis"):
        pytest.skip(f"Redis unreachable at {REDIS_URL}")
    parsed = urlparse(REDIS_URL)
    # A database of its own per run and xdist worker (runs of several developers may share one Redis).
    run = int(os.environ.get("FRAUDSAFE_TEST_RUN_ID", os.getpid()))
    index = 1 + (run + (int(worker_id[2:]) if worker_id.startswith("gw") else 0)) % 15
    url = f"redis://{parsed.hostname}:{parsed.port or 6379}/{index}"
    redis.Redis.from_url(url).flushdb()
    return url


class WorkerProcess:
    """A real `celery worker` subprocess on Redis, pointed at this test's database."""

    def __init__(self, proc: subprocess.Popen, log: Path):
        self.proc, self.log = proc, log

    @property
    def pid(self) -> int:
        return self.proc.pid

    def kill(self) -> None:
        """SIGKILL the whole process group (parent and prefork children), like a crashed machine."""
        import signal

        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        import signal

        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""


@pytest.fixture
def celery_worker(request, transactional_db, redis_url, settings, tmp_path):
    """Factory: `celery_worker(queues="default", concurrency=1)` starts a worker and waits until it answers.

    The test process's Celery app is switched to the same Redis broker (not eager) for the test's duration.
    """
    from django.db import connections

    from fraudsafe.celery import app

    # With the CELERY namespace, the prefixed keys are what Django settings fed in; override both spellings.
    overrides = {
        "broker_url": redis_url,
        "result_backend": redis_url,
        "task_always_eager": False,
        "broker_transport_options": {"visibility_timeout": 30},
    }
    overrides.update({f"CELERY_{key.upper()}": value for key, value in list(overrides.items())})
    saved = {key: app.conf.get(key) for key in overrides}
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = redis_url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    app.conf.update(overrides)
    _reset_app_connections(app)
    # Eager tasks run in two threads at once (the race tests) can leave Celery's process-wide "inside a task" flag
    # set (each thread's denied_join_result restores what the other set): this process is no task, so results may
    # be waited for.
    from celery._state import _set_task_join_will_block

    _set_task_join_will_block(False)
    workers: list[WorkerProcess] = []

    def start(
        queues: str = "default",
        concurrency: int = 1,
        name: str = "",
        pool: str = "prefork",
        extra_env: dict | None = None,
    ) -> WorkerProcess:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test",
            "FRAUDSAFE_TEST_DB_NAME": str(connections["default"].settings_dict["NAME"]),
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "FRAUDSAFE_TEST_EAGER": "0",
            "FRAUDSAFE_TEST_ANALYTICS_ALIAS": settings.ANALYTICS_DB_ALIAS,
            "PYTHONUNBUFFERED": "1",
            **(extra_env or {}),
        }
        if "mongo" in connections:
            env["FRAUDSAFE_TEST_MONGO_DB_NAME"] = str(connections["mongo"].settings_dict["NAME"])
        if TEST_DB == "postgres":
            env["FRAUDSAFE_TEST_DB"] = "postgres"
        log = tmp_path / f"worker-{len(workers)}.log"
        node = name or f"w{len(workers)}-{os.getpid()}"
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "fraudsafe",
                "worker",
                "-Q",
                queues,
                "-c",
                str(concurrency),
                "-P",
                pool,
                "-n",
                f"{node}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel",
                "INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        worker = WorkerProcess(proc, log)
        workers.append(worker)
        _wait_ready(app, worker, queues.split(",")[0])
        return worker

    yield start
    for worker in workers:
        worker.stop()
    app.conf.update(saved)
    _reset_app_connections(app)


def _reset_app_connections(app) -> None:
    """Forget pooled connections and the cached result backend so the new broker settings take effect."""
    from kombu import pools

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None
    app._backend_cache = None
    app._local.__dict__.pop("backend", None)


def _wait_ready(app, worker: WorkerProcess, queue: str, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if worker.proc.poll() is not None:
            raise RuntimeError(f"celery worker exited early:\n{worker.output()[-4000:]}")
        try:
            result = app.send_task("fraudsafe.tasks.ping", args=["ready"], queue=queue)
            if result.get(timeout=5) == "ready":
                return
        except Exception as exc:  # noqa: BLE001 - not up yet, or a stale pooled connection: take fresh ones
            last = exc
            _reset_app_connections(app)
            time.sleep(0.5)
    raise RuntimeError(
        f"celery worker did not answer within {timeout}s (last error: {last!r}):\n{worker.output()[-4000:]}"
    )


@pytest.fixture
def signed_twilio_post(client, settings):
    """POST form data to a Twilio webhook path, signed exactly as Twilio signs it."""
    from twilio.request_validator import RequestValidator

    def post(path: str, data: dict, signature: str | None = None, **extra):
        url = settings.FRAUDSAFE_PUBLIC_URL + path
        if signature is None:
            signature = RequestValidator(settings.TWILIO_AUTH_TOKEN).compute_signature(url, data)
        return client.post(path, data, HTTP_X_TWILIO_SIGNATURE=signature, **extra)

    return post


@pytest.fixture
def partner_key_factory(db):
    """`partner_key_factory(scopes=None, **limits)` → (PartnerAPIKey, clear key). scopes=None: every scope."""
    from accounts.models import Scope
    from accounts.services import partner_key_create

    def make(scopes=None, partner: str = "Test Bank", **limits):
        return partner_key_create(
            partner=partner, name=f"{partner} test key", scopes=Scope.values if scopes is None else scopes, **limits
        )

    return make


@pytest.fixture
def partner_client_factory(partner_key_factory):
    """`partner_client_factory(scopes=None, **limits)`: a DRF APIClient with a fresh key (default: every scope);
    the key is at `client.api_key`."""
    from rest_framework.test import APIClient

    def make(scopes=None, **limits):
        api_key, key = partner_key_factory(scopes=scopes, **limits)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
        client.api_key = api_key
        return client

    return make


@pytest.fixture
def partner_api_client(partner_client_factory):
    """A DRF APIClient authenticated with a fresh partner API key holding every scope."""
    return partner_client_factory()


@pytest.fixture
def locmem_outbox():
    from fraudsafe.channels import locmem

    locmem.outbox.clear()
    yield locmem.outbox
    locmem.outbox.clear()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        if IN_CI:
            pytest.fail("chromium is not installed (the test command installs it)")
        pytest.skip("chromium is not installed")
    return path


@pytest.fixture
def browser_page(chromium_path, artifacts_dir):
    """A Playwright page in headless Debian Chromium (no browser download needed)."""
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium_path,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


def closes_its_db_connection(test):
    """Under Playwright's sync API the test body gets a database connection of its own (another context than
    the fixtures'); close it at the end so PostgreSQL can drop the test database."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        try:
            return test(*args, **kwargs)
        finally:
            from django.db import connections

            connections.close_all()

    return wrapper
