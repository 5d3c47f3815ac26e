"""Reads for people and access."""

from django.db.models import OuterRef, QuerySet, Subquery

from accounts.models import Citizen, ConsentEvent, User
from fraudsafe.vocabulary import Channel


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
        .annotate(**{f"consent_{channel}": _latest_action(channel) for channel in Channel.values})
        .values(*(f"consent_{channel}" for channel in Channel.values))
        .get()
    )
    return {channel: row[f"consent_{channel}"] == ConsentEvent.Action.GRANT for channel in Channel.values}


def citizens_with_consent(*, channel: str, queryset: QuerySet[Citizen] | None = None) -> QuerySet[Citizen]:
    """Citizens whose newest consent event on `channel` is a grant (set-based; no Python loop)."""
    base = Citizen.objects.all() if queryset is None else queryset
    return base.annotate(_consent=_latest_action(channel)).filter(_consent=ConsentEvent.Action.GRANT)


def attenders() -> QuerySet[User]:
    return User.objects.filter(role=User.Role.ATTENDER, is_active=True, is_superuser=False).order_by("username")
