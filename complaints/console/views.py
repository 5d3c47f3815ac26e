"""Attender console pages: thin views, one workflow service per action, times in the helpline's zone."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.audit import audit_request
from accounts.models import AuditEntry
from accounts.selectors import attenders
from complaints import access
from complaints.beneficiary import transaction_update_beneficiary
from complaints.console import search as console_search
from complaints.console import selectors
from complaints.console.detail import complaint_for_page, complaint_url, detail_context, origin_of
from complaints.console.forms import (
    BeneficiaryForm,
    HandOverForm,
    NoteForm,
    ProgressForm,
    ReopenForm,
    StatusForm,
    UnassignForm,
)
from complaints.downloads import complaint_pdf_response
from complaints.models import BENEFICIARY_FIELDS, Complaint, Evidence
from complaints.priority import complaint_priority
from complaints.workflow import (
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


def _validation_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _form_action(request, complaint, form, *, form_key: str, run, done, invalid: str, audit=None):
    """The console's post handler: validate the form, run the service, audit, tell, redirect. On a bad form or a
    refused service the complaint page is shown again (400) with the form as typed and the reason."""
    if form.is_valid():
        try:
            run(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, _validation_text(exc))
        else:
            if audit:
                audit_request(request, action=audit, objects={"complaint": complaint.pk})
            complaint.refresh_from_db()
            message, response = done(form.cleaned_data)
            messages.success(request, message)
            return response or _back_to_complaint(request, complaint.pk)
    else:
        messages.error(request, invalid)
    context = detail_context(request, complaint, **{form_key: form})
    return render(request, "console/complaint_detail.html", context, status=400)


def _back_to_complaint(request, complaint_id: int):
    origin, query = origin_of(request)
    return redirect(complaint_url(complaint_id, origin=origin, query=query, lookup=request.POST.get("lookup", "")))


def _after_giving_away(request):
    """An attender who gave a complaint away goes back to their queue; an admin stays on the complaint."""
    return None if request.user.is_helpline_admin else redirect("console-home")


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


@require_GET
@access.staff_page
def complaint_detail(request, pk: int):
    complaint, token = complaint_for_page(request, pk)
    return render(request, "console/complaint_detail.html", detail_context(request, complaint, lookup=token))


def _workable(request, pk: int) -> Complaint:
    return get_object_or_404(access.complaints_workable_by(user=request.user), pk=pk)


@require_POST
@access.staff_page
def change_status(request, pk: int):
    complaint = _workable(request, pk)

    def run(data):
        complaint_change_status(
            complaint_id=complaint.pk, status=data["status"], by=request.user, note=data["note"], reason=data["reason"]
        )

    def done(data):
        text = _("Complaint %(ack)s is now %(status)s; the citizen is told on WhatsApp.")
        return text % {"ack": complaint.ack_number, "status": complaint.get_status_display()}, None

    form = StatusForm(request.POST, complaint=complaint)
    return _form_action(
        request,
        complaint,
        form,
        form_key="status_form",
        run=run,
        done=done,
        invalid=_("Choose a valid status."),
        audit=AuditEntry.Action.COMPLAINT_STATUS,
    )


@require_POST
@access.staff_page
def add_note(request, pk: int):
    complaint = _workable(request, pk)
    return _form_action(
        request,
        complaint,
        NoteForm(request.POST),
        form_key="note_form",
        run=lambda data: complaint_note_add(complaint_id=complaint.pk, by=request.user, note=data["note"]),
        done=lambda data: (_("Note added to the history."), None),
        invalid=_("Write the note first."),
    )


@require_POST
@access.staff_page
def hand_over(request, pk: int):
    complaint = _workable(request, pk)

    def run(data):
        complaint_hand_over(complaint_id=complaint.pk, to=data["to"], by=request.user, note=data["note"])

    def done(data):
        text = _("Complaint %(ack)s handed over to %(name)s.")
        return text % {"ack": complaint.ack_number, "name": data["to"].get_username()}, _after_giving_away(request)

    form = HandOverForm(request.POST, attenders=attenders().exclude(pk=complaint.handler_id))
    return _form_action(
        request,
        complaint,
        form,
        form_key="handover_form",
        run=run,
        done=done,
        invalid=_("Choose a colleague and leave them a note."),
    )


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
    return _after_giving_away(request) or _back_to_complaint(request, pk)


@require_POST
@access.staff_page
def reopen(request, pk: int):
    complaint = _workable(request, pk)

    def done(data):
        text = _("Complaint %(ack)s is reopened (%(status)s); the citizen is told on WhatsApp.")
        return text % {"ack": complaint.ack_number, "status": complaint.get_status_display()}, None

    return _form_action(
        request,
        complaint,
        ReopenForm(request.POST),
        form_key="reopen_form",
        run=lambda data: complaint_reopen(complaint_id=complaint.pk, by=request.user, reason=data["reason"]),
        done=done,
        invalid=_("Give a reason to reopen the complaint."),
        audit=AuditEntry.Action.COMPLAINT_STATUS,
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
