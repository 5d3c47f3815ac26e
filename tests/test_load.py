"""Load on loopback against gunicorn: correctness under concurrency (numbers are reported, not asserted)."""

import pytest
from django.conf import settings
from django.db import connection

from bench.loadtest import gunicorn, partner_traffic, whatsapp_conversations
from complaints.models import Complaint

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def server_env() -> dict:
    return {"FRAUDSAFE_TEST_DB": "postgres", "FRAUDSAFE_TEST_DB_NAME": str(connection.settings_dict["NAME"])}


def test_200_concurrent_whatsapp_conversations_all_complete_with_no_lost_step(capsys):
    with gunicorn(server_env(), workers=2, threads=32) as base:
        result = whatsapp_conversations(
            base, conversations=200, public_url=settings.FRAUDSAFE_PUBLIC_URL, token=settings.TWILIO_AUTH_TOKEN
        )
    with capsys.disabled():
        print(
            f"\n200 conversations: {len(result.latencies)} steps in {result.wall_s:.1f}s, "
            f"p50 {result.percentile(0.5):.0f} ms, p99 {result.percentile(0.99):.0f} ms"
        )
    assert result.errors == []
    assert result.completed == 200
    assert Complaint.objects.count() == 200
    assert all(c.transactions.count() == 1 for c in Complaint.objects.prefetch_related("transactions"))
    assert Complaint.objects.values("ack_number").distinct().count() == 200


def test_partner_traffic_within_the_throttle_is_served_and_beyond_it_gets_429():
    from accounts.services import partner_key_create

    _, key = partner_key_create(partner="Load Bank", name="load", scopes=["patterns:read", "campaigns:read"])
    paths = ["/api/me/", "/api/health", "/api/patterns/report/", "/api/campaigns/statistics/"]
    with gunicorn({**server_env(), "FRAUDSAFE_TEST_THROTTLE_PARTNER": "100000/min"}) as base:
        within = partner_traffic(base, key=key, paths=paths, requests=400)
    assert set(within["codes"]) <= {200, 503}, within  # 503 only from health if a component is down
    with gunicorn({**server_env(), "FRAUDSAFE_TEST_THROTTLE_PARTNER": "50/min"}, workers=1) as base:
        beyond = partner_traffic(base, key=key, paths=["/api/me/"], requests=120, concurrency=10)
    assert beyond["codes"].get(200, 0) <= 50 and beyond["codes"].get(429, 0) >= 70, beyond
    assert not [code for code in beyond["codes"] if code >= 500]
