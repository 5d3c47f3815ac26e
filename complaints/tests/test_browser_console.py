"""The console in headless Chromium: an attender works a complaint, an admin filters the complaint list."""

import pytest

from accounts.tests.factories import AdminFactory, AttenderFactory
from complaints.models import Complaint
from complaints.services import complaint_pdf_attach
from complaints.tests.factories import ComplaintFactory
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"  # the staff factories' password


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def log_in(page, base_url, username, next_path="/console/", screenshot=None):
    page.goto(f"{base_url}/console/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    if screenshot:
        page.screenshot(path=str(screenshot))
    page.get_by_role("button", name="Log in").click()


@closes_its_db_connection
def test_attender_logs_in_claims_works_and_downloads_the_pdf(live_server, browser_page, artifacts_dir, media):
    page = browser_page
    attender = AttenderFactory(username="attender_asha")
    ComplaintFactory(handler=AttenderFactory(), transactions=1)  # a colleague's case: never shown
    complaint = ComplaintFactory(name="Ravi Kumar", district="Pune", transactions=2)
    complaint_pdf_attach(complaint=complaint)

    log_in(page, live_server.url, attender.username, screenshot=artifacts_dir / "console-0-login.png")
    page.wait_for_url(f"{live_server.url}/console/")
    assert page.get_by_role("heading", name="My queue").is_visible()
    page.screenshot(path=str(artifacts_dir / "console-1-my-queue-empty.png"), full_page=True)

    page.get_by_role("link", name="Unassigned", exact=True).click()
    page.get_by_role("heading", name="Unassigned complaints").wait_for()
    page.screenshot(path=str(artifacts_dir / "console-2-unassigned.png"), full_page=True)
    page.get_by_role("button", name=f"Claim {complaint.ack_number}").click()

    page.wait_for_url(f"{live_server.url}/console/complaints/{complaint.pk}/?from=queue")
    assert page.get_by_text(f"Complaint {complaint.ack_number} is now yours.").is_visible()
    page.screenshot(path=str(artifacts_dir / "console-3-claimed.png"), full_page=True)

    page.get_by_label("New status").select_option("in_progress")
    page.get_by_label("Note (kept in the history)").fill("Called the victim; bank informed.")
    page.get_by_role("button", name="Save status").click()
    page.get_by_text("is now In progress").wait_for()
    assert page.locator("ol.history").get_by_text("Pending → In progress").is_visible()
    page.screenshot(path=str(artifacts_dir / "console-4-in-progress.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"{complaint.ack_number}.pdf"
    saved = artifacts_dir / "console-downloaded.pdf"
    download.save_as(str(saved))
    assert saved.read_bytes().startswith(b"%PDF")

    complaint.refresh_from_db()
    assert (complaint.handler, complaint.status) == (attender, Complaint.Status.IN_PROGRESS)


@closes_its_db_connection
def test_admin_opens_the_complaint_list_and_filters_it(live_server, browser_page, artifacts_dir):
    page = browser_page
    admin = AdminFactory(username="admin_meera")
    handler = AttenderFactory(username="attender_kiran")
    working = ComplaintFactory(name="Sunita Devi", handler=handler, status=Complaint.Status.IN_PROGRESS, transactions=2)
    waiting = ComplaintFactory(name="Arjun Nair", district="Kochi", transactions=1)
    page.set_viewport_size({"width": 1440, "height": 900})  # a supervisor's desk screen

    log_in(page, live_server.url, admin.username, next_path="/admin/complaints/complaint/")
    page.wait_for_url(f"{live_server.url}/admin/complaints/complaint/")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 2
    page.screenshot(path=str(artifacts_dir / "admin-1-complaint-list.png"), full_page=True)

    with page.expect_navigation():
        page.locator("#changelist-filter").get_by_role("link", name="In progress", exact=True).click()
    assert "status__exact=in_progress" in page.url
    assert rows.count() == 1
    assert page.locator("#result_list").get_by_text(working.ack_number).is_visible()
    assert page.locator("#result_list").get_by_text(waiting.ack_number).count() == 0
    page.screenshot(path=str(artifacts_dir / "admin-2-filtered-in-progress.png"), full_page=True)

    page.locator("#result_list").get_by_role("link", name=working.ack_number).click()
    page.get_by_text("Transactions").first.wait_for()
    page.screenshot(path=str(artifacts_dir / "admin-3-complaint.png"), full_page=True)
