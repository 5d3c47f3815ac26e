"""Reads for the staff console: the queues (who may see which complaint is complaints.access)."""

from django.db.models import Count, QuerySet

from accounts.models import User
from complaints.models import Complaint
from complaints.priority import PRIORITY_ORDER, with_priority
from complaints.selectors import with_totals
from complaints.workflow import OPEN_STATUSES

__all__ = [
    "my_queue",
    "my_queue_counts",
    "unassigned_queue",
    "with_totals",
]

QUEUE_ORDERS = {
    "priority": PRIORITY_ORDER,  # highest priority first, ties oldest first (what `take next` takes)
    "age": ("created_at", "pk"),  # oldest first
}


def _ordered(queryset: QuerySet[Complaint], order: str) -> QuerySet[Complaint]:
    return with_priority(with_totals(queryset)).order_by(*QUEUE_ORDERS.get(order, PRIORITY_ORDER))


def my_queue(*, user: User, status: str | None = None, order: str = "priority") -> QuerySet[Complaint]:
    queryset = Complaint.objects.filter(handler=user)
    if status:
        queryset = queryset.filter(status=status)
    return _ordered(queryset, order).select_related("handler")


def my_queue_counts(*, user: User) -> dict[str, int]:
    rows = Complaint.objects.filter(handler=user).values("status").annotate(n=Count("pk"))
    counts = dict.fromkeys(Complaint.Status.values, 0)
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def unassigned_queue(*, order: str = "priority") -> QuerySet[Complaint]:
    """Open complaints nobody handles yet: highest priority first (the order `take next` uses), or oldest first."""
    return _ordered(Complaint.objects.filter(handler__isnull=True, status__in=OPEN_STATUSES), order)
