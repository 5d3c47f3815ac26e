"""An account several victims' money is held in: the lien is on the account, so an upheld grievance lowers every
victim's hold on it, re-splits their shares pro rata (to the paisa, never above what stays held), and tells each
victim whose claim went down, in their language, once per decision."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import TestCase
from django.utils import timezone

from accounts.tests.factories import AttenderFactory
from alerts.models import Alert, AlertTemplate
from alerts.rendering import CompiledTemplate, base_context
from alerts.whatsapp import whatsapp_inbound_record
from complaints.tests.race import race
from recovery.grievances import GrievanceConflict, grievance_decide
from recovery.models import CallbackDelivery, FreezeEvent, FreezeRequest, HoldGrievance, RestitutionCase
from recovery.restitution_notices import restitution_notify
from recovery.restitution_refunds import refunds_request
from recovery.restitution_seeds import NOTICES
from recovery.tests.factories import bank_partner, complaint_paying
from recovery.tests.test_grievances import filed, held

pytestmark = pytest.mark.django_db
D = Decimal
LANGUAGES = ("en", "hi", "bn", "mr", "te", "ta")


@pytest.fixture
def yes():
    partner = bank_partner("YESB")[0]
    partner.callback_url = "https://bank.example/hook"
    partner.save()
    return partner


@pytest.fixture
def handler():
    return AttenderFactory()


def victims(yes, handler, losses, pool):
    """One held account (mule@ybl at YESB) holding `pool`, one victim per loss; the bank reports the same money held
    to each victim's freeze request (up to what that victim lost)."""
    holds = [held(complaint_paying("mule@ybl", amount=loss, handler=handler), yes, min(D(loss), D(pool)))
             for loss in losses]  # fmt: skip
    assert len({(h.bank_id, h.identifier_key) for h in holds}) == 1
    return holds


def decide(grievance, handler, decision, release_amount=None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return grievance_decide(grievance_id=grievance.pk, by=handler, decision=decision, reason="Wages, shown.",
                                release_amount=release_amount)  # fmt: skip


def state(holds):
    """Per victim: (amount still held on their freeze request, their share, their case's claimable)."""
    out = []
    for hold in holds:
        hold.refresh_from_db()
        case = RestitutionCase.objects.get(complaint_id=hold.complaint_id)
        out.append((hold.amount_held, case.holds.get().share, case.claimable))
    return out


def test_three_victims_a_reduction_lowers_every_hold_and_re_splits_the_shares_to_the_paisa(yes, handler):
    holds = victims(yes, handler, ["1000.00", "1000.00", "1000.00"], "1000")
    assert [s for _h, s, _c in state(holds)] == [D("333.34"), D("333.33"), D("333.33")]
    grievance = filed(holds[1], handler)  # the holder's grievance reaches one victim's freeze request
    decide(grievance, handler, "reduce", "900.00")
    after = state(holds)
    assert [h for h, _s, _c in after] == [D(100)] * 3  # the account keeps the disputed ₹100 only
    assert [s for _h, s, _c in after] == [D("33.34"), D("33.33"), D("33.33")]
    assert sum(s for _h, s, _c in after) == D(100) and [c for *_x, c in after] == [D("33.34"), D("33.33"), D("33.33")]
    for hold in holds:  # every affected hold: its event and the bank's push
        assert FreezeEvent.objects.filter(request=hold, kind="grievance", note__contains="upheld").count() == 1
        assert CallbackDelivery.objects.filter(request=hold, event="freeze_request.grievance_decided").count() == 1
        assert hold.status == "on_hold"


def test_two_victims_a_lift_lifts_every_hold_on_the_account_and_both_claims_go(yes, handler):
    holds = victims(yes, handler, ["70000.00", "30000.00"], "50000")
    assert [s for _h, s, _c in state(holds)] == [D(35000), D(15000)]
    decide(filed(holds[0], handler), handler, "lift")
    assert state(holds) == [(D(0), D(0), D(0)), (D(0), D(0), D(0))]
    assert {FreezeRequest.objects.get(pk=h.pk).status for h in holds} == {"lifted"}
    assert CallbackDelivery.objects.filter(event="freeze_request.grievance_decided").count() == 2
    cases = RestitutionCase.objects.filter(complaint_id__in=[h.complaint_id for h in holds])
    assert all(c.events.filter(kind="grievance", note__contains="upheld").count() == 1 for c in cases)


def test_the_route_and_rule_follow_the_new_split(yes, handler, settings):
    settings.RESTITUTION_ADMIN_LIMIT = 50000
    holds = victims(yes, handler, ["80000.00", "20000.00"], "80000")
    first = RestitutionCase.objects.get(complaint_id=holds[0].complaint_id)
    assert (first.claimable, first.route) == (D(64000), "court")
    decide(filed(holds[1], handler), handler, "reduce", "30000")  # the grievance on the other victim's hold
    assert state(holds) == [(D(50000), D(40000), D(40000)), (D(20000), D(10000), D(10000))]
    for hold in holds:  # the decided hold (its ₹20,000 is under what stays held) and the lowered one are both told
        assert FreezeEvent.objects.filter(request=hold, kind="grievance", note__contains="upheld").count() == 1
        assert CallbackDelivery.objects.filter(request=hold, event="freeze_request.grievance_decided").count() == 1
    first.refresh_from_db()
    assert (first.claimable, first.route) == (D(40000), "administrative") and "₹40,000.00" in first.rule
    share = first.holds.get()
    assert share.pool == D(50000) and "₹50,000.00" in share.rule and "in proportion" in share.rule


def test_another_victims_refund_asked_from_the_account_still_blocks_the_uphold(yes, handler):
    holds = victims(yes, handler, ["70000.00", "30000.00"], "50000")
    grievance = filed(holds[0], handler)
    second = RestitutionCase.objects.get(complaint_id=holds[1].complaint_id)
    refunds_request(case_id=second.pk, by=handler)  # the second victim's case is not open any more
    assert RestitutionCase.objects.get(pk=second.pk).status == "requested"
    for decision, amount in (("lift", None), ("reduce", "100")):
        with pytest.raises(GrievanceConflict):
            grievance_decide(grievance_id=grievance.pk, by=handler, decision=decision, reason="wages",
                             release_amount=amount)  # fmt: skip
    assert state(holds) == [(D(50000), D(35000), D(35000)), (D(30000), D(15000), D(15000))]
    assert HoldGrievance.objects.get(pk=grievance.pk).status == "received"


def _speaks(hold, language):
    from accounts.services import consent_record

    citizen = hold.complaint.citizen
    citizen.language = language
    citizen.save()
    consent_record(citizen=citizen, channel="whatsapp", granted=True, source="complaint")
    whatsapp_inbound_record(phone=str(citizen.phone), at=timezone.now())
    return str(citizen.phone)


def test_each_victim_whose_claim_went_down_is_told_in_their_language_once(yes, handler, settings, locmem_outbox):
    settings.ALERTS_QUIET_HOURS = "00:00-00:00"
    holds = victims(yes, handler, ["70000.00", "30000.00"], "50000")
    phones = [_speaks(holds[0], "hi"), _speaks(holds[1], "ta")]
    grievance = filed(holds[0], handler)
    decide(grievance, handler, "reduce", "30000")  # ₹20,000 stays: 14,000 and 6,000
    cases = [RestitutionCase.objects.get(complaint_id=h.complaint_id) for h in holds]
    for case in cases:
        assert Alert.objects.filter(reference=f"restitution:{case.pk}:reduced:{grievance.pk}",
                                    template_key="restitution_reduced").count() == 1  # fmt: skip
    hindi = [m.body for m in locmem_outbox if m.to == phones[0]]
    tamil = [m.body for m in locmem_outbox if m.to == phones[1]]
    assert any("14,000.00" in b and "खेद" in b and "1930" in b for b in hindi)
    assert any("6,000.00" in b and "வருந்துகிறோம்" in b and "1930" in b for b in tamil)
    sent = len(locmem_outbox)
    assert restitution_notify(case_id=cases[0].pk, step="reduced", object_id=grievance.pk) is None  # once
    assert restitution_notify(case_id=cases[0].pk, step="reduced", object_id=None) is None  # no decision named
    assert len(locmem_outbox) == sent


def test_a_lift_tells_each_victim_nothing_held_is_left_to_claim(yes, handler):
    holds = victims(yes, handler, ["70000.00", "30000.00"], "50000")
    grievance = filed(holds[1], handler)  # this victim's request reports ₹30,000 of the ₹50,000 held
    decided = decide(grievance, handler, "lift")
    assert (decided.amount_held, decided.release_amount, decided.lien_after) == (D(50000), D(50000), D(0))
    for hold in holds:
        case = RestitutionCase.objects.get(complaint_id=hold.complaint_id)
        alert = Alert.objects.get(reference=f"restitution:{case.pk}:released:{grievance.pk}")
        assert alert.template_key == "restitution_released" and alert.context["bank_name"] == yes.banks.get().name


def test_a_rejection_tells_no_victim(yes, handler):
    holds = victims(yes, handler, ["70000.00", "30000.00"], "50000")
    decide(filed(holds[0], handler), handler, "reject")
    assert not Alert.objects.filter(template_key__in=["restitution_reduced", "restitution_released"]).exists()
    assert FreezeEvent.objects.filter(request=holds[1], kind="grievance").count() == 0


@pytest.mark.parametrize("key", ["restitution_reduced", "restitution_released"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notices_are_seeded_in_every_language_short_and_with_the_helpline(key, language):
    assert set(NOTICES[key]) == set(LANGUAGES)
    template = AlertTemplate.objects.get(key=key, channel="whatsapp", language=language)
    context = base_context(alert_context={"ack_number": "31412260001234", "claimable": "6,000.00",
                                          "bank_name": "Yes Bank"})  # fmt: skip
    body = CompiledTemplate(template).render(context=context, language=language).body
    assert "{{" not in body and "1930" in body and "31412260001234" in body and "Yes Bank" in body
    assert ("6,000.00" in body) == (key == "restitution_reduced")
    assert len(body) < 480


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_victims_grievances_on_one_account_decided_at_once_wait_for_each_other():
    yes, handler = bank_partner("YESB")[0], AttenderFactory()
    holds = victims(yes, handler, ["70000.00", "30000.00"], "50000")
    first, second = filed(holds[0], handler), filed(holds[1], handler)
    results = race([
        lambda: grievance_decide(grievance_id=first.pk, by=handler, decision="reduce", release_amount="10000",
                                 reason="part is wages"),
        lambda: grievance_decide(grievance_id=second.pk, by=handler, decision="reduce", release_amount="20000",
                                 reason="part is rent"),
    ])  # fmt: skip
    assert [type(r).__name__ for r in results] == ["HoldGrievance", "HoldGrievance"]  # no deadlock, both decided
    after = state(holds)
    assert max(h for h, _s, _c in after) == D(20000)  # 50,000 − 10,000 − 20,000, in either order
    assert sum(s for _h, s, _c in after) == D(20000) and [s for _h, s, _c in after] == [D(14000), D(6000)]
