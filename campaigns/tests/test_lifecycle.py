"""Campaign lifecycle from volume signals: a spike opens one campaign, its continuation updates it, silence
expires it; complaint counts become a signal series; holds expire by themselves."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns import cohort, detection, ingest, selectors, services
from campaigns.models import Campaign, VerificationHold, VolumeSample
from campaigns.tests.factories import BehaviourProfileFactory, VerificationHoldFactory

NOW = dt.datetime(2026, 11, 20, 10, 30, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)


def _baseline(end: dt.datetime, hours: int = 23, count: int = 20) -> list[dict]:
    start = selectors.bucket_floor(end)
    return [
        {"channel": "call", "bucket_start": start - HOUR * i, "count": count, "unique_targets": count}
        for i in range(1, hours + 1)
    ]


def _spike(at: dt.datetime, count: int = 400) -> dict:
    return {
        "channel": "call",
        "bucket_start": at,
        "count": count,
        "unique_targets": count // 2,
        "suspicious_numbers": 30,
    }


@pytest.mark.django_db
def test_a_spike_series_opens_one_campaign():
    ingest.volume_samples_ingest(samples=[*_baseline(NOW), _spike(NOW)])

    result = detection.campaigns_detect(now=NOW)

    campaign = Campaign.objects.get()
    assert result["opened"] == [campaign.pk]
    assert campaign.status == Campaign.Status.ACTIVE
    assert campaign.campaign_type == "call"
    assert campaign.volume == 400
    assert campaign.suspicious_numbers == 30
    assert campaign.scorer == "heuristic"


@pytest.mark.django_db
def test_ordinary_traffic_opens_no_campaign():
    ingest.volume_samples_ingest(samples=[*_baseline(NOW), {"channel": "call", "bucket_start": NOW, "count": 22}])

    result = detection.campaigns_detect(now=NOW)

    assert result["opened"] == []
    assert not Campaign.objects.exists()


@pytest.mark.django_db
def test_the_continuation_of_a_spike_updates_the_same_campaign():
    ingest.volume_samples_ingest(samples=[*_baseline(NOW), _spike(NOW)])
    detection.campaigns_detect(now=NOW)
    later = NOW + HOUR
    ingest.volume_samples_ingest(samples=[_spike(selectors.bucket_floor(later), count=900)])

    result = detection.campaigns_detect(now=later)

    campaign = Campaign.objects.get()
    assert result["updated"] == [campaign.pk]
    assert result["opened"] == []
    assert campaign.volume == 900
    assert campaign.last_seen > campaign.first_seen


@pytest.mark.django_db
def test_silence_expires_the_campaign_after_the_quiet_period(settings):
    settings.CAMPAIGNS_QUIET_MINUTES = 120
    ingest.volume_samples_ingest(samples=[*_baseline(NOW), _spike(NOW)])
    detection.campaigns_detect(now=NOW)

    detection.campaigns_detect(now=NOW + dt.timedelta(minutes=90))
    still = Campaign.objects.get().status
    result = detection.campaigns_detect(now=NOW + dt.timedelta(hours=4))

    campaign = Campaign.objects.get()
    assert still == Campaign.Status.ACTIVE
    assert result["expired"] == [campaign.pk]
    assert campaign.status == Campaign.Status.EXPIRED
    assert campaign.ended_at is not None


@pytest.mark.django_db
def test_resending_a_bucket_replaces_it_instead_of_adding_a_second_sample():
    ingest.volume_samples_ingest(samples=[{"channel": "sms", "bucket_start": NOW, "count": 10}])
    ingest.volume_samples_ingest(
        samples=[{"channel": "sms", "bucket_start": NOW + dt.timedelta(minutes=5), "count": 70}]
    )

    sample = VolumeSample.objects.get()
    assert sample.count == 70
    assert sample.bucket_start == selectors.bucket_floor(NOW)


@pytest.mark.django_db
def test_complaints_are_counted_per_fraud_type_into_a_signal_series():
    from patterns.tests.factories import FraudCaseFactory

    FraudCaseFactory.create_batch(3, occurred_at=NOW - dt.timedelta(minutes=10), fraud_type="UPI")
    FraudCaseFactory(occurred_at=NOW - dt.timedelta(hours=2), fraud_type="Sextortion")

    written = ingest.complaint_signals_refresh(now=NOW)

    assert written == 2
    upi = VolumeSample.objects.get(series="complaints:upi")
    assert (upi.channel, upi.count, upi.source) == ("transaction", 3, VolumeSample.Source.COMPLAINTS)


@pytest.mark.django_db(transaction=False)
def test_a_new_campaign_from_the_beat_job_acts_on_the_vulnerable_cohort(
    django_capture_on_commit_callbacks, alert_templates, mailoutbox
):
    from campaigns.tests.factories import VULNERABLE

    vulnerable = BehaviourProfileFactory(features=dict(VULNERABLE)).citizen
    ordinary = BehaviourProfileFactory().citizen
    ingest.volume_samples_ingest(samples=[*_baseline(NOW), _spike(NOW)])

    with django_capture_on_commit_callbacks(execute=True):
        detection.campaigns_detect(now=NOW)

    campaign = Campaign.objects.get()
    assert list(VerificationHold.objects.values_list("citizen_id", flat=True)) == [vulnerable.pk]
    assert not VerificationHold.objects.filter(citizen=ordinary).exists()
    assert "fraud_ops_notified" in campaign.actions
    assert len(mailoutbox) == 1
    assert str(campaign.pk) in mailoutbox[0].subject


@pytest.mark.django_db
def test_a_hold_is_in_force_until_it_expires_by_itself():
    hold = VerificationHoldFactory(expires_at=NOW + dt.timedelta(hours=24))

    during = selectors.verification_level(citizen=hold.citizen, now=NOW + dt.timedelta(hours=23))
    after = selectors.verification_level(citizen=hold.citizen, now=NOW + dt.timedelta(hours=24, seconds=1))

    assert during["level"] == "high"
    assert during["until"] == hold.expires_at
    assert after == {"level": "standard", "until": None, "reasons": []}


@pytest.mark.django_db
def test_the_strictest_hold_in_force_wins():
    hold = VerificationHoldFactory(level=VerificationHold.Level.ELEVATED, reason="a")
    VerificationHoldFactory(citizen=hold.citizen, level=VerificationHold.Level.HIGH, reason="b")
    VerificationHoldFactory(
        citizen=hold.citizen, level=VerificationHold.Level.HIGH, reason="old", expires_at=timezone.now() - HOUR
    )

    level = selectors.verification_level(citizen=hold.citizen)

    assert level["level"] == "high"
    assert level["reasons"] == ["a", "b"]


@pytest.mark.django_db
def test_runtime_thresholds_from_the_admin_override_the_settings(settings):
    from campaigns.models import CampaignSettings

    settings.CAMPAIGNS_MIN_VOLUME = 50
    CampaignSettings.objects.create(min_volume=500, campaign_anomaly=None)

    t = selectors.thresholds()

    assert t.min_volume == 500
    assert t.campaign_anomaly == settings.CAMPAIGNS_ANOMALY_THRESHOLD


@pytest.mark.django_db
def test_acting_twice_on_a_campaign_warns_and_holds_each_citizen_once(alert_templates):
    from alerts.models import Alert
    from campaigns.tests.factories import VULNERABLE, CampaignFactory

    BehaviourProfileFactory(features=dict(VULNERABLE))
    campaign = CampaignFactory()

    first = cohort.campaign_act(campaign_id=campaign.pk, now=NOW)
    second = cohort.campaign_act(campaign_id=campaign.pk, now=NOW)

    assert (first["newly_held"], second["newly_held"]) == (1, 0)
    assert Alert.objects.filter(campaign_ref=str(campaign.pk)).count() == 1
    assert VerificationHold.objects.count() == 1


@pytest.mark.django_db
def test_holds_past_expiry_are_stamped_by_the_cleanup_job():
    old = VerificationHoldFactory(expires_at=timezone.now() - HOUR)
    current = VerificationHoldFactory()

    assert services.holds_mark_expired() == 1

    old.refresh_from_db()
    current.refresh_from_db()
    assert old.released_at is not None
    assert current.released_at is None


@pytest.mark.django_db
def test_complaints_per_fraudster_identifier_hash_become_a_series_once_seen_twice(settings):
    from patterns.tests.factories import FraudCaseFactory

    settings.CAMPAIGNS_FRAUDSTER_MIN_CASES = 2
    FraudCaseFactory.create_batch(3, occurred_at=NOW - dt.timedelta(minutes=10), fraudster_keys="upi:aaaa phone:bbbb")
    FraudCaseFactory(occurred_at=NOW - dt.timedelta(minutes=10), fraudster_keys="upi:cccc")  # seen once: no series

    ingest.complaint_signals_refresh(now=NOW)

    series = dict(VolumeSample.objects.filter(series__startswith="fraudster:").values_list("series", "count"))
    assert series == {"fraudster:upi:aaaa": 3, "fraudster:phone:bbbb": 3}
