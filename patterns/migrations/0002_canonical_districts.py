"""Existing fraud cases get canonical district names, so "Bangalore" and "Bengaluru Urban" count as one district.

Runs on whichever store holds the case store (SQLite, PostgreSQL or MongoDB): one UPDATE per distinct name.
Report snapshots are history and stay as computed; the next scheduled run recomputes them.
"""

from django.db import migrations


def canonicalise(apps, schema_editor):
    from fraudsafe.districts import district_canonical

    FraudCase = apps.get_model("patterns", "FraudCase")
    cases = FraudCase.objects.using(schema_editor.connection.alias)
    for name in sorted(set(cases.values_list("district", flat=True))):
        canonical = district_canonical(name)
        if canonical and canonical != name:
            cases.filter(district=name).update(district=canonical)


class Migration(migrations.Migration):
    dependencies = [("patterns", "0001_initial")]

    operations = [migrations.RunPython(canonicalise, migrations.RunPython.noop)]
