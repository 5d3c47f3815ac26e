"""Attender console pages: thin views, one workflow service per action, times in the helpline's zone."""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from complaints.beneficiary import transaction_update_beneficiary
from complaints.console import selectors
from complaints.console.forms import BeneficiaryForm, ProgressForm, StatusForm
from complaints.console.panels import complaint_panels
from complaints.conversation.fields import TXN_FIELD_BY_KEY
from complaints.identifiers import complaints_linked_to
from complaints.models import BENEFICIARY_FIELDS, Complaint, ComplaintEvent, Evidence, FraudsterIdentifier, Transaction
from complaints.workflow import (
    OPEN_STATUSES,
    ComplaintAlreadyClaimed,
    NoComplaintWaiting,
    complaint_change_status,
    complaint_claim,
    complaint_take_next,
    transaction_set_progress,
)
from fraudsafe.masking import mask_text, sees_personal_data, shown
from fraudsafe.vocabulary import BeneficiaryKind


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


_IDENTIFIER_MASK = {
    FraudsterIdentifier.Kind.UPI: "email",  # n***@okhdfcbank
    FraudsterIdentifier.Kind.ACCOUNT: "account",
    FraudsterIdentifier.Kind.PHONE: "phone",
}


def identifier_shown(kind: str, value: str, *, viewer, handler_id) -> str:
    """A fraudster identifier as this viewer may see it (the one masking policy; websites are never masked)."""
    if kind in _IDENTIFIER_MASK:
        return shown(value, kind=_IDENTIFIER_MASK[kind], viewer=viewer, handler_id=handler_id)
    return value


def _beneficiary_rows(txn: Transaction, *, viewer, handler_id) -> list[tuple[str, str]]:
    """(label, value as this viewer may see it) of the fraudster's side of one transaction."""
    rows = []
    see = sees_personal_data(viewer, handler_id=handler_id)
    values = {
        "beneficiary_upi": identifier_shown("upi", txn.beneficiary_upi, viewer=viewer, handler_id=handler_id),
        "beneficiary_account": shown(txn.beneficiary_account, kind="account", viewer=viewer, handler_id=handler_id),
        "beneficiary_ifsc": txn.beneficiary_ifsc,
        "beneficiary_wallet": txn.beneficiary_wallet if see else mask_text(txn.beneficiary_wallet),
        "beneficiary_merchant": txn.beneficiary_merchant,
        "fraudster_phone": shown(txn.fraudster_phone, kind="phone", viewer=viewer, handler_id=handler_id),
        "fraudster_website": txn.fraudster_website,
    }
    for name in BENEFICIARY_FIELDS[1:]:
        if values[name]:
            rows.append((str(TXN_FIELD_BY_KEY[name].label), values[name]))
    return rows


def _linked(complaint: Complaint, user) -> list[dict]:
    visible = set(selectors.complaints_visible_to(user=user).values_list("pk", flat=True))
    return [
        {
            "complaint": other,
            "visible": other.pk in visible,
            "identifiers": [
                (i.get_kind_display(), identifier_shown(i.kind, i.value, viewer=user, handler_id=complaint.handler_id))
                for i in shared
            ],
        }
        for other, shared in complaints_linked_to(complaint=complaint)
    ]


def _detail_context(request, complaint: Complaint, status_form: StatusForm | None = None) -> dict:
    user = request.user
    can_work = sees_personal_data(user, handler_id=complaint.handler_id)  # admins and the handler work it
    transactions = list(complaint.transactions.order_by("position"))
    for txn in transactions:
        txn.account_shown = shown(txn.account_number, kind="account", viewer=user, handler_id=complaint.handler_id)
        txn.beneficiary_rows = _beneficiary_rows(txn, viewer=user, handler_id=complaint.handler_id)
        txn.beneficiary_form = BeneficiaryForm(initial=txn.beneficiary, prefix=f"t{txn.pk}") if can_work else None
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
        "evidence": list(complaint.evidence.order_by("received_at", "pk")) if can_work else [],
        "evidence_count": complaint.evidence.filter(status=Evidence.Status.STORED).count(),
        "linked": _linked(complaint, user),
        "panels": complaint_panels.render_all(request, complaint, can_work=can_work),
        "beneficiary_kinds": BeneficiaryKind.choices,
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


@require_POST
@staff_page
def set_beneficiary(request, pk: int, transaction_pk: int):
    """Staff fill in the fraudster's side of one transaction (e.g. from a bank statement)."""
    complaint = get_object_or_404(selectors.complaints_workable_by(user=request.user), pk=pk)
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
@staff_page
def evidence_file(request, pk: int, evidence_pk: int):
    """One evidence file, for admins and the complaint's handler only; never cached, never sniffed."""
    complaint = get_object_or_404(selectors.complaints_workable_by(user=request.user), pk=pk)
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
