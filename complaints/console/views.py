"""Attender console pages: thin views, one workflow service per action, times in the helpline's zone."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import audit_request
from accounts.models import AuditEntry
from complaints.console import selectors
from complaints.console.forms import ProgressForm, StatusForm
from complaints.models import Complaint, ComplaintEvent, Transaction
from complaints.workflow import (
    OPEN_STATUSES,
    ComplaintAlreadyClaimed,
    NoComplaintWaiting,
    complaint_change_status,
    complaint_claim,
    complaint_take_next,
    transaction_set_progress,
)
from fraudsafe.masking import sees_personal_data, shown


def staff_page(view):
    """Logged-in admins and attenders only."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not (request.user.is_helpline_admin or request.user.is_attender):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _validation_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


@require_GET
@staff_page
def my_queue(request):
    status = request.GET.get("status") or ""
    if status not in Complaint.Status.values:
        status = ""
    counts = selectors.my_queue_counts(user=request.user)
    tabs = [("", _("All open"), counts[Complaint.Status.PENDING] + counts[Complaint.Status.IN_PROGRESS])]
    tabs += [(value, label, counts[value]) for value, label in Complaint.Status.choices]
    queue = selectors.my_queue(user=request.user, status=status or None)
    if not status:
        queue = queue.filter(status__in=[Complaint.Status.PENDING, Complaint.Status.IN_PROGRESS])
    return render(
        request,
        "console/my_queue.html",
        {
            "complaints": queue,
            "tabs": tabs,
            "current_status": status,
            "unassigned_count": selectors.unassigned_queue().count(),
        },
    )


@require_GET
@staff_page
def unassigned(request):
    return render(request, "console/unassigned.html", {"complaints": selectors.unassigned_queue()[:200]})


@require_POST
@staff_page
def take_next(request):
    try:
        complaint = complaint_take_next(attender=request.user)
    except NoComplaintWaiting as exc:
        messages.info(request, exc.message)
        return redirect("console-unassigned")
    except PermissionDenied:
        messages.error(request, _("Only attenders take complaints from the queue; admins assign them."))
        return redirect("console-unassigned")
    messages.success(request, _("Complaint %(ack)s is now yours.") % {"ack": complaint.ack_number})
    return redirect("console-complaint", pk=complaint.pk)


@require_POST
@staff_page
def claim(request, pk: int):
    get_object_or_404(selectors.complaints_visible_to(user=request.user), pk=pk)
    try:
        complaint = complaint_claim(complaint_id=pk, attender=request.user)
    except ComplaintAlreadyClaimed as exc:
        messages.warning(request, exc.message)
        return redirect("console-unassigned")
    except PermissionDenied:
        messages.error(request, _("Only attenders claim complaints; admins assign them."))
        return redirect("console-unassigned")
    messages.success(request, _("Complaint %(ack)s is now yours.") % {"ack": complaint.ack_number})
    return redirect("console-complaint", pk=complaint.pk)


def _value_label(kind: str, value: str) -> str:
    choices = {
        ComplaintEvent.Kind.STATUS: Complaint.Status,
        ComplaintEvent.Kind.TRANSACTION_PROGRESS: Transaction.Progress,
    }.get(kind)
    if choices is not None and value in choices.values:
        return str(choices(value).label)
    return value


def _detail_context(request, complaint: Complaint, status_form: StatusForm | None = None) -> dict:
    user = request.user
    can_work = sees_personal_data(user, handler_id=complaint.handler_id)  # admins and the handler work it
    transactions = list(complaint.transactions.order_by("position"))
    for txn in transactions:
        txn.account_shown = shown(txn.account_number, kind="account", viewer=user, handler_id=complaint.handler_id)
    events = list(complaint.events.select_related("actor").order_by("-created_at", "-id"))
    for event in events:
        event.from_label, event.to_label = (
            _value_label(event.kind, event.from_value),
            _value_label(event.kind, event.to_value),
        )
    return {
        "complaint": complaint,
        "transactions": transactions,
        "total_amount": sum((t.amount for t in transactions), 0),
        "events": events,
        "can_work": can_work,
        "can_set_progress": can_work and complaint.status in OPEN_STATUSES,
        "can_claim": complaint.handler_id is None and user.is_attender,
        "status_form": status_form or StatusForm(complaint=complaint),
        "progress_choices": Transaction.Progress.choices,
        "has_pdf": bool(complaint.pdf),
    }


@require_GET
@staff_page
def complaint_detail(request, pk: int):
    complaint = get_object_or_404(selectors.complaints_visible_to(user=request.user), pk=pk)
    return render(request, "console/complaint_detail.html", _detail_context(request, complaint))


@require_POST
@staff_page
def change_status(request, pk: int):
    complaint = get_object_or_404(selectors.complaints_workable_by(user=request.user), pk=pk)
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
            return redirect("console-complaint", pk=complaint.pk)
    else:
        messages.error(request, _("Choose a valid status."))
    return render(request, "console/complaint_detail.html", _detail_context(request, complaint, form), status=400)


@require_POST
@staff_page
def set_progress(request, pk: int, transaction_pk: int):
    complaint = get_object_or_404(selectors.complaints_workable_by(user=request.user), pk=pk)
    txn = get_object_or_404(complaint.transactions, pk=transaction_pk)
    form = ProgressForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a valid progress."))
        return redirect("console-complaint", pk=complaint.pk)
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
        messages.success(request, _("Transaction %(position)s updated.") % {"position": txn.position})
    return redirect("console-complaint", pk=complaint.pk)


def complaint_pdf_response(complaint: Complaint) -> FileResponse:
    """The complaint's PDF as a download; 404 when it has none (never a public file URL)."""
    if not complaint.pdf:
        raise Http404(_("This complaint has no PDF yet."))
    try:
        handle = complaint.pdf.open("rb")
    except FileNotFoundError:
        raise Http404(_("This complaint's PDF file is missing."))
    response = FileResponse(
        handle, as_attachment=True, filename=f"{complaint.ack_number}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@staff_page
def download_pdf(request, pk: int):
    complaint = get_object_or_404(selectors.complaints_workable_by(user=request.user), pk=pk)
    return complaint_pdf_response(complaint)
