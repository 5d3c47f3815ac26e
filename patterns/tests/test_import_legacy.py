"""import_legacy_cases against documents shaped like the old bot's MongoDB (SPEC §3), served by SecantusDB."""

import datetime as dt
import io
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pymongo import MongoClient

from patterns.models import FraudCase

pytestmark = [pytest.mark.django_db(databases=["default", "mongo"]), pytest.mark.mongo]
AADHAAR = "234567890123"


@pytest.fixture
def legacy(secantus_uri):
    """A fresh legacy database (unique name) with one user, a casedetails row and no cases yet."""
    name = f"legacy_{uuid.uuid4().hex[:12]}"
    client = MongoClient(secantus_uri)
    db = client[name]
    db.users.insert_one(
        {
            "aadharNumber": AADHAAR,
            "name": "Asha Rao",
            "fatherSpouseGuardianName": "R Rao",
            "gender": "female",
            "emailid": "asha@example.com",
            "dob": dt.datetime(1990, 5, 1),
            "phoneNumber": "9876543210",
            "freeze": False,
            "caseIds": ["C-2"],
            "address": {
                "pincode": "411038",
                "area": "Kothrud",
                "village": "",
                "district": "pune",
                "postOffice": "Kothrud",
                "policeStation": "Kothrud",
            },
            "createdAt": dt.datetime(2025, 1, 1),
            "updatedAt": dt.datetime(2025, 1, 1),
        }
    )
    db.casedetails.insert_one({"caseId": "C-1", "photos": [], "isImpersonationCase": False, "allegedUrls": []})
    yield db, name
    client.drop_database(name)
    client.close()


def case_doc(case_id, **extra):
    doc = {
        "caseId": case_id,
        "aadharNumber": AADHAAR,
        "incidentDescription": "Money taken through a fake UPI request",
        "caseCategory": "Financial",
        "typeOfFraud": "UPI Fraud",
        "status": "open",
        "priority": "high",
        "isHighAlert": False,
        "caseDetailsId": "D-" + str(case_id),
        "createdAt": dt.datetime(2025, 6, 1, 12, 0),
        "updatedAt": dt.datetime(2025, 6, 1, 12, 0),
    }
    doc.update(extra)
    return doc


def run_import(uri, name, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_legacy_cases", "--mongo-uri", uri, "--database", name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("store", ["default", "mongo"])
def test_imports_analysed_cases_with_their_fraud_time_and_location(legacy, secantus_uri, settings, store):
    settings.ANALYTICS_DB_ALIAS = store
    db, name = legacy
    db.cases.insert_one(
        case_doc(
            "C-1",
            typeOfFraud="Job/Task scam",
            fraudDateTime={"time": "21:15", "timestamp": dt.datetime(2025, 6, 1, 19, 0)},  # 00:30 on 2 June IST
            fraudLocation={"district": "Hyderabad", "area": "Madhapur"},
        )
    )

    run_import(secantus_uri, name)

    case = FraudCase.objects.using(store).get()
    assert (case.source, case.source_ref, case.district, case.area) == ("legacy", "C-1", "Hyderabad", "Madhapur")
    assert case.occurred_at == dt.datetime(2025, 6, 2, 15, 45, tzinfo=dt.UTC)  # 21:15 IST on 2 June
    assert (case.fraud_type, case.category) == ("job_task", "Financial")


def test_falls_back_to_created_at_and_the_users_address(legacy, secantus_uri):
    db, name = legacy
    db.cases.insert_one(case_doc("C-2", typeOfFraud="Sextortion call", caseCategory="Social"))

    run_import(secantus_uri, name)

    case = FraudCase.objects.get()
    assert (case.district, case.area) == ("Pune", "Kothrud")
    assert case.occurred_at == dt.datetime(2025, 6, 1, 12, 0, tzinfo=dt.UTC)
    assert (case.fraud_type, case.category) == ("sextortion", "Social")


def test_never_stores_the_aadhaar_number_in_clear(legacy, secantus_uri):
    db, name = legacy
    db.cases.insert_one(case_doc("C-3"))

    run_import(secantus_uri, name)

    case = FraudCase.objects.get()
    stored = " ".join(str(value) for value in FraudCase.objects.values().get().values())
    assert AADHAAR not in stored
    assert len(case.reporter_hash) == 64


def test_reports_malformed_documents_by_id_and_keeps_going(legacy, secantus_uri):
    db, name = legacy
    db.cases.insert_many(
        [
            case_doc("C-ok"),
            case_doc("C-nodate", createdAt=None, updatedAt=None),
            case_doc("C-nowhere", aadharNumber="999999999999"),
            case_doc("C-badloc", fraudLocation="Pune"),
            {"_id": "no-case-id", "typeOfFraud": "upi"},
        ]
    )

    out, err = run_import(secantus_uri, name)

    assert list(FraudCase.objects.values_list("source_ref", flat=True)) == ["C-ok"]
    assert "caseId=C-nodate: no usable date" in err
    assert "caseId=C-nowhere: no district" in err
    assert "caseId=C-badloc: fraudLocation is not an object" in err
    assert "_id=no-case-id: missing caseId" in err
    assert "1 new" in out and "4 skipped" in out


@pytest.mark.parametrize("store", ["default", "mongo"])
def test_rerunning_imports_nothing_twice_and_picks_up_changes(legacy, secantus_uri, settings, store):
    settings.ANALYTICS_DB_ALIAS = store
    db, name = legacy
    db.cases.insert_many([case_doc("C-1"), case_doc("C-2")])
    run_import(secantus_uri, name)
    db.cases.update_one({"caseId": "C-2"}, {"$set": {"typeOfFraud": "Loan app harassment"}})

    out, _ = run_import(secantus_uri, name)

    assert FraudCase.objects.using(store).count() == 2
    assert FraudCase.objects.using(store).get(source_ref="C-2").fraud_type == "loan_app"
    assert "0 new, 1 updated, 1 unchanged" in out


def test_since_imports_only_recent_cases(legacy, secantus_uri):
    db, name = legacy
    db.cases.insert_many(
        [
            case_doc("old", createdAt=dt.datetime(2024, 1, 1), updatedAt=dt.datetime(2024, 1, 1)),
            case_doc("touched", createdAt=dt.datetime(2024, 1, 1), updatedAt=dt.datetime(2025, 3, 1)),
            case_doc("new", createdAt=dt.datetime(2025, 3, 1), updatedAt=dt.datetime(2025, 3, 1)),
        ]
    )

    run_import(secantus_uri, name, "--since", "2025-01-01")

    assert sorted(FraudCase.objects.values_list("source_ref", flat=True)) == ["new", "touched"]


def test_rejects_an_unreadable_since_date(legacy, secantus_uri):
    with pytest.raises(CommandError, match="--since"):
        run_import(secantus_uri, legacy[1], "--since", "last tuesday")


def test_imports_in_batches_with_progress(legacy, secantus_uri):
    db, name = legacy
    db.cases.insert_many([case_doc(f"C-{i}") for i in range(25)])

    out, err = run_import(secantus_uri, name, "--batch-size", "10")

    assert FraudCase.objects.count() == 25
    assert err.count("read:") == 3
