from accounts.models import ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory


def subscribed_citizen(*channels: str, **fields):
    """A citizen who granted consent on each of `channels` (default: all three)."""
    citizen = CitizenFactory(**fields)
    for channel in channels or ("email", "sms", "whatsapp"):
        consent_record(citizen=citizen, channel=channel, granted=True, source=ConsentEvent.Source.API)
    return citizen


def in_whatsapp_window(citizen, *, hours_ago: float = 1):
    """The citizen wrote to us `hours_ago` hours ago: their 24-hour WhatsApp window is open (or, past 24, closed)."""
    from datetime import timedelta

    from django.utils import timezone

    from alerts.whatsapp import whatsapp_inbound_record

    whatsapp_inbound_record(phone=str(citizen.phone), at=timezone.now() - timedelta(hours=hours_ago))
    return citizen
