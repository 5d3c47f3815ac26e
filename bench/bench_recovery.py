"""The money trail at scale (PostgreSQL): freeze requests opened for 10,000 submitted complaints, and a bank
listing its 1,000 open requests through the API.

1. 10,000 complaints (one transaction each, paid to a UPI ID; every tenth to a Yes Bank handle) inserted with
   generate_series.
2. Ours, as production runs it: the `complaint_submitted` receiver once per complaint, after the complaint's commit
   (resolve the handle, open the request and its history row, look for callbacks) — per-request cost, against the
   floor of one raw INSERT … SELECT (+ history row) per complaint in its own transaction.
3. Ours, batched: one `freeze_requests_open` call for all 10,000 — per-request cost, against the floor of one raw
   INSERT … SELECT of all the same request rows (handle → bank join in SQL) plus their history rows.
5. Listing: Yes Bank's key lists its 1,000 open requests (GET /api/freeze-requests/, two pages of 500, in-process,
   key check and serialisation included) — p50/p99 against a raw SQL SELECT of the same rows and columns.
"""

import os
import time

from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from bench.common import Row, percentiles

N = int(os.environ.get("BENCH_RECOVERY_COMPLAINTS", "10000"))
LISTINGS = int(os.environ.get("BENCH_RECOVERY_LISTINGS", "60"))
HANDLES = ["okhdfcbank", "oksbi", "okicici", "paytm", "okaxis", "ibl", "axl", "kotak", "pnb"]  # none is Yes Bank


def _sql(statement: str, params=None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


def _seed(n: int) -> list[int]:
    from accounts.services import citizen_upsert
    from complaints.models import Complaint

    citizen = citizen_upsert(phone="+919800000001", name="Bench Victim")
    now = timezone.now()
    _sql(
        """
        INSERT INTO complaints_complaint (ack_number, citizen_id, name, mobile, dob, father_name, district, pin_code,
                                          language, status, rejection_reason, pdf, created_at, updated_at)
        SELECT 'BENCH-' || g, %s, 'Bench Victim', '9800000001', '1985-05-17', 'Father', 'Pune', '411001',
               'en', 'pending', '', '', %s, %s
        FROM generate_series(1, %s) AS g
        """,
        [citizen.pk, now, now, n],
    )
    _sql(
        """
        INSERT INTO complaints_transaction (complaint_id, position, date, time, bank, account_number, amount,
               transaction_id, fraud_type, progress, beneficiary_kind, beneficiary_upi, beneficiary_account,
               beneficiary_ifsc, beneficiary_wallet, beneficiary_merchant, fraudster_phone, fraudster_website,
               field_sources)
        SELECT c.id, 1, %s, '14:30', 'State Bank of India', '1234567' || lpad(c.id::text, 8, '0'),
               1000 + (c.id %% 90000), 'UTR' || lpad(c.id::text, 12, '0'), 'upi', 'not_started', 'upi',
               'mule' || c.id || '@' || CASE WHEN c.id %% 10 = 0 THEN 'ybl'
                                             ELSE (%s::text[])[1 + c.id %% 9] END,
               '', '', '', '', '', '', '{}'
        FROM complaints_complaint c WHERE c.ack_number LIKE 'BENCH-%%'
        """,
        [timezone.localdate(), HANDLES],
    )
    _sql("ANALYZE complaints_complaint; ANALYZE complaints_transaction;")
    return list(Complaint.objects.filter(ack_number__startswith="BENCH-").order_by("pk").values_list("pk", flat=True))


def _clear() -> None:
    _sql("DELETE FROM recovery_freezeevent; DELETE FROM recovery_freezerequest;")


def _per_complaint(ids: list[int]) -> tuple[float, int]:
    from recovery.receivers import on_complaint_submitted

    started = time.perf_counter()
    for complaint_id in ids:  # as in production: after the submit's commit, in autocommit mode
        on_complaint_submitted(None, complaint_id=complaint_id)
    return time.perf_counter() - started, _count()


def _floor_per_complaint(ids: list[int]) -> tuple[float, int]:
    """The same rows, one raw INSERT … SELECT (+ history) per complaint in its own transaction."""
    now = timezone.now()
    started = time.perf_counter()
    for complaint_id in ids:
        with transaction.atomic():
            _sql(FLOOR_INSERT + " AND c.id = %s", [now, now, now, now, now, complaint_id])
            _sql(FLOOR_EVENTS + " WHERE complaint_id = %s", [now, complaint_id])
    return time.perf_counter() - started, _count()


def _batched(ids: list[int]) -> tuple[float, int]:
    from recovery.services import freeze_requests_open

    started = time.perf_counter()
    with transaction.atomic():
        freeze_requests_open(complaint_ids=ids)
    return time.perf_counter() - started, _count()


FLOOR_INSERT = """
            INSERT INTO recovery_freezerequest (complaint_id, transaction_id, parent_id, layer, bank_id, status,
                   beneficiary_kind, beneficiary_upi, beneficiary_account, beneficiary_ifsc, beneficiary_wallet,
                   identifier_key, amount, occurred_at, transaction_ref, source_bank, source_account, ack_number,
                   bank_reference, amount_held, reason, sent_at, ack_due_at, answer_due_at, times_sent,
                   created_at, updated_at)
            SELECT t.complaint_id, t.id, NULL, 1, h.bank_id, 'sent', 'upi', t.beneficiary_upi, '', '', '',
                   'upi:' || t.beneficiary_upi, t.amount, (t.date + t.time) AT TIME ZONE 'Asia/Kolkata',
                   t.transaction_id, t.bank, t.account_number, c.ack_number, '', 0, '', %s,
                   %s + interval '30 minutes', %s + interval '120 minutes', 1, %s, %s
            FROM complaints_transaction t
            JOIN complaints_complaint c ON c.id = t.complaint_id
            JOIN recovery_upihandle h ON h.handle = split_part(t.beneficiary_upi, '@', 2)
            WHERE c.ack_number LIKE 'BENCH-%%' AND c.status IN ('pending', 'in_progress')
"""
FLOOR_EVENTS = (
    "INSERT INTO recovery_freezeevent (request_id, kind, partner, note, created_at) "
    "SELECT id, 'created', '', '', %s FROM recovery_freezerequest"
)


def _floor() -> tuple[float, int]:
    now = timezone.now()
    started = time.perf_counter()
    with transaction.atomic():
        _sql(FLOOR_INSERT, [now, now, now, now, now])
        _sql(FLOOR_EVENTS, [now])
    return time.perf_counter() - started, _count()


def _count() -> int:
    from recovery.models import FreezeRequest

    return FreezeRequest.objects.count()


RAW_LISTING = """
    SELECT r.id, r.ack_number, r.layer, r.parent_id, r.status, b.code, r.amount, r.occurred_at, r.transaction_ref,
           t.fraud_type, r.beneficiary_kind, r.beneficiary_upi, r.beneficiary_account, r.beneficiary_ifsc,
           r.beneficiary_wallet, r.source_bank, r.source_account, r.sent_at, r.ack_due_at, r.answer_due_at,
           r.acknowledged_at, r.answered_at, r.bank_reference, r.amount_held, r.reason
    FROM recovery_freezerequest r
    JOIN recovery_bank b ON b.id = r.bank_id
    JOIN complaints_transaction t ON t.id = r.transaction_id
    WHERE r.bank_id = ANY(%s) AND r.status IN ('sent', 'acknowledged')
    ORDER BY r.sent_at, r.id
"""


def _listing(key: str, bank_ids: list[int]) -> tuple[list[float], list[float], int]:
    client = Client()
    api, raw, listed = [], [], 0
    for _ in range(LISTINGS):
        started = time.perf_counter()
        rows = 0
        url = "/api/freeze-requests/?page_size=500"
        while url:  # two pages of 500 at the bench's size
            response = client.get(url, HTTP_AUTHORIZATION=f"Api-Key {key}")
            assert response.status_code == 200, response.content[:500]
            body = response.json()
            rows += len(body["results"])
            url = body["next"]
        api.append(time.perf_counter() - started)
        listed = rows
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(RAW_LISTING, [bank_ids])
            cursor.fetchall()
        raw.append(time.perf_counter() - started)
    return api, raw, listed


def run() -> list[Row]:
    from django.conf import settings

    from accounts.services import partner_key_create
    from recovery.models import Bank, BankPartner

    settings.CELERY_BROKER_URL = "memory://"
    ids = _seed(N)
    per_s, per_n = _per_complaint(ids)
    _clear()
    floor_one_s, floor_one_n = _floor_per_complaint(ids)
    _clear()
    floor_s, floor_n = _floor()
    _clear()
    batch_s, batch_n = _batched(ids)

    key_row, key = partner_key_create(partner="Bench Yes Bank", name="bench", scopes=["freezes:manage"])
    partner = BankPartner.objects.create(key=key_row)
    partner.banks.set(Bank.objects.filter(code="YESB"))
    _sql("ANALYZE recovery_freezerequest;")
    api, raw, listed = _listing(key, list(partner.banks.values_list("pk", flat=True)))
    api_p50, api_p99 = percentiles(api)
    raw_p50, raw_p99 = percentiles(raw)
    per_ms, batch_ms, floor_ms, floor_one_ms = (
        s * 1000 / max(n, 1)
        for s, n in ((per_s, per_n), (batch_s, batch_n), (floor_s, floor_n), (floor_one_s, floor_one_n))
    )
    return [
        Row(
            f"freeze requests for {len(ids):,} submitted complaints, one receiver call each ({per_n:,} opened), "
            "per request",
            per_ms,
            "ms",
            "raw INSERT … SELECT (+ history) per complaint, own transaction",
            floor_one_ms,
            per_ms / floor_one_ms,
            "report (golden hour: ≪ 1 s each)",
            None,
        ),
        Row(
            f"the same, one batched call for {len(ids):,} complaints ({batch_n:,} opened), per request",
            batch_ms,
            "ms",
            "raw INSERT … SELECT (+ history rows), per request",
            floor_ms,
            batch_ms / floor_ms,
            "<= 10x floor",
            batch_ms / floor_ms <= 10,
        ),
        Row(
            f"a bank lists its {listed:,} open requests (2 pages of 500, key check, JSON) p50",
            api_p50,
            "ms",
            "raw SQL SELECT of the same rows p50",
            raw_p50,
            api_p50 / raw_p50,
            "",
            None,
        ),
        Row(
            f"a bank lists its {listed:,} open requests p99",
            api_p99,
            "ms",
            "raw SQL SELECT of the same rows p99",
            raw_p99,
            api_p99 / raw_p99,
            "report",
            None,
        ),
    ]
