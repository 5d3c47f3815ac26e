"""An alert's audience: the one owner of its `type` words (everyone, location, citizens, emails).

`Audience.parse` reads the stored / posted dict once and says what is wrong; `to_json` writes the same dict back,
so stored alerts are unchanged. Size, description and the citizen query live here too.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from accounts.models import Citizen, ConsentEvent
from fraudsafe.districts import district_canonical

EVERYONE, LOCATION, CITIZENS, EMAILS = "everyone", "location", "citizens", "emails"
TYPES = (EVERYONE, LOCATION, CITIZENS, EMAILS)
TYPE_CHOICES = [
    (EVERYONE, gettext_lazy("Every subscriber")),
    (LOCATION, gettext_lazy("A district (and optionally an area)")),
    (CITIZENS, gettext_lazy("Listed citizens (ids)")),
    (EMAILS, gettext_lazy("Email addresses (demo)")),
]


def latest_consent_action(*, channel: str, citizen_ref: str = "pk") -> Subquery:
    """The newest consent action ("grant" / "withdraw" / NULL) of the outer citizen on `channel`."""
    return Subquery(
        ConsentEvent.objects.filter(citizen=OuterRef(citizen_ref), channel=channel)
        .order_by("-created_at", "-id")
        .values("action")[:1]
    )


@dataclass(frozen=True)
class Audience:
    type: str
    district: str = ""
    area: str | None = None  # None: no "area" key stored (as posted)
    citizen_ids: tuple[int, ...] = ()
    emails: tuple[str, ...] = ()

    # ---- building -------------------------------------------------------------------------------------------
    @classmethod
    def everyone(cls) -> "Audience":
        return cls(EVERYONE)

    @classmethod
    def location(cls, district: str, area: str | None = None) -> "Audience":
        return cls(LOCATION, district=district, area=area)

    @classmethod
    def of_citizens(cls, ids) -> "Audience":
        return cls(CITIZENS, citizen_ids=tuple(ids))

    @classmethod
    def of_emails(cls, emails) -> "Audience":
        return cls(EMAILS, emails=tuple(emails))

    @classmethod
    def parse(cls, data) -> "Audience":
        """The audience a stored or posted dict names; ValidationError (one message) saying what is wrong."""
        if isinstance(data, Audience):
            data = data.to_json()
        if not isinstance(data, dict) or data.get("type") not in TYPES:
            raise ValidationError(_("Audience type must be one of: everyone, location, citizens, emails."))
        kind = data["type"]
        if kind == LOCATION:
            district = str(data.get("district", "")).strip()
            if not district:
                raise ValidationError(_("A location audience needs a district."))
            area = data.get("area")
            return cls.location(str(data.get("district", "")), None if area is None else str(area))
        if kind == CITIZENS:
            ids = data.get("citizen_ids")
            if not isinstance(ids, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in ids):
                raise ValidationError(_("citizen_ids must be a list of citizen ids."))
            return cls.of_citizens(ids)
        if kind == EMAILS:
            emails = data.get("emails")
            if not isinstance(emails, list) or not emails or len(emails) > settings.ALERTS_DEMO_MAX_EMAILS:
                raise ValidationError(
                    _("A demo alert needs 1 to %(n)d email addresses.") % {"n": settings.ALERTS_DEMO_MAX_EMAILS}
                )
            for email in emails:
                try:
                    validate_email(email)
                except (ValidationError, TypeError):
                    raise ValidationError(_("Invalid email address.")) from None
            return cls.of_emails(emails)
        return cls.everyone()

    def to_json(self) -> dict:
        """The stored shape (as before this type existed)."""
        if self.type == LOCATION:
            return {
                "type": LOCATION,
                "district": self.district,
                **({"area": self.area} if self.area is not None else {}),
            }
        if self.type == CITIZENS:
            return {"type": CITIZENS, "citizen_ids": list(self.citizen_ids)}
        if self.type == EMAILS:
            return {"type": EMAILS, "emails": list(self.emails)}
        return {"type": EVERYONE}

    def canonical(self) -> "Audience":
        """A location audience names its district canonically ("Bangalore" → "Bengaluru Urban")."""
        if self.type == LOCATION:
            return Audience.location(district_canonical(self.district), self.area)
        return self

    # ---- questions ------------------------------------------------------------------------------------------
    @property
    def is_everyone(self) -> bool:
        return self.type == EVERYONE

    @property
    def is_demo(self) -> bool:
        """Explicit email addresses: demo alerts only, by email only, no citizens."""
        return self.type == EMAILS

    @property
    def is_listed(self) -> bool:
        """Named citizens (case updates, breach notices): non-subscribers still get a (skipped) row."""
        return self.type == CITIZENS

    @property
    def alert_district(self) -> str:
        """The district an alert to this audience is filed under ("" unless a location)."""
        return self.district if self.type == LOCATION else ""

    def demo_addresses(self) -> list[str]:
        """The distinct, lower-cased email addresses of a demo audience (in order)."""
        return list(dict.fromkeys(e.strip().lower() for e in self.emails))

    def citizens(self) -> QuerySet[Citizen]:
        """Every citizen the audience names, before consent and caps (set-based; demo audiences are empty)."""
        citizens = Citizen.objects.all()
        if self.type == EVERYONE:
            return citizens
        if self.type == LOCATION:
            citizens = citizens.filter(district__iexact=district_canonical(self.district))
            return citizens.filter(area__iexact=self.area) if self.area else citizens
        if self.type == CITIZENS:
            return citizens.filter(pk__in=list(self.citizen_ids))
        return citizens.none()

    def size(self, *, channels: list[str]) -> int:
        """How many citizens consent to at least one of `channels` right now (demo: distinct addresses)."""
        if self.type == EMAILS:
            return len(set(self.emails))
        condition, annotations = Q(), {}
        for channel in channels:
            annotations[f"_c_{channel}"] = latest_consent_action(channel=channel)
            condition |= Q(**{f"_c_{channel}": ConsentEvent.Action.GRANT})
        if not annotations:
            return 0
        return self.citizens().annotate(**annotations).filter(condition).count()

    def describe(self) -> str:
        """Who this audience is, in words for staff."""
        if self.type == LOCATION:
            if self.area:
                return _("Subscribers in %(area)s, %(district)s") % {"area": self.area, "district": self.district}
            return _("Subscribers in %(district)s") % {"district": self.district}
        if self.type == CITIZENS:
            n = len(self.citizen_ids)
            return ngettext("%(n)d listed citizen", "%(n)d listed citizens", n) % {"n": n}
        if self.type == EMAILS:
            n = len(self.emails)
            return ngettext("%(n)d email address (demo)", "%(n)d email addresses (demo)", n) % {"n": n}
        return _("Every subscriber")


def from_form(kind: str, *, district: str, area: str, citizen_ids: list[int] | None, emails: list[str]) -> Audience:
    """The (not yet validated) audience the compose form's fields name; `citizen_ids=None`: the ids did not
    parse (a ValidationError on that field when the citizens type is chosen)."""
    if kind == LOCATION:
        return Audience.location(district, area)
    if kind == CITIZENS:
        if citizen_ids is None:
            raise ValidationError({"audience_citizen_ids": _("Enter ids separated by commas.")})
        return Audience.of_citizens(citizen_ids)
    if kind == EMAILS:
        return Audience.of_emails(emails)
    return Audience.everyone()
