"""alerts.audience.Audience: parsed once, stored unchanged, and the same citizens as the old hand-written switch."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import Citizen, ConsentEvent
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory
from alerts.audience import Audience, from_form
from alerts.services import alert_validate
from alerts.tests.factories import subscribed_citizen
from fraudsafe.districts import district_canonical

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "data",
    [
        {"type": "everyone"},
        {"type": "location", "district": "Pune"},
        {"type": "location", "district": "Pune", "area": "Kothrud"},
        {"type": "location", "district": "Pune", "area": ""},
        {"type": "citizens", "citizen_ids": [3, 1, 2]},
        {"type": "emails", "emails": ["a@example.org", "b@example.org"]},
    ],
)
def test_each_type_parses_and_is_stored_as_before(data):
    audience = Audience.parse(data)
    assert audience.type == data["type"]
    assert audience.to_json() == data
    assert Audience.parse(audience) == audience


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (None, "Audience type must be one of"),
        ("everyone", "Audience type must be one of"),
        ({"type": "somebody"}, "Audience type must be one of"),
        ({}, "Audience type must be one of"),
        ({"type": "location"}, "needs a district"),
        ({"type": "location", "district": "   "}, "needs a district"),
        ({"type": "citizens"}, "citizen_ids must be a list"),
        ({"type": "citizens", "citizen_ids": [1, "2"]}, "citizen_ids must be a list"),
        ({"type": "citizens", "citizen_ids": [True]}, "citizen_ids must be a list"),
        ({"type": "citizens", "citizen_ids": 5}, "citizen_ids must be a list"),
        ({"type": "emails", "emails": []}, "needs 1 to 3 email addresses"),
        ({"type": "emails", "emails": "a@example.org"}, "needs 1 to 3 email addresses"),
        ({"type": "emails", "emails": [f"{i}@example.org" for i in range(4)]}, "needs 1 to 3 email addresses"),
        ({"type": "emails", "emails": ["not-an-address"]}, "Invalid email address"),
        ({"type": "emails", "emails": [7]}, "Invalid email address"),
    ],
)
def test_bad_input_names_what_is_wrong(settings, data, message):
    settings.ALERTS_DEMO_MAX_EMAILS = 3
    with pytest.raises(ValidationError) as caught:
        Audience.parse(data)
    assert message in caught.value.messages[0]


def test_a_built_audience_is_validated_again_when_parsed():
    with pytest.raises(ValidationError, match="needs a district"):
        Audience.parse(Audience.location(""))


def test_alert_validate_returns_the_parsed_audience_and_reports_by_field():
    parsed = alert_validate(
        kind="location", audience={"type": "location", "district": "Pune"}, template_key="location",
        channels=["sms"], critical=False, created_by=None,
    )  # fmt: skip
    assert parsed == Audience.location("Pune")
    with pytest.raises(ValidationError) as caught:
        alert_validate(
            kind="general", audience={"type": "emails", "emails": ["a@example.org"]}, template_key="general",
            channels=["sms"], critical=False, created_by=None,
        )  # fmt: skip
    assert caught.value.message_dict == {
        "audience": ["Explicit email addresses are only for demo alerts."],
        "channels": ["A demo alert to email addresses goes by email only."],
    }


def test_canonical_names_the_district_canonically():
    assert Audience.location("Bangalore", "Indiranagar").canonical() == Audience.location(
        "Bengaluru Urban", "Indiranagar"
    )
    assert Audience.everyone().canonical() == Audience.everyone()


def test_size_counts_consenting_citizens_on_any_channel():
    sms = subscribed_citizen("sms", district="Pune")
    subscribed_citizen("email", district="Pune")
    CitizenFactory(district="Pune")  # no consent
    withdrawn = subscribed_citizen("sms", district="Pune")
    consent_record(citizen=withdrawn, channel="sms", granted=False, source=ConsentEvent.Source.API)
    subscribed_citizen("sms", district="Nagpur")
    pune = Audience.location("Pune")
    assert pune.size(channels=["sms"]) == 1
    assert pune.size(channels=["sms", "email"]) == 2
    assert pune.size(channels=[]) == 0
    assert Audience.everyone().size(channels=["sms"]) == 2
    assert Audience.of_citizens([sms.pk, withdrawn.pk]).size(channels=["sms"]) == 1
    assert Audience.of_emails(["a@example.org", "a@example.org", "b@example.org"]).size(channels=["email"]) == 2


def test_describe_is_translated():
    assert Audience.everyone().describe() == "Every subscriber"
    assert Audience.location("Pune").describe() == "Subscribers in Pune"
    assert Audience.location("Pune", "Kothrud").describe() == "Subscribers in Kothrud, Pune"
    assert Audience.of_citizens([1]).describe() == "1 listed citizen"
    assert Audience.of_citizens([1, 2]).describe() == "2 listed citizens"
    assert Audience.of_emails(["a@example.org", "b@example.org"]).describe() == "2 email addresses (demo)"
    with translation.override("hi"):
        assert Audience.location("Pune").describe() == "Pune के सब्सक्राइबर"
        assert Audience.of_citizens([1, 2]).describe() == "2 चुने हुए नागरिक"


def _old_citizens_in_audience(audience: dict):
    """The switch alerts.selectors had before alerts.audience (the reference behaviour)."""
    kind = audience.get("type")
    citizens = Citizen.objects.all()
    if kind == "everyone":
        return citizens
    if kind == "location":
        citizens = citizens.filter(district__iexact=district_canonical(audience.get("district", "")))
        if audience.get("area"):
            citizens = citizens.filter(area__iexact=audience["area"])
        return citizens
    if kind == "citizens":
        return citizens.filter(pk__in=audience.get("citizen_ids") or [])
    return citizens.none()


def test_the_citizen_query_equals_the_old_behaviour():
    a = CitizenFactory(district="Bengaluru Urban", area="Indiranagar")
    b = CitizenFactory(district="bengaluru urban", area="Koramangala")
    c = CitizenFactory(district="Pune", area="indiranagar")
    CitizenFactory(district="", area="")
    audiences = [
        {"type": "everyone"},
        {"type": "location", "district": "Bangalore"},
        {"type": "location", "district": "Bengaluru Urban", "area": "INDIRANAGAR"},
        {"type": "location", "district": "Pune", "area": ""},
        {"type": "location", "district": "Nowhere"},
        {"type": "citizens", "citizen_ids": [a.pk, c.pk, 999_999]},
        {"type": "citizens", "citizen_ids": []},
        {"type": "emails", "emails": ["x@example.org"]},
    ]
    for data in audiences:
        new = set(Audience.parse(data).citizens().values_list("pk", flat=True))
        assert new == set(_old_citizens_in_audience(data).values_list("pk", flat=True)), data
    assert set(Audience.location("Bangalore").citizens().values_list("pk", flat=True)) == {a.pk, b.pk}


def test_the_compose_form_fields_build_an_audience():
    assert from_form("location", district="Pune", area="", citizen_ids=None, emails=[]) == Audience.location("Pune", "")
    assert from_form("citizens", district="", area="", citizen_ids=[4], emails=[]) == Audience.of_citizens([4])
    assert from_form("emails", district="", area="", citizen_ids=None, emails=["a@x.org"]).is_demo
    assert from_form("everyone", district="", area="", citizen_ids=None, emails=[]).is_everyone
    with pytest.raises(ValidationError) as caught:
        from_form("citizens", district="", area="", citizen_ids=None, emails=[])
    assert caught.value.message_dict == {"audience_citizen_ids": ["Enter ids separated by commas."]}
