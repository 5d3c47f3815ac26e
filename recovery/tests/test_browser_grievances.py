"""The grievances on the restitution card, in a browser at 1366 px and 390 px: a hold reached only through another
complaint flagged as weaker evidence, a waiting and a decided grievance, the decide form and the uphold preview;
the page never wider than the screen."""

from decimal import Decimal

import pytest

from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection
from recovery.grievances import grievance_decide, grievance_record
from recovery.models import FreezeRequest
from recovery.services import freeze_request_add_layer, freeze_request_answer
from recovery.tests.factories import bank_partner
from recovery.tests.test_grievances import _linked_pair, held

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _complaint_with_grievances():
    from accounts.tests.factories import AttenderFactory

    handler = AttenderFactory(username="grievance_handler")
    yes = bank_partner("YESB")[0]
    a, _b = _linked_pair(handler)
    first = held(a, yes, "40000")
    linked = freeze_request_add_layer(parent_id=first.pk, by=handler, amount=Decimal(9000),
                                      values={"beneficiary_kind": "upi", "beneficiary_upi": "other@ybl"})  # fmt: skip
    freeze_request_answer(request_id=linked.pk, partner=yes, outcome="on_hold", amount_held=Decimal(9000))
    grievance_record(freeze_request_id=linked.pk, holder_name="Meena Rao", holder_contact="+919812345678",
                     statement="This is my shop's current account; the ₹9,000 was a customer's payment for goods.",
                     documents="GST invoice 1182\nshop licence", partner=yes)  # fmt: skip
    decided = grievance_record(freeze_request_id=first.pk, holder_name="Kiran Shah", holder_contact="kiran@example.in",
                               statement="Part of this money is my salary.", by=handler)  # fmt: skip
    grievance_decide(grievance_id=decided.pk, by=handler, decision="reduce", release_amount="15000",
                     reason="Salary credits of ₹15,000 shown on the statement.")  # fmt: skip
    return handler, a


@pytest.mark.parametrize(("width", "name"), [(1366, "desktop"), (390, "phone")])
@closes_its_db_connection
def test_the_grievances_on_the_restitution_card(live_server, browser_page, artifacts_dir, width, name):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    handler, complaint = _complaint_with_grievances()
    log_in(page, live_server.url, handler.username)
    page.wait_for_url(f"{live_server.url}/console/")
    page.goto(f"{live_server.url}/console/complaints/{complaint.pk}/#grievances")
    card = page.locator("#restitution")
    card.scroll_into_view_if_needed()
    assert card.locator(".weaker-badge").count() == 2  # on the hold and on its grievance
    for details in card.locator("#grievances details").all():
        details.evaluate("e => e.open = true")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card.screenshot(path=str(artifacts_dir / f"{name}-grievances-card.png"))

    form = card.locator("form.decide-form").first
    form.locator("select").select_option("lift")
    form.locator("textarea").fill("GST invoices show the payment was for goods.")
    form.locator("button").click()
    page.wait_for_selector(".grievance-confirm")
    assert "Lift this hold?" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(artifacts_dir / f"{name}-grievance-confirm.png"), full_page=True)
    page.locator(".confirm-actions button").click()
    page.wait_for_url(f"**/console/complaints/{complaint.pk}/#grievances")
    assert FreezeRequest.objects.filter(complaint=complaint, status="lifted").count() == 1
