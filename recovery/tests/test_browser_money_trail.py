"""The money trail in headless Chromium: the handler sees the tree of freeze requests (layers, banks, states,
amounts held, deadlines), adds a layer by hand, and opens the money-trail dashboard."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import AttenderFactory
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from pytest_fraudsafe import closes_its_db_connection
from recovery.models import FreezeRequest
from recovery.resolution import Beneficiary
from recovery.services import MovedOn, freeze_request_acknowledge, freeze_request_answer, freeze_requests_open
from recovery.tests.factories import bank_partner

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def a_worked_trail(handler):
    """Two transactions: one whose money moved on from Yes Bank to HDFC (held there in part) and on again, one
    still waiting for SBI's acknowledgement past its deadline."""
    yes, hdfc = bank_partner("YESB")[0], bank_partner("HDFC")[0]
    complaint = ComplaintFactory(handler=handler, name="Ravi Kumar", district="Pune")
    TransactionFactory(
        complaint=complaint,
        position=1,
        amount=Decimal("185000"),
        beneficiary_kind="upi",
        beneficiary_upi="quickloan@ybl",
    )
    TransactionFactory(
        complaint=complaint,
        position=2,
        amount=Decimal("40000"),
        beneficiary_kind="account",
        beneficiary_account="30112233445566",
        beneficiary_ifsc="SBIN0000691",
    )
    early = timezone.now() - timedelta(minutes=50)
    first, second = freeze_requests_open(complaint_ids=[complaint.pk], now=early)
    freeze_request_acknowledge(request_id=first.pk, partner=yes, now=early + timedelta(minutes=6))
    _, [layer2], _ = freeze_request_answer(
        request_id=first.pk,
        partner=yes,
        outcome="moved_on",
        amount_held=Decimal("15000"),
        moved_on=[MovedOn(Beneficiary("account", account="50100999888777", ifsc="HDFC0004321"), Decimal("170000"))],
        now=early + timedelta(minutes=21),
    )
    freeze_request_acknowledge(request_id=layer2.pk, partner=hdfc, now=early + timedelta(minutes=30))
    freeze_request_answer(
        request_id=layer2.pk,
        partner=hdfc,
        outcome="moved_on",
        amount_held=Decimal("120000"),
        moved_on=[MovedOn(Beneficiary("upi", upi="mule2@okaxis"), Decimal("50000"))],
        now=early + timedelta(minutes=44),
    )
    return complaint


@closes_its_db_connection
def test_the_handler_follows_the_money_trail_and_adds_a_layer(live_server, browser_page, artifacts_dir, settings):
    settings.MEDIA_ROOT = artifacts_dir / "media-money-trail"
    page = browser_page
    handler = AttenderFactory(username="attender_meera")
    complaint = a_worked_trail(handler)

    page.goto(f"{live_server.url}/console/login/?next=/console/complaints/{complaint.pk}/")
    page.get_by_label("Username").fill(handler.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/console/complaints/{complaint.pk}/")

    trail = page.locator("#money-trail")
    trail.wait_for()
    assert trail.locator("li.node").count() == 4  # Yes Bank → HDFC → Axis, and SBI
    assert trail.locator("li.node[data-layer='3']").get_by_text("Axis Bank").is_visible()
    assert trail.get_by_text("Overdue: not acknowledged").is_visible()  # SBI, sent 50 minutes ago
    assert trail.get_by_text("₹1,35,000.00 on hold").is_visible()
    trail.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / "money-trail-1-tree.png"), full_page=True)

    sbi = trail.locator("li.node", has_text="State Bank of India")
    sbi.get_by_text("Add a layer").click()
    sbi.get_by_label("Moved on to").select_option("upi")
    sbi.get_by_label("UPI ID, account number or wallet").fill("cashout@paytm")
    sbi.get_by_label("Amount moved on (₹)").fill("40000")
    sbi.get_by_role("button", name="Send a request for this layer").click()
    page.get_by_text("A request for the next layer was sent.").wait_for()
    assert FreezeRequest.objects.filter(complaint=complaint, layer=2, bank__code="PYTM").exists()
    page.locator("#money-trail").screenshot(path=str(artifacts_dir / "money-trail-2-layer-added.png"))

    sbi_node = page.locator("#money-trail li.node", has_text="State Bank of India")
    cancel = sbi_node.locator("summary", has_text="Cancel").first
    assert cancel.evaluate("e => getComputedStyle(e).color") == "rgb(179, 92, 0)"  # Cancel is a warning (22.8)
    cancel.click()
    button = page.get_by_role("button", name="Cancel this request").first
    assert button.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 244, 229)"
    assert button.evaluate("e => getComputedStyle(e).color") == "rgb(179, 92, 0)"

    page.get_by_role("link", name="Money trail", exact=True).click()
    page.get_by_role("heading", name="Money trail").wait_for()
    assert page.get_by_text("Amount reported").is_visible()
    assert page.locator("table").first.get_by_text("Yes Bank").is_visible()
    page.screenshot(path=str(artifacts_dir / "money-trail-3-dashboard.png"), full_page=True)
