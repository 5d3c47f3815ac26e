from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

BACKEND_SETTINGS = {
    "sms": "FRAUDSAFE_SMS_BACKEND",
    "whatsapp": "FRAUDSAFE_WHATSAPP_BACKEND",
    "email": "FRAUDSAFE_EMAIL_CHANNEL_BACKEND",
}


class ChannelError(Exception):
    """A message could not be sent."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.code = code


class ChannelTemporaryError(ChannelError):
    """The provider failed for now (5xx, timeout, rate limit): retry later."""


class ChannelRecipientRejected(ChannelError):
    """The provider refused this recipient (invalid number, unsubscribed): never retry."""


@dataclass(frozen=True)
class OutboundMessage:
    channel: str  # "sms" | "whatsapp" | "email"
    to: str  # E.164 phone for sms/whatsapp, address for email
    body: str
    subject: str = ""
    html_body: str = ""
    media_url: str = ""
    content_sid: str = ""  # approved WhatsApp template, for messages outside the 24-hour session
    content_variables: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    status_callback: str = ""
    reference: str = ""  # our id (e.g. a delivery id), for logs and idempotency keys


@dataclass(frozen=True)
class SendResult:
    provider_id: str = ""
    status: str = "sent"


class BaseChannelBackend:
    def send(self, message: OutboundMessage) -> SendResult:  # pragma: no cover - interface
        raise NotImplementedError

    def send_messages(self, messages: list[OutboundMessage]) -> list[SendResult | ChannelError]:
        """One result per message, in order; an error for one message does not stop the others."""
        results: list[SendResult | ChannelError] = []
        for message in messages:
            try:
                results.append(self.send(message))
            except ChannelError as exc:
                results.append(exc)
        return results


def get_channel_backend(channel: str) -> BaseChannelBackend:
    return import_string(getattr(settings, BACKEND_SETTINGS[channel]))()
