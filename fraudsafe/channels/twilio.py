"""SMS and WhatsApp through the twilio SDK's Messages API."""

import json

from django.conf import settings
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from fraudsafe.channels.base import (
    BaseChannelBackend,
    ChannelError,
    ChannelRecipientRejected,
    ChannelTemporaryError,
    OutboundMessage,
    SendResult,
)

# Twilio error codes that mean "this recipient can never get this message".
PERMANENT_RECIPIENT_CODES = {21211, 21214, 21217, 21610, 21612, 21408, 21614, 63003, 63024}


def twilio_client() -> Client:
    return Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)


class _TwilioBackend(BaseChannelBackend):
    prefix = ""
    from_setting = ""

    def __init__(self):
        self.client = twilio_client()

    def _params(self, message: OutboundMessage) -> dict:
        params = {"to": f"{self.prefix}{message.to}", "from_": getattr(settings, self.from_setting)}
        if message.content_sid:
            params["content_sid"] = message.content_sid
            params["content_variables"] = json.dumps(message.content_variables)
        else:
            params["body"] = message.body
        if message.media_url:
            params["media_url"] = [message.media_url]
        if message.status_callback:
            params["status_callback"] = message.status_callback
        return params

    def send(self, message: OutboundMessage) -> SendResult:
        try:
            created = self.client.messages.create(**self._params(message))
        except TwilioRestException as exc:
            if exc.code in PERMANENT_RECIPIENT_CODES or exc.status in (400, 404):
                raise ChannelRecipientRejected(str(exc.msg), code=str(exc.code or exc.status))
            raise ChannelTemporaryError(str(exc.msg), code=str(exc.code or exc.status))
        except TwilioException as exc:  # connection errors, timeouts
            raise ChannelTemporaryError(str(exc))
        except OSError as exc:
            raise ChannelTemporaryError(str(exc))
        if created.status == "failed":
            raise ChannelError(created.error_message or "failed", code=str(created.error_code or ""))
        return SendResult(provider_id=created.sid, status=created.status or "queued")


class SmsBackend(_TwilioBackend):
    from_setting = "TWILIO_SMS_FROM"


class WhatsAppBackend(_TwilioBackend):
    prefix = "whatsapp:"
    from_setting = "TWILIO_WHATSAPP_FROM"
