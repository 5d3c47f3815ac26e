"""The restitution dashboard in a browser: on a laptop (1366 px) the header with its "Money back" tab stays on one
line for an admin (the longest header) and the tables sit side by side; on a phone (390 px) nothing is wider than
the screen and the tables stack, every figure labelled."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection
from recovery.tests.test_restitution_dashboard import case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LAPTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


def _cases(handler):
    now = timezone.now()
    case(held="30000.00", returned="30000.00", bank="YESB", district="Pune", wait_days=12,
         opened=now - timedelta(days=40))  # fmt: skip
    case(held="85000.00", returned="20000.00", bank="HDFC", district="Bengaluru Urban", wait_days=21,
         opened=now - timedelta(days=70))  # fmt: skip
    case(held="12500.00", bank="SBIN", district="Pune", opened=now - timedelta(days=86), handler=handler,
         lapses_in=timedelta(days=90))  # fmt: skip
    case(held="46000.00", bank="YESB", district="Nagpur", opened=now, lapses_in=timedelta(days=3), handler=handler)


def _header_on_one_line(page) -> None:
    items = page.locator(".topbar nav > a, .topbar nav > form, .topbar nav > .who").all()
    middles = {round(i.bounding_box()["y"] + i.bounding_box()["height"] / 2) for i in items}
    assert max(middles) - min(middles) <= 4, middles


@closes_its_db_connection
def test_the_dashboard_on_a_laptop_as_an_admin(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size(LAPTOP)
    admin = AdminFactory(username="admin_at_desk")
    _cases(AttenderFactory(username="handler_one"))
    log_in(page, live_server.url, admin.username, next_path="/console/restitution/")
    page.wait_for_url(f"{live_server.url}/console/restitution/")
    _header_on_one_line(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert page.get_by_role("link", name="Money back").get_attribute("aria-current") == "page"
    assert page.get_by_test_id("returned-share").inner_text() == "28.8 %"  # 50,000 of 1,73,500
    assert page.get_by_test_id("lapsing-count").inner_text() == "2"
    banks, districts = page.locator(".rs-grid section").all()
    assert abs(banks.bounding_box()["y"] - districts.bounding_box()["y"]) < 2  # side by side
    page.screenshot(path=str(artifacts_dir / "restitution-dashboard-1366.png"), full_page=True)


@closes_its_db_connection
def test_the_dashboard_on_a_phone_as_an_attender(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size(PHONE)
    handler = AttenderFactory(username="handler_on_phone")
    _cases(handler)
    log_in(page, live_server.url, handler.username, next_path="/console/restitution/")
    page.wait_for_url(f"{live_server.url}/console/restitution/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    row = page.locator("table.stack tbody tr").first
    assert row.locator("td").first.evaluate("e => getComputedStyle(e, '::before').content") == '"Bank"'
    ack = page.locator("a.ack")
    assert ack.count() == 2 and all(a.evaluate("e => e.getClientRects().length") == 1 for a in ack.all())
    page.screenshot(path=str(artifacts_dir / "restitution-dashboard-390.png"), full_page=True)


@closes_its_db_connection
def test_the_header_of_an_admin_stays_on_one_line_on_a_laptop(live_server, browser_page):
    page = browser_page
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server.url, AdminFactory(username="admin_header").username)
    page.wait_for_url(f"{live_server.url}/console/")
    _header_on_one_line(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
