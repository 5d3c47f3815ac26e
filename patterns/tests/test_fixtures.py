"""The sample files a newcomer tries the case-loading commands with (fixtures/, used in the README)."""

import datetime as dt
import io
import json
import re
import uuid
from pathlib import Path

import pytest
from bson import json_util
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from pymongo import MongoClient

from fraudsafe.vocabulary import FraudType
from patterns.models import FraudCase

FIXTURES = Path(settings.FRAUDSAFE_BASE_DIR) / "fixtures"
LEGACY = FIXTURES / "legacy_mongo.json"
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))


def run(command, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(command, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def stored_cases(alias="default"):
    fields = ("source_ref", "occurred_at", "district", "area", "fraud_type", "category", "reporter_hash")
    return sorted(FraudCase.objects.using(alias).filter(source="legacy").values_list(*fields))


def test_the_legacy_sample_holds_only_invented_aadhaar_and_phone_numbers():
    document = json.loads(LEGACY.read_text())

    assert {"users", "cases", "casedetails"} <= set(document)
    for user in document["users"]:
        assert re.fullmatch(r"99990000\d{4}", str(user["aadharNumber"]))
        assert re.fullmatch(r"90000000\d{2}", user["phoneNumber"])
        assert user["emailid"].endswith("@example.com")


@pytest.mark.django_db
def test_the_legacy_sample_imports_without_a_mongodb_server():
    out, err = run("import_legacy_cases", "--json", str(LEGACY))

    assert "Done: 16 new, 0 updated, 0 unchanged, 1 skipped as bad." in out
    assert "caseId=CASE-2025-BAD1: fraudLocation is not an object" in err
    analysed = FraudCase.objects.get(source="legacy", source_ref="CASE-2025-0001")
    assert analysed.occurred_at == dt.datetime(2025, 6, 1, 21, 40, tzinfo=IST)  # fraudDateTime: date + HH:MM
    assert (analysed.district, analysed.area, analysed.fraud_type) == ("Ernakulam", "Kakkanad", "upi")
    fallback = FraudCase.objects.get(source="legacy", source_ref="CASE-2025-0002")
    assert fallback.occurred_at == dt.datetime(2025, 6, 20, 9, 30, tzinfo=IST)  # createdAt
    assert (fallback.district, fallback.area) == ("Ernakulam", "Kakkanad")  # the user's address, title-cased
    numeric_aadhaar = FraudCase.objects.get(source="legacy", source_ref="CASE-2025-0016")
    assert (numeric_aadhaar.district, numeric_aadhaar.area) == ("Jaipur", "Mansarovar")


@pytest.mark.django_db
def test_the_legacy_sample_keeps_no_aadhaar_number_in_clear():
    run("import_legacy_cases", "--json", str(LEGACY))

    stored = json.dumps([list(row.values()) for row in FraudCase.objects.values()], default=str)
    assert "99990000" not in stored
    assert all(len(row[-1]) == 64 for row in stored_cases())


@pytest.mark.django_db
def test_importing_the_legacy_sample_again_changes_nothing():
    run("import_legacy_cases", "--json", str(LEGACY))

    out, _ = run("import_legacy_cases", "--json", str(LEGACY))

    assert "0 new, 0 updated, 16 unchanged, 1 skipped" in out


@pytest.mark.django_db
def test_since_applies_to_a_json_export_as_to_mongodb():
    run("import_legacy_cases", "--json", str(LEGACY), "--since", "2025-08-01")

    assert sorted(FraudCase.objects.values_list("source_ref", flat=True)) == [
        "CASE-2025-0008",
        "CASE-2025-0012",
        "CASE-2025-0014",
        "CASE-2025-0016",
    ]


@pytest.mark.django_db(databases=["default", "mongo"])
@pytest.mark.mongo
def test_the_json_export_and_the_same_documents_in_mongodb_import_alike(secantus_uri):
    run("import_legacy_cases", "--json", str(LEGACY))
    from_json = stored_cases()
    FraudCase.objects.all().delete()
    name = f"legacy_{uuid.uuid4().hex[:12]}"
    client = MongoClient(secantus_uri)
    try:
        for collection, documents in json_util.loads(LEGACY.read_text()).items():
            if isinstance(documents, list):
                client[name][collection].insert_many(documents)

        out, err = run("import_legacy_cases", "--mongo-uri", secantus_uri, "--database", name)
    finally:
        client.drop_database(name)
        client.close()

    assert stored_cases() == from_json and len(from_json) == 16
    assert "1 skipped" in out and "CASE-2025-BAD1" in err


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "Cannot read the JSON export"), ('{"users": []}', "a `cases` list"), ("[]", "a `cases` list")],
)
def test_a_json_export_that_is_not_the_old_bots_collections_is_refused(tmp_path, content, message):
    path = tmp_path / "export.json"
    path.write_text(content)

    with pytest.raises(CommandError, match=message):
        run("import_legacy_cases", "--json", str(path))


def test_the_import_needs_a_mongodb_uri_or_a_json_file():
    with pytest.raises(CommandError, match="--mongo-uri --json"):
        run("import_legacy_cases")


@pytest.mark.django_db
def test_the_cases_sample_imports_every_fraud_type_and_reports_its_bad_lines():
    out, err = run("import_cases_csv", str(FIXTURES / "cases.csv"))

    assert "Done: 397 new, 0 updated, 0 unchanged, 3 skipped as bad." in out
    assert "line 59: district is empty" in err
    assert "line 143: occurred_at '31/08/2025 21:40'" in err
    assert "line 290: amount '12,500' is not a number" in err
    assert set(FraudCase.objects.values_list("fraud_type", flat=True)) == set(FraudType.values)
    assert not FraudCase.objects.filter(district__in=["PUNE", "HYDERABAD", "CHENNAI"]).exists()
