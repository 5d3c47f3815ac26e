"""Restitution in the staff console: the complaint page's "Getting the money back" card (amount claimable, route,
the rule, state, each hold's lapse clock with its 15- and 3-day warnings, refund requests and history) and the
staff actions on it (request the refunds, record the court order or Lok Adalat award). Thin views, one service
each; the complaint must be one the user works (admins, the handler), else 404. And the dashboard at
/console/restitution/ (every admin and attender; its list of lapsing holds shows the complaints they work).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from complaints.access import complaints_workable_by, staff_page
from complaints.models import Complaint
from recovery.grievance_views import grievance_section
from recovery.models import RestitutionCase
from recovery.restitution import restitution_case_for
from recovery.restitution_clocks import hold_warning
from recovery.restitution_dashboard import restitution_dashboard
from recovery.restitution_pdf import indemnity_bond_pdf, magistrate_application_pdf, refund_request_pdf
from recovery.restitution_refunds import RestitutionConflict, order_record, refunds_request, target


class OrderForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("route"),
        choices=[(RestitutionCase.Route.COURT, RestitutionCase.Route.COURT.label),
                 (RestitutionCase.Route.LOK_ADALAT, RestitutionCase.Route.LOK_ADALAT.label)],
    )  # fmt: skip
    number = forms.CharField(label=gettext_lazy("order number"), max_length=80)
    on_date = forms.DateField(label=gettext_lazy("order date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = forms.DecimalField(label=gettext_lazy("amount ordered"), max_digits=14, decimal_places=2, min_value=1)
    court = forms.CharField(label=gettext_lazy("court / Lok Adalat"), max_length=200, required=False)


def restitution_panel(request, complaint: Complaint, *, can_work: bool) -> str:
    """The complaint page's card (registered with complaints.console.panels); empty when nothing is held."""
    case = restitution_case_for(complaint.pk)
    if case is None:
        return ""
    now = timezone.now()
    holds = list(case.holds.all())
    for hold in holds:
        hold.warning = hold_warning(hold, now)
    grievances_html = grievance_section(request, complaint, holds, can_work=can_work)  # sets hold.evidence
    return render_to_string(
        "recovery/restitution_panel.html",
        {
            "case": case,
            "complaint": complaint,
            "holds": holds,
            "target": target(case),
            "refunds": list(case.refund_requests.all()),
            "events": list(case.events.all()),
            "can_act": can_work and case.status not in (case.Status.REFUNDED, case.Status.LAPSED),
            "order_form": OrderForm(),
            "grievances_html": grievances_html,
        },
        request=request,
    )


def _case_of(request, pk: int) -> RestitutionCase:
    complaint = get_object_or_404(complaints_workable_by(user=request.user), pk=pk)
    return get_object_or_404(RestitutionCase, complaint=complaint)


def _run(request, action, success: str) -> None:
    try:
        action()
    except (ValidationError, RestitutionConflict, PermissionDenied) as exc:
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else getattr(exc, "message", str(exc))
        messages.error(request, text or _("Not allowed."))
    else:
        messages.success(request, success)


def _back(pk: int):
    return redirect(reverse("console-complaint", args=[pk]) + "#restitution")


@require_POST
@staff_page
def request_refunds(request, pk: int):
    case = _case_of(request, pk)
    _run(request, lambda: refunds_request(case_id=case.pk, by=request.user), _("The refunds were asked of the banks."))
    return _back(pk)


@require_POST
@staff_page
def record_order(request, pk: int):
    case = _case_of(request, pk)
    form = OrderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the order's details."))
        return _back(pk)
    _run(request, lambda: order_record(case_id=case.pk, by=request.user, **form.cleaned_data),
         _("The order was recorded."))  # fmt: skip
    return _back(pk)


@require_GET
@staff_page
def document(request, pk: int, name: str, refund_pk: int | None = None):
    """A document of the case as a PDF, in the victim's language with English beside (admins and the handler)."""
    case = _case_of(request, pk)
    if name == "application":
        body = magistrate_application_pdf(case)
    elif name == "bond":
        body = indemnity_bond_pdf(case)
    elif name == "refund" and refund_pk is not None:
        body = refund_request_pdf(get_object_or_404(case.refund_requests.select_related("bank"), pk=refund_pk))
    else:
        raise Http404
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{case.complaint.ack_number}-{name}.pdf"'
    return response


class DashboardFilter(forms.Form):
    start = forms.DateField(label=gettext_lazy("Opened from"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    end = forms.DateField(label=gettext_lazy("to"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise ValidationError(_("The start date must be on or before the end date."))
        return cleaned


@require_GET
@staff_page
def dashboard(request):
    """Held vs returned (the headline: the share returned), per bank, district and month; the median days from
    hold to refund; the holds lapsing this week (the list: the complaints the user works, all for admins)."""
    form = DashboardFilter(request.GET or None)
    start = end = None
    if form.is_bound and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    board = restitution_dashboard(user=request.user, start=start, end=end)
    return render(request, "recovery/restitution_dashboard.html", {"form": form, "board": board, "now": timezone.now()})
