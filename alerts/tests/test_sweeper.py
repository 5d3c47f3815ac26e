from datetime import timedelta

import pytest
from django.utils import timezone

from alerts.dispatch import alerts_dispatch_due
from alerts.fanout import alert_fan_out
from alerts.models import Delivery
from alerts.services import alert_create
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


def _fanned_out_alert():
    subscribed_citizen("sms")
    alert = alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"])
    alert_fan_out(alert_id=alert.pk)  # chunks deliberately not queued, as if they died with a worker
    return alert


def test_stalled_alert_is_requeued_and_sent(send_now, locmem_outbox, settings):
    alert = _fanned_out_alert()
    later = timezone.now() + timedelta(seconds=settings.ALERTS_REQUEUE_STALLED_SECONDS + 1)
    with send_now():
        result = alerts_dispatch_due(now=later)
    assert result["chunks"] == 1
    assert Delivery.objects.get(alert=alert).status == "sent"


def test_recently_active_alert_is_not_requeued(locmem_outbox):
    _fanned_out_alert()
    assert alerts_dispatch_due()["chunks"] == 0


def test_claim_whose_lease_expired_is_failed_not_resent(locmem_outbox, settings):
    alert = _fanned_out_alert()
    Delivery.objects.filter(alert=alert).update(status="sending", lease_until=timezone.now())
    result = alerts_dispatch_due(now=timezone.now() + timedelta(seconds=1))
    delivery = Delivery.objects.get(alert=alert)
    assert result["stale"] == 1
    assert (delivery.status, delivery.error_code) == ("failed", "worker_lost")
    assert locmem_outbox == []


def test_deferred_deliveries_are_queued_once_not_every_minute(locmem_outbox, settings):
    from alerts.fanout import send_chunks

    alert = _fanned_out_alert()
    Delivery.objects.filter(alert=alert).update(not_before=timezone.now() + timedelta(hours=2))
    assert send_chunks(alert_id=alert.pk) == []
    later = timezone.now() + timedelta(hours=3)
    Delivery.objects.filter(alert=alert).update(updated_at=later)  # recently active: not "stalled"
    assert alerts_dispatch_due(now=later)["chunks"] == 1
    assert alerts_dispatch_due(now=later + timedelta(minutes=1))["chunks"] == 0


def test_campaign_delivery_counts_by_outcome_and_unique_citizens(send_now, locmem_outbox):
    from alerts.selectors import campaign_delivery_counts

    citizen = subscribed_citizen("sms", "whatsapp")
    with send_now():
        alert_create(
            kind="campaign",
            audience={"type": "citizens", "citizen_ids": [citizen.pk]},
            template_key="campaign_alert",
            channels=["sms", "whatsapp"],
            context={"campaign_type": "fake KYC calls"},
            campaign_ref="42",
        )
    counts = campaign_delivery_counts(campaign_ref="42")
    assert counts == {"pending": 0, "sent": 2, "delivered": 0, "failed": 0, "skipped": 0, "unique_citizens": 1}
    assert campaign_delivery_counts(campaign_ref="7")["sent"] == 0
    assert campaign_delivery_counts()["sent"] == 2
    assert "fake KYC calls" in locmem_outbox[0].body
