"""The victim is told, in their language, when money is put on hold: a notice through the alerts machinery
(a delivery recorded, retried and rate-limited like every alert; consent and quiet hours respected, caps not)."""

from django.conf import settings

from alerts.models import Alert
from alerts.notices import notice_create
from fraudsafe.money import format_inr
from recovery.models import FreezeRequest


def victim_notify_on_hold(*, request_id: int) -> Alert | None:
    """Creates the "money on hold" notice for the complaint's citizen, once per request. None when nothing is
    held (or the notice exists already)."""
    request = FreezeRequest.objects.select_related("complaint__citizen", "bank").filter(pk=request_id).first()
    if request is None or request.amount_held <= 0:
        return None
    reference = f"freeze:{request.pk}"
    if Alert.objects.filter(kind=Alert.Kind.NOTICE, reference=reference).exists():
        return None
    return notice_create(
        citizen_id=request.complaint.citizen_id,
        template_key=settings.RECOVERY_HOLD_NOTICE_TEMPLATE,
        context={
            "ack_number": request.ack_number,
            "amount_held": format_inr(request.amount_held),
            "bank_name": request.bank.name,
        },
        reference=reference,
    )
