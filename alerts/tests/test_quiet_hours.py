from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminFactory
from alerts.dispatch import alerts_dispatch_due
from alerts.fanout import quiet_until
from alerts.models import AlertContact, Delivery
from alerts.services import alert_create
from alerts.tests.conftest import ist
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiet_now(settings):
    """Quiet hours that contain the present moment in Asia/Kolkata (ends in about two hours)."""
    local = timezone.now().astimezone(ZoneInfo("Asia/Kolkata"))
    start, end = local - timedelta(hours=1), local + timedelta(hours=2)
    settings.ALERTS_QUIET_HOURS = f"{start:%H:%M}-{end:%H:%M}"
    return end.replace(second=0, microsecond=0)


def test_quiet_hours_span_midnight_in_the_citizens_zone(quiet_hours):
    assert quiet_until(time_zone="Asia/Kolkata", now=ist(2026, 3, 1, 23, 30)) == ist(2026, 3, 2, 7, 0)
    assert quiet_until(time_zone="Asia/Kolkata", now=ist(2026, 3, 2, 6, 59)) == ist(2026, 3, 2, 7, 0)
    assert quiet_until(time_zone="Asia/Kolkata", now=ist(2026, 3, 2, 7, 0)) is None
    assert quiet_until(time_zone="Asia/Kolkata", now=ist(2026, 3, 2, 21, 59)) is None


def test_quiet_hours_follow_the_citizens_own_time_zone(quiet_hours):
    london_night = datetime(2026, 3, 1, 23, 0, tzinfo=ZoneInfo("Europe/London"))  # 04:30 in India
    assert quiet_until(time_zone="Europe/London", now=london_night) == datetime(
        2026, 3, 2, 7, 0, tzinfo=ZoneInfo("Europe/London")
    )
    assert quiet_until(time_zone="Asia/Kolkata", now=london_night) is not None


def test_alert_in_quiet_hours_is_deferred_not_dropped(send_now, locmem_outbox, quiet_now):
    citizen = subscribed_citizen("sms")
    with send_now():
        alert = alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"])

    delivery = Delivery.objects.get(alert=alert)
    assert delivery.status == "pending"
    assert delivery.not_before == quiet_now
    assert locmem_outbox == []
    assert AlertContact.objects.get(citizen=citizen).at == quiet_now  # the cap counts it at its planned time

    with send_now():
        alerts_dispatch_due()  # still quiet: nothing goes out
    assert locmem_outbox == []
    # The quiet hours end: the every-minute beat job queues the deferred delivery.
    Delivery.objects.filter(pk=delivery.pk).update(not_before=timezone.now() - timedelta(seconds=1))
    with send_now():
        alerts_dispatch_due()
    delivery.refresh_from_db()
    assert delivery.status == "sent"
    assert len(locmem_outbox) == 1


def test_critical_alert_from_staff_bypasses_quiet_hours(send_now, locmem_outbox, quiet_now):
    subscribed_citizen("sms")
    with send_now():
        alert_create(
            kind="general",
            audience={"type": "everyone"},
            template_key="general",
            channels=["sms"],
            critical=True,
            created_by=AdminFactory(),
        )
    assert Delivery.objects.get().status == "sent"
    assert len(locmem_outbox) == 1


def test_critical_alert_needs_a_helpline_admin():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        alert_create(
            kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"], critical=True
        )
    assert "critical" in error.value.message_dict


def test_critical_alert_never_bypasses_consent(send_now, locmem_outbox, quiet_now):
    subscribed_citizen("email")
    with send_now():
        alert_create(
            kind="general",
            audience={"type": "everyone"},
            template_key="general",
            channels=["sms"],
            critical=True,
            created_by=AdminFactory(),
        )
    assert locmem_outbox == []
