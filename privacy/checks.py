"""System checks: retention periods the law sets a floor for."""

from django.conf import settings
from django.core.checks import Warning, register


@register()
def retention_floors(app_configs, **kwargs):
    warnings = []
    if settings.AUDIT_RETENTION_DAYS < 365:
        warnings.append(
            Warning("AUDIT_RETENTION_DAYS is under 365: DPDP Rules r. 6 ask for a year.", id="privacy.W001")
        )
    if settings.RETENTION_LOG_DAYS < 180:
        warnings.append(Warning("RETENTION_LOG_DAYS is under 180: CERT-In asks for 180 days.", id="privacy.W002"))
    return warnings
