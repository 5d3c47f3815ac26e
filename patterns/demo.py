"""Demo case store for `make run`: a few thousand cases with a realistic hour, district and type shape.

Idempotent: the cases are `csv` / `demo-<n>`, generated from a fixed seed relative to today's date in the
helpline zone, so re-running on the same day changes nothing (and the next day keeps the window current).
"""

import datetime as dt
import random

from django.utils import timezone

from fraudsafe.registry import demo_loaders
from fraudsafe.vocabulary import SOCIAL_FRAUD_TYPES, fraud_category_for
from patterns.models import FraudCase
from patterns.services import fraud_cases_upsert, reports_refresh

CASES = 5000
DAYS = 90  # the report's window; cases span twice that so the dashboard shows change
# Hour-of-day weights (helpline time): quiet nights, a working-day plateau, the evening peak 19–22 h
# and a late-night bump around midnight (sextortion and loan-app harassment calls).
HOUR_WEIGHTS = [5, 4, 2, 1, 1, 1, 2, 3, 5, 7, 8, 9, 10, 9, 9, 10, 11, 13, 16, 22, 26, 24, 15, 9]
DISTRICTS = {
    "Bengaluru Urban": (22, ["Whitefield", "Koramangala", "Electronic City", "HSR Layout", "Yelahanka"]),
    "Hyderabad": (16, ["Madhapur", "Gachibowli", "Secunderabad", "Kukatpally"]),
    "Pune": (14, ["Kothrud", "Hinjewadi", "Baner", "Hadapsar"]),
    "Chennai": (12, ["T. Nagar", "Velachery", "Anna Nagar", "Tambaram"]),
    "Jaipur": (10, ["Malviya Nagar", "Vaishali Nagar", "Mansarovar"]),
    "Mumbai Suburban": (9, ["Andheri", "Borivali", "Kurla"]),
    "New Delhi": (8, ["Connaught Place", "Karol Bagh", "Chanakyapuri"]),
    "Kolkata": (5, ["Salt Lake", "Park Street", "Howrah"]),
    "Lucknow": (4, ["Gomti Nagar", "Hazratganj"]),
}
TYPES = {
    "upi": 30,
    "job_task": 16,
    "investment": 12,
    "card": 10,
    "loan_app": 9,
    "sextortion": 7,
    "impersonation": 7,
    "net_banking": 6,
    "other": 3,
}
# Some districts lean to their own hours so that location alerts visibly differ from national ones.
LOCAL_SHIFT = {"Jaipur": -8, "Kolkata": 2}


def _cases(today: dt.date, zone: dt.tzinfo) -> list[dict]:
    rng = random.Random(1930)
    names = list(DISTRICTS)
    district_weights = [DISTRICTS[name][0] for name in names]
    types, type_weights = list(TYPES), list(TYPES.values())
    cases = []
    for n in range(CASES):
        district = rng.choices(names, district_weights)[0]
        shift = LOCAL_SHIFT.get(district, 0)
        hour = (rng.choices(range(24), HOUR_WEIGHTS)[0] + shift) % 24
        day = today - dt.timedelta(days=int(rng.triangular(1, 2 * DAYS, 1)))  # slowly growing
        when = dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), tzinfo=zone)
        fraud_type = rng.choices(types, type_weights)[0]
        if district == "Jaipur" and rng.random() < 0.3:
            fraud_type = "sextortion"
        amount = None if fraud_type in SOCIAL_FRAUD_TYPES else rng.choice([499, 1999, 5000, 12500, 49999, 150000])
        cases.append(
            {
                "source_ref": f"demo-{n}",
                "occurred_at": when,
                "district": district,
                "area": rng.choice(DISTRICTS[district][1]),
                "fraud_type": fraud_type,
                "category": fraud_category_for(None, fraud_type),
                "amount": amount,
                "reporter_hash": "",
            }
        )
    return cases


@demo_loaders.register
def load(*, stdout, style) -> None:
    zone = timezone.get_default_timezone()
    cases = _cases(timezone.localdate(timezone=zone), zone)
    created = updated = 0
    for start in range(0, len(cases), 500):
        result = fraud_cases_upsert(source=FraudCase.Source.CSV, cases=cases[start : start + 500])
        created, updated = created + result.created, updated + result.updated
    reports = reports_refresh(days=DAYS)
    stdout.write(
        style.SUCCESS(
            f"patterns: {len(cases)} demo fraud cases ({created} new, {updated} updated), {len(reports)} reports"
        )
    )
