"""WhatsApp intake: one conversation step through the signed webhook (in-process and under gunicorn), the PDF.

Baselines measured in the same run: a bare Django view (same middleware, same serving). Every loop is bounded
by a count and a time limit; nothing here asserts.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from bench.common import Row, percentiles

WEBHOOK = "/webhooks/twilio/whatsapp/"
BARE = "/bench/bare/"
CONVERSATION = [
    "hi", "1", "yes", "Asha Rao", "9876543210", "17-05-1985", "Ramesh Kumar", "Bengaluru Urban", "560066", "1",
    "18-11-2026", "2:30 PM", "State Bank of India", "123456789012", "25,000", "412345678901",
    "1", "quickloan.help@ybl", "skip", "skip", "1",
]  # fmt: skip
STEP_SAMPLES, STEP_SECONDS = 600, 20.0
LOAD_SECONDS, CONCURRENCY = 8.0, 50
PDF_RUNS = 30


def _form(phone: str, body: str) -> dict:
    return {
        "From": f"whatsapp:{phone}",
        "To": "whatsapp:+14155238886",
        "Body": body,
        "MessageSid": "SM" + uuid.uuid4().hex,
        "NumMedia": "0",
    }


def _signer():
    from django.conf import settings
    from twilio.request_validator import RequestValidator

    validator = RequestValidator(settings.TWILIO_AUTH_TOKEN)
    url = settings.FRAUDSAFE_PUBLIC_URL + WEBHOOK
    return lambda data: validator.compute_signature(url, data)


def _conversation_script(today):
    day = today.strftime("%d-%m-%Y")
    return [day if text == "18-11-2026" else text for text in CONVERSATION]


def _in_process_steps() -> tuple[list[float], list[float]]:
    from django.db import connection

    # Keep the connection between requests as production does (the test settings close it after each one).
    saved = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 60
    try:
        return _timed_steps()
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = saved


def _timed_steps() -> tuple[list[float], list[float]]:
    from django.test import Client
    from django.utils import timezone

    script = _conversation_script(timezone.localdate())
    sign = _signer()
    client = Client()
    steps, bare = [], []
    deadline = time.monotonic() + STEP_SECONDS
    n = 0
    while len(steps) < STEP_SAMPLES and time.monotonic() < deadline:
        phone = f"+9191{n:08d}"  # a new citizen per conversation (the per-sender limit is 60 a minute)
        n += 1
        for text in [*script, "restart"]:
            data = _form(phone, text)
            signature = sign(data)
            started = time.perf_counter()
            response = client.post(WEBHOOK, data, HTTP_X_TWILIO_SIGNATURE=signature)
            steps.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise RuntimeError(f"webhook answered {response.status_code}")
    for _ in range(len(steps)):
        started = time.perf_counter()
        client.get("/bench-does-not-exist/")
        bare.append(time.perf_counter() - started)
        if time.monotonic() > deadline + STEP_SECONDS:
            break
    return steps, bare


def _pdf_render_ms() -> tuple[float, float]:
    from django.utils import timezone

    from complaints.pdf import complaint_pdf_render
    from complaints.services import complaint_submit

    today = timezone.localdate().isoformat()
    transactions = [
        {
            "date": today,
            "time": "10:0" + str(i),
            "bank": "State Bank of India",
            "account_number": f"12345678901{i}",
            "amount": "25000.50",
            "transaction_id": f"41234567890{i}",
            "fraud_type": "upi",
        }
        for i in range(5)
    ]
    answers = {
        "name": "Asha Rao",
        "mobile": "9876543210",
        "dob": "1985-05-17",
        "father_name": "Ramesh Kumar",
        "district": "Pune",
        "pin_code": "411001",
    }
    complaint = complaint_submit(phone="+919199999999", answers=answers, transactions=transactions)
    complaint_pdf_render(complaint)  # warm-up (font loading)
    samples = []
    for _ in range(PDF_RUNS):
        started = time.perf_counter()
        complaint_pdf_render(complaint)
        samples.append(time.perf_counter() - started)
    return percentiles(samples)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_gunicorn(port: int) -> subprocess.Popen:
    from django.db import connection

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "fraudsafe.settings_test",
        "FRAUDSAFE_TEST_DB": "postgres",
        "FRAUDSAFE_TEST_DB_NAME": connection.settings_dict["NAME"],
        "TWILIO_WEBHOOK_SENDER_PER_MINUTE": "1000000",
        "LOG_LEVEL": "WARNING",
    }
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "bench.bare_app:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--threads", "8", "--log-level", "warning"],
        cwd=root, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{BARE}", timeout=2).read()
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()[-2000:]) from None
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start within 30 s")


def _load(port: int, path: str, script: list[str]) -> tuple[float, int]:
    """Requests/s with CONCURRENCY concurrent conversations for LOAD_SECONDS; also the count of non-200s."""
    sign = _signer()
    done, errors = [0], [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + LOAD_SECONDS

    def conversation(worker: int) -> None:
        round_ = 0
        while time.monotonic() < stop_at:
            phone = f"+9192{worker:03d}{round_:05d}"
            round_ += 1
            for text in [*script, "restart"]:
                if time.monotonic() >= stop_at:
                    return
                data = _form(phone, text)
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}{path}",
                    data=urllib.parse.urlencode(data).encode(),
                    headers={"X-Twilio-Signature": sign(data)},
                )
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        response.read()
                        ok = response.status == 200
                except OSError:
                    ok = False
                with lock:
                    done[0] += 1
                    errors[0] += 0 if ok else 1

    started = time.monotonic()
    threads = [threading.Thread(target=conversation, args=(i,), daemon=True) for i in range(CONCURRENCY)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 60)
    return done[0] / (time.monotonic() - started), errors[0]


def run() -> list[Row]:
    from django.conf import settings
    from django.utils import timezone

    settings.TWILIO_WEBHOOK_SENDER_PER_MINUTE = 1_000_000
    rows = []
    steps, bare = _in_process_steps()
    step_p50, step_p99 = percentiles(steps)
    bare_p50, bare_p99 = percentiles(bare)
    rows += [
        Row("webhook step p50 in-process (signed, locked, TwiML)", step_p50, "ms", "Django 404 in-process", bare_p50,
            step_p50 / bare_p50, "", None),
        Row(f"webhook step p99 in-process ({len(steps)} steps)", step_p99, "ms", "Django 404 in-process", bare_p99,
            step_p99 / bare_p99, "<= 25 ms", step_p99 <= 25),
    ]  # fmt: skip

    pdf_p50, pdf_p99 = _pdf_render_ms()
    rows.append(Row("PDF of a 5-transaction complaint p50", pdf_p50, "ms", "", None, None, "<= 50 ms", pdf_p50 <= 50))
    rows.append(Row("PDF of a 5-transaction complaint p99", pdf_p99, "ms", "", None, None, "", None))

    port = _free_port()
    process = _start_gunicorn(port)
    try:
        script = _conversation_script(timezone.localdate())
        bare_rps, bare_errors = _load(port, BARE, script)
        hook_rps, hook_errors = _load(port, WEBHOOK, script)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
    ratio = hook_rps / bare_rps if bare_rps else None
    rows.append(
        Row(f"webhook req/s, gunicorn 2x8 gthread, {CONCURRENCY} conversations ({hook_errors} non-200)", hook_rps,
            "req/s", f"bare Django view ({bare_errors} non-200)", bare_rps, ratio, ">= 50 % of baseline",
            ratio is not None and ratio >= 0.5 and hook_errors == 0)
    )  # fmt: skip
    return rows
