"""Reads for complaints (the bot's STATUS keyword, the PDF link, totals every list shows)."""

from django.db.models import Count, DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from complaints.models import Complaint


def with_totals(queryset: QuerySet[Complaint]) -> QuerySet[Complaint]:
    """`total_amount_annotated` (read by Complaint.total_amount) and `transaction_count` per complaint."""
    return queryset.annotate(
        total_amount_annotated=Coalesce(
            Sum("transactions__amount"), Value(0), output_field=DecimalField(max_digits=14, decimal_places=2)
        ),
        transaction_count=Count("transactions"),
    )


def complaints_with_totals() -> QuerySet[Complaint]:
    """Every complaint with its totals."""
    return with_totals(Complaint.objects.all())


def complaints_of_phone(*, phone: str, limit: int = 5) -> list[Complaint]:
    """The newest complaints filed from this phone (E.164), for the STATUS keyword."""
    return list(Complaint.objects.filter(citizen__phone=phone).order_by("-created_at", "-id")[:limit])
