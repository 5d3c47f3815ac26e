"""Writes for people and access: citizens, consent history, partner keys and their limits, the audit trail."""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from phonenumber_field.phonenumber import PhoneNumber

from accounts.models import AuditEntry, Citizen, ConsentEvent, PartnerAPIKey, PartnerKeyUsage, Scope, User
from accounts.signals import consent_recorded
from fraudsafe.phones import phone_read
from fraudsafe.vocabulary import MessageChannel


def citizen_upsert(*, phone: str | PhoneNumber, **fields) -> Citizen:
    """The citizen with this phone, created if new; non-empty `fields` overwrite stored values."""
    phone = phone_read(phone)
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
    channel: MessageChannel | str,
    granted: bool,
    source: ConsentEvent.Source | str,
    evidence: str = "",
    recorded_by: User | None = None,
    partner_key: PartnerAPIKey | None = None,
) -> ConsentEvent:
    """Appends one grant or withdrawal; the newest event per channel is the citizen's current choice.

    The one way consent is recorded (bot, SMS keywords, API, admin, unsubscribe links, imports). Listeners of
    `consent_recorded` act in the same transaction (alerts skips queued deliveries after a withdrawal).
    Consent recorded by a partner is attributed to its key and needs evidence (what the citizen agreed to, where).
    Each event records the privacy notice version in force (DPDP), its time and its source (the channel used).
    """
    if partner_key is not None and not evidence.strip():
        raise ValidationError({"evidence": [_("Consent recorded by a partner needs evidence: what, when, where.")]})
    event = ConsentEvent(
        citizen=citizen,
        channel=channel,
        action=ConsentEvent.Action.GRANT if granted else ConsentEvent.Action.WITHDRAW,
        source=source,
        evidence=evidence[:2000],
        recorded_by=recorded_by if getattr(recorded_by, "pk", None) else None,  # partners have no user row
        partner_key=partner_key,
        notice_version=settings.DPDP_NOTICE_VERSION,
    )
    event.full_clean()
    with transaction.atomic():
        event.save()
        consent_recorded.send(sender=ConsentEvent, event=event)
    return event


def partner_key_create(
    *, partner: str, name: str, contact_email: str = "", scopes: list[str] | tuple[str, ...] = (), **limits
) -> tuple[PartnerAPIKey, str]:
    """Issues a key with these scopes (none by default: a new key may do nothing) and optional limits
    (`max_audience`, `daily_message_quota`, `expiry_date`); the clear key is returned once and never stored."""
    unknown = set(scopes) - set(Scope.values)
    if unknown:
        raise ValidationError({"scopes": [_("Unknown scopes: %(s)s.") % {"s": ", ".join(sorted(unknown))}]})
    return PartnerAPIKey.objects.create_key(
        name=name, partner=partner, contact_email=contact_email, scopes=sorted(set(scopes)), **limits
    )


def partner_audience_check(*, key: PartnerAPIKey, size: int) -> None:
    """Raises PermissionDenied when one call of this key would reach more citizens than the key may."""
    if size > key.max_audience:
        raise PermissionDenied(
            _("This API key may reach at most %(limit)d citizens at once; this audience has %(size)d.")
            % {"limit": key.max_audience, "size": size}
        )


def partner_quota_take(*, key: PartnerAPIKey, day: date | None = None) -> bool:
    """Counts one message-sending call of this key today (helpline time); False once the daily quota is used.

    Counted in the database with one conditional UPDATE, so concurrent calls on any number of web processes
    can never exceed the quota, and a restart loses nothing."""
    day = day or timezone.localdate()
    PartnerKeyUsage.objects.bulk_create([PartnerKeyUsage(key=key, day=day)], ignore_conflicts=True)
    return bool(
        PartnerKeyUsage.objects.filter(key=key, day=day, message_calls__lt=key.daily_message_quota).update(
            message_calls=F("message_calls") + 1
        )
    )


def partner_quota_give_back(*, key: PartnerAPIKey, day: date) -> None:
    """Returns one unit of the day's quota: the call it was taken for was refused and sent nothing."""
    PartnerKeyUsage.objects.filter(key=key, day=day, message_calls__gt=0).update(message_calls=F("message_calls") - 1)


def audit_record(
    *,
    action: str,
    endpoint: str,
    outcome: str,
    partner_key: PartnerAPIKey | None = None,
    user: User | None = None,
    objects: dict | None = None,
    ip_address: str | None = None,
    status_code: int | None = None,
) -> AuditEntry:
    """Appends one audit entry. `objects` names ids only (`{"alert": 12}`): never message bodies or numbers."""
    if partner_key is not None:
        actor = f"partner:{partner_key.label}"
    elif user is not None and getattr(user, "pk", None):
        actor = f"user:{user.get_username()}"
    else:
        actor = "anonymous"
    refs = " ".join(f"{name}={value}" for name, value in (objects or {}).items() if value not in (None, ""))
    return AuditEntry.objects.create(
        actor=actor[:150],
        partner_key=partner_key,
        user=user if getattr(user, "pk", None) else None,
        action=action,
        endpoint=endpoint,
        objects_ref=refs,
        ip_address=ip_address or None,
        status_code=status_code,
        outcome=outcome,
    )


def audit_purge(*, now=None) -> int:
    """Removes audit entries and per-key usage older than AUDIT_RETENTION_DAYS; returns the entries removed."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    removed, _per_model = AuditEntry.objects.filter(created_at__lt=cutoff).delete()
    PartnerKeyUsage.objects.filter(day__lt=timezone.localdate(cutoff)).delete()
    return removed
