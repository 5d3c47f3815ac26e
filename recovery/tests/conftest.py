import pytest


@pytest.fixture(autouse=True)
def bank_mapping(db):
    """The seeded mapping and notice templates (a transactional test run before may have flushed the migration's
    rows); cheap when they are there."""
    from alerts.models import AlertTemplate
    from recovery.models import Bank, UpiHandle
    from recovery.restitution_seeds import NOTICES, install_restitution_templates
    from recovery.seeds import install_mapping, install_notice_templates

    if not UpiHandle.objects.filter(handle="ybl").exists():
        install_mapping(Bank, UpiHandle)
    if not AlertTemplate.objects.filter(key="money_on_hold").exists():
        install_notice_templates(AlertTemplate)
    if AlertTemplate.objects.filter(key__in=NOTICES).count() < sum(3 * len(v) for v in NOTICES.values()):
        install_restitution_templates(AlertTemplate)
