import pytest


@pytest.fixture(autouse=True)
def _alert_templates(request):
    """Case updates are rendered from the alert templates a data migration seeds, which transactional tests
    elsewhere may have flushed: seed them again for every test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or {"db", "transactional_db", "live_server"} & set(
        request.fixturenames
    )
    if not uses_db:
        return
    transactional = {"transactional_db", "live_server"} & set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        transactional = True
    request.getfixturevalue("transactional_db" if transactional else "db")
    from alerts.services import templates_seed

    templates_seed()


@pytest.fixture(autouse=True)
def _no_waiting_on_providers(settings):
    settings.ALERTS_RATE_LIMITS = {"sms": 0, "whatsapp": 0, "email": 0}
