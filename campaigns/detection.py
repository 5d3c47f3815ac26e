"""Campaign detection: score every series' latest bucket, open, update and expire campaigns."""

import logging
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns import selectors
from campaigns.ingest import COMPLAINT_SERIES_PREFIX, FRAUDSTER_SERIES_PREFIX, complaint_signals_refresh
from campaigns.ml import series as series_scoring
from campaigns.ml import serving
from campaigns.models import Campaign
from fraudsafe.tasking import task_enqueue

logger = logging.getLogger(__name__)


def campaign_observe(
    *,
    channel: str,
    series: str,
    campaign_type: str,
    risk_score: float,
    scorer: str,
    volume: int,
    unique_targets: int,
    suspicious_numbers: int,
    seen_at: datetime,
) -> tuple[Campaign, bool]:
    """Opens a campaign for this series, or updates the active one (never two active per series)."""
    for _attempt in range(2):
        try:
            with transaction.atomic():
                campaign = (
                    Campaign.objects.select_for_update()
                    .filter(status=Campaign.Status.ACTIVE, channel=channel, series=series)
                    .first()
                )
                if campaign is None:
                    campaign = Campaign.objects.create(
                        campaign_type=campaign_type[:64],
                        channel=channel,
                        series=series,
                        risk_score=float(risk_score),
                        volume=int(volume),
                        unique_targets=int(unique_targets),
                        suspicious_numbers=int(suspicious_numbers),
                        scorer=scorer,
                        first_seen=seen_at,
                        last_seen=seen_at,
                    )
                    logger.warning(
                        "campaign %s opened: %s score %.2f volume %s", campaign.pk, channel, risk_score, volume
                    )
                    return campaign, True
                campaign.risk_score = max(campaign.risk_score, float(risk_score))
                campaign.volume = max(campaign.volume, int(volume))
                campaign.unique_targets = max(campaign.unique_targets, int(unique_targets))
                campaign.suspicious_numbers = max(campaign.suspicious_numbers, int(suspicious_numbers))
                campaign.last_seen = max(campaign.last_seen, seen_at)
                campaign.scorer = scorer
                campaign.save(
                    update_fields=[
                        "risk_score",
                        "volume",
                        "unique_targets",
                        "suspicious_numbers",
                        "last_seen",
                        "scorer",
                    ]
                )
                return campaign, False
        except IntegrityError:  # opened concurrently: update that one instead
            continue
    raise RuntimeError("could not open or update the campaign")


def campaigns_expire_quiet(*, now: datetime | None = None) -> list[int]:
    """Active campaigns not seen for the quiet period become expired. Returns their ids."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=selectors.thresholds().quiet_minutes)
    ids = list(selectors.campaigns_quiet_since(cutoff=cutoff).values_list("id", flat=True))
    Campaign.objects.filter(id__in=ids, status=Campaign.Status.ACTIVE).update(
        status=Campaign.Status.EXPIRED, ended_at=now
    )
    return ids


def campaign_deactivate(*, campaign_id: int, by=None, now: datetime | None = None) -> Campaign:
    """Staff end a campaign. Its verification holds stay until they expire."""
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        if campaign.status == Campaign.Status.ACTIVE:
            campaign.status = Campaign.Status.DEACTIVATED
            campaign.ended_at = now or timezone.now()
            campaign.deactivated_by = by if getattr(by, "pk", None) else None
            campaign.save(update_fields=["status", "ended_at", "deactivated_by"])
    return campaign


def _campaign_type(window) -> str:
    """The campaign type: "upi" for complaints of one fraud type, "fraudster_upi" for victims paying one UPI ID."""
    if window.series.startswith(FRAUDSTER_SERIES_PREFIX):
        return "fraudster_" + window.series.removeprefix(FRAUDSTER_SERIES_PREFIX).split(":")[0]
    return window.series.removeprefix(COMPLAINT_SERIES_PREFIX) if window.series else window.channel


def campaigns_detect(*, now: datetime | None = None) -> dict:
    """The beat job: refresh complaint counts, score the latest bucket of every series against its history in one
    batch, open or update campaigns above the thresholds, expire quiet ones. New campaigns get their cohort
    actions queued."""
    now = now or timezone.now()
    complaint_signals_refresh(now=now)
    t = selectors.thresholds()
    histories = selectors.series_histories(
        now=now, recent_minutes=t.quiet_minutes, silent_before=(COMPLAINT_SERIES_PREFIX, FRAUDSTER_SERIES_PREFIX)
    )
    opened, updated = [], []
    step = selectors.bucket_delta().total_seconds()
    scored = series_scoring.score_many(
        [
            series_scoring.latest_only(h.counts, h.t, unique=h.unique, suspicious=h.suspicious, step_seconds=step)
            for h in histories
        ]
    )
    scorer = scored[0].scorer if scored else serving.scorers()["campaign"]
    for h, result in zip(histories, scored, strict=True):
        score, volume = float(result.scores[-1]), int(h.counts[-1])
        if t.flags(score, volume):
            campaign, created = campaign_observe(
                channel=h.channel,
                series=h.series,
                campaign_type=_campaign_type(h),
                risk_score=score,
                scorer=scorer,
                volume=volume,
                unique_targets=int(h.unique[-1]),
                suspicious_numbers=int(h.suspicious[-1]),
                seen_at=min(now, h.latest_bucket + selectors.bucket_delta()),
            )
            (opened if created else updated).append(campaign.pk)
    expired = campaigns_expire_quiet(now=now)
    for campaign_id in opened:
        task_enqueue("campaigns.tasks.campaign_act_task", campaign_id, on_commit=True)
    return {"scored": len(histories), "scorer": scorer, "opened": opened, "updated": updated, "expired": expired}
