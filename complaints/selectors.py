"""Reads for complaints (the bot's STATUS keyword, the PDF link)."""

from django.db.models import DecimalField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from complaints.models import Complaint


def complaints_with_totals() -> QuerySet[Complaint]:
    """Complaints annotated with `total_amount_annotated` (read by Complaint.total_amount)."""
    return Complaint.objects.annotate(
        total_amount_annotated=Coalesce(
            Sum("transactions__amount"), Value(0), output_field=DecimalField(max_digits=14, decimal_places=2)
        )
    )


def complaints_of_phone(*, phone: str, limit: int = 5) -> list[Complaint]:
    """The newest complaints filed from this phone (E.164), for the STATUS keyword."""
    return list(Complaint.objects.filter(citizen__phone=phone).order_by("-created_at", "-id")[:limit])
