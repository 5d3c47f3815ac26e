"""The console in Hindi in headless Chromium: an attender who reads Hindi works a Tamil citizen's complaint, then
switches the console to English from the top bar."""

import pytest

from accounts.tests.factories import AttenderFactory
from complaints.tests.factories import ComplaintFactory
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"  # the staff factories' password


@closes_its_db_connection
def test_an_attender_works_in_hindi_and_switches_to_english(live_server, browser_page, artifacts_dir):
    page = browser_page
    attender = AttenderFactory(username="attender_meena", language="hi")
    complaint = ComplaintFactory(name="ஆஷா ராவ்", district="சென்னை", language="ta", transactions=2)

    page.goto(f"{live_server.url}/console/login/")
    page.get_by_label("Username").fill(attender.username)  # before log-in: the browser's language (English)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/console/")

    assert page.get_by_role("heading", name="मेरी कतार").is_visible()
    assert page.locator("html").get_attribute("lang") == "hi"
    page.get_by_role("link", name="बिना सौंपी", exact=True).click()
    page.get_by_role("heading", name="बिना सौंपी शिकायतें").wait_for()
    assert page.get_by_text("தமிழ் (तमिल)").is_visible()  # the citizen's language, named for a Hindi reader
    page.screenshot(path=str(artifacts_dir / "console-hi-1-unassigned.png"), full_page=True)

    page.get_by_role("button", name=f"{complaint.ack_number} लें").click()
    page.wait_for_url(f"{live_server.url}/console/complaints/{complaint.pk}/*")
    assert page.get_by_text(f"शिकायत {complaint.ack_number} अब आपकी है।").is_visible()
    assert page.get_by_text("ஆஷா ராவ்").is_visible()  # what the citizen typed, as typed
    page.get_by_label("नई स्थिति").select_option("in_progress")
    page.get_by_role("button", name="स्थिति सेव करें").click()
    page.get_by_text("लंबित → कार्रवाई जारी").wait_for()
    page.screenshot(path=str(artifacts_dir / "console-hi-2-complaint.png"), full_page=True)

    page.get_by_label("भाषा").select_option("en")
    page.get_by_role("button", name="बदलें").click()
    page.get_by_role("heading", name="Complainant").wait_for()
    assert page.get_by_text("Pending → In progress").is_visible()
    page.screenshot(path=str(artifacts_dir / "console-hi-3-back-in-english.png"), full_page=True)
    attender.refresh_from_db()
    assert attender.language == "en"
