"""What alerts does about consent: it listens to consent changes, and turns SMS keywords and email unsubscribe
links into consent recorded through accounts (the one owner of consent)."""

import logging

from django.utils import timezone

from accounts.models import Citizen, ConsentEvent
from accounts.selectors import consent_state
from accounts.services import citizen_upsert, consent_record
from alerts import fanout
from alerts.models import Delivery
from fraudsafe.masking import mask_email, mask_phone
from fraudsafe.vocabulary import MessageChannel

logger = logging.getLogger(__name__)

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT"}
START_WORDS = {"START", "JOIN", "SUBSCRIBE", "UNSTOP", "YES"}


def deliveries_skip_after_withdrawal(sender, *, event: ConsentEvent, **kwargs) -> None:
    """Receiver of accounts.signals.consent_recorded: a withdrawal skips the citizen's queued deliveries on that
    channel at once (and frees their cap reservations); consent is checked again at send time anyway."""
    if event.action != ConsentEvent.Action.WITHDRAW:
        return
    queued = Delivery.objects.filter(citizen_id=event.citizen_id, channel=event.channel, status=Delivery.Status.PENDING)
    alert_ids = list(queued.values_list("alert_id", flat=True).distinct())
    queued.update(status=Delivery.Status.SKIPPED, skip_reason=Delivery.SkipReason.NO_CONSENT, updated_at=timezone.now())
    for alert_id in alert_ids:
        fanout.release_unused_contacts(alert_id=alert_id, citizen_ids=[event.citizen_id])


def sms_keyword_handle(*, phone: str, text: str) -> str:
    """Applies an inbound SMS keyword; returns "stop", "start" or "" (not a keyword)."""
    word = (text or "").strip().upper().rstrip(".!")
    if word not in STOP_WORDS | START_WORDS:
        return ""
    citizen = citizen_upsert(phone=phone)
    granted = word in START_WORDS
    consent_record(
        citizen=citizen,
        channel=MessageChannel.SMS,
        granted=granted,
        source=ConsentEvent.Source.SMS_KEYWORD,
        evidence=f"SMS: {word}",
    )
    logger.info("sms keyword %s from %s", word, mask_phone(phone))
    return "start" if granted else "stop"


def unsubscribe_language(*, payload: dict) -> str | None:
    """The language of the citizen an unsubscribe link names (their page is in it), None when unknown."""
    citizen_id = payload.get("c")
    if not citizen_id:
        return None
    return Citizen.objects.filter(pk=citizen_id).values_list("language", flat=True).first() or None


def unsubscribe_apply(*, payload: dict) -> bool:
    """One-click email unsubscribe from a signed link; True when the link named a citizen."""
    citizen = Citizen.objects.filter(pk=payload.get("c")).first() if payload.get("c") else None
    if citizen is None and payload.get("e"):
        citizen = Citizen.objects.filter(email__iexact=payload["e"]).order_by("pk").first()
    if citizen is None:
        logger.info("unsubscribe for an address with no citizen (%s)", mask_email(payload.get("e", "")))
        return False
    if consent_state(citizen=citizen)[MessageChannel.EMAIL]:
        consent_record(
            citizen=citizen,
            channel=MessageChannel.EMAIL,
            granted=False,
            source=ConsentEvent.Source.EMAIL_LINK,
            evidence="one-click unsubscribe link",
        )
    return True
