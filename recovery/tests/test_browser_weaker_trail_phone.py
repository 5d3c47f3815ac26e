"""The weaker-evidence flag on the money-trail tree, on a phone (390 px) and a laptop (1366 px): the flagged layer
carries the badge and says why, in full, and the page is no wider than the screen."""

from decimal import Decimal

import pytest

from complaints.tests.test_browser_console import log_in
from pytest_fraudsafe import closes_its_db_connection
from recovery.services import freeze_request_add_layer, freeze_requests_open
from recovery.tests.test_grievances import _linked_pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@closes_its_db_connection
@pytest.mark.parametrize("width", [390, 1366])
def test_the_weaker_evidence_flag_on_the_money_trail(live_server, browser_page, artifacts_dir, width):
    from accounts.tests.factories import AttenderFactory

    page = browser_page
    page.set_viewport_size({"width": width, "height": 844})
    handler = AttenderFactory(username=f"weaker_{width}")
    a, b = _linked_pair(handler)
    first = freeze_requests_open(complaint_ids=[a.pk])[0]
    freeze_request_add_layer(parent_id=first.pk, by=handler, amount=Decimal(9000),
                             values={"beneficiary_kind": "upi", "beneficiary_upi": "other@ybl"})  # fmt: skip

    log_in(page, live_server.url, handler.username)
    page.wait_for_url(f"{live_server.url}/console/")
    page.goto(f"{live_server.url}/console/complaints/{a.pk}/#money-trail")
    card = page.locator("#money-trail")
    card.scroll_into_view_if_needed()
    badge = card.locator(".weaker-badge")
    assert badge.count() == 1 and badge.is_visible()
    note = card.locator(".weaker-note")
    assert b.ack_number in note.inner_text() and note.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    card.screenshot(path=str(artifacts_dir / f"money-trail-weaker-{width}.png"))
