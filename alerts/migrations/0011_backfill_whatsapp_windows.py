"""Back-fills WhatsApp windows from the inbound messages received before windows were tracked (the webhook's
de-duplication records, the conversations' last message, WhatsApp consent keywords), so that a deploy does not
treat everyone who wrote in the last 24 hours as outside the window."""

from datetime import timedelta

from django.db import migrations
from django.utils import timezone


def backfill(apps, schema_editor):
    WhatsAppWindow = apps.get_model("alerts", "WhatsAppWindow")
    InboundMessage = apps.get_model("complaints", "InboundMessage")
    ConversationSession = apps.get_model("complaints", "ConversationSession")
    ConsentEvent = apps.get_model("accounts", "ConsentEvent")
    since = timezone.now() - timedelta(hours=24)
    last: dict[str, object] = {}
    rows = [
        *InboundMessage.objects.filter(received_at__gte=since).values_list("phone", "received_at"),
        *ConversationSession.objects.filter(last_message_at__gte=since).values_list("phone", "last_message_at"),
        *ConsentEvent.objects.filter(source="whatsapp_keyword", created_at__gte=since).values_list(
            "citizen__phone", "created_at"
        ),
    ]
    for phone, at in rows:
        if phone and (phone not in last or at > last[phone]):
            last[phone] = at
    known = dict(WhatsAppWindow.objects.filter(phone__in=list(last)).values_list("phone", "last_inbound_at"))
    for phone, at in last.items():
        if phone not in known:
            WhatsAppWindow.objects.create(phone=phone, last_inbound_at=at)
        elif known[phone] < at:
            WhatsAppWindow.objects.filter(phone=phone).update(last_inbound_at=at)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0007_consent_notice_version"),
        ("complaints", "0008_transaction_field_sources"),
        ("alerts", "0010_whatsapp_window_templates_tier"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
