"""Districts that count right: aliases through the importers, the reports, the data migration and the dashboard."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.db import connection

from accounts.tests.factories import AttenderFactory
from patterns import charts
from patterns.importers import JsonLegacySource, csv_cases_import, legacy_cases_import
from patterns.models import FraudCase
from patterns.selectors import report_for_filter
from patterns.services import report_compute
from patterns.tests.factories import FraudCaseFactory

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=dt.UTC)


def test_csv_import_counts_bangalore_and_bengaluru_urban_as_one_district():
    lines = [
        "ref,occurred_at,district,area,fraud_type,category,amount",
        "a,2026-11-01T10:00:00,Bangalore,,upi,,",
        "b,2026-11-01T11:00:00,BENGALURU URBAN,,upi,,",
        "c,2026-11-01T12:00:00,Bengaluru Urban,,upi,,",
        "d,2026-11-01T12:00:00,Gurgaon,,upi,,",
        "e,2026-11-01T12:00:00,Gurugam,,upi,,",
    ]
    csv_cases_import(lines=lines)
    districts = sorted(FraudCase.objects.values_list("district", flat=True))
    assert districts == ["Bengaluru Urban"] * 3 + ["Gurugam", "Gurugram"]  # a misspelling is kept, never guessed


def test_legacy_import_uses_canonical_names():
    source = JsonLegacySource(
        {
            "cases": [
                {
                    "caseId": "L-1",
                    "typeOfFraud": "UPI",
                    "fraudLocation": {"district": "calcutta", "area": "Salt Lake"},
                    "createdAt": dt.datetime(2026, 10, 1, 10, 0),
                },
                {"caseId": "L-2", "typeOfFraud": "UPI", "aadharNumber": "1", "createdAt": dt.datetime(2026, 10, 1)},
            ],
            "users": [{"aadharNumber": "1", "address": {"district": "Allahabad"}}],
        }
    )
    legacy_cases_import(source=source)
    assert dict(FraudCase.objects.values_list("source_ref", "district")) == {"L-1": "Kolkata", "L-2": "Prayagraj"}


def test_a_report_for_an_alias_counts_the_canonical_districts_cases():
    for hour in range(3):
        FraudCaseFactory(district="Bengaluru Urban", occurred_at=NOW - dt.timedelta(days=2, hours=hour))
    FraudCaseFactory(district="Pune", occurred_at=NOW - dt.timedelta(days=2))
    report = report_for_filter(days=30, district="Bangalore", now=NOW)
    assert (report["district"], report["case_count"]) == ("Bengaluru Urban", 3)
    snapshot = report_compute(days=30, district="bangalore", now=NOW)
    assert (snapshot.district, snapshot.case_count) == ("Bengaluru Urban", 3)


def test_the_data_migration_merges_existing_cases_into_canonical_names():
    FraudCaseFactory(district="Bangalore")
    FraudCaseFactory(district="Bengaluru Urban")
    FraudCaseFactory(district="Gurgaon")
    FraudCaseFactory(district="Somewhere New")
    migration = importlib.import_module("patterns.migrations.0002_canonical_districts")

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection
    migration.canonicalise(apps, editor)
    assert sorted(FraudCase.objects.values_list("district", flat=True)) == [
        "Bengaluru Urban",
        "Bengaluru Urban",
        "Gurugram",
        "Somewhere New",
    ]


def test_district_changes_read_as_a_signed_number_against_the_previous_period():
    assert charts.change_text(605, 90) == "+605 vs previous 90 days"
    assert charts.change_text(-12, 30) == "−12 vs previous 30 days"
    assert charts.change_text(0, 7) == "±0 vs previous 7 days"


def test_the_fraud_type_legend_lists_every_slice_other_included():
    types = ["upi", "card", "net_banking", "loan_app", "job_task", "investment", "sextortion", "impersonation"]
    entries = [{"fraud_type": t, "count": 20 - i, "share": 0.09} for i, t in enumerate(types)]
    entries += [
        {"fraud_type": "other", "count": 5, "share": 0.05},
        {"fraud_type": "lottery", "count": 2, "share": 0.02},
    ]
    slices = charts.donut({"fraud_types": entries})["slices"]
    assert len(slices) == len(charts.PALETTE) and slices[-1]["label"] == "Other" and slices[-1]["count"] == 5 + 2
    assert len({s["color"] for s in slices}) == len(slices)


def test_the_dashboard_shows_every_legend_entry_and_the_change_text(client):
    client.force_login(AttenderFactory())
    now = dt.datetime.now(dt.UTC)
    types = ["upi", "card", "net_banking", "loan_app", "job_task", "investment", "sextortion", "impersonation", "other"]
    for i, fraud_type in enumerate(types):
        for n in range(i + 1):
            FraudCaseFactory(district="Pune", fraud_type=fraud_type, occurred_at=now - dt.timedelta(days=1, hours=n))
    FraudCaseFactory(district="Pune", occurred_at=now - dt.timedelta(days=100))
    html = client.get("/console/patterns/", {"days": 90}).content.decode()
    legend = html[html.index('class="donut-legend"') :]
    legend = legend[: legend.index("</ul>")]
    assert legend.count("<li>") == 9 and "Other" in legend
    assert "+44 vs previous 90 days" in html
