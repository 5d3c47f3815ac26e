"""Search from the console header: each identifier, one step for exact ones, and who may see what."""

import pytest
from django.urls import reverse

from accounts.tests.factories import AdminFactory, AttenderFactory, CitizenFactory
from complaints.console.search import ack_from_query, complaints_search, lookup_token
from complaints.models import Complaint
from complaints.tests.factories import ComplaintFactory, TransactionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    me, colleague = AttenderFactory(username="me"), AttenderFactory(username="attender2")
    mine = ComplaintFactory(handler=me, name="Asha Rao", district="Pune", mobile="9876500011")
    free = ComplaintFactory(name="Ravi Kumar", district="Bengaluru Urban", mobile="9876500022")
    theirs = ComplaintFactory(
        handler=colleague,
        name="Asha Verma",
        district="Bengaluru Urban",
        mobile="9876500033",
        citizen=CitizenFactory(phone="+919876500033"),
    )
    TransactionFactory(complaint=mine, position=1, transaction_id="UTR111122223333", account_number="50100234567891")
    TransactionFactory(complaint=free, position=1, transaction_id="UTR444455556666", account_number="30112233445")
    TransactionFactory(complaint=theirs, position=1, transaction_id="UTR777788889999", account_number="99988877766")
    return {"me": me, "colleague": colleague, "mine": mine, "free": free, "theirs": theirs}


def found(user, query) -> list[Complaint]:
    return complaints_search(user=user, query=query).complaints


@pytest.mark.parametrize("typed", ["FS-2026-000006", "fs-2026-6", "FS 2026 000006", "fs2026000006"])
def test_acknowledgement_numbers_are_read_however_they_are_typed(typed):
    assert ack_from_query(typed) == "FS-2026-000006"


def test_an_exact_acknowledgement_number_finds_a_colleagues_complaint_as_a_lookup(world):
    result = complaints_search(user=world["me"], query=world["theirs"].ack_number.lower())
    assert result.kind == "ack" and result.complaints == [world["theirs"]]
    assert result.looked_up == {world["theirs"].pk}


@pytest.mark.parametrize("typed", ["98765 00033", "+91 98765-00033", "09876500033", "9876500033"])
def test_the_callers_phone_finds_their_complaints_whoever_handles_them(world, typed):
    result = complaints_search(user=world["me"], query=typed)
    assert result.kind == "phone" and world["theirs"] in result.complaints


def test_name_searches_only_what_an_attender_may_see(world):
    assert found(world["me"], "Asha") == [world["mine"]]  # not the colleague's Asha Verma
    assert set(found(AdminFactory(), "Asha")) == {world["mine"], world["theirs"]}


def test_transaction_id_utr_finds_within_visibility(world):
    assert found(world["me"], "UTR444455556666") == [world["free"]]
    assert found(world["me"], "utr7777") == []  # the colleague's: not by free text
    assert found(AdminFactory(), "UTR777788889999") == [world["theirs"]]


def test_account_number_finds_within_visibility(world):
    assert found(world["me"], "50100234567891") == [world["mine"]]
    assert found(world["me"], "99988877766") == []


def test_district_and_its_aliases_find_within_visibility(world):
    assert found(world["me"], "Bangalore") == [world["free"]]
    assert found(world["me"], "bengaluru urban") == [world["free"]]
    assert set(found(AdminFactory(), "Bangalore")) == {world["free"], world["theirs"]}


def test_the_header_box_opens_an_exact_hit_in_one_step_masked_until_claimed(client, world):
    client.force_login(world["me"])
    response = client.get(reverse("console-search"), {"q": world["theirs"].ack_number})
    assert response.status_code == 302 and "lookup=" in response["Location"] and "from=search" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert world["theirs"].ack_number in page
    assert "attender2 handles this complaint" in page
    assert world["theirs"].mobile not in page and "99988877766" not in page  # masked
    assert "7766" in page  # the last four stay readable
    assert "Search results" in page  # the back link goes where the attender came from


def test_a_complaint_of_a_colleague_needs_the_lookup_link(client, world):
    client.force_login(world["me"])
    url = reverse("console-complaint", args=[world["theirs"].pk])
    assert client.get(url).status_code == 404
    assert client.get(url, {"lookup": "forged:token"}).status_code == 404
    other_users_token = lookup_token(user=world["colleague"], complaint_id=world["theirs"].pk)
    assert client.get(url, {"lookup": other_users_token}).status_code == 404
    mine = lookup_token(user=world["me"], complaint_id=world["theirs"].pk)
    assert client.get(url, {"lookup": mine}).status_code == 200


def test_lookup_links_expire(client, world, settings):
    settings.CONSOLE_LOOKUP_MAX_AGE = -1
    client.force_login(world["me"])
    token = lookup_token(user=world["me"], complaint_id=world["theirs"].pk)
    assert client.get(reverse("console-complaint", args=[world["theirs"].pk]), {"lookup": token}).status_code == 404


def test_a_lookup_does_not_let_an_attender_change_the_complaint(client, world):
    client.force_login(world["me"])
    token = lookup_token(user=world["me"], complaint_id=world["theirs"].pk)
    response = client.post(
        reverse("console-status", args=[world["theirs"].pk]), {"status": "in_progress", "lookup": token}
    )
    assert response.status_code == 404
    response = client.post(reverse("console-note", args=[world["theirs"].pk]), {"note": "hi", "lookup": token})
    assert response.status_code == 404


def test_several_hits_are_listed_with_priority(client, world):
    client.force_login(world["me"])
    ComplaintFactory(handler=world["me"], name="Meera Rao")
    page = client.get(reverse("console-search"), {"q": "Rao"}).content.decode()
    assert "2 complaints for “Rao”" in page and "Priority" in page


def test_nothing_found_says_so(client, world):
    client.force_login(world["me"])
    page = client.get(reverse("console-search"), {"q": "Nobody Here"}).content.decode()
    assert "No complaint found" in page


def test_every_console_page_has_the_search_box(client, world):
    client.force_login(world["me"])
    for url in (
        reverse("console-home"),
        reverse("console-unassigned"),
        reverse("console-complaint", args=[world["mine"].pk]),
        "/console/patterns/",
    ):
        assert 'action="/console/search/"' in client.get(url).content.decode(), url


def test_the_api_searches_account_numbers_and_districts_within_visibility(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(world["me"])
    body = api.get(reverse("api-complaint-list"), {"search": "30112233445"}).json()
    assert [row["ack_number"] for row in body["results"]] == [world["free"].ack_number]
    body = api.get(reverse("api-complaint-list"), {"district": "Bangalore"}).json()
    assert [row["ack_number"] for row in body["results"]] == [world["free"].ack_number]
