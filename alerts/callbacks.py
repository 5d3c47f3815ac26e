"""Provider callbacks (Twilio): a delivery moves forward to delivered or failed, never backwards; Meta's template
decisions (approved, paused, re-categorised…) arrive as Event Streams events and are recorded on the templates."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.models import AlertTemplate, Delivery
from alerts.whatsapp import whatsapp_window_close

logger = logging.getLogger(__name__)
OUTSIDE_WINDOW = "63016"  # Twilio: free-form message outside the 24-hour window

_RANK = {
    Delivery.Status.PENDING: 0,
    Delivery.Status.SENDING: 1,
    Delivery.Status.SENT: 2,
    Delivery.Status.FAILED: 3,
    Delivery.Status.DELIVERED: 4,
}
_TWILIO = {
    "sent": Delivery.Status.SENT,
    "delivered": Delivery.Status.DELIVERED,
    "read": Delivery.Status.DELIVERED,
    "failed": Delivery.Status.FAILED,
    "undelivered": Delivery.Status.FAILED,
}


def delivery_status_update(*, provider_id: str, provider_status: str, error_code: str = "") -> Delivery | None:
    """Applies a Twilio status callback; unknown ids are ignored and a delivery never moves backwards."""
    new = _TWILIO.get((provider_status or "").lower())
    if not provider_id or new is None:
        return None
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(provider_id=provider_id).first()
        if delivery is None or delivery.status == Delivery.Status.SKIPPED:
            return delivery
        if _RANK.get(new, 0) <= _RANK.get(delivery.status, 0):
            return delivery
        now = timezone.now()
        delivery.status, delivery.updated_at = new, now
        fields = ["status", "updated_at"]
        if new == Delivery.Status.DELIVERED:
            delivery.delivered_at = now
            fields.append("delivered_at")
        if new == Delivery.Status.FAILED:
            delivery.error_code = str(error_code or provider_status)[:32]
            delivery.error = _("Provider reported %(status)s.") % {"status": provider_status}
            fields += ["error_code", "error"]
        delivery.save(update_fields=fields)
    if new == Delivery.Status.FAILED and str(error_code) == OUTSIDE_WINDOW and delivery.citizen_id:
        # WhatsApp says the window is closed: believe it, so nothing more goes free-form until they write.
        whatsapp_window_close(phone=str(delivery.citizen.phone))
    return delivery


_STATUS = {
    "approved": AlertTemplate.Approval.APPROVED,
    "pending": AlertTemplate.Approval.PENDING,
    "received": AlertTemplate.Approval.PENDING,
    "rejected": AlertTemplate.Approval.REJECTED,
    "paused": AlertTemplate.Approval.PAUSED,
    "disabled": AlertTemplate.Approval.DISABLED,
}


def template_event_apply(event: dict) -> int:
    """One Twilio Event Streams event `com.twilio.messaging.template.approval.updated` (status or category
    update of a content template); returns how many of our templates (rows with that ContentSid) changed."""
    if event.get("type") != "com.twilio.messaging.template.approval.updated":
        return 0
    data = event.get("data") or {}
    template = data.get("template") or {}
    sid, value = str(template.get("sid") or ""), str(template.get("currentValue") or "").lower()
    if not sid or not value:
        return 0
    if data.get("type") == "category_update":
        if value not in AlertTemplate.Category.values:
            return 0
        return template_approval_set(content_sid=sid, category=value, note=_("Meta re-categorised it."))
    if data.get("type") == "status_update" and value in _STATUS:
        return template_approval_set(content_sid=sid, approval=_STATUS[value], note=str(data.get("reason") or ""))
    return 0


def template_approval_set(*, content_sid: str, approval: str = "", category: str = "", note: str = "") -> int:
    """Records Meta's decision on a content template (from a callback or an admin action)."""
    changes = {"approval_updated_at": timezone.now(), "approval_note": note[:300]}
    if approval:
        changes["approval"] = approval
    if category:
        changes["category"] = category
    updated = AlertTemplate.objects.filter(channel="whatsapp", content_sid=content_sid).update(**changes)
    logger.info("content template %s: %s %s (%d templates)", content_sid, approval, category, updated)
    return updated


def templates_approval_mark(*, template_ids: list[int], approval: str) -> int:
    """An admin records Meta's decision on templates (e.g. paused in WhatsApp Manager): a paused one stops."""
    return AlertTemplate.objects.filter(pk__in=template_ids).update(
        approval=approval, approval_updated_at=timezone.now(), approval_note=_("Set by an admin.")
    )
