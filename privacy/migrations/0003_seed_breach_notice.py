from django.db import migrations


def seed(apps, schema_editor):
    from privacy.seeds import install_breach_templates

    install_breach_templates(apps.get_model("alerts", "AlertTemplate"))


class Migration(migrations.Migration):
    dependencies = [("privacy", "0002_breach_register"), ("alerts", "0002_seed_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
