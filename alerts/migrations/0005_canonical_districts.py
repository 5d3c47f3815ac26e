"""Location alerts name their district canonically ("Bangalore" → "Bengaluru Urban"); unsure names stay."""

from django.db import migrations


def canonicalise(apps, schema_editor):
    from fraudsafe.districts import district_canonical

    Alert = apps.get_model("alerts", "Alert")
    alerts = Alert.objects.using(schema_editor.connection.alias)
    for alert in list(alerts.exclude(district="")):
        canonical = district_canonical(alert.district)[:50]
        twin = alerts.filter(kind=alert.kind, district=canonical, send_at=alert.send_at, preventive=True)
        if alert.preventive and twin.exists():
            continue  # the preventive schedule's natural key already holds the canonical twin
        if canonical and canonical != alert.district:
            alert.district = canonical
            if alert.audience.get("type") == "location":
                alert.audience = {**alert.audience, "district": canonical}
            alert.save(update_fields=["district", "audience"])


class Migration(migrations.Migration):
    dependencies = [("alerts", "0004_seed_case_update_templates")]

    operations = [migrations.RunPython(canonicalise, migrations.RunPython.noop)]
