"""Email through Django's email API, so any django-anymail ESP (or SMTP/console) works unchanged."""

import smtplib

from anymail.exceptions import AnymailRecipientsRefused, AnymailRequestsAPIError
from django.core.mail import EmailMultiAlternatives, get_connection

from fraudsafe.channels.base import (
    BaseChannelBackend,
    ChannelError,
    ChannelRecipientRejected,
    ChannelTemporaryError,
    OutboundMessage,
    SendResult,
)


class EmailBackend(BaseChannelBackend):
    def send_messages(self, messages: list[OutboundMessage]) -> list[SendResult | ChannelError]:
        # One connection for the whole batch (the old system logged in once per recipient).
        with get_connection() as connection:
            results: list[SendResult | ChannelError] = []
            for message in messages:
                try:
                    results.append(self._send(message, connection))
                except ChannelError as exc:
                    results.append(exc)
            return results

    def send(self, message: OutboundMessage) -> SendResult:
        with get_connection() as connection:
            return self._send(message, connection)

    def _send(self, message: OutboundMessage, connection) -> SendResult:
        email = EmailMultiAlternatives(
            subject=message.subject,
            body=message.body,
            to=[message.to],
            headers=message.headers,
            connection=connection,
        )
        if message.html_body:
            email.attach_alternative(message.html_body, "text/html")
        try:
            email.send()
        except AnymailRecipientsRefused as exc:
            raise ChannelRecipientRejected(str(exc))
        except AnymailRequestsAPIError as exc:
            status = getattr(getattr(exc, "response", None), "status_code", 500) or 500
            if 400 <= status < 500 and status != 429:
                raise ChannelRecipientRejected(str(exc), code=str(status))
            raise ChannelTemporaryError(str(exc), code=str(status))
        except smtplib.SMTPRecipientsRefused as exc:
            raise ChannelRecipientRejected(str(exc))
        except (smtplib.SMTPException, OSError) as exc:
            raise ChannelTemporaryError(str(exc))
        status = getattr(email, "anymail_status", None)
        provider_id = ""
        if status is not None and status.message_id:
            provider_id = str(status.message_id)
        return SendResult(provider_id=provider_id)
