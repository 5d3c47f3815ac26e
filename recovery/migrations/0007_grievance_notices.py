from django.db import migrations


def seed(apps, schema_editor):
    """The victim's notices of an upheld grievance lowering their claim, in every language (edited ones kept)."""
    from recovery.restitution_seeds import install_restitution_templates

    install_restitution_templates(apps.get_model("alerts", "AlertTemplate"))


class Migration(migrations.Migration):
    dependencies = [("recovery", "0006_hold_grievance")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
