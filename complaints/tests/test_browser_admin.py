"""The admin's complaint page in headless Chromium at 1366 px: the transactions fit, rows read as serials, and an
empty evidence table says so."""

import pytest

from accounts.tests.factories import AdminFactory
from complaints.tests.factories import ComplaintFactory
from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@closes_its_db_connection
def test_the_admin_complaint_page_fits_a_laptop_screen(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    admin = AdminFactory(username="admin_meera")
    complaint = ComplaintFactory(transactions=2)
    complaint.transactions.filter(position=1).update(
        beneficiary_kind="account", beneficiary_account="50100777666555", beneficiary_ifsc="HDFC0001234",
        fraudster_phone="+919812345678", fraudster_website="trade-king.example.com",
    )  # fmt: skip
    log_in(page, live_server.url, admin.username, next_path=f"/admin/complaints/complaint/{complaint.pk}/change/")
    page.wait_for_url(f"**/admin/complaints/complaint/{complaint.pk}/change/")
    page.screenshot(path=str(artifacts_dir / "admin-complaint-1366.png"), full_page=True)

    table = page.locator("#transactions-group table")
    assert table.bounding_box()["width"] <= 1366 - 40, table.bounding_box()
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    rows = page.locator("#transactions-group tbody tr.has_original").all_inner_texts()
    assert rows[0].startswith("Transaction 2.1") and rows[1].startswith("Transaction 2.2"), rows
    assert "Bank account: 50100777666555 · IFSC HDFC0001234" in rows[0]
    assert "+919812345678 · trade-king.example.com" in rows[0]
    assert page.get_by_test_id("no-evidence").is_visible()
