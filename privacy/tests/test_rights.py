"""The data principal's rights end to end in Hindi over the signed WhatsApp webhook: the notice and its one-button
withdrawal, a copy of one's data (PDF and JSON), a correction through the admin queue, an erasure that keeps what a
registered complaint and a court order need and erases the alerts data; plus the unhappy paths."""

import io
import json
import uuid
import xml.etree.ElementTree as ET
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.cache import cache
from django.utils import timezone
from pypdf import PdfReader

from accounts.models import Citizen, ConsentEvent
from accounts.selectors import consent_state
from accounts.services import consent_record
from accounts.tests.factories import CitizenFactory
from alerts.models import Alert, Delivery
from campaigns.models import BehaviourProfile
from complaints.models import Complaint, ConversationSession
from complaints.tests.factories import ComplaintFactory
from privacy.models import DataRequest, LegalHold

PATH = "/webhooks/twilio/whatsapp/"
PHONE = "+919812345670"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def whatsapp(signed_twilio_post):
    def send(body: str, phone: str = PHONE):
        data = {"From": f"whatsapp:{phone}", "To": "whatsapp:+14155238886", "Body": body,
                "MessageSid": "SM" + uuid.uuid4().hex, "NumMedia": "0"}  # fmt: skip
        response = signed_twilio_post(PATH, data)
        assert response.status_code == 200, response.content
        message = ET.fromstring(response.content).find("Message")  # noqa: S314 - our own TwiML
        return (message.findtext("Body") or message.text or ""), [m.text for m in message.iter("Media")]

    return send


@pytest.fixture
def hindi_victim(db):
    citizen = CitizenFactory(phone=PHONE, name="आशा राव", language="hi")
    consent_record(citizen=citizen, channel="whatsapp", granted=True, source=ConsentEvent.Source.COMPLAINT)
    complaint = ComplaintFactory(citizen=citizen, name="आशा राव", language="hi", transactions=1)
    alert = Alert.objects.create(kind="general", audience={"type": "everyone"}, template_key="general")
    Delivery.objects.create(alert=alert, citizen=citizen, channel="whatsapp")
    BehaviourProfile.objects.create(citizen=citizen, features={"night_txn_ratio": 0.4})
    return citizen, complaint


def _get(client, url):
    return client.get(urlsplit(url).path + (f"?{urlsplit(url).query}" if urlsplit(url).query else ""))


@pytest.mark.django_db
def test_notice_in_hindi_with_version_and_one_button_withdrawal(whatsapp, hindi_victim, client, settings):
    settings.DPDP_NOTICE_VERSION = "2025-11-test"
    body, _media = whatsapp("गोपनीयता")
    assert "गोपनीयता सूचना" in body and "2025-11-test" in body
    assert "*बंद*" in body and "*मेरा डेटा*" in body and "https://www.dpb.gov.in" in body
    link = next(word for word in body.split() if "/privacy/withdraw/" in word)

    page = _get(client, link)
    assert page.status_code == 200 and page["Content-Language"] == "hi"
    assert "सहमति वापस लें" in page.content.decode()
    assert consent_state(citizen=hindi_victim[0])["whatsapp"] is True  # a GET (a link scanner) withdraws nothing

    done = client.post(urlsplit(link).path)
    assert done.status_code == 200 and "वापस ले ली गई" in done.content.decode()
    assert consent_state(citizen=hindi_victim[0])["whatsapp"] is False
    event = hindi_victim[0].consent_events.first()
    assert (event.source, event.notice_version) == (ConsentEvent.Source.NOTICE_PAGE, "2025-11-test")
    assert client.post(urlsplit(link).path[:-3] + "xx/").status_code == 404  # a tampered link


@pytest.mark.django_db
def test_every_consent_records_the_notice_version(whatsapp, settings):
    settings.DPDP_NOTICE_VERSION = "v7"
    whatsapp("अलर्ट चालू", phone="+919812345671")
    event = ConsentEvent.objects.get(citizen__phone="+919812345671")
    assert (event.action, event.source, event.notice_version) == ("grant", "whatsapp_keyword", "v7")


@pytest.mark.django_db
def test_access_correction_and_erasure_with_a_legal_hold_in_hindi(whatsapp, hindi_victim, client, admin_client):
    citizen, complaint = hindi_victim
    LegalHold.objects.create(citizen=citizen, reason="न्यायालय का आदेश 12/2026", reference="CO-12")

    # Access: a PDF and a JSON copy, sent back to the number that asked (the identity check).
    body, media = whatsapp("मेरा डेटा")
    assert "आपके बारे में हमारे पास जो डेटा है" in body and len(media) == 2
    pdf = client.get(urlsplit(media[0]).path)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert complaint.ack_number in text and "शिकायत" in text and "आशा राव" in text
    bundle = json.loads(client.get(urlsplit(media[1]).path).content)
    assert bundle["citizen"]["phone"] == PHONE and bundle["complaints"][0]["ack_number"] == complaint.ack_number
    assert bundle["consent"][0]["notice_version"] and bundle["alerts_received"] == 1
    access = DataRequest.objects.get(kind="access")
    assert access.status == "done" and list(access.steps.values_list("action", flat=True)) == [
        "received",
        "bundle_sent",
    ]

    # Correction: queued with its due time, done by staff on the admin page, audited by field name.
    body, _media = whatsapp("डेटा सुधारें")
    assert "30 दिनों" in body
    correction = DataRequest.objects.get(kind="correction")
    assert correction.status == "open" and correction.due_at > timezone.now() + timedelta(days=29)
    page = f"/admin/privacy/datarequest/{correction.pk}/change/"
    formset = admin_client.get(page).context["inline_admin_formsets"][0].formset
    data = {formset.management_form.add_prefix(k): v for k, v in formset.management_form.initial.items()}
    data |= {form.add_prefix("id"): form.instance.pk for form in formset.forms} | {"new_name": "आशा रानी"}
    response = admin_client.post(page, data)
    assert response.status_code == 302
    citizen.refresh_from_db()
    correction.refresh_from_db()
    assert citizen.name == "आशा रानी" and correction.status == "done"
    assert correction.steps.last().note == "name" and correction.steps.last().by is not None

    # Erasure: the citizen is told at once what is kept and why; staff run it from the queue.
    body, _media = whatsapp("डेटा मिटाएँ")
    assert f"पंजीकृत शिकायत {complaint.ack_number}" in body and "न्यायालय का आदेश 12/2026" in body
    erasure = DataRequest.objects.get(kind="erasure")
    response = admin_client.post(
        "/admin/privacy/datarequest/", {"action": "erase", "_selected_action": [erasure.pk, access.pk]}
    )
    assert response.status_code == 302
    erasure.refresh_from_db()
    assert erasure.status == "done" and {h["what"] for h in erasure.held} == {"complaint", "order"}
    assert Complaint.objects.filter(pk=complaint.pk).exists() and Citizen.objects.filter(pk=citizen.pk).exists()
    assert not Delivery.objects.filter(citizen=citizen).exists()  # alert-only data is erased
    assert not BehaviourProfile.objects.filter(citizen=citizen).exists()
    assert not ConversationSession.objects.filter(phone=PHONE).exists()
    assert not any(consent_state(citizen=citizen).values())  # nothing more is sent
    assert erasure.steps.last().action == "erased_with_holds"


@pytest.mark.django_db
def test_erasure_without_a_hold_deletes_the_citizen_and_keeps_the_answered_request(whatsapp, admin_client, client):
    phone = "+919812345672"
    whatsapp("अलर्ट चालू", phone=phone)
    body, _media = whatsapp("डेटा मिटाएँ", phone=phone)
    assert "हम आपका सारा डेटा मिटा देंगे" in body
    _body, media = whatsapp("मेरा डेटा", phone=phone)
    erasure = DataRequest.objects.get(kind="erasure")
    admin_client.post("/admin/privacy/datarequest/", {"action": "erase", "_selected_action": [erasure.pk]})
    erasure.refresh_from_db()
    assert erasure.citizen is None and erasure.status == "done" and erasure.held == []
    assert not Citizen.objects.filter(phone=phone).exists()
    assert client.get(urlsplit(media[0]).path).status_code == 404  # the copy's link dies with the data
    # Running the action again on the done request does nothing.
    admin_client.post("/admin/privacy/datarequest/", {"action": "erase", "_selected_action": [erasure.pk]})
    assert erasure.steps.count() == 2


@pytest.mark.django_db
def test_bundle_links_refuse_tampering_expiry_and_other_formats(whatsapp, client, settings):
    _body, media = whatsapp("my data", phone="+919812345673")
    path = urlsplit(media[1]).path
    assert client.get(path.replace("/json/", "/xml/")).status_code == 404
    token = path.split("/")[3]
    assert client.get(path.replace(token, token[:-2] + "zz")).status_code == 404
    settings.COMPLAINT_PDF_LINK_MAX_AGE = -1
    assert client.get(path).status_code == 404
