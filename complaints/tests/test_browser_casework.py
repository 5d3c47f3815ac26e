"""An attender's day in headless Chromium: the priority queue and take next, search from the header, notes and a
hand-over at the end of the shift (screenshots under test-artifacts/)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.tests.factories import AttenderFactory, CitizenFactory
from complaints.models import Complaint
from complaints.tests.factories import ComplaintFactory, TransactionFactory
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"  # the staff factories' password


def log_in(page, base_url, username):
    page.goto(f"{base_url}/console/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base_url}/console/")


def filed(*, name, hours_ago, amounts, created_hours_ago, district="Pune", **kwargs):
    moment = timezone.localtime(timezone.now() - dt.timedelta(hours=hours_ago)).replace(second=0, microsecond=0)
    complaint = ComplaintFactory(
        name=name,
        district=district,
        created_at=timezone.now() - dt.timedelta(hours=created_hours_ago),
        latest_transaction_at=moment,
        **kwargs,
    )
    for position, amount in enumerate(amounts, start=1):
        TransactionFactory(
            complaint=complaint, position=position, amount=Decimal(amount), date=moment.date(), time=moment.time()
        )
    return complaint


@closes_its_db_connection
def test_the_priority_queue_and_take_next(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    attender = AttenderFactory(username="attender1")
    filed(name="Old Small", hours_ago=120, amounts=["4000"], created_hours_ago=30)
    urgent = filed(name="Golden Hour", hours_ago=0.6, amounts=["150000", "35000"], created_hours_ago=0.5)
    filed(name="Yesterday Big", hours_ago=20, amounts=["900000"], created_hours_ago=18, district="Bengaluru Urban")

    log_in(page, live_server.url, attender.username)
    page.get_by_role("link", name="Unassigned", exact=True).click()
    page.get_by_role("heading", name="Unassigned complaints").wait_for()
    rows = page.get_by_test_id("queue-row")
    assert rows.count() == 3
    assert "Golden Hour" in rows.nth(0).inner_text() and "Urgent" in rows.nth(0).inner_text()
    assert "golden hour: money left" in rows.nth(0).inner_text()
    page.screenshot(path=str(artifacts_dir / "casework-1-priority-queue.png"), full_page=True)

    with page.expect_navigation():
        page.get_by_role("link", name="oldest first").click()
    assert page.url.endswith("order=age")
    assert "Old Small" in page.get_by_test_id("queue-row").nth(0).inner_text()

    page.get_by_role("button", name="Take next").click()
    page.wait_for_url(f"{live_server.url}/console/complaints/{urgent.pk}/?from=queue")
    assert page.get_by_text(f"Complaint {urgent.ack_number} is now yours.").is_visible()
    assert page.get_by_role("link", name="My queue", exact=True).get_attribute("aria-current") == "page"
    page.screenshot(path=str(artifacts_dir / "casework-2-taken-next.png"), full_page=True)


@closes_its_db_connection
def test_search_from_the_header_by_number_and_by_phone(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size({"width": 1440, "height": 900})
    attender = AttenderFactory(username="attender1")
    colleague = AttenderFactory(username="attender2")
    theirs = filed(
        name="Complaint Caller",
        hours_ago=5,
        amounts=["48000"],
        created_hours_ago=4,
        handler=colleague,
        mobile="9812345678",
        citizen=CitizenFactory(phone="+919812345678"),
    )
    filed(name="Another Complaint", hours_ago=30, amounts=["1200"], created_hours_ago=20)
    filed(name="Third Complaint", hours_ago=50, amounts=["7200"], created_hours_ago=40)

    log_in(page, live_server.url, attender.username)
    page.get_by_label("Find a complaint").fill(theirs.ack_number.lower())
    page.get_by_role("button", name="Find").click()
    page.get_by_role("heading", name=theirs.ack_number).wait_for()
    assert page.get_by_text("attender2 handles this complaint").is_visible()
    assert "9812345678" not in page.content()  # masked: not this attender's complaint
    assert page.get_by_role("link", name="← Search results").is_visible()
    page.screenshot(path=str(artifacts_dir / "casework-3-found-by-ack.png"), full_page=True)

    page.get_by_label("Find a complaint").fill("98123 45678")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("heading", name=theirs.ack_number).wait_for()

    page.get_by_label("Find a complaint").fill("Complaint")
    page.get_by_role("button", name="Find").click()
    page.get_by_role("heading", name="Find a complaint").wait_for()
    assert page.get_by_test_id("queue-row").count() == 2  # free text: not the colleague's "Complaint Caller"
    page.screenshot(path=str(artifacts_dir / "casework-4-search-results.png"), full_page=True)


@closes_its_db_connection
def test_notes_and_a_hand_over_at_the_end_of_the_shift(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size({"width": 1440, "height": 1000})
    ravi = AttenderFactory(username="attender1", first_name="Ravi", last_name="Kumar")
    AttenderFactory(username="attender2", first_name="Meena", last_name="Iyer")
    complaint = filed(name="Priya Nair", hours_ago=2, amounts=["150000", "85000"], created_hours_ago=2, handler=ravi)
    Complaint.objects.filter(pk=complaint.pk).update(status=Complaint.Status.IN_PROGRESS)

    log_in(page, live_server.url, ravi.username)
    page.get_by_role("link", name=complaint.ack_number).click()
    page.get_by_role("heading", name=complaint.ack_number).wait_for()
    note = page.get_by_test_id("note-form")
    note.get_by_label("Note").fill("Bank (HDFC) says the first amount is frozen; waiting for the second.")
    note.get_by_role("button", name="Add note").click()
    page.get_by_text("Note added to the history.").wait_for()
    assert page.locator("ol.history").get_by_text("waiting for the second").is_visible()
    page.screenshot(path=str(artifacts_dir / "casework-5-note.png"), full_page=True)

    handover = page.get_by_test_id("handover-form")
    handover.get_by_label("Hand over to").select_option(label="Meena Iyer (attender2)")
    handover.get_by_label("Note for your colleague").fill("Call the HDFC nodal officer at 18:00 for the 2nd txn.")
    handover.get_by_role("button", name="Hand over").click()
    page.get_by_text(f"Complaint {complaint.ack_number} handed over to attender2.").wait_for()
    page.screenshot(path=str(artifacts_dir / "casework-6-handed-over.png"), full_page=True)

    page.get_by_role("button", name="Log out").click()
    log_in(page, live_server.url, "attender2")
    page.get_by_role("link", name=complaint.ack_number).click()
    history = page.locator("ol.history")
    history.get_by_text("Handed over").wait_for()
    assert history.get_by_text("attender1 → attender2").is_visible()
    assert history.get_by_text("Call the HDFC nodal officer").is_visible()
    page.screenshot(path=str(artifacts_dir / "casework-7-colleague-sees-it.png"), full_page=True)
