"""Demo behaviour profiles for the demo citizens (idempotent): two of them are clearly vulnerable."""

from accounts.models import Citizen
from campaigns.ingest import behaviour_upsert
from fraudsafe.registry import demo_loaders

PROFILES = {
    # vulnerable: new device, on scammers' lists, active today, clicking links
    "+919876500001": {
        "new_device": True,
        "risky_interactions_7d": 7,
        "recent_activity": True,
        "recent_clicks": 3,
        "recent_calls": 4,
        "age_years": 41,
    },
    # vulnerable senior: answers unknown calls, SIM swapped, failed logins
    "+919876500006": {
        "recent_calls": 6,
        "risky_interactions_7d": 6,
        "sim_swap_30d": True,
        "failed_logins_7d": 3,
        "recent_activity": True,
        "new_device": True,
        "age_years": 67,
    },
    # ordinary users
    "+919876500002": {"recent_clicks": 0, "recent_calls": 1, "device_age_days": 500, "account_age_days": 1200},
    "+919876500003": {"recent_clicks": 1, "recent_calls": 0, "transaction_count_7d": 5, "age_years": 29},
    "+919876500004": {"device_age_days": 200, "transaction_count_7d": 2, "age_years": 35},
    "+919876500005": {"recent_calls": 2, "device_age_days": 90, "age_years": 52},
}


@demo_loaders.register
def load(*, stdout, style) -> None:
    known = {str(p) for p in Citizen.objects.filter(phone__in=list(PROFILES)).values_list("phone", flat=True)}
    profiles = [{"phone": phone, **values} for phone, values in PROFILES.items() if phone in known]
    if profiles:
        behaviour_upsert(profiles=profiles)
    stdout.write(f"  {len(profiles)} behaviour profiles (2 vulnerable demo citizens)")
