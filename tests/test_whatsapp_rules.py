"""WhatsApp rules across apps: the deploy back-fills the 24-hour windows from inbound messages, and two workers
claiming batches at once never exceed the messaging limit (PostgreSQL). Here, not in alerts/tests, because they
reach complaints (its models, its race helper), which alerts may not import."""

from datetime import timedelta

import pytest
from django.utils import timezone

from alerts.models import Delivery, WhatsAppWindow
from alerts.tests.factories import subscribed_citizen
from alerts.tests.test_whatsapp_gate import _approve

pytestmark = pytest.mark.django_db


def test_the_deploy_back_fills_windows_from_the_last_24_hours_of_inbound_messages():
    import importlib

    from django.apps import apps

    from accounts.models import ConsentEvent
    from complaints.models import ConversationSession, InboundMessage

    now = timezone.now()
    InboundMessage.objects.create(message_sid="SM1", phone="+919800000001", received_at=now - timedelta(hours=2))
    InboundMessage.objects.create(message_sid="SM2", phone="+919800000001", received_at=now - timedelta(hours=5))
    InboundMessage.objects.create(message_sid="SM3", phone="+919800000002", received_at=now - timedelta(hours=30))
    ConversationSession.objects.create(phone="+919800000003", last_message_at=now - timedelta(hours=1))
    keyword = subscribed_citizen("whatsapp", whatsapp_window=False)
    ConsentEvent.objects.create(citizen=keyword, channel="whatsapp", action="grant", source="whatsapp_keyword",
                                created_at=now - timedelta(hours=3))  # fmt: skip
    WhatsAppWindow.objects.create(phone="+919800000003", last_inbound_at=now)  # newer already: kept

    importlib.import_module("alerts.migrations.0011_backfill_whatsapp_windows").backfill(apps, None)

    windows = dict(WhatsAppWindow.objects.values_list("phone", "last_inbound_at"))
    assert windows["+919800000001"] == now - timedelta(hours=2)  # the latest message
    assert "+919800000002" not in windows  # older than 24 hours: outside the window anyway
    assert windows["+919800000003"] == now
    assert windows[str(keyword.phone)] == now - timedelta(hours=3)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_claiming_batches_at_once_never_exceed_the_limit(settings):
    from alerts.models import Alert
    from alerts.sending import deliveries_send_range
    from alerts.services import templates_seed
    from complaints.tests.race import race

    templates_seed()
    settings.ALERTS_RATE_LIMITS = {"sms": 0, "whatsapp": 0, "email": 0}  # as alerts/tests/conftest.py sets
    settings.ALERTS_QUIET_HOURS = "00:00-00:00"
    settings.WHATSAPP_TIER_LIMIT = 5
    settings.ALERTS_CLAIM_BATCH = 2
    _approve()
    for _round in range(3):
        Delivery.objects.all().delete()
        alert = Alert.objects.create(kind="targeted", audience={"type": "everyone"}, template_key="scam_warning",
                                     channels=["whatsapp"], status=Alert.Status.SENDING)  # fmt: skip
        citizens = [subscribed_citizen("whatsapp", whatsapp_window=False) for _ in range(24)]
        ids = [Delivery.objects.create(alert=alert, citizen=c, channel="whatsapp").pk for c in citizens]
        halves = [(ids[0], ids[11]), (ids[12], ids[23])]
        results = race([lambda a=a, b=b: deliveries_send_range(alert_id=alert.pk, channel="whatsapp", first_id=a,
                                                                last_id=b) for a, b in halves])  # fmt: skip
        assert not any(isinstance(r, Exception) for r in results), results
        assert sum(r["sent"] for r in results) == 5
        assert Delivery.objects.filter(alert=alert, template_at__isnull=False).count() == 5
        assert Delivery.objects.filter(alert=alert, status="pending", deferred_by="tier_limit").count() == 19
