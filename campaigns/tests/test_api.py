"""The campaigns API: the old contract's fields, who may call what, end to end, and 400s for bad payloads."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from accounts.services import consent_record
from accounts.tests.factories import AttenderFactory, CitizenFactory
from campaigns.models import Campaign, VerificationHold
from campaigns.tests.factories import VULNERABLE, BehaviourProfileFactory, CampaignFactory, VerificationHoldFactory

SEED_METRICS = {
    "call_volume_last_hour": 150,
    "unique_targets": 80,
    "pattern_anomaly_score": 0.92,
    "campaign_type": "call",
}
SEED_USER = {"user_id": "user_001", "new_device": True, "risky_interactions_7d": 7, "recent_activity": True,
             "recent_clicks": 3}  # fmt: skip
pytestmark = pytest.mark.django_db


def _post(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


def test_the_seed_sample_is_a_campaign(partner_api_client):
    response = _post(partner_api_client, "/api/campaigns/detect/", {"metrics": SEED_METRICS})

    body = response.json()
    assert response.status_code == 200
    assert body["campaign_detected"] is True
    assert body["campaign_id"] == Campaign.objects.get().pk
    assert body["scorer"] == "heuristic"


def test_the_seed_sample_is_a_campaign_for_the_trained_detector_too(partner_api_client, with_tiny_models):
    response = _post(partner_api_client, "/api/campaigns/detect/", {"metrics": SEED_METRICS})

    assert response.json()["campaign_detected"] is True
    assert response.json()["scorer"].startswith("model:campaign-")


def test_the_seed_user_is_vulnerable_with_the_old_risk_factors(partner_api_client):
    ordinary = {"user_id": "user_002", "recent_clicks": 0, "device_age_days": 300}

    response = _post(partner_api_client, "/api/campaigns/vulnerable-users/", {"users": [SEED_USER, ordinary]})

    body = response.json()
    assert response.status_code == 200
    assert body["total_analyzed"] == 2
    assert body["vulnerable_users"] == [
        {
            "user_id": "user_001",
            "vulnerability_score": pytest.approx(0.8),
            "risk_factors": ["new_device", "high_risky_interactions", "recent_activity"],
        }
    ]
    assert body["scorer"] == "heuristic"


def test_the_trained_cohort_model_also_finds_the_seed_user_vulnerable(partner_api_client, with_tiny_models):
    response = _post(partner_api_client, "/api/campaigns/vulnerable-users/", {"users": [SEED_USER]})

    body = response.json()
    assert body["scorer"].startswith("model:cohort-")
    assert [u["user_id"] for u in body["vulnerable_users"]] == ["user_001"]
    assert body["vulnerable_users"][0]["risk_factors"] == ["new_device", "high_risky_interactions", "recent_activity"]


def test_process_alert_warns_the_consenting_vulnerable_within_caps_and_holds_them(
    partner_api_client, alert_templates, locmem_outbox, mailoutbox, django_capture_on_commit_callbacks
):
    from alerts.models import Delivery

    citizens = [CitizenFactory() for _ in range(3)]
    for citizen in citizens[:2]:
        for channel in ("sms", "whatsapp"):
            consent_record(citizen=citizen, channel=channel, granted=True, source="import")
    users = [{**SEED_USER, "user_id": f"u{i}", "phone": str(c.phone)} for i, c in enumerate(citizens)]
    users.append({"user_id": "calm", "phone": "+919800000999", "recent_clicks": 0})

    with django_capture_on_commit_callbacks(execute=True):
        first = _post(partner_api_client, "/api/campaigns/process-alert/", {"metrics": SEED_METRICS, "users": users})
    with django_capture_on_commit_callbacks(execute=True):
        second = _post(
            partner_api_client,
            "/api/campaigns/process-alert/",
            {"metrics": {**SEED_METRICS, "campaign_type": "sms", "sms_volume_last_hour": 300}, "users": users},
        )

    body = first.json()
    assert first.status_code == 200, body
    assert body["campaign_detected"] is True
    assert body["vulnerable_count"] == 3
    # the two consenting citizens, at least one channel each; "sent" counts only what a provider took
    assert body["warnings_sent"] + body["warnings_pending"] >= 2
    assert body["warnings_sent"] == Delivery.objects.filter(status__in=("sent", "delivered")).count()
    assert body["warnings_pending"] == Delivery.objects.filter(status="pending").count()
    assert "stricter_verification_enabled" in body["actions"]
    assert set(body["scorer"]) == {"campaign", "cohort", "uplift"}
    sent_to = set(Delivery.objects.exclude(status="skipped").values_list("citizen_id", flat=True))
    assert sent_to == {citizens[0].pk, citizens[1].pk}  # no consent, no warning
    # a second campaign an hour later is held back by the 6-hour gap between two warnings
    assert second.json()["campaign_id"] != body["campaign_id"]
    assert second.json()["warnings_sent"] == second.json()["warnings_pending"] == 0
    assert VerificationHold.objects.filter(citizen__in=citizens).count() == 6
    assert len(mailoutbox) == 2  # fraud ops, once per campaign


def test_process_alert_holds_expire_by_themselves(partner_api_client, alert_templates):
    citizen = CitizenFactory()
    users = [{**SEED_USER, "phone": str(citizen.phone)}]
    _post(partner_api_client, "/api/campaigns/process-alert/", {"metrics": SEED_METRICS, "users": users})
    path = f"/api/verification/{citizen.phone}/"

    during = partner_api_client.get(path).json()
    VerificationHold.objects.filter(citizen=citizen).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    after = partner_api_client.get(path).json()

    assert during["level"] == "high"
    assert after["level"] == "standard"


def test_no_campaign_means_no_warning_and_no_hold(partner_api_client, alert_templates):
    citizen = CitizenFactory()
    quiet = {"call_volume_last_hour": 30, "unique_targets": 30, "pattern_anomaly_score": 0.2}

    response = _post(
        partner_api_client,
        "/api/campaigns/process-alert/",
        {"metrics": quiet, "users": [{**SEED_USER, "phone": str(citizen.phone)}]},
    )

    assert response.json()["campaign_detected"] is False
    assert not VerificationHold.objects.exists()


def test_the_verification_level_before_during_and_after_a_hold(partner_api_client):
    citizen = CitizenFactory(phone="+919812345678")

    before = partner_api_client.get("/api/verification/9812345678/")
    hold = VerificationHoldFactory(citizen=citizen, reason="Scam campaign #1 (call)")
    during = partner_api_client.get("/api/verification/+919812345678/")
    hold.expires_at = timezone.now() - dt.timedelta(minutes=1)
    hold.save()
    after = partner_api_client.get("/api/verification/9812345678/")

    assert before.json() == {"phone": "+91XXXXXX5678", "level": "standard", "until": None, "reasons": []}
    assert during.json()["level"] == "high"
    assert during.json()["until"] is not None
    assert during.json()["reasons"] == ["Scam campaign #1 (call)"]
    assert after.json()["level"] == "standard"


def test_an_invalid_phone_gets_400(partner_api_client):
    response = partner_api_client.get("/api/verification/12ab/")

    assert response.status_code == 400
    assert "phone" in response.json()["error"]["fields"]


def test_signals_through_the_api_open_a_campaign_and_hold_the_vulnerable(
    partner_api_client, alert_templates, django_capture_on_commit_callbacks
):
    now = timezone.now()
    vulnerable = BehaviourProfileFactory(features=dict(VULNERABLE)).citizen
    samples = [
        {"channel": "call", "bucket_start": (now - dt.timedelta(hours=h)).isoformat(), "count": 20}
        for h in range(1, 24)
    ]
    samples.append({"channel": "call", "bucket_start": now.isoformat(), "count": 500, "unique_targets": 200})

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(partner_api_client, "/api/campaigns/signals/", {"samples": samples})

    assert response.status_code == 200, response.json()
    assert response.json()["accepted"] == 24
    assert Campaign.objects.filter(status="active").count() == 1
    level = partner_api_client.get(f"/api/verification/{vulnerable.phone}/").json()
    assert level["level"] == "high"


def test_behaviour_profiles_are_stored_per_phone(partner_api_client):
    response = _post(
        partner_api_client, "/api/campaigns/behaviour/", {"profiles": [{"phone": "9812000001", "recent_clicks": 4}]}
    )

    assert response.status_code == 200
    from campaigns.models import BehaviourProfile

    assert BehaviourProfile.objects.get().features == {"recent_clicks": 4}


def test_score_series_returns_a_score_for_every_point(partner_api_client):
    values = [10] * 30 + [800] + [10] * 3

    response = _post(partner_api_client, "/api/campaigns/score-series/", {"values": values, "channel": "sms"})

    body = response.json()
    assert response.status_code == 200
    assert len(body["scores"]) == len(values)
    assert 30 in body["flagged"]
    assert body["scorer"] == "heuristic"


def test_statistics_say_which_scorer_is_in_use(partner_api_client, with_tiny_models):
    CampaignFactory()

    body = partner_api_client.get("/api/campaigns/statistics/").json()

    assert body["campaigns_detected"] == 1
    assert body["active_campaigns"] == 1
    assert all(value.startswith(f"model:{kind}-") for kind, value in body["models_loaded"].items())
    assert body["sms_limits"]["per_day"] == 3


def test_active_campaigns_lists_only_active_ones(partner_api_client):
    active = CampaignFactory()
    CampaignFactory(channel="sms", status=Campaign.Status.EXPIRED)

    body = partner_api_client.get("/api/campaigns/active/").json()

    assert [c["id"] for c in body["results"]] == [active.pk]


def test_staff_deactivate_a_campaign(staff_client):
    campaign = CampaignFactory()

    response = staff_client.post(f"/api/campaigns/{campaign.pk}/deactivate/")

    campaign.refresh_from_db()
    assert response.status_code == 200
    assert campaign.status == Campaign.Status.DEACTIVATED


def test_partners_cannot_deactivate_campaigns(partner_api_client):
    campaign = CampaignFactory()

    response = partner_api_client.post(f"/api/campaigns/{campaign.pk}/deactivate/")

    assert response.status_code == 403


def test_an_attender_may_read_statistics(client):
    client.force_login(AttenderFactory())

    assert client.get("/api/campaigns/statistics/").status_code == 200


def test_anonymous_callers_are_refused(client):
    assert client.post("/api/campaigns/detect/", {}, content_type="application/json").status_code in (401, 403)


def test_deactivating_an_unknown_campaign_is_404(staff_client):
    assert staff_client.post("/api/campaigns/999999/deactivate/").status_code == 404


BAD = [
    ("/api/campaigns/detect/", {}, "metrics"),
    ("/api/campaigns/detect/", {"metrics": {"campaign_type": "call"}}, "volume"),
    ("/api/campaigns/detect/", {"metrics": {"call_volume_last_hour": "lots"}}, "call_volume_last_hour"),
    ("/api/campaigns/detect/", {"metrics": {"call_volume_last_hour": 5, "pattern_anomaly_score": "NaN"}}, "finite"),
    ("/api/campaigns/detect/", {"metrics": {"call_volume_last_hour": True}}, "call_volume_last_hour"),
    ("/api/campaigns/detect/", {"metrics": [1, 2]}, "metrics"),
    ("/api/campaigns/vulnerable-users/", {"users": "everyone"}, "users"),
    ("/api/campaigns/vulnerable-users/", {"users": []}, "users"),
    ("/api/campaigns/vulnerable-users/", {"users": [{"risky_interactions_7d": -1}]}, "users"),
    ("/api/campaigns/vulnerable-users/", {"users": [{"avg_transaction_amount": "Infinity"}]}, "users"),
    ("/api/campaigns/process-alert/", {"users": []}, "metrics"),
    (
        "/api/campaigns/signals/",
        {"samples": [{"channel": "fax", "bucket_start": "2026-11-20T10:00Z", "count": 1}]},
        "samples",
    ),
    ("/api/campaigns/signals/", {"samples": [{"channel": "sms", "bucket_start": "yesterday", "count": 1}]}, "samples"),
    ("/api/campaigns/behaviour/", {"profiles": [{"recent_clicks": 1}]}, "profiles"),
    ("/api/campaigns/score-series/", {"values": [1, "x"]}, "values"),
    ("/api/campaigns/score-series/", {"values": [1.0] * 50_001}, "values"),
    ("/api/campaigns/score-series/", {"values": []}, "values"),
    ("/api/campaigns/score-series/", {"channel": "call"}, "values"),
]


@pytest.mark.parametrize(("path", "payload", "mentions"), BAD)
def test_bad_payloads_get_400_with_a_clear_message(partner_api_client, path, payload, mentions):
    response = _post(partner_api_client, path, payload)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"]
    assert mentions in json.dumps(error)


def test_raw_nan_in_json_gets_400(partner_api_client):
    response = partner_api_client.post(
        "/api/campaigns/score-series/", '{"values": [1, NaN, 2]}', content_type="application/json"
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/api/campaigns/score-series/", '{"values": [1, 1' + "0" * 400 + "]}"),
        (
            "/api/campaigns/signals/",
            '{"samples": [{"channel": "sms", "bucket_start": "0001-01-01T00:00:00Z", "count": 1}]}',
        ),
        (
            "/api/campaigns/signals/",
            '{"samples": [{"channel": "sms", "bucket_start": "9999-12-31T23:59:59Z", "count": 1}]}',
        ),
    ],
)
def test_extreme_values_get_400_not_500(partner_api_client, path, payload):
    response = partner_api_client.post(path, payload, content_type="application/json")

    assert response.status_code == 400


def test_deactivating_an_id_beyond_any_campaign_is_404(staff_client):
    assert staff_client.post(f"/api/campaigns/{10**20}/deactivate/").status_code == 404


def test_the_verification_level_costs_one_query_besides_the_key_check(partner_api_client, django_assert_num_queries):
    VerificationHoldFactory(citizen=CitizenFactory(phone="+919812345678"), reason="Scam campaign #1 (call)")
    partner_api_client.get("/api/verification/9812345678/")  # warms the key's cached lookups, if any
    with django_assert_num_queries(2):  # the partner key, then the holds in force for that phone
        response = partner_api_client.get("/api/verification/9812345678/")
    assert response.json()["level"] == "high"


def test_a_partner_process_alert_may_concern_at_most_its_keys_audience(partner_client_factory, alert_templates):
    from campaigns.models import Campaign

    client = partner_client_factory(["campaigns:manage"], max_audience=2)
    users = [{**SEED_USER, "user_id": f"u{i}", "phone": f"+91981200000{i}"} for i in range(3)]
    response = _post(client, "/api/campaigns/process-alert/", {"metrics": SEED_METRICS, "users": users})
    assert response.status_code == 403
    assert "at most 2 citizens" in response.json()["error"]["message"]
    assert not Campaign.objects.exists()
    allowed = _post(client, "/api/campaigns/process-alert/", {"metrics": SEED_METRICS, "users": users[:2]})
    assert allowed.status_code == 200


def test_a_key_without_the_scope_is_told_which_scope_it_lacks(partner_client_factory):
    client = partner_client_factory(["campaigns:read"])
    response = _post(client, "/api/campaigns/signals/", {"samples": []})
    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "missing_scope",
        "message": 'This API key lacks the scope "signals:write" that this endpoint needs.',
        "fields": {},
    }
