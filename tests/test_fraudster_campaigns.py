"""A burst of victims paying one UPI ID is a campaign: complaints → case store (keyed identifier hashes) →
hourly series per identifier → the campaign detector. Campaigns never read complaints; only the case store."""

import datetime as dt

import pytest
from django.utils import timezone

from campaigns import detection, selectors
from campaigns.ml import serving
from campaigns.models import Campaign, VolumeSample
from complaints.cases import complaint_cases_record
from complaints.identifiers import identifier_hash
from complaints.tests.factories import ComplaintFactory, TransactionFactory


@pytest.fixture(autouse=True)
def heuristic_scorer(settings, tmp_path):
    settings.CAMPAIGNS_MODEL_DIR = tmp_path / "models"  # no trained model: the documented heuristic scores
    serving.forget()
    yield
    serving.forget()


@pytest.mark.django_db
def test_sixty_victims_paying_one_upi_id_within_an_hour_open_a_fraudster_campaign():
    bucket = selectors.bucket_floor(timezone.now() - dt.timedelta(hours=1))
    now = bucket + dt.timedelta(minutes=55)
    for n in range(60):
        complaint = ComplaintFactory()
        moment = timezone.localtime(bucket + dt.timedelta(minutes=n % 50))
        TransactionFactory(
            complaint=complaint,
            position=1,
            date=moment.date(),
            time=moment.time().replace(second=0, microsecond=0),
            beneficiary_kind="upi",
            beneficiary_upi="quickloan.help@ybl",
        )
        complaint_cases_record(complaint_id=complaint.pk)

    result = detection.campaigns_detect(now=now)

    series = f"fraudster:upi:{identifier_hash('upi', 'quickloan.help@ybl')}"
    assert VolumeSample.objects.get(series=series).count == 60
    campaign = Campaign.objects.get(series=series)
    assert campaign.pk in result["opened"]
    assert (campaign.campaign_type, campaign.channel, campaign.volume) == ("fraudster_upi", "transaction", 60)
    assert "quickloan" not in campaign.series  # only the keyed hash travels


@pytest.mark.django_db
def test_series_fraudsafe_counts_itself_are_silent_before_their_first_case():
    """No row before a complaint series' or a fraudster identifier's first case means nobody complained: its history
    is zeros back to the start of the window. A partner's series starts at its first sample (before it, unknown)."""
    now = selectors.bucket_floor(timezone.now()) + dt.timedelta(minutes=30)
    bucket = selectors.bucket_floor(now)
    for channel, series in (("transaction", "fraudster:upi:abc"), ("transaction", "complaints:upi"), ("sms", "")):
        VolumeSample.objects.create(channel=channel, series=series, bucket_start=bucket, count=12, unique_targets=12)
    prefixes = ("complaints:", "fraudster:")

    histories = {h.series: h for h in selectors.series_histories(now=now, silent_before=prefixes)}

    for series in ("fraudster:upi:abc", "complaints:upi"):
        counts = histories[series].counts
        assert len(counts) == selectors.history_buckets() + 1, series
        assert counts[-1] == 12 and not counts[:-1].any(), series
        assert histories[series].t[0] == (bucket - selectors.bucket_delta() * selectors.history_buckets()).timestamp()
    assert list(histories[""].counts) == [12]  # the partner's series: no silence assumed
    unpadded = {h.series: h for h in selectors.series_histories(now=now)}
    assert all(len(h.counts) == 1 for h in unpadded.values())
