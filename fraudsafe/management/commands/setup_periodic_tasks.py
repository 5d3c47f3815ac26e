from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from fraudsafe import schedules


class Command(BaseCommand):
    help = _(
        "Creates the beat schedules every app registers (in <app>/schedules.py) that do not exist yet. "
        "Existing ones are kept as the admins left them (schedule, arguments, enabled or not)."
    )

    def handle(self, *args, **options):
        for name, created in schedules.install(schedules.collect()):
            if created:
                self.stdout.write(self.style.SUCCESS(_("created: %(name)s") % {"name": name}))
            else:
                self.stdout.write(_("kept: %(name)s") % {"name": name})
