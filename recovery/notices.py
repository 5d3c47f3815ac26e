"""The victim is told, in their language, when money is put on hold: a notice through the alerts machinery
(a delivery recorded, retried and rate-limited like every alert; consent and quiet hours respected, caps not).

One message per hold: the holds in place when the complaint's restitution case opens are told by the case's own
notice (`restitution_held`: what is held and how it comes back); a hold put later by `money_on_hold`."""

from django.conf import settings

from alerts.models import Alert
from alerts.notices import notice_create
from fraudsafe.money import format_inr
from recovery.models import FreezeRequest, RestitutionHold
from recovery.restitution import restitution_cases_open


def victim_told_of_hold(*, request_id: int) -> Alert | None:
    """Opens (or refreshes) the restitution case of the request's complaint, then tells the victim of this hold
    unless the case's opening notice does. Idempotent: a task run twice sends nothing twice."""
    complaint_id = (
        FreezeRequest.objects.filter(pk=request_id, amount_held__gt=0).values_list("complaint_id", flat=True).first()
    )
    if complaint_id is None:
        return None
    restitution_cases_open(complaint_ids=[complaint_id])
    hold = RestitutionHold.objects.filter(freeze_request_id=request_id).select_related("case").first()
    if hold is not None and hold.held_at <= hold.case.opened_at:
        return None  # in place when the case opened: the case's "opened" notice tells of it
    return victim_notify_on_hold(request_id=request_id)


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
