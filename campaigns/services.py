"""Writes: signals, behaviour, campaign lifecycle, cohort actions (warnings via alerts, verification holds)."""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Citizen
from campaigns import features, selectors
from campaigns.models import BehaviourProfile, Campaign, ModelVersion, VerificationHold, VolumeSample

logger = logging.getLogger(__name__)

COMPLAINT_SERIES_PREFIX = "complaints:"


# --- signals -----------------------------------------------------------------------------------------------------


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
    """Counts complaint transactions (patterns.FraudCase) per fraud type and bucket over the last window and
    stores them as `transaction` series named "complaints:<fraud type>"."""
    try:
        from patterns.models import FraudCase
    except ImportError:  # the case store is not installed
        return 0
    now = now or timezone.now()
    last = selectors.bucket_floor(now)
    first = last - selectors.bucket_delta() * (features.WINDOW - 1)
    counts: dict[tuple[str, datetime], int] = defaultdict(int)
    cases = FraudCase.objects.filter(occurred_at__gte=first, occurred_at__lt=last + selectors.bucket_delta())
    for occurred_at, fraud_type in cases.values_list("occurred_at", "fraud_type").iterator():
        series = (COMPLAINT_SERIES_PREFIX + (fraud_type or "other").strip().lower())[:64]
        counts[(series, selectors.bucket_floor(occurred_at))] += 1
    samples = [
        {"channel": "transaction", "series": series, "bucket_start": start, "count": n, "unique_targets": n}
        for (series, start), n in counts.items()
    ]
    return volume_samples_ingest(samples=samples, source=VolumeSample.Source.COMPLAINTS) if samples else 0


def behaviour_upsert(*, profiles: list[dict]) -> int:
    """Stores behaviour features per citizen ({"phone": E.164, <feature>: value, ...}); creates unknown citizens
    (they get no warning without consent, but partners can see their verification level)."""
    phones = [p["phone"] for p in profiles]
    ids = _citizen_ids(phones)
    now = timezone.now()
    rows = []
    for profile in profiles:
        values = {name: profile[name] for name in features.BEHAVIOUR_NAMES if profile.get(name) is not None}
        rows.append(BehaviourProfile(citizen_id=ids[profile["phone"]], features=values, updated_at=now))
    BehaviourProfile.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["citizen"], update_fields=["features", "updated_at"]
    )
    return len(rows)


def _citizen_ids(phones: list[str]) -> dict[str, int]:
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


# --- campaign lifecycle ------------------------------------------------------------------------------------------


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


def campaigns_detect(*, now: datetime | None = None) -> dict:
    """The beat job: refresh complaint counts, score the latest window of every series in one batch, open or
    update campaigns above the thresholds, expire quiet ones. New campaigns get their cohort actions queued."""
    from campaigns.ml import serving

    now = now or timezone.now()
    complaint_signals_refresh(now=now)
    t = selectors.thresholds()
    windows = selectors.series_windows(now=now, recent_minutes=t.quiet_minutes)
    opened, updated = [], []
    scorer = serving.scorers()["campaign"]
    if windows:
        scores, scorer = serving.score_windows(
            np.stack([w.counts for w in windows]),
            np.stack([w.unique for w in windows]),
            np.stack([w.suspicious for w in windows]),
        )
        for w, score in zip(windows, scores, strict=True):
            volume = int(w.counts[-1])
            if score > t.campaign_anomaly and volume >= t.min_volume:
                campaign_type = w.series.removeprefix(COMPLAINT_SERIES_PREFIX) if w.series else w.channel
                campaign, created = campaign_observe(
                    channel=w.channel,
                    series=w.series,
                    campaign_type=campaign_type,
                    risk_score=float(score),
                    scorer=scorer,
                    volume=volume,
                    unique_targets=int(w.unique[-1]),
                    suspicious_numbers=int(w.suspicious[-1]),
                    seen_at=min(now, w.latest_bucket + selectors.bucket_delta()),
                )
                (opened if created else updated).append(campaign.pk)
    expired = campaigns_expire_quiet(now=now)
    if opened:
        from campaigns.tasks import campaign_act_task

        for campaign_id in opened:
            transaction.on_commit(lambda cid=campaign_id: campaign_act_task.delay(cid))
    return {"scored": len(windows), "scorer": scorer, "opened": opened, "updated": updated, "expired": expired}


METRIC_VOLUME_FIELDS = ("call_volume_last_hour", "sms_volume_last_hour", "transaction_volume_last_hour", "volume")


def campaign_detect_metrics(*, metrics: dict, now: datetime | None = None) -> dict:
    """The old `detect-campaign` contract: current-hour metrics of one channel, scored against the stored
    history of that channel; opens or updates a campaign when it is one."""
    from campaigns.ml import serving

    now = now or timezone.now()
    t = selectors.thresholds()
    campaign_type = metrics.get("campaign_type") or "call"
    channel = metrics.get("channel") or (campaign_type if campaign_type in features.CHANNELS else "call")
    volume = next((int(metrics[f]) for f in METRIC_VOLUME_FIELDS if metrics.get(f) is not None), 0)
    unique = int(metrics.get("unique_targets", volume) or 0)
    suspicious = int(metrics.get("suspicious_numbers", 0) or 0)
    history = selectors.series_windows(now=now, channel=channel, series="", end_at_now=True)
    counts = history[0].counts.copy() if history else np.zeros(features.WINDOW, np.float32)
    uniques = history[0].unique.copy() if history else np.zeros(features.WINDOW, np.float32)
    susp = history[0].suspicious.copy() if history else np.zeros(features.WINDOW, np.float32)
    counts[-1], uniques[-1], susp[-1] = volume, min(unique, volume), min(suspicious, volume)
    scores, scorer = serving.score_windows(counts[None], uniques[None], susp[None])
    score = float(scores[0])
    reported = metrics.get("pattern_anomaly_score")
    if scorer == "heuristic" and reported is not None:
        score = float(reported)  # the old service took the caller's anomaly score as it was
    detected = score > t.campaign_anomaly and volume >= t.min_volume
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


# --- cohort ------------------------------------------------------------------------------------------------------


def template_key_for(*, risky_interactions: float, vulnerability: float) -> str:
    """SPEC §5: risky interactions > 5 → targeted warning; risk > 0.9 → campaign alert; else scam warning."""
    if risky_interactions > 5:
        return "targeted_warning"
    if vulnerability > 0.9:
        return "campaign_alert"
    return "scam_warning"


def cohort_score(*, raw: np.ndarray, context: list[float] | None = None) -> dict:
    """Vulnerability (and uplift for a campaign context) for every row, with risk factors and the selection."""
    from campaigns.ml import serving

    t = selectors.thresholds()
    vulnerability, cohort_scorer = serving.score_behaviour(raw)
    selected = vulnerability >= t.cohort_vulnerability
    result = {"vulnerability": vulnerability, "cohort_scorer": cohort_scorer, "uplift": None, "uplift_scorer": None}
    if context is not None:
        uplift, uplift_scorer = serving.score_uplift(raw, context)
        selected &= uplift >= t.uplift
        result["uplift"], result["uplift_scorer"] = uplift, uplift_scorer
    result["selected"] = selected
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


def campaign_act(
    *, campaign_id: int, users: list[dict] | None = None, now: datetime | None = None, fan_out_now: bool = False
) -> dict:
    """Cohort actions for a campaign: score the cohort (the given users, else every citizen with a behaviour
    profile), warn the selected ones through alerts, put them under stricter verification until now + hold
    hours, notify fraud ops once. Idempotent: citizens already held for this campaign are not acted on again.

    `fan_out_now` creates the alerts' deliveries (consent, quiet hours and caps applied) before returning, so
    that the counts are final; sending stays asynchronous. Otherwise the alerts workers fan out."""
    now = now or timezone.now()
    t = selectors.thresholds()
    campaign = Campaign.objects.get(pk=campaign_id)
    if users is None:
        citizen_ids, raw = selectors.behaviour_of_citizens()
    else:
        raw = features.behaviour_matrix(users)
        phones = [u.get("phone") for u in users]
        with_phone = [i for i, p in enumerate(phones) if p]
        ids = _citizen_ids([phones[i] for i in with_phone]) if with_phone else {}
        raw = raw[with_phone]
        citizen_ids = [ids[phones[i]] for i in with_phone]
    context = features.campaign_context(
        anomaly_score=campaign.risk_score,
        volume=campaign.volume,
        unique_targets=campaign.unique_targets,
        suspicious=campaign.suspicious_numbers,
        channel=campaign.channel,
    )
    scored = cohort_score(raw=raw, context=context) if len(citizen_ids) else None
    chosen = np.flatnonzero(scored["selected"]) if scored else np.array([], dtype=int)
    chosen_ids = [citizen_ids[i] for i in chosen]
    risky_col = features.BEHAVIOUR_NAMES.index("risky_interactions_7d")
    until = now + timedelta(hours=t.hold_hours)
    reason = _("Scam campaign #%(id)s (%(type)s) targeting vulnerable users") % {
        "id": campaign.pk,
        "type": campaign.campaign_type,
    }
    actions = []
    with transaction.atomic():
        # The campaign row lock serialises concurrent runs (beat task, API): each citizen is acted on once.
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        already = set(VerificationHold.objects.filter(campaign=campaign).values_list("citizen_id", flat=True))
        groups: dict[str, list[int]] = defaultdict(list)
        holds = []
        for i in chosen:
            citizen_id = citizen_ids[i]
            if citizen_id in already:
                continue
            key = template_key_for(
                risky_interactions=float(raw[i, risky_col]), vulnerability=float(scored["vulnerability"][i])
            )
            groups[key].append(citizen_id)
            level = VerificationHold.Level.HIGH if key != "scam_warning" else VerificationHold.Level.ELEVATED
            holds.append(
                VerificationHold(
                    citizen_id=citizen_id, level=level, reason=reason[:200], campaign=campaign, created_at=now,
                    expires_at=until,
                )
            )  # fmt: skip
        alert_ids = _warn(campaign=campaign, groups=groups, hold_hours=t.hold_hours)
        VerificationHold.objects.bulk_create(holds, ignore_conflicts=True, batch_size=2000)
        if alert_ids:
            actions.append("warnings_queued")
        if holds:
            actions.append("stricter_verification_enabled")
        campaign.vulnerable_count = max(campaign.vulnerable_count, len(chosen_ids))
        notify = "fraud_ops_notified" not in campaign.actions
        if notify:
            actions.append("fraud_ops_notified")
        actions.append("campaign_logged")
        campaign.actions = sorted(set(campaign.actions) | set(actions))
        campaign.save(update_fields=["vulnerable_count", "actions"])
        if notify:
            transaction.on_commit(lambda: _notify_fraud_ops(campaign_id=campaign.pk))
    if fan_out_now and alert_ids:
        from alerts.tasks import alert_fan_out_task

        for alert_id in alert_ids:  # idempotent: the queued fan-out finds the deliveries already made
            alert_fan_out_task.apply(args=(alert_id,))
    counts = selectors.delivery_counts(campaign_ref=str(campaign.pk))
    return {
        "campaign_id": campaign.pk,
        "vulnerable_count": len(chosen_ids),
        "newly_held": len(holds),
        "alert_ids": alert_ids,
        "warnings_sent": counts["pending"] + counts["sent"] + counts["delivered"],
        "warnings_skipped": counts["skipped"],
        "warnings_failed": counts["failed"],
        "hold_until": until.isoformat() if holds else None,
        "actions": actions,
        "cohort_scorer": scored["cohort_scorer"] if scored else None,
        "uplift_scorer": scored["uplift_scorer"] if scored else None,
    }


def _warn(*, campaign: Campaign, groups: dict[str, list[int]], hold_hours: int) -> list[int]:
    """One campaign alert per template (SPEC §5's rule); consent, quiet hours and caps are applied by alerts."""
    if not groups:
        return []
    from alerts.services import alert_create

    alert_ids = []
    for template_key, citizen_ids in sorted(groups.items()):
        alert = alert_create(
            kind="campaign",
            audience={"type": "citizens", "citizen_ids": citizen_ids},
            template_key=template_key,
            channels=["sms", "whatsapp"],
            context={
                "campaign_type": campaign.campaign_type,
                "campaign_id": campaign.pk,
                "channel": campaign.channel,
                "risk_score": round(campaign.risk_score, 2),
                "hold_hours": hold_hours,
            },
            critical=False,
            campaign_ref=str(campaign.pk),
        )
        alert_ids.append(alert.pk)
    return alert_ids


def _notify_fraud_ops(*, campaign_id: int) -> None:
    campaign = Campaign.objects.get(pk=campaign_id)
    subject = _("Scam campaign #%(id)s detected: %(type)s") % {"id": campaign.pk, "type": campaign.campaign_type}
    body = _(
        "A scam campaign was detected.\n\nType: %(type)s\nChannel: %(channel)s\nRisk score: %(score).2f\n"
        "Volume (peak bucket): %(volume)s\nUnique targets: %(targets)s\nSuspicious numbers: %(suspicious)s\n"
        "First seen: %(first)s\nScored by: %(scorer)s\nVulnerable citizens: %(vulnerable)s\n\n"
        "Warnings were handed to the alerts service and stricter verification is on for %(hours)s hours."
    ) % {
        "type": campaign.campaign_type,
        "channel": campaign.get_channel_display(),
        "score": campaign.risk_score,
        "volume": campaign.volume,
        "targets": campaign.unique_targets,
        "suspicious": campaign.suspicious_numbers,
        "first": campaign.first_seen.isoformat(),
        "scorer": campaign.scorer,
        "vulnerable": campaign.vulnerable_count,
        "hours": selectors.thresholds().hold_hours,
    }
    try:
        send_mail(subject, body, None, [settings.FRAUD_OPS_EMAIL])
    except Exception:  # noqa: BLE001 - the campaign stands even if the mail server is down
        logger.exception("could not notify fraud ops about campaign %s", campaign_id)


def campaign_process_alert(*, metrics: dict, users: list[dict], now: datetime | None = None) -> dict:
    """The old `process-campaign-alert` contract, end to end: detect, then act on the given users."""
    detection = campaign_detect_metrics(metrics=metrics, now=now)
    result = {
        "campaign_detected": detection["campaign_detected"],
        "campaign_id": detection["campaign_id"],
        "detection": detection,
        "vulnerable_count": 0,
        "warnings_sent": 0,
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
        warnings_skipped=acted["warnings_skipped"],
        actions=acted["actions"],
        hold_until=acted["hold_until"],
    )
    result["scorer"].update(cohort=acted["cohort_scorer"], uplift=acted["uplift_scorer"])
    return result


# --- holds -------------------------------------------------------------------------------------------------------


def holds_mark_expired(*, now: datetime | None = None) -> int:
    """Housekeeping only: holds past expiry are already out of force; this stamps `released_at` for the admin."""
    now = now or timezone.now()
    return VerificationHold.objects.filter(expires_at__lte=now, released_at__isnull=True).update(released_at=now)


def hold_release(*, hold_id: int, now: datetime | None = None) -> VerificationHold:
    hold = VerificationHold.objects.get(pk=hold_id)
    if hold.released_at is None:
        hold.released_at = now or timezone.now()
        hold.save(update_fields=["released_at"])
    return hold


# --- model versions ----------------------------------------------------------------------------------------------


def model_versions_sync() -> int:
    """Mirrors the model cards on disk into ModelVersion rows (for the admin). Returns the number of cards."""
    from campaigns.ml import registry

    total = 0
    for kind in registry.KINDS:
        for card in registry.cards(kind):
            total += 1
            ModelVersion.objects.update_or_create(
                version=card["version"],
                defaults={
                    "kind": kind,
                    "schema_version": card.get("schema_version", ""),
                    "passed": bool(card.get("passed")),
                    "model_auc": card.get("metrics", {}).get("model", {}).get("roc_auc"),
                    "heuristic_auc": card.get("metrics", {}).get("heuristic", {}).get("roc_auc"),
                    "card": card,
                    "path": card.get("path", ""),
                    "created_at": datetime.fromisoformat(card["created_at"]),
                },
            )
    return total
