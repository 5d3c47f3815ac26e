"""`manage.py retention_purge [--dry-run] [--kind KIND]`: what each retention rule removes (or would remove)."""

from django.core.management.base import BaseCommand

from privacy.retention import RULES, retention_purge, retention_report


class Command(BaseCommand):
    help = "Purges data past its retention period, per kind; --dry-run only lists what would go."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would go; remove nothing.")
        parser.add_argument("--kind", choices=sorted(RULES), help="Only this kind (default: every kind).")

    def handle(self, *args, dry_run: bool = False, kind: str | None = None, **options):
        for name, period, pending in retention_report():
            if kind and name != kind:
                continue
            if dry_run:
                self.stdout.write(f"{name}: {pending} would go (kept {period})")
            else:
                self.stdout.write(f"{name}: {retention_purge(kind=name)} removed (kept {period})")
