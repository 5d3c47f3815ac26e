"""The demo bank key does the job the README gives it: answering its own freeze requests."""

import io
import re

import pytest
from django.core.management import call_command

from accounts.models import PartnerAPIKey, Scope
from recovery import demo

pytestmark = pytest.mark.django_db


def test_the_demo_bank_key_lists_its_freeze_requests(client):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    key = re.search(r"bank partner key for Yes Bank and HDFC Bank: (\S+)", out.getvalue()).group(1)
    response = client.get("/api/freeze-requests/", HTTP_AUTHORIZATION=f"Api-Key {key}")
    assert response.status_code == 200, response.content
    assert response.json()["count"] >= 1


def test_a_demo_key_of_an_older_run_gets_the_scope_it_needs():
    call_command("load_demo", stdout=io.StringIO())
    PartnerAPIKey.objects.filter(partner=demo.PARTNER).update(scopes=[])
    call_command("load_demo", stdout=io.StringIO())
    assert PartnerAPIKey.objects.get(partner=demo.PARTNER).scopes == [Scope.FREEZES_MANAGE, Scope.REFUNDS_MANAGE]


def test_the_demo_complaint_goes_from_money_held_to_money_returned(client):
    from recovery.models import RestitutionCase

    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=io.StringIO())  # again: nothing twice
    [case] = RestitutionCase.objects.all()
    assert case.status == "refunded" and case.refunded == case.claimable > 0
    assert case.refund_requests.count() == 1 and case.events.filter(kind="refunded").count() == 1
    assert "restitution of" in out.getvalue()
    key = re.search(r"bank partner key for Yes Bank and HDFC Bank: (\S+)", out.getvalue()).group(1)
    rows = client.get("/api/refund-requests/?status=all", HTTP_AUTHORIZATION=f"Api-Key {key}").json()["results"]
    assert [row["status"] for row in rows] == ["refunded"] and rows[0]["payments"][0]["utr"].startswith("YESBR")
