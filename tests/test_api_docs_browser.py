"""/api/docs/ in headless Chromium with the network cut off: Swagger UI comes from the project itself."""

import pytest

from pytest_fraudsafe import closes_its_db_connection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@closes_its_db_connection
def test_the_api_docs_load_with_no_network(live_server, browser_page, artifacts_dir):
    from fraudsafe.views import CachedSchemaView

    CachedSchemaView.forget()
    page = browser_page
    outside, failed = [], []

    def only_this_server(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:  # no internet: anything from a CDN would be lost
            outside.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", only_this_server)
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".swagger-ui .info .title").get_by_text("FraudSafe API").wait_for()
    operation = page.locator(".opblock-summary-path", has_text="/api/alerts/").first
    operation.wait_for()
    operation.click()
    page.get_by_text("Partner scope:").first.wait_for()
    page.screenshot(path=str(artifacts_dir / "api-docs-offline.png"), full_page=False)

    assert outside == [], outside
    assert failed == [], failed
    assert page.locator(".swagger-ui .opblock").count() > 30
    assert "alerts:send" in page.locator(".opblock.is-open").first.inner_text()
