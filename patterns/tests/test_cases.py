"""CSV import of cases and the normalisation rules."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from fraudsafe.vocabulary import fraud_type_normalise
from patterns.models import FraudCase
from patterns.services import reporter_hash

CSV = """ref,occurred_at,district,area,fraud_type,category,amount
r1,2025-06-01T21:15:00,PUNE,Kothrud,UPI fraud,,1500.50
r2,2025-06-01T15:45:00Z,Hyderabad,,Sextortion,Social,
r3,not-a-date,Pune,,upi,,
r4,2025-06-01T10:00:00,,,upi,,
r5,2025-06-01T10:00:00,Pune,,upi,,lots
"""


@pytest.mark.django_db
def test_csv_import_loads_good_lines_and_reports_bad_ones_by_line(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CSV)
    out, err = io.StringIO(), io.StringIO()

    call_command("import_cases_csv", str(path), stdout=out, stderr=err)

    r1 = FraudCase.objects.get(source="csv", source_ref="r1")
    assert r1.occurred_at == dt.datetime(2025, 6, 1, 15, 45, tzinfo=dt.UTC)  # naive = helpline time
    assert (r1.district, r1.fraud_type, r1.amount) == ("Pune", "upi", Decimal("1500.50"))
    assert FraudCase.objects.get(source_ref="r2").category == "Social"
    assert "line 4: occurred_at 'not-a-date'" in err.getvalue()
    assert "line 5: district is empty" in err.getvalue()
    assert "line 6: amount 'lots'" in err.getvalue()


@pytest.mark.django_db
def test_csv_reimport_changes_nothing(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text(CSV)
    call_command("import_cases_csv", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()

    call_command("import_cases_csv", str(path), stdout=out, stderr=io.StringIO())

    assert FraudCase.objects.count() == 2
    assert "0 new, 0 updated, 2 unchanged" in out.getvalue()


@pytest.mark.django_db
def test_csv_without_required_columns_is_refused(tmp_path):
    path = tmp_path / "cases.csv"
    path.write_text("when,where\n2025-01-01,Pune\n")

    with pytest.raises(CommandError, match="ref, occurred_at, district"):
        call_command("import_cases_csv", str(path), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UPI Fraud", "upi"),
        ("Credit card cloning", "card"),
        ("Internet Banking", "net_banking"),
        ("Instant loan app", "loan_app"),
        ("Part-time job / task", "job_task"),
        ("Crypto investment", "investment"),
        ("Impersonation of police", "impersonation"),
        ("", "other"),
        ("SIM Swap!", "sim_swap"),
    ],
)
def test_legacy_fraud_types_map_to_the_complaint_menu_or_a_slug(text, expected):
    assert fraud_type_normalise(text) == expected


def test_reporter_hash_is_keyed_and_stable(settings):
    first = reporter_hash("2345 6789 0123")

    assert first == reporter_hash("234567890123")
    assert "234567890123" not in first
    settings.SECRET_KEY = "another-key-" + "x" * 40
    assert reporter_hash("234567890123") != first


@pytest.mark.django_db(databases=["default", "mongo"])
@pytest.mark.mongo
@pytest.mark.parametrize("store", ["default", "mongo"])
def test_upsert_with_microseconds_is_unchanged_on_rerun(store):
    from patterns.services import fraud_cases_upsert

    case = {
        "source_ref": "m1",
        "occurred_at": dt.datetime(2025, 6, 1, 10, 0, 0, 123456, tzinfo=dt.UTC),
        "district": "Pune",
        "fraud_type": "upi",
        "category": "Financial",
    }
    fraud_cases_upsert(source="csv", cases=[case], using=store)

    result = fraud_cases_upsert(source="csv", cases=[case], using=store)

    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
