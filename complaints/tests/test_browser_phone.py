"""The console on a phone (390 × 844, as attenders on a shift and police in the field use it): no page is wider
than the screen, the header fits, acknowledgement numbers never wrap, and the work gets done — claim, set
progress, open the money trail."""

import pytest

from accounts.tests.factories import AttenderFactory
from complaints.models import Transaction
from complaints.tests.factories import ComplaintFactory
from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def fits_the_screen(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    # An acknowledgement number is read out to callers: always on one line.
    for box in page.locator("a.ack, .ack-number").all():
        assert box.evaluate("e => e.getClientRects().length") == 1, box.inner_text()
        assert box.evaluate("e => e.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(e).lineHeight)")


@closes_its_db_connection
def test_an_attender_works_a_complaint_from_a_phone(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    attender = AttenderFactory(username="attender_on_shift")
    complaint = ComplaintFactory(name="Ravi Kumar", district="Pune", transactions=2)
    Transaction.objects.filter(complaint=complaint, position=1).update(
        beneficiary_kind="upi", beneficiary_upi="quickloan.help@ybl"
    )

    log_in(page, live_server.url, attender.username)
    page.wait_for_url(f"{live_server.url}/console/")
    fits_the_screen(page, PHONE["width"])
    page.screenshot(path=str(artifacts_dir / "phone-1-queue.png"), full_page=True)

    page.goto(f"{live_server.url}/console/unassigned/")
    fits_the_screen(page, PHONE["width"])
    page.screenshot(path=str(artifacts_dir / "phone-2-unassigned.png"), full_page=True)
    claim = page.get_by_role("button", name=f"Claim {complaint.ack_number}")
    claim.scroll_into_view_if_needed()
    box = claim.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box  # on the screen, not cut off
    claim.click()

    page.wait_for_url(f"**/console/complaints/{complaint.pk}/**")
    fits_the_screen(page, PHONE["width"])
    page.screenshot(path=str(artifacts_dir / "phone-3-complaint.png"), full_page=True)
    progress = page.get_by_label("Progress of transaction 1")
    progress.scroll_into_view_if_needed()
    progress.select_option("reported_to_bank")
    set_button = page.locator("form.progress-form").first.get_by_role("button", name="Set")
    box = set_button.bounding_box()
    assert box["x"] + box["width"] <= PHONE["width"], box
    set_button.click()
    page.wait_for_load_state()
    assert Transaction.objects.get(complaint=complaint, position=1).progress == "reported_to_bank"

    page.goto(f"{live_server.url}/console/search/?q={complaint.ack_number}")
    fits_the_screen(page, PHONE["width"])
    page.screenshot(path=str(artifacts_dir / "phone-4-search.png"), full_page=True)

    page.goto(f"{live_server.url}/console/money-trail/")
    fits_the_screen(page, PHONE["width"])
    page.screenshot(path=str(artifacts_dir / "phone-5-money-trail.png"), full_page=True)


@closes_its_db_connection
def test_the_header_stays_on_one_line_on_a_laptop(live_server, browser_page):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, live_server.url, AttenderFactory(username="attender_at_desk").username)
    page.wait_for_url(f"{live_server.url}/console/")
    links = page.locator(".topbar nav > a, .topbar nav > form, .topbar nav > .who").all()
    tops = {round(item.bounding_box()["y"] + item.bounding_box()["height"] / 2) for item in links}
    assert max(tops) - min(tops) <= 4, tops  # every item's middle on one line
    fits_the_screen(page, 1366)
