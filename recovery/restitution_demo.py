"""The demo's restitution: the complaint whose money Yes Bank held goes from held to returned — its case opened,
the refund asked of the bank (administrative route: under the limit), and the bank's refund confirmed with a UTR.
Safe to run again (each step only once)."""

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from recovery.models import BankPartner, FreezeRequest, RefundRequest
from recovery.restitution import restitution_cases_open
from recovery.restitution_refunds import refund_confirm, refunds_request


def load_restitution(*, partner: BankPartner, stdout) -> None:
    held = FreezeRequest.objects.filter(bank__code="YESB", amount_held__gt=0).order_by("pk").first()
    admin = User.objects.filter(Q(role=User.Role.ADMIN) | Q(is_superuser=True), is_active=True).first()
    if held is None or admin is None:
        return
    restitution_cases_open(complaint_ids=[held.complaint_id])
    case = held.complaint.restitution
    if not case.refund_requests.exists():
        refunds_request(case_id=case.pk, by=admin)
    for refund in case.refund_requests.filter(status__in=RefundRequest.OPEN):
        refund_confirm(refund_id=refund.pk, partner=partner, amount=refund.amount - refund.refunded,
                       utr=f"YESBR{refund.pk:07d}", on_date=timezone.localdate())  # fmt: skip
    case.refresh_from_db()
    stdout.write(f"  restitution of {held.complaint.ack_number}: {case.get_status_display()}, "
                 f"₹{case.refunded} of ₹{case.claimable} returned")  # fmt: skip
