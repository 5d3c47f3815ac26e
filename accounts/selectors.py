"""Reads for people and access."""

from django.db.models import OuterRef, QuerySet, Subquery

from accounts.models import Citizen, ConsentEvent, User
from fraudsafe.vocabulary import MessageChannel


def _latest_action(channel: str) -> Subquery:
    return Subquery(
        ConsentEvent.objects.filter(citizen=OuterRef("pk"), channel=channel)
        .order_by("-created_at", "-id")
        .values("action")[:1]
    )


def consent_state(*, citizen: Citizen) -> dict[str, bool]:
    """The citizen's current consent per channel, derived from the history in one query."""
    row = (
        Citizen.objects.filter(pk=citizen.pk)
        .annotate(**{f"consent_{channel}": _latest_action(channel) for channel in MessageChannel.values})
        .values(*(f"consent_{channel}" for channel in MessageChannel.values))
        .get()
    )
    return {channel: row[f"consent_{channel}"] == ConsentEvent.Action.GRANT for channel in MessageChannel.values}


def citizens_with_consent(*, channel: str, queryset: QuerySet[Citizen] | None = None) -> QuerySet[Citizen]:
    """Citizens whose newest consent event on `channel` is a grant (set-based; no Python loop)."""
    base = Citizen.objects.all() if queryset is None else queryset
    return base.annotate(_consent=_latest_action(channel)).filter(_consent=ConsentEvent.Action.GRANT)


def attenders() -> QuerySet[User]:
    return User.objects.filter(role=User.Role.ATTENDER, is_active=True, is_superuser=False).order_by("username")


# What a partner may learn of where consent came from: the citizen, the helpline, a partner, or an import. The
# exact source could tell that the person filed a complaint (the question at the end of one, or the bot's
# keywords), which partners must never learn.
_SOURCE_FOR_PARTNERS = {
    ConsentEvent.Source.WHATSAPP_KEYWORD: "citizen",
    ConsentEvent.Source.SMS_KEYWORD: "citizen",
    ConsentEvent.Source.COMPLAINT: "citizen",
    ConsentEvent.Source.EMAIL_LINK: "citizen",
    ConsentEvent.Source.ADMIN: "helpline",
    ConsentEvent.Source.IMPORT: "import",
}


def consent_history(*, citizen: Citizen, viewer, limit: int = 50) -> list[dict]:
    """The citizen's newest consent events as this viewer may see them: staff see the exact source and who
    recorded it; partners see only citizen / helpline / partner / import."""
    events = citizen.consent_events.select_related("partner_key", "recorded_by").order_by("-created_at", "-id")
    staff = bool(getattr(viewer, "is_helpline_admin", False) or getattr(viewer, "is_attender", False))
    rows = []
    for event in events[:limit]:
        if staff:
            source = event.source
            by = event.partner_key.label if event.partner_key else (event.recorded_by or "")
        elif event.partner_key_id:
            source, by = "partner", ""
        else:
            source, by = _SOURCE_FOR_PARTNERS.get(event.source, "helpline"), ""
        rows.append(
            {
                "channel": event.channel,
                "action": event.action,
                "source": source,
                "recorded_by": str(by),
                "created_at": event.created_at,
            }
        )
    return rows


def citizen_with_consent_history(*, phone, viewer) -> Citizen | None:
    """The citizen with this phone, for a consent look-up. For partners only one with consent history: a citizen
    the helpline knows from a complaint alone must look exactly like an unknown number."""
    citizens = Citizen.objects.filter(phone=phone)
    if not (getattr(viewer, "is_helpline_admin", False) or getattr(viewer, "is_attender", False)):
        citizens = citizens.filter(consent_events__isnull=False).distinct()
    return citizens.first()
