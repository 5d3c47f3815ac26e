"""A freeze request's life: sent → acknowledged → on hold | moved on (the next layer) | not found | rejected;
staff re-send, cancel and add layers by hand; the victim is told when money is put on hold."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.services import consent_record
from accounts.tests.factories import AdminFactory, AttenderFactory
from alerts.models import Alert, Delivery
from alerts.whatsapp import whatsapp_inbound_record
from recovery.models import FreezeRequest
from recovery.resolution import Beneficiary
from recovery.services import (
    FreezeConflict,
    MovedOn,
    freeze_request_acknowledge,
    freeze_request_add_layer,
    freeze_request_answer,
    freeze_request_cancel,
    freeze_request_resend,
    freeze_requests_open,
)
from recovery.tests.factories import bank_partner, complaint_paying

pytestmark = pytest.mark.django_db


@pytest.fixture
def yes_bank():
    return bank_partner("YESB")[0]


@pytest.fixture
def hdfc():
    return bank_partner("HDFC")[0]


@pytest.fixture
def request_(yes_bank):
    complaint = complaint_paying("quickloan@ybl", amount="100000.00", handler=AttenderFactory())
    return freeze_requests_open(complaint_ids=[complaint.pk])[0]


def test_acknowledging_moves_sent_to_acknowledged_once(request_, yes_bank):
    done = freeze_request_acknowledge(request_id=request_.pk, partner=yes_bank, bank_reference="YB-77")
    again = freeze_request_acknowledge(request_id=request_.pk, partner=yes_bank)
    assert (done.status, done.bank_reference) == ("acknowledged", "YB-77")
    assert again.acknowledged_at == done.acknowledged_at
    assert request_.events.filter(kind="acknowledged").count() == 1


def test_another_banks_partner_cannot_touch_the_request(request_, hdfc):
    with pytest.raises(FreezeRequest.DoesNotExist):
        freeze_request_acknowledge(request_id=request_.pk, partner=hdfc)


def told(citizen, locmem_outbox) -> list[str]:
    return [m.body for m in locmem_outbox if m.to == str(citizen.phone)]


@pytest.fixture
def hindi_victim(request_, settings):
    settings.ALERTS_QUIET_HOURS = "00:00-00:00"  # no quiet hours: the test runs at any time of day
    citizen = request_.complaint.citizen
    citizen.language = "hi"
    citizen.save()
    consent_record(citizen=citizen, channel="whatsapp", granted=True, source="complaint")
    whatsapp_inbound_record(phone=str(citizen.phone), at=timezone.now())  # they wrote today: the window is open
    return citizen


def test_money_put_on_hold_ends_the_request_and_tells_the_victim_once_in_their_language(
    request_, yes_bank, hindi_victim, django_capture_on_commit_callbacks, locmem_outbox
):
    freeze_request_acknowledge(request_id=request_.pk, partner=yes_bank)
    with django_capture_on_commit_callbacks(execute=True):
        done, children, unrouted = freeze_request_answer(
            request_id=request_.pk, partner=yes_bank, outcome="on_hold", amount_held=Decimal("60000")
        )
    assert (done.status, done.amount_held, children, unrouted) == ("on_hold", Decimal("60000"), [], [])
    # the first hold opens the restitution case, whose notice tells of it: one message, not two
    [notice] = Alert.objects.filter(kind=Alert.Kind.NOTICE)
    assert notice.template_key == "restitution_held"
    assert notice.audience == {"type": "citizens", "citizen_ids": [hindi_victim.pk]}
    assert notice.context["claimable"] == "60,000.00"
    delivery = Delivery.objects.get(alert=notice)
    assert (delivery.channel, delivery.status) == ("whatsapp", "sent"), (delivery.error_code, delivery.error)
    [body] = told(hindi_victim, locmem_outbox)
    assert "वापस मिल सकते" in body and "60,000.00" in body and request_.ack_number in body

    from recovery.tasks import victim_notify_on_hold_task

    with django_capture_on_commit_callbacks(execute=True):
        victim_notify_on_hold_task(request_.pk)  # the task delivered twice: nothing twice
    assert Alert.objects.filter(kind=Alert.Kind.NOTICE).count() == 1 and len(told(hindi_victim, locmem_outbox)) == 1


def test_a_later_hold_on_an_open_case_gets_its_own_message(
    request_, yes_bank, hdfc, hindi_victim, django_capture_on_commit_callbacks, locmem_outbox
):
    with django_capture_on_commit_callbacks(execute=True):
        _done, [layer2], _ = freeze_request_answer(
            request_id=request_.pk, partner=yes_bank, outcome="moved_on", amount_held=Decimal("10000"),
            moved_on=[MovedOn(Beneficiary("account", account="50100999888777", ifsc="HDFC0004321"), Decimal("70000"))],
        )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        freeze_request_answer(request_id=layer2.pk, partner=hdfc, outcome="on_hold", amount_held=Decimal("70000"))
    keys = list(Alert.objects.filter(kind=Alert.Kind.NOTICE).order_by("pk").values_list("template_key", flat=True))
    assert keys == ["restitution_held", "money_on_hold"]
    later = Alert.objects.get(template_key="money_on_hold")
    assert later.context["amount_held"] == "70,000.00" and later.context["bank_name"] == "HDFC Bank"
    bodies = told(hindi_victim, locmem_outbox)
    assert len(bodies) == 2 and "होल्ड" in bodies[1] and "70,000.00" in bodies[1]


def test_the_hold_notice_respects_consent_and_ignores_caps(request_, yes_bank, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        freeze_request_answer(request_id=request_.pk, partner=yes_bank, outcome="on_hold", amount_held=Decimal("1"))
    delivery = Delivery.objects.get(alert__kind=Alert.Kind.NOTICE, alert__template_key="restitution_held")
    assert (delivery.status, delivery.skip_reason) == ("skipped", "no_consent")


def test_a_two_layer_trail_moved_on_then_held_at_the_next_bank(request_, yes_bank, hdfc):
    done, children, unrouted = freeze_request_answer(
        request_id=request_.pk,
        partner=yes_bank,
        outcome="moved_on",
        amount_held=Decimal("10000"),
        moved_on=[
            MovedOn(
                Beneficiary("account", account="50100999888777", ifsc="HDFC0004321"),
                Decimal("70000"),
                transaction_ref="IMPS123",
            ),
            MovedOn(Beneficiary("upi", upi="mule@unknownpsp"), Decimal("20000")),
        ],
        bank_reference="YB-1",
    )
    assert (done.status, done.amount_held, done.acknowledged_at is not None) == ("moved_on", 10000, True)
    [layer2] = children
    assert (layer2.layer, layer2.parent, layer2.bank.code, layer2.amount) == (2, done, "HDFC", Decimal("70000"))
    assert (layer2.source_bank, layer2.source_account, layer2.transaction_ref) == (
        "Yes Bank",
        "quickloan@ybl",
        "IMPS123",
    )
    assert [entry.beneficiary.upi for entry in unrouted] == ["mule@unknownpsp"]
    assert "bank unknown" in done.events.get(kind="answered").note

    freeze_request_acknowledge(request_id=layer2.pk, partner=hdfc)
    held, _, _ = freeze_request_answer(
        request_id=layer2.pk, partner=hdfc, outcome="on_hold", amount_held=Decimal("70000")
    )
    assert held.status == "on_hold"
    assert sum(r.amount_held for r in FreezeRequest.objects.filter(transaction=request_.transaction)) == Decimal(
        "80000"
    )


@pytest.mark.parametrize("outcome", ["not_found", "rejected"])
def test_not_found_and_rejected_end_the_request_rejected_needs_a_reason(request_, yes_bank, outcome):
    if outcome == "rejected":
        with pytest.raises(ValidationError):
            freeze_request_answer(request_id=request_.pk, partner=yes_bank, outcome="rejected")
    done, _, _ = freeze_request_answer(request_id=request_.pk, partner=yes_bank, outcome=outcome, reason="No such VPA")
    assert (done.status, done.reason, done.amount_held) == (outcome, "No such VPA", 0)


def test_an_answered_request_cannot_be_answered_or_acknowledged_again(request_, yes_bank):
    freeze_request_answer(request_id=request_.pk, partner=yes_bank, outcome="not_found")
    with pytest.raises(FreezeConflict):
        freeze_request_answer(request_id=request_.pk, partner=yes_bank, outcome="on_hold", amount_held=Decimal("1"))
    with pytest.raises(FreezeConflict):
        freeze_request_acknowledge(request_id=request_.pk, partner=yes_bank)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"outcome": "on_hold"}, "amount_held"),
        ({"outcome": "on_hold", "amount_held": Decimal("100000.01")}, "amount_held"),
        ({"outcome": "moved_on"}, "moved_on"),
        ({"outcome": "not_found", "amount_held": Decimal("5")}, "outcome"),
        (
            {
                "outcome": "moved_on",
                "amount_held": Decimal("50000"),
                "moved_on": [MovedOn(Beneficiary("upi", upi="a@ybl"), Decimal("60000"))],
            },
            "moved_on",
        ),
    ],
)
def test_impossible_answers_are_refused_by_field(request_, yes_bank, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        freeze_request_answer(request_id=request_.pk, partner=yes_bank, **kwargs)
    assert field in exc.value.message_dict
    assert FreezeRequest.objects.get(pk=request_.pk).status == "sent"


def test_staff_resend_a_rejected_request_with_fresh_deadlines(request_, yes_bank):
    freeze_request_answer(request_id=request_.pk, partner=yes_bank, outcome="rejected", reason="Need the UTR")
    handler = request_.complaint.handler
    again = freeze_request_resend(request_id=request_.pk, by=handler)
    assert (again.status, again.times_sent, again.reason, again.acknowledged_at) == ("sent", 2, "", None)
    assert again.ack_due_at > request_.ack_due_at


def test_staff_cancel_an_open_request_with_a_reason_and_not_an_answered_one(request_, yes_bank):
    handler = request_.complaint.handler
    with pytest.raises(ValidationError):
        freeze_request_cancel(request_id=request_.pk, by=handler, reason="")
    with pytest.raises(PermissionDenied):
        freeze_request_cancel(request_id=request_.pk, by=AttenderFactory(), reason="not mine")
    done = freeze_request_cancel(request_id=request_.pk, by=handler, reason="Victim got the money back")
    assert done.status == "cancelled"
    with pytest.raises(FreezeConflict):
        freeze_request_cancel(request_id=request_.pk, by=handler, reason="again")
    with pytest.raises(FreezeConflict):
        freeze_request_resend(request_id=request_.pk, by=handler)


def test_an_admin_adds_a_layer_by_hand_after_a_phone_call_with_the_bank(request_):
    child = freeze_request_add_layer(
        parent_id=request_.pk,
        by=AdminFactory(),
        values={"beneficiary_kind": "upi", "beneficiary_upi": "mule2@okaxis"},
        amount=Decimal("30000"),
        transaction_ref="UPI998877",
    )
    assert (child.layer, child.parent_id, child.bank.code, child.status) == (2, request_.pk, "UTIB", "sent")
    with pytest.raises(ValidationError):
        freeze_request_add_layer(
            parent_id=request_.pk,
            by=AdminFactory(),
            values={"beneficiary_kind": "upi", "beneficiary_upi": "x@nobodyknows"},
            amount=Decimal("1"),
        )
