"""The admin's "Add alert" in headless Chromium at 1366 px: Save shows what would go out, to how many and when;
nothing is queued until the confirm button is pressed."""

import pytest

from accounts.tests.factories import AdminFactory
from alerts.models import Alert, Delivery
from alerts.tests.factories import subscribed_citizen
from fraudsafe.models import OutboxMessage
from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"  # the staff factories' password


def log_in(page, base_url, username, next_path):
    page.goto(f"{base_url}/console/login/?next={next_path}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@closes_its_db_connection
def test_saving_a_new_alert_asks_for_confirmation_before_anything_is_queued(live_server, browser_page, artifacts_dir):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    admin = AdminFactory(username="admin_ravi")
    subscribed_citizen("sms", district="Pune")
    subscribed_citizen("sms", district="Pune", language="ta")
    log_in(page, live_server.url, admin.username, next_path="/admin/alerts/alert/add/")
    page.wait_for_url("**/admin/alerts/alert/add/")

    assert page.locator("#id_audience_type").input_value() == ""  # no audience default
    assert not page.locator("input[name=channel_list]:checked").count()  # no channel ticked
    assert page.locator("#id_send_at_input").get_attribute("type") == "datetime-local"
    assert "IST, UTC+5:30" in page.locator(".field-send_at_input").inner_text()
    assert "Location" in page.locator("#id_template").inner_text()  # names, not keys

    page.select_option("#id_kind", "location")
    page.select_option("#id_audience_type", "location")
    page.fill("#id_audience_district", "Pune")
    page.check("input[name=channel_list][value=sms]")
    page.select_option("#id_template", "location")
    page.fill("#id_send_at_input", "2099-01-01T10:00")
    page.fill("#id_context_json", '{"district": "Pune"}')
    page.locator("input[name=_save]").click()

    confirm = page.get_by_test_id("alert-confirm")
    confirm.wait_for()
    page.screenshot(path=str(artifacts_dir / "admin-alert-confirm-1366.png"), full_page=True)
    assert page.get_by_test_id("confirm-size").inner_text() == "2"
    assert "1 Jan 2099, 10:00 IST (UTC+5:30)" in page.get_by_test_id("confirm-send-at").inner_text()
    previews = page.get_by_test_id("confirm-previews").inner_text()
    assert "Tamil · SMS" in previews and "Hindi · SMS" in previews and "Pune" in previews
    assert (Alert.objects.count(), Delivery.objects.count(), OutboxMessage.objects.count()) == (0, 0, 0)
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366

    page.get_by_role("button", name="Confirm and send").click()
    page.wait_for_url("**/admin/alerts/alert/")
    alert = Alert.objects.get()
    assert (alert.status, alert.audience) == ("scheduled", {"type": "location", "district": "Pune", "area": ""})
