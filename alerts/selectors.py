"""Reads for alerts: audiences, outcome counts, deliveries, templates."""

from django.conf import settings
from django.db.models import Count, QuerySet

from accounts.models import Citizen
from alerts.audience import Audience, latest_consent_action  # noqa: F401 (re-exported)
from alerts.models import Alert, AlertTemplate, Delivery
from fraudsafe.vocabulary import MessageChannel

OUTCOMES = ("pending", "sent", "delivered", "failed", "skipped")


def _audience(audience: "dict | Audience") -> Audience:
    return audience if isinstance(audience, Audience) else Audience.parse(audience)


def citizens_in_audience(*, audience: "dict | Audience") -> QuerySet[Citizen]:
    """Every citizen an audience names, before consent and caps (see `Audience.citizens`)."""
    return _audience(audience).citizens()


def audience_size(*, audience: "dict | Audience", channels: list[str]) -> int:
    """How many citizens of the audience consent to at least one of `channels` right now (`Audience.size`)."""
    return _audience(audience).size(channels=channels)


def alert_outcome_counts(*, alert: Alert) -> dict[str, int]:
    """Deliveries of one alert by outcome ("sending" counts as pending), plus "total"."""
    return _counts(Delivery.objects.filter(alert=alert))


def _counts(deliveries: QuerySet[Delivery]) -> dict[str, int]:
    counts = dict.fromkeys(OUTCOMES, 0)
    for row in deliveries.order_by().values("status").annotate(n=Count("id")):
        key = "pending" if row["status"] == Delivery.Status.SENDING else row["status"]
        counts[key] += row["n"]
    counts["total"] = sum(counts[key] for key in OUTCOMES)
    return counts


def alert_skip_reasons(*, alert: Alert) -> dict[str, int]:
    rows = (
        Delivery.objects.filter(alert=alert, status=Delivery.Status.SKIPPED)
        .order_by()
        .values("skip_reason")
        .annotate(n=Count("id"))
    )
    return {row["skip_reason"]: row["n"] for row in rows}


def campaign_delivery_counts(*, campaign_ref: str | None = None) -> dict[str, int]:
    """Outcome counts of the campaign's alerts (all campaign/targeted alerts when None) + unique_citizens."""
    deliveries = Delivery.objects.all()
    if campaign_ref is None:
        deliveries = deliveries.filter(alert__kind__in=[Alert.Kind.CAMPAIGN, Alert.Kind.TARGETED])
    else:
        deliveries = deliveries.filter(alert__campaign_ref=campaign_ref)
    counts = _counts(deliveries)
    counts.pop("total")
    counts["unique_citizens"] = (
        deliveries.filter(status__in=[Delivery.Status.SENT, Delivery.Status.DELIVERED], citizen__isnull=False)
        .order_by()
        .values("citizen")
        .distinct()
        .count()
    )
    return counts


def alert_deliveries(*, alert: Alert) -> QuerySet[Delivery]:
    return Delivery.objects.filter(alert=alert).select_related("citizen").order_by("id")


def template_for(*, key: str, channel: str, language: str) -> AlertTemplate | None:
    """The active template in the citizen's language, falling back to English."""
    found = {
        t.language: t
        for t in AlertTemplate.objects.filter(key=key, channel=channel, language__in=[language, "en"], is_active=True)
    }
    return found.get(language) or found.get("en")


def template_keys() -> list[str]:
    return list(AlertTemplate.objects.order_by("key").values_list("key", flat=True).distinct())


def templates_missing() -> list[tuple[str, str, str]]:
    """(key, channel, language) of every template key × channel × language with no active template: deliveries to
    citizens of that language get the English template instead."""
    have = set(AlertTemplate.objects.filter(is_active=True).values_list("key", "channel", "language"))
    return [
        (key, channel, code)
        for key in template_keys()
        for channel in MessageChannel.values
        for code, _name in settings.LANGUAGES
        if (key, channel, code) not in have
    ]


def citizens_in_location(*, district: str = "", area: str = "") -> QuerySet[Citizen]:
    """Citizens of a district (and area), or of an area anywhere when no district is given, in id order."""
    if district:
        citizens = Audience.location(district, area).citizens()
    else:
        citizens = Citizen.objects.filter(area__iexact=area) if area else Citizen.objects.all()
    return citizens.order_by("id")


def alerts_visible_to(*, viewer, partner_key=None) -> QuerySet[Alert]:
    """Staff see every alert; a partner key sees the alerts it created, nothing else."""
    if partner_key is not None:
        return Alert.objects.filter(partner_key=partner_key)
    if getattr(viewer, "is_helpline_admin", False) or getattr(viewer, "is_attender", False):
        return Alert.objects.all()
    return Alert.objects.none()


def notice_deliveries(*, reference: str) -> QuerySet[Delivery]:
    """Every delivery of the case updates about `reference` (an acknowledgement number), oldest first."""
    return (
        Delivery.objects.filter(alert__kind=Alert.Kind.NOTICE, alert__reference=reference)
        .select_related("alert")
        .order_by("created_at", "id")
    )
