"""The rights API: a partner's bot with `privacy:requests` passes on requests; the answer is the bot's, in the
citizen's language; other keys and bad input are refused."""

import pytest

from accounts.tests.factories import CitizenFactory
from complaints.tests.factories import ComplaintFactory
from privacy.models import DataRequest

pytestmark = pytest.mark.django_db
URL = "/api/privacy/requests/"


def test_a_partner_passes_on_an_erasure_in_hindi_and_gets_the_holds(partner_client_factory):
    citizen = CitizenFactory(phone="+919812345680", language="hi")
    complaint = ComplaintFactory(citizen=citizen, transactions=1)
    client = partner_client_factory(scopes=["privacy:requests"])
    response = client.post(URL, {"phone": "+919812345680", "kind": "erasure", "channel": "sms"}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "open" and body["held"][0]["ref"] == complaint.ack_number
    assert f"पंजीकृत शिकायत {complaint.ack_number}" in body["message"] and body["copy_urls"] == []
    request = DataRequest.objects.get(pk=body["id"])
    assert (request.channel, request.language, request.citizen_id) == ("sms", "hi", citizen.pk)


def test_a_copy_over_the_api_returns_the_links(partner_client_factory):
    client = partner_client_factory(scopes=["privacy:requests"])
    body = client.post(URL, {"phone": "+919812345681", "kind": "access", "channel": "whatsapp", "language": "ta"},
                       format="json").json()  # fmt: skip
    assert body["status"] == "done" and len(body["copy_urls"]) == 2 and "PDF" in body["message"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"phone": "12", "kind": "access", "channel": "sms"}, "phone"),
        ({"phone": "+919812345682", "kind": "delete_all", "channel": "sms"}, "kind"),
        ({"phone": "+919812345682", "kind": "access", "channel": "email"}, "channel"),
    ],
)
def test_bad_input_is_refused_and_records_nothing(partner_client_factory, payload, field):
    client = partner_client_factory(scopes=["privacy:requests"])
    response = client.post(URL, payload, format="json")
    assert response.status_code == 400 and field in str(response.json())
    assert not DataRequest.objects.exists()


def test_a_key_without_the_scope_is_refused(partner_client_factory):
    client = partner_client_factory(scopes=["consent:write"])
    response = client.post(URL, {"phone": "+919812345683", "kind": "access", "channel": "sms"}, format="json")
    assert response.status_code == 403 and not DataRequest.objects.exists()
