from django.db import migrations


def seed(apps, schema_editor):
    """The "money on hold" notice in every language of the seeds (edited templates are kept)."""
    from recovery.seeds import install_notice_templates

    install_notice_templates(apps.get_model("alerts", "AlertTemplate"))


class Migration(migrations.Migration):
    dependencies = [("recovery", "0002_seed_mapping_and_notice")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
