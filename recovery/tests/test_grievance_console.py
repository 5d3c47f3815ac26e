"""The wrongly frozen on the console: the handler records a grievance from the restitution card, an uphold is
previewed and confirmed before the hold is lifted, a rejection is direct; someone who cannot work the complaint
gets 404 (an attender) or 403 (not staff); every step is audited."""

from decimal import Decimal

import pytest
from django.test import TestCase

from accounts.models import AuditEntry
from accounts.tests.factories import AttenderFactory
from recovery.models import FreezeRequest, HoldGrievance
from recovery.services import freeze_request_add_layer, freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner
from recovery.tests.test_grievances import _linked_pair, held
from recovery.tests.test_restitution_console import held_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def handler(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return AttenderFactory()


def record(client, complaint, hold, **fields):
    data = {"grievance-freeze_request": hold.pk, "grievance-holder_name": "Meena Rao",
            "grievance-holder_contact": "+919812345678", "grievance-statement": "My wages were credited.",
            "grievance-documents": "salary slip"}  # fmt: skip
    return client.post(f"/console/complaints/{complaint.pk}/grievances/", {**data, **fields}, follow=True)


def decide(client, complaint, grievance, decision, **fields):
    data = {"decide-decision": decision, "decide-reason": "Payslips show wages.", **fields}
    return client.post(f"/console/complaints/{complaint.pk}/grievances/{grievance.pk}/decide/", data, follow=True)


def test_the_handler_records_a_grievance_and_an_uphold_is_confirmed_before_the_hold_is_lifted(client, handler):
    complaint, case = held_case("30000.00", handler)
    hold = case.holds.get().freeze_request
    client.force_login(handler)
    page = client.get(f"/console/complaints/{complaint.pk}/").content.decode()
    assert 'id="grievances"' in page and "Record a grievance" in page
    assert "Weaker evidence" not in page
    recorded = record(client, complaint, hold).content.decode()
    assert "The grievance was recorded." in recorded and "Meena Rao" in recorded and "Decide by" in recorded
    grievance = HoldGrievance.objects.get()
    preview = decide(client, complaint, grievance, "lift").content.decode()
    assert "Lift this hold?" in preview and "30,000.00" in preview and 'name="confirmed"' in preview
    assert HoldGrievance.objects.get().status == "received" and FreezeRequest.objects.get(pk=hold.pk).amount_held
    with TestCase.captureOnCommitCallbacks(execute=True):
        done = decide(client, complaint, grievance, "lift", confirmed="yes").content.decode()
    assert "The grievance was decided" in done
    assert (HoldGrievance.objects.get().status, FreezeRequest.objects.get(pk=hold.pk).status) == ("upheld", "lifted")
    actions = list(AuditEntry.objects.filter(user=handler).values_list("action", "objects_ref"))
    assert actions == [("grievance_decide", f"complaint={complaint.pk} hold_grievance={grievance.pk}"),
                       ("grievance_record", f"complaint={complaint.pk} hold_grievance={grievance.pk}")]  # fmt: skip


def test_a_reduction_is_previewed_with_what_stays_held_and_a_bad_amount_is_refused(client, handler):
    complaint, case = held_case("30000.00", handler)
    client.force_login(handler)
    record(client, complaint, case.holds.get().freeze_request)
    grievance = HoldGrievance.objects.get()
    bad = decide(client, complaint, grievance, "reduce", **{"decide-release_amount": "30000"}).content.decode()
    assert "less than the ₹30000.00 held" in bad
    preview = decide(client, complaint, grievance, "reduce", **{"decide-release_amount": "10000"}).content.decode()
    assert "Reduce this hold?" in preview and "20,000.00" in preview
    decide(client, complaint, grievance, "reduce", confirmed="yes", **{"decide-release_amount": "10000"})
    assert HoldGrievance.objects.get().lien_after == Decimal("20000")


def test_a_rejection_is_direct_and_needs_a_reason(client, handler):
    complaint, case = held_case("30000.00", handler)
    client.force_login(handler)
    record(client, complaint, case.holds.get().freeze_request)
    grievance = HoldGrievance.objects.get()
    assert (
        "Check the decision" in decide(client, complaint, grievance, "reject", **{"decide-reason": ""}).content.decode()
    )
    page = decide(client, complaint, grievance, "reject").content.decode()
    assert "The grievance was decided" in page and HoldGrievance.objects.get().status == "rejected"
    again = decide(client, complaint, grievance, "lift").content.decode()
    assert "Rejected already" in again or "is Rejected already" in again


def test_who_cannot_work_the_complaint_gets_404_or_403(client, handler):
    complaint, case = held_case("30000.00", handler)
    hold = case.holds.get().freeze_request
    client.force_login(AttenderFactory())
    assert record(client, complaint, hold).status_code == 404
    assert not HoldGrievance.objects.exists()
    client.force_login(handler)
    record(client, complaint, hold)
    grievance = HoldGrievance.objects.get()
    client.force_login(AttenderFactory())
    assert decide(client, complaint, grievance, "reject").status_code == 404
    client.logout()
    assert client.post(f"/console/complaints/{complaint.pk}/grievances/").status_code == 302  # to the login
    assert HoldGrievance.objects.get().status == "received"


def test_the_card_flags_a_hold_reached_only_through_another_complaint(client, handler):
    yes = bank_partner("YESB")[0]
    a, b = _linked_pair(handler)
    held(a, yes, "40000")
    first = FreezeRequest.objects.get(complaint=a)
    linked = freeze_request_add_layer(parent_id=first.pk, by=handler, amount=Decimal(9000),
                                      values={"beneficiary_kind": "upi", "beneficiary_upi": "other@ybl"})  # fmt: skip
    with TestCase.captureOnCommitCallbacks(execute=True):
        freeze_request_answer(request_id=linked.pk, partner=yes, outcome="on_hold", amount_held=Decimal(9000))
    client.force_login(handler)
    page = client.get(f"/console/complaints/{a.pk}/").content.decode()
    assert page.count('class="badge weaker-badge"') == 2 and b.ack_number in page  # the card and the trail
    trail = _section(page, 'id="money-trail"')
    assert trail.count('class="badge weaker-badge"') == 1 and trail.count('class="weaker-note"') == 1
    layer = trail[: trail.index('class="badge weaker-badge"')]
    assert layer[layer.rindex('data-layer="') :].startswith('data-layer="2"')  # on the linked layer's node


def _section(page: str, marker: str) -> str:
    start = page.index(marker)
    return page[start : page.index("</section>", start)]


def test_the_money_trail_flags_a_weaker_layer_before_anything_is_held(client, handler):
    a, b = _linked_pair(handler)
    first = freeze_requests_open(complaint_ids=[a.pk])[0]
    freeze_request_add_layer(parent_id=first.pk, by=handler, amount=Decimal(9000),
                             values={"beneficiary_kind": "upi", "beneficiary_upi": "other@ybl"})  # fmt: skip
    freeze_request_add_layer(parent_id=first.pk, by=handler, amount=Decimal(100),
                             values={"beneficiary_kind": "upi", "beneficiary_upi": "fresh@ybl"})  # fmt: skip
    client.force_login(handler)
    page = client.get(f"/console/complaints/{a.pk}/").content.decode()
    trail = _section(page, 'id="money-trail"')
    assert trail.count('class="badge weaker-badge"') == 1  # the linked layer only, not the victim's or fresh@ybl
    note = trail[trail.index('class="weaker-note"') :]
    assert b.ack_number in note[: note.index("</p>")] and "only through another complaint" in note


def test_the_uphold_preview_says_the_other_victims_on_the_account_follow(client, handler):
    from recovery.tests.factories import complaint_paying

    yes = bank_partner("YESB")[0]
    asha, ravi = (complaint_paying("mule@ybl", amount=a, handler=handler) for a in ("70000.00", "30000.00"))
    held(asha, yes, "50000")
    hold = held(ravi, yes, "30000")
    client.force_login(handler)
    record(client, ravi, hold)
    grievance = HoldGrievance.objects.get()
    page = decide(client, ravi, grievance, "reduce", **{"decide-release_amount": "20000"}).content.decode()
    assert "₹50,000.00" in page and "₹30,000.00" in page  # held on the account; what stays held
    assert "held for 1 other victim too" in page
    assert FreezeRequest.objects.get(pk=hold.pk).amount_held == Decimal(30000)  # nothing done before the confirm
