"""Writes of the patterns app: recording fraud cases (idempotent upserts) and computing report snapshots."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, router, transaction
from django.utils import timezone

from fraudsafe.districts import district_canonical
from patterns.analysis import build_report
from patterns.models import FraudCase, PatternReport

UPSERT_FIELDS = (
    "occurred_at",
    "district",
    "area",
    "fraud_type",
    "category",
    "amount",
    "reporter_hash",
    "fraudster_keys",
)


def district_normalise(value: str | None) -> str:
    """The canonical district name (fraudsafe.districts: "Bangalore" → "Bengaluru Urban"); unknown names cleaned
    ("PUNE" and "pune" count as "Pune"), never guessed."""
    return district_canonical(value)


def reporter_hash(aadhaar: str | None) -> str:
    """HMAC-SHA256 (keyed with SECRET_KEY) of an Aadhaar number: links cases of one person, never reveals it."""
    digits = re.sub(r"\D", "", str(aadhaar or ""))
    if not digits:
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), digits.encode(), hashlib.sha256).hexdigest()


@dataclass
class UpsertResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)  # (document id / line, reason)

    def add(self, other: UpsertResult) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.errors.extend(other.errors)


def _alias(using: str | None) -> str:
    return using or router.db_for_write(FraudCase)


def fraud_cases_upsert(*, source: str, cases: list[dict], using: str | None = None) -> UpsertResult:
    """Create or update FraudCases keyed by (source, source_ref) in one batch; re-running changes nothing.

    Each dict holds source_ref plus UPSERT_FIELDS (occurred_at aware). Queries: one read, one bulk insert,
    one bulk update — whatever the batch size.
    """
    alias = _alias(using)
    result = UpsertResult()
    by_ref: dict[str, dict] = {}
    for case in cases:
        by_ref[case["source_ref"]] = case  # the last version of a duplicated reference wins
    existing = {
        case.source_ref: case
        for case in FraudCase.objects.using(alias).filter(source=source, source_ref__in=list(by_ref))
    }
    new, changed = [], []
    for ref, values in by_ref.items():
        values = {name: values.get(name, _default(name)) for name in UPSERT_FIELDS}
        if values["amount"] is not None:
            values["amount"] = Decimal(values["amount"]).quantize(Decimal("0.01"))
        if values["occurred_at"] is not None:  # MongoDB keeps milliseconds: compare what every store can keep
            when = values["occurred_at"]
            values["occurred_at"] = when.replace(microsecond=when.microsecond // 1000 * 1000)
        current = existing.get(ref)
        if current is None:
            new.append(FraudCase(source=source, source_ref=ref, **values))
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            changed.append(current)
        else:
            result.unchanged += 1
    if new:
        try:
            with transaction.atomic(using=alias):
                FraudCase.objects.using(alias).bulk_create(new)
            result.created += len(new)
        except IntegrityError:  # a concurrent load inserted some of them: fall back to one by one
            for case in new:
                _, created = FraudCase.objects.using(alias).update_or_create(
                    source=source,
                    source_ref=case.source_ref,
                    defaults={name: getattr(case, name) for name in UPSERT_FIELDS},
                )
                result.created += created
                result.updated += not created
    if changed:
        FraudCase.objects.using(alias).bulk_update(changed, list(UPSERT_FIELDS))
        result.updated += len(changed)
    return result


def _default(name: str):
    return None if name in ("amount", "occurred_at") else ""


def fraud_cases_replace(*, source: str, ref_prefix: str, cases: list[dict]) -> UpsertResult:
    """Makes the cases whose reference starts with `ref_prefix` exactly `cases`: upserts them, deletes the rest.

    How another app keeps its records in the case store (e.g. one case per complaint transaction); idempotent.
    """
    alias = _alias(None)
    result = fraud_cases_upsert(source=source, cases=cases, using=alias)
    stale = (
        FraudCase.objects.using(alias)
        .filter(source=source, source_ref__startswith=ref_prefix)
        .exclude(source_ref__in=[case["source_ref"] for case in cases])
    )
    stale.delete()
    return result


def report_compute(
    *, days: int = 90, district: str = "", now: dt.datetime | None = None, using: str | None = None
) -> PatternReport:
    """Analyse the last `days` days up to `now` (nationally or for one district) and save the snapshot."""
    end = now or timezone.now()
    start = end - dt.timedelta(days=days)
    district = district_canonical(district)
    alias = using or router.db_for_write(PatternReport)
    report = build_report(start=start, end=end, district=district, using=alias)
    snapshot = PatternReport(
        window_start=start, window_end=end, district=district, case_count=report["case_count"], report=report
    )
    snapshot.save(using=alias)
    return snapshot


def reports_refresh(*, days: int | None = None, now: dt.datetime | None = None) -> list[str]:
    """The scheduled run: the national report, then one per district with cases (busiest first, bounded)."""
    days = days or settings.PATTERNS_REPORT_DAYS
    now = now or timezone.now()
    national = report_compute(days=days, now=now)
    ids = [str(national.id)]
    for entry in national.report["districts"][: settings.PATTERNS_DISTRICT_REPORTS]:
        ids.append(str(report_compute(days=days, district=entry["district"], now=now).id))
    return ids
