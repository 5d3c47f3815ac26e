"""Existing complaints get canonical district names ("Bangalore" → "Bengaluru Urban"); unsure names stay."""

from django.db import migrations


def canonicalise(apps, schema_editor):
    from fraudsafe.districts import district_canonical

    Complaint = apps.get_model("complaints", "Complaint")
    complaints = Complaint.objects.using(schema_editor.connection.alias)
    for name in list(complaints.values_list("district", flat=True).distinct()):
        canonical = district_canonical(name)[:50]
        if canonical and canonical != name:
            complaints.filter(district=name).update(district=canonical)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_latest_transaction_at")]

    operations = [migrations.RunPython(canonicalise, migrations.RunPython.noop)]
