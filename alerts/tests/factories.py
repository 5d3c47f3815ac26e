from accounts.models import ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory


def subscribed_citizen(*channels: str, whatsapp_window: bool = True, **fields):
    """A citizen who granted consent on each of `channels` (default: all three).

    Subscribing on WhatsApp is a message from them (JOIN), so their 24-hour window is open unless
    `whatsapp_window=False` (the gate's own tests say which they need).
    """
    citizen = CitizenFactory(**fields)
    channels = channels or ("email", "sms", "whatsapp")
    for channel in channels:
        consent_record(citizen=citizen, channel=channel, granted=True, source=ConsentEvent.Source.API)
    if "whatsapp" in channels and whatsapp_window:
        in_whatsapp_window(citizen, hours_ago=0)
    return citizen


def in_whatsapp_window(citizen, *, hours_ago: float = 1):
    """The citizen wrote to us `hours_ago` hours ago: their 24-hour WhatsApp window is open (or, past 24, closed)."""
    from datetime import timedelta

    from django.utils import timezone

    from alerts.whatsapp import whatsapp_inbound_record

    whatsapp_inbound_record(phone=str(citizen.phone), at=timezone.now() - timedelta(hours=hours_ago))
    return citizen
