"""Cohort action for a campaign: score the cohort, warn the selected through alerts, stricter verification."""

import logging
from collections import defaultdict
from datetime import datetime, timedelta

import numpy as np
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.audience import Audience
from alerts.fanout import alert_fan_out_and_queue
from alerts.services import alert_create
from campaigns import features, selectors
from campaigns.ingest import citizen_ids_for_phones
from campaigns.ml import serving
from campaigns.models import Campaign, VerificationHold

logger = logging.getLogger(__name__)


def template_key_for(*, risky_interactions: float, vulnerability: float) -> str:
    """SPEC §5: risky interactions > 5 → targeted warning; risk > 0.9 → campaign alert; else scam warning."""
    if risky_interactions > 5:
        return "targeted_warning"
    if vulnerability > 0.9:
        return "campaign_alert"
    return "scam_warning"


def cohort_score(*, raw: np.ndarray, context: list[float] | None = None) -> dict:
    """Vulnerability (and uplift for a campaign context) for every row, with risk factors and the selection."""
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


def _cohort_of(users: list[dict] | None) -> tuple[list[int], np.ndarray]:
    """(citizen ids, raw behaviour rows): the given users that are known citizens, else every profiled citizen."""
    if users is None:
        return selectors.behaviour_of_citizens()
    raw = features.behaviour_matrix(users)
    phones = [u.get("phone") for u in users]
    with_phone = [i for i, p in enumerate(phones) if p]
    ids = citizen_ids_for_phones([phones[i] for i in with_phone]) if with_phone else {}
    return [ids[phones[i]] for i in with_phone], raw[with_phone]


def _select(campaign: Campaign, citizen_ids: list[int], raw: np.ndarray) -> tuple[dict | None, np.ndarray]:
    """The cohort's scores in this campaign's context and the indexes of the selected citizens."""
    context = features.campaign_context(
        anomaly_score=campaign.risk_score,
        volume=campaign.volume,
        unique_targets=campaign.unique_targets,
        suspicious=campaign.suspicious_numbers,
        channel=campaign.channel,
    )
    scored = cohort_score(raw=raw, context=context) if len(citizen_ids) else None
    return scored, np.flatnonzero(scored["selected"]) if scored else np.array([], dtype=int)


def _holds_and_groups(campaign, chosen, citizen_ids, raw, scored, *, now, until):
    """Verification holds and warning groups (template → citizens) for the chosen citizens not yet held."""
    already = set(VerificationHold.objects.filter(campaign=campaign).values_list("citizen_id", flat=True))
    risky_col = features.BEHAVIOUR_NAMES.index("risky_interactions_7d")
    reason = _("Scam campaign #%(id)s (%(type)s) targeting vulnerable users") % {
        "id": campaign.pk,
        "type": campaign.campaign_type,
    }
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
    return holds, groups


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
    citizen_ids, raw = _cohort_of(users)
    scored, chosen = _select(Campaign.objects.get(pk=campaign_id), citizen_ids, raw)
    until = now + timedelta(hours=t.hold_hours)
    actions = []
    with transaction.atomic():
        # The campaign row lock serialises concurrent runs (beat task, API): each citizen is acted on once.
        campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
        holds, groups = _holds_and_groups(campaign, chosen, citizen_ids, raw, scored, now=now, until=until)
        alert_ids = _warn(campaign=campaign, groups=groups, hold_hours=t.hold_hours)
        VerificationHold.objects.bulk_create(holds, ignore_conflicts=True, batch_size=2000)
        if alert_ids:
            actions.append("warnings_queued")
        if holds:
            actions.append("stricter_verification_enabled")
        campaign.vulnerable_count = max(campaign.vulnerable_count, len(chosen))
        notify = "fraud_ops_notified" not in campaign.actions
        if notify:
            actions.append("fraud_ops_notified")
        actions.append("campaign_logged")
        campaign.actions = sorted(set(campaign.actions) | set(actions))
        campaign.save(update_fields=["vulnerable_count", "actions"])
        if notify:
            transaction.on_commit(lambda: _notify_fraud_ops(campaign_id=campaign.pk))
    if fan_out_now and alert_ids:
        for alert_id in alert_ids:  # idempotent: the queued fan-out finds the deliveries already made
            alert_fan_out_and_queue(alert_id=alert_id)
    counts = selectors.delivery_counts(campaign_ref=str(campaign.pk))
    return {
        "campaign_id": campaign.pk,
        "vulnerable_count": len(chosen),
        "newly_held": len(holds),
        "alert_ids": alert_ids,
        "warnings_sent": counts["sent"] + counts["delivered"],  # handed to a provider, not merely queued
        "warnings_pending": counts["pending"],
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
    alert_ids = []
    for template_key, citizen_ids in sorted(groups.items()):
        alert = alert_create(
            kind="campaign",
            audience=Audience.of_citizens(citizen_ids),
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
