from django.db import migrations


def seed(apps, schema_editor):
    """The victim's restitution notices in every language (edited templates are kept)."""
    from recovery.restitution_seeds import install_restitution_templates

    install_restitution_templates(apps.get_model("alerts", "AlertTemplate"))


class Migration(migrations.Migration):
    dependencies = [("recovery", "0004_restitution"), ("alerts", "0002_seed_templates")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
