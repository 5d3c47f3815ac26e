"""WhatsApp's messaging limit: at most WHATSAPP_TIER_LIMIT unique users get a business-initiated (template)
message in any rolling 24 hours. A citizen already messaged in that time does not count twice.

The ledger is the deliveries themselves: `template_at` is stamped when a template delivery is claimed, inside
the same transaction that counts the users (under a database lock), so two workers cannot both take the last
slot. What does not fit waits, pending, until the oldest counted message leaves the 24-hour window.
"""

from datetime import datetime

from django.conf import settings
from django.db import connection
from django.db.models import Count, Min
from django.utils import timezone

from alerts.models import Delivery
from alerts.whatsapp import WINDOW

TIER_LOCK_KEY = 7_301_931
COUNTED = [Delivery.Status.SENDING, Delivery.Status.SENT, Delivery.Status.DELIVERED]


def tier_lock() -> None:
    """Serialises tier admissions (call inside a transaction; released at commit)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [TIER_LOCK_KEY])


def _counted(now: datetime):
    return Delivery.objects.filter(
        channel="whatsapp", template_at__gt=now - WINDOW, status__in=COUNTED, citizen_id__isnull=False
    )


def tier_used(*, now: datetime) -> int:
    """Unique users who got a business-initiated WhatsApp message in the last 24 hours."""
    return _counted(now).order_by().values("citizen_id").distinct().count()


def tier_admit(*, citizen_ids: list[int], now: datetime) -> set[int]:
    """Of `citizen_ids` (in priority order), those who may get a template now. Call under `tier_lock`."""
    already = set(_counted(now).filter(citizen_id__in=set(citizen_ids)).values_list("citizen_id", flat=True).distinct())
    room = settings.WHATSAPP_TIER_LIMIT - tier_used(now=now)
    admitted = set()
    for citizen_id in dict.fromkeys(citizen_ids):
        if citizen_id in already:
            admitted.add(citizen_id)
        elif room > 0:
            admitted.add(citizen_id)
            room -= 1
    return admitted


def tier_next_slot(*, now: datetime) -> datetime:
    """When the next slot frees: the oldest counted message leaves the window (now + 24 h if none is counted)."""
    oldest = _counted(now).aggregate(first=Min("template_at"))["first"]
    return (oldest or now) + WINDOW


def whatsapp_report(*, alert_id: int, now: datetime | None = None) -> dict:
    """For the admin: the limit in use, the alert's deliveries waiting for it, and why some could not go."""
    now = now or timezone.now()
    waiting = Delivery.objects.filter(
        alert_id=alert_id, status=Delivery.Status.PENDING, deferred_by=Delivery.Deferral.TIER_LIMIT
    )
    blocked = (
        Delivery.objects.filter(alert_id=alert_id, skip_reason=Delivery.SkipReason.NEEDS_TEMPLATE)
        .order_by()
        .values("error")
        .annotate(n=Count("id"))
    )
    return {
        "used": tier_used(now=now),
        "limit": settings.WHATSAPP_TIER_LIMIT,
        "waiting": waiting.count(),
        "next": waiting.aggregate(first=Min("not_before"))["first"],
        "needs_template": [f"{row['n']} × {row['error']}" for row in blocked],
    }
