"""Alerts in the citizen's language: a fan-out to three languages, the English fallback, the admin's list of
missing templates, the unsubscribe page."""

import pytest
from django.urls import reverse

from alerts.models import AlertTemplate
from alerts.rendering import unsubscribe_url
from alerts.services import alert_create
from alerts.tests.factories import subscribed_citizen

pytestmark = pytest.mark.django_db


def test_a_fan_out_to_citizens_of_three_languages_renders_each_in_their_own(send_now, locmem_outbox, mailoutbox):
    hindi = subscribed_citizen("sms", "email", language="hi", district="Pune")
    tamil = subscribed_citizen("sms", "email", language="ta", district="Pune")
    english = subscribed_citizen("sms", "email", language="en", district="Pune")
    with send_now():
        alert_create(
            kind="location",
            audience={"type": "location", "district": "Pune"},
            template_key="location",
            channels=["sms", "email"],
            context={"district": "Pune"},
        )
    sms = {message.to: message.body for message in locmem_outbox}
    assert "के लिए FraudSafe चेतावनी" in sms[str(hindi.phone)]
    assert "பகுதிக்கான FraudSafe எச்சரிக்கை" in sms[str(tamil.phone)]
    assert sms[str(english.phone)].startswith("FraudSafe alert for Pune")
    emails = {message.to[0]: message for message in mailoutbox}
    assert "धोखाधड़ी चेतावनी" in emails[hindi.email].subject
    assert "மோசடி எச்சரிக்கை" in emails[tamil.email].subject
    assert "உதவி எண்: 1930" in emails[tamil.email].body  # the email's frame is in Tamil too
    assert "हेल्पलाइन: 1930" in emails[hindi.email].body
    assert "FraudSafe अलर्ट बंद करें" in emails[hindi.email].alternatives[0][0]


def test_a_citizen_whose_language_has_no_template_gets_the_english_one(send_now, locmem_outbox):
    AlertTemplate.objects.filter(key="general", channel="sms", language="bn").delete()
    citizen = subscribed_citizen("sms", language="bn")
    with send_now():
        alert_create(kind="general", audience={"type": "everyone"}, template_key="general", channels=["sms"])
    (message,) = [m for m in locmem_outbox if m.to == str(citizen.phone)]
    assert message.body.startswith("FraudSafe alert: cyber fraud peaks")


def test_every_seeded_key_has_a_template_in_every_language_and_channel():
    from alerts.seeds import KEYS, NOTICE_KEYS
    from alerts.selectors import templates_missing

    assert templates_missing() == []
    # Other apps seed notices of their own (recovery: money_on_hold, restitution_*; privacy: data_breach), present
    # or not depending on what ran first.
    telugu = AlertTemplate.objects.filter(language="te", channel="whatsapp")
    assert set(KEYS + NOTICE_KEYS) <= set(telugu.values_list("key", flat=True))
    ours = telugu.exclude(key__in=["money_on_hold", "data_breach"]).exclude(key__startswith="restitution_")
    assert ours.count() == len(KEYS) + len(NOTICE_KEYS)  # one each, no duplicate


def test_the_template_list_in_the_admin_names_the_missing_templates(admin_client):
    AlertTemplate.objects.filter(key="scam_warning", channel="whatsapp", language="mr").delete()
    response = admin_client.get(reverse("admin:alerts_alerttemplate_changelist"), follow=True)
    text = response.content.decode()
    assert "1 templates are missing" in text and "scam_warning / whatsapp / mr" in text


def test_the_unsubscribe_page_speaks_the_citizens_language(client):
    citizen = subscribed_citizen("email", language="bn")
    path = unsubscribe_url(citizen_id=citizen.pk).removeprefix("http://testserver")
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert "FraudSafe-এর ইমেল সতর্কবার্তা বন্ধ করবেন?" in page.content.decode()
    assert page["Content-Language"] == "bn"
    done = client.post(path)
    assert "আপনি আর ইমেলে FraudSafe সতর্কবার্তা পাবেন না।" in done.content.decode()
