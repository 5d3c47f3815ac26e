"""The victim is told each step of getting the money back, in their language, through the recorded, retried
notices of the alerts machinery (templates `restitution_*`, seeded in every language, editable in the admin).

Each notice is sent once: its reference names the case and the step (and the refund's event, or the hold and
the warning, or the grievance whose decision lowered the claim), so a task run twice sends nothing twice. Cases
opened in a batch are told in batches: one task per NOTICE_BATCH cases, one INSERT of their notices
(restitution_notify_opened).
"""

from django.utils import formats

from alerts.models import Alert
from alerts.notices import notice_create, notices_create
from fraudsafe.money import format_inr
from recovery.models import HoldGrievance, RestitutionCase, RestitutionEvent, RestitutionHold

NOTICE_BATCH = 500
TEMPLATES = {
    "opened": "restitution_held",
    "requested": "restitution_sign",
    "refunded": "restitution_refunded",
    "lapsing15": "restitution_lapsing",
    "lapsing3": "restitution_lapsing",
    "reduced": "restitution_reduced",
    "released": "restitution_released",
}


def restitution_notify(*, case_id: int, step: str, object_id: int | None = None) -> Alert | None:
    """Creates the notice of `step` (opened, requested, refunded with the event id, lapsing15 / lapsing3 with the
    hold id, reduced / released with the upheld grievance's id) for the complaint's citizen. None when already
    sent or nothing to tell."""
    case = RestitutionCase.objects.select_related("complaint").filter(pk=case_id).first()
    if case is None or step not in TEMPLATES:
        return None
    reference = _reference(case.pk, step, object_id)
    if Alert.objects.filter(kind=Alert.Kind.NOTICE, reference=reference).exists():
        return None
    complaint = case.complaint
    context = _opened_context(case)
    if step == "refunded":
        event = RestitutionEvent.objects.filter(pk=object_id, case=case, kind=RestitutionEvent.Kind.REFUNDED).first()
        if event is None:
            return None
        context |= {"amount": format_inr(event.amount), "utr": event.utr, "bank_name": event.note,
                    "on_date": formats.date_format(event.on_date, "d/m/Y")}  # fmt: skip
    if step.startswith("lapsing"):
        hold = RestitutionHold.objects.select_related("bank").filter(pk=object_id, case=case).first()
        if hold is None:
            return None
        context |= {"amount": format_inr(hold.share), "bank_name": hold.bank.name,
                    "lapses_on": formats.date_format(hold.lapses_at, "d/m/Y")}  # fmt: skip
    if step in ("reduced", "released"):
        grievance = (
            HoldGrievance.objects.select_related("bank")
            .filter(pk=object_id, status=HoldGrievance.Status.UPHELD)
            .first()
        )
        if grievance is None:
            return None
        context |= {"bank_name": grievance.bank.name}
    return notice_create(
        citizen_id=complaint.citizen_id, template_key=TEMPLATES[step], context=context, reference=reference
    )


def _reference(case_id: int, step: str, object_id: int | None = None) -> str:
    """The notice's reference: the case, the step and its object, so that each is sent once."""
    return f"restitution:{case_id}:{step}" + (f":{object_id}" if object_id else "")


def _opened_context(case: RestitutionCase) -> dict:
    complaint = case.complaint
    return {"ack_number": complaint.ack_number, "claimable": format_inr(case.claimable),
            "district": complaint.district}  # fmt: skip


def restitution_notify_opened(*, case_ids: list[int]) -> list[Alert]:
    """The "money found and held" notice of many new cases at once: one read of the cases, one of those told
    already, one INSERT. Idempotent like restitution_notify (same references). Returns the new notices."""
    references = {pk: _reference(pk, "opened") for pk in case_ids}
    told = set(
        Alert.objects.filter(kind=Alert.Kind.NOTICE, reference__in=references.values()).values_list(
            "reference", flat=True
        )
    )
    cases = RestitutionCase.objects.filter(pk__in=[pk for pk, ref in references.items() if ref not in told])
    return notices_create(
        notices=[
            {"citizen_id": case.complaint.citizen_id, "template_key": TEMPLATES["opened"],
             "context": _opened_context(case), "reference": references[case.pk]}
            for case in cases.select_related("complaint").order_by("pk")
        ]
    )  # fmt: skip
