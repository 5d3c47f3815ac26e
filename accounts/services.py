"""Writes for people and access: citizens, consent history, partner keys."""

from django.db import IntegrityError, transaction
from phonenumber_field.phonenumber import PhoneNumber, to_python

from accounts.models import Citizen, ConsentEvent, PartnerAPIKey, User
from accounts.signals import consent_recorded
from fraudsafe.vocabulary import Channel


def citizen_upsert(*, phone: str | PhoneNumber, **fields) -> Citizen:
    """The citizen with this phone, created if new; non-empty `fields` overwrite stored values."""
    phone = to_python(phone)
    updates = {key: value for key, value in fields.items() if value not in (None, "")}
    try:
        with transaction.atomic():
            citizen, created = Citizen.objects.get_or_create(phone=phone, defaults=updates)
    except IntegrityError:  # created concurrently by another request
        citizen, created = Citizen.objects.get(phone=phone), False
    if not created and any(getattr(citizen, key) != value for key, value in updates.items()):
        for key, value in updates.items():
            setattr(citizen, key, value)
        citizen.save(update_fields=[*updates, "updated_at"])
    return citizen


def user_language_set(*, user: User, language: str) -> User:
    """A staff member's console and admin language (one of settings.LANGUAGES); ValidationError otherwise."""
    user.language = language
    user.full_clean(validate_unique=False, validate_constraints=False)
    user.save(update_fields=["language"])
    return user


def consent_record(
    *,
    citizen: Citizen,
    channel: Channel | str,
    granted: bool,
    source: ConsentEvent.Source | str,
    evidence: str = "",
    recorded_by: User | None = None,
) -> ConsentEvent:
    """Appends one grant or withdrawal; the newest event per channel is the citizen's current choice.

    The one way consent is recorded (bot, SMS keywords, API, admin, unsubscribe links, imports). Listeners of
    `consent_recorded` act in the same transaction (alerts skips queued deliveries after a withdrawal).
    """
    event = ConsentEvent(
        citizen=citizen,
        channel=channel,
        action=ConsentEvent.Action.GRANT if granted else ConsentEvent.Action.WITHDRAW,
        source=source,
        evidence=evidence[:2000],
        recorded_by=recorded_by if getattr(recorded_by, "pk", None) else None,  # partners have no user row
    )
    event.full_clean()
    with transaction.atomic():
        event.save()
        consent_recorded.send(sender=ConsentEvent, event=event)
    return event


def partner_key_create(*, partner: str, name: str, contact_email: str = "") -> tuple[PartnerAPIKey, str]:
    """Issues a key; the clear key is returned once and never stored."""
    return PartnerAPIKey.objects.create_key(name=name, partner=partner, contact_email=contact_email)
