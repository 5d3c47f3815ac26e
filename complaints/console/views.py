"""Attender console pages: thin views, one workflow service per action, times in the helpline's zone."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import audit_request
from accounts.models import AuditEntry
from accounts.selectors import attenders
from alerts.selectors import notice_deliveries
from complaints import access
from complaints.beneficiary import transaction_update_beneficiary
from complaints.console import search as console_search
from complaints.console import selectors
from complaints.console.forms import (
    BeneficiaryForm,
    HandOverForm,
    NoteForm,
    ProgressForm,
    ReopenForm,
    StatusForm,
    UnassignForm,
)
from complaints.console.panels import complaint_panels
from complaints.conversation.fields import display_value, shown_txn_fields, txn_serial
from complaints.downloads import complaint_pdf_response
from complaints.identifiers import complaints_linked_to
from complaints.models import BENEFICIARY_FIELDS, Complaint, Evidence, Transaction
from complaints.priority import complaint_priority
from complaints.workflow import (
    CLOSED_STATUSES,
    OPEN_STATUSES,
    ComplaintAlreadyClaimed,
    NoComplaintWaiting,
    complaint_change_status,
    complaint_claim,
    complaint_hand_over,
    complaint_note_add,
    complaint_reopen,
    complaint_take_next,
    complaint_unassign,
    transaction_set_progress,
)
from fraudsafe.districts import district_label
from fraudsafe.masking import mask_text
from fraudsafe.vocabulary import BeneficiaryKind

# Where the attender came from: the back link and the highlighted tab of a complaint page follow it.
ORIGINS = ("queue", "unassigned", "search")


def _validation_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _origin(request) -> tuple[str, str]:
    """(from, q) of the page that led here, from the query string or a posted form."""
    source = request.POST if request.method == "POST" else request.GET
    origin = source.get("from", "")
    return (origin if origin in ORIGINS else ""), source.get("q", "")[:100]


def complaint_url(pk: int, *, origin: str = "", query: str = "", lookup: str = "") -> str:
    """A complaint page's address, remembering where the attender came from (and a lookup link's token)."""
    params = {key: value for key, value in (("from", origin), ("q", query), ("lookup", lookup)) if value}
    url = reverse("console-complaint", args=[pk])
    return f"{url}?{urlencode(params)}" if params else url


def _back_to_complaint(request, complaint_id: int):
    origin, query = _origin(request)
    return redirect(complaint_url(complaint_id, origin=origin, query=query, lookup=request.POST.get("lookup", "")))


def _queue_rows(complaints, *, now=None):
    now = now or timezone.now()
    rows = list(complaints)
    for complaint in rows:
        complaint.priority_info = complaint_priority(complaint, now=now)
    return rows


def _order(request) -> str:
    order = request.GET.get("order", "priority")
    return order if order in selectors.QUEUE_ORDERS else "priority"


@require_GET
@access.staff_page
def my_queue(request):
    status = request.GET.get("status") or ""
    if status not in Complaint.Status.values:
        status = ""
    order = _order(request)
    counts = selectors.my_queue_counts(user=request.user)
    tabs = [("", _("All open"), counts[Complaint.Status.PENDING] + counts[Complaint.Status.IN_PROGRESS])]
    tabs += [(value, label, counts[value]) for value, label in Complaint.Status.choices]
    queue = selectors.my_queue(user=request.user, status=status or None, order=order)
    if not status:
        queue = queue.filter(status__in=[Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS])
    return render(
        request,
        "console/my_queue.html",
        {
            "complaints": _queue_rows(queue),
            "tabs": tabs,
            "current_status": status,
            "order": order,
            "origin": "queue",
            "nav": "queue",
            "unassigned_count": selectors.unassigned_queue().count(),
        },
    )


@require_GET
@access.staff_page
def unassigned(request):
    order = _order(request)
    return render(
        request,
        "console/unassigned.html",
        {
            "complaints": _queue_rows(selectors.unassigned_queue(order=order)[:200]),
            "order": order,
            "origin": "unassigned",
            "nav": "unassigned",
        },
    )


@require_GET
@access.staff_page
def search(request):
    """The header's search box: an exact identifier opens the complaint in one step; anything else lists."""
    result = console_search.complaints_search(user=request.user, query=request.GET.get("q", ""))
    links = {}
    for complaint in result.complaints:
        token = ""
        if complaint.pk in result.looked_up:
            token = console_search.lookup_token(user=request.user, complaint_id=complaint.pk)
        links[complaint.pk] = complaint_url(complaint.pk, origin="search", query=result.query, lookup=token)
    if len(result.complaints) == 1:
        return redirect(links[result.complaints[0].pk])
    rows = _queue_rows(result.complaints)
    for complaint in rows:
        complaint.link = links[complaint.pk]
        complaint.looked_up = complaint.pk in result.looked_up
    return render(
        request,
        "console/search.html",
        {"result": result, "complaints": rows, "query": result.query, "nav": "search", "origin": "search"},
    )


@require_POST
@access.staff_page
def take_next(request):
    try:
        complaint = complaint_take_next(attender=request.user)
    except NoComplaintWaiting as exc:
        messages.info(request, exc.message)
        return redirect("console-unassigned")
    except PermissionDenied:
        messages.error(request, _("Only attenders take complaints from the queue; admins assign them."))
        return redirect("console-unassigned")
    for lost in getattr(complaint, "lost_races", []):
        messages.warning(request, lost)
    messages.success(request, _("Complaint %(ack)s is now yours.") % {"ack": complaint.ack_number})
    return redirect(complaint_url(complaint.pk, origin="queue"))


@require_POST
@access.staff_page
def claim(request, pk: int):
    # No visibility check first: when a colleague's claim landed a moment earlier the complaint is no longer
    # this attender's to see, and the service says who took it instead of a bare 404.
    try:
        complaint = complaint_claim(complaint_id=pk, attender=request.user)
    except Complaint.DoesNotExist:
        raise Http404
    except ComplaintAlreadyClaimed as exc:
        messages.warning(request, exc.message)
        return redirect("console-unassigned")
    except PermissionDenied:
        messages.error(request, _("Only attenders claim complaints; admins assign them."))
        return redirect("console-unassigned")
    messages.success(request, _("Complaint %(ack)s is now yours.") % {"ack": complaint.ack_number})
    return redirect(complaint_url(complaint.pk, origin="queue"))


def _complaint_for_page(request, pk: int) -> tuple[Complaint, str]:
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


def _detail_context(request, complaint: Complaint, *, lookup: str = "", **forms) -> dict:
    user = request.user
    origin, query = _origin(request)
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


@require_GET
@access.staff_page
def complaint_detail(request, pk: int):
    complaint, token = _complaint_for_page(request, pk)
    return render(request, "console/complaint_detail.html", _detail_context(request, complaint, lookup=token))


def _workable(request, pk: int) -> Complaint:
    return get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)


@require_POST
@access.staff_page
def change_status(request, pk: int):
    complaint = _workable(request, pk)
    form = StatusForm(request.POST, complaint=complaint)
    if form.is_valid():
        try:
            complaint_change_status(
                complaint_id=complaint.pk,
                status=form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            messages.error(request, _validation_text(exc))
        else:
            audit_request(request, action=AuditEntry.Action.COMPLAINT_STATUS, objects={"complaint": complaint.pk})
            complaint.refresh_from_db()
            messages.success(
                request,
                _("Complaint %(ack)s is now %(status)s; the citizen is told on WhatsApp.")
                % {"ack": complaint.ack_number, "status": complaint.get_status_display()},
            )
            return _back_to_complaint(request, complaint.pk)
    else:
        messages.error(request, _("Choose a valid status."))
    context = _detail_context(request, complaint, status_form=form)
    return render(request, "console/complaint_detail.html", context, status=400)


@require_POST
@access.staff_page
def add_note(request, pk: int):
    complaint = _workable(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            complaint_note_add(complaint_id=complaint.pk, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, _validation_text(exc))
        else:
            messages.success(request, _("Note added to the history."))
            return _back_to_complaint(request, complaint.pk)
    else:
        messages.error(request, _("Write the note first."))
    return render(
        request, "console/complaint_detail.html", _detail_context(request, complaint, note_form=form), status=400
    )


@require_POST
@access.staff_page
def hand_over(request, pk: int):
    complaint = _workable(request, pk)
    form = HandOverForm(request.POST, attenders=attenders().exclude(pk=complaint.handler_id))
    if form.is_valid():
        to = form.cleaned_data["to"]
        try:
            complaint_hand_over(complaint_id=complaint.pk, to=to, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            messages.error(request, _validation_text(exc))
        else:
            messages.success(
                request,
                _("Complaint %(ack)s handed over to %(name)s.")
                % {"ack": complaint.ack_number, "name": to.get_username()},
            )
            return redirect("console-home") if not request.user.is_helpline_admin else _back_to_complaint(request, pk)
    else:
        messages.error(request, _("Choose a colleague and leave them a note."))
    context = _detail_context(request, complaint, handover_form=form)
    return render(request, "console/complaint_detail.html", context, status=400)


@require_POST
@access.staff_page
def unassign(request, pk: int):
    complaint = _workable(request, pk)
    form = UnassignForm(request.POST)
    form.is_valid()
    try:
        complaint_unassign(complaint_id=complaint.pk, by=request.user, note=form.cleaned_data.get("note", ""))
    except ValidationError as exc:
        messages.error(request, _validation_text(exc))
        return _back_to_complaint(request, complaint.pk)
    messages.success(request, _("Complaint %(ack)s is back in the unassigned queue.") % {"ack": complaint.ack_number})
    return redirect("console-home") if not request.user.is_helpline_admin else _back_to_complaint(request, pk)


@require_POST
@access.staff_page
def reopen(request, pk: int):
    complaint = _workable(request, pk)
    form = ReopenForm(request.POST)
    if form.is_valid():
        try:
            complaint_reopen(complaint_id=complaint.pk, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            messages.error(request, _validation_text(exc))
        else:
            audit_request(request, action=AuditEntry.Action.COMPLAINT_STATUS, objects={"complaint": complaint.pk})
            complaint.refresh_from_db()
            messages.success(
                request,
                _("Complaint %(ack)s is reopened (%(status)s); the citizen is told on WhatsApp.")
                % {"ack": complaint.ack_number, "status": complaint.get_status_display()},
            )
            return _back_to_complaint(request, complaint.pk)
    else:
        messages.error(request, _("Give a reason to reopen the complaint."))
    return render(
        request, "console/complaint_detail.html", _detail_context(request, complaint, reopen_form=form), status=400
    )


@require_POST
@access.staff_page
def set_progress(request, pk: int, transaction_pk: int):
    complaint = _workable(request, pk)
    txn = get_object_or_404(complaint.transactions, pk=transaction_pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid progress."))
        return _back_to_complaint(request, complaint.pk)
    try:
        transaction_set_progress(
            transaction_id=txn.pk,
            progress=form.cleaned_data["progress"],
            by=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as exc:
        messages.error(request, _validation_text(exc))
    else:
        audit_request(
            request,
            action=AuditEntry.Action.TRANSACTION_PROGRESS,
            objects={"complaint": complaint.pk, "transaction": txn.pk},
        )
        messages.success(request, _("Transaction %(position)s updated.") % {"position": txn.position})
    return _back_to_complaint(request, complaint.pk)


@require_GET
@access.staff_page
def download_pdf(request, pk: int):
    complaint = get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)
    return complaint_pdf_response(complaint)


@require_POST
@access.staff_page
def set_beneficiary(request, pk: int, transaction_pk: int):
    """Staff fill in the fraudster's side of one transaction (e.g. from a bank statement)."""
    complaint = get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)
    txn = get_object_or_404(complaint.transactions, pk=transaction_pk)
    form = BeneficiaryForm(request.POST, prefix=f"t{txn.pk}")
    if not form.is_valid():
        messages.error(request, _("Check the fraudster's details."))
        return redirect("console-complaint", pk=complaint.pk)
    values = {name: form.cleaned_data[name] for name in BENEFICIARY_FIELDS}
    try:
        transaction_update_beneficiary(
            transaction_id=txn.pk, by=request.user, values=values, note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        messages.error(request, _validation_text(exc))
    else:
        messages.success(
            request, _("The fraudster's details of transaction %(position)s are saved.") % {"position": txn.position}
        )
    return redirect("console-complaint", pk=complaint.pk)


@require_GET
@access.staff_page
def evidence_file(request, pk: int, evidence_pk: int):
    """One evidence file, for admins and the complaint's handler only; never cached, never sniffed."""
    complaint = get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)
    evidence = get_object_or_404(complaint.evidence, pk=evidence_pk, status=Evidence.Status.STORED)
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("This file is missing."))
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=evidence.content_type == "application/pdf",
        filename=f"{complaint.ack_number}-{evidence.pk}{evidence.extension}",
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["X-Content-Type-Options"] = "nosniff"
    return response
