"""The WhatsApp gate: every WhatsApp message the product sends is decided here (README "Compliance").

- Inside the citizen's 24-hour customer-service window (opened or reset by their last inbound message of any
  kind, `WhatsAppWindow`) a free-form message may go.
- Outside it only an approved content template, sent by its ContentSid (Twilio refuses template text in the
  body, error 63016), of a category the product may send (WHATSAPP_TEMPLATE_CATEGORIES, utility by default).
- Otherwise nothing goes: the caller records `needs_template` with the reason (alerts.sending also falls back to
  SMS where the citizen consented to it).

Alerts, case updates, money-on-hold and recovery notices all travel as alert deliveries (alerts.sending calls
`whatsapp_decide`); the bot's own messages outside a TwiML reply call `whatsapp_send_free_form`.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.models import AlertTemplate, WhatsAppWindow
from fraudsafe.channels import ChannelError, ChannelTemporaryError, OutboundMessage, get_channel_backend
from fraudsafe.masking import mask_phone

logger = logging.getLogger(__name__)

WINDOW = timedelta(hours=24)
SESSION, TEMPLATE, NEEDS_TEMPLATE = "session", "template", "needs_template"
OUTSIDE_WINDOW = "63016"  # Twilio: a free-form message outside the 24-hour window


@dataclass(frozen=True)
class Decision:
    mode: str  # SESSION | TEMPLATE | NEEDS_TEMPLATE
    code: str = ""  # why a template cannot be used (NEEDS_TEMPLATE only)
    message: str = ""  # the same, for the admin


def whatsapp_inbound_record(*, phone: str, at: datetime) -> None:
    """Opens or resets the phone's window: called for every inbound WhatsApp message (it only moves forward)."""
    if not phone:
        return
    if WhatsAppWindow.objects.filter(phone=phone, last_inbound_at__lt=at).update(last_inbound_at=at):
        return
    try:
        with transaction.atomic():
            WhatsAppWindow.objects.get_or_create(phone=phone, defaults={"last_inbound_at": at})
    except IntegrityError:  # created by a concurrent message of the same phone
        WhatsAppWindow.objects.filter(phone=phone, last_inbound_at__lt=at).update(last_inbound_at=at)


def whatsapp_window_close(*, phone: str) -> None:
    """WhatsApp told us the window is closed (error 63016): no more free-form messages until they write again."""
    WhatsAppWindow.objects.filter(phone=phone).delete()


def last_inbound_subquery(phone_ref: str = "citizen__phone") -> Subquery:
    """An annotation with each row's last inbound message time: the window of a whole batch in one query."""
    return Subquery(WhatsAppWindow.objects.filter(phone=OuterRef(phone_ref)).values("last_inbound_at")[:1])


def window_open(last_inbound_at: datetime | None, now: datetime) -> bool:
    return last_inbound_at is not None and now < last_inbound_at + WINDOW


def window_open_for(*, phone: str, now: datetime | None = None) -> bool:
    last = WhatsAppWindow.objects.filter(phone=phone).values_list("last_inbound_at", flat=True).first()
    return window_open(last, now or timezone.now())


def template_problem(template: AlertTemplate) -> tuple[str, str]:
    """("", "") when this template may go outside the window, else (code, message for the admin)."""
    if not template.content_sid:
        return "no_content_sid", _(
            "No approved WhatsApp template (ContentSid) for %(key)s in %(language)s: outside the 24-hour window "
            "WhatsApp accepts only an approved template."
        ) % {"key": template.key, "language": template.language}
    if template.approval == AlertTemplate.Approval.PAUSED:
        return "template_paused", _("Meta paused the WhatsApp template %(key)s (%(language)s).") % {
            "key": template.key,
            "language": template.language,
        }
    if template.approval != AlertTemplate.Approval.APPROVED:
        message = _("The WhatsApp template %(key)s (%(language)s) is not approved: %(state)s.")
        return "template_not_approved", message % {
            "key": template.key,
            "language": template.language,
            "state": template.get_approval_display(),
        }
    if template.category not in settings.WHATSAPP_TEMPLATE_CATEGORIES:
        return "template_category", _(
            "Meta lists the WhatsApp template %(key)s (%(language)s) as %(category)s; alerts go only as utility "
            "templates."
        ) % {"key": template.key, "language": template.language, "category": template.get_category_display()}
    return "", ""


def whatsapp_decide(*, template: AlertTemplate, last_inbound_at: datetime | None, now: datetime) -> Decision:
    """Free-form inside the window; outside it the approved template, or nothing (needs_template)."""
    if window_open(last_inbound_at, now):
        return Decision(SESSION)
    code, message = template_problem(template)
    if code:
        return Decision(NEEDS_TEMPLATE, code=code, message=message)
    return Decision(TEMPLATE)


def whatsapp_send_free_form(
    *, phone: str, body: str, now: datetime | None = None, retry_temporary: bool = False
) -> bool:
    """A free-form message from the bot outside a TwiML reply: sent only inside the window (False outside it,
    logged). Best effort: a provider error is logged and False returned; with `retry_temporary` a
    ChannelTemporaryError propagates instead, for the caller's task to retry."""
    if not window_open_for(phone=phone, now=now):
        logger.info("free-form WhatsApp to %s not sent: outside the 24-hour window", mask_phone(phone))
        return False
    try:
        get_channel_backend("whatsapp").send(OutboundMessage(channel="whatsapp", to=phone, body=body))
    except ChannelTemporaryError:
        if retry_temporary:
            raise
        logger.warning("WhatsApp message to %s not sent: provider unavailable", mask_phone(phone))
        return False
    except ChannelError as exc:
        logger.warning("WhatsApp message to %s not sent: %s", mask_phone(phone), exc)
        if exc.code == OUTSIDE_WINDOW:  # WhatsApp says the window is closed: no more free-form until they write
            whatsapp_window_close(phone=phone)
        return False
    return True
