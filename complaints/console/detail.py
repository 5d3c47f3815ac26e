"""The complaint page's content: where the attender came from, the complaint they may see, and the page context
(identifiers shown through complaints.access masking, the forms, the panels)."""

from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.selectors import attenders
from alerts.selectors import notice_deliveries
from complaints import access
from complaints.console import search as console_search
from complaints.console.forms import (
    BeneficiaryForm,
    HandOverForm,
    NoteForm,
    ReopenForm,
    StatusForm,
    UnassignForm,
)
from complaints.console.panels import complaint_panels
from complaints.conversation.fields import display_value, shown_txn_fields, txn_serial
from complaints.identifiers import complaints_linked_to
from complaints.models import Complaint, Evidence, Transaction
from complaints.priority import complaint_priority
from complaints.workflow import CLOSED_STATUSES, OPEN_STATUSES
from fraudsafe.districts import district_label
from fraudsafe.masking import mask_text
from fraudsafe.vocabulary import BeneficiaryKind

# Where the attender came from: the back link and the highlighted tab of a complaint page follow it.
ORIGINS = ("queue", "unassigned", "search")


def origin_of(request) -> tuple[str, str]:
    """(from, q) of the page that led here, from the query string or a posted form."""
    source = request.POST if request.method == "POST" else request.GET
    origin = source.get("from", "")
    return (origin if origin in ORIGINS else ""), source.get("q", "")[:100]


def complaint_url(pk: int, *, origin: str = "", query: str = "", lookup: str = "") -> str:
    """A complaint page's address, remembering where the attender came from (and a lookup link's token)."""
    params = {key: value for key, value in (("from", origin), ("q", query), ("lookup", lookup)) if value}
    url = reverse("console-complaint", args=[pk])
    return f"{url}?{urlencode(params)}" if params else url


def complaint_for_page(request, pk: int) -> tuple[Complaint, str]:
    """The complaint if the user may see it (or holds a lookup link to it), and the lookup token used."""
    token = (request.POST if request.method == "POST" else request.GET).get("lookup", "")
    visible = access.complaints_visible_to(user=request.user)
    complaint = visible.filter(pk=pk).first()
    if complaint is None and console_search.lookup_allows(user=request.user, complaint_id=pk, token=token):
        complaint = Complaint.objects.select_related("handler", "citizen").filter(pk=pk).first()
    if complaint is None:
        raise Http404
    return complaint, token


def _beneficiary_rows(txn: Transaction, *, viewer, handler_id) -> list[tuple[str, str, str]]:
    """(serial, label, value as this viewer may see it) of the fraudster's side of one transaction after its kind:
    the fields and serials the bot's summary and the PDF show (`shown_txn_fields`), "Don't know" when empty."""
    see = access.can_work(viewer, handler_id)
    values = {
        "beneficiary_upi": access.identifier_shown("upi", txn.beneficiary_upi, viewer=viewer, complaint=handler_id),
        "beneficiary_account": access.shown(
            txn.beneficiary_account, kind="account", viewer=viewer, complaint=handler_id
        ),
        "beneficiary_ifsc": txn.beneficiary_ifsc,
        "beneficiary_wallet": txn.beneficiary_wallet if see else mask_text(txn.beneficiary_wallet),
        "beneficiary_merchant": txn.beneficiary_merchant,
        "fraudster_phone": access.shown(txn.fraudster_phone, kind="phone", viewer=viewer, complaint=handler_id),
        "fraudster_website": txn.fraudster_website,
    }
    return [
        (f"2.{txn.position}.{n}", str(f.label), values[f.key] or display_value(f.key, ""))
        for n, f in enumerate(shown_txn_fields(txn.beneficiary), start=1)
        if f.key in values
    ]


def _linked(complaint: Complaint, user) -> list[dict]:
    visible = set(access.complaints_visible_to(user=user).values_list("pk", flat=True))
    return [
        {
            "complaint": other,
            "visible": other.pk in visible,
            "identifiers": [
                (i.get_kind_display(), access.identifier_shown(i.kind, i.value, viewer=user, complaint=complaint))
                for i in shared
            ],
        }
        for other, shared in complaints_linked_to(complaint=complaint)
    ]


def detail_context(request, complaint: Complaint, *, lookup: str = "", **forms) -> dict:
    user = request.user
    origin, query = origin_of(request)
    if not origin:  # opened directly: the queue it belongs to
        origin = "queue" if complaint.handler_id == user.pk else ("unassigned" if complaint.handler_id is None else "")
    back = {
        "queue": (reverse("console-home"), _("My queue")),
        "unassigned": (reverse("console-unassigned"), _("Unassigned")),
        "search": (reverse("console-search") + "?" + urlencode({"q": query}), _("Search results")),
    }.get(origin)
    can_work = access.can_work(user, complaint)  # admins and the (active) handler work it
    transactions = list(complaint.transactions.order_by("position"))
    for txn in transactions:
        txn.account_shown = access.shown(txn.account_number, kind="account", viewer=user, complaint=complaint)
        txn.beneficiary_rows = _beneficiary_rows(txn, viewer=user, handler_id=complaint.handler_id)
        txn.beneficiary_known = any(txn.beneficiary.values())
        txn.kind_serial = f"2.{txn.position}.{txn_serial('beneficiary_kind', txn.beneficiary)}"
        txn.beneficiary_form = BeneficiaryForm(initial=txn.beneficiary, prefix=f"t{txn.pk}") if can_work else None
    events = list(complaint.events.select_related("actor").order_by("-created_at", "-id"))
    notices = list(notice_deliveries(reference=complaint.ack_number))
    return {
        "complaint": complaint,
        "transactions": transactions,
        "total_amount": sum((t.amount for t in transactions), 0),
        "priority": complaint_priority(complaint),
        "district_label": district_label(complaint.district),
        "mobile_shown": access.shown(complaint.mobile, kind="phone", viewer=user, complaint=complaint),
        "dob_shown": access.shown(complaint.dob.strftime("%d-%m-%Y"), kind="date", viewer=user, complaint=complaint),
        "father_name_shown": access.shown(complaint.father_name, kind="name", viewer=user, complaint=complaint),
        "events": events,
        "notices": notices,
        "can_work": can_work,
        "is_open": complaint.status in OPEN_STATUSES,
        "is_closed": complaint.status in CLOSED_STATUSES,
        "can_set_progress": can_work and complaint.status in OPEN_STATUSES,
        "can_claim": complaint.handler_id is None and user.is_attender and complaint.status in OPEN_STATUSES,
        "status_form": forms.get("status_form") or StatusForm(complaint=complaint),
        "note_form": forms.get("note_form") or NoteForm(),
        "handover_form": forms.get("handover_form")
        or HandOverForm(attenders=attenders().exclude(pk=complaint.handler_id)),
        "unassign_form": forms.get("unassign_form") or UnassignForm(),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "progress_choices": Transaction.Progress.choices,
        "has_pdf": bool(complaint.pdf),
        "origin": origin,
        "query": query,
        "lookup": lookup,
        "back": back,
        "nav": origin or "search",
        "evidence": list(complaint.evidence.order_by("received_at", "pk")) if can_work else [],
        "evidence_count": complaint.evidence.filter(status=Evidence.Status.STORED).count(),
        "linked": _linked(complaint, user),
        "panels": complaint_panels.render_all(request, complaint, can_work=can_work),
        "beneficiary_kinds": BeneficiaryKind.choices,
    }
