"""Restitution: a case per complaint with money held, the pro rata split of a shared hold (to the paisa), the
route by rule, the court order before a refund, partial refunds, declines, releases, and batch opening."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import TestCase
from django.utils import timezone

from accounts.tests.factories import AdminFactory, AttenderFactory
from alerts.models import Alert
from alerts.whatsapp import whatsapp_inbound_record
from recovery.models import RefundRequest, RestitutionCase, RestitutionHold
from recovery.restitution import pro_rata, restitution_cases_open
from recovery.restitution_refunds import (
    RestitutionConflict,
    hold_release,
    order_record,
    refund_confirm,
    refund_decline,
    refunds_request,
)
from recovery.services import freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db
D = Decimal


def held(complaint, partner, amount_held, index=0):
    request = freeze_requests_open(complaint_ids=[complaint.pk])[index]
    with TestCase.captureOnCommitCallbacks(execute=True):  # the after-commit hook opens the case
        freeze_request_answer(request_id=request.pk, partner=partner, outcome="on_hold", amount_held=D(amount_held))
    return request


@pytest.fixture
def yes():
    return bank_partner("YESB")[0]


@pytest.mark.parametrize(
    ("pool", "claims", "expected"),
    [
        ("100.00", ["60.00", "40.00"], ["60.00", "40.00"]),  # the pool covers both
        ("100.00", ["100.00", "100.00", "100.00"], ["33.34", "33.33", "33.33"]),  # a paisa left: the earlier
        ("0.05", ["1.00", "2.00"], ["0.02", "0.03"]),
        ("50000.00", ["70000.00", "30000.00"], ["35000.00", "15000.00"]),
        ("1000.01", ["333.33", "666.67", "500.00"], ["222.22", "444.45", "333.34"]),
    ],
)
def test_pro_rata_is_exact_to_the_paisa_and_never_above_the_pool(pool, claims, expected):
    shares = pro_rata(D(pool), [D(c) for c in claims])
    assert shares == [D(e) for e in expected]
    assert sum(shares) <= D(pool) and all(s <= D(c) for s, c in zip(shares, claims, strict=True))


def test_a_case_is_opened_when_money_is_held_capped_at_the_loss_and_the_victim_is_told(yes):
    complaint = complaint_paying("quickloan@ybl", amount="30000.00")
    held(complaint, yes, "30000")  # the task hook opens the case (eager in tests)
    case = RestitutionCase.objects.get(complaint=complaint)
    assert (case.status, case.route, case.loss, case.claimable) == ("open", "administrative", D(30000), D(30000))
    hold = case.holds.get()
    assert (hold.pool, hold.share, hold.claimants) == (D(30000), D(30000), 1)
    assert (hold.lapses_at - hold.held_at).days == 90
    assert "one victim" in hold.rule and "police" in case.rule
    assert Alert.objects.filter(reference=f"restitution:{case.pk}:opened", template_key="restitution_held").exists()
    assert restitution_cases_open(complaint_ids=[complaint.pk]) == []  # again: nothing new


def test_two_victims_on_one_held_amount_share_it_pro_rata_and_both_see_the_rule(yes):
    asha = complaint_paying("mule@ybl", amount="70000.00")
    ravi = complaint_paying("mule@ybl", amount="30000.00")
    held(asha, yes, "50000")
    held(ravi, yes, "30000")  # the same money, reported held for the second complaint too
    a, r = (RestitutionHold.objects.get(case__complaint=c) for c in (asha, ravi))
    assert (a.share, r.share, a.claimants, r.claimants) == (D(35000), D(15000), 2, 2)
    assert a.share + r.share == D(50000) and a.rule == r.rule and "in proportion" in a.rule
    assert RestitutionCase.objects.get(complaint=asha).claimable == D(35000)


def test_the_administrative_route_end_to_end_with_a_partial_refund(yes):
    handler = AttenderFactory()
    complaint = complaint_paying("quickloan@ybl", amount="40000.00", handler=handler)
    held(complaint, yes, "40000")
    case = RestitutionCase.objects.get(complaint=complaint)
    with TestCase.captureOnCommitCallbacks(execute=True):
        [refund] = refunds_request(case_id=case.pk, by=handler)
    assert (refund.amount, refund.bank.code, RestitutionCase.objects.get(pk=case.pk).status) == (
        D(40000), "YESB", "requested"
    )  # fmt: skip
    with pytest.raises(RestitutionConflict):
        refunds_request(case_id=case.pk, by=handler)  # the bank is asked already
    for _twice in range(2):
        with TestCase.captureOnCommitCallbacks(execute=True):
            refund_confirm(refund_id=refund.pk, partner=yes, amount=D(15000), utr="UTR111", on_date=date(2026, 12, 1))
    case.refresh_from_db()
    assert (case.status, case.refunded) == ("partly_refunded", D(15000))  # the same UTR twice counts once
    with pytest.raises(ValidationError):
        refund_confirm(refund_id=refund.pk, partner=yes, amount=D(25001), utr="UTR112", on_date=date(2026, 12, 2))
    with TestCase.captureOnCommitCallbacks(execute=True):
        refund_confirm(refund_id=refund.pk, partner=yes, amount=D(25000), utr="UTR112", on_date=date(2026, 12, 2))
    case.refresh_from_db()
    assert (case.status, case.refunded, case.closed_at is not None) == ("refunded", D(40000), True)
    assert Alert.objects.filter(template_key="restitution_refunded").count() == 2
    assert Alert.objects.filter(template_key="restitution_sign").count() == 1


def test_the_court_route_needs_the_order_first_and_refunds_at_most_the_amount_ordered(yes):
    admin = AdminFactory()
    complaint = complaint_paying("quickloan@ybl", amount="200000.00")
    held(complaint, yes, "120000")
    case = RestitutionCase.objects.get(complaint=complaint)
    assert (case.route, case.claimable) == ("court", D(120000))
    with pytest.raises(RestitutionConflict):
        refunds_request(case_id=case.pk, by=admin)
    with pytest.raises(ValidationError):
        order_record(case_id=case.pk, by=admin, kind="court", number="", on_date=date(2026, 11, 30), amount=D(1))
    order_record(case_id=case.pk, by=admin, kind="lok_adalat", number="LA/12/2026", on_date=date(2026, 11, 30),
                 amount=D(100000), court="DLSA Bengaluru")  # fmt: skip
    [refund] = refunds_request(case_id=case.pk, by=admin)
    assert refund.amount == D(100000)
    with pytest.raises(ValidationError):
        hold_release(freeze_request_id=case.holds.get().freeze_request_id, partner=yes, order_number="nope")
    hold = hold_release(freeze_request_id=case.holds.get().freeze_request_id, partner=yes, order_number="la/12/2026")
    assert hold.released_at is not None
    refund_confirm(refund_id=refund.pk, partner=yes, amount=D(100000), utr="UTR9", on_date=date(2026, 12, 3))
    case.refresh_from_db()
    assert (case.status, case.route, case.refunded) == ("refunded", "lok_adalat", D(100000))


def test_a_decline_needs_a_reason_and_leaves_the_case_declined(yes):
    admin = AdminFactory()
    complaint = complaint_paying("quickloan@ybl", amount="10000.00")
    held(complaint, yes, "10000")
    case = RestitutionCase.objects.get(complaint=complaint)
    [refund] = refunds_request(case_id=case.pk, by=admin)
    with pytest.raises(ValidationError):
        refund_decline(refund_id=refund.pk, partner=yes, reason=" ")
    refund_decline(refund_id=refund.pk, partner=yes, reason="Account holder contests the lien")
    case.refresh_from_db()
    assert case.status == "declined"
    with pytest.raises(RestitutionConflict):
        refund_confirm(refund_id=refund.pk, partner=yes, amount=D(1), utr="U1", on_date=date(2026, 12, 1))
    [again] = refunds_request(case_id=case.pk, by=admin)  # staff may ask again
    assert again.pk != refund.pk and RestitutionCase.objects.get(pk=case.pk).status == "requested"


def test_another_bank_and_another_attender_are_refused(yes):
    complaint = complaint_paying("quickloan@ybl", amount="10000.00", handler=AttenderFactory())
    held(complaint, yes, "10000")
    case = RestitutionCase.objects.get(complaint=complaint)
    with pytest.raises(PermissionDenied):
        refunds_request(case_id=case.pk, by=AttenderFactory())
    [refund] = refunds_request(case_id=case.pk, by=AdminFactory())
    hdfc = bank_partner("HDFC")[0]
    with pytest.raises(RefundRequest.DoesNotExist):
        refund_confirm(refund_id=refund.pk, partner=hdfc, amount=D(1), utr="U1", on_date=date(2026, 12, 1))


def test_batch_opening_takes_a_fixed_number_of_queries(yes, django_assert_max_num_queries):
    complaints = [complaint_paying(f"mule{i}@ybl", amount="5000.00") for i in range(12)]
    for complaint in complaints:
        request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
        type(request).objects.filter(pk=request.pk).update(status="on_hold", amount_held=D(5000))
    with django_assert_max_num_queries(16):
        cases = restitution_cases_open(complaint_ids=[c.pk for c in complaints])
    assert len(cases) == 12 and RestitutionHold.objects.count() == 12
    assert {c.claimable for c in RestitutionCase.objects.all()} == {D(5000)}


def test_cases_opened_in_a_batch_are_told_with_one_insert_and_once(yes, django_assert_max_num_queries):
    from recovery.restitution_notices import restitution_notify_opened

    complaints = [complaint_paying(f"mule{i}@ybl", amount="5000.00") for i in range(12)]
    for complaint in complaints:
        request = freeze_requests_open(complaint_ids=[complaint.pk])[0]
        type(request).objects.filter(pk=request.pk).update(status="on_hold", amount_held=D(5000))
    with TestCase.captureOnCommitCallbacks(execute=False) as queued:
        cases = restitution_cases_open(complaint_ids=[c.pk for c in complaints])
    assert len(queued) == 1  # one notice task for the batch, not one per case
    ids = [c.pk for c in cases]
    with django_assert_max_num_queries(4):
        told = restitution_notify_opened(case_ids=ids)
    assert sorted(a.reference for a in told) == sorted(f"restitution:{pk}:opened" for pk in ids)
    assert {a.template_key for a in told} == {"restitution_held"} and told[0].context["claimable"] == "5,000.00"
    assert restitution_notify_opened(case_ids=ids) == []  # told once


def test_the_victim_is_told_in_their_language_once_per_step(yes, settings, locmem_outbox):
    from accounts.services import consent_record

    settings.ALERTS_QUIET_HOURS = "00:00-00:00"
    complaint = complaint_paying("quickloan@ybl", amount="20000.00")
    citizen = complaint.citizen
    citizen.language = "hi"
    citizen.save()
    consent_record(citizen=citizen, channel="whatsapp", granted=True, source="complaint")
    whatsapp_inbound_record(phone=str(citizen.phone), at=timezone.now())  # they wrote today: free text may go
    held(complaint, yes, "20000")
    case = RestitutionCase.objects.get(complaint=complaint)
    with TestCase.captureOnCommitCallbacks(execute=True):
        [refund] = refunds_request(case_id=case.pk, by=AdminFactory())
    with TestCase.captureOnCommitCallbacks(execute=True):
        refund_confirm(refund_id=refund.pk, partner=yes, amount=D(20000), utr="SBIN1234", on_date=date(2026, 12, 1))
    bodies = [m.body for m in locmem_outbox if m.to == str(citizen.phone)]
    assert any("वापस मिल सकते" in b and "20,000.00" in b for b in bodies)  # held
    assert any("हस्ताक्षर" in b and complaint.district in b for b in bodies)  # documents to sign, and where
    assert any("SBIN1234" in b and "वापस भेज" in b for b in bodies)  # refund sent, with its UTR
    from recovery.restitution_notices import restitution_notify

    assert restitution_notify(case_id=case.pk, step="opened") is None  # told once
