"""Provider status callbacks (Twilio): a delivery moves forward to delivered or failed, never backwards."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.models import Delivery

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
    return delivery
