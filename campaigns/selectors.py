"""Reads: thresholds in force, volume windows, campaigns, verification levels, statistics."""

from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import Citizen
from alerts.selectors import campaign_delivery_counts
from campaigns import features
from campaigns.ml import serving
from campaigns.models import BehaviourProfile, Campaign, CampaignSettings, VerificationHold, VolumeSample

LEVEL_ORDER = {"standard": 0, "elevated": 1, "high": 2}


FLAG_RULE = "score > threshold and volume >= min_volume"


@dataclass(frozen=True)
class Thresholds:
    cohort_vulnerability: float
    uplift: float
    campaign_anomaly: float
    min_volume: int
    hold_hours: int
    quiet_minutes: int

    def as_dict(self) -> dict:
        return asdict(self)

    def flags(self, score: float, volume: float) -> bool:
        """The one "flagged" rule (FLAG_RULE): the detection job, /detect, score-series and score_series."""
        return bool(score > self.campaign_anomaly and volume >= self.min_volume)

    def flagged_indexes(self, scores, volumes) -> list[int]:
        return [i for i, (s, v) in enumerate(zip(scores, volumes, strict=True)) if self.flags(float(s), float(v))]


def thresholds() -> Thresholds:
    """The thresholds in force: the admin's Campaign settings where set, else the CAMPAIGNS_* settings."""
    row = CampaignSettings.objects.filter(pk=1).first()

    def pick(field, default):
        value = getattr(row, field, None) if row else None
        return default if value is None else value

    return Thresholds(
        cohort_vulnerability=pick("cohort_vulnerability", settings.CAMPAIGNS_COHORT_THRESHOLD),
        uplift=pick("uplift", settings.CAMPAIGNS_UPLIFT_THRESHOLD),
        campaign_anomaly=pick("campaign_anomaly", settings.CAMPAIGNS_ANOMALY_THRESHOLD),
        min_volume=pick("min_volume", settings.CAMPAIGNS_MIN_VOLUME),
        hold_hours=settings.CAMPAIGNS_HOLD_HOURS,
        quiet_minutes=settings.CAMPAIGNS_QUIET_MINUTES,
    )


def bucket_floor(moment: datetime) -> datetime:
    """Start of the time bucket holding `moment` (buckets of CAMPAIGNS_BUCKET_MINUTES, aligned on the epoch)."""
    seconds = settings.CAMPAIGNS_BUCKET_MINUTES * 60
    stamp = int(moment.timestamp()) // seconds * seconds
    return datetime.fromtimestamp(stamp, tz=UTC)


def bucket_delta() -> timedelta:
    return timedelta(minutes=settings.CAMPAIGNS_BUCKET_MINUTES)


def history_buckets() -> int:
    """Buckets of history a series' latest bucket is scored against (level window and seasonal horizon)."""
    from campaigns.ml import seasonal

    seasonal_buckets = int(seasonal.horizon_seconds() // (settings.CAMPAIGNS_BUCKET_MINUTES * 60))
    return max(seasonal.LEVEL_POINTS, seasonal_buckets) + features.WINDOW + seasonal.CARRY


@dataclass
class SeriesHistory:
    channel: str
    series: str
    t: np.ndarray  # bucket starts, seconds since the epoch, one per bucket (consecutive)
    counts: np.ndarray
    unique: np.ndarray
    suspicious: np.ndarray
    latest_bucket: datetime


def series_histories(
    *,
    now: datetime,
    channel: str | None = None,
    series: str | None = None,
    recent_minutes: int | None = None,
    end_at_now: bool = False,
    silent_before: tuple[str, ...] = (),
) -> list[SeriesHistory]:
    """The stored buckets of every series, from its first bucket within history_buckets() to its latest bucket
    with data, if that bucket ended within `recent_minutes` of `now` (older series are left out) — or to `now`'s
    bucket when `end_at_now`. Missing buckets in between count as silence; so do the buckets before the first one
    for series whose name starts with one of `silent_before` (those FraudSafe counts itself: no row, no case)."""
    last = bucket_floor(now)
    step = bucket_delta()
    first = last - step * history_buckets()
    samples = VolumeSample.objects.filter(bucket_start__gte=first, bucket_start__lte=last)
    if channel is not None:
        samples = samples.filter(channel=channel)
    if series is not None:
        samples = samples.filter(series=series)
    grouped: dict[tuple[str, str], list[tuple]] = {}
    rows = samples.values_list("channel", "series", "bucket_start", "count", "unique_targets", "suspicious_numbers")
    for ch, se, start, count, unique, suspicious in rows:
        grouped.setdefault((ch, se), []).append((start, count, unique, suspicious))
    out = []
    for (ch, se), items in grouped.items():
        end = last if end_at_now else max(item[0] for item in items)
        if not end_at_now and recent_minutes is not None and end + step < now - timedelta(minutes=recent_minutes):
            continue
        begin = min(item[0] for item in items) if not se.startswith(silent_before) else first
        n = int(round((end - begin) / step)) + 1
        h = SeriesHistory(ch, se, begin.timestamp() + step.total_seconds() * np.arange(n), *np.zeros((3, n)), end)
        for start, count, unique, suspicious in items:
            i = int(round((start - begin) / step))
            if 0 <= i < n:
                h.counts[i], h.unique[i], h.suspicious[i] = count, unique, suspicious
        out.append(h)
    return out


def active_campaigns() -> QuerySet[Campaign]:
    return Campaign.objects.filter(status=Campaign.Status.ACTIVE).order_by("-last_seen")


def holds_in_force(*, now: datetime | None = None) -> QuerySet[VerificationHold]:
    now = now or timezone.now()
    return VerificationHold.objects.filter(expires_at__gt=now, released_at__isnull=True)


def verification_level(*, citizen: Citizen | None, now: datetime | None = None) -> dict:
    """{"level", "until", "reasons"}: the strictest hold in force for this citizen ("standard" if none)."""
    if citizen is None:
        return _strictest([])
    return _strictest(holds_in_force(now=now).filter(citizen=citizen).values("level", "expires_at", "reason"))


def verification_level_for_phone(*, phone: str, now: datetime | None = None) -> dict:
    """The same for an E.164 phone, in one query (partners ask this for every transaction)."""
    return _strictest(holds_in_force(now=now).filter(citizen__phone=phone).values("level", "expires_at", "reason"))


def _strictest(holds) -> dict:
    holds = list(holds)
    if not holds:
        return {"level": "standard", "until": None, "reasons": []}
    level = max((h["level"] for h in holds), key=LEVEL_ORDER.__getitem__)
    until = max(h["expires_at"] for h in holds if h["level"] == level)
    reasons = sorted({h["reason"] for h in holds})
    return {"level": level, "until": until, "reasons": reasons}


def behaviour_profile_count() -> int:
    """How many citizens have a behaviour profile (the cohort of a campaign acted on without a user list)."""
    return BehaviourProfile.objects.count()


def behaviour_of_citizens(*, citizen_ids: list[int] | None = None) -> tuple[list[int], np.ndarray]:
    """(citizen ids, raw behaviour matrix) of citizens with a behaviour profile."""
    profiles = BehaviourProfile.objects.all()
    if citizen_ids is not None:
        profiles = profiles.filter(citizen_id__in=citizen_ids)
    ids, rows = [], []
    for citizen_id, values in profiles.values_list("citizen_id", "features").iterator(chunk_size=5000):
        ids.append(citizen_id)
        rows.append(values)
    return ids, features.behaviour_matrix(rows)


def campaign_statistics(*, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    counts = delivery_counts()
    limits = {  # enforced by the alerts app, across every alert and channel
        "per_day": getattr(settings, "ALERTS_CAP_DAY", 3),
        "per_week": getattr(settings, "ALERTS_CAP_WEEK", 10),
        "min_hours_between": getattr(settings, "ALERTS_COOLDOWN_HOURS", 6),
    }
    return {
        "campaigns_detected": Campaign.objects.count(),
        "active_campaigns": active_campaigns().count(),
        "warnings_sent": counts.get("sent", 0) + counts.get("delivered", 0),
        "warnings_pending": counts.get("pending", 0),
        "warnings_failed": counts.get("failed", 0),
        "warnings_skipped": counts.get("skipped", 0),
        "unique_users_protected": holds_in_force(now=now).values("citizen").distinct().count(),
        "unique_users_warned": counts.get("unique_citizens", 0),
        "models_loaded": serving.scorers(),
        "thresholds": thresholds().as_dict(),
        "sms_limits": limits,
    }


def delivery_counts(*, campaign_ref: str | None = None) -> dict[str, int]:
    """Warning deliveries for campaign alerts, counted by the alerts app."""
    empty = {"pending": 0, "sent": 0, "delivered": 0, "failed": 0, "skipped": 0, "unique_citizens": 0}
    return {**empty, **campaign_delivery_counts(campaign_ref=campaign_ref)}


def citizen_ids_by_phone(phones: list[str]) -> dict[str, int]:
    return dict(Citizen.objects.filter(phone__in=phones).values_list("phone", "id"))


def campaigns_quiet_since(*, cutoff: datetime) -> QuerySet[Campaign]:
    return active_campaigns().filter(Q(last_seen__lt=cutoff))
