import pytest
from django.core.exceptions import ValidationError

from accounts.models import Citizen, ConsentEvent
from accounts.selectors import citizens_with_consent, consent_state
from accounts.services import citizen_upsert, consent_record
from accounts.tests.factories import CitizenFactory

pytestmark = pytest.mark.django_db


def test_consent_state_follows_grant_withdraw_grant():
    citizen = CitizenFactory()
    src = ConsentEvent.Source.API
    consent_record(citizen=citizen, channel="sms", granted=True, source=src)
    assert consent_state(citizen=citizen)["sms"] is True
    consent_record(citizen=citizen, channel="sms", granted=False, source=src)
    assert consent_state(citizen=citizen)["sms"] is False
    consent_record(citizen=citizen, channel="sms", granted=True, source=src)
    assert consent_state(citizen=citizen) == {"email": False, "sms": True, "whatsapp": False}
    assert citizen.consent_events.count() == 3


def test_consent_of_one_channel_does_not_leak_into_another():
    citizen = CitizenFactory()
    consent_record(citizen=citizen, channel="email", granted=True, source=ConsentEvent.Source.ADMIN)
    assert consent_state(citizen=citizen) == {"email": True, "sms": False, "whatsapp": False}


def test_citizens_with_consent_selects_only_current_grants():
    granted, withdrawn, never = CitizenFactory(), CitizenFactory(), CitizenFactory()
    consent_record(citizen=granted, channel="whatsapp", granted=True, source="api")
    consent_record(citizen=withdrawn, channel="whatsapp", granted=True, source="api")
    consent_record(citizen=withdrawn, channel="whatsapp", granted=False, source="api")
    assert list(citizens_with_consent(channel="whatsapp")) == [granted]
    assert never not in citizens_with_consent(channel="whatsapp")


def test_consent_history_cannot_be_edited_or_deleted():
    event = consent_record(citizen=CitizenFactory(), channel="sms", granted=True, source="api")
    event.action = ConsentEvent.Action.WITHDRAW
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_consent_with_unknown_channel_is_refused():
    with pytest.raises(ValidationError):
        consent_record(citizen=CitizenFactory(), channel="pigeon", granted=True, source="api")


def test_citizen_upsert_normalises_phone_and_updates_fields():
    first = citizen_upsert(phone="9876543210", name="Asha")
    again = citizen_upsert(phone="+91 98765 43210", district="Pune", name="")
    assert first.pk == again.pk
    assert str(again.phone) == "+919876543210"
    assert again.name == "Asha" and again.district == "Pune"
    assert Citizen.objects.count() == 1
