from django.core.management.base import BaseCommand

from fraudsafe import schedules


class Command(BaseCommand):
    help = "Registers every app's beat schedules (from <app>/schedules.py). Safe to run again."

    def handle(self, *args, **options):
        for name, created in schedules.install(schedules.collect()):
            self.stdout.write(f"{'created' if created else 'updated'}: {name}")
