import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.tests.factories import CitizenFactory
from campaigns.models import BehaviourProfile, Campaign, VerificationHold

VULNERABLE = {"new_device": True, "risky_interactions_7d": 7, "recent_activity": True, "recent_clicks": 3}
ORDINARY = {"recent_clicks": 0, "recent_calls": 1, "device_age_days": 400, "account_age_days": 900}


class BehaviourProfileFactory(DjangoModelFactory):
    class Meta:
        model = BehaviourProfile

    citizen = factory.SubFactory(CitizenFactory)
    features = factory.LazyFunction(lambda: dict(ORDINARY))


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign

    campaign_type = "call"
    channel = "call"
    risk_score = 0.93
    volume = 150
    unique_targets = 80
    scorer = "heuristic"
    first_seen = factory.LazyFunction(timezone.now)
    last_seen = factory.LazyFunction(timezone.now)


class VerificationHoldFactory(DjangoModelFactory):
    class Meta:
        model = VerificationHold

    citizen = factory.SubFactory(CitizenFactory)
    level = VerificationHold.Level.HIGH
    reason = "Scam campaign"
    created_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(hours=24))
