"""Composing alerts: validate, create (now or scheduled), cancel, and the seed templates.

Fan-out lives in alerts.fanout, sending in alerts.sending, the beat job in alerts.dispatch, consent reactions in
alerts.consent and provider status callbacks in alerts.callbacks.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import PartnerAPIKey
from accounts.services import partner_audience_check
from alerts import fanout
from alerts.audience import Audience
from alerts.models import Alert, AlertTemplate, Delivery
from alerts.seeds import install
from fraudsafe.tasking import task_enqueue
from fraudsafe.vocabulary import MessageChannel


def alert_validate(
    *, kind: str, audience: dict | Audience, template_key: str, channels: list[str], critical: bool, created_by,
    partner_key: PartnerAPIKey | None = None,
) -> Audience:  # fmt: skip
    """The parsed audience, unless ValidationError (by field) says why alert_create would refuse these values, or
    PermissionDenied that a partner asks for what stays with the helpline (see `_partner_limits`)."""
    errors: dict[str, list[str]] = {}
    parsed = None
    try:
        parsed = Audience.parse(audience)
    except ValidationError as error:
        errors["audience"] = error.messages
    if partner_key is not None:
        _partner_limits(kind=kind, audience=parsed, channels=channels, critical=critical, key=partner_key)
    if kind not in Alert.Kind.values:
        errors["kind"] = [_("Unknown alert kind.")]
    elif kind == Alert.Kind.NOTICE:
        errors["kind"] = [_("Case updates are sent by the complaint workflow, not composed.")]
    if parsed is not None and parsed.is_demo and kind != Alert.Kind.DEMO:
        errors["audience"] = [_("Explicit email addresses are only for demo alerts.")]
    if not channels or not isinstance(channels, list) or any(c not in MessageChannel.values for c in channels):
        errors["channels"] = [_("Choose one or more of: email, sms, whatsapp.")]
    elif parsed is not None and parsed.is_demo and channels != ["email"]:
        errors["channels"] = [_("A demo alert to email addresses goes by email only.")]
    if not AlertTemplate.objects.filter(key=template_key, is_active=True).exists():
        errors["template_key"] = [_("No active template with this key.")]
    if critical and not getattr(created_by, "is_helpline_admin", False):
        errors["critical"] = [_("Only helpline staff may send critical alerts.")]
    if errors:
        raise ValidationError(errors)
    return parsed


def _partner_limits(
    *, kind: str, audience: Audience | None, channels: list[str], critical: bool, key: PartnerAPIKey
) -> None:
    """Broadcasts to everyone, critical and demo alerts stay with helpline staff; a partner's alert reaches at
    most its key's audience size (citizens with consent on one of the channels, counted now)."""
    if audience is not None and audience.is_everyone:
        raise PermissionDenied(_("Alerts to every subscriber are sent by helpline staff only."))
    if critical:
        raise PermissionDenied(_("Critical alerts are sent by helpline staff only."))
    if kind == Alert.Kind.DEMO or (audience is not None and audience.is_demo):
        raise PermissionDenied(_("Demo alerts are sent by helpline admins only."))
    if audience is not None and isinstance(channels, list) and set(channels) <= set(MessageChannel.values):
        partner_audience_check(key=key, size=audience.size(channels=channels))


def alert_create(
    *,
    kind: str,
    audience: dict | Audience,
    template_key: str,
    channels: list[str],
    send_at: datetime | None = None,
    context: dict | None = None,
    critical: bool = False,
    created_by=None,
    campaign_ref: str = "",
    partner_key: PartnerAPIKey | None = None,
) -> Alert:
    """Validates and saves an alert (status "scheduled"); it is fanned out after commit, at once when due.

    An alert of a partner (`partner_key`) is held to the partner limits and attributed to that key."""
    channels = list(dict.fromkeys(channels or []))
    parsed = alert_validate(
        kind=kind, audience=audience, template_key=template_key, channels=channels, critical=critical,
        created_by=created_by, partner_key=partner_key,
    ).canonical()  # fmt: skip
    now = timezone.now()
    alert = Alert(
        kind=kind,
        audience=parsed.to_json(),
        district=parsed.alert_district,
        template_key=template_key,
        channels=channels,
        context=context or {},
        send_at=send_at or now,
        critical=critical,
        created_by=created_by if getattr(created_by, "pk", None) else None,
        partner_key=partner_key,
        campaign_ref=campaign_ref,
        status=Alert.Status.SCHEDULED,
    )
    alert.save()
    _dispatch_when_due(alert, now=now)
    return alert


def alert_create_preventive(*, kind: str, audience: dict, template_key: str, send_at: datetime, context: dict) -> Alert:
    """A preventive alert from the pattern report (unique per kind, district and send time)."""
    channels = list(settings.ALERTS_PREVENTIVE_CHANNELS)
    parsed = alert_validate(
        kind=kind, audience=audience, template_key=template_key, channels=channels, critical=False, created_by=None
    ).canonical()
    alert = Alert.objects.create(
        kind=kind,
        audience=parsed.to_json(),
        district=parsed.alert_district,
        template_key=template_key,
        channels=channels,
        context=context,
        send_at=send_at,
        preventive=True,
        status=Alert.Status.SCHEDULED,
    )
    _dispatch_when_due(alert, now=timezone.now())
    return alert


def _dispatch_when_due(alert: Alert, *, now: datetime) -> None:
    if alert.send_at <= now:
        task_enqueue("alerts.tasks.alert_fan_out_task", alert.pk, on_commit=True)
    elif alert.send_at - now <= timedelta(seconds=settings.ALERTS_ETA_MAX_SECONDS):
        task_enqueue("alerts.tasks.alert_fan_out_task", alert.pk, on_commit=True, eta=alert.send_at)
    # Later alerts are picked up by the every-minute `alerts_dispatch_due` beat job.


def alert_cancel(*, alert: Alert, cancelled_by=None) -> Alert:
    """Cancels a scheduled or sending alert: its pending deliveries are skipped; sent ones stay sent."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().get(pk=alert.pk)
        if alert.status in (Alert.Status.DONE, Alert.Status.CANCELLED):
            raise ValidationError(_("This alert is already %(status)s.") % {"status": alert.get_status_display()})
        alert.status, alert.finished_at = Alert.Status.CANCELLED, timezone.now()
        alert.save(update_fields=["status", "finished_at"])
        pending = Delivery.objects.filter(alert=alert, status=Delivery.Status.PENDING)
        citizen_ids = list(pending.exclude(citizen=None).values_list("citizen_id", flat=True).distinct())
        pending.update(
            status=Delivery.Status.SKIPPED, skip_reason=Delivery.SkipReason.CANCELLED, updated_at=timezone.now()
        )
        fanout.release_unused_contacts(alert_id=alert.pk, citizen_ids=citizen_ids)
    return alert


def templates_seed() -> int:
    """Installs the missing seed templates (SPEC §4–5, English and Hindi); edited ones are kept."""
    return install(AlertTemplate)
