"""Fills Complaint.latest_transaction_at (the priority's clock) for complaints filed before it existed."""

from datetime import datetime

from django.db import migrations
from django.utils import timezone


def fill(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Transaction = apps.get_model("complaints", "Transaction")
    alias = schema_editor.connection.alias
    pending = Complaint.objects.using(alias).filter(latest_transaction_at__isnull=True).values_list("pk", flat=True)
    for complaint_id in pending.iterator(chunk_size=500):
        moments = [
            timezone.make_aware(datetime.combine(day, clock))
            for day, clock in Transaction.objects.using(alias).filter(complaint_id=complaint_id).values_list("date", "time")
        ]
        if moments:
            Complaint.objects.using(alias).filter(pk=complaint_id).update(latest_transaction_at=max(moments))


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_casework")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
