import io

import pytest
from django.conf import settings
from django.core.management.color import no_style

from alerts import demo
from alerts.models import AlertTemplate
from alerts.seeds import CHANNELS, KEYS
from fraudsafe.schedules import collect

pytestmark = pytest.mark.django_db


def test_every_seed_template_exists_per_channel_in_english_and_hindi():
    for language in ("en", "hi"):
        for key in KEYS:
            for channel in CHANNELS:
                assert AlertTemplate.objects.filter(key=key, channel=channel, language=language).exists()


def test_demo_load_is_idempotent_and_keeps_edited_templates():
    english_sms = AlertTemplate.objects.filter(key="general", channel="sms", language="en")
    english_sms.update(body="edited {{ helpline_number }}")
    demo.load(stdout=io.StringIO(), style=no_style())
    demo.load(stdout=io.StringIO(), style=no_style())
    assert AlertTemplate.objects.filter(key="general", channel="sms").count() == len(settings.LANGUAGES)
    assert AlertTemplate.objects.get(key="general", channel="sms", language="en").body.startswith("edited")


def test_beat_entries_for_dispatch_and_the_preventive_schedule_are_registered():
    tasks = {spec.task for spec in collect()}
    assert {"alerts.tasks.alerts_dispatch_due_task", "alerts.tasks.preventive_alerts_schedule_task"} <= tasks
