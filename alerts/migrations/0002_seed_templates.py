from django.db import migrations


def seed(apps, schema_editor):
    from alerts.seeds import KEYS, install

    install(apps.get_model("alerts", "AlertTemplate"), keys=KEYS)


class Migration(migrations.Migration):
    dependencies = [("alerts", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
