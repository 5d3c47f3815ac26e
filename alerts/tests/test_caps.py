from datetime import timedelta

import pytest
from django.db.models import F

from alerts.models import AlertContact, Delivery
from alerts.services import alert_create
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(send_now):
    def _send(citizen, channels=("sms",), critical=False, created_by=None):
        with send_now():
            alert = alert_create(
                kind="targeted",
                audience={"type": "citizens", "citizen_ids": [citizen.pk]},
                template_key="scam_warning",
                channels=list(channels),
                critical=critical,
                created_by=created_by,
            )
        return alert

    return _send


def _hours_ago(alert, hours: float) -> None:
    """Moves an alert's contacts into the past, as if it had been sent `hours` ago."""
    AlertContact.objects.filter(alert=alert).update(at=F("at") - timedelta(hours=hours))


def _outcome(alert, channel="sms"):
    delivery = Delivery.objects.get(alert=alert, channel=channel)
    return delivery.status, delivery.skip_reason


def test_third_alert_of_the_day_is_sent_and_fourth_is_skipped_with_cap_day(send):
    citizen = subscribed_citizen()
    first = send(citizen)
    _hours_ago(first, 14)
    second = send(citizen)
    _hours_ago(second, 7)
    third = send(citizen, channels=("whatsapp",))
    assert _outcome(third, "whatsapp") == ("sent", "")
    _hours_ago(third, 6)

    fourth = send(citizen, channels=("email",))

    assert _outcome(fourth, "email") == ("skipped", "cap_day")


def test_a_contact_older_than_24_hours_no_longer_counts_toward_the_day(send):
    citizen = subscribed_citizen()
    for hours in (25, 14, 7):
        _hours_ago(send(citizen), hours)
    assert _outcome(send(citizen)) == ("sent", "")


def test_second_alert_within_six_hours_is_skipped_with_cooldown(send):
    citizen = subscribed_citizen()
    first = send(citizen)
    _hours_ago(first, 5.9)
    assert _outcome(send(citizen, channels=("whatsapp",)), "whatsapp") == ("skipped", "cooldown")


def test_second_alert_six_hours_later_is_sent(send):
    citizen = subscribed_citizen()
    _hours_ago(send(citizen), 6)
    assert _outcome(send(citizen)) == ("sent", "")


def test_eleventh_alert_of_the_week_is_skipped_with_cap_week(send, settings):
    citizen = subscribed_citizen()
    for day in range(10):  # ten alerts over the last week, at most two a day, 12 hours apart
        _hours_ago(send(citizen), 12 * (day + 1) + 1)
    assert AlertContact.objects.filter(citizen=citizen).count() == 10
    assert _outcome(send(citizen)) == ("skipped", "cap_week")


def test_tenth_alert_of_the_week_is_sent(send):
    citizen = subscribed_citizen()
    for day in range(9):
        _hours_ago(send(citizen), 12 * (day + 1) + 1)
    assert _outcome(send(citizen)) == ("sent", "")


def test_one_alert_on_several_channels_counts_once(send):
    citizen = subscribed_citizen()
    alert = send(citizen, channels=("sms", "whatsapp", "email"))
    assert Delivery.objects.filter(alert=alert, status="sent").count() == 3
    assert AlertContact.objects.filter(citizen=citizen).count() == 1


def test_caps_apply_across_alerts_and_channels(send):
    citizen = subscribed_citizen()
    send(citizen, channels=("email",))
    assert _outcome(send(citizen, channels=("sms",))) == ("skipped", "cooldown")


def test_a_skipped_delivery_does_not_use_the_budget(send):
    citizen = subscribed_citizen("sms")
    send(citizen, channels=("whatsapp",))  # no WhatsApp consent: skipped, reaches nobody
    assert not AlertContact.objects.exists()
    assert _outcome(send(citizen)) == ("sent", "")


def test_critical_alert_still_respects_caps(send, django_user_model):
    from accounts.tests.factories import AdminFactory

    citizen = subscribed_citizen()
    send(citizen)
    alert = send(citizen, critical=True, created_by=AdminFactory())
    assert _outcome(alert) == ("skipped", "cooldown")


def test_caps_are_configurable(send, settings):
    settings.ALERTS_COOLDOWN_HOURS = 0
    settings.ALERTS_CAP_DAY = 1
    citizen = subscribed_citizen()
    send(citizen)
    assert _outcome(send(citizen)) == ("skipped", "cap_day")
