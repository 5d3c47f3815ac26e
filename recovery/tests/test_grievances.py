"""The wrongly frozen: an account holder's grievance against a hold, recorded by staff or the bank, decided by staff
(lift, reduce to the disputed amount, reject), with the weaker-evidence flag and row locks against two decisions."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import TestCase

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.identifiers import complaint_identifiers_record
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from complaints.tests.race import race
from recovery.grievances import GrievanceConflict, grievance_decide, grievance_record, hold_evidence
from recovery.models import CallbackDelivery, FreezeEvent, FreezeRequest, HoldGrievance, RestitutionCase
from recovery.resolution import Beneficiary
from recovery.restitution_refunds import refunds_request
from recovery.services import MovedOn, freeze_request_add_layer, freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db
D = Decimal


def held(complaint, partner, amount_held):
    request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=request.pk, partner=partner, outcome="on_hold", amount_held=D(amount_held))
    return FreezeRequest.objects.get(pk=request.pk)


@pytest.fixture
def yes():
    return bank_partner("YESB")[0]


@pytest.fixture
def handler():
    return AttenderFactory()


def filed(hold, handler, **fields):
    values = {"holder_name": "Meena Rao", "holder_contact": "+919812345678",
              "statement": "This is my salary account; the credit was my wages.", "by": handler}  # fmt: skip
    return grievance_record(freeze_request_id=hold.pk, **{**values, **fields})


def test_staff_record_a_grievance_with_its_evidence_and_due_time(yes, handler, settings):
    settings.RESTITUTION_GRIEVANCE_DUE_DAYS = 10
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    grievance = filed(hold, handler, evidence="Payslip of November", documents="salary slip\nappointment letter")
    assert (grievance.status, grievance.channel, grievance.amount_held) == ("received", "staff", D(30000))
    assert (grievance.due_at - grievance.received_at).days == 10 and grievance.bank.code == "YESB"
    assert not grievance.weaker_evidence and "paid this account" in grievance.evidence_basis
    assert FreezeEvent.objects.filter(request=hold, kind="grievance").count() == 1
    case = RestitutionCase.objects.get(complaint=hold.complaint)
    assert case.events.filter(kind="grievance").count() == 1


def test_a_grievance_needs_who_and_why_a_held_account_and_only_one_open_at_a_time(yes, handler):
    hold = held(complaint_paying("quickloan@ybl", handler=handler), yes, "25000")
    with pytest.raises(ValidationError) as error:
        filed(hold, handler, holder_name=" ", statement="")
    assert set(error.value.message_dict) == {"holder_name", "statement"}
    filed(hold, handler)
    with pytest.raises(GrievanceConflict):
        filed(hold, handler)
    not_held = freeze_requests_open(complaint_ids=[complaint_paying("other@ybl", handler=handler).pk])[0]
    with pytest.raises(GrievanceConflict):
        filed(not_held, handler)
    with pytest.raises(PermissionDenied):
        filed(hold, AttenderFactory())  # not the complaint's handler


def test_uphold_lifts_the_hold_the_share_follows_and_the_bank_is_told(yes, handler):
    yes.callback_url = "https://bank.example/hook"
    yes.save()
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    grievance = filed(hold, handler)
    with TestCase.captureOnCommitCallbacks(execute=True):
        decided = grievance_decide(grievance_id=grievance.pk, by=handler, decision="lift",
                                   reason="Payslips show the credit is wages.")  # fmt: skip
    assert (decided.status, decided.outcome, decided.release_amount, decided.lien_after) == (
        "upheld", "lifted", D(30000), D(0))  # fmt: skip
    assert decided.decided_by == handler and decided.decided_at is not None
    hold.refresh_from_db()
    assert (hold.status, hold.amount_held) == ("lifted", D(0))
    case = RestitutionCase.objects.get(complaint=hold.complaint)
    assert case.claimable == D(0) and case.holds.get().share == D(0)
    assert CallbackDelivery.objects.filter(request=hold, event="freeze_request.grievance_decided").exists()


def test_uphold_reduces_the_lien_to_the_disputed_amount_only(yes, handler):
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    grievance = filed(hold, handler)
    decided = grievance_decide(grievance_id=grievance.pk, by=handler, decision="reduce", release_amount="12000.50",
                               reason="Only ₹17,999.50 came from the victim.")  # fmt: skip
    assert (decided.outcome, decided.release_amount, decided.lien_after) == ("reduced", D("12000.50"), D("17999.50"))
    hold.refresh_from_db()
    assert (hold.status, hold.amount_held) == ("on_hold", D("17999.50"))
    assert RestitutionCase.objects.get(complaint=hold.complaint).claimable == D("17999.50")


@pytest.mark.parametrize("amount", [None, "", "0", "-5", "30000", "30000.01", "abc", "1.005"])
def test_a_reduction_releases_more_than_nothing_and_less_than_is_held(yes, handler, amount):
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    grievance = filed(hold, handler)
    with pytest.raises(ValidationError) as error:
        grievance_decide(grievance_id=grievance.pk, by=handler, decision="reduce", release_amount=amount, reason="x")
    assert "release_amount" in error.value.message_dict
    assert HoldGrievance.objects.get(pk=grievance.pk).status == "received"
    assert FreezeRequest.objects.get(pk=hold.pk).amount_held == D(30000)


def test_reject_keeps_the_hold_and_a_second_decision_is_a_conflict(yes, handler):
    hold = held(complaint_paying("quickloan@ybl", handler=handler), yes, "25000")
    grievance = filed(hold, handler)
    with pytest.raises(ValidationError):
        grievance_decide(grievance_id=grievance.pk, by=handler, decision="reject", reason=" ")
    with pytest.raises(ValidationError):
        grievance_decide(grievance_id=grievance.pk, by=handler, decision="maybe", reason="x")
    with pytest.raises(PermissionDenied):
        grievance_decide(grievance_id=grievance.pk, by=AttenderFactory(), decision="lift", reason="x")
    decided = grievance_decide(grievance_id=grievance.pk, by=handler, decision="reject", reason="Contradicted")
    assert decided.status == "rejected" and decided.release_amount is None
    assert FreezeRequest.objects.get(pk=hold.pk).amount_held == D(25000)
    with pytest.raises(GrievanceConflict):
        grievance_decide(grievance_id=grievance.pk, by=AdminFactory(), decision="lift", reason="again")
    assert filed(hold, handler).status == "received"  # a new grievance may come after a rejection


def test_the_bank_records_a_grievance_only_for_its_own_holds(yes, handler):
    hdfc = bank_partner("HDFC")[0]
    hold = held(complaint_paying("quickloan@ybl", handler=handler), yes, "25000")
    with pytest.raises(FreezeRequest.DoesNotExist):
        filed(hold, None, partner=hdfc)
    grievance = filed(hold, None, partner=yes)
    assert (grievance.channel, grievance.partner, grievance.recorded_by) == ("bank", yes, None)


def _linked_pair(handler, *, phone="+919876500011"):
    """Complaint A (paid mule@ybl) and complaint B (paid other@ybl), sharing the fraudster's phone."""
    a = ComplaintFactory(handler=handler)
    TransactionFactory(complaint=a, position=1, amount=D(40000), beneficiary_kind="upi", beneficiary_upi="mule@ybl",
                       fraudster_phone=phone)  # fmt: skip
    b = ComplaintFactory()
    TransactionFactory(complaint=b, position=1, amount=D(9000), beneficiary_kind="upi", beneficiary_upi="other@ybl",
                       fraudster_phone=phone)  # fmt: skip
    for complaint in (a, b):
        complaint_identifiers_record(complaint_id=complaint.pk)
    return a, b


def test_a_hold_reached_only_through_another_complaints_identifier_is_weaker_evidence(yes, handler):
    a, b = _linked_pair(handler)
    first = freeze_requests_open(complaint_ids=[a.pk])[0]
    linked = freeze_request_add_layer(parent_id=first.pk, by=handler, amount=D(9000),
                                      values={"beneficiary_kind": "upi", "beneficiary_upi": "other@ybl"})  # fmt: skip
    evidence = hold_evidence(linked)
    assert evidence.weaker and evidence.via == (b.ack_number,) and b.ack_number in evidence.basis
    assert not hold_evidence(first).weaker
    freeze_request_answer(request_id=linked.pk, partner=yes, outcome="on_hold", amount_held=D(9000))
    grievance = filed(FreezeRequest.objects.get(pk=linked.pk), handler)
    assert grievance.weaker_evidence and "only through another complaint" in grievance.evidence_basis


def test_a_layer_a_bank_reported_or_staff_added_unlinked_is_not_weaker(yes, handler):
    a, _b = _linked_pair(handler)
    first = freeze_requests_open(complaint_ids=[a.pk])[0]
    _, [reported], _ = freeze_request_answer(
        request_id=first.pk, partner=yes, outcome="moved_on",
        moved_on=[MovedOn(beneficiary=Beneficiary("upi", upi="other@ybl"), amount=D(9000))],
    )  # fmt: skip
    assert not hold_evidence(reported).weaker and "bank reported" in hold_evidence(reported).basis
    staff = freeze_request_add_layer(parent_id=first.pk, by=handler, amount=D(100),
                                     values={"beneficiary_kind": "upi", "beneficiary_upi": "fresh@ybl"})  # fmt: skip
    assert not hold_evidence(staff).weaker and "by staff" in hold_evidence(staff).basis


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_give_one_decision_and_one_conflict(handler):
    yes = bank_partner("YESB")[0]
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    grievance = filed(hold, handler)
    admin = AdminFactory()
    results = race([
        lambda: grievance_decide(grievance_id=grievance.pk, by=handler, decision="lift", reason="wages"),
        lambda: grievance_decide(grievance_id=grievance.pk, by=admin, decision="reduce", release_amount="100",
                                 reason="part"),
    ])  # fmt: skip
    assert sorted(type(r).__name__ for r in results) == ["GrievanceConflict", "HoldGrievance"]
    decided = HoldGrievance.objects.get(pk=grievance.pk)
    hold.refresh_from_db()
    assert hold.amount_held == decided.amount_held - decided.release_amount
    assert FreezeEvent.objects.filter(request=hold, kind="grievance").count() == 2  # received + one decision


def test_an_uphold_cannot_release_money_the_victim_is_being_refunded(yes, handler):
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    grievance = filed(hold, handler)
    refunds_request(case_id=RestitutionCase.objects.get(complaint=hold.complaint).pk, by=handler)
    with pytest.raises(GrievanceConflict):
        grievance_decide(grievance_id=grievance.pk, by=handler, decision="lift", reason="wages")
    assert FreezeRequest.objects.get(pk=hold.pk).amount_held == D(30000)
    assert (
        grievance_decide(grievance_id=grievance.pk, by=handler, decision="reject", reason="refund due").is_open is False
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_grievances_filed_at_once_against_one_hold_give_one_and_one_conflict(handler):
    yes = bank_partner("YESB")[0]
    hold = held(complaint_paying("quickloan@ybl", amount="30000.00", handler=handler), yes, "30000")
    results = race([lambda: filed(hold, None, partner=yes), lambda: filed(hold, handler)])
    assert sorted(type(r).__name__ for r in results) == ["GrievanceConflict", "HoldGrievance"]
    assert HoldGrievance.objects.filter(freeze_request=hold).count() == 1
