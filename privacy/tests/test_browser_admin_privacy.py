"""The breach register and the data principal request queue in the admin, in headless Chromium at 1366 px and on a
phone (390 px): the clocks and due times are on screen, no page is wider than the screen (the admin's own result
table scrolls inside its box), and the decisions (notify the citizens, erase keeping what a hold needs) are there."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.tests.factories import AdminFactory, CitizenFactory
from complaints.tests.test_browser_console import log_in
from privacy import services
from privacy.models import Breach, DataRequest, LegalHold
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = (1366, 390)


def _seed():
    citizen = CitizenFactory(phone="+919876543210", language="hi")  # affected: on record during the breach
    now = timezone.now()
    breach = Breach.objects.create(
        title="Export of the complaint table found on a file-sharing site",
        description="A CSV export with phone numbers and amounts was found on a public link.",
        suspected_at=now - timedelta(hours=2),
        incident_kind=Breach.Incident.DATA_LEAK,
        data_kinds=["contact", "complaints"],
        affected_from=now - timedelta(days=3),
        affected_to=now,
    )
    LegalHold.objects.create(citizen=citizen, reason="Order of the Pune cyber police station", reference="CR-114/2026")
    erasure = services.request_open(citizen=citizen, kind=DataRequest.Kind.ERASURE, channel="whatsapp", language="hi")
    return breach, erasure


def _local(when) -> str:
    return timezone.localtime(when).strftime("%d-%m-%Y %H:%M")


def fits_the_screen(page, width: int) -> None:
    """Nothing makes the page scroll sideways; a result table wider than a phone scrolls inside its own box."""
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url
    overflowing = page.evaluate(
        """w => [...document.querySelectorAll('body *')].filter(e => {
               const r = e.getBoundingClientRect();
               if (r.width === 0 || r.right <= w + 1) return false;
               for (let p = e.parentElement; p; p = p.parentElement) {
                   const o = getComputedStyle(p).overflowX;
                   if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= w + 1)
                       return false;
               }
               return true;
           }).map(e => e.tagName + '#' + e.id + '.' + e.className)""",
        width,
    )
    assert overflowing == [], (page.url, overflowing)


@closes_its_db_connection
@pytest.mark.parametrize("width", WIDTHS)
def test_the_breach_register_shows_its_clocks_and_the_notify_decision(live_server, browser_page, artifacts_dir, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    admin = AdminFactory(username="admin_dpo")
    breach, _ = _seed()
    log_in(page, live_server.url, admin.username, next_path="/admin/privacy/breach/")
    page.wait_for_url("**/admin/privacy/breach/")
    page.screenshot(path=str(artifacts_dir / f"admin-breach-list-{width}.png"), full_page=True)
    fits_the_screen(page, width)
    row = page.locator("#result_list tbody tr").first
    assert "due " in row.locator("td.field-board_due").inner_text()
    assert "due " in row.locator("td.field-cert_in_due").inner_text()
    assert page.locator("select[name=action] option[value=notify_citizens]").count() == 1

    row.locator("input[name=_selected_action]").check()
    page.select_option("select[name=action]", "notify_citizens")
    page.get_by_role("button", name="Go").click()
    confirm = page.get_by_role("button", name="Yes, queue the notice")
    confirm.wait_for()
    page.screenshot(path=str(artifacts_dir / f"admin-breach-notify-{width}.png"), full_page=True)
    fits_the_screen(page, width)
    box = confirm.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert page.get_by_text("1 citizen will get this notice").is_visible()
    assert page.get_by_role("heading", name="Hindi — 1").is_visible()
    assert "आपका कुछ डेटा" in page.locator("pre").inner_text()  # the Hindi notice the citizen would get
    assert Breach.objects.get().citizens_notified_at is None  # only a preview so far

    page.goto(f"{live_server.url}/admin/privacy/breach/{breach.pk}/change/")
    page.screenshot(path=str(artifacts_dir / f"admin-breach-change-{width}.png"), full_page=True)
    fits_the_screen(page, width)
    cert_in, board = page.locator(".field-cert_in_due .readonly"), page.locator(".field-board_due .readonly")
    assert cert_in.inner_text() == "due " + _local(breach.suspected_at + timedelta(hours=6))
    assert board.inner_text() == "due " + _local(breach.suspected_at + timedelta(hours=72))
    assert cert_in.is_visible() and board.is_visible()
    assert page.get_by_text("Affected data kinds").is_visible()


@closes_its_db_connection
@pytest.mark.parametrize("width", WIDTHS)
def test_the_request_queue_shows_due_times_holds_and_the_erase_decision(
    live_server, browser_page, artifacts_dir, width
):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    admin = AdminFactory(username="admin_dpo")
    _, erasure = _seed()
    late = services.request_open(citizen=CitizenFactory(), kind=DataRequest.Kind.CORRECTION, channel="sms",
                                 language="en")  # fmt: skip
    DataRequest.objects.filter(pk=late.pk).update(due_at=timezone.now() - timedelta(days=1))
    log_in(page, live_server.url, admin.username, next_path="/admin/privacy/datarequest/")
    page.wait_for_url("**/admin/privacy/datarequest/")
    page.screenshot(path=str(artifacts_dir / f"admin-datarequest-list-{width}.png"), full_page=True)
    fits_the_screen(page, width)
    assert page.locator("select[name=action] option[value=erase]").count() == 1
    overdue = page.locator("#result_list td.field-overdue").all_inner_texts()
    assert overdue == ["overdue", "—"], overdue  # the late correction first (by due time), the erasure in time

    due = page.locator("#result_list tbody tr .field-due_at").nth(1)
    assert due.is_visible() and due.bounding_box()["x"] + due.bounding_box()["width"] <= width  # no scrolling
    assert timezone.localtime(erasure.due_at).strftime("%-d %b %Y, %H:%M") in due.inner_text()

    page.goto(f"{live_server.url}/admin/privacy/datarequest/{erasure.pk}/change/")
    page.screenshot(path=str(artifacts_dir / f"admin-datarequest-change-{width}.png"), full_page=True)
    fits_the_screen(page, width)
    assert "Order of the Pune cyber police station" in page.locator(".field-holds .readonly").inner_text()
    erase = page.get_by_test_id("erase-now")
    box = erase.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    erase.click()
    page.get_by_text("1 erasure request(s) done.").wait_for()
    page.screenshot(path=str(artifacts_dir / f"admin-datarequest-erased-{width}.png"), full_page=True)
    fits_the_screen(page, width)
    erasure.refresh_from_db()
    assert erasure.status == DataRequest.Status.DONE and erasure.citizen is not None  # the hold keeps the citizen
    assert [h["reason"] for h in erasure.held] == ["Order of the Pune cyber police station"]
    assert "Order of the Pune cyber police station" in page.locator(".field-holds .readonly").inner_text()
    assert page.get_by_test_id("erase-now").count() == 0  # answered: nothing more to decide
