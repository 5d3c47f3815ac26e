"""Reads for the staff console and the complaint API: who may see which complaints."""

from django.db.models import Count, DecimalField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from accounts.models import User
from complaints.models import Complaint
from complaints.workflow import OPEN_STATUSES


def with_totals(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    return queryset.annotate(
        total_amount_annotated=Coalesce(
            Sum("transactions__amount"), Value(0), output_field=DecimalField(max_digits=14, decimal_places=2)
        ),
        transaction_count=Count("transactions"),
    )


def complaints_visible_to(*, user: User) -> QuerySet[Complaint]:
    """Admins see every complaint; an attender their own and the unassigned ones; anyone else nothing."""
    base = Complaint.objects.select_related("handler", "citizen")
    if getattr(user, "is_helpline_admin", False):
        return base.all()
    if getattr(user, "is_attender", False) and user.is_active:
        return base.filter(Q(handler=user) | Q(handler__isnull=True))
    return base.none()


def complaints_workable_by(*, user: User) -> QuerySet[Complaint]:
    """Complaints whose detail, history and PDF the user may open: admins all, an attender their own."""
    base = Complaint.objects.select_related("handler", "citizen")
    if getattr(user, "is_helpline_admin", False):
        return base.all()
    if getattr(user, "is_attender", False) and user.is_active:
        return base.filter(handler=user)
    return base.none()


def my_queue(*, user: User, status: str | None = None) -> QuerySet[Complaint]:
    queryset = Complaint.objects.filter(handler=user)
    if status:
        queryset = queryset.filter(status=status)
    return with_totals(queryset).select_related("handler").order_by("created_at", "pk")


def my_queue_counts(*, user: User) -> dict[str, int]:
    rows = Complaint.objects.filter(handler=user).values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Complaint.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def unassigned_queue() -> QuerySet[Complaint]:
    """Open complaints nobody handles yet, oldest first (the order `take next` uses)."""
    return with_totals(Complaint.objects.filter(handler__isnull=True, status__in=OPEN_STATUSES)).order_by(
        "created_at", "pk"
    )
