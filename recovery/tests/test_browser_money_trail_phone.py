"""The money trail card on a phone (390 px): account and IFSC labelled, a hyphenated UPI ID never broken at its
hyphen, the page no wider than the screen; a non-handler sees the DOB and father's name masked and is not told to
fill in a form they do not have."""

import pytest

from accounts.tests.factories import AttenderFactory
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection
from recovery.services import freeze_requests_open

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
HYPHENATED = "quick-loan-refund-helpdesk-support-india-2026@ybl"


@closes_its_db_connection
def test_the_money_trail_card_on_a_phone(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    handler, other = AttenderFactory(username="trail_handler"), AttenderFactory(username="trail_other")
    complaint = ComplaintFactory(handler=handler, father_name="Ramesh Kumar", transactions=0)
    TransactionFactory(complaint=complaint, position=1, beneficiary_kind="upi", beneficiary_upi=HYPHENATED)
    TransactionFactory(
        complaint=complaint,
        position=2,
        beneficiary_kind="account",
        beneficiary_account="30112233445566",
        beneficiary_ifsc="SBIN0000691",
    )
    freeze_requests_open(complaint_ids=[complaint.pk])
    unknown = ComplaintFactory(father_name="Suresh Rao", transactions=1)  # unassigned; where the money went unknown

    log_in(page, live_server.url, handler.username)
    page.wait_for_url(f"{live_server.url}/console/")
    page.goto(f"{live_server.url}/console/complaints/{complaint.pk}/#money-trail")
    card = page.locator("#money-trail")
    card.scroll_into_view_if_needed()
    upi = card.locator(".payee", has_text=HYPHENATED)
    assert upi.evaluate("e => e.getClientRects().length") == 1
    assert upi.evaluate("e => e.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(e).lineHeight)")
    assert card.locator(".payee-part", has_text="Account").inner_text().split() == ["Account", "30112233445566"]
    assert card.locator(".payee-part", has_text="IFSC").inner_text().split() == ["IFSC", "SBIN0000691"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    card.screenshot(path=str(artifacts_dir / "phone-money-trail-card.png"))

    page.context.clear_cookies()
    log_in(page, live_server.url, other.username)
    page.wait_for_url(f"{live_server.url}/console/")
    page.goto(f"{live_server.url}/console/complaints/{unknown.pk}/")
    body = page.locator("body").inner_text()
    assert "Suresh Rao" not in body and "S*** R***" in body and "XX-XX-XXXX" in body
    assert "where the money went is not known" in body and "Fill it in above" not in body
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
