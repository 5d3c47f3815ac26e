import pytest


@pytest.fixture(autouse=True)
def _breach_notice_templates(request):
    """The breach notice templates come from a data migration, which a transactional test (the browser tests here
    and elsewhere) may have flushed: seed them again for every test that uses the database; cheap when there."""
    marker = request.node.get_closest_marker("django_db")
    if not marker and not {"db", "transactional_db", "live_server", "admin_client"} & set(request.fixturenames):
        return
    transactional = bool(marker and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.conf import settings

    from alerts.models import AlertTemplate
    from privacy.seeds import install_breach_templates

    if not AlertTemplate.objects.filter(key=settings.BREACH_NOTICE_TEMPLATE).exists():
        install_breach_templates(AlertTemplate, key=settings.BREACH_NOTICE_TEMPLATE)
