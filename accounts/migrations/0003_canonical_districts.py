"""Existing citizens get canonical district names ("Bangalore" → "Bengaluru Urban"); unsure names stay."""

from django.db import migrations


def canonicalise(apps, schema_editor):
    from fraudsafe.districts import district_canonical

    Citizen = apps.get_model("accounts", "Citizen")
    citizens = Citizen.objects.using(schema_editor.connection.alias)
    for name in list(citizens.exclude(district="").values_list("district", flat=True).distinct()):
        canonical = district_canonical(name)[:50]
        if canonical and canonical != name:
            citizens.filter(district=name).update(district=canonical)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_phone_default_region")]

    operations = [migrations.RunPython(canonicalise, migrations.RunPython.noop)]
