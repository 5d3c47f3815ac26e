"""The claim race: a colleague's earlier claim is told as "FS-… was just claimed by <name>" on the page and as the
documented 409 `already_claimed` in the API, for claim and for take next."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import AttenderFactory
from complaints import workflow
from complaints.models import Complaint
from complaints.tests.factories import ComplaintFactory
from complaints.tests.race import race


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_attenders_claim_on_the_page_one_wins_the_other_is_told_who():
    for _round in range(3):
        complaint = ComplaintFactory()
        users = [AttenderFactory(), AttenderFactory()]
        clients = []
        for user in users:
            client = Client()
            client.force_login(user)
            clients.append(client)
        url = reverse("console-claim", args=[complaint.pk])
        responses = race([lambda c=c: c.post(url) for c in clients])
        assert all(r.status_code == 302 for r in responses), responses
        won = [i for i, r in enumerate(responses) if r["Location"].startswith(f"/console/complaints/{complaint.pk}/")]
        lost = [i for i, r in enumerate(responses) if r["Location"] == reverse("console-unassigned")]
        assert (len(won), len(lost)) == (1, 1)
        complaint.refresh_from_db()
        assert complaint.handler == users[won[0]]
        page = clients[lost[0]].get(reverse("console-unassigned")).content.decode()
        assert f"{complaint.ack_number} was just claimed by {users[won[0]].username}." in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_attenders_claim_through_the_api_one_gets_409_already_claimed():
    for _round in range(3):
        complaint = ComplaintFactory()
        users = [AttenderFactory(), AttenderFactory()]
        clients = []
        for user in users:
            api = APIClient()
            api.force_authenticate(user)
            clients.append(api)
        url = reverse("api-complaint-claim", args=[complaint.pk])
        responses = race([lambda c=c: c.post(url) for c in clients])
        assert sorted(r.status_code for r in responses) == [200, 409], responses
        winner = users[[r.status_code for r in responses].index(200)]
        error = next(r for r in responses if r.status_code == 409).json()["error"]
        assert error["code"] == "already_claimed"
        assert error["message"] == f"{complaint.ack_number} was just claimed by {winner.username}."


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_take_next_at_once_never_gives_one_complaint_twice_and_the_loser_is_told():
    complaint = ComplaintFactory()
    users = [AttenderFactory(), AttenderFactory()]
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    responses = race([lambda c=c: c.post(reverse("console-take-next"), follow=True) for c in clients])
    complaint.refresh_from_db()
    winner = users.index(complaint.handler)
    loser_page = responses[1 - winner].content.decode()
    assert "No unassigned complaint is waiting." in loser_page
    assert Complaint.objects.filter(handler__isnull=False).count() == 1


@pytest.mark.django_db
def test_take_next_lost_to_a_colleague_says_so_and_gives_the_next_one(client, monkeypatch):
    """Deterministic interleaving: the colleague's claim lands between the queue read and this attender's claim."""
    first = ComplaintFactory(transactions=2)  # higher priority: taken first
    second = ComplaintFactory()
    me, colleague = AttenderFactory(), AttenderFactory(username="attender2")
    original = workflow.complaint_claim
    raced = []

    def colleague_first(*, complaint_id, attender):
        if attender == me and not raced:
            raced.append(complaint_id)
            original(complaint_id=complaint_id, attender=colleague)
        return original(complaint_id=complaint_id, attender=attender)

    monkeypatch.setattr(workflow, "complaint_claim", colleague_first)
    client.force_login(me)
    response = client.post(reverse("console-take-next"), follow=True)
    page = response.content.decode()
    assert raced == [first.pk]
    assert f"{first.ack_number} was just claimed by attender2." in page
    assert f"Complaint {second.ack_number} is now yours." in page
    second.refresh_from_db()
    assert second.handler == me


@pytest.mark.django_db
def test_claim_of_a_colleagues_complaint_in_the_api_is_409_not_404():
    complaint = ComplaintFactory(handler=AttenderFactory(username="attender2"))
    api = APIClient()
    api.force_authenticate(AttenderFactory())
    response = api.post(reverse("api-complaint-claim", args=[complaint.pk]))
    assert response.status_code == 409
    assert response.json()["error"]["message"] == f"{complaint.ack_number} was just claimed by attender2."
    assert api.post(reverse("api-complaint-claim", args=[999999])).status_code == 404
