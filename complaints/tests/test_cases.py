"""Complaints recorded as cases of the fraud-pattern analysis, and the backfill command."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from complaints.cases import complaint_cases_record
from complaints.models import Transaction
from complaints.tests.factories import ComplaintFactory
from patterns.models import FraudCase


@pytest.mark.django_db
def test_records_one_case_per_complaint_transaction():
    complaint = ComplaintFactory(transactions=2, district="Pune", citizen__area="Baner")

    assert complaint_cases_record(complaint_id=complaint.id) == 2

    cases = list(FraudCase.objects.order_by("source_ref"))
    tx = complaint.transactions.get(position=1)
    assert [case.source_ref for case in cases] == [f"{complaint.ack_number}/1", f"{complaint.ack_number}/2"]
    assert (cases[0].source, cases[0].district, cases[0].area, cases[0].category) == (
        "complaint",
        "Pune",
        "Baner",
        "Financial",
    )
    assert cases[0].occurred_at == tx.occurred_at and cases[0].amount == Decimal("25000.00")


@pytest.mark.django_db
def test_recording_again_updates_instead_of_duplicating():
    complaint = ComplaintFactory(transactions=2)
    complaint_cases_record(complaint_id=complaint.id)
    Transaction.objects.filter(complaint=complaint, position=1).update(fraud_type="loan_app")
    Transaction.objects.filter(complaint=complaint, position=2).delete()

    complaint_cases_record(complaint_id=complaint.id)

    assert list(FraudCase.objects.values_list("fraud_type", flat=True)) == ["loan_app"]


@pytest.mark.django_db(databases=["default", "mongo"])
@pytest.mark.mongo
def test_records_complaints_into_a_mongodb_case_store(settings):
    complaint = ComplaintFactory(transactions=3)
    settings.ANALYTICS_DB_ALIAS = "mongo"

    complaint_cases_record(complaint_id=complaint.id)
    complaint_cases_record(complaint_id=complaint.id)

    assert FraudCase.objects.using("mongo").count() == 3
    assert not FraudCase.objects.using("default").exists()


@pytest.mark.django_db
def test_backfill_rebuilds_every_complaint_idempotently():
    ComplaintFactory(transactions=2)
    ComplaintFactory(transactions=1)
    call_command("backfill_cases", stdout=io.StringIO(), stderr=io.StringIO())
    FraudCase.objects.filter(source_ref__endswith="/2").delete()

    call_command("backfill_cases", stdout=io.StringIO(), stderr=io.StringIO())

    assert FraudCase.objects.filter(source="complaint").count() == 3
