"""The old MoMo service's contracts (detect-campaign, identify-vulnerable-users, process-campaign-alert),
answered with the same detection and cohort code as everything else."""

from datetime import datetime

import numpy as np
from django.utils import timezone

from accounts.models import PartnerAPIKey
from accounts.services import partner_audience_check
from campaigns import features, selectors
from campaigns.cohort import campaign_act, cohort_score
from campaigns.detection import campaign_observe
from campaigns.ml import seasonal
from campaigns.ml import series as series_scoring

METRIC_VOLUME_FIELDS = ("call_volume_last_hour", "sms_volume_last_hour", "transaction_volume_last_hour", "volume")


def campaign_detect_metrics(*, metrics: dict, now: datetime | None = None) -> dict:
    """The old `detect-campaign` contract: current-hour metrics of one channel, scored as the latest bucket of the
    channel's stored history (the same scoring as score-series); opens or updates a campaign when it is one."""
    now = now or timezone.now()
    t = selectors.thresholds()
    campaign_type = metrics.get("campaign_type") or "call"
    channel = metrics.get("channel") or (campaign_type if campaign_type in features.CHANNELS else "call")
    volume = next((int(metrics[f]) for f in METRIC_VOLUME_FIELDS if metrics.get(f) is not None), 0)
    unique = int(metrics.get("unique_targets", volume) or 0)
    suspicious = int(metrics.get("suspicious_numbers", 0) or 0)
    bucket = selectors.bucket_floor(now)
    histories = selectors.series_histories(now=now, channel=channel, series="", end_at_now=True)
    if histories:
        h = histories[0]
        stamps, counts, uniques, susp = h.t, h.counts.copy(), h.unique.copy(), h.suspicious.copy()
    else:
        stamps, counts, uniques, susp = (np.array([bucket.timestamp()]), *np.zeros((3, 1)))
    counts[-1], uniques[-1], susp[-1] = volume, min(unique, volume), min(suspicious, volume)
    scored = series_scoring.score_series(
        counts, stamps, unique=uniques, suspicious=susp, step_seconds=selectors.bucket_delta().total_seconds()
    )
    score, scorer = float(scored.scores[-1]), scored.scorer
    reported = metrics.get("pattern_anomaly_score")
    too_little_history = len(stamps) - 1 < seasonal.MIN_POINTS
    if reported is not None and (scorer == "heuristic" or too_little_history):
        score = float(reported)  # the old service took the caller's anomaly score as it was
    detected = t.flags(score, volume)
    result = {
        "campaign_detected": detected,
        "is_campaign": detected,
        "campaign_id": None,
        "campaign_type": campaign_type,
        "channel": channel,
        "risk_score": round(score, 4),
        "anomaly_score": round(score, 4),
        "reported_anomaly_score": reported,
        "volume": volume,
        "unique_targets": unique,
        "threshold": t.campaign_anomaly,
        "min_volume": t.min_volume,
        "scorer": scorer,
        "new_campaign": False,
    }
    if detected:
        campaign, created = campaign_observe(
            channel=channel,
            series="",
            campaign_type=campaign_type,
            risk_score=score,
            scorer=scorer,
            volume=volume,
            unique_targets=unique,
            suspicious_numbers=suspicious,
            seen_at=now,
        )
        result["campaign_id"], result["new_campaign"] = campaign.pk, created
    return result


def vulnerable_users_identify(*, users: list[dict]) -> dict:
    """The old `identify-vulnerable-users` contract over a list of users' behaviour features."""
    t = selectors.thresholds()
    raw = features.behaviour_matrix(users)
    scored = cohort_score(raw=raw)
    chosen = np.flatnonzero(scored["selected"])
    factors = features.risk_factors(raw[chosen]) if len(chosen) else []
    vulnerable = [
        {
            "user_id": users[i].get("user_id") or users[i].get("phone") or str(i),
            "vulnerability_score": round(float(scored["vulnerability"][i]), 4),
            "risk_factors": factors[k],
        }
        for k, i in enumerate(chosen)
    ]
    return {
        "vulnerable_users": vulnerable,
        "total_analyzed": len(users),
        "vulnerable_count": len(vulnerable),
        "threshold": t.cohort_vulnerability,
        "scorer": scored["cohort_scorer"],
    }


def campaign_process_alert(
    *, metrics: dict, users: list[dict] | None, now: datetime | None = None, partner_key: PartnerAPIKey | None = None
) -> dict:
    """The old `process-campaign-alert` contract, end to end: detect, then act on the given users (None: every
    citizen with a behaviour profile). A partner's call may concern at most its key's audience size of users."""
    if partner_key is not None:
        size = len(users) if users else selectors.behaviour_profile_count()
        partner_audience_check(key=partner_key, size=size)
    detection = campaign_detect_metrics(metrics=metrics, now=now)
    result = {
        "campaign_detected": detection["campaign_detected"],
        "campaign_id": detection["campaign_id"],
        "detection": detection,
        "vulnerable_count": 0,
        "warnings_sent": 0,
        "warnings_pending": 0,
        "warnings_skipped": 0,
        "actions": [],
        "scorer": {"campaign": detection["scorer"]},
    }
    if not detection["campaign_detected"]:
        return result
    acted = campaign_act(campaign_id=detection["campaign_id"], users=users, now=now, fan_out_now=True)
    result.update(
        vulnerable_count=acted["vulnerable_count"],
        warnings_sent=acted["warnings_sent"],
        warnings_pending=acted["warnings_pending"],
        warnings_skipped=acted["warnings_skipped"],
        actions=acted["actions"],
        hold_until=acted["hold_until"],
    )
    result["scorer"].update(cohort=acted["cohort_scorer"], uplift=acted["uplift_scorer"])
    return result
