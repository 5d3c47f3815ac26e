"""Bounded load clients over loopback: WhatsApp conversations and mixed partner API traffic.

Used by the load tests (tests/test_load.py) and by `make bench` (bench/bench_load.py).
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATH = "/webhooks/twilio/whatsapp/"
PERSONAL = ["Asha Rao", "9876543210", "17-05-1985", "Ramesh Kumar", "Bengaluru Urban", "560066"]
# After the transaction ID: where the money went (5 = don't know), the fraudster's phone and website (skipped).
TRANSACTION = [
    "18-11-2026", "2:30 PM", "State Bank of India", "123456789012", "25,000", "412345678901", "5", "skip", "skip", "1",
]  # fmt: skip
SCRIPT = ["hi", "1", "yes", *PERSONAL, "1", *TRANSACTION, "confirm", "no"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env_overrides: dict, *, workers: int = 2, threads: int = 16, app: str = "fraudsafe.wsgi"):
    """A gunicorn process on 127.0.0.1 with the given environment and the project's gunicorn.conf.py (its workers
    warm the active models before they answer); yields its base URL once /api/health answers (at most 60 s)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test",
        "CELERY_BROKER_URL": "memory://",
        **env_overrides,
    }
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=5):  # noqa: S310
                    break
            except urllib.error.HTTPError:
                break
            except OSError:
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    completed: int = 0
    wall_s: float = 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else float("nan")


def _post(base: str, public_url: str, token: str, data: dict) -> tuple[int, str]:
    from twilio.request_validator import RequestValidator

    signature = RequestValidator(token).compute_signature(public_url + PATH, data)
    request = urllib.request.Request(
        base + PATH,
        data=urllib.parse.urlencode(data).encode(),
        method="POST",
        headers={
            "X-Twilio-Signature": signature,
            "Host": urllib.parse.urlsplit(public_url).netloc,
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def whatsapp_conversations(
    base: str,
    *,
    conversations: int,
    public_url: str,
    token: str,
    phone_prefix: str = "+91700",
    time_limit_s: float = 300,
) -> LoadResult:
    """Runs `conversations` complete complaint conversations at once; each step must answer 200 with a reply."""
    result = LoadResult()
    lock = threading.Lock()
    started = time.perf_counter()

    def converse(index: int) -> None:
        phone = f"{phone_prefix}{index:07d}"
        for text in SCRIPT:
            if time.perf_counter() - started > time_limit_s:
                with lock:
                    result.errors.append(f"{index}: time limit")
                return
            data = {
                "From": f"whatsapp:{phone}",
                "To": "whatsapp:+14155238886",
                "Body": text,
                "MessageSid": "SM" + uuid.uuid4().hex,
                "NumMedia": "0",
            }
            t0 = time.perf_counter()
            status, body = _post(base, public_url, token, data)
            elapsed = time.perf_counter() - t0
            with lock:
                result.latencies.append(elapsed)
            if status != 200 or "<Message" not in body:
                with lock:
                    result.errors.append(f"{index}: {text!r} -> {status} {body[:120]}")
                return
        with lock:
            result.completed += 1

    with ThreadPoolExecutor(max_workers=conversations) as pool:
        list(pool.map(converse, range(conversations)))
    result.wall_s = time.perf_counter() - started
    return result


def partner_traffic(base: str, *, key: str, paths: list[str], requests: int, concurrency: int = 20) -> dict:
    """Mixed GETs with one partner key: counts of each status code, and the p99 of answered ones."""
    codes: dict[int, int] = {}
    latencies: list[float] = []
    lock = threading.Lock()

    def one(i: int) -> None:
        request = urllib.request.Request(base + paths[i % len(paths)], headers={"Authorization": f"Api-Key {key}"})
        t0 = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
                code = response.status
                response.read()
        except urllib.error.HTTPError as error:
            code = error.code
        with lock:
            codes[code] = codes.get(code, 0) + 1
            latencies.append(time.perf_counter() - t0)

    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(requests)))
    latencies.sort()
    return {"codes": codes, "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000 if latencies else 0.0}
