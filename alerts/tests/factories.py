from accounts.models import ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory


def subscribed_citizen(*channels: str, **fields):
    """A citizen who granted consent on each of `channels` (default: all three)."""
    citizen = CitizenFactory(**fields)
    for channel in channels or ("email", "sms", "whatsapp"):
        consent_record(citizen=citizen, channel=channel, granted=True, source=ConsentEvent.Source.API)
    return citizen
