"""Alerts fan-out at scale (PostgreSQL): audience + consent + caps + bulk deliveries, send-path overhead, memory.

1. N opted-in citizens (default 1,000,000; BENCH_ALERTS_CITIZENS) inserted with generate_series.
2. Floor: one raw INSERT … SELECT of the same delivery rows straight from the citizen table.
3. Ours: `alert_fan_out` (set-based consent, caps from the contact ledger, quiet hours, bulk INSERT … SELECT,
   contact reservation, chunk planning) — recipients/s and the ratio to the floor (target ≤ 3×).
4. Memory: Python peak (tracemalloc) of the fan-out at N/10 and at N — flat means independent of N.
5. Send path with the locmem backend: per-message overhead of `deliveries_send_range` (claim, render, record)
   beyond the bare backend call (target ≤ 1 ms).
6. WhatsApp messaging limit: a WhatsApp fan-out to 100,000 citizens outside their 24-hour window (approved
   utility template) sent with WHATSAPP_TIER_LIMIT=250: business-initiated sends / limit (target ≤ 1×, exactly
   1× when the audience exceeds it); the rest waits, deferred to the next window.
"""

import os
import time
import tracemalloc

from django.db import connection, transaction
from django.utils import timezone

from bench.common import Row

N = int(os.environ.get("BENCH_ALERTS_CITIZENS", "1000000"))
SEND_SAMPLE = int(os.environ.get("BENCH_ALERTS_SEND_SAMPLE", "2000"))
BUDGET_S = float(os.environ.get("BENCH_ALERTS_BUDGET_S", "900"))
TIER_AUDIENCE = int(os.environ.get("BENCH_ALERTS_TIER_AUDIENCE", "100000"))


def _sql(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _seed(n: int) -> None:
    now = timezone.now()
    _sql(
        """
        INSERT INTO accounts_citizen (phone, name, email, district, area, pin_code, language, time_zone,
                                      created_at, updated_at)
        SELECT '+91' || (7000000000 + g)::text, 'Citizen ' || g, 'c' || g || '@example.com',
               CASE WHEN g %% 10 = 0 THEN 'Tenth' ELSE 'D' || (g %% 7) END, '', '560001', 'en', 'Asia/Kolkata',
               %s, %s
        FROM generate_series(1, %s) AS g
        """,
        [now, now, n],
    )
    _sql(
        """
        INSERT INTO accounts_consentevent (citizen_id, channel, action, source, evidence, created_at)
        SELECT id, 'sms', 'grant', 'import', 'bench', %s FROM accounts_citizen
        """,
        [now],
    )
    _sql("ANALYZE accounts_citizen; ANALYZE accounts_consentevent;")


def _floor(alert_id: int) -> float:
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        _sql(
            """
            INSERT INTO alerts_delivery (alert_id, citizen_id, channel, "to", status, skip_reason, not_before,
                                         deferred_by, attempts, provider_id, error_code, error, created_at,
                                         updated_at)
            SELECT %s, id, 'sms', '', 'pending', '', NULL, '', 0, '', '', '', %s, %s FROM accounts_citizen
            """,
            [alert_id, now, now],
        )
    elapsed = time.perf_counter() - started
    _sql("TRUNCATE alerts_delivery")
    return elapsed


def _new_alert(audience):
    from alerts.models import Alert

    return Alert.objects.create(
        kind="general", audience=audience.to_json(), template_key="general", channels=["sms"], status="scheduled"
    )


def _fan_out(audience) -> tuple[float, int, int]:
    """(seconds, python peak bytes, deliveries) of one fan-out."""
    from alerts.fanout import alert_fan_out
    from alerts.models import Delivery

    alert = _new_alert(audience)
    tracemalloc.start()
    started = time.perf_counter()
    _planned = sum(1 for _ in alert_fan_out(alert_id=alert.pk))  # planned lazily, as the task queues them
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return elapsed, peak, Delivery.objects.filter(alert=alert).count()


def _send_path(settings) -> tuple[float, float]:
    """(ms per message through deliveries_send_range, ms per bare locmem backend call)."""
    from alerts.audience import Audience
    from alerts.fanout import alert_fan_out, send_chunks
    from alerts.models import AlertContact, Delivery
    from alerts.sending import deliveries_send_range
    from fraudsafe.channels import OutboundMessage, locmem

    _sql("TRUNCATE alerts_alertcontact")
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM accounts_citizen ORDER BY id LIMIT %s", [SEND_SAMPLE])
        ids = cursor.fetchall()
    warm = _new_alert(Audience.of_citizens([row[0] for row in ids[-50:]]))
    for chunk in alert_fan_out(alert_id=warm.pk):  # first-use costs (imports, URL resolver) are not per message
        deliveries_send_range(alert_id=chunk[0], channel=chunk[1], first_id=chunk[2], last_id=chunk[3])
    _sql("TRUNCATE alerts_alertcontact")
    alert = _new_alert(Audience.of_citizens([row[0] for row in ids[:-50]]))
    list(alert_fan_out(alert_id=alert.pk))
    locmem.outbox.clear()
    started = time.perf_counter()
    for chunk in send_chunks(alert_id=alert.pk):
        deliveries_send_range(alert_id=chunk[0], channel=chunk[1], first_id=chunk[2], last_id=chunk[3])
    ours = (time.perf_counter() - started) / max(1, len(locmem.outbox)) * 1000
    sent = Delivery.objects.filter(alert=alert, status="sent").count()
    assert sent == len(locmem.outbox), (sent, len(locmem.outbox))
    backend = locmem.LocmemBackend()
    messages = [OutboundMessage(channel="sms", to=f"+91700000{i:04d}", body="x" * 160) for i in range(SEND_SAMPLE)]
    started = time.perf_counter()
    for message in messages:
        backend.send_messages([message])
    bare = (time.perf_counter() - started) / SEND_SAMPLE * 1000
    locmem.outbox.clear()
    AlertContact.objects.filter(alert=alert).delete()
    return ours, bare


def _tier_limit(settings) -> tuple[int, int, float]:
    """(business-initiated WhatsApp sends, deferred rows, seconds) of a WhatsApp fan-out + send over the limit."""
    from alerts.fanout import alert_fan_out, send_chunks
    from alerts.models import Alert, AlertTemplate, Delivery
    from alerts.sending import deliveries_send_range
    from fraudsafe.channels import locmem

    settings.WHATSAPP_TIER_LIMIT = 250
    AlertTemplate.objects.filter(key="general", channel="whatsapp").update(
        content_sid="HX" + "0" * 32, approval="approved", category="utility"
    )
    now = timezone.now()
    _sql(
        """
        INSERT INTO accounts_consentevent (citizen_id, channel, action, source, evidence, created_at)
        SELECT id, 'whatsapp', 'grant', 'import', 'bench', %s FROM accounts_citizen ORDER BY id LIMIT %s
        """,
        [now, TIER_AUDIENCE],
    )
    _sql("ANALYZE accounts_consentevent")
    alert = Alert.objects.create(
        kind="general", audience={"type": "everyone"}, template_key="general", channels=["whatsapp"],
        status="scheduled",
    )  # fmt: skip
    locmem.outbox.clear()
    started = time.perf_counter()
    list(alert_fan_out(alert_id=alert.pk))
    for chunk in send_chunks(alert_id=alert.pk):
        deliveries_send_range(alert_id=chunk[0], channel=chunk[1], first_id=chunk[2], last_id=chunk[3])
    elapsed = time.perf_counter() - started
    sent = sum(1 for message in locmem.outbox if message.content_sid)
    assert not any(message.channel == "whatsapp" and not message.content_sid for message in locmem.outbox)
    deferred = Delivery.objects.filter(alert=alert, status="pending", deferred_by="tier_limit").count()
    locmem.outbox.clear()
    return sent, deferred, elapsed


def run() -> list[Row]:
    from django.conf import settings

    from alerts.audience import Audience
    from alerts.services import templates_seed

    settings.ALERTS_RATE_LIMITS = {"sms": 0, "whatsapp": 0, "email": 0}
    settings.ALERTS_QUIET_HOURS = "00:00-00:00"
    templates_seed()
    rows: list[Row] = []
    deadline = time.monotonic() + BUDGET_S

    started = time.perf_counter()
    _seed(N)
    seed_s = time.perf_counter() - started
    rows.append(Row(f"seed {N:,} opted-in citizens (generate_series)", seed_s, "s"))

    floor_alert = _new_alert(Audience.everyone())
    floor_s = _floor(floor_alert.pk)

    # Memory: a tenth of the audience first, then everyone (contacts reset between runs so caps don't bite).
    small_s, small_peak, small_n = _fan_out(Audience.location("Tenth"))
    _sql("TRUNCATE alerts_alertcontact")
    _sql("TRUNCATE alerts_delivery; ANALYZE alerts_delivery")
    if time.monotonic() > deadline:
        return rows
    full_s, full_peak, full_n = _fan_out(Audience.everyone())
    ratio = full_s / floor_s if floor_s else None
    rows.append(
        Row(
            f"fan-out {full_n:,} recipients (consent+caps+bulk deliveries), recipients/s",
            full_n / full_s,
            "rows/s",
            "raw INSERT … SELECT (rows/s)",
            N / floor_s,
            ratio,
            "<= 3x floor time",
            ratio is not None and ratio <= 3,
        )
    )
    rows.append(Row("fan-out wall time", full_s, "s", "raw INSERT … SELECT", floor_s, ratio, "<= 3x", ratio <= 3))
    mem_ratio = full_peak / small_peak if small_peak else None
    rows.append(
        Row(
            f"fan-out Python peak memory at {full_n:,} vs {small_n:,}",
            full_peak / 1024,
            "KiB",
            f"peak at {small_n:,} (KiB)",
            small_peak / 1024,
            mem_ratio,
            "flat (<= 2x for 10x audience)",
            mem_ratio is not None and mem_ratio <= 2,
        )
    )
    _sql("TRUNCATE alerts_alertcontact")
    _sql("TRUNCATE alerts_delivery; ANALYZE alerts_delivery")
    if time.monotonic() > deadline:
        return rows
    ours_ms, bare_ms = _send_path(settings)
    overhead = ours_ms - bare_ms
    rows.append(
        Row(
            f"send path overhead per message (locmem, {SEND_SAMPLE:,} msgs)",
            overhead,
            "ms",
            "bare locmem backend call (ms)",
            bare_ms,
            ours_ms / bare_ms if bare_ms else None,
            "<= 1 ms",
            overhead <= 1.0,
        )
    )
    _sql("TRUNCATE alerts_alertcontact")
    _sql("TRUNCATE alerts_delivery; ANALYZE alerts_delivery")
    if time.monotonic() > deadline:
        return rows
    sent, deferred, tier_s = _tier_limit(settings)
    limit = settings.WHATSAPP_TIER_LIMIT
    rows.append(
        Row(
            f"WhatsApp fan-out {min(N, TIER_AUDIENCE):,} outside the window: template sends ({deferred:,} deferred, "
            f"{tier_s:.1f} s)",
            sent,
            "users",
            "WHATSAPP_TIER_LIMIT",
            limit,
            sent / limit,
            "<= 1x limit",
            sent <= limit,
        )
    )
    return rows
