from django.db import migrations


def seed(apps, schema_editor):
    from alerts.seeds import NOTICE_KEYS, install

    install(apps.get_model("alerts", "AlertTemplate"), keys=NOTICE_KEYS)


class Migration(migrations.Migration):
    dependencies = [("alerts", "0003_case_updates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
