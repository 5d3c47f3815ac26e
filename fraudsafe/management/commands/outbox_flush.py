from django.core.management.base import BaseCommand

from fraudsafe.celery import app
from fraudsafe.outbox import outbox_flush


class Command(BaseCommand):
    help = "Publishes tasks kept in the outbox while the broker was unreachable."

    def handle(self, *args, **options):
        self.stdout.write(f"published {outbox_flush(app=app)} task(s)")
