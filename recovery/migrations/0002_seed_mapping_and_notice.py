from django.db import migrations


def seed(apps, schema_editor):
    from recovery.seeds import install_mapping, install_notice_templates

    install_mapping(apps.get_model("recovery", "Bank"), apps.get_model("recovery", "UpiHandle"))
    install_notice_templates(apps.get_model("alerts", "AlertTemplate"))


class Migration(migrations.Migration):
    dependencies = [("recovery", "0001_initial"), ("alerts", "0002_seed_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
