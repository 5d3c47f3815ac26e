"""Alert audiences name districts canonically: an alert for "Bangalore" reaches Bengaluru Urban."""

import pytest

from accounts.models import ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory
from alerts.models import Delivery
from alerts.selectors import audience_size
from alerts.services import alert_create

pytestmark = pytest.mark.django_db


def test_a_location_alert_for_an_alias_reaches_the_canonical_district(send_now):
    here = CitizenFactory(district="Bengaluru Urban")
    CitizenFactory(district="Pune")
    consent_record(citizen=here, channel="sms", granted=True, source=ConsentEvent.Source.IMPORT)
    audience = {"type": "location", "district": "Bangalore"}
    assert audience_size(audience=audience, channels=["sms"]) == 1
    with send_now():
        alert = alert_create(kind="location", audience=audience, template_key="location", channels=["sms"])
    alert.refresh_from_db()
    assert alert.district == "Bengaluru Urban" and alert.audience["district"] == "Bengaluru Urban"
    assert list(Delivery.objects.filter(alert=alert).values_list("citizen_id", "status")) == [(here.pk, "sent")]


def test_case_updates_are_not_composed_by_hand():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="complaint workflow"):
        alert_create(kind="notice", audience={"type": "everyone"}, template_key="case_status", channels=["sms"])
