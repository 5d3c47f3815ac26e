"""What campaigns are detected from: hourly volume signals (partners, complaints) and citizens' behaviour."""

from collections import defaultdict
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from accounts.models import Citizen
from campaigns import features, selectors
from campaigns.models import BehaviourProfile, VolumeSample
from patterns.models import FraudCase

COMPLAINT_SERIES_PREFIX = "complaints:"
# "fraudster:<kind>:<keyed hash>": complaints per fraudster identifier (a burst of victims paying one UPI ID).
FRAUDSTER_SERIES_PREFIX = "fraudster:"


def volume_samples_ingest(*, samples: list[dict], source: str = VolumeSample.Source.PARTNER) -> int:
    """Stores a batch of {channel, bucket_start, count, unique_targets?, suspicious_numbers?, series?}; a bucket
    sent again replaces the earlier value (batches are idempotent). Returns how many buckets were written."""
    merged: dict[tuple, VolumeSample] = {}
    for sample in samples:
        start = selectors.bucket_floor(sample["bucket_start"])
        count = int(sample["count"])
        key = (sample["channel"], sample.get("series", ""), start)
        merged[key] = VolumeSample(
            channel=sample["channel"],
            series=sample.get("series", ""),
            bucket_start=start,
            count=count,
            unique_targets=min(int(sample.get("unique_targets", count) or 0), count),
            suspicious_numbers=min(int(sample.get("suspicious_numbers", 0) or 0), count),
            source=source,
            received_at=timezone.now(),
        )
    VolumeSample.objects.bulk_create(
        list(merged.values()),
        update_conflicts=True,
        unique_fields=["channel", "series", "bucket_start"],
        update_fields=["count", "unique_targets", "suspicious_numbers", "source", "received_at"],
        batch_size=1000,
    )
    return len(merged)


def complaint_signals_refresh(*, now: datetime | None = None) -> int:
    """Counts complaint transactions (patterns.FraudCase) per bucket over the last window, per fraud type
    ("complaints:<fraud type>") and per fraudster identifier hash ("fraudster:<kind>:<hash>", only identifiers
    with at least CAMPAIGNS_FRAUDSTER_MIN_CASES cases in the window), and stores them as `transaction` series."""
    now = now or timezone.now()
    last = selectors.bucket_floor(now)
    first = last - selectors.bucket_delta() * (features.WINDOW - 1)
    counts: dict[tuple[str, datetime], int] = defaultdict(int)
    per_fraudster: dict[str, int] = defaultdict(int)
    cases = FraudCase.objects.filter(occurred_at__gte=first, occurred_at__lt=last + selectors.bucket_delta())
    rows = cases.values_list("occurred_at", "fraud_type", "fraudster_keys")
    for occurred_at, fraud_type, keys in rows.iterator():
        bucket = selectors.bucket_floor(occurred_at)
        counts[((COMPLAINT_SERIES_PREFIX + (fraud_type or "other").strip().lower())[:64], bucket)] += 1
        for key in set((keys or "").split()):
            series = (FRAUDSTER_SERIES_PREFIX + key)[:64]
            counts[(series, bucket)] += 1
            per_fraudster[series] += 1
    minimum = settings.CAMPAIGNS_FRAUDSTER_MIN_CASES
    samples = [
        {"channel": "transaction", "series": series, "bucket_start": start, "count": n, "unique_targets": n}
        for (series, start), n in counts.items()
        if not series.startswith(FRAUDSTER_SERIES_PREFIX) or per_fraudster[series] >= minimum
    ]
    return volume_samples_ingest(samples=samples, source=VolumeSample.Source.COMPLAINTS) if samples else 0


def behaviour_upsert(*, profiles: list[dict]) -> int:
    """Stores behaviour features per citizen ({"phone": E.164, <feature>: value, ...}); creates unknown citizens
    (they get no warning without consent, but partners can see their verification level)."""
    phones = [p["phone"] for p in profiles]
    ids = citizen_ids_for_phones(phones)
    now = timezone.now()
    rows = []
    for profile in profiles:
        values = {name: profile[name] for name in features.BEHAVIOUR_NAMES if profile.get(name) is not None}
        rows.append(BehaviourProfile(citizen_id=ids[profile["phone"]], features=values, updated_at=now))
    BehaviourProfile.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["citizen"], update_fields=["features", "updated_at"]
    )
    return len(rows)


def citizen_ids_for_phones(phones: list[str]) -> dict[str, int]:
    """E.164 phone → citizen id, creating the citizens that do not exist yet."""
    unique = list(dict.fromkeys(phones))
    found: dict[str, int] = {}
    for start in range(0, len(unique), 5000):
        found.update({str(p): i for p, i in selectors.citizen_ids_by_phone(unique[start : start + 5000]).items()})
    missing = [p for p in unique if p not in found]
    if missing:
        Citizen.objects.bulk_create([Citizen(phone=p) for p in missing], ignore_conflicts=True, batch_size=1000)
        for start in range(0, len(missing), 5000):
            chunk = missing[start : start + 5000]
            found.update({str(p): i for p, i in selectors.citizen_ids_by_phone(chunk).items()})
    return found
